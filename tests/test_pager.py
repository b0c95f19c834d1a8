"""The pager of the quiz's details (cli/pager.py): a pager that fails shows the text
anyway, and one that leaves before reading it all never kills the quiz."""

from __future__ import annotations

import subprocess
import sys

import pytest

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
