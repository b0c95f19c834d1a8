"""Where --save writes the results: the checks made before the first question (the
place can be written; a file there is replaced only when asked, with --remplacer) and
the write at the end, which checks again what may have changed during the quiz."""

from __future__ import annotations

import json
import os
from pathlib import Path

from orientation.errors import OrientationError, UsageError, os_reason
from orientation.files import NameTaken, standard_stream, writable_target, write_atomic, write_new
from orientation.results.progressfile import Progress, lock_path, progress_path
from orientation.results.resultsfile import RESULTS_FORMAT, identity_problem, json_number

MAX_PEEK = 256 * 1024  # as much as `report` reads of a result


def check_save_target(path: Path, *, replace: bool = False, ours: Progress | None = None) -> bool:
    """Refuse a --save target that cannot or must not be written, before the quiz rather
    than after: one of this process's own streams, a file of the quiz itself, a
    planted link, a missing folder, a place without write permission, a file that
    the write could not replace, a file there already that was not to be replaced.

    Whether a file there will be replaced: asked (*replace*), or it holds the results
    of the quiz *ours*, resumed after they were written (a failure just after)."""
    stream = standard_stream(path)
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
    if not path.is_absolute():
        try:
            os.getcwd()
        except OSError:
            raise UsageError(
                f"--save : impossible d'écrire {path} : le dossier courant n'existe plus "
                "(supprimé depuis que le terminal y est entré). Revenir dans un dossier qui "
                "existe (cd), ou donner le chemin complet du fichier."
            ) from None
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
    if replace:
        return True
    found = _found(path)
    if found is None or found[0] == "empty":
        return False
    if ours is not None and _same_quiz(found, ours):
        return True
    raise UsageError(f"--save : {_taken(path, found)}")


def write_results(path: Path, text: str, *, replace: bool) -> None:
    """Write the results at the end of the quiz: over the file there when replacing it
    was settled before the first question, else only under a name still free (a file
    written there during the quiz is never replaced)."""
    if replace:
        write_atomic(path, text)
        return
    target = writable_target(path)  # a link planted since is refused here
    found = _found(target)
    if found is not None and found[0] == "empty":  # nothing to lose, then and now
        write_atomic(target, text)
        return
    if found is None:
        try:
            write_new(target, text)
            return
        except NameTaken:
            found = _found(target) or ("other", None)
    kind, document = found
    if kind == "results":
        raise OrientationError(
            f"{path} contient maintenant d'autres résultats{_whose(document or {})}, "
            "enregistrés pendant ce quiz : ils ne sont pas remplacés."
        )
    raise OrientationError(f"{path} a été créé pendant ce quiz : il n'est pas remplacé.")


# What _found gives: a saved result (its document), something else, an empty file
# (nothing to lose), or a file that cannot be read (the reason).
_Found = tuple[str, "dict[str, object] | None"]


def _found(path: Path) -> _Found | None:
    """What the file at *path* holds; None when there is no file."""
    try:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return "unreadable", {"reason": os_reason(exc)}
    with open(fd, "rb") as handle:
        try:
            data = handle.read(MAX_PEEK + 1)
        except OSError as exc:
            return "unreadable", {"reason": os_reason(exc)}
    if not data.strip():
        return ("other", None) if data else ("empty", None)
    try:
        document = json.loads(data.decode("utf-8-sig"), parse_int=json_number)
    except (ValueError, RecursionError):
        return "other", None
    if type(document) is dict and document.get("format") == RESULTS_FORMAT:
        return "results", document
    return "other", None


def _taken(path: Path, found: _Found) -> str:
    """Why the file at *path* is not replaced, in French."""
    kind, document = found
    hint = "Choisir un autre nom de fichier, ou ajouter --remplacer pour le remplacer."
    if kind == "unreadable":
        reason = (document or {}).get("reason")
        return (
            f"{path} existe déjà et ne peut pas être lu ({reason}) : il n'est pas remplacé. {hint}"
        )
    if kind == "other":
        return (
            f"{path} existe déjà et ce n'est pas un fichier de résultats : il n'est pas "
            f"remplacé. {hint}"
        )
    return (
        f"{path} contient déjà des résultats{_whose(document or {})} : ils ne sont pas "
        "remplacés. Choisir un autre nom de fichier, ou ajouter --remplacer pour les remplacer."
    )


def _whose(document: dict[str, object]) -> str:
    """(Léa, 2de B, quiz du 4 décembre 2026): what the file says of them, when it can
    be shown on one line."""
    from orientation.output import long_date

    said = []
    for field in ("name", "class"):
        value = document.get(field)
        if type(value) is str and value.strip() and not identity_problem(value):
            said.append(value.strip())
    date = document.get("date")
    if type(date) is str and len(date) >= 10:
        day = long_date(date[:10])
        if day != date[:10]:  # a date, not some other text
            said.append(f"quiz du {day}")
    return f" ({', '.join(said)})" if said else ""


def _same_quiz(found: _Found, progress: Progress) -> bool:
    """Whether *found* is the result of the quiz *progress* (the same answers, written
    after it began)."""
    kind, document = found
    if kind != "results" or document is None:
        return False
    date = document.get("date")
    return (
        document.get("answers") == progress.answers
        and type(date) is str
        and date >= progress.started
    )


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
