from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from orientation.content import default_root

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
