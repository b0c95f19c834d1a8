"""Goldens are compared, never rewritten by a passing run (tests.helpers.check_golden)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import helpers
from tests.helpers import check_golden


@pytest.fixture
def golden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(helpers, "GOLDEN", tmp_path / "tests" / "golden")
    helpers.GOLDEN.mkdir(parents=True)
    (helpers.GOLDEN / "ecran.txt").write_text("avant\n", encoding="utf-8")
    monkeypatch.delenv("UPDATE_GOLDEN", raising=False)
    return helpers.GOLDEN


def test_the_same_output_passes(golden: Path) -> None:
    check_golden("ecran.txt", "avant\n")


def test_another_output_fails_and_leaves_the_golden(golden: Path) -> None:
    with pytest.raises(AssertionError):
        check_golden("ecran.txt", "après\n")
    assert (golden / "ecran.txt").read_text(encoding="utf-8") == "avant\n"


def test_update_rewrites_the_golden_then_fails(
    golden: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UPDATE_GOLDEN", "1")
    with pytest.raises(pytest.fail.Exception, match=r"golden rewritten: tests/golden/ecran\.txt"):
        check_golden("ecran.txt", "après\n")
    assert (golden / "ecran.txt").read_text(encoding="utf-8") == "après\n"
    check_golden("ecran.txt", "après\n")  # unchanged now: compared, and it passes


def test_update_writes_a_missing_golden_then_fails(
    golden: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UPDATE_GOLDEN", "1")
    with pytest.raises(pytest.fail.Exception, match="review the diff, then run again"):
        check_golden("nouveau.txt", "neuf\n")
    assert (golden / "nouveau.txt").read_text(encoding="utf-8") == "neuf\n"


def test_a_missing_golden_fails_without_update(golden: Path) -> None:
    with pytest.raises(AssertionError, match="UPDATE_GOLDEN=1"):
        check_golden("nouveau.txt", "neuf\n")
    assert not (golden / "nouveau.txt").exists()
