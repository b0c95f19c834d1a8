"""The simulation (orientation/simulation.py), `check --simulation` and the command
benchmarks/simulation.py.

The sixth and twin occupations below are test data made up for these tests, not fiches.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from orientation.content.catalogue import load_catalogue, load_questions
from orientation.results import simulation
from orientation.results.simulation import (
    MIDDLE,
    NOISE_LEVELS,
    NoiseLevel,
    Respondent,
    simulate,
    wilson,
)
from tests.helpers import orientation

ROOT = Path(__file__).resolve().parent.parent
BENCHMARK = ROOT / "benchmarks" / "simulation.py"

QUESTIONS = load_questions()
LOADS = {q.id: q.loads for q in QUESTIONS}  # bank order
CATALOGUE = load_catalogue()
FICHES = {e.slug: e.weights for e in CATALOGUE.entries}
TAGS = [t.id for t in CATALOGUE.tags]
LOW = NOISE_LEVELS[0]

SIXTH = """\
slug: mediateur-test
title: Médiateur·rice de test
aliases: [mediatrice de test]
summary: Une fiche inventée pour les tests, qui aime surtout animer des groupes.
tags:
  animation-collective: {weight: 3, why: Fiche de test.}
  partenariats: {weight: 2, why: Fiche de test.}
  developpement-territorial: {weight: 1, why: Fiche de test.}
sources:
  - {document: aucun, title: Données de test}
"""
TWIN = (
    SIXTH.replace("mediateur-test", "jumeau-test")
    .replace("Médiateur·rice de test", "Jumeau de test")
    .replace("mediatrice de test", "jumelle de test")
)


def benchmark(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """benchmarks/simulation.py ARGS, run as `orientation` is."""
    return orientation(*args, command=(sys.executable, BENCHMARK), cwd=cwd)


@pytest.fixture
def six(tmp_path: Path) -> Path:
    """An `init` copy of the shipped content, with a sixth fiche made by `new` then filled."""
    assert orientation("init", "six", cwd=tmp_path).returncode == 0
    made = orientation("new", "mediateur-test", "--content", "six", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    path = tmp_path / "six" / "fiches" / "mediateur-test.yaml"
    assert "tags:" in path.read_text(encoding="utf-8")  # the template, not filled yet
    path.write_text(SIXTH, encoding="utf-8")
    return tmp_path / "six"


# --- the model ----------------------------------------------------------------------


def test_wilson_interval() -> None:
    # Reference values (Wilson 1927; e.g. R's prop.test without continuity correction).
    low, high = wilson(8, 10)
    assert (round(low, 4), round(high, 4)) == (0.4902, 0.9433)
    low, high = wilson(0, 20)
    assert low == 0
    assert round(high, 4) == 0.1611
    low, high = wilson(20, 20)
    assert round(low, 4) == 0.8389
    assert high == 1


def test_standardised_weights() -> None:
    shape = simulation.standardised({"a": 3, "b": 1}, ["a", "b", "c", "d"])
    values = list(shape.values())
    assert abs(sum(values)) < 1e-9
    assert abs(sum(v * v for v in values) / 4 - 1) < 1e-9
    assert shape["a"] > shape["b"] > shape["c"] == shape["d"]
    assert simulation.standardised({"a": 2, "b": 2}, ["a", "b"]) == {"a": 0.0, "b": 0.0}


def test_answers_follow_interests_and_stay_on_the_scale() -> None:
    rng = random.Random(1)
    keen = Respondent("x", {"a": 2.0, "b": -2.0}, 0.0)
    high = [simulation.answer(keen, {"a": 2}, 0.8, rng) for _ in range(300)]
    low = [simulation.answer(keen, {"b": 2}, 0.8, rng) for _ in range(300)]
    assert sum(high) / 300 > 4.3
    assert sum(low) / 300 < 1.7
    assert set(high) | set(low) <= {1, 2, 3, 4, 5}
    # An item loading on both: the weighted mean of the interests (here 0), i.e. « Neutre ».
    mixed = [simulation.answer(keen, {"a": 1, "b": 1}, 0.3, rng) for _ in range(300)]
    assert mixed.count(3) > 250
    # The tendency to agree moves every answer.
    agreeing = Respondent("x", {"a": 0.0}, 1.0)
    assert sum(simulation.answer(agreeing, {"a": 2}, 0.3, rng) for _ in range(300)) / 300 > 3.8


def test_answers_use_the_whole_scale_at_the_middle_level() -> None:
    figures = simulate(LOADS, FICHES, TAGS, per_occupation=20, seed=3)
    total = sum(figures.answers)
    shares = [n / total for n in figures.answers]
    assert all(0.05 < share < 0.4 for share in shares), shares


def test_same_seed_same_figures_other_seed_other_figures() -> None:
    first = simulate(LOADS, FICHES, TAGS, per_occupation=15, seed=7)
    assert simulate(LOADS, FICHES, TAGS, per_occupation=15, seed=7) == first
    assert simulate(LOADS, FICHES, TAGS, per_occupation=15, seed=8) != first


def test_shipped_content_is_recovered_at_low_noise() -> None:
    figures = simulate(LOADS, FICHES, TAGS, level=LOW, per_occupation=40, seed=1)
    assert figures.first.total == 5 * 40
    assert figures.first.value >= 0.9
    assert figures.top_two.value >= figures.first.value
    assert all(r.first.value >= 0.8 for r in figures.recovery)
    assert figures.stability.value >= 0.85
    assert figures.flat_flagged.value >= 0.8  # flat respondents are told apart…
    assert figures.wrongly_flat.value <= 0.05  # …and the others are not taken for flat


def test_noise_lowers_recovery() -> None:
    # The first two blocks only: the whole bank recovers nearly everyone at every level.
    loads = dict(list(LOADS.items())[: 2 * len(TAGS)])
    low = simulate(loads, FICHES, TAGS, level=LOW, per_occupation=40, seed=2)
    high = simulate(loads, FICHES, TAGS, level=NOISE_LEVELS[2], per_occupation=40, seed=2)
    assert high.first.value < low.first.value
    assert high.stability.value < low.stability.value < 1
    low = simulate(LOADS, FICHES, TAGS, level=LOW, per_occupation=40, seed=2)
    high = simulate(LOADS, FICHES, TAGS, level=NOISE_LEVELS[2], per_occupation=40, seed=2)
    assert high.flat_flagged.value < low.flat_flagged.value


def test_identical_weights_are_confused() -> None:
    fiches = {**FICHES, "zz-jumeau": FICHES["conseiller-social"]}
    figures = simulate(LOADS, fiches, TAGS, per_occupation=30, seed=4)
    twin = next(r for r in figures.recovery if r.slug == "zz-jumeau")
    # Same scores for every answers: the tie goes to the first slug, never to the twin.
    assert twin.first.hits == 0
    assert twin.confused_with == "conseiller-social"
    assert figures.confusions[0][:2] == ("zz-jumeau", "conseiller-social")


def test_rank_says_what_rank_matches_says() -> None:
    """The simulation's fast ranking is the quiz's: same first two, same flat flag,
    ties included (a twin fiche, a fiche without shape), skipped and missing answers."""
    from orientation.scoring import rank_matches

    fiches = {
        **FICHES,
        "aa-jumeau": FICHES["coordinateur-social"],
        "sans-relief": dict.fromkeys(TAGS, 2),
    }
    rng = random.Random(9)
    choices: list[int | None] = [1, 2, 3, 4, 5, None]
    for number in range(1500):
        asked = list(LOADS)[: rng.randint(1, len(LOADS))]
        spread_out = number % 3 == 0  # else nearly flat: a narrow range of answers
        sheet = {
            q: rng.choice(choices) if spread_out else rng.choice([3, 3, 4, None]) for q in asked
        }
        full = rank_matches(LOADS, fiches, sheet)
        fast = simulation.rank(LOADS, fiches, sheet)
        assert fast.top == tuple(m.slug for m in full.matches[:2]), sheet
        assert (fast.flat, fast.consistent) == (full.flat, full.consistent), sheet


# --- questions asked under a stop rule ----------------------------------------------


def test_questions_asked_follow_the_rule() -> None:
    order = list(LOADS)
    calls: list[tuple[list[str], list[str]]] = []

    def after_twelve(loads, fiches, answers, remaining):
        calls.append((list(answers), list(remaining)))
        return len(answers) >= 12

    figures = simulate(LOADS, FICHES, TAGS, per_occupation=4, seed=5, rule=after_twelve)
    asked = figures.asked
    assert asked is not None
    assert asked.counts == (12,) * (6 * 4)  # five occupations and the flat respondents
    assert asked.median == 12
    assert asked.quartiles == (12, 12)
    # Asked after each answer, with the rest of the bank still to ask (in bank order);
    # the bank's first question first, as it measures the first tag.
    assert calls[0] == (order[:1], order[1:])
    for answered, remaining in calls[:12]:
        assert sorted(answered + remaining) == sorted(order)
        assert remaining == [q for q in order if q not in answered]
    assert [len(answered) for answered, _ in calls[:12]] == list(range(1, 13))
    assert len(calls) == 12 * 24
    assert asked.same_first.total == 24


def test_a_rule_that_never_stops_asks_everything_and_agrees() -> None:
    figures = simulate(LOADS, FICHES, TAGS, per_occupation=4, seed=5, rule=lambda *_: False)
    asked = figures.asked
    assert asked is not None
    assert set(asked.counts) == {len(LOADS)}
    assert asked.same_first.value == 1
    assert asked.flat_missed == 0


def test_stopping_too_early_changes_results_and_misses_flat_profiles() -> None:
    figures = simulate(
        LOADS, FICHES, TAGS, level=LOW, per_occupation=20, seed=6, rule=lambda *_: True
    )
    asked = figures.asked
    assert asked is not None
    assert set(asked.counts) == {1}
    # One answer measures one or two tags: always « too few measured », hence flat.
    assert asked.flat_missed == 6 * 20 - asked.flat_total
    assert asked.same_first.value < 0.5


def test_no_rule_no_questions_figure() -> None:
    assert simulate(LOADS, FICHES, TAGS, per_occupation=3, seed=1).asked is None


# --- check --simulation -------------------------------------------------------------


@pytest.mark.slow
def test_check_simulation_on_the_shipped_content() -> None:
    result = orientation("check", "--simulation")
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Simulation au bruit moyen, 200 répondants par métier")
    for slug in FICHES:
        line = next(line for line in lines if line.startswith(f"  {slug}\u00a0:"))
        assert "\u00a0%" in line
    assert "confondu surtout avec" in result.stdout
    assert "aucun problème" in lines[-2] + lines[-1]
    assert all(len(line) <= 80 for line in lines)


@pytest.mark.slow
def test_check_without_simulation_says_nothing_of_it() -> None:
    result = orientation("check")
    assert result.returncode == 0
    assert "Simulation" not in result.stdout


@pytest.mark.slow
def test_check_simulation_on_an_init_copy_with_a_sixth_fiche(six: Path) -> None:
    result = orientation("check", "--simulation", "--content", "six", cwd=six.parent)
    assert result.returncode == 0, result.stdout
    assert "  mediateur-test\u00a0: " in result.stdout
    assert "6 fiches métier" in result.stdout
    narrow = orientation("check", "--simulation", "--content", "six", cwd=six.parent, columns=40)
    assert narrow.returncode == 0
    assert all(len(line) <= 40 for line in narrow.stdout.splitlines()), narrow.stdout
    data = json.loads(orientation("check", "--simulation", "--json", "six", cwd=six.parent).stdout)
    occupations = {o["slug"]: o for o in data["simulation"]["occupations"]}
    assert set(occupations) == {*FICHES, "mediateur-test"}
    assert occupations["mediateur-test"]["recovery"] >= 0.8
    assert data["simulation"]["noise"] == MIDDLE.sigma
    assert data["problems"] == []


@pytest.mark.slow
def test_check_simulation_flags_two_occupations_with_the_same_weights(six: Path) -> None:
    (six / "fiches" / "jumeau-test.yaml").write_text(TWIN, encoding="utf-8")
    result = orientation("check", "--simulation", "--content", "six", cwd=six.parent)
    assert result.returncode == 1
    assert (
        "six/fiches/mediateur-test.yaml:5:1: métier retrouvé premier par 0 % seulement des "
        "répondants simulés d'après ses poids (au moins 80 % attendus), le plus souvent "
        "derrière jumeau-test (" in result.stdout
    )
    assert "  mediateur-test\u00a0: 0\u00a0% (moins de 80\u00a0%)\u00a0; confondu surtout avec" in (
        result.stdout.replace("\n    ", " ")
    )
    data = json.loads(orientation("check", "--simulation", "--json", "six", cwd=six.parent).stdout)
    flagged = [p for p in data["problems"] if "retrouvé premier" in p["message"]]
    assert [p["path"] for p in flagged] == ["six/fiches/mediateur-test.yaml"]


# --- the command --------------------------------------------------------------------


@pytest.mark.slow
def test_benchmark_runs_on_a_small_sample() -> None:
    result = benchmark("--respondents", "small")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for level in NOISE_LEVELS:
        assert f"Bruit {level.name} (σ = {str(level.sigma).replace('.', ',')} point" in out
    assert out.count("Retrouvé : le métier d'origine classé…") == 3
    assert "ensemble" in out
    assert "Stabilité" in out
    assert "Profils plats" in out
    assert "Questions posées" in out
    assert "Fidélité de chaque centre d'intérêt : α de Cronbach" in out
    for tag in TAGS:  # one row each: its items and α for both generators
        assert re.search(rf"^  {tag} +8  0,\d\d", out, re.MULTILINE), tag
    assert all(len(line) <= 80 for line in out.splitlines())
    assert result.stderr.startswith("Durée : ")
    again = benchmark("--respondents", "small")
    assert again.stdout == out  # the same seed gives the same figures


@pytest.mark.slow
def test_benchmark_reads_another_content_root_and_writes_markdown(six: Path) -> None:
    result = benchmark(
        "--respondents",
        "5",
        "--content",
        "six",
        "--markdown",
        cwd=six.parent,
    )
    assert result.returncode == 0, result.stderr
    assert "| mediateur-test | " in result.stdout
    assert "| retrouvé premier | " in result.stdout
    assert "| centre d'intérêt | questions | modèle | réponse graduée |" in result.stdout
    assert "| partenariats | 8 | 0," in result.stdout


@pytest.mark.slow
def test_benchmark_refuses_a_missing_root_in_french(tmp_path: Path) -> None:
    result = benchmark("--content", "absent", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "Erreur : --content absent : dossier introuvable.\n"
    bad = benchmark("--respondents", "beaucoup")
    assert bad.returncode == 2
    assert "un nombre entier positif, ou small" in bad.stderr


@pytest.mark.slow
def test_check_simulation_says_when_there_is_nothing_to_simulate(six: Path) -> None:
    for fiche in (six / "fiches").glob("*.yaml"):
        fiche.unlink()
    result = orientation("check", "--simulation", "--content", "six", cwd=six.parent)
    assert result.returncode == 1
    assert "six/fiches: aucune fiche métier (*.yaml)" in result.stdout
    assert "Simulation impossible\u00a0: il faut des centres d'intérêt, des questions" in (
        result.stdout
    )
    data = json.loads(orientation("check", "--simulation", "--json", "six", cwd=six.parent).stdout)
    assert data["simulation"] is None


@pytest.mark.slow
def test_check_simulation_refuses_a_catalogue_too_large_for_seconds(six: Path) -> None:
    for number in range(40):
        slug = f"essai-{number}"
        text = SIXTH.replace("mediateur-test", slug)
        text = text.replace("Médiateur·rice de test", f"Essai {number}")
        text = text.replace("mediatrice de test", f"essai numero {number}")
        (six / "fiches" / f"{slug}.yaml").write_text(text, encoding="utf-8")
    result = orientation("check", "--simulation", "--content", "six", cwd=six.parent)
    assert result.returncode == 2
    assert result.stderr.startswith("Erreur : --simulation : 46 fiches, trop pour une simulation")
    assert "python benchmarks/simulation.py --content DOSSIER" in result.stderr.replace("\n", " ")


# --- Scenarios beyond the model (issue 27 §7) ---------------------------------------


def test_each_scenario_answers_as_described() -> None:
    rng = random.Random(3)
    people = {
        name: simulation.scenario_people(name, FICHES, TAGS, 2, rng)
        for name in simulation.SCENARIOS
    }
    extreme = simulation.sitting(people["extreme"][0], LOADS, MIDDLE.sigma, rng)
    assert set(extreme.values()) <= {1, 5}
    careless = [simulation.sitting(p, LOADS, MIDDLE.sigma, rng) for p in people["careless"]]
    assert {a for sheet in careless for a in sheet.values()} == {1, 2, 3, 4, 5}
    assert all(p.source is None for p in people["flat"] + people["careless"])
    assert {p.source for p in people["fiche"]} == set(FICHES)
    assert len(people["flat"]) == len(people["fiche"]) == 2 * len(FICHES)


@pytest.mark.slow
def test_the_targets_reached_at_the_reference_noise() -> None:
    """The figures of docs/methodologie.md (« Scénarios »), on a smaller sample (1 000
    respondents per scenario, seed 20): the issue's targets that the two verdicts, the
    stop rule and the 88-item bank reach with both generators, and no more (the median
    asked, ≤ 20, is not: about 22 and 27 of 88)."""
    from orientation.results.stopping import settled

    for generator in simulation.GENERATORS:

        def run(name: str, generator: str = generator) -> simulation.Scenario:
            return simulation.scenario(
                name,
                LOADS,
                FICHES,
                TAGS,
                settled,
                level=MIDDLE,
                per_occupation=200,
                seed=20,
                generator=generator,
            )

        fiche, flat, careless, extreme = run("fiche"), run("flat"), run("careless"), run("extreme")
        assert careless.unranked.value >= 0.70, generator  # 79,3 % and 78,2 % at 2 500
        assert careless.inconsistent.value >= 0.70, generator  # « peu cohérentes », not flat
        assert flat.unranked.value >= 0.80, generator  # 92,2 % and 95,8 %
        assert flat.flat.value > 10 * flat.inconsistent.value, generator  # « sans relief »
        assert fiche.unranked.value <= 0.05, generator  # 0,0 % and 0,3 %
        assert fiche.first is not None
        assert fiche.first.value >= 0.94, generator  # 99,6 % and 97,8 %
        assert fiche.same_first.value >= 0.99, generator  # 99,9 % and 100,0 %
        assert extreme.same_first.value >= 0.97, generator  # 98,4 % and 98,1 %
    # « très proche » is right for people whose interests point anywhere (§4).
    scattered = simulation.scenario(
        "random", LOADS, FICHES, TAGS, settled, level=MIDDLE, per_occupation=200, seed=20
    )
    assert scattered.very_close_right is not None
    assert scattered.very_close_right.value >= 0.80


def test_the_graded_generator_answers_like_the_reference_level_by_its_own_model() -> None:
    """A second generator, independent of the quiz's own model: items with their own
    discrimination and popularity, a general interest, profiles of varying strength."""
    rng = random.Random(4)
    people = simulation.scenario_people("fiche", FICHES, TAGS, 40, rng, "graded")
    first = [simulation.sitting(p, LOADS, MIDDLE.sigma, rng) for p in people]
    again = [simulation.sitting(p, LOADS, MIDDLE.sigma, rng) for p in people]
    assert all(p.style == "graded" for p in people)
    values = [a for sheet in first for a in sheet.values()]
    shares = [values.count(v) / len(values) for v in range(1, 6)]
    assert all(0.05 < share < 0.45 for share in shares), shares
    # Items differ: their own discrimination and popularity, the same every time.
    items = [simulation.graded_item(q) for q in LOADS]
    assert len({round(i.popularity, 6) for i in items}) == len(items)
    assert simulation.graded_item(next(iter(LOADS))) == items[0]
    # The same person answers twice alike, but not identically.
    same = sum(
        a == b
        for x, y in zip(first, again, strict=True)
        for a, b in zip(x.values(), y.values(), strict=True)
    )
    assert 0.3 < same / len(values) < 0.8
    extreme = simulation.scenario_people("extreme", FICHES, TAGS, 2, rng, "graded")
    assert {a for p in extreme for a in simulation.sitting(p, LOADS, 0.8, rng).values()} <= {1, 5}


# --- Reliability of each tag's centred scale (issue 27 §6) --------------------------


def test_cronbach_alpha_on_values_worked_by_hand() -> None:
    # Items a and b: variances 2/3 each; sums 2, 5, 5: variance 2; α = 2 (1 − 4/3 / 2).
    assert simulation.cronbach_alpha([[1, 2, 3], [1, 3, 2]]) == pytest.approx(2 / 3)
    assert simulation.cronbach_alpha([[1, 2, 3], [1, 2, 3], [1, 2, 3]]) == pytest.approx(1)
    assert simulation.cronbach_alpha([[1, 2, 3], [3, 2, 1]]) is None  # the sum never varies
    assert simulation.cronbach_alpha([[1, 2, 3]]) is None  # one item


def test_reliability_is_deterministic_and_grows_with_items_and_falls_with_noise() -> None:
    def alphas(
        loads: dict[str, dict[str, int]], level: NoiseLevel = MIDDLE
    ) -> dict[str, float | None]:
        figures = simulation.reliability(
            loads, FICHES, TAGS, level=level, per_occupation=60, seed=5
        )
        return {f.tag: f.alpha for f in figures}

    shipped = alphas(LOADS)
    assert alphas(LOADS) == shipped
    assert [f.tag for f in simulation.reliability(LOADS, FICHES, TAGS, per_occupation=2)] == TAGS
    half = dict(list(LOADS.items())[: len(LOADS) // 2])  # the first four blocks
    fewer = alphas(half)
    noisy = alphas(LOADS, level=NOISE_LEVELS[2])
    for tag in TAGS:
        few, full, noise = fewer[tag], shipped[tag], noisy[tag]
        assert few is not None
        assert full is not None
        assert noise is not None
        assert few < full, tag
        assert noise < full, tag
    # A tag mainly measured by a single item has no α.
    one = {
        q: tags for q, tags in LOADS.items() if "empathie" not in tags or q == "ecoute-difficulte"
    }
    assert alphas(one)["empathie"] is None


def test_the_items_are_centred_on_the_person_before_alpha() -> None:
    """Everyone answering « Tout à fait » or « Pas du tout » to everything, as a whole,
    is the tendency to agree, not an interest: the centred scale does not count it."""
    tags = ["a", "b"]
    loads = {f"{t}{i}": {t: 2} for i in range(4) for t in tags}
    fiches = {"x": {"a": 1}, "y": {"b": 1}}
    shouting = simulation.reliability(loads, fiches, tags, per_occupation=100, seed=1)
    raw = [
        simulation.cronbach_alpha(columns)
        for columns in _raw_columns(loads, fiches, tags, per_occupation=100, seed=1)
    ]
    # With two tags, centring makes a and b mirror images: their α are the same, and
    # lower than the raw one, which the tendency to agree inflates.
    a, b = (f.alpha for f in shouting)
    assert a is not None
    assert b is not None
    assert a == pytest.approx(b, abs=0.05)
    assert all(value is not None and value > a for value in raw)


def _raw_columns(
    loads: dict[str, dict[str, int]],
    fiches: dict[str, dict[str, int]],
    tags: list[str],
    *,
    per_occupation: int,
    seed: int,
) -> list[list[list[float]]]:
    """The answers, not centred, per tag: the same people and draws as reliability()."""
    rng = random.Random(f"people:fiche:{seed}")
    people = simulation.scenario_people("fiche", fiches, tags, per_occupation, rng)
    noise = random.Random(f"reliability:{seed}:{MIDDLE.sigma}")
    sheets = [simulation.sitting(p, loads, MIDDLE.sigma, noise) for p in people]
    return [
        [[float(sheet[q] or 0) for sheet in sheets] for q in loads if tag in loads[q]]
        for tag in tags
    ]


@pytest.mark.parametrize("generator", simulation.GENERATORS)
def test_the_shipped_bank_measures_each_tag_reliably(generator: str) -> None:
    """docs/banque-questions.md: eight items mainly about each tag give every centred
    scale α ≥ .85 at the reference noise, but « partenariats » (.82 at 500 respondents
    per occupation, seed 20): all five occupations weight it 2 or 3, so people drawn
    from them differ little on it, and eleven items would be needed."""
    figures = simulation.reliability(
        LOADS, FICHES, TAGS, generator=generator, per_occupation=300, seed=20
    )
    assert {f.items for f in figures} == {8}
    alphas = {f.tag: f.alpha for f in figures}
    assert all(a is not None and a >= 0.80 for a in alphas.values()), alphas
    below = {t for t, a in alphas.items() if a is not None and a < simulation.RELIABLE_ALPHA}
    assert below <= {"partenariats"}, alphas
