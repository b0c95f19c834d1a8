"""Where the content lives and how its YAML files become typed, validated objects."""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol, TypeVar

from orientation.errors import (
    ContentError,
    NotFoundError,
    Problem,
    UsageError,
    os_reason,
)
from orientation.output import long_date, plural
from orientation.yamlnodes import Mapping, Node, Scalar, Sequence, describe, read_yaml

Period = Literal["month", "year"]
Basis = Literal["gross", "net"]
Stage = Literal["start", "mid", "end"]

PERIODS: dict[str, Period] = {"month": "month", "year": "year"}
BASES: dict[str, Basis] = {"gross": "gross", "net": "net"}
STAGES: dict[str, Stage] = {"start": "start", "mid": "mid", "end": "end"}

MAX_WEIGHT = 3
TAG_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# What a text shown on one line (a name, a label, a question) must not hold:
# - what some reader takes as the end of a line: str.splitlines() and YAML 1.1
#   (a comment in a template), Unicode and JavaScript (U+2028, U+2029);
# - invisible format characters (Unicode Cf): bidirectional marks such as U+061C
#   reorder what is shown, zero-width characters make a name look like another
#   one than `show` finds (its lookup key gets a word break the eye cannot see).
# Other controls are replaced wherever they are shown (output.clean); every space,
# NBSP and narrow NBSP included, is fine.
_LINE_BREAKS = {
    "\n": "retour à la ligne",
    "\r": "retour chariot",
    "\x0b": "tabulation verticale",
    "\x0c": "saut de page",
    "\x1c": "séparateur de fichier",
    "\x1d": "séparateur de groupe",
    "\x1e": "séparateur d'enregistrement",
    "\x85": "passage à la ligne",
    "\u2028": "séparateur de ligne",
    "\u2029": "séparateur de paragraphe",
}
_INVISIBLE = {
    "\u00ad": "trait d'union conditionnel",
    "\u061c": "marque de lettre arabe",
    "\u200b": "espace sans chasse",
    "\u200c": "antiliant sans chasse",
    "\u200d": "liant sans chasse",
    "\u200e": "marque gauche-à-droite",
    "\u200f": "marque droite-à-gauche",
    "\u2060": "gluon de mots",
    "\ufeff": "espace insécable sans chasse",
    **{chr(code): "contrôle de direction du texte" for code in range(0x202A, 0x202F)},
    **{chr(code): "contrôle de direction du texte" for code in range(0x2066, 0x206A)},
}


def _one_line_problem(text: str) -> str | None:
    """Why *text* cannot be shown as one line of a name or label, or None if it can."""
    # Nearly always: no control, no format character, no space but " " and the no-break
    # spaces of French typography (`isprintable` counts them out).
    if text.replace("\u00a0", " ").replace("\u202f", " ").isprintable():
        return None
    for char in text:
        code = f"U+{ord(char):04X}"
        if char in _LINE_BREAKS:
            return (
                f"{_LINE_BREAKS[char]} ({code}) interdit : ce texte s'affiche sur une seule "
                "ligne ; remplacer ce caractère par une espace"
            )
        if unicodedata.category(char) == "Cf":
            what = _INVISIBLE.get(char, "caractère de mise en forme invisible")
            return (
                f"{what} ({code}) interdit : ce caractère invisible peut changer l'ordre "
                "d'affichage du texte ou empêcher de le retrouver ; le supprimer"
            )
    return None


@dataclass(frozen=True)
class Tag:
    id: str
    label: str
    description: str
    line: int = field(default=0, compare=False)  # of its key in tags.yaml
    column: int = field(default=0, compare=False)


@dataclass(frozen=True)
class TagWeight:
    tag: str
    weight: int
    why: str


@dataclass(frozen=True)
class Salary:
    """One salary figure exactly as a source document gives it."""

    low: int
    high: int
    period: Period
    basis: Basis | None  # None: the document does not say gross or net
    stage: Stage | None  # None: no career stage given
    source: str
    date: str | None
    note: str | None

    @property
    def monthly(self) -> tuple[int, int]:
        """The range per month, rounded to the euro (annual figures divided by 12)."""
        if self.period == "month":
            return self.low, self.high
        return round(self.low / 12), round(self.high / 12)


# How a level was found: given by the source as bac +N (None), converted from an older
# nomenclature (« niveaux I à II »), or deduced from the diplomas the source cites.
Derivation = Literal["nomenclature", "diplomas"]
DERIVATIONS: dict[str, Derivation] = {"nomenclature": "nomenclature", "diplomas": "diplomas"}


@dataclass(frozen=True)
class Education:
    level_min: int | None  # Bac+N
    level_max: int | None
    diplomas: tuple[str, ...]
    notes: tuple[str, ...]
    derived: Derivation | None = None
    wording: str | None = None  # the source's own words for the level


@dataclass(frozen=True)
class Environment:
    structures: tuple[str, ...]
    workplace: str | None
    travel: str | None
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    heading: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    document: str  # the file name: shown to authors only (show --sources)
    title: str
    notes: tuple[str, ...]  # authoring notes: shown to authors only
    site: str | None = None  # the type of site, shown with the title


@dataclass(frozen=True)
class Confusion:
    """A job or body a reader might take this occupation for, and what separates them."""

    other: str  # `with` in the YAML
    note: str
    names: tuple[str, ...]  # lookups that mean the other one (« mission locale »)
    editorial: str | None  # YYYY-MM-DD when the note is the editors', not the source's

    @property
    def explained(self) -> str:
        """What separates them, marked NDLR and dated when the editors say it."""
        if self.editorial:
            return f"NDLR ({long_date(self.editorial)}) : {self.note[:1].lower()}{self.note[1:]}"
        return self.note

    @property
    def said(self) -> str:
        """« Avec X. » and what separates them: a « ne pas confondre » line."""
        return f"Avec {self.other}. {self.explained}"


@dataclass(frozen=True)
class Editorial:
    """A public fact that helps read the source (a renamed diploma, the SMIC), written by
    the editors and dated; `field` says which rubric it belongs to."""

    field: str
    note: str
    date: str  # YYYY-MM-DD


# Where an editorial note may go (salary[N] and confusions[N] too).
EDITORIAL_FIELDS = (
    "education.level",
    "education.diplomas",
    "salary",
    "publics",
    "environment.structures",
    "employers",
    "related",
    "career",
)


@dataclass(frozen=True)
class Fiche:
    slug: str
    title: str
    aliases: tuple[str, ...]
    summary: str
    description: str | None
    missions: tuple[str, ...]
    technical_skills: tuple[str, ...]
    interpersonal_skills: tuple[str, ...]
    education: Education
    experience: tuple[str, ...]
    environment: Environment
    publics: tuple[str, ...]
    career: tuple[str, ...]
    related: tuple[str, ...]
    advantages: tuple[str, ...]
    drawbacks: tuple[str, ...]
    employers: tuple[str, ...]
    salaries: tuple[Salary, ...]
    tags: tuple[TagWeight, ...]  # strongest first
    sections: tuple[Section, ...]
    sources: tuple[Source, ...]
    rome: str | None
    path: Path = field(compare=False)
    search_only: tuple[str, ...] = ()  # names for lookup only, never displayed
    confusions: tuple[Confusion, ...] = ()
    editorial: tuple[Editorial, ...] = ()
    # Short lines for « L'essentiel »: "publics", "places". (Compared, not hashed: a
    # fiche stays hashable, as frozen content should be.)
    brief: dict[str, str] = field(default_factory=dict, hash=False)
    # Where some fields are in the file ("slug", "title", "aliases[1]", "tags"): line, column
    places: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False)

    @property
    def weights(self) -> dict[str, int]:
        return {t.tag: t.weight for t in self.tags}

    def entry(self, stamp: Stamp | None = None) -> Entry:
        return Entry(
            slug=self.slug,
            title=self.title,
            aliases=self.aliases,
            summary=self.summary,
            weights=self.weights,
            path=self.path,
            places=self.places,
            keys=tuple(
                normalise(name)
                for name in (self.slug, self.title, *self.aliases, *self.search_only)
            ),
            stamp=stamp,
            search_only=self.search_only,
            decoys=tuple(normalise(name) for c in self.confusions for name in c.names),
        )

    def notes_on(self, name: str) -> tuple[Editorial, ...]:
        """The editorial notes on the rubric *name* (« salary[1] », « education.level »)."""
        return tuple(e for e in self.editorial if e.field == name)


# A file's size, modification and change times, inode and device: see index.py.
Stamp = str


# Neither frozen nor compared: a large catalogue makes 10 000 entries per run, in
# half the time without. Entries are never changed once made.
@dataclass(eq=False)
class Entry:
    """A fiche as the catalogue knows it before it is shown: enough to find it by
    name, to list it and to score it, kept in the index between runs."""

    slug: str
    title: str
    aliases: tuple[str, ...]
    summary: str
    weights: dict[str, int]  # tag id -> weight, strongest first
    path: Path
    places: dict[str, tuple[int, int]]  # empty when kept in the index (see _claim_names)
    # Lookup keys (normalised slug, title and aliases): normalising 60 000 names would
    # take longer than anything else when the catalogue holds 10 000 fiches.
    keys: tuple[str, ...]
    stamp: Stamp | None  # the file's, when it was read (None: not to be kept)
    search_only: tuple[str, ...] = ()  # after the aliases in `keys`
    decoys: tuple[str, ...] = ()  # normalised lookups that mean another job (Confusion.names)


@dataclass(frozen=True)
class Question:
    """One quiz item: an activity to rate, loading on one or two tags."""

    id: str
    text: str
    loads: dict[str, int]  # tag id -> 1 (partly) or 2 (mainly)
    line: int = field(default=0, compare=False)  # in questions.yaml
    column: int = field(default=0, compare=False)


MIN_ITEMS_PER_TAG = 3
MAX_LOAD = 2
# scoring.MIN_TAGS (not imported: scoring loads only with the quiz): with fewer tags
# measured, every profile is flagged as too flat to rank occupations.
MIN_TAGS = 3


class FicheStore(Protocol):
    """Where whole fiches are kept between runs (index.py)."""

    def get(self, entry: Entry) -> Fiche | None: ...

    def keep(self, entry: Entry, fiche: Fiche) -> None: ...


@dataclass(frozen=True)
class Catalogue:
    """The tags and fiches of a content root. The fiches are known by their entries;
    a whole fiche is read when it is asked for (`find`, `fiche`)."""

    root: Path
    tags: tuple[Tag, ...]
    entries: tuple[Entry, ...]
    # Normalised slug, title and aliases -> entry, made while checking they are unique.
    names: dict[str, Entry] = field(compare=False, repr=False)
    # Files skipped on the way (links out of the root, non-files): said, never read.
    warnings: tuple[Problem, ...] = ()
    # The whole fiches read so far in this run, and where they are kept between runs.
    read: dict[Path, Fiche] = field(default_factory=dict, compare=False, repr=False)
    store: FicheStore | None = field(default=None, compare=False, repr=False)

    def tag(self, tag_id: str) -> Tag:
        return next(t for t in self.tags if t.id == tag_id)

    def find(self, query: str) -> Fiche:
        """The fiche named by a slug, an alias or a title, forgiving case and accents."""
        return self.fiche(self.entry(query))

    def entry(self, query: str) -> Entry:
        """The entry of the fiche named by *query* (see find), without reading the fiche."""
        key = normalise(query)
        index = self.names
        if key in index and (not _PATH_LIKE.search(query) or key in self._names_with_slashes):
            return index[key]
        if key and key in self._decoys:
            raise NotFoundError(self._mistaken(query, key, self._decoys[key]))
        message = _not_found_message(query, self._suggest(key))
        raise NotFoundError(
            f"{message}\nLa liste des métiers : {suggested_command(self.root, 'list')}"
        )

    def fiche(self, entry: Entry) -> Fiche:
        """The whole fiche of *entry*: kept from an earlier run, or read from its file."""
        fiche = self.read.get(entry.path)
        if fiche is None and self.store is not None:
            fiche = self.store.get(entry)
        if fiche is None:
            problems: list[Problem] = []
            fiche = _load_fiche(entry.path, {t.id for t in self.tags}, problems)
            if problems or fiche is None:  # changed since the catalogue was read
                raise ContentError(problems)
        if self.store is not None:
            self.store.keep(entry, fiche)  # once
        self.read[entry.path] = fiche
        return fiche

    @functools.cached_property
    def titles(self) -> dict[str, str]:
        """Slug -> title."""
        return {entry.slug: entry.title for entry in self.entries}

    @functools.cached_property
    def fiches(self) -> tuple[Fiche, ...]:
        """Every whole fiche (reads them all: commands work from the entries)."""
        return tuple(self.fiche(entry) for entry in self.entries)

    def complete(self, incomplete: str) -> list[tuple[str, str]]:
        """(slug, title) of the fiches whose slug or alias starts with *incomplete*."""
        key = normalise(incomplete)
        found: dict[str, str] = {}
        for name, entry in self.names.items():
            if name.startswith(key):
                found.setdefault(entry.slug, entry.title)
        return sorted(found.items())

    @functools.cached_property
    def _decoys(self) -> dict[str, list[Entry]]:
        """Lookups that mean another job than some fiches' (Confusion.names) -> those
        fiches (« assistante sociale »: the coordinateur's and the CESF's)."""
        decoys: dict[str, list[Entry]] = {}
        for entry in self.entries:
            for key in entry.decoys:
                decoys.setdefault(key, []).append(entry)
        return decoys

    def _mistaken(self, query: str, key: str, entries: list[Entry]) -> str:
        """What to say when *query* names a job that fiches warn against confusing."""
        shown = query if len(query) <= 60 else query[:60] + "…"
        lines = [f"Aucune fiche pour « {shown} », à ne pas confondre avec :"]
        for entry in entries:
            fiche = self.fiche(entry)
            confusion = next(
                c for c in fiche.confusions if key in (normalise(name) for name in c.names)
            )
            lines += [
                f"- {fiche.title} — {confusion.explained}",
                f"  {suggested_command(self.root, 'show ' + fiche.slug)}",
            ]
        lines.append(f"La liste des métiers : {suggested_command(self.root, 'list')}")
        return "\n".join(lines)

    @functools.cached_property
    def _names_with_slashes(self) -> set[str]:
        """Titles and aliases written with a slash (« Animateur / animatrice »)."""
        return {
            normalise(name)
            for entry in self.entries
            for name in (entry.title, *entry.aliases)
            if _PATH_LIKE.search(name)
        }

    def _suggest(self, key: str) -> list[str]:
        import difflib

        index = self.names
        names = list(index)
        close = difflib.get_close_matches(key, names, n=5, cutoff=0.6)
        if len(key) >= 3:
            close += [name for name in names if key in name]
        slugs: list[str] = []
        for name in close:
            if index[name].slug not in slugs:
                slugs.append(index[name].slug)
        return slugs[:3]


# A path is never a name, even one that would normalise to a slug (`/cesf`,
# `fiches/cesf`), unless a title or alias is written with that slash.
_PATH_LIKE = re.compile(r"[/\\]")


def _not_found_message(query: str, suggestions: list[str]) -> str:
    shown = query if len(query) <= 60 else query[:60] + "…"
    message = f"Aucun métier ne correspond à « {shown} »."
    if suggestions:
        message += " Vouliez-vous dire : " + ", ".join(suggestions) + " ?"
    return message


# chargé·e, chargé.e, conseiller·ère, chargé(e): the ending is dropped for lookup
_ENDINGS = r"(?:e|es|ne|le|rice|trice|ère|ere|euse|se)\b"
_INCLUSIVE_ENDING = re.compile(rf"·\w+|[.•]{_ENDINGS}|\({_ENDINGS}\)")
_SEPARATORS = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lookup key: lower case, no accents, no inclusive endings, words joined by '-'."""
    text = _INCLUSIVE_ENDING.sub("", text.casefold())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SEPARATORS.sub("-", text).strip("-")


ENV_VAR = "ORIENTATION_CONTENT"
CONTENT_FILES = ("tags.yaml", "questions.yaml", "fiches")


def default_root() -> Path:
    """The shipped content: inside the installed package, or at the repository root."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "content", package.parent / "content"):
        if (candidate / "tags.yaml").is_file():
            return candidate
    raise ContentError([Problem(package, None, None, "contenu livré introuvable (installation ?)")])


def shipped_inside_package(root: Path) -> bool:
    """True when *root* is the copy of the content installed with the package (read-only)."""
    return root.resolve().parent == Path(__file__).resolve().parent


def content_root(given: Path | None = None, origin: str = "--content") -> Path:
    """The root to read: *given*, else $ORIENTATION_CONTENT, else the shipped content.

    A root that is not a content folder is a usage error naming where it came from.
    """
    import os

    if given is None:
        from_env = os.environ.get(ENV_VAR, "")
        if not from_env:
            return default_root()
        given, origin = Path(from_env), ENV_VAR
    import errno
    import stat

    from orientation.errors import printable, shell_word

    shown = printable(str(given))
    name = {ENV_VAR: f"{ENV_VAR}={shown}", "": shown}.get(origin, f"{origin} {shown}")
    try:
        mode = os.stat(given).st_mode
        entries = set(os.listdir(given)) if stat.S_ISDIR(mode) else set()
    except OSError as exc:
        reason = "dossier introuvable" if exc.errno == errno.ENOENT else os_reason(exc)
        raise UsageError(f"{name} : {reason}.") from None
    if not stat.S_ISDIR(mode):
        raise UsageError(
            f"{name} : ce n'est pas un dossier. Un dossier de contenu contient tags.yaml, "
            "questions.yaml et fiches/."
        )
    if not entries & set(CONTENT_FILES):
        target = shell_word(str(given)) if not entries else "NOUVEAU-DOSSIER"
        raise UsageError(
            f"{name} : ce dossier ne contient ni tags.yaml, ni questions.yaml, ni fiches/ ; "
            f"ce n'est pas un dossier de contenu. Pour en créer un : orientation init {target}"
        )
    return given


def suggested_command(root: Path, words: str) -> str:
    """`orientation WORDS`, with `--content ROOT` when the reader would need it to run
    the suggested command on the same content (not for the shipped content, nor when
    ORIENTATION_CONTENT already names it)."""
    import os

    from orientation.errors import relative_path, shell_word

    suffix = ""
    from_env = os.environ.get(ENV_VAR, "")
    if root != default_root() and not (from_env and Path(from_env) == root):
        suffix = f" --content {shell_word(relative_path(root))}"
    return f"orientation {words}{suffix}"


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
    problems: list[Problem] = []
    warnings: list[Problem] = []
    tags = _load_tags(root / "tags.yaml", problems)
    fiches = _load_fiches(root, tags, problems, warnings)
    questions = _load_question_bank(root / "questions.yaml", tags, problems)
    return Reading(root, tags, fiches, questions, tuple(problems), tuple(warnings))


def read_tags(root: Path) -> tuple[Tag, ...]:
    """The tag vocabulary, or as much of it as can be read (problems are left to `check`)."""
    return _load_tags(root / "tags.yaml", [])


def load_catalogue(root: Path | None = None, *, cache: bool = True) -> Catalogue:
    """Read and validate tags and fiches; every problem found is reported at once.

    With *cache*, what has not changed since an earlier run comes from the index
    (index.py), which is never stale; without, every file is read.
    """
    root = default_root() if root is None else root
    if cache:
        from orientation import index

        return index.load_catalogue(root)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    tags = _load_tags(root / "tags.yaml", problems)
    entries, read, names = _load_entries(root, tags, problems, warnings)
    if problems:
        raise ContentError(problems)
    return Catalogue(root, tags, entries, names, tuple(warnings), read)


def load_questions(root: Path | None = None, *, cache: bool = True) -> tuple[Question, ...]:
    """Read and validate the question bank against the tag vocabulary (see load_catalogue)."""
    root = default_root() if root is None else root
    if cache:
        from orientation import index

        return index.load_questions(root)
    problems: list[Problem] = []
    tags = _load_tags(root / "tags.yaml", problems)
    questions = _load_question_bank(root / "questions.yaml", tags, problems)
    if problems:
        raise ContentError(problems)
    return questions


def _load_fiches(
    root: Path, tags: tuple[Tag, ...], problems: list[Problem], warnings: list[Problem]
) -> tuple[Fiche, ...]:
    entries, read, _ = _load_entries(root, tags, problems, warnings)
    return tuple(read[entry.path] for entry in entries)


def _unknown(path: Path) -> tuple[Entry | None, Stamp | None]:
    return None, None


def _load_entries(
    root: Path,
    tags: tuple[Tag, ...],
    problems: list[Problem],
    warnings: list[Problem],
    known: Callable[[Path], tuple[Entry | None, Stamp | None]] = _unknown,
    listing: dict[str, os.DirEntry[str]] | None = None,
) -> tuple[tuple[Entry, ...], dict[Path, Fiche], dict[str, Entry]]:
    """The entries of the fiches without problems, the whole fiches read on the way,
    and the lookup index (normalised name -> entry).

    *known* gives the entry of a file unchanged since an earlier run (index.py), or
    the stamp to keep the file's entry with; the others are read. *listing* is the
    fiches folder's, if the caller has listed it already.
    """
    tag_ids = {t.id for t in tags}
    paths = _fiche_paths(root / "fiches", problems, warnings, listing)
    fine: list[Entry] = []
    named: list[Entry] = []  # with those that have problems: their names still count
    read: dict[Path, Fiche] = {}
    for path in paths:
        entry, stamp = known(path)
        if entry is None:
            before = len(problems)
            fiche = _load_fiche(path, tag_ids, problems)
            if fiche is None:
                continue
            entry = fiche.entry(stamp)
            if not all(entry.keys):
                _report_nameless(entry, problems)
            if len(problems) > before:
                named.append(entry)
                continue
            read[path] = fiche
        named.append(entry)
        fine.append(entry)
    names = _check_names_unique(named, problems)
    if problems:
        clashing = {p.path for p in problems}
        fine = [e for e in fine if e.path not in clashing]
    return tuple(fine), read, names


def _fiche_paths(
    fiche_dir: Path,
    problems: list[Problem],
    warnings: list[Problem],
    listing: dict[str, os.DirEntry[str]] | None = None,
) -> list[Path]:
    """The fiche files, sorted; other files that look like fiches are reported, and
    hidden files ignored.

    A `*.yaml` that is not a regular file, or a symbolic link that leads out of the
    content root, is skipped with a warning: content often comes from someone else,
    and a link to a private file must not end up quoted in an error message.
    """
    import errno

    try:
        found = listing if listing is not None else list_folder(fiche_dir)
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            message = "dossier introuvable"
        elif exc.errno == errno.ENOTDIR:
            message = "ce n'est pas un dossier : les fiches vont dans un dossier fiches/"
        else:
            message = f"lecture impossible : {os_reason(exc)}"
        problems.append(Problem(fiche_dir, None, None, message))
        return []
    # A hidden file is never a fiche: editors and other systems leave them next to the
    # files (Emacs .#x.yaml lock links, macOS ._x.yaml, Vim .x.yaml.swp, .DS_Store).
    names = sorted(name for name in found if not name.startswith("."))
    # Only links can lead out of the root, unless fiches/ itself does: resolving
    # every path would cost a third of a second for 10 000 fiches.
    linked_folder = _outside_root(fiche_dir, fiche_dir.parent) is not None
    paths: list[Path] = []
    for name in names:
        if not name.endswith(".yaml"):
            continue
        item, path = found[name], fiche_dir / name
        target = None
        if linked_folder or item.is_symlink():
            target = _outside_root(path, fiche_dir.parent)
        if target is not None:
            message = f"lien symbolique vers {target}, hors du dossier de contenu : fichier ignoré"
            warnings.append(Problem(path, None, None, message))
            continue
        # A broken link or a loop is kept: reading it says what is wrong.
        if not item.is_file() and not (item.is_symlink() and not os.path.exists(path)):
            kind = "c'est un dossier" if item.is_dir() else "ce n'est pas un fichier ordinaire"
            warnings.append(Problem(path, None, None, f"{kind}, pas une fiche : ignoré"))
            continue
        paths.append(path)
    for name in names:
        stem, dot, suffix = name.rpartition(".")
        if dot and suffix.lower() in ("yaml", "yml") and suffix != "yaml":
            message = (
                f"fichier ignoré : seules les fiches en .yaml sont lues (renommer en {stem}.yaml)"
            )
            problems.append(Problem(fiche_dir / name, None, None, message))
    if not paths and not problems:
        problems.append(Problem(fiche_dir, None, None, "aucune fiche métier (*.yaml)"))
    return paths


def list_folder(folder: Path) -> dict[str, os.DirEntry[str]]:
    """File name -> directory entry (which knows its type and caches its stat)."""
    with os.scandir(folder) as listing:
        return {item.name: item for item in listing}


def _outside_root(path: Path, root: Path) -> Path | None:
    """Where *path* really leads, when symbolic links take it out of *root*; else None."""
    try:
        target = path.resolve()
        inside = target.is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a symlink loop: reading the file reports it
        return None
    return None if inside else target


def _refuse_outside(path: Path, problems: list[Problem]) -> bool:
    """Report tags.yaml or questions.yaml leading out of their root; True if they do."""
    target = _outside_root(path, path.parent)
    if target is not None:
        message = f"lien symbolique vers {target}, hors du dossier de contenu : fichier non lu"
        problems.append(Problem(path, None, None, message))
    return target is not None


def _load_question_bank(
    path: Path, tags: tuple[Tag, ...], problems: list[Problem]
) -> tuple[Question, ...]:
    if _refuse_outside(path, problems):
        return ()
    try:
        node = read_yaml(path, problems, regular=True)
    except ContentError as exc:
        problems.extend(exc.problems)
        return ()
    if not isinstance(node, Sequence):
        message = f"une liste de questions est attendue, pas {describe(node)}"
        problems.append(Problem(path, node.line, node.column, message))
        return ()
    if not node.items:
        problems.append(Problem(path, node.line, node.column, "aucune question"))
    tag_ids = {t.id for t in tags}
    questions: list[Question] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(node.items):
        fields = _Fields.of(item, path, problems, f"[{index + 1}]")
        if fields is None:
            continue
        question = _question(fields, tag_ids)
        if question is None:
            continue
        if question.id in seen:
            first = seen[question.id]
            message = f"identifiant de question « {question.id} » en double (déjà ligne {first})"
            line, column = fields.place("id")
            problems.append(Problem(path, line, column, message))
            continue
        seen[question.id] = item.line
        questions.append(question)
    for tag in tags:
        count = sum(1 for q in questions if tag.id in q.loads)
        if questions and count < MIN_ITEMS_PER_TAG:
            message = (
                f"le centre d'intérêt « {tag.id} » n'est mesuré que par "
                f"{plural(count, 'question')} de {path.name} (au moins {MIN_ITEMS_PER_TAG})"
            )
            problems.append(Problem(path.parent / "tags.yaml", tag.line, tag.column, message))
    return tuple(questions)


def _question(f: _Fields, tag_ids: set[str]) -> Question | None:
    question_id = f.text("id", required=True)
    if question_id is not None and not TAG_ID.fullmatch(question_id):
        line, column = f.place("id")
        message = f"identifiant « {question_id} » : minuscules ASCII et tirets seulement"
        f.problems.append(Problem(f.path, line, column, message))
        question_id = None
    text = f.text("text", required=True, one_line=True)
    tags = f.fields("tags", required=True)
    loads: dict[str, int] = {}
    if tags is not None:
        for tag_id in tags.field_names():
            if tag_ids and tag_id not in tag_ids:
                key = tags.node.entries[tag_id][0]
                hint = _did_you_mean(tag_id, tag_ids)
                f.problem(key, f"centre d'intérêt inconnu « {tag_id} »{hint}")
                continue
            weight = tags.integer(tag_id, 1, MAX_LOAD, required=True)
            if weight is not None:
                loads[tag_id] = weight
        if not 1 <= len(tags.node.entries) <= 2:
            f.problem(tags.node, "une question mesure un ou deux centres d'intérêt")
    f.finish()
    if question_id is None or text is None or not loads:
        return None
    return Question(question_id, text, loads, f.node.line, f.node.column)


def _read(path: Path, problems: list[Problem]) -> Mapping | None:
    try:
        node = read_yaml(path, problems, regular=True)
    except ContentError as exc:
        problems.extend(exc.problems)
        return None
    if not isinstance(node, Mapping):
        problems.append(
            Problem(
                path,
                node.line,
                node.column,
                f"un ensemble de champs est attendu, pas {describe(node)}",
            )
        )
        return None
    return node


def _load_tags(path: Path, problems: list[Problem]) -> tuple[Tag, ...]:
    if _refuse_outside(path, problems):
        return ()
    node = _read(path, problems)
    if node is None:
        return ()
    if len(node.entries) < MIN_TAGS:
        message = (
            f"{plural(len(node.entries), 'centre', 'centres')} d'intérêt : il en faut au moins "
            f"{MIN_TAGS} pour que le quiz distingue des profils"
        )
        problems.append(Problem(path, node.line, node.column, message))
    tags: list[Tag] = []
    for tag_id, (key, value) in node.entries.items():
        if not TAG_ID.fullmatch(tag_id):
            message = (
                f"identifiant « {tag_id} » : minuscules ASCII et tirets seulement "
                "(ex. vie-quotidienne)"
            )
            problems.append(Problem(path, key.line, key.column, message))
        fields = _Fields.of(value, path, problems, tag_id)
        if fields is None:
            continue
        label = fields.text("label", required=True, one_line=True)
        description = fields.text("description", required=True)
        fields.finish()
        if label and description:
            tags.append(Tag(tag_id, label, description, key.line, key.column))
    return tuple(tags)


def _load_fiche(path: Path, tag_ids: set[str], problems: list[Problem]) -> Fiche | None:
    """The fiche as far as it can be read (None if not at all); problems are appended."""
    node = _read(path, problems)
    if node is None:
        return None
    f = _Fields(node, path, problems, "")
    slug = f.text("slug", required=True)
    if slug is not None and not TAG_ID.fullmatch(slug):
        line, column = f.place("slug")
        message = (
            f"le slug « {slug} » doit s'écrire en minuscules sans accents, chiffres et tirets "
            f"(par exemple {normalise(slug) or 'educateur-specialise'})"
        )
        problems.append(Problem(path, line, column, message))
    elif slug is not None and slug != path.stem:
        line, column = f.place("slug")
        message = f"le slug « {slug} » doit être le nom du fichier sans .yaml (« {path.stem} »)"
        if not TAG_ID.fullmatch(path.stem):
            message = (
                f"le nom du fichier doit être le slug suivi de .yaml : renommer {path.name} "
                f"en {slug}.yaml"
            )
        if (path.parent / f"{slug}.yaml").is_file():
            message += f" ; {slug}.yaml porte déjà ce slug"
        problems.append(Problem(path, line, column, message))
    title = f.text("title", required=True, one_line=True)
    summary = f.text("summary", required=True)

    skills = f.fields("skills")
    education = f.fields("education")
    level = education.fields("level") if education else None
    environment = f.fields("environment")

    fiche = Fiche(
        slug=slug or path.stem,
        title=title or "",
        aliases=f.texts("aliases", one_line=True),
        summary=summary or "",
        description=f.text("description"),
        missions=f.texts("missions"),
        technical_skills=skills.texts("technical") if skills else (),
        interpersonal_skills=skills.texts("interpersonal") if skills else (),
        education=Education(
            level_min=level.integer("min", 0, 8) if level else None,
            level_max=level.integer("max", 0, 8) if level else None,
            diplomas=education.texts("diplomas") if education else (),
            notes=education.texts("notes") if education else (),
            derived=level.choice("derived", DERIVATIONS) if level else None,
            wording=level.text("wording", one_line=True) if level else None,
        ),
        experience=f.texts("experience"),
        environment=Environment(
            structures=environment.texts("structures") if environment else (),
            workplace=environment.text("workplace") if environment else None,
            travel=environment.text("travel") if environment else None,
            notes=environment.texts("notes") if environment else (),
        ),
        publics=f.texts("publics"),
        career=f.texts("career"),
        related=f.texts("related"),
        advantages=f.texts("advantages"),
        drawbacks=f.texts("drawbacks"),
        employers=f.texts("employers"),
        salaries=tuple(f.each("salary", _salary)),
        tags=tuple(sorted(_tags(f, tag_ids), key=lambda t: -t.weight)),
        sections=tuple(f.each("sections", _section)),
        sources=tuple(f.each("sources", _source, required=True)),
        rome=f.text("rome"),
        path=path,
        places=_places(node),
        search_only=f.texts("search_only", one_line=True),
        confusions=tuple(f.each("confusions", _confusion)),
        editorial=tuple(f.each("editorial", _editorial)),
        brief=_brief(f),
    )
    _check_editorial_fields(fiche, f)
    low, high = fiche.education.level_min, fiche.education.level_max
    if level and low is not None and high is not None and low > high:
        line, column = level.place("max")
        message = "niveau d'études : « max » est inférieur à « min »"
        problems.append(Problem(path, line, column, message))
    for sub in (skills, level, education, environment):
        if sub is not None:
            sub.finish()
    f.finish()
    return fiche


def _places(node: Mapping) -> dict[str, tuple[int, int]]:
    """Where the names and the tags of a fiche are, for problems found across files."""
    places: dict[str, tuple[int, int]] = {}
    for key in ("slug", "title", "tags"):
        if key in node.entries:
            key_node, value = node.entries[key]
            at = key_node if key == "tags" else value
            places[key] = (at.line, at.column)
    for key in ("aliases", "search_only"):
        names = node.entries.get(key, (None, None))[1]
        if isinstance(names, Sequence):
            for index, item in enumerate(names.items):
                places[f"{key}[{index + 1}]"] = (item.line, item.column)
    confusions = node.entries.get("confusions", (None, None))[1]
    for index, item in enumerate(confusions.items if isinstance(confusions, Sequence) else ()):
        names = item.entries.get("names", (None, None))[1] if isinstance(item, Mapping) else None
        for rank, name in enumerate(names.items if isinstance(names, Sequence) else ()):
            places[f"confusions[{index + 1}].names[{rank + 1}]"] = (name.line, name.column)
    return places


def _salary(f: _Fields) -> Salary | None:
    amount = f.integer("amount", 0, 1_000_000)
    low = f.integer("min", 0, 1_000_000)
    high = f.integer("max", 0, 1_000_000)
    period = f.choice("period", PERIODS, required=True)
    basis = f.choice("basis", BASES)
    stage = f.choice("stage", STAGES)
    source = f.text("source", required=True)
    date = f.text("date")
    note = f.text("note")
    f.finish()
    if amount is not None:
        if low is not None or high is not None:
            f.problem(f.node, "indiquer soit « amount », soit « min » et « max »")
            return None
        low = high = amount
    if low is None or high is None:
        f.problem(f.node, "montant manquant : « amount », ou « min » et « max »")
        return None
    if low > high:
        f.problem(f.node, "« min » est supérieur à « max »")
        return None
    if period is None or source is None:
        return None
    return Salary(low, high, period, basis, stage, source, date, note)


def _tags(f: _Fields, tag_ids: set[str]) -> list[TagWeight]:
    tags = f.fields("tags", required=True)
    if tags is None:
        return []
    if not tags.node.entries:
        f.problem(tags.node, "champ « tags » : au moins un centre d'intérêt est requis")
    result: list[TagWeight] = []
    for tag_id in tags.field_names():
        key = tags.node.entries[tag_id][0]
        if tag_ids and tag_id not in tag_ids:
            hint = _did_you_mean(tag_id, tag_ids)
            known = ", ".join(sorted(tag_ids))
            message = f"centre d'intérêt inconnu « {tag_id} »" + (hint or f" (connus : {known})")
            f.problems.append(Problem(f.path, key.line, key.column, message))
            continue
        entry = tags.fields(tag_id, required=True)
        if entry is None:
            continue
        weight = entry.integer("weight", 0, MAX_WEIGHT, required=True)
        why = entry.text("why", required=True)
        entry.finish()
        if weight is not None and why is not None:
            result.append(TagWeight(tag_id, weight, why))
    return result


def _section(f: _Fields) -> Section | None:
    heading = f.text("heading", required=True, one_line=True)
    items = f.texts("items", required=True)
    f.finish()
    return Section(heading, items) if heading and items else None


def _source(f: _Fields) -> Source | None:
    document = f.text("document", required=True)
    title = f.text("title", required=True, one_line=True)
    site = f.text("site", one_line=True)
    notes = f.texts("notes")
    f.finish()
    return Source(document, title, notes, site) if document and title else None


def _confusion(f: _Fields) -> Confusion | None:
    other = f.text("with", required=True, one_line=True)
    note = f.text("note", required=True)
    names = f.texts("names", one_line=True)
    editorial = f.date("editorial")
    f.finish()
    return Confusion(other, note, names, editorial) if other and note else None


def _editorial(f: _Fields) -> Editorial | None:
    name = f.text("field", required=True, one_line=True)
    note = f.text("note", required=True)
    date = f.date("date", required=True)
    f.finish()
    return Editorial(name, note, date) if name and note and date else None


BRIEF_FIELDS = ("publics", "places")


def _brief(f: _Fields) -> dict[str, str]:
    brief = f.fields("brief")
    if brief is None:
        return {}
    lines = {key: brief.text(key, one_line=True) for key in BRIEF_FIELDS}
    brief.finish()
    return {key: line for key, line in lines.items() if line}


# Numbered from 1, written as notes_on looks them up (« salary[01] » would never show).
_INDEXED_FIELD = re.compile(r"(salary|confusions)\[([1-9][0-9]*|0)\]")


def _check_editorial_fields(fiche: Fiche, f: _Fields) -> None:
    """Each editorial note names a rubric the fiche shows, so that it is shown with it."""
    notes = f.node.entries.get("editorial", (None, None))[1]
    items = notes.items if isinstance(notes, Sequence) else []
    counts = {"salary": len(fiche.salaries), "confusions": len(fiche.confusions)}
    for number, item in enumerate(items, 1):
        if not isinstance(item, Mapping) or "field" not in item.entries:
            continue
        value = item.entries["field"][1]
        name = value.value.strip() if isinstance(value, Scalar) and not value.is_null else ""
        indexed = _INDEXED_FIELD.fullmatch(name)
        if not name or name in EDITORIAL_FIELDS:
            continue
        if indexed and 1 <= int(indexed[2]) <= counts[indexed[1]]:
            continue
        if indexed:
            count = counts[indexed[1]]
            reason = f"n'existe pas : « {indexed[1]} » compte {plural(count, 'élément')}"
        else:
            known = ", ".join((*EDITORIAL_FIELDS, "salary[N]", "confusions[N]"))
            reason = f"n'est pas une rubrique possible ({known})"
        f.problem(value, f"champ « editorial[{number}].field » : « {name} » {reason}")


T = TypeVar("T")


class _Fields:
    """Typed access to one mapping; each problem is recorded with its place and field name."""

    def __init__(self, node: Mapping, path: Path, problems: list[Problem], name: str) -> None:
        self.node = node
        self.path = path
        self.problems = problems
        self.name = name
        self._read: set[str] = set()

    @classmethod
    def of(cls, node: Node, path: Path, problems: list[Problem], name: str) -> _Fields | None:
        if isinstance(node, Mapping):
            return cls(node, path, problems, name)
        message = f"champ « {name} » : un ensemble de champs est attendu, pas {describe(node)}"
        problems.append(Problem(path, node.line, node.column, message))
        return None

    def field_names(self) -> list[str]:
        self._read.update(self.node.entries)
        return list(self.node.entries)

    def place(self, key: str) -> tuple[int, int]:
        if key in self.node.entries:
            value = self.node.entries[key][1]
            return value.line, value.column
        return self.node.line, self.node.column

    def problem(self, node: Node, message: str) -> None:
        self.problems.append(Problem(self.path, node.line, node.column, message))

    def _full(self, key: str) -> str:
        return f"{self.name}.{key}" if self.name else key

    def _get(self, key: str, required: bool) -> Node | None:
        self._read.add(key)
        entry = self.node.entries.get(key)
        value = entry[1] if entry else None
        if value is None or (isinstance(value, Scalar) and value.is_null):
            if required:
                # `title:` left empty: point at the key (an empty value's own mark may
                # already be on the next line); an absent field: at the enclosing mapping.
                at = entry[0] if entry else self.node
                self.problem(at, f"champ « {self._full(key)} » manquant")
            return None
        return value

    def text(self, key: str, required: bool = False, one_line: bool = False) -> str | None:
        """The text of *key*; with *one_line*, a name or label (see _one_line_problem)."""
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, Scalar):
            self.problem(
                value, f"champ « {self._full(key)} » : un texte est attendu, pas {describe(value)}"
            )
            return None
        text = _visible(value.value)
        if not text:
            self.problem(value, f"champ « {self._full(key)} » : texte vide")
            return None
        if one_line and (reason := _one_line_problem(text)):
            # Said, but kept: a tag or question left out would be reported again and again.
            self.problem(value, f"champ « {self._full(key)} » : {reason}")
        return text

    def _sequence(self, key: str, required: bool) -> Sequence | None:
        value = self._get(key, required)
        if value is None or isinstance(value, Sequence):
            return value
        message = f"champ « {self._full(key)} » : une liste est attendue, pas {describe(value)}"
        self.problem(value, message)
        return None

    def texts(self, key: str, required: bool = False, one_line: bool = False) -> tuple[str, ...]:
        value = self._sequence(key, required)
        if value is None:
            return ()
        result: list[str] = []
        for index, item in enumerate(value.items):
            if not isinstance(item, Scalar) or item.is_null or not _visible(item.value):
                self.problem(
                    item,
                    f"champ « {self._full(key)}[{index + 1}] » : un texte non vide est attendu",
                )
                continue
            text = _visible(item.value)
            if one_line and (reason := _one_line_problem(text)):
                self.problem(item, f"champ « {self._full(key)}[{index + 1}] » : {reason}")
            result.append(text)
        if required and not result:
            self.problem(value, f"champ « {self._full(key)} » : liste vide")
        return tuple(result)

    def integer(self, key: str, low: int, high: int, required: bool = False) -> int | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not (
            isinstance(value, Scalar) and value.plain and re.fullmatch(r"-?[0-9]+", value.value)
        ):
            self.problem(value, f"champ « {self._full(key)} » : un nombre entier est attendu")
            return None
        digits = value.value.lstrip("-").lstrip("0")
        if len(digits) > len(str(max(-low, high))):  # out of range; int() fails past 4300 digits
            self.problem(
                value,
                f"champ « {self._full(key)} » : nombre de {len(digits)} chiffres, hors de "
                f"l'intervalle {low}–{high}",
            )
            return None
        number = int(digits or "0") * (-1 if value.value.startswith("-") else 1)
        if not low <= number <= high:
            self.problem(
                value, f"champ « {self._full(key)} » : {number} hors de l'intervalle {low}–{high}"
            )
            return None
        return number

    def date(self, key: str, required: bool = False) -> str | None:
        """A date written YYYY-MM-DD (kept as text: YAML never makes it a date here)."""
        value = self.text(key, required, one_line=True)
        if value is None:
            return None
        import datetime

        try:
            datetime.date.fromisoformat(value)
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
                raise ValueError(value)
        except ValueError:
            self.problem(
                self._get(key, False) or self.node,
                f"champ « {self._full(key)} » : « {value} » n'est pas une date AAAA-MM-JJ "
                "(par exemple 2026-11-30)",
            )
            return None
        return value

    def choice(self, key: str, choices: dict[str, T], required: bool = False) -> T | None:
        value = self._get(key, required)
        if value is None:
            return None
        allowed = ", ".join(choices)
        if not isinstance(value, Scalar):
            message = f"champ « {self._full(key)} » : {allowed} attendu, pas {describe(value)}"
            self.problem(value, message)
            return None
        if value.value not in choices:  # exactly: the schema's enum allows no stray spaces
            message = (
                f"champ « {self._full(key)} » : « {value.value} » n'est pas une valeur possible "
                f"({allowed})"
            )
            self.problem(value, message)
            return None
        return choices[value.value]

    def fields(self, key: str, required: bool = False) -> _Fields | None:
        value = self._get(key, required)
        if value is None:
            return None
        return _Fields.of(value, self.path, self.problems, self._full(key))

    def each(
        self, key: str, build: Callable[[_Fields], T | None], required: bool = False
    ) -> Iterable[T]:
        value = self._sequence(key, required)
        if value is None:
            return
        if required and not value.items:
            self.problem(value, f"champ « {self._full(key)} » : liste vide")
        for index, item in enumerate(value.items):
            sub = _Fields.of(item, self.path, self.problems, f"{self._full(key)}[{index + 1}]")
            if sub is not None:
                built = build(sub)
                if built is not None:
                    yield built

    def finish(self) -> None:
        """Report the fields nobody asked for: usually a typo in a field name."""
        for key, (key_node, _) in self.node.entries.items():
            if key not in self._read:
                known = [k for k in self._read if k not in self.node.entries]
                self.problem(
                    key_node, f"champ inconnu « {self._full(key)} »{_did_you_mean(key, known)}"
                )


def _visible(text: str) -> str:
    """*text* without surrounding blanks, counting U+FEFF as one (editors' JSON Schema
    validators, in JavaScript, do: a text of only that is empty for them too)."""
    return text.strip().strip("\ufeff").strip()


def _did_you_mean(word: str, known: Iterable[str]) -> str:
    """« (vouliez-vous dire « x » ?) » for a likely typo of a known word, else ""."""
    import difflib

    close = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.75)
    return f" (vouliez-vous dire « {close[0]} » ?)" if close else ""


def _check_names_unique(entries: list[Entry], problems: list[Problem]) -> dict[str, Entry]:
    """Each slug, title and alias names one fiche only (compared as lookup keys); the
    lookup index, in one pass.

    A fiche whose slug is its file name keeps its names: a copy under another file
    name is the one told about the clash, whatever the alphabetical order."""
    index: dict[str, Entry] = {}
    copies = []
    for entry in entries:
        if entry.path.name == f"{entry.slug}.yaml":
            _claim_names(entry, index, problems, own_slug=True)
        else:
            copies.append(entry)
    for entry in copies:
        _claim_names(entry, index, problems, own_slug=False)
    for entry in entries:
        if entry.decoys:
            _report_decoys(entry, index, problems)
    return index


def _report_decoys(entry: Entry, index: dict[str, Entry], problems: list[Problem]) -> None:
    """A name that means another job (« ne pas confondre ») must not name a fiche."""
    if not any(key in index or not key for key in entry.decoys):
        return  # the usual case: no YAML to read again on a warm run (index.py)
    places = entry.places or _places_of(entry.path)
    fields = [f for f in places if ".names[" in f]
    for field_name, key in zip(fields, entry.decoys, strict=False):
        other = index.get(key)
        line, column = places[field_name]
        if not key:  # it would answer every query without a word (« show "" »)
            message = (
                f"champ « {field_name} » : ce nom ne contient aucun mot à chercher (lettres "
                "latines ou chiffres) ; l'écrire en lettres latines ou le retirer"
            )
        elif other is not None:
            message = (
                f"champ « {field_name} » : ce nom désigne le métier {other.slug} "
                f"({other.path.name}) ; un nom « à ne pas confondre » ne doit désigner aucun "
                "métier"
            )
        else:
            continue
        problems.append(Problem(entry.path, line, column, message))


def _claim_names(
    entry: Entry, index: dict[str, Entry], problems: list[Problem], *, own_slug: bool
) -> None:
    """Enter the names of *entry* in *index*; report those an earlier entry holds."""
    clash = False
    for key in entry.keys:
        clash = index.setdefault(key, entry) is not entry or clash
    if not clash:  # nearly always: 10 000 fiches, 60 000 names
        return
    reported: set[str] = set()
    # A slug other than the file name is reported as such (usually a copied file).
    fields = ["slug" if own_slug else "", "title"]
    fields += [f"aliases[{i + 1}]" for i in range(len(entry.aliases))]
    fields += [f"search_only[{i + 1}]" for i in range(len(entry.search_only))]
    names = (entry.slug, entry.title, *entry.aliases, *entry.search_only)
    for field_name, name, key in zip(fields, names, entry.keys, strict=True):
        other = index[key]
        if other is entry or not key or not field_name or key in reported:
            continue
        reported.add(key)
        # Entries kept in the index have no places: read them again, for this message only.
        places = entry.places or _places_of(entry.path)
        line, column = places.get(field_name, (None, None))
        message = (
            f"champ « {field_name} » : « {name} » désigne déjà le métier {other.slug} "
            f"({other.path.name}) ; chaque nom ne doit désigner qu'un métier"
        )
        problems.append(Problem(entry.path, line, column, message))


def _report_nameless(entry: Entry, problems: list[Problem]) -> None:
    """Report a title or alias that normalises to nothing: no name could ever find it."""
    fields = ["title", *(f"aliases[{i + 1}]" for i in range(len(entry.aliases)))]
    fields += [f"search_only[{i + 1}]" for i in range(len(entry.search_only))]
    names = (entry.title, *entry.aliases, *entry.search_only)
    for field_name, name, key in zip(fields, names, entry.keys[1:], strict=True):
        if name and not key:  # an empty title is already reported as missing
            line, column = entry.places.get(field_name, (None, None))
            message = (
                f"champ « {field_name} » : « {name} » ne contient aucun mot à chercher (lettres "
                "latines ou chiffres) : orientation show ne pourrait jamais retrouver le métier "
                "par ce nom ; l'écrire en lettres latines ou le retirer"
            )
            problems.append(Problem(entry.path, line, column, message))


def _places_of(path: Path) -> dict[str, tuple[int, int]]:
    node = _read(path, [])
    return _places(node) if node is not None else {}
