"""The --html handouts of `compare` and `classe`: self-contained, escaped, with the facts
of the terminal, and printed by a real browser (helpers of tests/test_html.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from orientation.content.catalogue import load_catalogue
from tests.helpers import orientation
from tests.test_html import (
    COMMAND,
    CONFIDENTIAL,
    FICHE,
    OUTSIDE,
    SAMPLE,
    footed,
    handout,
    loaded,
    printed,
    read,
    visible,
    written,
)

pytestmark = pytest.mark.slow

COMPARED = ("coordinateur-social", "conseiller-social", "charge-d-insertion-sociale")
TITLES = {f.slug: f.title for f in load_catalogue(cache=False).fiches}
# « 1 600 € à 1 800 € brut par mois », its no-break spaces kept.
SALARY = re.compile(r"\d[\d\u00a0]*\u00a0€ .{0,30}par mois")


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    """Results saved by the quiz from the sample answers (a ranking, not a flat profile)."""
    answers = tmp_path / "reponses.json"
    answers.write_text(json.dumps(json.loads(SAMPLE.read_text(encoding="utf-8"))["answers"]))
    path = tmp_path / "resultats.json"
    run = orientation("quiz", "--answers", str(answers), "--save", str(path))
    assert run.returncode == 0, run.stderr
    return path


def self_contained(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="fr">' in page
    for outside in OUTSIDE:
        assert outside not in page, outside
    assert "@page" in page
    assert "@media print" in page


def test_compare_and_classe_without_html_never_import_jinja2(saved: Path) -> None:
    assert loaded("compare", *COMPARED) == "False False"  # the plain path, without typer
    assert loaded("compare", *COMPARED, "--markdown") == "False False"
    assert loaded("classe", str(saved)) == "False False"
    assert loaded("classe", str(saved), "--csv") == "False False"


# --- compare --html ---------------------------------------------------------------


def test_the_comparison_is_a_table_per_block_with_every_title(saved: Path) -> None:
    page = handout("compare", *COMPARED, "--results", str(saved), "--html")
    self_contained(page)
    words = visible(page)
    for slug in COMPARED:
        assert TITLES[slug] in words, slug
    assert "Missions" in words
    assert "Publics" in words
    assert "Votre quiz" in words  # the scores, with --results
    # The person's own interests once, in a « Vous » column of the drawn interests; never
    # beside each occupation's.
    assert "vous\u00a0" not in words
    assert '<th scope="col" class="you">Vous</th>' in page
    tags = len(load_catalogue(cache=False).tags)
    assert page.count('class="drawn you"') == tags
    assert page.count('<svg class="bar"') == tags * (1 + len(COMPARED))
    assert "■" not in words
    assert SALARY.search(words), "no salary"
    assert "non renseigné" in words
    assert "« non renseigné »" not in words
    # One header cell per occupation in every table, and each row as many cells.
    tables = re.findall(r"<table class=\"compare\"[^>]*>(.*?)</table>", page, flags=re.DOTALL)
    assert len(tables) >= 5
    for table in tables:
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, flags=re.DOTALL):
            assert len(re.findall(r"<t[dh][ >]", row)) == 1 + len(COMPARED), row[:200]
    # The salaries' sources, after their table.
    assert re.search(r"</table>\s*</div>\s*<p class=\"note\">\[1\] Source", page)


def test_the_comparison_says_what_markdown_says() -> None:
    page = visible(handout("compare", *COMPARED, "--html"))
    markdown = handout("compare", *COMPARED, "--markdown")
    # On paper the studies split: the level beside the pay on page 1, the diplomas after;
    # the terms used go in a short box.
    on_paper = {
        "Études et expérience": "Diplômes et expérience",
        "Salaire par mois": "Niveau d'études et salaire par mois",
        "Sigles et mots techniques": "Sigles et mots du métier",
    }
    for heading in re.findall(r"^## (.+)$", markdown, flags=re.MULTILINE):
        heading = heading.replace("\\", "")
        assert on_paper.get(heading, heading) in page, heading
    for label in re.findall(r"^\| \*\*(.+?)\*\* \|", markdown, flags=re.MULTILINE):
        assert label.replace("\\", "") in page, label


def test_compared_content_is_escaped_never_markup(content_copy: Path) -> None:
    fiche = content_copy / "fiches" / f"{FICHE}.yaml"
    text = fiche.read_text(encoding="utf-8")
    fiche.write_text(
        text.replace(
            "  Accompagne des personnes en difficulté",
            '  <script>alert(1)</script> <img src="http://x"> & "Accompagne" des personnes '
            "en difficulté",
            1,
        ),
        encoding="utf-8",
    )
    page = handout("compare", FICHE, "cesf", "--html", "--content", str(content_copy))
    assert "<script" not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=&#34;http://x&#34;&gt; &amp;" in page


# --- classe --html ----------------------------------------------------------------


@pytest.fixture
def folder(saved: Path, tmp_path: Path) -> Path:
    """Two results of the same answers, one named with markup, and one broken file."""
    answers = json.loads(saved.read_text(encoding="utf-8"))["answers"]
    given = tmp_path / "reponses-classe.json"
    given.write_text(json.dumps(answers), encoding="utf-8")
    folder = tmp_path / "2de-b"
    folder.mkdir()
    for name, student in (("zoe", "Zoé <b>&amp;</b> Léo"), ("anais", "Anaïs")):
        target = folder / f"{name}.json"
        run = orientation(
            "quiz", "--answers", str(given), "--save", str(target), "--nom", student,
            "--classe", "2de B",
        )  # fmt: skip
        assert run.returncode == 0, run.stderr
    (folder / "vide.json").write_text("", encoding="utf-8")
    return folder


def test_the_class_overview_has_its_counts_students_and_unread_files(folder: Path) -> None:
    run = orientation("classe", str(folder), "--html")
    assert run.returncode == 0, run.stderr
    page = run.stdout
    self_contained(page)
    words = visible(page)
    assert "Vue d'ensemble de la classe" in words
    assert "2 résultats lus, 1 fichier non lu (en fin de liste)." in words
    assert "Aucun profil plat." in words
    assert "en premier\u00a0: 2 · dans les deux premiers\u00a0: 2" in words
    assert "Les centres d'intérêt de la classe" in words
    assert "Anaïs" in words
    assert "Zoé &lt;b&gt;&amp;amp;&lt;/b&gt; Léo" in page  # the name, escaped
    assert "<b>" not in page
    assert "Fichiers non lus" in words
    assert "vide.json" in words
    assert "fichier vide" in words


# --- Both refuse a second format ---------------------------------------------------


@pytest.mark.parametrize(
    ("command", "args", "said"),
    [
        ("compare", ("--html", "--json"), "choisir --json ou --html, pas les deux."),
        ("compare", ("--html", "--markdown"), "choisir --markdown ou --html, pas les deux."),
        (
            "compare",
            ("--html", "--json", "--markdown"),
            "choisir un seul format parmi --json, --markdown et --html.",
        ),
        ("classe", ("--html", "--csv"), "choisir --html ou --csv, pas les deux."),
        ("classe", ("--html", "--json"), "choisir --json ou --html, pas les deux."),
        ("classe", ("--csv", "--markdown"), "choisir --markdown ou --csv, pas les deux."),
        (
            "classe",
            ("--html", "--csv", "--markdown"),
            "choisir un seul format parmi --json, --markdown, --html et --csv.",
        ),
    ],
)
def test_html_goes_with_no_other_format(
    command: str, args: tuple[str, ...], said: str, saved: Path
) -> None:
    named = COMPARED[:2] if command == "compare" else (str(saved),)
    run = orientation(command, *named, *args)
    assert run.returncode == 2
    assert run.stdout == ""
    assert said in run.stderr
    assert "Traceback" not in run.stderr


# --- In a real browser -------------------------------------------------------------


def test_the_comparison_prints_on_a4_with_its_titles(tmp_path: Path) -> None:
    pdf = printed(written(tmp_path, "comparaison.html", "compare", *COMPARED))
    # No results, no name: the footer dates the fiches, nothing is confidential.
    count = footed(pdf, "Comparaison de 3 métiers · fiches à jour le 4 décembre 2026")
    assert count >= 2
    first = read(pdf, 1)
    for slug in COMPARED:
        # A title may wrap inside its column: its words, in order, on page 1.
        assert re.search(r"\s*".join(map(re.escape, TITLES[slug].split())), first), slug
    # The studies and the pay on page 1.
    assert "Niveau d'études et salaire par mois" in first
    assert "Niveau d'études Bac +2 à bac +3" in first
    assert "1 600 € à 1 800 € brut par mois [1]" in first
    whole = read(pdf, 1, count)
    assert "Missions" in whole
    assert "non renseigné" in whole
    assert "Vous" not in whole
    assert CONFIDENTIAL not in whole


@pytest.mark.parametrize("compared", [COMPARED[:2], tuple(sorted(TITLES))])
def test_with_results_each_page_is_marked_personal(
    compared: tuple[str, ...], tmp_path: Path
) -> None:
    from orientation.output import long_date

    answers = tmp_path / "reponses.json"
    answers.write_text(json.dumps(json.loads(SAMPLE.read_text(encoding="utf-8"))["answers"]))
    path = tmp_path / "resultats.json"
    run = orientation("quiz", "--answers", str(answers), "--save", str(path), "--nom", "Léa Martin")
    assert run.returncode == 0, run.stderr
    page = written(tmp_path, "comparaison.html", "compare", *compared, "--results", str(path))
    pdf = printed(page)
    day = " ".join(long_date(json.loads(path.read_text(encoding="utf-8"))["date"][:10]).split())
    footer = f"{CONFIDENTIAL} · Comparaison de {len(compared)} métiers pour Léa Martin"
    count = footed(pdf, f"{footer}, quiz passé le {day}")
    first = read(pdf, 1)
    assert "Votre quiz" in first
    assert "Niveau d'études et salaire par mois" in first
    assert SALARY.search(first.replace(" ", "\u00a0")) or "brut par mois" in first
    whole = read(pdf, 1, count)
    assert re.search(r"Centres d'intérêt Vous", whole)
    assert not COMMAND.search(whole), COMMAND.search(whole)
