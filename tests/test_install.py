"""The package installs and finds its content in both modes, run from elsewhere.

Each test makes a real virtualenv and pip-installs the project into it (without
network: dependencies are borrowed from the running environment through a .pth
file, the build backend is the one the test extra installed).
"""

from __future__ import annotations

import json
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.helpers import orientation

pytestmark = pytest.mark.slow


def make_venv(where: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True)
    python = where / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # Borrow the dependencies (typer, rich, …) of the environment running the tests.
    borrowed = {sysconfig.get_paths()["purelib"], *site.getsitepackages()}
    Path(purelib, "borrowed_deps.pth").write_text("\n".join(sorted(borrowed)) + "\n")
    return python


def pip_install(python: Path, *args: str) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--quiet",
            *args,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def run_installed(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command installed in *venv*, without the checkout on PYTHONPATH."""
    command = (venv / "bin" / "orientation",)
    return orientation(*args, command=command, env={"PYTHONPATH": None}, cwd=cwd)


def check_installed(venv: Path, elsewhere: Path) -> str:
    listing = run_installed(venv, "list", "--json", cwd=elsewhere)
    assert listing.returncode == 0, listing.stderr
    assert len(json.loads(listing.stdout)) == 5
    shown = run_installed(venv, "show", "cesf", cwd=elsewhere)
    assert shown.returncode == 0, shown.stderr
    assert "Conseiller·ère social·e (CESF)" in shown.stdout
    where = subprocess.run(
        [
            venv / "bin" / "python",
            "-c",
            "import orientation.content.model as c; print(c.default_root())",
        ],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        check=True,
    )
    return where.stdout.strip()


def test_regular_install_carries_its_content(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    make_venv(venv)
    pip_install(venv / "bin" / "python", ".")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    content = check_installed(venv, elsewhere)
    assert content.startswith(str(venv)), content  # inside site-packages, not the checkout
    assert Path(content, "fiches", "coordinateur-social.yaml").is_file()
    assert Path(content, "schemas", "fiche.schema.json").is_file()
    # The installed content is read-only for authors: they start from a copy.
    refused = run_installed(venv, "new", "educateur-specialise", cwd=elsewhere)
    assert refused.returncode == 1
    assert "orientation init mon-contenu" in refused.stderr.replace("\n", " ")
    assert run_installed(venv, "init", "mine", cwd=elsewhere).returncode == 0
    assert (elsewhere / "mine" / "schemas" / "fiche.schema.json").is_file()
    made = run_installed(venv, "new", "educateur-specialise", "--content", "mine", cwd=elsewhere)
    assert made.returncode == 0, made.stderr
    assert (elsewhere / "mine" / "fiches" / "educateur-specialise.yaml").is_file()
    checked = run_installed(venv, "check", "mine", cwd=elsewhere)
    assert checked.returncode == 1  # the template is not filled in yet
    assert "mine/fiches/educateur-specialise.yaml:" in checked.stdout


def test_editable_install_reads_the_checkout(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    make_venv(venv)
    pip_install(venv / "bin" / "python", "-e", ".")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert check_installed(venv, elsewhere) == str(ROOT / "content")
