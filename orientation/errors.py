"""The errors a user may cause, each with the message and exit code to show, and how
a command reports them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class OrientationError(Exception):
    """A problem the user can fix; shown without a traceback."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(OrientationError):
    """The command line itself is wrong."""

    exit_code = 2


class Interrupted(OrientationError):
    """The user stopped (Ctrl-C); the message says how to carry on. Shown without « Erreur : »."""

    exit_code = 130


class NotFoundError(OrientationError):
    """A slug or a file that does not exist."""


# Where str.splitlines() ends a line (the YAML escapes \n, \L, \P, \N write them),
# each shown as U+FFFD in a problem: one problem, one line.
_LINE_BREAKS = dict.fromkeys(map(ord, "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), "\ufffd")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a content file, located as precisely as we can."""

    path: Path
    line: int | None
    column: int | None
    message: str

    def order(self) -> tuple[str, int, int, str]:
        """Sort key: by file, then line and column."""
        return (str(self.path), self.line or 0, self.column or 0, self.message)

    def __str__(self) -> str:
        where = shown_path(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        # The message may quote a file name, or a name holding a line break.
        return f"{where}: {printable(self.message).translate(_LINE_BREAKS)}"


def shown_path(path: Path) -> str:
    """*path* relative to the current folder when it is inside it, as typed otherwise,
    made printable (see printable)."""
    return printable(relative_path(path))


def relative_path(path: Path) -> str:
    """*path* relative to the current folder when it is inside it, as typed otherwise."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(path)


def printable(path: str) -> str:
    """A path as a terminal can show it: the bytes of a name that is not UTF-8 (a folder
    copied from a Latin-1 USB key, which Python holds as lone surrogates) as \\xe9."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a surrogate no file name gives: \\ud800
            return path.encode("utf-8", "backslashreplace").decode("utf-8")
    return path


def shell_word(text: str) -> str:
    """*text* quoted for the shell, to be copied into a command: a path that is not
    UTF-8 as $'caf\\xe9', which bash, zsh and ksh read back as the same bytes."""
    import shlex

    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        import os

        escaped = "".join(
            chr(byte) if 0x20 <= byte < 0x7F and byte not in b"'\\" else f"\\x{byte:02x}"
            for byte in os.fsencode(text)
        )
        return f"$'{escaped}'"
    return shlex.quote(text)


class ContentError(OrientationError):
    """Content files that cannot be used, with every problem found."""

    def __init__(self, problems: list[Problem], what: str = "le contenu") -> None:
        self.problems = tuple(sorted(problems, key=Problem.order))
        lines = [str(p) for p in self.problems]
        if len(problems) > 1:
            lines.insert(0, f"{what} a {len(problems)} problèmes :")
        super().__init__("\n".join(lines))


_OS_REASONS = {
    "ENOENT": "fichier ou dossier introuvable",
    "EACCES": "permission refusée",
    "EPERM": "opération non permise",
    "EISDIR": "c'est un dossier",
    "EEXIST": "un fichier porte déjà ce nom",
    "ENOTDIR": "un élément du chemin n'est pas un dossier",
    "ENOSPC": "plus de place sur le disque",
    "EROFS": "système de fichiers en lecture seule",
    "EDQUOT": "quota disque dépassé",
    "ENAMETOOLONG": "nom de fichier trop long",
    "ELOOP": "liens symboliques en boucle",
    "EIO": "erreur d'entrée-sortie",
    "ENOTSUP": "opération non prise en charge par ce système de fichiers",
    "EOPNOTSUPP": "opération non prise en charge par ce système de fichiers",
    "EXDEV": "les deux chemins sont sur des disques différents",
    "EPIPE": "le programme qui lisait la sortie s'est arrêté",
    "EINVAL": "argument invalide",
    "EAGAIN": "ressource momentanément indisponible",
    "ENXIO": "aucun périphérique à cette adresse (un terminal fermé, un tube sans lecteur ?)",
    "ENODEV": "aucun périphérique de ce type",
    "EBUSY": "fichier ou périphérique occupé",
    "ETXTBSY": "fichier occupé par un programme en cours",
    "EFBIG": "fichier trop volumineux",
    "EMFILE": "trop de fichiers ouverts par ce programme",
    "ENFILE": "trop de fichiers ouverts sur cet ordinateur",
    "ESPIPE": "ce fichier ne se relit pas (un tube ou un terminal)",
    "ENOTEMPTY": "le dossier n'est pas vide",
    "ESTALE": "fichier réseau qui n'existe plus sur le serveur",
    "ETIMEDOUT": "délai dépassé",
    "EINTR": "interrompu",
}


def os_reason(exc: OSError) -> str:
    """A short French reason for a failed file operation."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    return _OS_REASONS.get(name) or exc.strerror or str(exc)
