"""When the quiz may stop before its last question: its result is settled. Pure.

The rule (explained for counsellors in docs/methodologie.md): the quiz stops once
every tag has been measured by a question that mainly asks about it, and no answers
to the remaining questions within MARGIN scale points of what the person said so far
on each tag could change the first match, nor within FLAT_MARGIN the flat verdict (a
ranking, moreover, only FLAT_CUSHION clear of the flat threshold). With a margin of 4
(GUARANTEE) every answer from 1 to 5 is allowed: a proof that the result cannot
change. That proof rarely stops the quiz before its last few questions; the
margins were chosen with the simulation (orientation/simulation.py) so that the
stopped quiz agrees with the full one for nearly every respondent.

Why it can be computed exactly and cheaply:

- **Bounds.** A tag's profile is a weighted mean of its answers. Whatever the
  remaining answers (each from *a* to *b*, or skipped), it ends between
  lo = (S + R·a) / (W + R) and hi = (S + R·b) / (W + R), where S and W are the
  weighted sum and weight so far and R the remaining questions' load on the tag.
  Tags are taken as independent (one question loads on several): a larger box, so
  the rule only gets more careful.
- **First match.** Scoring ranks the fiches by the correlation r between the
  centred profile p and the fiche's weights. With u = the fiche's centred weights
  divided by their norm, r_f ≥ r_j if and only if ⟨p, u_f − u_j⟩ ≥ 0: linear in p
  (the norm of the centred profile divides both; u is centred, so p need not be).
  Its minimum over the box takes each tag at lo or hi by the sign of its
  coefficient: the first match f stays first if that minimum is above 0 for every
  other fiche j.
- **Flat verdict.** The spread (standard deviation) over the box: its minimum is
  min over c of Σ dist(c, [lo, hi])² (convex in c, one dimension); its maximum is
  at a corner of the box, bounded from above by min over c of Σ max((lo − c)²,
  (hi − c)²) and from below by the corners split by midpoint; when the two
  bounds fall on either side of the threshold, every corner is tried.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence

from orientation.scoring import (
    FLAT_SPREAD,
    MIN_TAGS,
    SCALE_MAX,
    SCALE_MIN,
    correlation,
    main_tags,
    relief,
    score,
)

GUARANTEE = float(SCALE_MAX - SCALE_MIN)  # every remaining answer possible: a proof
MARGIN = 0.75  # for the first match, in scale points: chosen with the simulation
FLAT_MARGIN = 1.25  # for the flat verdict, which moves more easily (docs/methodologie.md)
# To stop on a ranking, the spread must stay this far above FLAT_SPREAD (scale points):
# better a few more questions than a ranking shown to a profile that has none.
FLAT_CUSHION = 0.1
# The relief test before stopping: well clear of RELIEF_P (0.2), where the verdicts
# « sans relief » and « peu cohérentes » are made (docs/methodologie.md).
STOP_RELIEF_P = 0.01
EPSILON = 1e-9  # a difference this small is a tie, as rounding could make it
MAX_CORNERS_TAGS = 16  # past that, 2**n corners are too many: not settled, keep asking

Box = dict[str, tuple[float, float]]  # tag -> (lowest, highest) final profile


def settled(
    loads: Mapping[str, Mapping[str, int]],
    fiches: Mapping[str, Mapping[str, int]],
    answers: Mapping[str, int | None],
    remaining: Sequence[str],
    *,
    margin: float = MARGIN,
    flat_margin: float = FLAT_MARGIN,
    relief_p: float | None = STOP_RELIEF_P,
) -> bool:
    """True when the quiz may stop now: every tag measured, and answers to the
    *remaining* questions (ids not asked yet) within *margin* of the person's profile
    on each tag could not change the first match, nor within *flat_margin* the flat
    verdict. Both at GUARANTEE: no answers at all could change them.

    Nor, with *relief_p*, before the answers show relief beyond doubt (relief_settled);
    None leaves the box alone (its guarantee's tests on small banks).

    *loads*: question id -> tag -> weight (every question of the quiz); *fiches*:
    slug -> tag -> weight; *answers*: the questions asked so far (None: skipped).
    """
    box = final_box(loads, answers, remaining, margin)
    if box is None:
        return False
    if not remaining:
        return True
    if relief_p is not None and not relief_settled(loads, answers, relief_p):
        return False
    flat_box = box if flat_margin == margin else final_box(loads, answers, remaining, flat_margin)
    return flat_box is not None and flat_settled(flat_box) and first_settled(fiches, box)


def relief_settled(
    loads: Mapping[str, Mapping[str, int]],
    answers: Mapping[str, int | None],
    relief_p: float = STOP_RELIEF_P,
) -> bool:
    """Whether the answers so far already show relief beyond doubt (scoring.relief, p
    below *relief_p*): the verdicts « profil sans relief » and « réponses peu
    cohérentes » are made at RELIEF_P, and more answers like these would not bring the
    profile back to them. Until the test can be made, or while it is in doubt, the
    quiz goes on: stopping would claim a ranking the last answers could still take away."""
    test = relief(loads, answers)
    return test is not None and test.p < relief_p


def final_box(
    loads: Mapping[str, Mapping[str, int]],
    answers: Mapping[str, int | None],
    remaining: Sequence[str],
    margin: float,
) -> Box | None:
    """Each tag's lowest and highest final profile, the remaining answers on it taken
    within *margin* of the person's mean on it so far; None while a tag is unmeasured:
    no answered question measures it mainly (its highest load)."""
    tags = sorted({tag for question in (*answers, *remaining) for tag in loads[question]})
    sums = dict.fromkeys(tags, 0.0)
    weights = dict.fromkeys(tags, 0.0)
    mainly: set[str] = set()  # tags an answered question measures mainly
    for question in sorted(answers):
        answer = answers[question]
        if answer is None:
            continue
        for tag, load in loads[question].items():
            sums[tag] += load * answer
            weights[tag] += load
        mainly |= main_tags(loads[question])
    # A tag known only through questions about something else (a partial load) is not
    # measured yet: its profile would rest on answers the student gave to other things.
    if not tags or not mainly.issuperset(tags):
        return None
    left = dict.fromkeys(tags, 0.0)
    for question in remaining:
        for tag, load in loads[question].items():
            left[tag] += load
    box: Box = {}
    for tag in tags:
        total, weight, more = sums[tag], weights[tag], left[tag]
        mean = total / weight
        low = max(float(SCALE_MIN), mean - margin)
        high = min(float(SCALE_MAX), mean + margin)
        # Skipping them all keeps the mean: inside [low, high], so inside the box too.
        box[tag] = ((total + more * low) / (weight + more), (total + more * high) / (weight + more))
    return box


def first_settled(fiches: Mapping[str, Mapping[str, int]], box: Box) -> bool:
    """The fiche first now stays first anywhere in *box*."""
    tags = sorted(box)
    profile = {tag: (low + high) / 2 for tag, (low, high) in box.items()}
    directions = {slug: _direction(fiches[slug], tags) for slug in sorted(fiches)}
    if len(directions) < 2:
        return True
    # Where the box's centre puts the first match: it must stay first everywhere.
    centred = {tag: value - sum(profile.values()) / len(tags) for tag, value in profile.items()}
    ranked = sorted(
        directions,
        key=lambda slug: (
            -score(correlation(centred, fiches[slug])),
            -round(correlation(centred, fiches[slug]), 9),
            slug,
        ),
    )
    first = ranked[0]
    best = directions[first]
    for slug in ranked[1:]:
        difference = [b - o for b, o in zip(best, directions[slug], strict=True)]
        if all(abs(d) < EPSILON for d in difference):
            continue  # the same shape: always the same correlation, the tie goes by slug
        lowest = sum(
            d * (box[tag][0] if d > 0 else box[tag][1])
            for tag, d in zip(tags, difference, strict=True)
        )
        if lowest <= EPSILON:
            return False
    return True


def _direction(weights: Mapping[str, int], tags: list[str]) -> list[float]:
    """The fiche's weights on *tags*, centred and of norm 1 (zero when constant)."""
    values = [float(weights.get(tag, 0)) for tag in tags]
    mean = sum(values) / len(values)
    centred = [v - mean for v in values]
    norm = math.sqrt(sum(v * v for v in centred))
    return [0.0] * len(tags) if norm < 1e-12 else [v / norm for v in centred]


def flat_settled(box: Box) -> bool:
    """The flat verdict is the same anywhere in *box*."""
    if len(box) < MIN_TAGS:
        return True  # too few tags: flat whatever the answers
    intervals = [box[tag] for tag in sorted(box)]
    if lowest_spread(intervals) >= FLAT_SPREAD + FLAT_CUSHION + EPSILON:
        return True  # never flat
    return always_flat(intervals)


def lowest_spread(intervals: Sequence[tuple[float, float]]) -> float:
    """The smallest standard deviation of a point of the box: min over c of the mean
    of dist(c, interval)², a convex function of c, quadratic between breakpoints."""
    points = sorted({x for interval in intervals for x in interval})
    candidates = list(points)
    for low, high in itertools.pairwise([points[0] - 1, *points, points[-1] + 1]):
        middle = (low + high) / 2
        # On this piece, the intervals wholly below or above c pull it to their end.
        ends = [b for a, b in intervals if b <= middle] + [a for a, b in intervals if a >= middle]
        if ends:
            candidates.append(min(max(sum(ends) / len(ends), low), high))

    def squares(c: float) -> float:
        return sum(max(a - c, 0.0, c - b) ** 2 for a, b in intervals)

    return math.sqrt(min(squares(c) for c in candidates) / len(intervals))


def always_flat(intervals: Sequence[tuple[float, float]]) -> bool:
    """Every point of the box has a spread below FLAT_SPREAD. The largest spread is at
    a corner (the variance is convex): cheap bounds first, every corner if they do
    not decide."""
    limit = FLAT_SPREAD - EPSILON
    if _minimax_spread(intervals) < limit:
        return True
    if _split_corners(intervals) >= limit or len(intervals) > MAX_CORNERS_TAGS:
        return False
    return highest_spread(intervals) < limit


def highest_spread(intervals: Sequence[tuple[float, float]]) -> float:
    """The largest standard deviation of a point of the box: the largest of a corner's."""
    return max(_spread(corner) for corner in itertools.product(*intervals))


def _split_corners(intervals: Sequence[tuple[float, float]]) -> float:
    """A lower bound: the best corner with the intervals split by their midpoint."""
    order = sorted(range(len(intervals)), key=lambda i: sum(intervals[i]))
    best = 0.0
    for split in range(len(intervals) + 1):
        corner = [0.0] * len(intervals)
        for rank, i in enumerate(order):
            corner[i] = intervals[i][0] if rank < split else intervals[i][1]
        best = max(best, _spread(corner))
    return best


def _minimax_spread(intervals: Sequence[tuple[float, float]]) -> float:
    """An upper bound: min over c of the mean of max((lo − c)², (hi − c)²), each term
    the farther end of its interval from c (maximin ≤ minimax)."""
    middles = sorted((a + b) / 2 for a, b in intervals)
    candidates = list(middles)
    for low, high in itertools.pairwise([middles[0] - 10, *middles, middles[-1] + 10]):
        middle = (low + high) / 2
        # Above an interval's middle, its farther end is the low one.
        far = [a if (a + b) / 2 < middle else b for a, b in intervals]
        candidates.append(min(max(sum(far) / len(far), low), high))

    def farthest(c: float) -> float:
        return sum(max((a - c) ** 2, (b - c) ** 2) for a, b in intervals)

    return math.sqrt(min(farthest(c) for c in candidates) / len(intervals))


def _spread(values: Sequence[float]) -> float:
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
