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
Each cache file starts with the CRC-32 of its JSON, so that a cut or a stray edit
that leaves valid JSON (a letter added to a title) is seen; and what it holds is
checked, as a whole, to be of the shape written here before any of it is used.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from orientation.content import cache
from orientation.content.model import (
    MAX_LOAD,
    MAX_WEIGHT,
    TAG_ID,
    Catalogue,
    Entry,
    Fiche,
    Question,
    Stamp,
    Tag,
    one_line_problem,
)
from orientation.content.paths import list_folder
from orientation.content.scan import load_entries, read_fiche
from orientation.errors import ContentError, Problem

FORMAT = 3


def load_catalogue(root: Path) -> Catalogue:
    """content.load_catalogue, with what has not changed since the last run from the index."""
    index = _Index(root)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    tags = index.tags(problems)
    listing = index.scan(root / "fiches")
    entries, read, names = load_entries(root, tags, problems, warnings, index.known, listing)
    index.keep_entries(entries, read, problems)
    if problems:
        raise ContentError(problems)
    return Catalogue(root, tags, entries, names, tuple(warnings), read, index.store(), read_fiche)


def load_questions(root: Path) -> tuple[Question, ...]:
    """content.load_questions, from the index when neither file has changed."""
    index = _Index(root)
    path = root / "questions.yaml"
    stamp, settled = cache.stamp(path)
    saved = index.saved.get("questions")  # of the shape _valid checks
    tags_key = index.tags_key()
    if saved is not None and stamp is not None and saved["key"] == [tags_key, stamp]:
        return tuple(
            Question(q_id, text, dict(loads), line, column)
            for q_id, text, loads, line, column in saved["items"]
        )
    from orientation.content.loading import load_question_bank

    problems: list[Problem] = []
    tags = index.tags(problems)
    questions = load_question_bank(path, tags, problems)
    if problems:
        raise ContentError(problems)
    if settled and stamp is not None and tags_key is not None:
        items = [[q.id, q.text, q.loads, q.line, q.column] for q in questions]
        index.saved["questions"] = {"key": [tags_key, stamp], "items": items}
        index.write()
    return questions


# The index files read or written in this run, with their stamp: `quiz` loads the
# catalogue, then the questions, from the same index.
_known_files: dict[Path, tuple[Stamp, dict[str, Any]]] = {}


class _Index:
    """One content root's index, for one load: as read, then updated and written."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = cache.folder(root)
        self.code: list[Any] = [FORMAT, *cache.code_key()]
        self.saved = self._read()
        self._tags_stamp: tuple[Stamp | None, bool] | None = None
        self.changed = False
        self.stamps: dict[Path, Stamp | None] = {}  # those of the fiches read in this load
        self.scanned: dict[str, tuple[Stamp, bool]] = {}  # file name -> stamp, settled

    def _read(self) -> dict[str, Any]:
        if self.folder is None:
            return {}
        path = self.folder / "index.json"
        stamp, _ = cache.stamp(path)
        known = _known_files.get(path)
        if stamp is not None and known is not None and known[0] == stamp:
            saved = known[1]  # checked when it was read, or written by this run
            if saved["code"] != self.code or saved["root"] != str(self.root):
                return {}
        else:
            try:
                saved = cache.decode(path)
            except cache.DAMAGED:
                return {}
            if not _valid(saved, self.code, str(self.root)):
                return {}  # another root's, older code's, or damaged: all of it is set aside
        if stamp is not None:
            _known_files[path] = (stamp, saved)
        return dict(saved)  # a copy: its items are replaced, never changed in place

    def write(self) -> None:
        if self.folder is None:
            return
        self.saved.update(code=self.code, root=str(self.root))
        path = self.folder / "index.json"
        cache.write(path, self.saved)
        stamp, _ = cache.stamp(path)
        if stamp is not None:
            _known_files[path] = (stamp, dict(self.saved))

    def tags_key(self) -> Stamp | None:
        """The stamp of tags.yaml, if it can be kept: every other item depends on it."""
        if self._tags_stamp is None:
            self._tags_stamp = cache.stamp(self.root / "tags.yaml")
        stamp, settled = self._tags_stamp
        return stamp if settled else None

    def tags(self, problems: list[Problem]) -> tuple[Tag, ...]:
        key = self.tags_key()
        saved = self.saved.get("tags")
        if saved is not None and key is not None and saved["key"] == key:
            return tuple(Tag(*item) for item in saved["items"])
        # Read again: so are the fiches and questions, which were checked against them.
        self.saved = {}
        from orientation.content.loading import load_tags

        before = len(problems)
        tags = load_tags(self.root / "tags.yaml", problems)
        if key is not None and len(problems) == before:
            items = [[t.id, t.label, t.description, t.line, t.column] for t in tags]
            self.saved["tags"] = {"key": key, "items": items}
            self.changed = True
        return tags

    def scan(self, folder: Path) -> dict[str, os.DirEntry[str]] | None:
        """List the fiches folder and stamp its files, all at once: a listing gives the
        stamps faster than one path at a time. None if it cannot be listed (reading the
        content says why)."""
        now = cache.now()
        try:
            listing = list_folder(folder)
        except OSError:
            return None
        for name, item in listing.items():
            with contextlib.suppress(OSError):
                self.scanned[name] = cache.stamp_of(item.stat(), now)
        return listing

    def known(self, path: Path) -> tuple[Entry | None, Stamp | None]:
        """The entry of an unchanged fiche; else None, and the stamp to keep it with."""
        name = path.name
        stamp, settled = self.scanned.get(name) or cache.stamp(path)
        saved = self.saved.get("fiches", {}).get(name)
        if saved is not None and stamp is not None and saved[0] == stamp:
            return _entry(saved, path, stamp), stamp
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
        entry.search_only,
        entry.decoys,
        entry.lookalikes,
    ]


def _entry(saved: list[Any], path: Path, stamp: Stamp) -> Entry:
    _, slug, title, aliases, summary, weights, keys, search_only, decoys, lookalikes = saved
    keys = (slug, *keys)
    return Entry(
        slug,
        title,
        tuple(aliases),
        summary,
        weights,
        path,
        {},
        keys,
        stamp,
        tuple(search_only),
        tuple(decoys),
        tuple(lookalikes),
    )


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
            saved = cache.decode(self.folder / f"{entry.path.name}.json")
            if type(saved) is not dict or saved.keys() != {"key", "fiche"}:
                return None
            if saved["key"] != [*self.key, entry.stamp]:
                return None
            fiche: Fiche = _build(saved["fiche"], Fiche)
            if not _is_fiche_named(fiche):
                return None
            fiche = replace(fiche, path=entry.path)
        except cache.DAMAGED:
            return None
        self.kept.add(entry.path)
        return fiche

    def keep(self, entry: Entry, fiche: Fiche) -> None:
        if entry.stamp is None or entry.path in self.kept:
            return
        self.kept.add(entry.path)
        data = asdict(fiche)
        del data["path"]
        saved = {"key": [*self.key, entry.stamp], "fiche": data}
        cache.write(self.folder / f"{entry.path.name}.json", saved)


# --- What a cache file may hold ------------------------------------------------------
# Checked as a whole when it is read: anything else (a list for a dict, a text for a
# number, a missing or extra key, a null, a number out of range) sets it all aside.
# Identifiers and names are checked as loading.py checks them in the content (a slug
# of a-z, 0-9 and dashes, a title on one line): a suggested command quotes a slug, and
# a name is shown on one line, whoever wrote the file.

_PARTS = {"code", "root", "tags", "questions", "fiches"}
_MAX_PLACE = 2**31  # lines and columns


class _Damaged(ValueError):
    """A cache file that is valid JSON but not of the shape written here."""


def _valid(saved: Any, code: list[Any], root: str) -> bool:
    """Whether *saved* is an index of this code and root, each part of its own shape."""
    if type(saved) is not dict or not saved.keys() <= _PARTS:
        return False
    if saved.get("code") != code or saved.get("root") != root:
        return False
    tags, questions, fiches = saved.get("tags"), saved.get("questions"), saved.get("fiches")
    if tags is None:
        return questions is None and fiches is None  # read against the tags: not without
    if not (_keyed(tags) and type(tags["key"]) is str and all(map(_is_tag, tags["items"]))):
        return False
    tag_ids = {item[0] for item in tags["items"]}
    if questions is not None:
        key = questions["key"] if _keyed(questions) else None
        if not (type(key) is list and len(key) == 2 and all(type(k) is str for k in key)):
            return False
        if not all(_is_question(item, tag_ids) for item in questions["items"]):
            return False
    if fiches is not None:
        if type(fiches) is not dict:
            return False
        return all(_is_entry(item, tag_ids) for item in fiches.values())
    return True


def _keyed(part: Any) -> bool:
    return type(part) is dict and part.keys() == {"key", "items"} and type(part["items"]) is list


def _place(value: Any) -> bool:
    return type(value) is int and 0 <= value < _MAX_PLACE


def _is_id(value: Any) -> bool:
    return type(value) is str and TAG_ID.fullmatch(value) is not None


def _is_name(value: Any) -> bool:
    return type(value) is str and one_line_problem(value) is None


def _is_names(value: Any) -> bool:
    return type(value) is list and all(map(_is_name, value))


_KEY = re.compile(r"[a-z0-9-]*")  # what model.normalise gives


def _is_keys(value: Any) -> bool:
    return type(value) is list and all(type(key) is str and _KEY.fullmatch(key) for key in value)


def _is_fiche_named(fiche: Fiche) -> bool:
    """The names of a kept fiche, as loading.py checks them (those read on one line)."""
    names = [fiche.title, *fiche.aliases, *fiche.search_only, *fiche.brief.values()]
    names += [section.heading for section in fiche.sections]
    names += [text for c in fiche.confusions for text in (c.other, *c.names)]
    names += [text for s in fiche.sources for text in (s.title, s.site) if text is not None]
    return _is_id(fiche.slug) and all(map(_is_name, names))


def _is_tag(item: Any) -> bool:
    return (
        type(item) is list
        and len(item) == 5
        and _is_id(item[0])
        and _is_name(item[1])
        and type(item[2]) is str
        and _place(item[3])
        and _place(item[4])
    )


def _is_question(item: Any, tag_ids: set[str]) -> bool:
    return (
        type(item) is list
        and len(item) == 5
        and _is_id(item[0])
        and _is_name(item[1])
        and _is_weights(item[2], tag_ids, 1, MAX_LOAD)
        and _place(item[3])
        and _place(item[4])
    )


def _is_entry(item: Any, tag_ids: set[str]) -> bool:
    """An entry as _entry_data writes it: stamp, slug, title, aliases, summary, weights,
    the lookup keys of the title, aliases and search-only names, those names, the
    lookups that mean another job, and what its name looks like."""
    if type(item) is not list or len(item) != 10:
        return False
    stamp, slug, title, aliases, summary, weights, keys, search_only, decoys, lookalikes = item
    return (
        _is_names(search_only)
        and _is_names(lookalikes)
        and _is_keys(decoys)
        and type(stamp) is str
        and _is_id(slug)
        and _is_name(title)
        and _is_names(aliases)
        and type(summary) is str
        and _is_weights(weights, tag_ids, 0, MAX_WEIGHT)
        and _is_keys(keys)
        # _claim_names pairs each name with its key
        and len(keys) == len(aliases) + len(search_only) + 1
    )


def _is_weights(weights: Any, tag_ids: set[str], low: int, high: int) -> bool:
    return (
        type(weights) is dict
        and weights.keys() <= tag_ids
        and all(type(w) is int and low <= w <= high for w in weights.values())
    )


def _build(value: Any, hint: Any) -> Any:
    """*value*, read from JSON, made into the type *hint* (a dataclass of content.py and
    what its fields hold); _Damaged when it does not fit exactly."""
    import types
    import typing
    from dataclasses import fields, is_dataclass

    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is str:
        if type(value) is str:
            return value
    elif hint is int:
        # Every number in a fiche (weights, salaries, levels, lines) is 0 or more.
        if type(value) is int and 0 <= value < _MAX_PLACE:
            return value
    elif hint is bool:
        if type(value) is bool:
            return value
    elif hint is type(None):
        if value is None:
            return None
    elif origin is typing.Literal:
        if type(value) is str and value in args:
            return value
    elif origin is typing.Union or origin is types.UnionType:
        for arg in args:
            with contextlib.suppress(_Damaged):
                return _build(value, arg)
    elif origin is tuple and type(value) is list:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(item, args[0]) for item in value)
        if len(value) == len(args):
            return tuple(_build(item, arg) for item, arg in zip(value, args, strict=True))
    elif origin is dict and type(value) is dict:
        return {_build(k, args[0]): _build(v, args[1]) for k, v in value.items()}
    elif isinstance(hint, type) and is_dataclass(hint) and type(value) is dict:
        hints = _hints(hint)
        names = {f.name for f in fields(hint) if f.name != "path"}
        if value.keys() == names:
            built = {name: _build(value[name], hints[name]) for name in names}
            if "path" in hints:
                built["path"] = Path()  # the caller's: not kept in the file
            return hint(**built)
    raise _Damaged(f"{value!r:.40} is not {hint}")


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    """The types of the fields of *cls*, a dataclass of content.py: its annotations are
    strings (postponed), evaluated in that module. What typing.get_type_hints does, at
    less than half its cost (a millisecond of `show`), for the types content.py uses.
    Only this package's own annotations are evaluated, never text read from a file."""
    import sys
    from dataclasses import fields

    namespace = vars(sys.modules[cls.__module__])
    return {
        f.name: eval(f.type, namespace) if isinstance(f.type, str) else f.type for f in fields(cls)
    }
