"""Where the content lives, its typed model (tags, fiches, questions, the catalogue) and
how it is loaded: from the index (index.py) or, cold, from its YAML files (loading.py)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from orientation.errors import ContentError, NotFoundError, Problem, UsageError, os_reason
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


def one_line_problem(text: str) -> str | None:
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
# nomenclature (« niveaux I à II »), deduced from the diplomas the source cites, or, when
# the source gives neither, the level of the job's official diploma, from the editors
# (with a dated note saying which diploma).
Derivation = Literal["nomenclature", "diplomas", "editorial"]
DERIVATIONS: dict[str, Derivation] = {
    "nomenclature": "nomenclature",
    "diplomas": "diplomas",
    "editorial": "editorial",
}


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
    # The two names look alike (« Chargé·e de missions locales », « les Missions
    # locales »): the quiz's results say it beside the occupation too.
    lookalike: bool = False

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
    figure: str | None = None  # a dated reference figure it cites (reperes.yaml: « smic »)


# A ROME code: a letter (the family, A to N) and four digits (K1201).
ROME_CODE = re.compile(r"[A-N][0-9]{4}")


@dataclass(frozen=True)
class Rome:
    """The nearest code of France Travail's ROME 4.0, chosen by the editors (sources rarely
    give one): its label, when it was checked, and why it is the nearest."""

    code: str  # K1201
    label: str  # as the ROME names it: « Action sociale »
    date: str  # YYYY-MM-DD: checked on
    why: str  # for authors: why this code (shown with show --sources)


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
    rome: tuple[Rome, ...]  # nearest first
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
            lookalikes=tuple(c.other for c in self.confusions if c.lookalike),
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
    lookalikes: tuple[str, ...] = ()  # what its name looks like (Confusion.lookalike)


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


FicheReader = Callable[[Path, set[str], list[Problem]], "Fiche | None"]


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
    # How a whole fiche is read from its file (loading.load_fiche, given by the loader:
    # the model imports no reader, and a warm run imports no YAML code).
    reader: FicheReader | None = field(default=None, compare=False, repr=False)

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
        code = query.strip().upper()
        if ROME_CODE.fullmatch(code):
            return self._by_rome(code)
        message = _not_found_message(query, self._suggest(key))
        raise NotFoundError(
            f"{message}\nLa liste des métiers : {suggested_command(self.root, 'list')}"
        )

    def _by_rome(self, code: str) -> Entry:
        """The fiche whose ROME codes include *code* (`show K1201`). Reads every fiche:
        only for a query that is a ROME code and no name."""
        carried: dict[str, tuple[str, list[Entry]]] = {}  # code -> (label, entries)
        for entry in self.entries:
            for rome in self.fiche(entry).rome:
                carried.setdefault(rome.code, (rome.label, []))[1].append(entry)
        found = carried.get(code, ("", []))[1]
        if len(found) == 1:
            return found[0]
        if not found:
            message = f"Aucune fiche ne porte le code ROME {code}."
            if carried:  # the codes there are, so that the right one can be typed
                message += " Les codes que portent les fiches :"
                for other in sorted(carried):
                    label, entries = carried[other]
                    slugs = ", ".join(entry.slug for entry in entries)
                    message += f"\n- {other} ({label}) : {slugs}"
        else:
            lines = [f"{len(found)} fiches portent le code ROME {code} :"]
            lines += [
                f"- {entry.title} : {suggested_command(self.root, 'show ' + entry.slug)}"
                for entry in found
            ]
            message = "\n".join(lines)
        raise NotFoundError(
            f"{message}\nLa liste des métiers : {suggested_command(self.root, 'list')}"
        )

    def fiche(self, entry: Entry) -> Fiche:
        """The whole fiche of *entry*: kept from an earlier run, or read from its file."""
        fiche = self.read.get(entry.path)
        if fiche is None and self.store is not None:
            fiche = self.store.get(entry)
        if fiche is None:
            if self.reader is None:  # a catalogue made up without a reader (tests)
                raise ContentError([Problem(entry.path, None, None, "fiche non lue")])
            problems: list[Problem] = []
            fiche = self.reader(entry.path, {t.id for t in self.tags}, problems)
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
    package = Path(__file__).resolve().parents[1]  # orientation/
    for candidate in (package / "data", package.parent / "content"):
        if (candidate / "tags.yaml").is_file():
            return candidate
    raise ContentError([Problem(package, None, None, "contenu livré introuvable (installation ?)")])


def shipped_inside_package(root: Path) -> bool:
    """True when *root* is the copy of the content installed with the package (read-only)."""
    return root.resolve().parent == Path(__file__).resolve().parents[1]


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
