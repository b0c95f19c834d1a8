"""Which question to ask next, and a quiz replayed on an answer file. Pure.

The quiz (issue 27 §3; docs/methodologie.md) does not simply take the bank's next
question:

1. **Every tag first.** While a tag has no answer to a question mainly about it, the
   next question is the bank's first one mainly about a tag not measured yet: the
   bank's first block measures each tag once, in its order.
2. **Then the question that best settles the first place.** The first match so far
   and its closest rival (the one most likely to pass it: stopping.Forecast) differ
   on some tags more than on others. Each remaining question would take part of the
   uncertainty about the whole quiz's result away: the variance, on those tags, of
   the final means around the present ones, weighted by how much the two differ there.
   The question that takes most away is asked; ties go to the bank's order.

The same function chooses in the terminal (quiz.run_questions), in `quiz --answers
--arret` (replay) and in the simulation, so that the figures measured are those of
the quiz the students take.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from orientation.results.stopping import Forecast, settled, unmeasured
from orientation.scoring import main_tags

Loads = Mapping[str, Mapping[str, int]]
Weights = Mapping[str, Mapping[str, int]]
StopRule = Callable[[Loads, Weights, Mapping[str, int | None], Sequence[str]], bool]


def next_question(
    loads: Loads,
    fiches: Weights,
    answers: Mapping[str, int | None],
    remaining: Sequence[str],
) -> str:
    """The question to ask after *answers*, among *remaining* (in bank order, not empty)."""
    missing = unmeasured(loads, answers, remaining)
    if missing:
        return next(
            (q for q in remaining if main_tags(loads[q]) & missing),
            remaining[0],
        )
    forecast = Forecast.of(loads, fiches, answers, remaining)
    rival = None if forecast is None else forecast.rival()
    if forecast is None or rival is None:
        return remaining[0]
    contrast = forecast.contrast(rival)
    best, gain = remaining[0], 0.0
    for question in remaining:
        taken = forecast.taken_away(loads[question], contrast)
        if taken > gain + 1e-12:
            best, gain = question, taken
    return best


@dataclass(frozen=True)
class Replay:
    """A quiz taken on an answer file: the questions in the order asked, and whether it
    stopped before its last question."""

    asked: tuple[str, ...]
    stopped: bool


def replay(
    loads: Loads,
    fiches: Weights,
    sheet: Mapping[str, int | None],
    order: Sequence[str],
    *,
    stop: StopRule | None = settled,
    choose: bool = True,
) -> Replay:
    """Ask the questions of *order* (the bank's) as the quiz would, answering each from
    *sheet* (a question not in it is skipped: « Je ne sais pas »), choosing the next one
    with next_question (*choose*) or in order, and stopping when *stop* says so (None:
    never)."""
    answers: dict[str, int | None] = {}
    remaining = list(order)
    while remaining:
        question = next_question(loads, fiches, answers, remaining) if choose else remaining[0]
        answers[question] = sheet.get(question)
        remaining.remove(question)
        if remaining and stop is not None and stop(loads, fiches, answers, remaining):
            return Replay(tuple(answers), True)
    return Replay(tuple(answers), False)
