"""What the user sees: fiches and lists as rich renderables, Markdown and JSON.

A fiche is first laid out as plain `Part`s (headings, paragraphs, bullets,
labelled entries); the terminal and Markdown renderers only decide how those
look, so both always show the same facts in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from orientation.content.model import (
    MAX_WEIGHT,
    Catalogue,
    Editorial,
    Entry,
    Fiche,
    Question,
    Salary,
    Source,
    suggested_command,
)
from orientation.output import (
    Beside,
    Hanging,
    clean,
    grouped,
    indented,
    long_date,
    plural,
    text,
    typeset,
)

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.text import Text

    from orientation.content.glossary import Glossary, Term

    # Quiz results only: scoring is not imported by `show` or `list`.
    from orientation.scoring import Evidence, Match, Reason, Result

MISSING = "non renseigné"
BAR_FULL, BAR_EMPTY = "■", "·"

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


# --- The layout of a fiche, shared by every output format -------------------------


@dataclass(frozen=True)
class Bar:
    """A measure a writer may draw (the HTML handouts do, as SVG): *value* between
    *low* and *high*, named *label*, said in *words* beside the drawing. The text
    writers show the row's label and values, which hold it as « ■■· » already;
    *replaces_values*: the drawing and its words say all that the values say."""

    label: str
    value: float
    low: float
    high: float
    words: str
    replaces_values: bool = False


@dataclass(frozen=True)
class Labelled:
    """A label with one or more values and, dimmed below, details such as a source."""

    label: str
    values: tuple[str, ...]
    details: tuple[str, ...] = ()
    bar: Bar | None = None


@dataclass(frozen=True)
class Rank:
    """One occupation in the ranking, with its score in words and, for the first ones,
    what draws the person to it."""

    title: str
    score: int
    band: str
    reason: str | None = None


@dataclass(frozen=True)
class Part:
    """One headed part of a fiche or of quiz results as shown to the user."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    labelled: tuple[Labelled, ...] = ()
    bullets: tuple[str, ...] = ()
    # (what it does, the command): the command gets a line of its own, never wrapped,
    # so that it can be copied as is.
    commands: tuple[tuple[str, str], ...] = ()
    ranking: tuple[Rank, ...] = ()  # quiz results: the occupations, closest first
    notes: tuple[str, ...] = ()  # said last, dimmed: editorial notes (NDLR)

    @property
    def empty(self) -> bool:
        return not (
            self.paragraphs
            or self.labelled
            or self.bullets
            or self.commands
            or self.ranking
            or self.notes
        )


def _values(items: tuple[str, ...]) -> tuple[str, ...]:
    return items or (MISSING,)


def editorial_line(note: Editorial) -> str:
    """An editorial note as every view shows it: marked and dated."""
    return f"NDLR ({long_date(note.date)}) : {note.note}"


def _notes(fiche: Fiche, *names: str) -> tuple[str, ...]:
    return tuple(editorial_line(n) for name in names for n in fiche.notes_on(name))


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
    rows = [
        Labelled(
            "Niveau d'études", (bac_level(fiche) or MISSING,), _notes(fiche, "education.level")
        ),
        Labelled(
            "Diplômes",
            (_listed(education.diplomas) if education.diplomas else MISSING,),
            _notes(fiche, "education.diplomas") if not education.diplomas else (),
        ),
    ]
    first = starting_salary(fiche)
    if first is None:
        rows.append(Labelled("Salaire au début", (MISSING,), _notes(fiche, "salary")))
    else:
        number, salary = first
        label = "Salaire au début" if salary.stage == "start" else "Salaire"
        source = f"Source : {salary.source}, {salary.date or 'sans date'}"
        details = (source, *_notes(fiche, f"salary[{number}]"))
        rows.append(Labelled(label, (salary_monthly(salary),), details))
    publics = fiche.brief.get("publics") or (_listed(fiche.publics) if fiche.publics else MISSING)
    rows.append(Labelled("Publics", (publics,)))
    where = places(fiche)
    shown = fiche.brief.get("places") or (_listed(where) if where else MISSING)
    rows.append(Labelled("Où travailler", (shown,)))
    interests = [
        catalogue.tag(tag).label for tag in list(fiche.weights)[:3] if fiche.weights[tag] > 0
    ]
    rows.append(Labelled("Intérêts forts", (", ".join(interests),)))
    if brief and fiche.confusions:  # one screen: the names; the notes in the full fiche
        others = " ; ".join(c.other for c in fiche.confusions)
        rows.append(Labelled("Ne pas confondre avec", (f"{others} (voir la fiche complète).",)))
        return Part("L'essentiel", labelled=tuple(rows))
    for number, confusion in enumerate(fiche.confusions, 1):
        notes = _notes(fiche, f"confusions[{number}]")
        rows.append(Labelled("Ne pas confondre", (confusion.said,), notes))
    return Part("L'essentiel", labelled=tuple(rows))


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


def part_texts(part: Part) -> list[str]:
    """Every text of *part* in reading order."""
    texts = [*part.paragraphs]
    for entry in part.labelled:
        texts += [*entry.values, *entry.details]
    return [*texts, *part.bullets, *part.notes]


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
    parts: list[Part], glossary: Glossary | None, *, before: str = "Sources", header: str = ""
) -> list[Part]:
    """*parts* with today's names of renamed terms, and the terms they use explained in a
    part of their own (placed before the part headed *before*). *header*: texts shown
    above the parts (a title, a summary), which may use terms too."""
    if glossary is None:
        return parts
    # The terms the fiche uses: not those only named in the notes added here.
    used = glossary.used_in([header, *(t for part in parts for t in part_texts(part))])
    mark = Renames(glossary)
    parts = [_renamed(part, mark) for part in parts]
    if not used:
        return parts
    terms = Part(SIGLES, labelled=tuple(Labelled(t.term, (t.definition,)) for t in used))
    at = next((i for i, part in enumerate(parts) if part.heading == before), len(parts))
    return [*parts[:at], terms, *parts[at:]]


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " et " + words[-1]


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
    if fiche.rome:
        rows += (Labelled("Code ROME", (fiche.rome,)),)
    return Part("Sources", labelled=rows)


def _paragraphs(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(" ".join(p.split()) for p in re.split(r"\n\s*\n", value) if p.strip())


# --- Terminal ---------------------------------------------------------------------


def fiche_renderable(
    fiche: Fiche,
    catalogue: Catalogue,
    *,
    brief: bool = False,
    authoring: bool = False,
    glossary: Glossary | None = None,
) -> RenderableType:
    """The fiche for the terminal; *brief*: « L'essentiel » only, for one screen."""
    from rich.console import Group

    header_lines = [text(fiche.summary)]
    if not brief:  # one screen: the command at the end names the fiche
        header_lines.append(text(names_line(fiche), "dim"))
    parts: list[RenderableType] = [TitledPanel(fiche.title, header_lines)]
    for section in fiche_parts(fiche, catalogue, brief, authoring, glossary):
        parts.append(_section_renderable(section, spaced=not brief))
    if brief:
        more = suggested_command(catalogue.root, f"show {fiche.slug}")
        parts.append(_Pointer("La fiche complète", more))
    return Group(*parts)


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


class _Heading:
    """A title followed by a rule to the right margin; wraps instead of truncating."""

    def __init__(self, title: str) -> None:
        self.title = title

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment
        from rich.text import Text

        line = text(self.title, "bold cyan")
        room = options.max_width - line.cell_len - 1
        if room >= 3:  # one line, exactly the width: no wrapping to work out
            yield Segment(f"{line.plain} {'─' * room}", console.get_style("bold cyan"))
            yield Segment.line()
        else:
            yield Text.assemble(line, "\n", Text("─" * 3, style="cyan"))


def heading(title: str) -> RenderableType:
    return _Heading(title)


class TitledPanel:
    """A cyan panel with its title in the top border, or on the first line inside
    when the border is too short for it: rich would cut the title with « … »."""

    def __init__(self, title: str, lines: list[Text]) -> None:
        self.title = title
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.console import Group
        from rich.panel import Panel

        title = text(self.title, "bold")
        # The border keeps « ╭─ » and « ─╮ » around the title, with a space each side.
        fits = title.cell_len + 6 <= options.max_width
        lines = self.lines if fits else [title, *self.lines]
        yield Panel(
            Group(*lines),
            title=title if fits else None,
            title_align="left",
            border_style="cyan",
            padding=(0, 1),
        )


def _bullets(items: tuple[str, ...], indent: int = 2) -> RenderableType:
    """A bulleted list, each item wrapped under its first word."""
    return Hanging([text(item) for item in items], " " * indent + "• ", " " * (indent + 2))


def _section_renderable(section: Part, spaced: bool = True) -> RenderableType:
    """A part under its heading, after a blank line unless not *spaced* (one screen)."""
    from rich.console import Group

    parts: list[RenderableType] = [text("")] if spaced else []
    if section.heading:
        parts.append(heading(section.heading))
    if section.empty:
        parts.append(indented(text(MISSING, "italic dim"), 2))
    for i, paragraph in enumerate(section.paragraphs):
        if i:
            parts.append(text(""))
        parts.append(indented(text(paragraph), 2))
    if section.labelled:
        parts.append(indented(_LabelledRows(section.labelled), 2))
    if section.ranking:
        parts.append(indented(_Ranking(section.ranking), 2))
    if section.bullets:
        parts.append(_bullets(section.bullets))
    for purpose, command in section.commands:
        parts.append(indented(text(f"{purpose} :"), 2))
        parts.append(indented(_Command(command), 4))
    parts += [indented(text(note, "dim"), 2) for note in section.notes]
    return Group(*parts)


def parts_renderable(parts: list[Part], *, first: RenderableType | None = None) -> RenderableType:
    """Any view's parts for the terminal, each under its heading, after *first* (a title
    panel)."""
    from rich.console import Group

    return Group(*([first] if first is not None else []), *map(_section_renderable, parts))


class _Pointer:
    """« What : command » on one line when it fits, else the command on lines of its own
    (see _Command), so that it can still be copied."""

    def __init__(self, purpose: str, command: str) -> None:
        self.purpose = purpose
        self.command = command

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        line = f"{self.purpose} : {self.command}"
        if len(line) <= options.max_width:
            yield text(line, "dim")
            return
        yield text(f"{self.purpose} :", "dim")
        yield indented(_Command(self.command), 2)


class _Command:
    """A command to copy: on one line when it fits, else broken between words with the
    shell's « \\ » at the end of each line, so that the lines pasted together still
    make the command (a line cut by the terminal would not)."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        import textwrap

        width = options.max_width
        if len(self.command) <= width:
            yield text(self.command, "cyan")
            return
        lines = textwrap.wrap(
            self.command,
            max(width - 2, 10),  # room for « \\ »
            subsequent_indent="  ",
            break_long_words=False,
            break_on_hyphens=False,
        )
        for number, line in enumerate(lines):
            yield text(line + (" \\" if number < len(lines) - 1 else ""), "cyan")


LABEL_WIDTH = 30  # the widest a label column gets; longer labels wrap in it
VALUE_WIDTH = 26  # below this much room for the values, labels go above them


class _LabelledRows:
    """Labels beside their values, or above them when the width leaves the values too
    little room: no word is ever cut, even at 40 columns."""

    def __init__(self, entries: tuple[Labelled, ...]) -> None:
        self.entries = entries

    def _body(self, entry: Labelled) -> RenderableType:
        from rich.console import Group

        body: list[RenderableType] = []
        if len(entry.values) == 1:
            style = "italic dim" if entry.values[0] == MISSING else ""
            body.append(text(entry.values[0], style))
        else:
            body.append(_bullets(entry.values, indent=0))
        body.extend(text(d, "dim") for d in entry.details)
        return body[0] if len(body) == 1 else Group(*body)  # a lone Text wraps quicker

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        label_width = min(LABEL_WIDTH, max(text(e.label).cell_len for e in self.entries))
        if options.max_width - label_width - 2 >= VALUE_WIDTH:
            for entry in self.entries:
                yield Beside(text(entry.label, "bold"), self._body(entry), label_width)
            return
        for entry in self.entries:
            yield text(entry.label, "bold")
            yield indented(self._body(entry), 2)


class _Ranking:
    """The occupations closest first: title, bar, score and its words on one line when
    they fit, else the title above the rest; the reason, if any, on the next line."""

    def __init__(self, ranks: tuple[Rank, ...]) -> None:
        self.ranks = ranks

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.padding import Padding
        from rich.table import Table

        number_width = len(f"{len(self.ranks)}. ")
        title_width = max(text(r.title).cell_len for r in self.ranks)
        words = [f"{score_bar(r.score)} {r.score}/100 {r.band}" for r in self.ranks]
        words_width = max(len(w) for w in words)
        one_line = number_width + title_width + 2 + words_width <= options.max_width
        for number, (rank, score) in enumerate(zip(self.ranks, words, strict=True), 1):
            head = text(f"{number}.".ljust(number_width), "bold")
            if one_line:
                row = Table.grid(padding=(0, 2))
                row.add_column(width=title_width)
                row.add_column()
                row.add_row(text(rank.title, "bold"), text(score))
                yield _joined(head, row)
            else:
                yield _joined(head, text(rank.title, "bold"))
                yield Padding(text(score), (0, 0, 0, number_width))
            if rank.reason:
                yield Padding(text(rank.reason, "dim"), (0, 0, 0, number_width))


def _joined(head: Text, body: RenderableType) -> RenderableType:
    """*head* (a number) before *body*, whose continued lines stand under it."""
    from rich.table import Table

    row = Table.grid()
    row.add_column(width=head.cell_len, no_wrap=True)
    row.add_column()
    row.add_row(head, body)
    return row


def catalogue_table(catalogue: Catalogue) -> RenderableType:
    """One stacked entry per occupation: readable at any width, nothing truncated."""
    from rich.console import Group
    from rich.padding import Padding

    parts: list[RenderableType] = []
    for entry in catalogue.entries:
        heading = text(entry.title, "bold")
        heading.append("  ")
        heading.append(text(entry.slug, "cyan"))
        tags = ", ".join(catalogue.tag(tag).label for tag in strongest_tags(entry))
        interests = text("Intérêts forts : ", "dim")
        interests.append(text(tags))
        parts += [heading, Padding(Group(text(entry.summary), interests), (0, 0, 1, 2))]
    show = suggested_command(catalogue.root, "show <identifiant>")
    parts.append(text(f"Le détail d'un métier : {show}", "dim"))
    return Group(*parts)


def strongest_tags(entry: Entry, limit: int = 3) -> list[str]:
    """The heaviest tags (ties kept in file order), at most *limit*."""
    return [tag for tag, weight in entry.weights.items() if weight > 0][:limit]


# --- Markdown ---------------------------------------------------------------------


def md_escape(value: str) -> str:
    """Text for Markdown: controls neutralised, characters with meaning escaped, French no-break
    spaces as on screen (output.typeset)."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", typeset(value))


def fiche_markdown(
    fiche: Fiche,
    catalogue: Catalogue,
    *,
    brief: bool = False,
    authoring: bool = False,
    glossary: Glossary | None = None,
) -> str:
    lines = [f"# {md_escape(fiche.title)}", "", f"*{md_escape(fiche.summary)}*", ""]
    names = f"Identifiant : `{fiche.slug}`"
    if fiche.aliases and not brief:
        names += " · aussi\u00a0: " + ", ".join(md_escape(a) for a in fiche.aliases)
    lines += [names, ""]
    lines += _parts_markdown(fiche_parts(fiche, catalogue, brief, authoring, glossary))
    lines.append("*Fiche produite par orientation à partir des documents cités dans « Sources ».*")
    return "\n".join(lines) + "\n"


def parts_markdown(parts: list[Part]) -> list[str]:
    """Any view's parts as Markdown lines."""
    return _parts_markdown(parts)


def _parts_markdown(parts: list[Part]) -> list[str]:
    lines: list[str] = []
    for section in parts:
        if section.heading:
            lines += [f"## {md_escape(section.heading)}", ""]
        if section.empty:
            lines += [f"*{MISSING}*", ""]
        for paragraph in section.paragraphs:
            lines += [md_escape(paragraph), ""]
        for entry in section.labelled:
            if len(entry.values) == 1:
                lines.append(f"- **{md_escape(entry.label)}**\u00a0: {md_escape(entry.values[0])}")
            else:
                lines.append(f"- **{md_escape(entry.label)}**\u00a0:")
                lines += [f"  - {md_escape(v)}" for v in entry.values]
            lines += [f"  - *{md_escape(d)}*" for d in entry.details]
        if section.labelled:
            lines.append("")
        for number, rank in enumerate(section.ranking, 1):
            head = f"{number}. "
            score = f"{score_bar(rank.score)} {rank.score}/100, {rank.band}"
            lines.append(f"{head}**{md_escape(rank.title)}**\u00a0: {score}")
            if rank.reason:
                # A continued line of the same list item (indented like its text).
                lines += ["", " " * len(head) + f"*{md_escape(rank.reason)}*"]
        if section.ranking:
            lines.append("")
        lines += [f"- {md_escape(b)}" for b in section.bullets]
        lines += [
            f"- {md_escape(purpose)}\u00a0: `{command}`" for purpose, command in section.commands
        ]
        if section.bullets or section.commands:
            lines.append("")
        for note in section.notes:
            lines += [f"*{md_escape(note)}*", ""]
    return lines


# --- JSON -------------------------------------------------------------------------


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
        "rome": fiche.rome,
        "confusions": [
            {"with": c.other, "note": c.note, "names": list(c.names), "editorial": c.editorial}
            for c in fiche.confusions
        ],
        "editorial": [{"field": e.field, "note": e.note, "date": e.date} for e in fiche.editorial],
    }


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


# --- Quiz results -----------------------------------------------------------------

# The answer scale, as the quiz offers it and the results quote it.
SCALE_LABELS = {1: "Pas du tout", 2: "Plutôt non", 3: "Neutre", 4: "Plutôt oui", 5: "Tout à fait"}
SKIP_LABEL = "Je ne sais pas"
SCORE_CELLS = 10  # one cell per 10 points
PROFILE_CELLS = 12  # one cell per third of a point between 1 and 5
EXPLAINED = 3  # the top matches that get a reason in the ranking and a « Pourquoi »
# The occupations listed on screen: all of them in a catalogue of this size, the first
# ones in a large one. A saved result keeps these, with their reasons, whatever the
# catalogue's size; the JSON output has them all.
LISTED = 12
TIED_NAMED = 5  # the occupations named as tied for first place
REMINDER = (
    "Ce résultat est un point de départ pour en parler, avec un·e conseiller·ère "
    "d'orientation par exemple, pas un verdict : il ne dit rien de vos capacités."
)
# The words beside a score (scoring.BANDS gives the thresholds; docs/methodologie.md).
BAND_LABELS = {
    "very-close": "très proche",
    "close": "proche",
    "no-clear-link": "pas de lien net",
    "far": "éloigné",
}
# One sentence a 15-year-old understands; the band beside each score says the rest
# (that 50 means no link, not half a match).
SCALE_SENTENCE = "Sur 100 : plus le score est haut, plus le métier demande ce qui vous plaît."
WEIGHT_WORDS = {
    3: "central dans ce métier",
    2: "important dans ce métier",
    1: "secondaire dans ce métier",
    0: "absent de ce métier",
}
QUOTED_WORDS = 5  # a question quoted again is shortened to its first words
ALREADY_QUOTED = "Les réponses qui le montrent sont citées plus haut."


@dataclass(frozen=True)
class Outcome:
    """A scored quiz with everything needed to explain it."""

    result: Result
    answers: Mapping[str, int | None]  # question id -> 1..5 or None, in bank order
    catalogue: Catalogue
    questions: Mapping[str, Question]  # question id -> question
    date: str | None = None  # when the quiz was taken (ISO 8601)
    notes: tuple[str, ...] = ()  # said under the header, e.g. that scores were recomputed
    name: str | None = None  # whose results, when known (quiz --nom, or asked at the end)
    group: str | None = None  # their class (quiz --classe)
    # The questions the quiz did not ask: its result was settled before them.
    unasked: tuple[str, ...] = ()
    # Questions added to the bank since a result was saved: in *answers* (as « Je ne
    # sais pas ») but never asked.
    added: tuple[str, ...] = ()

    @property
    def asked(self) -> int:
        """How many questions the student was asked."""
        return len(self.answers) - len(self.added)

    def title(self, slug: str) -> str:
        return self.catalogue.titles[slug]


def band_label(score: int) -> str:
    from orientation.scoring import band

    return BAND_LABELS[band(score)]


def score_words(score: int) -> str:
    """'83/100, très proche'."""
    return f"{score}/100, {band_label(score)}"


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


def answer_label(answer: int | None) -> str:
    return SKIP_LABEL if answer is None else SCALE_LABELS[answer]


class _Quotes:
    """The person's answers as quoted in one screen or document: each question in full
    the first time, then shortened, with a word that it was quoted above."""

    def __init__(self, outcome: Outcome) -> None:
        self.outcome = outcome
        self.seen: set[str] = set()

    def __call__(self, evidence: tuple[Evidence, ...]) -> tuple[str, ...]:
        if evidence and all(e.question in self.seen for e in evidence):
            return (ALREADY_QUOTED,)
        lines = []
        for e in evidence:
            question = self.outcome.questions[e.question].text
            if e.question in self.seen:
                words = question.split()
                if len(words) > QUOTED_WORDS:
                    question = " ".join(words[:QUOTED_WORDS]).rstrip(",;:") + "…"
            self.seen.add(e.question)
            # Non-breaking spaces keep « » and the colon on the line of their words.
            lines.append(f"{answer_label(e.answer)}\u00a0: «\u00a0{question}\u00a0»")
        return tuple(lines)


def _reason_entry(outcome: Outcome, reason: Reason, quote: _Quotes) -> Labelled:
    words = f"{WEIGHT_WORDS[reason.weight]}\u00a0({tag_bar(reason.weight)})"
    return Labelled(
        outcome.catalogue.tag(reason.tag).label,
        (f"Vous attire plus que les autres activités ; {words}.",),
        quote(reason.evidence),
    )


def _caution_entry(outcome: Outcome, reason: Reason, quote: _Quotes) -> Labelled:
    label = outcome.catalogue.tag(reason.tag).label
    bar = tag_bar(reason.weight)
    if reason.liking > 0:
        words = WEIGHT_WORDS[reason.weight].replace("dans ce métier", "ici")
        sentence = (
            f"{label} : vous attire plus que les autres activités, mais {words}\u00a0({bar})."
        )
    else:
        words = WEIGHT_WORDS[reason.weight]
        sentence = (
            f"{label} : {words}\u00a0({bar}), mais vous attire moins que les autres activités."
        )
    return Labelled("Point d'attention", (sentence,), quote(reason.evidence))


def results_headline(outcome: Outcome) -> str:
    """The one line that says it all, at the top of every view of the results."""
    from orientation.scoring import level

    result = outcome.result
    if result.flat:
        return FLAT_TEXTS[level(result)][0]
    best = result.matches[0]
    return f"Le plus proche de vos intérêts : {outcome.title(best.slug)}, {band_label(best.score)}."


def results_summary(
    outcome: Outcome, saved: str | None = None, *, steps: bool = True
) -> list[Part]:
    """What fits one screen when the quiz ends: the ranking with its words, why the
    first ones, and what to do next (see results_sections for the whole). Without
    *steps*, they come later (`next_steps_renderable`), once the results are kept."""
    first = _flat_part(outcome) if outcome.result.flat else _ranking_part(outcome)
    if not steps:
        return [first]
    return [first, Part("Et maintenant ?", commands=_next_steps(outcome, saved, summary=True))]


def results_sections(outcome: Outcome, saved: str | None = None) -> list[Part]:
    """The whole results in reading order: ranking (or why there is none), profile,
    reasons. *saved* is the results file, when there is one, for the commands."""
    result = outcome.result
    quote = _Quotes(outcome)
    parts: list[Part] = []
    if result.flat:
        parts.append(_flat_part(outcome))
    else:
        parts.append(_ranking_part(outcome))
    parts.append(_profile_part(outcome))
    if not result.flat:
        for match in result.matches[:EXPLAINED]:
            entries = [_reason_entry(outcome, r, quote) for r in match.reasons]
            if not entries:
                entries.append(
                    Labelled("Pourquoi", ("aucun de vos centres d'intérêt n'y ressort nettement",))
                )
            if match.caution is not None:
                entries.append(_caution_entry(outcome, match.caution, quote))
            heading = f"Pourquoi : {outcome.title(match.slug)} · {score_words(match.score)}"
            parts.append(Part(heading, labelled=tuple(entries)))
    parts.append(Part("Et maintenant ?", commands=_next_steps(outcome, saved)))
    return parts


def _drawn_by(outcome: Outcome, match: Match) -> str:
    """One line on what draws the person to an occupation, in the quiz's own words."""
    labels = [outcome.catalogue.tag(r.tag).label for r in match.reasons[:2]]
    if not labels:
        return "Aucun de vos centres d'intérêt n'y ressort nettement."
    return "Ce qui vous y attire : " + ", ".join(labels) + "."


def _ranking_part(outcome: Outcome) -> Part:
    from orientation.scoring import NEAR_TIE

    result = outcome.result
    paragraphs = [SCALE_SENTENCE]
    top = result.matches[0].score
    tied = [m for m in result.matches if top - m.score < NEAR_TIE]
    if len(tied) > 1:
        names = ", ".join(outcome.title(m.slug) for m in tied[:TIED_NAMED])
        if len(tied) > TIED_NAMED:
            names += f" et {plural(len(tied) - TIED_NAMED, 'autre')}"
        paragraphs.append(
            f"Moins de {NEAR_TIE} points séparent les premiers ({names}) : "
            "considérez-les à égalité."
        )
    ranking = tuple(
        Rank(
            outcome.title(m.slug),
            m.score,
            band_label(m.score),
            _drawn_by(outcome, m) if number < EXPLAINED else None,
        )
        for number, m in enumerate(result.matches[:LISTED])
    )
    return Part(
        "Les métiers, du plus proche au plus éloigné de vos intérêts",
        paragraphs=tuple(paragraphs),
        ranking=ranking,
        bullets=_more(
            len(result.matches),
            "moins {} de vos intérêts : le classement complet est au format JSON (--json).",
            ("proche", "proches"),
        ),
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


# A flat profile, by level (scoring.level): the headline, why there is no ranking, and
# what to do next. Each level gets its own words: « nothing here appeals to me » is as
# useful to hear as a first match.
FLAT_TEXTS = {
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
        "autour de « Neutre » : vous ne connaissez peut-être pas encore assez ces "
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


def _flat_part(outcome: Outcome) -> Part:
    from orientation.scoring import level

    result = outcome.result
    _, why, then = FLAT_TEXTS[level(result)]
    why = why.format(measured=_measured(len(result.profile), len(outcome.catalogue.tags)))
    return Part(
        "Pas de classement",
        paragraphs=(why, then),
        bullets=(
            *(f"{e.title} : {e.slug}" for e in outcome.catalogue.entries[:LISTED]),
            *_more(
                len(outcome.catalogue.entries),
                "{} par " + suggested_command(outcome.catalogue.root, "list") + ".",
                ("listé", "tous listés"),
            ),
        ),
    )


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

    from orientation.scoring import level

    result = outcome.result
    matches = result.matches
    root = outcome.catalogue.root
    results = f" --results {shlex.quote(saved)}" if saved else ""
    steps: list[tuple[str, str]] = []
    if summary and saved:
        details = "votre profil" if result.flat else "pourquoi, points d'attention, votre profil"
        steps.append(
            (f"Le détail ({details})", suggested_command(root, f"report {shlex.quote(saved)}"))
        )
    if summary and saved and not result.flat and len(matches) > 1:
        # One screen: the details, then the first two side by side with the scores.
        pair = f"{matches[0].slug} {matches[1].slug}"
        steps.append(
            (
                "Comparer les deux premiers, avec vos scores",
                suggested_command(root, f"compare {pair}{results}"),
            )
        )
        return tuple(steps)
    if result.flat or not matches:
        if result.flat and level(result) == "high" and len(matches) > 1:
            pair = f"{matches[0].slug} {matches[1].slug}"
            steps.append(("Comparer deux métiers", suggested_command(root, f"compare {pair}")))
        elif result.flat and level(result) in ("few", "middle"):
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


def french_date(iso: str) -> str:
    """'2026-11-21T15:04:00+01:00' -> '21/11/2026 à 15:04'; anything else as it is."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(iso).strftime("%d/%m/%Y à %H:%M")
    except ValueError:
        return clean(iso)


def results_renderable(
    outcome: Outcome, *, summary: bool = False, saved: str | None = None, steps: bool = True
) -> RenderableType:
    """The results for the terminal: all of them, or the *summary* that fits a screen
    (without its next *steps* when they are shown later)."""
    from rich.console import Group

    lines = [text(results_headline(outcome))]
    # The summary is shown as the quiz ends: its date goes without saying.
    lines += [
        text(line, "dim") for line in (outcome.notes if summary else quiz_header_lines(outcome))
    ]
    parts: list[RenderableType] = [TitledPanel("Vos résultats", lines)]
    if summary:
        sections = results_summary(outcome, saved, steps=steps)
    else:
        sections = results_sections(outcome, saved)
    parts += [_section_renderable(section) for section in sections]
    if not summary:
        parts += [text(""), text(REMINDER, "italic")]
    return Group(*parts)


def next_steps_renderable(outcome: Outcome, saved: str | None) -> RenderableType:
    """« Et maintenant ? » under a summary, once the results are kept (*saved*) or not."""
    return _section_renderable(
        Part("Et maintenant ?", commands=_next_steps(outcome, saved, summary=True))
    )


def results_markdown(outcome: Outcome, saved: str | None = None) -> str:
    lines = [
        "# Résultats du quiz d'intérêts",
        "",
        f"**{md_escape(results_headline(outcome))}**",
        "",
    ]
    for line in quiz_header_lines(outcome):
        lines += [md_escape(line), ""]
    lines += _parts_markdown(results_sections(outcome, saved))
    lines.append(f"*{md_escape(REMINDER)}*")
    return "\n".join(lines) + "\n"


def _reason_data(outcome: Outcome, reason: Reason) -> dict[str, Any]:
    return {
        "tag": reason.tag,
        "label": outcome.catalogue.tag(reason.tag).label,
        "liking": round(reason.liking, 3),
        "weight": reason.weight,
        "evidence": [
            {
                "question": e.question,
                "text": outcome.questions[e.question].text,
                "answer": e.answer,
                "answer_label": answer_label(e.answer),
            }
            for e in reason.evidence
        ],
    }


def results_data(outcome: Outcome, *, saved: bool = False) -> dict[str, Any]:
    """The result document (`quiz --json`, `report --json`); *saved* (`quiz --save`, read
    back by `report`): only the first LISTED matches, so that its size does not grow with
    the catalogue (`report` scores the saved answers again anyway)."""
    from orientation.results.storage import RESULTS_FORMAT, RESULTS_VERSION
    from orientation.scoring import band, level

    result = outcome.result
    matches = result.matches[:LISTED] if saved else result.matches
    return {
        "format": RESULTS_FORMAT,
        "version": RESULTS_VERSION,
        "date": outcome.date,
        "name": outcome.name,
        "class": outcome.group,
        "answers": dict(outcome.answers),
        # How many questions the quiz asked, and why it stopped: all of them asked
        # (« complete »), or the result settled before the last (« settled »).
        "asked": outcome.asked,
        "stopped": "settled" if outcome.unasked else "complete",
        "unasked": list(outcome.unasked),
        "answered": result.answered,
        "skipped": result.skipped,
        "flat": result.flat,
        "level": level(result) if result.flat else None,
        "near_tie": result.near_tie,
        "profile": {tag: round(value, 3) for tag, value in result.profile.items()},
        "centred": {tag: round(value, 3) for tag, value in result.centred.items()},
        "ranked": len(result.matches),
        "matches": [
            {
                "slug": m.slug,
                "title": outcome.title(m.slug),
                "score": m.score,
                "band": band(m.score),
                "band_label": band_label(m.score),
                "correlation": round(m.correlation, 3),
                "reasons": [_reason_data(outcome, r) for r in m.reasons],
                "caution": _reason_data(outcome, m.caution) if m.caution else None,
            }
            for m in matches
        ],
    }


def questions_renderable(questions: tuple[Question, ...], catalogue: Catalogue) -> RenderableType:
    """The bank, numbered, each with its id and the interests it measures."""
    from rich.console import Group
    from rich.padding import Padding

    parts: list[RenderableType] = []
    width = len(str(len(questions)))
    for number, question in enumerate(questions, 1):
        line = text(f"{number:>{width}}. ", "bold")
        line.append(text(question.text))
        loads = " · ".join(
            f"{catalogue.tag(tag).label} {BAR_FULL * weight}"
            for tag, weight in sorted(question.loads.items(), key=lambda tw: (-tw[1], tw[0]))
        )
        detail = text(question.id, "cyan")
        detail.append(text(f"  {loads}", "dim"))
        parts += [line, Padding(detail, (0, 0, 1, width + 2))]
    parts.append(
        text(
            "Réponses : 1 (Pas du tout) à 5 (Tout à fait), ou null pour « Je ne sais pas ».", "dim"
        )
    )
    return Group(*parts)
