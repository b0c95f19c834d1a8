"""`orientation compare` through the command line (CliRunner) and with real keys."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from orientation.cli import prompts
from orientation.content.catalogue import load_catalogue
from orientation.views.results import score_words
from tests.helpers import imported_by, invoke
from tests.test_cli import bash_complete

GOLDEN = Path(__file__).parent / "golden"
SAMPLE = GOLDEN / "results-sample.json"
CATALOGUE = load_catalogue()
SPACE, ENTER, UP, DOWN, CTRL_C = " ", "\r", "\x1b[A", "\x1b[B", "\x03"


def squash(text: str) -> str:
    return " ".join(text.replace("│", " ").replace("\u00a0", " ").split())


def test_two_occupations_side_by_side() -> None:
    code, out, err = invoke("compare", "coordinateur-social", "charge-d-insertion-sociale")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    first = lines[0].replace("\u00a0", " ")
    assert first == "Comparaison de 2 métiers. Ce qui les distingue le plus : Démarches et droits."
    titles = next(line for line in lines if "Coordinateur·rice social·e" in line)
    assert titles.index("Coordinateur·rice") < titles.index("Chargé·e d'insertion")
    assert max(len(line) for line in lines) <= 80
    assert "orientation show charge-d-insertion-sociale" in out


def test_aliases_and_accents_like_show() -> None:
    code, out, _ = invoke("compare", "CESF", "Coordinatrice sociale")
    assert code == 0
    shows = [line.strip() for line in out.splitlines() if "orientation show" in line]
    assert shows == ["orientation show conseiller-social", "orientation show coordinateur-social"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["cesf"], 2, "indiquer de 2 à 5 métiers à comparer (1 donné)"),
        (["a", "b", "c", "d", "e", "f"], 2, "indiquer de 2 à 5 métiers à comparer (6 donnés)"),
        (["cesf", "metier-inconnu"], 1, "Aucun métier ne correspond à « metier-inconnu »"),
        (["cesf", "conseiller-social"], 2, "désignent le même métier (conseiller-social)"),
        (["cesf", "coordinateur-social", "--json", "--markdown"], 2, "choisir --json ou"),
        (["cesf", "coordinateur-social", "--results", "absent.json"], 1, "absent.json"),
        (["cesf", "coordinateur-social", "--couleur"], 2, "option inconnue"),
    ],
)
def test_errors(args: list[str], code: int, message: str) -> None:
    exit_code, out, err = invoke("compare", *args)
    assert exit_code == code
    assert out == ""
    assert message in squash(err)
    assert "Traceback" not in err


def test_without_occupations_and_without_terminal_is_a_usage_error() -> None:
    code, out, err = invoke("compare")  # CliRunner: stdin is not a terminal
    assert (code, out) == (2, "")
    assert "indiquer de 2 à 5 métiers à comparer, par exemple" in squash(err)


def test_json_lists_the_fiches_in_the_order_asked() -> None:
    slugs = ["coordinateur-social", "charge-de-missions-locales", "charge-de-mission-sociale"]
    code, out, _ = invoke("compare", *slugs, "--json")
    assert code == 0
    items = json.loads(out)
    assert [i["slug"] for i in items] == slugs
    assert set(items[0]) >= {"title", "summary", "education", "environment", "salary", "tags"}
    # Salaries normalised per month; the figure as given stays beside it.
    yearly = next(s for s in items[2]["salary"] if s["period"] == "year")
    assert yearly["monthly"] == {"min": round(yearly["min"] / 12), "max": round(yearly["max"] / 12)}
    undisclosed = items[1]["salary"][0]
    assert (undisclosed["basis"], undisclosed["monthly_gross"]) == (None, None)


def test_results_add_the_students_scores() -> None:
    saved = json.loads(SAMPLE.read_text(encoding="utf-8"))
    expected = {m["slug"]: m["score"] for m in saved["matches"]}
    rank = [m["slug"] for m in saved["matches"]]
    code, out, err = invoke("compare", "cesf", "coordinateur-social", "--results", str(SAMPLE))
    assert (code, err) == (0, "")
    text = squash(out)
    # Each score with its words, then its rank: on the same line when the cell is wide
    # enough, else on the next (the cells wrap at 80 columns).
    first, second = (score_words(expected[s]) for s in ("conseiller-social", "coordinateur-social"))
    first_rank = rf" \({rank.index('conseiller-social') + 1}e sur 5\)"
    assert re.search(rf"Score {re.escape(first)}({first_rank})? {re.escape(second)}", text), text
    for slug in ("conseiller-social", "coordinateur-social"):
        assert f"({rank.index(slug) + 1}e sur 5)" in text
    assert "Quiz passé le 21/11/2026 à 15:04." in text

    code, out, _ = invoke(
        "compare", "cesf", "coordinateur-social", "--results", str(SAMPLE), "--json"
    )
    matches = [i["match"] for i in json.loads(out)]
    assert [m["score"] for m in matches] == [
        expected["conseiller-social"],
        expected["coordinateur-social"],
    ]
    assert all(m["of"] == 5 and m["ranked"] for m in matches)


def test_results_file_is_read_before_any_occupation_is_picked() -> None:
    # Without names and without a terminal, the bad file is what is reported (exit 1),
    # not the missing names: in a terminal, nobody ticks boxes for nothing.
    code, out, err = invoke("compare", "--results", "absent.json")
    assert (code, out) == (1, "")
    assert "absent.json" in squash(err)


def test_results_file_that_is_not_a_result(tmp_path: Path) -> None:
    broken = tmp_path / "r.json"
    broken.write_text("{", encoding="utf-8")
    code, out, err = invoke("compare", "cesf", "coordinateur-social", "--results", str(broken))
    assert (code, out) == (1, "")
    assert str(broken) in squash(err)


def test_markdown() -> None:
    code, out, _ = invoke(
        "compare", "coordinateur-social", "charge-d-insertion-sociale", "--markdown"
    )
    assert code == 0
    assert out == (GOLDEN / "compare-2.md").read_text(encoding="utf-8")


def test_five_at_120_columns_and_panels_when_narrow() -> None:
    slugs = [f.slug for f in CATALOGUE.fiches]
    code, wide, _ = invoke("compare", *slugs, columns=120)
    assert code == 0
    assert (GOLDEN / "compare-5-120.txt").read_text(encoding="utf-8") == "\n".join(
        line.rstrip() for line in wide.splitlines()
    ) + "\n"
    code, narrow, _ = invoke("compare", *slugs, columns=80)
    assert code == 0
    assert narrow.count("╭─") == 5


def test_help_teaches() -> None:
    code, out, _ = invoke("compare", "--help")
    assert code == 0
    text = squash(out)
    assert "De 2 à 5 identifiants de métiers" in text
    assert "orientation compare coordinateur-social charge-d-insertion-sociale" in text
    assert "--results" in text
    assert "--markdown" in text


# --- The checkbox, with real keys -------------------------------------------------


def pick_with_keys(keys: str) -> list[str]:
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        with create_app_session(input=pipe, output=DummyOutput()):
            return prompts.pick_occupations(CATALOGUE.entries, 2, 5)


def test_checkbox_picks_in_list_order() -> None:
    # Space checks, arrows move: the 1st and 3rd occupations.
    assert pick_with_keys(SPACE + DOWN + DOWN + SPACE + ENTER) == [
        CATALOGUE.fiches[0].slug,
        CATALOGUE.fiches[2].slug,
    ]


def test_checkbox_refuses_one_then_accepts_two() -> None:
    # Enter with one box checked is refused; the prompt stays until a second is checked.
    assert pick_with_keys(SPACE + ENTER + DOWN + SPACE + ENTER) == [
        CATALOGUE.fiches[0].slug,
        CATALOGUE.fiches[1].slug,
    ]


def test_checkbox_upper_bound() -> None:
    assert len(pick_with_keys((SPACE + DOWN) * 5 + ENTER)) == 5  # all five is allowed
    # With a bound of 3, Enter on 4 checked is refused; unchecking one is accepted.
    keys = (SPACE + DOWN) * 4 + ENTER + UP + SPACE + ENTER
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        with create_app_session(input=pipe, output=DummyOutput()):
            chosen = prompts.pick_occupations(CATALOGUE.entries, 2, 3)
    assert chosen == [f.slug for f in CATALOGUE.fiches[:3]]
    with pytest.raises(KeyboardInterrupt):  # one checked, Enter refused, then input ends
        pick_with_keys(SPACE + ENTER)


def test_checkbox_ctrl_c_interrupts() -> None:
    with pytest.raises(KeyboardInterrupt):
        pick_with_keys(SPACE + CTRL_C)


@pytest.mark.slow
def test_named_occupations_load_neither_prompts_nor_scoring() -> None:
    imported = imported_by("compare", "cesf", "coordinateur-social")
    assert "orientation.views.comparison" in imported  # the measure works
    assert not {
        m
        for m in imported
        if m.startswith(("questionary", "prompt_toolkit", "orientation.scoring"))
    }
    with_results = imported_by("compare", "cesf", "coordinateur-social", "--results", str(SAMPLE))
    assert "orientation.scoring" in with_results
    assert not {m for m in with_results if m.startswith(("questionary", "prompt_toolkit"))}


@pytest.mark.slow
def test_completion_leaves_out_the_occupations_already_given() -> None:
    # Not conseiller-social: it was given as CESF.
    assert bash_complete("orientation compare CESF co") == ["coordinateur-social"]
