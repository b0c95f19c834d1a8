"""Files written for the user in one step: the data goes to a new temporary file next to
the target, is flushed to disk, then is renamed over it (or linked to a new name), so
the previous file survives any failure and no half-written file takes the name."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from orientation.errors import OrientationError, os_reason


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


def standard_stream(path: Path) -> str | None:
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
