from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer

from orientation import __version__
from orientation.cli.app import app, complete_slug
from tests.helpers import IMPORTTIME, PYTHON_M, invoke, orientation


def test_version() -> None:
    code, out, _ = invoke("--version")
    assert code == 0
    assert out == f"orientation {__version__}\n"


def test_help_is_french_everywhere() -> None:
    for args in ([], ["list"], ["show"]):
        code, out, _ = invoke(*args, "--help")
        assert code == 0
        assert "Utilisation : orientation" in out
        assert "Afficher cette aide et quitter." in out
        for english in (
            "Usage:",
            "Show this message",
            "[default",
            "<str>",
            "Commands",
        ):
            assert english not in out
    _, out, _ = invoke("--help")
    assert "Installer la complétion" in out
    assert "Commandes" in out


def test_help_lists_every_command_and_option() -> None:
    from orientation.cli.clifr import FrenchGroup

    group = typer.main.get_command(app)
    assert isinstance(group, FrenchGroup)
    _, out, _ = invoke("--help")
    for name, command in group.commands.items():
        assert f"│ {name} " in out
        _, own, _ = invoke(name, "--help")
        assert f"Utilisation : orientation {name} " in own
        for param in command.params:
            for opt in getattr(param, "opts", []) if param.param_type_name == "option" else []:
                assert opt in own, (name, opt)
        assert "--help, -h" in own
        assert "{" not in own  # typer's {REQUIRED} metavars are not ours
        assert max(len(line) for line in own.splitlines()) <= 80


def test_help_shows_one_example_a_line() -> None:
    _, out, _ = invoke("compare", "--help")
    lines = out.splitlines()
    start = next(n for n, line in enumerate(lines) if line.strip() == "Exemples\u00a0:")
    assert [line.strip() for line in lines[start + 1 : start + 3]] == [
        "orientation compare coordinateur-social charge-d-insertion-sociale",
        "orientation compare cesf coordinateur-social --results resultats.json",
    ]
    _, narrow, _ = invoke("compare", "--help", columns=60)
    lines = [line.rstrip() for line in narrow.splitlines()]
    start = lines.index(" Exemples\u00a0:")
    assert lines[start + 1 : start + 5] == [  # continued lines stand out
        "   orientation compare coordinateur-social",
        "     charge-d-insertion-sociale",
        "   orientation compare cesf coordinateur-social --results",
        "     resultats.json",
    ]
    _, out, _ = invoke("show", "--help")
    assert out.endswith("╯\n")  # no blank line after the last panel
    lines = out.splitlines()
    assert "Utilisation : orientation show [OPTIONS] MÉTIER" in [line.strip() for line in lines]
    assert "coordinatrice-sociale… [obligatoire]" in out


@pytest.mark.slow
def test_help_loads_neither_markdown_nor_tracebacks() -> None:
    # typer's own help formatter imports rich.markdown and rich.traceback: 40 ms.
    done = orientation("show", "--help", command=IMPORTTIME)
    assert done.returncode == 0, done.stderr
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "rich.panel" in imported  # the measure works
    assert not imported & {"typer.rich_utils", "rich.markdown", "rich.traceback"}


def test_usage_line_is_wrapped_once() -> None:
    # click would wrap it for « Usage: » first, then rich again: ragged lines.
    _, out, _ = invoke("--help", columns=40)
    assert [line.rstrip() for line in out.splitlines()[1:3]] == [
        " Utilisation : orientation [OPTIONS]",
        " COMMANDE [ARGUMENTS]...",
    ]


def test_no_arguments_shows_help_as_usage_error() -> None:
    code, out, _ = invoke()
    assert code == 2
    assert "Utilisation : orientation" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show"], "Erreur : argument manquant : MÉTIER"),
        (["show", "cesf", "--pdf"], "Erreur : option inconnue : --pdf"),
        (["shwo"], "Erreur : commande inconnue : « shwo » (vouliez-vous dire « show » ?)"),
        (
            ["show", "mission", "locale"],
            "Erreur : en trop sur la ligne de commande : locale (un nom de plusieurs mots "
            's\'écrit entre guillemets : "mission locale")',
        ),
        (["list", "--json=oui"], "Erreur : l'option --json ne prend pas de valeur"),
        (["show", "cesf", "--json", "--markdown"], "Erreur : choisir --json ou --markdown"),
    ],
)
def test_usage_errors_exit_2_in_french(args: list[str], message: str) -> None:
    code, out, err = invoke(*args)
    assert code == 2
    assert " ".join(message.split()) in " ".join(err.split())  # (a long message wraps)
    assert out == ""
    assert "Traceback" not in err


def test_list_table() -> None:
    code, out, _ = invoke("list")
    assert code == 0
    for slug in (
        "charge-de-mission-sociale",
        "charge-d-insertion-sociale",
        "charge-de-missions-locales",
        "coordinateur-social",
        "conseiller-social",
    ):
        assert slug in out  # never truncated at 80 columns
    assert "Coordinateur·rice social·e" in out
    assert "Vie quotidienne" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_list_json() -> None:
    code, out, _ = invoke("list", "--json")
    assert code == 0
    data = json.loads(out)
    assert [item["slug"] for item in data] == sorted(item["slug"] for item in data)
    coordinateur = next(item for item in data if item["slug"] == "coordinateur-social")
    assert coordinateur["strongest_tags"][0] == "administratif"
    assert coordinateur["tags"]["administratif"] == 3


def test_show_by_alias() -> None:
    code, out, _ = invoke("show", "cesf")
    assert code == 0
    assert "Conseiller·ère social·e (CESF)" in out
    assert "ASLL" in out


def test_long_unknown_slug_is_cut_in_the_message() -> None:
    code, _, err = invoke("show", "x" * 10_000)
    assert code == 1
    assert len(err) < 300


def test_show_unknown_slug_suggests() -> None:
    code, out, err = invoke("show", "coordinatuer")
    assert code == 1
    assert out == ""
    assert "Aucun métier ne correspond à « coordinatuer »" in err
    assert "coordinateur-social" in err


def test_show_json_shape() -> None:
    code, out, _ = invoke("show", "conseiller-social", "--json")
    assert code == 0
    data = json.loads(out)
    assert {"slug", "title", "tags", "salary"} <= set(data)
    assert data["slug"] == "conseiller-social"
    assert data["salary"] == []  # the source gives none: nothing invented
    assert data["tags"]["vie-quotidienne"] == 3


def test_show_json_salary_is_normalised() -> None:
    _, out, _ = invoke("show", "charge-de-mission-sociale", "--json")
    salaries = json.loads(out)["salary"]
    start = next(s for s in salaries if s["stage"] == "start")
    assert (start["min"], start["max"], start["period"]) == (25000, 30000, "year")
    assert start["monthly_gross"] == {"min": 2083, "max": 2500}
    # The source's header range (2 083 € to 3 750 €) is the two stages divided by 12:
    # told on the start row, not a third row.
    assert [s["stage"] for s in salaries] == ["start", "mid"]
    _, out, _ = invoke("show", "charge-de-missions-locales", "--json")
    (unknown,) = json.loads(out)["salary"]  # the source doesn't say gross or net
    assert unknown["basis"] is None
    assert unknown["monthly_gross"] is None
    assert unknown["monthly"] == {"min": 2917, "max": 2917}


def test_show_markdown() -> None:
    code, out, _ = invoke("show", "coordinateur-social", "--markdown")
    assert code == 0
    assert out.startswith("# Coordinateur·rice social·e\n")
    assert "## Salaire\n" in out
    start = "- **Début de carrière**\u00a0: 1\u00a0600\u00a0€ à 1\u00a0800\u00a0€ brut par mois"
    assert start in out
    assert "## Expérience demandée" not in out  # said once, with the other gaps:
    gaps = "Non renseigné par la source\u00a0: "
    assert gaps in out
    assert "expérience demandée" in out.split(gaps)[1].split("\n\n")[0]


def test_completion_callback() -> None:
    ctx = typer.Context(typer.main.get_command(app))
    assert complete_slug(ctx, "coo") == [("coordinateur-social", "Coordinateur·rice social·e")]
    assert [s for s, _ in complete_slug(ctx, "")] == [
        "charge-d-insertion-sociale",
        "charge-de-mission-sociale",
        "charge-de-missions-locales",
        "conseiller-social",
        "coordinateur-social",
    ]


def bash_complete(words: str) -> list[str]:
    """What bash would offer after *words*, through the installed script's real protocol."""
    env = {
        "_ORIENTATION_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    result = orientation(env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_shell_completion_through_the_real_protocol() -> None:
    assert bash_complete("orientation show coo") == ["coordinateur-social"]


@pytest.mark.slow
def test_full_disk_is_a_clear_error() -> None:
    with open("/dev/full", "w") as full:
        process = orientation("show", "cesf", "--json", stdout=full, command=PYTHON_M)
    assert process.returncode == 1
    assert process.stderr.startswith("Erreur : écriture impossible")
    assert "Traceback" not in process.stderr


@pytest.mark.slow
def test_ascii_terminal_gets_no_traceback() -> None:
    result = orientation("list", env={"PYTHONIOENCODING": "ascii"}, command=PYTHON_M)
    assert result.returncode == 0
    assert "Charg??e d'insertion sociale" in result.stdout  # é and · replaced, no crash


@pytest.mark.slow
def test_runs_from_another_directory(tmp_path: Path) -> None:
    result = orientation("show", "cesf", "--json", cwd=tmp_path, command=PYTHON_M)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["slug"] == "conseiller-social"


@pytest.mark.slow
@pytest.mark.parametrize(
    "args", [["list", "--json"], ["show", "coordinateur-social", "--markdown"], ["--version"]]
)
def test_a_real_process_writes_the_whole_output(args: list[str]) -> None:
    # A successful command leaves at once (entry._leave) instead of tearing the modules
    # down: what it wrote must still all be there, as the same command gives in-process.
    result = orientation(*args, command=PYTHON_M)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == invoke(*args)[1]
