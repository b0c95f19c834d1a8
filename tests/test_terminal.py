"""End to end in a real terminal: `orientation quiz` under tmux, 80×24, answered with keys."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest

from orientation.content.catalogue import load_catalogue, load_questions
from tests.helpers import ORIENTATION, TMUX, Terminal

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        TMUX is None, reason="tmux n'est pas installé et n'a pas pu l'être (voir .ci/run)"
    ),
]
QUESTIONS = load_questions()


def reply_for(question_index: int) -> str:
    """Answers that put the coordinateur social first: its strongest tags get « Tout à fait »."""
    weights = next(f for f in load_catalogue().fiches if f.slug == "coordinateur-social").weights
    strongest = {t for t, w in weights.items() if w == max(weights.values())}
    loads = QUESTIONS[question_index].loads
    return "5" if any(t in strongest and w == 2 for t, w in loads.items()) else "1"


def test_quiz_in_a_real_terminal_with_ctrl_c_and_resume(terminal: Terminal, tmp_path: Path) -> None:
    total = len(QUESTIONS)
    env = f"env XDG_STATE_HOME={shlex.quote(str(tmp_path / 'state'))} TERM=xterm-256color"
    saved = tmp_path / "resultats.json"

    terminal.start(f"{env} {shlex.quote(str(ORIENTATION))} quiz")
    screen = terminal.wait_for(f"Question 1/{total}")
    assert "Rien ne quitte cet ordinateur" in screen
    assert "» 1) Pas du tout" in screen
    assert "3) Ni oui ni non" in screen  # the middle answer (docs/banque-questions.md)

    terminal.keys(reply_for(0), "Enter")
    terminal.wait_for(f"Question 2/{total}")
    terminal.keys("0", "Enter")  # « Je ne sais pas »
    terminal.wait_for(f"Question 3/{total}")
    terminal.keys("p", "Enter")  # back to question 2: its earlier answer is shown
    screen = terminal.wait_for("Réponse donnée : Je ne sais pas")
    assert f"Question 2/{total}" in screen
    terminal.keys(reply_for(1), "Enter")
    terminal.wait_for(f"Question 3/{total}")
    terminal.keys("C-c")
    screen = terminal.wait_for("EXIT=")
    assert f"Interrompu. Reprendre à la question 3/{total} : orientation quiz --resume" in screen
    assert "EXIT=130" in screen
    assert "Traceback" not in screen

    terminal.start(f"{env} {shlex.quote(str(ORIENTATION))} quiz --resume --complet --save {saved}")
    terminal.wait_for(f"Question 3/{total}")
    for index in range(2, total):
        terminal.wait_for(f"Question {index + 1}/{total}")
        terminal.keys(reply_for(index), "Enter")
    screen = terminal.wait_for("EXIT=")
    assert "EXIT=0" in screen
    assert "Le plus proche : Coordinateur·rice social·e" in screen
    # The one-screen summary, and where the whole explanation is (already saved).
    assert "Pourquoi :" not in screen
    packed = "".join(screen.replace(" \\\n", " ").split())  # long commands: « \\ » lines
    assert "".join(f"Résultats enregistrés dans {saved}".split()) in packed
    assert "".join(f"orientation report {saved}".split()) in packed

    document = json.loads(saved.read_text(encoding="utf-8"))
    assert document["matches"][0]["slug"] == "coordinateur-social"
    assert document["answers"][QUESTIONS[0].id] == int(reply_for(0))
    assert document["answers"][QUESTIONS[1].id] == int(reply_for(1))  # the changed answer
    assert not (tmp_path / "state" / "orientation" / "quiz-en-cours.json").exists()


def test_compare_checkbox_in_a_real_terminal(terminal: Terminal) -> None:
    fiches = load_catalogue().fiches
    # A shell prompt line first, as in real use (prompt_toolkit cannot erase from row 0).
    paged = (
        f"echo '$ orientation compare'; unset PAGER ORIENTATION_PAGER; "
        f"TERM=xterm-256color {shlex.quote(str(ORIENTATION))} compare"
    )
    command = paged + " --sans-pager"  # the whole comparison stays on screen to be read
    terminal.start(command)
    screen = terminal.wait_for("Métiers à comparer")
    assert all(f.title in screen for f in fiches)
    terminal.keys("Space", "Enter")  # one is not enough: the prompt says so and stays
    terminal.wait_for("Cochez de 2 à 5 métiers (1 coché pour l'instant)")
    terminal.keys("Down", "Down", "Space", "Enter")
    screen = terminal.wait_for("EXIT=")
    assert "EXIT=0" in screen
    assert "$ orientation compare\nComparaison de 2 métiers." in screen  # the checkbox is gone
    assert "selection" not in screen  # questionary's English summary is never shown
    assert f"orientation show {fiches[0].slug}" in screen
    assert f"orientation show {fiches[2].slug}" in screen
    assert "Traceback" not in screen

    # Without --sans-pager, the comparison picked opens in the pager (issue 28).
    if shutil.which("less") is not None:
        terminal.start(paged)
        terminal.wait_for("Métiers à comparer")
        terminal.keys("Space", "Down", "Space", "Enter")
        assert "Comparaison de 2 métiers." in terminal.wait_for("q pour quitter")
        terminal.keys("q")
        assert "EXIT=0" in terminal.wait_for("EXIT=")

    terminal.start(command)
    terminal.wait_for("Métiers à comparer")
    terminal.keys("Space", "C-c")
    screen = terminal.wait_for("EXIT=")
    assert "Interrompu." in screen
    assert "EXIT=130" in screen
    assert "Traceback" not in screen


# --- The end of the quiz (issue 17) ---------------------------------------------------


def answered_progress() -> None:
    """A quiz whose every question has its answer: `quiz --resume` goes to the results."""
    from orientation.results import progressfile

    answers: dict[str, int | None] = {q.id: int(reply_for(i)) for i, q in enumerate(QUESTIONS)}
    progressfile.save_progress(
        progressfile.Progress(answers, len(QUESTIONS), "2026-11-30T10:00:00+01:00")
    )


def ending(tmp_path: Path, options: str = "", env: str = "") -> str:
    """The command that resumes an answered quiz in an empty folder of its own."""
    work = tmp_path / "cdi"
    work.mkdir(exist_ok=True)
    state = shlex.quote(str(tmp_path / "state"))
    return (
        f"cd {shlex.quote(str(work))} && env XDG_STATE_HOME={state} TERM=xterm-256color {env} "
        f"{shlex.quote(str(ORIENTATION))} quiz --resume {options}"
    )


def today() -> str:
    from datetime import date

    return date.today().isoformat()


def test_the_whole_quiz_ends_on_one_screen_that_offers_to_keep_it(
    terminal: Terminal, tmp_path: Path
) -> None:
    total = len(QUESTIONS)
    work = tmp_path / "cdi"
    work.mkdir()
    state = shlex.quote(str(tmp_path / "state"))
    terminal.start(
        f"cd {shlex.quote(str(work))} && env XDG_STATE_HOME={state} TERM=xterm-256color "
        f"{shlex.quote(str(ORIENTATION))} quiz --complet"
    )
    for index in range(total):
        terminal.wait_for(f"Question {index + 1}/{total}")
        terminal.keys(reply_for(index), "Enter")
    terminal.wait_for("Garder ces résultats")
    screen = terminal.screen()  # what is on the 80×24 screen, without scrolling back
    assert "Le plus proche : Coordinateur·rice social·e, très proche (résultat net)." in screen
    for fiche in load_catalogue().fiches:
        assert fiche.title in screen  # the whole ranking ...
    assert re.search(r"■+·* \d+/100 très proche", screen)  # ... with its words
    assert "éloigné" in screen
    name = f"resultats-{today()}.json"
    assert f"Oui, dans {name}" in screen  # how to keep it
    assert "« Non » les efface de cet ordinateur." in screen.replace("\n", " ")

    terminal.keys("Enter")
    # Whose they are, each optional: a name typed, the class left empty.
    terminal.wait_for("Votre nom")
    terminal.keys("-l", "Léa Martin")
    terminal.keys("Enter")
    terminal.wait_for("Votre classe")
    terminal.keys("Enter")
    screen = terminal.wait_for("EXIT=")
    assert "EXIT=0" in screen
    assert f"Résultats enregistrés dans {name}." in screen
    assert f"orientation report {name}" in screen
    assert "Garder ces résultats" not in screen  # the menu is gone once answered
    document = json.loads((work / name).read_text(encoding="utf-8"))
    assert document["matches"][0]["slug"] == "coordinateur-social"
    assert document["matches"][0]["band_label"] == "très proche"
    assert (document["name"], document["class"]) == ("Léa Martin", None)
    assert not (tmp_path / "state" / "orientation" / "quiz-en-cours.json").exists()


def test_an_earlier_results_file_is_never_replaced(terminal: Terminal, tmp_path: Path) -> None:
    answered_progress()
    work = tmp_path / "cdi"
    work.mkdir()
    earlier = work / f"resultats-{today()}.json"
    earlier.write_text("les résultats d'un autre élève", encoding="utf-8")
    terminal.start(ending(tmp_path))
    second = f"resultats-{today()}-2.json"
    # The name offered is the one written: the taken one is never offered.
    screen = terminal.wait_for("Garder ces résultats")
    assert f"Oui, dans {second}" in screen
    terminal.keys("Enter")
    terminal.wait_for("Votre nom")
    terminal.keys("Enter")
    terminal.wait_for("Votre classe")
    terminal.keys("Enter")
    screen = terminal.wait_for("EXIT=0")
    assert f"Résultats enregistrés dans {second}." in screen
    assert f"(resultats-{today()}.json existait déjà : il n'a pas été remplacé.)" in (
        screen.replace("\n", "")
    )
    assert earlier.read_text(encoding="utf-8") == "les résultats d'un autre élève"
    assert json.loads((work / second).read_text(encoding="utf-8"))["answers"]


def test_the_details_are_one_step_away_and_leaving_keeps_nothing(
    terminal: Terminal, tmp_path: Path
) -> None:
    answered_progress()
    # PAGER is honoured: `cat` shows the whole explanation and hands back at once.
    terminal.start(ending(tmp_path, env="PAGER=cat"))
    terminal.wait_for("Garder ces résultats")
    terminal.keys("Down", "Enter")  # « Voir d'abord le détail »
    screen = terminal.wait_for("Pourquoi : Coordinateur·rice social·e")
    assert "Vos centres d'intérêt" in terminal.screen(history=True)
    terminal.wait_for("Garder ces résultats")  # offered again after the details
    terminal.keys("Down", "Down", "Enter")  # « Non, ne pas les garder »
    screen = terminal.wait_for("EXIT=")
    assert "EXIT=0" in screen
    assert "Résultats non gardés : ils ne sont enregistrés nulle part." in screen
    assert not list((tmp_path / "cdi").iterdir())


def test_a_broken_pager_still_shows_the_details(terminal: Terminal, tmp_path: Path) -> None:
    answered_progress()
    terminal.start(ending(tmp_path, env="PAGER=lecteur-qui-n-existe-pas"))
    terminal.wait_for("Garder ces résultats")
    terminal.keys("Down", "Enter")  # « Voir d'abord le détail »
    terminal.wait_for("Pourquoi : Coordinateur·rice social·e")
    shown = terminal.screen(history=True)
    assert "Le lecteur de pages « lecteur-qui-n-existe-pas » n'a pas pu afficher le détail" in (
        shown.replace("\n", " ")
    )
    assert "not found" not in shown
    terminal.wait_for("Garder ces résultats")
    terminal.keys("Down", "Down", "Enter")
    assert "EXIT=0" in terminal.wait_for("EXIT=")


@pytest.mark.skipif(shutil.which("less") is None, reason="less n'est pas installé")
def test_less_says_how_to_leave_it(terminal: Terminal, tmp_path: Path) -> None:
    answered_progress()
    terminal.start("unset PAGER ORIENTATION_PAGER; " + ending(tmp_path, env="LESS="))
    terminal.wait_for("Garder ces résultats")
    terminal.keys("Down", "Enter")
    terminal.wait_for("q pour quitter")
    terminal.keys("q")
    terminal.wait_for("Garder ces résultats")
    terminal.keys("Down", "Down", "Enter")
    assert "EXIT=0" in terminal.wait_for("EXIT=")


def test_stopping_at_the_offer_keeps_the_answers(terminal: Terminal, tmp_path: Path) -> None:
    answered_progress()
    terminal.start(ending(tmp_path))
    terminal.wait_for("Garder ces résultats")
    terminal.keys("C-c")
    screen = terminal.wait_for("EXIT=")
    assert "EXIT=130" in screen
    assert "Interrompu : résultats non enregistrés. Les revoir : orientation quiz --resume" in (
        screen.replace("\n", "")
    )
    assert (tmp_path / "state" / "orientation" / "quiz-en-cours.json").exists()
    assert "Traceback" not in screen


def test_the_offer_is_whole_at_forty_columns(terminal: Terminal, tmp_path: Path) -> None:
    answered_progress()
    # A class went before on this computer today: the name offered is the tenth.
    work = tmp_path / "cdi"
    work.mkdir()
    for number in ["", *(f"-{n}" for n in range(2, 10))]:
        (work / f"resultats-{today()}{number}.json").write_text("{}", encoding="utf-8")
    tenth = f"resultats-{today()}-10.json"
    terminal.start(ending(tmp_path), width=40)
    screen = terminal.wait_for("ne pas les garder")
    offer = screen[screen.index("» Garder ces résultats") :]
    assert max(len(line) for line in offer.splitlines()) < 40
    # The choice whole, broken between words: not « resultats-2026-11-30-1 ».
    assert f"Oui, dans {tenth}" in " ".join(offer.split())
    terminal.keys("Enter")
    screen = terminal.wait_for("Votre nom")
    asked = screen[screen.rindex("Votre nom") :]
    assert max(len(line) for line in asked.splitlines()) < 40
    terminal.keys("Enter")
    terminal.wait_for("Votre classe")
    terminal.keys("Enter")
    screen = terminal.wait_for("EXIT=")
    assert "EXIT=0" in screen
    assert (work / tenth).exists()


def test_plain_prompts_offer_to_keep_the_results_too(terminal: Terminal, tmp_path: Path) -> None:
    answered_progress()
    terminal.start(ending(tmp_path, "--plain"))
    terminal.wait_for("Votre choix :")
    terminal.keys("1", "Enter")
    terminal.wait_for("Votre nom")
    terminal.keys("-l", "Zoé Lefèvre")
    terminal.keys("Enter")
    terminal.wait_for("Votre classe")
    terminal.keys("-l", "2de B")
    terminal.keys("Enter")
    screen = terminal.wait_for("EXIT=")
    assert "EXIT=0" in screen
    saved = json.loads((tmp_path / "cdi" / f"resultats-{today()}.json").read_text("utf-8"))
    assert (saved["name"], saved["class"]) == ("Zoé Lefèvre", "2de B")


def test_the_interruption_message_breaks_between_words(terminal: Terminal, tmp_path: Path) -> None:
    env = f"env XDG_STATE_HOME={shlex.quote(str(tmp_path / 'state'))} TERM=xterm-256color"
    terminal.start(f"{env} {shlex.quote(str(ORIENTATION))} quiz", width=30, height=40)
    terminal.wait_for(f"Question 1/{len(QUESTIONS)}")
    terminal.keys("3", "Enter")
    terminal.wait_for(f"Question 2/{len(QUESTIONS)}")
    terminal.keys("C-c")
    screen = terminal.wait_for("EXIT=")
    said = screen[screen.index("Interrompu.") : screen.index("EXIT=")]
    # Every word whole on its line: the terminal's own wrap would have cut some.
    assert (
        said.split()
        == (
            f"Interrompu. Reprendre à la question 2/{len(QUESTIONS)} : orientation quiz --resume"
        ).split()
    ), said
    assert all(len(line) <= 30 for line in said.splitlines())
