"""The basics of everything written out: untrusted text made safe, French
typography, the rich console, JSON.

Kept apart from render so that what only needs these (the help, error messages,
JSON files) does not load the content model.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.measure import Measurement
    from rich.segment import Segment
    from rich.text import Text

# C0/C1 controls (but newline and tab), the other line breaks (U+2028, U+2029; NEL is
# C1) and bidirectional marks and overrides (U+061C too): never sent raw.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def clean(text: str) -> str:
    """Neutralise control characters so content cannot drive the terminal."""
    return _CONTROL.sub("\ufffd", text.replace("\t", " "))


def to_json(data: Any, indent: int = 2, *, ascii_only: bool = False) -> str:
    """*data* as JSON text that is safe to print: every control character is escaped.

    json.dumps escapes C0 controls but writes C1 controls and bidirectional overrides
    raw; as `\\u` escapes they reach the terminal as plain text and decode unchanged.
    *ascii_only* escapes every non-ASCII character too, for a stream that is not UTF-8.
    """
    import json

    dumped = json.dumps(data, ensure_ascii=ascii_only, indent=indent)
    return _CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped) + "\n"


def writes_unicode(stream: object) -> bool:
    """*stream* encodes every character (UTF-8, UTF-16…), not only some (ASCII, Latin-1)."""
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name.startswith("utf")
    except LookupError:
        return False


# French typography: a no-break space inside « » and before : ; ? !, so that a
# line never starts with one of them.
# (Each pattern starts with the space: the engine then skips to spaces at once.)
_BEFORE_NBSP = re.compile(r" (?:(?<=« )|(?=»)|(?=[:;?!](?:\s|$)))")


# And inside a date (« 1er novembre »), a number and its unit (« 35 h », « 1 801,80 € »),
# and a level (« bac +3 »), which read as one word.
_MONTH = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_INSIDE_NBSP = re.compile(
    rf" (?:(?:(?<=[0-9] )|(?<=er ))(?=(?:{_MONTH})\b)|(?<=[0-9] )(?=(?:€|h|%)(?:\W|$)|[0-9]{{3}}\b)"
    r"|(?<=\b[Bb]ac )(?=\+[0-9]))"
)


def typeset(value: str) -> str:
    """Untrusted text made safe to show, with French no-break spaces."""
    return _INSIDE_NBSP.sub("\u00a0", _BEFORE_NBSP.sub("\u00a0", clean(value)))


def text(value: str, style: str = "") -> Text:
    """Untrusted text as a rich Text: shown literally, never parsed as markup."""
    from rich.text import Text

    _respect_no_break_spaces()
    return Text(typeset(value), style=style)


# French typography puts no-break spaces inside « » and before « : », and in amounts
# (« 1 807 € »). Rich wraps at any Unicode space, NBSP included (Textualize/rich#4196,
# open), so a lone « » or « € » could start a line. Wrap at other spaces only.
_WORD_KEEPING_NBSP = re.compile("[^\\S\u00a0\u202f]*[\\S\u00a0\u202f]+[^\\S\u00a0\u202f]*")


def _respect_no_break_spaces() -> None:
    """Patch rich's word splitter once; done lazily so that importing this module stays cheap."""
    global _nbsp_respected
    if _nbsp_respected:
        return
    from rich import _wrap

    if getattr(_wrap, "re_word", None) is not None:
        _wrap.re_word = _WORD_KEEPING_NBSP
    _nbsp_respected = True


_nbsp_respected = False


# The widths a console draws at. rich takes COLUMNS as it is: at 0 it prints nothing
# (not even an error), at 10^11 it fills the memory, and « ² » passes its isdigit() test
# but not int(). Narrower than the quiz's prompts (20) is not readable either.
MIN_WIDTH, MAX_WIDTH = 20, 1000
MAX_HEIGHT = 10_000


def console(stderr: bool = False) -> Console:
    """The one console per stream; width and colour follow the terminal and NO_COLOR.

    A COLUMNS or LINES that cannot be used is ignored: the terminal's size, else 80."""
    import sys

    from rich.console import Console

    _respect_no_break_spaces()
    stream = sys.stderr if stderr else sys.stdout
    # rich pads lines with spaces to the width of their grid or panel: invisible on a
    # terminal, but a file or a pipe would keep them.
    trimmed = None if stream is None or _isatty(stream) else _TrimmedLines(stderr)
    # rich writes, flushes and asks isatty, fileno and encoding: all a text stream's.
    return Console(
        stderr=stderr,
        file=cast("IO[str] | None", trimmed),
        highlight=False,
        emoji=False,
        markup=False,
        _environ=_usable_sizes(),
    )


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed, or not a real stream
        return False


# Spaces at the end of a line, before the style codes that may close it.
_TRAILING_SPACES = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


def unpadded(text: str) -> str:
    """*text* without the spaces that end its lines (style codes that close a line stay)."""
    if "\x1b" not in text:  # no style codes (not a terminal): ten times faster
        return "\n".join(line.rstrip(" ") for line in text.split("\n"))
    return _TRAILING_SPACES.sub(r"\1", text)


class _TrimmedLines:
    """Standard output or error without spaces at the end of its lines. The stream is
    looked up at each write, as rich does, so that a replaced sys.stdout is followed."""

    def __init__(self, stderr: bool) -> None:
        self.stderr = stderr
        self.pending = ""  # the start of a line not ended yet

    @property
    def stream(self) -> Any:
        import sys

        return sys.stderr if self.stderr else sys.stdout

    def write(self, text: str) -> int:
        lines, ended, self.pending = (self.pending + text).rpartition("\n")
        if ended:
            self.stream.write(unpadded(lines) + "\n")
        return len(text)

    def flush(self) -> None:
        if self.pending:
            self.stream.write(self.pending)
            self.pending = ""
        self.stream.flush()

    def __getattr__(self, name: str) -> Any:  # isatty, fileno, encoding…
        return getattr(self.stream, name)


def _usable_sizes() -> Mapping[str, str]:
    """The environment, without a COLUMNS or LINES that cannot be used."""
    import os

    unusable = [
        name
        for name, low, high in (("COLUMNS", MIN_WIDTH, MAX_WIDTH), ("LINES", 1, MAX_HEIGHT))
        if name in os.environ and not _in_range(os.environ[name], low, high)
    ]
    if not unusable:
        return os.environ
    return {name: value for name, value in os.environ.items() if name not in unusable}


def _in_range(value: str, low: int, high: int) -> bool:
    """*value* is written as a whole number from *low* to *high* (ASCII digits only)."""
    # Short, because int() refuses more than 4 300 digits: rich would raise.
    return value.isascii() and value.isdigit() and len(value) <= 6 and low <= int(value) <= high


def render_lines(
    console: Console, item: RenderableType, options: ConsoleOptions, *, pad: bool = True
) -> list[list[Segment]]:
    """console.render_lines(item, options, pad=pad), the same lines, made without a Text
    per wrapped line when *item* is a Text of one style, as nearly every text of a view
    is: rich's wrap costs a fifth of `show` (docs/performance.md). tests/test_output.py
    compares both ways on many texts, widths and styles."""
    from rich.text import Text

    if (
        type(item) is not Text
        or item.spans
        or item.no_wrap
        or (item.justify or options.justify or "default") != "default"
        or (item.overflow or options.overflow or "fold") != "fold"
        or options.no_wrap
        or item.end != "\n"
        or "\t" in item.plain
    ):
        return console.render_lines(item, options, pad=pad)
    from rich._wrap import divide_line
    from rich.cells import cell_len, set_cell_size
    from rich.segment import Segment

    width = options.max_width
    style = console.get_style(item.style) if item.style else None
    lines: list[list[Segment]] = []
    for paragraph in item.plain.split("\n"):
        offsets = divide_line(paragraph, width, fold=True)
        for start, end in zip([0, *offsets], [*offsets, len(paragraph)], strict=True):
            piece = paragraph[start:end]
            if len(piece) > width:  # Text.rstrip_end: the spaces beyond the width go
                excess = len(piece) - width
                spaces = len(piece) - len(piece.rstrip())
                piece = piece[: len(piece) - min(spaces, excess)]
            length = cell_len(piece)
            if length > width:  # Text.truncate (fold): a word wider than the line is cut
                piece, length = set_cell_size(piece, width), width
            line = [Segment(piece, style)] if style is not None else [Segment(piece)]
            if pad and length < width:
                line.append(Segment(" " * (width - length)))
            lines.append(line)
    return lines


class Hanging:
    """Texts one under the other, each starting after *first* and wrapped after *then*:
    bullets (« • » then two spaces), or commands whose continued lines stand out. What
    a two-column rich grid would show, at a fifth of the cost: a fiche is mostly bullets."""

    def __init__(self, items: Sequence[RenderableType], first: str, then: str) -> None:
        self.items = items
        self.first = first
        self.then = then

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        margin = max(len(self.first), len(self.then))
        room = max(options.max_width - margin, 1)
        item_options = options.update(width=room, overflow="fold", height=None)
        first, then, new_line = Segment(self.first), Segment(self.then), Segment.line()
        for item in self.items:
            for number, line in enumerate(render_lines(console, item, item_options)):
                yield first if number == 0 else then
                yield from line
                yield new_line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        extra = max(len(self.first), len(self.then))
        widths = [Measurement.get(console, options, item) for item in self.items]
        if not widths:
            return Measurement(extra, extra)
        return Measurement(
            extra + max(w.minimum for w in widths), extra + max(w.maximum for w in widths)
        ).clamp(max_width=options.max_width)


def indented(renderable: RenderableType, margin: int) -> RenderableType:
    """*renderable* after *margin* spaces: rich's Padding, at a fraction of its cost."""
    return Hanging([renderable], " " * margin, " " * margin)


class Beside:
    """A label in a column of its own, its body beside it: a two-column rich grid's
    layout, without measuring every cell (a fiche has a hundred of them)."""

    def __init__(self, label: Text, body: RenderableType, width: int, gap: int = 2) -> None:
        self.label = label
        self.body = body
        self.width = width
        self.gap = gap

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        room = max(options.max_width - self.width - self.gap, 1)
        label_options = options.update(width=self.width, overflow="fold", height=None)
        body_options = options.update(width=room, overflow="fold", height=None)
        labels = render_lines(console, self.label, label_options, pad=True)
        body = render_lines(console, self.body, body_options, pad=False)
        blank, gap, new_line = Segment(" " * self.width), Segment(" " * self.gap), Segment.line()
        for number in range(max(len(labels), len(body))):
            if number < len(labels):
                yield from labels[number]
            else:
                yield blank
            if number < len(body):
                yield gap
                yield from body[number]
            yield new_line


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 réponse', '28 réponses', '1 000 fiches': the count and its word, agreed
    (French groups thousands with a no-break space). Never « réponse(s) »."""
    # French takes the singular below two: « 0 question », « 1 question ».
    word = singular if abs(count) < 2 else (plural_form or singular + "s")
    return f"{grouped(count)} {word}"


def grouped(number: int) -> str:
    """'10 000': digits grouped by three with a no-break space, as French writes them."""
    return f"{number:,}".replace(",", "\u00a0")


def shortened(text: str, limit: int = 40) -> str:
    """*text* for an error message: a value of thousands of characters is cut."""
    if len(text) <= limit:
        return text
    return f"{text[: limit - 10]}… ({len(text)} caractères)"


_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def long_date(day: str) -> str:
    """'2026-11-01' -> '1er novembre 2026' (no-break spaces); anything else as it is."""
    match = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", day)
    if not match or not 1 <= int(match[2]) <= 12:
        return clean(day)
    number = int(match[3])
    return f"{'1er' if number == 1 else number}\u00a0{_MONTHS[int(match[2]) - 1]}\u00a0{match[1]}"


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


def french_date(iso: str) -> str:
    """'2026-11-21T15:04:00+01:00' -> '21/11/2026 à 15:04'; anything else as it is."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(iso).strftime("%d/%m/%Y à %H:%M")
    except ValueError:
        return clean(iso)
