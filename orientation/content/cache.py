"""The user's cache of content (index.py, and the glossary in catalogue.py): its folder, its
files, and the key that says which code wrote them.

The cache is a shortcut only: when it cannot be read or written (read-only home, full
disk, a damaged file), everything is read from the content, as without it. Each cache
file starts with the CRC-32 of its JSON, so that a cut or a stray edit that leaves
valid JSON is seen.

It is trusted only as far as it is the user's own: its folders and files must belong
to the user and be writable by nobody else (a folder of the user's that others could
write to is closed first; another account's is not used at all), files are opened
without following links, and new ones are created under names nobody can guess or
take first. What it holds is then checked like content (index.py)."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import time
import zlib
from pathlib import Path
from stat import S_ISDIR, S_ISREG
from typing import Any

from orientation.content.model import Stamp

SETTLED_NS = 1_000_000_000  # far more than a file system's clock tick
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


# Reading a cache file that is not what we wrote: unreadable, not JSON (ValueError),
# nested too deep for json (RecursionError), or of another shape (_Damaged).
DAMAGED = (OSError, ValueError, RecursionError)


def stamp(path: Path | str) -> tuple[Stamp | None, bool]:
    """The file's stamp (None if it cannot be read), and whether it can be kept: changed
    long enough ago that another change would move its change time."""
    try:
        return stamp_of(os.stat(path), now())
    except OSError:
        return None, False


def now() -> int:
    return time.time_ns()


def stamp_of(st: os.stat_result, now: int) -> tuple[Stamp, bool]:
    stamp = f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}:{st.st_dev}"
    return stamp, now - max(st.st_mtime_ns, st.st_ctime_ns) >= SETTLED_NS


@functools.cache
def code_key() -> tuple[str, ...]:
    """The code that reads content: every module of this package, with its size and
    modification time. A kept file written by other code (an upgrade, an edit, a module
    renamed or added) is set aside. Found by listing the package, not named by hand, so
    that no module that reads content can be forgotten."""
    here = os.path.dirname(__file__)
    key = []
    with os.scandir(here) as found:
        for item in found:
            if item.name.endswith(".py"):
                st = item.stat()
                key.append(f"{item.name}:{st.st_size}:{st.st_mtime_ns}")
    return tuple(sorted(key))


def folder(root: Path) -> Path | None:
    """This content root's folder in the user's cache (one per root), or None if the
    user has no cache folder (folders.py).

    Named after a CRC of the root's path (zlib is loaded already; hashlib takes 2 ms):
    two roots sharing a folder would only take turns, since the index names its root
    and each kept fiche its file's inode. The name's bytes that are not UTF-8 (a folder
    copied from a Latin-1 USB key) are written as « _ »."""
    import zlib

    from orientation.folders import user_folder

    try:
        cache = user_folder("cache")
        path = root.resolve()
        shown = os.fsencode(path.name)[:40].decode("utf-8", "replace").replace("\ufffd", "_")
        name = f"{shown}-{zlib.crc32(os.fsencode(path)):08x}"
    except (OSError, RuntimeError):
        return None
    if cache is None:
        return None
    top = cache / "orientation"
    index = top / "index" / name
    return index if all(map(_own_folder, (top, top / "index", index))) else None


def _own_folder(path: Path) -> bool:
    """Whether *path* is a folder of the user's that nobody else can write to, or not
    there yet (it will be created so). A folder of the user's that others can write to
    is closed (its files are each checked as they are read); anything else is not."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    euid = getattr(os, "geteuid", None)
    if euid is None:  # Windows: no owners or modes of that kind
        return True
    if not (S_ISDIR(st.st_mode) and st.st_uid == euid()):
        return False
    if st.st_mode & 0o022:
        try:
            os.chmod(path, 0o700)  # a folder, as lstat just said, not a link
        except OSError:
            return False
    return True


def _own_file(st: os.stat_result) -> bool:
    """Whether an open cache file is a regular file of the user's that nobody else can
    write to."""
    euid = getattr(os, "geteuid", None)
    mine = euid is None or (st.st_uid == euid() and not st.st_mode & 0o022)
    return S_ISREG(st.st_mode) and mine


def write(path: Path, data: Any) -> None:
    """Replace *path* with *data* in one step (a temporary file renamed over it); never
    fails.

    The temporary file is created new (O_EXCL: never an existing file, never through a
    link) under a name nobody can guess, readable by the user only. No fsync: a cache
    file lost in a crash is read again from the content."""
    temporary = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _own_folder(path.parent):
            return
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY
        for _ in range(10):
            temporary = str(path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp"))
            try:
                fd = os.open(temporary, flags, 0o600)
                break
            except FileExistsError:
                continue
        else:
            return
        with open(fd, "wb") as handle:
            handle.write(encode(data))
        os.replace(temporary, path)
    except OSError:
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def encode(data: Any) -> bytes:
    """*data* as a cache file: the CRC-32 of its JSON in hexadecimal, a new line, the JSON."""
    try:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates: names of files or folders that are not UTF-8, as Python
        # decodes them. Written as \udcxx escapes, which json reads back the same.
        body = json.dumps(data).encode("ascii")
    return b"%08x\n%s" % (zlib.crc32(body), body)


def decode(path: Path) -> Any:
    """The JSON of a cache file; ValueError if its CRC is wrong, OSError if it cannot be
    read, is a link, or is not a regular file of the user's that only the user can
    write to (a tube would block the reading; another account's file may say anything)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _NOFOLLOW | _BINARY
    with open(os.open(path, flags), "rb") as handle:
        if not _own_file(os.fstat(handle.fileno())):
            raise OSError(f"{path}: not a regular file of this user's")
        data = handle.read()
    crc, _, body = data.partition(b"\n")
    if crc != b"%08x" % zlib.crc32(body):
        raise ValueError(f"{path}: damaged")
    return json.loads(body)
