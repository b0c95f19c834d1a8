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
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orientation.content.model import normalise, suggested_command
from orientation.errors import NotFoundError

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
        return whole_words(self.forms)

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
            form_key(form)
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
        defined = {form_key(name) for term in self.terms for name in (term.term, *term.forms)}
        return tuple(word for word in self.watch if form_key(word) not in defined)

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
        return {form_key(form): term for term in reversed(self.terms) for form in term.forms}

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


def form_key(text: str) -> str:
    """A form or a match as the same key: spaces as one space, ’ as '."""
    return " ".join(text.split()).replace("\u2019", "'")


def _form_regex(form: str) -> str:
    parts = []
    for part in re.split(r"(\s+|['\u2019])", form_key(form)):
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


def whole_words(forms: Iterable[str]) -> re.Pattern[str]:
    """Any of *forms* as a whole word: not inside a longer word (« BUTS », « début »),
    but next to punctuation (« l'ASLL », « CCAS, », « (DEIS) »). The longest form is
    tried first, so that « DE CESF » is one match, not « DE » then « CESF »."""
    ordered = sorted(set(forms), key=lambda form: (-len(form), form))
    alternatives = "|".join(_form_regex(form) for form in ordered)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


# --- Loading -------------------------------------------------------------------------


def to_data(glossary: Glossary, key: list[Any]) -> dict[str, Any]:
    terms = [
        [t.term, t.definition, list(t.forms), t.checked, t.today, t.since, *t.place]
        for t in glossary.terms
    ]
    return {"key": key, "terms": terms, "watch": list(glossary.watch)}


def from_data(saved: Any, key: list[Any], root: Path) -> Glossary | None:
    """The glossary kept in *saved*, if it is one of the shape written by to_data for
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
