"""The parts every view is made of, whatever the format: headed sections of paragraphs,
bullets, labelled entries, measures and rankings (`Part`), and the words shared by
the views of fiches, results and comparisons."""

from __future__ import annotations

from dataclasses import dataclass

MISSING = "non renseigné"
# On every printed page that shows a person's name (handouts: report, compare --results,
# classe): the footer says it (writers/templates/parts.html, page_footer).
CONFIDENTIAL = "Document personnel – confidentiel"
BAR_FULL, BAR_EMPTY = "■", "·"


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
    what draws the person to it; *caution*: what not to take it for, when its name
    looks like another's (Confusion.lookalike)."""

    title: str
    score: int
    band: str
    reason: str | None = None
    caution: str | None = None


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
    # (what, the command) as a list: « what : command » on one line when it fits, else
    # the command on lines of its own. Screens only: no handout prints a command.
    pointers: tuple[tuple[str, str], ...] = ()
    ranking: tuple[Rank, ...] = ()  # quiz results: the occupations, closest first
    notes: tuple[str, ...] = ()  # said last, dimmed: editorial notes (NDLR)

    @property
    def empty(self) -> bool:
        return not (
            self.paragraphs
            or self.labelled
            or self.bullets
            or self.commands
            or self.pointers
            or self.ranking
            or self.notes
        )


def _values(items: tuple[str, ...]) -> tuple[str, ...]:
    return items or (MISSING,)


def part_texts(part: Part) -> list[str]:
    """Every text of *part* in reading order."""
    texts = [*part.paragraphs]
    for entry in part.labelled:
        texts += [*entry.values, *entry.details]
    return [*texts, *part.bullets, *part.notes]


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " et " + words[-1]


WEIGHT_WORDS = {
    3: "central dans ce métier",
    2: "important dans ce métier",
    1: "secondaire dans ce métier",
    0: "absent de ce métier",
}
