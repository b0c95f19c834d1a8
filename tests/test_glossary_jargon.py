"""The jargon a counsellor found unexplained in the fiches (issue 28) has its entry, and
each entry is one the fiches use."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from orientation.content.catalogue import load_glossary
from orientation.content.model import default_root
from tests.helpers import invoke
from tests.test_glossary import fiche_texts

JARGON = {
    "statut de cadre": "statut de cadre",
    "veille stratégique et législative": "veille stratégique et législative",
    "technologies sociales": "technologies sociales",
    "approche socio-éducative": "approche socio-éducative",
    "prestations de protection sociale": "prestations de protection sociale",
    "droit administratif": "droit administratif",
    "projet de vie": "projet de vie",
    "niveau 7": "niveau 7",
    "assistant familial": "assistant·e familial·e",
    "assistante sociale": "assistant·e social·e",
    "assistant social": "assistant·e social·e",
}


@pytest.mark.parametrize(("typed", "term"), JARGON.items())
def test_the_jargon_has_an_entry(typed: str, term: str) -> None:
    code, out, _ = invoke("glossaire", typed)
    assert code == 0, out
    assert out.splitlines()[0] == term


def test_each_new_entry_is_used_by_a_fiche() -> None:
    glossary = load_glossary(default_root(), cache=False)
    texts = [t for path in (default_root() / "fiches").glob("*.yaml") for t in fiche_texts(path)]
    used = {t.term for t in glossary.used_in(texts)}
    assert set(JARGON.values()) <= used, set(JARGON.values()) - used


# --- check: a fiche's sigles are defined, or plain French (issue 28) ---------------------

INSERTION = "fiches/charge-d-insertion-sociale.yaml"
SIGLE_ADVICE = (
    "l'ajouter au glossaire (glossaire.yaml, sous « terms: ») avec une définition d'une "
    "ligne, ou, s'il se lit comme un mot courant, à mots-courants.yaml"
)


def content_with(tmp_path: Path, career: str) -> Path:
    """A copy of the shipped content whose fiche charge-d-insertion-sociale starts its
    « career » with *career*, a list item."""
    root = tmp_path / "content"
    shutil.copytree(default_root(), root)
    fiche = root / INSERTION
    text = fiche.read_text("utf-8")
    assert "\ncareer:\n" in text
    fiche.write_text(text.replace("\ncareer:\n", f"\ncareer:\n  - {career}\n", 1), "utf-8")
    return root


def check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("check", "content", columns=400)
    return code, out.splitlines()


def where(root: Path, word: str) -> str:
    """`content/FILE:LINE:COLUMN` of the first *word* in the fiche."""
    lines = (root / INSERTION).read_text("utf-8").splitlines()
    pattern = re.compile(rf"(?<!\w){word}(?!\w)")
    number, found = next((i, m) for i, line in enumerate(lines) if (m := pattern.search(line)))
    return f"content/{INSERTION}:{number + 1}:{found.start() + 1}"


def test_an_undefined_sigle_in_a_fiche_fails_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = content_with(tmp_path, "Travailler avec un SAVS ou un SAMSAH, et un autre SAVS.")
    code, lines = check(tmp_path, monkeypatch)
    assert code == 1
    assert lines == [
        f"{where(root, 'SAVS')}: « SAVS » est un sigle sans définition : {SIGLE_ADVICE}",
        f"{where(root, 'SAMSAH')}: « SAMSAH » est un sigle sans définition : {SIGLE_ADVICE}",
        "2 problèmes dans 1 fichier.",
    ]


def test_a_sigle_defined_or_listed_as_plain_french_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = content_with(tmp_path, "Travailler avec un SAVS et regarder la TV.")
    glossary = root / "glossaire.yaml"
    text = glossary.read_text("utf-8")
    definition = (
        '  SAVS:\n    definition: "Service d\'accompagnement à la vie sociale."\n'
        "    checked: 2026-12-04\n"
    )
    glossary.write_text(text.replace("terms:\n", "terms:\n" + definition, 1), "utf-8")
    (root / "mots-courants.yaml").write_text("mots:\n  - TV\n", "utf-8")
    code, lines = check(tmp_path, monkeypatch)
    assert code == 0, lines
    (root / "mots-courants.yaml").write_text("mots: []\n", "utf-8")
    code, lines = check(tmp_path, monkeypatch)
    assert code == 1
    assert lines[0] == f"{where(root, 'TV')}: « TV » est un sigle sans définition : {SIGLE_ADVICE}"


def test_numerals_codes_and_longer_forms_are_not_undefined_sigles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # « DE ASS » is a form of DEASS: « ASS » is a word of it, not a sigle of its own.
    content_with(tmp_path, "Niveau II à IV ; code K1201 ; un DE ASS, puis un BTS.")
    code, lines = check(tmp_path, monkeypatch)
    assert code == 0, lines


def test_a_watched_sigle_is_said_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = content_with(tmp_path, "Travailler avec un ESAT.")  # watched, not defined
    code, lines = check(tmp_path, monkeypatch)
    assert code == 1
    assert lines == [
        f"{where(root, 'ESAT')}: « ESAT » est un sigle à expliquer : l'ajouter au glossaire "
        "(glossaire.yaml, sous « terms: ») avec une définition d'une ligne",
        "1 problème dans 1 fichier.",
    ]


def test_without_a_glossary_sigles_are_not_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = content_with(tmp_path, "Travailler avec un SAVS.")
    (root / "glossaire.yaml").unlink()
    code, lines = check(tmp_path, monkeypatch)
    assert code == 0, lines


def test_a_bad_plain_words_file_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = content_with(tmp_path, "Rien de plus.")
    (root / "mots-courants.yaml").write_text("mots: [TV]\nautres: [OK]\n", "utf-8")
    code, lines = check(tmp_path, monkeypatch)
    assert code == 1
    assert lines == [
        "content/mots-courants.yaml:2:1: champ inconnu « autres »",
        "1 problème dans 1 fichier.",
    ]


@pytest.mark.parametrize(
    ("term", "fiche"),
    [
        ("projet de vie", "coordinateur-social.yaml"),
        ("statut de cadre", "conseiller-social.yaml"),
        ("droit administratif", "coordinateur-social.yaml"),
    ],
)
def test_the_jargon_of_the_issue_is_watched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, term: str, fiche: str
) -> None:
    """Its definition removed, a fiche that uses it fails check: the entry cannot go."""
    root = tmp_path / "content"
    shutil.copytree(default_root(), root)
    glossary = root / "glossaire.yaml"
    text = glossary.read_text("utf-8")
    entry = re.search(rf"\n  {re.escape(term)}:\n(    .*\n)+", text)
    assert entry is not None
    glossary.write_text(text.replace(entry.group(), "\n", 1), "utf-8")
    code, lines = check(tmp_path, monkeypatch)
    assert code == 1
    assert any(
        line.startswith(f"content/fiches/{fiche}:")
        and f"« {term} » est un terme technique à expliquer" in line
        for line in lines
    ), lines
