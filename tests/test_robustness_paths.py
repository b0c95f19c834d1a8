"""Issue 16, paths and files: non-UTF-8 paths (case 22), a damaged content index (26),
FIFOs (30), files editors leave behind (31), relative or empty HOME and XDG_*_HOME
(39). Numbered as in docs/robustesse.md."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orientation.content import cache, index
from orientation.content.catalogue import load_catalogue, load_questions
from orientation.content.model import default_root
from tests.helpers import orientation
from tests.test_index import snapshot
from tests.test_robustness import IDS, json_values, one_line

GOLDEN = Path(__file__).parent / "golden"
LATIN1 = os.fsdecode(b"caf\xe9")  # « café » written by a Latin-1 system: not UTF-8


def run_in(cwd: Path, *args: str, **options: Any) -> subprocess.CompletedProcess[str]:
    """`orientation ARGS` as a real process in *cwd*, stopped after 20 s (a hang fails)."""
    done: subprocess.CompletedProcess[str] = orientation(*args, cwd=cwd, timeout=20, **options)
    return done


def answers_file(folder: Path) -> Path:
    path = folder / "reponses.yaml"
    path.write_text("".join(f"{qid}: 4\n" for qid in IDS), encoding="utf-8")
    return path


# --- 22. Paths that are not UTF-8 --------------------------------------------------------


@pytest.mark.slow
def test_22_a_content_folder_that_is_not_utf8_works_with_every_command(tmp_path: Path) -> None:
    folder = tmp_path / LATIN1
    created = run_in(tmp_path, "init", LATIN1)
    assert created.returncode == 0, created.stderr
    said = one_line(created.stdout)
    assert "Dossier de contenu créé : caf\\xe9 (5 fiches)" in said
    # A command that can be copied: bash, zsh and ksh read $'…' back as the same bytes.
    assert "orientation check --content $'caf\\xe9'" in said
    time.sleep(cache.SETTLED_NS / 1e9 + 0.1)  # so that the index keeps the files
    shown = run_in(tmp_path, "show", "cesf", env={"ORIENTATION_CONTENT": LATIN1})
    assert shown.returncode == 0, shown.stderr
    assert "Conseiller·ère social·e (CESF)" in shown.stdout
    answers = answers_file(tmp_path)
    results = tmp_path / "resultats.json"
    commands = [
        ["list", "--content", LATIN1],
        ["list", "--content", LATIN1],  # again: from the index written by the first
        ["show", "cesf", "--content", LATIN1],
        ["show", "cesf", "--content", LATIN1],  # from the fiche kept in the index
        ["compare", "cesf", "coordinateur-social", "--content", LATIN1],
        ["check", "--content", LATIN1],
        ["quiz", "--answers", str(answers), "--save", str(results), "--content", LATIN1],
        ["report", str(results), "--content", LATIN1],
        ["compare", "--results", str(results), "cesf", "coordinateur-social", "--content", LATIN1],
        ["new", "mon-metier", "--content", LATIN1],  # last: the new fiche is still to fill
    ]
    for args in commands:
        done = run_in(tmp_path, *args)
        assert done.returncode == 0, (args, done.stderr)
        assert "Traceback" not in done.stderr
        assert "\ufffd" not in done.stdout + done.stderr
        assert "caf?" not in done.stdout
    assert (folder / "fiches" / "mon-metier.yaml").is_file()
    checked = run_in(tmp_path, "check", "--content", LATIN1)
    assert checked.returncode == 1  # the new fiche is still to be written
    assert "caf\\xe9/fiches/mon-metier.yaml:19:1: champ « title » manquant" in checked.stdout


@pytest.mark.slow
def test_22_a_fiche_file_named_in_latin1_is_named_with_escapes(root: Path) -> None:
    fiches = root / "fiches"
    (fiches / "conseiller-social.yaml").rename(fiches / os.fsdecode(b"conseill\xe8re.yaml"))
    done = orientation("check", "--content", str(root), cwd=root.parent)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert (
        "content/fiches/conseill\\xe8re.yaml:2:7: le nom du fichier doit être le slug suivi de "
        ".yaml : renommer conseill\\xe8re.yaml en conseiller-social.yaml"
    ) in done.stdout
    listed = orientation("check", "--json", "--content", str(root), cwd=root.parent)
    assert json.loads(listed.stdout)["problems"][0]["path"] == "content/fiches/conseill\\xe8re.yaml"


@pytest.fixture
def root(tmp_path: Path, content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return content_copy


# --- 26. A damaged content index -----------------------------------------------------------

FICHE = "coordinateur-social"


@pytest.fixture(scope="module")
def indexed_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("index") / "content"
    shutil.copytree(default_root(), root)
    return root


@contextmanager
def settled() -> Iterator[None]:
    """Files count as changed long ago, so that the index keeps them (tests/test_index.py)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cache, "now", lambda: time.time_ns() + 2 * cache.SETTLED_NS)
        yield


def read_after(root: Path, cache_dir: Path, damage: Callable[[Path, bytes], bytes]) -> None:
    """Index *root* (with one fiche kept whole), damage each cache file, then read again:
    the same catalogue, fiche and questions as without the index."""
    expected = snapshot(load_catalogue(root, cache=False))
    fiche = load_catalogue(root, cache=False).find(FICHE)
    with settled():
        index._known_files.clear()
        load_catalogue(root).find(FICHE)
        load_questions(root)
        files = [*cache_dir.glob("*/index.json"), *cache_dir.glob(f"*/fiches/{FICHE}.yaml.json")]
        assert len(files) == 2
        for path in files:
            path.write_bytes(damage(path, path.read_bytes()))
        index._known_files.clear()
        catalogue = load_catalogue(root)
        assert snapshot(catalogue) == expected
        assert catalogue.find(FICHE) == fiche
        assert load_questions(root) == load_questions(root, cache=False)
        shutil.rmtree(cache_dir)


@pytest.mark.slow
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=json_values)
def test_26_an_index_of_any_shape_is_read_again_from_the_content(
    indexed_root: Path, cache_dir: Path, value: object
) -> None:
    # With a right CRC: only the check of the shape stands between this and a crash.
    read_after(indexed_root, cache_dir, lambda path, data: cache.encode(value))


@pytest.mark.slow
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cuts=st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 40), st.binary(max_size=3))))
def test_26_the_real_index_cut_and_patched_is_read_again_from_the_content(
    indexed_root: Path, cache_dir: Path, cuts: list[tuple[int, int, bytes]]
) -> None:
    def damage(path: Path, data: bytes) -> bytes:
        for start, length, replacement in cuts:
            start %= len(data) + 1
            data = data[:start] + replacement + data[start + length :]
        return data

    read_after(indexed_root, cache_dir, damage)


def _nodes(value: Any, where: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield where
    if isinstance(value, dict | list):
        for key, item in value.items() if isinstance(value, dict) else enumerate(value):
            yield from _nodes(item, (*where, key))


@pytest.mark.slow
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_26_the_real_index_with_a_value_of_another_type_is_read_again(
    indexed_root: Path, cache_dir: Path, data: st.DataObject
) -> None:
    """The real files, valid JSON with a right CRC, one value anywhere replaced by one of
    another type (a list for a dict, a text for a number, a huge number for a text…) or
    one key added: all of it is set aside."""

    def damage(path: Path, raw: bytes) -> bytes:
        saved = cache.decode(path)
        where = data.draw(st.sampled_from(list(_nodes(saved))))
        parent, old = None, saved
        for key in where:
            parent, old = old, old[key]
        if isinstance(old, dict) and data.draw(st.booleans()):
            old[data.draw(st.text(max_size=5).filter(lambda k: k not in old))] = "en trop"
            return cache.encode(saved)
        # Another type, never None nor text where None stands (an optional text).
        new = data.draw(
            json_values.filter(
                lambda v: (
                    v is not None
                    and type(v) is not type(old)
                    and not (old is None and type(v) in (str, int))
                )
            )
        )
        if parent is None:
            return cache.encode(new)
        parent[where[-1]] = new
        return cache.encode(saved)

    read_after(indexed_root, cache_dir, damage)


WRONG = [{"code": "x", "root": None}, {"tags": [], "fiches": None}, [1, 2, 3], 10**40, "x"]


@pytest.mark.parametrize("value", WRONG)
def test_26_each_part_of_the_index_of_a_wrong_shape(
    indexed_root: Path, cache_dir: Path, value: object
) -> None:
    """Every part of the real index, in turn, replaced by a wrong value (with its CRC)."""
    with settled():
        index._known_files.clear()
        load_catalogue(indexed_root).find(FICHE)
        (path,) = cache_dir.glob("*/index.json")
        real = cache.decode(path)
    for part in ["code", "root", "tags", "questions", "fiches"]:

        def damage(path: Path, raw: bytes, part: str = part) -> bytes:
            return cache.encode({**real, part: value}) if path.name == "index.json" else raw

        read_after(indexed_root, cache_dir, damage)


def test_26_an_index_nested_deeper_than_json_can_read(indexed_root: Path, cache_dir: Path) -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    framed = b"%08x\n%s" % (zlib.crc32(body), body)
    read_after(indexed_root, cache_dir, lambda path, data: framed)


@pytest.mark.slow
def test_26_the_real_command_reads_a_damaged_index_again(
    content_copy: Path, tmp_path: Path
) -> None:
    time.sleep(cache.SETTLED_NS / 1e9 + 0.1)
    args = ("list", "--content", str(content_copy))
    first = run_in(tmp_path, *args)
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "orientation" / "index"
    (path,) = folder.glob("*/index.json")
    saved = cache.decode(path)
    for name in saved["fiches"]:  # valid JSON, right CRC, a title that is a number
        saved["fiches"][name][2] = 12
    path.write_bytes(cache.encode(saved))
    again = run_in(tmp_path, *args)
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout


# --- 30. FIFOs ---------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["report", "tube.json"],
        ["compare", "--results", "tube.json", "cesf", "coordinateur-social"],
        ["quiz", "--answers", "tube.json"],
    ],
)
def test_30_a_fifo_nobody_writes_to_is_said_at_once(tmp_path: Path, args: list[str]) -> None:
    os.mkfifo(tmp_path / "tube.json")
    done = run_in(tmp_path, *args)  # timeout: a hang fails
    assert done.returncode == 1
    assert one_line(done.stderr) == (
        "Erreur : tube.json: tube nommé (FIFO) où personne n'écrit : il n'y a rien à lire"
    )


@pytest.mark.slow
def test_30_a_pipe_with_a_writer_is_still_read(tmp_path: Path) -> None:
    sample = (GOLDEN / "results-sample.json").read_text(encoding="utf-8")
    reader, writer = os.pipe()
    with os.fdopen(writer, "w", encoding="utf-8") as handle:
        handle.write(sample)  # `report <(cat resultats.json)`
    done = run_in(tmp_path, "report", f"/dev/fd/{reader}", pass_fds=(reader,))
    os.close(reader)
    assert done.returncode == 0, done.stderr
    assert "Vos résultats" in done.stdout


@pytest.mark.slow
def test_30_a_fifo_at_the_progress_path_never_hangs_the_quiz(
    tmp_path: Path, state_dir: Path
) -> None:
    state_dir.mkdir(parents=True)
    os.mkfifo(state_dir / "quiz-en-cours.json")
    resumed = run_in(tmp_path, "quiz", "--resume", "--plain", input="3\n")
    assert resumed.returncode == 1
    assert "ce n'est pas un fichier ordinaire" in one_line(resumed.stderr)
    assert "Le fichier n'a pas été modifié" in one_line(resumed.stderr)
    started = run_in(tmp_path, "quiz", "--plain", "--json", input="3\n" * len(IDS))
    assert started.returncode == 0, started.stderr
    assert "mise de côté dans" in one_line(started.stderr)
    assert json.loads(started.stdout)["matches"]
    assert not (state_dir / "quiz-en-cours.json").exists()  # the quiz ended


@pytest.mark.slow
@pytest.mark.parametrize("name", ["tags.yaml", "questions.yaml", "fiches/tube.yaml"])
def test_30_a_fifo_in_the_content_never_hangs(root: Path, name: str) -> None:
    (root / name).unlink(missing_ok=True)
    os.mkfifo(root / name)
    said = {}
    for command in ("check", "list", "quiz"):
        args = [command, "--content", str(root)] + (["--plain"] if command == "quiz" else [])
        done = run_in(root.parent, *args, input="3\n" * len(IDS))  # timeout: a hang fails
        assert "Traceback" not in done.stderr
        said[command] = (done.returncode, one_line(done.stdout + done.stderr))
    if name.startswith("fiches"):  # case 7: skipped with a warning
        warning = "content/fiches/tube.yaml: attention : ce n'est pas un fichier ordinaire"
        assert said["check"][0] == 0
        assert warning in said["check"][1]
    else:  # required: an error that names it
        assert said["check"][0] == 1
        assert f"content/{name}: ce n'est pas un fichier ordinaire" in said["check"][1]
        assert said["quiz"][0] == 1


# --- 31. Files editors and other systems leave behind --------------------------------------


@pytest.mark.slow
def test_31_editor_and_system_leftovers_are_ignored_silently(root: Path) -> None:
    fiches = root / "fiches"
    text = (fiches / "conseiller-social.yaml").read_bytes()
    (fiches / ".#conseiller-social.yaml").symlink_to("marie@poste-12.4242:1718000000")  # Emacs
    (fiches / "._conseiller-social.yaml").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    (fiches / "conseiller-social.yaml~").write_bytes(text)
    (fiches / ".conseiller-social.yaml.swp").write_bytes(b"b0VIM 9.0\x00" + text)
    (fiches / "#conseiller-social.yaml#").write_bytes(text)
    (fiches / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (fiches / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0")
    (fiches / ".cachee.yaml").write_bytes(text)  # hidden: never a fiche, even if it is one
    checked = orientation("check", "--content", str(root), cwd=root.parent)
    assert checked.returncode == 0, checked.stdout
    assert one_line(checked.stdout).startswith("content : aucun problème (5 fiches métier")
    assert "attention" not in checked.stdout.lower()
    for args in (["list"], ["show", "cesf"], ["quiz", "--answers", str(answers_file(root))]):
        done = orientation(*args, "--content", str(root), cwd=root.parent)
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""


# --- 39. Relative or empty HOME and XDG_*_HOME -----------------------------------------------

# The real command, with the account database saying the user's home folder is
# sys.argv[1] ("" for none): a fake home, so that the fall-back never writes in the
# real one.
WITH_ACCOUNT_HOME = """
import pwd, sys
home = sys.argv.pop(1)
class Account:
    pw_dir = home
pwd.getpwuid = lambda uid: Account()
from orientation.cli.entry import main
main()
"""


def run_with_home(
    cwd: Path, account_home: str, env: dict[str, str], *args: str, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The command with the account's home folder *account_home*, in an environment of
    nothing but PATH and *env* (no HOME, XDG_* or state folder of the test's)."""
    return orientation(
        *args,
        command=(sys.executable, "-c", WITH_ACCOUNT_HOME, account_home),
        inherit=False,
        env={"PATH": os.environ["PATH"], **env},
        input=input,
        cwd=cwd,
        timeout=30,
    )


BROKEN_HOMES = [
    {"HOME": "", "XDG_CACHE_HOME": "", "XDG_STATE_HOME": ""},
    {"HOME": "maison", "XDG_CACHE_HOME": "cache", "XDG_STATE_HOME": "etat"},
    {"HOME": "/", "XDG_CACHE_HOME": "./cache", "XDG_STATE_HOME": "."},
    {"XDG_CACHE_HOME": "cache", "XDG_STATE_HOME": "etat", "XDG_CONFIG_HOME": "c"},
]


@pytest.mark.slow
@pytest.mark.parametrize("env", BROKEN_HOMES)
def test_39_a_relative_or_empty_home_creates_nothing_here_nor_at_the_root(
    tmp_path: Path, env: dict[str, str]
) -> None:
    here = tmp_path / "vide"
    here.mkdir()
    account = tmp_path / "compte"
    account.mkdir()
    root_before = set(os.listdir("/"))
    content = str(default_root())
    for args in (["list", "--content", content], ["show", "cesf", "--content", content]):
        done = run_with_home(here, str(account), env, *args)
        assert done.returncode == 0, done.stderr
    # Stopped half-way: the progress is kept, in the account's home folder.
    stopped = run_with_home(here, str(account), env, "quiz", "--plain", input="3\n3\n")
    assert stopped.returncode == 1, stopped.stderr
    assert list(here.iterdir()) == []
    assert set(os.listdir("/")) == root_before
    assert (account / ".local" / "state" / "orientation" / "quiz-en-cours.json").is_file()
    assert list((account / ".cache" / "orientation" / "index").iterdir())


@pytest.mark.slow
@pytest.mark.parametrize("env", BROKEN_HOMES[:3])
def test_39_with_no_home_folder_at_all_the_quiz_goes_on_without_resume(
    tmp_path: Path, env: dict[str, str]
) -> None:
    root_before = set(os.listdir("/"))
    done = run_with_home(tmp_path, "", env, "quiz", "--plain", "--json", input="3\n" * len(IDS))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["matches"]
    assert (
        "Attention : impossible de garder la progression du quiz : aucun dossier personnel "
        "utilisable (HOME est vide ou relatif) : définir HOME, ou XDG_STATE_HOME, par un chemin "
        "absolu ; le quiz continue sans reprise possible."
    ) in one_line(done.stderr)
    assert list(tmp_path.iterdir()) == []
    assert set(os.listdir("/")) == root_before


@pytest.mark.slow
@pytest.mark.parametrize("env", BROKEN_HOMES[:3])
def test_39_install_completion_with_a_broken_home_writes_in_the_account_home(
    tmp_path: Path, env: dict[str, str]
) -> None:
    here = tmp_path / "vide"
    here.mkdir()
    account = tmp_path / "compte"
    account.mkdir()
    root_before = set(os.listdir("/"))
    named = WITH_ACCOUNT_HOME.replace(
        "from orientation", "sys.argv[0] = 'orientation'\nfrom orientation"
    )
    done = orientation(
        "--install-completion",
        # From bash, the shell it installs for (not exec'd: it stays the parent).
        command=("bash", "-c", '"$@"; exit $?', "bash", sys.executable, "-c", named, str(account)),
        inherit=False,
        env={"PATH": os.environ["PATH"], **env},
        cwd=here,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    assert list(here.iterdir()) == []  # before: maison/.bashrc, maison/.bash_completions
    assert set(os.listdir("/")) == root_before  # before: /.bashrc, /.bash_completions
    assert (account / ".bash_completions" / "orientation.sh").is_file()
    assert f"source '{account}/.bash_completions/orientation.sh'" in (
        (account / ".bashrc").read_text(encoding="utf-8")
    )
