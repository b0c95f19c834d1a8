"""Answer files, saved results and progress: located errors, atomic writes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from orientation import files
from orientation.content.catalogue import load_questions
from orientation.errors import ContentError, OrientationError
from orientation.results import progressfile, resultsfile

QUESTIONS = load_questions()
IDS = [q.id for q in QUESTIONS]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def all_answers(value: str = "3") -> dict[str, str]:
    return dict.fromkeys(IDS, value)


def as_yaml(answers: dict[str, str]) -> str:
    return "".join(f"{k}: {v}\n" for k, v in answers.items())


# --- write_atomic -------------------------------------------------------------------


def test_write_atomic_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    files.write_atomic(target, "first")
    files.write_atomic(target, "second")
    assert target.read_text(encoding="utf-8") == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]


def test_write_atomic_keeps_the_old_file_when_the_write_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.json"
    target.write_text("old results", encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OrientationError, match="plus de place sur le disque"):
        files.write_atomic(target, "new results")
    assert target.read_text(encoding="utf-8") == "old results"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]  # no temporary left


def test_write_atomic_keeps_the_old_file_when_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.json"
    target.write_text("old results", encoding="utf-8")

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomic(target, "new results")
    assert target.read_text(encoding="utf-8") == "old results"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]


def test_write_atomic_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    files.write_atomic(target, "new")
    assert target.stat().st_mode & 0o777 == 0o640
    files.write_atomic(tmp_path / "private.json", "x", private=True)
    assert (tmp_path / "private.json").stat().st_mode & 0o777 == 0o600


def test_write_atomic_names_a_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(OrientationError, match="introuvable"):
        files.write_atomic(tmp_path / "absent" / "r.json", "x")
    with pytest.raises(OrientationError, match="est un dossier"):
        files.write_atomic(tmp_path, "x")


# --- read_answers -------------------------------------------------------------------


def test_yaml_and_json_answers_are_read_in_bank_order(tmp_path: Path) -> None:
    answers = all_answers()
    answers[IDS[0]] = "5"
    answers[IDS[1]] = "null"
    answers[IDS[2]] = "~"
    yaml_file = write(tmp_path, "a.yaml", as_yaml(dict(reversed(answers.items()))))
    sheet = resultsfile.read_answers(yaml_file, QUESTIONS)
    assert list(sheet.answers) == IDS
    assert sheet.answers[IDS[0]] == 5
    assert sheet.answers[IDS[1]] is None
    assert sheet.answers[IDS[2]] is None
    assert sheet.answers[IDS[3]] == 3
    data = {k: (None if v in ("null", "~") else int(v)) for k, v in answers.items()}
    json_file = write(tmp_path, "a.json", json.dumps(data, separators=(",", ":")))
    assert resultsfile.read_answers(json_file, QUESTIONS).answers == sheet.answers


def test_unknown_id_is_named_with_its_line_and_a_suggestion(tmp_path: Path) -> None:
    answers = all_answers()
    text = as_yaml(answers) + "ecoute-dificulte: 4\n"
    path = write(tmp_path, "a.yaml", text)
    with pytest.raises(ContentError) as error:
        resultsfile.read_answers(path, QUESTIONS)
    assert error.value.exit_code == 1
    assert error.value.message == (
        f"{path}:{len(IDS) + 1}:1: question inconnue « ecoute-dificulte » "
        "(vouliez-vous dire « ecoute-difficulte » ?)"
    )


@pytest.mark.parametrize("value", ["0", "6", "-1", "3.5", "oui", "« 4 »", "[4]"])
def test_out_of_range_answers_name_the_question(tmp_path: Path, value: str) -> None:
    answers = all_answers()
    answers[IDS[4]] = value
    path = write(tmp_path, "a.yaml", as_yaml(answers))
    with pytest.raises(ContentError) as error:
        resultsfile.read_answers(path, QUESTIONS)
    message = error.value.message
    assert message.startswith(f"{path}:5:")
    assert f"question « {IDS[4]} » : réponse" in message
    assert "attendu un nombre de 1 à 5, ou null" in message


def test_missing_answers_are_listed(tmp_path: Path) -> None:
    answers = all_answers()
    for qid in IDS[:7]:
        del answers[qid]
    path = write(tmp_path, "a.yaml", as_yaml(answers))
    with pytest.raises(ContentError) as error:
        resultsfile.read_answers(path, QUESTIONS)
    message = error.value.message
    assert "7 questions sans réponse : " + ", ".join(IDS[:5]) + " et 2 autres" in message
    assert "null" in message


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    answers = all_answers()
    answers[IDS[0]] = "9"
    del answers[IDS[1]]
    path = write(tmp_path, "a.yaml", as_yaml(answers) + "inconnue: 3\n")
    with pytest.raises(ContentError) as error:
        resultsfile.read_answers(path, QUESTIONS)
    assert len(error.value.problems) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- 1\n- 2\n", "un ensemble « identifiant de question : réponse » est attendu"),
        ("", "a.yaml:1:1: fichier vide"),
        ("a: [1\n", "a.yaml:"),
        ("a: 1\na: 2\n", "en double"),
    ],
)
def test_malformed_files_are_located(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, "a.yaml", text)
    with pytest.raises(ContentError, match=expected):
        resultsfile.read_answers(path, QUESTIONS)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(
        ContentError, match=r"absent\.yaml: lecture impossible : fichier ou dossier"
    ):
        resultsfile.read_answers(tmp_path / "absent.yaml", QUESTIONS)


def test_a_saved_result_gives_its_answers_date_and_scores(tmp_path: Path) -> None:
    document = {
        "format": resultsfile.RESULTS_FORMAT,
        "version": 1,
        "date": "2026-11-21T15:04:00+01:00",
        "answers": dict.fromkeys(IDS, 4) | {IDS[0]: None},
        "matches": [{"slug": "coordinateur-social", "score": 71}],
    }
    path = write(tmp_path, "r.json", json.dumps(document, ensure_ascii=False, indent=2))
    sheet = resultsfile.read_answers(path, QUESTIONS)
    assert sheet.answers[IDS[0]] is None
    assert sheet.answers[IDS[1]] == 4
    assert sheet.date == "2026-11-21T15:04:00+01:00"
    assert sheet.scores == {"coordinateur-social": 71}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"format": "autre-chose"}, "ce n'est pas un résultat enregistré par orientation"),
        ({"version": 7}, "écrit par une version plus récente d'orientation"),
        ({"version": "x"}, "version « x » non prise en charge"),
        ({"answers": [1, 2]}, "le champ « answers »"),
    ],
)
def test_a_foreign_or_damaged_result_is_refused(
    tmp_path: Path, change: dict[str, object], expected: str
) -> None:
    document = {"format": resultsfile.RESULTS_FORMAT, "version": 1, "answers": {}} | change
    path = write(tmp_path, "r.json", json.dumps(document))
    with pytest.raises(ContentError, match=expected):
        resultsfile.read_answers(path, QUESTIONS)


# --- progress -----------------------------------------------------------------------


def test_progress_round_trip_drops_questions_no_longer_in_the_bank() -> None:
    progress = progressfile.Progress(
        {IDS[0]: 4, IDS[1]: None, "retiree": 5}, 3, "2026-11-21T10:00:00"
    )
    progressfile.save_progress(progress)
    loaded = progressfile.load_progress(QUESTIONS)
    assert loaded == progressfile.Progress({IDS[0]: 4, IDS[1]: None}, 3, "2026-11-21T10:00:00")
    progressfile.clear_progress()
    assert progressfile.load_progress(QUESTIONS) is None
    progressfile.clear_progress()  # clearing twice is fine


@pytest.mark.parametrize(
    "text", ["{", "[]", '{"format": "x"}', '{"format": "orientation-progress"}']
)
def test_unusable_progress_is_an_error_naming_the_file(state_dir: Path, text: str) -> None:
    state_dir.mkdir(parents=True)
    progressfile.progress_path().write_text(text, encoding="utf-8")
    with pytest.raises(OrientationError, match="progression enregistrée inutilisable"):
        progressfile.load_progress(QUESTIONS)


def test_progress_lives_in_the_state_directory(state_dir: Path) -> None:
    assert progressfile.progress_path().parent == state_dir


def test_a_saved_result_survives_a_change_of_the_question_bank(tmp_path: Path) -> None:
    answers: dict[str, int | None] = dict.fromkeys(IDS[1:], 4)  # IDS[0] added since
    answers["retiree-depuis"] = 2
    document = {"format": resultsfile.RESULTS_FORMAT, "version": 1, "answers": answers}
    path = write(tmp_path, "r.json", json.dumps(document))
    sheet = resultsfile.read_answers(path, QUESTIONS)
    assert sheet.answers[IDS[0]] is None
    assert list(sheet.answers) == IDS
    assert sheet.added == (IDS[0],)
    assert sheet.removed == ("retiree-depuis",)

    from orientation.content.catalogue import load_catalogue
    from orientation.results.evaluation import evaluate

    notes = evaluate(sheet.answers, load_catalogue(), QUESTIONS, saved=sheet).notes
    assert any("1 question ajoutée" in n for n in notes)
    assert any("1 question retirée" in n for n in notes)


def test_a_huge_field_in_the_progress_is_refused_not_shown(state_dir: Path) -> None:
    state_dir.mkdir(parents=True)
    progress = {
        "format": "orientation-progress",
        "version": 1,
        "started": "2026-11-22T09:00:00" + "x" * 60_000,
        "position": 1,
        "answers": {},
    }
    progressfile.progress_path().write_text(json.dumps(progress), encoding="utf-8")
    with pytest.raises(OrientationError) as refused:
        progressfile.load_progress(QUESTIONS)
    assert refused.value.message.endswith("contenu inattendu")
    assert "xxxx" not in refused.value.message


def test_a_huge_progress_file_is_not_read_whole(state_dir: Path) -> None:
    import tracemalloc

    state_dir.mkdir(parents=True)
    path = progressfile.progress_path()
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"format": "orientation-progress", "started": "')
        handle.write("x" * 20_000_000)
        handle.write('"}')
    tracemalloc.start()
    try:
        with pytest.raises(OrientationError, match="fichier trop volumineux"):
            progressfile.load_progress(QUESTIONS)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000  # bytes: the 20 MB file was never read into memory
