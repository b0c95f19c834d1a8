"""The shipped question bank keeps the rules of docs/banque-questions.md, and results
saved with the first bank (before issue 20) and with the 30-item bank (before issue 27)
still read."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pytest

from orientation.content.catalogue import load_catalogue, load_questions
from orientation.content.model import MAX_LOAD, MIN_ITEMS_PER_TAG, Question
from tests.helpers import orientation

QUESTIONS = load_questions()
TAGS = [t.id for t in load_catalogue().tags]
FIRST_BANK = Path(__file__).parent / "golden" / "results-first-bank.json"
THIRTY = Path(__file__).parent / "golden" / "results-30-questions.json"  # before issue 27

# The shipped bank (docs/banque-questions.md, rule 6): eight items mainly about each tag.
MAIN_ITEMS = 8
# Ids of the first bank whose activity changed in the review of issue 20
# (docs/banque-questions.md): never reused.
RETIRED_FIRST = {
    "animer-atelier",
    "entretien-confiance",
    "entretien-logement",
    "expliquer-droits",
    "planifier-etapes",
    "preparer-cv",
    "reunir-acteurs",
    "suivre-depenses",
    "veille-lois",
}
# Retired in the review of issue 27: « Imaginer … et le mener jusqu'à sa réalisation »
# asked two activities, and now asks the first one (imaginer-projet).
RETIRED_SECOND = {"idee-realisation"}
RETIRED = RETIRED_FIRST | RETIRED_SECOND
# Words a 15-year-old stumbles on, or that name a job, a pay or a diploma rather than an
# activity (matched at the start of a word, without accents: « élus » as « elu »).
JARGON = (
    "acteur",
    "action",
    "bénéficiaire",
    "collectivit",
    "diagnostic",
    "diplôme",
    "dispositif",
    "élu",
    "financeur",
    "institution",
    "interlocut",
    "métier",
    "partenaire",
    "pluridisciplin",
    "salaire",
    "territoire",
    "usager",
)
# Words that say nothing of the activity, left out when comparing two items.
SMALL_WORDS = {"avec", "dans", "pour", "leur", "leurs", "elle", "elles", "une", "des", "les"}
ALIKE = 0.5  # share of their words two items with the same loads may have in common


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", fold(text)) if len(w) > 3 and w not in SMALL_WORDS}


def mains(questions: Sequence[Question]) -> list[str]:
    """The tag each item mainly measures (its load 2), in bank order."""
    return [t for q in questions for t, w in q.loads.items() if w == MAX_LOAD]


def thin_tags(questions: Sequence[Question], tags: Sequence[str]) -> list[str]:
    """The tags mainly measured by fewer items than rule 6 asks (the loader's floor,
    MIN_ITEMS_PER_TAG, is lower: any content root must load)."""
    main = mains(questions)
    assert MIN_ITEMS_PER_TAG <= MAIN_ITEMS
    return [t for t in tags if main.count(t) < MAIN_ITEMS]


def blocks_missing_a_tag(questions: Sequence[Question], tags: Sequence[str]) -> list[int]:
    """The blocks of len(tags) items, in bank order (1 first), whose main tags are not
    every tag; the last block may be shorter and is then left out."""
    size = len(tags)
    return [
        start // size + 1
        for start in range(0, len(questions) - size + 1, size)
        if set(mains(questions[start : start + size])) != set(tags)
    ]


def alike(questions: Sequence[Question]) -> list[tuple[str, str]]:
    pairs = []
    for i, first in enumerate(questions):
        for second in questions[i + 1 :]:
            if first.loads != second.loads:
                continue
            a, b = words(first.text), words(second.text)
            if len(a & b) >= ALIKE * min(len(a), len(b)):
                pairs.append((first.id, second.id))
    return pairs


def jargon(questions: Sequence[Question]) -> list[tuple[str, str]]:
    found = []
    for q in questions:
        for word in JARGON:
            if re.search(rf"\b{fold(word)}", fold(q.text)):
                found.append((q.id, word))
    return found


def test_every_item_loads_one_tag_mainly() -> None:
    assert all(list(q.loads.values()).count(MAX_LOAD) == 1 for q in QUESTIONS)
    assert len(mains(QUESTIONS)) == len(QUESTIONS) == MAIN_ITEMS * len(TAGS) == 88


def test_every_tag_is_mainly_measured_by_eight_items() -> None:
    assert thin_tags(QUESTIONS, TAGS) == []
    assert {mains(QUESTIONS).count(t) for t in TAGS} == {MAIN_ITEMS}  # balanced: eight each


def test_the_first_eleven_items_measure_every_tag_and_so_does_each_block() -> None:
    # The adaptive stop asks in file order and never stops before every tag is measured.
    assert sorted(mains(QUESTIONS[: len(TAGS)])) == sorted(TAGS)
    assert blocks_missing_a_tag(QUESTIONS, TAGS) == []


def test_no_two_items_alike() -> None:
    assert alike(QUESTIONS) == []


def test_no_jargon_job_pay_or_diploma() -> None:
    assert jargon(QUESTIONS) == []


def test_retired_ids_are_never_reused() -> None:
    assert RETIRED.isdisjoint(q.id for q in QUESTIONS)


def test_the_rules_catch_a_bank_that_breaks_them() -> None:
    """Each rule above fails on a bank that breaks it."""
    moved = list(QUESTIONS)  # the first item swapped with the 13th, of another tag
    moved[0], moved[12] = moved[12], moved[0]
    assert sorted(mains(moved[: len(TAGS)])) != sorted(TAGS)
    assert blocks_missing_a_tag(moved, TAGS) == [1, 2]
    dropped = [q for q in QUESTIONS if q.id != "rassurer-accueil"]
    assert thin_tags(dropped, TAGS) == ["empathie"]
    first = QUESTIONS[0]
    twin = Question("ecoute-bis", first.text.replace("Écouter", "Entendre"), dict(first.loads))
    assert alike([*QUESTIONS, twin]) == [(first.id, "ecoute-bis")]
    worded = Question("q", "Présenter aux élus les dispositifs d'insertion.", {"analyse": 2})
    assert [w for _, w in jargon([worded])] == ["dispositif", "élu"]
    assert jargon([Question("q", "Calculer un salaire.", {"budget": 2})]) == [("q", "salaire")]


def squash(text: str) -> str:
    return " ".join(text.replace("│", " ").replace("\u00a0", " ").split())


@pytest.mark.slow
def test_a_result_saved_with_the_first_bank_still_reads() -> None:
    saved = json.loads(FIRST_BANK.read_text(encoding="utf-8"))["answers"]
    current = {q.id for q in QUESTIONS}
    retired = set(saved) - current
    assert retired == RETIRED
    added = len(current - set(saved))
    done = orientation("report", str(FIRST_BANK))
    assert (done.returncode, done.stderr) == (0, "")
    out = squash(done.stdout)
    assert f"{len(retired)} questions retirées du quiz depuis : ignorées." in out
    assert f"{added} questions ajoutées au quiz depuis : comptées comme « Je ne sais pas »." in out
    assert "Les fiches ou les questions ont changé depuis ce quiz" in out
    assert "1. Chargé·e de missions locales" in out  # still ranked, from the kept answers
    done = orientation("report", str(FIRST_BANK), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data["answers"]) == current
    kept = current & set(saved)
    assert {k: data["answers"][k] for k in kept} == {k: saved[k] for k in kept}
    assert all(data["answers"][k] is None for k in current - set(saved))
    assert data["matches"][0]["slug"] == "charge-de-missions-locales"


@pytest.mark.slow
def test_a_result_saved_with_thirty_questions_still_reads() -> None:
    """Saved before the review of issue 27: 30 answers, and « budget » still meant a
    family's budget and a project's money together. Results are recomputed from the
    answers, never from the saved profile: the budget items now count for « budget »
    or « financements », and both are measured."""
    saved = json.loads(THIRTY.read_text(encoding="utf-8"))
    assert len(saved["answers"]) == 30
    assert "financements" not in saved["profile"]
    current = {q.id for q in QUESTIONS}
    assert set(saved["answers"]) - current == RETIRED_SECOND
    done = orientation("report", str(THIRTY))
    assert (done.returncode, done.stderr) == (0, "")
    out = squash(done.stdout)
    assert "59 questions ajoutées au quiz depuis : comptées comme « Je ne sais pas »." in out
    assert "1 question retirée du quiz depuis : ignorée." in out
    assert "Les fiches ou les questions ont changé depuis ce quiz" in out
    assert "1. Chargé·e de missions locales" in out
    done = orientation("report", str(THIRTY), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data["answers"]) == current
    assert {"budget", "financements"} <= set(data["profile"])  # both measured
    assert data["matches"][0]["slug"] == "charge-de-missions-locales"


@pytest.mark.slow
def test_the_questions_command_lists_the_bank_in_file_order() -> None:
    done = orientation("questions", "--json")
    assert done.returncode == 0, done.stderr
    assert [q["id"] for q in json.loads(done.stdout)] == [q.id for q in QUESTIONS]
