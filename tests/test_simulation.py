"""The simulation (orientation/simulation.py), `check --simulation` and the command
benchmarks/simulation.py.

The sixth and twin occupations below are test data made up for these tests, not fiches.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from orientation.content.catalogue import load_catalogue, load_questions
from orientation.results import simulation
from orientation.results.simulation import MIDDLE, NOISE_LEVELS, Respondent, simulate, wilson
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
    low = simulate(LOADS, FICHES, TAGS, level=LOW, per_occupation=40, seed=2)
    high = simulate(LOADS, FICHES, TAGS, level=NOISE_LEVELS[2], per_occupation=40, seed=2)
    assert high.first.value < low.first.value
    assert high.stability.value < low.stability.value < 1
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
    respondents per scenario, seed 20): the issue's targets that the two verdicts and
    the stop rule reach, with the model's respondents."""
    from orientation.results.stopping import settled

    def run(name: str) -> simulation.Scenario:
        return simulation.scenario(
            name, LOADS, FICHES, TAGS, settled, level=MIDDLE, per_occupation=200, seed=20
        )

    fiche, flat, careless, extreme = run("fiche"), run("flat"), run("careless"), run("extreme")
    assert careless.unranked.value >= 0.70  # 79,5 % measured
    assert careless.inconsistent.value >= 0.70  # told as « peu cohérentes », not flat
    assert flat.unranked.value >= 0.80  # 81,2 %
    assert flat.flat.value > 10 * flat.inconsistent.value  # told as « sans relief »
    assert fiche.unranked.value <= 0.05  # 2,0 %
    assert fiche.first is not None
    assert fiche.first.value >= 0.94  # 95,8 %
    assert fiche.same_first.value >= 0.99  # 99,8 % at 2 500, since the stop waits for relief
    assert extreme.same_first.value >= 0.97  # 97,4 % at 2 500
    assert fiche.asked_median <= 20  # the stop and the choice of question (issue 27 §2, §3)
    # « très proche » is right for people whose interests point anywhere (§4).
    scattered = run("random")
    assert scattered.very_close_right is not None
    assert scattered.very_close_right.value >= 0.80
    # The second generator: only the careless target is reached (79,9 % at 2 500; random
    # clicking does not depend on the generator, these are other draws).
    graded = simulation.scenario(
        "careless", LOADS, FICHES, TAGS, settled, per_occupation=200, seed=20, generator="graded"
    )
    assert graded.unranked.value >= 0.70


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
