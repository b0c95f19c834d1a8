"""`compare`'s rows for missions, publics, contract and status, pros and cons, and the
student's own bars (« vous »), through the installed command in a real process."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from orientation.content.catalogue import load_catalogue
from orientation.views.comparison import MAX_MISSIONS, contract_and_status, you_bars
from orientation.views.fiche import tag_bar
from orientation.writers.columns import COLUMN, GAP, LABEL_WIDTH, WIDE_LABEL
from tests import helpers

CATALOGUE = load_catalogue()
FICHES = {f.slug: f for f in CATALOGUE.fiches}
PAIR = ("conseiller-social", "coordinateur-social")
THREE = (*PAIR, "charge-de-mission-sociale")
FIVE = tuple(FICHES)
NEW_ROWS = ("Missions", "Publics", "Contrat et statut")


def orientation(*args: str, columns: int = 80, cwd: Path | None = None, said: str = "") -> str:
    """The stdout of the installed `orientation ARGS`, which must succeed and say nothing
    on stderr but *said*."""
    done = helpers.orientation(*args, columns=columns, cwd=cwd)
    assert done.returncode == 0, done.stderr
    assert said in done.stderr if said else done.stderr == "", done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A result saved by `quiz --answers … --save`: answers that differ from tag to tag."""
    from orientation.content.catalogue import load_questions

    folder = tmp_path_factory.mktemp("quiz")
    questions = load_questions(CATALOGUE.root)
    answers = {q.id: 1 + (n * 7) % 5 for n, q in enumerate(questions)}
    (folder / "a.json").write_text(json.dumps(answers), encoding="utf-8")
    orientation("quiz", "--answers", "a.json", "--save", "r.json", cwd=folder, said="r.json")
    return folder / "r.json"


def layout(columns: int, count: int) -> tuple[int, int]:
    """Where the terminal puts the columns: the label's width and each column's."""
    label = max(LABEL_WIDTH, min(WIDE_LABEL, columns - count * (GAP + COLUMN)))
    return label, (columns - label) // count


def row_lines(screen: str, label: str) -> list[str]:
    """The lines of the row *label*: from it to the next blank line."""
    lines = screen.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(re.escape(label) + "  +[^ ─]", line))
    end = next(i for i in range(start, len(lines)) if not lines[i].strip())
    return lines[start:end]


def column_text(lines: list[str], columns: int, count: int, index: int) -> str:
    label, column = layout(columns, count)
    left = label + GAP + index * column
    return " ".join(line[left : left + column - GAP].strip() for line in lines).strip()


def compact(text: str) -> str:
    """The letters of a text, whatever the wrapping: no spaces, bullets or hyphens."""
    text = re.sub(r"\(NDLR : aujourd'hui [^)]*\)", "", text.replace("\u00a0", " "))
    return re.sub(r"[\s•\-]", "", text)


@pytest.mark.slow
@pytest.mark.parametrize(("columns", "slugs"), [(80, THREE), (120, FIVE)])
def test_new_rows_are_aligned(results: Path, columns: int, slugs: tuple[str, ...]) -> None:
    screen = orientation("compare", *slugs, "--results", str(results), columns=columns)
    assert max(len(line) for line in screen.splitlines()) <= columns
    assert "╭" not in screen  # columns, not panels
    label, column = layout(columns, len(slugs))
    for name in (*NEW_ROWS, "Avantages", "Inconvénients"):
        first = row_lines(screen, name)[0]
        # Each column's text starts at its column, never elsewhere: aligned cells.
        starts = [label + GAP + i * column for i in range(len(slugs))]
        for start in starts:
            assert first[start] != " ", (name, first)
            assert first[start - 1] == " ", (name, first)
    for index, slug in enumerate(slugs):
        fiche = FICHES[slug]
        for name, values in (
            ("Publics", fiche.publics),
            ("Contrat et statut", contract_and_status(fiche)),
            ("Avantages", fiche.advantages),
            ("Inconvénients", fiche.drawbacks),
        ):
            cell = column_text(row_lines(screen, name), columns, len(slugs), index)
            if not values:
                assert cell == "non renseigné", (slug, name)
            for value in values:
                assert compact(value) in compact(cell), (slug, name)


@pytest.mark.slow
@pytest.mark.parametrize(("columns", "slugs"), [(80, THREE), (120, FIVE), (60, PAIR), (40, PAIR)])
def test_missions_read_in_full(results: Path, columns: int, slugs: tuple[str, ...]) -> None:
    screen = orientation("compare", *slugs, "--results", str(results), columns=columns)
    assert max(len(line) for line in screen.splitlines()) <= columns
    if "╭" in screen:  # panels: the row of each occupation in turn
        text = compact(screen.replace("│", ""))
    else:
        lines = row_lines(screen, "Missions")
        cells = [column_text(lines, columns, len(slugs), i) for i in range(len(slugs))]
        text = "|".join(compact(cell) for cell in cells)
    for slug in slugs:
        missions = FICHES[slug].missions
        for mission in missions[:MAX_MISSIONS]:
            assert compact(mission) in text, (slug, mission)
        for mission in missions[MAX_MISSIONS:]:
            assert compact(mission) not in text
        more = len(missions) - MAX_MISSIONS
        if more > 0:
            word = "autre" if more == 1 else "autres"
            assert compact(f"… et {more} {word} : voir la fiche complète") in text


def test_contract_and_status_come_from_the_fiche() -> None:
    assert contract_and_status(FICHES["conseiller-social"]) == (
        "Le statut de cadre n'est pas systématiquement accordé.",
        FICHES["conseiller-social"].environment.notes[3],
    )
    (said,) = contract_and_status(FICHES["charge-de-missions-locales"])
    assert "contrat à durée déterminée" in said
    assert contract_and_status(FICHES["coordinateur-social"]) == ()


@pytest.mark.slow
@pytest.mark.parametrize(("columns", "slugs"), [(80, THREE), (120, FIVE), (40, PAIR)])
def test_you_bars_match_the_profile(results: Path, columns: int, slugs: tuple[str, ...]) -> None:
    saved = json.loads(results.read_text(encoding="utf-8"))
    profile = saved["profile"]
    assert not saved["flat"]
    screen = orientation("compare", *slugs, "--results", str(results), columns=columns)
    low, high = min(profile.values()), max(profile.values())
    flat_screen = " ".join(screen.replace("│", " ").replace("\u00a0", " ").split())
    for tag in CATALOGUE.tags:
        # The person's bar: 0 cells at their least liked tag, 3 at their most liked.
        cells = round(3 * (profile[tag.id] - low) / (high - low) + 1e-9)
        expected = tag_bar(cells)
        assert you_bars(profile, False)[tag.id] == expected
        bars = [f"{tag_bar(FICHES[s].weights.get(tag.id, 0))} vous {expected}" for s in slugs]
        if "╭" in screen:
            for bar in bars:
                assert bar in flat_screen
            continue
        label, _ = layout(columns, len(slugs))
        line = next(
            line
            for line in screen.splitlines()
            if " vous " in line.replace("\u00a0", " ")
            and tag.label.startswith(line[:label].replace("▶ ", "").strip())
        )
        assert line.replace("\u00a0", " ").split()[-3 * len(slugs) :] == " ".join(bars).split()
    decimal = f"{max(profile.values()):.1f}".replace(".", ",")
    assert f"ceux qui vous attirent le plus ({decimal} sur 5)" in flat_screen


@pytest.mark.slow
def test_markdown_has_the_rows(results: Path) -> None:
    out = orientation("compare", *PAIR, "--results", str(results), "--markdown")
    rows = {line.split(" | ")[0]: line for line in out.splitlines() if line.startswith("| **")}
    for name in NEW_ROWS:
        assert f"| **{name}**" in rows, name
        assert rows[f"| **{name}**"].count(" | ") == len(PAIR)
    for fiche in (FICHES[s] for s in PAIR):
        for mission in fiche.missions[:MAX_MISSIONS]:
            assert compact(mission) in compact(rows["| **Missions**"])
    assert rows["| **Contrat et statut**"].endswith("| *non renseigné* |")
    vie = next(line for line in out.splitlines() if line.startswith("| **▶ Vie quotidienne"))
    assert vie.count(" vous ") == len(PAIR)
    assert "«\u00a0vous\u00a0»\u00a0: vos centres d'intérêt les uns par rapport aux autres" in out


@pytest.mark.slow
def test_without_results_no_you(results: Path) -> None:
    screen = orientation("compare", *PAIR)
    assert " vous " not in screen.replace("\u00a0", " ").split("Centres d'intérêt")[1]
    assert "Missions" in screen
    assert "Contrat et statut" in screen


@pytest.mark.slow
def test_help_names_the_new_rows() -> None:
    words = " ".join(orientation("compare", "--help").replace("│", " ").split())
    assert "missions, publics" in words
    assert "contrat et statut" in words
    assert "votre propre barre" in words
