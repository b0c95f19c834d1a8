"""Where the content lives, its typed model (tags, fiches, questions, the catalogue) and
how it is loaded: from the index (index.py) or, cold, from its YAML files (loading.py)."""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from orientation.errors import (
    ContentError,
    NotFoundError,
    Problem,
    UsageError,
    os_reason,
)
from orientation.output import long_date

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
            from orientation.loading import _load_fiche

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
    from orientation.loading import _load_question_bank, _load_tags

    problems: list[Problem] = []
    warnings: list[Problem] = []
    tags = _load_tags(root / "tags.yaml", problems)
    fiches = _load_fiches(root, tags, problems, warnings)
    questions = _load_question_bank(root / "questions.yaml", tags, problems)
    return Reading(root, tags, fiches, questions, tuple(problems), tuple(warnings))


def read_tags(root: Path) -> tuple[Tag, ...]:
    """The tag vocabulary, or as much of it as can be read (problems are left to `check`)."""
    from orientation.loading import _load_tags

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
    from orientation.loading import _load_tags

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
    from orientation.loading import _load_question_bank, _load_tags

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
            from orientation.loading import _load_fiche

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
    from orientation.loading import _places_of

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
        from orientation.loading import _places_of

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
