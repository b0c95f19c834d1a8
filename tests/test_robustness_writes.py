"""Issue 26, cases 43 to 48 of docs/robustesse.md: the files orientation writes. A
file's name appears only once its content is whole; nothing is written through a link
that another account could have put there; a file already there is replaced only when
asked (--remplacer); whatever the write will need is checked before the first question;
the cache is trusted only when it is the user's own.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from orientation import files
from orientation.content import cache
from orientation.content.catalogue import load_catalogue
from orientation.errors import OrientationError
from orientation.results import progressfile
from tests import helpers
from tests.helpers import ORIENTATION, invoke
from tests.test_index import FICHE, snapshot
from tests.test_robustness import IDS, one_line

TOTAL = len(IDS)
NOBODY = 65534
STRANGER = 12345  # an account that exists nowhere: another student's files

needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown and mount need root"
)


def replies(count: int, value: str = "4") -> str:
    return f"{value}\n" * count


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def answer_file(folder: Path, value: int = 3) -> Path:
    path = folder / f"reponses-{value}.json"
    path.write_text(json.dumps(dict.fromkeys(IDS, value)), encoding="utf-8")
    return path


# --- 43. The name holds the whole file or nothing, even without hard links --------------


def no_hard_links(monkeypatch: pytest.MonkeyPatch) -> None:
    """os.link as on a FAT or exFAT USB key."""

    def refused(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", refused)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on a file system of 16 pages (a tmpfs, unmounted afterwards)."""
    disk = tmp_path / "cle"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"no tmpfs can be mounted here: {mounted.stderr.decode().strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def fill(disk: Path, free_pages: int) -> None:
    """Leave *free_pages* pages free on *disk*."""
    st = os.statvfs(disk)
    (disk / "autre.bin").write_bytes(b"\0" * ((st.f_bavail - free_pages) * st.f_frsize))
    assert os.statvfs(disk).f_bavail == free_pages


DATA = "x" * (3 * 4096 + 100)  # four pages


@needs_root
@pytest.mark.parametrize("free_pages", [4, 2], ids=["room-for-one-copy", "not-even-one"])
def test_43_a_full_disk_without_hard_links_leaves_no_partial_file_under_the_name(
    small_disk: Path, monkeypatch: pytest.MonkeyPatch, free_pages: int
) -> None:
    no_hard_links(monkeypatch)
    fill(small_disk, free_pages)
    target = small_disk / "resultats.json"
    if free_pages == 2:
        with pytest.raises(OrientationError) as raised:
            files.write_new(target, DATA)
        assert raised.value.message == (
            f"impossible d'écrire {target} : plus de place sur le disque"
        )
        assert not target.exists()
    else:  # one copy fits: written whole (before: a second copy was cut off, under the name)
        files.write_new(target, DATA)
        assert target.read_text(encoding="utf-8") == DATA
    assert sorted(p.name for p in small_disk.iterdir()) == ["autre.bin"] + (
        ["resultats.json"] if target.exists() else []
    )  # and no temporary file is left


def test_43_without_renameat2_the_name_is_claimed_then_given_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_hard_links(monkeypatch)
    monkeypatch.setattr(files, "_rename_no_replace", lambda *args: False)  # macOS, BSD
    target = tmp_path / "resultats.json"
    files.write_new(target, DATA)
    assert target.read_text(encoding="utf-8") == DATA
    with pytest.raises(files.NameTaken):
        files.write_new(target, "autre")
    assert target.read_text(encoding="utf-8") == DATA

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    other = tmp_path / "autre.json"
    with pytest.raises(OrientationError, match="plus de place sur le disque"):
        files.write_new(other, DATA)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["resultats.json"]  # no empty claim


def test_43_a_name_taken_meanwhile_is_never_replaced_without_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_hard_links(monkeypatch)
    target = tmp_path / "resultats.json"
    real_rename = files._rename_no_replace

    def taken_meanwhile(source: str, path: Path) -> bool:
        path.write_text("de quelqu'un d'autre", encoding="utf-8")
        return real_rename(source, path)

    monkeypatch.setattr(files, "_rename_no_replace", taken_meanwhile)
    with pytest.raises(files.NameTaken):
        files.write_new(target, DATA)
    assert target.read_text(encoding="utf-8") == "de quelqu'un d'autre"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["resultats.json"]


KILLED_WHILE_WRITING = """
import builtins, errno, os, signal, sys
from pathlib import Path
from orientation import files

target, where = sys.argv[1], sys.argv[2]

def refused(*args, **kwargs):
    raise OSError(errno.EPERM, "Operation not permitted")  # FAT: no hard links

os.link = refused

class Killing:
    # Writes half of what it is given, then the process is killed (SIGKILL).
    def __init__(self, handle):
        self.handle = handle
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return self.handle.__exit__(*exc)
    def write(self, data):
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        os.kill(os.getpid(), signal.SIGKILL)
    def __getattr__(self, name):
        return getattr(self.handle, name)

def aimed(handle):
    # every file written (where == "any"), or only one written under the final name
    name = os.readlink(f"/proc/self/fd/{handle.fileno()}")
    return Killing(handle) if where == "any" or name == target else handle

real_open, real_fdopen = builtins.open, os.fdopen
builtins.open = lambda *args, **kwargs: aimed(real_open(*args, **kwargs))
os.fdopen = lambda *args, **kwargs: aimed(real_fdopen(*args, **kwargs))
files.write_new(Path(target), "x" * 20000)
"""


@pytest.mark.slow
@pytest.mark.parametrize("where", ["any", "under-the-name"])
def test_43_a_kill_while_saving_without_hard_links_leaves_no_partial_file(
    tmp_path: Path, where: str
) -> None:
    target = tmp_path / "resultats.json"
    child = subprocess.run(
        [sys.executable, "-c", KILLED_WHILE_WRITING, str(target), where],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert child.returncode in (0, -signal.SIGKILL), child.stderr
    if target.exists():  # the name holds the whole file, or nothing
        assert target.read_text(encoding="utf-8") == "x" * 20000
    assert where == "any" or child.returncode == 0  # nothing is ever written under the name


# --- 44. A file that the write could not replace is said before the first question -------


def without_capabilities(*args: str) -> list[str]:
    """The command as an account that may replace only its own files in a sticky folder:
    the administrator with its capabilities taken away (CAP_FOWNER among them)."""
    if not shutil.which("setpriv"):
        pytest.skip("setpriv (util-linux) is not installed")
    return ["setpriv", "--bounding-set=-all", "--inh-caps=-all", str(ORIENTATION), *args]


@needs_root
@pytest.mark.slow
def test_44_another_account_s_file_in_a_sticky_folder_is_refused_before_asking(
    here: Path,
) -> None:
    share = here / "partage"  # a shared sticky folder, like /tmp, of another account
    share.mkdir()
    os.chown(share, NOBODY, NOBODY)
    share.chmod(0o1777)
    planted = share / "r.json"
    planted.write_text("", encoding="utf-8")  # empty: nothing to lose, yet not ours to replace
    os.chown(planted, STRANGER, STRANGER)
    planted.chmod(0o666)  # writable by all: os.access says yes
    for extra in ([], ["--remplacer"]):
        done = subprocess.run(
            without_capabilities("quiz", "--plain", "--save", str(planted), *extra),
            input=replies(TOTAL),
            capture_output=True,
            text=True,
            env=helpers.environment(columns=1000),
            timeout=60,
        )
        assert done.returncode == 2, done.stderr  # before: the whole quiz, then code 1
        assert one_line(done.stderr) == (
            f"Erreur : --save : {planted} appartient à un autre compte (uid {STRANGER}), dans "
            f"le dossier partagé {share}, où seul son propriétaire peut le remplacer. Choisir "
            "un autre nom de fichier."
        )
        assert "Question 1/" not in done.stderr
        assert planted.read_text(encoding="utf-8") == ""


@needs_root
def test_44_a_replaced_file_of_another_account_passes_on_no_mode(here: Path) -> None:
    share = here / "classe"
    share.mkdir()
    share.chmod(0o777)
    planted = share / "r.json"
    planted.write_text("", encoding="utf-8")
    os.chown(planted, STRANGER, STRANGER)
    planted.chmod(0o666)
    code, _, err = invoke("quiz", "--answers", str(answer_file(here)), "--save", str(planted))
    assert code == 0, err
    assert planted.stat().st_uid == os.geteuid()
    # The mode of a new file (umask), not the planted one's: not writable by all.
    assert stat.S_IMODE(planted.stat().st_mode) == 0o666 & ~files.current_umask()


# --- 45. Never through a link that another account could have put there ----------------

# (folder mode, its owner, the link's owner, what is said of the folder)
SHARES = {
    "writable-by-all": (0o777, None, None, "où tout le monde peut écrire"),
    "another-s-link-there": (0o777, None, NOBODY, "où tout le monde peut écrire"),
    "writable-by-a-group": (0o775, None, None, "où le groupe nogroup peut écrire"),
    "of-another-account": (0o755, NOBODY, None, "qui appartient à un autre compte (nobody)"),
    "sticky-of-another-account": (
        0o1777,
        NOBODY,
        NOBODY,
        "qui appartient à un autre compte (nobody)",
    ),
}


@needs_root
@pytest.mark.parametrize("layout", sorted(SHARES))
def test_45_a_link_in_a_folder_others_can_write_to_is_not_followed(here: Path, layout: str) -> None:
    mode, folder_owner, link_owner, said = SHARES[layout]
    victim = here / "notes.txt"  # another file of the victim's, not even JSON
    victim.write_text("mes notes\n", encoding="utf-8")
    share = here / "partage"
    share.mkdir()
    link = share / "r.json"
    link.symlink_to(victim)
    if link_owner is not None:
        os.lchown(link, link_owner, link_owner)
    if layout == "writable-by-a-group":
        os.chown(share, -1, NOBODY)  # nogroup: not a group of the user's alone
    if folder_owner is not None:
        os.chown(share, folder_owner, -1)
    share.chmod(mode)
    code, _, err = invoke("quiz", "--plain", "--save", str(link), input=replies(TOTAL))
    assert code == 2, err  # before: followed, « Résultats enregistrés », the notes gone
    assert one_line(err) == (
        f"Erreur : --save : {link} est un lien symbolique, dans le dossier {share}, {said} : "
        "il n'est pas suivi, car un autre compte a pu le faire pointer vers vos fichiers. "
        "Choisir un autre nom de fichier."
    )
    assert "Question 1/" not in err
    assert victim.read_text(encoding="utf-8") == "mes notes\n"


def test_45_a_link_in_a_folder_of_the_user_s_alone_is_followed(here: Path) -> None:
    victim = here / "resultats.json"
    victim.write_text("", encoding="utf-8")
    mine = here / "mes-liens"
    mine.mkdir(mode=0o755)
    link = mine / "r.json"
    link.symlink_to(victim)
    code, _, err = invoke("quiz", "--answers", str(answer_file(here)), "--save", str(link))
    assert code == 0, err
    assert json.loads(victim.read_text(encoding="utf-8"))["format"] == "orientation-quiz"


# --- 46. A file already there is replaced only when asked --------------------------------


def saved_name(path: Path) -> str | None:
    name: str | None = json.loads(path.read_text(encoding="utf-8"))["name"]
    return name


def test_46_another_student_s_results_are_not_replaced_unasked(here: Path) -> None:
    same = here / "same.json"
    lea = ("--answers", str(answer_file(here)), "--save", "same.json")
    assert invoke("quiz", *lea, "--nom", "Léa", "--classe", "2de B")[0] == 0
    before = same.read_bytes()
    day = json.loads(before)["date"][:10]
    code, _, err = invoke(
        "quiz", "--plain", "--save", "same.json", "--nom", "Tom", input=replies(TOTAL)
    )
    assert code == 2  # before: code 0, Léa's results silently gone
    said = one_line(err)
    assert said.startswith("Erreur : --save : same.json contient déjà des résultats (Léa, 2de B, ")
    assert f"quiz du {int(day[8:])}" in said.replace("\u00a0", " ")
    assert said.endswith(
        ") : ils ne sont pas remplacés. Choisir un autre nom de fichier, ou ajouter "
        "--remplacer pour les remplacer."
    )
    assert "Question 1/" not in err
    assert same.read_bytes() == before
    # Asked: replaced, by a quiz or from an answer file.
    code, _, err = invoke(
        "quiz", "--plain", "--save", "same.json", "--nom", "Tom", "--remplacer",
        input=replies(TOTAL),
    )  # fmt: skip
    assert code == 0, err
    assert saved_name(same) == "Tom"
    assert invoke("quiz", *lea, "--nom", "Léa", "--remplacer")[0] == 0
    assert saved_name(same) == "Léa"


def test_46_a_file_that_is_not_results_is_not_replaced_unasked(here: Path) -> None:
    notes = here / "notes.json"
    answers = str(answer_file(here))
    for content in ("mes notes\n", '{"a": 1}', "[" * 10_000, "\xff"):
        notes.write_text(content, encoding="utf-8", errors="surrogateescape")
        code, _, err = invoke("quiz", "--answers", answers, "--save", "notes.json")
        assert code == 2
        assert one_line(err) == (
            "Erreur : --save : notes.json existe déjà et ce n'est pas un fichier de résultats : "
            "il n'est pas remplacé. Choisir un autre nom de fichier, ou ajouter --remplacer "
            "pour le remplacer."
        )
        assert notes.read_text(encoding="utf-8", errors="surrogateescape") == content
    assert invoke("quiz", "--answers", answers, "--save", "notes.json", "--remplacer")[0] == 0
    assert saved_name(notes) is None
    empty = here / "vide.json"  # nothing to lose: replaced unasked
    empty.write_bytes(b"")
    assert invoke("quiz", "--answers", answers, "--save", "vide.json")[0] == 0
    assert json.loads(empty.read_text(encoding="utf-8"))["format"] == "orientation-quiz"


def test_46_remplacer_alone_is_a_usage_error() -> None:
    code, _, err = invoke("quiz", "--plain", "--remplacer", input=replies(TOTAL))
    assert code == 2
    assert one_line(err) == (
        "Erreur : --remplacer va avec --save FICHIER (le fichier à remplacer), ou avec "
        "--resume (celui demandé au début du quiz)."
    )


def test_46_a_resumed_quiz_replaces_as_asked_when_it_began(here: Path) -> None:
    same = here / "same.json"
    assert invoke("quiz", "--answers", str(answer_file(here)), "--save", "same.json")[0] == 0
    args = ("quiz", "--plain", "--save", "same.json", "--remplacer", "--nom", "Tom")
    assert invoke(*args, input=replies(3))[0] == 1  # the input ends: progress kept
    code, _, err = invoke("quiz", "--plain", "--resume", input=replies(TOTAL))
    assert code == 0, err
    assert saved_name(same) == "Tom"


def test_46_a_resumed_quiz_refuses_results_saved_there_since(here: Path) -> None:
    assert invoke("quiz", "--plain", "--save", "same.json", input=replies(3))[0] == 1
    lea = ("--answers", str(answer_file(here)), "--save", "same.json", "--nom", "Léa")
    assert invoke("quiz", *lea)[0] == 0  # saved there meanwhile
    code, _, err = invoke("quiz", "--plain", "--resume", input=replies(TOTAL))
    assert code == 2
    said = one_line(err)
    assert said.startswith(
        "Erreur : le fichier de résultats demandé au début du quiz ne peut plus servir "
        f"(--save : {here / 'same.json'} contient déjà des résultats (Léa, "
    )
    assert "Question 4/" not in err
    assert saved_name(here / "same.json") == "Léa"
    # Asked now: replaced.
    code, _, err = invoke("quiz", "--plain", "--resume", "--remplacer", input=replies(TOTAL))
    assert code == 0, err
    assert saved_name(here / "same.json") is None


def test_46_a_resumed_quiz_finds_its_own_results_there(here: Path) -> None:
    # The results were written, then the quiz failed before clearing its progress (a
    # full disk on stdout): resuming it writes them again over its own file.
    own = here / "r.json"
    assert invoke("quiz", "--plain", "--save", "r.json", input=replies(TOTAL))[0] == 0
    written = json.loads(own.read_text(encoding="utf-8"))
    progressfile.save_progress(
        progressfile.Progress(
            dict(written["answers"]), TOTAL, "2000-01-01T00:00:00+00:00", own.absolute()
        )
    )
    code, _, err = invoke("quiz", "--plain", "--resume", input="")
    assert code == 0, err
    assert json.loads(own.read_text(encoding="utf-8"))["answers"] == written["answers"]


@pytest.mark.slow
def test_46_results_saved_there_during_the_quiz_are_not_replaced(here: Path) -> None:
    from tests.test_robustness_sessions import PlainQuiz

    quiz = PlainQuiz("--save", "same.json", cwd=here)  # nothing there yet: accepted
    quiz.answer(3)
    lea = ("--answers", str(answer_file(here)), "--save", "same.json", "--nom", "Léa")
    assert invoke("quiz", *lea)[0] == 0
    code, out, err = quiz.finish()
    assert code == 1
    said = one_line(err)
    assert "Erreur : same.json contient maintenant d'autres résultats (Léa, " in said
    assert "enregistrés pendant ce quiz : ils ne sont pas remplacés." in said
    assert (
        "Vos réponses restent sur cet ordinateur : orientation quiz --resume --save "
        "AUTRE-FICHIER.json"
    ) in said
    assert "Vos résultats" in one_line(out)  # shown all the same
    assert saved_name(here / "same.json") == "Léa"


# --- 47. --save in a current folder that was deleted ---------------------------------------


@pytest.mark.slow
def test_47_save_in_a_deleted_current_folder_names_the_file(tmp_path: Path) -> None:
    gone = tmp_path / "disparu"
    gone.mkdir()
    script = 'cd "$1" && rmdir "$1" && exec "$2" quiz --plain --save r.json'
    done = subprocess.run(
        ["sh", "-c", script, "sh", str(gone), str(ORIENTATION)],
        input=replies(TOTAL),
        capture_output=True,
        text=True,
        env=helpers.environment(columns=1000),
        timeout=60,
    )
    assert done.returncode == 2  # before: « écriture impossible : fichier ou dossier introuvable »
    assert one_line(done.stderr) == (
        "Erreur : --save : impossible d'écrire r.json : le dossier courant n'existe plus "
        "(supprimé depuis que le terminal y est entré). Revenir dans un dossier qui existe "
        "(cd), ou donner le chemin complet du fichier."
    )


# --- 48. The cache is trusted only when it is the user's own ------------------------------


@pytest.fixture
def indexed(content_copy: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The index of a copy of the content, written (files settled), and its folder."""
    import time

    monkeypatch.setattr(cache, "now", lambda: time.time_ns() + 2 * cache.SETTLED_NS)
    load_catalogue(content_copy).find(FICHE)  # the index, and one fiche kept whole
    (folder,) = cache_dir.iterdir()
    return folder


def test_48_links_planted_at_the_cache_s_temporary_names_are_never_written_through(
    content_copy: Path, indexed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = tmp_path / "victime.txt"
    victim.write_text("à garder\n", encoding="utf-8")
    for folder in (indexed, indexed / "fiches"):
        folder.chmod(0o777)  # a cache folder others could write to
        for pid in range(os.getpid() - 50, os.getpid() + 50):
            for name in ("index.json", f"{FICHE}.yaml.json"):
                (folder / f".{name}.{pid}.tmp").symlink_to(victim)
    monkeypatch.setattr(cache, "code_key", lambda: ("une-autre-version.py:0:0",))
    load_catalogue(content_copy).find(FICHE)  # writes the index and the fiche again
    assert victim.read_text(encoding="utf-8") == "à garder\n"  # before: the index, in it
    assert stat.S_IMODE(indexed.stat().st_mode) == 0o700  # closed
    assert not [p for p in indexed.iterdir() if p.name.endswith(".tmp") and not p.is_symlink()]
    assert cache.decode(indexed / "index.json")["code"][1:] == ["une-autre-version.py:0:0"]


def tampered(path: Path, change: tuple[int, str]) -> None:
    """Change a value of a fiche of the index that has aliases (its slug 1, title 2 or
    first alias 3) and write it back with the right CRC: the same shape, only what it
    says is wrong."""
    data = cache.decode(path)
    entry = next(e for e in data["fiches"].values() if e[3])
    position, value = change
    if position == 3:
        entry[3][0] = value
    else:
        entry[position] = value
    mode = path.stat().st_mode
    path.write_bytes(cache.encode(data))
    path.chmod(mode)


@pytest.mark.parametrize("who", ["writable-by-others", "another-account"], ids=lambda who: str(who))
def test_48_an_index_others_could_have_written_is_not_used(
    content_copy: Path, indexed: Path, who: str
) -> None:
    if who == "another-account" and os.geteuid() != 0:
        pytest.skip("chown needs root")
    expected = snapshot(load_catalogue(content_copy, cache=False))
    index = indexed / "index.json"
    tampered(index, (2, "Piraté"))  # a title, with its CRC
    if who == "writable-by-others":
        index.chmod(0o666)
    else:
        os.chown(index, NOBODY, NOBODY)
    assert snapshot(load_catalogue(content_copy)) == expected  # before: « Piraté »
    assert index.stat().st_uid == os.geteuid()  # written again, the user's own
    assert stat.S_IMODE(index.stat().st_mode) == 0o600
    assert snapshot(load_catalogue(content_copy)) == expected


@pytest.mark.parametrize(
    "change",
    [
        (1, "x$(touch pirate)"),  # the slug
        (2, "Titre\nslug: pirate"),  # the title
        (3, "alias\u2028slug: pirate"),  # an alias
        (1, "Pirate"),  # a slug that no file could have
    ],
    ids=["slug", "title", "alias", "capital-slug"],
)
def test_48_an_index_of_the_right_crc_is_checked_like_content(
    content_copy: Path, indexed: Path, change: tuple[int, str]
) -> None:
    expected = snapshot(load_catalogue(content_copy, cache=False))
    tampered(indexed / "index.json", change)
    assert snapshot(load_catalogue(content_copy)) == expected
    code, _, err = invoke("show", "x-touch-pirate", "--content", str(content_copy))
    assert code == 1
    assert "pirate" in err  # « Aucun métier ne correspond à … »
    assert "$(" not in err


def test_48_a_kept_fiche_of_the_right_crc_is_checked_like_content(
    content_copy: Path, indexed: Path
) -> None:
    kept = indexed / "fiches" / f"{FICHE}.yaml.json"
    data = cache.decode(kept)
    data["fiche"]["slug"] = "x$(touch pirate)"
    kept.write_bytes(cache.encode(data))
    fiche = load_catalogue(content_copy).find(FICHE)
    assert fiche.slug == FICHE  # read again from its file


@needs_root
def test_45_a_folder_link_planted_on_the_way_is_not_followed(here: Path) -> None:
    """The link is a folder of the path, not its last part (`partage/sous/r.json`,
    `sous` planted by another account towards the victim's folder): found by the
    attack round, where the victim's file was replaced with --remplacer."""
    victims = here / "mes-dossiers"
    victims.mkdir()
    victim = victims / "r.json"
    victim.write_text("IMPORTANT\n", encoding="utf-8")
    share = here / "partage"
    share.mkdir()
    share.chmod(0o777)
    planted = share / "sous"
    planted.symlink_to(victims)
    os.lchown(planted, NOBODY, NOBODY)
    target = planted / "r.json"
    code, _, err = invoke(
        "quiz", "--answers", str(answer_file(here)), "--save", str(target), "--remplacer"
    )
    assert code == 2, err
    assert f"{planted} est un lien symbolique, dans le dossier {share}" in one_line(err)
    assert victim.read_text(encoding="utf-8") == "IMPORTANT\n"
    assert sorted(p.name for p in victims.iterdir()) == ["r.json"]
