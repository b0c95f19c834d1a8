"""Read one YAML file into located plain nodes, refusing what content never needs.

PyYAML's loaders turn `no` into False, `2024-01-01` into a date, silently keep the
last of two duplicate keys, expand aliases and construct arbitrary tags. Content
files need none of that, so we build the tree from the parser's events ourselves:
every scalar stays a string (the schema decides what is a number), each node keeps
its line and column, and anchors, aliases, explicit tags, duplicate keys, several
documents and deep nesting are reported as problems instead of being honoured.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orientation.errors import ContentError, Problem, os_reason

MAX_BYTES = 256 * 1024
MAX_DEPTH = 20


@dataclass(frozen=True, slots=True)
class Scalar:
    value: str
    line: int
    column: int
    plain: bool  # unquoted: an empty plain scalar or `~`/`null` means "no value"

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in ("", "~", "null", "Null", "NULL")


@dataclass(frozen=True, slots=True)
class Sequence:
    items: tuple[Node, ...]
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Mapping:
    # key text -> (key scalar, value node), in file order
    entries: dict[str, tuple[Scalar, Node]]
    line: int
    column: int


Node = Scalar | Sequence | Mapping

_NAMES = {Scalar: "un texte", Sequence: "une liste", Mapping: "un ensemble de champs"}


def describe(node: Node) -> str:
    """French name of a node's kind, for error messages."""
    return _NAMES[type(node)]


def read_yaml(path: Path) -> Node:
    """Parse the file at *path* into nodes; raise ContentError naming the place."""
    try:
        # Bounded read: a device such as /dev/zero must not exhaust memory.
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        message = f"lecture impossible : {os_reason(exc)}"
        raise ContentError([Problem(path, None, None, message)]) from None
    if len(data) > MAX_BYTES:
        message = f"fichier trop volumineux (maximum {MAX_BYTES // 1024} Kio)"
        raise ContentError([Problem(path, None, None, message)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = f"octets invalides : le fichier doit être encodé en UTF-8 (octet {exc.start})"
        raise ContentError([Problem(path, line, None, message)]) from None
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path) -> Node:
    """Build the node tree of a single-document YAML text."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        return _build(loader, path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "erreur"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        message = f"syntaxe YAML invalide : {problem}"
        raise ContentError([Problem(path, line, column, message)]) from None
    except yaml.YAMLError as exc:
        message = f"syntaxe YAML invalide : {exc}"
        raise ContentError([Problem(path, None, None, message)]) from None
    finally:
        loader.dispose()


@dataclass
class _Frame:
    """A collection whose end event has not been read yet."""

    is_mapping: bool
    line: int
    column: int
    items: list[Node] = field(default_factory=list)
    entries: dict[str, tuple[Scalar, Node]] = field(default_factory=dict)
    key: Scalar | None = None

    def close(self) -> Node:
        if self.is_mapping:
            return Mapping(self.entries, self.line, self.column)
        return Sequence(tuple(self.items), self.line, self.column)

    def add(self, node: Node, path: Path) -> None:
        if not self.is_mapping:
            self.items.append(node)
        elif self.key is not None:
            self.entries[self.key.value] = (self.key, node)
            self.key = None
        elif not isinstance(node, Scalar):
            raise _problem(path, node.line, node.column, "une clé doit être un simple texte")
        elif node.value in self.entries:
            first = self.entries[node.value][0].line
            message = f"clé « {node.value} » en double (déjà ligne {first})"
            raise _problem(path, node.line, node.column, message)
        else:
            self.key = node


def _problem(path: Path, line: int, column: int, message: str) -> ContentError:
    return ContentError([Problem(path, line, column, message)])


def _build(loader: Any, path: Path) -> Node:
    import yaml

    root: Node | None = None
    documents = 0
    stack: list[_Frame] = []  # open collections, innermost last

    while loader.check_event():
        event = loader.get_event()
        line, column = event.start_mark.line + 1, event.start_mark.column + 1
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                message = "un seul document YAML par fichier (« --- » en trop)"
                raise _problem(path, line, column, message)
            continue
        if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
            continue
        if isinstance(event, yaml.AliasEvent):
            raise _problem(path, line, column, "les alias YAML (*nom) ne sont pas acceptés")
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            message = f"les ancres YAML (&{anchor}) ne sont pas acceptées"
            raise _problem(path, line, column, message)
        tag = getattr(event, "tag", None)
        if tag is not None:
            raise _problem(path, line, column, f"les étiquettes YAML ({tag}) ne sont pas acceptées")

        node: Node
        if isinstance(event, yaml.ScalarEvent):
            node = Scalar(event.value, line, column, plain=not event.style)  # None or "" (C parser)
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if len(stack) >= MAX_DEPTH:
                message = f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)"
                raise _problem(path, line, column, message)
            stack.append(_Frame(isinstance(event, yaml.MappingStartEvent), line, column))
            continue
        else:  # SequenceEndEvent or MappingEndEvent
            node = stack.pop().close()

        if stack:
            stack[-1].add(node, path)
        else:
            root = node

    if root is None:
        raise ContentError([Problem(path, None, None, "fichier vide")])
    return root
