"""Where content comes from: the content root in use, and its tags, questions, fiches and
glossary loaded through the index (index.py) or, cold or for `check`, from their YAML
files (loading.py, glossaryfile.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from orientation.content.model import Catalogue, Fiche, Question, Tag, default_root
from orientation.content.scan import load_entries, read_fiche, read_fiches
from orientation.errors import ContentError, Problem

if TYPE_CHECKING:
    from orientation.content.glossary import Glossary
    from orientation.content.reperes import Reperes

GLOSSARY_FORMAT = 1  # of the glossary kept in the cache folder
REPERES_FORMAT = 1  # of the reference figures kept there


@dataclass(frozen=True)
class Reading:
    """Everything read from one content root, with every problem found on the way."""

    root: Path
    tags: tuple[Tag, ...]
    fiches: tuple[Fiche, ...]
    questions: tuple[Question, ...]
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...] = ()


def read_content(root: Path) -> Reading:
    """Read tags, fiches and questions, collecting problems instead of stopping at one."""
    from orientation.content.loading import load_question_bank, load_tags

    problems: list[Problem] = []
    warnings: list[Problem] = []
    tags = load_tags(root / "tags.yaml", problems)
    fiches = read_fiches(root, tags, problems, warnings)
    questions = load_question_bank(root / "questions.yaml", tags, problems)
    return Reading(root, tags, fiches, questions, tuple(problems), tuple(warnings))


def read_tags(root: Path) -> tuple[Tag, ...]:
    """The tag vocabulary, or as much of it as can be read (problems are left to `check`)."""
    from orientation.content.loading import load_tags

    return load_tags(root / "tags.yaml", [])


def load_catalogue(root: Path | None = None, *, cache: bool = True) -> Catalogue:
    """Read and validate tags and fiches; every problem found is reported at once.

    With *cache*, what has not changed since an earlier run comes from the index
    (index.py), which is never stale; without, every file is read.
    """
    root = default_root() if root is None else root
    if cache:
        from orientation.content import index

        return index.load_catalogue(root)
    from orientation.content.loading import load_tags

    problems: list[Problem] = []
    warnings: list[Problem] = []
    tags = load_tags(root / "tags.yaml", problems)
    entries, read, names = load_entries(root, tags, problems, warnings)
    if problems:
        raise ContentError(problems)
    return Catalogue(root, tags, entries, names, tuple(warnings), read, reader=read_fiche)


def load_questions(root: Path | None = None, *, cache: bool = True) -> tuple[Question, ...]:
    """Read and validate the question bank against the tag vocabulary (see load_catalogue)."""
    root = default_root() if root is None else root
    if cache:
        from orientation.content import index

        return index.load_questions(root)
    from orientation.content.loading import load_question_bank, load_tags

    problems: list[Problem] = []
    tags = load_tags(root / "tags.yaml", problems)
    questions = load_question_bank(root / "questions.yaml", tags, problems)
    if problems:
        raise ContentError(problems)
    return questions


def load_glossary(root: Path, *, cache: bool = True) -> Glossary:
    """The glossary of the content root (empty without glossaire.yaml); ContentError with
    every problem found, each at its file, line and column.

    With *cache*, an unchanged file is read back from the content index's folder."""
    # Imported here: `list` and the help never load the glossary.
    from orientation.content.glossary import FILE, from_data, to_data

    if not cache:
        return _checked(root)
    from orientation.content import cache as kept

    stamp, settled = kept.stamp(root / FILE)
    folder = kept.folder(root)
    if stamp is None or folder is None:
        return _checked(root)  # absent (empty glossary), or no cache folder
    path = folder / "glossaire.json"
    key = [GLOSSARY_FORMAT, *kept.code_key(), str(root), stamp]
    try:
        glossary = from_data(kept.decode(path), key, root)
    except kept.DAMAGED:
        glossary = None
    if glossary is not None:
        return glossary
    glossary = _checked(root)
    if settled:
        kept.write(path, to_data(glossary, key))
    return glossary


def _checked(root: Path) -> Glossary:
    from orientation.content.glossaryfile import read_glossary

    problems: list[Problem] = []
    glossary = read_glossary(root, problems)
    if problems:
        raise ContentError(sorted(problems, key=Problem.order))
    return glossary


def load_reperes(root: Path) -> Reperes:
    """The dated reference figures of the content root (none without reperes.yaml), read
    back from the content index's folder while the file is unchanged. A view never fails
    for them: problems are `check`'s to say."""
    from orientation.content import cache as kept
    from orientation.content.reperes import FILE, Reperes, from_data, to_data

    stamp, settled = kept.stamp(root / FILE)
    if stamp is None:
        return Reperes()
    folder = kept.folder(root)
    path = folder / "reperes.json" if folder is not None else None
    key = [REPERES_FORMAT, *kept.code_key(), str(root), stamp]
    if path is not None:
        try:
            reperes = from_data(kept.decode(path), key)
        except kept.DAMAGED:
            reperes = None
        if reperes is not None:
            return reperes
    from orientation.content.reperes import read_reperes

    reperes = read_reperes(root, [])
    if path is not None and settled:
        kept.write(path, to_data(reperes, key))
    return reperes
