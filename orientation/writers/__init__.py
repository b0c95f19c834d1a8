"""The writers, one module per format, and the registry that says which function writes
each document in each format and how a format reaches stdout.

A command names the format chosen on its line (`chosen`) and the document it writes,
with the view it has made: `write("markdown", "fiche", fiche, catalogue, brief=True)`.
Adding a format: one module in this package, one entry in DOCUMENTS and EMITTERS, its
option in cli/app.py (tests/test_writers.py checks that every entry exists).

A format's module is imported when that format is written, never before: `show` loads
neither Jinja2 (--html) nor the Markdown writer.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

# Format -> document -> "module.function" in this package. The documents take the same
# arguments in every format:
#   catalogue(catalogue)                            `list`
#   fiche(fiche, catalogue, *, brief, authoring, glossary)
#   comparison(comparison)                          a views.comparison.Comparison
#   overview(overview)                              a class (results.classroom.Overview)
#   results(outcome, *, saved)                      a scored quiz (results.outcome.Outcome)
#   glossary(glossary), term(term)                  `glossaire`, whole or one term
DOCUMENTS: dict[str, dict[str, str]] = {
    "terminal": {
        "catalogue": "terminal.catalogue_table",
        "fiche": "terminal.fiche_renderable",
        "comparison": "columns.renderable",
        "overview": "terminal.class_renderable",
        "results": "terminal.results_renderable",
        "glossary": "terminal.glossary_renderable",
        "term": "terminal.term_renderable",
    },
    "markdown": {
        "fiche": "markdown.fiche_markdown",
        "comparison": "columns.markdown",
        "overview": "markdown.class_markdown",
        "results": "markdown.results_markdown",
    },
    "html": {
        "fiche": "html.fiche_html",
        "comparison": "html.compare_html",
        "overview": "html.class_html",
        "results": "html.results_html",
    },
    "json": {
        "catalogue": "json.catalogue",
        "fiche": "json.fiche",
        "comparison": "json.comparison",
        "overview": "json.overview",
        "results": "json.results",
        "glossary": "json.glossary",
        "term": "json.term",
    },
    "csv": {"overview": "csv.class_csv"},
}

# The options that choose a format, in the order a usage error names them.
OPTIONS = {"json": "--json", "markdown": "--markdown", "html": "--html", "csv": "--csv"}


def chosen(**options: bool | None) -> str:
    """The format the options ask for (`chosen(json=False, markdown=True, html=False)`):
    the terminal when none is; a UsageError when more than one is. An option the
    command does not have is None."""
    on = [name for name, value in options.items() if value]
    if len(on) > 1:
        from orientation.errors import UsageError

        names = [OPTIONS[name] for name in on]
        if len(on) == 2:
            raise UsageError(f"choisir {names[0]} ou {names[1]}, pas les deux.")
        offered = [OPTIONS[name] for name, value in options.items() if value is not None]
        raise UsageError(
            f"choisir un seul format parmi {', '.join(offered[:-1])} et {offered[-1]}."
        )
    return on[0] if on else "terminal"


def writer(format_name: str, document: str) -> Callable[..., Any]:
    """The function that writes *document* in *format_name*, its module imported now."""
    module, _, function = DOCUMENTS[format_name][document].partition(".")
    found: Callable[..., Any] = getattr(_module(module), function)
    return found


def _module(name: str) -> ModuleType:
    # Plain import statements, not importlib: the import graph (tests/test_layers.py,
    # lint-imports) and `python -X importtime` see them.
    if name == "terminal":
        from orientation.writers import terminal

        return terminal
    if name == "columns":
        from orientation.writers import columns

        return columns
    if name == "markdown":
        from orientation.writers import markdown

        return markdown
    if name == "html":
        from orientation.writers import html

        return html
    if name == "json":
        from orientation.writers import json

        return json
    if name == "csv":
        from orientation.writers import csv

        return csv
    raise KeyError(name)


def write(format_name: str, document: str, *view: Any, **options: Any) -> None:
    """Write *document*, made from *view*, in *format_name* on stdout."""
    EMITTERS[format_name](writer(format_name, document)(*view, **options))


def print_terminal(renderable: Any) -> None:
    from orientation.output import console

    console().print(renderable)


def print_json(data: Any) -> None:
    """*data* as JSON on stdout; escaped to ASCII when stdout is not UTF-8
    (PYTHONIOENCODING=ascii), so that it stays valid JSON and loses nothing."""
    from orientation.output import to_json, writes_unicode

    sys.stdout.write(to_json(data, ascii_only=not writes_unicode(sys.stdout)))


def print_markdown(text: str) -> None:
    """*text* on stdout, whole or not at all: a handout with « ? » for « é » is refused."""
    if not _encodable(text):
        from orientation.errors import OrientationError

        raise OrientationError(
            f"la sortie standard est en {sys.stdout.encoding} et ne peut pas écrire ce Markdown "
            "sans l'abîmer : relancer avec PYTHONIOENCODING=utf-8, ou utiliser --json."
        )
    sys.stdout.write(text)


def _encodable(text: str) -> bool:
    from orientation.output import writes_unicode

    if writes_unicode(sys.stdout):
        return True
    try:
        text.encode(sys.stdout.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def print_html(page: str) -> None:
    """*page* on stdout; a stream that is not UTF-8 gets ASCII with character references
    (« &#233; »), which every browser reads back as the same page."""
    if not writes_utf8(sys.stdout):
        page = page.encode("ascii", "xmlcharrefreplace").decode("ascii")
    sys.stdout.write(page)


def writes_utf8(stream: object) -> bool:
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"
    except LookupError:
        return False


def print_csv(table: str) -> None:
    """A file format, not text for this terminal: UTF-8 with its byte order mark, whatever
    the locale (Excel in France reads « Élève » right only so)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(("\ufeff" + table).encode("utf-8"))


EMITTERS: dict[str, Callable[[Any], None]] = {
    "terminal": print_terminal,
    "markdown": print_markdown,
    "html": print_html,
    "json": print_json,
    "csv": print_csv,
}
