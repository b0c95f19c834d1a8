"""The user's cache of content (index.py, and the glossary in catalogue.py): its folder, its
files, and the key that says which code wrote them.

The cache is a shortcut only: when it cannot be read or written (read-only home, full
disk, a damaged file), everything is read from the content, as without it. Each cache
file starts with the CRC-32 of its JSON, so that a cut or a stray edit that leaves
valid JSON is seen."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import time
import zlib
from pathlib import Path
from typing import Any

from orientation.content.model import Stamp

SETTLED_NS = 1_000_000_000  # far more than a file system's clock tick


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
    return None if cache is None else cache / "orientation" / "index" / name


def write(path: Path, data: Any) -> None:
    """Replace *path* with *data* in one step (a temporary file renamed over it); never
    fails.

    No fsync: a cache file lost in a crash is read again from the content."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Never waits: a tube nobody reads (left at this name) refuses to open.
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NONBLOCK", 0)
        with open(os.open(temporary, flags, 0o666), "wb") as handle:
            handle.write(encode(data))
        os.replace(temporary, path)
    except OSError:
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
    read or is not a regular file (a tube would block the reading)."""
    import stat

    with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(f"{path}: not a regular file")
        data = handle.read()
    crc, _, body = data.partition(b"\n")
    if crc != b"%08x" % zlib.crc32(body):
        raise ValueError(f"{path}: damaged")
    return json.loads(body)
