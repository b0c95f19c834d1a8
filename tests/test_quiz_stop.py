"""The quiz stops once its result is settled (issue 20): through the real prompters with
real keys, through the installed command, in the saved results and when reading them
back; `--complet` asks every question."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from orientation import quiz
from orientation.cli import prompts
from orientation.content.catalogue import load_catalogue, load_questions
from orientation.results import progressfile, resultsfile
from orientation.results.adaptive import replay
from orientation.scoring import rank_matches
from tests.helpers import ORIENTATION, Terminal, orientation

QUESTIONS = load_questions()
IDS = [q.id for q in QUESTIONS]
TOTAL = len(QUESTIONS)
CATALOGUE = load_catalogue()
LOADS = {q.id: q.loads for q in QUESTIONS}
FICHES = {e.slug: e.weights for e in CATALOGUE.entries}
ENTER = "\r"


def answers_for(slug: str) -> dict[str, int]:
    """« Tout à fait » to the items of the fiche's strongest tags, « Pas du tout » elsewhere."""
    weights = FICHES[slug]
    strongest = {t for t, w in weights.items() if w == max(weights.values())}
    return {
        q.id: 5 if any(t in strongest and w == 2 for t, w in q.loads.items()) else 1
        for q in QUESTIONS
    }


SLUG = "coordinateur-social"
SHEET = answers_for(SLUG)


# The questions the quiz asks, in the order it chooses them (results/adaptive.py),
# before its result is settled; and those it does not ask, in bank order.
FIRST = list(replay(LOADS, FICHES, SHEET, IDS).asked)
REST = [q for q in IDS if q not in FIRST]
ASKED = len(FIRST)
STOPPED = f"Quiz arrêté après {ASKED} questions : la suite ne devrait plus changer le résultat."


def test_the_example_stops_early_with_the_full_quiz_s_first_match() -> None:
    assert ASKED < TOTAL
    stopped = rank_matches(LOADS, FICHES, {q: SHEET[q] for q in FIRST})
    assert stopped.matches[0].slug == rank_matches(LOADS, FICHES, SHEET).matches[0].slug == SLUG


def session_with_keys(
    keys: str, *, complete: bool = False, resume: bool = False
) -> tuple[quiz.Session, str]:
    screen = io.StringIO()
    rule = None if complete else quiz.settled_rule(QUESTIONS, CATALOGUE)
    choose = quiz.choose_rule(QUESTIONS, CATALOGUE)
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        with create_app_session(input=pipe, output=DummyOutput()):
            session = quiz.take_session(
                QUESTIONS,
                prompts.ArrowPrompter(),
                prompts.ConsoleScreen(Console(file=screen, width=80)),
                resume=resume,
                settled=rule,
                choose=choose,
            )
    return session, " ".join(screen.getvalue().replace("\u00a0", " ").split())


def digits(ids: list[str]) -> str:
    return "".join(f"{SHEET[q]}{ENTER}" for q in ids)


@pytest.mark.slow
def test_arrow_prompter_stops_once_settled_and_says_why() -> None:
    # Exactly the keys for the questions asked: one more would be left unread, and a
    # question asked beyond them would meet the end of the input (EOF) and fail.
    session, screen = session_with_keys(digits(FIRST))
    assert session.answers == {q: SHEET[q] for q in FIRST}
    assert session.unasked == tuple(REST)
    assert STOPPED in screen
    saved = json.loads(progressfile.progress_path().read_text(encoding="utf-8"))
    assert saved["position"] == TOTAL  # ended: a resume goes to the results


@pytest.mark.slow
def test_going_back_before_the_stop_still_stops_there() -> None:
    # Up to the question before the last one asked, back one, Enter keeps that answer,
    # then the last one: the stop comes after it, as without the detour.
    keys = digits(FIRST[:-1]) + "p" + ENTER + ENTER + digits(FIRST[-1:])
    session, _ = session_with_keys(keys)
    assert session.answers == {q: SHEET[q] for q in FIRST}


@pytest.mark.slow
def test_complete_asks_every_question() -> None:
    session, screen = session_with_keys(digits(IDS), complete=True)
    assert session.answers == SHEET
    assert session.unasked == ()
    assert "Quiz arrêté" not in screen


@pytest.mark.slow
def test_resuming_a_settled_quiz_asks_nothing_more_and_complete_asks_the_rest() -> None:
    answers: dict[str, int | None] = {q: SHEET[q] for q in FIRST}
    progressfile.save_progress(progressfile.Progress(answers, TOTAL, "2026-11-30T10:00:00+01:00"))
    session, screen = session_with_keys("", resume=True)  # no key: nothing is asked
    assert f"Reprise du quiz : arrêté après {ASKED} questions." in screen
    assert session.answers == answers
    assert STOPPED in screen
    # With --complet, the same progress goes on with the questions not asked.
    session, _ = session_with_keys(digits(REST), complete=True, resume=True)
    assert session.answers == SHEET


def test_a_quiz_stopped_before_being_settled_resumes_where_it_was() -> None:
    answers: dict[str, int | None] = {q: SHEET[q] for q in FIRST[:2]}
    progressfile.save_progress(progressfile.Progress(answers, 2, "2026-11-30T10:00:00+01:00"))
    session, _ = session_with_keys(digits(FIRST[2:]), resume=True)
    assert session.answers == {q: SHEET[q] for q in FIRST}


@pytest.mark.slow
def test_a_quiz_begun_with_complete_is_resumed_complete() -> None:
    answers: dict[str, int | None] = {q: SHEET[q] for q in FIRST}
    started = "2026-11-30T10:00:00+01:00"
    progressfile.save_progress(progressfile.Progress(answers, ASKED, started, complete=True))
    session, screen = session_with_keys(digits(REST), resume=True)  # without --complet
    assert session.answers == SHEET
    assert "Quiz arrêté" not in screen


# --- The installed command -------------------------------------------------------------


def squash(text: str) -> str:
    return " ".join(text.replace("│", " ").replace("\u00a0", " ").split())


def replies(ids: list[str]) -> str:
    return "".join(f"{SHEET[q]}\n" for q in ids)


@pytest.mark.slow
def test_plain_stops_early_and_the_json_says_so() -> None:
    done = orientation("quiz", "--plain", "--json", input=replies(FIRST))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["asked"], data["stopped"]) == (ASKED, "settled")
    assert data["unasked"] == REST
    assert data["answers"] == {q: SHEET[q] for q in FIRST}
    assert (data["answered"], data["skipped"]) == (ASKED, 0)
    assert data["matches"][0]["slug"] == SLUG
    err = squash(done.stderr)
    assert f"Question {ASKED}/{TOTAL}" in err
    assert f"Question {ASKED + 1}/{TOTAL}" not in err
    assert STOPPED in err
    assert not progressfile.progress_path().exists()  # a finished quiz clears its progress


@pytest.mark.slow
def test_plain_complete_asks_all_and_says_complete() -> None:
    done = orientation("quiz", "--plain", "--json", "--complet", input=replies(IDS))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["asked"], data["stopped"], data["unasked"]) == (TOTAL, "complete", [])
    assert f"Question {TOTAL}/{TOTAL}" in done.stderr
    assert "Quiz arrêté" not in done.stderr


@pytest.mark.slow
def test_plain_complete_is_kept_when_resuming() -> None:
    stopped = orientation("quiz", "--plain", "--complet", input=replies(IDS[:3]))
    assert stopped.returncode == 1  # the input ended early: progress kept
    progress = json.loads(progressfile.progress_path().read_text(encoding="utf-8"))
    assert progress["complete"] is True
    done = orientation("quiz", "--plain", "--resume", "--json", input=replies(IDS[3:]))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["asked"], data["stopped"]) == (TOTAL, "complete")
    assert f"Question {TOTAL}/{TOTAL}" in done.stderr


@pytest.mark.slow
def test_complete_is_explained_in_the_help() -> None:
    done = orientation("quiz", "--help")
    help_text = squash(done.stdout)
    assert "--complet" in help_text
    assert (
        "Poser toutes les questions, dans l'ordre, même quand le résultat est acquis" in help_text
    )
    assert "le quiz choisit celle qui départage le mieux les métiers en tête" in help_text
    assert "et s'arrête quand votre résultat est acquis" in help_text


@pytest.mark.slow
def test_complete_does_not_go_with_answers(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(SHEET), encoding="utf-8")
    done = orientation("quiz", "--answers", str(path), "--complet")
    assert done.returncode == 2
    assert "--answers ne se combine ni avec --resume, ni avec --plain, ni avec --complet" in (
        squash(done.stderr)
    )


@pytest.mark.slow
def test_a_settled_result_is_saved_read_back_and_reported(tmp_path: Path) -> None:
    saved = tmp_path / "resultats.json"
    done = orientation("quiz", "--plain", "--save", str(saved), input=replies(FIRST))
    assert done.returncode == 0, done.stderr
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert document["version"] == resultsfile.RESULTS_VERSION == 4
    assert (document["asked"], document["stopped"]) == (ASKED, "settled")
    assert document["unasked"] == REST
    said = (
        f"{ASKED} questions posées sur {TOTAL} : le quiz s'est arrêté quand les "
        f"{TOTAL - ASKED} autres ne devaient plus changer le résultat, à moins de réponses "
        "très différentes des précédentes (« orientation quiz --complet » pose toutes les "
        "questions)."
    )
    assert said in squash(done.stdout)  # under the results' header, as the quiz ends

    report = orientation("report", str(saved))
    assert report.returncode == 0, report.stderr
    out = squash(report.stdout)
    assert said in out
    assert "ajoutée" not in out  # the questions not asked were not added since
    assert f"{ASKED} réponses sur {ASKED}" in out
    assert "Coordinateur·rice social·e" in out

    data = json.loads(orientation("report", str(saved), "--json").stdout)
    assert (data["asked"], data["stopped"], data["unasked"]) == (ASKED, "settled", REST)
    # The same file given as answers to the quiz: the same result, without a question.
    again = orientation("quiz", "--answers", str(saved), "--json")
    assert again.returncode == 0, again.stderr
    data = json.loads(again.stdout)
    assert (data["asked"], data["stopped"]) == (ASKED, "settled")
    assert data["matches"][0]["slug"] == SLUG


def saved_result(tmp_path: Path, **fields: object) -> Path:
    document: dict[str, object] = {
        "format": resultsfile.RESULTS_FORMAT,
        "version": 4,
        "date": "2026-11-30T10:00:00+01:00",
        "answers": {q: SHEET[q] for q in FIRST},
        "asked": ASKED,
        "stopped": "settled",
        "unasked": REST,
    } | fields
    path = tmp_path / "resultat.json"
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    return path


@pytest.mark.slow
def test_reading_back_tells_unasked_from_added_since(tmp_path: Path) -> None:
    # The bank at the time lacked the last question: it was added since, the others
    # were not asked.
    path = saved_result(tmp_path, unasked=REST[:-1])
    for read in (resultsfile.read_result, resultsfile.read_answers):
        sheet = read(path, QUESTIONS)
        assert sheet.unasked == tuple(REST[:-1])
        assert sheet.added == (REST[-1],)
        # In bank order, the added one as skipped.
        assert list(sheet.answers) == [q for q in IDS if q in {*FIRST, REST[-1]}]
    out = squash(orientation("report", str(path)).stdout)
    assert "1 question ajoutée au quiz depuis : comptée comme « Je ne sais pas »." in out
    assert f"{ASKED} questions posées sur {TOTAL - 1} : " in out  # the quiz of the time


@pytest.mark.slow
def test_older_formats_still_read_every_missing_question_as_added(tmp_path: Path) -> None:
    path = saved_result(tmp_path, version=3)
    for name in ("asked", "stopped", "unasked"):
        document = json.loads(path.read_text(encoding="utf-8"))
        del document[name]
        path.write_text(json.dumps(document), encoding="utf-8")
    sheet = resultsfile.read_result(path, QUESTIONS)
    assert (sheet.unasked, sheet.added) == ((), tuple(REST))
    out = squash(orientation("report", str(path)).stdout)
    assert f"{TOTAL - ASKED} questions ajoutées au quiz depuis" in out
    assert "posées sur" not in out


@pytest.mark.slow
@pytest.mark.parametrize("value", ["q1", {"q1": 1}, [["q1"]], [None]])
def test_a_damaged_unasked_list_is_located(tmp_path: Path, value: object) -> None:
    path = saved_result(tmp_path, unasked=value)
    done = orientation("report", str(path))
    assert done.returncode == 1
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "unasked" in text)
    assert f"{path}:{line}:" in done.stderr
    assert "« unasked » (les questions que le quiz n'a pas posées) invalide" in squash(done.stderr)


# --- In a real terminal ----------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("width", [80, 40])
def test_the_quiz_stops_early_in_a_real_terminal(
    terminal: Terminal, tmp_path: Path, width: int
) -> None:
    import shlex

    work = tmp_path / "cdi"
    work.mkdir()
    state = shlex.quote(str(tmp_path / "state"))
    terminal.start(
        f"cd {shlex.quote(str(work))} && env XDG_STATE_HOME={state} TERM=xterm-256color "
        f"{shlex.quote(str(ORIENTATION))} quiz --save resultats.json",
        width=width,
    )
    for index, question in enumerate(FIRST):
        terminal.wait_for(f"Question {index + 1}/{TOTAL}")
        terminal.keys(str(SHEET[question]), "Enter")
    screen = terminal.wait_for("EXIT=")
    assert "EXIT=0" in screen
    assert f"Question {ASKED + 1}/{TOTAL}" not in screen
    words = squash(screen)
    assert STOPPED in words
    assert "Le plus proche : Coordinateur·rice social·e" in words
    assert f"{ASKED} questions posées sur {TOTAL}" in words
    assert terminal.cooked()
    document = json.loads((work / "resultats.json").read_text(encoding="utf-8"))
    assert (document["asked"], document["stopped"]) == (ASKED, "settled")


def test_the_intro_says_at_most_unless_every_question_is_asked() -> None:
    import io

    from rich.console import Console

    from orientation.cli.prompts import intro

    def title(*, complete: bool) -> str:
        out = io.StringIO()
        Console(file=out, width=100).print(intro(30, plain=True, complete=complete))
        return out.getvalue().splitlines()[0]

    assert "30 questions au plus · environ 5 minutes" in title(complete=False)
    assert "30 questions · environ 5 minutes" in title(complete=True)


@pytest.mark.slow
def test_name_and_class_survive_an_interruption_and_a_resume(tmp_path: Path) -> None:
    saved = tmp_path / "tom.json"
    first = orientation(
        "quiz", "--plain", "--save", str(saved), "--nom", "Tom Durand", "--classe", "2de B",
        input=replies(FIRST[:3]),
    )  # fmt: skip
    assert first.returncode == 1  # the input ended before the end: progress kept
    assert not saved.exists()
    done = orientation("quiz", "--resume", "--plain", input=replies(FIRST[3:]))
    assert done.returncode == 0, done.stderr
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert (data["name"], data["class"]) == ("Tom Durand", "2de B")
    assert "Tom Durand" in orientation("report", str(saved)).stdout


@pytest.mark.slow
def test_a_stopped_quiz_resumed_with_complete_says_where_it_was_then_asks() -> None:
    answers: dict[str, int | None] = {q: SHEET[q] for q in FIRST}
    progressfile.save_progress(progressfile.Progress(answers, TOTAL, "2026-11-30T10:00:00+01:00"))
    session, screen = session_with_keys(digits(REST), complete=True, resume=True)
    assert f"Reprise du quiz : arrêté après {ASKED} questions." in screen
    assert "plus de question" not in screen
    assert session.answers == SHEET


def test_the_note_of_a_quiz_stopped_one_question_before_the_end_is_singular() -> None:
    from orientation.content.catalogue import load_catalogue
    from orientation.results.evaluation import evaluate

    answers: dict[str, int | None] = {q: SHEET[q] for q in IDS[:-1]}
    outcome = evaluate(answers, load_catalogue(), QUESTIONS, unasked=IDS[-1:])
    said = " ".join(outcome.notes)
    assert f"{TOTAL - 1} questions posées sur {TOTAL} : le quiz s'est arrêté quand la " in said
    assert "dernière ne devait plus changer le résultat" in said
    assert "les 1 autres" not in said
    from orientation.results.resultsfile import results_data

    assert results_data(outcome)["asked"] == TOTAL - 1
