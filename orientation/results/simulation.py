"""Simulated respondents: what the quiz gets right, measured. Pure: no I/O, no prints.

The respondent model (explained for counsellors in docs/methodologie.md):

- **Latent interests.** A respondent has an interest θ_t in each tag t, in standard
  units (0 = their average interest, +1 = one standard deviation above it).
- **Built from an occupation.** θ is the fiche's weights (0 to 3, absent = 0) over
  every tag of the vocabulary, standardised (minus their mean, divided by their
  standard deviation), plus a personal variation drawn for each tag, N(0,
  PERSONAL_SD): people drawn to an occupation do not all share its exact shape.
  A fiche whose weights are all equal gives θ = 0 plus that variation.
- **Flat.** θ = 0 on every tag: only the tendency to agree and the noise speak.
- **Tendency to agree** (acquiescence) a, drawn once per person, N(0,
  ACQUIESCENCE_SD), in scale points: some say « Tout à fait » readily, some never.
- **An answer** to an item with loadings l_t (2 mainly, 1 partly):
  3 + SCALE × Σ l_t·θ_t / Σ l_t + a + ε, with ε ~ N(0, σ) drawn afresh for each
  answer; rounded to the nearest point and cut to 1..5. No answer is skipped.

With SCALE = 1, a respondent one standard deviation keener on an item's tags than
on their average answers « Plutôt oui » (4) before noise; with the noise levels of
NOISE_LEVELS, every point of the scale is used, the extremes least (about one answer
in six or seven at each end at the middle level).

What is measured (each proportion with its 95 % Wilson interval):

- **Recovery**: how often the occupation a respondent was built from comes first,
  and in the top two. A respondent whose profile scoring flags `flat` sees no
  ranking (the results screen shows none): they count as not recovered.
- **Stability**: the same person (same θ and acquiescence) answers twice, with fresh
  noise; how often the first match is the same (no ranking twice counts as the same).
- **Confusions**: (built from A, came first B ≠ A), the most frequent pairs.
- **Flat detection**: flat respondents shown no ranking (flagged `flat`, or not
  `consistent`); built ones shown none wrongly.
- **Questions asked** under an adaptive stop *rule*: after each answer, in bank
  order, rule(loads, fiches, answers_so_far, remaining_ids) says whether the quiz may
  stop; the stopped quiz is compared with the full one on the same answers.
"""

from __future__ import annotations

import math
import random
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from orientation.results.adaptive import StopRule, replay
from orientation.scoring import (
    BANDS,
    SCALE_MAX,
    SCALE_MIN,
    build_profile,
    centre,
    correlation,
    main_tags,
    rank_matches,
    relief,
    score,
    verdict,
)

Loads = Mapping[str, Mapping[str, int]]
Weights = Mapping[str, Mapping[str, int]]
Answers = dict[str, int | None]

SCALE = 1.0  # answer points per standard deviation of interest
ACQUIESCENCE_SD = 0.5  # answer points
PERSONAL_SD = 0.5  # standard units of interest, around the occupation's shape
Z_95 = 1.959963984540054


@dataclass(frozen=True)
class NoiseLevel:
    name: str  # French, as printed: « faible », « moyen », « fort »
    sigma: float  # standard deviation of ε, in answer points


# « moyen » is the level the adaptive-stop targets and `check --simulation` use: the
# same person answering the same item twice correlates at about 0.6 across people
# (median over the shipped items; about 0.75 at « faible », 0.4 at « fort »), a
# plausible order of magnitude for a single interest item, not a measured one.
NOISE_LEVELS = (NoiseLevel("faible", 0.5), NoiseLevel("moyen", 0.8), NoiseLevel("fort", 1.2))
MIDDLE = NOISE_LEVELS[1]


@dataclass(frozen=True)
class Rate:
    """A proportion, hits out of total, with its 95 % Wilson interval."""

    hits: int
    total: int

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.hits, self.total)


def wilson(hits: int, total: int, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval for a proportion (good near 0 and 1, unlike p ± z·se)."""
    if total == 0:
        return 0.0, 1.0
    p = hits / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Respondent:
    source: str | None  # the slug they were built from; None when flat
    interests: dict[str, float]  # tag -> θ
    acquiescence: float
    style: str = "model"  # how they answer: see STYLES


@dataclass(frozen=True)
class Recovery:
    slug: str
    first: Rate
    top_two: Rate
    confused_with: str | None  # the occupation most often first instead, if any
    confused: int  # how many times


@dataclass(frozen=True)
class Asked:
    """Questions asked under an adaptive stop rule."""

    counts: tuple[int, ...]  # per respondent, sorted
    median: float
    median_interval: tuple[float, float]  # 95 %, distribution-free (order statistics)
    quartiles: tuple[float, float]
    same_first: Rate  # first match as the full quiz's (no ranking in both counts)
    flat_missed: int  # no ranking in one and a ranking in the other (flat or inconsistent)
    flat_total: int  # respondents the full quiz shows no ranking


@dataclass(frozen=True)
class Figures:
    level: NoiseLevel
    per_occupation: int  # respondents built from each occupation (and flat ones)
    recovery: tuple[Recovery, ...]  # by slug
    first: Rate  # over every occupation
    top_two: Rate
    stability: Rate
    # (built from, came first, count), every pair seen, most frequent first
    confusions: tuple[tuple[str, str, int], ...]
    flat_flagged: Rate  # flat respondents shown no ranking (flat, or inconsistent)
    wrongly_flat: Rate  # built respondents shown no ranking
    answers: tuple[int, ...]  # how many answers of 1, 2, 3, 4, 5
    asked: Asked | None  # None without a rule


def standardised(weights: Mapping[str, int], tags: Sequence[str]) -> dict[str, float]:
    """The weights over every tag (absent = 0), minus their mean, over their standard
    deviation; all zeros when the weights are all equal."""
    values = [float(weights.get(t, 0)) for t in tags]
    mean = sum(values) / len(values) if values else 0.0
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)) if values else 0.0
    if sd < 1e-12:
        return dict.fromkeys(tags, 0.0)
    return {t: (v - mean) / sd for t, v in zip(tags, values, strict=True)}


def built_from(
    slug: str, weights: Mapping[str, int], tags: Sequence[str], rng: random.Random
) -> Respondent:
    shape = standardised(weights, tags)
    interests = {t: shape[t] + rng.gauss(0.0, PERSONAL_SD) for t in tags}
    return Respondent(slug, interests, rng.gauss(0.0, ACQUIESCENCE_SD))


def flat(tags: Sequence[str], rng: random.Random) -> Respondent:
    return Respondent(None, dict.fromkeys(tags, 0.0), rng.gauss(0.0, ACQUIESCENCE_SD))


# How a respondent answers: « model », as the model above; « extreme », the same
# answer before rounding, then only « Tout à fait » (5) at or above the middle (3) and
# « Pas du tout » (1) below it; « careless », a point of the scale drawn uniformly,
# whatever the question (random clicking).
# « midpoint »: « Neutre » unless the answer before rounding is more than a point away;
# « skipping »: the model's answer, but « Je ne sais pas » (None) one time in four;
# « drift »: a mood that rises through the quiz, from −0.75 to +0.75 points.
STYLES = ("model", "extreme", "careless", "midpoint", "skipping", "drift")
SKIP_RATE = 0.25
DRIFT = 0.75


def answer(
    respondent: Respondent, loads: Mapping[str, int], sigma: float, rng: random.Random
) -> int:
    if respondent.style == "careless":
        return rng.randint(SCALE_MIN, SCALE_MAX)
    total = sum(loads.values())
    drive = sum(w * respondent.interests.get(t, 0.0) for t, w in sorted(loads.items())) / total
    raw = 3 + SCALE * drive + respondent.acquiescence + rng.gauss(0.0, sigma)
    if respondent.style == "extreme":
        return SCALE_MAX if raw >= 3 else SCALE_MIN
    if respondent.style == "midpoint" and abs(raw - 3) <= 1:
        return 3
    return min(SCALE_MAX, max(SCALE_MIN, round(raw)))


def sitting(
    respondent: Respondent, loads: Loads, sigma: float, rng: random.Random
) -> dict[str, int | None]:
    """One answer to every question, in bank order (the graded-response generator's
    people answer by its own model, whatever *sigma*)."""
    if respondent.style.startswith("graded"):
        return {
            q: graded_answer(respondent, graded_item(q), item, rng) for q, item in loads.items()
        }
    if respondent.style == "drift":
        count = max(len(loads) - 1, 1)
        return {
            q: answer(
                Respondent(
                    respondent.source,
                    respondent.interests,
                    respondent.acquiescence + DRIFT * (2 * number / count - 1),
                ),
                item,
                sigma,
                rng,
            )
            for number, (q, item) in enumerate(loads.items())
        }
    sheet: dict[str, int | None] = {
        q: answer(respondent, item, sigma, rng) for q, item in loads.items()
    }
    if respondent.style == "skipping":
        for q in sheet:
            if rng.random() < SKIP_RATE:
                sheet[q] = None
    return sheet


@dataclass(frozen=True)
class Ranking:
    top: tuple[str, ...]  # the first two slugs, best first
    flat: bool
    consistent: bool = True

    @property
    def first(self) -> str | None:
        """What the results screen puts first: nothing when the profile is flat or the
        answers do not hang together."""
        return self.top[0] if self.ranked and self.top else None

    @property
    def ranked(self) -> bool:
        """Whether the results show a ranking: neither flat nor inconsistent."""
        return self.consistent and not self.flat


def rank(loads: Loads, fiches: Weights, answers: Mapping[str, int | None]) -> Ranking:
    """What scoring.rank_matches says of the first two and of the flat flag, with the
    same functions and the same order, but without the reasons it writes for every
    fiche: about twice as fast, which is what makes the simulation take a minute.
    tests/test_simulation.py holds the two equal on thousands of answer sheets."""
    profile = build_profile(loads, answers)
    centred = centre(profile)
    keys = []
    for slug in sorted(fiches):
        r = correlation(centred, fiches[slug])
        keys.append((-score(r), -round(r, 9), slug))
    keys.sort()
    flat, consistent = verdict(profile, relief(loads, answers))
    return Ranking(tuple(slug for _, _, slug in keys[:2]), flat, consistent)


def questions_asked(
    rule: StopRule, loads: Loads, fiches: Weights, answers: Mapping[str, int | None]
) -> tuple[str, ...]:
    """The questions the quiz asks, in the order it asks them (results/adaptive.py
    chooses each), before *rule* lets it stop (all at most)."""

    return replay(loads, fiches, answers, list(answers), stop=rule).asked


def simulate(
    loads: Loads,
    fiches: Weights,
    tags: Sequence[str],
    *,
    level: NoiseLevel = MIDDLE,
    per_occupation: int = 200,
    seed: int = 0,
    rule: StopRule | None = None,
    recovery_only: bool = False,
) -> Figures:
    """Every figure at one noise level. *loads* in bank order; deterministic given *seed*.

    The same people (θ, acquiescence) are drawn at every level for a given seed, and
    for every question bank with the same fiches and tags: only the noise and the
    questions differ, so that levels and banks compare like with like.

    With *recovery_only* (`check --simulation`), no second sitting and no flat
    respondents: stability and flat detection are then out of 0.
    """
    people = random.Random(f"people:{seed}")
    noise = random.Random(f"noise:{seed}:{level.sigma}")
    slugs = sorted(fiches)
    built = [built_from(s, fiches[s], tags, people) for s in slugs for _ in range(per_occupation)]
    flats = [] if recovery_only else [flat(tags, people) for _ in range(per_occupation)]
    answers_seen: Counter[int] = Counter()
    first_hits: Counter[str] = Counter()
    top_hits: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    stable = wrongly_flat = flat_flagged = 0
    sheets: list[tuple[dict[str, int | None], Ranking]] = []
    for person in built:
        assert person.source is not None
        sheet = sitting(person, loads, level.sigma, noise)
        answers_seen.update(a for a in sheet.values() if a is not None)
        result = rank(loads, fiches, sheet)
        sheets.append((sheet, result))
        first = result.first
        wrongly_flat += not result.ranked
        if first == person.source:
            first_hits[person.source] += 1
        elif first is not None:
            pairs[person.source, first] += 1
        if result.ranked and person.source in result.top:
            top_hits[person.source] += 1
        if not recovery_only:
            again = rank(loads, fiches, sitting(person, loads, level.sigma, noise))
            stable += again.first == first
    for person in flats:
        sheet = sitting(person, loads, level.sigma, noise)
        answers_seen.update(a for a in sheet.values() if a is not None)
        result = rank(loads, fiches, sheet)
        sheets.append((sheet, result))
        flat_flagged += not result.ranked
    recovery = []
    for slug in slugs:
        against = [(b, n) for (a, b), n in pairs.items() if a == slug]
        worst = min(against, key=lambda bn: (-bn[1], bn[0]), default=None)
        recovery.append(
            Recovery(
                slug,
                Rate(first_hits[slug], per_occupation),
                Rate(top_hits[slug], per_occupation),
                worst[0] if worst else None,
                worst[1] if worst else 0,
            )
        )
    total = len(built)
    ranked_pairs = sorted(pairs.items(), key=lambda item: (-item[1], item[0]))
    return Figures(
        level=level,
        per_occupation=per_occupation,
        recovery=tuple(recovery),
        first=Rate(sum(first_hits.values()), total),
        top_two=Rate(sum(top_hits.values()), total),
        stability=Rate(stable, 0 if recovery_only else total),
        confusions=tuple((a, b, n) for (a, b), n in ranked_pairs),
        flat_flagged=Rate(flat_flagged, len(flats)),
        wrongly_flat=Rate(wrongly_flat, total),
        answers=tuple(answers_seen[v] for v in range(SCALE_MIN, SCALE_MAX + 1)),
        asked=None if rule is None else _asked(rule, loads, fiches, sheets),
    )


def _asked(
    rule: StopRule,
    loads: Loads,
    fiches: Weights,
    sheets: list[tuple[dict[str, int | None], Ranking]],
) -> Asked:
    counts = []
    same = missed = flat_total = 0
    for sheet, full in sheets:
        asked = questions_asked(rule, loads, fiches, sheet)
        count = len(asked)
        counts.append(count)
        stopped = full if count == len(sheet) else rank(loads, fiches, {q: sheet[q] for q in asked})
        same += stopped.first == full.first
        missed += stopped.ranked != full.ranked
        flat_total += not full.ranked
    counts.sort()
    return Asked(
        counts=tuple(counts),
        median=statistics.median(counts),
        median_interval=median_interval(counts),
        quartiles=quartiles(counts),
        same_first=Rate(same, len(sheets)),
        flat_missed=missed,
        flat_total=flat_total,
    )


def quartiles(values: Sequence[int]) -> tuple[float, float]:
    if len(values) < 2:
        only = float(values[0]) if values else 0.0
        return only, only
    low, _, high = statistics.quantiles(values, n=4, method="inclusive")
    return low, high


def median_interval(ordered: Sequence[int], z: float = Z_95) -> tuple[float, float]:
    """95 % interval of the median from order statistics (no assumption on the shape)."""
    n = len(ordered)
    if n == 0:
        return 0.0, 0.0
    half = z * math.sqrt(n) / 2
    low = max(0, math.floor(n / 2 - half))
    high = min(n - 1, math.ceil(n / 2 + half) - 1)
    return float(ordered[low]), float(ordered[max(low, high)])


# --- Scenarios: respondents the model above does not produce (issue 27 §7) ----------


@dataclass(frozen=True)
class Scenario:
    """What the quiz says of one kind of respondent, at one noise level."""

    name: str  # « fiche », « extreme », « flat », « careless »
    respondents: int
    inconsistent: Rate  # flagged « réponses peu cohérentes » (full quiz)
    flat: Rate  # flagged « profil sans relief » (full quiz)
    unranked: Rate  # either: no ranking shown (full quiz)
    first: Rate | None  # the occupation they were built from comes first (built ones)
    same_first: Rate  # the stopped quiz shows what the full one shows (first or none)
    stopped_unranked: Rate  # no ranking shown by the stopped quiz
    asked_median: float
    # Shown « très proche » by the full quiz (first match), and how many of those are
    # right: the person's true profile (noise-free, through the bank) correlates with
    # that occupation at the band's line or more (score 75).
    very_close: Rate | None = None
    very_close_right: Rate | None = None
    same_band: Rate | None = None  # the stopped quiz shows the full quiz's band (ranked)
    # Ranked results said « résultat net » (not a near tie), and how many of those put
    # first the occupation the person's true profile puts first.
    certain: Rate | None = None
    certain_right: Rate | None = None


SCENARIOS = ("fiche", "extreme", "flat", "careless")
# Respondents the issue asked for beyond those (issue 27 §7), by the model above:
# « mix », 60 % of one occupation's shape and 40 % of another's; « random », interests
# in a random direction; « acquiescent », built from an occupation with a strong
# tendency to agree (+1 point); « midpoint », « skipping », « drift »: STYLES.
MORE_SCENARIOS = ("mix", "random", "acquiescent", "midpoint", "skipping", "drift")
MIX = 0.6


GENERATORS = ("model", "graded")


def scenario_people(
    name: str,
    fiches: Weights,
    tags: Sequence[str],
    per_occupation: int,
    rng: random.Random,
    generator: str = "model",
) -> list[Respondent]:
    """*per_occupation* respondents built from each fiche (« fiche », « extreme »), or
    as many in all as that gives (« flat », « careless »); by the model above, or by
    the graded-response generator (*generator* « graded »)."""
    slugs = sorted(fiches)
    if name in MORE_SCENARIOS:
        return _more_people(name, fiches, tags, per_occupation, rng)
    if generator == "graded" and name != "careless":
        style = "graded-extreme" if name == "extreme" else "graded"
        if name == "flat":
            count = per_occupation * len(slugs)
            return [graded_person(None, None, tags, rng, style) for _ in range(count)]
        if name not in ("fiche", "extreme"):
            raise ValueError(f"unknown scenario: {name}")
        return [
            graded_person(s, fiches[s], tags, rng, style)
            for s in slugs
            for _ in range(per_occupation)
        ]
    if name in ("fiche", "extreme"):
        style = "model" if name == "fiche" else "extreme"
        people = [built_from(s, fiches[s], tags, rng) for s in slugs for _ in range(per_occupation)]
        return [Respondent(p.source, p.interests, p.acquiescence, style) for p in people]
    count = per_occupation * len(slugs)
    if name == "flat":
        return [flat(tags, rng) for _ in range(count)]
    if name == "careless":
        return [Respondent(None, dict.fromkeys(tags, 0.0), 0.0, "careless") for _ in range(count)]
    raise ValueError(f"unknown scenario: {name}")


def _more_people(
    name: str, fiches: Weights, tags: Sequence[str], per_occupation: int, rng: random.Random
) -> list[Respondent]:
    slugs = sorted(fiches)
    count = per_occupation * len(slugs)
    people = []
    for number in range(count):
        slug = slugs[number % len(slugs)]
        if name == "mix":
            other = rng.choice([s for s in slugs if s != slug])
            one, two = standardised(fiches[slug], tags), standardised(fiches[other], tags)
            interests = {
                t: MIX * one[t] + (1 - MIX) * two[t] + rng.gauss(0.0, PERSONAL_SD) for t in tags
            }
            people.append(Respondent(slug, interests, rng.gauss(0.0, ACQUIESCENCE_SD)))
        elif name == "random":
            draw = {t: rng.gauss(0.0, 1.0) for t in tags}
            mean = sum(draw.values()) / len(tags)
            sd = math.sqrt(sum((v - mean) ** 2 for v in draw.values()) / len(tags)) or 1.0
            interests = {t: (draw[t] - mean) / sd for t in tags}
            people.append(Respondent(None, interests, rng.gauss(0.0, ACQUIESCENCE_SD)))
        else:
            person = built_from(slug, fiches[slug], tags, rng)
            if name == "acquiescent":
                people.append(Respondent(slug, person.interests, 1.0 + person.acquiescence / 2))
            else:
                people.append(Respondent(slug, person.interests, person.acquiescence, name))
    return people


def true_profile(person: Respondent, loads: Loads) -> dict[str, float]:
    """The centred profile the bank would measure from the person without noise: each
    tag's weighted mean of the items' drive (the tendency to agree cancels out)."""
    sums: dict[str, float] = {}
    weights: dict[str, float] = {}
    for item in loads.values():
        total = sum(item.values())
        drive = sum(w * person.interests.get(t, 0.0) for t, w in sorted(item.items())) / total
        for tag, weight in item.items():
            sums[tag] = sums.get(tag, 0.0) + weight * drive
            weights[tag] = weights.get(tag, 0.0) + weight
    return centre({t: sums[t] / weights[t] for t in sorted(sums)})


def scenario(
    name: str,
    loads: Loads,
    fiches: Weights,
    tags: Sequence[str],
    rule: StopRule,
    *,
    level: NoiseLevel = MIDDLE,
    per_occupation: int = 200,
    seed: int = 0,
    generator: str = "model",
    measure_bands: bool = True,
) -> Scenario:
    """Every figure of one scenario; deterministic given *seed*. With the « graded »
    *generator*, the answers come from the graded-response model, whatever *level*."""
    tail = "" if generator == "model" else f":{generator}"  # the model's draws as before
    people = scenario_people(
        name,
        fiches,
        tags,
        per_occupation,
        random.Random(f"people:{name}:{seed}{tail}"),
        generator,
    )
    noise = random.Random(f"noise:{name}:{seed}:{level.sigma}{tail}")
    inconsistent = flat_count = first = same = stopped_unranked = 0
    shown = right = ranked_both = same_band = ranked = certain = certain_right = 0
    counts = []
    for person in people:
        sheet = sitting(person, loads, level.sigma, noise)
        full = rank(loads, fiches, sheet)
        full_band = None
        if full.ranked and measure_bands:
            scored = rank_matches(loads, fiches, sheet)
            best = scored.matches[0]
            full_band = best.band
            ranked += 1
            if not scored.near_tie:
                certain += 1
                truth_profile = true_profile(person, loads)
                truly_first = max(
                    sorted(fiches), key=lambda s: correlation(truth_profile, fiches[s])
                )
                certain_right += best.slug == truly_first
            if best.band == "very-close":
                shown += 1
                truth = correlation(true_profile(person, loads), fiches[best.slug])
                right += score(truth) >= BANDS[0][0]
        inconsistent += not full.consistent
        flat_count += full.flat and full.consistent
        first += person.source is not None and full.first == person.source
        asked = questions_asked(rule, loads, fiches, sheet)
        count = len(asked)
        counts.append(count)
        stopped = full if count == len(sheet) else rank(loads, fiches, {q: sheet[q] for q in asked})
        same += stopped.first == full.first
        stopped_unranked += stopped.first is None
        if full_band is not None and stopped.ranked:
            ranked_both += 1
            if count == len(sheet):
                same_band += 1
            else:
                asked_sheet = {q: sheet[q] for q in asked}
                same_band += rank_matches(loads, fiches, asked_sheet).matches[0].band == full_band
    total = len(people)
    built = name in ("fiche", "extreme", "mix", "acquiescent", "midpoint", "skipping", "drift")
    return Scenario(
        name=name,
        respondents=total,
        inconsistent=Rate(inconsistent, total),
        flat=Rate(flat_count, total),
        unranked=Rate(inconsistent + flat_count, total),
        first=Rate(first, total) if built else None,
        same_first=Rate(same, total),
        stopped_unranked=Rate(stopped_unranked, total),
        asked_median=statistics.median(counts) if counts else 0.0,
        very_close=Rate(shown, total) if measure_bands else None,
        very_close_right=Rate(right, shown) if measure_bands else None,
        same_band=Rate(same_band, ranked_both) if measure_bands else None,
        certain=Rate(certain, ranked) if measure_bands else None,
        certain_right=Rate(certain_right, certain) if measure_bands else None,
    )


# --- A second, independent generator: graded-response items (issue 27 §7) ----------
#
# Not the model above, so that the quiz is not only measured against its own
# assumptions. Samejima's graded-response model: each item has its own discrimination
# a (lognormal around GRADED_DISCRIMINATION) and popularity b (normal, GRADED_POPULARITY
# _SD: some activities appeal to nearly everyone), drawn once per seed from the item's
# id; a person has interests θ (the fiche's standardised shape times a strength drawn
# in GRADED_STRENGTH, plus the personal variation) and a general interest g in social
# work (normal, GRADED_GENERAL_SD) that raises every answer. The answer is k or more
# with probability logistic(1.7 · a · (drive + g − b) − τ_k), drive the item's
# weighted mean of θ, τ the category thresholds; the noise is in the logistic.

# Chosen so that the answers look like the reference level's: retest 0.58 (median over
# the shipped items), answers 1 to 5 used 10 · 23 · 36 · 22 · 10 %.
GRADED_DISCRIMINATION = 1.2  # median a
GRADED_DISCRIMINATION_SD = 0.3  # of log a
GRADED_POPULARITY_SD = 0.4  # of b, in standard units of interest
GRADED_GENERAL_SD = 0.5  # of g
GRADED_STRENGTH = (0.5, 1.5)  # the profile's strength, uniform between the two
GRADED_THRESHOLDS = (-4.0, -1.4, 1.4, 4.0)  # τ for answers ≥ 2, 3, 4, 5


@dataclass(frozen=True)
class GradedItem:
    discrimination: float
    popularity: float


def graded_item(question: str) -> GradedItem:
    """A question's own parameters: one draw, the same for its id every time."""
    rng = random.Random(f"item:{question}")
    discrimination = GRADED_DISCRIMINATION * math.exp(rng.gauss(0.0, GRADED_DISCRIMINATION_SD))
    return GradedItem(discrimination, rng.gauss(0.0, GRADED_POPULARITY_SD))


def graded_person(
    source: str | None,
    weights: Mapping[str, int] | None,
    tags: Sequence[str],
    rng: random.Random,
    style: str = "graded",
) -> Respondent:
    """*weights*: the fiche they are built from; None: no preference (θ = 0)."""
    if weights is None:
        interests = dict.fromkeys(tags, 0.0)
    else:
        shape = standardised(weights, tags)
        strength = rng.uniform(*GRADED_STRENGTH)
        interests = {t: strength * shape[t] + rng.gauss(0.0, PERSONAL_SD) for t in tags}
    # The general interest rides in the acquiescence field: one number per person.
    return Respondent(source, interests, rng.gauss(0.0, GRADED_GENERAL_SD), style)


def graded_answer(
    respondent: Respondent, item: GradedItem, loads: Mapping[str, int], rng: random.Random
) -> int:
    total = sum(loads.values())
    drive = sum(w * respondent.interests.get(t, 0.0) for t, w in sorted(loads.items())) / total
    eta = 1.7 * item.discrimination * (drive + respondent.acquiescence - item.popularity)
    draw = rng.random()  # one draw against P(answer ≥ k), which falls with k
    value = SCALE_MIN
    for threshold in GRADED_THRESHOLDS:
        if draw >= 1 / (1 + math.exp(threshold - eta)):
            break
        value += 1
    if respondent.style == "graded-extreme":
        return SCALE_MAX if value >= 3 else SCALE_MIN
    return value


# --- Reliability: Cronbach's α of each tag's centred scale (issue 27 §6) ------------
#
# How consistently the items mainly about a tag measure it, once each answer is taken
# relative to the person's own mean (the profile is centred, so it is the centred
# scale that ranks occupations). Respondents: the « fiche » scenario's people, by the
# model at the reference noise or by the graded-response generator, answering the full
# bank. For each person, every answer minus their mean over all their answers
# (ipsative); then, for each tag, α = k/(k − 1) · (1 − Σ var(item) / var(sum)) over
# the k items whose highest load is that tag. Individual decisions usually aim at
# α ≥ .85 (RELIABLE_ALPHA).

RELIABLE_ALPHA = 0.85


@dataclass(frozen=True)
class TagReliability:
    tag: str
    items: int  # items mainly measuring the tag
    alpha: float | None  # None with fewer than two items, or no variance


def cronbach_alpha(columns: Sequence[Sequence[float]]) -> float | None:
    """α of *columns* (one per item, one value per person); None when it is undefined:
    fewer than two items or two people, or a sum that never varies."""
    k = len(columns)
    if k < 2 or len(columns[0]) < 2:
        return None
    totals = [math.fsum(values) for values in zip(*columns, strict=True)]
    total_var = statistics.pvariance(totals)
    if total_var < 1e-12:
        return None
    item_var = math.fsum(statistics.pvariance(column) for column in columns)
    return k / (k - 1) * (1 - item_var / total_var)


def reliability(
    loads: Loads,
    fiches: Weights,
    tags: Sequence[str],
    *,
    generator: str = "model",
    level: NoiseLevel = MIDDLE,
    per_occupation: int = 200,
    seed: int = 0,
) -> tuple[TagReliability, ...]:
    """α of each tag's centred scale, in *tags* order; deterministic given *seed*. The
    people are those of scenario("fiche", …) with the same seed and generator."""
    tail = "" if generator == "model" else f":{generator}"
    draws = random.Random(f"people:fiche:{seed}{tail}")  # scenario("fiche")'s people
    people = scenario_people("fiche", fiches, tags, per_occupation, draws, generator)
    noise = random.Random(f"reliability:{seed}:{level.sigma}{tail}")
    order = list(loads)
    centred: list[list[float]] = []  # per person, in bank order
    for person in people:
        # The model and graded people answer every question (no skipping style here).
        sheet = {
            q: a for q, a in sitting(person, loads, level.sigma, noise).items() if a is not None
        }
        mean = math.fsum(sheet.values()) / len(sheet)
        centred.append([sheet[q] - mean for q in order])
    figures = []
    for tag in tags:
        columns = [
            [row[index] for row in centred]
            for index, question in enumerate(order)
            if tag in main_tags(loads[question])
        ]
        figures.append(TagReliability(tag, len(columns), cronbach_alpha(columns)))
    return tuple(figures)
