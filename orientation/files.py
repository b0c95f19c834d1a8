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
    mode of the one it replaces when that one is the user's (or follows the umask,
    like any new file: a file planted world-writable passes on no mode).
    """
    path = writable_target(path)
    temporary = _temporary_copy(path, data, 0o600 if private else _shared_mode(path))
    with _discarded_on_failure(temporary, path):
        os.replace(temporary, path)
    _sync_directory(path.parent)


class NameTaken(OrientationError):
    """write_new found its file name already taken."""


def write_new(path: Path, data: str) -> None:
    """Create *path* with *data* in one step; raise NameTaken if the name is taken.

    The data goes to a temporary file that then gets its name by a hard link, or where
    there are none (FAT and exFAT USB keys, some network shares) by a rename that
    fails if the name is taken: no overwrite, and the name never holds a partial file,
    whether the disk fills up or the process is killed.
    """
    taken = NameTaken(f"{path} existe déjà : il n'est pas remplacé.")
    try:
        if path.exists() or path.is_symlink():
            raise taken
    except OSError as exc:
        raise OrientationError(f"impossible d'écrire {path} : {os_reason(exc)}") from None
    temporary = _temporary_copy(path, data, _shared_mode(path))
    try:
        _name_new(temporary, path)
    except FileExistsError:
        raise taken from None
    except OSError as exc:
        raise OrientationError(f"impossible d'écrire {path} : {os_reason(exc)}") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)  # a link's other name; gone already after a rename
    _sync_directory(path.parent)


def _name_new(temporary: str, path: Path) -> None:
    """Give the complete file *temporary* the name *path*, never over another file
    (FileExistsError if one is there)."""
    try:
        os.link(temporary, path)
        return
    except FileExistsError:
        raise
    except OSError:
        pass  # no hard links here
    if os.name == "nt":
        os.rename(temporary, path)  # never replaces a file on Windows
    elif not _rename_no_replace(temporary, path):
        # Neither (no renameat2: macOS, BSD, old Linux): claim the name with an empty
        # file, then put the whole one over it in one rename. The name holds an empty
        # file for the time of that rename, never a partial one.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600))
        try:
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(path)
            raise


def _rename_no_replace(source: str, target: Path) -> bool:
    """Linux's renameat2(RENAME_NOREPLACE), which FAT and exFAT support: True once
    renamed, False where the C library or the file system lacks it; FileExistsError
    when the name is taken."""
    import errno

    try:
        import ctypes

        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (ImportError, OSError, AttributeError):
        return False
    at_fdcwd, rename_noreplace = -100, 1
    renameat2.argtypes = (
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    )
    done = renameat2(at_fdcwd, os.fsencode(source), at_fdcwd, os.fsencode(target), rename_noreplace)
    if done == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(target))


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _temporary_copy(path: Path, data: str, mode: int) -> str:
    """*data* in a new temporary file of *mode* next to *path*, flushed to disk; its name.

    Created exclusively, never through a link (mkstemp), and its mode set through the
    open file: in a folder others can write to, the name could meanwhile be theirs."""
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OrientationError(f"impossible d'écrire {path} : {os_reason(exc)}") from None
    with _discarded_on_failure(temporary, path), os.fdopen(fd, "w", encoding="utf-8") as handle:
        if hasattr(os, "fchmod"):
            os.fchmod(handle.fileno(), mode)
        else:  # Windows: only the read-only flag, which a new file never has
            os.chmod(temporary, mode)
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
    """The regular file to replace: a symlink is followed when nobody else could have
    put it there, anything else is refused, and so is a file that the folder's sticky
    bit keeps from being replaced (another account's, in /tmp)."""
    import errno

    try:
        for folder in reversed(Path(os.path.abspath(path)).parents):
            _refuse_planted_link(folder)  # a link on the way: `partage/sous/r.json`
        _refuse_planted_link(path)
        if path.is_symlink():
            path = path.resolve(strict=False)
        if path.is_dir():
            raise OrientationError(f"{path} est un dossier : indiquer un nom de fichier.")
        if path.exists() and not path.is_file():
            message = f"{path} n'est pas un fichier ordinaire : il ne sera pas remplacé."
            raise OrientationError(message)
        _refuse_kept_by_sticky_folder(path)
    except RuntimeError:  # Path.resolve on a symlink loop (Python < 3.13)
        reason = os_reason(OSError(errno.ELOOP, "loop"))
        raise OrientationError(f"impossible d'écrire {path} : {reason}") from None
    except OSError as exc:
        raise OrientationError(f"impossible d'écrire {path} : {os_reason(exc)}") from None
    return path


def _refuse_planted_link(path: Path) -> None:
    """Never follow a link that another account could have put or changed: where only
    the user (or the administrator) can change the folder's entries, a link is followed;
    in a shared sticky folder (/tmp), the user's own link too, which nobody else can
    replace there. Anywhere else (a class share anyone or a group can write to, a folder
    of another account), a link could point at any of the user's files.

    What fs.protected_symlinks does for sticky folders, and more, checked here because
    we resolve links ourselves and the setting may be off."""
    euid = getattr(os, "geteuid", None)
    if euid is None:  # Windows: no owners or sticky folders of that kind
        return
    me = euid()
    for _ in range(40):  # the chain of links, as far as the kernel would follow it
        try:
            link = os.lstat(path)
            if not stat.S_ISLNK(link.st_mode):
                return
            folder = os.stat(path.parent)
            target = os.readlink(path)
        except (OSError, ValueError):
            return  # reported by the checks that follow, with their own words
        others = _other_writers(folder, me)
        sticky = folder.st_mode & stat.S_ISVTX and folder.st_uid in (me, 0)
        if others and not (sticky and link.st_uid in (me, 0)):
            if sticky:  # the rule of the kernel, said in its words
                raise OrientationError(
                    f"{path} est un lien symbolique qui appartient à un autre compte "
                    f"({_account(link.st_uid)}), dans le dossier partagé {path.parent} : il "
                    "n'est pas suivi, car n'importe qui peut y créer un lien vers vos fichiers. "
                    "Choisir un autre nom de fichier."
                )
            raise OrientationError(
                f"{path} est un lien symbolique, dans le dossier {path.parent}, {others} : il "
                "n'est pas suivi, car un autre compte a pu le faire pointer vers vos fichiers. "
                "Choisir un autre nom de fichier."
            )
        path = path.parent / target


def _other_writers(folder: os.stat_result, me: int) -> str | None:
    """Who else than the user (and the administrator) can change the entries of this
    folder, said in French; None if nobody."""
    if folder.st_uid not in (me, 0):
        return f"qui appartient à un autre compte ({_account(folder.st_uid)})"
    if folder.st_mode & stat.S_IWOTH:
        return "où tout le monde peut écrire"
    if folder.st_mode & stat.S_IWGRP and not _own_group(folder.st_gid, me):
        return f"où le groupe {_group(folder.st_gid)} peut écrire"
    return None


def _own_group(gid: int, me: int) -> bool:
    """Whether the group is the user's alone: the private group many systems give each
    account (named after it, no other member), or the administrator's."""
    try:
        import grp
        import pwd

        if gid == 0:
            return True
        account = pwd.getpwuid(me)
        group = grp.getgrgid(gid)
    except (ImportError, KeyError):
        return False
    return (
        gid == account.pw_gid
        and group.gr_name == account.pw_name
        and (set(group.gr_mem) <= {account.pw_name})
    )


def _group(gid: int) -> str:
    try:
        import grp

        return grp.getgrgid(gid).gr_name
    except (ImportError, KeyError):
        return f"gid {gid}"


def _refuse_kept_by_sticky_folder(path: Path) -> None:
    """A sticky folder (/tmp) lets only a file's owner, or the folder's, replace it:
    say so now rather than fail with « opération non permise » once the data is ready."""
    euid = getattr(os, "geteuid", None)
    if euid is None:  # Windows: no sticky folders
        return
    try:
        held = os.lstat(path)
        folder = os.stat(path.parent)
    except OSError:
        return  # a new file: nothing to replace
    sticky = folder.st_mode & stat.S_ISVTX
    if sticky and euid() not in (held.st_uid, folder.st_uid) and not _may_replace_any():
        raise OrientationError(
            f"{path} appartient à un autre compte ({_account(held.st_uid)}), dans le dossier "
            f"partagé {path.parent}, où seul son propriétaire peut le remplacer. Choisir un "
            "autre nom de fichier."
        )


def _may_replace_any() -> bool:
    """Whether this process may replace anyone's file in a sticky folder: CAP_FOWNER,
    which the administrator has unless it was taken away (Linux says so in /proc)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("CapEff:"):
                    return bool(int(line.split()[1], 16) & 1 << 3)  # CAP_FOWNER
    except (OSError, ValueError):
        pass
    return os.geteuid() == 0


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
    """The mode of the file *path* replaces when it is the user's, or that of a new
    file (umask)."""
    try:
        st = path.stat()
        euid = getattr(os, "geteuid", None)
        if euid is None or st.st_uid == euid():
            return st.st_mode & 0o777
    except OSError:
        pass
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
