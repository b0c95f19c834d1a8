"""When the quiz may stop before its last question: its result is settled. Pure.

The rule (explained for counsellors in docs/methodologie.md, « La règle d'arrêt »):
stochastic curtailment. Once every tag is measured and the relief test is clear now
and projected to the end (relief_settled), `Forecast` predicts the whole quiz from the
person's own spread and the quiz stops when the same first match (STOP_PROBABILITY),
the same band (BAND_PROBABILITY) and a spread clear of the flat line are all likely
enough. The constants were chosen with the simulation (results/simulation.py).

The older rule, a box of remaining answers within *margin* of the person's means,
stays for the proof: at GUARANTEE every answer from 1 to 5 is allowed, and the first
match provably cannot change (tests/test_stopping.py tries every ending on a small
bank). The notes below are about that box.

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
from collections.abc import Iterable, Mapping, Sequence

from orientation.scoring import (
    BANDS,
    FLAT_SPREAD,
    LOWER_Z,
    MIN_TAGS,
    SCALE_MAX,
    SCALE_MIN,
    band,
    centre,
    correlation,
    f_survival,
    gradient,
    main_tags,
    relief,
    residual_sd,
    score,
)

GUARANTEE = float(SCALE_MAX - SCALE_MIN)  # every remaining answer possible: a proof
MARGIN = 0.75  # for the first match, in scale points: chosen with the simulation
# Stochastic curtailment (issue 27 §2): stop once the probability that the whole quiz
# would put the same occupation first is at least STOP_PROBABILITY, and that it would
# show the same band at least BAND_PROBABILITY, the remaining answers predicted from the
# person's own spread (scoring.residual_sd) around their means so far.
STOP_PROBABILITY = 0.98
BAND_PROBABILITY = 0.8
FLAT_MARGIN = 1.25  # for the flat verdict, in the box (the proof; docs/methodologie.md)
# To stop on a ranking, the spread must stay this far above FLAT_SPREAD (scale points):
# better a few more questions than a ranking shown to a profile that has none.
FLAT_CUSHION = 0.1
# The relief test before stopping: well clear of RELIEF_P (0.2), where the verdicts
# « sans relief » and « peu cohérentes » are made (docs/methodologie.md).
STOP_RELIEF_P = 0.01
PRESENT_RELIEF_P = 0.05  # and the test made on the answers so far, below this
EPSILON = 1e-9  # a difference this small is a tie, as rounding could make it
MAX_CORNERS_TAGS = 16  # past that, 2**n corners are too many: not settled, keep asking

Box = dict[str, tuple[float, float]]  # tag -> (lowest, highest) final profile


def settled(
    loads: Mapping[str, Mapping[str, int]],
    fiches: Mapping[str, Mapping[str, int]],
    answers: Mapping[str, int | None],
    remaining: Sequence[str],
    *,
    margin: float | None = None,
    flat_margin: float = FLAT_MARGIN,
    relief_p: float | None = STOP_RELIEF_P,
    probability: float = STOP_PROBABILITY,
    band_probability: float | None = BAND_PROBABILITY,
) -> bool:
    """True when the quiz may stop now: every tag measured; answers to the *remaining*
    questions (ids not asked yet) within *flat_margin* of the person's profile on each
    tag could not change the flat verdict; and the whole quiz would put the same
    occupation first with at least *probability* (same_first_probability), in the same
    band with at least *band_probability* (None: the band is not shown).

    With a *margin* instead (in scale points), the first match must stay first for every
    remaining answer within *margin* of the person's profile: at GUARANTEE, a proof that
    no answers at all could change it (with *flat_margin* at GUARANTEE too).

    Nor, with *relief_p*, before the answers show relief beyond doubt (relief_settled);
    None leaves the box alone (its guarantee's tests on small banks).

    *loads*: question id -> tag -> weight (every question of the quiz); *fiches*:
    slug -> tag -> weight; *answers*: the questions asked so far (None: skipped).
    """
    flat_box = final_box(loads, answers, remaining, flat_margin)
    if flat_box is None:
        return False
    if not remaining:
        return True
    if relief_p is not None and not relief_settled(loads, answers, relief_p, remaining):
        return False
    if margin is not None:
        box = final_box(loads, answers, remaining, margin)
        return flat_settled(flat_box) and box is not None and first_settled(fiches, box)
    forecast = Forecast.of(loads, fiches, answers, remaining)
    if forecast is None or forecast.same_first() < probability:
        return False
    # The relief is settled (above): the whole quiz ranks if its spread stays clear of
    # the flat line too, FLAT_CUSHION above it.
    if forecast.spread_above(FLAT_SPREAD + FLAT_CUSHION) < probability:
        return False
    return band_probability is None or forecast.same_band() >= band_probability


def _normal_cdf(x: float) -> float:
    return 0.5 * math.erfc(-x / math.sqrt(2))


def _below(mean: float, sd: float, line: float) -> float:
    """P(X < line) for X normal (mean, sd); a step when sd is 0."""
    if sd < 1e-12:
        return 1.0 if mean < line else 0.0
    return _normal_cdf((line - mean) / sd)


# The correlation at each band's line (scoring.BANDS): a score of 75 or more is r ≥ 0.49.
_LINES = {name: (floor - 0.5) / 50 - 1 for floor, name in BANDS}


class Forecast:
    """What the whole quiz would say, seen from the answers so far: each tag's final
    mean is its mean so far plus the remaining answers on it, predicted from the
    person's own spread *sd* (scoring.residual_sd) around their true mean, itself known
    only as well as the answers so far tell it. For a tag with answered load W (Q: the
    sum of the squared loads) and remaining load R (RQ), the final mean's variance
    around the present one is sd² (R² Q / W² + RQ) / (W + R)². Tags are taken as
    independent (a question loads on several): a wider forecast, a more careful stop."""

    def __init__(
        self,
        fiches: Mapping[str, Mapping[str, int]],
        profile: dict[str, float],
        variance: dict[str, float],
        final_errors: dict[str, float],
        present_errors: dict[str, float],
        state: dict[str, tuple[float, float, float, float]] | None = None,
        sd: float = 0.0,
    ) -> None:
        self.fiches = fiches
        self.tags = sorted(profile)
        self.profile = profile
        self.variance = variance  # tag -> variance of the final mean around profile
        self.final_errors = final_errors  # tag -> standard error of the final mean
        self.present_errors = present_errors  # tag -> standard error of the mean so far
        self.state = state or {}  # tag -> (W, Q, R, RQ)
        self.sd = sd
        centred = centre(profile)
        ranked = _ranked(fiches, centred)
        self.first = ranked[0] if ranked else None
        self.centred = centred

    @classmethod
    def of(
        cls,
        loads: Mapping[str, Mapping[str, int]],
        fiches: Mapping[str, Mapping[str, int]],
        answers: Mapping[str, int | None],
        remaining: Sequence[str],
    ) -> Forecast | None:
        """None while a tag is not measured (stopping.final_box's rule)."""
        asked = _Loads.summed(loads, (q for q in sorted(answers) if answers[q] is not None))
        left = _Loads.summed(loads, remaining)
        tags = sorted(set(asked.weight) | set(left.weight))
        if not tags or any(asked.weight.get(t, 0.0) == 0 for t in tags):
            return None
        sums: dict[str, float] = dict.fromkeys(tags, 0.0)
        for question in sorted(answers):
            answer = answers[question]
            if answer is not None:
                for tag, load in loads[question].items():
                    sums[tag] += load * answer
        sd = residual_sd(loads, answers)
        profile = {t: sums[t] / asked.weight[t] for t in tags}
        variance = {}
        final_errors = {}
        present_errors = {}
        state = {}
        for t in tags:
            w, q = asked.weight[t], asked.square[t]
            r, rq = left.weight.get(t, 0.0), left.square.get(t, 0.0)
            state[t] = (w, q, r, rq)
            variance[t] = _final_variance(sd, w, q, r, rq)
            final_errors[t] = sd * math.sqrt(q + rq) / (w + r)
            present_errors[t] = sd * math.sqrt(q) / w
        return cls(fiches, profile, variance, final_errors, present_errors, state, sd)

    def _contrasts(self) -> list[tuple[str, list[float], float]]:
        """For each other occupation: its slug, the direction d with r_first ≥ r_other
        if and only if ⟨profile, d⟩ ≥ 0, and the z of that sum (mean over its sd)."""
        if self.first is None:
            return []
        best = _direction(self.fiches[self.first], self.tags)
        out = []
        for slug in sorted(self.fiches):
            if slug == self.first:
                continue
            d = [b - o for b, o in zip(best, _direction(self.fiches[slug], self.tags), strict=True)]
            if all(abs(x) < EPSILON for x in d):
                continue
            mean = sum(x * self.profile[t] for x, t in zip(d, self.tags, strict=True))
            sd = math.sqrt(sum(x * x * self.variance[t] for x, t in zip(d, self.tags, strict=True)))
            z = math.inf if sd < 1e-12 and mean > 0 else -math.inf if sd < 1e-12 else mean / sd
            out.append((slug, d, z))
        return out

    def rival(self) -> str | None:
        """The occupation most likely to pass the first one by the end of the quiz."""
        contrasts = self._contrasts()
        return min(contrasts, key=lambda c: (c[2], c[0]))[0] if contrasts else None

    def contrast(self, rival: str) -> dict[str, float]:
        """Tag -> how much the first match and *rival* differ there (centred, normed)."""
        d = next(d for slug, d, _ in self._contrasts() if slug == rival)
        return dict(zip(self.tags, d, strict=True))

    def taken_away(self, loads: Mapping[str, int], contrast: Mapping[str, float]) -> float:
        """How much of the variance of ⟨final profile, contrast⟩ a question with *loads*
        would take away once answered: its load moves from remaining to answered."""
        taken = 0.0
        for tag, load in loads.items():
            if tag not in self.state:
                continue
            w, q, r, rq = self.state[tag]
            after = _final_variance(self.sd, w + load, q + load * load, r - load, rq - load * load)
            taken += contrast.get(tag, 0.0) ** 2 * (self.variance[tag] - after)
        return taken

    def same_first(self) -> float:
        """A lower bound on the probability that the whole quiz puts the same occupation
        first: one minus the sum, over the others, of the probability that it passes
        the present first (r_f ≥ r_j is linear in the profile: first_settled)."""
        changes = sum(_normal_cdf(-z) for _, _, z in self._contrasts())
        return max(0.0, 1.0 - changes)

    def spread_above(self, line: float) -> float:
        """The probability that the whole quiz's profile has a spread (standard
        deviation) of at least *line*: by the delta method, the spread moving with each
        tag's mean by c_t / (n · spread)."""
        n = len(self.tags)
        spread = math.sqrt(sum(self.centred[t] ** 2 for t in self.tags) / n)
        if spread < 1e-12:
            return 0.0
        sd = math.sqrt(
            sum((self.centred[t] / (n * spread)) ** 2 * self.variance[t] for t in self.tags)
        )
        return 1.0 - _below(spread, sd, line)

    def same_band(self) -> float:
        """The probability that the whole quiz shows the first match in the band the
        quiz stopped now would show (by the delta method: the correlation moves with
        the profile along its gradient)."""
        if self.first is None:
            return 1.0
        weights = self.fiches[self.first]
        slope = gradient(self.centred, weights)
        if slope is None:
            return 1.0
        r = correlation(self.centred, weights)
        sd = math.sqrt(sum(slope[t] ** 2 * self.variance[t] for t in self.tags))
        final_se = math.sqrt(sum((slope[t] * self.final_errors[t]) ** 2 for t in self.tags))
        present_se = math.sqrt(sum((slope[t] * self.present_errors[t]) ** 2 for t in self.tags))
        now = band(score(r), score(max(-1.0, r - LOWER_Z * present_se)))
        # The whole quiz's band as an interval of its correlation.
        top = _LINES["very-close"] + LOWER_Z * final_se
        lines = {
            "very-close": (top, math.inf),
            "close": (_LINES["close"], top),
            "no-clear-link": (_LINES["no-clear-link"], _LINES["close"]),
            "far": (-math.inf, _LINES["no-clear-link"]),
        }
        low, high = lines[now]
        return max(0.0, _below(r, sd, high) - _below(r, sd, low))


def relief_settled(
    loads: Mapping[str, Mapping[str, int]],
    answers: Mapping[str, int | None],
    relief_p: float = STOP_RELIEF_P,
    remaining: Sequence[str] = (),
    present_p: float = PRESENT_RELIEF_P,
) -> bool:
    """Whether the answers so far already show relief beyond doubt: the verdicts
    « profil sans relief » and « réponses peu cohérentes » are made at RELIEF_P, and
    more answers like these would not bring the profile back to them.

    The test is made now (scoring.relief: p below *present_p*) and projected to the end
    of the quiz: the *remaining* questions mainly about one tag add answers like the
    person's, so the relief between tags (the between-tag mean square, less what the
    spread within tags puts into it by itself) grows with the number of answers per
    tag while the noise does not; the projected test must give p below *relief_p*.
    Until the test can be made, or while it is in doubt, the quiz goes on: stopping
    would claim a ranking the last answers could still take away."""
    test = relief(loads, answers)
    if test is None or test.p >= present_p:
        return False
    if not remaining:
        return test.p < relief_p
    k = test.between_df + 1
    now = test.between_df + test.within_df + 1  # main answers so far
    more = sum(1 for q in remaining if len(main_tags(loads[q])) == 1)
    within = test.within_sd**2
    between = test.f * within
    signal = max(0.0, between - within) * (now + more) / now
    final_f = (within + signal) / within if within > 0 else math.inf
    return f_survival(final_f, k - 1, now + more - k) < relief_p


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
    ranked = _ranked(fiches, centred)
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


def _final_variance(sd: float, w: float, q: float, r: float, rq: float) -> float:
    """The variance of a tag's final mean around its present one (Forecast)."""
    if r <= 1e-12:
        return 0.0
    return sd * sd * (r * r * q / (w * w) + rq) / (w + r) ** 2


def unmeasured(
    loads: Mapping[str, Mapping[str, int]],
    answers: Mapping[str, int | None],
    remaining: Sequence[str],
) -> set[str]:
    """The tags of the quiz that no answered question measures mainly yet."""
    tags = {tag for question in (*answers, *remaining) for tag in loads[question]}
    for question in answers:
        if answers[question] is not None:
            tags -= main_tags(loads[question])
    return tags


class _Loads:
    """The summed loads (and squared loads) of some questions, by tag."""

    def __init__(self) -> None:
        self.weight: dict[str, float] = {}
        self.square: dict[str, float] = {}

    @classmethod
    def summed(cls, loads: Mapping[str, Mapping[str, int]], questions: Iterable[str]) -> _Loads:
        total = cls()
        for question in questions:
            for tag, load in loads[question].items():
                total.weight[tag] = total.weight.get(tag, 0.0) + load
                total.square[tag] = total.square.get(tag, 0.0) + load * load
        return total


def _ranked(fiches: Mapping[str, Mapping[str, int]], centred: Mapping[str, float]) -> list[str]:
    """The slugs in the order scoring.rank_matches gives them for this centred profile."""
    return sorted(
        fiches,
        key=lambda slug: (
            -score(correlation(centred, fiches[slug])),
            -round(correlation(centred, fiches[slug]), 9),
            slug,
        ),
    )


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
