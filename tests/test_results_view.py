"""Quiz results as a student reads them (issue 17): a summary that fits one screen, the
score in words, each answer quoted once, flat profiles told apart, nothing cut."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from orientation.content.catalogue import load_catalogue, load_questions
from orientation.content.model import Question
from orientation.results.evaluation import evaluate
from orientation.results.outcome import BAND_LABELS, Outcome
from orientation.results.resultsfile import results_data
from orientation.scoring import BANDS, band
from orientation.writers.markdown import results_markdown
from orientation.writers.terminal import results_renderable
from tests.test_render import render

GOLDEN = Path(__file__).parent / "golden"
QUESTIONS = load_questions(cache=False)
SAMPLE = json.loads((GOLDEN / "results-sample.json").read_text(encoding="utf-8"))


def outcome_of(answers: dict[str, int | None]) -> Outcome:
    return evaluate(answers, load_catalogue(cache=False), QUESTIONS, date=SAMPLE["date"])


def sample() -> Outcome:
    return outcome_of(SAMPLE["answers"])


def everywhere(answer: int | None) -> Outcome:
    return outcome_of({q.id: answer for q in QUESTIONS})


def flat(shown: str) -> str:
    """The text on one line, with ordinary spaces."""
    return " ".join(shown.replace("\u00a0", " ").split())


def words(shown: str) -> Counter[str]:
    """The words on screen, whatever the line breaks; borders and rules left out."""
    tokens = shown.replace("\u00a0", " ").split()
    # « \ » ends the lines of a command broken to fit: the shell joins them again.
    return Counter(t for t in tokens if t.strip("─│╭╮╰╯") and t != "\\")


# --- Words beside numbers -------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (100, "very-close"),
        (75, "very-close"),
        (74, "close"),
        (60, "close"),
        (59, "no-clear-link"),
        (50, "no-clear-link"),
        (41, "no-clear-link"),
        (40, "far"),
        (0, "far"),
    ],
)
def test_each_score_falls_in_one_band(score: int, expected: str) -> None:
    assert band(score) == expected


def test_fifty_is_no_link_not_half_a_match() -> None:
    assert BAND_LABELS[band(48)] == "pas de lien net"
    assert BAND_LABELS[band(52)] == "pas de lien net"
    assert [floor for floor, _ in BANDS] == sorted((floor for floor, _ in BANDS), reverse=True)


def test_every_score_on_screen_and_in_markdown_has_its_words() -> None:
    outcome = sample()
    shown = render(results_renderable(outcome), 200)
    markdown = results_markdown(outcome)
    for match in outcome.result.matches:
        label = BAND_LABELS[band(match.score)]
        assert re.search(rf"{match.score}/100,? {label}", shown), (match.score, label)
        assert f"{match.score}/100, {label}" in markdown


def test_json_and_saved_results_carry_the_band() -> None:
    data = results_data(sample())
    for match in data["matches"]:
        assert match["band"] == band(match["score"])
        assert match["band_label"] == BAND_LABELS[match["band"]]


# --- Each answer quoted once ----------------------------------------------------------


def quoted(shown: str, question: Question) -> int:
    return " ".join(shown.replace("\u00a0", " ").split()).count(f"« {question.text} »")


@pytest.mark.parametrize("view", ["terminal", "markdown"])
def test_each_answer_is_quoted_once_in_full(view: str) -> None:
    outcome = sample()
    if view == "terminal":
        shown = render(results_renderable(outcome), 200)
    else:
        shown = results_markdown(outcome).replace("\\", "")
    counts = {q.id: quoted(shown, q) for q in QUESTIONS}
    assert max(counts.values()) == 1, {q: n for q, n in counts.items() if n > 1}
    assert sum(counts.values()) >= 6  # the reasons still quote the student's answers
    # Later mentions refer back to them instead.
    assert "Les réponses qui le montrent sont citées plus haut." in " ".join(shown.split())


# --- Flat profiles ---------------------------------------------------------------------


def test_all_low_all_middle_all_high_each_get_their_own_text() -> None:
    shown = {
        answer: render(results_renderable(everywhere(answer)), 80) for answer in (1, 3, 5, None)
    }
    headlines = {
        answer: flat(screen.split("╰")[0].replace("│", "")) for answer, screen in shown.items()
    }
    assert len(set(headlines.values())) == 4, headlines
    assert "Tout vous attire" in headlines[5]
    assert "ne sont peut-être pas pour vous" in headlines[1]
    assert "Profil peu différencié" in headlines[3]
    assert "Trop peu de réponses" in headlines[None]
    for screen in shown.values():
        assert "/100" not in screen  # no ranking: it would mislead


def test_each_flat_level_has_its_own_next_step() -> None:
    steps = {
        answer: flat(render(results_renderable(everywhere(answer)), 200)).split("Et maintenant ?")[
            1
        ]
        for answer in (1, 3, 5)
    }
    assert "orientation compare" in steps[5]  # telling close interests apart
    assert "orientation quiz" in steps[3]  # again, once the activities are better known
    assert "conseiller" in flat(render(results_renderable(everywhere(1)), 200))
    assert len(set(steps.values())) == 3


def test_json_says_which_flat_profile_it_is() -> None:
    assert results_data(everywhere(5))["level"] == "high"
    assert results_data(everywhere(1))["level"] == "low"
    assert results_data(everywhere(3))["level"] == "middle"
    assert results_data(sample())["level"] is None


# --- Wording -----------------------------------------------------------------------------


def test_counts_are_said_with_chosen_plurals() -> None:
    shown = " ".join(render(results_renderable(sample()), 200).replace("\u00a0", " ").split())
    assert "86 réponses sur 88 (2 passées)." in shown
    one_skipped = dict(SAMPLE["answers"])
    one_skipped[next(q for q, a in one_skipped.items() if a is None)] = 3
    shown = " ".join(render(results_renderable(outcome_of(one_skipped)), 200).split())
    assert "87 réponses sur 88 (1 passée)." in shown.replace("\u00a0", " ")
    for view in (shown, results_markdown(sample())):
        assert "(s)" not in view


def measuring(count: int) -> Outcome:
    """Answers to as few questions as measure *count* interests, « Je ne sais pas » to
    every other one."""
    answers: dict[str, int | None] = {q.id: None for q in QUESTIONS}
    measured: set[str] = set()
    for question in QUESTIONS:
        if len(measured | set(question.loads)) <= count:
            answers[question.id] = 4
            measured |= set(question.loads)
    outcome = outcome_of(answers)
    assert len(outcome.result.profile) == count
    return outcome


@pytest.mark.parametrize(
    ("count", "said"),
    [
        (0, "aucun des 11 centres d'intérêt n'a pu être mesuré."),
        (1, "seul 1 centre d'intérêt sur 11 a pu être mesuré."),
        (2, "seuls 2 centres d'intérêt sur 11 ont pu être mesurés."),
    ],
)
def test_too_few_answers_agree_with_how_many_were_measured(count: int, said: str) -> None:
    shown = flat(render(results_renderable(measuring(count)), 200))
    assert f"Trop de « Je ne sais pas » : {said}" in shown


def test_a_comparison_gives_each_score_its_words_and_each_flat_profile_its_own() -> None:
    from orientation.views.comparison import compare

    catalogue = load_catalogue(cache=False)
    fiches = [catalogue.find(m["slug"]) for m in SAMPLE["matches"][:2]]
    shown = flat(render(compare(fiches, catalogue, sample()), 120))
    for match in SAMPLE["matches"][:2]:
        assert f"{match['score']}/100, {BAND_LABELS[band(match['score'])]} (" in shown
    assert "Sur 100 : plus le score est haut, plus le métier demande ce qui vous plaît." in shown
    unranked = {
        answer: flat(render(compare(fiches, catalogue, everywhere(answer)), 120))
        for answer in (1, 3, 5)
    }
    assert "non classé : ces activités vous attirent peu" in unranked[1]
    assert "non classé : profil peu différencié" in unranked[3]
    assert "non classé : tout vous attire" in unranked[5]


def test_markdown_next_steps_have_one_colon_and_no_trailing_space() -> None:
    markdown = results_markdown(sample(), saved="resultats.json")
    assert ": :" not in markdown
    assert not [line for line in markdown.splitlines() if line != line.rstrip()]
    assert "`orientation compare charge-de-missions-locales conseiller-social --results " in (
        markdown
    )


# --- Every width ---------------------------------------------------------------------------


@pytest.mark.parametrize("width", [40, 60, 80, 120])
@pytest.mark.parametrize("summary", [False, True])
def test_nothing_is_cut_at_any_width(width: int, summary: bool) -> None:
    outcome = sample()
    wide = render(results_renderable(outcome, summary=summary, saved="r.json"), 1000)
    shown = render(results_renderable(outcome, summary=summary, saved="r.json"), width)
    assert max(len(line) for line in shown.splitlines()) <= width
    # Every word whole (the same words as when nothing needs wrapping), every bar whole.
    assert words(shown) == words(wide)
    assert re.findall(r"[■·]{10} \d+/100", shown) == re.findall(r"[■·]{10} \d+/100", wide)


@pytest.mark.parametrize("answer", [1, 3, 5])
def test_flat_results_cut_nothing_at_forty_columns(answer: int) -> None:
    outcome = everywhere(answer)
    assert words(render(results_renderable(outcome), 40)) == words(
        render(results_renderable(outcome), 1000)
    )


# --- The summary fits one screen -------------------------------------------------------------


# What the quiz shows under the summary: the offer to keep the results (its question,
# the keys, three choices), and the line above the summary (the last question's).
OFFER_LINES = 6


def test_the_summary_fits_an_80_by_24_screen_with_room_for_the_offer() -> None:
    outcome = sample()
    # As the quiz shows it (cli/app.py): the next steps come once the offer is answered.
    shown = render(results_renderable(outcome, summary=True, steps=False), 80)
    lines = shown.rstrip("\n").splitlines()
    assert len(lines) <= 24 - OFFER_LINES, shown
    joined = " ".join(shown.replace("\u00a0", " ").split())
    assert "Ne pas confondre avec le réseau des Missions locales" in joined
    shown = render(results_renderable(outcome, summary=True, saved="resultats.json"), 80)
    joined = " ".join(shown.replace("\u00a0", " ").split())
    assert "Le plus proche : Chargé·e de missions locales, très proche (résultat net)." in joined
    for match in outcome.result.matches:
        assert outcome.title(match.slug) in joined  # the whole ranking
    assert "orientation report resultats.json" in joined  # where the details are
    assert "Pourquoi :" not in joined  # ... one step away


# --- Files and pipes ---------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["report", str(GOLDEN / "results-sample.json")],
        ["report", str(GOLDEN / "results-sample.json"), "--markdown"],
        ["show", "coordinateur-social"],
        ["compare", "cesf", "coordinateur-social"],
        ["list"],
        ["--help"],
        ["quiz", "--help"],
    ],
)
def test_nothing_written_to_a_pipe_ends_with_spaces(args: list[str]) -> None:
    from tests.helpers import orientation

    done = orientation(*args, timeout=30)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) > 5
    padded = [line for line in done.stdout.splitlines() if line != line.rstrip(" ")]
    assert not padded, padded[:3]


@pytest.mark.parametrize("width", [40, 60, 80])
def test_a_long_command_breaks_into_lines_the_shell_joins_again(width: int) -> None:
    shown = render(results_renderable(sample(), saved="resultats-2026-11-30.json"), width)
    lines = shown.splitlines()
    start = next(
        i for i, line in enumerate(lines) if line.strip().startswith("orientation compare")
    )
    command = []
    for line in lines[start:]:
        command.append(line.strip().removesuffix("\\").strip())
        if not line.rstrip().endswith("\\"):
            break
    assert " ".join(command) == (
        "orientation compare charge-de-missions-locales conseiller-social "
        "--results resultats-2026-11-30.json"
    )
    assert all(len(line) <= width for line in lines)


# --- Names that look alike, and the commands of a flat profile (issue 28) ----------------

MISSIONS_LOCALES = "Chargé·e de missions locales"
MISSION_SOCIALE = "Chargé·e de mission sociale"


def test_a_job_whose_name_looks_like_another_says_so_on_the_results_once() -> None:
    from orientation.views.results import results_sections, results_summary

    outcome = sample()  # missions locales first, mission sociale third
    for parts in (results_sections(outcome), results_summary(outcome, steps=False)):
        cautions = {rank.title: rank.caution for rank in parts[0].ranking}
        # The pair of « mission » jobs is said under the first of them only.
        assert cautions.pop(MISSIONS_LOCALES) == (
            f"Ne pas confondre avec le réseau des Missions locales, ni avec {MISSION_SOCIALE}."
        )
        assert set(cautions.values()) == {None}
    shown = flat(results_markdown(outcome)).replace("\\", "")
    said = f"Ne pas confondre avec le réseau des Missions locales, ni avec {MISSION_SOCIALE}."
    assert f"*{said}*" in shown


def test_the_pair_is_said_under_whichever_comes_first() -> None:
    from orientation.views.results import _cautions

    outcome = sample()
    slugs = ["charge-de-mission-sociale", "conseiller-social", "charge-de-missions-locales"]
    assert _cautions(outcome, slugs) == {
        "charge-de-mission-sociale": f"Ne pas confondre avec {MISSIONS_LOCALES}.",
        "charge-de-missions-locales": "Ne pas confondre avec le réseau des Missions locales.",
    }
    # Alone on the list, each names the other.
    assert _cautions(outcome, ["charge-de-mission-sociale"]) == {
        "charge-de-mission-sociale": f"Ne pas confondre avec {MISSIONS_LOCALES}."
    }


@pytest.mark.parametrize("width", [40, 80])
def test_the_caution_line_is_whole_and_fits(width: int) -> None:
    outcome = sample()
    summary = render(results_renderable(outcome, summary=True, steps=False), width)
    assert max(len(line) for line in summary.splitlines()) <= width
    assert "Ne pas confondre avec le réseau des Missions locales, ni avec Chargé·e de " in flat(
        summary
    )
    assert words(summary) == words(
        render(results_renderable(outcome, summary=True, steps=False), 1000)
    )


@pytest.mark.parametrize("width", [40, 60, 80])
@pytest.mark.parametrize("answer", [1, 3, 5])
def test_the_flat_summary_gives_the_command_of_each_fiche(width: int, answer: int) -> None:
    outcome = everywhere(answer)
    shown = render(results_renderable(outcome, summary=True, steps=False), width)
    assert max(len(line) for line in shown.splitlines()) <= width
    # A command broken to fit ends its lines with « \ »: the shell joins them again.
    joined = re.sub(r" \\\n\s*", " ", shown.replace("\u00a0", " "))
    for entry in outcome.catalogue.entries:
        assert f"orientation show {entry.slug}\n" in joined
    # A handout gives the names, never a command.
    assert "orientation show" not in results_markdown(outcome).split("Vos centres")[0]
