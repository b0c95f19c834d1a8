"""The three chargé·e fiches (sources 000, 001, 002): what a reread against the sources
fixed (issue 18), held in place."""

from __future__ import annotations

import json
import re

import pytest

from orientation.content.catalogue import load_catalogue
from orientation.content.model import Catalogue, Fiche
from tests.helpers import orientation

SLUGS = ("charge-de-mission-sociale", "charge-d-insertion-sociale", "charge-de-missions-locales")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def fiche(catalogue: Catalogue, slug: str) -> Fiche:
    return next(f for f in catalogue.fiches if f.slug == slug)


def show_json(*args: str) -> dict[str, object]:
    """`orientation show … --json` in a real process."""
    done = orientation("show", *args, "--json")
    assert (done.returncode, done.stderr) == (0, "")
    data: dict[str, object] = json.loads(done.stdout)
    return data


@pytest.mark.slow
def test_header_range_of_000_is_not_a_third_salary_row() -> None:
    data = show_json("charge-de-mission-sociale")
    salaries = data["salary"]
    assert isinstance(salaries, list)
    assert [(s["stage"], s["min"], s["max"]) for s in salaries] == [
        ("start", 25000, 30000),
        ("mid", 35000, 45000),
    ]
    # The source's header range stays visible, explained, on the start row.
    assert "2 083 € à 3 750 €" in salaries[0]["note"]
    assert "divisés par 12" in salaries[0]["note"]


@pytest.mark.slow
def test_misspelt_aliases_of_001_find_the_fiche_but_are_not_aliases() -> None:
    data = show_json("chargée d'insertion social")
    assert data["slug"] == "charge-d-insertion-sociale"
    assert data["aliases"] == ["chargé d'insertion sociale", "chargée d'insertion sociale"]


def test_deis_against_bac_2_3_is_an_editorial_note_on_the_level(catalogue: Catalogue) -> None:
    insertion = fiche(catalogue, "charge-d-insertion-sociale")
    assert (insertion.education.level_min, insertion.education.level_max) == (2, 3)
    assert insertion.education.derived is None  # the source gives « bac +2/3 » itself
    (note,) = insertion.notes_on("education.level")
    assert "DEIS" in note.note
    assert "bac +5" in note.note
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", note.date)


def test_old_level_nomenclature_of_002_is_converted_and_kept(catalogue: Catalogue) -> None:
    education = fiche(catalogue, "charge-de-missions-locales").education
    assert (education.level_min, education.level_max) == (3, 5)
    assert (education.derived, education.wording) == ("nomenclature", "niveaux I à II")


def test_002_warns_against_the_missions_locales_network(catalogue: Catalogue) -> None:
    confusion = fiche(catalogue, "charge-de-missions-locales").confusions[0]
    assert "Missions locales" in confusion.other
    assert confusion.lookalike
    assert {"mission locale", "missions locales"} <= set(confusion.names)
    assert confusion.editorial is not None  # the source says nothing of the network


def test_the_two_mission_jobs_warn_against_each_other(catalogue: Catalogue) -> None:
    """Issue 28: « Chargé·e de mission sociale » and « Chargé·e de missions locales »
    look alike; each says what the other does, from the other's source, marked NDLR."""
    pairs = [
        ("charge-de-mission-sociale", "charge-de-missions-locales"),
        ("charge-de-missions-locales", "charge-de-mission-sociale"),
    ]
    for slug, other in pairs:
        title = fiche(catalogue, other).title
        (confusion,) = [c for c in fiche(catalogue, slug).confusions if c.other == title]
        assert confusion.lookalike
        assert confusion.editorial == "2026-12-04"
        assert "projets sociaux" in confusion.note  # 000's summary
        assert "projets locaux" in confusion.note  # 002's summary


@pytest.mark.slow
def test_002_keeps_nothing_of_the_off_topic_environment_paragraph(catalogue: Catalogue) -> None:
    locales = fiche(catalogue, "charge-de-missions-locales")
    shown = " ".join(
        (*locales.environment.notes, *locales.missions, locales.description or "")
    ).casefold()
    for words in ("chef de projet", "département de développement", "ingénieur", "client"):
        assert words not in shown
    # Authoring notes stay with the sources, out of the rubrics a student reads.
    assert "Annuler" not in json.dumps(
        {k: v for k, v in show_json("charge-de-missions-locales").items() if k != "sources"},
        ensure_ascii=False,
    )


@pytest.mark.parametrize("slug", SLUGS)
def test_site_and_brief_lines(catalogue: Catalogue, slug: str) -> None:
    f = fiche(catalogue, slug)
    assert all(s.site for s in f.sources)
    assert f.brief.get("places")
    for line in f.brief.values():
        assert len(line) <= 120
        assert "\n" not in line


@pytest.mark.parametrize("slug", SLUGS)
def test_one_inclusive_writing_rule(catalogue: Catalogue, slug: str) -> None:
    f = fiche(catalogue, slug)
    shown = "\n".join(
        (
            f.title,
            f.summary,
            f.description or "",
            *f.missions,
            *f.experience,
            *f.environment.notes,
            *f.career,
            *(item for s in f.sections for item in s.items),
            *(t.why for t in f.tags),
        )
    )
    assert "(e)" not in shown
    for masculine in ("ce professionnel", "spécialiste", "les professionnels ", "super-héros "):
        assert masculine not in shown.casefold(), masculine
    assert not re.search(r"\bélus\b(?! et (les |aux )?élues)", shown)


def test_one_name_per_diploma(catalogue: Catalogue) -> None:
    diplomas = fiche(catalogue, "charge-d-insertion-sociale").education.diplomas
    assert diplomas == (
        "Diplôme d'État d'ingénierie sociale (DEIS)",
        "BTS Économie sociale familiale (ESF)",
        "DUT Carrières sociales",
    )


def test_agent_de_developpement_local_is_no_lookup_name() -> None:
    """Issue 28 asked for it « where the source supports it »: no source does (003
    proposes it as another job; 002 never names it; docs/content.md). It finds nothing,
    said in French, and no fiche claims it."""
    from orientation.content.model import normalise
    from tests.helpers import invoke

    code, out, err = invoke("show", "agent de développement local")
    assert (code, out) == (1, "")
    assert err.startswith("Erreur : Aucun métier ne correspond à « agent de développement local »")
    assert normalise("agent de développement local") not in load_catalogue().names
