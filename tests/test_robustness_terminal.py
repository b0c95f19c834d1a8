"""Issue 16, the terminal's side: unusable widths (case 21), no raw control sequence from
any input (24), bounded input lines (27), --json whatever the encoding (33), broken
completion requests (36). Numbered as in docs/robustesse.md.

Every command runs as the installed executable in a real process: widths, encodings
and completion requests are the process's environment.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from orientation.content.catalogue import load_catalogue
from orientation.results import progressfile
from tests.helpers import ORIENTATION, environment, orientation
from tests.test_robustness import IDS, QUESTIONS, one_line

pytestmark = pytest.mark.slow

GOLDEN = Path(__file__).parent / "golden"
SLUGS = [entry.slug for entry in load_catalogue().entries]
ALL_THREE = "3\n" * len(QUESTIONS)


# --- 21. Unusable widths -------------------------------------------------------------------

UNUSABLE = ["0", "-5", "abc", "99999999999", "²", "1" * 5000, "3"]
# Each command as a new user types it: the plain forms (orientation.commands, no typer)
# and the others (typer), with their error messages.
WIDTH_COMMANDS = {
    "list": ["list"],
    "show": ["show", SLUGS[0]],
    "compare": ["compare", *SLUGS[:2]],
    "show (unknown)": ["show", "inconnu"],
    "show (typer)": ["show", SLUGS[0], "--content", "{content}"],
    "show (typer, unknown)": ["show", "inconnu", "--content", "{content}"],
    "questions": ["questions"],
    "report": ["report", str(GOLDEN / "results-sample.json")],
    "check": ["check"],
    "quiz --answers": ["quiz", "--answers", "{answers}"],
    "--help": ["--help"],
    "show --help": ["show", "--help"],
    "usage error": ["shwo"],
}


@pytest.fixture
def width_commands(tmp_path: Path) -> dict[str, list[str]]:
    from orientation.content.model import default_root

    answers = tmp_path / "reponses.json"
    answers.write_text(json.dumps(dict.fromkeys(IDS, 4)), encoding="utf-8")
    places = {"content": str(default_root()), "answers": str(answers)}
    return {name: [arg.format(**places) for arg in args] for name, args in WIDTH_COMMANDS.items()}


_AT_80: dict[str, subprocess.CompletedProcess[str]] = {}  # what each command shows at 80


@pytest.mark.parametrize("columns", UNUSABLE, ids=lambda value: value[:12])
def test_21_an_unusable_width_falls_back_to_80_columns(
    width_commands: dict[str, list[str]], columns: str
) -> None:
    for name, args in width_commands.items():
        usable = _AT_80.get(name) or _AT_80.setdefault(name, orientation(*args))
        assert usable.stdout or usable.stderr, name
        unusable = orientation(*args, env={"COLUMNS": columns, "LINES": columns})
        # Not a pipe's 80 columns by chance: what COLUMNS=80 draws, error messages included
        # (the quiz's time of day aside: the runs compared can be minutes apart).
        assert (unusable.returncode, undated(unusable.stdout), unusable.stderr) == (
            usable.returncode,
            undated(usable.stdout),
            usable.stderr,
        ), name


def undated(shown: str) -> str:
    return re.sub(r"Quiz passé le \d\d/\d\d/\d{4} à \d\d:\d\d", "Quiz passé le …", shown)


def test_21_the_quiz_keeps_its_progress_until_the_results_are_shown(state_dir: Path) -> None:
    progressfile.save_progress(
        progressfile.Progress(dict.fromkeys(IDS[:-1], 3), len(IDS) - 1, "2026-11-22T09:00:00")
    )
    # Writing the results fails (full disk): the progress stays, the error is said.
    full = _dev_full()
    try:
        failed = orientation(
            "quiz", "--resume", "--plain", input="3\n", env={"COLUMNS": "0"}, stdout=full
        )
    finally:
        os.close(full)
    assert failed.returncode == 1
    assert "Erreur : écriture impossible : plus de place sur le disque" in failed.stderr
    assert progressfile.progress_path().exists()
    # At COLUMNS=0 the results are drawn at 80 columns, then the progress goes.
    shown = orientation("quiz", "--resume", "--plain", input="3\n", env={"COLUMNS": "0"})
    assert shown.returncode == 0, shown.stderr
    assert "Vos résultats" in shown.stdout or "Quiz" in shown.stdout
    assert max(len(line) for line in shown.stdout.splitlines()) == 80
    assert not progressfile.progress_path().exists()


def _dev_full() -> int:
    if not Path("/dev/full").exists():
        pytest.skip("/dev/full n'existe pas sur ce système")
    return os.open("/dev/full", os.O_WRONLY)


# --- 24. No raw control sequence from any input --------------------------------------------

HOSTILE_REPLIES = ["\x1b[2J", "\x1b]0;titre\x07", "\x9b31m", "\u202eevil", "\x00\x08\x7f"]
RAW = ["\x1b", "\x07", "\x9b", "\u202e", "\x00", "\x08", "\x7f"]


def test_24_replies_echoed_from_a_pipe_are_neutralised(state_dir: Path) -> None:
    replies = "".join(f"{reply}\n" for reply in HOSTILE_REPLIES) + ALL_THREE
    done = orientation("quiz", "--plain", input=replies)
    assert done.returncode == 0, done.stderr
    for char in RAW:
        assert char not in done.stderr
    # Each reply is still shown (echoed, then « not understood »), neutralised.
    assert done.stderr.count("Votre réponse : \ufffd[2J\n") == 1
    assert "Réponse non comprise : « \ufffd]0;titre\ufffd »" in one_line(done.stderr)


# A title that tries every way out of a completion line: escape sequences, line and
# paragraph separators, a tab, rich markup, quotes, and a backslash before $( and `…`.
# Line breaks (\n, U+2028, U+2029, NEL) are refused in a title when the content loads
# (case 35): the other controls still reach completion, and must not reach the shell.
HOSTILE_TITLE = (
    r'"Pi\u00e8ge \e[2J\e]0;TITRE\a [bold]gras[/] \x9b2e partie\x07 \t'
    r"\\$(touch pirate) \\`touch pirate2` \" "
    ' : ::: fin"'
)


@pytest.fixture
def hostile_root(content_copy: Path) -> Path:
    fiche = content_copy / "fiches" / f"{SLUGS[0]}.yaml"
    text = fiche.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^title: .*$", lambda _: f"title: {HOSTILE_TITLE}", text, count=1)
    fiche.write_text(text, encoding="utf-8")
    return content_copy


def completion(shell: str, words: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """What the completion script installed for *shell* asks when Tab is pressed after *words*."""
    typed = " ".join(words)
    env = {
        "bash": {"COMP_WORDS": typed, "COMP_CWORD": str(len(words) - 1)},
        "zsh": {"_TYPER_COMPLETE_ARGS": typed},
        "fish": {"_TYPER_COMPLETE_ARGS": typed, "_TYPER_COMPLETE_FISH_ACTION": "get-args"},
        "powershell": {
            "_TYPER_COMPLETE_ARGS": typed,
            "_TYPER_COMPLETE_WORD_TO_COMPLETE": words[-1],
        },
    }[shell]
    return orientation(
        env={**env, "_ORIENTATION_COMPLETE": f"complete_{shell}"}, cwd=cwd, timeout=30
    )


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_24_completions_are_one_clean_line_each(hostile_root: Path, shell: str) -> None:
    words = ["orientation", "show", "--content", str(hostile_root), SLUGS[0][:4]]
    done = completion(shell, words, hostile_root.parent)
    assert done.returncode == 0, done.stderr
    expected = [slug for slug in SLUGS if slug.startswith(SLUGS[0][:4])]
    lines = done.stdout.rstrip("\n").split("\n")
    separator = {"bash": "", "zsh": "", "fish": "\t", "powershell": ":::"}[shell]
    if shell == "zsh":  # _arguments '*: :(("slug":"title" …))', one pair a line
        assert lines[0].startswith("_arguments '*: :((")
        assert lines[-1].endswith("))'")
    assert len(lines) == len(expected)
    for slug, line in zip(expected, lines, strict=True):
        assert slug in line
        assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", line.replace(separator, ""))
    if shell == "bash":  # slugs only
        return
    hostile = lines[expected.index(SLUGS[0])]
    assert "[bold]gras[/]" in hostile  # shown as typed, not read as markup
    assert "2e partie" in hostile  # on the same line
    if shell == "zsh":
        # Every backslash escapes what typer escapes ($, `, :): none from the title
        # can cancel one (`\$(…)` would run in the shell's second eval).
        assert "\\" not in re.sub(r"\\\\:|\\[$`]", "", hostile)
    if shell == "powershell":
        assert hostile.count(":::") == 1


ZSH = shutil.which("zsh")
# What zsh's _arguments does with an action `((…))`: `eval ws=( … )`, then _describe.
ZSH_ARGUMENTS = r"""
_arguments() {
  local action=${1#*: :}; local -a ws; eval ws\=\( "${action[3,-3]}" \); print -rl -- $ws
}
eval $(env _TYPER_COMPLETE_ARGS="$WORDS" _ORIENTATION_COMPLETE=complete_zsh "$ORIENTATION")
"""


@pytest.mark.skipif(ZSH is None, reason="zsh n'est pas installé")
def test_24_zsh_runs_nothing_from_a_title(hostile_root: Path) -> None:
    assert ZSH is not None
    words = f"orientation show --content {hostile_root} {SLUGS[0][:4]}"
    done = orientation(
        command=(ZSH, "-f", "-c", ZSH_ARGUMENTS),
        env={"WORDS": words, "ORIENTATION": str(ORIENTATION)},
        cwd=hostile_root.parent,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    assert not (hostile_root.parent / "pirate").exists()
    assert not (hostile_root.parent / "pirate2").exists()
    described = next(line for line in done.stdout.splitlines() if line.startswith(SLUGS[0]))
    assert described.startswith(f"{SLUGS[0]}:Piège ")
    assert "$(touch pirate)" in described
    assert "`touch pirate2`" in described


# --- 27. Bounded input lines ---------------------------------------------------------------


def test_27_yes_ends_with_a_clear_error(state_dir: Path) -> None:
    yes = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
    try:
        assert yes.stdout is not None
        done = orientation("quiz", "--plain", stdin=yes.stdout, timeout=30)
    finally:
        yes.kill()
        yes.wait()
    assert done.returncode == 1
    message = one_line(done.stderr.split("Erreur : ")[-1])
    assert message == (
        "10 réponses non comprises de suite (la dernière : « y ») : le quiz s'arrête. "
        "Rien n'a été enregistré."
    )
    assert done.stderr.count("Réponse non comprise : « y »") == 9


def test_27_answers_then_nonsense_keep_the_answers(state_dir: Path) -> None:
    done = orientation("quiz", "--plain", input="4\n5\n" + "oui\n" * 50)
    assert done.returncode == 1
    assert "Reprendre à la question 3/" in done.stderr
    assert "orientation quiz --resume --plain" in one_line(done.stderr)
    resumed = orientation("quiz", "--resume", "--plain", input="3\n" * (len(IDS) - 2))
    assert resumed.returncode == 0, resumed.stderr


@pytest.mark.parametrize(
    ("encoding", "reply"),
    # utf-8 set this way reads strictly, as under fr_FR.UTF-8 (only the C locale does not).
    [("utf-8", b"\xe9t\xe9\n"), ("ascii", "été\n".encode())],
)
def test_27_a_reply_in_another_encoding_is_not_understood(
    state_dir: Path, encoding: str, reply: bytes
) -> None:
    """A Latin-1 « été » piped to --plain: before, UnicodeDecodeError and a traceback."""
    done = orientation(
        "quiz",
        "--plain",
        env={"PYTHONIOENCODING": encoding},
        input=b"4\n" + reply + b"5\n" + b"3\n" * (len(IDS) - 2),
    )
    err = done.stderr.decode(encoding, "replace")  # bytes in, bytes out
    assert done.returncode == 0, err
    assert "Traceback" not in err
    assert "Error" not in err
    assert err.count("Réponse non comprise".encode(encoding, "replace").decode(encoding)) == 1
    assert done.stdout


def test_27_a_line_of_gigabytes_is_not_read_whole(state_dir: Path) -> None:
    # An endless line: a reader that waits for its end never returns.
    import resource

    def at_most_a_gigabyte() -> None:  # were the line read whole, fail instead of swapping
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

    endless = subprocess.Popen(
        [sys.executable, "-c", "import sys\nwhile True: sys.stdout.write('a' * 65536)"],
        stdout=subprocess.PIPE,
    )
    try:
        assert endless.stdout is not None
        # Not `orientation`: the limit is set in the child before it runs (preexec_fn).
        done = subprocess.run(
            [str(ORIENTATION), "quiz", "--plain"],
            stdin=endless.stdout,
            capture_output=True,
            text=True,
            timeout=30,
            env=environment(),
            preexec_fn=at_most_a_gigabyte,
        )
    finally:
        endless.kill()
        endless.wait()
    assert done.returncode == 1
    assert "ligne de réponse trop longue (plus de 1024 caractères)" in one_line(done.stderr)
    assert len(done.stderr) < 10_000  # the line is not echoed


def test_27_a_long_line_after_answers_keeps_them(state_dir: Path) -> None:
    done = orientation("quiz", "--plain", input="2\n" + "5" * 2000 + "\n" + ALL_THREE)
    assert done.returncode == 1
    assert "Reprendre à la question 2/" in done.stderr
    saved = json.loads(progressfile.progress_path().read_text(encoding="utf-8"))
    assert saved["answers"] == {IDS[0]: 2}


# --- 33. --json whatever the output encoding -----------------------------------------------

JSON_COMMANDS = [
    ["list", "--json"],
    ["show", SLUGS[0], "--json"],
    ["compare", *SLUGS[:2], "--json"],
    ["questions", "--json"],
    ["report", str(GOLDEN / "results-sample.json"), "--json"],
]


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("args", JSON_COMMANDS, ids=lambda args: " ".join(args[:1] + args[-1:]))
def test_33_json_is_escaped_when_stdout_cannot_take_unicode(args: list[str], encoding: str) -> None:
    utf8 = orientation(*args)
    narrow = orientation(*args, env={"PYTHONIOENCODING": encoding})
    assert narrow.returncode == utf8.returncode == 0, narrow.stderr
    assert narrow.stdout.isascii()
    assert json.loads(narrow.stdout) == json.loads(utf8.stdout)  # nothing became « ? »


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_33_check_json_too(content_copy: Path, encoding: str) -> None:
    (content_copy / "fiches" / f"{SLUGS[0]}.yaml").write_text("slug: é\n", encoding="utf-8")
    utf8 = orientation("check", "--json", str(content_copy))
    narrow = orientation("check", "--json", str(content_copy), env={"PYTHONIOENCODING": encoding})
    assert narrow.returncode == utf8.returncode == 1
    assert narrow.stdout.isascii()
    assert not utf8.stdout.isascii()
    assert json.loads(narrow.stdout) == json.loads(utf8.stdout)


def test_33_the_quiz_json_too(state_dir: Path, tmp_path: Path) -> None:
    answers = tmp_path / "reponses.json"
    answers.write_text(json.dumps(dict.fromkeys(IDS, 5)), encoding="utf-8")
    utf8 = orientation("quiz", "--answers", str(answers), "--json")
    narrow = orientation(
        "quiz", "--answers", str(answers), "--json", env={"PYTHONIOENCODING": "ascii"}
    )
    assert narrow.stdout.isascii()
    got, expected = json.loads(narrow.stdout), json.loads(utf8.stdout)
    got.pop("date", None), expected.pop("date", None)
    assert got == expected
    plain = orientation("quiz", "--plain", "--json", input=ALL_THREE, env={"LC_ALL": "C"})
    assert plain.returncode == 0
    assert json.loads(plain.stdout)


@pytest.mark.parametrize(
    "args",
    [
        ["show", SLUGS[0], "--markdown"],
        ["compare", *SLUGS[:2], "--markdown"],
        ["report", str(GOLDEN / "results-sample.json"), "--markdown"],
    ],
)
def test_33_markdown_that_stdout_cannot_encode_is_refused(args: list[str]) -> None:
    done = orientation(*args, env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 1
    assert done.stdout == ""  # nothing half written, no « ? »
    assert "PYTHONIOENCODING=utf-8" in done.stderr
    assert "la sortie standard est en ascii" in done.stderr
    assert orientation(*args, env={"PYTHONIOENCODING": "utf-8"}).returncode == 0


# --- 36. Broken completion requests --------------------------------------------------------

BROKEN = {
    "COMP_CWORD=abc": (
        {"_ORIENTATION_COMPLETE": "complete_bash", "COMP_WORDS": "orientation sh"},
        "COMP_CWORD=abc n'est pas un numéro de mot",
        {"COMP_CWORD": "abc"},
    ),
    "COMP_CWORD=-1": (
        {"_ORIENTATION_COMPLETE": "complete_bash", "COMP_WORDS": "orientation sh"},
        "COMP_CWORD=-1 n'est pas un numéro de mot",
        {"COMP_CWORD": "-1"},
    ),
    "COMP_CWORD of 5000 digits": (
        {"_ORIENTATION_COMPLETE": "complete_bash", "COMP_WORDS": "orientation sh"},
        "n'est pas un numéro de mot",
        {"COMP_CWORD": "9" * 5000},
    ),
    "no COMP_WORDS": (
        {"_ORIENTATION_COMPLETE": "complete_bash", "COMP_CWORD": "1"},
        "la variable COMP_WORDS manque",
        {},
    ),
    "no COMP_CWORD": (
        {"_ORIENTATION_COMPLETE": "complete_bash", "COMP_WORDS": "orientation sh"},
        "la variable COMP_CWORD manque",
        {},
    ),
    "unknown shell": (
        {"_ORIENTATION_COMPLETE": "complete_unknown"},
        "shell inconnu « unknown » (shells pris en charge : bash, zsh, fish ou powershell)",
        {},
    ),
    "source for an unknown shell": (
        {"_ORIENTATION_COMPLETE": "source_nosuchshell"},
        "shell inconnu « nosuchshell »",
        {},
    ),
    "no instruction": (
        {"_ORIENTATION_COMPLETE": "n'importe quoi"},
        "_ORIENTATION_COMPLETE=n'importe quoi (attendu : complete_SHELL ou source_SHELL",
        {},
    ),
    "unknown instruction": (
        {"_ORIENTATION_COMPLETE": "install_bash"},
        "(attendu : complete_SHELL ou source_SHELL",
        {},
    ),
    "zsh without its words": (
        {"_ORIENTATION_COMPLETE": "complete_zsh"},
        "la variable _TYPER_COMPLETE_ARGS manque",
        {},
    ),
    "fish without its action": (
        {"_ORIENTATION_COMPLETE": "complete_fish", "_TYPER_COMPLETE_ARGS": "orientation "},
        "la variable _TYPER_COMPLETE_FISH_ACTION manque",
        {},
    ),
    "fish with an unknown action": (
        {"_ORIENTATION_COMPLETE": "complete_fish", "_TYPER_COMPLETE_ARGS": "orientation "},
        "_TYPER_COMPLETE_FISH_ACTION=autre (attendu : get-args ou is-args)",
        {"_TYPER_COMPLETE_FISH_ACTION": "autre"},
    ),
    "powershell without its words": (
        {"_ORIENTATION_COMPLETE": "complete_powershell"},
        "la variable _TYPER_COMPLETE_ARGS manque",
        {},
    ),
}
COMPLETION_VARIABLES = (
    "COMP_WORDS",
    "COMP_CWORD",
    "_TYPER_COMPLETE_ARGS",
    "_TYPER_COMPLETE_FISH_ACTION",
    "_TYPER_COMPLETE_WORD_TO_COMPLETE",
)


@pytest.mark.parametrize("case", BROKEN)
def test_36_a_malformed_completion_request_is_said_in_french(case: str) -> None:
    request, message, extra = BROKEN[case]
    unset: dict[str, str | None] = dict.fromkeys(COMPLETION_VARIABLES)
    done = orientation("show", "c", env={**unset, **request, **extra}, timeout=30)
    assert done.returncode == 2
    assert done.stdout == ""  # nothing the shell would read as completions
    assert one_line(done.stderr).startswith("Erreur : demande de complétion invalide : ")
    assert len(done.stderr) < 400  # a value of thousands of digits is not quoted whole
    assert message in one_line(done.stderr)
    assert "Traceback" not in done.stderr
    assert "not supported" not in done.stderr


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_36_well_formed_requests_still_complete(shell: str, tmp_path: Path) -> None:
    done = completion(shell, ["orientation", "show", "coord"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "coordinateur-social" in done.stdout
    assert done.stderr == ""
    source = orientation(env={"_ORIENTATION_COMPLETE": f"source_{shell}"})
    assert source.returncode == 0
    assert "_ORIENTATION_COMPLETE" in source.stdout


@pytest.mark.skipif(shutil.which("dash") is None, reason="dash n'est pas installé")
@pytest.mark.parametrize("option", ["--install-completion", "--show-completion"])
def test_36_completion_from_a_shell_without_it_is_said_in_french(
    option: str, tmp_path: Path
) -> None:
    """`sh` is dash on Debian and Ubuntu: typer answered « Shell dash is not supported. »"""
    home = tmp_path / "maison"
    home.mkdir()
    done = orientation(
        command=("dash", "-c", f'"$0" {option}; exit $?', ORIENTATION),
        env={"HOME": str(home)},
        timeout=30,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert one_line(done.stderr) == (
        f"Erreur : {option} : le shell « dash » n'a pas de complétion (shells pris en charge : "
        f"bash, zsh, fish ou powershell). Le lancer depuis l'un d'eux, par exemple : bash -c "
        f"'orientation {option}'"
    )
    assert not list(home.iterdir())  # nothing installed


@pytest.mark.parametrize("option", ["--install-completion", "--show-completion"])
def test_36_completion_from_bash_still_works(option: str, tmp_path: Path) -> None:
    home = tmp_path / "maison"
    home.mkdir()
    done = orientation(
        command=("bash", "-c", f'"$0" {option}; exit $?', ORIENTATION),
        env={"HOME": str(home)},
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    if option == "--show-completion":
        assert "_ORIENTATION_COMPLETE=complete_bash" in done.stdout
    else:
        assert done.stdout.startswith(
            f"Complétion bash installée dans {home}/.bash_completions/orientation.sh"
        )
        assert (home / ".bashrc").is_file()
