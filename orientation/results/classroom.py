"""A class's saved results read together (`orientation classe`): who came closest to
which occupation, how many profiles are flat, the class's mean interests, the students
to see first, and the results saved twice.

Reading is storage's (`read_result`, the quick way for files as we write them);
scoring is scoring's. What is here only gathers, sorts and counts, as plain values that
the views (classview.py) lay out. A file that cannot be read is set aside with its
reason and never stops the others.

- **Order.** Students by name as written (« Léa Martin » under L), capitals and accents
  aside, numbers by their value (« Élève 2 » before « Élève 10 »); the same name, by
  file name. Students without a name come after, by file name in the same order
  (« eleve2.json » before « eleve10.json », « eleve1.json » before « eleve1-copie.json »).
- **Duplicates.** The same answers under the same name (capitals, accents and spaces
  aside) are one result saved twice: counted once, the first file in that order kept,
  the others listed. Without a name, only the same answers *and* the same date (to the
  second: a copied file) make a duplicate. The same answers under different names are
  listed as possible copies and all counted: a renamed copy cannot be told from two
  students answering alike, which is left for a person to ask. Answers that are all the
  same (« Neutre » everywhere, say) are never called a copy: students do answer so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from orientation.errors import ContentError, OrientationError, os_reason, printable

if TYPE_CHECKING:
    from orientation.content.model import Catalogue, Question
    from orientation.scoring import Match, Result


# Why a student is to be seen first (Student.concerns), most serious first: answers that
# do not hang together, a flat profile by its level (scoring.level), first occupations
# the answers do not tell apart, a quiz stopped before its last question.
CONCERNS = (
    "inconsistent",
    "flat-few",
    "flat-high",
    "flat-low",
    "flat-middle",
    "near-tie",
    "stopped-early",
)


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
    # Question id -> answer (None: « Je ne sais pas »), in bank order, as read: what
    # tells a result saved twice.
    answers: Mapping[str, int | None] | None = None
    unasked: int = 0  # questions the quiz left out, its result settled before them

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

    @property
    def first_two(self) -> tuple[Match, ...]:
        """Their two closest occupations, closest first; none when nothing is ranked."""
        return self.result.matches[:2] if self.closest is not None else ()

    @property
    def near_tie(self) -> bool:
        """Whether the answers do not tell their first occupation from the next ones
        (« à confirmer »). The one place the class reads it: scoring decides it."""
        return self.closest is not None and self.result.near_tie

    @property
    def stopped_early(self) -> bool:
        """Whether the quiz stopped before its last question, its result settled."""
        return self.unasked > 0

    @property
    def unranked(self) -> str | None:
        """Why no occupation is ranked: 'inconsistent', or the flat profile's level
        (scoring.level: 'few', 'high', 'low', 'middle'); None when ranked."""
        if self.result.ranked:
            return None
        if not self.result.consistent:
            return "inconsistent"
        from orientation.scoring import level

        return level(self.result)

    @property
    def concerns(self) -> tuple[str, ...]:
        """Why to see them first (CONCERNS), most serious first; none for most."""
        why = self.unranked
        said = [] if why is None else [why if why == "inconsistent" else f"flat-{why}"]
        if self.near_tie:
            said.append("near-tie")
        if self.stopped_early:
            said.append("stopped-early")
        return tuple(said)


@dataclass(frozen=True)
class Unread:
    """A file that is not a result that can be read, and why."""

    path: Path
    reason: str


@dataclass(frozen=True)
class Duplicate:
    """One result saved more than once: the file counted and the others."""

    kept: Student
    again: tuple[Student, ...]


@dataclass(frozen=True)
class Overview:
    """The class: its students in name order (name_order), each counted once, the
    results read twice, the same answers under several names, and the files that
    could not be read."""

    students: tuple[Student, ...]
    unread: tuple[Unread, ...]
    catalogue: Catalogue
    duplicates: tuple[Duplicate, ...] = ()
    copies: tuple[tuple[Student, ...], ...] = ()  # the same answers, different names
    day: str | None = None  # when the overview was made (ISO date)

    @property
    def read(self) -> int:
        """How many results were read, those read twice included."""
        return len(self.students) + sum(len(d.again) for d in self.duplicates)

    @property
    def flat(self) -> int:
        return sum(1 for s in self.students if s.result.flat)

    def flat_levels(self) -> dict[str, int]:
        """Flat profile level (scoring.level) -> how many, for the levels found, in the
        order of CONCERNS."""
        found = [s.unranked for s in self.students if s.result.flat]
        levels = [c.removeprefix("flat-") for c in CONCERNS if c.startswith("flat-")]
        return {level: found.count(level) for level in levels if level in found}

    @property
    def inconsistent(self) -> int:
        """Students whose answers do not hang together (« réponses peu cohérentes »)."""
        return sum(1 for s in self.students if not s.result.consistent)

    def priority(self) -> list[Student]:
        """The students to see first: those with a concern, the most serious first,
        then in name order."""
        concerned = [s for s in self.students if s.concerns]
        return sorted(concerned, key=lambda s: CONCERNS.index(s.concerns[0]))

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
            for match in student.first_two:
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


_NUMBER = re.compile(r"([0-9]+)")
_SPACES = re.compile(r"\s+")
# Letters NFKD leaves whole, written out as French sorts them.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "’": "'", "ʼ": "'"})


def folded(text: str) -> str:
    """*text* without capitals, accents or extra spaces: « Éloïse  LE GALL » ->
    « eloise le gall »."""
    import unicodedata

    text = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SPACES.sub(" ", text).strip()


def sort_key(text: str) -> tuple[tuple[str, ...], tuple[int, ...], str]:
    """How a name or a file name sorts: folded (capitals and accents aside), numbers by
    their value (« élève 2 » before « élève 10 »), then as written to break ties."""
    pieces = _NUMBER.split(folded(text))
    return tuple(pieces[0::2]), tuple(int(p) for p in pieces[1::2]), text


def name_order(student: Student) -> tuple[object, ...]:
    """Named students first by name, then the others; ties by file name (its stem first:
    « eleve1.json » before « eleve1-copie.json »), then path."""
    name = (0, sort_key(student.name)) if student.name else (1, ())
    path = student.path
    return (*name, sort_key(path.stem), sort_key(path.name), str(path))


def gather(
    students: Iterable[Student],
) -> tuple[tuple[Student, ...], tuple[Duplicate, ...], tuple[tuple[Student, ...], ...]]:
    """The students in name order, each result counted once; the results read twice;
    the groups of students with the same answers under different names (see the
    module's docstring)."""
    ordered = sorted(students, key=name_order)
    by_answers: dict[tuple[tuple[str, int | None], ...], list[Student]] = {}
    for student in ordered:
        by_answers.setdefault(tuple(sorted((student.answers or {}).items())), []).append(student)
    kept: list[Student] = []
    duplicates: list[Duplicate] = []
    copies: list[tuple[Student, ...]] = []
    for answers, same in by_answers.items():
        if not answers:  # nothing known of the answers: nothing to compare
            kept += same
            continue
        whose: dict[tuple[object, ...], list[Student]] = {}
        for student in same:
            who = (folded(student.name),) if student.name else (None, student.date)
            whose.setdefault(who, []).append(student)
        for one in whose.values():
            kept.append(one[0])
            if len(one) > 1:
                duplicates.append(Duplicate(one[0], tuple(one[1:])))
        if len(whose) > 1 and len({a for _, a in answers if a is not None}) > 1:
            copies.append(tuple(one[0] for one in whose.values()))
    order = {id(s): n for n, s in enumerate(ordered)}
    kept.sort(key=lambda s: order[id(s)])
    duplicates.sort(key=lambda d: order[id(d.kept)])
    copies.sort(key=lambda group: order[id(group[0])])
    return tuple(kept), tuple(duplicates), tuple(copies)


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
    import datetime

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
    kept, duplicates, copies = gather(students)
    day = datetime.date.today().isoformat()
    return Overview(kept, tuple(unread), catalogue, duplicates, copies, day)


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
    return Student(
        path,
        sheet.name,
        sheet.group,
        sheet.date,
        result,
        asked,
        len(questions),
        answers=sheet.answers,
        unasked=len(sheet.unasked),
    )


def _reason(exc: OrientationError) -> str:
    """The first problem of a file, said without its name (its row gives it)."""
    if isinstance(exc, ContentError) and exc.problems:
        problem = exc.problems[0]
        where = f"ligne {problem.line} : " if problem.line is not None else ""
        more = len(exc.problems) - 1
        also = f" (et {more} autre{'s' if more > 1 else ''} problème{'s' if more > 1 else ''})"
        return where + printable(problem.message) + (also if more else "")
    return printable(exc.message)
