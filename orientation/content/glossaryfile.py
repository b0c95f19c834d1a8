"""Reading glossaire.yaml (glossary.py's model) with every problem at its line and
column, and the jargon rules of `check`: a fiche uses a watched term only once it is
defined, and a sigle only when the glossary defines it or mots-courants.yaml lists it
as plain French.

Apart from glossary.py because only a cold read and `check` need the YAML parser:
`show` reads the glossary back from the index's folder (docs/performance.md).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from orientation.content.glossary import FILE, MAX_DEFINITION, Glossary, Term, form_key, whole_words
from orientation.content.loading import Fields, read_mapping, visible
from orientation.content.model import normalise, one_line_problem
from orientation.content.paths import refuse_outside
from orientation.content.yamlnodes import Mapping, Node, Scalar, Sequence
from orientation.errors import ContentError, Problem


def read_glossary(root: Path, problems: list[Problem]) -> Glossary:
    """The glossary as far as it can be read; its problems are appended to *problems*."""
    path = root / FILE
    empty = Glossary(root=root)
    if not os.path.lexists(path) or refuse_outside(path, problems):
        return empty
    node = read_mapping(path, problems)
    if node is None:
        return empty
    f = Fields(node, path, problems, "")
    terms = _terms(f.fields("terms", required=True))
    watch = f.texts("watch", one_line=True)
    _report_repeated_watch(f)
    f.finish()
    return Glossary(tuple(terms), watch, root)


def _terms(fields: Fields | None) -> list[Term]:
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


def _term(fields: Fields, name: str, key_node: Scalar, value: Node) -> Term | None:
    where = fields._full(name)
    reason = one_line_problem(name)
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
    sub = Fields.of(value, fields.path, fields.problems, where)
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
                if isinstance(item, Scalar) and not item.is_null and visible(item.value)
            ]
    for index, form in enumerate(term.forms):
        if normalise(form) != normalise(term.term) and index < len(places):
            yield form, places[index]


def _report_repeated_watch(fields: Fields) -> None:
    entry = fields.node.entries.get("watch")
    if entry is None or not isinstance(entry[1], Sequence):
        return
    seen: dict[str, int] = {}
    for item in entry[1].items:
        if not isinstance(item, Scalar) or item.is_null:
            continue
        word = form_key(item.value)
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
    pattern = whole_words(watched)
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
        key = form_key(word)
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
    from orientation.content.yamlnodes import parse_yaml, read_text

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
            used = form_key(match.group())
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
    pattern = whole_words([word])
    last = min(len(lines), scalar.line + scalar.value.count("\n") + len(scalar.value.split()) + 1)
    start = scalar.column - 1
    for index in range(scalar.line - 1, last):
        match = pattern.search(lines[index], start)
        if match:
            return index + 1, match.start() + 1
        start = 0
    return scalar.line, scalar.column  # the word is cut across two lines


# --- The sigle rule (orientation check) ------------------------------------------------

# Sigles that read as plain French words: `check` asks no definition for them.
PLAIN_FILE = "mots-courants.yaml"
# A word in capitals, digits allowed after its first letter (BTS, DEASS, T2, ÉTAT): a
# candidate sigle. Lowercase, or a capital then lowercase (« Pôle »), is not one. The
# capital comes before the look back: five times faster than a look back first.
_CAPITALS = re.compile(r"[A-ZÀ-ÖØ-Þ](?<!\w[A-ZÀ-ÖØ-Þ])[A-ZÀ-ÖØ-Þ0-9]+(?!\w)")
# Not sigles: Roman numerals of I, V and X only (« niveaux I à II » ; CDI would be one
# too with C and D) and ROME codes (K1201).
_NOT_SIGLES = re.compile(r"[IVX]+|[A-N][0-9]{4}")


def read_plain_words(root: Path, problems: list[Problem]) -> frozenset[str]:
    """The words of mots-courants.yaml (none when it is absent), as written."""
    path = root / PLAIN_FILE
    if not os.path.lexists(path) or refuse_outside(path, problems):
        return frozenset()
    node = read_mapping(path, problems)
    if node is None:
        return frozenset()
    f = Fields(node, path, problems, "")
    words = f.texts("mots", one_line=True)
    f.finish()
    return frozenset(form_key(word) for word in words)


def sigle_problems(
    glossary: Glossary, plain: frozenset[str], fiche_paths: Iterable[Path]
) -> list[Problem]:
    """Each sigle a fiche writes that the glossary does not define (by a name or a form,
    or inside a longer form the text uses: « DE ASS ») and mots-courants.yaml does not
    list, at the line and column of its first use in each text. Watched terms are left
    to watch_problems. Only in a content folder that has a glossary."""
    if glossary.root is None or not (glossary.root / FILE).is_file():
        return []
    names = {form_key(name) for term in glossary.terms for name in (term.term, *term.forms)}
    explained = names | plain | {form_key(word) for word in glossary.watch}
    problems: list[Problem] = []
    for path in fiche_paths:
        problems += _sigles(glossary, explained, path)
    return problems


def _sigles(glossary: Glossary, explained: set[str] | frozenset[str], path: Path) -> list[Problem]:
    from orientation.content.yamlnodes import parse_yaml, read_text

    try:
        source = read_text(path, regular=True)
        # Most fiches use only defined sigles: their YAML is not parsed again.
        if all(_explained(m.group(), explained) for m in _CAPITALS.finditer(source)):
            return []
        node = parse_yaml(source, path, [])
    except ContentError:
        return []  # said by the loader
    lines = source.splitlines()
    problems = []
    for scalar in _fiche_texts(node):
        seen: set[str] = set()
        for match in _CAPITALS.finditer(scalar.value):
            word = match.group()
            if word in seen or _explained(word, explained):
                continue
            if _inside_a_form(glossary, scalar.value, match):
                continue
            seen.add(word)
            line, column = _locate(lines, scalar, word)
            message = (
                f"« {word} » est un sigle sans définition : l'ajouter au glossaire ({FILE}, "
                f"sous « terms: ») avec une définition d'une ligne, ou, s'il se lit comme un "
                f"mot courant, à {PLAIN_FILE}"
            )
            problems.append(Problem(path, line, column, message))
    return problems


def _explained(word: str, explained: set[str] | frozenset[str]) -> bool:
    return word in explained or _NOT_SIGLES.fullmatch(word) is not None


def _inside_a_form(glossary: Glossary, text: str, match: re.Match[str]) -> bool:
    """*match* (a sigle) is a word of a longer form of the glossary that *text* uses
    there (« ASS » in « DE ASS »)."""
    word = match.group()
    for term in glossary.terms:
        for form in term.forms:
            if word in form.split() and form_key(form) != word:
                for used in whole_words([form]).finditer(text):
                    if used.start() <= match.start() and match.end() <= used.end():
                        return True
    return False


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
