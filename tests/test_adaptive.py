"""The next question chosen, and the quiz replayed on an answer file (issue 27 §2, §3)."""

from __future__ import annotations

import json
import random
import statistics
from pathlib import Path

from orientation.content.catalogue import load_catalogue, load_questions
from orientation.results import simulation
from orientation.results.adaptive import next_question, replay
from orientation.results.stopping import Forecast, settled
from orientation.scoring import main_tags
from tests.helpers import invoke

QUESTIONS = load_questions()
IDS = [q.id for q in QUESTIONS]
LOADS = {q.id: q.loads for q in QUESTIONS}
FICHES = {e.slug: e.weights for e in load_catalogue().entries}
TAGS = sorted({t for q in QUESTIONS for t in q.loads})


def test_every_tag_is_measured_before_any_choice() -> None:
    sheet = dict.fromkeys(IDS, 3)
    asked = replay(LOADS, FICHES, sheet, IDS, stop=None).asked
    measured: set[str] = set()
    for number, question in enumerate(asked):
        if measured == set(TAGS):
            break
        # Each question before every tag is measured measures a new one mainly.
        assert main_tags(LOADS[question]) - measured, (number, question)
        measured |= main_tags(LOADS[question])
    assert measured == set(TAGS)
    assert sorted(asked) == sorted(IDS)  # never stopped: every question, once


def test_the_choice_goes_where_the_first_two_differ() -> None:
    loads = {
        "x1": {"x": 2}, "y1": {"y": 2}, "z1": {"z": 2}, "w1": {"w": 2},
        "w2": {"w": 2}, "y2": {"y": 2}, "x2": {"x": 2},
    }  # fmt: skip
    fiches = {"a": {"x": 3, "y": 2}, "b": {"x": 3, "w": 0, "y": 0, "z": 2}, "c": {"w": 1}}
    answers: dict[str, int | None] = {"x1": 5, "y1": 4, "z1": 3, "w1": 1}
    remaining = ["w2", "y2", "x2"]
    forecast = Forecast.of(loads, fiches, answers, remaining)
    assert forecast is not None
    assert forecast.first == "a"
    assert forecast.rival() == "b"
    # a and b differ on y and z, hardly on w: the bank's next one (w2) is passed over.
    assert next_question(loads, fiches, answers, remaining) == "y2"


def test_choosing_asks_fewer_questions_than_the_bank_order() -> None:
    """Measured on simulated respondents, not assumed: the choice is worth having."""
    rng = random.Random(3)
    noise = random.Random(4)
    chosen, ordered = [], []
    for slug in sorted(FICHES):
        for _ in range(12):
            person = simulation.built_from(slug, FICHES[slug], TAGS, rng)
            sheet = simulation.sitting(person, LOADS, simulation.MIDDLE.sigma, noise)
            chosen.append(len(replay(LOADS, FICHES, sheet, IDS).asked))
            ordered.append(len(replay(LOADS, FICHES, sheet, IDS, choose=False).asked))
    assert statistics.mean(chosen) < statistics.mean(ordered)


def test_a_replay_stops_where_the_rule_says_and_asks_each_question_once() -> None:
    sheet = {q: 5 if "insertion-professionnelle" in main_tags(LOADS[q]) else 2 for q in IDS}
    played = replay(LOADS, FICHES, sheet, IDS)
    assert played.stopped
    assert len(set(played.asked)) == len(played.asked) < len(IDS)
    asked = {q: sheet[q] for q in played.asked}
    rest = [q for q in IDS if q not in asked]
    assert settled(LOADS, FICHES, asked, rest)
    before = {q: sheet[q] for q in played.asked[:-1]}
    assert not settled(LOADS, FICHES, before, [q for q in IDS if q not in before])


def test_quiz_answers_arret_replays_the_stop(tmp_path: Path) -> None:
    sheet = {q: 5 if "insertion-professionnelle" in main_tags(LOADS[q]) else 2 for q in IDS}
    path = tmp_path / "reponses.json"
    path.write_text(json.dumps(sheet), encoding="utf-8")
    played = replay(LOADS, FICHES, sheet, IDS)
    code, out, err = invoke("quiz", "--answers", str(path), "--arret", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["asked"] == len(played.asked) < len(IDS)
    assert data["stopped"] == "settled"
    assert set(data["answers"]) == set(played.asked)
    assert data["unasked"] == [q for q in IDS if q not in played.asked]
    # Without --arret, the whole file counts.
    code, out, err = invoke("quiz", "--answers", str(path), "--json")
    assert code == 0, err
    assert json.loads(out)["asked"] == len(IDS)
    assert json.loads(out)["stopped"] == "complete"


def test_arret_needs_an_answer_file() -> None:
    code, _, err = invoke("quiz", "--arret")
    assert code == 2
    assert "--arret rejoue le quiz sur un fichier de réponses" in " ".join(err.split())
