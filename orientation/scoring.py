"""Answers -> interest profile -> ranked matches with reasons. Pure: no I/O, no prompts.

The method (explained for counsellors in docs/methodologie.md):

1. **Profile.** For each tag, the weighted mean of the answers (1 to 5) of the
   questions that load on it; a skipped answer (None) does not count. A tag with
   no answered question is left out.
2. **Centring.** The person's own mean over the measured tags is subtracted, so
   the profile says what they like *more or less than usual*: answering « Tout à
   fait » everywhere does not make everything match.
3. **Match.** Pearson correlation between the centred profile and the fiche's tag
   weights (0 to 3, absent = 0) over the measured tags, i.e. the cosine of the two
   centred vectors. Score = 50 × (1 + r), from 0 (opposite) through 50 (unrelated)
   to 100 (same shape). Correlation ignores the overall level of both vectors,
   which is what we want: only the shape of the interests is compared.
4. **Honesty.** Two verdicts, kept apart (issue 27): a profile is `flat` when its
   interests are genuinely level: fewer than MIN_TAGS measured, a spread below
   FLAT_SPREAD, or no more relief between tags than the differences between
   answers on the same tag would give by themselves (`relief`: a one-way analysis
   of variance of the main items grouped by tag, whose F does not depend on how
   noisy the answers are); it is not `consistent` when it has no such relief and
   answers on the same tag differ widely (NOISY_WITHIN), as random clicking gives.
   Either way no ranking is shown. A match the answers do not tell apart from the
   first (a gap in correlation below TIE_Z standard errors of that gap) is `tied`,
   and the result a `near_tie` (« à confirmer »). A flat profile is told apart by
   its level (`level`): everything liked, nothing liked, or in between.
5. **Words.** Each score falls in a band (`band`) that the views put into words
   beside the number, since « 48/100 » reads as half a match while it means no link;
   « très proche » only when the score's lower bound (`Match.low`, LOWER_Z standard
   errors below, by the delta method from each tag's standard error) clears it too.
6. **Both sides.** A reason says a tag attracts the person only when it is clearly
   above their own mean (CLEAR_LIKING) and not below « Neutre » on the raw scale;
   each reason quotes the answers that agree and those that disagree.

Every loop runs in sorted order, so the result does not depend on the order in
which questions were answered or listed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

SCALE_MIN, SCALE_MAX = 1, 5
FLAT_SPREAD = 0.35  # standard deviation of the profile, in scale points
MIN_TAGS = 3
# How sure a result is (issue 27 §4; docs/methodologie.md, « Lire un résultat »). Each
# tag's mean has a standard error: the person's own spread between answers on the same
# tag (pooled within tags, shrunk towards PRIOR_SD while there are few answers), over the
# square root of its effective number of answers. A correlation's standard error follows
# by the delta method. « très proche » needs the lower bound r − LOWER_Z·se to clear the
# band's line; the first two are « à égalité » (à confirmer) unless their gap is at least
# TIE_Z standard errors of that gap. Both constants chosen on the simulation.
PRIOR_SD = 1.0  # answer points: about the reference noise plus the spread of true tastes
PRIOR_DF = 6  # the prior counts for this many within-tag answers
LOWER_Z = 1.645  # one-sided 95 %
TIE_Z = 1.28  # one-sided 90 %: « résultat net » right for 92 % or more (simulation)
MAX_REASONS = 3
MAX_EVIDENCE = 2
MAX_AGAINST = 2  # the answers that disagree with a reason, quoted after « mais »
NEUTRAL = 3  # « Neutre » on the answer scale
# How far above the person's own mean a tag must be for the results to say it attracts
# them, in scale points: about one standard error of a tag measured by three answers
# at the reference noise (docs/methodologie.md), so that one lucky answer is not enough.
CLEAR_LIKING = 0.5
# The lowest score of each band, closest first (docs/methodologie.md). 50 is « no
# link » (r = 0), so the middle band runs from r = -0.2 to r = +0.2 (41 to 59).
BANDS = ((75, "very-close"), (60, "close"), (41, "no-clear-link"), (0, "far"))
# The relief test (docs/methodologie.md, « Deux constats »), thresholds chosen on the
# simulation (results/simulation.py). Answers without any relief between tags give an F
# above its 80th percentile one time in five whatever their noise: below it (p >
# RELIEF_P), the profile's relief is no larger than that of answers with none.
RELIEF_P = 0.2
# The test needs this many degrees of freedom within tags (main answers minus tags
# answered); with fewer, after a quiz stopped early, it is too weak to say anything.
MIN_WITHIN_DF = 8
# Answers on the same tag that differ by this much (pooled standard deviation within
# tags, in scale points) are not level interests but answers that do not hang together:
# uniform random answers give about 1.4, a level profile answered with the reference
# noise about 0.8.
NOISY_WITHIN = 1.1
# A flat profile's level: the mean of its measured tags, on the 1-5 scale. At or above
# HIGH_LEVEL the person said « Plutôt oui » or more to almost everything; at or below
# LOW_LEVEL, « Plutôt non » or less.
HIGH_LEVEL = 3.75
LOW_LEVEL = 2.25


@dataclass(frozen=True)
class Evidence:
    """One of the person's answers behind a reason."""

    question: str
    answer: int


@dataclass(frozen=True)
class Reason:
    tag: str
    liking: float  # the person's centred profile on this tag
    weight: int  # the fiche's weight on this tag
    evidence: tuple[Evidence, ...]  # answers that show it (above the mean, or below)
    # Answers to the questions mainly about this tag that say the opposite.
    against: tuple[Evidence, ...] = ()
    mean: float = NEUTRAL  # the person's mean answer on this tag (1 to 5)

    @property
    def attracts(self) -> bool:
        """Whether the results may say this tag attracts the person (attracting())."""
        return attracting(self.liking, self.mean)


def attracting(liking: float, mean: float) -> bool:
    """A tag attracts a person when it is clearly above their own mean and not below
    « Neutre »: a tag rated 2,9/5 by someone who rates everything lower is merely
    disliked less, and the results must not say it attracts them."""
    return liking >= CLEAR_LIKING and mean >= NEUTRAL


@dataclass(frozen=True)
class Match:
    slug: str
    score: int
    correlation: float
    reasons: tuple[Reason, ...]  # the tags that drive the match, strongest first
    caution: Reason | None  # the biggest mismatch, if any
    # The score's lower bound (LOWER_Z standard errors below): « très proche » only when
    # it clears that band's line too. Equal to the score when nothing is known of the error.
    low: int | None = None
    # Not told apart from the first match by the answers (TIE_Z): « à égalité ».
    tied: bool = False
    # How the correlation moves with each tag (gradient), for the tests between matches.
    slope: Mapping[str, float] | None = field(default=None, repr=False, compare=False)

    @property
    def band(self) -> str:
        """The band shown: by the score, but « très proche » only when the lower bound
        clears its line too (« proche » otherwise)."""
        return band(self.score, self.low)


@dataclass(frozen=True)
class Result:
    profile: dict[str, float]  # tag -> mean answer (1 to 5), measured tags only
    centred: dict[str, float]  # tag -> profile minus the person's mean
    matches: tuple[Match, ...]  # best first
    flat: bool
    near_tie: bool
    answered: int
    skipped: int
    # False when the answers do not hang together (random clicking, say): no ranking.
    consistent: bool = True
    relief: Relief | None = None  # the test behind both verdicts, when it could be made
    # Tag -> standard error of its mean (tag_errors), for how sure the ranking is.
    errors: Mapping[str, float] = field(default_factory=dict, repr=False, compare=False)

    @property
    def ranked(self) -> bool:
        """Whether the results may show a ranking: interests with relief, consistent."""
        return self.consistent and not self.flat


@dataclass(frozen=True)
class Relief:
    """A one-way analysis of variance of the answers to main items, grouped by tag."""

    f: float  # between-tag mean square over within-tag mean square
    p: float  # how often answers without relief give an F at least this large
    within_sd: float  # pooled standard deviation of answers on the same tag, in points
    between_df: int
    within_df: int

    @property
    def level(self) -> bool:
        """No more relief between tags than the answers' own differences give."""
        return self.p > RELIEF_P


def main_tags(loads: Mapping[str, int]) -> set[str]:
    """The tags a question measures mainly: those of its highest load. A tag is measured
    once an answered question is mainly about it (results/stopping.py waits for that, and
    `check` says when no question ever is)."""
    top = max(loads.values(), default=0)
    return {tag for tag, load in loads.items() if load == top}


def build_profile(
    loads: Mapping[str, Mapping[str, int]], answers: Mapping[str, int | None]
) -> dict[str, float]:
    """Tag -> weighted mean of the answers to the questions loading on it."""
    totals: dict[str, float] = {}
    weights: dict[str, float] = {}
    for question in sorted(answers):
        answer = answers[question]
        if answer is None:
            continue
        if not SCALE_MIN <= answer <= SCALE_MAX:
            raise ValueError(f"answer out of range for {question}: {answer}")
        for tag, weight in sorted(loads[question].items()):
            totals[tag] = totals.get(tag, 0.0) + weight * answer
            weights[tag] = weights.get(tag, 0.0) + weight
    return {tag: totals[tag] / weights[tag] for tag in sorted(totals)}


def centre(profile: Mapping[str, float]) -> dict[str, float]:
    if not profile:
        return {}
    mean = sum(profile[t] for t in sorted(profile)) / len(profile)
    return {tag: profile[tag] - mean for tag in sorted(profile)}


def spread(profile: Mapping[str, float]) -> float:
    """Population standard deviation of the profile."""
    centred = centre(profile)
    if not centred:
        return 0.0
    return math.sqrt(sum(v * v for v in centred.values()) / len(centred))


def correlation(centred: Mapping[str, float], weights: Mapping[str, int]) -> float:
    """Pearson correlation over the measured tags; 0 when either side is constant."""
    tags = sorted(centred)
    return _Person(centred, tags).correlation(_deviations(weights, tags))


def score(correlation_value: float) -> int:
    return round(50 * (1 + correlation_value))


def band(score_value: int, low: int | None = None) -> str:
    """The band a score falls in: 'very-close', 'close', 'no-clear-link' or 'far'; with
    the score's lower bound *low*, 'very-close' only when *low* is in that band too."""
    name = next(name for floor, name in BANDS if score_value >= floor)
    if name == BANDS[0][1] and low is not None and low < BANDS[0][0]:
        return BANDS[1][1]
    return name


def level(result: Result) -> str:
    """What kind of flat profile this is: 'few' (too few tags measured), 'high'
    (everything liked), 'low' (nothing liked) or 'middle'."""
    profile = result.profile
    if len(profile) < MIN_TAGS:
        return "few"
    mean = sum(profile[t] for t in sorted(profile)) / len(profile)
    if mean >= HIGH_LEVEL:
        return "high"
    if mean <= LOW_LEVEL:
        return "low"
    return "middle"


def rank_matches(
    loads: Mapping[str, Mapping[str, int]],
    fiches: Mapping[str, Mapping[str, int]],
    answers: Mapping[str, int | None],
) -> Result:
    """Score every fiche (slug -> tag weights) against the answers (question -> 1..5 or None).

    *loads* maps each question id to the tags it measures and their weights.
    """
    unknown = sorted(set(answers) - set(loads))
    if unknown:
        raise ValueError(f"unknown questions: {', '.join(unknown)}")
    profile = build_profile(loads, answers)
    centred = centre(profile)
    tags = sorted(centred)
    person = _Person(centred, tags)
    evidence = _EvidenceFinder(loads, answers, profile, centred)
    matches = []
    for slug in sorted(fiches):
        weights = fiches[slug]
        deviations = _deviations(weights, tags)
        r = person.correlation(deviations)
        reasons, caution = _explain(centred, tags, weights, deviations, evidence)
        matches.append(Match(slug, score(r), r, reasons, caution))
    matches.sort(key=lambda m: (-m.score, -round(m.correlation, 9), m.slug))
    test = relief(loads, answers)
    flat, consistent = verdict(profile, test)
    errors = tag_errors(loads, answers, residual_sd(loads, answers))
    matches = _with_uncertainty(matches, centred, fiches, errors)
    near_tie = any(m.tied for m in matches[1:])
    answered = sum(1 for a in answers.values() if a is not None)
    return Result(
        profile=profile,
        centred=centred,
        matches=tuple(matches),
        flat=flat,
        near_tie=near_tie,
        answered=answered,
        skipped=len(answers) - answered,
        consistent=consistent,
        relief=test,
        errors=errors,
    )


def residual_sd(loads: Mapping[str, Mapping[str, int]], answers: Mapping[str, int | None]) -> float:
    """The spread of the person's answers on the same tag (pooled within tags over the
    questions mainly about one tag), shrunk towards PRIOR_SD: with few answers, the
    prior speaks; with many, the person. In answer points."""
    squares, df = _within(_main_groups(loads, answers))
    return math.sqrt((squares + PRIOR_DF * PRIOR_SD**2) / (df + PRIOR_DF))


def tag_errors(
    loads: Mapping[str, Mapping[str, int]],
    answers: Mapping[str, int | None],
    sd: float,
) -> dict[str, float]:
    """Tag -> the standard error of its mean in the profile, for answers of spread *sd*:
    a weighted mean of n answers has the variance sd² Σw² / (Σw)²."""
    sums: dict[str, float] = {}
    squares: dict[str, float] = {}
    for question in sorted(answers):
        if answers[question] is None:
            continue
        for tag, weight in loads[question].items():
            sums[tag] = sums.get(tag, 0.0) + weight
            squares[tag] = squares.get(tag, 0.0) + weight * weight
    return {tag: sd * math.sqrt(squares[tag]) / sums[tag] for tag in sorted(sums)}


def gradient(centred: Mapping[str, float], weights: Mapping[str, int]) -> dict[str, float] | None:
    """How the correlation with *weights* moves with each tag of the profile (its
    derivative, centring included); None when the profile is level (r is undefined)."""
    tags = sorted(centred)
    c = [centred[t] for t in tags]
    v = _deviations(weights, tags)
    c_norm = math.sqrt(sum(x * x for x in c))
    v_norm = math.sqrt(sum(y * y for y in v))
    if c_norm < 1e-12 or v_norm < 1e-12:
        return None
    r = sum(x * y for x, y in zip(c, v, strict=True)) / (c_norm * v_norm)
    return {
        t: y / (c_norm * v_norm) - r * x / (c_norm * c_norm)
        for t, x, y in zip(tags, c, v, strict=True)
    }


def _spread_of(change: Mapping[str, float], errors: Mapping[str, float]) -> float:
    return math.sqrt(sum((change[t] * errors.get(t, 0.0)) ** 2 for t in sorted(change)))


def _with_uncertainty(
    matches: list[Match],
    centred: Mapping[str, float],
    fiches: Mapping[str, Mapping[str, int]],
    errors: Mapping[str, float],
) -> list[Match]:
    """The matches with their lower bounds, and the ones not told apart from the first."""
    out = []
    for match in matches:
        slope = gradient(centred, fiches[match.slug])
        low = None
        if slope is not None:
            bound = score(max(-1.0, match.correlation - LOWER_Z * _spread_of(slope, errors)))
            low = min(bound, match.score)
        out.append(replace(match, low=low, slope=slope))
    first = out[0] if out else None
    return [
        replace(m, tied=number > 0 and first is not None and not told_apart(first, m, errors))
        for number, m in enumerate(out)
    ]


def told_apart(first: Match, other: Match, errors: Mapping[str, float]) -> bool:
    """Whether the answers tell *first* ahead of *other*: their gap in correlation is at
    least TIE_Z standard errors of that gap (errors: tag_errors)."""
    gap = first.correlation - other.correlation
    if gap < 1e-9:
        return False
    if first.slope is None or other.slope is None:
        return True  # a level fiche: the gap is what the weights make it
    difference = {t: first.slope[t] - other.slope.get(t, 0.0) for t in first.slope}
    return gap >= TIE_Z * _spread_of(difference, errors)


def verdict(profile: Mapping[str, float], test: Relief | None) -> tuple[bool, bool]:
    """(flat, consistent) for a profile and its relief test (None: not made)."""
    if len(profile) < MIN_TAGS:
        return True, True
    level_only = test is not None and test.level
    if level_only and test is not None and test.within_sd >= NOISY_WITHIN:
        return False, False
    return level_only or spread(profile) < FLAT_SPREAD, True


def relief(
    loads: Mapping[str, Mapping[str, int]], answers: Mapping[str, int | None]
) -> Relief | None:
    """The F test of the answers to the questions mainly about one tag (a question
    mainly about two is left out), grouped by that tag; None when there are fewer than
    MIN_WITHIN_DF answers beyond one per tag. Its null distribution, F(k − 1, n − k),
    holds for answers without relief whatever their noise: it is a spread rule in
    standard-error units, F ≈ k/(k − 1) × (spread of the tag means / their standard
    error)²."""
    groups = _main_groups(loads, answers)
    k = len(groups)
    n = sum(len(g) for g in groups.values())
    if k < 2 or n - k < MIN_WITHIN_DF:
        return None
    grand = sum(sum(g) for g in groups.values()) / n
    means = {tag: sum(g) / len(g) for tag, g in groups.items()}
    between = sum(len(g) * (means[t] - grand) ** 2 for t, g in sorted(groups.items()))
    within = sum(sum((a - means[t]) ** 2 for a in g) for t, g in sorted(groups.items()))
    between_ms, within_ms = between / (k - 1), within / (n - k)
    # Every answer on a tag the same: all relief (infinite F), or none at all.
    f = between_ms / within_ms if within_ms > 0 else math.inf if between_ms > 1e-12 else 0.0
    return Relief(f, f_survival(f, k - 1, n - k), math.sqrt(within_ms), k - 1, n - k)


def _main_groups(
    loads: Mapping[str, Mapping[str, int]], answers: Mapping[str, int | None]
) -> dict[str, list[int]]:
    """The answers to questions mainly about one tag, by that tag."""
    groups: dict[str, list[int]] = {}
    for question in sorted(answers):
        answer = answers[question]
        top = main_tags(loads[question])
        if answer is None or len(top) != 1:
            continue
        groups.setdefault(next(iter(top)), []).append(answer)
    return groups


def _within(groups: Mapping[str, list[int]]) -> tuple[float, int]:
    """The sum of squares within groups and its degrees of freedom."""
    squares = 0.0
    df = 0
    for tag in sorted(groups):
        values = groups[tag]
        mean = sum(values) / len(values)
        squares += sum((a - mean) ** 2 for a in values)
        df += len(values) - 1
    return squares, df


def f_survival(f: float, d1: int, d2: int) -> float:
    """P(F ≥ f) for Fisher's F with (d1, d2) degrees of freedom: the regularised
    incomplete beta function I_x(d2/2, d1/2) at x = d2 / (d2 + d1·f)."""
    if f <= 0:
        return 1.0
    if math.isinf(f):
        return 0.0
    return _incomplete_beta(d2 / 2, d1 / 2, d2 / (d2 + d1 * f))


def _incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function, by its continued fraction (Lentz)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    if x < (a + 1) / (a + b + 2):
        return front * _beta_fraction(a, b, x) / a
    return 1.0 - front * _beta_fraction(b, a, 1 - x) / b


def _beta_fraction(a: float, b: float, x: float) -> float:
    tiny = 1e-300

    def guard(value: float) -> float:
        return value if abs(value) > tiny else tiny

    c, d = 1.0, 1.0 / guard(1.0 - (a + b) * x / (a + 1))
    h = d
    for m in range(1, 300):
        even = m * (b - m) * x / ((a - 1 + 2 * m) * (a + 2 * m))
        d = 1.0 / guard(1.0 + even * d)
        c = guard(1.0 + even / c)
        h *= d * c
        odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 1 + 2 * m))
        d = 1.0 / guard(1.0 + odd * d)
        c = guard(1.0 + odd / c)
        h *= d * c
        if abs(d * c - 1.0) < 1e-12:
            break
    return h


# What is computed once per person, not once per fiche: a catalogue may hold 10 000.


class _Person:
    def __init__(self, centred: Mapping[str, float], tags: list[str]) -> None:
        self.values = [centred[t] for t in tags]
        self.norm = math.sqrt(sum(x * x for x in self.values))

    def correlation(self, deviations: list[float]) -> float:
        if not deviations:
            return 0.0
        norm = self.norm * math.sqrt(sum(y * y for y in deviations))
        if norm < 1e-12:
            return 0.0
        products = sum(x * y for x, y in zip(self.values, deviations, strict=True))
        return max(-1.0, min(1.0, products / norm))


def _deviations(weights: Mapping[str, int], tags: list[str]) -> list[float]:
    """The fiche's weights on the measured tags, minus their mean."""
    if not tags:
        return []
    values = [weights.get(t, 0) for t in tags]
    mean_weight = sum(values) / len(tags)
    return [v - mean_weight for v in values]


def _explain(
    centred: Mapping[str, float],
    tags: list[str],
    weights: Mapping[str, int],
    deviations: list[float],
    evidence: _EvidenceFinder,
) -> tuple[tuple[Reason, ...], Reason | None]:
    """The tags that push the match up most, among those that attract the person, and
    the one that pulls it down most."""
    if not tags:
        return (), None
    # By index into the sorted tags, so that ties go to the first tag alphabetically.
    contributions = [centred[t] * d for t, d in zip(tags, deviations, strict=True)]
    drivers = sorted(
        (
            i
            for i, (t, d) in enumerate(zip(tags, deviations, strict=True))
            if d > 0 and evidence.attracts(t)
        ),
        key=lambda i: (-contributions[i], i),
    )[:MAX_REASONS]
    reasons = tuple(evidence.reason(tags[i], weights.get(tags[i], 0), high=True) for i in drivers)
    worst = min(range(len(tags)), key=lambda i: (contributions[i], i))
    caution = None
    if contributions[worst] < 0:
        tag = tags[worst]
        caution = evidence.reason(tag, weights.get(tag, 0), high=centred[tag] > 0)
    return reasons, caution


class _EvidenceFinder:
    """The answers that show a tag: above the person's mean (below if not *high*), and
    those to the questions mainly about it that say the opposite."""

    def __init__(
        self,
        loads: Mapping[str, Mapping[str, int]],
        answers: Mapping[str, int | None],
        profile: Mapping[str, float],
        centred: Mapping[str, float],
    ) -> None:
        self.loads = loads
        self.profile = profile
        self.centred = centred
        self.given = sorted((q, a) for q, a in answers.items() if a is not None)
        self.mean = sum(a for _, a in self.given) / len(self.given) if self.given else 3.0
        self.found: dict[tuple[str, bool], tuple[tuple[Evidence, ...], tuple[Evidence, ...]]] = {}
        self.reasons: dict[tuple[str, int, bool], Reason] = {}

    def attracts(self, tag: str) -> bool:
        return attracting(self.centred[tag], self.profile[tag])

    def reason(self, tag: str, weight: int, *, high: bool) -> Reason:
        """The same for every fiche that weighs *tag* alike: made once (they are frozen)."""
        key = (tag, weight, high)
        if key not in self.reasons:
            evidence, against = self.find(tag, high=high)
            self.reasons[key] = Reason(
                tag, self.centred[tag], weight, evidence, against, self.profile[tag]
            )
        return self.reasons[key]

    def find(self, tag: str, *, high: bool) -> tuple[tuple[Evidence, ...], tuple[Evidence, ...]]:
        """(the answers that agree, those that disagree). Agreeing with a liking: above
        the person's mean and not below « Neutre »; disagreeing: below both, on a question
        mainly about the tag. The other way round for a dislike."""
        if (tag, high) not in self.found:
            loads, mean = self.loads, self.mean

            def agrees(answer: int) -> bool:
                return answer > mean and answer >= NEUTRAL if high else answer < mean

            def disagrees(answer: int) -> bool:
                if high:
                    return answer < mean and answer < NEUTRAL
                return answer > mean and answer > NEUTRAL

            answered = [
                (question, answer)
                for question, answer in self.given
                if tag in loads[question] and agrees(answer)
            ]
            opposed = [
                (question, answer)
                for question, answer in self.given
                if tag in main_tags(loads[question]) and disagrees(answer)
            ]
            # Items that mainly measure the tag first, then the most telling answers.
            sign = -1 if high else 1
            answered.sort(key=lambda qa: (-loads[qa[0]][tag], sign * qa[1], qa[0]))
            opposed.sort(key=lambda qa: (-sign * qa[1], qa[0]))
            self.found[tag, high] = (
                tuple(Evidence(q, a) for q, a in answered[:MAX_EVIDENCE]),
                tuple(Evidence(q, a) for q, a in opposed[:MAX_AGAINST]),
            )
        return self.found[tag, high]
