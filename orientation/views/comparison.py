"""Occupations side by side: the same rows for every fiche, aligned, unknowns said.

`compare()` lays the comparison out as plain blocks of rows (no rich here); the
renderers below only decide how they look in a terminal, in Markdown or in JSON,
so every format shows the same facts in the same order. The salary wording, tag
bars and lookup are the ones `show` uses (render.py, content.py).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from orientation.content.model import MAX_WEIGHT, Catalogue, Fiche, Stage, suggested_command
from orientation.errors import UsageError
from orientation.views.fiche import (
    NO_STAGE,
    STAGE_LABELS,
    bac_level,
    editorial_line,
    fiche_data,
    places,
    salary_footnote,
    salary_monthly,
    tag_bar,
)
from orientation.views.parts import WEIGHT_WORDS, Bar, _and
from orientation.views.results import SCALE_SENTENCE, quiz_header_lines, score_words

if TYPE_CHECKING:
    from pathlib import Path

    from orientation.content.glossary import Glossary, Term
    from orientation.results.outcome import Outcome
    from orientation.scoring import Match

MIN_FICHES, MAX_FICHES = 2, 5
# A tag stands out when its weights differ by at least this many steps (e.g. central
# in one occupation, secondary in another); the most dispersed ones first, ties kept.
MIN_DIFFERENCE = 2
MAX_DISTINCTIVE = 3
# Salary rows in career order; None: the document gives no stage.
SALARY_STAGES: tuple[Stage | None, ...] = ("start", "mid", "end", None)
MARK = "▶"
# The missions shown: the first ones of each fiche, in its order. Fiches follow their
# source, which opens on the heart of the job; the rest is counted, never cut.
MAX_MISSIONS = 3
# There is no field for the contract or the status: a fiche says them, when its source
# does, in a note on the work setting or in a section of its own. Taken as they are:
# each note of environment.notes, and each item of a section, that names a contract or
# a status (or a whole section headed so); nothing is inferred from the employers.
CONTRACT_WORDS = re.compile(
    r"\b(contrats?|statuts?|CDD|CDI|intérim|fonction publique|fonctionnaires?|titulaires?"
    r"|vacataires?|rattachement hiérarchique)\b",
    re.IGNORECASE,
)
YOU = "vous"
NOT_MEASURED = "—"


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[tuple[str, ...], ...]  # one per fiche; () where the documents say nothing
    highlight: bool = False
    bars: bool = False  # one line of bars per cell: the row stays packed, however tall its label


@dataclass(frozen=True)
class Block:
    """Rows under one heading, with notes (footnotes, legends) said after them."""

    heading: str
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Placing:
    """Where the quiz put an occupation: its score and rank among all of them."""

    score: int
    rank: int
    of: int
    flat: bool  # the quiz ranks nothing: a flat profile, or answers that do not hang together
    match: Match | None = None  # for how sure the placing is
    errors: Mapping[str, float] = field(default_factory=dict, compare=False)

    @property
    def low(self) -> int | None:
        return None if self.match is None else self.match.low

    def tied_with(self, better: Placing) -> bool:
        """Not told apart from *better* by the answers (scoring.told_apart)."""
        from orientation.scoring import told_apart

        if self.match is None or better.match is None:
            return False
        return not told_apart(better.match, self.match, self.errors)


@dataclass(frozen=True)
class ChartRow:
    """One interest: its weight in each occupation and, with the quiz results, the
    person's own mean answer, once (not beside each occupation)."""

    label: str
    weights: tuple[Bar, ...]  # one per fiche, 0 to MAX_WEIGHT
    you: Bar | None = None  # 1 to 5; None: no results, or the interest was not measured
    highlight: bool = False


@dataclass(frozen=True)
class Chart:
    """The interest weights as a writer may draw them (the HTML handout does, as SVG),
    with what the drawing means said in words."""

    rows: tuple[ChartRow, ...]
    notes: tuple[str, ...]
    you: bool = False  # with the quiz results: a « Vous » column


@dataclass(frozen=True)
class Comparison:
    fiches: tuple[Fiche, ...]
    blocks: tuple[Block, ...]
    distinctive: tuple[str, ...]  # labels of the tags that differ most, strongest first
    placings: dict[str, Placing] | None = None  # slug -> quiz placing, with --results
    root: Path | None = None  # the content root, for the commands suggested
    chart: Chart | None = None  # the interests, to draw
    terms: tuple[Term, ...] = ()  # the glossary's terms the comparison uses
    outcome: Outcome | None = None  # the quiz results compared with, if any


def pick(catalogue: Catalogue, names: Sequence[str]) -> tuple[Fiche, ...]:
    """The fiches named, in the order given: 2 to 5 distinct occupations."""
    if not MIN_FICHES <= len(names) <= MAX_FICHES:
        raise UsageError(
            f"indiquer de {MIN_FICHES} à {MAX_FICHES} métiers à comparer "
            f"({len(names)} donné{'s' if len(names) > 1 else ''}). "
            "Exemple : orientation compare coordinateur-social cesf"
        )
    fiches = [catalogue.find(name) for name in names]
    for i, fiche in enumerate(fiches):
        if fiche in fiches[:i]:
            first = names[fiches.index(fiche)]
            raise UsageError(
                f"« {first} » et « {names[i]} » désignent le même métier ({fiche.slug}) : "
                "le citer une seule fois."
            )
    return tuple(fiches)


def compare(
    fiches: Sequence[Fiche],
    catalogue: Catalogue,
    outcome: Outcome | None = None,
    glossary: Glossary | None = None,
) -> Comparison:
    """Every row for every fiche, in the order given; with a quiz *outcome*, its scores;
    with a *glossary*, today's names of renamed terms and the terms used, explained."""
    fiches = tuple(fiches)
    blocks: list[Block] = []
    placings = None
    if outcome is not None:
        from orientation.views.results import unranked as why_unranked

        result = outcome.result
        placings = {
            m.slug: Placing(m.score, rank, len(result.matches), not result.ranked, m, result.errors)
            for rank, m in enumerate(result.matches, 1)
        }
        unranked = UNRANKED[why_unranked(result)] if not result.ranked else ""
        blocks.append(_quiz_block(fiches, placings, tuple(quiz_header_lines(outcome)), unranked))
    blocks.append(
        Block("Le métier", _job_rows(fiches), _editorial(fiches, *_confusion_fields(fiches)))
    )
    blocks.append(
        Block(
            "Études et expérience",
            (
                Row("Niveau d'études", tuple(_given(bac_level(f)) for f in fiches)),
                Row("Diplômes cités", tuple(f.education.diplomas for f in fiches)),
                Row("Expérience demandée", tuple(f.experience for f in fiches)),
            ),
            _editorial(fiches, "education.level", "education.diplomas"),
        )
    )
    blocks.append(_salary_block(fiches))
    blocks.append(
        Block(
            "Où l'on travaille",
            (
                Row("Structures et employeurs", tuple(places(f) for f in fiches)),
                Row("Bureau ou terrain", tuple(_given(f.environment.workplace) for f in fiches)),
                Row("Déplacements", tuple(_given(f.environment.travel) for f in fiches)),
                Row("Contrat et statut", tuple(contract_and_status(f) for f in fiches)),
            ),
            _editorial(fiches, "environment.structures", "employers"),
        )
    )
    blocks.append(
        Block(
            "Et ensuite",
            (
                Row("Évolution de carrière", tuple(f.career for f in fiches)),
                Row("Métiers proches", tuple(f.related for f in fiches)),
            ),
            _editorial(fiches, "career", "related"),
        )
    )
    if any(f.advantages or f.drawbacks for f in fiches):
        blocks.append(
            Block(
                "Avantages et inconvénients",
                (
                    Row("Avantages", tuple(f.advantages for f in fiches)),
                    Row("Inconvénients", tuple(f.drawbacks for f in fiches)),
                ),
                _editorial(fiches, "advantages", "drawbacks"),
            )
        )
    tags_block, distinctive = _tags_block(fiches, catalogue, outcome)
    blocks.append(tags_block)
    terms: tuple[Term, ...] = ()
    if glossary is not None:
        blocks, terms = _explained(blocks, glossary)
    return Comparison(
        fiches,
        tuple(blocks),
        distinctive,
        placings,
        catalogue.root,
        _chart(fiches, catalogue, outcome),
        terms,
        outcome,
    )


def _explained(blocks: list[Block], glossary: Glossary) -> tuple[list[Block], tuple[Term, ...]]:
    """Today's names after the first use of renamed terms; the terms used, explained
    (and returned, for the short box of the printed comparison)."""
    from dataclasses import replace

    from orientation.views.fiche import SIGLES, Renames

    mark = Renames(glossary)
    blocks = [
        replace(
            block,
            rows=tuple(
                replace(row, cells=tuple(tuple(map(mark, cell)) for cell in row.cells))
                for row in block.rows
            ),
            notes=tuple(map(mark, block.notes)),
        )
        for block in blocks
    ]
    texts = [t for b in blocks for row in b.rows for cell in row.cells for t in cell]
    used = glossary.used_in([*texts, *(note for b in blocks for note in b.notes)])
    if used:
        blocks.append(Block(SIGLES, (), tuple(f"{t.term} : {t.definition}" for t in used)))
    return blocks, tuple(used)


def _job_rows(fiches: tuple[Fiche, ...]) -> tuple[Row, ...]:
    """The summary, the first missions, the publics, then what each job must not be
    taken for, if any fiche says."""
    rows = [
        Row("Résumé", tuple((f.summary,) for f in fiches)),
        Row("Missions", tuple(first_missions(f) for f in fiches)),
        Row("Publics", tuple(f.publics for f in fiches)),
    ]
    if any(f.confusions for f in fiches):
        cells = tuple(tuple(c.said for c in f.confusions) for f in fiches)
        rows.append(Row("Ne pas confondre", cells))
    return tuple(rows)


def first_missions(fiche: Fiche) -> tuple[str, ...]:
    """The first MAX_MISSIONS missions, whole, and how many more the fiche has."""
    shown = fiche.missions[:MAX_MISSIONS]
    more = len(fiche.missions) - len(shown)
    if not more:
        return shown
    return (*shown, f"… et {more} {'autre' if more == 1 else 'autres'} : voir la fiche complète")


def contract_and_status(fiche: Fiche) -> tuple[str, ...]:
    """What the fiche says of the contract and the status (see CONTRACT_WORDS)."""
    said = [note for note in fiche.environment.notes if CONTRACT_WORDS.search(note)]
    for section in fiche.sections:
        whole = CONTRACT_WORDS.search(section.heading) is not None
        said += [item for item in section.items if whole or CONTRACT_WORDS.search(item)]
    return tuple(said)


def _editorial(fiches: tuple[Fiche, ...], *names: str) -> tuple[str, ...]:
    """The editorial notes on the rubrics *names*, each with the occupation it is about."""
    return tuple(
        f"{fiche.title} : {editorial_line(note, fiche)}"
        for fiche in fiches
        for name in names
        for note in fiche.notes_on(name)
    )


def _confusion_fields(fiches: tuple[Fiche, ...]) -> tuple[str, ...]:
    """« confusions[1] »… up to the most confusions a fiche has."""
    most = max((len(f.confusions) for f in fiches), default=0)
    return tuple(f"confusions[{n}]" for n in range(1, most + 1))


def _given(value: str | None) -> tuple[str, ...]:
    return (value,) if value else ()


# Why the quiz ranks nothing (views.results.unranked): a flat profile by its level
# (scoring.level), or answers that do not hang together; in the words the results use.
UNRANKED = {
    "high": "non classé : tout vous attire",
    "low": "non classé : ces activités vous attirent peu",
    "middle": "non classé : profil peu différencié",
    "few": "non classé : trop peu de réponses",
    "inconsistent": "non classé : réponses peu cohérentes",
}


def _quiz_block(
    fiches: tuple[Fiche, ...],
    placings: dict[str, Placing],
    notes: tuple[str, ...],
    unranked: str = UNRANKED["middle"],
) -> Block:
    if any(p.flat for p in placings.values()):
        cell = (unranked,)
        return Block("Votre quiz", (Row("Score", tuple(cell for _ in fiches)),), notes)
    # The score in words, as in the results: « 48/100 » alone reads as half a match.
    cells = tuple(
        (f"{score_words(p.score, p.low)} ({_ordinal(p.rank)}\u00a0sur\u00a0{p.of})",)
        for p in (placings[f.slug] for f in fiches)
    )
    said = [SCALE_SENTENCE]
    best = min(fiches, key=lambda f: placings[f.slug].rank)
    leader = placings[best.slug]
    tied = [f.title for f in fiches if f is best or placings[f.slug].tied_with(leader)]
    if len(tied) > 1:
        said.append(
            f"À confirmer : vos réponses ne départagent pas nettement {', '.join(tied)} : "
            "considérez-les à égalité."
        )
    return Block("Votre quiz", (Row("Score", cells),), (*said, *notes))


def _ordinal(rank: int) -> str:
    return "1er" if rank == 1 else f"{rank}e"


def _salary_block(fiches: tuple[Fiche, ...]) -> Block:
    """One row per career stage given by any fiche; each figure numbered with its source."""
    footnotes: list[str] = []
    rows: list[Row] = []
    for stage in SALARY_STAGES:
        if not any(s.stage == stage for f in fiches for s in f.salaries):
            continue
        cells: list[tuple[str, ...]] = []
        for fiche in fiches:
            figures: list[str] = []
            for number, salary in enumerate(fiche.salaries, 1):
                if salary.stage != stage:
                    continue
                said = [salary_footnote(salary)]
                said += [editorial_line(n, fiche) for n in fiche.notes_on(f"salary[{number}]")]
                note = " ".join(said)
                if note not in footnotes:
                    footnotes.append(note)
                # The mark stays on the line of its figure.
                figures.append(f"{salary_monthly(salary)}\u00a0[{footnotes.index(note) + 1}]")
            cells.append(tuple(figures))
        rows.append(Row(STAGE_LABELS[stage] if stage else NO_STAGE, tuple(cells)))
    if not rows:
        rows.append(Row("Salaire", tuple(() for _ in fiches)))
    notes = tuple(f"[{n}] {note}" for n, note in enumerate(footnotes, 1))
    return Block("Salaire par mois", tuple(rows), (*notes, *_editorial(fiches, "salary")))


def distinctive_tags(fiches: Sequence[Fiche], catalogue: Catalogue) -> list[str]:
    """Tag ids whose weights differ most between the fiches (see MIN_DIFFERENCE)."""
    dispersion: dict[str, float] = {}
    for tag in catalogue.tags:
        weights = [f.weights.get(tag.id, 0) for f in fiches]
        if max(weights) - min(weights) >= MIN_DIFFERENCE:
            mean = sum(weights) / len(weights)
            dispersion[tag.id] = math.sqrt(sum((w - mean) ** 2 for w in weights) / len(weights))
    ranked = sorted(dispersion, key=lambda t: -dispersion[t])  # stable: vocabulary order
    if len(ranked) > MAX_DISTINCTIVE:
        cut = dispersion[ranked[MAX_DISTINCTIVE - 1]]
        ranked = [t for t in ranked if dispersion[t] >= cut - 1e-9]
    return ranked


def you_bars(profile: dict[str, float], flat: bool) -> dict[str, str]:
    """The person's profile (mean answer per tag, 1 to 5) in as many cells as a weight.

    From their least liked tag (no cell) to their most liked (three): the score, a
    correlation, sees the profile only up to such a stretch, so these bars show the very
    shape it compares to each occupation's weights. A flat profile is not stretched (it
    would blow noise up): its bars stand on the answer scale, one cell per 4/3 of a point.
    """
    from orientation.scoring import SCALE_MAX, SCALE_MIN

    low, high = (SCALE_MIN, SCALE_MAX) if flat else you_range(profile)
    if high - low < 1e-9:
        return {tag: tag_bar(0) for tag in profile}
    return {
        tag: tag_bar(math.floor(MAX_WEIGHT * (value - low) / (high - low) + 0.5 + 1e-9))
        for tag, value in profile.items()
    }


def you_range(profile: dict[str, float]) -> tuple[float, float]:
    return min(profile.values(), default=0.0), max(profile.values(), default=0.0)


def _tags_block(
    fiches: tuple[Fiche, ...], catalogue: Catalogue, outcome: Outcome | None = None
) -> tuple[Block, tuple[str, ...]]:
    """A row of bars per tag; with a quiz *outcome*, the person's own bar in each cell."""
    yours = {} if outcome is None else you_bars(outcome.result.profile, outcome.result.flat)

    def cell(fiche: Fiche, tag: str) -> tuple[str, ...]:
        bar = tag_bar(fiche.weights.get(tag, 0))
        if outcome is None:
            return (bar,)
        return (f"{bar}  {YOU}\u00a0{yours.get(tag, NOT_MEASURED)}",)

    distinctive = distinctive_tags(fiches, catalogue)
    rows = tuple(
        Row(
            f"{MARK} {tag.label}" if tag.id in distinctive else tag.label,
            tuple(cell(f, tag.id) for f in fiches),
            highlight=tag.id in distinctive,
            bars=True,
        )
        for tag in catalogue.tags
    )
    weights = sorted(WEIGHT_WORDS, reverse=True)
    notes = ["Poids : " + " ; ".join(f"{tag_bar(w)} {WEIGHT_WORDS[w].split()[0]}" for w in weights)]
    if outcome is not None:
        notes.append(_you_legend(outcome, catalogue))
    labels = tuple(catalogue.tag(t).label for t in distinctive)
    if labels:
        notes.append(
            f"{MARK} Les centres d'intérêt dont les poids varient le plus d'un métier à l'autre "
            f"(au moins {MIN_DIFFERENCE} crans d'écart ; au plus les {MAX_DISTINCTIVE} plus "
            "marqués, ex æquo compris)."
        )
    else:
        notes.append(
            f"Aucun centre d'intérêt ne les distingue nettement (écart de poids toujours "
            f"inférieur à {MIN_DIFFERENCE} crans)."
        )
    return Block("Centres d'intérêt", rows, tuple(notes)), labels


def _chart(fiches: tuple[Fiche, ...], catalogue: Catalogue, outcome: Outcome | None) -> Chart:
    """The interests as measures to draw: the weights, and the person's mean answers.
    Without *outcome*, imports nothing of the scoring (`compare` of named occupations
    stays light: tests/test_cli_compare.py)."""
    distinctive = distinctive_tags(fiches, catalogue)
    profile = outcome.result.profile if outcome is not None else {}
    if profile:
        from orientation.scoring import SCALE_MAX, SCALE_MIN
        from orientation.views.results import decimal
    rows = []
    for tag in catalogue.tags:
        weights = tuple(
            Bar(
                tag.label,
                w,
                0,
                MAX_WEIGHT,
                f"{w}/{MAX_WEIGHT}, {WEIGHT_WORDS[w].split()[0]}",
                True,
            )
            for w in (f.weights.get(tag.id, 0) for f in fiches)
        )
        mean = profile.get(tag.id)
        you = None
        if mean is not None:
            you = Bar(tag.label, mean, SCALE_MIN, SCALE_MAX, f"{decimal(mean)}/5", True)
        label = f"{MARK} {tag.label}" if tag.id in distinctive else tag.label
        rows.append(ChartRow(label, weights, you, tag.id in distinctive))
    notes = [
        f"Poids de chaque centre d'intérêt dans le métier, de 0 (absent) à {MAX_WEIGHT} "
        "(central), d'après sa fiche."
    ]
    if outcome is not None:
        notes.append(_you_words(outcome, catalogue))
    if distinctive:
        notes.append(
            f"{MARK} Les centres d'intérêt dont les poids varient le plus d'un métier à l'autre "
            f"(au moins {MIN_DIFFERENCE} crans d'écart ; au plus les {MAX_DISTINCTIVE} plus "
            "marqués, ex æquo compris)."
        )
    return Chart(tuple(rows), tuple(notes), outcome is not None)


def _you_words(outcome: Outcome, catalogue: Catalogue) -> str:
    """What the « Vous » column of the drawn interests shows."""
    unmeasured = len(outcome.result.profile) < len(catalogue.tags)
    said = (
        "Vous : la moyenne de vos réponses au quiz pour chaque centre d'intérêt, de 1 "
        "(« Pas du tout ») à 5 (« Tout à fait ») ; "
        + ("non mesuré : aucune réponse ; " if unmeasured else "")
    )
    if outcome.result.flat:
        return said + "votre profil est trop peu différencié pour être rapproché d'un métier."
    return (
        said + "c'est l'écart entre vos centres d'intérêt qui compte : plus vos barres montent "
        "et descendent avec celles d'un métier, plus son score est haut."
    )


def _you_legend(outcome: Outcome, catalogue: Catalogue) -> str:
    from orientation.views.results import decimal

    result = outcome.result
    unmeasured = len(result.profile) < len(catalogue.tags)
    dash = f" ; {NOT_MEASURED} : aucune réponse" if unmeasured else ""
    if result.flat:
        return (
            f"« {YOU} » : la moyenne de vos réponses au quiz, de 1 à 5, sur autant de crans "
            f"que les poids ({tag_bar(0)} moins de 1,67 ; {tag_bar(1)} jusqu'à 3 ; "
            f"{tag_bar(2)} jusqu'à 4,33 ; {tag_bar(3)} au-delà{dash}). Votre profil est trop "
            "peu différencié pour être rapproché d'un métier."
        )
    low, high = you_range(result.profile)
    return (
        f"« {YOU} » : vos centres d'intérêt les uns par rapport aux autres, d'après la "
        f"moyenne de vos réponses au quiz : {tag_bar(3)} ceux qui vous attirent le plus "
        f"({decimal(high)} sur 5), {tag_bar(0)} le moins ({decimal(low)} sur 5){dash}. "
        "Le score compare cette forme à celle des poids : plus vos barres montent et "
        "descendent avec celles d'un métier, plus il est haut."
    )


# --- On paper (compare --html) --------------------------------------------------------

QUIZ, STUDIES, SALARY = "Votre quiz", "Études et expérience", "Salaire par mois"
INTERESTS = "Centres d'intérêt"
STUDIES_AND_PAY = "Niveau d'études et salaire par mois"  # on paper, page 1
DIPLOMAS = "Diplômes et expérience"  # on paper, after


def paper_blocks(comparison: Comparison) -> tuple[tuple[Block, ...], tuple[Block, ...]]:
    """The blocks of the printed comparison: first the quiz, the studies and the pay
    (page 1), then the rest; the interests are drawn (Chart) between the two, and the
    terms used go in a short box at the end (short_definition)."""
    from orientation.views.fiche import PAPER_SIGLES, SIGLES, short_definition

    first: list[Block] = []
    rest: list[Block] = []
    level: tuple[Row, ...] = ()
    for block in comparison.blocks:
        if block.heading == QUIZ:
            first.append(block)
        elif block.heading == STUDIES:
            # The level on page 1, in one table with the pay; the diplomas (a long list
            # each), the experience and the notes on them after.
            level = block.rows[:1]
            rest.append(Block(DIPLOMAS, block.rows[1:], block.notes))
        elif block.heading == SALARY:
            first.append(Block(STUDIES_AND_PAY, (*level, *block.rows), block.notes))
        elif block.heading == SIGLES:
            notes = tuple(f"{t.term} : {short_definition(t)}" for t in comparison.terms)
            rest.append(Block(PAPER_SIGLES, (), notes))
        elif block.heading != INTERESTS:  # drawn (Chart)
            rest.append(block)
    return tuple(first), tuple(rest)


def paper_steps(comparison: Comparison) -> tuple[str, ...]:
    """Where to read more, on paper: the whole fiches, and the names to look up."""
    from orientation.views.fiche import search_name

    names = _and([f"« {search_name(f)} »" for f in comparison.fiches])
    return (
        "Les fiches complètes de ces métiers : votre conseiller·ère d'orientation peut les "
        "imprimer.",
        f"Sur onisep.fr, le site public d'information sur les métiers et les formations, "
        f"chercher {names}.",
    )


def paper_footer(comparison: Comparison) -> str:
    """The line at the foot of each printed page: what, for whom, as of when."""
    from orientation.output import long_date
    from orientation.views.fiche import updated_on

    said = f"Comparaison de {len(comparison.fiches)} métiers"
    outcome = comparison.outcome
    if outcome is not None:
        from orientation.views.results import taken_on

        if outcome.name:
            said += f" pour {outcome.name}"
        taken = taken_on(outcome)
        return said + (f", quiz passé le {taken}" if taken else "")
    days = sorted({d for d in map(updated_on, comparison.fiches) if d})
    if not days:
        return said
    if len(days) == 1:
        return f"{said} · fiches à jour le {long_date(days[0])}"
    return f"{said} · fiches à jour entre le {long_date(days[0])} et le {long_date(days[-1])}"


# --- Terminal ---------------------------------------------------------------------

BULLET, HANG = "• ", "  "


def headline(comparison: Comparison) -> str:
    line = f"Comparaison de {len(comparison.fiches)} métiers."
    if comparison.distinctive:
        line += f" Ce qui les distingue le plus : {', '.join(comparison.distinctive)}."
    return line


def show_command(comparison: Comparison, fiche: Fiche) -> str:
    words = f"show {fiche.slug}"
    return (
        f"orientation {words}"
        if comparison.root is None
        else suggested_command(comparison.root, words)
    )


# --- Markdown ---------------------------------------------------------------------


# --- JSON -------------------------------------------------------------------------


def data(comparison: Comparison) -> list[dict[str, Any]]:
    """The compared fiches' data, in the order asked (salaries normalised per month)."""
    items = []
    for fiche in comparison.fiches:
        item = fiche_data(fiche)
        if comparison.placings is not None:
            placing = comparison.placings[fiche.slug]
            item["match"] = {
                "score": placing.score,
                "rank": placing.rank,
                "of": placing.of,
                "ranked": not placing.flat,
            }
        items.append(item)
    return items
