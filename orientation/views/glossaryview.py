"""What `orientation glossaire` shows: the whole glossary, aligned, or one term in full."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from orientation.output import plural
from orientation.output import text as _text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.text import Text

    from orientation.content.glossary import Glossary, Term

TERM_WIDTH = 22  # the term column, at most; longer terms wrap between words
DEFINITION_WIDTH = 30  # below this, each term goes above its definition
MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
MAX_WIDTH = 110  # wider lines are hard to follow: a wide terminal keeps them at this
# « bac +2 » is one word to the reader.
_KEPT_TOGETHER = re.compile(r"\b([Bb]ac) (\+[0-9])")


def text(value: str, style: str = "") -> Text:
    """output.text, with « bac +2 » never cut between its words."""
    return _text(_KEPT_TOGETHER.sub("\\1\u00a0\\2", value), style)


def _alphabetical(terms: tuple[Term, ...]) -> tuple[Term, ...]:
    """A to Z, whatever the case and accents (« économie » among the E)."""
    from orientation.content.model import normalise

    return tuple(sorted(terms, key=lambda t: (normalise(t.term), t.term)))


def renamed_line(term: Term) -> str | None:
    """« Aujourd'hui France Travail, depuis le 1er janvier 2024. » for a renamed term."""
    renamed = term.renamed
    return None if renamed is None else renamed[0].upper() + renamed[1:] + "."


def _french_date(term: Term) -> str:
    year, month, day = (int(part) for part in term.checked.split("-"))
    first = "1er" if day == 1 else str(day)
    return f"{first} {MONTHS.split()[month - 1]} {year}"


class _Terms:
    """Each term beside its definition, or above it when the width leaves the definition
    too little room: no word is cut, even at 40 columns."""

    def __init__(self, terms: tuple[Term, ...]) -> None:
        self.terms = terms

    def _parts(self, term: Term) -> list[Text]:
        parts = [text(term.definition)]
        renamed = renamed_line(term)
        if renamed is not None:
            parts.append(text(renamed, "italic"))
        return parts

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Lines wrapped here rather than in a rich Table: a grid of 70 rows took 80 ms.
        from itertools import zip_longest

        from rich.padding import Padding
        from rich.text import Text

        names = [text(term.term, "bold") for term in self.terms]
        width = min(TERM_WIDTH, max(name.cell_len for name in names))
        right = min(options.max_width, MAX_WIDTH) - width - 2
        if right < DEFINITION_WIDTH:
            for name, term in zip(names, self.terms, strict=True):
                yield name
                yield Padding(_Stacked(self._parts(term)), (0, 0, 0, 2))
            return
        for whole, term in zip(names, self.terms, strict=True):
            parts = self._parts(term)
            lines = [line for part in parts for line in part.wrap(console, right)]
            for name, line in zip_longest(whole.wrap(console, width), lines):
                row = Text()
                if name is not None:
                    row.append_text(name)
                row.pad_right(width - row.cell_len + 2)
                if line is not None:
                    row.append_text(line)
                yield row


class _Stacked:
    """Texts one under the other (rich.console.Group, without its import)."""

    def __init__(self, parts: list[Text]) -> None:
        self.parts = parts

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.parts


def glossary_renderable(glossary: Glossary) -> RenderableType:
    """The whole glossary, in alphabetical order, with how to see one term."""
    from rich.console import Group

    if not glossary.terms:
        return text("Ce dossier de contenu n'a pas de glossaire (glossaire.yaml).")
    terms = _alphabetical(glossary.terms)
    count = plural(len(terms), "terme")
    return Group(
        text(f"Glossaire : sigles et mots techniques des fiches ({count})", "bold"),
        text(""),
        _Terms(terms),
    )


def term_renderable(term: Term) -> RenderableType:
    """One term: its definition, its current name, how texts write it, when it was checked."""
    from rich.console import Group

    lines = [text(term.term, "bold"), text(term.definition)]
    renamed = renamed_line(term)
    if renamed is not None:
        lines.append(text(renamed, "italic"))
    others = [form for form in term.forms if form != term.term]
    if others:
        lines.append(text("S'écrit aussi : " + ", ".join(others) + ".", "dim"))
    lines.append(text(f"Définition vérifiée le {_french_date(term)}.", "dim"))
    return Group(*lines)


def glossary_data(glossary: Glossary) -> dict[str, Any]:
    terms = _alphabetical(glossary.terms)
    return {"terms": [term.data() for term in terms], "watch": list(glossary.watch)}
