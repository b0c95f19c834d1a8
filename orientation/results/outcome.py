"""A scored quiz, as everything after the quiz sees it: the answers, the ranking, whose
they are and which questions were asked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orientation.content.model import Catalogue, Question
    from orientation.scoring import Result


# The answer scale, as the quiz offers it and the results quote it.
SCALE_LABELS = {1: "Pas du tout", 2: "Plutôt non", 3: "Neutre", 4: "Plutôt oui", 5: "Tout à fait"}


SKIP_LABEL = "Je ne sais pas"


# The occupations listed on screen: all of them in a catalogue of this size, the first
# ones in a large one. A saved result keeps these, with their reasons, whatever the
# catalogue's size; the JSON output has them all.
LISTED = 12


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


def answer_label(answer: int | None) -> str:
    return SKIP_LABEL if answer is None else SCALE_LABELS[answer]


# The words beside a score (scoring.BANDS gives the thresholds; docs/methodologie.md).
BAND_LABELS = {
    "very-close": "très proche",
    "close": "proche",
    "no-clear-link": "pas de lien net",
    "far": "éloigné",
}


def band_label(score: int, low: int | None = None) -> str:
    """The band's words; with the score's lower bound *low* (Match.low), « très proche »
    only when the bound clears its line too."""
    from orientation.scoring import band

    return BAND_LABELS[band(score, low)]
