"""The glossary (glossaire.yaml): each acronym or technical term the fiches use, explained
in one line, and the watch-list of terms a fiche may use only once they are defined.

A term is found in a text by its forms: whole words, written exactly as given (« BUT »
is a diploma, « but » a goal). Spaces in a form match any run of spaces, no-break ones
included, and an apostrophe matches ’ too, since YAML folds lines and authors type both.

`show` reads the glossary at every run, so loading it must not cost the YAML parser
(14 ms to import): what was read is kept in the content index's folder (index.py), with
the stamp of glossaire.yaml, and read back as JSON while the file is unchanged.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orientation.content import (
    _Fields,
    _one_line_problem,
    _read,
    _refuse_outside,
    _visible,
    normalise,
    suggested_command,
)
from orientation.errors import ContentError, NotFoundError, Problem
from orientation.yamlnodes import Mapping, Node, Scalar, Sequence

FILE = "glossaire.yaml"
MAX_DEFINITION = 200  # characters: about two lines and a half at 80 columns
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")
_SPACES = re.compile(r"\s+")
# « 1er janvier 2024 » reads « depuis le 1er janvier 2024 »; « 2015 », « la rentrée 2021 »
# are written as they follow « depuis ».
_DAY_FIRST = re.compile(r"[0-9]{1,2}(?:er)?\s")


@dataclass(frozen=True)
class Term:
    term: str  # as the glossary names it (its key)
    definition: str
    forms: tuple[str, ...]  # how texts write it: whole words, case-sensitive
    checked: str  # when the entry was written or last checked: a valid YYYY-MM-DD
    today: str | None = None  # a renamed body or diploma: its current name
    since: str | None = None  # and since when (required with today)
    line: int = field(default=0, compare=False)  # of its key in glossaire.yaml
    column: int = field(default=0, compare=False)

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        """Any of the forms, as a whole word."""
        return _whole_words(self.forms)

    @property
    def place(self) -> tuple[int, int]:
        """Line and column of its key in glossaire.yaml."""
        return self.line, self.column

    @property
    def renamed(self) -> str | None:
        """« aujourd'hui France Travail, depuis le 1er janvier 2024 » for a renamed term."""
        if self.today is None or self.since is None:
            return None
        since = f"le {self.since}" if _DAY_FIRST.match(self.since) else self.since
        return f"aujourd'hui {self.today}, depuis {since}"

    def data(self) -> dict[str, Any]:
        """The term as JSON data (`glossaire --json`)."""
        return {
            "term": self.term,
            "definition": self.definition,
            "forms": list(self.forms),
            "today": self.today,
            "since": self.since,
            "checked": self.checked,
        }


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...] = ()
    watch: tuple[str, ...] = ()
    root: Path | None = field(default=None, compare=False)

    def find(self, query: str) -> Term:
        """The term named by *query* (its name or one of its forms), forgiving case and
        accents; NotFoundError with suggestions otherwise."""
        key = normalise(query)
        term = self._names.get(key)
        if term is not None and key:
            return term
        shown = query if len(query) <= 60 else query[:60] + "…"
        watched = {normalise(word): word for word in self.unexplained}
        if key and key in watched:
            message = (
                f"« {watched[key]} » est dans la liste à surveiller du glossaire, mais il n'y "
                "est pas encore défini."
            )
        else:
            message = f"Aucun terme du glossaire ne correspond à « {shown} »."
            suggestions = self._suggest(key)
            if suggestions:
                message += " Vouliez-vous dire : " + ", ".join(suggestions) + " ?"
        command = "orientation glossaire"
        if self.root is not None:
            command = suggested_command(self.root, "glossaire")
        raise NotFoundError(f"{message}\nLe glossaire entier : {command}")

    def complete(self, incomplete: str) -> list[tuple[str, str]]:
        """(term, definition) of the terms whose name or a form starts with *incomplete*."""
        key = normalise(incomplete)
        found: dict[str, str] = {}
        for name, term in self._names.items():
            if name.startswith(key):
                found.setdefault(term.term, term.definition)
        return sorted(found.items(), key=lambda item: normalise(item[0]))

    def used_in(self, texts: Iterable[str]) -> list[Term]:
        """The terms that *texts* use, each once, in the order of their first use.

        Only the forms whose words the texts all hold are looked for, each with
        str.find in the text with its spaces made single and its apostrophes straight
        (as the forms are): one regex of every form would take 5 ms to build and 1 ms
        to run over each fiche, and building a regex per form costs as much."""
        texts = list(texts)
        words = {word for text in texts for word in _WORD.findall(text)}
        forms = [
            _form_key(form)
            for word in words & self._by_first_word.keys()
            for form, needed in self._by_first_word[word]
            if needed <= words
        ]
        found: dict[str, Term] = {}
        for text in texts:
            for used in _uses_of(forms, _SPACES.sub(" ", text).replace("\u2019", "'")):
                term = self._by_form[used]
                found.setdefault(term.term, term)
        return list(found.values())

    @functools.cached_property
    def unexplained(self) -> tuple[str, ...]:
        """The watched terms that no term defines (neither by its name nor a form)."""
        defined = {_form_key(name) for term in self.terms for name in (term.term, *term.forms)}
        return tuple(word for word in self.watch if _form_key(word) not in defined)

    @functools.cached_property
    def _names(self) -> dict[str, Term]:
        """Lookup key of each name and form -> term (the loader checks they are unique)."""
        names: dict[str, Term] = {}
        for term in self.terms:
            for name in (term.term, *term.forms):
                names.setdefault(normalise(name), term)
        return names

    @functools.cached_property
    def _by_form(self) -> dict[str, Term]:
        return {_form_key(form): term for term in reversed(self.terms) for form in term.forms}

    @functools.cached_property
    def _by_first_word(self) -> dict[str, list[tuple[str, frozenset[str]]]]:
        """First word of each form -> (form, all its words); no word at all: under ""."""
        by_word: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for term in self.terms:
            for form in term.forms:
                found = _WORD.findall(form)
                by_word.setdefault(found[0] if found else "", []).append((form, frozenset(found)))
        return by_word

    def _suggest(self, key: str) -> list[str]:
        import difflib

        names = list(self._names)
        close = difflib.get_close_matches(key, names, n=5, cutoff=0.6)
        if len(key) >= 3:
            close += [name for name in names if key in name]
        suggested: list[str] = []
        for name in close:
            term = self._names[name].term
            if term not in suggested:
                suggested.append(term)
        return suggested[:3]


def _form_key(text: str) -> str:
    """A form or a match as the same key: spaces as one space, ’ as '."""
    return " ".join(text.split()).replace("\u2019", "'")


def _form_regex(form: str) -> str:
    parts = []
    for part in re.split(r"(\s+|['\u2019])", _form_key(form)):
        if not part:
            continue
        if part.isspace():
            parts.append(r"\s+")
        elif part in ("'", "\u2019"):
            parts.append("['\u2019]")
        else:
            parts.append(re.escape(part))
    return "".join(parts)


def _uses_of(forms: Iterable[str], text: str) -> Iterator[str]:
    """Where *text* uses *forms* as whole words, in order; of two that start at the
    same place the longest (« DE CESF », not « DE »), none inside another."""
    found = []
    for form in forms:
        start = text.find(form)
        while start >= 0:
            after = start + len(form)
            if not ((start and _WORD_CHAR.match(text, start - 1)) or _WORD_CHAR.match(text, after)):
                found.append((start, -len(form), form))
            start = text.find(form, start + 1)
    end = 0
    for start, minus_length, used in sorted(found):
        if start >= end:
            end = start - minus_length
            yield used


def _whole_words(forms: Iterable[str]) -> re.Pattern[str]:
    """Any of *forms* as a whole word: not inside a longer word (« BUTS », « début »),
    but next to punctuation (« l'ASLL », « CCAS, », « (DEIS) »). The longest form is
    tried first, so that « DE CESF » is one match, not « DE » then « CESF »."""
    ordered = sorted(set(forms), key=lambda form: (-len(form), form))
    alternatives = "|".join(_form_regex(form) for form in ordered)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


# --- Loading -------------------------------------------------------------------------


def load_glossary(root: Path, *, cache: bool = True) -> Glossary:
    """The glossary of the content root (empty without glossaire.yaml); ContentError with
    every problem found, each at its file, line and column.

    With *cache*, an unchanged file is read back from the content index's folder."""
    if not cache:
        return _checked(root)
    from orientation import index

    stamp, settled = index._stamp(root / FILE)
    folder = index._folder(root)
    if stamp is None or folder is None:
        return _checked(root)  # absent (empty glossary), or no cache folder
    kept = folder / "glossaire.json"
    key = [*index._code(), _code(), str(root), stamp]
    try:
        glossary = _from_data(index._decode(kept), key, root)
    except index.DAMAGED:
        glossary = None
    if glossary is not None:
        return glossary
    glossary = _checked(root)
    if settled:
        index._write(kept, _to_data(glossary, key))
    return glossary


def _checked(root: Path) -> Glossary:
    problems: list[Problem] = []
    glossary = read_glossary(root, problems)
    if problems:
        raise ContentError(sorted(problems, key=Problem.order))
    return glossary


def _code() -> list[int]:
    st = os.stat(__file__)
    return [st.st_size, st.st_mtime_ns]


def _to_data(glossary: Glossary, key: list[Any]) -> dict[str, Any]:
    terms = [
        [t.term, t.definition, list(t.forms), t.checked, t.today, t.since, *t.place]
        for t in glossary.terms
    ]
    return {"key": key, "terms": terms, "watch": list(glossary.watch)}


def _from_data(saved: Any, key: list[Any], root: Path) -> Glossary | None:
    """The glossary kept in *saved*, if it is one of the shape written by _to_data for
    *key*; else None (another file's, older code's, or damaged)."""
    if type(saved) is not dict or saved.keys() != {"key", "terms", "watch"}:
        return None
    if saved["key"] != key or type(saved["terms"]) is not list:
        return None
    watch = saved["watch"]
    if type(watch) is not list or not all(type(word) is str for word in watch):
        return None
    terms = []
    for item in saved["terms"]:
        if type(item) is not list or len(item) != 8:
            return None
        term, definition, forms, checked, today, since, line, column = item
        texts = (term, definition, checked, *forms) if type(forms) is list else (None,)
        if not all(type(text) is str for text in texts) or not forms:
            return None
        if not all(type(v) in (str, type(None)) for v in (today, since)):
            return None
        if not (type(line) is int and type(column) is int and _DATE.fullmatch(checked)):
            return None  # (a valid date when it was kept: the CRC says it is unchanged)
        terms.append(Term(term, definition, tuple(forms), checked, today, since, line, column))
    return Glossary(tuple(terms), tuple(watch), root)


def read_glossary(root: Path, problems: list[Problem]) -> Glossary:
    """The glossary as far as it can be read; its problems are appended to *problems*."""
    path = root / FILE
    empty = Glossary(root=root)
    if not os.path.lexists(path) or _refuse_outside(path, problems):
        return empty
    node = _read(path, problems)
    if node is None:
        return empty
    f = _Fields(node, path, problems, "")
    terms = _terms(f.fields("terms", required=True))
    watch = f.texts("watch", one_line=True)
    _report_repeated_watch(f)
    f.finish()
    return Glossary(tuple(terms), watch, root)


def _terms(fields: _Fields | None) -> list[Term]:
    if fields is None:
        return []
    terms: list[Term] = []
    claimed: dict[str, tuple[str, int]] = {}  # lookup key -> (term, line)
    for name in fields.field_names():
        key_node, value = fields.node.entries[name]
        term = _term(fields, name, key_node, value)
        if term is None:
            continue
        clash = False
        for form, (line, column) in _names_and_places(term, fields.node.entries[name][1]):
            owner = claimed.setdefault(normalise(form), (term.term, term.line))
            if owner[0] != term.term:
                clash = True
                message = (
                    f"« {form} » désigne déjà le terme « {owner[0]} » (ligne {owner[1]}) ; "
                    "un nom ou une forme ne désigne qu'un terme"
                )
                fields.problems.append(Problem(fields.path, line, column, message))
        if not clash:
            terms.append(term)
    return terms


def _term(fields: _Fields, name: str, key_node: Scalar, value: Node) -> Term | None:
    where = fields._full(name)
    reason = _one_line_problem(name)
    if reason:
        fields.problem(key_node, f"terme « {name} » : {reason}")
        return None
    if not normalise(name):
        message = (
            f"terme « {name} » : aucune lettre latine ni aucun chiffre, orientation glossaire "
            "ne pourrait pas le retrouver"
        )
        fields.problem(key_node, message)
        return None
    sub = _Fields.of(value, fields.path, fields.problems, where)
    if sub is None:
        return None
    definition = sub.text("definition", required=True, one_line=True)
    if definition is not None and len(definition) > MAX_DEFINITION:
        sub.problem(
            sub.node.entries["definition"][1],
            f"champ « {where}.definition » : {len(definition)} caractères ; une définition "
            f"tient en une ligne courte ({MAX_DEFINITION} caractères au plus)",
        )
    forms = sub.texts("forms", one_line=True)
    today = sub.text("today", one_line=True)
    since = sub.text("since", one_line=True)
    checked = sub.date("checked", required=True)
    if today is not None and since is None:
        sub.problem(
            sub.node.entries["today"][0],
            f"champ « {where}.since » manquant : avec « today », dire depuis quand le nom a "
            "changé (par exemple : since: 1er janvier 2024)",
        )
    if since is not None and today is None:
        sub.problem(
            sub.node.entries["since"][0],
            f"champ « {where}.since » sans « today » : donner aussi le nom actuel (today), ou "
            "retirer since",
        )
    sub.finish()
    if definition is None or checked is None:
        return None
    return Term(
        name, definition, forms or (name,), checked, today, since, key_node.line, key_node.column
    )


def _names_and_places(term: Term, node: Node) -> Iterator[tuple[str, tuple[int, int]]]:
    """The term's name and forms, each with where it is written."""
    yield term.term, (term.line, term.column)
    places: list[tuple[int, int]] = []
    if isinstance(node, Mapping) and "forms" in node.entries:
        items = node.entries["forms"][1]
        if isinstance(items, Sequence):
            places = [
                (item.line, item.column)
                for item in items.items
                if isinstance(item, Scalar) and not item.is_null and _visible(item.value)
            ]
    for index, form in enumerate(term.forms):
        if normalise(form) != normalise(term.term) and index < len(places):
            yield form, places[index]


def _report_repeated_watch(fields: _Fields) -> None:
    entry = fields.node.entries.get("watch")
    if entry is None or not isinstance(entry[1], Sequence):
        return
    seen: dict[str, int] = {}
    for item in entry[1].items:
        if not isinstance(item, Scalar) or item.is_null:
            continue
        word = _form_key(item.value)
        if word in seen:
            message = f"« {word} » est déjà dans la liste watch (ligne {seen[word]})"
            fields.problem(item, message)
        seen.setdefault(word, item.line)


# --- The watch-list rule (orientation check) -----------------------------------------


def watch_problems(glossary: Glossary, fiche_paths: Iterable[Path]) -> list[Problem]:
    """Each text of these fiches, and of the glossary's own definitions, that uses a
    watched term the glossary does not define, at the line and column of the use."""
    if not glossary.unexplained:
        return []
    watched = _watched_forms(glossary.unexplained)
    pattern = _whole_words(watched)
    problems: list[Problem] = []
    for path in fiche_paths:
        problems += _uses(pattern, watched, path, _fiche_texts)
    if glossary.root is not None and (glossary.root / FILE).is_file():
        problems += _uses(pattern, watched, glossary.root / FILE, _glossary_texts)
    return problems


def _watched_forms(words: Iterable[str]) -> dict[str, str]:
    """Form -> watched word: an acronym as written (« CAP » is not « cap »), a term in
    words with either case for its first letter (« Comité… » starts a list item)."""
    forms: dict[str, str] = {}
    for word in words:
        key = _form_key(word)
        forms.setdefault(key, word)
        if any(c.islower() for c in key):
            forms.setdefault(key[0].upper() + key[1:], word)
            forms.setdefault(key[0].lower() + key[1:], word)
    return forms


def _uses(
    pattern: re.Pattern[str],
    watched: dict[str, str],
    path: Path,
    texts: Callable[[Node], Iterator[Scalar]],
) -> list[Problem]:
    from orientation.yamlnodes import parse_yaml, read_text

    try:
        source = read_text(path, regular=True)
        # Most files use no watched term: parsing 10 000 fiches again would double what
        # `check` costs. (A form split by a YAML escape, « \\u0041SE », is missed.)
        if not pattern.search(source):
            return []
        node = parse_yaml(source, path, [])
    except ContentError:
        return []  # said by the loader
    lines = source.splitlines()
    problems = []
    for scalar in texts(node):
        seen: set[str] = set()
        for match in pattern.finditer(scalar.value):
            used = _form_key(match.group())
            word = watched[used]
            if word in seen:
                continue
            seen.add(word)
            line, column = _locate(lines, scalar, used)
            kind = "terme technique" if any(c.islower() for c in word) else "sigle"
            message = (
                f"« {word} » est un {kind} à expliquer : l'ajouter au glossaire "
                f"({FILE}, sous « terms: ») avec une définition d'une ligne"
            )
            problems.append(Problem(path, line, column, message))
    return problems


def _locate(lines: list[str], scalar: Scalar, word: str) -> tuple[int, int]:
    """The line and column where *scalar* writes *word*: block and folded texts start
    on the lines below their key, and may span many."""
    pattern = _whole_words([word])
    last = min(len(lines), scalar.line + scalar.value.count("\n") + len(scalar.value.split()) + 1)
    start = scalar.column - 1
    for index in range(scalar.line - 1, last):
        match = pattern.search(lines[index], start)
        if match:
            return index + 1, match.start() + 1
        start = 0
    return scalar.line, scalar.column  # the word is cut across two lines


# Identifiers, file names, names kept for lookup only, an editorial note's rubric:
# never shown as prose.
_NOT_SHOWN = {"slug", "document", "search_only", "names", "field"}


def _fiche_texts(node: Node) -> Iterator[Scalar]:
    if isinstance(node, Scalar):
        if not node.is_null:
            yield node
    elif isinstance(node, Sequence):
        for item in node.items:
            yield from _fiche_texts(item)
    else:
        for key, (_, value) in node.entries.items():
            if key not in _NOT_SHOWN:
                yield from _fiche_texts(value)


def _glossary_texts(node: Node) -> Iterator[Scalar]:
    """The definitions and current names: what `glossaire` and the views show."""
    terms = node.entries.get("terms") if isinstance(node, Mapping) else None
    if terms is None or not isinstance(terms[1], Mapping):
        return
    for _, value in terms[1].entries.values():
        if isinstance(value, Mapping):
            for key in ("definition", "today"):
                entry = value.entries.get(key)
                if entry is not None and isinstance(entry[1], Scalar):
                    yield entry[1]
