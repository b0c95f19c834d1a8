"""The coordinateur·rice social·e (source 003) and CESF (source 004) fiches, reread for
issue 18: what they must say, and the content rules of docs/content.md they follow."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from orientation.content.catalogue import load_catalogue
from orientation.content.model import Catalogue, Fiche
from orientation.content.reperes import read_reperes
from tests.helpers import orientation

ROOT = Path(__file__).resolve().parent.parent
COORD, CESF = "coordinateur-social", "conseiller-social"

# One name per diploma across fiches (docs/content.md, « Les règles d'or »): a diploma
# recognised by its words must be written exactly so.
DIPLOMAS = {
    r"\bBTS\b.*sociale": "BTS Économie sociale familiale (ESF)",
    r"carrières sociales": "DUT Carrières sociales",
    r"conseill\w* en économie sociale": (
        "Diplôme d'État de conseiller en économie sociale familiale (DECESF)"
    ),
    r"éducat\w* spécialisé": "Diplôme d'État d'éducateur spécialisé (DEES)",
    r"ingénierie sociale": "Diplôme d'État d'ingénierie sociale (DEIS)",
}

# The generic masculine that the inclusive-writing rule forbids (outside « quotes »).
GENERIC_MASCULINE = [
    r"\bce professionnel\b",
    r"\bun spécialiste\b",
    r"\bsuper-héros\b",
    r"\b\w+é\(e\)",
    r"\bles usagers\b",
    r"\btravailleurs sociaux\b",
    r"\bdemandeurs d'asile\b",
    r"\bchômeurs\b",
]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def fiche(catalogue: Catalogue, slug: str) -> Fiche:
    return catalogue.find(slug)


def shown_texts(f: Fiche) -> list[str]:
    """Every text of the fiche that a student reads (the YAML, minus the authors' notes)."""
    texts = [f.title, f.summary, f.description or "", *f.missions, *f.publics, *f.career]
    texts += [*f.technical_skills, *f.interpersonal_skills, *f.related]
    texts += [*f.education.diplomas, *f.education.notes, *f.environment.structures]
    texts += [*f.environment.notes, f.environment.travel or "", *f.brief.values()]
    texts += [t.why for t in f.tags] + [s.heading for s in f.sections]
    texts += [item for s in f.sections for item in s.items]
    texts += [c.other for c in f.confusions] + [c.note for c in f.confusions]
    texts += [e.note for e in f.editorial] + [s.note or "" for s in f.salaries]
    return texts


@pytest.mark.slow
def test_a_lookup_for_the_assistant_social_says_not_to_confuse_it() -> None:
    # The source compares the two jobs in its FAQ; there is no fiche for the other one.
    for name in ("assistante sociale", "Assistant social"):
        done = orientation("show", name)
        assert (done.returncode, done.stdout) == (1, "")
        assert done.stderr.startswith(
            f"Erreur : Aucune fiche pour « {name} », à ne pas confondre avec :"
        )
        flat = " ".join(done.stderr.split())
        # Both fiches warn against it, each with what the job is (an editors' note,
        # issue 28), and what its own source says of its side.
        said = "NDLR (4 décembre 2026) : travail social généraliste"
        assert f"- Coordinateur·rice social·e — {said}" in flat
        assert f"- Conseiller·ère social·e (CESF) — {said}" in flat
        assert "équilibre financier" not in flat
        assert "volet administratif" in flat
        assert "orientation show conseiller-social" in flat
        assert "orientation show coordinateur-social" in flat


def test_the_two_fiches_warn_against_each_other_and_the_assistant_social(
    catalogue: Catalogue,
) -> None:
    coord, cesf = fiche(catalogue, COORD), fiche(catalogue, CESF)
    assert [c.other for c in coord.confusions] == [
        "Assistant·e social·e",
        "Conseiller·ère social·e (CESF)",
    ]
    assert [c.other for c in cesf.confusions] == [
        "Assistant·e social·e",
        "Coordinateur·rice social·e",
    ]
    # Sources 003 and 004 say what separates the two jobs; what the assistant·e
    # social·e is comes from public sources, an editorial note (issue 28).
    assert [c.editorial for c in (*coord.confusions, *cesf.confusions)] == [
        "2026-12-04",
        None,
        "2026-12-04",
        None,
    ]
    # What separates them, in the sources' terms: the démarches done in the person's name
    # (003) against the budget as a way into daily life (004).
    for f in (coord, cesf):
        notes = " ".join(c.note for c in f.confusions)
        assert "au nom de la personne" in notes, f.slug
        assert "budget" in notes, f.slug
        assert "volet administratif" in notes or "démarches administratives" in notes, f.slug


def test_the_starting_salary_below_the_smic_says_so(catalogue: Catalogue) -> None:
    coord = fiche(catalogue, COORD)
    start = coord.salaries[0]
    assert (start.stage, start.basis, start.period) == ("start", "gross", "month")
    assert (start.low, start.high) == (1600, 1800)
    [note] = coord.notes_on("salary[1]")
    # The whole range is below the SMIC, which the note cites from reperes.yaml.
    smic = read_reperes(ROOT / "content", []).get("smic")
    assert smic is not None
    assert smic.monthly_gross is not None
    assert start.high < smic.monthly_gross
    assert note.figure == "smic"
    assert "1 801,80" not in note.note
    assert "inférieure au SMIC" in note.note
    assert "non datée" in note.note
    assert re.fullmatch(r"20[0-9]{2}-[01][0-9]-[0-3][0-9]", note.date)
    # The source is undated, so the salary carries no date either.
    assert all(s.date is None for s in coord.salaries)
    assert not coord.notes_on("salary[2]")  # 2 200 to 2 600 €: above the SMIC


def test_the_coordinateur_level_is_derived_from_the_diplomas_cited(catalogue: Catalogue) -> None:
    education = fiche(catalogue, COORD).education
    assert (education.level_min, education.level_max) == (2, 3)
    assert (education.derived, education.wording) == ("diplomas", "cursus post-bac")
    # BTS and DUT: bac +2; diplômes d'État: bac +3.
    assert any(d.startswith(("BTS ", "DUT ")) for d in education.diplomas)
    assert any(d.startswith("Diplôme d'État") for d in education.diplomas)
    source = ROOT.parent.parent / "shared" / "seeds" / "003_8a7f512a2ad50fa3.txt"
    if source.exists():  # the seeds sit beside the worktrees on the authors' machine
        assert "cursus de formation post-bac" in source.read_text(encoding="utf-8")


def test_the_cesf_diplomas_stay_empty_with_a_dated_note_on_the_decesf(
    catalogue: Catalogue,
) -> None:
    cesf, coord = fiche(catalogue, CESF), fiche(catalogue, COORD)
    assert cesf.education.diplomas == ()  # source 004 cites none
    # The level is the DECESF's, marked as the editors' (source 004 gives none).
    education = cesf.education
    assert (education.level_min, education.level_max, education.derived) == (3, 3, "editorial")
    [note] = cesf.notes_on("education.diplomas")
    decesf = DIPLOMAS[r"conseill\w* en économie sociale"]
    assert decesf in note.note
    assert decesf in coord.education.diplomas  # the same name where source 003 cites it
    assert re.fullmatch(r"20[0-9]{2}-[01][0-9]-[0-3][0-9]", note.date)


def test_every_diploma_has_one_name_across_fiches(catalogue: Catalogue) -> None:
    rules = (ROOT / "docs" / "content.md").read_text(encoding="utf-8")
    for name in DIPLOMAS.values():
        assert " ".join(name.split()) in " ".join(rules.split()), name
    # This branch rewrites these two fiches; the three « chargé·e » fiches follow the same
    # rule in their own rewrite: add them here once both are merged.
    found = 0
    for f in (fiche(catalogue, COORD), fiche(catalogue, CESF)):
        for diploma in f.education.diplomas:
            for pattern, name in DIPLOMAS.items():
                if re.search(pattern, diploma, re.IGNORECASE):
                    found += 1
                    assert diploma == name, (f.slug, diploma)
    assert found == 4  # BTS, DUT, DECESF and DEES in source 003


@pytest.mark.parametrize("slug", [COORD, CESF])
def test_no_generic_masculine(catalogue: Catalogue, slug: str) -> None:
    f = fiche(catalogue, slug)
    for text in shown_texts(f):
        unquoted = re.sub(r"«[^»]*»", "", text)
        for pattern in GENERIC_MASCULINE:
            assert not re.search(pattern, unquoted, re.IGNORECASE), (pattern, text)


@pytest.mark.parametrize("slug", [COORD, CESF])
def test_the_brief_lines_only_use_words_of_the_fiche(catalogue: Catalogue, slug: str) -> None:
    f = fiche(catalogue, slug)
    rubrics = {
        "publics": " ".join(f.publics),
        "places": " ".join((*f.environment.structures, *f.employers)),
    }
    assert set(f.brief) == set(rubrics)
    for key, line in f.brief.items():
        assert len(line) <= 58, line  # one line in « L'essentiel » at 80 columns
        said = fold(rubrics[key])
        for word in re.findall(r"[\w'-]{4,}", fold(line)):
            assert word in said, (key, word)


def fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def test_the_sources_say_what_kind_of_site_they_come_from(catalogue: Catalogue) -> None:
    [coord] = fiche(catalogue, COORD).sources
    [cesf] = fiche(catalogue, CESF).sources
    # 003 ends with a form « un de nos partenaires vous aidera à trouver la bonne formation » ;
    # 004 shows neither title nor site.
    assert coord.site is not None
    assert "formation" in coord.site
    assert cesf.site == "type de site non précisé"


@pytest.mark.slow
def test_tag_weights_follow_what_the_sources_say() -> None:
    # docs/content.md: 0 only when the source says nothing. Source 003 speaks of
    # conceiving and managing « projets de vie » and of « animation sociale et
    # socioculturelle »; source 004 of partnerships and evaluation in several missions.
    done = orientation("list", "--json")
    assert done.returncode == 0, done.stderr
    tags = {item["slug"]: item["tags"] for item in json.loads(done.stdout)}
    coord, cesf = tags[COORD], tags[CESF]
    assert coord["administratif"] == 3  # still the heart of the job
    assert (coord["gestion-de-projet"], coord["partenariats"], coord["animation-collective"]) == (
        2,
        2,
        1,
    )
    assert "developpement-territorial" not in coord
    assert "vie-quotidienne" not in coord
    assert (cesf["partenariats"], cesf["analyse"], cesf["gestion-de-projet"]) == (2, 2, 1)
    assert (cesf["vie-quotidienne"], cesf["budget"]) == (3, 3)


# --- The assistant·e social·e contrast (issue 28, part 2) ------------------------------


@pytest.mark.parametrize("slug", [COORD, CESF])
def test_the_assistant_social_contrast_says_what_the_job_is(slug: str) -> None:
    """Not « l'équilibre financier » (a FAQ of source 003): a generalist job, its
    diploma and its fields, as ONISEP and France Travail describe it, marked NDLR and
    dated, pointing to the glossary."""
    fiche = load_catalogue(cache=False).find(slug)
    (confusion,) = [c for c in fiche.confusions if c.other == "Assistant·e social·e"]
    assert confusion.editorial == "2026-12-04"
    note = " ".join(confusion.note.split())
    # Short: it is on page 1 of the printed fiche; the glossary, which it points to,
    # names the fields of work.
    for fact in ("généraliste", "DEASS", "bac +3", "grade licence", "tous les domaines"):
        assert fact in note
    assert "Sources : ONISEP, " in note
    assert "ROME K1201" in note
    assert note.endswith("voir le glossaire.")
    assert "équilibre" not in note
    assert "stabilité financière" not in note
    # Said as the editors' note, with its date.
    said = confusion.said.replace("\u00a0", " ")
    assert said.startswith("Avec Assistant·e social·e. NDLR (4 décembre 2026) : ")
    # What the fiche's own source says of the other side stays.
    own = {COORD: "volet administratif", CESF: "plus récent"}[slug]
    assert own in note


def test_the_glossary_says_the_assistant_social_is_a_generalist() -> None:
    from orientation.content.catalogue import load_glossary
    from orientation.content.model import default_root

    term = load_glossary(default_root(), cache=False).find("assistante sociale")
    assert term.term == "assistant·e social·e"
    for fact in ("service social", "généraliste", "DEASS", "bac +3", "droits", "logement"):
        assert fact in term.definition
    for fact in ("santé", "famille", "protection de l'enfance", "insertion"):
        assert fact in term.definition
    assert term.checked == "2026-12-04"
    onisep = load_glossary(default_root(), cache=False).find("ONISEP")
    assert onisep.definition.startswith("Office national d'information")
