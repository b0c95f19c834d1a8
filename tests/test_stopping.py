"""The adaptive stop (stopping.py): its guarantee checked by brute force on a small bank,
its bounds against every corner of a box, and its rule on the shipped content."""

from __future__ import annotations

import itertools
import random

import pytest

from orientation.content.catalogue import load_catalogue, load_questions
from orientation.results import stopping
from orientation.results.stopping import GUARANTEE, settled
from orientation.scoring import FLAT_SPREAD, rank_matches

# A small bank: 4 tags, 8 questions (2 mainly, 1 partly), 3 fiches of different shapes.
LOADS = {
    "q1": {"a": 2},
    "q2": {"b": 2, "a": 1},
    "q3": {"c": 2},
    "q4": {"d": 2, "c": 1},
    "q5": {"a": 2, "d": 1},
    "q6": {"b": 2},
    "q7": {"c": 2, "b": 1},
    "q8": {"d": 2},
}
ORDER = list(LOADS)
FICHES = {
    "fiche-ab": {"a": 3, "b": 2},
    "fiche-cd": {"c": 3, "d": 2, "a": 1},
    "fiche-bd": {"b": 3, "d": 3},
}


def outcome(answers: dict[str, int | None]) -> tuple[str, bool]:
    result = rank_matches(LOADS, FICHES, answers)
    return result.matches[0].slug, result.flat


def allowed(question: str, answers: dict[str, int | None], margin: float) -> list[int | None]:
    """The answers to *question* within *margin* of the person's mean on each of its tags
    (cut to 1..5), or skipped: what settled() with that margin takes into account."""
    means = {}
    for tag in LOADS[question]:
        given = [
            (LOADS[q][tag], a) for q, a in answers.items() if a is not None and tag in LOADS[q]
        ]
        means[tag] = sum(w * a for w, a in given) / sum(w for w, _ in given)
    return [
        v
        for v in range(1, 6)
        if all(m - margin - 1e-9 <= v <= m + margin + 1e-9 for m in means.values())
    ] + [None]


@pytest.mark.parametrize("margin", [GUARANTEE, 1.5, 0.75])
def test_settled_holds_against_every_completion(margin: float) -> None:
    """Whenever settled() says so, no answers to the remaining questions (within its
    margin of the person's answers so far on each tag, or skipped; with the guarantee,
    any answer from 1 to 5) change the first match or the flat verdict."""
    rng = random.Random(20)
    stops = flats = 0
    for _ in range(400):
        # Keen on some tags, or all alike (flat), with noise: both verdicts get tried.
        keen = {t: rng.choice((1, 3, 5)) for t in "abcd"} if rng.random() < 0.7 else None
        sheet: dict[str, int | None] = {}
        for question in ORDER:
            if rng.random() < 0.1:
                sheet[question] = None
                continue
            centre = (
                3 if keen is None else keen[max(LOADS[question], key=lambda t: LOADS[question][t])]
            )
            sheet[question] = min(5, max(1, centre + rng.choice((-1, 0, 0, 1))))
        for asked in range(4, len(ORDER)):
            answers = {q: sheet[q] for q in ORDER[:asked]}
            remaining = ORDER[asked:]
            if not settled(
                LOADS, FICHES, answers, remaining, margin=margin, flat_margin=margin, relief_p=None
            ):
                continue
            stops += 1
            now = outcome(answers)
            flats += now[1]
            choices = [allowed(q, answers, margin) for q in remaining]
            for rest in itertools.product(*choices):
                full = {**answers, **dict(zip(remaining, rest, strict=True))}
                assert outcome(full) == now, (answers, full)
            break
    # Not vacuous: the rule did stop early, with flat profiles among them below the
    # guarantee (which almost never settles a flat verdict before the end).
    assert stops > 50
    assert flats > 0 or margin == GUARANTEE


def test_never_before_every_tag_is_measured() -> None:
    # Tag d is measured by q4, q5 and q8 only: skipped or not asked, never settled.
    answers: dict[str, int | None] = {"q1": 5, "q2": 1, "q3": 5}
    assert not settled(
        LOADS, FICHES, answers, ORDER[3:], margin=0.0, flat_margin=0.0, relief_p=None
    )
    skipped = {"q1": 5, "q2": 1, "q3": 5, "q4": None, "q5": None, "q6": 1, "q7": 5}
    assert not settled(LOADS, FICHES, skipped, ["q8"], margin=0.0, flat_margin=0.0, relief_p=None)
    measured = {**skipped, "q4": 5}
    assert settled(LOADS, FICHES, measured, ["q8"], margin=0.0, flat_margin=0.0, relief_p=None)


def test_a_smaller_margin_never_asks_more() -> None:
    rng = random.Random(3)
    for _ in range(200):
        sheet = {q: rng.randint(1, 5) for q in ORDER}
        stops = []
        for margin in (GUARANTEE, 1.5, 0.75, 0.0):
            asked = next(
                (
                    n
                    for n in range(1, len(ORDER))
                    if settled(
                        LOADS,
                        FICHES,
                        {q: sheet[q] for q in ORDER[:n]},
                        ORDER[n:],
                        margin=margin,
                        flat_margin=margin,
                        relief_p=None,
                    )
                ),
                len(ORDER),
            )
            stops.append(asked)
        assert stops == sorted(stops, reverse=True)


def test_all_questions_answered_is_settled() -> None:
    answers: dict[str, int | None] = dict.fromkeys(ORDER, 3)
    assert settled(LOADS, FICHES, answers, [])


def spread(values: tuple[float, ...]) -> float:
    mean = sum(values) / len(values)
    return float((sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5)


def random_box(rng: random.Random) -> list[tuple[float, float]]:
    box = []
    for _ in range(rng.randint(3, 7)):
        low = rng.uniform(1, 5)
        box.append((low, low if rng.random() < 0.2 else min(5.0, low + rng.uniform(0, 1.5))))
    return box


@pytest.mark.slow
def test_the_lowest_spread_is_the_smallest_over_the_box() -> None:
    """Against a fine grid of points of each interval (the minimum may be inside)."""
    rng = random.Random(7)
    for _ in range(300):
        box = random_box(rng)[:4]
        grid = [[a + (b - a) * k / 8 for k in range(9)] for a, b in box]
        found = min(spread(point) for point in itertools.product(*grid))
        lowest = stopping.lowest_spread(box)
        assert lowest <= found + 1e-9
        assert lowest >= found - 0.2  # the grid's step: close, and never above it


def test_always_flat_agrees_with_every_corner() -> None:
    """The largest spread is at a corner; the cheap bounds never decide wrongly."""
    rng = random.Random(11)
    decided = {True: 0, False: 0}
    for _ in range(3000):
        box = [(a / 3 + 2, b / 3 + 2) for a, b in random_box(rng)]  # narrow: near the limit
        highest = max(spread(corner) for corner in itertools.product(*box))
        assert stopping.highest_spread(box) == pytest.approx(highest)
        flat = stopping.always_flat(box)
        assert flat == (highest < FLAT_SPREAD - stopping.EPSILON), box
        decided[flat] += 1
    assert min(decided.values()) > 100


def test_the_shipped_content_stops_early_for_a_clear_profile() -> None:
    """On the shipped bank, answers built from one fiche's weights stop the quiz before
    its end, and the stopped quiz puts that fiche first, as the full one does."""
    questions = load_questions()
    catalogue = load_catalogue()
    loads = {q.id: q.loads for q in questions}
    fiches = {e.slug: e.weights for e in catalogue.entries}
    ids = [q.id for q in questions]
    for slug, weights in fiches.items():
        sheet: dict[str, int | None] = {
            q.id: 1 + round(4 * max(weights.get(t, 0) for t in q.loads) / 3) for q in questions
        }
        full = rank_matches(loads, fiches, sheet).matches[0].slug
        asked = next(
            n
            for n in range(1, len(ids) + 1)
            if settled(loads, fiches, {q: sheet[q] for q in ids[:n]}, ids[n:])
        )
        assert asked < len(ids), slug
        stopped = rank_matches(loads, fiches, {q: sheet[q] for q in ids[:asked]})
        assert stopped.matches[0].slug == full == slug


def test_always_flat_tries_every_corner_when_the_bounds_do_not_decide() -> None:
    """A box whose largest spread (0.3504, at a corner that no split by midpoint gives:
    those reach 0.3496) is just above FLAT_SPREAD: not always flat."""
    box = [(2.6065, 3.3245), (3.0814, 3.5303), (3.2185, 3.2656), (3.1545, 3.4763), (2.9618, 3.5166)]
    assert stopping._split_corners(box) < FLAT_SPREAD < stopping.highest_spread(box)
    assert not stopping.always_flat(box)


def test_a_tag_known_only_through_partial_loads_is_not_measured_yet() -> None:
    from orientation.results.stopping import final_box

    loads = {"q1": {"a": 2, "b": 1}, "q2": {"c": 2}, "q3": {"b": 2}}
    # b has a weight (q1 loads it partly) but no answered question is mainly about it.
    assert final_box(loads, {"q1": 5, "q2": 1}, ["q3"], 4.0) is None
    assert final_box(loads, {"q1": 5, "q2": 1, "q3": 3}, [], 4.0) is not None
    assert final_box(loads, {"q1": 5, "q2": 1, "q3": None}, [], 4.0) is None  # skipped


def test_the_quiz_does_not_stop_while_its_verdict_is_in_doubt() -> None:
    """Random answers can settle the first match's box early, yet the full quiz would
    call them « peu cohérentes »: the stop waits until the answers show relief beyond
    doubt, so that it never shows a ranking the last answers would take away."""
    from orientation.content.catalogue import load_catalogue, load_questions
    from orientation.results.stopping import PRESENT_RELIEF_P, relief_settled
    from orientation.scoring import relief

    questions = load_questions()
    loads = {q.id: q.loads for q in questions}
    fiches = {e.slug: e.weights for e in load_catalogue().entries}
    order = [q.id for q in questions]
    rng = random.Random(27)
    held_back = 0
    for _ in range(200):
        sheet: dict[str, int | None] = {q: rng.randint(1, 5) for q in order}
        for asked in range(10, len(order)):
            answers = {q: sheet[q] for q in order[:asked]}
            remaining = order[asked:]
            box_alone = settled(loads, fiches, answers, remaining, relief_p=None)
            if settled(loads, fiches, answers, remaining):
                test = relief(loads, answers)
                assert test is not None
                assert test.p < PRESENT_RELIEF_P
                break
            if box_alone and not relief_settled(loads, answers, remaining=remaining):
                held_back += 1
                break
    assert held_back > 20  # not vacuous: the box alone would have stopped these early
