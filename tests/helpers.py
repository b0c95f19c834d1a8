"""Running `orientation` from the tests, and driving it in a real terminal.

- `invoke`: the command line in this process, through typer's CliRunner (fast: no new
  interpreter, no import of the package again).
- `orientation`: the installed command in a real process, as a user runs it (exit codes,
  signals, streams, encodings and the process's environment belong to it).
- `Terminal`: a tmux session to type keys into and read the screen from (the `terminal`
  fixture of conftest.py gives each test its own).
- `check_golden`: output compared with its reference file in tests/golden/.

Both runners give the command the same plain terminal: NO_COLOR=1, TERM=dumb, COLUMNS=80
(unless told otherwise), and no ORIENTATION_CONTENT from the developer's shell. Progress
and the content index go where the autouse fixtures of conftest.py put them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any, overload

import pytest
from typer.testing import CliRunner

# The installed command beside the interpreter running the tests (the venv's).
ORIENTATION = Path(sys.executable).parent / "orientation"
# `python -m orientation`, for the tests of that way in.
PYTHON_M = (sys.executable, "-m", "orientation")
# The same, telling on stderr which modules it imported, when and at what cost.
IMPORTTIME = (sys.executable, "-X", "importtime", "-m", "orientation")
TMUX = shutil.which("tmux")
GOLDEN = Path(__file__).parent / "golden"

Env = Mapping[str, "str | None"]


def plain_env(columns: int | None, env: Env | None) -> dict[str, str | None]:
    """The variables both runners set: a plain terminal of *columns* (None: no COLUMNS),
    no ORIENTATION_CONTENT, then *env* (a None value removes that variable)."""
    base: dict[str, str | None] = {"NO_COLOR": "1", "TERM": "dumb", "ORIENTATION_CONTENT": None}
    if columns is not None:
        base["COLUMNS"] = str(columns)
    return {**base, **(env or {})}


def environment(
    columns: int | None = 80, env: Env | None = None, inherit: bool = True
) -> dict[str, str]:
    """The environment `orientation` runs in, for a process the tests start themselves:
    this process's (*inherit*; else none) with `plain_env`."""
    made: dict[str, str] = dict(os.environ) if inherit else {}
    for name, value in plain_env(columns, env).items():
        if value is None:
            made.pop(name, None)
        else:
            made[name] = value
    return made


def invoke(
    *args: str,
    columns: int = 80,
    env: Env | None = None,
    input: str | None = None,
) -> tuple[int, str, str]:
    """`orientation ARGS` in this process (CliRunner): exit code, stdout, stderr.

    *input* is what stdin gives (CliRunner's stdin is never a terminal)."""
    from orientation.cli.app import app

    result = CliRunner().invoke(app, list(args), env=plain_env(columns, env), input=input)
    return result.exit_code, result.stdout, result.stderr


@overload
def orientation(
    *args: str,
    columns: int | None = ...,
    env: Env | None = ...,
    input: str | None = ...,
    stdin: int | IO[Any] | None = ...,
    stdout: int | IO[Any] = ...,
    cwd: Path | None = ...,
    timeout: float = ...,
    command: Sequence[str | Path] = ...,
    inherit: bool = ...,
    pass_fds: Sequence[int] = ...,
) -> subprocess.CompletedProcess[str]: ...


@overload
def orientation(
    *args: str,
    columns: int | None = ...,
    env: Env | None = ...,
    input: bytes,
    stdin: int | IO[Any] | None = ...,
    stdout: int | IO[Any] = ...,
    cwd: Path | None = ...,
    timeout: float = ...,
    command: Sequence[str | Path] = ...,
    inherit: bool = ...,
    pass_fds: Sequence[int] = ...,
) -> subprocess.CompletedProcess[bytes]: ...


def orientation(
    *args: str,
    columns: int | None = 80,
    env: Env | None = None,
    input: str | bytes | None = None,
    stdin: int | IO[Any] | None = subprocess.DEVNULL,
    stdout: int | IO[Any] = subprocess.PIPE,
    cwd: Path | None = None,
    timeout: float = 60,
    command: Sequence[str | Path] = (ORIENTATION,),
    inherit: bool = True,
    pass_fds: Sequence[int] = (),
) -> subprocess.CompletedProcess[str] | subprocess.CompletedProcess[bytes]:
    """`orientation ARGS` in a real process, run to its end (a hang fails after *timeout*).

    The environment is this process's (*inherit*; else none but the variables below),
    with the plain terminal of `plain_env`. stdin is empty unless *input* gives text
    (bytes in, bytes out) or *stdin* a file; stdout and stderr are captured as UTF-8
    text, unless *stdout* sends the output elsewhere (then `stdout` is None).
    *command* replaces the installed command: `PYTHON_M`, or an interpreter with a probe;
    *pass_fds* are descriptors the process inherits (as /dev/fd/N).
    """
    binary = isinstance(input, bytes)
    return subprocess.run(
        [*map(str, command), *args],
        input=input,
        stdin=None if input is not None else stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        encoding=None if binary else "utf-8",
        env=environment(columns, env, inherit=inherit),
        cwd=cwd,
        timeout=timeout,
        pass_fds=pass_fds,
        check=False,
    )


def imported_by(*args: str, command: Sequence[str | Path] = IMPORTTIME) -> set[str]:
    """The modules a run of `orientation ARGS` imported, from what -X importtime says on
    stderr (*command*: `python -X importtime` with the way in to measure)."""
    done = orientation(*args, command=command)
    assert done.returncode == 0, done.stderr
    return {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}


def check_golden(name: str, actual: str) -> None:
    """*actual* is what tests/golden/NAME holds.

    With UPDATE_GOLDEN=1, a reference that differs (or is missing) is rewritten with
    *actual* and the test fails all the same: a passing run has always compared, and the
    new reference is read in `git diff` before it is committed.
    """
    path = GOLDEN / name
    stale = not path.exists() or path.read_text(encoding="utf-8") != actual
    if stale and os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
        pytest.fail(
            f"golden rewritten: {path.relative_to(GOLDEN.parent.parent)}: review the diff, "
            "then run again without UPDATE_GOLDEN",
            pytrace=False,
        )
    assert path.exists(), f"{path} missing: run this test with UPDATE_GOLDEN=1 to write it"
    assert actual == path.read_text(encoding="utf-8")


class Terminal:
    """One tmux session on a private server, with the screen readable as text."""

    def __init__(self, socket: str) -> None:
        self.socket = socket
        self.runs = 0

    def tmux(self, *args: str) -> str:
        assert TMUX is not None
        done = subprocess.run(
            [TMUX, "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def start(self, command: str, width: int = 80, height: int = 24) -> None:
        # The shell reports the exit code and the terminal modes the command left
        # behind (see `cooked`), then keeps the pane open for inspection.
        modes = "stty -a | grep -o -E -e '(^| )-?(icanon|echo)( |$)'"
        # Ctrl-C in a cooked terminal signals the whole foreground group: the shell
        # traps it (as an interactive shell would), the command still gets it.
        # tmux puts the size it started the pane with in COLUMNS and LINES; a shell in
        # a real terminal keeps them current, so they go: the terminal's size rules.
        script = (
            f"trap true INT; unset COLUMNS LINES; {command}; echo EXIT=$?; "
            f"echo MODES=$({modes}); sleep 120"
        )
        # A fresh session each time; the old one goes only after, so the server stays up.
        previous = self.session if self.runs else None
        self.runs += 1
        self.tmux(
            "new-session",
            "-d",
            "-x",
            str(width),
            "-y",
            str(height),
            "-s",
            self.session,
            "sh",
            "-c",
            script,
        )
        if previous:
            self.tmux("kill-session", "-t", previous)

    @property
    def session(self) -> str:
        return f"quiz{self.runs}"

    def alive(self) -> bool:
        assert TMUX is not None
        return (
            subprocess.run([TMUX, "-L", self.socket, "has-session"], capture_output=True).returncode
            == 0
        )

    def screen(self, history: bool = False) -> str:
        args = ["capture-pane", "-p", "-t", self.session]
        if history:
            args += ["-S", "-500"]
        return self.tmux(*args).replace("\u00a0", " ")

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen(history=True)
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"« {text} » never appeared on screen:\n{self.screen()}")

    def cooked(self) -> bool:
        """The terminal is back in line mode with echo, as a shell needs it (not raw)."""
        line = next(ln for ln in self.screen(history=True).splitlines() if "MODES=" in ln)
        modes = line.split("MODES=", 1)[1].split()
        return "icanon" in modes and "echo" in modes

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.session, *keys)
