"""What the user sees: fiches and lists as rich renderables, Markdown and JSON.

A fiche is first laid out as plain `Part`s (headings, paragraphs, bullets,
labelled entries); the terminal and Markdown renderers only decide how those
look, so both always show the same facts in the same order.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from orientation.content.model import suggested_command
from orientation.output import french_date, grouped, plural
from orientation.results.outcome import LISTED, Outcome, answer_label, band_label
from orientation.views.fiche import tag_bar
from orientation.views.parts import (
    BAR_EMPTY,
    BAR_FULL,
    WEIGHT_WORDS,
    Bar,
    Labelled,
    Part,
    Rank,
    _and,
)

if TYPE_CHECKING:
    from orientation.scoring import Evidence, Match, Reason, Result


# --- The layout of a fiche, shared by every output format -------------------------


# --- Terminal ---------------------------------------------------------------------


# --- Markdown ---------------------------------------------------------------------


# --- JSON -------------------------------------------------------------------------


# --- Quiz results -----------------------------------------------------------------

SCORE_CELLS = 10  # one cell per 10 points
PROFILE_CELLS = 12  # one cell per third of a point between 1 and 5
EXPLAINED = 3  # the top matches that get a reason in the ranking and a « Pourquoi »
TIED_NAMED = 5  # the occupations named as tied for first place
REMINDER = (
    "Ce résultat est un point de départ pour en parler, avec un·e conseiller·ère "
    "d'orientation par exemple, pas un verdict : il ne dit rien de vos capacités."
)
# One sentence a 15-year-old understands; the band beside each score says the rest
# (that 50 means no link, not half a match).
SCALE_SENTENCE = "Sur 100 : plus le score est haut, plus le métier demande ce qui vous plaît."
QUOTED_WORDS = 5  # a question quoted again is shortened to its first words
ALREADY_QUOTED = "Les réponses qui le montrent sont citées plus haut."


def score_words(score: int, low: int | None = None) -> str:
    """'83/100, très proche' (*low*: the score's lower bound, Match.low)."""
    return f"{score}/100, {band_label(score, low)}"


def score_bar(score: int) -> str:
    full = round(score * SCORE_CELLS / 100)
    return BAR_FULL * full + BAR_EMPTY * (SCORE_CELLS - full)


def profile_bar(value: float) -> str:
    from orientation.scoring import SCALE_MAX, SCALE_MIN

    full = round((value - SCALE_MIN) * PROFILE_CELLS / (SCALE_MAX - SCALE_MIN))
    return BAR_FULL * full + BAR_EMPTY * (PROFILE_CELLS - full)


def decimal(value: float) -> str:
    """3.25 -> '3,3': one decimal, French comma."""
    return f"{value:.1f}".replace(".", ",")


class _Quotes:
    """The person's answers as quoted in one screen or document: each question in full
    the first time, then shortened, with a word that it was quoted above."""

    def __init__(self, outcome: Outcome) -> None:
        self.outcome = outcome
        self.seen: set[str] = set()

    def __call__(
        self, evidence: tuple[Evidence, ...], against: tuple[Evidence, ...] = ()
    ) -> tuple[str, ...]:
        """The answers that agree, then those that disagree (« mais : … »): these are
        always shown, the other side of the reason."""
        if evidence and all(e.question in self.seen for e in evidence):
            lines = [ALREADY_QUOTED]
        else:
            lines = [self._quote(e) for e in evidence]
        lines += [f"mais\u00a0: {self._quote(e)}" for e in against]
        return tuple(lines)

    def _quote(self, e: Evidence) -> str:
        question = self.outcome.questions[e.question].text
        if e.question in self.seen:
            words = question.split()
            if len(words) > QUOTED_WORDS:
                question = " ".join(words[:QUOTED_WORDS]).rstrip(",;:") + "…"
        self.seen.add(e.question)
        # Non-breaking spaces keep « » and the colon on the line of their words.
        return f"{answer_label(e.answer)}\u00a0: «\u00a0{question}\u00a0»"


def _reason_entry(outcome: Outcome, reason: Reason, quote: _Quotes) -> Labelled:
    words = f"{WEIGHT_WORDS[reason.weight]}\u00a0({tag_bar(reason.weight)})"
    return Labelled(
        outcome.catalogue.tag(reason.tag).label,
        (f"Vous attire plus que les autres activités ; {words}.",),
        quote(reason.evidence, reason.against),
    )


def _caution_entry(outcome: Outcome, reason: Reason, quote: _Quotes) -> Labelled:
    label = outcome.catalogue.tag(reason.tag).label
    bar = tag_bar(reason.weight)
    if reason.attracts:
        words = WEIGHT_WORDS[reason.weight].replace("dans ce métier", "ici")
        sentence = (
            f"{label} : vous attire plus que les autres activités, mais {words}\u00a0({bar})."
        )
    elif reason.liking > 0:
        # Above the person's own mean, but not clearly, or below « Neutre »: it does
        # not attract them, and the sentence must not say so (issue 27).
        words = WEIGHT_WORDS[reason.weight]
        sentence = (
            f"{label} : {words}\u00a0({bar}) ; vous l'avez un peu plus choisi que le reste, "
            f"sans qu'il vous attire vraiment ({decimal(reason.mean)}/5)."
        )
    else:
        words = WEIGHT_WORDS[reason.weight]
        sentence = (
            f"{label} : {words}\u00a0({bar}), mais vous attire moins que les autres activités."
        )
    return Labelled("Point d'attention", (sentence,), quote(reason.evidence, reason.against))


def results_headline(outcome: Outcome) -> str:
    """The one line that says it all, at the top of every view of the results."""
    result = outcome.result
    if not result.ranked:
        return FLAT_TEXTS[unranked(result)][0]
    best = result.matches[0]
    words = band_label(best.score, best.low)
    # « de vos intérêts » left out: with how sure it is, the line still fits 80 columns.
    return f"Le plus proche : {outcome.title(best.slug)}, {words} ({sure_word(result)})."


def results_summary(
    outcome: Outcome, saved: str | None = None, *, steps: bool = True
) -> list[Part]:
    """What fits one screen when the quiz ends: the ranking with its words, why the
    first ones, and what to do next (see results_sections for the whole). Without
    *steps*, they come later (`next_steps_renderable`), once the results are kept."""
    # A screen: a flat profile gives the command that opens each fiche, not only its name.
    ranked = outcome.result.ranked
    first = _ranking_part(outcome) if ranked else _flat_part(outcome, commands=True)
    if not steps:
        return [first]
    return [first, Part("Et maintenant ?", commands=_next_steps(outcome, saved, summary=True))]


def results_sections(outcome: Outcome, saved: str | None = None) -> list[Part]:
    """The whole results in reading order: ranking (or why there is none), profile,
    reasons. *saved* is the results file, when there is one, for the commands."""
    parts = _whole(outcome)
    parts.append(Part("Et maintenant ?", commands=_next_steps(outcome, saved)))
    return parts


def _whole(outcome: Outcome, *, paper: bool = False) -> list[Part]:
    """The ranking (or why there is none), the profile and the reasons; on *paper*, no
    command and no identifier: a family reads them, not a terminal."""
    result = outcome.result
    quote = _Quotes(outcome)
    parts: list[Part] = []
    if result.ranked:
        parts.append(_ranking_part(outcome, paper=paper))
    else:
        parts.append(_flat_part(outcome, paper=paper))
    parts.append(_profile_part(outcome))
    if result.ranked:
        for match in result.matches[:EXPLAINED]:
            entries = [_reason_entry(outcome, r, quote) for r in match.reasons]
            if not entries:
                entries.append(
                    Labelled("Pourquoi", ("aucun de vos centres d'intérêt n'y ressort nettement",))
                )
            if match.caution is not None:
                entries.append(_caution_entry(outcome, match.caution, quote))
            heading = (
                f"Pourquoi : {outcome.title(match.slug)} · {score_words(match.score, match.low)}"
            )
            parts.append(Part(heading, labelled=tuple(entries)))
    return parts


def _drawn_by(outcome: Outcome, match: Match) -> str | None:
    """One line on what draws the person to an occupation, in the quiz's own words;
    none for an occupation far from their interests (« éloigné »)."""
    if match.band == "far":
        return None
    drawing = _drawing(outcome, match)
    if drawing is None:
        return "Aucun de vos centres d'intérêt n'y ressort nettement."
    return f"{DRAWN_BY} : {drawing}"


DRAWN_BY = "Ce qui vous y attire"


def _drawing(outcome: Outcome, match: Match) -> str | None:
    """« Développement territorial, Travail en réseau. »: the interests that draw the
    person to an occupation, the first two; None if none does."""
    labels = [outcome.catalogue.tag(r.tag).label for r in match.reasons[:2]]
    return ", ".join(labels) + "." if labels else None


def _ranking_part(outcome: Outcome, *, paper: bool = False) -> Part:
    result = outcome.result
    paragraphs = [SCALE_SENTENCE]
    tie = tie_sentence(outcome)
    if tie:
        paragraphs.append(tie)
    listed = result.matches[:LISTED]
    cautions = _cautions(outcome, [m.slug for m in listed])
    ranking = tuple(
        Rank(
            outcome.title(m.slug),
            m.score,
            band_label(m.score, m.low),
            _drawn_by(outcome, m) if number < EXPLAINED else None,
            cautions.get(m.slug),
        )
        for number, m in enumerate(listed)
    )
    return Part(
        "Les métiers, du plus proche au plus éloigné de vos intérêts",
        paragraphs=tuple(paragraphs),
        ranking=ranking,
        bullets=_more(
            len(result.matches),
            "moins {} de vos intérêts."
            if paper
            else "moins {} de vos intérêts : le classement complet est au format JSON (--json).",
            ("proche", "proches"),
        ),
    )


def _cautions(outcome: Outcome, slugs: list[str]) -> dict[str, str]:
    """Slug -> « Ne pas confondre avec … » for the listed occupations whose name looks
    like another's (Confusion.lookalike). Two listed occupations that look alike are
    said once, under the first: the line names the second."""
    titles = {outcome.title(slug): slug for slug in slugs}
    lookalikes = {e.slug: e.lookalikes for e in outcome.catalogue.entries if e.lookalikes}
    said: set[frozenset[str]] = set()
    cautions = {}
    for slug in slugs:
        others = []
        for other in lookalikes.get(slug, ()):
            pair = frozenset((slug, titles.get(other, other)))
            if pair not in said:
                said.add(pair)
                others.append(other)
        if others:
            cautions[slug] = f"Ne pas confondre avec {', ni avec '.join(others)}."
    return cautions


def tie_sentence(outcome: Outcome) -> str | None:
    """« À confirmer : vos réponses ne départagent pas nettement les premiers (…) :
    considérez-les à égalité. », when the answers do not tell them apart (Match.tied,
    scoring.TIE_Z); None otherwise."""
    result = outcome.result
    tied = [result.matches[0], *(m for m in result.matches[1:] if m.tied)]
    if len(tied) < 2:
        return None
    names = ", ".join(outcome.title(m.slug) for m in tied[:TIED_NAMED])
    if len(tied) > TIED_NAMED:
        names += f" et {plural(len(tied) - TIED_NAMED, 'autre')}"
    return (
        f"À confirmer : vos réponses ne départagent pas nettement les premiers ({names}) "
        ": considérez-les à égalité."
    )


def _more(total: int, then: str, agreed: tuple[str, str]) -> tuple[str, ...]:
    """The line that says how many occupations are not listed, if any, and where they are;
    *then* gets the word of *agreed* (singular, plural) that agrees with their number."""
    if total <= LISTED:
        return ()
    left = total - LISTED
    occupations = plural(left, "autre métier", "autres métiers")
    # Not str.format: the rest of *then* may quote a folder whose name holds braces.
    return (f"Et {occupations}, {then.replace('{}', agreed[0] if left < 2 else agreed[1], 1)}",)


def sure_word(result: Result) -> str:
    """How sure a ranked result is, in a word a student reads: « net » when the first
    match is told apart from the others by the answers, « à confirmer » when not
    (scoring: TIE_Z)."""
    return "à confirmer" if result.near_tie else "résultat net"


def unranked(result: Result) -> str:
    """Why a result shows no ranking: the answers do not hang together
    ('inconsistent'), or the profile is flat, at its level (scoring.level)."""
    from orientation.scoring import level

    return "inconsistent" if not result.consistent else level(result)


# A result without a ranking, by why (unranked): the headline, why there is no ranking,
# and what to do next. Each case gets its own words: « nothing here appeals to me » is as
# useful to hear as a first match, and answers that do not hang together are not a
# profile at all (issue 27).
FLAT_TEXTS = {
    "inconsistent": (
        "Réponses peu cohérentes : le quiz ne peut pas classer les métiers.",
        "Vos réponses à des activités qui se ressemblent vont souvent dans des sens "
        "opposés (« Tout à fait » à l'une, « Pas du tout » à une autre toute proche) : "
        "on ne voit pas ce que vous préférez. Cela arrive quand on répond vite, au hasard, "
        "ou sans bien comprendre les questions. Un classement serait trompeur : les "
        "métiers sont listés sans score.",
        "Pour la suite : refaites le quiz au calme, en prenant le temps de lire chaque "
        "activité (« Je ne sais pas » est permis) ; ou parlez-en avec un·e conseiller·ère "
        "d'orientation.",
    ),
    "high": (
        "Tout vous attire : le quiz ne peut pas départager les métiers.",
        "Vous avez répondu « Plutôt oui » ou « Tout à fait » à presque tout : vos réponses "
        "ne disent pas ce que vous préférez. Un classement serait trompeur : les métiers "
        "sont listés sans score.",
        "Pour départager : refaites le quiz en gardant « Tout à fait » pour les activités "
        "qui vous plaisent vraiment plus que les autres ; ou comparez deux métiers pour "
        "voir ce qui les distingue, et demandez-vous lequel vous ressemble.",
    ),
    "low": (
        "Ces activités vous attirent peu : les métiers décrits ici ne sont peut-être pas "
        "pour vous.",
        "Vous avez répondu « Plutôt non » ou « Pas du tout » à presque tout. C'est une "
        "information utile, pas un échec : ces métiers du social demandent surtout ces "
        "activités. Un classement serait trompeur : les métiers sont listés sans score.",
        "Pour la suite : parlez-en avec un·e conseiller·ère d'orientation (Psy-EN au lycée, "
        "CIO, Mission locale) pour explorer d'autres domaines ; si un métier de la liste "
        "vous intrigue quand même, lisez sa fiche.",
    ),
    "middle": (
        "Profil peu différencié : le quiz ne peut pas départager les métiers.",
        "Vos réponses se valent presque toutes d'un centre d'intérêt à l'autre, souvent "
        "autour de « Ni oui ni non » : vous ne connaissez peut-être pas encore assez ces "
        "activités pour choisir. Un classement serait trompeur : les métiers sont listés "
        "sans score.",
        "Pour aller plus loin : lisez deux ou trois fiches pour vous faire une idée de ces "
        "métiers, puis refaites le quiz ; ou parlez-en avec un·e conseiller·ère.",
    ),
    "few": (
        "Trop peu de réponses pour classer les métiers.",
        "Trop de « Je ne sais pas » : {measured}. Un classement serait trompeur : les "
        "métiers sont listés sans score.",
        "Pour aller plus loin : refaites le quiz en répondant même sans être sûr·e (une "
        "première impression suffit) ; ou lisez les fiches et parlez-en avec un·e "
        "conseiller·ère.",
    ),
}


def _measured(measured: int, total: int) -> str:
    """How many interests could be measured, the verb agreed with the count."""
    if measured == 0:
        return f"aucun des {grouped(total)} centres d'intérêt n'a pu être mesuré"
    if measured == 1:
        return f"seul 1 centre d'intérêt sur {grouped(total)} a pu être mesuré"
    return f"seuls {grouped(measured)} centres d'intérêt sur {grouped(total)} ont pu être mesurés"


def _flat_part(outcome: Outcome, *, paper: bool = False, commands: bool = False) -> Part:
    """Why there is no ranking, and the occupations listed without a score: on *paper*
    by their titles only; with *commands* (a screen), each with the command that shows
    its fiche; else with its identifier."""
    why, then = _flat_words(outcome)
    entries = outcome.catalogue.entries
    root = outcome.catalogue.root
    if paper:
        listed = (
            *(e.title for e in entries[:LISTED]),
            *_more(len(entries), "non {}.", ("listé", "listés")),
        )
        return Part("Pas de classement", paragraphs=(why, then), bullets=listed)
    more = _more(
        len(entries),
        "{} par " + suggested_command(root, "list") + ".",
        ("listé", "tous listés"),
    )
    if commands:
        pointers = tuple(
            (e.title, suggested_command(root, f"show {e.slug}")) for e in entries[:LISTED]
        )
        return Part("Pas de classement", paragraphs=(why, then), pointers=pointers, bullets=more)
    listed = (*(f"{e.title} : {e.slug}" for e in entries[:LISTED]), *more)
    return Part("Pas de classement", paragraphs=(why, then), bullets=listed)


def _flat_words(outcome: Outcome) -> tuple[str, str]:
    """Why there is no ranking, and what to do about it."""
    result = outcome.result
    _, why, then = FLAT_TEXTS[unranked(result)]
    return why.format(measured=_measured(len(result.profile), len(outcome.catalogue.tags))), then


def answered_words(answered: int, skipped: int) -> str:
    """'28 réponses sur 30 (2 passées)'."""
    words = f"{plural(answered, 'réponse')} sur {grouped(answered + skipped)}"
    if skipped:
        words += f" ({grouped(skipped)} {'passée' if skipped == 1 else 'passées'})"
    return words


def _profile_part(outcome: Outcome) -> Part:
    from orientation.scoring import SCALE_MAX, SCALE_MIN

    result = outcome.result
    profile = result.profile
    measured = sorted(profile, key=lambda t: (-profile[t], t))
    labels = {t: outcome.catalogue.tag(t).label for t in measured}
    rows = [
        Labelled(
            labels[t],
            (f"{profile_bar(profile[t])} {decimal(profile[t])}/5",),
            bar=Bar(labels[t], profile[t], SCALE_MIN, SCALE_MAX, f"{decimal(profile[t])}/5", True),
        )
        for t in measured
    ]
    rows += [
        Labelled(tag.label, ("non mesuré (aucune réponse)",))
        for tag in outcome.catalogue.tags
        if tag.id not in profile
    ]
    paragraphs = [
        answered_words(result.answered, result.skipped)
        + ". Moyenne de vos réponses par centre d'intérêt, de 1 (« Pas du tout ») à 5 "
        "(« Tout à fait ») : c'est l'écart entre eux qui compte."
    ]
    return Part("Vos centres d'intérêt", paragraphs=tuple(paragraphs), labelled=tuple(rows))


def _next_steps(
    outcome: Outcome, saved: str | None = None, *, summary: bool = False
) -> tuple[tuple[str, str], ...]:
    """What to do next, as commands to copy. *saved*: the results file, if any; the
    *summary* says where the whole explanation is."""
    import shlex

    result = outcome.result
    matches = result.matches
    root = outcome.catalogue.root
    results = f" --results {shlex.quote(saved)}" if saved else ""
    steps: list[tuple[str, str]] = []
    if summary and saved:
        details = "pourquoi, points d'attention, votre profil" if result.ranked else "votre profil"
        steps.append(
            (f"Le détail ({details})", suggested_command(root, f"report {shlex.quote(saved)}"))
        )
    if summary and saved and result.ranked and len(matches) > 1:
        # One screen: the details, then the first two side by side with the scores.
        pair = f"{matches[0].slug} {matches[1].slug}"
        steps.append(
            (
                "Comparer les deux premiers, avec vos scores",
                suggested_command(root, f"compare {pair}{results}"),
            )
        )
        return tuple(steps)
    if not result.ranked or not matches:
        why = None if result.ranked else unranked(result)
        if why == "high" and len(matches) > 1:
            pair = f"{matches[0].slug} {matches[1].slug}"
            steps.append(("Comparer deux métiers", suggested_command(root, f"compare {pair}")))
        elif why in ("few", "middle", "inconsistent"):
            steps.append(("Refaire le quiz", suggested_command(root, "quiz")))
        steps.append(("Lire une fiche", suggested_command(root, "show <identifiant>")))
        steps.append(("Voir tous les métiers", suggested_command(root, "list")))
        return tuple(steps)
    steps.append(
        ("Lire la fiche du premier métier", suggested_command(root, f"show {matches[0].slug}"))
    )
    if len(matches) > 1:
        pair = f"{matches[0].slug} {matches[1].slug}"
        what = "Comparer les deux premiers" + (", avec vos scores" if saved else "")
        steps.append((what, suggested_command(root, f"compare {pair}{results}")))
    if not summary:
        steps.append(("Voir tous les métiers", suggested_command(root, "list")))
    return tuple(steps)


def quiz_header_lines(outcome: Outcome) -> list[str]:
    """When the quiz was taken, and what changed since it was saved."""
    lines = []
    who = whose(outcome.name, outcome.group)
    if who:
        lines.append(who)
    if outcome.date:
        lines.append(f"Quiz passé le {french_date(outcome.date)}.")
    lines += outcome.notes
    return lines


def whose(name: str | None, group: str | None) -> str | None:
    """« Élève : Léa Martin · classe : 2de B. », or what is known of it."""
    said = [
        f"{what}\u00a0: {value}" for what, value in (("Élève", name), ("Classe", group)) if value
    ]
    return " · ".join(said) + "." if said else None


# --- On paper (report --html): a handout a family reads ------------------------------

ON_PAPER = 2  # the occupations page 1 describes, with their studies and pay
SURE_HEADING = "Ce résultat est-il sûr ?"
STEPS_HEADING = "Et maintenant ?"


def certainty(outcome: Outcome) -> str:
    """How sure the result is, in one sentence a family reads: a first occupation ahead
    of the next, a near tie, or why there is no ranking at all. Every handout says it
    through here: « résultat net » or « à confirmer » (scoring.TIE_Z)."""
    result = outcome.result
    if not result.ranked:
        return FLAT_TEXTS[unranked(result)][0]
    tie = tie_sentence(outcome)
    if tie is not None:
        return tie
    first, *others = result.matches
    if not others:
        return results_headline(outcome)
    gap = first.score - others[0].score
    return (
        f"Résultat net : {outcome.title(first.slug)} arrive en tête, {plural(gap, 'point')} "
        f"devant {outcome.title(others[0].slug)}, et vos réponses les départagent."
    )


def scope(outcome: Outcome) -> str:
    """What the quiz compares, and what it is not."""
    jobs = plural(len(outcome.catalogue.entries), "métier")
    return (
        f"Ce quiz rapproche vos intérêts de {jobs} du secteur social seulement, ceux que "
        "décrit cet outil : il ne dit rien des autres métiers. Ce n'est pas un verdict."
    )


def taken_on(outcome: Outcome) -> str | None:
    """The day of the quiz (« 4 décembre 2026 »), when the results say it."""
    from orientation.output import long_date

    return long_date(outcome.date[:10]) if outcome.date else None


def paper_header_lines(outcome: Outcome) -> list[str]:
    """The header of the handout: whose results, when, what changed; no command in it."""
    return [_without_command(line) for line in quiz_header_lines(outcome)]


# « (« orientation quiz --complet » pose toutes les questions) »: a note's aside that
# names a command, dropped on paper.
_COMMAND_ASIDE = re.compile(r"\s*\(«\s*orientation\s[^»]*»[^)]*\)")


def _without_command(line: str) -> str:
    return _COMMAND_ASIDE.sub("", line)


def paper_summary(outcome: Outcome) -> list[Part]:
    """Page 1 of the handout: what the quiz compares, how sure the result is, the first
    occupations with one sentence, their studies and starting pay, then what to do next
    in plain words (never a command)."""
    from orientation.scoring import band
    from orientation.views.fiche import level_row, start_salary_row

    result = outcome.result
    parts = [Part("", paragraphs=(scope(outcome),))]
    parts.append(Part(SURE_HEADING, paragraphs=(certainty(outcome),)))
    if result.ranked:
        for number, match in enumerate(result.matches[:ON_PAPER], 1):
            fiche = outcome.catalogue.find(match.slug)
            words = score_words(match.score)
            rows = [Labelled("Score", (words,), bar=Bar("Score", match.score, 0, 100, words, True))]
            drawing = _drawing(outcome, match)
            if drawing and band(match.score) != "far":  # as in the ranking
                rows.append(Labelled(DRAWN_BY, (drawing,)))
            rows += [level_row(fiche), start_salary_row(fiche)]
            parts.append(
                Part(f"{number}. {fiche.title}", paragraphs=(fiche.summary,), labelled=tuple(rows))
            )
    else:
        parts.append(Part("Pas de classement", paragraphs=_flat_words(outcome)))
    parts.append(Part(STEPS_HEADING, bullets=paper_steps(outcome)))
    return parts


COUNSELLORS = (
    "En parler avec un·e conseiller·ère d'orientation : le ou la Psy-EN (psychologue de "
    "l'Éducation nationale) du collège ou du lycée, un CIO (centre d'information et "
    "d'orientation), ou une Mission locale pour les jeunes de 16 à 25 ans sortis de l'école."
)


def paper_steps(outcome: Outcome) -> tuple[str, ...]:
    """What to do next, in plain words: whom to talk to, what to read, what to look up
    on onisep.fr (the occupations' names to search)."""
    from orientation.views.fiche import search_name

    result = outcome.result
    if not result.ranked or not result.matches:
        return (
            COUNSELLORS,
            "Lire les fiches des métiers décrits ici : votre conseiller·ère peut les imprimer.",
            "Sur onisep.fr, le site public d'information sur les métiers et les formations, "
            "chercher les métiers qui vous intriguent, dans le social ou ailleurs.",
        )
    fiches = [outcome.catalogue.find(m.slug) for m in result.matches[:ON_PAPER]]
    which = "de ces deux métiers, et leur comparaison" if len(fiches) > 1 else "de ce métier"
    names = _and([f"« {search_name(f)} »" for f in fiches])
    codes = [r.code for f in fiches for r in f.rome[:1]]
    rome = ""
    if codes:
        nearest = "codes ROME les plus proches" if len(codes) > 1 else "code ROME le plus proche"
        rome = f" ({nearest} : {', '.join(codes)})"
    return (
        COUNSELLORS,
        f"Lire les fiches {which} : votre conseiller·ère peut les imprimer.",
        "Sur onisep.fr, le site public d'information sur les métiers et les formations, "
        f"chercher {names}{rome} : les études qui y mènent, où se former.",
    )


def paper_detail(outcome: Outcome) -> list[Part]:
    """After page 1: the whole ranking, the profile and the reasons, without command."""
    return _whole(outcome, paper=True)
