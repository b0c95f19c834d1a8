from __future__ import annotations

import os
import re
from dataclasses import replace
from typing import Any

import pytest
from rich.console import Console

from orientation.content.catalogue import load_catalogue, load_glossary
from orientation.content.model import Catalogue, Salary
from orientation.output import clean
from orientation.views.fiche import euro_range, salary_data, salary_details, salary_monthly
from orientation.writers.markdown import fiche_markdown
from orientation.writers.terminal import catalogue_table, fiche_renderable
from tests.helpers import check_golden


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def render(renderable: object, width: int) -> str:
    with open(os.devnull, "w") as sink:
        console = Console(
            width=width,
            record=True,
            color_system=None,
            file=sink,
            highlight=False,  # the settings of output.console()
            emoji=False,
            markup=False,
        )
        console.print(renderable)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines()) + "\n"


@pytest.mark.parametrize(
    "slug",
    [
        "coordinateur-social",
        "conseiller-social",
        "charge-de-mission-sociale",
        "charge-d-insertion-sociale",
        "charge-de-missions-locales",
    ],
)
def test_show_golden_80_columns(catalogue: Catalogue, slug: str) -> None:
    fiche = catalogue.find(slug)
    glossary = load_glossary(catalogue.root)  # as `show` shows it
    out = render(fiche_renderable(fiche, catalogue, glossary=glossary), 80)
    assert max(len(line) for line in out.splitlines()) <= 80
    # Nothing cut off: every text of the fiche reads in full once wrapping is undone.
    flat = " ".join(out.replace("│", " ").replace("•", " ").split())
    flat = re.sub(r" \(NDLR : aujourd'hui [^)]*\)", "", flat)  # today's names, added
    texts = [*fiche.missions, *fiche.career, *(t.why for t in fiche.tags)]
    texts += [item for section in fiche.sections for item in section.items]
    for value in texts:
        assert " ".join(value.split()) in flat
    # The authors' notes are for `show --sources` only, where they read in full too.
    authors = render(fiche_renderable(fiche, catalogue, authoring=True), 80)
    flat = " ".join(authors.replace("│", " ").replace("•", " ").split())
    for note in (note for source in fiche.sources for note in source.notes):
        assert " ".join(note.split()) not in " ".join(out.split())
        assert " ".join(note.split()) in flat
    check_golden(f"show-{slug}-80.txt", out)


def test_list_golden_80_columns(catalogue: Catalogue) -> None:
    out = render(catalogue_table(catalogue), 80)
    assert "…" not in out
    check_golden("list-80.txt", out)


def test_markdown_golden(catalogue: Catalogue) -> None:
    check_golden(
        "show-coordinateur-social.md",
        fiche_markdown(
            catalogue.find("coordinateur-social"),
            catalogue,
            glossary=load_glossary(catalogue.root),
        ),
    )


def salary(**changes: Any) -> Salary:
    base = Salary(25000, 30000, "year", "gross", "start", "Source X", "2024", None)
    return replace(base, **changes)


def test_annual_gross_becomes_monthly_gross() -> None:
    s = salary()
    assert s.monthly == (2083, 2500)
    assert salary_monthly(s) == "2\u00a0083\u00a0€ à 2\u00a0500\u00a0€ brut par mois"
    assert salary_details(s) == [
        "Chiffre d'origine : 25\u00a0000\u00a0€ à 30\u00a0000\u00a0€ brut par an (divisé par 12)",
        "Source : Source X, 2024",
    ]
    assert salary_data(s)["monthly_gross"] == {"min": 2083, "max": 2500}


def test_unknown_basis_is_never_called_gross() -> None:
    s = salary(low=2917, high=2917, period="month", basis=None, stage=None, date=None)
    assert salary_monthly(s) == "2\u00a0917\u00a0€ par mois (brut ou net non précisé)"
    assert salary_details(s) == ["Source : Source X, sans date"]
    assert salary_data(s)["monthly_gross"] is None
    assert salary_data(s)["monthly"] == {"min": 2917, "max": 2917}


def test_net_stays_net() -> None:
    s = salary(basis="net")
    assert salary_monthly(s).endswith(" net par mois")
    assert salary_data(s)["monthly_gross"] is None


def test_euro_range() -> None:
    assert euro_range(1807, 2393) == "1\u00a0807\u00a0€ à 2\u00a0393\u00a0€"
    assert euro_range(2917, 2917) == "2\u00a0917\u00a0€"


def test_control_characters_are_neutralised() -> None:
    hostile = "a\x1b[2Jb\x1b]8;;file:///etc/passwd\x07c\u202ed\x9be\tf"
    assert clean(hostile) == "a\ufffd[2Jb\ufffd]8;;file:///etc/passwd\ufffdc\ufffdd\ufffde f"


def test_markup_in_content_is_shown_literally(catalogue: Catalogue) -> None:
    fiche = replace(
        catalogue.find("cesf"), summary="[bold red]rouge[/] [link=file:///etc/passwd]ici[/link] [/]"
    )
    out = render(fiche_renderable(fiche, catalogue), 80)
    assert "[bold red]rouge[/] [link=file:///etc/passwd]ici[/link] [/]" in out
    md = fiche_markdown(fiche, catalogue)
    assert "\\[bold red\\]rouge" in md


def large_outcome(answer: int | None = None) -> Any:
    """Results over 20 occupations (the shipped ones, and copies with other weights)."""
    from orientation.content.catalogue import load_questions
    from orientation.results.evaluation import evaluate

    shipped = load_catalogue(cache=False)
    entries = [
        replace(
            entry,
            slug=f"{entry.slug}-{n}",
            title=f"{entry.title} {n}",
            weights={tag: (weight + n) % 4 for tag, weight in entry.weights.items()},
        )
        for n in range(4)
        for entry in shipped.entries
    ]
    catalogue = Catalogue(shipped.root, shipped.tags, tuple(entries), {})
    questions = load_questions(cache=False)
    # Each answer set by the item's main tag: interests with relief, answers that agree.
    place = {tag.id: i for i, tag in enumerate(shipped.tags)}
    answers: dict[str, int | None] = {
        q.id: answer or 1 + place[max(q.loads, key=q.loads.__getitem__)] % 5 for q in questions
    }
    return evaluate(answers, catalogue, questions), catalogue


def test_a_large_catalogue_lists_its_first_occupations_on_screen() -> None:
    from orientation.results.outcome import LISTED
    from orientation.results.resultsfile import results_data
    from orientation.writers.terminal import results_renderable

    outcome, catalogue = large_outcome()
    shown = render(results_renderable(outcome), 80)
    assert len(re.findall(r"[■·]{10} \d+/100", shown)) == LISTED  # one score bar a row
    assert "Et 8 autres métiers, moins proches de vos intérêts" in shown
    assert len(results_data(outcome)["matches"]) == 20  # the JSON keeps them all

    flat, _ = large_outcome(answer=3)
    assert flat.result.flat
    shown = render(results_renderable(flat), 80).replace("\u00a0", " ")
    listed = [f"{e.title} : {e.slug}" for e in catalogue.entries]
    assert all(name in shown for name in listed[:LISTED])
    assert not any(name in shown for name in listed[LISTED:])
    assert "Et 8 autres métiers, tous listés par orientation list." in shown


def test_one_occupation_left_off_screen_is_said_in_the_singular() -> None:
    from orientation.results.outcome import LISTED
    from orientation.views.results import _more

    assert _more(LISTED + 1, "moins {} de vos intérêts.", ("proche", "proches")) == (
        "Et 1 autre métier, moins proche de vos intérêts.",
    )
    assert _more(
        LISTED + 2, "{} par orientation list --content '{a}'.", ("listé", "tous listés")
    ) == ("Et 2 autres métiers, tous listés par orientation list --content '{a}'.",)
