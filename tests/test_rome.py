"""ROME codes: each fiche names its nearest ROME 4.0 codes, editorial and dated; `show`
finds a fiche by its code; `check` compares codes and labels with rome.yaml."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from orientation.authoring.checks import rome_problems
from orientation.content.catalogue import load_catalogue, read_content
from orientation.content.model import ROME_CODE, default_root
from orientation.content.reperes import read_rome_list
from orientation.errors import Problem
from tests.helpers import invoke, orientation

INSERTION = "fiches/charge-d-insertion-sociale.yaml"


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def line_of(root: Path, name: str, needle: str) -> int:
    lines = (root / name).read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def check(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    monkeypatch.chdir(root.parent)
    code, out, _ = invoke("check", "content", columns=300)
    return code, out.splitlines()


def test_every_shipped_fiche_names_listed_rome_codes() -> None:
    problems: list[Problem] = []
    listed = read_rome_list(default_root(), problems)
    assert problems == []
    assert listed is not None
    assert listed.checked == "2026-12-04"
    for fiche in load_catalogue(default_root()).fiches:
        assert fiche.rome, fiche.slug
        for code in fiche.rome:
            assert ROME_CODE.fullmatch(code.code)
            assert listed.labels[code.code] == code.label
            assert code.date == "2026-12-04"
            assert len(code.why) > 60, fiche.slug  # a reason, not a word


def test_show_finds_a_fiche_by_its_rome_code() -> None:
    code, out, _ = invoke("show", "K1801", "--bref")
    assert code == 0
    assert "Chargé·e d'insertion sociale" in out
    assert "K1801 (choisi par la rédaction)" in out  # one screen: the label in the fiche
    code, out, _ = invoke("show", "k1801", "--bref")  # any case
    assert code == 0


def test_a_code_shared_by_two_fiches_lists_them() -> None:
    code, _, err = invoke("show", "K1201")
    assert code != 0
    assert "2 fiches portent le code ROME K1201 :" in err
    assert "orientation show conseiller-social" in err
    assert "orientation show coordinateur-social" in err


def test_an_unknown_code_says_so() -> None:
    code, _, err = invoke("show", "K9999")
    assert code != 0
    assert "Aucune fiche ne porte le code ROME K9999." in err


def test_k1225_is_no_fiche_s_code_and_the_message_gives_those_there_are() -> None:
    """Issue 28 wanted `show K1225` to open the CESF; K1225 could not be confirmed
    (ONISEP gives K1201 for the CESF: content/rome.yaml), so no fiche carries it. The
    message says so, then which codes the fiches carry, and by which fiches."""
    code, out, err = invoke("show", "K1225", columns=200)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "Erreur : Aucune fiche ne porte le code ROME K1225. Les codes que portent les fiches :",
        "- K1201 (Action sociale) : conseiller-social, coordinateur-social",
        "- K1801 (Conseil en emploi et insertion socioprofessionnelle) : "
        "charge-d-insertion-sociale",
        "- K1802 (Développement local) : charge-de-mission-sociale, charge-de-missions-locales",
        "La liste des métiers : orientation list",
    ]
    assert "Traceback" not in err


@pytest.mark.slow
def test_the_plain_form_says_the_same_of_k1225() -> None:
    # `orientation show K1225` runs without typer (cli/commands.py): the same message.
    err = invoke("show", "K1225", columns=200)[2]
    done = orientation("show", "K1225", columns=200)
    assert done.returncode == 1
    assert done.stderr == err


def test_the_code_is_shown_marked_and_dated_everywhere() -> None:
    for args in ((), ("--markdown",)):
        code, out, _ = invoke("show", "conseiller-social", *args, columns=200)
        assert code == 0
        flat = " ".join(out.replace("\u00a0", " ").split())
        assert "K1201 Action sociale" in flat
        assert "NDLR (4 décembre 2026) : le plus proche dans le répertoire des métiers" in flat
    data = json.loads(invoke("show", "conseiller-social", "--json")[1])
    assert data["rome"][0]["code"] == "K1201"
    assert data["rome"][0]["label"] == "Action sociale"
    assert data["rome"][0]["date"] == "2026-12-04"
    code, out, _ = invoke("show", "conseiller-social", "--sources", columns=200)
    assert "appellation de la fiche K1201" in " ".join(out.split())


def test_check_refuses_a_malformed_code(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(content_copy, INSERTION, "  - code: K1801", "  - code: K180")
    code, lines = check(content_copy, monkeypatch)
    line = line_of(content_copy, INSERTION, "  - code: K180")
    assert code == 1
    assert (
        f"content/{INSERTION}:{line}:11: champ « rome[1].code » : « K180 » n'est pas un code "
        "ROME (une lettre de A à N et quatre chiffres, par exemple K1201)"
    ) in lines


def test_check_refuses_a_code_missing_from_the_list(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(content_copy, INSERTION, "  - code: K1801", "  - code: K1205")
    code, lines = check(content_copy, monkeypatch)
    line = line_of(content_copy, INSERTION, "  - code: K1205")
    assert code == 1
    assert lines == [
        f"content/{INSERTION}:{line}:5: champ « rome[1].code » : K1205 n'est pas dans la liste "
        "vérifiée de rome.yaml ; l'y ajouter avec son intitulé du ROME 4.0",
        "1 problème dans 1 fichier.",
    ]


def test_check_refuses_a_label_that_differs(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(
        content_copy,
        INSERTION,
        "label: Conseil en emploi et insertion socioprofessionnelle",
        "label: Insertion sociale",
    )
    code, lines = check(content_copy, monkeypatch)
    line = line_of(content_copy, INSERTION, "  - code: K1801")
    assert code == 1
    assert lines == [
        f"content/{INSERTION}:{line}:5: champ « rome[1].label » : « Insertion sociale » n'est "
        "pas l'intitulé de K1801 dans rome.yaml (« Conseil en emploi et insertion "
        "socioprofessionnelle »)",
        "1 problème dans 1 fichier.",
    ]


def test_check_says_when_the_list_is_more_than_a_year_old(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reading = read_content(default_root())
    listed = read_rome_list(default_root(), [])
    assert rome_problems(reading, listed, datetime.date(2027, 12, 4)) == []
    [old] = rome_problems(reading, listed, datetime.date(2027, 12, 5))
    assert old.path.name == "rome.yaml"
    assert "il y a plus d'un an" in old.message
    edit(content_copy, "rome.yaml", "checked: 2026-12-04", "checked: 2025-11-01")
    code, lines = check(content_copy, monkeypatch)
    assert code == 1
    assert lines[0].startswith("content/rome.yaml:7:10: liste des codes ROME vérifiée le ")


def test_check_wants_the_list_when_a_fiche_cites_a_code(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (content_copy / "rome.yaml").unlink()
    code, lines = check(content_copy, monkeypatch)
    assert code == 1
    assert len(lines) == 6  # one per fiche, and the count
    assert all("ajouter rome.yaml" in line for line in lines[:-1])
