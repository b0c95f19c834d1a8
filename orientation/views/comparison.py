"""Occupations side by side: the same rows for every fiche, aligned, unknowns said.

`compare()` lays the comparison out as plain blocks of rows (no rich here); the
renderers below only decide how they look in a terminal, in Markdown or in JSON,
so every format shows the same facts in the same order. The salary wording, tag
bars and lookup are the ones `show` uses (render.py, content.py).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from orientation.content.model import MAX_WEIGHT, Catalogue, Fiche, Stage, suggested_command
from orientation.errors import UsageError
from orientation.output import text, typeset
from orientation.views.render import (
    MISSING,
    NO_STAGE,
    SCALE_SENTENCE,
    STAGE_LABELS,
    WEIGHT_WORDS,
    bac_level,
    editorial_line,
    fiche_data,
    md_escape,
    places,
    quiz_header_lines,
    salary_footnote,
    salary_monthly,
    score_words,
    tag_bar,
)

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.text import Text

    from orientation.content.glossary import Glossary
    from orientation.views.render import Outcome

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
    flat: bool  # the profile was too flat for the quiz to rank anything


@dataclass(frozen=True)
class Comparison:
    fiches: tuple[Fiche, ...]
    blocks: tuple[Block, ...]
    distinctive: tuple[str, ...]  # labels of the tags that differ most, strongest first
    placings: dict[str, Placing] | None = None  # slug -> quiz placing, with --results
    root: Path | None = None  # the content root, for the commands suggested


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
        from orientation.scoring import level

        result = outcome.result
        placings = {
            m.slug: Placing(m.score, rank, len(result.matches), result.flat)
            for rank, m in enumerate(result.matches, 1)
        }
        unranked = UNRANKED[level(result)] if result.flat else ""
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
    if glossary is not None:
        blocks = _explained(blocks, glossary)
    return Comparison(fiches, tuple(blocks), distinctive, placings, catalogue.root)


def _explained(blocks: list[Block], glossary: Glossary) -> list[Block]:
    """Today's names after the first use of renamed terms; the terms used, explained."""
    from dataclasses import replace

    from orientation.views.render import SIGLES, Renames

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
    return blocks


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
        f"{fiche.title} : {editorial_line(note)}"
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


# Why a flat profile ranks nothing, by level (scoring.level), in the words the results use.
UNRANKED = {
    "high": "non classé : tout vous attire",
    "low": "non classé : ces activités vous attirent peu",
    "middle": "non classé : profil peu différencié",
    "few": "non classé : trop peu de réponses",
}


def _quiz_block(
    fiches: tuple[Fiche, ...],
    placings: dict[str, Placing],
    notes: tuple[str, ...],
    unranked: str = UNRANKED["middle"],
) -> Block:
    from orientation.scoring import NEAR_TIE

    if any(p.flat for p in placings.values()):
        cell = (unranked,)
        return Block("Votre quiz", (Row("Score", tuple(cell for _ in fiches)),), notes)
    # The score in words, as in the results: « 48/100 » alone reads as half a match.
    cells = tuple(
        (f"{score_words(p.score)} ({_ordinal(p.rank)}\u00a0sur\u00a0{p.of})",)
        for p in (placings[f.slug] for f in fiches)
    )
    said = [SCALE_SENTENCE]
    best = max(placings[f.slug].score for f in fiches)
    tied = [f.title for f in fiches if best - placings[f.slug].score < NEAR_TIE]
    if len(tied) > 1:
        said.append(
            f"Moins de {NEAR_TIE} points séparent {', '.join(tied)} : considérez-les à égalité."
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
                said += [editorial_line(n) for n in fiche.notes_on(f"salary[{number}]")]
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


def _you_legend(outcome: Outcome, catalogue: Catalogue) -> str:
    from orientation.views.render import decimal

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


# --- Terminal ---------------------------------------------------------------------

LABEL_WIDTH = 17  # « professionnelle » with its hanging indent fits
WIDE_LABEL = 27  # every label (and its ▶) on one line, when the columns can spare it
COLUMN = 26  # what a column keeps before the label column widens (titles on one line)
MIN_COLUMN = 18  # narrower than this, one panel per occupation
GAP = 2  # between two columns
BULLET, HANG = "• ", "  "


def table_width(columns: int) -> int:
    """The narrowest terminal that shows *columns* occupations side by side."""
    return LABEL_WIDTH + columns * (GAP + MIN_COLUMN)


_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # not the no-break spaces: they hold words together


def wrap(value: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """Lines of at most *width* cells, *first* and *rest* starting them (bullet, indent).

    The wrapping is done here rather than by rich so that no word is ever cut
    silently: a word longer than a line breaks at a no-break space or a hyphen of
    its own, else gets a hyphen (« interinstitution- / nelles »).
    """
    from rich.cells import cell_len

    # Room for one letter and a hyphen after either prefix, so that every break progresses.
    width = max(width, cell_len(first) + 2, cell_len(rest) + 2)
    lines: list[str] = []
    line, empty = first, True
    for word in typeset(_SPACES.sub(" ", value).strip(" ")).split(" "):
        room = width - cell_len(line) - (0 if empty else 1)
        if cell_len(word) <= room:
            line, empty = (line + word if empty else f"{line} {word}"), False
            continue
        if not empty:
            lines.append(line)
            line = rest
        while cell_len(word) > width - cell_len(line):
            piece, word = _break_word(word, width - cell_len(line))
            lines.append(line + piece)
            line = rest
        line, empty = line + word, False
    lines.append(line)
    return lines


def _break_word(word: str, room: int) -> tuple[str, str]:
    """The part of *word* that fits in *room* cells, and the rest for the next line."""
    head = word[: room + 1]
    if "\u00a0" in head:  # « responsabilités : » breaks at its no-break space, unhyphenated
        cut = head.rindex("\u00a0")
        return word[:cut], word[cut + 1 :]
    if "-" in head[:room]:
        cut = head[:room].rindex("-") + 1
        if cut > 1:
            return word[:cut], word[cut:]
    return word[: room - 1] + "-", word[room - 1 :]


def _cell_lines(values: tuple[str, ...], width: int) -> list[str]:
    if not values:
        return [MISSING]
    if len(values) == 1:
        return wrap(values[0], width)
    return [line for value in values for line in wrap(value, width, BULLET, HANG)]


def _text(lines: list[str], style: str = "") -> Text:
    """Lines already wrapped to their width: rich has nothing left to wrap."""
    from rich.text import Text

    return Text("\n".join(lines), style=style)


def _cell(values: tuple[str, ...], width: int, highlight: bool = False) -> Text:
    style = "italic dim" if not values else "bold yellow" if highlight else ""
    return _text(_cell_lines(values, width), style)


def _label(row: Row, width: int) -> Text:
    return _text(wrap(row.label, width, rest=HANG), "bold yellow" if row.highlight else "bold")


def renderable(comparison: Comparison) -> RenderableType:
    return _ComparisonView(comparison)


class _ComparisonView:
    """Columns when the terminal is wide enough, else one panel per occupation."""

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from orientation.views.render import heading

        comparison = self.comparison
        width = options.max_width
        yield _text(wrap(headline(comparison), width), "bold")
        yield text("")
        columns = len(comparison.fiches)
        if width < table_width(columns):
            yield from _panels(comparison, width)
        else:
            # Every block is its own grid with the same column widths, so that the
            # columns line up from top to bottom and each block gets a full-width heading.
            label = max(LABEL_WIDTH, min(WIDE_LABEL, width - columns * (GAP + COLUMN)))
            column = (width - label) // columns  # GAP included: it pads the column's left
            yield _titles(comparison, label, column)
            for block in comparison.blocks:
                yield text("")
                yield heading(block.heading)
                if block.rows:
                    yield _grid(block, label, column)
                yield from _notes(block, width)
        yield text("")
        yield from _show_commands(comparison, width)


def headline(comparison: Comparison) -> str:
    line = f"Comparaison de {len(comparison.fiches)} métiers."
    if comparison.distinctive:
        line += f" Ce qui les distingue le plus : {', '.join(comparison.distinctive)}."
    return line


def _notes(block: Block, width: int) -> list[RenderableType]:
    if not block.notes:
        return []
    return [text(""), *(_text(wrap(note, width), "dim") for note in block.notes)]


class _Columns:
    """Rows of texts already wrapped to their column, side by side: what a rich grid
    would show, without measuring each cell again (a comparison has hundreds)."""

    def __init__(self, label: int, column: int, count: int) -> None:
        # The label's width, then each column's text after its gap.
        self.widths = [label, *([column - GAP] * count)]
        self.rows: list[tuple[Text, ...]] = []

    def add_row(self, *cells: Text) -> None:
        """A row of cells, or a blank line without any."""
        self.rows.append(cells)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        new_line, gap = Segment.line(), Segment(" " * GAP)
        for cells in self.rows:
            split: list[list[Text]] = [
                list(cell.split("\n", allow_blank=True)) if cell.plain else [] for cell in cells
            ]
            for number in range(max((len(lines) for lines in split), default=1)):
                last = max((i for i, lines in enumerate(split) if number < len(lines)), default=-1)
                for i in range(last + 1):
                    if i:
                        yield gap
                    lines, width = split[i], self.widths[i]
                    if number < len(lines):
                        yield from lines[number].render(console)
                        width -= lines[number].cell_len
                    if i < last and width > 0:
                        yield Segment(" " * width)
                yield new_line


def _titles(comparison: Comparison, label: int, column: int) -> RenderableType:
    grid = _Columns(label, column, len(comparison.fiches))
    grid.add_row(
        text(""), *(_text(wrap(f.title, column - GAP), "bold cyan") for f in comparison.fiches)
    )
    return grid


def _grid(block: Block, label: int, column: int) -> RenderableType:
    """The rows of a block; a blank line around any row whose values take several lines."""
    grid = _Columns(label, column, len(block.rows[0].cells))
    previous_tall = False
    for i, row in enumerate(block.rows):
        # Interest rows stay packed: their bars take one line, whatever the label does.
        tall = any(len(_cell_lines(cell, column - GAP)) > 1 for cell in row.cells)
        tall = tall or (len(wrap(row.label, label, rest=HANG)) > 1 and not row.bars)
        if i and (tall or previous_tall):
            grid.add_row()
        cells = (_cell(cell, column - GAP, row.highlight) for cell in row.cells)
        grid.add_row(_label(row, label), *cells)
        previous_tall = tall
    return grid


def _show_commands(comparison: Comparison, width: int) -> list[RenderableType]:
    """Where to read each fiche in full: the slugs, too long for a column, as commands."""
    from rich.padding import Padding

    lines: list[RenderableType] = [text("Les fiches complètes :")]
    for fiche in comparison.fiches:
        show = show_command(comparison, fiche)
        command = _text(wrap(show, width - len(HANG)), "cyan")
        lines.append(Padding(command, (0, 0, 0, len(HANG))))
    return lines


def show_command(comparison: Comparison, fiche: Fiche) -> str:
    words = f"show {fiche.slug}"
    return (
        f"orientation {words}"
        if comparison.root is None
        else suggested_command(comparison.root, words)
    )


def _panels(comparison: Comparison, width: int) -> list[RenderableType]:
    """The same blocks and rows, one occupation at a time; labels above values when narrow."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.panel import Panel

    from orientation.views.render import heading

    inner = width - 4  # borders and padding
    label = WIDE_LABEL if inner - WIDE_LABEL - GAP >= COLUMN else LABEL_WIDTH
    stacked = inner - label - GAP < MIN_COLUMN
    panels: list[RenderableType] = []
    for column, fiche in enumerate(comparison.fiches):
        parts: list[RenderableType] = [_text(wrap(fiche.title, inner), "bold cyan")]
        for block in comparison.blocks:
            if not block.rows:  # notes only: said once, after the panels
                continue
            parts += [text(""), _text(wrap(block.heading, inner), "bold")]
            if stacked:
                for row in block.rows:
                    parts.append(_label(row, inner))
                    value = _cell(row.cells[column], inner - len(HANG), row.highlight)
                    parts.append(Padding(value, (0, 0, 0, len(HANG))))
                continue
            grid = _Columns(label, inner - label, 1)
            for row in block.rows:
                value = _cell(row.cells[column], inner - label - GAP, row.highlight)
                grid.add_row(_label(row, label), value)
            parts.append(grid)
        panels.append(Panel(Group(*parts), border_style="cyan", padding=(0, 1)))
    for block in comparison.blocks:
        if not block.rows:
            panels += [text(""), heading(block.heading)]
        panels += _notes(block, width)
    return panels


# --- Markdown ---------------------------------------------------------------------


def markdown(comparison: Comparison) -> str:
    """One table per block (printable), footnotes and legends after each."""
    titles = [md_escape(f.title) for f in comparison.fiches]
    lines = [f"# Comparaison\u00a0: {', '.join(titles)}", ""]
    if comparison.distinctive:
        lines += [
            f"Ce qui les distingue le plus\u00a0: {md_escape(', '.join(comparison.distinctive))}."
        ]
        lines.append("")
    header = "| | " + " | ".join(titles) + " |"
    rule = "|---" * (len(titles) + 1) + "|"
    for block in comparison.blocks:
        lines += [f"## {md_escape(block.heading)}", ""]
        if block.rows:
            lines += [header, rule]
        for row in block.rows:
            label = md_escape(row.label)
            label = f"**{label}**"
            cells = [_md_cell(cell, row.highlight) for cell in row.cells]
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
        if block.rows:
            lines.append("")
        for note in block.notes:
            lines += [md_escape(note), ""]
    lines.append(
        "Les fiches complètes\u00a0: "
        + " · ".join(f"`{show_command(comparison, f)}`" for f in comparison.fiches)
    )
    lines += ["", "*Comparaison produite par orientation à partir des fiches métier.*"]
    return "\n".join(lines) + "\n"


def _md_cell(values: tuple[str, ...], highlight: bool) -> str:
    if not values:
        return f"*{MISSING}*"
    # A line break inside a value would end the table row.
    escaped = [md_escape(" ".join(v.split())) for v in values]
    if len(escaped) == 1:
        return f"**{escaped[0]}**" if highlight else escaped[0]
    return "<br>".join(f"• {v}" for v in escaped)


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
