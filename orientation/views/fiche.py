"""What a fiche says, as `Part`s: « L'essentiel », the sections in the order a student
asks, salaries by the month with their notes, editorial notes, renamed terms and the
glossary; and a fiche or the catalogue as JSON data."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from orientation.content.model import MAX_WEIGHT, Catalogue, Editorial, Entry, Fiche, Salary, Source
from orientation.output import long_date, plural
from orientation.views.parts import (
    BAR_EMPTY,
    BAR_FULL,
    MISSING,
    WEIGHT_WORDS,
    Bar,
    Labelled,
    Part,
    _and,
    part_texts,
)

if TYPE_CHECKING:
    from pathlib import Path

    from orientation.content.glossary import Glossary, Term
    from orientation.content.reperes import Figure


STAGE_LABELS = {"start": "Début de carrière", "mid": "Milieu de carrière", "end": "Fin de carrière"}


NO_STAGE = "Étape non précisée"


BASIS_LABELS = {"gross": "brut", "net": "net"}


def euros(amount: int) -> str:
    """1807 -> '1 807 €' with non-breaking spaces (French style, never split)."""
    return f"{amount:,}".replace(",", "\u00a0") + "\u00a0€"


def euro_range(low: int, high: int) -> str:
    return euros(low) if low == high else f"{euros(low)} à {euros(high)}"


def tag_bar(weight: int, maximum: int = MAX_WEIGHT) -> str:
    return BAR_FULL * weight + BAR_EMPTY * (maximum - weight)


def _bac(level: int) -> str:
    return "bac" if level == 0 else f"bac\u00a0+{level}"


def bac_level(fiche: Fiche) -> str | None:
    """The level in today's words (« Bac +3 à bac +5 »), saying how it was found when the
    source does not give it as bac +N, with the source's own words next to it."""
    education = fiche.education
    low, high = education.level_min, education.level_max
    if low is None and high is None:
        return None
    if high is None:
        level = f"{_bac(low or 0)} et plus"
    elif low is None:
        level = f"jusqu'à {_bac(high)}"
    else:
        level = _bac(low) if low == high else f"{_bac(low)} à {_bac(high)}"
    level = level[0].upper() + level[1:]
    if education.derived == "diplomas":
        level += ", d'après les diplômes cités"
    elif education.derived == "editorial":
        level += " (NDLR : niveau du diplôme d'État du métier ; la source n'en dit rien)"
    if education.wording:
        old = ", ancienne nomenclature" if education.derived == "nomenclature" else ""
        level += f" (la source dit « {education.wording} »{old})"
    return level


def salary_monthly(salary: Salary) -> str:
    """The figure per month, saying gross or net only where the source does."""
    amount = euro_range(*salary.monthly)
    basis = BASIS_LABELS[salary.basis] if salary.basis else None
    if basis:
        return f"{amount} {basis} par mois"
    return f"{amount} par mois (brut ou net non précisé)"


def salary_footnote(salary: Salary) -> str:
    """The details of a figure as one note, its source first."""
    *details, source = salary_details(salary)
    return " ".join(_sentence(d) for d in (source, *details))


def _sentence(value: str) -> str:
    return value if value.endswith((".", "!", "?", "…")) else value + "."


def salary_details(salary: Salary) -> list[str]:
    """Where the figure comes from: the original wording when converted, then the source."""
    details: list[str] = []
    if salary.period == "year":
        basis = f" {BASIS_LABELS[salary.basis]}" if salary.basis else ""
        original = euro_range(salary.low, salary.high)
        details.append(f"Chiffre d'origine : {original}{basis} par an (divisé par 12)")
    if salary.note:
        details.append(salary.note)
    details.append(f"Source : {salary.source}, {salary.date or 'sans date'}")
    return details


def editorial_line(note: Editorial, fiche: Fiche, *, cite: bool = True) -> str:
    """An editorial note as every view shows it: marked and dated, followed by the dated
    reference figure it cites (reperes.yaml, read from the fiche's content root), unless
    not *cite* (`show --bref`: one screen; the full fiche gives it)."""
    line = f"NDLR ({long_date(note.date)}) : {note.note}"
    if note.figure is None or not cite:
        return line
    from orientation.content.catalogue import load_reperes

    root = fiche.path.parent.parent  # <root>/fiches/<slug>.yaml
    return f"{line} {load_reperes(root).cite(note.figure)}"


def _notes(fiche: Fiche, *names: str, cite: bool = True) -> tuple[str, ...]:
    return tuple(
        editorial_line(n, fiche, cite=cite) for name in names for n in fiche.notes_on(name)
    )


def _listed(items: tuple[str, ...], limit: int = 3) -> str:
    """The first *limit* items as one line (« associations, CAF et 4 autres »)."""
    words = [item.rstrip(".").strip() for item in items]
    words = [w if w[1:2].isupper() or i == 0 else w[0].lower() + w[1:] for i, w in enumerate(words)]
    separator = " ; " if any("," in w for w in words[:limit]) else ", "
    shown = separator.join(words[:limit])
    if len(words) > limit:
        rest = len(words) - limit
        shown += f" et {plural(rest, 'autre')}"
    return shown


def starting_salary(fiche: Fiche) -> tuple[int, Salary] | None:
    """The figure a student looks for first: the start of a career, else the first one
    (with its position in the fiche, which editorial notes refer to)."""
    numbered = list(enumerate(fiche.salaries, 1))
    for number, salary in numbered:
        if salary.stage == "start":
            return number, salary
    return numbered[0] if numbered else None


def places(fiche: Fiche) -> tuple[str, ...]:
    """Where the job is done: the types of structures, then the employers named."""
    return fiche.environment.structures + tuple(
        e for e in fiche.employers if e not in fiche.environment.structures
    )


def essentiel_part(fiche: Fiche, catalogue: Catalogue, *, brief: bool = False) -> Part:
    """What a student needs first, on one screen: level, pay, publics, places, interests,
    and what not to take the job for."""
    education = fiche.education
    listed = 2 if brief else 3  # diplomas named
    rows = [
        level_row(fiche),
        Labelled(
            "Diplômes",
            # One screen (--bref): the first two, the real diplomas first in the fiche.
            (_listed(education.diplomas, listed) if education.diplomas else MISSING,),
            _diploma_notes(fiche, listed),
        ),
    ]
    if fiche.experience:  # often what stands between a student and the job
        rows.append(Labelled("Expérience", (fiche.experience[0],)))
    rows.append(start_salary_row(fiche, cite=not brief))
    publics = fiche.brief.get("publics") or (_listed(fiche.publics) if fiche.publics else MISSING)
    rows.append(Labelled("Publics", (publics,)))
    where = places(fiche)
    shown = fiche.brief.get("places") or (_listed(where) if where else MISSING)
    rows.append(Labelled("Où travailler", (shown,)))
    interests = [
        catalogue.tag(tag).label for tag in list(fiche.weights)[:3] if fiche.weights[tag] > 0
    ]
    rows.append(Labelled("Intérêts forts", (", ".join(interests),)))
    if fiche.rome:
        rows.append(rome_row(fiche, brief=brief))
    if brief and fiche.confusions:  # one screen: the names; the notes in the full fiche
        others = " ; ".join(c.other for c in fiche.confusions)
        rows.append(Labelled("Ne pas confondre avec", (f"{others} (voir la fiche complète).",)))
        return Part("L'essentiel", labelled=tuple(rows))
    for number, confusion in enumerate(fiche.confusions, 1):
        notes = _notes(fiche, f"confusions[{number}]")
        rows.append(Labelled("Ne pas confondre", (confusion.said,), notes))
    return Part("L'essentiel", labelled=tuple(rows))


def level_row(fiche: Fiche) -> Labelled:
    """« Niveau d'études », with the editors' notes on it."""
    return Labelled(
        "Niveau d'études", (bac_level(fiche) or MISSING,), _notes(fiche, "education.level")
    )


def start_salary_row(fiche: Fiche, *, cite: bool = True) -> Labelled:
    """The starting salary (else the first figure), its source and its notes: a figure
    below the SMIC carries the note that says so, with the SMIC cited unless not *cite*."""
    first = starting_salary(fiche)
    if first is None:
        return Labelled("Salaire au début", (MISSING,), _notes(fiche, "salary"))
    number, salary = first
    label = "Salaire au début" if salary.stage == "start" else "Salaire"
    source = f"Source : {salary.source}, {salary.date or 'sans date'}"
    details = (source, *_notes(fiche, f"salary[{number}]", cite=cite))
    return Labelled(label, (salary_monthly(salary),), details)


def _diploma_notes(fiche: Fiche, shown: int) -> tuple[str, ...]:
    """The notes on the diplomas that a short list must carry: all of them when the
    source names none; else those about a diploma shown (« diplôme d'État de travailleur
    social » does not exist: never shown without its note)."""
    diplomas = fiche.education.diplomas
    notes = fiche.notes_on("education.diplomas")
    if diplomas:
        names = [d.casefold() for d in diplomas[:shown]]
        notes = tuple(n for n in notes if any(name in n.note.casefold() for name in names))
    return tuple(editorial_line(n, fiche) for n in notes)


def rome_row(fiche: Fiche, *, brief: bool = False) -> Labelled:
    """The nearest ROME codes, marked as the editors' choice and dated (with *brief*, in
    the same line: one screen)."""
    codes = tuple(f"{r.code} {r.label}" for r in fiche.rome)
    if brief:  # the code, the key to look up elsewhere; its label in the full fiche
        return Labelled(
            "Code ROME", (" ; ".join(r.code for r in fiche.rome) + " (choisi par la rédaction)",)
        )
    day = max(r.date for r in fiche.rome)
    note = (
        f"NDLR ({long_date(day)}) : le plus proche dans le répertoire des métiers de France "
        "Travail (ROME 4.0), choisi par la rédaction."
    )
    return Labelled("Code ROME", (" ; ".join(codes),), (note,))


def fiche_sections(fiche: Fiche, catalogue: Catalogue, *, authoring: bool = False) -> list[Part]:
    """Every part of a fiche in the order a student asks: what, for whom, where, how to
    get there, pay, career. Rubrics the source leaves empty are named once, together.
    With *authoring*, the sources say their file and the authors' notes."""
    education = fiche.education
    env = fiche.environment
    missing: list[str] = []

    def given(label: str, values: tuple[str, ...], *details: str) -> tuple[Labelled, ...]:
        if values:
            return (Labelled(label, values, details),)
        missing.append(label[0].lower() + label[1:])
        return ()

    def one(label: str, value: str | None) -> tuple[Labelled, ...]:
        return given(label, (value,) if value else ())

    def part(heading: str, bullets: tuple[str, ...], *notes: str) -> list[Part]:
        if not bullets:
            missing.append(heading[0].lower() + heading[1:])
            return [Part(heading, notes=notes)] if notes else []
        return [Part(heading, bullets=bullets, notes=notes)]

    sections = [essentiel_part(fiche, catalogue)]
    if fiche.description:
        sections.append(Part("Description", paragraphs=_paragraphs(fiche.description)))
    sections += part("Missions", fiche.missions)
    sections += [Part(s.heading, bullets=s.items) for s in fiche.sections]
    sections += part("Publics accompagnés", fiche.publics, *_notes(fiche, "publics"))
    where = (
        *given("Structures et employeurs", places(fiche)),
        *one("Bureau ou terrain", env.workplace),
        *one("Déplacements", env.travel),
        *((Labelled("À savoir", env.notes),) if env.notes else ()),
    )
    notes = _notes(fiche, "environment.structures", "employers")
    if where or notes:
        sections.append(Part("Où travailler", labelled=where, notes=notes))
    formation = (
        *one("Niveau d'études", bac_level(fiche)),
        *given("Diplômes cités", education.diplomas),
        *((Labelled("À savoir", education.notes),) if education.notes else ()),
    )
    notes = _notes(fiche, "education.level", "education.diplomas")
    if formation or notes:
        sections.append(Part("Formation", labelled=formation, notes=notes))
    sections += part("Expérience demandée", fiche.experience)
    sections += part("Compétences techniques", fiche.technical_skills)
    sections += part("Savoir-être", fiche.interpersonal_skills)
    salaries = tuple(
        Labelled(
            STAGE_LABELS[s.stage] if s.stage else NO_STAGE,
            (salary_monthly(s),),
            (*salary_details(s), *_notes(fiche, f"salary[{number}]")),
        )
        for number, s in enumerate(fiche.salaries, 1)
    )
    if salaries:
        sections.append(Part("Salaire", labelled=salaries, notes=_notes(fiche, "salary")))
    else:
        missing.append("salaire")
    sections += part("Évolution de carrière", fiche.career, *_notes(fiche, "career"))
    sections += part("Métiers proches", fiche.related, *_notes(fiche, "related"))
    sections += part("Avantages", fiche.advantages)
    sections += part("Inconvénients", fiche.drawbacks)
    sections.append(
        Part(
            "Centres d'intérêt",
            labelled=tuple(
                Labelled(
                    f"{tag_bar(t.weight)} {catalogue.tag(t.tag).label}",
                    (t.why,),
                    bar=Bar(
                        catalogue.tag(t.tag).label,
                        t.weight,
                        0,
                        MAX_WEIGHT,
                        f"{t.weight}/{MAX_WEIGHT}, {WEIGHT_WORDS[t.weight]}",
                    ),
                )
                for t in fiche.tags
                if t.weight > 0
            ),
        )
    )
    if missing:
        line = f"Non renseigné par la source : {_and(missing)}."
        sections.append(Part("", paragraphs=(line,)))
    sections.append(sources_part(fiche, authoring=authoring))
    return sections


SIGLES = "Sigles et mots techniques"
PAPER_SIGLES = "Sigles et mots du métier"  # the short box of a printed fiche
_ACRONYM = re.compile(r"[A-Z0-9]+")


def short_definition(term: Term) -> str:
    """A term in a few words, for the box of a printed fiche: an acronym by what its
    letters stand for (« CIO » : « Centre d'information et d'orientation »); any other
    term by what comes before « : » when that says something on its own (three words
    at least, the rest no table of equivalences such as « niveau 6 = bac +3 »), else by
    its first clause, up to « ; ». The whole definition is on screen and in `glossaire`."""
    definition = term.definition.split(" ; ", 1)[0]
    head, colon, tail = definition.partition(" : ")
    if colon and (_ACRONYM.fullmatch(term.term) or (len(head.split()) >= 3 and "=" not in tail)):
        definition = head
    return definition if definition.endswith((".", "…")) else definition + "."


class Renames:
    """Today's name of a renamed body or diploma, said once per view after its first use:
    « Pôle emploi (NDLR : aujourd'hui France Travail, depuis le 1er janvier 2024) »."""

    def __init__(self, glossary: Glossary | None) -> None:
        terms = glossary.terms if glossary is not None else ()
        self.pending: list[Term] = [t for t in terms if t.renamed]

    def __call__(self, value: str) -> str:
        if value.startswith("NDLR"):  # never a note inside the editors' own note
            return value
        for term in list(self.pending):
            match = term.pattern.search(value)
            if match:
                # At the end of the name's clause: « DUT Carrières sociales (NDLR : …) »,
                # never inside a name.
                end = _CLAUSE_END.search(value, match.end())
                at = end.start() if end else len(value)
                value = f"{value[:at]} (NDLR : {term.renamed}){value[at:]}"
                self.pending.remove(term)
        return value


_CLAUSE_END = re.compile(r"\s*(?:[,;.:()]|\s(?:et|ou)\s)")


def _renamed(part: Part, mark: Renames) -> Part:
    from dataclasses import replace

    return replace(
        part,
        paragraphs=tuple(map(mark, part.paragraphs)),
        labelled=tuple(
            replace(e, values=tuple(map(mark, e.values)), details=tuple(map(mark, e.details)))
            for e in part.labelled
        ),
        bullets=tuple(map(mark, part.bullets)),
        notes=tuple(map(mark, part.notes)),
    )


def explained(
    parts: list[Part],
    glossary: Glossary | None,
    *,
    before: str = "Sources",
    header: str = "",
    short: bool = False,
) -> list[Part]:
    """*parts* with today's names of renamed terms, and the terms they use explained in a
    part of their own (placed before the part headed *before*). *header*: texts shown
    above the parts (a title, a summary), which may use terms too. *short*: the box of a
    printed fiche, each term in a few words (short_definition)."""
    if glossary is None:
        return parts
    # The terms the fiche uses: not those only named in the notes added here.
    used = glossary.used_in([header, *(t for part in parts for t in part_texts(part))])
    mark = Renames(glossary)
    parts = [_renamed(part, mark) for part in parts]
    if not used:
        return parts
    if short:
        rows = tuple(Labelled(t.term, (short_definition(t),)) for t in used)
        terms = Part(PAPER_SIGLES, labelled=rows)
    else:
        terms = Part(SIGLES, labelled=tuple(Labelled(t.term, (t.definition,)) for t in used))
    at = next((i for i, part in enumerate(parts) if part.heading == before), len(parts))
    return [*parts[:at], terms, *parts[at:]]


def source_name(source: Source) -> str:
    """A source as a reader knows it: its title and the type of site, never a file name."""
    return f"« {source.title} »" + (f", {source.site}" if source.site else "")


def sources_part(fiche: Fiche, *, authoring: bool = False) -> Part:
    if authoring:
        rows = tuple(
            Labelled("Document", (f"{s.document} : {source_name(s)}",), s.notes)
            for s in fiche.sources
        )
    else:
        rows = tuple(Labelled("Source", (source_name(s),)) for s in fiche.sources)
    if authoring:
        rows += tuple(
            Labelled("Code ROME", (f"{r.code} {r.label} ({long_date(r.date)})",), (r.why,))
            for r in fiche.rome
        )
    return Part("Sources", labelled=rows)


def _paragraphs(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(" ".join(p.split()) for p in re.split(r"\n\s*\n", value) if p.strip())


def names_line(fiche: Fiche, *, aliases: bool = True) -> str:
    """« Identifiant : cesf · aussi : … »: what to type to find the fiche again."""
    names = f"Identifiant : {fiche.slug}"
    if fiche.aliases and aliases:
        names += " · aussi : " + ", ".join(fiche.aliases)
    return names


def fiche_parts(
    fiche: Fiche,
    catalogue: Catalogue,
    brief: bool = False,
    authoring: bool = False,
    glossary: Glossary | None = None,
) -> list[Part]:
    """What every format shows of a fiche below its title and summary. « L'essentiel »
    alone (*brief*) must fit one screen: its terms are explained by the full fiche."""
    if brief:
        mark = Renames(glossary)
        return [_renamed(essentiel_part(fiche, catalogue, brief=True), mark)]
    parts = fiche_sections(fiche, catalogue, authoring=authoring)
    return explained(parts, glossary, header=fiche.summary)


# --- On paper (show --html): a printed fiche of four pages at most ---------------------


def paper_parts(
    fiche: Fiche, catalogue: Catalogue, *, authoring: bool = False, glossary: Glossary | None = None
) -> list[Part]:
    """The fiche as printed: the parts of the screen, with the terms used in a short box
    (« Sigles et mots du métier ») and the sources with the addresses known."""
    parts = fiche_sections(fiche, catalogue, authoring=authoring)
    parts = explained(parts, glossary, header=fiche.summary, short=True)
    return [
        paper_sources_part(fiche, authoring=authoring) if p.heading == "Sources" else p
        for p in parts
    ]


def paper_sources_part(fiche: Fiche, *, authoring: bool = False) -> Part:
    """The sources with their address, written out so that it survives on paper; then
    where the dated figures cited and the ROME codes can be checked. The fiche keeps no
    address for its source documents: said « non renseignée », never guessed."""
    part = sources_part(fiche, authoring=authoring)
    rows = [
        Labelled(row.label, row.values, (*row.details, "Adresse : non renseignée."))
        if row.label in ("Source", "Document")
        else row
        for row in part.labelled
    ]
    rows += figure_rows(fiche)
    rome = rome_source_row(fiche)
    if rome is not None:
        rows.append(rome)
    return Part(part.heading, labelled=tuple(rows))


def _root(fiche: Fiche) -> Path:
    return fiche.path.parent.parent  # <root>/fiches/<slug>.yaml


def _cited(fiche: Fiche) -> list[Figure]:
    """The dated reference figures the fiche's notes cite, in the order cited."""
    keys = list(dict.fromkeys(n.figure for n in fiche.editorial if n.figure is not None))
    if not keys:
        return []
    from orientation.content.catalogue import load_reperes

    reperes = load_reperes(_root(fiche))
    return [f for f in (reperes.get(key) for key in keys) if f is not None]


def figure_rows(fiche: Fiche) -> list[Labelled]:
    """Who publishes each dated figure the notes cite, where to check it, and when."""
    return [
        Labelled(
            f"Repère cité : {figure.label}",
            (figure.source,),
            (
                f"Adresse : {figure.address or MISSING}",
                f"Vérifié le {long_date(figure.checked)}.",
            ),
        )
        for figure in _cited(fiche)
    ]


def rome_source_row(fiche: Fiche) -> Labelled | None:
    """Where the ROME codes of the fiche come from (rome.yaml), with its address."""
    if not fiche.rome:
        return None
    from orientation.content.reperes import read_rome_list

    listed = read_rome_list(_root(fiche), [])
    if listed is None or listed.source is None:
        return None
    details = [f"Adresse : {listed.address or MISSING}"]
    if listed.checked:
        details.append(f"Liste vérifiée le {long_date(listed.checked)}.")
    return Labelled("Codes ROME", (listed.source,), tuple(details))


def updated_on(fiche: Fiche) -> str | None:
    """The day the fiche was last checked (YYYY-MM-DD), for its « à jour le ». The model
    keeps no such date for a whole fiche: this is the latest date the editors put on
    it — an editorial note, a ROME code, an editors' « ne pas confondre » — or on a
    reference figure its notes cite (reperes.yaml, `checked`). None if it has none."""
    days = [n.date for n in fiche.editorial]
    days += [r.date for r in fiche.rome]
    days += [c.editorial for c in fiche.confusions if c.editorial]
    days += [f.checked for f in _cited(fiche)]
    return max(days, default=None)


def updated_line(fiche: Fiche) -> str | None:
    """« À jour le 4 décembre 2026 (dernière vérification de la rédaction). »"""
    day = updated_on(fiche)
    if day is None:
        return None
    return f"À jour le {long_date(day)} (dernière vérification de la rédaction)."


def search_name(fiche: Fiche) -> str:
    """The name to look the occupation up by elsewhere (onisep.fr): its first alias of
    more than one word (« conseiller en économie sociale familiale »), else its title."""
    return next((a for a in fiche.aliases if " " in a.strip()), fiche.title)


def strongest_tags(entry: Entry, limit: int = 3) -> list[str]:
    """The heaviest tags (ties kept in file order), at most *limit*."""
    return [tag for tag, weight in entry.weights.items() if weight > 0][:limit]


def salary_data(salary: Salary) -> dict[str, Any]:
    low, high = salary.monthly
    return {
        "min": salary.low,
        "max": salary.high,
        "period": salary.period,
        "basis": salary.basis,
        "stage": salary.stage,
        "source": salary.source,
        "date": salary.date,
        "note": salary.note,
        "monthly": {"min": low, "max": high},
        "monthly_gross": {"min": low, "max": high} if salary.basis == "gross" else None,
    }


def fiche_data(fiche: Fiche) -> dict[str, Any]:
    """The fiche as plain JSON-ready data (salaries normalised per month)."""
    return {
        "slug": fiche.slug,
        "title": fiche.title,
        "aliases": list(fiche.aliases),
        "summary": fiche.summary,
        "description": fiche.description,
        "missions": list(fiche.missions),
        "skills": {
            "technical": list(fiche.technical_skills),
            "interpersonal": list(fiche.interpersonal_skills),
        },
        "education": {
            "level": {
                "min": fiche.education.level_min,
                "max": fiche.education.level_max,
                "derived": fiche.education.derived,
                "wording": fiche.education.wording,
            },
            "diplomas": list(fiche.education.diplomas),
            "notes": list(fiche.education.notes),
        },
        "experience": list(fiche.experience),
        "environment": {
            "structures": list(fiche.environment.structures),
            "workplace": fiche.environment.workplace,
            "travel": fiche.environment.travel,
            "notes": list(fiche.environment.notes),
        },
        "publics": list(fiche.publics),
        "career": list(fiche.career),
        "related": list(fiche.related),
        "advantages": list(fiche.advantages),
        "drawbacks": list(fiche.drawbacks),
        "employers": list(fiche.employers),
        "salary": [salary_data(s) for s in fiche.salaries],
        "tags": fiche.weights,
        "tag_reasons": {t.tag: t.why for t in fiche.tags},
        "sections": [{"heading": s.heading, "items": list(s.items)} for s in fiche.sections],
        "sources": [
            {"document": s.document, "title": s.title, "site": s.site, "notes": list(s.notes)}
            for s in fiche.sources
        ],
        "rome": [
            {"code": r.code, "label": r.label, "date": r.date, "why": r.why} for r in fiche.rome
        ],
        "confusions": [
            {"with": c.other, "note": c.note, "names": list(c.names), "editorial": c.editorial}
            for c in fiche.confusions
        ],
        "editorial": [_editorial_data(e, fiche) for e in fiche.editorial],
    }


def _editorial_data(note: Editorial, fiche: Fiche) -> dict[str, Any]:
    """An editorial note, with the dated reference figure it cites (None if none)."""
    figure = None
    if note.figure is not None:
        from orientation.content.catalogue import load_reperes

        found = load_reperes(fiche.path.parent.parent).get(note.figure)
        figure = {"key": note.figure, "found": found is not None}
        if found is not None:
            figure.update(
                label=found.label,
                value=found.value,
                since=found.since,
                source=found.source,
                address=found.address,
                checked=found.checked,
            )
    return {"field": note.field, "note": note.note, "date": note.date, "figure": figure}


def catalogue_data(catalogue: Catalogue) -> list[dict[str, Any]]:
    return [
        {
            "slug": f.slug,
            "title": f.title,
            "summary": f.summary,
            "tags": f.weights,
            "strongest_tags": strongest_tags(f),
        }
        for f in catalogue.entries
    ]
