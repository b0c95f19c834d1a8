from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orientation.content.catalogue import load_catalogue, load_questions
from orientation.scoring import (
    FLAT_SPREAD,
    build_profile,
    centre,
    correlation,
    rank_matches,
    score,
    spread,
)

QUESTIONS = load_questions()
LOADS = {q.id: q.loads for q in QUESTIONS}
FICHES = {f.slug: f.weights for f in load_catalogue().fiches}
IDS = sorted(LOADS)

answers_strategy = st.fixed_dictionaries(
    {qid: st.one_of(st.none(), st.integers(1, 5)) for qid in IDS}
)


def test_bank_shape() -> None:
    assert 24 <= len(QUESTIONS) <= 36
    assert len(set(IDS)) == len(IDS)
    for question in QUESTIONS:
        assert 1 <= len(question.loads) <= 2
    tags = {t for q in QUESTIONS for t in q.loads}
    assert tags == {t.id for t in load_catalogue().tags}


def test_profile_is_the_weighted_mean() -> None:
    loads = {"a": {"x": 2}, "b": {"x": 1, "y": 2}, "c": {"y": 2}}
    profile = build_profile(loads, {"a": 5, "b": 2, "c": None})
    assert profile == {"x": (2 * 5 + 1 * 2) / 3, "y": 2.0}


def test_centring_removes_the_persons_mean() -> None:
    assert centre({"x": 5.0, "y": 3.0}) == {"x": 1.0, "y": -1.0}
    assert spread({"x": 5.0, "y": 3.0}) == 1.0


def test_out_of_range_and_unknown_answers_are_refused() -> None:
    with pytest.raises(ValueError, match="out of range"):
        rank_matches(LOADS, FICHES, {IDS[0]: 6})
    with pytest.raises(ValueError, match="unknown questions: nope"):
        rank_matches(LOADS, FICHES, {"nope": 3})


@settings(max_examples=200, deadline=None)
@given(answers_strategy)
def test_scores_are_between_0_and_100(answers: dict[str, int | None]) -> None:
    result = rank_matches(LOADS, FICHES, answers)
    assert len(result.matches) == len(FICHES)
    assert all(0 <= m.score <= 100 for m in result.matches)
    scores = [m.score for m in result.matches]
    assert scores == sorted(scores, reverse=True)


@settings(max_examples=100, deadline=None)
@given(answers_strategy, st.randoms(use_true_random=False))
def test_same_answers_in_any_order_give_the_same_result(
    answers: dict[str, int | None], rng: random.Random
) -> None:
    items = list(answers.items())
    rng.shuffle(items)
    loads = list(LOADS.items())
    rng.shuffle(loads)
    assert rank_matches(dict(loads), FICHES, dict(items)) == rank_matches(LOADS, FICHES, answers)


@pytest.mark.parametrize("value", [1, 2, 3, 4, 5])
def test_identical_answers_are_flat(value: int) -> None:
    result = rank_matches(LOADS, FICHES, dict.fromkeys(IDS, value))
    assert result.flat
    assert {m.score for m in result.matches} == {50}


def test_all_skipped_is_flat() -> None:
    result = rank_matches(LOADS, FICHES, dict.fromkeys(IDS))
    assert result.flat
    assert result.answered == 0
    assert result.skipped == len(IDS)


@pytest.mark.parametrize("slug", sorted(FICHES))
def test_each_occupation_can_come_first(slug: str) -> None:
    weights = FICHES[slug]
    strongest = {t for t, w in weights.items() if w == max(weights.values())}
    answers = {
        q.id: 5 if any(t in strongest and w == 2 for t, w in q.loads.items()) else 1
        for q in QUESTIONS
    }
    result = rank_matches(LOADS, FICHES, answers)
    assert result.matches[0].slug == slug
    assert result.matches[0].score > result.matches[1].score
    assert not result.flat
    top = result.matches[0]
    assert {r.tag for r in top.reasons} <= set(weights)
    assert top.reasons[0].tag in strongest
    assert all(e.answer == 5 for r in top.reasons for e in r.evidence)


def test_reasons_and_caution_come_from_the_answers() -> None:
    # Loves administration, dislikes territorial development.
    answers = {
        q.id: 5
        if "administratif" in q.loads
        else 1
        if "developpement-territorial" in q.loads
        else 3
        for q in QUESTIONS
    }
    result = rank_matches(LOADS, FICHES, answers)
    assert result.matches[0].slug == "coordinateur-social"
    locales = next(m for m in result.matches if m.slug == "charge-de-missions-locales")
    assert locales.caution is not None
    assert locales.caution.tag == "developpement-territorial"
    assert all(e.answer == 1 for e in locales.caution.evidence)
    assert locales.score < 50


def test_slight_preferences_are_flat() -> None:
    answers = dict.fromkeys(IDS, 3)
    answers[IDS[0]] = 4
    result = rank_matches(LOADS, FICHES, answers)
    assert 0 < spread(result.profile) < FLAT_SPREAD
    assert result.flat


def test_the_worked_example_of_the_methodology_is_right() -> None:
    # docs/methodologie.md, « Exemple »: profile 4.5 / 3.0 / 1.5 against weights 3-1-0 and 0-1-3.
    centred = centre({"a": 4.5, "b": 3.0, "c": 1.5})
    assert centred == {"a": 1.5, "b": 0.0, "c": -1.5}
    same = correlation(centred, {"a": 3, "b": 1, "c": 0})
    opposite = correlation(centred, {"a": 0, "b": 1, "c": 3})
    assert round(same, 2) == 0.98
    assert score(same) == 99
    assert round(opposite, 2) == -0.98
    assert score(opposite) == 1


def test_a_question_measures_mainly_the_tags_of_its_highest_load() -> None:
    from orientation.scoring import main_tags

    assert main_tags({"social": 2, "droits": 1}) == {"social"}
    assert main_tags({"social": 1, "droits": 1}) == {"social", "droits"}
    assert main_tags({}) == set()


# --- How sure a result is (issue 27 §4) -----------------------------------------------


def test_a_tag_mean_has_the_standard_error_of_a_weighted_mean() -> None:
    from orientation.scoring import tag_errors

    loads = {"a": {"x": 2}, "b": {"x": 2, "y": 1}, "c": {"y": 2}}
    errors = tag_errors(loads, {"a": 4, "b": 2, "c": None}, sd=1.0)
    assert errors["x"] == pytest.approx(math.sqrt(8) / 4)  # two answers of weight 2
    assert errors["y"] == pytest.approx(1.0)  # one answer; the skipped one counts for nothing


def test_the_gradient_is_the_correlations_derivative() -> None:
    from orientation.scoring import centre, correlation, gradient

    profile = {"a": 4.2, "b": 2.1, "c": 3.3, "d": 2.9}
    weights = {"a": 3, "b": 0, "c": 1, "d": 2}
    slope = gradient(centre(profile), weights)
    assert slope is not None
    for tag in profile:
        moved = dict(profile, **{tag: profile[tag] + 1e-6})
        numeric = (
            correlation(centre(moved), weights) - correlation(centre(profile), weights)
        ) / 1e-6
        assert slope[tag] == pytest.approx(numeric, abs=1e-4)
    assert gradient(centre(dict.fromkeys(profile, 3.0)), weights) is None


def test_very_close_needs_its_lower_bound_above_the_line() -> None:
    from orientation.scoring import band

    assert band(80) == "very-close"
    assert band(80, 76) == "very-close"
    assert band(80, 70) == "close"
    assert band(65, 30) == "close"  # the bound only ever takes « très proche » away


def test_few_answers_give_wide_bounds_and_ties_many_answers_narrow_ones() -> None:
    tags = ["empathie", "administratif", "budget", "analyse"]
    fiches = {
        "a": {"empathie": 3, "administratif": 1},
        "b": {"empathie": 3, "budget": 1},
        "c": {"analyse": 3},
    }
    person = {"empathie": 5, "administratif": 4, "budget": 3, "analyse": 1}

    def sheet(per_tag: int) -> tuple[dict[str, dict[str, int]], dict[str, int | None]]:
        loads = {f"{t}{i}": {t: 2} for t in tags for i in range(per_tag)}
        return loads, {q: person[next(iter(w))] for q, w in loads.items()}

    few = rank_matches(*_swap(sheet(2), fiches))
    many = rank_matches(*_swap(sheet(12), fiches))
    assert few.matches[0].slug == many.matches[0].slug == "a"
    assert few.matches[0].low is not None
    assert many.matches[0].low is not None
    assert few.matches[0].low < many.matches[0].low <= many.matches[0].score
    # Every answer on a tag the same: the person's spread is 0, the prior still speaks.
    assert many.matches[0].low < many.matches[0].score


def _swap(
    pair: tuple[dict[str, dict[str, int]], dict[str, int | None]],
    fiches: dict[str, dict[str, int]],
) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, int]], dict[str, int | None]]:
    return pair[0], fiches, pair[1]


def test_a_near_tie_is_a_gap_smaller_than_its_error_not_a_fixed_number_of_points() -> None:
    fiches = {"a": {"x": 3, "y": 2}, "b": {"x": 3, "y": 1}, "c": {"z": 3}}
    loads = {f"{t}{i}": {t: 2} for t in "xyzw" for i in range(3)}
    # A clear profile, every answer as said: a and b are close in score but the
    # answers on y tell them apart only when there are many, consistent ones.
    noisy = {
        q: {"x": [5, 3, 5], "y": [4, 2, 5], "z": [1, 3, 2], "w": [2, 4, 1]}[q[0]][int(q[1])]
        for q in loads
    }
    steady = {q: {"x": 5, "y": 4, "z": 1, "w": 2}[q[0]] for q in loads}
    first = rank_matches(loads, fiches, noisy)
    second = rank_matches(loads, fiches, steady)
    assert first.matches[0].slug == second.matches[0].slug == "a"
    assert first.near_tie
    assert first.matches[1].tied
    assert not second.near_tie
    assert not second.matches[1].tied
