"""The `orientation` executable: signals and streams first, then the command line.

This module imports nothing heavy, so that what can go wrong while typer and rich
load (Ctrl-C in the first tenth of a second, a closed stdout) is handled too.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType
from typing import NoReturn

# SIGTERM (a process manager, `kill`) and SIGHUP (the terminal window closed).
STOP_SIGNALS = ("SIGTERM", "SIGHUP")


_received: list[int] = []  # the stop signal received, if any


def _terminate(signum: int, frame: FrameType | None) -> None:
    # Unwind like Ctrl-C: prompts restore the terminal, temporary files are removed,
    # the progress saved so far stays resumable. Only once: a closing window sends
    # SIGHUP more than once, and a second interrupt would break the clean-up.
    for name in STOP_SIGNALS:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    _received.append(signum)
    raise KeyboardInterrupt


def interrupted_code() -> int:
    """The exit code of an interruption: 130 for Ctrl-C, 128 + N for signal N."""
    return 128 + _received[0] if _received else 130


def main() -> None:
    """Console-script entry point."""
    if hasattr(signal, "SIGPIPE"):
        # `orientation show … | head -1`: when the reader goes away, stop quietly
        # like any Unix tool instead of raising BrokenPipeError mid-render.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    for name in STOP_SIGNALS:
        if hasattr(signal, name) and signal.getsignal(getattr(signal, name)) == signal.SIG_DFL:
            signal.signal(getattr(signal, name), _terminate)
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            # A terminal or pipe that cannot encode « é » gets « ? », not a traceback.
            stream.reconfigure(errors="replace")
    try:
        from orientation.cli import app
        from orientation.clifr import report_error
    except KeyboardInterrupt:  # stopped while loading: nothing to clean up
        stopped()
    if sys.stdout is None:
        report_error("la sortie standard est fermée : rien ne peut être affiché.")
        sys.exit(1)
    try:
        app()
    except KeyboardInterrupt:  # before or after the command itself, which reports its own
        stopped()


def stopped(message: str = "Interrompu.") -> NoReturn:
    """Say *message* on a fresh line (the prompt may have left the cursor mid-line), exit."""
    try:
        sys.stderr.write(f"\n{message}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # no terminal left (SIGHUP)
        pass
    sys.exit(interrupted_code())
