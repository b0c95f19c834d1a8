"""The glossary: glossaire.yaml, its loader, the matching of terms in texts,
`orientation glossaire`, and check's watch-list rule."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st

from orientation.cli.app import app, complete_term
from orientation.content import cache
from orientation.content.catalogue import load_catalogue, load_glossary
from orientation.content.glossary import FILE, Glossary, Term
from orientation.content.model import ROME_CODE, default_root, normalise
from orientation.content.yamlnodes import Mapping, Scalar, Sequence, read_yaml
from orientation.errors import ContentError, NotFoundError
from orientation.views.glossaryview import renamed_line
from tests.helpers import imported_by, orientation
from tests.test_cli import bash_complete
from tests.test_robustness import json_values, yaml_like

CHECKED = "2026-11-30"


def term(name: str, *forms: str, today: str | None = None, since: str | None = None) -> Term:
    return Term(name, f"Définition de {name}.", forms or (name,), CHECKED, today, since)


SMALL = Glossary(
    (
        term("ASLL"),
        term("CCAS"),
        term("DEIS"),
        term("BUT"),
        term("DE", "DE", "diplôme d'État"),
        term("CESF"),
        term("DECESF", "DECESF", "DE CESF"),
        term("Pôle emploi", today="France Travail", since="1er janvier 2024"),
        term(
            "comité de bassin d'emploi", "comité de bassin d'emploi", "comités de bassin d'emploi"
        ),
        term("Mission locale", "Mission locale", "mission locale", "Missions locales"),
        term("T2"),
    ),
    ("ASLL", "PJJ"),
)


def names(terms: list[Term]) -> list[str]:
    return [t.term for t in terms]


# --- Matching ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Un suivi dans le cadre de l'ASLL.", ["ASLL"]),
        ("Un suivi dans le cadre de l\u2019ASLL.", ["ASLL"]),
        ("Employeurs : CCAS, associations.", ["CCAS"]),
        ("Diplôme d'État d'ingénierie sociale (DEIS).", ["DEIS"]),
        ("Le BUT.", ["BUT"]),
        ("Des BUTS, un début, un debut, le but du jeu, DEBUT, BUTTER.", []),
        ("DEISS, ADEIS, CCAS2, _CCAS, CCAS_", []),
        ("Un DEBUT, des BUTS, le CCAS, puis le BUT.", ["CCAS", "BUT"]),  # order of first use
        ("La CESF prépare le DE CESF.", ["CESF", "DECESF"]),
        ("Un DE, puis un diplôme d'État.", ["DE"]),
        ("Pôle emploi, Pôle\nemploi, Pôle\u00a0emploi, Pôle  emploi.", ["Pôle emploi"]),
        ("pôle emploi, Pole emploi, PÔLE EMPLOI", []),
        (
            "Les comités de bassin d\u2019emploi et le comité de bassin d'emploi.",
            ["comité de bassin d'emploi"],
        ),
        ("Chargé·e de missions locales.", []),
        ("Le réseau des Missions locales.", ["Mission locale"]),
        ("France Travail, T2 2024 ; un T22 ; T2.", ["T2"]),
    ],
)
def test_terms_are_found_as_whole_words(text: str, found: list[str]) -> None:
    assert names(SMALL.used_in([text])) == found


def test_used_in_lists_each_term_once_in_the_order_of_first_use() -> None:
    texts = ["T2 et CCAS.", "Le CCAS, l'ASLL, T2.", "", "Pôle emploi"]
    assert names(SMALL.used_in(texts)) == ["T2", "CCAS", "ASLL", "Pôle emploi"]
    assert SMALL.used_in([]) == []
    assert Glossary().used_in(["CCAS"]) == []


def test_each_term_has_its_own_whole_word_pattern() -> None:
    deis = SMALL.find("DEIS")
    assert deis.pattern.search("le (DEIS).")
    assert not deis.pattern.search("DEISS")
    decesf = SMALL.find("DECESF")
    assert [m.group() for m in decesf.pattern.finditer("DE CESF, DECESF, DE  CESF")] == [
        "DE CESF",
        "DECESF",
        "DE  CESF",
    ]


def test_renamed_terms_say_their_current_name_and_since_when() -> None:
    assert SMALL.find("pole emploi").renamed == (
        "aujourd'hui France Travail, depuis le 1er janvier 2024"
    )
    assert term("DUT", today="BUT", since="la rentrée 2021").renamed == (
        "aujourd'hui BUT, depuis la rentrée 2021"
    )
    assert term("Conseil général", today="conseil départemental", since="2015").renamed == (
        "aujourd'hui conseil départemental, depuis 2015"
    )
    assert SMALL.find("CCAS").renamed is None


def test_find_forgives_case_and_accents_and_suggests() -> None:
    assert SMALL.find("ccas").term == "CCAS"
    assert SMALL.find("POLE EMPLOI").term == "Pôle emploi"
    assert SMALL.find("pole-emploi").term == "Pôle emploi"
    assert SMALL.find("diplome d'etat").term == "DE"
    assert SMALL.find("Comités de bassin d’emploi").term == "comité de bassin d'emploi"
    with pytest.raises(NotFoundError) as raised:
        SMALL.find("ccaz")
    assert raised.value.message.splitlines() == [
        "Aucun terme du glossaire ne correspond à « ccaz ». Vouliez-vous dire : CCAS ?",
        "Le glossaire entier : orientation glossaire",
    ]
    with pytest.raises(NotFoundError, match="n'y est pas encore défini"):
        SMALL.find("pjj")
    with pytest.raises(NotFoundError, match=r"ne correspond à « \.\.\. »"):
        SMALL.find("...")


# --- The shipped glossary ------------------------------------------------------------

REQUIRED = [
    *("ASLL", "CCAS", "CAF", "CPAM", "DEIS", "BTS", "DUT", "BUT", "DE", "CESF", "ESF"),
    *("ROME", "SMIC", "NDLR", "T2", "PJJ", "ASE", "RSA", "CHRS", "MDPH", "UDAF", "PMI"),
    *("EHPAD", "SIAE", "IAE", "financements parapublics", "comité de bassin d'emploi"),
    *("Pôle emploi", "France Travail", "Conseil général", "conseil départemental"),
    "Mission locale",
]


def test_the_shipped_glossary_defines_the_jargon_of_the_issue() -> None:
    glossary = load_glossary(default_root(), cache=False)
    defined = {t.term for t in glossary.terms}
    assert set(REQUIRED) <= defined
    assert set(REQUIRED) - {"France Travail", "conseil départemental"} <= set(glossary.watch)
    renamed = {t.term: (t.today, t.since) for t in glossary.terms if t.today}
    assert renamed == {
        "Pôle emploi": ("France Travail", "1er janvier 2024"),
        "DUT": ("BUT", "la rentrée 2021"),
        "Conseil général": ("conseil départemental", "2015"),
    }
    for entry in glossary.terms:
        assert entry.checked >= CHECKED, entry.term  # (issue 28 added entries on 2026-12-04)
        assert "\n" not in entry.definition
        assert not re.search(r"\(e\)|\(s\)", entry.definition), entry.term


def fiche_texts(path: Path) -> list[str]:
    """Every text of a fiche but identifiers and file names."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, Scalar):
            found.append(node.value)
        elif isinstance(node, Sequence):
            for item in node.items:
                walk(item)
        elif isinstance(node, Mapping):
            for key, (_, value) in node.entries.items():
                if key not in ("slug", "document", "search_only", "names", "field"):
                    walk(value)

    walk(read_yaml(path))
    return found


def test_every_acronym_a_shipped_fiche_uses_is_defined() -> None:
    glossary = load_glossary(default_root(), cache=False)
    roman = re.compile(r"[IVX]+")
    for path in sorted((default_root() / "fiches").glob("*.yaml")):
        texts = fiche_texts(path)
        acronyms = {
            word
            for text in texts
            for word in re.findall(r"(?<!\w)[A-ZÉ][A-ZÉ0-9]+(?!\w)", text)
            if not roman.fullmatch(word) and not ROME_CODE.fullmatch(word)  # codes: not jargon
        }
        used = {form for t in glossary.used_in(texts) for form in t.forms}
        assert acronyms <= used, (path.name, acronyms - used)


def test_the_jargon_of_the_issue_is_found_in_the_fiches_that_use_it() -> None:
    glossary = load_glossary(default_root(), cache=False)
    fiches = default_root() / "fiches"
    used = {
        path.stem: set(names(glossary.used_in(fiche_texts(path)))) for path in fiches.glob("*.yaml")
    }
    assert {"ASLL", "Pôle emploi", "Mission locale", "CAF"} <= used["conseiller-social"]
    assert {"CPAM", "CAF", "Conseil général", "Pôle emploi"} <= used["coordinateur-social"]
    assert {"financements parapublics", "comité de bassin d'emploi"} <= used[
        "charge-de-missions-locales"
    ]
    # The job's own name is not the network's; its « ne pas confondre » note names the network.
    locales = load_catalogue(default_root()).find("charge-de-missions-locales")
    assert not glossary.used_in([locales.title, *locales.aliases])
    assert names(glossary.used_in([locales.confusions[0].other])) == ["Mission locale"]
    assert "Mission locale" in used["charge-de-missions-locales"]
    assert {"CCAS", "ROME"} <= used["charge-de-mission-sociale"]
    assert {"DEIS", "BTS", "DUT", "ESF", "T2", "France Travail"} <= used[
        "charge-d-insertion-sociale"
    ]


# --- Loading: problems at their file, line and column ---------------------------------


def problems_of(root: Path, text: str) -> list[str]:
    (root / FILE).write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_glossary(root, cache=False)
    return [str(p).replace(str(root) + "/", "") for p in raised.value.problems]


GOOD = """\
terms:
  CCAS:
    definition: "Centre communal d'action sociale : le service social d'une commune."
    checked: 2026-11-30
watch: [CCAS]
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "terms:\n  CCAS:\n    forms: [CCAS]\n    checked: 2026-11-30\n",
            ["glossaire.yaml:3:5: champ « terms.CCAS.definition » manquant"],
        ),
        (
            GOOD.replace("2026-11-30", "30/11/2026"),
            [
                "glossaire.yaml:4:14: champ « terms.CCAS.checked » : « 30/11/2026 » n'est pas "
                "une date AAAA-MM-JJ (par exemple 2026-11-30)"
            ],
        ),
        (
            GOOD.replace("2026-11-30", "2026-02-30"),
            [
                "glossaire.yaml:4:14: champ « terms.CCAS.checked » : « 2026-02-30 » n'est pas "
                "une date AAAA-MM-JJ (par exemple 2026-11-30)"
            ],
        ),
        (
            GOOD.replace("    checked", "    today: CCAS\n    checked"),
            [
                "glossaire.yaml:4:5: champ « terms.CCAS.since » manquant : avec « today », dire "
                "depuis quand le nom a changé (par exemple : since: 1er janvier 2024)"
            ],
        ),
        (
            GOOD.replace("    checked", "    since: 2015\n    checked"),
            [
                "glossaire.yaml:4:5: champ « terms.CCAS.since » sans « today » : donner aussi "
                "le nom actuel (today), ou retirer since"
            ],
        ),
        (
            GOOD.replace("    checked", "    form: [CCAS]\n    checked"),
            [
                "glossaire.yaml:4:5: champ inconnu « terms.CCAS.form » (vouliez-vous dire "
                "« forms » ?)"
            ],
        ),
        (
            GOOD.replace(
                "watch",
                "  CAF:\n    definition: x\n    forms: [CAF, ccas]\n    checked: 2026-11-30\nwatch",
            ),
            [
                "glossaire.yaml:7:18: « ccas » désigne déjà le terme « CCAS » (ligne 2) ; un "
                "nom ou une forme ne désigne qu'un terme"
            ],
        ),
        (
            GOOD.replace("[CCAS]", "[CCAS, PJJ, CCAS]"),
            ["glossaire.yaml:5:20: « CCAS » est déjà dans la liste watch (ligne 5)"],
        ),
        (
            GOOD.replace("le service social d'une commune.", "x" * 200),
            [
                "glossaire.yaml:3:17: champ « terms.CCAS.definition » : 235 caractères ; une "
                "définition tient en une ligne courte (200 caractères au plus)"
            ],
        ),
        (
            GOOD.replace("CCAS:\n    definition", "CCAS: Centre communal\n    definition"),
            [
                "glossaire.yaml:3:15: deux-points inattendu : un texte qui contient « : » doit "
                'être mis entre guillemets ("…"), sinon vérifier l\'indentation de la ligne'
            ],
        ),
        (
            "terms:\n  CCAS: Centre communal d'action sociale.\n",
            [
                "glossaire.yaml:2:9: champ « terms.CCAS » : un ensemble de champs est attendu, "
                "pas un texte"
            ],
        ),
        (
            GOOD + "terms: {}\n",
            ["glossaire.yaml:6:1: clé « terms » en double (déjà ligne 1)"],
        ),
        ("- CCAS\n", ["glossaire.yaml:1:1: un ensemble de champs est attendu, pas une liste"]),
        ("# rien\n", ["glossaire.yaml:1:1: fichier vide"]),
        ("watch: [CCAS]\n", ["glossaire.yaml:1:1: champ « terms » manquant"]),
        (
            GOOD.replace("  CCAS:", '  "CC\\nAS":'),
            [
                "glossaire.yaml:2:3: terme « CC\ufffdAS » : retour à la ligne (U+000A) interdit "
                ": ce texte s'affiche sur une seule ligne ; remplacer ce caractère par une espace"
            ],
        ),
    ],
)
def test_glossary_problems_are_located(content_copy: Path, text: str, expected: list[str]) -> None:
    assert problems_of(content_copy, text) == expected


def test_several_problems_are_said_at_once(content_copy: Path) -> None:
    text = GOOD.replace("2026-11-30", "hier").replace("    definition", "    defintion")
    assert problems_of(content_copy, text) == [
        "glossaire.yaml:3:5: champ inconnu « terms.CCAS.defintion » (vouliez-vous dire "
        "« definition » ?)",
        "glossaire.yaml:3:5: champ « terms.CCAS.definition » manquant",
        "glossaire.yaml:4:14: champ « terms.CCAS.checked » : « hier » n'est pas une date "
        "AAAA-MM-JJ (par exemple 2026-11-30)",
    ]


def test_a_content_folder_without_glossary_has_an_empty_one(content_copy: Path) -> None:
    (content_copy / FILE).unlink()
    glossary = load_glossary(content_copy)
    assert glossary.terms == ()
    assert glossary.watch == ()
    with pytest.raises(NotFoundError):
        glossary.find("CCAS")


def test_the_glossary_is_kept_between_runs_and_never_stale(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch, cache_dir: Path
) -> None:
    monkeypatch.setattr(cache, "SETTLED_NS", 0)
    first = load_glossary(content_copy)
    kept = list(cache_dir.glob("*/glossaire.json"))
    assert len(kept) == 1
    assert load_glossary(content_copy) == first == load_glossary(content_copy, cache=False)
    path = content_copy / FILE
    path.write_text(path.read_text("utf-8").replace("Ancien nom", "Autre nom"), "utf-8")
    changed = load_glossary(content_copy).find("Pôle emploi")
    assert changed.definition.startswith("Autre nom")
    kept[0].write_bytes(kept[0].read_bytes().replace(b"Autre nom", b"Faux nom"))  # bad CRC
    assert load_glossary(content_copy).find("Pôle emploi").definition.startswith("Autre nom")


@pytest.mark.slow
def test_an_unchanged_glossary_loads_without_the_yaml_parser() -> None:
    code = (
        "import sys; from orientation.content.model import default_root; "
        "from orientation.content.catalogue import load_glossary; "
        "g = load_glossary(default_root()); "
        "print(len(g.terms), 'yaml' in sys.modules)"
    )
    runs = [orientation(command=(sys.executable, "-c", code)) for _ in range(2)]
    assert [run.returncode for run in runs] == [0, 0], runs[-1].stderr
    count = str(len(load_glossary(default_root(), cache=False).terms))
    assert [run.stdout.split() for run in runs] == [[count, "True"], [count, "False"]]


@pytest.mark.slow
@pytest.mark.parametrize("args", [("list",), ("--help",), ("show", "--help")])
def test_list_and_help_do_not_load_the_glossary(args: tuple[str, ...]) -> None:
    assert not [name for name in imported_by(*args) if "orientation.content.glossary" in name]


# --- orientation glossaire -------------------------------------------------------------


@pytest.mark.slow
def test_the_whole_glossary_at_80_40_and_200_columns() -> None:
    shipped = load_glossary(default_root(), cache=False)
    alphabetical = sorted(shipped.terms, key=lambda t: (normalise(t.term), t.term))
    outputs = {}
    for columns in (40, 80, 200):
        result = orientation("glossaire", columns=columns)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert max(len(line) for line in lines) <= min(columns, 110)
        assert lines[0].startswith("Glossaire\u00a0: sigles et mots techniques")
        outputs[columns] = lines
    # At 40 columns, each term above its whole definition, A to Z.
    forty = " ".join(" ".join(outputs[40]).split())
    expected = " ".join(f"{t.term} {t.definition} {renamed_line(t) or ''}" for t in alphabetical)
    assert forty.endswith(" ".join(expected.split()))
    assert outputs[40][3:5] == ["AAH", "  Allocation aux adultes handicapés\u00a0: un"]
    # Wider, each term beside its definition: two columns, read down.
    for columns in (80, 200):
        body = outputs[columns][2:]
        left = " ".join(" ".join(line[:24] for line in body).split())
        right = " ".join(" ".join(line[24:] for line in body).split())
        assert left == " ".join(" ".join(t.term for t in alphabetical).split())
        definitions = " ".join(f"{t.definition} {renamed_line(t) or ''}" for t in alphabetical)
        assert right == " ".join(definitions.split())
    assert outputs[200][2].startswith("AAH" + " " * 21 + "Allocation aux adultes handicapés")
    assert "Aujourd'hui France Travail, depuis le 1er janvier 2024." in forty


def test_one_term() -> None:
    result = orientation("glossaire", "pole emploi")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Pôle emploi",
        "Ancien nom de France Travail, l'organisme public qui aide à trouver un emploi et",
        "verse les allocations chômage.",
        "Aujourd'hui France Travail, depuis le 1er\u00a0janvier 2024.",
        "S'écrit aussi\u00a0: Pôle Emploi.",
        "Définition vérifiée le 30\u00a0novembre 2026.",
    ]
    dut = orientation("glossaire", "dut", columns=40)
    assert "Aujourd'hui BUT, depuis la rentrée 2021." in dut.stdout
    assert "(bac\u00a0+2)" in dut.stdout


def test_an_unknown_term_is_exit_1_with_suggestions() -> None:
    result = orientation("glossaire", "ccaz", columns=200)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Erreur : Aucun terme du glossaire ne correspond à « ccaz ». Vouliez-vous dire : CCAS ?",
        "Le glossaire entier : orientation glossaire",
    ]


@pytest.mark.slow
@pytest.mark.parametrize("args", [("ccas", "caf"), ("--jsonn",), ("ccas", "--content")])
def test_a_wrong_command_line_is_exit_2(args: tuple[str, ...]) -> None:
    result = orientation("glossaire", *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()


@pytest.mark.slow
def test_json() -> None:
    whole = orientation("glossaire", "--json")
    assert whole.returncode == 0
    data = json.loads(whole.stdout)
    assert set(data) == {"terms", "watch"}
    assert len(data["terms"]) == len(load_glossary(default_root()).terms)
    one = json.loads(orientation("glossaire", "DUT", "--json").stdout)
    assert one == {
        "term": "DUT",
        "definition": one["definition"],
        "forms": ["DUT"],
        "today": "BUT",
        "since": "la rentrée 2021",
        "checked": "2026-11-30",
    }


@pytest.mark.slow
def test_a_content_folder_without_or_with_a_broken_glossary(tmp_path: Path) -> None:
    assert orientation("init", "mine", cwd=tmp_path).returncode == 0
    (tmp_path / "mine" / FILE).unlink()
    result = orientation("glossaire", "--content", "mine", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (
        0,
        "Ce dossier de contenu n'a pas de glossaire (glossaire.yaml).\n",
    )
    (tmp_path / "mine" / FILE).write_text("terms:\n  CCAS: {checked: 2026-11-30}\n", "utf-8")
    result = orientation("glossaire", "--content", "mine", cwd=tmp_path)
    assert result.returncode == 1
    assert "mine/glossaire.yaml:2:9: champ « terms.CCAS.definition » manquant" in result.stderr


@pytest.mark.slow
def test_completion() -> None:
    ctx = typer.Context(typer.main.get_command(app))
    assert [t for t, _ in complete_term(ctx, "CC")] == ["CCAS"]
    assert [t for t, _ in complete_term(ctx, "cc")] == ["ccas"]  # typer keeps what starts so
    assert [t for t, _ in complete_term(ctx, "Pôle")] == ["Pôle-emploi"]
    assert [t for t, _ in complete_term(ctx, "pole")] == ["pole-emploi"]
    assert "comité-de-bassin-d-emploi" in [t for t, _ in complete_term(ctx, "comi")]
    assert complete_term(ctx, "ccas")[0][1].startswith("Centre communal d'action sociale")
    assert len(complete_term(ctx, "")) == len(load_glossary(default_root()).terms)
    assert bash_complete("orientation glossaire cp") == ["cpam"]
    assert bash_complete("orientation glossaire CP") == ["CPAM"]
    assert bash_complete("orientation glossaire pole") == ["pole-emploi"]
    assert orientation("glossaire", "pole-emploi").returncode == 0  # what it completes finds


# --- check: the watch-list rule ----------------------------------------------------------

USES = """\
  - Associations habilitées par la PJJ ou par l\u2019ESAT.
  - >-
    Se spécialiser, par exemple auprès de la
    PJJ (protection judiciaire de la jeunesse).
"""


@pytest.mark.slow
def test_check_reports_watched_terms_used_without_definition(tmp_path: Path) -> None:
    assert orientation("init", "mine", cwd=tmp_path).returncode == 0
    root = tmp_path / "mine"
    glossary = root / FILE
    text = glossary.read_text("utf-8")
    text = re.sub(r"  PJJ:\n    definition: .*\n    checked: .*\n", "", text)
    text = text.replace("l'action sociale (protection", "l'action sociale (ASE, PJJ, protection")
    glossary.write_text(text, "utf-8")
    fiche = root / "fiches" / "charge-d-insertion-sociale.yaml"
    fiche.write_text(
        fiche.read_text("utf-8").replace("career:\n", "career:\n" + USES), encoding="utf-8"
    )
    lines = fiche.read_text("utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if "ESAT" in line) + 1
    defined = next(i for i, line in enumerate(text.splitlines()) if "ASE, PJJ" in line) + 1
    column = text.splitlines()[defined - 1].index("PJJ") + 1

    pjj = lines[first - 1].index("PJJ") + 1
    esat = lines[first - 1].index("ESAT") + 1

    result = orientation("check", "mine", cwd=tmp_path, columns=300)
    assert result.returncode == 1
    fiche_name = "mine/fiches/charge-d-insertion-sociale.yaml"
    advice = (
        "l'ajouter au glossaire (glossaire.yaml, sous « terms: ») avec une définition d'une ligne"
    )
    assert result.stdout.splitlines() == [
        f"{fiche_name}:{first}:{pjj}: « PJJ » est un sigle à expliquer : {advice}",
        f"{fiche_name}:{first}:{esat}: « ESAT » est un sigle à expliquer : {advice}",
        f"{fiche_name}:{first + 3}:5: « PJJ » est un sigle à expliquer : {advice}",
        f"mine/glossaire.yaml:{defined}:{column}: « PJJ » est un sigle à expliquer : {advice}",
        "4 problèmes dans 2 fichiers.",
    ]


@pytest.mark.slow
def test_check_says_a_watched_technical_term_is_one(tmp_path: Path) -> None:
    assert orientation("init", "mine", cwd=tmp_path).returncode == 0
    root = tmp_path / "mine"
    # « Comités de bassin d'emploi. » starts a list item: the capital is forgiven. (The
    # shipped glossary, without that term: the fiches' other sigles stay defined.)
    text = (root / FILE).read_text("utf-8")
    entry = re.search(r"\n  comité de bassin d'emploi:\n(    .*\n)+", text)
    assert entry is not None
    text = text.replace(entry.group(), "\n", 1)
    text = text.replace("  - comité de bassin d'emploi\n", "  - comités de bassin d'emploi\n")
    (root / FILE).write_text(text, "utf-8")
    fiche = root / "fiches" / "charge-de-missions-locales.yaml"
    line = fiche.read_text("utf-8").splitlines().index("    - Comités de bassin d'emploi.") + 1
    result = orientation("check", "mine", cwd=tmp_path, columns=300)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"mine/fiches/charge-de-missions-locales.yaml:{line}:7: « comités de bassin "
        "d'emploi » est un terme technique à expliquer : l'ajouter au glossaire "
        "(glossaire.yaml, sous « terms: ») avec une définition d'une ligne",
        "1 problème dans 1 fichier.",
    ]


# --- Fuzz: whatever glossaire.yaml holds, only the tool's own error comes out ----------


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    root = tmp_path_factory.mktemp("fuzz") / "content"
    shutil.copytree(default_root(), root)
    for path in (root / "fiches").iterdir():
        if path.name != "conseiller-social.yaml":
            path.unlink()
    return root


def glossary_survives(root: Path, data: bytes) -> None:
    from orientation.authoring.checks import check_root
    from orientation.errors import OrientationError

    (root / FILE).write_bytes(data)
    said = []
    for read in (
        lambda: load_glossary(root, cache=False),
        lambda: load_glossary(root),
        lambda: check_root(root),
        lambda: load_glossary(root).find("ccas"),
        lambda: load_glossary(root).used_in([(default_root() / FILE).read_text("utf-8")]),
        lambda: [term.pattern.search("CCAS") for term in load_glossary(root).terms],
    ):
        try:
            read()
        except OrientationError as exc:
            said.append(exc.message)
    assert all(said)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(text=yaml_like)
def test_fuzz_random_glossary(fuzz_root: Path, text: str) -> None:
    glossary_survives(fuzz_root, text.encode("utf-8", "surrogatepass"))


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(value=json_values)
def test_fuzz_glossary_of_any_shape(fuzz_root: Path, value: object) -> None:
    glossary_survives(fuzz_root, json.dumps(value).encode())


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(cuts=st.lists(st.tuples(st.integers(0, 20_000), st.integers(0, 40), st.text(max_size=3))))
def test_fuzz_damaged_shipped_glossary(fuzz_root: Path, cuts: list[tuple[int, int, str]]) -> None:
    text = (default_root() / FILE).read_text(encoding="utf-8")
    for start, length, replacement in cuts:
        start %= len(text) + 1
        text = text[:start] + replacement + text[start + length :]
    glossary_survives(fuzz_root, text.encode("utf-8", "surrogatepass"))
