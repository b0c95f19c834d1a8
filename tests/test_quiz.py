"""The interactive flow, driven with real key sequences through prompt_toolkit's pipe input.

Keys are what a terminal sends: digits, "\r" for Enter, "\x1b[A"/"\x1b[B" for the
arrows, "\x03" for Ctrl-C. The input is closed after the keys, so a prompt that
waits for more fails (EOF) instead of hanging.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from orientation import quiz
from orientation.cli import prompts
from orientation.content.catalogue import load_questions
from orientation.content.model import Question
from orientation.errors import Interrupted, OrientationError
from orientation.results import progressfile

QUESTIONS = load_questions()[:4]
IDS = [q.id for q in QUESTIONS]
ENTER, UP, DOWN, CTRL_C = "\r", "\x1b[A", "\x1b[B", "\x03"


def answer_with_keys(
    keys: str, questions: tuple[Question, ...] = QUESTIONS, resume: bool = False
) -> tuple[quiz.Answers, str]:
    """Run the arrow-key quiz on *keys*; return the answers and what was printed around it."""
    screen = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        with create_app_session(input=pipe, output=DummyOutput()):
            answers = quiz.take_quiz(
                questions,
                prompts.ArrowPrompter(),
                prompts.ConsoleScreen(Console(file=screen, width=80)),
                resume=resume,
            )
    return answers, screen.getvalue()


def saved() -> dict[str, object]:
    data: dict[str, object] = json.loads(progressfile.progress_path().read_text(encoding="utf-8"))
    return data


def test_digits_and_arrows_answer_each_question() -> None:
    # 4 (digit), arrows down twice from « Pas du tout » (= 3), 5, 1
    answers, screen = answer_with_keys("4" + ENTER + DOWN + DOWN + ENTER + "5" + ENTER + ENTER)
    assert answers == dict(zip(IDS, [4, 3, 5, 1], strict=True))
    assert "4 questions" in screen  # the intro says how many
    assert "Rien ne quitte cet ordinateur" in screen


def test_skip_is_recorded_as_none() -> None:
    answers, _ = answer_with_keys("0" + ENTER + "2" + ENTER + "0" + ENTER + "3" + ENTER)
    assert answers == dict(zip(IDS, [None, 2, None, 3], strict=True))


def test_back_shows_the_earlier_answer_and_changes_it() -> None:
    keys = (
        "4"
        + ENTER  # q1 = 4
        + "2"
        + ENTER  # q2 = 2
        + "p"
        + ENTER  # back from q3 to q2
        + "p"
        + ENTER  # back from q2 to q1
        + ENTER  # q1: the pointer starts on the earlier answer (4): Enter keeps it
        + UP
        + ENTER  # q2: one up from the earlier answer (2) gives 1
        + "5"
        + ENTER
        + "5"
        + ENTER
    )
    answers, _ = answer_with_keys(keys)
    assert answers == dict(zip(IDS, [4, 1, 5, 5], strict=True))


def test_back_is_not_offered_on_the_first_question() -> None:
    # "p" does nothing on question 1, so Enter answers « Pas du tout ».
    answers, _ = answer_with_keys("p" + ENTER + "3" + ENTER * 3)
    assert answers[IDS[0]] == 1


def test_run_questions_saves_after_every_reply_including_back() -> None:
    saves: list[progressfile.Progress] = []
    replies: Iterator[quiz.Reply] = iter([4, quiz.Move.SKIP, quiz.Move.BACK, 2, 5, 1])

    class Scripted:
        plain = False

        def ask_answer(self, *args: object) -> quiz.Reply:
            return next(replies)

        def ask_resume(self, *args: object) -> bool:
            raise AssertionError("not asked without saved progress")

        def ask_keep(self, *args: object) -> quiz.Keep:
            raise AssertionError("not asked by run_questions")

        def ask_text(self, *args: object) -> str:
            raise AssertionError("not asked by run_questions")

    answers = quiz.run_questions(
        QUESTIONS, progressfile.Progress({}, 0, "2026-11-22T10:00:00"), Scripted(), saves.append
    )
    assert answers == dict(zip(IDS, [4, 2, 5, 1], strict=True))
    assert [s.position for s in saves] == [1, 2, 1, 2, 3, 4]
    assert saves[1].answers == {IDS[0]: 4, IDS[1]: None}
    assert saves[3].answers == {IDS[0]: 4, IDS[1]: 2}
    assert all(s.started == "2026-11-22T10:00:00" for s in saves)


def test_progress_is_saved_after_every_answer() -> None:
    # The terminal's input ends at question 3 (its window closed): a stop, like Ctrl-C.
    with pytest.raises(Interrupted, match="Reprendre à la question 3/4"):
        answer_with_keys("4" + ENTER + "0" + ENTER)
    data = saved()
    assert data["answers"] == {IDS[0]: 4, IDS[1]: None}
    assert data["position"] == 2
    assert progressfile.progress_path().stat().st_mode & 0o077 == 0  # private to the user


def test_ctrl_c_stops_at_once_and_resume_picks_up_at_the_same_question() -> None:
    with pytest.raises(Interrupted) as stopped:
        answer_with_keys("4" + ENTER + "2" + ENTER + CTRL_C + "5" + ENTER)
    assert stopped.value.exit_code == 130
    message = stopped.value.message
    assert message == ("Interrompu. Reprendre à la question 3/4 : orientation quiz --resume")
    assert "\n" not in message
    assert saved()["answers"] == {IDS[0]: 4, IDS[1]: 2}  # the key after Ctrl-C was not taken

    answers, screen = answer_with_keys("5" + ENTER + "1" + ENTER, resume=True)
    assert answers == dict(zip(IDS, [4, 2, 5, 1], strict=True))
    assert "Reprise du quiz : question 3/4" in screen.replace("\u00a0", " ")


def test_ctrl_c_before_any_answer_says_nothing_was_saved() -> None:
    with pytest.raises(Interrupted, match="Rien n'a été enregistré"):
        answer_with_keys(CTRL_C)
    assert not progressfile.progress_path().exists()


def test_without_resume_the_saved_quiz_is_offered_then_restarted_on_request() -> None:
    with pytest.raises(Interrupted):
        answer_with_keys("4" + ENTER + CTRL_C)
    # First prompt: « Le reprendre » / « Recommencer depuis le début »; choose the latter.
    answers, _ = answer_with_keys(DOWN + ENTER + "1" + ENTER + "2" + ENTER + "3" + ENTER * 2)
    assert answers == dict(zip(IDS, [1, 2, 3, 1], strict=True))


def test_without_resume_the_saved_quiz_can_be_continued() -> None:
    with pytest.raises(Interrupted):
        answer_with_keys("4" + ENTER + CTRL_C)
    answers, _ = answer_with_keys(ENTER + "2" + ENTER + "3" + ENTER + "5" + ENTER)
    assert answers == dict(zip(IDS, [4, 2, 3, 5], strict=True))


def test_resume_without_saved_progress_starts_at_the_first_question() -> None:
    answers, screen = answer_with_keys(
        "1" + ENTER + "2" + ENTER + "3" + ENTER + "4" + ENTER, resume=True
    )
    assert list(answers.values()) == [1, 2, 3, 4]
    assert "Aucun quiz en cours" in screen


def test_unusable_progress_is_kept_and_the_quiz_starts_over(state_dir: Path) -> None:
    state_dir.mkdir(parents=True)
    path = progressfile.progress_path()
    path.write_text("{ pas du json", encoding="utf-8")
    # --resume asked for that quiz: an error that names the file, which stays as it is.
    with pytest.raises(OrientationError) as info:
        answer_with_keys("1" + ENTER, resume=True)
    assert "progression enregistrée inutilisable" in info.value.message
    assert str(path) in info.value.message
    assert "Le fichier n'a pas été modifié" in info.value.message
    assert path.read_text(encoding="utf-8") == "{ pas du json"
    # A new quiz: set aside under another name, said, then the quiz starts over.
    answers, screen = answer_with_keys("1" + ENTER + "2" + ENTER + "3" + ENTER + "4" + ENTER)
    assert list(answers.values()) == [1, 2, 3, 4]
    aside = path.with_name("quiz-en-cours.illisible.json")
    assert aside.read_text(encoding="utf-8") == "{ pas du json"
    assert f"mise de côté dans {aside}" in screen.replace("\n", "")


def test_a_question_added_since_the_progress_was_saved_is_asked(state_dir: Path) -> None:
    # Saved with questions 1, 2 and 4 answered and the position past question 4.
    progressfile.save_progress(
        progressfile.Progress({IDS[0]: 4, IDS[1]: 2, IDS[3]: 5}, 4, "2026-11-20T10:00:00")
    )
    # Question 3 is asked, then question 4 comes with its earlier answer: Enter keeps it.
    answers, _ = answer_with_keys("3" + ENTER + ENTER, resume=True)
    assert answers == dict(zip(IDS, [4, 2, 3, 5], strict=True))


def test_a_failing_state_directory_warns_once_and_the_quiz_goes_on(
    state_dir: Path,
) -> None:
    state_dir.parent.mkdir(parents=True)
    state_dir.write_text("a file where the directory should be", encoding="utf-8")
    answers, screen = answer_with_keys("1" + ENTER + "2" + ENTER + "3" + ENTER + "4" + ENTER)
    assert list(answers.values()) == [1, 2, 3, 4]
    assert screen.count("Attention") == 1
    assert "un fichier porte déjà ce nom" in screen.replace("\n", " ")
    assert "sans reprise possible" in screen


def test_plain_prompter_reads_numbered_replies_line_by_line() -> None:
    lines = "4\n\nx\n0\np\n\n5\n1\n"  # empty line re-asks, x is refused, p goes back
    out = io.StringIO()
    answers = quiz.take_quiz(
        QUESTIONS,
        prompts.PlainPrompter(io.StringIO(lines), out),
        prompts.ConsoleScreen(Console(file=io.StringIO())),
        resume=False,
    )
    # q1=4; "" and "x" refused on q2, then 0 (skip); p on q3 back to q2; "" keeps the skip;
    # q3=5; q4=1
    assert answers == dict(zip(IDS, [4, None, 5, 1], strict=True))
    shown = out.getvalue()
    assert "Question 1/4 : " + QUESTIONS[0].text in shown
    assert "  5. Tout à fait\n  0. Je ne sais pas\n" in shown
    assert "p. Question précédente" in shown.split("Question 2/4")[1]
    assert "p. Question précédente" not in shown.split("Question 2/4")[0]
    assert "Réponse non comprise : « x »" in shown
    assert "Réponse donnée : Je ne sais pas (Entrée pour la garder)" in shown
