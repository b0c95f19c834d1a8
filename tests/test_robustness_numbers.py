"""Issue 16, numbers and result files: cases 20, 23, 32 and 34 of docs/robustesse.md.

Each test runs the installed command in a real process, as a user would.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from orientation.content.model import default_root
from orientation.results import progressfile, resultsfile
from orientation.results.outcome import LISTED
from tests import helpers
from tests.conftest import ROOT
from tests.test_robustness import IDS, favouring_piege, one_line

pytestmark = pytest.mark.slow


LONG = "7" * 5000  # int() refuses more than 4300 digits


def orientation(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The installed `orientation ARGS` in *cwd*, 300 columns wide: an error on one line."""
    return helpers.orientation(*args, cwd=cwd, timeout=timeout, columns=300)


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
    progressfile.progress_path().write_text(text, encoding="utf-8")
    done = helpers.orientation(
        "quiz",
        "--resume",
        "--plain",
        "--json",
        input="\n".join(["3"] * len(IDS)) + "\n",
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


# --- 23. Result files of any catalogue size ----------------------------------------------

BIG = 10_000


def load_benchmark() -> Any:
    spec = importlib.util.spec_from_file_location("benchmark_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a 10 000-fiche catalogue (`big/`, made as the benchmark makes it),
    read once so that its index exists, and a result saved with it."""
    folder = tmp_path_factory.mktemp("grand-catalogue")
    benchmark = load_benchmark()
    benchmark.make_catalogue(default_root(), folder / "big", BIG)
    benchmark.write_answers(folder / "big" / "questions.yaml", folder / "reponses.yaml")
    done = big_command(folder, "quiz", "--answers", "reponses.yaml", "--save", "resultats.json")
    assert done.returncode == 0, done.stderr
    return folder


def big_command(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # The module's folder keeps its own state and index: each test has others.
    env = {"XDG_CACHE_HOME": str(folder / "cache"), "XDG_STATE_HOME": str(folder / "state")}
    return helpers.orientation("--content", "big", *args, env=env, cwd=folder, timeout=300)


def test_23_a_result_saved_with_10000_fiches_is_small(big: Path) -> None:
    path = big / "resultats.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["ranked"] == BIG
    assert len(document["matches"]) == LISTED  # the ones the screen lists, with reasons
    assert all(match["reasons"] for match in document["matches"])
    assert len(document["answers"]) == len(IDS)
    # 21 MB before; a few KB for each listed match now, whatever the catalogue's size.
    assert path.stat().st_size < 64 * 1024


def test_23_a_result_saved_with_10000_fiches_is_read_back(big: Path) -> None:
    document = json.loads((big / "resultats.json").read_text(encoding="utf-8"))
    first, second = (m["slug"] for m in document["matches"][:2])
    done = big_command(big, "report", "resultats.json")
    assert done.returncode == 0, done.stderr
    assert f"orientation show {first}" in one_line(done.stdout)
    assert "ont changé depuis ce quiz" not in one_line(done.stdout)
    done = big_command(big, "compare", first, second, "--results", "resultats.json")
    assert done.returncode == 0, done.stderr
    assert "(1er sur 10000)" in one_line(done.stdout)


def test_23_json_output_keeps_every_match(big: Path) -> None:
    done = big_command(big, "quiz", "--answers", "reponses.yaml", "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["ranked"] == len(document["matches"]) == BIG


def test_23_a_change_in_the_first_matches_is_still_said(tmp_path: Path, content_copy: Path) -> None:
    """The file keeps only the first matches: a change among them is noticed."""
    answers = favouring_piege(tmp_path)
    saved = orientation(
        "--content", "content", "quiz", "--answers", answers.name, "--save", "r.json", cwd=tmp_path
    )
    assert saved.returncode == 0, saved.stderr
    assert json.loads((tmp_path / "r.json").read_text())["version"] == resultsfile.RESULTS_VERSION
    same = orientation("--content", "content", "report", "r.json", cwd=tmp_path)
    assert "ont changé depuis ce quiz" not in one_line(same.stdout)
    (content_copy / "fiches" / "conseiller-social.yaml").unlink()
    done = orientation("--content", "content", "report", "r.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Les fiches ou les questions ont changé depuis ce quiz" in one_line(done.stdout)


def test_23_a_version_1_result_is_still_read(tmp_path: Path) -> None:
    sample = ROOT / "tests" / "golden" / "results-sample.json"
    assert json.loads(sample.read_text())["version"] == 1
    done = orientation("report", str(sample), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "ont changé depuis ce quiz" not in one_line(done.stdout)


# --- 32. A byte order mark at the start of a result file ---------------------------------


@pytest.mark.parametrize("command", ["report", "compare --results"])
def test_32_a_result_saved_again_with_a_bom_is_read(tmp_path: Path, command: str) -> None:
    path = saved_result(tmp_path)
    args = (
        ["report", path.name]
        if command == "report"
        else ["compare", "cesf", "coordinateur-social", "--results", path.name]
    )
    before = orientation(*args, cwd=tmp_path)
    assert before.returncode == 0, before.stderr
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))  # Notepad
    after = orientation(*args, cwd=tmp_path)
    assert after.returncode == 0, after.stderr
    assert after.stdout == before.stdout


# --- 34. An answer file that is not one ------------------------------------------------

PASSWD = "".join(  # an empty last field (the default shell) makes each line a key
    f"{name}:x:{uid}:{uid}:{name}:/home/{name}:\n" for uid, name in enumerate(["root", "ana", "bo"])
)
GROUP = "".join(f"{name}:x:{gid}:\n" for gid, name in enumerate(["root", "daemon", "adm", "tty"]))
MEMINFO = "MemTotal:       16318132 kB\nMemFree:         8123456 kB\nBuffers:  1024 kB\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PASSWD, "aucune de ses 3 clés n'est un identifiant de question"),
        (GROUP, "aucune de ses 4 clés n'est un identifiant de question"),
        (MEMINFO, "aucune de ses 3 clés n'est un identifiant de question"),
        ("nom: Paul\n", "sa seule clé, « nom », n'est pas un identifiant de question"),
    ],
)
def test_34_a_file_that_is_not_an_answer_file_is_said_in_one_line(
    tmp_path: Path, text: str, expected: str
) -> None:
    (tmp_path / "fichier").write_text(text, encoding="utf-8")
    err = refused(orientation("quiz", "--answers", "fichier", cwd=tmp_path))
    assert err == (
        f"Erreur : fichier:1:1: ce n'est pas un fichier de réponses : {expected} "
        "(la liste : orientation questions)\n"
    )


def test_34_a_misspelt_answer_file_still_gets_its_hint(tmp_path: Path) -> None:
    (tmp_path / "reponses.yaml").write_text("ecoute-dificulte: 3\n", encoding="utf-8")
    err = refused(orientation("quiz", "--answers", "reponses.yaml", cwd=tmp_path))
    assert (
        "question inconnue « ecoute-dificulte » (vouliez-vous dire « ecoute-difficulte » ?)" in err
    )
