"""Where errors become a French message on stderr and an exit code, once, for both the
plain path (cli/commands.py) and typer's (cli/clifr.py)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from orientation.errors import ContentError, Interrupted, OrientationError, os_reason


@contextmanager
def reported() -> Iterator[None]:
    """Run a command: an error of the user's, or a failed write of the output, is said
    on stderr in French and exits with its code (1 user error, 2 usage, 130 stopped)."""
    from orientation.signals import stopped

    try:
        yield
        if sys.stdout is not None:
            sys.stdout.flush()  # surface write errors (full disk) here, not at exit
    except Interrupted as exc:
        stopped(exc.message)
    except ContentError as exc:
        # `path:line:column: message` lines stay whole, so terminals can link them.
        report_error(exc.message, soft_wrap=True)
        sys.exit(exc.exit_code)
    except OrientationError as exc:
        report_error(exc.message)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        stopped()
    except OSError as exc:  # writing the output failed: full disk, closed terminal…
        import errno

        _silence_stdout()
        if exc.errno == errno.EIO:  # the terminal is gone (window closed): a stop
            stopped()
        report_error(f"écriture impossible : {os_reason(exc)}")
        sys.exit(1)


def report_error(message: str, soft_wrap: bool = False) -> None:
    """Print a user-facing error on stderr, the first line prefixed with « Erreur : »."""
    from rich.text import Text

    from orientation.output import clean, console

    err = console(stderr=True)
    out = Text("Erreur : ", style="bold red")
    out.append(clean(message))
    err.print(out, soft_wrap=soft_wrap)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the final flush at exit cannot fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
