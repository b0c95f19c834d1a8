"""The pager (cli/pager.py) of `show`, `compare` and the quiz's details: which one, and
when; a pager that fails shows the text anyway, and one that leaves before reading it
all never kills the command."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import ORIENTATION, Terminal

PROBE = """
import signal, sys
signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # as cli/entry.py sets it
from orientation.cli.pager import TerminalPager
TerminalPager().show("détail\\n" * 200_000)
print("encore là", file=sys.stderr)
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "pager",
    ["false", "sh -c 'exec 0<&-; echo erreur >&2; exit 1'", "lecteur-qui-n-existe-pas"],
)
def test_a_pager_that_fails_shows_the_text_and_the_quiz_goes_on(pager: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PAGER": pager},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert "encore là" in done.stderr
    assert "n'a pas pu afficher le détail : il suit." in done.stderr
    assert done.stdout.count("détail\n") == 200_000


@pytest.mark.slow
def test_a_pager_that_works_gets_the_text_and_nothing_is_said() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PAGER": "cat"},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    assert "n'a pas pu" not in done.stderr
    assert done.stdout.count("détail\n") == 200_000


# --- Which pager, and when (cli/pager.py) ------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "command"),
    [
        ({}, "less"),
        ({"PAGER": "more"}, "more"),
        ({"PAGER": "more", "ORIENTATION_PAGER": "most -s"}, "most -s"),
        ({"PAGER": ""}, None),  # set but empty: no pager, as git
        ({"PAGER": "  cat "}, None),
        ({"PAGER": "more", "ORIENTATION_PAGER": ""}, None),  # ours first, even empty
        ({"PAGER": "", "ORIENTATION_PAGER": "less"}, "less"),
    ],
)
def test_the_pager_is_chosen_as_git_chooses_its_own(
    environ: dict[str, str], command: str | None
) -> None:
    from orientation.cli.pager import pager_command

    assert pager_command(environ) == command


def test_no_pager_outside_a_terminal_even_for_a_long_fiche() -> None:
    # CliRunner's stdout is no terminal: the whole fiche is written, as to a pipe.
    from tests.helpers import invoke

    code, out, err = invoke("show", "conseiller-social", env={"PAGER": "false"})
    assert code == 0
    assert not err
    assert len(out.splitlines()) > 100


def test_sans_pager_is_an_option_of_show_and_compare() -> None:
    from tests.helpers import invoke

    for args in (["show", "cesf"], ["compare", "cesf", "coordinateur-social"]):
        code, out, err = invoke(*args, "--sans-pager")
        assert code == 0, err
        code, out, _ = invoke(*args[:1], "--help", columns=200)
        assert "--sans-pager" in out
        assert "jamais dans un tube" in out


# --- show and compare in a real terminal (tmux, 80×24) -----------------------------------

needs_less = pytest.mark.skipif(shutil.which("less") is None, reason="less n'est pas installé")


def command_line(args: str, env: str = "") -> str:
    """`orientation ARGS` as typed in a terminal that understands colours, with no pager
    chosen by the developer's own environment."""
    return (
        f"unset PAGER ORIENTATION_PAGER LESS; env TERM=xterm-256color {env} "
        f"{shlex.quote(str(ORIENTATION))} {args}"
    )


@pytest.mark.slow
@needs_less
@pytest.mark.parametrize(
    ("args", "first"),
    [
        ("show coordinateur-social", "Coordinateur·rice social·e"),
        ("compare cesf coordinateur-social", "Conseiller·ère social·e"),
    ],
)
def test_a_long_screen_opens_less_which_says_how_to_leave(
    terminal: Terminal, args: str, first: str
) -> None:
    terminal.start(command_line(args))
    screen = terminal.wait_for("q pour quitter")
    assert first in screen
    assert "EXIT=" not in screen  # still reading
    last = screen.rstrip("\n").splitlines()[-1]
    assert last.startswith("q pour quitter, Espace pour avancer")
    assert "(ligne 23)" in last
    # Rich's styles reach less as escape sequences, and less (-R) draws them.
    styled = terminal.tmux("capture-pane", "-p", "-e", "-t", terminal.session)
    assert "\x1b[1m" in styled
    terminal.keys("C-c")  # less's to handle: it stays open, and so does this command
    time.sleep(0.5)
    assert "EXIT=" not in terminal.screen(history=True)
    terminal.keys("G")
    assert "(fin)" in terminal.wait_for("(fin)")
    terminal.keys("q")
    screen = terminal.wait_for("EXIT=")
    assert "EXIT=0" in screen
    assert "Traceback" not in screen


MARKED = "{pager}"  # the env of a case that a pager would betray: ORIENTATION_PAGER is one


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "env"),
    [
        ("show cesf --bref", MARKED),  # 23 lines: it fits with the prompt under it
        ("show cesf | cat", MARKED),  # a pipe
        ("show cesf > fiche.txt && wc -l < fiche.txt", MARKED),  # a file
        ("show cesf --sans-pager", MARKED),
        ("compare cesf coordinateur-social --sans-pager", MARKED),
        ("compare cesf coordinateur-social --markdown", MARKED),
        ("show cesf --json", MARKED),
        ("show cesf", f"TERM=dumb {MARKED}"),
        ("show cesf", "ORIENTATION_PAGER=cat"),
        ("show cesf", "PAGER="),
        ("show cesf", "PAGER=less ORIENTATION_PAGER="),
    ],
)
def test_no_pager_when_it_fits_is_piped_or_is_turned_off(
    terminal: Terminal, tmp_path: Path, args: str, env: str
) -> None:
    # A pager that says on the terminal that it ran, whatever its output is.
    pager = tmp_path / "lecteur"
    pager.write_text("#!/bin/sh\necho LECTEUR-LANCE > /dev/tty\ncat\n", encoding="utf-8")
    pager.chmod(0o755)
    env = env.replace(MARKED, f"ORIENTATION_PAGER={shlex.quote(str(pager))}")
    terminal.start(f"cd {shlex.quote(str(tmp_path))} && " + command_line(args, env))
    screen = terminal.wait_for("EXIT=")
    assert "EXIT=0" in screen
    assert "LECTEUR-LANCE" not in screen
    assert "q pour quitter" not in screen


@pytest.mark.slow
def test_the_pager_named_is_the_one_run(terminal: Terminal, tmp_path: Path) -> None:
    pager = tmp_path / "lecteur"
    pager.write_text("#!/bin/sh\necho LECTEUR-LANCE > /dev/tty\ncat\n", encoding="utf-8")
    pager.chmod(0o755)
    env = f"PAGER=less ORIENTATION_PAGER={shlex.quote(str(pager))}"
    terminal.start(command_line("show cesf", env))
    screen = terminal.wait_for("EXIT=")
    assert "LECTEUR-LANCE" in screen
    assert "EXIT=0" in screen
