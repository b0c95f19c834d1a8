"""The `orientation` executable: signals and streams first, then the command line.

This module imports nothing heavy, so that what can go wrong while typer and rich
load (Ctrl-C in the first tenth of a second, a closed stdout) is handled too. The
plain command lines (cli/commands.py) then run without typer; the others go
through it (cli/app.py).
"""

from __future__ import annotations

import gc
import signal
import sys
from typing import NoReturn

from orientation import signals


def main() -> NoReturn:
    """Console-script entry point."""
    # A command lasts a tenth of a second and makes no garbage worth collecting, while
    # collecting during the imports costs 6 ms; a quiz collects again (interactive()).
    gc.disable()
    if hasattr(signal, "SIGPIPE"):
        # `orientation show … | head -1`: when the reader goes away, stop quietly
        # like any Unix tool instead of raising BrokenPipeError mid-render.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    signals.install()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            # A terminal or pipe that cannot encode « é » gets « ? », not a traceback.
            stream.reconfigure(errors="replace")
    if sys.stdin is not None and hasattr(sys.stdin, "reconfigure"):
        # Replies piped to --plain in another encoding (a Latin-1 « é », or any byte
        # under PYTHONIOENCODING=ascii) are replies not understood, not a traceback: only
        # the C locale gives stdin surrogateescape, fr_FR.UTF-8 gives it strict.
        sys.stdin.reconfigure(errors="replace")
    try:
        import os

        from orientation.cli.commands import plain_command
        from orientation.cli.reporting import report_error, reported

        plain = plain_command(sys.argv[1:], os.environ)
        if sys.stdout is None:
            report_error("la sortie standard est fermée : rien ne peut être affiché.")
            sys.exit(1)
        if plain is not None:  # `orientation show MÉTIER` and the like: typer is not needed
            with reported():
                plain()
        else:
            from orientation.cli.app import app

            app()
    except KeyboardInterrupt:  # while loading, or after the command, which reports its own
        signals.stopped()
    except SystemExit as exc:
        _leave(exc.code)
    _leave(0)  # the command returned: it succeeded


def _leave(code: object) -> NoReturn:
    """Exit at once, without tearing down the modules one by one: that takes 17 ms
    once typer and rich are loaded, a third of a short command. Nothing here waits for
    the interpreter's exit (no atexit handler, no file left open for writing): only
    the standard streams need flushing."""
    import os

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"), as Python would say it
        print(code, file=sys.stderr)
        status = 1
    if status == 0 and signals.received():
        # A stop signal whose KeyboardInterrupt Python had to drop (raised inside one
        # of its own callbacks, « Exception ignored… »): the caller still learns of it.
        status = signals.interrupted_code()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            status = status or 1
    os._exit(status & 0xFF)
