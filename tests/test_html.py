"""The --html handouts: the writer, the templates it ships, what it escapes, and how a
real browser (headless Chromium) prints them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from orientation.content import default_root, load_questions

SCRIPT = Path(sys.executable).parent / "orientation"  # the installed command
FICHE = "coordinateur-social"


def orientation(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "80"}
    return subprocess.run(
        [str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env={**base, **(env or {})},
        check=False,
        timeout=60,
    )


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    """Answers that rank the occupations (no flat profile)."""
    bank = load_questions(default_root(), cache=False)
    path = tmp_path / "reponses.json"
    path.write_text(json.dumps({q.id: 3 + (i % 3) - 1 for i, q in enumerate(bank)}))
    return path


# --- Jinja2 is loaded on the --html path only --------------------------------------

# The entry point ends with os._exit (entry.py): the probe says what was loaded then.
PROBE = (
    "import os, sys\n"
    "end = os._exit\n"
    "def said(status):\n"
    "    print('jinja2' in sys.modules, 'orientation.html' in sys.modules, file=sys.stderr)\n"
    "    sys.stderr.flush()\n"
    "    end(status)\n"
    "os._exit = said\n"
    "from orientation.entry import main\n"
    "main()\n"
)


def loaded(*args: str) -> str:
    """Whether the command line *args* imported jinja2 and orientation.html."""
    run = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
        check=False,
        timeout=60,
    )
    return run.stderr.strip().splitlines()[-1]


def test_commands_without_html_never_import_jinja2(answers: Path, tmp_path: Path) -> None:
    saved = tmp_path / "resultats.json"
    assert orientation("quiz", "--answers", str(answers), "--save", str(saved)).returncode == 0
    assert loaded("show", FICHE) == "False False"  # the plain path, without typer
    assert loaded("show", FICHE, "--markdown") == "False False"
    assert loaded("list") == "False False"
    assert loaded("--help") == "False False"
    assert loaded("show", "--help") == "False False"
    assert loaded("quiz", "--answers", str(answers), "--json") == "False False"
    assert loaded("report", str(saved)) == "False False"
    assert loaded("report", str(saved), "--markdown") == "False False"
