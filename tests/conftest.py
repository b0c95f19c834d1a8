from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from orientation.content.model import default_root
from tests.helpers import TMUX, Terminal

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped content root."""
    target = tmp_path / "content"
    shutil.copytree(default_root(), target)
    return target


@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test keeps quiz progress in its own directory, never in the real home."""
    target = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(target))
    return target / "orientation"


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test starts with an empty content index of its own (index.py), outside
    tmp_path, whose listing some tests check."""
    target = tmp_path.parent / f"{tmp_path.name}-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(target))
    return target / "orientation" / "index"


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    """A private tmux server (named after this pytest process and test, so that runs side
    by side never share one), killed afterwards; the test is skipped without tmux."""
    if TMUX is None:
        pytest.skip("tmux n'est pas installé et n'a pas pu l'être (voir .ci/run)")
    term = Terminal(f"orientation-{os.getpid()}-{tmp_path.name}")
    yield term
    if term.alive():
        term.tmux("kill-server")
