"""Dated reference figures (reperes.yaml): cited by the notes, shown with their date and
source, and `check` says when a figure, a note or a salary is no longer today's."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest

from orientation.authoring.checks import dated_problems
from orientation.content.catalogue import read_content
from orientation.content.model import default_root
from orientation.content.reperes import read_reperes
from orientation.errors import Problem
from tests.helpers import invoke

INSERTION = "fiches/charge-d-insertion-sociale.yaml"
COORD = "fiches/coordinateur-social.yaml"
SMIC_NOW = "12,02 € brut de l'heure, 1 823,03 € brut par mois pour 35 h par semaine"


def edit(root: Path, name: str, old: str, new: str) -> str:
    """Replace *old* (once, present) by *new* in root/name; the line of *new*."""
    path = root / name
    text = path.read_text("utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, "utf-8")
    return str(text[: text.index(new)].count("\n") + 1)


def check(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    monkeypatch.chdir(root.parent)
    code, out, _ = invoke("check", "content", columns=300)
    return code, out.splitlines()


def test_the_shipped_smic_is_todays_and_cited_not_copied() -> None:
    problems: list[Problem] = []
    reperes = read_reperes(default_root(), problems)
    assert problems == []
    smic = reperes.get("smic")
    assert smic is not None
    assert (smic.value, smic.since, smic.checked) == (SMIC_NOW, "2026-01-01", "2026-12-04")
    assert str(smic.monthly_gross) == "1823.03"
    for path in (default_root() / "fiches").glob("*.yaml"):
        text = path.read_text("utf-8")
        assert "1 801,80" not in text, path.name
        assert "1 823,03" not in text, path.name
    guide = (Path(__file__).parent.parent / "docs" / "content.md").read_text("utf-8")
    assert "1 801,80" not in guide


def test_the_shipped_smic_expires_on_the_next_first_of_january() -> None:
    reading = read_content(default_root())
    reperes = read_reperes(default_root(), [])
    assert dated_problems(reading, reperes, datetime.date(2026, 12, 31)) == []
    [stale] = dated_problems(reading, reperes, datetime.date(2027, 1, 1))
    assert stale.path.name == "reperes.yaml"
    assert "il a pu changer le 1er\u00a0janvier\u00a02027" in stale.message


def test_a_smic_older_than_its_first_of_january_fails(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    line = edit(content_copy, "reperes.yaml", "since: 2026-01-01", "since: 2025-01-01")
    code, lines = check(content_copy, monkeypatch)
    assert code == 1
    key = read_reperes(content_copy, []).figures[0].line
    assert int(line) > key
    assert lines == [
        f"content/reperes.yaml:{key}:1: repère « smic » (SMIC) en vigueur depuis le "
        "1er\u00a0janvier\u00a02025 : il a pu changer le 1er\u00a0janvier\u00a02026 ; vérifier "
        "le chiffre d'aujourd'hui et mettre à jour value, since et checked",
        "1 problème dans 1 fichier.",
    ]


def test_a_figure_past_its_end_date_fails(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(content_copy, "reperes.yaml", "  renewed: 01-01\n", "  until: 2026-06-30\n")
    code, lines = check(content_copy, monkeypatch)
    assert code == 1
    assert "il a pu changer le 30\u00a0juin\u00a02026" in lines[0]


def test_a_figure_checked_more_than_a_year_ago_fails(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reading = read_content(content_copy)
    edit(content_copy, "reperes.yaml", "checked: 2026-12-04", "checked: 2025-12-01")
    reperes = read_reperes(content_copy, [])
    [old] = dated_problems(reading, reperes, datetime.date(2026, 12, 31))
    assert "vérifié le 1er\u00a0décembre\u00a02025, il y a plus d'un an" in old.message
    code, lines = check(content_copy, monkeypatch)
    assert code == 1
    assert "il y a plus d'un an" in lines[0]


def test_an_editorial_note_older_than_a_year_fails(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(content_copy, INSERTION, "    date: 2026-11-30", "    date: 2025-11-30")
    code, lines = check(content_copy, monkeypatch)
    text = (content_copy / INSERTION).read_text("utf-8").splitlines()
    note = text.index("editorial:") + 2  # the note's first field, `- field: …`
    assert code == 1
    assert lines == [
        f"content/{INSERTION}:{note}:5: note de la rédaction datée du "
        "30\u00a0novembre\u00a02025, il y a plus d'un an : la vérifier (les chiffres, les noms "
        "et les règles changent) et mettre à jour sa date",
        "1 problème dans 1 fichier.",
    ]


def test_an_editorial_confusion_older_than_a_year_fails(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "fiches/charge-de-missions-locales.yaml"
    edit(content_copy, name, "    editorial: 2026-11-30", "    editorial: 2025-01-15")
    code, lines = check(content_copy, monkeypatch)
    assert code == 1
    assert re.fullmatch(
        rf"content/{name}:[0-9]+:5: note « ne pas confondre » de la rédaction datée du "
        r"15\xa0janvier\xa02025, il y a plus d'un an : .*",
        lines[0],
    )


def test_a_salary_below_the_smic_needs_a_note_citing_it(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (content_copy / INSERTION).read_text("utf-8")
    assert text.count("    figure: smic\n") == 1
    (content_copy / INSERTION).write_text(text.replace("    figure: smic\n", ""), "utf-8")
    salary = text.splitlines().index("salary:") + 2 - 1  # the smic line is gone above it
    code, lines = check(content_copy, monkeypatch)
    assert code == 1
    assert lines == [
        f"content/{INSERTION}:{salary}:5: salaire brut de 1807 € par mois inférieur au SMIC "
        f"d'aujourd'hui ({SMIC_NOW}) : ajouter une note de la rédaction (editorial, "
        "field: salary[1], figure: smic) qui le dit",
        "1 problème dans 1 fichier.",
    ]


def test_a_note_on_all_salaries_citing_the_smic_is_enough(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(content_copy, INSERTION, "  - field: salary[1]", "  - field: salary")
    code, lines = check(content_copy, monkeypatch)
    assert (code, len(lines)) == (0, 1), lines


def test_a_net_or_higher_salary_needs_no_note(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(content_copy, INSERTION, "    figure: smic\n", "")
    edit(
        content_copy,
        INSERTION,
        "    basis: gross\n    source: France Travail",
        "    basis: net\n    source: France Travail",
    )
    code, lines = check(content_copy, monkeypatch)
    assert (code, len(lines)) == (0, 1), lines


def test_a_note_citing_an_unknown_figure_fails(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(content_copy, COORD, "    figure: smic", "    figure: smig")
    code, lines = check(content_copy, monkeypatch)
    assert code == 1
    assert any(
        "champ « editorial[1].figure » : repère « smig » introuvable dans reperes.yaml "
        "(connus : smic)" in line
        for line in lines
    ), lines


def test_a_malformed_figure_is_reported(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(content_copy, "reperes.yaml", "monthly_gross: 1823.03", "monthly_gross: 1 823,03 €")
    edit(content_copy, "reperes.yaml", "renewed: 01-01", "renewed: janvier")
    code, lines = check(content_copy, monkeypatch)
    assert code == 1
    assert any("« smic.monthly_gross » : un montant en euros est attendu" in x for x in lines)
    assert any("« smic.renewed » : « janvier » n'est pas un jour MM-JJ" in x for x in lines)


def test_views_write_todays_figure_after_the_note(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def shown(*args: str) -> str:
        code, out, _ = invoke(
            "show",
            "charge-d-insertion-sociale",
            "--content",
            str(content_copy),
            *args,
            columns=400,
        )
        assert code == 0
        return re.sub(r"\s+", " ", out.replace("\u00a0", " "))

    said = shown()
    assert "Début de fourchette sous le SMIC. SMIC : 12,02 € brut de l'heure" in said
    assert "depuis le 1er janvier 2026 (source : décret publié au Journal officiel" in said
    assert "vérifié le 4 décembre 2026)" in said
    assert "SMIC :" in shown("--markdown")
    data = json.loads(
        invoke("show", "charge-d-insertion-sociale", "--content", str(content_copy), "--json")[1]
    )
    [cited] = [e["figure"] for e in data["editorial"] if e["figure"]]
    assert cited["value"] == SMIC_NOW
    assert cited["checked"] == "2026-12-04"
    # Updating reperes.yaml updates every fiche at once (nothing stale kept).
    edit(content_copy, "reperes.yaml", "12,02 € brut de l'heure", "12,50 € brut de l'heure")
    assert "SMIC : 12,50 € brut de l'heure" in shown()
