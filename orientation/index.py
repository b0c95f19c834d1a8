"""The content index: what the commands need from the content files, kept between runs.

Reading 10 000 YAML fiches takes seconds, and most commands need only each fiche's
names, summary and weights. The index keeps those, with the tag vocabulary and the
question bank, in one JSON file per content folder in the user's cache folder; a
fiche shown once is kept there too, whole, in a JSON file of its own. A run that
finds everything unchanged does not even import the YAML parser (about 14 ms).

Never stale: each file is kept with its stamp (size, modification and change times,
inode, device) taken before it was read, and every run compares that stamp with
the file's own. What changed is read again, and only that: editing one fiche of
10 000 re-reads that one. A file changed less than SETTLED_NS before it was read is
not kept, since a second change within the same clock tick could leave its stamp as
it was (git's "racy clean" files). A change of the tags, or of the code that reads
content, sets everything aside. Only what was read without problems is kept, so
that problems are found again at every run until they are fixed.

The cache is a shortcut only: when it cannot be read or written (read-only home,
full disk, a damaged file), everything is read from the content, as without it.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from orientation.content import (
    Catalogue,
    Education,
    Entry,
    Environment,
    Fiche,
    Question,
    Salary,
    Section,
    Source,
    Stamp,
    Tag,
    TagWeight,
    _load_entries,
    _load_question_bank,
    _load_tags,
    list_folder,
)
from orientation.errors import ContentError, Problem

FORMAT = 1
SETTLED_NS = 1_000_000_000  # far more than a file system's clock tick
# Exceptions that mean « this cache file is not what we wrote »: start afresh.
DAMAGED = (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError)


def load_catalogue(root: Path) -> Catalogue:
    """content.load_catalogue, with what has not changed since the last run from the index."""
    index = _Index(root)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    tags = index.tags(problems)
    listing = index.scan(root / "fiches")
    entries, read, names = _load_entries(root, tags, problems, warnings, index.known, listing)
    index.keep_entries(entries, read, problems)
    if problems:
        raise ContentError(problems)
    return Catalogue(root, tags, entries, names, tuple(warnings), read, index.store())


def load_questions(root: Path) -> tuple[Question, ...]:
    """content.load_questions, from the index when neither file has changed."""
    index = _Index(root)
    path = root / "questions.yaml"
    stamp, settled = _stamp(path)
    saved = index.saved.get("questions")
    tags_key = index.tags_key()
    try:
        if saved is not None and stamp is not None and saved["key"] == [tags_key, stamp]:
            return tuple(
                Question(q_id, text, dict(loads), line, column)
                for q_id, text, loads, line, column in saved["items"]
            )
    except DAMAGED:
        pass
    problems: list[Problem] = []
    tags = index.tags(problems)
    questions = _load_question_bank(path, tags, problems)
    if problems:
        raise ContentError(problems)
    if settled and stamp is not None and tags_key is not None:
        items = [[q.id, q.text, q.loads, q.line, q.column] for q in questions]
        index.saved["questions"] = {"key": [tags_key, stamp], "items": items}
        index.write()
    return questions


def _stamp(path: Path | str) -> tuple[Stamp | None, bool]:
    """The file's stamp (None if it cannot be read), and whether it can be kept: changed
    long enough ago that another change would move its change time."""
    try:
        return _stamp_of(os.stat(path), _now())
    except OSError:
        return None, False


def _now() -> int:
    return time.time_ns()


def _stamp_of(st: os.stat_result, now: int) -> tuple[Stamp, bool]:
    stamp = f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}:{st.st_dev}"
    return stamp, now - max(st.st_mtime_ns, st.st_ctime_ns) >= SETTLED_NS


def _code() -> list[int]:
    """What else the index depends on: its format and the code that reads content."""
    here = Path(__file__).parent
    key = [FORMAT]
    for name in ("content.py", "yamlnodes.py", "index.py"):
        st = os.stat(here / name)
        key += [st.st_size, st.st_mtime_ns]
    return key


def _folder(root: Path) -> Path | None:
    """This content root's folder in the user's cache (one per root).

    Named after a CRC of the root's path (zlib is loaded already; hashlib takes 2 ms):
    two roots sharing a folder would only take turns, since the index names its root
    and each kept fiche its file's inode."""
    import zlib

    try:
        path = root.resolve()
        name = f"{path.name[:40]}-{zlib.crc32(os.fsencode(path)):08x}"
        return _cache_home() / "orientation" / "index" / name
    except (OSError, RuntimeError):
        return None


def _cache_home() -> Path:
    """The user's cache folder: XDG's, as platformdirs has it, without importing it
    (2 ms) on the systems where that is all it does."""
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        home = os.environ.get("XDG_CACHE_HOME", "").strip()
        return Path(home or os.path.expanduser("~/.cache"))
    import platformdirs

    return platformdirs.user_cache_path()


def _write(path: Path, text: str) -> None:
    """Replace *path* in one step (a temporary file renamed over it); never fails.

    No fsync: a cache file lost in a crash is read again from the content."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


# The index files read or written in this run, with their stamp: `quiz` loads the
# catalogue, then the questions, from the same index.
_known_files: dict[Path, tuple[Stamp, dict[str, Any]]] = {}


class _Index:
    """One content root's index, for one load: as read, then updated and written."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = _folder(root)
        self.code = _code()
        self.saved = self._read()
        self._tags_stamp: tuple[Stamp | None, bool] | None = None
        self.changed = False
        self.stamps: dict[Path, Stamp | None] = {}  # those of the fiches read in this load
        self.scanned: dict[str, tuple[Stamp, bool]] = {}  # file name -> stamp, settled

    def _read(self) -> dict[str, Any]:
        if self.folder is None:
            return {}
        path = self.folder / "index.json"
        stamp, _ = _stamp(path)
        known = _known_files.get(path)
        try:
            if stamp is not None and known is not None and known[0] == stamp:
                saved = known[1]
            else:
                saved = json.loads(path.read_bytes())
            if saved["code"] == self.code and saved["root"] == str(self.root):
                if stamp is not None:
                    _known_files[path] = (stamp, saved)
                return dict(saved)  # a copy: its items are replaced, never changed in place
        except DAMAGED:
            pass
        return {}

    def write(self) -> None:
        if self.folder is None:
            return
        self.saved.update(code=self.code, root=str(self.root))
        path = self.folder / "index.json"
        _write(path, json.dumps(self.saved, ensure_ascii=False))
        stamp, _ = _stamp(path)
        if stamp is not None:
            _known_files[path] = (stamp, dict(self.saved))

    def tags_key(self) -> Stamp | None:
        """The stamp of tags.yaml, if it can be kept: every other item depends on it."""
        if self._tags_stamp is None:
            self._tags_stamp = _stamp(self.root / "tags.yaml")
        stamp, settled = self._tags_stamp
        return stamp if settled else None

    def tags(self, problems: list[Problem]) -> tuple[Tag, ...]:
        key = self.tags_key()
        saved = self.saved.get("tags")
        try:
            if saved is not None and key is not None and saved["key"] == key:
                return tuple(Tag(*item) for item in saved["items"])
        except DAMAGED:
            pass
        # Read again: so are the fiches and questions, which were checked against them.
        self.saved = {}
        before = len(problems)
        tags = _load_tags(self.root / "tags.yaml", problems)
        if key is not None and len(problems) == before:
            items = [[t.id, t.label, t.description, t.line, t.column] for t in tags]
            self.saved["tags"] = {"key": key, "items": items}
            self.changed = True
        return tags

    def scan(self, folder: Path) -> dict[str, os.DirEntry[str]] | None:
        """List the fiches folder and stamp its files, all at once: a listing gives the
        stamps faster than one path at a time. None if it cannot be listed (reading the
        content says why)."""
        now = _now()
        try:
            listing = list_folder(folder)
        except OSError:
            return None
        for name, item in listing.items():
            with contextlib.suppress(OSError):
                self.scanned[name] = _stamp_of(item.stat(), now)
        return listing

    def known(self, path: Path) -> tuple[Entry | None, Stamp | None]:
        """The entry of an unchanged fiche; else None, and the stamp to keep it with."""
        name = path.name
        stamp, settled = self.scanned.get(name) or _stamp(path)
        try:
            saved = self.saved.get("fiches", {}).get(name)
            if saved is not None and stamp is not None and saved[0] == stamp:
                return _entry(saved, path, stamp), stamp
        except DAMAGED:
            pass
        self.changed = True
        self.stamps[path] = stamp if settled else None
        return None, self.stamps[path]

    def keep_entries(
        self, entries: tuple[Entry, ...], read: dict[Path, Fiche], problems: list[Problem]
    ) -> None:
        """Save the entries that can be kept, if anything changed since the index was read."""
        kept = {entry.path.name: entry for entry in entries if entry.stamp is not None}
        # Fiches read without problems of their own, left out of the catalogue for a
        # clash with another one: the clash is found again from the index next time.
        troubled = {problem.path for problem in problems}
        for fiche in read.values():
            stamp = self.stamps.get(fiche.path)
            if fiche.path in troubled and stamp is not None:
                kept.setdefault(fiche.path.name, fiche.entry(stamp))
        if not self.changed and len(kept) == len(self.saved.get("fiches") or ()):
            return  # nothing read, nothing removed
        if self.tags_key() is None or "tags" not in self.saved:
            return  # tags.yaml just changed, or has problems: nothing can be kept yet
        self.saved["fiches"] = {name: _entry_data(entry) for name, entry in kept.items()}
        self.write()

    def store(self) -> _Store | None:
        key = self.tags_key()
        if self.folder is None or key is None or "tags" not in self.saved:
            return None
        return _Store(self.folder / "fiches", [*self.code, key])


# An entry as a JSON list, as small as it can be: decoding the index is most of what
# a run on 10 000 fiches costs. Its places are read again if a clash needs them; its
# slug is its own lookup key.
def _entry_data(entry: Entry) -> list[Any]:
    return [
        entry.stamp,
        entry.slug,
        entry.title,
        entry.aliases,
        entry.summary,
        entry.weights,
        entry.keys[1:],
    ]


def _entry(saved: list[Any], path: Path, stamp: Stamp) -> Entry:
    _, slug, title, aliases, summary, weights, keys = saved
    return Entry(slug, title, tuple(aliases), summary, weights, path, {}, (slug, *keys), stamp)


class _Store:
    """Whole fiches, one JSON file each, for those shown at least once."""

    def __init__(self, folder: Path, key: list[Any]) -> None:
        self.folder = folder
        self.key = key  # the code and the tags they were read with
        self.kept: set[Path] = set()

    def get(self, entry: Entry) -> Fiche | None:
        if entry.stamp is None:
            return None
        try:
            saved = json.loads((self.folder / f"{entry.path.name}.json").read_bytes())
            if saved["key"] == [*self.key, entry.stamp]:
                fiche = _fiche(saved["fiche"], entry.path)
                self.kept.add(entry.path)
                return fiche
        except DAMAGED:
            pass
        return None

    def keep(self, entry: Entry, fiche: Fiche) -> None:
        if entry.stamp is None or entry.path in self.kept:
            return
        self.kept.add(entry.path)
        data = asdict(fiche)
        del data["path"]
        saved = {"key": [*self.key, entry.stamp], "fiche": data}
        _write(self.folder / f"{entry.path.name}.json", json.dumps(saved, ensure_ascii=False))


def _fiche(data: dict[str, Any], path: Path) -> Fiche:
    fields = _tuples(data)
    fields["education"] = Education(**_tuples(data["education"]))
    fields["environment"] = Environment(**_tuples(data["environment"]))
    fields["salaries"] = tuple(Salary(**item) for item in data["salaries"])
    fields["tags"] = tuple(TagWeight(**item) for item in data["tags"])
    fields["sections"] = tuple(Section(**_tuples(item)) for item in data["sections"])
    fields["sources"] = tuple(Source(**_tuples(item)) for item in data["sources"])
    fields["places"] = {name: tuple(place) for name, place in data["places"].items()}
    return Fiche(**fields, path=path)


def _tuples(data: dict[str, Any]) -> dict[str, Any]:
    """JSON gives lists where the dataclasses hold tuples."""
    return {key: tuple(value) if isinstance(value, list) else value for key, value in data.items()}
