"""The plain command lines run without typer (orientation.commands) do exactly what
typer's path does: same output, same errors, same exit codes, in real processes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from orientation.cli.commands import COMPLETION_VARIABLE, plain_command
from orientation.content.catalogue import load_catalogue
from tests import helpers
from tests.helpers import imported_by

# Runs `orientation ARGS…`; with TYPER=1, the plain forms are refused, so typer parses.
MAIN = """
import os, sys
from orientation.cli import commands, entry
if os.environ.pop("TYPER", None):
    commands.plain_command = lambda args, environ: None
sys.argv = ["orientation", *sys.argv[1:]]
entry.main()
"""

OCCUPATIONS = [entry.slug for entry in load_catalogue(cache=False).entries]


def orientation(
    args: list[str], *, typer: bool, env: dict[str, str] | None = None, stdout: int = -1
) -> tuple[int, str, str]:
    """Kept beside tests.helpers.orientation, which it runs: MAIN stands for the command,
    and TYPER=1 sends the same line through typer, for the two paths to be compared."""
    done = helpers.orientation(
        *args,
        command=(sys.executable, "-c", MAIN),
        env={**(env or {}), **({"TYPER": "1"} if typer else {})},
        stdout=subprocess.PIPE if stdout == -1 else stdout,
        timeout=30,
    )
    return done.returncode, done.stdout or "", done.stderr


@pytest.mark.parametrize(
    ("args", "plain"),
    [
        (["list"], True),
        (["show", "cesf"], True),
        (["show", "coordinatrice sociale"], True),
        (["compare", "cesf"], True),  # one name: the same « 2 à 5 » error either way
        (["compare", *OCCUPATIONS, "cesf"], True),
        ([], False),
        (["list", "cesf"], False),
        (["list", "--json"], False),
        (["show"], False),
        (["show", "cesf", "coordinateur-social"], False),
        (["show", "cesf", "--markdown"], False),
        (["show", "-h"], False),
        (["show", "-"], False),
        (["show", "--", "cesf"], False),
        (["show", "ces*"], False),  # click expands wildcards on Windows…
        (["show", "%USERNAME%"], False),  # … and environment variables
        (["compare"], False),  # the checkbox
        (["compare", "cesf", "--json", "coordinateur-social"], False),
        (["--content", "x", "show", "cesf"], False),
        (["--help"], False),
        (["quiz"], False),
        (["shwo", "cesf"], False),
    ],
)
def test_plain_forms(args: list[str], plain: bool) -> None:
    assert (plain_command(args, {}) is not None) == plain


def test_completion_always_goes_through_typer() -> None:
    assert plain_command(["show", "cesf"], {COMPLETION_VARIABLE: "complete_bash"}) is None


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["show", "coordinateur-social"],
        ["show", "CESF"],
        ["show", "coordinatrice sociale"],
        ["show", "coordinatuer"],  # unknown: exit 1, with a suggestion
        ["show", ""],
        ["compare", "cesf", "coordinateur-social"],
        ["compare", *OCCUPATIONS],
        ["compare", "cesf"],  # too few: exit 2
        ["compare", *OCCUPATIONS, "cesf"],  # too many: exit 2
        ["compare", "cesf", "conseiller-social"],  # the same occupation twice
        ["compare", "cesf", "inconnu"],
    ],
)
def test_same_as_typer(args: list[str]) -> None:
    plain = orientation(args, typer=False)
    assert plain == orientation(args, typer=True)
    assert plain[0] in (0, 1, 2)
    assert "Traceback" not in plain[2]


@pytest.mark.slow
def test_the_plain_path_does_not_load_typer() -> None:
    imported = imported_by("show", "cesf", command=(sys.executable, "-X", "importtime", "-c", MAIN))
    assert "orientation.writers.terminal" in imported  # the measure works
    assert not {name for name in imported if name.startswith(("typer", "click"))}


def _broken(content_copy: Path) -> Path:
    (content_copy / "fiches" / "cesf.yaml").write_text("slug: [\n", encoding="utf-8")
    return content_copy


def _with_warning(content_copy: Path) -> Path:
    outside = content_copy.parent / "ailleurs.yaml"
    outside.write_text("slug: ailleurs\n", encoding="utf-8")
    (content_copy / "fiches" / "lien.yaml").symlink_to(outside)
    return content_copy


def _not_a_folder(content_copy: Path) -> Path:
    return content_copy / "tags.yaml"


@pytest.mark.slow
@pytest.mark.parametrize("make", [_broken, _with_warning, _not_a_folder])
@pytest.mark.parametrize("args", [["list"], ["show", "cesf"], ["compare", "cesf", "cesf"]])
def test_same_as_typer_with_other_content(
    content_copy: Path, make: Callable[[Path], Path], args: list[str]
) -> None:
    env = {"ORIENTATION_CONTENT": str(make(content_copy))}
    plain = orientation(args, typer=False, env=env)
    assert plain == orientation(args, typer=True, env=env)
    assert plain[2]  # each says something on stderr: a problem, a warning, a usage error


@pytest.mark.slow
def test_same_as_typer_on_a_full_disk() -> None:
    with open("/dev/full", "w") as full:
        plain = orientation(["show", "cesf"], typer=False, stdout=full.fileno())
        assert plain == orientation(["show", "cesf"], typer=True, stdout=full.fileno())
    assert plain[0] == 1
    assert plain[2].startswith("Erreur : écriture impossible")
