"""`quiz`, `report` and `questions` through the command line (CliRunner)."""

from __future__ import annotations

import json
import os
import shlex
import sys
from pathlib import Path

import pytest

from orientation.content.catalogue import load_catalogue, load_questions
from orientation.results import progressfile, resultsfile
from tests.helpers import check_golden, imported_by, invoke, orientation
from tests.test_robustness import endless_pipe

QUESTIONS = load_questions()
IDS = [q.id for q in QUESTIONS]
FICHES = {f.slug: f for f in load_catalogue().fiches}
GOLDEN = Path(__file__).parent / "golden"


def squash(text: str) -> str:
    """The words of a screen, whatever the wrapping, boxes and no-break spaces."""
    return " ".join(text.replace("│", " ").replace("\u00a0", " ").split())


def answers_for(slug: str) -> dict[str, int | None]:
    """« Tout à fait » to the items of the fiche's strongest tags, « Pas du tout » elsewhere."""
    weights = FICHES[slug].weights
    strongest = {t for t, w in weights.items() if w == max(weights.values())}
    return {
        q.id: 5 if any(t in strongest and w == 2 for t, w in q.loads.items()) else 1
        for q in QUESTIONS
    }


def answer_file(tmp_path: Path, answers: dict[str, int | None], name: str = "a.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(answers), encoding="utf-8")
    return path


@pytest.mark.parametrize("slug", sorted(FICHES))
def test_answers_json_puts_each_occupation_first_when_its_interests_are_chosen(
    tmp_path: Path, slug: str
) -> None:
    code, out, err = invoke(
        "quiz", "--answers", str(answer_file(tmp_path, answers_for(slug))), "--json"
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["flat"] is False
    assert set(data["profile"]) == {t.id for t in load_catalogue().tags}
    assert all(1 <= v <= 5 for v in data["profile"].values())
    matches = data["matches"]
    assert matches[0]["slug"] == slug
    assert sorted(m["slug"] for m in matches) == sorted(FICHES)
    assert [m["score"] for m in matches] == sorted((m["score"] for m in matches), reverse=True)
    top = matches[0]
    assert top["title"] == FICHES[slug].title
    assert 0 <= top["score"] <= 100
    assert top["reasons"], "the best match is explained"
    for reason in top["reasons"]:
        assert reason["tag"] in FICHES[slug].weights
        for evidence in reason["evidence"]:
            assert evidence["answer"] == 5
            assert evidence["text"] == next(
                q.text for q in QUESTIONS if q.id == evidence["question"]
            )
    assert data["answers"] == answers_for(slug)


def test_identical_answers_are_flat_and_not_ranked(tmp_path: Path) -> None:
    path = answer_file(tmp_path, dict.fromkeys(IDS, 4))
    code, out, _ = invoke("quiz", "--answers", str(path), "--json")
    assert code == 0
    assert json.loads(out)["flat"] is True
    code, out, _ = invoke("quiz", "--answers", str(path))
    assert code == 0
    assert "Tout vous attire" in out.replace("\u00a0", " ")  # « Plutôt oui » everywhere
    assert "/100" not in out  # no score shown when there is nothing to rank
    for fiche in FICHES.values():
        assert fiche.title in out


def test_results_screen_explains_itself(tmp_path: Path) -> None:
    code, out, _ = invoke(
        "quiz", "--answers", str(answer_file(tmp_path, answers_for("conseiller-social")))
    )
    assert code == 0
    flat = squash(out)
    assert "Le plus proche : Conseiller·ère social·e (CESF)" in flat
    assert "Vos centres d'intérêt" in flat
    assert flat.count("Pourquoi : ") == 3
    assert "Point d'attention" in flat
    assert "orientation show conseiller-social" in flat
    assert "point de départ" in flat
    assert max(len(line) for line in out.splitlines()) <= 80


def test_answers_errors_name_the_question_and_exit_1(tmp_path: Path) -> None:
    answers: dict[str, object] = dict.fromkeys(IDS, 3)
    answers[IDS[2]] = 9
    answers["pas-une-question"] = 2
    code, out, err = invoke("quiz", "--answers", str(answer_file(tmp_path, answers)))  # type: ignore[arg-type]
    assert code == 1
    assert out == ""
    assert f"question « {IDS[2]} » : réponse « 9 » invalide" in err
    assert "question inconnue « pas-une-question »" in err
    assert "Traceback" not in err


def test_save_writes_json_that_report_shows_again(tmp_path: Path) -> None:
    saved = tmp_path / "resultats.json"
    code, out, err = invoke(
        "quiz",
        "--answers",
        str(answer_file(tmp_path, answers_for("coordinateur-social"))),
        "--save",
        str(saved),
    )
    assert code == 0
    assert f"Résultats enregistrés dans {saved}" in " ".join(err.split())
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert document["format"] == resultsfile.RESULTS_FORMAT
    assert document["matches"][0]["slug"] == "coordinateur-social"

    code, report, _ = invoke("report", str(saved))
    assert code == 0
    assert report.replace("\u00a0", " ").count("Coordinateur·rice social·e") >= 2
    assert "Quiz passé le" in report
    assert "ont changé" not in report
    screen_without_header = out.split("╰", 1)[1].split("\n", 1)[1]
    assert report.split("╰", 1)[1].split("\n", 1)[1] == screen_without_header

    code, again, _ = invoke("report", str(saved), "--json")
    assert code == 0
    assert json.loads(again) == document


def saved_result(tmp_path: Path, slug: str) -> Path:
    """A result saved by `quiz --answers … --save` for answers that favour *slug*."""
    saved = tmp_path / "r.json"
    code, _, err = invoke(
        "quiz", "--answers", str(answer_file(tmp_path, answers_for(slug))), "--save", str(saved)
    )
    assert code == 0, err
    return saved


def test_report_markdown_is_printable(tmp_path: Path) -> None:
    saved = saved_result(tmp_path, "charge-de-missions-locales")
    code, out, _ = invoke("report", str(saved), "--markdown")
    assert code == 0
    assert out.startswith("# Résultats du quiz d'intérêts\n")
    assert "## Pourquoi\u00a0: Chargé·e de missions locales" in out
    assert "\x1b[" not in out


def test_report_says_when_the_content_changed_since(tmp_path: Path) -> None:
    saved = saved_result(tmp_path, "charge-de-mission-sociale")
    document = json.loads(saved.read_text(encoding="utf-8"))
    document["matches"][0]["score"] -= 10
    saved.write_text(json.dumps(document), encoding="utf-8")
    code, out, _ = invoke("report", str(saved))
    assert code == 0
    assert "les scores sont recalculés avec le contenu actuel" in squash(out)


def test_report_of_a_file_that_is_not_a_result(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"format": "autre", "answers": {}}', encoding="utf-8")
    code, _, err = invoke("report", str(path))
    assert code == 1
    assert "ce n'est pas un résultat enregistré par orientation" in squash(err)
    code, _, err = invoke("report", str(tmp_path / "absent.json"))
    assert code == 1
    assert "absent.json: lecture impossible" in squash(err)


def test_report_golden_80_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    # A relative path, as a counsellor types it: the commands shown name the file so,
    # wherever the repository is checked out.
    monkeypatch.chdir(GOLDEN)
    code, out, _ = invoke("report", "results-sample.json")
    assert code == 0
    check_golden("report-sample-80.txt", out)


def test_save_refuses_an_unwritable_target_before_asking(tmp_path: Path) -> None:
    code, _, err = invoke(
        "quiz", "--plain", "--save", str(tmp_path / "absent" / "r.json"), input=""
    )
    assert code == 2
    assert "n'existe pas" in squash(err)
    assert "Question 1/" not in err


def test_plain_with_piped_answers(tmp_path: Path, state_dir: Path) -> None:
    replies = "".join(f"{v}\n" for v in answers_for("charge-d-insertion-sociale").values())
    code, out, err = invoke("quiz", "--plain", "--json", "--complet", input=replies)
    assert code == 0, err
    assert json.loads(out)["matches"][0]["slug"] == "charge-d-insertion-sociale"
    assert f"Question {len(IDS)}/{len(IDS)} : " in err  # the questions go to stderr
    assert not progressfile.progress_path().exists()  # a finished quiz clears its progress


def test_plain_input_ending_early_keeps_progress_then_resume_finishes() -> None:
    replies = list(answers_for("coordinateur-social").values())
    ten = "".join(f"{v}\n" for v in replies[:10])
    code, out, err = invoke("quiz", "--plain", "--complet", input=ten)
    assert code == 1
    assert out == ""
    message = squash(err)
    assert "l'entrée s'est terminée avant la fin du quiz" in message
    assert f"Reprendre à la question 11/{len(IDS)} : orientation quiz --resume --plain" in message

    rest = "".join(f"{v}\n" for v in replies[10:])
    code, out, err = invoke("quiz", "--plain", "--resume", "--json", "--complet", input=rest)
    assert code == 0, err
    assert f"Reprise du quiz : question 11/{len(IDS)}" in squash(err)
    data = json.loads(out)
    assert data["answers"] == answers_for("coordinateur-social")
    assert not progressfile.progress_path().exists()


def test_without_a_terminal_the_quiz_says_what_to_use() -> None:
    code, out, err = invoke("quiz", input="")
    assert code == 2
    assert out == ""
    assert "--plain" in err
    assert "--answers" in err
    assert "Traceback" not in err


def test_answers_with_resume_or_plain_is_a_usage_error(tmp_path: Path) -> None:
    path = answer_file(tmp_path, dict.fromkeys(IDS, 3))
    for extra in ("--resume", "--plain"):
        code, _, err = invoke("quiz", "--answers", str(path), extra)
        assert code == 2
        assert "--answers" in err


def test_questions_lists_the_bank() -> None:
    code, out, _ = invoke("questions")
    assert code == 0
    for question in QUESTIONS:
        assert question.id in out
    assert f"{len(QUESTIONS)}. " in out
    code, out, _ = invoke("questions", "--json")
    assert code == 0
    data = json.loads(out)
    assert [item["id"] for item in data] == IDS
    assert data[0] == {"id": QUESTIONS[0].id, "text": QUESTIONS[0].text, "tags": QUESTIONS[0].loads}


def test_quiz_help_is_french_and_teaches() -> None:
    code, out, _ = invoke("quiz", "--help")
    assert code == 0
    for option in ("--resume", "--plain", "--answers", "--json", "--save"):
        assert option in out
    assert "Ctrl-C" in out
    assert "Usage" not in out


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["--answers", "report"])
def test_non_interactive_runs_do_not_load_the_prompt_libraries(tmp_path: Path, mode: str) -> None:
    path = answer_file(tmp_path, answers_for("conseiller-social"))
    saved = tmp_path / "resultats.json"
    assert invoke("quiz", "--answers", str(path), "--save", str(saved))[0] == 0
    args = (
        ["quiz", "--answers", str(path), "--json"]
        if mode == "--answers"
        else ["report", str(saved)]
    )
    imported = imported_by(*args)  # the state folder: the test's (tmp_path / "state")
    assert "orientation.scoring" in imported  # the measure works
    assert not {m for m in imported if m.startswith(("questionary", "prompt_toolkit"))}
    if mode == "--answers":  # JSON only: no console to draw with (19 ms)
        assert "rich.console" not in imported


def test_save_writes_through_a_symlink_and_refuses_special_files(tmp_path: Path) -> None:
    answers = str(answer_file(tmp_path, answers_for("conseiller-social")))
    real = tmp_path / "partage" / "resultats.json"
    real.parent.mkdir()
    real.write_text("{}", encoding="utf-8")
    link = tmp_path / "lien.json"
    link.symlink_to(real)
    code, _, _ = invoke("quiz", "--answers", answers, "--save", str(link), "--remplacer")
    assert code == 0
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["format"] == resultsfile.RESULTS_FORMAT

    fifo = tmp_path / "tube"
    os.mkfifo(fifo)
    code, _, err = invoke("quiz", "--answers", answers, "--save", str(fifo))
    assert code == 2
    assert "n'est pas un fichier ordinaire" in squash(err)


def test_an_endless_answer_file_is_refused_without_reading_it_all() -> None:
    with endless_pipe() as path:  # /dev/zero, a device, is refused before reading (case 40)
        code, _, err = invoke("quiz", "--answers", path)
    assert code == 1
    assert f"{path}: fichier trop volumineux" in squash(err)


def test_report_of_a_progress_file_points_to_resume(state_dir: Path) -> None:
    progressfile.save_progress(progressfile.Progress({IDS[0]: 3}, 1, "2026-11-22T09:00:00"))
    code, _, err = invoke("report", str(progressfile.progress_path()))
    assert code == 1
    assert "c'est la progression d'un quiz en cours" in squash(err)
    assert "orientation quiz --resume" in squash(err)


def test_piped_plain_answers_replace_a_stale_quiz_instead_of_being_eaten() -> None:
    progressfile.save_progress(progressfile.Progress({IDS[0]: 3}, 1, "2026-11-22T09:00:00"))
    replies = "".join(f"{v}\n" for v in answers_for("charge-de-mission-sociale").values())
    code, out, err = invoke("quiz", "--plain", "--json", "--complet", input=replies)
    assert code == 0, err
    assert "est remplacé par celui-ci" in err
    assert json.loads(out)["answers"] == answers_for("charge-de-mission-sociale")
    assert "Votre réponse : 5\n" in err  # piped replies are echoed, so the transcript reads well


@pytest.mark.slow
def test_closed_stdin_is_a_usage_error_not_a_traceback(tmp_path: Path) -> None:
    for extra in ("", " --plain"):
        # A shell closes the command's stdin (<&-); the state folder: the test's.
        script = f"{shlex.quote(sys.executable)} -m orientation quiz{extra} <&-"
        done = orientation(command=("sh", "-c", script))
        assert done.returncode == 2, done.stderr
        assert "l'entrée standard est fermée" in squash(done.stderr)
        assert "Traceback" not in done.stderr
