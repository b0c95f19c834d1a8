"""The pager that shows long text: `show` and `compare` when their screen is longer than
the terminal, and the quiz's details.

The pager is chosen as git chooses its own: ORIENTATION_PAGER (as GIT_PAGER), else
PAGER, else `less`; set but empty, or `cat`, means none (the text is printed). It is
used only when standard output is a terminal that understands escape sequences (never
in a pipe, a file, nor under TERM=dumb), and `--sans-pager` turns it off.

`less` gets -R (colours stay colours) when LESS is not set, and a prompt that says
« q pour quitter ». A pager that cannot be started (a misspelt $PAGER, no `less`) or
that stops on an error (a bad option) does not swallow the text: it is printed instead,
with one line saying why.

Only os and rich.pager (already loaded by rich.console) are imported with this module:
what runs a pager is imported when one is run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.pager import Pager

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

# The variables that name the pager, the first set one wins (git: GIT_PAGER, PAGER).
PAGER_VARIABLES = ("ORIENTATION_PAGER", "PAGER")
DEFAULT_PAGER = "less"
NO_PAGER = ("", "cat")  # as git: an empty pager, or cat, means the text is printed
# less's prompt (-P): shown at the bottom of every screen. « q pour quitter » first,
# the line number after (?l…. prints it when less knows it), « fin » on the last screen.
# ASCII only: less mangles the other characters of a prompt (« fl^@¨ches » in less 590,
# « <U+00E8> » in 654 to 667: gwsw/less#576), whatever LESSCHARSET says.
LESS_PROMPT = "q pour quitter, Espace pour avancer, b pour reculer?lb (ligne %lb).?e (fin)."
NOT_STARTED = "Le lecteur de pages « {command} » n'a pas pu afficher {what}."


def pager_command(environ: Mapping[str, str] | None = None) -> str | None:
    """The pager's command line, as the environment chooses it; None: no pager."""
    environ = os.environ if environ is None else environ
    command = next(
        (environ[name] for name in PAGER_VARIABLES if name in environ), DEFAULT_PAGER
    ).strip()
    return None if command in NO_PAGER else command


def wanted(environ: Mapping[str, str] | None = None) -> bool:
    """Standard output is a terminal a pager can use, and the environment names one."""
    environ = os.environ if environ is None else environ
    try:
        terminal = sys.stdout is not None and sys.stdout.isatty()
    except (AttributeError, ValueError):  # closed, or not a real stream
        return False
    if not terminal or environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return False
    return pager_command(environ) is not None


def page(console: Console, renderable: RenderableType, what: str) -> None:
    """Print *renderable* on *console* (standard output, a terminal), through the pager
    when it takes more lines than the terminal has: the last line goes to the shell's
    prompt. *what* is said if the pager fails (« la fiche : elle suit »)."""
    with console.capture() as captured:
        console.print(renderable)
    shown = captured.get()
    if shown.count("\n") < console.size.height:
        sys.stdout.write(shown)
        sys.stdout.flush()
        return
    TerminalPager(what).show(shown)


class TerminalPager(Pager):
    """Text through the pager, or printed when there is none or it fails."""

    def __init__(self, what: str = "le détail : il suit") -> None:
        self.what = what

    def show(self, content: str) -> None:
        command = pager_command()
        if command is None:
            sys.stdout.write(content)
            sys.stdout.flush()
            return
        import shlex
        import shutil

        try:
            words = shlex.split(command)
        except ValueError:  # an unbalanced quote
            words = []
        if not words or shutil.which(words[0]) is None:
            self._instead(command, content)
            return
        env = dict(os.environ)
        if os.path.basename(words[0]) == "less":
            # -R: colours stay colours. Not -X: less keeps its own screen, where a mouse
            # wheel scrolls the text in most terminals. A LESS the user set wins for
            # everything but the prompt (less reads the command line last).
            env.setdefault("LESS", "-R")
            words = [*words, "-Ps" + LESS_PROMPT]
        if self._run(words, content, env) != 0:  # could not run it, or stopped on an error
            self._instead(command, content)

    @staticmethod
    def _run(words: list[str], content: str, env: dict[str, str]) -> int:
        """Run the pager on *content*; its exit code (-1: it could not start)."""
        import signal
        import subprocess

        # Ctrl-C reaches both processes: it is the pager's to handle (less stays open,
        # as under git), so this process waits for it instead of killing it and leaving
        # the terminal in the pager's modes. A handler, not SIG_IGN, which the pager
        # would inherit. A pager that Ctrl-C stopped ends this command as Ctrl-C does.
        # A pager that leaves before reading everything (a bad option, `false`) must not
        # kill the command: SIGPIPE is ignored while writing to it (cli/entry.py lets it
        # stop the process, as `head` expects of a short command), and the write that
        # fails is the pager's failure, said by the caller.
        interrupted: list[int] = []
        pipe = getattr(signal, "SIGPIPE", None)
        before_pipe = signal.signal(pipe, signal.SIG_IGN) if pipe is not None else None
        before_int = signal.signal(signal.SIGINT, lambda signum, frame: interrupted.append(signum))
        try:
            done = subprocess.run(words, input=content, text=True, env=env, check=False)
        except OSError:
            return -1
        finally:
            signal.signal(signal.SIGINT, signal.SIG_DFL if before_int is None else before_int)
            if pipe is not None:
                signal.signal(pipe, before_pipe)
        if interrupted and done.returncode != 0:
            raise KeyboardInterrupt
        return done.returncode

    def _instead(self, command: str, content: str) -> None:
        from orientation.output import clean

        sys.stderr.write(NOT_STARTED.format(command=clean(command), what=self.what) + "\n")
        sys.stdout.write(content)
        sys.stdout.flush()
