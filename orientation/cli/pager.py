"""The pager that shows long text (the quiz's details): $PAGER as the user set it, else
`less`, which is told to show « q pour quitter » in its prompt. A pager that cannot be
started (a misspelt $PAGER, no `less`) or that stops on an error (a bad option) does not
swallow the text: it is printed instead, with one line saying why."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys

from rich.pager import Pager

# less's prompt (-P): shown at the bottom of every screen. « q pour quitter » first,
# the line number after (?l…. prints it when less knows it).
LESS_PROMPT = "q pour quitter · Espace ou flèches pour défiler?lb (ligne %lb)."
NOT_STARTED = "Le lecteur de pages « {command} » n'a pas pu afficher le détail : il suit."


class TerminalPager(Pager):
    def show(self, content: str) -> None:
        command = os.environ.get("PAGER", "").strip() or "less"
        try:
            words = shlex.split(command)
        except ValueError:  # an unbalanced quote
            words = []
        if not words or shutil.which(words[0]) is None:
            self._instead(command, content)
            return
        env = dict(os.environ)
        if os.path.basename(words[0]) == "less":
            # -R: colours stay colours; the prompt says how to leave. A LESS the user set
            # wins for everything but the prompt (less reads the command line last).
            env.setdefault("LESS", "-R")
            words = [*words, "-Ps" + LESS_PROMPT]
        # A pager that leaves before reading everything (a bad option, `false`) must not
        # kill the quiz: SIGPIPE is ignored while writing to it (cli/entry.py lets it
        # stop the process, as `head` expects of a short command), and the write that
        # fails is the pager's failure, said below.
        import signal

        pipe = getattr(signal, "SIGPIPE", None)
        before = signal.signal(pipe, signal.SIG_IGN) if pipe is not None else None
        try:
            done = subprocess.run(words, input=content, text=True, env=env, check=False)
        except OSError:
            self._instead(command, content)
            return
        finally:
            if pipe is not None:
                signal.signal(pipe, before)
        if done.returncode != 0:  # could not run it, or it stopped on an error
            self._instead(command, content)

    @staticmethod
    def _instead(command: str, content: str) -> None:
        from orientation.output import clean

        sys.stderr.write(NOT_STARTED.format(command=clean(command)) + "\n")
        sys.stdout.write(content)
        sys.stdout.flush()
