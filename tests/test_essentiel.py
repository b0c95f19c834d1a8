"""« L'essentiel » tells no half-truth: a diploma that does not exist is never shown
without its note and comes after the real ones, the CESF shows a level, the experience a
job asks for shows, and no shortcut stigmatises a public."""

from __future__ import annotations

import re
from pathlib import Path

from orientation.content.catalogue import load_catalogue, load_glossary
from orientation.content.model import default_root
from tests.helpers import invoke

COORD = "fiches/coordinateur-social.yaml"
NOT_A_DIPLOMA = "diplôme d'état de travailleur social"


def essentiel(slug: str, *args: str, content: Path | None = None) -> str:
    """The « L'essentiel » of *slug* as one line of text (show, --bref or --markdown)."""
    where = ("--content", str(content)) if content else ()
    code, out, _ = invoke("show", slug, *args, *where, columns=100)
    assert code == 0
    flat = " ".join(out.replace("\u00a0", " ").split())
    start = flat.index("L'essentiel")
    end = flat.find("Missions", start)
    return flat[start : end if end > 0 else None]


def test_the_real_diplomas_come_first_and_the_false_one_is_not_shown_bare() -> None:
    for args in ((), ("--bref",), ("--markdown",)):
        said = essentiel("coordinateur-social", *args)
        assert "Diplôme d'État d'éducateur spécialisé (DEES)" in said, args
        assert NOT_A_DIPLOMA not in said.casefold(), args


def test_a_false_diploma_shown_carries_its_note(content_copy: Path) -> None:
    path = content_copy / COORD
    text = path.read_text("utf-8")
    first = "    - Diplôme d'État d'éducateur spécialisé (DEES)\n"
    false = "    - Diplôme d'État de travailleur social\n"
    text = text.replace(false, "").replace(first, false + first)
    path.write_text(text, "utf-8")
    for args in ((), ("--bref",)):
        said = essentiel("coordinateur-social", *args, content=content_copy)
        at = said.casefold().index(NOT_A_DIPLOMA)
        assert "NDLR (30 novembre 2026) : Aucun diplôme ne s'appelle exactement" in said[at:]


def test_the_cesf_shows_a_level_consistent_with_the_glossary() -> None:
    for args in ((), ("--bref",)):
        said = essentiel("conseiller-social", *args)
        assert "Niveau d'études Bac +3 (NDLR : niveau du diplôme d'État du métier" in said
        assert "(DECESF), de niveau bac +3 (niveau 6), préparé en un an, le plus souvent" in said
        assert "après le BTS Économie sociale familiale (ESF)" in said
    terms = load_glossary(default_root(), cache=False).terms
    definition = next(t.definition for t in terms if t.term == "DECESF")
    assert "bac +3, préparé en un an, le plus souvent après le BTS ESF" in definition


def test_the_experience_asked_shows() -> None:
    for args in ((), ("--bref",), ("--markdown",)):
        said = essentiel("charge-de-mission-sociale", *args)
        assert "Expérience" in said
        assert "Deux à trois ans d'expérience dans un domaine proche" in said


def test_no_fiche_says_jeunes_des_quartiers() -> None:
    for fiche in load_catalogue(default_root()).fiches:
        assert "jeunes des quartiers" not in fiche.path.read_text("utf-8"), fiche.slug
    said = essentiel("coordinateur-social", "--bref")
    assert re.search(r"Publics personnes en difficulté, jeunes sans diplôme, etc\.", said)
