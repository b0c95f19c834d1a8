"""The files the quiz reads and writes for the user.

- answer files (`quiz --answers`) and saved results (`quiz --save`, `report`):
  YAML or JSON read with located errors, like content;
- quiz progress, kept in the user's state directory between two sessions.

Every write is atomic: the data goes to a temporary file next to the target, is
flushed to disk, then renamed over it, so the previous file survives any failure.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from orientation.content.model import Question
from orientation.errors import ContentError, OrientationError, Problem, os_reason
from orientation.output import plural, shortened
from orientation.scoring import SCALE_MAX, SCALE_MIN

if TYPE_CHECKING:
    from orientation.content.yamlnodes import Mapping, Node

RESULTS_FORMAT = "orientation-quiz"  # the "format" field of a saved result
PROGRESS_FORMAT = "orientation-progress"
VERSION = 1  # of the progress file
# Of a saved result. 2: « matches » holds the first fiches only (all of them in `--json`),
# « ranked » says how many were ranked. 3: « name » and « class », whose results they are
# (null when not given). 4: « asked », « stopped » (« complete », or « settled » when the
# quiz stopped before its last question, its result settled) and « unasked », the ids of
# the questions it did not ask. Versions 1 (every match), 2 and 3 are still read.
RESULTS_VERSION = 4
READ_RESULTS_VERSIONS = (1, 2, 3, 4)
MAX_IDENTITY = 60  # characters of a student's name or class: a line of a table, not a text


def write_atomic(path: Path, data: str, *, private: bool = False) -> None:
    """Replace *path* with *data* in one step; on failure the old file is untouched.

    A private file is readable by its owner only; otherwise the new file keeps the
    mode of the one it replaces (or follows the umask, like any new file).
    """
    path = writable_target(path)
    temporary = _temporary_copy(path, data)
    with _discarded_on_failure(temporary, path):
        if not private:
            os.chmod(temporary, _shared_mode(path))
        os.replace(temporary, path)
    _sync_directory(path.parent)


class NameTaken(OrientationError):
    """write_new found its file name already taken."""


def write_new(path: Path, data: str) -> None:
    """Create *path* with *data* in one step; raise NameTaken if the name is taken.

    The data goes to a temporary file that is then hard-linked to its name, which
    fails if the name is taken: no overwrite, and never a half-written file.
    """
    taken = NameTaken(f"{path} existe déjà : il n'est pas remplacé.")
    try:
        if path.exists() or path.is_symlink():
            raise taken
    except OSError as exc:
        raise OrientationError(f"impossible d'écrire {path} : {os_reason(exc)}") from None
    temporary = _temporary_copy(path, data)
    try:
        os.chmod(temporary, _shared_mode(path))
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise
        except OSError:
            # No hard links here (FAT or exFAT USB keys, some network shares): create
            # the name exclusively and write in place. A short file, so the window for
            # a half-written one is small, and the name is still never taken twice.
            with open(path, "x", encoding="utf-8") as handle:
                handle.write(data)
    except FileExistsError:
        raise taken from None
    except OSError as exc:
        raise OrientationError(f"impossible d'écrire {path} : {os_reason(exc)}") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    _sync_directory(path.parent)


def _temporary_copy(path: Path, data: str) -> str:
    """*data* in a new temporary file next to *path*, flushed to disk; its name."""
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OrientationError(f"impossible d'écrire {path} : {os_reason(exc)}") from None
    with _discarded_on_failure(temporary, path), os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return temporary


@contextlib.contextmanager
def _discarded_on_failure(temporary: str, path: Path) -> Iterator[None]:
    """Remove *temporary* if the block fails (Ctrl-C included); an OSError is reported
    as failing to write *path*."""
    try:
        yield
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise OrientationError(f"impossible d'écrire {path} : {os_reason(exc)}") from None
        raise


def writable_target(path: Path) -> Path:
    """The regular file to replace: a symlink is followed, anything else is refused."""
    import errno

    _refuse_planted_link(path)
    try:
        if path.is_symlink():
            path = path.resolve(strict=False)
        if path.is_dir():
            raise OrientationError(f"{path} est un dossier : indiquer un nom de fichier.")
        if path.exists() and not path.is_file():
            message = f"{path} n'est pas un fichier ordinaire : il ne sera pas remplacé."
            raise OrientationError(message)
    except RuntimeError:  # Path.resolve on a symlink loop (Python < 3.13)
        reason = os_reason(OSError(errno.ELOOP, "loop"))
        raise OrientationError(f"impossible d'écrire {path} : {reason}") from None
    except OSError as exc:
        raise OrientationError(f"impossible d'écrire {path} : {os_reason(exc)}") from None
    return path


def _refuse_planted_link(path: Path) -> None:
    """Never follow a link that another account owns in a shared sticky folder (/tmp),
    where anyone may plant one pointing at our files: the kernel's fs.protected_symlinks
    rule, checked here because we resolve links ourselves and the setting may be off."""
    euid = getattr(os, "geteuid", None)
    if euid is None:  # Windows: no owners or sticky folders of that kind
        return
    for _ in range(40):  # the chain of links, as far as the kernel would follow it
        try:
            link = os.lstat(path)
            if not stat.S_ISLNK(link.st_mode):
                return
            folder = os.stat(path.parent)
            target = os.readlink(path)
        except (OSError, ValueError):
            return  # reported by the checks that follow, with their own words
        shared = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
        if shared and link.st_uid not in (euid(), folder.st_uid):
            raise OrientationError(
                f"{path} est un lien symbolique qui appartient à un autre compte "
                f"({_account(link.st_uid)}), dans le dossier partagé {path.parent} : il n'est "
                "pas suivi, car n'importe qui peut y créer un lien vers vos fichiers. "
                "Choisir un autre nom de fichier."
            )
        path = path.parent / target


def _account(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"uid {uid}"


def check_save_target(path: Path) -> None:
    """Refuse a --save target that cannot or must not be written, before the quiz rather
    than after: one of this process's own streams, a file of the quiz itself, a
    planted link, a missing folder, a place without write permission."""
    from orientation.errors import UsageError

    stream = _standard_stream(path)
    if stream and stream.startswith("l'entrée"):
        raise UsageError(
            f"--save : {path} est {stream}, d'où viennent les réponses. Choisir un autre "
            "fichier, par exemple --save resultats.json."
        )
    if stream:
        raise UsageError(
            f"--save : {path} est {stream} : les résultats s'y mêleraient à ce qui s'y écrit "
            "déjà. Pour les écrire en JSON sur la sortie standard : --json ; pour les "
            "enregistrer : --save resultats.json."
        )
    own = _quiz_file(path)
    if own:
        raise UsageError(
            f"--save : {path} est {own} : il serait remplacé par les résultats. Choisir un "
            "autre fichier, par exemple --save resultats.json."
        )
    try:
        path = writable_target(path)
    except OrientationError as exc:
        raise UsageError(f"--save : {exc.message}") from None
    parent = path.parent
    if not parent.is_dir():
        raise UsageError(f"--save : le dossier {parent} n'existe pas.")
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UsageError(f"--save : impossible d'écrire {path} : permission refusée.")


def _standard_stream(path: Path) -> str | None:
    """Which of this process's standard streams *path* is (/dev/stdout, /dev/fd/1,
    /proc/self/fd/1, or the very file or pipe stdout goes to), said in French."""
    try:
        target = os.stat(path)
    except (OSError, ValueError):
        return None
    names = ((1, "la sortie standard"), (2, "la sortie d'erreur"), (0, "l'entrée standard"))
    for fd, name in names:
        try:
            stream = os.fstat(fd)
        except OSError:
            continue
        if (stream.st_dev, stream.st_ino) != (target.st_dev, target.st_ino):
            continue
        if stat.S_ISFIFO(stream.st_mode):
            return f"{name} (un tube)"
        if stat.S_ISCHR(stream.st_mode):
            return f"{name} (le terminal ou un périphérique)"
        return name
    return None


def _quiz_file(path: Path) -> str | None:
    """What *path* is when it is the quiz's own progress or lock, however it is spelt
    (another spelling, a symbolic link, a hard link)."""
    try:
        owns = (
            (progress_path(), "le fichier où le quiz garde sa progression"),
            (lock_path(), "le verrou du quiz"),
        )
    except OrientationError:  # no state folder: the quiz keeps no file
        return None
    for own, what in owns:
        try:
            if os.path.samefile(path, own):
                return f"{what} ({own})"
        except (OSError, ValueError):
            pass
        try:
            if os.path.realpath(path) == os.path.realpath(own):
                return f"{what} ({own})"
        except (OSError, ValueError):
            pass
    return None


def _shared_mode(path: Path) -> int:
    """The mode of the file *path* replaces, or that of a new file (umask)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~current_umask()


def current_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --- Answer files and saved results ------------------------------------------------


@dataclass(frozen=True)
class AnswerSheet:
    """Answers read from a file: question id -> 1..5, or None for « Je ne sais pas »."""

    answers: dict[str, int | None]
    date: str | None = None  # when the quiz was taken (saved results only)
    scores: dict[str, int] | None = None  # slug -> score when it was saved
    # Saved results only: questions added to the bank since (counted as skipped)
    # and answers to questions removed since (left out).
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    name: str | None = None  # whose results (version 3 on), when given
    group: str | None = None  # their class
    # Version 4 on: the questions the quiz did not ask, its result settled before them
    # (not in *answers*, nor « added » since: they were in the quiz, left out on purpose).
    unasked: tuple[str, ...] = ()


def identity_problem(value: str) -> str | None:
    """What is wrong with *value* as a student's name or class (said in French), or None:
    one line of ordinary characters, short enough for a row of the class overview."""
    import unicodedata

    if len(value.strip()) > MAX_IDENTITY:
        return f"trop long ({len(value.strip())} caractères, {MAX_IDENTITY} au plus)"
    for char in value:
        # Cc: line breaks, tabs, escapes; Cf: the invisible ones, bidi overrides included.
        if unicodedata.category(char) in ("Cc", "Cf") and char not in "\u200c\u200d":
            return (
                f"caractère de contrôle ou invisible (U+{ord(char):04X}) : une seule ligne de texte"
            )
    return None


def identity(value: str | None) -> str | None:
    """*value* as stored: trimmed, None when empty."""
    value = (value or "").strip()
    return value or None


def read_answers(
    path: Path, questions: Sequence[Question], *, results_only: bool = False
) -> AnswerSheet:
    """Read an answer file (a mapping id -> 1..5 or null) or a saved result.

    Every problem is reported at once, each with its line and the question id. With
    *results_only* (`report`, `compare --results`), only a saved result is accepted,
    and a file that is not one is said to be so in one line.
    """
    from orientation.content.yamlnodes import Mapping, parse_yaml, read_text

    # A file saved again by Notepad starts with a byte order mark: not part of the text.
    text = read_text(path).removeprefix("\ufeff")
    if results_only:
        _check_results_text(path, text)
    else:
        quick = _plain_answers(text, questions)
        if quick is not None:
            return quick
    node = parse_yaml(text, path)
    problems: list[Problem] = []
    if results_only and not (isinstance(node, Mapping) and "format" in node.entries):
        raise ContentError([Problem(path, None, None, NOT_RESULTS)])
    if not isinstance(node, Mapping):
        message = f"{NOT_ANSWERS} : un ensemble « identifiant de question : réponse » est attendu"
        raise ContentError([Problem(path, node.line, node.column, message)])
    if "format" not in node.entries:
        _check_answers_keys(path, node, questions)
        answers = _answers(path, node, questions, problems, saved=False)
        if problems:
            raise ContentError(problems, "le fichier")
        return AnswerSheet(answers)
    # A result saved by `orientation quiz --save`: the bank may have changed since,
    # which must not make the file unreadable for the counsellor who receives it.
    answers_node, sheet = _saved_result(path, node, problems)
    answers = _answers(path, answers_node, questions, problems, saved=True) if answers_node else {}
    known = {q.id for q in questions}
    given = set(answers_node.entries) if answers_node else set()
    unasked = tuple(q.id for q in questions if q.id in set(sheet.unasked) - given)
    answers = {q: a for q, a in answers.items() if q not in unasked}
    if answers_node is not None and given and not given & known:
        message = (
            "aucune des réponses ne correspond aux questions actuelles du quiz : ce résultat "
            "vient d'un autre questionnaire"
        )
        problems.append(Problem(path, answers_node.line, answers_node.column, message))
    if problems:
        raise ContentError(problems, "le fichier")
    return AnswerSheet(
        answers,
        sheet.date,
        sheet.scores,
        added=tuple(q.id for q in questions if q.id not in given and q.id not in unasked),
        removed=tuple(sorted(given - known)),
        name=sheet.name,
        group=sheet.group,
        unasked=unasked,
    )


# One answer per line, as people write an answer file (docs/methodologie.md): the key
# at the start of the line, a space, 1 to 5 or null, then maybe a comment.
_ANSWER_LINE = re.compile(r"([a-z0-9]+(?:-[a-z0-9]+)*): +([1-5]|null|~) *(?: #.*)?")
_QUIET_LINE = re.compile(r" *(?:#.*)?")  # blank, or a comment
# What YAML also takes for the end of a line (inside a comment too): left to the parser.
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029]")


def _plain_answers(text: str, questions: Sequence[Question]) -> AnswerSheet | None:
    """The answers in *text* when it is a plain answer file that answers every question
    of the bank, one per line in YAML or as one JSON object: the file people write
    and `quiz --answers` reads. Read without the YAML parser (10 ms to import); else
    None, and the located reader decides, with its message."""
    answers: dict[str, int | None] = {}
    if text.lstrip(" \t\r\n").startswith("{"):
        try:
            data = json.loads(text, object_pairs_hook=_unique_pairs)
        except (ValueError, RecursionError):
            return None
        if not isinstance(data, dict):
            return None
        for key, value in data.items():
            if value is not None and not (type(value) is int and SCALE_MIN <= value <= SCALE_MAX):
                return None
            answers[key] = value
    elif not _OTHER_BREAKS.search(text.replace("\r\n", "\n")):
        for line in text.split("\n"):
            line = line.removesuffix("\r")
            match = _ANSWER_LINE.fullmatch(line)
            if match is None:
                if _QUIET_LINE.fullmatch(line) is None:
                    return None
                continue
            key, value = match.groups()
            if key in answers:
                return None  # said twice: the located reader names both lines
            answers[key] = int(value) if value.isdigit() else None
    else:
        return None
    if answers.keys() != {q.id for q in questions}:
        return None  # a question missing or unknown: said with its line
    return AnswerSheet({q.id: answers[q.id] for q in questions})


def _unique_pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    data = dict(pairs)
    if len(data) != len(pairs):  # a key given twice: let the located reader say so
        raise ValueError
    return data


def read_result(path: Path, questions: Sequence[Question]) -> AnswerSheet:
    """A saved result, as `read_answers(path, questions, results_only=True)` reads it, in a
    fraction of the time (`classe` reads a thousand): a file that is plainly valid JSON
    as we write it is taken as it is; any other goes the located way, for its message."""
    from orientation.content.yamlnodes import read_text

    quick = _plain_result(read_text(path).removeprefix("\ufeff"), questions)
    return quick if quick is not None else read_answers(path, questions, results_only=True)


def _plain_result(text: str, questions: Sequence[Question]) -> AnswerSheet | None:
    """The result in *text* when nothing in it needs a word: else None."""
    try:
        data = json.loads(text, object_pairs_hook=_unique_pairs)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("format") != RESULTS_FORMAT:
        return None
    version, answers = data.get("version"), data.get("answers")
    if type(version) is not int or version not in READ_RESULTS_VERSIONS:
        return None
    if not isinstance(answers, dict) or not isinstance(data.get("date", ""), (str, type(None))):
        return None
    known = {q.id for q in questions}
    if answers and not known & set(answers):
        return None
    for key, value in answers.items():
        valid = value is None or (type(value) is int and SCALE_MIN <= value <= SCALE_MAX)
        if key in known and not valid:
            return None
    who = []
    for field in ("name", "class"):
        value = data.get(field)
        if value is not None and (not isinstance(value, str) or identity_problem(value)):
            return None
        who.append(identity(value))
    listed = data.get("unasked", [])
    if not isinstance(listed, list) or not all(isinstance(q, str) for q in listed):
        return None
    unasked = tuple(q.id for q in questions if q.id in set(listed) - set(answers))
    scores: dict[str, int] = {}
    matches = data.get("matches")
    for item in matches if isinstance(matches, list) else ():
        if isinstance(item, dict):
            slug, score = item.get("slug"), item.get("score")
            if isinstance(slug, str) and type(score) is int and score >= 0:
                scores[slug] = score
    return AnswerSheet(
        {q.id: answers.get(q.id) for q in questions if q.id not in unasked},
        data.get("date"),
        scores,
        added=tuple(q.id for q in questions if q.id not in answers and q.id not in unasked),
        removed=tuple(sorted(set(answers) - known)),
        name=who[0],
        group=who[1],
        unasked=unasked,
    )


NOT_RESULTS = "ce n'est pas un fichier de résultats écrit par « orientation quiz --save »"
NOT_ANSWERS = "ce n'est pas un fichier de réponses"


def _check_answers_keys(path: Path, node: Mapping, questions: Sequence[Question]) -> None:
    """An answer file names at least one question: a mapping none of whose keys is a
    question id nor close to one (/etc/group, a configuration file) is some other file,
    said in one line rather than one « question inconnue » per line of it."""
    known = {q.id for q in questions}
    keys = list(node.entries)
    if not keys or any(key in known for key in keys):
        return
    if any(_closest(key, known) for key in keys[:20]):  # a misspelt answer file
        return
    if len(keys) == 1:
        which = f"sa seule clé, « {shortened(keys[0])} », n'est pas"
    else:
        which = f"aucune de ses {len(keys)} clés n'est"
    message = (
        f"{NOT_ANSWERS} : {which} un identifiant de question (la liste : orientation questions)"
    )
    raise ContentError([Problem(path, node.line, node.column, message)])


def small_number(text: str) -> int | None:
    """*text* as a whole number written with the digits 0 to 9, or None.

    int() would accept other scripts' digits (« ٣ » is 3) and fail on more than 4300
    digits; a number that long is never a valid answer, version or score anyway.
    """
    text = text.strip()
    if not (text.isascii() and text.isdigit()):
        return None
    digits = text.lstrip("0") or "0"
    return int(digits) if len(digits) <= 18 else None


def _json_number(digits: str) -> int | str:
    """Json's parse_int: a number too long for int() stays text (and so is refused where
    it is read, with its line) instead of failing the whole file."""
    number = small_number(digits.removeprefix("-"))
    if number is None:
        return digits
    return -number if digits.startswith("-") else number


def _check_results_text(path: Path, text: str) -> None:
    """A saved result is JSON written by us: anything else is a damaged or foreign file."""
    if not text.strip():
        raise ContentError([Problem(path, None, None, f"fichier vide : {NOT_RESULTS}")])
    try:
        json.loads(text, parse_int=_json_number)
    except ValueError as exc:  # json.JSONDecodeError, a ValueError
        line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
        message = f"JSON invalide : fichier abîmé ou tronqué, ou {NOT_RESULTS}"
        raise ContentError([Problem(path, line, column, message)]) from None
    except RecursionError:  # json recurses: thousands of nested brackets
        message = f"imbrication trop profonde : {NOT_RESULTS}"
        raise ContentError([Problem(path, None, None, message)]) from None


def _answers(
    path: Path, node: Mapping, questions: Sequence[Question], problems: list[Problem], saved: bool
) -> dict[str, int | None]:
    """Check every answer; a saved result may lack new questions and keep removed ones."""
    from orientation.content.yamlnodes import Scalar, describe

    known = {q.id for q in questions}
    answers: dict[str, int | None] = {}
    for key, (key_node, value) in node.entries.items():
        if key not in known and saved:
            continue
        if key not in known:
            message = f"question inconnue « {key} »{_closest(key, known)}"
            problems.append(Problem(path, key_node.line, key_node.column, message))
            continue
        if isinstance(value, Scalar) and value.is_null:
            answers[key] = None
            continue
        number = small_number(value.value) if isinstance(value, Scalar) else None
        if number is not None and SCALE_MIN <= number <= SCALE_MAX:
            answers[key] = number
            continue
        shown = (
            f"« {shortened(value.value)} »" if isinstance(value, Scalar) else f"({describe(value)})"
        )
        message = (
            f"question « {key} » : réponse {shown} invalide ; attendu un nombre de "
            f"{SCALE_MIN} à {SCALE_MAX}, ou null pour « Je ne sais pas »"
        )
        problems.append(Problem(path, value.line, value.column, message))
    missing = [q.id for q in questions if q.id not in node.entries]
    if missing and not saved:
        named = ", ".join(missing[:5])
        if len(missing) > 5:
            others = len(missing) - 5
            named += f" et {others} {'autre' if others == 1 else 'autres'}"
        message = (
            f"{plural(len(missing), 'question')} sans réponse : {named} "
            "(écrire null pour « Je ne sais pas » ; la liste : orientation questions)"
        )
        problems.append(Problem(path, node.line, node.column, message))
    if problems:
        return {}
    return {q.id: answers.get(q.id) for q in questions}


def _saved_result(
    path: Path, node: Mapping, problems: list[Problem]
) -> tuple[Mapping | None, AnswerSheet]:
    """The answers, date and scores of a saved result; the rest is recomputed."""
    from orientation.content.yamlnodes import Mapping, Scalar, Sequence

    def scalar(name: str) -> str | None:
        entry = node.entries.get(name)
        return entry[1].value if entry and isinstance(entry[1], Scalar) else None

    def report(message: str, place: Node | None = None) -> None:
        place = place or node
        problems.append(Problem(path, place.line, place.column, message))

    if scalar("format") == PROGRESS_FORMAT:
        report(
            "c'est la progression d'un quiz en cours, pas un résultat : "
            "orientation quiz --resume le reprend"
        )
        return None, AnswerSheet({})
    if scalar("format") != RESULTS_FORMAT:
        report(f"ce n'est pas un résultat enregistré par orientation (format « {RESULTS_FORMAT} »)")
        return None, AnswerSheet({})
    version = scalar("version")
    number = small_number(version) if version is not None else None
    if number not in READ_RESULTS_VERSIONS:
        place = node.entries["version"][1] if "version" in node.entries else None
        if number is not None and number > RESULTS_VERSION:
            report(
                f"fichier au format {number}, écrit par une version plus récente d'orientation : "
                "mettre orientation à jour pour le lire",
                place,
            )
        elif version is not None and version.strip().isdigit() and not version.isascii():
            report(  # « ² » or « ٣ »: digits to str.isdigit(), not numbers to us
                f"version « {shortened(version)} » non prise en charge : un numéro écrit avec "
                f"les chiffres 0 à 9 est attendu (version actuelle : {RESULTS_VERSION})",
                place,
            )
        else:
            shown = "absente" if version is None else f"« {shortened(version)} »"
            report(f"version {shown} non prise en charge (attendu : {RESULTS_VERSION})", place)
        return None, AnswerSheet({})
    answers = node.entries.get("answers")
    if answers is None or not isinstance(answers[1], Mapping):
        report("le champ « answers » (les réponses) manque ou n'est pas un ensemble")
        return None, AnswerSheet({})
    scores: dict[str, int] = {}
    matches = node.entries.get("matches")
    if matches and isinstance(matches[1], Sequence):
        for item in matches[1].items:
            if not isinstance(item, Mapping):
                continue
            slug, score = item.entries.get("slug"), item.entries.get("score")
            if slug and score and isinstance(slug[1], Scalar) and isinstance(score[1], Scalar):
                number = small_number(score[1].value)
                if number is not None:
                    scores[slug[1].value] = number
    who: dict[str, str | None] = {}
    for field in ("name", "class"):
        entry = node.entries.get(field)
        if entry is None or (isinstance(entry[1], Scalar) and entry[1].is_null):
            who[field] = None
        elif not isinstance(entry[1], Scalar) or identity_problem(entry[1].value):
            what = "nom" if field == "name" else "classe"
            why = identity_problem(entry[1].value) if isinstance(entry[1], Scalar) else None
            report(
                f"« {field} » ({what} de l'élève) invalide : {why or 'un texte est attendu'}",
                entry[1],
            )
        else:
            who[field] = identity(entry[1].value)
    unasked: list[str] = []
    listed = node.entries.get("unasked")
    if listed is not None and not (isinstance(listed[1], Scalar) and listed[1].is_null):
        items = listed[1].items if isinstance(listed[1], Sequence) else None
        if items is None or not all(isinstance(i, Scalar) and not i.is_null for i in items):
            report(
                "« unasked » (les questions que le quiz n'a pas posées) invalide : une liste "
                "d'identifiants de question est attendue",
                listed[1],
            )
        else:
            unasked = [i.value for i in items if isinstance(i, Scalar)]
    sheet = AnswerSheet(
        {},
        scalar("date"),
        scores,
        name=who.get("name"),
        group=who.get("class"),
        unasked=tuple(unasked),
    )
    return answers[1], sheet


def _closest(key: str, known: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return f" (vouliez-vous dire « {close[0]} » ?)" if close else ""


# --- Progress between two sessions -----------------------------------------------


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
            data = json.loads(handle.read().decode("utf-8"), parse_int=_json_number)
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
        started = str(data["started"])
        save = data.get("save")  # absent from progress saved by earlier versions
        if save is not None and (type(save) is not str or not save or "\0" in save):
            raise ValueError
        complete = data.get("complete", False)  # likewise
        if type(complete) is not bool:
            raise ValueError
        who = [data.get(field) for field in ("name", "class")]  # likewise
        if any(v is not None and (type(v) is not str or identity_problem(v)) for v in who):
            raise ValueError
    except (KeyError, TypeError, ValueError):
        raise OrientationError(
            f"progression enregistrée inutilisable ({path}) : contenu inattendu"
        ) from None
    save_path = Path(save) if save else None
    return Progress(answers, position, started, save_path, complete, who[0], who[1])


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
    however it ends (SIGKILL, power cut), so a lock is never stale. When no lock can be
    taken, the quiz still runs, unguarded: on Windows (no fcntl), in a state folder
    that cannot be written (the quiz then warns that it keeps no progress), or on a
    network home mounted without a lock service (ENOLCK; Linux NFS otherwise turns
    flock into a lock the server sees, from any computer).
    """
    try:
        import fcntl  # noqa: F401 (used by _locked)
    except ImportError:
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
            raise QuizRunning(
                "un autre quiz est déjà en cours avec ce compte, dans une autre fenêtre ou "
                "sur un autre ordinateur : le terminer là-bas, ou l'y arrêter (Ctrl-C) puis "
                "le reprendre ici avec « orientation quiz »."
            ) from None
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
