"""Defects found by trying issue 18 as a counsellor, a student and an attacker."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import orientation

COORDINATION = "fiches/coordinateur-social.yaml"
LOCAL = "fiches/charge-de-missions-locales.yaml"


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def note(field: str, text: str) -> str:
    return f"  - field: {field}\n    note: {text}\n    date: 2026-11-30\n"


def test_compare_shows_the_editorial_notes_of_every_rubric_it_shows(content_copy: Path) -> None:
    fields = ["salary", "environment.structures", "employers", "career", "related"]
    fields += ["confusions[1]", "confusions[2]"]
    notes = "".join(note(field, f"Marque{n}") for n, field in enumerate(fields))
    edit(content_copy, COORDINATION, "editorial:\n", "editorial:\n" + notes)
    assert orientation("check", "--content", str(content_copy)).returncode == 0
    for extra in ((), ("--markdown",)):
        args = ("compare", "coordinateur-social", "cesf", *extra)
        result = orientation(*args, "--content", str(content_copy), env={"COLUMNS": "200"})
        assert result.returncode == 0, result.stderr
        for n in range(len(fields)):
            assert f"Marque{n}" in result.stdout, fields[n]


def test_an_editorial_note_on_a_zero_padded_rubric_is_refused(content_copy: Path) -> None:
    # « salary[01] » was accepted by check, then never shown: notes_on looks up « salary[1] ».
    edit(content_copy, COORDINATION, "editorial:\n", "editorial:\n" + note("salary[01]", "X"))
    result = orientation("check", "--content", str(content_copy))
    assert result.returncode == 1
    assert "coordinateur-social.yaml:185:12: champ « editorial[1].field » : « salary[01] »" in (
        result.stdout
    )


def test_a_confusion_name_without_a_word_is_refused(content_copy: Path) -> None:
    # It normalised to "", and then `show ""` or `show "!!!"` said « ne pas confondre ».
    edit(content_copy, LOCAL, "      - mission locale\n", "      - mission locale\n      - '!!!'\n")
    result = orientation("check", "--content", str(content_copy))
    assert result.returncode == 1
    assert (
        "charge-de-missions-locales.yaml:28:9: champ « confusions[1].names[2] » : ce nom ne "
        "contient aucun mot à chercher"
    ) in result.stdout
    for query in ("", "!!!"):
        shown = orientation("show", query, "--content", str(content_copy))
        assert shown.returncode == 1
        assert "Ne pas confondre" not in shown.stderr
