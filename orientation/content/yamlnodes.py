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
# Seconds a pipe may stay silent before its reading is given up (read_text).
PIPE_IDLE = 20.0


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


def read_yaml(path: Path, problems: list[Problem] | None = None, *, regular: bool = False) -> Node:
    """Parse the file at *path* into nodes; raise ContentError naming the place.

    With *problems*, duplicate keys are appended there and parsing goes on (the first
    value is kept), so that the file's other problems can be found too. With
    *regular*, anything but a regular file is refused: a FIFO among the content files
    would block forever (an answer file, on the contrary, may come from a pipe).
    """
    return parse_yaml(read_text(path, regular=regular), path, problems)


def read_text(path: Path, *, regular: bool = False) -> str:
    """The UTF-8 text of a file someone names for reading, of at most MAX_BYTES; raise
    ContentError naming the place.

    The one rule for every such file (content, answers, results): a regular file, or
    without *regular* a pipe (`report <(…)`, `/dev/stdin` from a pipe), read whole but
    bounded. Anything else, a terminal, a device, a folder or a socket, is refused
    before a byte is read: a terminal or a socket read without waiting gives nothing
    (None), and waiting would hang. A FIFO nobody writes to is said at once.
    """
    import os
    import stat

    try:
        # Said before opening: opening a device may do something (a tape rewinds).
        _refuse_unless_file(path, os.stat(path).st_mode, regular)
        # Opened without waiting: a FIFO nobody writes to would block open() forever.
        # One that has a writer is read like a pipe (`report <(…)`), as cat does.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        with open(os.open(path, flags), "rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            _refuse_unless_file(path, mode, regular)  # replaced since the stat above
            fifo = stat.S_ISFIFO(mode)
            # Bounded read: a pipe that never ends must not exhaust memory.
            data = _read_pipe(handle.fileno(), path) if fifo else handle.read(MAX_BYTES + 1)
    except OSError as exc:
        message = f"lecture impossible : {os_reason(exc)}"
        raise ContentError([Problem(path, None, None, message)]) from None
    if fifo and not data:
        message = "tube nommé (FIFO) où personne n'écrit : il n'y a rien à lire"
        raise ContentError([Problem(path, None, None, message)])
    if len(data) > MAX_BYTES:
        message = f"fichier trop volumineux (maximum {MAX_BYTES // 1024} Kio)"
        raise ContentError([Problem(path, None, None, message)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        message = (
            "caractère illisible : le fichier doit être enregistré en UTF-8 "
            "(dans l'éditeur : « Enregistrer sous », encodage UTF-8)"
        )
        raise ContentError([Problem(path, line, column, message)]) from None
    return text


def _read_pipe(fd: int, path: Path) -> bytes:
    """What a pipe holds, up to MAX_BYTES + 1: read until its writers close it, but never
    wait more than PIPE_IDLE seconds for the next bytes (a FIFO someone holds open
    without writing would hang the command). With no writer, the end comes at once."""
    import os
    import select

    chunks: list[bytes] = []
    size = 0
    while size <= MAX_BYTES:
        try:
            chunk = os.read(fd, 64 * 1024)  # the descriptor is non-blocking
        except BlockingIOError:  # a writer, nothing written yet
            if not select.select([fd], [], [], PIPE_IDLE)[0]:
                message = (
                    f"tube nommé (FIFO) où rien n'arrive depuis {PIPE_IDLE:g} secondes : "
                    "un programme le tient ouvert sans y écrire"
                )
                raise ContentError([Problem(path, None, None, message)]) from None
            continue
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _refuse_unless_file(path: Path, mode: int, regular: bool) -> None:
    """Raise ContentError unless *mode* is a regular file's, or a FIFO's when *regular*
    is False, saying what it is instead."""
    import stat

    if stat.S_ISREG(mode) or (stat.S_ISFIFO(mode) and not regular):
        return
    if stat.S_ISDIR(mode):
        what = "un dossier"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "un périphérique (un terminal, /dev/null, un disque…)"
    elif stat.S_ISSOCK(mode):
        what = "une socket (un point de connexion entre programmes)"
    elif stat.S_ISFIFO(mode):
        what = "un tube nommé (FIFO)"
    else:
        what = None
    message = "ce n'est pas un fichier ordinaire" + (f", mais {what}" if what else "")
    raise ContentError([Problem(path, None, None, message)])


def parse_yaml(text: str, path: Path, problems: list[Problem] | None = None) -> Node:
    """Build the node tree of a single-document YAML text (see read_yaml)."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found: list[Problem] = []
    loader = None
    try:
        loader = loader_class(text)  # the pure-Python reader checks characters here
        node = _build(loader, path, found)
    except yaml.reader.ReaderError as exc:
        raise ContentError([_reader_problem(exc, text, path)]) from None
    except yaml.MarkedYAMLError as exc:
        raise ContentError([syntax_problem(exc, text, path)]) from None
    except yaml.YAMLError as exc:
        message = f"syntaxe YAML invalide ({exc})".replace("\n", " ")
        raise ContentError([Problem(path, None, None, message)]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if problems is not None:
        problems.extend(found)
    elif found:
        raise ContentError(found)
    return node


def _reader_problem(exc: Any, text: str, path: Path) -> Problem:
    """A character YAML refuses (control characters, often pasted from a PDF)."""
    position = min(max(exc.position, 0), len(text))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    message = (
        f"caractère de contrôle interdit (U+{exc.character:04X}), souvent collé depuis un "
        "PDF ou un traitement de texte : le supprimer"
    )
    return Problem(path, line, column, message)


# PyYAML's (and libyaml's) messages, in English and written for programmers, said
# again in French for whoever writes content: (part of the problem, or of the context
# when the problem alone is too vague; whether to point at the context mark; message).
_SYNTAX_MESSAGES: tuple[tuple[str, bool, str], ...] = (
    (
        "mapping values are not allowed",
        False,
        "deux-points inattendu : un texte qui contient « : » doit être mis entre "
        'guillemets ("…"), sinon vérifier l\'indentation de la ligne',
    ),
    ("tab character", False, "tabulation interdite : indenter avec des espaces"),
    (
        "unknown escape character",
        False,
        "« \\ » inattendu entre guillemets doubles : l'écrire « \\\\ », ou mettre le texte "
        "entre guillemets simples",
    ),
    (
        "while scanning an alias",
        True,
        "un texte qui commence par « * » doit être mis entre guillemets (en YAML, « *nom » "
        "désigne un alias)",
    ),
    (
        "while scanning an anchor",
        True,
        "un texte qui commence par « & » doit être mis entre guillemets (en YAML, « &nom » "
        "désigne une ancre)",
    ),
    ("'\\t'", False, "tabulation interdite : indenter avec des espaces"),
    (
        "could not find expected ':'",
        True,
        "deux-points manquant : chaque ligne d'un ensemble de champs s'écrit « champ: valeur »",
    ),
    (
        "while scanning a quoted scalar",
        True,
        "guillemet ouvert ici et jamais refermé",
    ),
    (
        "cannot start any token",
        False,
        "un texte ne peut pas commencer par « {char} » : le mettre entre guillemets",
    ),
    (
        "while scanning a block scalar",
        False,
        "après « | » ou « > », rien d'autre sur la ligne : le texte commence à la ligne suivante",
    ),
    (
        "while parsing a flow",
        True,
        "crochet « [ » ou accolade « { » ouvert ici et jamais refermé",
    ),
    (
        "expected <block end>",
        False,
        "ligne inattendue à cet endroit : vérifier l'indentation (les champs d'un même niveau "
        "commencent à la même colonne) et les guillemets",
    ),
    (
        "did not find expected key",
        False,
        "ligne inattendue à cet endroit : vérifier l'indentation (les champs d'un même niveau "
        "commencent à la même colonne) et les guillemets",
    ),
    (
        "did not find expected '-' indicator",
        False,
        "élément de liste attendu (« - ») : vérifier l'indentation",
    ),
    (
        "expected '-'",
        False,
        "élément de liste attendu (« - ») : vérifier l'indentation",
    ),
    # libyaml 0.2.5 as built into PyYAML 6.0.4 stops at 1 000 levels itself, before the
    # event that would have reached our own MAX_DEPTH (its scanner reads the brackets
    # ahead); the reader's message is then said the same way as ours.
    (
        "exceeded maximum nesting depth",
        False,
        f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)",
    ),
)


def syntax_problem(exc: Any, text: str, path: Path) -> Problem:
    """A YAML syntax error said in French, at the line and column where it can be fixed."""
    problem = exc.problem or ""
    context = exc.context or ""
    known = next(
        (
            (at, french)
            for needle, at, french in _SYNTAX_MESSAGES
            if needle in problem or needle in context
        ),
        None,
    )
    if known is None:
        mark = exc.problem_mark or exc.context_mark
        # A message we have not translated yet: say so in French, and quote the
        # reader's own words (in English) so that the author can still act on them.
        said = problem or context
        french = "syntaxe YAML invalide" + (
            f" (le lecteur YAML dit, en anglais : « {said} »)" if said else ""
        )
    else:
        at_context, french = known
        mark = (exc.context_mark if at_context else None) or exc.problem_mark
    if mark is None:
        return Problem(path, None, None, french)
    if "{char}" in french:
        lines = text.splitlines()
        line_text = lines[mark.line] if mark.line < len(lines) else ""
        char = line_text[mark.column : mark.column + 1] or "?"
        french = (
            "tabulation interdite : indenter avec des espaces"
            if char == "\t"
            else french.format(char=char)
        )
    return Problem(path, mark.line + 1, mark.column + 1, french)


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

    duplicate: bool = False  # the value about to come belongs to a duplicate key

    def add(self, node: Node, path: Path, problems: list[Problem]) -> None:
        if not self.is_mapping:
            self.items.append(node)
        elif self.key is not None:
            if not self.duplicate:  # of two values for one key, the first is kept
                self.entries[self.key.value] = (self.key, node)
            self.key, self.duplicate = None, False
        elif not isinstance(node, Scalar):
            raise _problem(path, node.line, node.column, "une clé doit être un simple texte")
        else:
            if node.value in self.entries:
                first = self.entries[node.value][0].line
                message = f"clé « {node.value} » en double (déjà ligne {first})"
                problems.append(Problem(path, node.line, node.column, message))
                self.duplicate = True
            self.key = node


def _problem(path: Path, line: int, column: int, message: str) -> ContentError:
    return ContentError([Problem(path, line, column, message)])


def _build(loader: Any, path: Path, problems: list[Problem]) -> Node:
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
            message = (
                "les alias YAML (*nom) ne sont pas acceptés ; un texte qui commence par « * » "
                "se met entre guillemets"
            )
            raise _problem(path, line, column, message)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            message = (
                f"les ancres YAML (&{anchor}) ne sont pas acceptées ; un texte qui commence "
                "par « & » se met entre guillemets"
            )
            raise _problem(path, line, column, message)
        tag = getattr(event, "tag", None)
        if tag is not None:
            message = (
                f"les étiquettes YAML ({tag}) ne sont pas acceptées ; un texte qui commence "
                "par « ! » se met entre guillemets"
            )
            raise _problem(path, line, column, message)

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
            stack[-1].add(node, path, problems)
        else:
            root = node

    if root is None:
        raise ContentError([Problem(path, 1, 1, "fichier vide")])
    return root
