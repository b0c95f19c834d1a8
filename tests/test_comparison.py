"""The comparison: salary normalisation, aligned rows, distinctive tags, every format."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orientation.content.catalogue import load_catalogue, load_glossary, load_questions
from orientation.content.model import Catalogue, Fiche, Salary, TagWeight
from orientation.errors import NotFoundError, UsageError
from orientation.results.outcome import Outcome
from orientation.scoring import rank_matches
from orientation.views import comparison
from orientation.views.comparison import Comparison, compare, distinctive_tags, pick
from orientation.views.fiche import editorial_line, salary_footnote, salary_monthly
from orientation.views.parts import MISSING
from orientation.views.results import score_words
from orientation.writers import columns
from tests.helpers import check_golden
from tests.test_render import render

CATALOGUE = load_catalogue()
# As the command shows it: renamed terms said, terms explained (the goldens are shared
# with tests/test_cli_compare.py).
GLOSSARY = load_glossary(CATALOGUE.root)
ALL = tuple(f.slug for f in CATALOGUE.fiches)
# The counsellor's question of the issue, and three with different salary data.
TWO = ("coordinateur-social", "charge-d-insertion-sociale")
THREE = ("coordinateur-social", "charge-d-insertion-sociale", "charge-de-mission-sociale")


def salary(**changes: object) -> Salary:
    base = Salary(
        low=1600,
        high=1800,
        period="month",
        basis="gross",
        stage=None,
        source="Source A",
        date=None,
        note=None,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def with_salaries(slug: str, *salaries: Salary) -> Fiche:
    """The fiche with these figures instead of its own, and without its editorial notes
    (they name its own figures by number: « salary[1] »)."""
    return replace(CATALOGUE.find(slug), salaries=salaries, editorial=())


def block(result: Comparison, heading: str) -> comparison.Block:
    return next(b for b in result.blocks if b.heading == heading)


# --- Salary normalisation ---------------------------------------------------------


def test_annual_figures_become_monthly_rounded_to_the_euro() -> None:
    figure = salary(low=25000, high=30000, period="year")
    assert figure.monthly == (2083, 2500)
    assert salary_monthly(figure) == "2\u00a0083\u00a0€ à 2\u00a0500\u00a0€ brut par mois"
    note = salary_footnote(figure)
    assert note.startswith("Source : Source A, sans date.")
    assert "Chiffre d'origine : 25\u00a0000\u00a0€ à 30\u00a0000\u00a0€ brut par an" in note


def test_monthly_figures_are_kept_and_a_single_amount_is_not_a_range() -> None:
    assert salary(low=2917, high=2917).monthly == (2917, 2917)
    assert salary_monthly(salary(low=2917, high=2917)) == "2\u00a0917\u00a0€ brut par mois"


def test_unknown_basis_is_said_never_assumed_gross() -> None:
    shown = salary_monthly(salary(basis=None))
    assert "brut ou net non précisé" in shown
    assert " brut par mois" not in shown


def test_footnote_gives_source_date_then_note() -> None:
    note = salary_footnote(salary(date="T2 2024", note="Selon la taille de l'employeur."))
    assert note == "Source : Source A, T2 2024. Selon la taille de l'employeur."


def test_salary_rows_follow_career_stages_and_say_what_is_missing() -> None:
    a = with_salaries(
        "coordinateur-social",
        salary(stage="end", low=2200, high=2600),
        salary(stage="start"),
    )
    b = with_salaries(
        "charge-d-insertion-sociale", salary(stage=None, low=1807, high=2393, date="T2 2024")
    )
    rows = block(compare([a, b], CATALOGUE), "Salaire par mois").rows
    assert [r.label for r in rows] == ["Début de carrière", "Fin de carrière", "Étape non précisée"]
    start, end, unknown = rows
    assert start.cells[0] == ("1\u00a0600\u00a0€ à 1\u00a0800\u00a0€ brut par mois\u00a0[1]",)
    assert start.cells[1] == ()  # shown as « non renseigné »
    # Same source, same date: the same footnote.
    assert end.cells == (("2\u00a0200\u00a0€ à 2\u00a0600\u00a0€ brut par mois\u00a0[1]",), ())
    assert unknown.cells == ((), ("1\u00a0807\u00a0€ à 2\u00a0393\u00a0€ brut par mois\u00a0[2]",))


def test_identical_footnotes_share_a_number_and_each_figure_has_one() -> None:
    a = with_salaries("coordinateur-social", salary(stage="start"), salary(stage="end", low=2200))
    b = with_salaries("charge-d-insertion-sociale", salary(stage="mid", date="2024"))
    salaries = block(compare([a, b], CATALOGUE), "Salaire par mois")
    figures = [v for row in salaries.rows for cell in row.cells for v in cell]
    assert len(figures) == 3
    numbers = [int(re.search(r"\[(\d+)\]$", v).group(1)) for v in figures]  # type: ignore[union-attr]
    assert sorted(set(numbers)) == [1, 2]  # two figures from « Source A, sans date »
    assert salaries.notes == (
        "[1] Source : Source A, sans date.",
        "[2] Source : Source A, 2024.",
    )


def test_no_salary_anywhere_is_one_row_of_missing() -> None:
    a, b = with_salaries("coordinateur-social"), with_salaries("conseiller-social")
    salaries = block(compare([a, b], CATALOGUE), "Salaire par mois")
    assert [(r.label, r.cells) for r in salaries.rows] == [("Salaire", ((), ()))]
    assert salaries.notes == ()


def test_every_shipped_figure_appears_once_with_its_source() -> None:
    result = compare([CATALOGUE.find(s) for s in ALL], CATALOGUE)
    salaries = block(result, "Salaire par mois")
    for column, fiche in enumerate(result.fiches):
        shown = [v for row in salaries.rows for v in row.cells[column]]
        assert len(shown) == len(fiche.salaries)
        for rank, figure in enumerate(fiche.salaries, 1):
            # Its source, then its editorial notes (the SMIC under 003's starting salary).
            said = [salary_footnote(figure)]
            said += [editorial_line(n, fiche) for n in fiche.notes_on(f"salary[{rank}]")]
            number = next(
                n for n, note in enumerate(salaries.notes, 1) if note == f"[{n}] {' '.join(said)}"
            )
            assert f"{salary_monthly(figure)}\u00a0[{number}]" in shown


# --- Rows and tags ----------------------------------------------------------------


def test_nothing_unknown_is_shown_as_known() -> None:
    """A cell is empty (« non renseigné ») exactly when the fiche has nothing for it."""
    result = compare([CATALOGUE.find(s) for s in ALL], CATALOGUE)
    fields: dict[str, Callable[[Fiche], object]] = {
        "Métiers proches": lambda f: f.related,
        "Niveau d'études": lambda f: f.education.level_min or f.education.level_max,
        "Diplômes cités": lambda f: f.education.diplomas,
        "Expérience demandée": lambda f: f.experience,
        "Structures et employeurs": lambda f: f.environment.structures + f.employers,
        "Bureau ou terrain": lambda f: f.environment.workplace,
        "Déplacements": lambda f: f.environment.travel,
        "Évolution de carrière": lambda f: f.career,
    }
    rows = {row.label: row for b in result.blocks for row in b.rows}
    for label, field in fields.items():
        for fiche, cell in zip(result.fiches, rows[label].cells, strict=True):
            assert bool(cell) == bool(field(fiche)), (label, fiche.slug)
    empty = sum(1 for b in result.blocks for row in b.rows for cell in row.cells if not cell)
    shown = render(columns.renderable(result), 120)
    assert shown.count(MISSING) == empty
    assert empty > 10  # the shipped documents leave many gaps: they must all show


def test_tags_are_aligned_by_id_in_vocabulary_order() -> None:
    fiches = [CATALOGUE.find(s) for s in reversed(ALL)]
    rows = block(compare(fiches, CATALOGUE), "Centres d'intérêt").rows
    assert [r.label.removeprefix("▶ ") for r in rows] == [t.label for t in CATALOGUE.tags]
    for row, tag in zip(rows, CATALOGUE.tags, strict=True):
        weights = [f.weights.get(tag.id, 0) for f in fiches]
        assert row.cells == tuple(("■" * w + "·" * (3 - w),) for w in weights)


def test_the_counsellors_question_administration_sets_them_apart() -> None:
    fiches = [CATALOGUE.find(s) for s in TWO]
    assert distinctive_tags(fiches, CATALOGUE) == ["administratif"]
    result = compare(fiches, CATALOGUE)
    assert result.distinctive == ("Démarches et droits",)
    marked = [r.label for r in block(result, "Centres d'intérêt").rows if r.highlight]
    assert marked == ["▶ Démarches et droits"]


def tagged(slug: str, **weights: int) -> Fiche:
    return replace(
        CATALOGUE.find(slug), tags=tuple(TagWeight(t, w, "") for t, w in weights.items())
    )


def test_small_differences_are_not_highlighted() -> None:
    a = tagged("coordinateur-social", empathie=3, budget=1)
    b = tagged("conseiller-social", empathie=2, budget=2)
    assert distinctive_tags([a, b], CATALOGUE) == []
    notes = block(compare([a, b], CATALOGUE), "Centres d'intérêt").notes
    assert any("Aucun centre d'intérêt ne les distingue nettement" in n for n in notes)


def test_at_most_three_distinctive_tags_but_ties_are_kept() -> None:
    a = tagged("coordinateur-social", empathie=3, budget=3, analyse=3, partenariats=3)
    b = tagged("conseiller-social", administratif=2)
    # Four tags differ by 3, equally dispersed: none is dropped arbitrarily.
    assert distinctive_tags([a, b], CATALOGUE) == ["empathie", "budget", "partenariats", "analyse"]
    c = tagged("charge-de-mission-sociale", empathie=3, budget=3, analyse=3, partenariats=2)
    assert len(distinctive_tags([a, b, c], CATALOGUE)) == 3


def test_pick_keeps_the_order_asked_and_forgives_like_show() -> None:
    fiches = pick(CATALOGUE, ["CESF", "Coordinatrice sociale", "charge-de-missions-locales"])
    assert [f.slug for f in fiches] == [
        "conseiller-social",
        "coordinateur-social",
        "charge-de-missions-locales",
    ]


@pytest.mark.parametrize("names", [[], ["cesf"], ["a", "b", "c", "d", "e", "f"]])
def test_pick_needs_two_to_five(names: list[str]) -> None:
    with pytest.raises(UsageError, match=f"de 2 à 5 métiers à comparer \\({len(names)} donn"):
        pick(CATALOGUE, names)


def test_pick_unknown_and_repeated() -> None:
    with pytest.raises(NotFoundError, match="« inconnu »"):
        pick(CATALOGUE, ["cesf", "inconnu"])
    with pytest.raises(UsageError, match="« cesf » et « conseiller-social » désignent le même"):
        pick(CATALOGUE, ["cesf", "conseiller-social"])


def test_quiz_scores_row() -> None:
    fiches = [CATALOGUE.find(s) for s in TWO]
    weights = {f.slug: f.weights for f in CATALOGUE.fiches}
    loads = {"q1": {"administratif": 2}, "q2": {"empathie": 2}, "q3": {"budget": 2}}
    result = rank_matches(loads, weights, {"q1": 5, "q2": 1, "q3": 3})
    rows = block(compare(fiches, CATALOGUE, Outcome(result, {}, CATALOGUE, {})), "Votre quiz").rows
    rank = [m.slug for m in result.matches]
    score = {m.slug: m.score for m in result.matches}
    low = {m.slug: m.low for m in result.matches}
    expected = tuple(
        (
            f"{score_words(score[s], low[s])} "
            f"({'1er' if rank.index(s) == 0 else f'{rank.index(s) + 1}e'}\u00a0sur\u00a05)",
        )
        for s in TWO
    )
    assert rows[0].cells == expected
    # Far apart (second and fifth): told apart even on three answers.
    said = block(compare(fiches, CATALOGUE, Outcome(result, {}, CATALOGUE, {})), "Votre quiz")
    assert not any("égalité" in n for n in said.notes)
    # Same weights, same score: the comparison says they are tied, as the results do.
    same = rank_matches(loads, {**weights, TWO[1]: weights[TWO[0]]}, {"q1": 5, "q2": 1, "q3": 3})
    said = block(compare(fiches, CATALOGUE, Outcome(same, {}, CATALOGUE, {})), "Votre quiz")
    titles = ", ".join(f.title for f in fiches)
    assert (
        f"À confirmer : vos réponses ne départagent pas nettement {titles} : "
        "considérez-les à égalité." in said.notes
    )
    flat = rank_matches(loads, weights, {"q1": 3, "q2": 3, "q3": 3})
    rows = block(compare(fiches, CATALOGUE, Outcome(flat, {}, CATALOGUE, {})), "Votre quiz").rows
    assert rows[0].cells == (("non classé : profil peu différencié",),) * 2


# --- Rendering --------------------------------------------------------------------


def fiches(slugs: tuple[str, ...], catalogue: Catalogue = CATALOGUE) -> list[Fiche]:
    return [catalogue.find(s) for s in slugs]


@pytest.mark.parametrize(
    ("slugs", "width", "golden"),
    [
        (TWO, 80, "compare-2-80.txt"),
        (THREE, 80, "compare-3-80.txt"),
        (ALL, 120, "compare-5-120.txt"),
        (THREE, 60, "compare-3-60.txt"),  # too narrow for columns: one panel each
    ],
)
def test_goldens(slugs: tuple[str, ...], width: int, golden: str) -> None:
    shown = render(columns.renderable(compare(fiches(slugs), CATALOGUE, None, GLOSSARY)), width)
    check_golden(golden, shown)
    assert max(len(line) for line in shown.splitlines()) <= width


def test_columns_down_to_the_narrowest_width_then_panels() -> None:
    result = compare(fiches(THREE), CATALOGUE)
    narrowest = columns.table_width(3)
    assert narrowest <= 80
    assert columns.table_width(5) <= 120
    side_by_side = render(columns.renderable(result), narrowest)
    panels = render(columns.renderable(result), narrowest - 1)
    assert "╭─" not in side_by_side
    assert "Le métier ──" in side_by_side
    assert panels.count("╭─") == 3
    for fiche in result.fiches:
        assert f"╭{'─' * (narrowest - 3)}╮\n│ {fiche.title}" in panels


def test_panels_show_every_row_and_value_uncut() -> None:
    result = compare(fiches(THREE), CATALOGUE)
    panels = render(columns.renderable(result), 60)

    def words(text: str) -> Counter[str]:
        return Counter(re.findall(r"\w+", text.replace("\u00a0", " ")))

    expected: Counter[str] = Counter()
    for column, fiche in enumerate(result.fiches):
        expected += words(fiche.title)
        for b in result.blocks:
            expected += words(b.heading)
            for row in b.rows:
                expected += words(row.label)
                expected += words(" ".join(row.cells[column]) or MISSING)
    for b in result.blocks:
        expected += words(" ".join(b.notes))
    assert expected - words(panels) == Counter()


def test_untrusted_text_is_literal_and_controls_are_neutralised() -> None:
    hostile = replace(
        CATALOGUE.find("cesf"), summary="[bold red]x[/] \x1b[2J\x1b]0;titre\x07 [link=file:///]ici"
    )
    shown = render(columns.renderable(compare([hostile, *fiches(TWO)], CATALOGUE)), 80)
    assert "[bold red]x[/]" in shown
    assert "\x1b" not in shown
    assert "\x07" not in shown


def letters(text: str) -> Counter[str]:
    """The letters and digits of a text, whatever the layout, wrapping and hyphens."""
    return Counter(c for c in text if c.isalnum())


def expected_letters(result: Comparison, panels: bool) -> Counter[str]:
    """Everything the comparison must show: labels once per panel, or once for the table."""
    repeat = len(result.fiches) if panels else 1
    shown = Counter[str]()
    for b in result.blocks:
        shown += letters(b.heading + " ".join(b.notes))
        for _ in range(repeat - 1):
            shown += letters(b.heading)
        for row in b.rows:
            for _ in range(repeat):
                shown += letters(row.label)
            for cell in row.cells:
                shown += letters(" ".join(cell) or MISSING)
    shown += letters(comparison.headline(result))
    shown += letters("".join(f.title for f in result.fiches))
    shown += letters("Les fiches complètes")
    shown += letters("".join(f"orientation show {f.slug}" for f in result.fiches))
    return shown


@pytest.mark.parametrize(("slugs", "width"), [(THREE, 80), (ALL, 120), (ALL, 100)])
@pytest.mark.parametrize("narrow", [False, True])
def test_nothing_lost_at_any_width(slugs: tuple[str, ...], width: int, narrow: bool) -> None:
    """Every letter of every row is shown, in columns or in panels down to 20 columns."""
    result = compare(fiches(slugs), CATALOGUE)
    widths = [40, 30, 20] if narrow else [width]
    for shown_width in widths:
        shown = render(columns.renderable(result), shown_width)
        panels = shown_width < columns.table_width(len(slugs))
        assert letters(shown) == expected_letters(result, panels), shown_width
        assert max(len(line) for line in shown.splitlines()) <= shown_width


def test_narrow_golden() -> None:
    shown = render(columns.renderable(compare(fiches(TWO), CATALOGUE, None, GLOSSARY)), 40)
    check_golden("compare-2-40.txt", shown)


@pytest.mark.parametrize(
    ("value", "width", "lines"),
    [
        (
            "Associations interinstitutionnelles.",
            17,
            ["Associations", "interinstitution-", "nelles."],
        ),
        # A no-break space is where a too-long word breaks, without a hyphen.
        ("à responsabilités : encadrer", 16, ["à", "responsabilités", ": encadrer"]),
        # A hyphen of its own first.
        ("établissements médico-sociaux", 10, ["établisse-", "ments", "médico-", "sociaux"]),
        ("un\ntexte  sur   deux lignes", 40, ["un texte sur deux lignes"]),
        # Amounts never split from their unit.
        ("de 25\u00a0000\u00a0€ par an", 10, ["de", "25 000 €", "par an"]),
    ],
)
def test_wrap_never_cuts_a_word_silently(value: str, width: int, lines: list[str]) -> None:
    wrapped = [line.replace("\u00a0", " ") for line in columns.wrap(value, width)]
    assert wrapped == lines
    assert all(len(line) <= width for line in wrapped)


def test_wrap_bullets_hang() -> None:
    assert columns.wrap("Diplôme d'État de travailleur social", 20, "• ", "  ") == [
        "• Diplôme d'État de",
        "  travailleur social",
    ]


def test_wrap_keeps_every_letter_at_every_width() -> None:
    value = " ".join(v for f in CATALOGUE.fiches for v in (f.summary, *f.environment.structures))
    for width in range(4, 60):
        lines = columns.wrap(value, width, "• ", "  ")
        assert all(len(line) <= width for line in lines), width
        assert letters("".join(lines)) == letters(value), width


@given(
    value=st.text(alphabet="ab -\u00a0«»:é\n", max_size=80),
    width=st.integers(min_value=1, max_value=30),
    first=st.sampled_from(["", "• ", "▶ x "]),
    rest=st.sampled_from(["", "  "]),
)
def test_wrap_any_text(value: str, width: int, first: str, rest: str) -> None:
    lines = columns.wrap(value, width, first, rest)
    widest = max(width, len(first) + 2, len(rest) + 2)
    assert all(len(line) <= widest for line in lines)
    assert letters("".join(lines)) == letters(first + value)


def test_markdown_golden() -> None:
    check_golden("compare-2.md", columns.markdown(compare(fiches(TWO), CATALOGUE, None, GLOSSARY)))


def test_markdown_escapes_and_keeps_every_cell() -> None:
    hostile = replace(
        CATALOGUE.find("cesf"), summary="a | b <script>", career=("sur\ndeux lignes", "x")
    )
    text = columns.markdown(compare([hostile, *fiches(TWO)], CATALOGUE))
    assert "a \\| b \\<script\\>" in text
    assert "• sur deux lignes<br>• x" in text
    for line in text.splitlines():
        if line.startswith("| **"):
            assert line.count(" | ") == 3, line  # label + three cells, no cell merged


def test_data_is_the_fiches_in_the_order_asked() -> None:
    slugs = ("charge-de-mission-sociale", "coordinateur-social")
    items = comparison.data(compare(fiches(slugs), CATALOGUE))
    assert [i["slug"] for i in items] == list(slugs)
    first = items[0]["salary"][0]
    assert (first["period"], first["min"], first["monthly"]) == (
        "year",
        25000,
        {"min": 2083, "max": 2500},
    )
    assert "match" not in items[0]


def test_answers_that_do_not_hang_together_rank_nothing_in_compare() -> None:
    import random

    from orientation.results import evaluation
    from orientation.views.comparison import UNRANKED

    questions = load_questions()
    rng = random.Random(0)
    while True:
        sheet: dict[str, int | None] = {q.id: rng.randint(1, 5) for q in questions}
        outcome = evaluation.evaluate(sheet, CATALOGUE, questions)
        if not outcome.result.consistent:
            break
    result = compare(fiches(THREE), CATALOGUE, outcome)
    quiz = result.blocks[0]
    assert quiz.rows[0].cells[0] == (UNRANKED["inconsistent"],)
