"""Issue 16, numbers and result files: cases 20, 23, 32 and 34 of docs/robustesse.md.

Each test runs the installed command in a real process, as a user would.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from orientation import storage
from tests.test_robustness import ENV, IDS, favouring_piege
from tests.test_terminal import ORIENTATION

LONG = "7" * 5000  # int() refuses more than 4300 digits


def orientation(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The installed `orientation ARGS` (state and cache directories come from the test)."""
    return subprocess.run(
        [str(ORIENTATION), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **ENV, "COLUMNS": "300"},
        cwd=cwd,
        stdin=subprocess.DEVNULL,
    )


def refused(done: subprocess.CompletedProcess[str]) -> str:
    """The one-line error of a command that failed cleanly."""
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    return done.stderr


def saved_result(tmp_path: Path, name: str = "resultats.json") -> Path:
    path = tmp_path / name
    done = orientation(
        "quiz", "--answers", str(favouring_piege(tmp_path)), "--save", name, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    return path


# --- 20. Numbers too long to convert --------------------------------------------------


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "field", "interval"),
    [
        ("fiches/coordinateur-social.yaml", "weight: 3", "tags.administratif.weight", "0–3"),
        ("fiches/coordinateur-social.yaml", "min: 1600", "salary[1].min", "0–1000000"),
        ("questions.yaml", "empathie: 2}", "[1].tags.empathie", "1–2"),
    ],
)
def test_20_a_5000_digit_number_in_content_is_named(
    tmp_path: Path, content_copy: Path, file: str, old: str, field: str, interval: str
) -> None:
    key, _, rest = old.partition(": ")
    replace_in(content_copy / file, old, f"{key}: {LONG}{rest.lstrip('0123456789')}")
    line = next(
        number
        for number, text in enumerate((content_copy / file).read_text().splitlines(), 1)
        if LONG in text
    )
    command = "questions" if file == "questions.yaml" else "list"
    err = refused(orientation("--content", "content", command, cwd=tmp_path))
    assert f"content/{file}:{line}:" in err
    assert f"« {field} » : nombre de 5000 chiffres, hors de l'intervalle {interval}" in err


def test_20_leading_zeros_are_not_digits_that_count(tmp_path: Path, content_copy: Path) -> None:
    path = content_copy / "fiches/coordinateur-social.yaml"
    replace_in(path, "weight: 3", f"weight: {'0' * 5000}3")
    done = orientation("--content", "content", "show", "coordinateur-social", cwd=tmp_path)
    assert done.returncode == 0, done.stderr


def answers_with(tmp_path: Path, value: str, suffix: str) -> Path:
    """A full answer file whose fourth answer is *value*, written as is."""
    path = tmp_path / f"reponses{suffix}"
    if suffix == ".json":
        body = ",\n".join(f'  "{i}": {value if n == 3 else 3}' for n, i in enumerate(IDS))
        path.write_text("{\n" + body + "\n}\n", encoding="utf-8")
    else:
        path.write_text("".join(f"{i}: {value if n == 3 else 3}\n" for n, i in enumerate(IDS)))
    return path


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_20_a_5000_digit_answer_is_named(tmp_path: Path, suffix: str) -> None:
    path = answers_with(tmp_path, LONG, suffix)
    err = refused(orientation("quiz", "--answers", path.name, cwd=tmp_path))
    line = 5 if suffix == ".json" else 4
    assert err.startswith(f"Erreur : {path.name}:{line}:")
    assert f"question « {IDS[3]} » : réponse « 7777777777" in err
    assert "(5000 caractères) » invalide ; attendu un nombre de 1 à 5" in err
    assert len(err) < 300  # the number is not copied whole


def test_20_a_5000_digit_answer_in_a_result_is_named(tmp_path: Path) -> None:
    path = saved_result(tmp_path)
    text = path.read_text()
    path.write_text(text.replace(f'"{IDS[3]}": ', f'"{IDS[3]}": {LONG}, "x": ', 1))
    for args in (
        ["report", path.name],
        ["compare", "cesf", "coordinateur-social", "--results", path.name],
    ):
        err = refused(orientation(*args, cwd=tmp_path))
        assert err.startswith("Erreur : resultats.json:")
        assert f"question « {IDS[3]} » : réponse « 7777777777" in err


def test_20_a_5000_digit_answer_in_the_progress_is_dropped(tmp_path: Path, state_dir: Path) -> None:
    state_dir.mkdir(parents=True)
    progress = {
        "format": "orientation-progress",
        "version": 1,
        "started": "2026-11-22T09:00:00",
        "position": 2,
        "answers": {IDS[0]: 4, IDS[1]: 0},
    }
    text = json.dumps(progress).replace('": 0}', f'": {LONG}}}')
    storage.progress_path().write_text(text, encoding="utf-8")
    done = subprocess.run(
        [str(ORIENTATION), "quiz", "--resume", "--plain", "--json"],
        input="\n".join(["3"] * len(IDS)) + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **ENV},
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    answers = json.loads(done.stdout)["answers"]
    assert answers[IDS[0]] == 4  # kept
    assert answers[IDS[1]] == 3  # not an answer: dropped like 9 or true, so asked again


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        (LONG, f"version « {'7' * 30}… (5000 caractères) » non prise en charge (attendu"),
        ('"²"', "version « ² » non prise en charge : un numéro écrit avec les chiffres 0 à 9"),
        ('"٣"', "version « ٣ » non prise en charge : un numéro écrit avec les chiffres 0 à 9"),
    ],
)
def test_20_a_result_version_too_long_or_in_other_digits_is_named(
    tmp_path: Path, version: str, expected: str
) -> None:
    path = saved_result(tmp_path)
    text = path.read_text()
    path.write_text(re.sub(r'"version": \d+', lambda _: f'"version": {version}', text, count=1))
    line = next(n for n, t in enumerate(path.read_text().splitlines(), 1) if '"version"' in t)
    for args in (
        ["report", path.name],
        ["compare", "cesf", "coordinateur-social", "--results", path.name],
    ):
        err = refused(orientation(*args, cwd=tmp_path))
        assert err.startswith(f"Erreur : resultats.json:{line}:")
        assert expected in err
        assert err.count("\n") == 1
