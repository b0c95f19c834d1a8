"""A class's saved results read together (`orientation classe`): who came closest to
which occupation, how many profiles are flat, and the class's mean interests.

Reading is storage's (`read_result`, the quick way for files as we write them);
scoring is scoring's. What is here only gathers and counts, as plain values that the
views (classview.py) lay out. A file that cannot be read is set aside with its reason
and never stops the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from orientation.errors import ContentError, OrientationError, os_reason, printable

if TYPE_CHECKING:
    from orientation.content.model import Catalogue, Question
    from orientation.scoring import Result


@dataclass(frozen=True)
class Student:
    """One result read: whose it is, when known, and its scores against today's content."""

    path: Path
    name: str | None
    group: str | None  # their class
    date: str | None
    result: Result
    asked: int  # questions asked: fewer than the bank's when the quiz stopped early
    questions: int  # in the bank today

    @property
    def label(self) -> str:
        """The student's name, else the file's name: what their row is called."""
        return self.name or printable(self.path.name)

    @property
    def closest(self) -> str | None:
        """The occupation closest to their interests (its slug); None when their results
        rank none: a flat profile, or answers that do not hang together."""
        if not self.result.ranked or not self.result.matches:
            return None
        return self.result.matches[0].slug


@dataclass(frozen=True)
class Unread:
    """A file that is not a result that can be read, and why."""

    path: Path
    reason: str


@dataclass(frozen=True)
class Overview:
    """The class: its students in file order, and the files that could not be read."""

    students: tuple[Student, ...]
    unread: tuple[Unread, ...]
    catalogue: Catalogue

    @property
    def flat(self) -> int:
        return sum(1 for s in self.students if s.result.flat)

    @property
    def inconsistent(self) -> int:
        """Students whose answers do not hang together (« réponses peu cohérentes »)."""
        return sum(1 for s in self.students if not s.result.consistent)

    def firsts(self) -> dict[str, int]:
        """Slug -> how many students have it first, for every occupation (flat profiles,
        which rank none, are not counted)."""
        counts = dict.fromkeys(self.catalogue.titles, 0)
        for student in self.students:
            if student.closest is not None:
                counts[student.closest] = counts.get(student.closest, 0) + 1
        return counts

    def top_two(self) -> dict[str, int]:
        """Slug -> how many students have it first or second."""
        counts = dict.fromkeys(self.catalogue.titles, 0)
        for student in self.students:
            if student.closest is not None:
                for match in student.result.matches[:2]:
                    counts[match.slug] = counts.get(match.slug, 0) + 1
        return counts

    def mean_profile(self) -> dict[str, float]:
        """Tag -> the mean of the students' interest on it (1 to 5), over those whose
        answers measure it; in the catalogue's order of tags."""
        totals: dict[str, float] = {}
        counts: dict[str, int] = {}
        for student in self.students:
            for tag, value in student.result.profile.items():
                totals[tag] = totals.get(tag, 0.0) + value
                counts[tag] = counts.get(tag, 0) + 1
        ids = [t.id for t in self.catalogue.tags]
        return {tag: totals[tag] / counts[tag] for tag in ids if tag in counts}


def result_files(paths: Iterable[Path]) -> tuple[list[tuple[Path, bool]], list[Unread]]:
    """The files to read, each with whether it was found in a folder: each file given,
    and the `*.json` of each folder given, sorted; a folder that cannot be listed is
    set aside with its reason."""
    files: list[tuple[Path, bool]] = []
    unread: list[Unread] = []
    for path in paths:
        try:
            if not path.is_dir():
                files.append((path, False))
                continue
            listed = sorted(
                p for p in path.iterdir() if p.suffix.lower() == ".json" and p.name[0] != "."
            )
        except OSError as exc:
            unread.append(Unread(path, f"dossier illisible : {os_reason(exc)}"))
            continue
        if not listed:
            unread.append(Unread(path, "dossier sans fichier .json"))
        files += ((p, True) for p in listed)
    return files, unread


def read_class(paths: Sequence[Path], catalogue: Catalogue) -> Overview:
    """Read every result in *paths* (files or folders) and score it with today's content."""
    from orientation.content.catalogue import load_questions

    questions = load_questions(catalogue.root)
    files, unread = result_files(paths)
    students: list[Student] = []
    for path, listed in files:
        try:
            # A file found in a folder must be a regular one: a pipe there, which someone
            # may hold open without writing, would stop the whole class.
            students.append(read_student(path, questions, catalogue, regular=listed))
        except OrientationError as exc:
            unread.append(Unread(path, _reason(exc)))
    return Overview(tuple(students), tuple(unread), catalogue)


def read_student(
    path: Path, questions: Sequence[Question], catalogue: Catalogue, *, regular: bool = False
) -> Student:
    """The student whose result is the file *path*; with *regular*, only a regular file
    is read (see yamlnodes.read_text)."""
    from orientation.results.resultsfile import read_result
    from orientation.scoring import rank_matches

    sheet = read_result(path, questions, regular=regular)
    result = rank_matches(
        {q.id: q.loads for q in questions},
        {e.slug: e.weights for e in catalogue.entries},
        sheet.answers,
    )
    # Neither the questions left unasked nor those added to the bank since were asked.
    asked = len(sheet.answers) - len(sheet.added)
    return Student(path, sheet.name, sheet.group, sheet.date, result, asked, len(questions))


def _reason(exc: OrientationError) -> str:
    """The first problem of a file, said without its name (its row gives it)."""
    if isinstance(exc, ContentError) and exc.problems:
        problem = exc.problems[0]
        where = f"ligne {problem.line} : " if problem.line is not None else ""
        more = len(exc.problems) - 1
        also = f" (et {more} autre{'s' if more > 1 else ''} problème{'s' if more > 1 else ''})"
        return where + printable(problem.message) + (also if more else "")
    return printable(exc.message)
