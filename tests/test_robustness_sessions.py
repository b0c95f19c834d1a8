"""Issue 16, cases 25, 28 and 29 of docs/robustesse.md: two quizzes under one account,
--save kept across an interruption, unsafe --save targets; and case 50 (issue 26), the
lock where there is no flock (Windows).

Each behaviour belongs to the installed command, so each test runs it as a real
process (two at once for the lock); the terminal cases run under tmux.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shlex
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from multiprocessing.queues import Queue
from pathlib import Path

import pytest

from orientation.results import progressfile
from tests import helpers
from tests.helpers import ORIENTATION, Terminal
from tests.test_robustness import IDS, one_line

pytestmark = pytest.mark.slow


TOTAL = len(IDS)


def answers(count: int, value: str = "4") -> str:
    return f"{value}\n" * count


def orientation(
    *args: str, input: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed command, run to its end, 1000 columns wide: a message on one line."""
    return helpers.orientation(*args, input=input, cwd=cwd, timeout=30, columns=1000)


def wait_until(condition: Callable[[], bool], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the quiz never got there")
        time.sleep(0.02)


def saved_position() -> int | None:
    try:
        return int(json.loads(progressfile.progress_path().read_text(encoding="utf-8"))["position"])
    except (OSError, ValueError, KeyError):
        return None


class PlainQuiz:
    """`orientation quiz --plain ARGS` running, fed its replies through a pipe."""

    def __init__(self, *args: str, cwd: Path) -> None:
        self.given = 0
        self.process = subprocess.Popen(
            [str(ORIENTATION), "quiz", "--plain", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=helpers.environment(columns=1000),
            cwd=cwd,
        )

    def answer(self, count: int) -> None:
        """Reply to *count* questions and wait until the progress holds them."""
        assert self.process.stdin is not None
        self.process.stdin.write(answers(count))
        self.process.stdin.flush()
        self.given += count
        if self.given < TOTAL:  # the last reply ends the quiz, which clears its progress
            wait_until(lambda: saved_position() == self.given)

    def finish(self) -> tuple[int, str, str]:
        """Reply to the remaining questions; the exit code, stdout and stderr."""
        out, err = self.process.communicate(answers(TOTAL - self.given), timeout=30)
        return self.process.returncode, out, err

    def stop(self, signal_number: int) -> tuple[int, str]:
        # The progress is on disk just before the quiz notes it as saved: let it get
        # back to waiting for the next reply, where a real stop would find it.
        time.sleep(0.5)
        self.process.send_signal(signal_number)
        _, err = self.process.communicate(timeout=30)
        return self.process.returncode, err


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def first(here: Path) -> Iterator[PlainQuiz]:
    """A first quiz, three answers in, still running."""
    quiz = PlainQuiz(cwd=here)
    quiz.answer(3)
    yield quiz
    if quiz.process.poll() is None:
        quiz.process.kill()
        quiz.process.communicate()


# --- 25. Two quizzes at once under one account -----------------------------------------

RUNNING = (
    "Erreur : un autre quiz est déjà en cours avec ce compte, dans une autre fenêtre ou sur "
    "un autre ordinateur : le terminer là-bas, ou l'y arrêter (Ctrl-C) puis le reprendre ici "
    "avec « orientation quiz »."
)


def test_25_a_second_quiz_is_refused_while_the_first_runs(
    first: PlainQuiz, here: Path, state_dir: Path
) -> None:
    before = progressfile.progress_path().read_bytes()
    for args in (["quiz", "--plain"], ["quiz", "--plain", "--resume"]):
        second = orientation(*args, input=answers(TOTAL), cwd=here)
        assert second.returncode == 1, second.stderr
        assert one_line(second.stderr) == RUNNING
        assert "Question 1/" not in second.stderr  # refused before asking anything
        assert progressfile.progress_path().read_bytes() == before  # the first one's answers
    # An answers file touches no progress: it needs no lock.
    sheet = here / "reponses.yaml"
    sheet.write_text("".join(f"{qid}: 3\n" for qid in IDS), encoding="utf-8")
    assert orientation("quiz", "--answers", str(sheet)).returncode == 0

    code, _, err = first.finish()  # the first quiz never noticed
    assert code == 0, err
    assert "Vos résultats" in err or "Vos résultats" in _
    assert not progressfile.progress_path().exists()
    assert orientation("quiz", "--plain", input=answers(TOTAL)).returncode == 0  # free again


def test_25_a_killed_quiz_frees_the_lock_and_its_answers_resume(
    first: PlainQuiz, here: Path
) -> None:
    refused = orientation("quiz", "--plain", "--resume", input=answers(TOTAL), cwd=here)
    assert refused.returncode == 1
    assert one_line(refused.stderr) == RUNNING

    code, _ = first.stop(signal.SIGKILL)  # no clean-up at all: the kernel drops the lock
    assert code == -signal.SIGKILL
    assert progressfile.lock_path().exists()  # the lock file stays, unlocked
    resumed = orientation("quiz", "--plain", "--resume", input=answers(TOTAL - 3), cwd=here)
    assert resumed.returncode == 0, resumed.stderr
    assert f"Reprise du quiz : question 4/{TOTAL}." in one_line(resumed.stderr)


def _contend(holder: str, rounds: int, results: Queue[tuple[int, int]]) -> None:
    """Take the quiz's lock *rounds* times; count the times held and the times another
    process held it too (its mark already there)."""
    held = both = 0
    for _ in range(rounds):
        try:
            with progressfile.quiz_lock():
                held += 1
                try:
                    os.close(os.open(holder, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
                except FileExistsError:
                    both += 1
                    continue
                time.sleep(0.0005)
                os.unlink(holder)
        except progressfile.QuizRunning:
            pass
    results.put((held, both))


def test_25_the_lock_holds_while_its_file_comes_and_goes(tmp_path: Path) -> None:
    # Each holder removes the lock file as it finishes: a process that opened the old
    # file must not believe it holds the lock (the inode is checked once locked).
    context = multiprocessing.get_context("spawn")
    results: Queue[tuple[int, int]] = context.Queue()
    holder = str(tmp_path / "holder")
    workers = [context.Process(target=_contend, args=(holder, 150, results)) for _ in range(5)]
    for worker in workers:
        worker.start()
    counts = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join()
    assert sum(held for held, _ in counts) > 0
    assert sum(both for _, both in counts) == 0
    assert not progressfile.lock_path().exists()


# --- 28. --save survives an interruption --------------------------------------------------


def test_28_ctrl_c_then_resume_saves_to_the_file_named_at_the_start(
    here: Path, tmp_path: Path
) -> None:
    quiz = PlainQuiz("--save", "r.json", cwd=here)
    quiz.answer(5)
    code, err = quiz.stop(signal.SIGINT)
    assert code == 130
    assert (
        f"Interrompu. Reprendre à la question 6/{TOTAL} : orientation quiz --resume --plain\n"
        "Les résultats seront enregistrés dans r.json, comme demandé avec --save.\n"
    ) in err

    elsewhere = tmp_path / "ailleurs"  # resumed from another folder: the same file
    elsewhere.mkdir()
    done = orientation("quiz", "--plain", "--resume", input=answers(TOTAL - 5, "2"), cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    said = one_line(done.stderr)
    assert (
        f"Reprise du quiz : question 6/{TOTAL}. Les résultats seront enregistrés dans "
        f"{here / 'r.json'}, comme demandé au début du quiz."
    ) in said
    assert f"Résultats enregistrés dans {here / 'r.json'}." in said
    saved = json.loads((here / "r.json").read_text(encoding="utf-8"))["answers"]
    assert [saved[qid] for qid in IDS] == [4] * 5 + [2] * (TOTAL - 5)
    assert not list(elsewhere.iterdir())
    assert not progressfile.progress_path().exists()


def test_28_the_resume_offer_saves_there_too(
    terminal: Terminal, here: Path, tmp_path: Path
) -> None:
    stopped = orientation("quiz", "--plain", "--save", "r.json", input=answers(4), cwd=here)
    assert stopped.returncode == 1  # the input ended: the hint names the file as well
    assert (
        f"l'entrée s'est terminée avant la fin du quiz. Reprendre à la question 5/{TOTAL} : "
        "orientation quiz --resume --plain Les résultats seront enregistrés dans r.json, "
        "comme demandé avec --save."
    ) in one_line(stopped.stderr)

    env = f"env XDG_STATE_HOME={shlex.quote(str(tmp_path / 'state'))} TERM=xterm-256color"
    command = f"{env} {shlex.quote(str(ORIENTATION))} quiz --complet"
    terminal.start(f"cd {shlex.quote(str(here))}; {command}")
    screen = one_line(terminal.wait_for("Recommencer depuis le début"))
    assert f"est en cours (4 réponses sur {TOTAL}), à enregistrer dans r.json." in screen
    terminal.keys("Enter")  # « Le reprendre »
    screen = one_line(terminal.wait_for(f"Question 5/{TOTAL}"))
    assert "Les résultats seront enregistrés dans r.json, comme demandé au début du quiz." in screen
    for number in range(5, TOTAL + 1):
        terminal.wait_for(f"Question {number}/{TOTAL}")
        terminal.keys("1", "Enter")
    screen = one_line(terminal.wait_for("EXIT="))
    assert "EXIT=0" in screen
    assert "Résultats enregistrés dans r.json." in screen
    saved = json.loads((here / "r.json").read_text(encoding="utf-8"))["answers"]
    assert [saved[qid] for qid in IDS] == [4] * 4 + [1] * (TOTAL - 4)


def test_28_a_new_save_given_on_resume_wins_and_is_said(here: Path) -> None:
    orientation("quiz", "--plain", "--save", "r.json", input=answers(3), cwd=here)
    done = orientation(
        "quiz", "--plain", "--resume", "--save", "autre.json", input=answers(TOTAL - 3), cwd=here
    )
    assert done.returncode == 0, done.stderr
    assert (
        "Les résultats seront enregistrés dans autre.json, et non plus dans r.json comme "
        "demandé au début du quiz."
    ) in one_line(done.stderr)
    assert (here / "autre.json").exists()
    assert not (here / "r.json").exists()


def test_28_a_new_save_is_kept_even_if_stopped_before_the_next_answer(here: Path) -> None:
    orientation("quiz", "--plain", "--save", "r.json", input=answers(3), cwd=here)
    quiz = PlainQuiz("--resume", "--save", "autre.json", cwd=here)
    wait_until(lambda: "autre.json" in progressfile.progress_path().read_text(encoding="utf-8"))
    code, err = quiz.stop(signal.SIGINT)
    assert code == 130
    assert (
        f"Interrompu. Reprendre à la question 4/{TOTAL} : orientation quiz --resume --plain\n"
        "Les résultats seront enregistrés dans autre.json, comme demandé avec --save.\n"
    ) in err
    done = orientation("quiz", "--plain", "--resume", input=answers(TOTAL - 3), cwd=here)
    assert done.returncode == 0, done.stderr
    assert (here / "autre.json").exists()
    assert not (here / "r.json").exists()


def test_28_an_older_progress_file_resumes_and_learns_its_save_target(here: Path) -> None:
    # Written by orientation before the progress kept the --save target.
    older = {"format": "orientation-progress", "version": 1, "started": "2026-11-22T09:00:00"}
    older |= {"position": 2, "answers": {IDS[0]: 5, IDS[1]: None}}
    progressfile.progress_path().parent.mkdir(parents=True)
    progressfile.progress_path().write_text(json.dumps(older), encoding="utf-8")
    stopped = orientation(
        "quiz", "--plain", "--resume", "--save", "r.json", input=answers(2), cwd=here
    )
    assert stopped.returncode == 1
    said = one_line(stopped.stderr)
    assert f"Reprise du quiz : question 3/{TOTAL}." in said
    assert f"Reprendre à la question 5/{TOTAL}" in said
    assert "Les résultats seront enregistrés dans r.json, comme demandé avec --save." in said
    kept = json.loads(progressfile.progress_path().read_text(encoding="utf-8"))
    assert kept["save"] == str(here / "r.json")
    assert kept["answers"][IDS[0]] == 5


def test_28_a_save_target_gone_since_is_said_before_asking(here: Path) -> None:
    (here / "cle").mkdir()
    orientation("quiz", "--plain", "--save", "cle/r.json", input=answers(3), cwd=here)
    (here / "cle").rmdir()  # the USB key is gone
    before = progressfile.progress_path().read_bytes()
    done = orientation("quiz", "--plain", "--resume", input=answers(TOTAL), cwd=here)
    assert done.returncode == 2
    assert one_line(done.stderr) == (
        "Erreur : le fichier de résultats demandé au début du quiz ne peut plus servir "
        f"(--save : le dossier {here / 'cle'} n'existe pas). Pour enregistrer ailleurs : "
        "orientation quiz --resume --plain --save AUTRE-FICHIER.json"
    )
    assert "Question 4/" not in done.stderr
    assert progressfile.progress_path().read_bytes() == before


# --- 29. Unsafe --save targets ----------------------------------------------------------


@pytest.mark.parametrize("spelling", ["same", "other-spelling", "symlink", "hard-link", "lock"])
def test_29_the_quiz_own_files_are_refused_however_spelt(here: Path, spelling: str) -> None:
    orientation("quiz", "--plain", input=answers(3), cwd=here)  # a quiz under way
    progress = progressfile.progress_path()
    before = progress.read_bytes()
    target = {
        "same": str(progress),
        "other-spelling": f"{progress.parent}/../orientation/./{progress.name}",
        "symlink": "lien.json",
        "hard-link": "lien-dur.json",
        "lock": str(progressfile.lock_path()),
    }[spelling]
    if spelling == "symlink":
        (here / target).symlink_to(progress)
    if spelling == "hard-link":
        os.link(progress, here / target)
    done = orientation("quiz", "--plain", "--save", target, input=answers(TOTAL), cwd=here)
    assert done.returncode == 2
    what = "le fichier où le quiz garde sa progression"
    if spelling == "lock":
        what = "le verrou du quiz"
    own = progressfile.lock_path() if spelling == "lock" else progress
    assert one_line(done.stderr) == (
        f"Erreur : --save : {Path(target)} est {what} ({own}) : il serait remplacé par les "
        "résultats. Choisir un autre fichier, par exemple --save resultats.json."
    )
    assert "Question 1/" not in done.stderr
    assert progress.read_bytes() == before


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
@pytest.mark.parametrize("json_too", [False, True])
def test_29_standard_output_as_a_pipe_is_refused(here: Path, name: str, json_too: bool) -> None:
    args = ["--json"] if json_too else []
    done = orientation("quiz", "--plain", *args, "--save", name, input=answers(TOTAL))
    assert done.returncode == 2
    assert one_line(done.stderr) == (
        f"Erreur : --save : {name} est la sortie standard (un tube) : les résultats s'y "
        "mêleraient à ce qui s'y écrit déjà. Pour les écrire en JSON sur la sortie standard : "
        "--json ; pour les enregistrer : --save resultats.json."
    )
    assert done.stdout == ""
    assert not progressfile.progress_path().exists()  # before the first question


def test_29_standard_error_and_input_are_refused_too(here: Path) -> None:
    done = orientation("quiz", "--plain", "--save", "/dev/stderr", input=answers(TOTAL))
    assert done.returncode == 2
    assert "--save : /dev/stderr est la sortie d'erreur (un tube) : les résultats s'y" in (
        one_line(done.stderr)
    )
    sheet = here / "reponses.txt"
    sheet.write_text(answers(TOTAL), encoding="utf-8")
    with sheet.open(encoding="utf-8") as replies:
        done = helpers.orientation(
            "quiz", "--plain", "--save", "/dev/stdin", stdin=replies, timeout=30, columns=1000
        )
    assert done.returncode == 2
    assert one_line(done.stderr) == (
        "Erreur : --save : /dev/stdin est l'entrée standard, d'où viennent les réponses. "
        "Choisir un autre fichier, par exemple --save resultats.json."
    )
    assert sheet.read_text(encoding="utf-8") == answers(TOTAL)  # the replies, not replaced


def test_29_standard_output_in_a_terminal_is_refused_too(terminal: Terminal, here: Path) -> None:
    terminal.start(f"{shlex.quote(str(ORIENTATION))} quiz --save /dev/stdout")
    screen = one_line(terminal.wait_for("EXIT="))
    assert "EXIT=2" in screen
    assert (
        "--save : /dev/stdout est la sortie standard (le terminal ou un périphérique) : les "
        "résultats s'y mêleraient"
    ) in screen
    assert "Question 1/" not in screen


needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="os.lchown to another account"
)
NOBODY = 65534


def planted_link(folder: Path, victim: Path, mode: int, owner: int = NOBODY) -> Path:
    """`folder/r.json`, a link to *victim* owned by *owner*, in a folder of *mode*."""
    folder.mkdir(exist_ok=True)
    folder.chmod(mode)
    link = folder / "r.json"
    link.unlink(missing_ok=True)
    link.symlink_to(victim)
    os.lchown(link, owner, owner)
    return link


@needs_root
def test_29_a_link_planted_in_a_sticky_folder_by_another_account_is_not_followed(
    here: Path,
) -> None:
    victim = here / "victime.txt"
    victim.write_text("à ne pas écraser\n", encoding="utf-8")
    link = planted_link(here / "partage", victim, 0o1777)
    done = orientation("quiz", "--plain", "--save", str(link), input=answers(TOTAL))
    assert done.returncode == 2
    assert one_line(done.stderr) == (
        f"Erreur : --save : {link} est un lien symbolique qui appartient à un autre compte "
        f"(nobody), dans le dossier partagé {link.parent} : il n'est pas suivi, car n'importe "
        "qui peut y créer un lien vers vos fichiers. Choisir un autre nom de fichier."
    )
    assert victim.read_text(encoding="utf-8") == "à ne pas écraser\n"

    # A link is followed when nobody else could have put it there: the user's own in a
    # sticky folder (as with fs.protected_symlinks), any in a folder that only the user
    # or the administrator can write to. (Other shared folders: case 45, which also
    # refuses what the kernel would follow, a link in a folder of another account.)
    for folder, mode, owner in [("partage", 0o1777, os.geteuid()), ("colle", 0o1755, NOBODY)]:
        link = planted_link(here / folder, victim, mode, owner)
        done = orientation(
            "quiz", "--plain", "--save", str(link), "--remplacer", input=answers(TOTAL)
        )
        assert done.returncode == 0, (folder, done.stderr)
        assert json.loads(victim.read_text(encoding="utf-8"))["format"] == "orientation-quiz"


@needs_root
def test_29_a_link_planted_during_the_quiz_is_not_followed_at_the_end(here: Path) -> None:
    victim = here / "victime.txt"
    victim.write_text("à ne pas écraser\n", encoding="utf-8")
    shared = here / "partage"
    shared.mkdir()
    shared.chmod(0o1777)
    quiz = PlainQuiz("--save", str(shared / "r.json"), cwd=here)  # no link yet: accepted
    quiz.answer(3)
    planted_link(shared, victim, 0o1777)
    code, out, err = quiz.finish()
    assert code == 1
    said = one_line(err)
    assert "Erreur : impossible d'écrire" not in said
    assert f"{shared / 'r.json'} est un lien symbolique qui appartient à un autre compte" in said
    assert (
        "Vos réponses restent sur cet ordinateur : orientation quiz --resume --save "
        "AUTRE-FICHIER.json"
    ) in said
    assert "Vos résultats" in one_line(out)  # shown all the same
    assert victim.read_text(encoding="utf-8") == "à ne pas écraser\n"
    assert saved_position() == TOTAL  # kept: nothing is lost


def test_25_no_resume_command_is_printed_for_progress_never_kept(
    here: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pas-un-dossier").write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "pas-un-dossier"))  # nothing kept
    (here / "cle").mkdir()
    quiz = PlainQuiz("--save", "cle/r.json", cwd=here)
    assert quiz.process.stdin is not None
    quiz.process.stdin.write(answers(3))
    quiz.process.stdin.flush()
    time.sleep(0.5)  # no progress file to watch: a pause for the three replies
    (here / "cle").rmdir()  # the USB key is gone before the end
    code, out, err = quiz.finish()
    assert code == 1
    said = one_line(err)
    assert "le quiz continue sans reprise possible" in said
    error = said.split("Erreur : ")[-1]
    assert error.startswith("impossible d'écrire cle/r.json : fichier ou dossier introuvable")
    assert "--resume" not in error
    assert (
        "Vos réponses n'ont pas pu être gardées sur cet ordinateur non plus : les résultats "
        "affichés ci-dessus sont les seuls."
    ) in said
    assert "Vos résultats" in one_line(out)


def test_28_a_save_path_that_is_not_utf8_is_kept_byte_for_byte(here: Path) -> None:
    name = os.fsdecode(b"caf\xe9.json")  # from a Latin-1 USB key: a lone surrogate in Python
    orientation("quiz", "--plain", "--save", name, input=answers(3), cwd=here)
    done = orientation("quiz", "--plain", "--resume", input=answers(TOTAL - 3), cwd=here)
    assert done.returncode == 0, done.stderr
    assert "Les résultats seront enregistrés dans caf\\xe9.json, comme demandé" in done.stderr
    assert name in os.listdir(here)  # those very bytes, not a name with a backslash
    assert not [n for n in os.listdir(here) if n.startswith("caf\\")]


def test_25_stopped_at_the_keep_offer_one_resume_command_is_printed(
    terminal: Terminal, tmp_path: Path
) -> None:
    from tests.test_terminal import answered_progress, ending

    answered_progress()
    terminal.start(ending(tmp_path))
    terminal.wait_for("Garder ces résultats")
    terminal.keys("C-c")
    screen = one_line(terminal.wait_for("EXIT="))
    assert "EXIT=130" in screen
    said = screen.split("Non, ne pas les garder")[-1]
    assert "Interrompu : résultats non enregistrés. Les revoir : orientation quiz --resume" in said
    # Nothing failed to be written: no second, different command to carry on.
    assert said.count("--resume") == 1
    assert "AUTRE-FICHIER" not in said
    assert saved_position() == TOTAL


def test_25_stopped_at_the_keep_offer_no_resume_command_for_progress_never_kept(
    terminal: Terminal, tmp_path: Path
) -> None:
    (tmp_path / "pas-un-dossier").write_text("", encoding="utf-8")  # nothing can be kept
    (tmp_path / "cdi").mkdir()
    terminal.start(
        f"cd {shlex.quote(str(tmp_path / 'cdi'))} && env TERM=xterm-256color "
        f"XDG_STATE_HOME={shlex.quote(str(tmp_path / 'pas-un-dossier'))} "
        f"{shlex.quote(str(ORIENTATION))} quiz --plain",
        height=50,
    )
    terminal.wait_for("Votre réponse :")
    terminal.keys("4", "Enter")
    terminal.wait_for("Attention : impossible de créer")  # said at the first answer
    for _ in range(TOTAL - 1):
        terminal.keys("4", "Enter")
    terminal.wait_for("Votre choix :")
    terminal.keys("C-c")
    screen = one_line(terminal.wait_for("EXIT="))
    assert "EXIT=130" in screen
    said = screen.split("Votre choix :")[-1]
    assert "Interrompu : résultats non enregistrés, ni gardés sur cet ordinateur." in said
    assert "--resume" not in said  # a command that would find nothing
    assert not list((tmp_path / "cdi").iterdir())


# --- 50. The quiz's lock where there is no flock (Windows) --------------------------------


def test_50_without_fcntl_a_second_quiz_is_still_kept_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    import filelock  # loaded before fcntl goes: it locks with what the system has

    assert filelock.__version__
    monkeypatch.setitem(sys.modules, "fcntl", None)  # import fcntl fails, as on Windows
    with progressfile.quiz_lock():
        with pytest.raises(progressfile.QuizRunning) as refused, progressfile.quiz_lock():
            pass  # before: no lock at all, two quizzes wrote the same progress
        assert f"Erreur : {refused.value.message}" == RUNNING
    with progressfile.quiz_lock():  # free again once the first has ended
        pass
