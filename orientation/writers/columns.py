"""The terminal writer of a comparison: aligned columns, or one panel per occupation when
they do not fit (apart from terminal.py for its size); and the comparison in Markdown."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from orientation.output import text, typeset
from orientation.views.comparison import (
    BULLET,
    HANG,
    Block,
    Comparison,
    Row,
    headline,
    show_command,
)
from orientation.views.parts import MISSING
from orientation.writers.markdown import md_code, md_escape

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.text import Text

    # Quiz results only: scoring is not imported by `show` or `list`.


LABEL_WIDTH = 17  # « professionnelle » with its hanging indent fits


WIDE_LABEL = 27  # every label (and its ▶) on one line, when the columns can spare it


COLUMN = 26  # what a column keeps before the label column widens (titles on one line)


MIN_COLUMN = 18  # narrower than this, one panel per occupation


GAP = 2  # between two columns


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
        from orientation.output import heading

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


def _panels(comparison: Comparison, width: int) -> list[RenderableType]:
    """The same blocks and rows, one occupation at a time; labels above values when narrow."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.panel import Panel

    from orientation.output import heading

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
        + " · ".join(md_code(show_command(comparison, f)) for f in comparison.fiches)
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
