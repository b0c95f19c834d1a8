"""Issue 16, cases 37 and 38: SIGINT from another process, Ctrl-Z and `fg`, a resized
terminal, while a question is on screen (tmux, real keys, real signals)."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from orientation.cli.prompts import fill_fragments
from orientation.content.catalogue import load_catalogue
from tests.helpers import ORIENTATION, Terminal
from tests.test_robustness import IDS, QUESTIONS, listing

TOTAL = len(QUESTIONS)


def recorded(pid_file: Path, command: str) -> str:
    """*command* run so that its process id is written to *pid_file* first."""
    return f"sh -c {shlex.quote(f'echo $$ > {pid_file}; exec {command}')}"


def state_env(tmp_path: Path) -> str:
    return f"env XDG_STATE_HOME={shlex.quote(str(tmp_path / 'state'))} TERM=xterm-256color"


# --- 37. kill -INT ------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("options", "asked"),
    [("", f"Question 3/{TOTAL}"), (" --plain", "Votre réponse :")],
    ids=["arrows", "plain"],
)
def test_37_kill_int_stops_the_quiz_as_ctrl_c_does(
    terminal: Terminal, tmp_path: Path, options: str, asked: str
) -> None:
    pid_file = tmp_path / "quiz.pid"
    quiz = f"{state_env(tmp_path)} {shlex.quote(str(ORIENTATION))} quiz{options}"
    terminal.start(f"echo '$ orientation quiz'; {recorded(pid_file, quiz)}")
    terminal.wait_for(f"Question 1/{TOTAL}")
    terminal.keys("4", "Enter")
    terminal.wait_for(f"Question 2/{TOTAL}")
    terminal.keys("2", "Enter")
    terminal.wait_for(f"Question 3/{TOTAL}")
    terminal.wait_for(asked)
    os.kill(int(pid_file.read_text()), signal.SIGINT)  # not the keyboard: another process
    screen = terminal.wait_for("MODES=")
    hint = f"Interrompu. Reprendre à la question 3/{TOTAL} : orientation quiz --resume{options}"
    assert hint in screen
    assert "EXIT=130" in screen
    assert "Traceback" not in screen
    assert terminal.cooked()  # line mode and echo, as the shell needs them
    state = tmp_path / "state" / "orientation"
    progress = json.loads((state / "quiz-en-cours.json").read_text(encoding="utf-8"))
    assert progress["answers"] == {IDS[0]: 4, IDS[1]: 2}
    assert progress["position"] == 2
    assert listing(state) == ["quiz-en-cours.json"]  # no temporary file left


@pytest.mark.slow
def test_37_kill_int_closes_the_compare_checkbox(terminal: Terminal, tmp_path: Path) -> None:
    pid_file = tmp_path / "compare.pid"
    compare = f"env TERM=xterm-256color {shlex.quote(str(ORIENTATION))} compare"
    terminal.start(f"echo '$ orientation compare'; {recorded(pid_file, compare)}")
    terminal.wait_for("Métiers à comparer")
    terminal.keys("Space")
    os.kill(int(pid_file.read_text()), signal.SIGINT)
    screen = terminal.wait_for("MODES=")
    assert "Interrompu." in screen
    assert "EXIT=130" in screen
    assert "Traceback" not in screen
    assert terminal.cooked()


# --- 38. Ctrl-Z and fg, resize ------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("bash") is None, reason="bash (contrôle des tâches) manque")
@pytest.mark.parametrize("stop", ["C-z", "SIGTSTP"])
def test_38_ctrl_z_suspends_the_quiz_and_fg_draws_the_question_again(
    terminal: Terminal, tmp_path: Path, stop: str
) -> None:
    # An interactive shell with job control, as a student's terminal has.
    terminal.start("env PS1='$ ' bash --norc --noprofile -i")
    terminal.wait_for("$")
    pid_file = tmp_path / "quiz.pid"
    quiz = f"{state_env(tmp_path)} {shlex.quote(str(ORIENTATION))} quiz"
    terminal.keys(recorded(pid_file, quiz), "Enter")
    terminal.wait_for(f"Question 1/{TOTAL}")
    terminal.keys("4", "Enter")
    terminal.wait_for(f"Question 2/{TOTAL}")
    if stop == "SIGTSTP":  # `kill -TSTP`: in raw mode the terminal itself never sends it
        os.kill(int(pid_file.read_text()), signal.SIGTSTP)
    else:
        terminal.keys(stop)
    screen = terminal.wait_for("Stopped")
    # The shell has the terminal back: the question is erased, not left half-drawn.
    assert f"Question 2/{TOTAL}" not in screen
    terminal.keys("fg", "Enter")
    screen = terminal.wait_for(f"Question 2/{TOTAL}")
    terminal.wait_for("0) Je ne sais pas")  # drawn whole
    assert QUESTIONS[1].text in " ".join(terminal.screen().split())
    terminal.keys("5", "Enter")  # still answers
    terminal.wait_for(f"Question 3/{TOTAL}")
    terminal.keys("C-c")
    screen = terminal.wait_for("Interrompu.")
    assert f"Reprendre à la question 3/{TOTAL}" in screen
    assert "Traceback" not in screen
    progress = json.loads(
        (tmp_path / "state" / "orientation" / "quiz-en-cours.json").read_text(encoding="utf-8")
    )
    assert progress["answers"] == {IDS[0]: 4, IDS[1]: 5}


def question_lines(screen: str, number: int) -> list[str]:
    """The lines from « Question N/30 » to the key hints, as drawn."""
    lines = screen.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(f"Question {number}/")), 0)
    end = next((i for i, line in enumerate(lines) if i > start and line.startswith("(↑ ↓")), 0)
    return lines[start:end]  # empty while not drawn


def wait_until(ready: Callable[[str], bool], terminal: Terminal, timeout: float = 15) -> str:
    """The visible screen once *ready* says so."""
    deadline = time.monotonic() + timeout
    while not ready(screen := terminal.screen()):
        assert time.monotonic() < deadline, f"never ready:\n{screen}"
        time.sleep(0.05)
    return screen


@pytest.mark.slow
def test_38_a_resized_terminal_gets_the_question_wrapped_to_its_new_width(
    terminal: Terminal, tmp_path: Path
) -> None:
    # The longest question, so that the old lines do not fit in the new width.
    longest = max(range(1, TOTAL), key=lambda i: len(QUESTIONS[i].text))
    # --complet: the bank's order, so that question number longest + 1 is the longest.
    quiz = f"{state_env(tmp_path)} {shlex.quote(str(ORIENTATION))} quiz --complet"
    terminal.start(f"echo '$ orientation quiz'; {quiz}", width=80)
    for index in range(longest):
        terminal.wait_for(f"Question {index + 1}/{TOTAL}")
        terminal.keys("3", "Enter")
    terminal.wait_for(f"Question {longest + 1}/{TOTAL}")
    terminal.wait_for("0) Je ne sais pas")
    assert any(len(line) > 50 for line in question_lines(terminal.screen(), longest + 1))
    terminal.tmux("resize-window", "-t", terminal.session, "-x", "50")
    text = QUESTIONS[longest].text

    def whole(screen: str) -> bool:  # every word whole (tmux re-flows the old lines)
        return " ".join(question_lines(screen, longest + 1)[1:]) == text

    screen = wait_until(whole, terminal)
    lines = question_lines(screen, longest + 1)
    assert all(len(line) <= 50 for line in lines)
    # Nothing of the drawing made for 80 columns stays above the new one.
    assert screen.count(f"Question {longest + 1}/{TOTAL}") == 1, screen
    for index in range(longest, TOTAL):  # and the quiz goes on to its end
        terminal.wait_for(f"Question {index + 1}/{TOTAL}")
        terminal.keys("3", "Enter")
    screen = terminal.wait_for("Garder ces résultats")
    # The offer to keep them fits the new width too: no choice cut at the margin.
    offer = screen[screen.rindex("Garder ces résultats") :].splitlines()
    assert all(len(line) <= 50 for line in offer), offer
    assert "Oui, dans resultats-" in screen
    terminal.keys("Down", "Down", "Enter")  # « Non »
    screen = terminal.wait_for("EXIT=")
    assert "EXIT=0" in screen
    top = load_catalogue().fiches
    assert any(f.title in screen for f in top)
    assert "Traceback" not in screen


# --- the wrapping itself ------------------------------------------------------------------------

words = st.text(st.sampled_from("abcdéf·«»:"), min_size=1, max_size=30)


@given(
    st.lists(st.tuples(st.sampled_from(["a", "b"]), st.lists(words, max_size=8)), max_size=6),
    st.integers(1, 40),
)
@example([("a", []), ("a", []), ("a", [":"])], 1)  # an indent wider than the line
def test_38_wrapped_lines_fit_and_keep_every_word_and_its_style(
    pieces: list[tuple[str, list[str]]], width: int
) -> None:
    fragments = [(style, " ".join(chunk) + " ") for style, chunk in pieces]
    filled = fill_fragments(fragments, width)
    text = "".join(char for _, char, *_ in filled)
    assert all(len(line) <= width for line in text.split("\n"))
    original = "".join(chunk for _, chunk in fragments)
    if all(len(word) <= width for _, chunk in pieces for word in chunk):
        assert text.split() == original.split()  # whole words, in order
    assert text.replace("\n", "").replace(" ", "") == original.replace(" ", "")
    styles = [style for style, char, *_ in filled if char not in " \n"]
    assert styles == [style for style, chunk in fragments for char in chunk if char != " "]


def test_38_wrapping_keeps_lines_and_indents() -> None:
    fragments = [
        ("q", "Question 2/30 \nAider une personne à remplir un dossier"),
        ("i", "\n  (↑ ↓)"),
    ]
    filled = fill_fragments(fragments, 20)
    assert "".join(c for _, c, *_ in filled).split("\n") == [
        "Question 2/30 ",
        "Aider une personne à",
        "remplir un dossier",
        "  (↑ ↓)",
    ]
