"""Issue 6: bad input, hostile text, interrupts and concurrent writes.

One test (or one parametrised group) per case of docs/robustesse.md, numbered the
same way, so that the table and the tests can be read side by side. Real processes
are started where the behaviour belongs to the process (exit codes, signals,
pipes); the real-terminal cases (12 and 14) run under tmux.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orientation import files
from orientation.content.catalogue import load_catalogue, load_questions
from orientation.content.model import default_root
from orientation.quiz import SECONDS_PER_QUESTION
from orientation.results import progressfile, resultsfile
from tests.helpers import ORIENTATION, PYTHON_M, Terminal, invoke, orientation

QUESTIONS = load_questions()
IDS = [q.id for q in QUESTIONS]


def listing(folder: Path) -> list[str]:
    """The files a command left in *folder* (the tests' state directory aside)."""
    return sorted(p.name for p in folder.iterdir() if p.name != "state")


@contextlib.contextmanager
def endless_pipe() -> Iterator[str]:
    """The path of a pipe that never ends (`<(yes)`), in this process."""
    reader, writer = os.pipe()

    def write_forever() -> None:
        with contextlib.suppress(OSError), os.fdopen(writer, "wb") as stream:
            while True:
                stream.write(b"y\n" * 4096)

    writing = threading.Thread(target=write_forever, daemon=True)
    writing.start()
    try:
        yield f"/dev/fd/{reader}"
    finally:
        os.close(reader)  # the writer's next write fails: it ends
        writing.join(timeout=10)


def one_line(text: str) -> str:
    """The words of an output, whatever the wrapping and no-break spaces."""
    return " ".join(text.replace("\u00a0", " ").replace("│", " ").split())


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def root(here: Path, content_copy: Path) -> Path:
    """A copy of the shipped content, shown as `content/…` in messages."""
    return content_copy


def fiche_problem(root: Path, text: str | bytes) -> tuple[int, str]:
    """Add fiches/piege.yaml with *text*; the exit code and error of `list` on the root."""
    path = root / "fiches" / "piege.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    code, _, err = invoke("list", "--content", str(root), columns=300)
    return code, err


# --- 1. Python-object and unknown YAML tags -------------------------------------------


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ('!!python/object/apply:os.system ["touch pirate"]', "tag:yaml.org,2002:python/object"),
        ("!!python/name:os.system", "tag:yaml.org,2002:python/name:os.system"),
        ("!!binary aGVsbG8=", "tag:yaml.org,2002:binary"),
        ("!!str texte", "tag:yaml.org,2002:str"),
        ("!inconnu texte", "!inconnu"),
    ],
)
def test_01_yaml_tags_are_refused_with_their_place(root: Path, value: str, tag: str) -> None:
    code, err = fiche_problem(root, f"slug: piege\ntitle: {value}\n")
    assert code == 1
    assert f"Erreur : content/fiches/piege.yaml:2:8: les étiquettes YAML ({tag}" in err
    assert not (root.parent / "pirate").exists()  # nothing was ever constructed


# --- 2. Aliases and anchors ------------------------------------------------------------


@pytest.mark.slow
def test_02_an_alias_bomb_is_refused_at_the_first_anchor(root: Path) -> None:
    # Nine levels of ten aliases each: 10⁹ nodes once expanded, in about 600 bytes.
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        refs = ",".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    bomb = "\n".join(lines) + "\n"
    assert len(bomb.encode()) < 1000
    path = root / "fiches" / "piege.yaml"
    path.write_text(bomb, encoding="utf-8")
    done = orientation("list", "--content", str(root), timeout=20)  # an expansion would not end
    assert done.returncode == 1
    assert "content/fiches/piege.yaml:1:5: les ancres YAML (&a0) ne sont pas acceptées" in (
        one_line(done.stderr)
    )


def test_02_an_alias_alone_is_refused(root: Path) -> None:
    code, err = fiche_problem(root, "slug: piege\ntitle: *ailleurs\n")
    assert code == 1
    assert "content/fiches/piege.yaml:2:8: les alias YAML (*nom) ne sont pas acceptés" in err


# --- 3. Very deep nesting ----------------------------------------------------------------

DEEP = {
    "flow-lists": "[" * 130_000 + "]" * 130_000,
    "flow-mappings": "{a: " * 50_000 + "}" * 50_000,
    "unclosed": "[" * 250_000,
    "block": "".join(" " * i + "- \n" for i in range(700)),
}


@pytest.mark.slow
@pytest.mark.parametrize("shape", sorted(DEEP))
def test_03_deep_nesting_is_a_clear_error_not_a_crash(root: Path, shape: str) -> None:
    text = DEEP[shape]
    assert len(text.encode()) <= 256 * 1024  # under the size limit: the depth is what is judged
    (root / "fiches" / "piege.yaml").write_text(text, encoding="utf-8")
    done = orientation("check", str(root))  # libyaml's C parser, in a process of its own
    assert done.returncode == 1, done.stderr  # not -11 (SIGSEGV)
    # Our reader or libyaml's own limit (PyYAML >= 6.0.4) may stop it: either way the
    # file and line are named and the words are French.
    assert re.search(
        r"^content/fiches/piege\.yaml:\d+:\d+: imbrication trop profonde \(plus de 20 niveaux\)$",
        done.stdout,
        re.MULTILINE,
    ), done.stdout
    assert "Traceback" not in done.stderr


def test_03_deep_nesting_with_the_pure_python_parser(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    monkeypatch.delattr(yaml, "CSafeLoader")  # PyYAML built without libyaml
    code, err = fiche_problem(root, DEEP["flow-lists"])
    assert code == 1
    assert "content/fiches/piege.yaml:1:21: imbrication trop profonde" in err


# --- 4. Size, encoding, documents, empty files, top-level type ---------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("summary: " + "x" * 300_000, "content/fiches/piege.yaml: fichier trop volumineux"),
        (b"slug: piege\ntitle: Pi\xe8ge\n", "content/fiches/piege.yaml:2:10: caractère illisible"),
        ("slug: piege\n---\nslug: autre\n", "content/fiches/piege.yaml:2:1: un seul document"),
        ("", "content/fiches/piege.yaml:1:1: fichier vide"),
        ("# un commentaire seulement\n", "content/fiches/piege.yaml:1:1: fichier vide"),
        ("- slug: piege\n", "content/fiches/piege.yaml:1:1: un ensemble de champs est attendu"),
        ("piege\n", "content/fiches/piege.yaml:1:1: un ensemble de champs est attendu, pas un"),
    ],
    ids=["size", "latin-1", "documents", "empty", "comments", "list", "scalar"],
)
def test_04_unusable_files_are_named(root: Path, text: str | bytes, expected: str) -> None:
    code, err = fiche_problem(root, text)
    assert code == 1
    assert expected in err
    assert "Traceback" not in err


def test_04_an_endless_file_is_not_read_whole(root: Path) -> None:
    (root / "tags.yaml").unlink()
    (root / "tags.yaml").symlink_to("/dev/zero")  # inside the root? no: refused before reading
    code, _, err = invoke("list", "--content", str(root), columns=300)
    assert code == 1
    assert "content/tags.yaml: lien symbolique vers /dev/zero, hors du dossier de contenu" in err
    # /dev/zero itself, a device, is refused before a byte is read (case 40).
    with endless_pipe() as path:
        code, _, err = invoke("quiz", "--answers", path, columns=300)
    assert code == 1
    assert f"{path}: fichier trop volumineux (maximum 256 Kio)" in err


# --- 5. Duplicate keys -------------------------------------------------------------------


def test_05_duplicate_keys_name_both_lines(root: Path) -> None:
    code, err = fiche_problem(root, "slug: piege\ntitle: Un\nsummary: x\ntitle: Deux\n")
    assert code == 1
    assert "content/fiches/piege.yaml:4:1: clé « title » en double (déjà ligne 2)" in err


# --- 6. YAML 1.1 surprises stay text -------------------------------------------------------

SURPRISES = ["no", "on", "yes", "2024-01-01", "0755", "1e3", "0x1F", ".inf", "12:30"]


@pytest.mark.slow
def test_06_yaml_11_words_stay_text_everywhere(root: Path) -> None:
    fiche = (
        "slug: surprises\n"
        f"title: {SURPRISES[0]}\n"
        f"summary: {SURPRISES[1]}\n"
        "missions:\n" + "".join(f"  - {word}\n" for word in SURPRISES) + "tags:\n"
        "  empathie: {weight: 3, why: yes}\n"
        "  administratif: {weight: 2, why: 2024-01-01}\n"
        "  budget: {weight: 1, why: 0755}\n"
        "sources:\n  - {document: aucun, title: on}\n"
    )
    (root / "fiches" / "surprises.yaml").write_text(fiche, encoding="utf-8")
    questions = (root / "questions.yaml").read_text(encoding="utf-8")
    first = QUESTIONS[0].text
    (root / "questions.yaml").write_text(questions.replace(first, "no", 1), encoding="utf-8")

    code, out, err = invoke("show", "surprises", "--json", "--content", str(root))
    assert code == 0, err
    data = json.loads(out)
    assert (data["title"], data["summary"]) == ("no", "on")
    assert data["missions"] == SURPRISES
    code, out, _ = invoke("questions", "--json", "--content", str(root))
    assert json.loads(out)[0]["text"] == "no"
    code, out, _ = invoke("show", "no", "--content", str(root))  # found by its title
    assert code == 0
    assert "2024-01-01" in out

    # The arrow-key quiz asks a question whose text is `no` (questionary needs a str).
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput
    from rich.console import Console

    from orientation import quiz
    from orientation.cli import prompts

    asked = load_questions(root)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("5\r" * len(asked))
        answers = quiz.take_quiz(
            asked,
            prompts.ArrowPrompter(),
            prompts.ConsoleScreen(Console(file=io.StringIO())),
            resume=False,
        )
    assert answers[asked[0].id] == 5


def test_06_answers_must_be_numbers_not_yaml_words(here: Path) -> None:
    path = here / "reponses.yaml"
    path.write_text("".join(f"{qid}: {'yes' if i == 0 else 3}\n" for i, qid in enumerate(IDS)))
    code, _, err = invoke("quiz", "--answers", str(path), columns=300)
    assert code == 1
    assert f"reponses.yaml:1:{len(IDS[0]) + 3}: question « {IDS[0]} » : réponse « yes »" in err


# --- 7. Links out of the root, non-files named *.yaml -------------------------------------


@pytest.mark.slow
def test_07_links_out_of_the_root_and_non_files_are_skipped_with_a_warning(root: Path) -> None:
    secret = root.parent / "secret.yaml"
    secret.write_text("mot-de-passe: hunter2\n", encoding="utf-8")
    fiches = root / "fiches"
    (fiches / "vol.yaml").symlink_to(secret)
    (fiches / "dossier.yaml").mkdir()
    os.mkfifo(fiches / "tube.yaml")  # reading it would wait forever
    # A link that stays inside the root is an ordinary fiche.
    (root / "partage").mkdir()
    (fiches / "conseiller-social.yaml").rename(root / "partage" / "cesf.yaml")
    (fiches / "conseiller-social.yaml").symlink_to(Path("..") / "partage" / "cesf.yaml")

    done = orientation("list", "--content", str(root), cwd=root.parent)
    assert done.returncode == 0, done.stderr
    assert "hunter2" not in done.stdout + done.stderr
    warnings = one_line(done.stderr)
    assert (
        f"Attention : content/fiches/vol.yaml: lien symbolique vers {secret}, hors du dossier "
        "de contenu : fichier ignoré"
    ) in warnings
    assert "content/fiches/dossier.yaml: c'est un dossier, pas une fiche : ignoré" in warnings
    assert (
        "content/fiches/tube.yaml: ce n'est pas un fichier ordinaire, pas une fiche : ignoré"
    ) in warnings
    assert "Conseiller·ère social·e (CESF)" in done.stdout

    done = orientation("check", str(root), cwd=root.parent)
    assert done.returncode == 0  # warnings, not problems
    assert done.stdout.splitlines()[0] == (
        "content/fiches/dossier.yaml: attention : c'est un dossier, pas une fiche : ignoré"
    )
    assert "3 fichiers ignorés." in one_line(done.stdout)


def test_07_required_files_leading_out_of_the_root_are_not_read(root: Path) -> None:
    secret = root.parent / "secret.yaml"
    secret.write_text("mot-de-passe: hunter2\n", encoding="utf-8")
    (root / "questions.yaml").unlink()
    (root / "questions.yaml").symlink_to(secret)
    code, _, err = invoke("quiz", "--answers", "x.yaml", "--content", str(root))
    assert code == 1
    assert "hunter2" not in err
    assert "content/questions.yaml: lien symbolique vers" in one_line(err)


# --- 8 and 9. Markup and control characters in content ---------------------------------------

# YAML double-quoted escapes put real control characters in the text.
HOSTILE_FICHE = r"""slug: piege
title: "Piège [bold red]rouge[/] \e[2J\e]0;TITRE\a fin"
summary: "[link=file:///etc/passwd]ici[/link] \e]8;;file:///etc/passwd\e\\lien\e]8;;\e\\
  \x9b31m \u202Eevil\u202C [/]"
missions:
  - "\e[31mrouge\e[0m [bold]gras[/bold] \x07\x08\x7f"
tags:
  empathie: {weight: 3, why: "\e[2J [red]pourquoi[/red] \u2066isolé\u2069"}
  administratif: {weight: 2, why: Test.}
  budget: {weight: 1, why: Test.}
sources:
  - {document: aucun, title: "[/] \e[5m source"}
"""
TITLE, SUMMARY = "[bold red]rouge[/]", "[link=file:///etc/passwd]ici[/link]"
# What each command shows of the hostile fiche (and question), markup included.
SHOWN_MARKUP = {
    "show": [TITLE, SUMMARY, "[bold]gras[/bold]", "[red]pourquoi[/red]", "[/] "],
    "list": [TITLE, SUMMARY],
    "compare": [TITLE, SUMMARY],
    "quiz": [TITLE],
    "report": [TITLE],
    "questions": ["[bold]Question[/bold]"],
    "check": [],
}
RAW = ["\x1b", "\x07", "\x08", "\x7f", "\x9b", "\u202e", "\u202c", "\u2066", "\u2069"]


@pytest.fixture
def hostile(root: Path) -> Path:
    (root / "fiches" / "piege.yaml").write_text(HOSTILE_FICHE, encoding="utf-8")
    # The escape sequences' « TITRE » is a word in capitals: plain French, for check.
    (root / "mots-courants.yaml").write_text("mots: [TITRE]\n", encoding="utf-8")
    first = QUESTIONS[0].text
    text = (root / "questions.yaml").read_text(encoding="utf-8")
    hostile_question = '"\\e[2J\\e]0;TITRE\\a [bold]Question[/bold] \\x9b piégée"'
    (root / "questions.yaml").write_text(text.replace(first, hostile_question, 1))
    return root


def favouring_piege(here: Path) -> Path:
    weights = {"empathie": 3, "administratif": 2, "budget": 1}
    answers = {q.id: 5 if max(weights.get(t, 0) for t in q.loads) == 3 else 1 for q in QUESTIONS}
    path = here / "reponses.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    return path


def hostile_commands(root: Path, here: Path) -> dict[str, list[str]]:
    answers = favouring_piege(here)
    saved = here / "resultats.json"
    assert (
        invoke("quiz", "--answers", str(answers), "--save", str(saved), "--content", str(root))[0]
        == 0
    )
    return {
        "show": ["show", "piege"],
        "show --markdown": ["show", "piege", "--markdown"],
        "show --json": ["show", "piege", "--json"],
        "list": ["list"],
        "compare": ["compare", "piege", "cesf"],
        "compare --markdown": ["compare", "piege", "cesf", "--markdown"],
        "quiz --answers": ["quiz", "--answers", str(answers)],
        "quiz --answers --json": ["quiz", "--answers", str(answers), "--json"],
        "report": ["report", str(saved)],
        "report --markdown": ["report", str(saved), "--markdown"],
        "questions": ["questions"],
        "check": ["check"],
    }


COMMANDS = [
    "show",
    "show --markdown",
    "show --json",
    "list",
    "compare",
    "compare --markdown",
    "quiz --answers",
    "quiz --answers --json",
    "report",
    "report --markdown",
    "questions",
    "check",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_08_markup_in_content_is_shown_as_typed(hostile: Path, here: Path, command: str) -> None:
    args = hostile_commands(hostile, here)[command]
    code, out, err = invoke(*args, "--content", str(hostile), columns=200)
    assert code == 0, err
    if command == "check":
        return  # the content is valid: nothing of it is shown
    # Markdown escapes the brackets, and only that; JSON is compared decoded.
    shown = out.replace("\\[", "[").replace("\\]", "]")
    if "--json" in command:
        shown = json.dumps(json.loads(out), ensure_ascii=False)
    for markup in SHOWN_MARKUP[command.split()[0]]:
        assert markup in shown


@pytest.mark.parametrize("command", COMMANDS)
def test_09_control_characters_never_reach_the_terminal(
    hostile: Path, here: Path, command: str
) -> None:
    args = hostile_commands(hostile, here)[command]
    # A colour terminal: rich writes its own escape sequences, never the content's.
    code, out, err = invoke(
        *args,
        "--content",
        str(hostile),
        env={"COLUMNS": "200", "FORCE_COLOR": "1", "TERM": "xterm-256color", "NO_COLOR": ""},
    )
    assert code == 0, err
    for sequence in ("\x1b[2J", "\x1b]0;", "\x1b]8;;file", "\x1b[31m", "\x1b[5m", "\x1b\\"):
        assert sequence not in out + err
    for char in RAW[1:]:
        assert char not in out + err
    if "--json" in command:  # escaped, so the data is intact
        data = json.dumps(json.loads(out), ensure_ascii=False)
        assert "\u202eevil" in data or command.startswith("quiz")


@pytest.mark.slow
def test_09_the_quiz_question_is_neutralised_in_a_real_terminal(
    terminal: Terminal, hostile: Path, tmp_path: Path
) -> None:
    env = f"env XDG_STATE_HOME={shlex.quote(str(tmp_path / 'state'))} TERM=xterm-256color"
    terminal.start(
        f"echo '$ orientation quiz'; {env} {shlex.quote(str(ORIENTATION))} quiz "
        f"--content {shlex.quote(str(hostile))}"
    )
    screen = terminal.wait_for("Question 1/")
    assert "$ orientation quiz" in screen  # \e[2J did not clear the screen
    assert "�[2J�]0;TITRE� [bold]Question[/bold] � piégée" in screen
    title = terminal.tmux("display-message", "-p", "-t", terminal.session, "#{pane_title}")
    assert "TITRE" not in title
    terminal.keys("C-c")
    terminal.wait_for("EXIT=130")


# --- 10. Paths are never slugs ------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "/etc/passwd", "fiches/cesf", "../secret", "./cesf", "cesf.yaml/"],
)
def test_10_paths_are_not_found_never_read(root: Path, name: str) -> None:
    (root.parent / "secret.yaml").write_text(
        (root / "fiches" / "conseiller-social.yaml")
        .read_text()
        .replace("slug: conseiller-social", "slug: secret")
    )
    code, out, err = invoke("show", name, "--content", str(root))
    assert code == 1
    assert out == ""
    assert one_line(err).startswith(f"Erreur : Aucun métier ne correspond à « {name} »")


def test_10_a_title_written_with_a_slash_is_still_found(root: Path) -> None:
    path = root / "fiches" / "conseiller-social.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "title: Conseiller·ère social·e (CESF)", "title: Conseiller / conseillère ESF"
    )
    path.write_text(text, encoding="utf-8")
    code, out, _ = invoke("show", "conseiller / conseillère esf", "--json", "--content", str(root))
    assert code == 0
    assert json.loads(out)["slug"] == "conseiller-social"
    assert invoke("show", "/conseiller-social", "--content", str(root))[0] == 1


# --- 11. A reader that goes away --------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        "show coordinateur-social",
        "list",
        "compare cesf coordinateur-social",
        "--help",
        "show cesf --markdown",
    ],
)
def test_11_head_stops_the_output_quietly(here: Path, command: str) -> None:
    script = (
        f"{shlex.quote(sys.executable)} -m orientation {command} | head -1; "
        'echo "STATUS=${PIPESTATUS[0]}"'
    )
    done = orientation(command=("/bin/bash", "-c", script), timeout=20)
    assert done.stderr == ""  # no traceback, no « Broken pipe »
    first, status = done.stdout.splitlines()
    assert first.strip() or command == "--help"  # the help starts with an empty line
    assert status in ("STATUS=0", f"STATUS={128 + signal.SIGPIPE}")  # done, or stopped quietly


@pytest.mark.slow
@pytest.mark.parametrize("args", [["list"], ["show", "cesf", "--json"], ["--help"]])
def test_11_reader_closing_before_anything_is_written(args: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    done = orientation(*args, stdout=write_end, command=PYTHON_M)
    os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == -signal.SIGPIPE  # killed by SIGPIPE, like `cat | head`


# --- 12. NO_COLOR, TERM=dumb, 40 columns ------------------------------------------------------


def colours(terminal: Terminal) -> set[int]:
    """The colour codes (SGR 30–38, 90–97) tmux would use to redraw the screen."""
    import re

    screen = terminal.tmux("capture-pane", "-p", "-e", "-t", terminal.session)
    codes = {
        int(code)
        for params in re.findall(r"\x1b\[([0-9;]*)m", screen)
        for code in params.split(";")
        if code
    }
    return {c for c in codes if 30 <= c <= 38 or 90 <= c <= 97}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("variable", "coloured"),
    [
        ("TERM=xterm-256color", True),
        ("NO_COLOR=1 TERM=xterm-256color", False),
        ("TERM=dumb", False),
    ],
)
def test_12_no_colour_and_dumb_terminals(terminal: Terminal, variable: str, coloured: bool) -> None:
    # --sans-pager: the whole fiche written at once, as before the pager (issue 28).
    command = f"{shlex.quote(str(ORIENTATION))} show coordinateur-social --sans-pager"
    terminal.start(f"env {variable} {command}")
    screen = terminal.wait_for("EXIT=0")
    assert bool(colours(terminal)) is coloured  # the first case shows the check can see colour
    assert "╭─ Coordinateur·rice social·e" in screen  # the layout is still there
    assert "Ce qu'il faut savoir" in screen or "Description" in screen


@pytest.mark.slow
def test_12_the_quiz_in_a_dumb_terminal_asks_plainly(terminal: Terminal, tmp_path: Path) -> None:
    env = f"env XDG_STATE_HOME={shlex.quote(str(tmp_path / 'state'))} TERM=dumb"
    terminal.start(f"{env} {shlex.quote(str(ORIENTATION))} quiz")
    screen = terminal.wait_for("Votre réponse :")
    assert "Terminal simple (TERM=dumb) : questions en listes numérotées." in screen
    assert "  5. Tout à fait" in screen
    terminal.keys("4", "Enter")
    terminal.wait_for(f"Question 2/{len(QUESTIONS)}")
    terminal.keys("C-c")
    screen = terminal.wait_for("EXIT=130")
    assert "orientation quiz --resume --plain" in screen


@pytest.mark.slow
def test_12_the_quiz_at_40_columns_wraps_between_words(terminal: Terminal, tmp_path: Path) -> None:
    env = f"env XDG_STATE_HOME={shlex.quote(str(tmp_path / 'state'))} TERM=xterm-256color"
    terminal.start(
        f"echo '$ orientation quiz'; {env} {shlex.quote(str(ORIENTATION))} quiz", width=40
    )
    screen = terminal.wait_for("Question 1/")
    words = set(screen.split())
    assert set(QUESTIONS[0].text.split()) <= words  # every word whole, none cut
    minutes = round(len(QUESTIONS) * SECONDS_PER_QUESTION / 60)
    title = f"Quiz d'intérêts · {len(QUESTIONS)} questions au plus · environ {minutes} minutes"
    assert set(title.split()) <= words  # too long for the border: inside, not cut
    terminal.keys("4", "Enter")
    terminal.wait_for("Question 2/")
    terminal.keys("p", "Enter")  # back: the longer instruction recalls the answer
    terminal.wait_for("Réponse donnée")
    terminal.wait_for("0) Je ne sais pas")  # drawn whole
    lines = [line.strip() for line in terminal.screen().splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("(Réponse donnée"))
    end = next(i for i, line in enumerate(lines) if line.endswith("1) Pas du tout"))
    instruction = " ".join(lines[start:end])
    assert instruction == "(Réponse donnée : Plutôt oui · ↑ ↓ ou chiffre, puis Entrée)"
    terminal.keys("C-c")
    terminal.wait_for("EXIT=130")


@pytest.mark.slow
def test_12_plain_questions_wrap_to_the_terminal_they_go_to(
    terminal: Terminal, tmp_path: Path
) -> None:
    # stdout goes to a file: the width is the terminal's, where the prompts are.
    env = f"env XDG_STATE_HOME={shlex.quote(str(tmp_path / 'state'))} TERM=xterm-256color"
    out = shlex.quote(str(tmp_path / "r.json"))
    terminal.start(f"{env} {shlex.quote(str(ORIENTATION))} quiz --plain --json > {out}", width=40)
    terminal.wait_for("Votre réponse :")
    terminal.keys("4", "Enter")
    screen = terminal.wait_for("Question 2/")
    words = set(screen.split())
    for question in QUESTIONS[:2]:
        assert set(question.text.split()) <= words  # every word whole, none cut
    terminal.keys("C-c")
    terminal.wait_for("EXIT=130")


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["show", "coordinateur-social"],
        ["show", "charge-d-insertion-sociale"],
        ["compare", "cesf", "coordinateur-social", "charge-de-missions-locales"],
        ["questions"],
    ],
)
def test_12_forty_columns_cut_nothing(args: list[str]) -> None:
    code, out, _ = invoke(*args, columns=40)
    assert code == 0
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 40
    assert not [line for line in lines if line.rstrip(" │").endswith("…")]
    for fiche in load_catalogue().fiches:
        if fiche.slug in args or args == ["list"]:
            assert set(fiche.title.split()) <= set(one_line(out).split())


def test_12_a_title_too_long_for_the_border_goes_inside(root: Path) -> None:
    path = root / "fiches" / "conseiller-social.yaml"
    long_title = "Conseiller·ère en économie sociale et familiale du service départemental"
    text = path.read_text(encoding="utf-8").replace(
        "title: Conseiller·ère social·e (CESF)", f"title: {long_title}"
    )
    path.write_text(text, encoding="utf-8")
    code, out, _ = invoke("show", "cesf", "--content", str(root), columns=40)
    assert code == 0
    assert out.splitlines()[0] == "╭" + "─" * 38 + "╮"
    assert long_title in one_line(out)


# --- 13. No terminal on stdin ----------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("source", "plain"),
    [
        ("/dev/null", []),
        ("empty pipe", []),
        ("open pipe", []),  # never closed: nothing may wait for it
        ("/dev/null", ["--plain"]),
        ("empty pipe", ["--plain"]),
        # --plain on an open pipe reads the answers as they come: waiting is its job.
    ],
)
def test_13_no_answers_on_stdin_is_said_at_once(
    state_dir: Path, source: str, plain: list[str]
) -> None:
    read_end, write_end = os.pipe()
    if source == "empty pipe":
        os.close(write_end)
    try:
        stdin: int = subprocess.DEVNULL if source == "/dev/null" else read_end
        done = orientation("quiz", *plain, stdin=stdin, timeout=20)
    finally:
        os.close(read_end)
        if source != "empty pipe":
            os.close(write_end)
    assert done.returncode == 2
    assert "Erreur : l'entrée standard " in done.stderr
    assert "--answers FICHIER" in one_line(done.stderr)
    assert "Traceback" not in done.stderr
    assert not state_dir.exists() or not list(state_dir.iterdir())  # nothing saved


@pytest.mark.slow
def test_13_plain_input_ending_keeps_an_earlier_quiz(state_dir: Path) -> None:
    progressfile.save_progress(
        progressfile.Progress({IDS[0]: 3, IDS[1]: 4}, 2, "2026-11-22T09:00:00")
    )
    before = progressfile.progress_path().read_bytes()
    done = orientation("quiz", "--plain", stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    done = orientation("quiz", "--plain", input="")
    assert done.returncode == 2
    assert progressfile.progress_path().read_bytes() == before  # not replaced by nothing


@pytest.mark.slow
def test_13_input_with_no_valid_answer_says_so(state_dir: Path) -> None:
    done = orientation("quiz", "--plain", input="oui\nbof\n")
    assert done.returncode == 2
    assert "Réponse non comprise : « oui »" in done.stderr
    assert "l'entrée standard s'est terminée sans aucune réponse valable" in one_line(done.stderr)


# --- 14. Ctrl-C, Ctrl-D, SIGTERM during the quiz -----------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("stop", "code"),
    [("C-c", 130), ("C-d", 130), ("SIGTERM", 143), ("SIGHUP", 129)],
)
def test_14_stopping_the_quiz_leaves_everything_usable(
    terminal: Terminal, tmp_path: Path, stop: str, code: int
) -> None:
    state = tmp_path / "state"
    env = f"env XDG_STATE_HOME={shlex.quote(str(state))} TERM=xterm-256color"
    pid_file = tmp_path / "quiz.pid"
    command = f"exec {env} {shlex.quote(str(ORIENTATION))} quiz"
    terminal.start(
        f"echo '$ orientation quiz'; sh -c {shlex.quote(f'echo $$ > {pid_file}; {command}')}"
    )
    total = len(QUESTIONS)
    terminal.wait_for(f"Question 1/{total}")
    terminal.keys("4", "Enter")
    terminal.wait_for(f"Question 2/{total}")
    terminal.keys("2", "Enter")
    terminal.wait_for(f"Question 3/{total}")
    if stop.startswith("SIG"):
        os.kill(int(pid_file.read_text()), getattr(signal, stop))
    else:
        terminal.keys(stop)
    screen = terminal.wait_for("EXIT=")
    assert f"EXIT={code}" in screen
    hint = f"Interrompu. Reprendre à la question 3/{total} : orientation quiz --resume"
    # After SIGHUP the terminal is taken to be gone: nothing more is written to it.
    assert (hint in screen) is (stop != "SIGHUP")
    assert "Traceback" not in screen
    terminal.wait_for("MODES=")
    assert terminal.cooked()  # the terminal is not left in raw mode
    progress = json.loads((state / "orientation" / "quiz-en-cours.json").read_text())
    assert progress["answers"] == {IDS[0]: 4, IDS[1]: 2}
    assert progress["position"] == 2
    assert listing(state / "orientation") == ["quiz-en-cours.json"]  # no temporary file


def test_14_a_second_stop_signal_cannot_interrupt_the_clean_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A closing window sends SIGHUP more than once: the first one unwinds the quiz,
    # the next ones must not raise again in the middle of that (prompt_toolkit
    # restoring the terminal, a temporary file being removed).
    from orientation import signals

    saved = {signum: signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGHUP)}
    try:
        for signum in saved:
            monkeypatch.setattr(signals, "_received", [])
            for each in saved:
                signal.signal(each, signals._terminate)
            with pytest.raises(KeyboardInterrupt):
                signals._terminate(signum, None)
            assert signal.getsignal(signal.SIGTERM) == signal.SIG_IGN
            assert signal.getsignal(signal.SIGHUP) == signal.SIG_IGN
            assert signals.interrupted_code() == 128 + signum
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)


# Ctrl-C (or SIGTERM) delivered at the moment a given module starts loading: the
# window a user hits when they press Ctrl-C right after Enter. (Before our code runs,
# while the interpreter itself starts, Python prints its own traceback: out of reach.)
STOPPED_WHILE_LOADING = """
import builtins, os, signal, sys
from orientation.cli import entry
real_import, module, stop = builtins.__import__, sys.argv[1], getattr(signal, sys.argv[2])
def stop_at(name, *args, **kwargs):
    if name == module:
        os.kill(os.getpid(), stop)
    return real_import(name, *args, **kwargs)
builtins.__import__ = stop_at
sys.argv = ["orientation", *sys.argv[3:]]
entry.main()
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("module", "stop", "code", "args"),
    [
        # `list --json` goes through typer; plain `list` does not load it.
        ("orientation.cli.app", "SIGINT", 130, ["list", "--json"]),
        ("typer", "SIGINT", 130, ["list", "--json"]),
        ("orientation.cli.commands", "SIGINT", 130, ["list"]),
        ("rich.console", "SIGINT", 130, ["list"]),
        ("orientation.cli.app", "SIGTERM", 143, ["list", "--json"]),
        ("yaml", "SIGTERM", 143, ["list"]),
    ],
)
def test_14_stopped_while_starting_up_is_quiet(
    module: str, stop: str, code: int, args: list[str]
) -> None:
    done = orientation(
        module, stop, *args, command=(sys.executable, "-c", STOPPED_WHILE_LOADING), timeout=20
    )
    assert (done.returncode, done.stderr) == (code, "\nInterrompu.\n")


@pytest.mark.slow
def test_14_a_stop_signal_python_had_to_drop_still_sets_the_exit_code() -> None:
    # SIGTERM whose KeyboardInterrupt Python printed as « Exception ignored… » and
    # dropped: the command ran to its end, but must not say it succeeded.
    code = (
        "import signal\nfrom orientation import signals\nfrom orientation.cli import entry\n"
        "signals._received.append(signal.SIGTERM)\nentry._leave(0)"
    )
    done = orientation(command=(sys.executable, "-c", code), timeout=20)
    assert done.returncode == 128 + signal.SIGTERM


# --- 15. --save where it cannot be written ----------------------------------------------------


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("absent/r.json", "--save : le dossier absent n'existe pas."),
        (".", "--save : . est un dossier : indiquer un nom de fichier."),
        ("", "valeur invalide pour --save : chemin vide"),
        ("boucle", "--save : impossible d'écrire boucle : liens symboliques en boucle"),
        ("n" * 300, "--save : impossible d'écrire nnn"),
    ],
    ids=["absent", "folder", "empty", "loop", "long"],
)
def test_15_save_to_an_impossible_place_is_refused_before_asking(
    here: Path, target: str, expected: str
) -> None:
    (here / "boucle").symlink_to("boucle")
    code, _, err = invoke("quiz", "--answers", str(favouring_piege(here)), "--save", target)
    assert code == 2
    assert expected in one_line(err)
    assert "Traceback" not in err
    if target == "n" * 300:
        assert one_line(err).endswith(": nom de fichier trop long")
    assert listing(here) == ["boucle", "reponses.json"]


def test_15_read_only_place(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, for whom no mode bit refuses: the kernel's answer is mocked.
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    code, _, err = invoke("quiz", "--answers", str(favouring_piege(here)), "--save", "r.json")
    assert code == 2
    assert "--save : impossible d'écrire r.json : permission refusée." in one_line(err)


def test_15_full_disk_keeps_the_old_file_and_the_answers(
    here: Path, state_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = here / "resultats.json"
    saved.write_text("anciens résultats", encoding="utf-8")
    real_fsync = os.fsync

    def full(fd: int) -> None:
        if Path(os.readlink(f"/proc/self/fd/{fd}")).name.startswith(".resultats.json"):
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    replies = "".join("4\n" for _ in QUESTIONS)
    code, out, err = invoke(
        "quiz", "--plain", "--save", str(saved), "--remplacer", columns=300, input=replies
    )
    assert code == 1
    assert "Vos résultats" in out  # shown all the same
    assert "impossible d'écrire" in err
    assert "plus de place sur le disque" in err
    assert "orientation quiz --resume --save AUTRE-FICHIER.json" in err
    assert saved.read_text(encoding="utf-8") == "anciens résultats"
    assert listing(here) == ["resultats.json"]
    assert json.loads(progressfile.progress_path().read_text())["position"] == len(QUESTIONS)


# --- 16. Killed while saving -----------------------------------------------------------------

# The real command, with the save stopped at one point: killed there (SIGKILL cannot
# be caught, so nothing gets to clean up), or paused until another process is done.
SAVE_STOPPED_AT = """
import os, signal, sys, time
from pathlib import Path
from orientation.cli import entry
point, action, saved, answers = sys.argv[1:5]
real = {"fdopen": os.fdopen, "fsync": os.fsync, "replace": os.replace}

def stop():
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    Path(saved + ".paused").touch()
    while not Path(saved + ".go").exists():
        time.sleep(0.01)

class HalfWritten:
    def __init__(self, handle):
        self.handle = handle
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return self.handle.__exit__(*exc)
    def write(self, data):
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        stop()
        self.handle.write(data[len(data) // 2 :])
    def __getattr__(self, name):
        return getattr(self.handle, name)

def hooked(*args, **kwargs):
    if point == "write":
        return HalfWritten(real["fdopen"](*args, **kwargs))
    stop()
    return real[point](*args, **kwargs)

setattr(os, "fdopen" if point == "write" else point, hooked)
sys.argv = ["orientation", "quiz", "--answers", answers, "--save", saved, "--remplacer"]
entry.main()
"""


def save_stopped_at(point: str, action: str, saved: Path, answers: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", SAVE_STOPPED_AT, point, action, str(saved), str(answers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def uniform_answers(folder: Path, value: int) -> Path:
    path = folder / f"tout-{value}.json"
    path.write_text(json.dumps(dict.fromkeys(IDS, value)), encoding="utf-8")
    return path


def saved_answers(path: Path) -> set[int]:
    """The answer values of a whole saved result (json.loads fails on a partial one)."""
    return set(json.loads(path.read_text(encoding="utf-8"))["answers"].values())


@pytest.mark.slow
@pytest.mark.parametrize("point", ["write", "fsync", "replace"])
def test_16_a_kill_during_the_save_leaves_the_previous_file(here: Path, point: str) -> None:
    saved = here / "resultats.json"
    assert invoke("quiz", "--answers", str(uniform_answers(here, 1)), "--save", str(saved))[0] == 0
    before = saved.read_bytes()
    child = save_stopped_at(point, "kill", saved, uniform_answers(here, 5))
    child.communicate(timeout=20)
    assert child.returncode == -signal.SIGKILL  # it did die half-way
    assert saved.read_bytes() == before
    assert saved_answers(saved) == {1}


# --- 17. Damaged, foreign or outdated result files ---------------------------------------------


def damaged_results(here: Path) -> dict[str, bytes]:
    answers = favouring_piege(here)
    good = here / "bon.json"
    assert invoke("quiz", "--answers", str(answers), "--save", str(good))[0] == 0
    data = good.read_bytes()
    document = json.loads(data)
    newer = dict(document, version=resultsfile.RESULTS_VERSION + 1)
    other_bank = dict(document, answers={"question-disparue": 3})
    _, show_json, _ = invoke("show", "cesf", "--json")
    _, list_json, _ = invoke("list", "--json")
    return {
        "truncated": data.decode()[: len(data) // 2].encode(),  # cut between characters
        "corrupt": b"\x00\x01\xff" + data[10:],
        "empty": b"",
        "spaces": b"  \n",
        "not-json": b"{'format': orientation-quiz",
        "show --json": show_json.encode(),
        "list --json": list_json.encode(),
        "newer version": json.dumps(newer).encode(),
        "other bank": json.dumps(other_bank).encode(),
        "deep": b"[" * 100_000,  # deeper than Python's json can recurse
    }


DAMAGED = {
    "truncated": "JSON invalide : fichier abîmé ou tronqué",
    "corrupt": "caractère illisible",
    "empty": "fichier vide : ce n'est pas un fichier de résultats",
    "spaces": "fichier vide : ce n'est pas un fichier de résultats",
    "not-json": "JSON invalide : fichier abîmé ou tronqué",
    "show --json": "ce n'est pas un fichier de résultats écrit par « orientation quiz --save »",
    "list --json": "ce n'est pas un fichier de résultats écrit par « orientation quiz --save »",
    "newer version": "écrit par une version plus récente d'orientation : mettre orientation à jour",
    "other bank": "aucune des réponses ne correspond aux questions actuelles du quiz",
    "deep": "imbrication trop profonde : ce n'est pas un fichier de résultats",
}


@pytest.mark.parametrize("kind", sorted(DAMAGED))
@pytest.mark.parametrize("command", ["report", "compare --results"])
def test_17_damaged_results_are_named_and_left_untouched(
    here: Path, kind: str, command: str
) -> None:
    path = here / "resultats.json"
    path.write_bytes(damaged_results(here)[kind])
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    args = (
        ["report", str(path)]
        if command == "report"
        else ["compare", "cesf", "coordinateur-social", "--results", str(path)]
    )
    code, out, err = invoke(*args, columns=300)
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1  # one line, not a list of every question
    assert err.startswith("Erreur : resultats.json")
    assert DAMAGED[kind] in err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


PROGRESS = {"format": "orientation-progress", "version": 1, "started": "2026-11-22T09:00:00"}
DAMAGED_PROGRESS = {
    "truncated": b'{"format": "orientation-progress", "answers": {"ecou',
    "deep": b"[" * 100_000,
    "huge position": json.dumps(PROGRESS | {"answers": {}, "position": 1e999}).encode(),
    "true position": json.dumps(PROGRESS | {"answers": {}, "position": True}).encode(),
    "not a mapping": b"[1, 2]",
}


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(DAMAGED_PROGRESS))
def test_17_resume_of_damaged_progress_is_refused_and_left_untouched(
    state_dir: Path, kind: str
) -> None:
    state_dir.mkdir(parents=True)
    path = progressfile.progress_path()
    path.write_bytes(DAMAGED_PROGRESS[kind])
    done = orientation("quiz", "--resume", "--plain", input="4\n")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "progression enregistrée inutilisable" in one_line(done.stderr)
    assert "Le fichier n'a pas été modifié ; « orientation quiz --plain » commence" in one_line(
        done.stderr
    )
    assert path.read_bytes() == DAMAGED_PROGRESS[kind]


def test_17_progress_keeps_only_real_answers(state_dir: Path) -> None:
    answers = {IDS[0]: True, IDS[1]: 4, IDS[2]: 2.0, IDS[3]: 9}  # only the 4 is an answer
    progressfile.save_progress(progressfile.Progress({}, 0, "2026-11-22T09:00:00"))
    path = progressfile.progress_path()
    path.write_text(json.dumps(PROGRESS | {"answers": answers, "position": 4}))
    assert progressfile.load_progress(QUESTIONS) == progressfile.Progress(
        {IDS[1]: 4}, 4, "2026-11-22T09:00:00"
    )


def test_17_a_result_from_an_older_bank_still_reads(here: Path) -> None:
    good = here / "bon.json"
    assert invoke("quiz", "--answers", str(favouring_piege(here)), "--save", str(good))[0] == 0
    document = json.loads(good.read_text())
    del document["answers"][IDS[0]]
    document["answers"]["question-retiree"] = 4
    good.write_text(json.dumps(document))
    code, out, _ = invoke("report", str(good))
    assert code == 0
    assert "1 question ajoutée au quiz depuis" in one_line(out)
    assert "1 question retirée du quiz depuis" in one_line(out)


# --- 18. Bad answer files ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"ecoute-dificulte": 3}, "question inconnue « ecoute-dificulte » (vouliez-vous dire"),
        ({IDS[3]: 9}, f"question « {IDS[3]} » : réponse « 9 » invalide"),
        ({IDS[3]: 0}, f"question « {IDS[3]} » : réponse « 0 » invalide"),
        ({IDS[3]: -2}, f"question « {IDS[3]} » : réponse « -2 » invalide"),
        ({IDS[3]: 3.5}, f"question « {IDS[3]} » : réponse « 3.5 » invalide"),
        ({IDS[3]: "trois"}, f"question « {IDS[3]} » : réponse « trois » invalide"),
        ({IDS[3]: True}, f"question « {IDS[3]} » : réponse « true » invalide"),
        ({IDS[3]: [4]}, f"question « {IDS[3]} » : réponse (une liste) invalide"),
        ({IDS[3]: {"a": 4}}, f"question « {IDS[3]} » : réponse (un ensemble de champs)"),
    ],
)
def test_18_bad_answers_name_the_question(
    here: Path, change: dict[str, object], expected: str
) -> None:
    answers: dict[str, object] = dict.fromkeys(IDS, 3)
    answers.update(change)
    path = here / "reponses.json"
    path.write_text(json.dumps(answers, indent=0), encoding="utf-8")
    code, out, err = invoke("quiz", "--answers", str(path), columns=300)
    assert code == 1
    assert out == ""
    assert err.startswith("Erreur : reponses.json:")
    assert expected in err


def test_18_a_huge_answer_file_is_refused(here: Path) -> None:
    path = here / "reponses.yaml"
    path.write_text("".join(f"{qid}: 3\n" for qid in IDS) + "# " + "x" * 300_000 + "\n")
    code, _, err = invoke("quiz", "--answers", str(path))
    assert code == 1
    assert "reponses.yaml: fichier trop volumineux (maximum 256 Kio)" in err


# --- 19. Two quizzes saving to one file -------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("point", ["write", "fsync"])
def test_19_two_processes_saving_at_once_leave_one_whole_result(here: Path, point: str) -> None:
    saved = here / "resultats.json"
    # The first quiz stops half-way through its save…
    first = save_stopped_at(point, "pause", saved, uniform_answers(here, 5))
    deadline = time.monotonic() + 20
    while not Path(f"{saved}.paused").exists():
        assert first.poll() is None, "ended before its save"
        assert time.monotonic() < deadline, "never reached its save"
        time.sleep(0.01)
    # …while a second one saves to the same file from start to end. (Both asked to
    # replace the file: without --remplacer, the first would not replace the second's.)
    second = orientation(
        "quiz", "--answers", str(uniform_answers(here, 1)), "--save", str(saved), "--remplacer"
    )
    assert second.returncode == 0
    assert saved_answers(saved) == {1}  # whole, untouched by the half-written first save
    Path(f"{saved}.go").touch()
    _, err = first.communicate(timeout=20)
    assert first.returncode == 0, err
    assert saved_answers(saved) == {5}  # the last to finish wins, whole
    assert listing(here) == [
        "resultats.json",
        "resultats.json.go",
        "resultats.json.paused",
        "tout-1.json",
        "tout-5.json",
    ]  # no temporary file left by either


def test_19_concurrent_writes_never_mix(tmp_path: Path) -> None:
    target = tmp_path / "resultats.json"
    payloads = [letter * 200_000 for letter in "ab"]
    seen: set[str] = set()

    def write(payload: str) -> None:
        for _ in range(25):
            files.write_atomic(target, payload)

    def read() -> None:
        for _ in range(200):
            if target.exists():
                seen.add(target.read_text(encoding="utf-8"))

    threads = [threading.Thread(target=write, args=(p,)) for p in payloads]
    threads.append(threading.Thread(target=read))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen <= set(payloads)
    assert target.read_text(encoding="utf-8") in payloads
    assert sorted(p.name for p in tmp_path.iterdir()) == ["resultats.json"]


# --- Fuzz: whatever the bytes, only the project's own error comes out ---------------------

FUZZED = ["tags.yaml", "questions.yaml", "fiches/conseiller-social.yaml", "reponses.yaml"]
# Pieces of YAML syntax, content words and characters known to trouble parsers.
PIECES = [
    *("- ", ": ", ":", "\n", "\n  ", "  ", " ", "[", "]", "{", "}", ", ", "? ", "|", ">-"),
    *("'", '"', "#", "---", "...", "%YAML 1.1\n", "&a ", "*a", "!!str ", "!x ", "\t", "\\"),
    *("slug", "title", "summary", "tags", "weight", "why", "sources", "document", "salary"),
    *("id", "text", "label", "description", "empathie", "budget", "conseiller-social"),
    *("0", "3", "-1", "99999999999999999999", "1e3", "null", "~", "yes", "no", "2024-01-01"),
    *("é", "·", "\u00a0", "\ufeff", "\u0085", "\u2028", "\x1b", "\x00", "\ud7ff", "😀"),
]
yaml_like = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=20,
)


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small content root (one fiche) whose files the fuzz tests overwrite in turn."""
    import shutil

    root = tmp_path_factory.mktemp("fuzz") / "content"
    shutil.copytree(default_root(), root)
    for path in (root / "fiches").iterdir():
        if path.name != "conseiller-social.yaml":
            path.unlink()
    (root / "reponses.yaml").write_text("".join(f"{qid}: 3\n" for qid in IDS))
    return root


def survives(root: Path, target: str, data: bytes) -> None:
    """Put *data* in *target*, then read everything: only OrientationError may escape."""
    from orientation.authoring.checks import check_root
    from orientation.errors import OrientationError

    path = root / target
    original = path.read_bytes()
    path.write_bytes(data)
    said: list[str] = []
    try:
        for read in (
            lambda: check_root(root),
            lambda: load_catalogue(root),
            lambda: load_questions(root),
            lambda: resultsfile.read_answers(root / "reponses.yaml", QUESTIONS),
            lambda: resultsfile.read_answers(root / "reponses.yaml", QUESTIONS, results_only=True),
        ):
            try:
                read()
            except OrientationError as exc:
                said.append(exc.message)
    finally:
        path.write_bytes(original)
    assert all(said)  # every refusal says something


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=600), target=st.sampled_from(FUZZED))
def test_fuzz_random_bytes(fuzz_root: Path, data: bytes, target: str) -> None:
    survives(fuzz_root, target, data)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(text=yaml_like, target=st.sampled_from(FUZZED))
def test_fuzz_random_yaml(fuzz_root: Path, text: str, target: str) -> None:
    survives(fuzz_root, target, text.encode("utf-8", "surrogatepass"))


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(value=json_values, target=st.sampled_from(FUZZED))
def test_fuzz_well_formed_data_of_any_shape(fuzz_root: Path, value: object, target: str) -> None:
    survives(fuzz_root, target, json.dumps(value).encode())


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(
    cuts=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 40), st.text(max_size=3))),
    target=st.sampled_from(FUZZED[:3]),
)
def test_fuzz_damaged_shipped_files(
    fuzz_root: Path, cuts: list[tuple[int, int, str]], target: str
) -> None:
    # The real files with pieces cut out or replaced: close to what an author's slip does.
    text = (fuzz_root / target).read_text(encoding="utf-8")
    for start, length, replacement in cuts:
        start %= len(text) + 1
        text = text[:start] + replacement + text[start + length :]
    survives(fuzz_root, target, text.encode("utf-8", "surrogatepass"))
