from __future__ import annotations

import re
from pathlib import Path

import pytest

from orientation.content.catalogue import load_catalogue
from orientation.content.model import Catalogue, normalise
from orientation.errors import ContentError, NotFoundError

SEEDS = {
    "charge-de-mission-sociale": "000_96ab072bf4a39fae.txt",
    "charge-d-insertion-sociale": "001_92b664949e058209.txt",
    "charge-de-missions-locales": "002_9c91543ec4f53ee4.txt",
    "coordinateur-social": "003_8a7f512a2ad50fa3.txt",
    "conseiller-social": "004_e62731ff2f0789fe.txt",
}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def test_shipped_catalogue_has_the_five_occupations(catalogue: Catalogue) -> None:
    assert sorted(f.slug for f in catalogue.fiches) == sorted(SEEDS)
    for fiche in catalogue.fiches:
        assert fiche.path.stem == fiche.slug
        assert [s.document for s in fiche.sources] == [SEEDS[fiche.slug]]
        assert fiche.tags, fiche.slug
        assert all(0 <= t.weight <= 3 for t in fiche.tags)


def test_tag_vocabulary(catalogue: Catalogue) -> None:
    ids = [t.id for t in catalogue.tags]
    assert len(ids) >= 8
    assert {"empathie", "administratif", "developpement-territorial"} <= set(ids)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_fiches_are_told_apart_by_their_tags(catalogue: Catalogue) -> None:
    profiles = {tuple(sorted(f.weights.items())) for f in catalogue.fiches}
    assert len(profiles) == len(catalogue.fiches)
    strongest = {f.slug: f.tags[0].tag for f in catalogue.fiches}
    assert strongest["coordinateur-social"] == "administratif"
    assert strongest["charge-de-missions-locales"] == "developpement-territorial"
    assert strongest["conseiller-social"] == "vie-quotidienne"


def test_voice_is_never_tu(catalogue: Catalogue) -> None:
    for fiche in catalogue.fiches:
        text = fiche.path.read_text(encoding="utf-8")
        pattern = r"\b(tu|te|ton|ta|tes|toi|vous|votre|vos)\b"
        assert not re.search(pattern, text, re.IGNORECASE), fiche.slug


# Facts that must survive from each source document (a regression net, not the proof:
# the fiches were checked line by line against the documents).
FACTS = {
    "charge-de-mission-sociale": [
        "25000",
        "30000",
        "35000",
        "45000",
        "2 083 € à 3 750 €",  # the header range, explained on the start row
        "divisés par 12",
        "CCAS",
        "Croix-Rouge",
        "Secours catholique",
        "Deux à trois ans",
        "protection de l'enfance",
        "politique de la ville",
        "transition écologique",
        "statistique",
    ],
    "charge-d-insertion-sociale": [
        "1807",
        "2393",
        "France Travail",
        "T2 2024",
        "Diplôme d'État d'ingénierie sociale (DEIS)",
        "BTS Économie sociale familiale (ESF)",
        "DUT Carrières sociales",
        "80 %",
        "agriculture biologique",
        "économie circulaire",
        "Structures d'insertion",
        "logiciel",  # the off-topic advantages table is named as left out
    ],
    "charge-de-missions-locales": [
        "2917",
        "21 juin 2022",
        "parc naturel régional",
        "Comités de bassin d'emploi",
        "niveaux I à II",
        "nomenclature",
        "durée déterminée",
        "expérience commerciale",
        "parapublics",
        "hors sujet",
    ],
    "coordinateur-social": [
        "1600",
        "1800",
        "2200",
        "2600",
        "5 à 10 ans",
        "secret professionnel",
        "Caisse d'allocations familiales",
        "Pôle emploi",
        "Conseil général",
        "centre médico-psychologique",
        "décrochage scolaire",
        "Assistant·e familial·e",
    ],
    "conseiller-social": [
        "ASLL",
        "savoir habiter",
        "surendettement",
        "gens du voyage",
        "demandeuses d'asile",
        "maisons de retraite",
        "enseignement ménager",
        "statut de cadre",
        "visites à domicile",
        "alphabétisation",
        "permanence sociale",
    ],
}


@pytest.mark.parametrize("slug", sorted(FACTS))
def test_facts_of_the_source_are_in_the_fiche(catalogue: Catalogue, slug: str) -> None:
    from orientation.views.fiche import fiche_data

    data = str(fiche_data(catalogue.find(slug))).casefold()
    missing = [fact for fact in FACTS[slug] if fact.casefold() not in data]
    assert not missing


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("coordinateur-social", "coordinateur-social"),
        ("Coordinateur-Social", "coordinateur-social"),
        ("cesf", "conseiller-social"),
        ("CESF", "conseiller-social"),
        ("chargé-d'insertion-sociale", "charge-d-insertion-sociale"),
        ("chargée d’insertion sociale", "charge-d-insertion-sociale"),
        ("Chargé·e de missions locales", "charge-de-missions-locales"),
        ("coordinatrice sociale", "coordinateur-social"),
        ("  charge_de_mission_sociale ", "charge-de-mission-sociale"),
        ("coordinateur.social", "coordinateur-social"),
        ("Chargé(e) de mission sociale", "charge-de-mission-sociale"),
    ],
)
def test_lookup_forgives(catalogue: Catalogue, query: str, slug: str) -> None:
    assert catalogue.find(query).slug == slug


def test_unknown_slug_suggests_the_closest(catalogue: Catalogue) -> None:
    with pytest.raises(NotFoundError) as info:
        catalogue.find("coordinatuer")
    assert "Vouliez-vous dire : coordinateur-social ?" in info.value.message
    assert info.value.exit_code == 1


def test_short_garbage_suggests_nothing(catalogue: Catalogue) -> None:
    with pytest.raises(NotFoundError) as info:
        catalogue.find("ÉÇ☃")
    assert "Vouliez-vous dire" not in info.value.message


def test_completion(catalogue: Catalogue) -> None:
    assert catalogue.complete("coo") == [("coordinateur-social", "Coordinateur·rice social·e")]
    assert [slug for slug, _ in catalogue.complete("charge-d")] == [
        "charge-d-insertion-sociale",
        "charge-de-mission-sociale",
        "charge-de-missions-locales",
    ]
    assert catalogue.complete("ces") == [("conseiller-social", "Conseiller·ère social·e (CESF)")]
    assert catalogue.complete("zzz") == []


def test_normalise() -> None:
    assert normalise("Conseiller·ère social·e (CESF)") == "conseiller-social-cesf"
    assert normalise("Chargé(e) de mission") == "charge-de-mission"
    assert normalise("Chargé.e de mission sociale") == "charge-de-mission-sociale"


# --- Broken content: every problem names its file, line and field ----------------


def break_fiche(root: Path, slug: str, old: str, new: str) -> Path:
    path = root / "fiches" / f"{slug}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def problems_of(root: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_catalogue(root)
    return [str(p) for p in info.value.problems]


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        (
            "weight: 3\n",
            "weight: 4\n",
            "weight: 4",
            "champ « tags.administratif.weight » : 4 hors de l'intervalle 0–3",
        ),
        (
            "weight: 3\n",
            "weight: trois\n",
            "weight: trois",
            "champ « tags.administratif.weight » : un nombre entier est attendu",
        ),
        (
            "  administratif:\n",
            "  bureaucratie:\n",
            "bureaucratie:",
            "centre d'intérêt inconnu « bureaucratie »",
        ),
        (
            "period: month\n",
            "period: week\n",
            "period: week",
            "champ « salary[1].period » : « week » n'est pas une valeur possible (month, year)",
        ),
        (
            "slug: coordinateur-social\n",
            "slug: coordinateur\n",
            "slug: coordinateur",
            "le slug « coordinateur » doit être le nom du fichier",
        ),
        (
            "title: Coordinateur·rice social·e\n",
            "titre: Coordinateur·rice social·e\n",
            "titre:",
            "champ inconnu « titre »",
        ),
        (
            "missions:\n",
            "missions: beaucoup\nmissions_old:\n",
            "missions: beaucoup",
            "champ « missions » : une liste est attendue, pas un texte",
        ),
        ("- min: 1600\n", "- min: 2000\n", "min: 2000", "« min » est supérieur à « max »"),
        (
            '    source: "l\'article « Coordinateur social »"\n',
            "",
            "min: 1600",
            "champ « salary[1].source » manquant",
        ),
    ],
)
def test_broken_fiche_is_located(
    content_copy: Path, old: str, new: str, needle: str, message: str
) -> None:
    path = break_fiche(content_copy, "coordinateur-social", old, new)
    found = problems_of(content_copy)
    line = line_of(path, needle)
    assert any(p.startswith(f"{path}:") and message in p for p in found), found
    located = next(p for p in found if message in p)
    reported_line = int(located.split(":")[1])
    assert abs(reported_line - line) <= 1, (located, line)


def test_missing_required_field(content_copy: Path) -> None:
    path = break_fiche(content_copy, "coordinateur-social", "summary: >-\n", "resume: >-\n")
    found = problems_of(content_copy)
    assert f"{path}:2:1: champ « summary » manquant" in found  # line 1: the schema comment


def test_every_problem_is_reported_at_once(content_copy: Path) -> None:
    break_fiche(content_copy, "coordinateur-social", "weight: 3\n", "weight: 9\n")
    break_fiche(content_copy, "conseiller-social", "    weight: 3\n", "    weight: -1\n")
    (content_copy / "fiches" / "charge-de-mission-sociale.yaml").write_text(
        "a: [\n", encoding="utf-8"
    )
    found = problems_of(content_copy)
    assert len(found) == 3
    assert {Path(p.split(":")[0]).name for p in found} == {
        "coordinateur-social.yaml",
        "conseiller-social.yaml",
        "charge-de-mission-sociale.yaml",
    }


def test_duplicate_alias_across_fiches(content_copy: Path) -> None:
    break_fiche(content_copy, "coordinateur-social", "  - coordinateur social\n", "  - cesf\n")
    found = problems_of(content_copy)
    path = content_copy / "fiches" / "coordinateur-social.yaml"
    assert found == [
        f"{path}:5:5: champ « aliases[1] » : « cesf » désigne déjà le métier conseiller-social "
        "(conseiller-social.yaml) ; chaque nom ne doit désigner qu'un métier"
    ]


def test_top_level_list_is_refused(content_copy: Path) -> None:
    path = content_copy / "fiches" / "coordinateur-social.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    assert f"{path}:1:1: un ensemble de champs est attendu, pas une liste" in problems_of(
        content_copy
    )


def test_missing_content_root(tmp_path: Path) -> None:
    found = problems_of(tmp_path)
    assert any("tags.yaml" in p and "lecture impossible" in p for p in found)
    assert f"{tmp_path / 'fiches'}: dossier introuvable" in found


def test_yaml_11_words_stay_text(content_copy: Path) -> None:
    break_fiche(
        content_copy, "coordinateur-social", "    - Associations.\n", "    - no\n    - 2024-01-01\n"
    )
    fiche = load_catalogue(content_copy).find("coordinateur-social")
    assert fiche.environment.structures[:2] == ("no", "2024-01-01")
