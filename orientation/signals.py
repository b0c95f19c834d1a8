"""Signal state shared by the quiz and the command line: SIGTERM and SIGHUP turned into
KeyboardInterrupt (installed by cli/entry.py), the exit code of an interruption, and
the way a prompt asks to be ended from inside its own event loop."""

from __future__ import annotations

import gc
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from types import FrameType
from typing import NoReturn

# SIGTERM (a process manager, `kill`) and SIGHUP (the terminal window closed).
STOP_SIGNALS = ("SIGTERM", "SIGHUP")


_received: list[int] = []  # the stop signal received, if any


# While a prompt runs its event loop, raising in the middle of it can land in one of
# its background tasks; the prompt registers here how to end itself instead.
_stop_prompt: list[Callable[[], bool]] = []


_terminal_outputs: list[int] = []  # stdout and stderr, when they are a terminal


def _terminate(signum: int, frame: FrameType | None) -> None:
    # Unwind like Ctrl-C: prompts restore the terminal, temporary files are removed,
    # the progress saved so far stays resumable. Only once: a closing window sends
    # SIGHUP more than once, and a second interrupt would break the clean-up.
    _ignore_stop_signals()
    if signum == getattr(signal, "SIGHUP", None):
        _leave_the_terminal()
    _received.append(signum)
    if _stop_prompt and _stop_prompt[-1]():
        return  # the prompt ends and raises KeyboardInterrupt where it was asked
    raise KeyboardInterrupt


def install() -> None:
    """Turn SIGTERM and SIGHUP into KeyboardInterrupt (unless they are ignored), and
    note which outputs are a terminal (main(), before anything else)."""
    for name in STOP_SIGNALS:
        if hasattr(signal, name) and signal.getsignal(getattr(signal, name)) == signal.SIG_DFL:
            signal.signal(getattr(signal, name), _terminate)
    _terminal_outputs[:] = [fd for fd in (1, 2) if _isatty(fd)]


def received() -> bool:
    """Whether a stop signal was received."""
    return bool(_received)


def hung_up() -> None:
    """The terminal's input ended under a prompt: the window is closing. Carry on as
    after SIGHUP (which may follow, and is then ignored); the caller unwinds."""
    if signal.getsignal(signal.SIGTERM) != _terminate:  # not installed (tests)
        return
    _ignore_stop_signals()
    _leave_the_terminal()
    if not _received and hasattr(signal, "SIGHUP"):
        _received.append(signal.SIGHUP)


def _ignore_stop_signals() -> None:
    for name in STOP_SIGNALS:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)


@contextmanager
def prompt_stopped_by(stop: Callable[[], bool]) -> Iterator[None]:
    """While the block runs, a stop signal calls *stop* (True: it will end the prompt)."""
    _stop_prompt.append(stop)
    try:
        yield
    finally:
        _stop_prompt.remove(stop)


def _leave_the_terminal() -> None:
    """The terminal hung up: what still goes to it goes nowhere, instead of failing
    (prompt_toolkit redrawing on a vanished terminal raises « Input/output error »).
    Outputs redirected to a file keep their file."""
    import os

    try:
        null = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    for fd in _terminal_outputs:  # known at start: a hung-up terminal no longer says so
        with suppress(OSError):
            os.dup2(null, fd)
    os.close(null)


def interrupted_code() -> int:
    """The exit code of an interruption: 130 for Ctrl-C, 128 + N for signal N."""
    return 128 + _received[0] if _received else 130


def interactive() -> None:
    """A person is about to answer questions, for minutes maybe: collect garbage again
    (main() stopped it for the sake of short commands)."""
    if not gc.isenabled():
        gc.freeze()  # what is loaded by now stays: no need to go through it again
        gc.enable()


def _isatty(fd: int) -> bool:
    import os

    try:
        return os.isatty(fd)
    except OSError:
        return False


def stopped(message: str = "Interrompu.") -> NoReturn:
    """Say *message* on a fresh line (the prompt may have left the cursor mid-line), exit."""
    try:
        sys.stderr.write(f"\n{_fitted(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # no terminal left (SIGHUP)
        pass
    sys.exit(interrupted_code())


def _fitted(message: str) -> str:
    """*message* broken between words for the terminal it goes to, which would cut words
    at its margin; whole for a file or a pipe. A word longer than a line (a command, a
    path) stays whole, to be copied."""
    import os

    try:
        if not sys.stderr.isatty():
            return message
        width = os.get_terminal_size(sys.stderr.fileno()).columns - 1
    except (OSError, ValueError, AttributeError):
        return message
    import textwrap

    return "\n".join(
        textwrap.fill(line, width=max(width, 20), break_long_words=False, break_on_hyphens=False)
        for line in message.splitlines()
    )
