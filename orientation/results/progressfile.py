"""The quiz under way, kept between two sessions in the user's state folder: its progress
file and the lock that keeps a second quiz from running at the same time (savetarget.py
checks that --save names neither)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from orientation.content.model import Question
from orientation.errors import OrientationError, os_reason
from orientation.files import write_atomic
from orientation.results.resultsfile import PROGRESS_FORMAT, identity_problem, json_number
from orientation.scoring import SCALE_MAX, SCALE_MIN

if TYPE_CHECKING:
    pass


VERSION = 1  # of the progress file
MAX_PROGRESS_BYTES = 64 * 1024  # a progress file is a few kilobytes; never read more
MAX_STARTED = 40  # « 2026-11-30T10:00:00+01:00 » and its variants
MAX_PATH = 4096  # PATH_MAX on Linux: a longer --save target was never written by us


@dataclass(frozen=True)
class Progress:
    """A quiz under way: the answers so far and the question to ask next (0-based)."""

    answers: dict[str, int | None]
    position: int
    started: str  # ISO 8601 date and time
    save: Path | None = None  # where --save writes the results (absolute), kept for --resume
    complete: bool = False  # --complet: every question is asked, resumed or not
    name: str | None = None  # --nom and --classe, kept for the results of a resumed quiz
    group: str | None = None
    replace: bool = False  # --remplacer: the file at *save* may be replaced, resumed or not


def progress_path() -> Path:
    """Where the quiz under way is kept (XDG_STATE_HOME on Linux); OrientationError if
    the user has no state folder (no usable home folder: folders.py)."""
    from orientation.folders import NO_HOME, user_folder

    folder = user_folder("state")
    if folder is None:
        raise OrientationError(f"impossible de garder la progression du quiz : {NO_HOME}")
    return folder / "orientation" / "quiz-en-cours.json"


def load_progress(questions: Sequence[Question]) -> Progress | None:
    """The saved progress, or None; raise OrientationError when the file is unusable.

    Answers to questions that are no longer in the bank are dropped, so that a
    content update never blocks a resume.
    """
    try:
        path = progress_path()
    except OrientationError:  # nowhere to keep progress: none was kept
        return None
    try:
        # Opened without waiting: a FIFO left at this place must not block the quiz.
        with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                reason = "ce n'est pas un fichier ordinaire"
                raise OrientationError(f"progression enregistrée inutilisable ({path}) : {reason}")
            # Bounded, like every reader: a quiz's progress is a few kilobytes.
            raw = handle.read(MAX_PROGRESS_BYTES + 1)
            if len(raw) > MAX_PROGRESS_BYTES:
                reason = f"fichier trop volumineux (maximum {MAX_PROGRESS_BYTES // 1024} Kio)"
                raise OrientationError(f"progression enregistrée inutilisable ({path}) : {reason}")
            data = json.loads(raw.decode("utf-8"), parse_int=json_number)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = os_reason(exc) if isinstance(exc, OSError) else "contenu illisible"
        message = f"progression enregistrée inutilisable ({path}) : {reason}"
        raise OrientationError(message) from None
    ids = {q.id for q in questions}
    try:
        if data["format"] != PROGRESS_FORMAT or data["version"] != VERSION:
            raise ValueError
        answers = {
            str(k): v
            for k, v in dict(data["answers"]).items()
            if k in ids and (v is None or (type(v) is int and SCALE_MIN <= v <= SCALE_MAX))
        }
        if type(data["position"]) is not int:  # not true, 2.5 or 1e999
            raise ValueError
        position = min(max(data["position"], 0), len(questions))
        started = data["started"]
        # Shown again (« Un quiz commencé le … »): a date and time, nothing longer.
        if type(started) is not str or len(started) > MAX_STARTED:
            raise ValueError
        datetime.fromisoformat(started)
        save = data.get("save")  # absent from progress saved by earlier versions
        if save is not None and (
            type(save) is not str or not save or "\0" in save or len(save) > MAX_PATH
        ):
            raise ValueError
        complete = data.get("complete", False)  # likewise
        if type(complete) is not bool:
            raise ValueError
        replacing = data.get("replace", False)  # likewise
        if type(replacing) is not bool:
            raise ValueError
        who = [data.get(field) for field in ("name", "class")]  # likewise
        if any(v is not None and (type(v) is not str or identity_problem(v)) for v in who):
            raise ValueError
    except (KeyError, TypeError, ValueError):
        raise OrientationError(
            f"progression enregistrée inutilisable ({path}) : contenu inattendu"
        ) from None
    save_path = Path(save) if save else None
    return Progress(answers, position, started, save_path, complete, who[0], who[1], replacing)


def save_progress(progress: Progress) -> None:
    path = progress_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise OrientationError(f"impossible de créer {path.parent} : {os_reason(exc)}") from None
    data = {
        "format": PROGRESS_FORMAT,
        "version": VERSION,
        "started": progress.started,
        "position": progress.position,
        "answers": progress.answers,
    }
    if progress.save is not None:
        data["save"] = str(progress.save)
    if progress.complete:
        data["complete"] = True
    if progress.replace:
        data["replace"] = True
    if progress.name is not None:
        data["name"] = progress.name
    if progress.group is not None:
        data["class"] = progress.group
    from orientation.output import to_json

    # A path that is not UTF-8 holds lone surrogates: as \u escapes they are valid JSON
    # and decode back to the same path.
    text = re.sub("[\ud800-\udfff]", lambda c: f"\\u{ord(c.group()):04x}", to_json(data, indent=1))
    write_atomic(path, text, private=True)


def set_aside_progress() -> Path | None:
    """Rename an unusable progress file out of the way (kept, for whoever wants to look,
    never over an earlier one); its new name, or None if it could not be moved."""
    try:
        path = progress_path()
    except OrientationError:
        return None
    for number in range(1, 100):
        suffix = "" if number == 1 else f"-{number}"
        aside = path.with_name(f"{path.stem}.illisible{suffix}{path.suffix}")
        try:
            os.link(path, aside)  # fails if the name is taken: nothing is overwritten
        except FileExistsError:
            continue
        except OSError:
            return None
        with contextlib.suppress(OSError):
            path.unlink()
        return aside
    return None


def lock_path() -> Path:
    path = progress_path()
    return path.with_name(path.name + ".lock")


class QuizRunning(OrientationError):
    """Another quiz holds the lock: this one would overwrite its progress."""


@contextlib.contextmanager
def quiz_lock() -> Iterator[None]:
    """Hold the quiz's lock while *one* quiz runs under this account, from before its
    progress is read until it is cleared; raise QuizRunning when another one holds it.

    flock, not a file with a process id: the kernel releases it when its holder ends,
    however it ends (SIGKILL, power cut), so a lock is never stale. Windows has no
    flock: filelock locks the same file there (msvcrt.locking, released by the system
    too). When no lock can be taken, the quiz still runs, unguarded: in a state folder
    that cannot be written (the quiz then warns that it keeps no progress), or on a
    network home mounted without a lock service (ENOLCK; Linux NFS otherwise turns
    flock into a lock the server sees, from any computer).
    """
    if not _has_flock():
        with _portable_lock():
            yield
        return
    fd = _locked()
    try:
        yield
    finally:
        if fd is not None:
            # Removed while still held: whoever opened it meanwhile sees, once locked,
            # that the name has gone, and starts again (see _locked).
            with contextlib.suppress(OSError):
                lock_path().unlink()
            os.close(fd)


def _has_flock() -> bool:
    try:
        import fcntl  # noqa: F401 (used by _locked)
    except ImportError:  # Windows
        return False
    return True


RUNNING = (
    "un autre quiz est déjà en cours avec ce compte, dans une autre fenêtre ou sur un autre "
    "ordinateur : le terminer là-bas, ou l'y arrêter (Ctrl-C) puis le reprendre ici avec "
    "« orientation quiz »."
)


@contextlib.contextmanager
def _portable_lock() -> Iterator[None]:
    """quiz_lock where there is no flock (Windows): filelock's lock on the same file,
    given up at once when another quiz holds it (QuizRunning); unguarded, as with
    flock, when it cannot be taken at all."""
    import filelock

    try:
        path = lock_path()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        lock = filelock.FileLock(path, timeout=0)
        lock.acquire()
    except filelock.Timeout:  # a TimeoutError, an OSError: first
        raise QuizRunning(RUNNING) from None
    except (OrientationError, OSError, ValueError):
        yield  # no state folder, or none that can be written or locked
        return
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.release()


def _locked() -> int | None:
    """The lock file, open and locked; None when it cannot be locked at all."""
    import fcntl

    try:
        path = lock_path()
    except OrientationError:  # no state folder: no progress to guard (the quiz says so)
        return None
    for _ in range(100):
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o600)
        except (OSError, ValueError):
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            held, named = os.fstat(fd), os.stat(path)
        except BlockingIOError:
            os.close(fd)
            raise QuizRunning(RUNNING) from None
        except FileNotFoundError:  # its holder removed it as it finished: a new one
            os.close(fd)
            continue
        except OSError:  # ENOLCK and the like: unguarded, as said above
            os.close(fd)
            return None
        if (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino):
            return fd
        os.close(fd)  # locked a file that its holder had just removed: a new one
    return None


def clear_progress() -> None:
    """Forget the quiz under way. A file that cannot be removed is left: the next quiz
    offers to resume it, which is harmless, whereas failing here would hide results."""
    with contextlib.suppress(OSError, OrientationError):
        progress_path().unlink()
