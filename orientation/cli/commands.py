"""What `list`, `show`, `compare`, `classe` and `glossaire` do once their command line
is read; and the plain command lines that are read without typer.

Loading typer and building its command tree takes about 35 ms, half of what `show`
costs (docs/performance.md). The forms people type most, `orientation list`,
`orientation show MÉTIER` and `orientation compare MÉTIER MÉTIER…` with nothing else
on the line, need no parser: `plain_command` recognises them and the entry point runs
them at once. Anything else (an option, a dash, a missing name, shell completion)
goes through typer, whose commands (orientation.cli) call the same functions here.
tests/test_commands.py runs every plain form both ways and compares the results.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from orientation.content.model import Catalogue

# Command: how many names it takes on a plain line (at least, at most). `compare`
# without names asks for them in a checkbox: typer's path.
PLAIN_COMMANDS = {"list": (0, 0), "show": (1, 1), "compare": (1, None)}
# Set by the shell when it asks typer for completions.
COMPLETION_VARIABLE = "_ORIENTATION_COMPLETE"


def plain_command(args: Sequence[str], environ: Mapping[str, str]) -> Callable[[], None] | None:
    """What to run for the command line *args* when it is a plain form, else None.

    A name starting with a dash may be an option, and click expands wildcards, `~`
    and environment variables on Windows: all are left to typer."""
    if not args or COMPLETION_VARIABLE in environ:
        return None
    command, *names = args
    limits = PLAIN_COMMANDS.get(command)
    if limits is None:
        return None
    least, most = limits
    if len(names) < least or (most is not None and len(names) > most):
        return None
    if any(name.startswith("-") or any(c in name for c in "*?[~$%") for name in names):
        return None

    def run() -> None:
        from orientation.content.model import content_root

        root = content_root()
        if command == "list":
            list_occupations(root)
        elif command == "show":
            show(root, names[0])
        else:
            compare(root, names)

    return run


def catalogue(root: Path) -> Catalogue:
    """The catalogue of *root*; the files skipped while reading it are said on stderr."""
    from orientation import output
    from orientation.content.catalogue import load_catalogue

    read = load_catalogue(root)
    if read.warnings:
        err = output.console(stderr=True)
        for warning in read.warnings:
            err.print(output.text(f"Attention : {warning}", "yellow"), soft_wrap=True)
    return read


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


def one_format(
    *, as_json: bool, markdown: bool, html: bool = False, csv: bool | None = None
) -> None:
    """Refuse two formats at once (--json, --markdown, --html, and --csv where the command
    has it, *csv* not None): each command writes one."""
    offered = [("--json", as_json), ("--markdown", markdown), ("--html", html)]
    if csv is not None:
        offered.append(("--csv", csv))
    chosen = [name for name, on in offered if on]
    if len(chosen) > 1:
        from orientation.errors import UsageError

        if len(chosen) == 2:
            raise UsageError(f"choisir {chosen[0]} ou {chosen[1]}, pas les deux.")
        names = [name for name, _ in offered]
        raise UsageError(f"choisir un seul format parmi {', '.join(names[:-1])} et {names[-1]}.")


def list_occupations(root: Path, *, as_json: bool = False) -> None:
    from orientation import output
    from orientation.views import fiche
    from orientation.writers import terminal

    listed = catalogue(root)
    if as_json:
        print_json(fiche.catalogue_data(listed))
    else:
        output.console().print(terminal.catalogue_table(listed))


def show(
    root: Path,
    name: str,
    *,
    as_json: bool = False,
    markdown: bool = False,
    html: bool = False,
    brief: bool = False,
    sources: bool = False,
) -> None:
    """One fiche; *brief*: « L'essentiel » only; *sources*: with the authors' notes."""
    from orientation import output

    one_format(as_json=as_json, markdown=markdown, html=html)
    if brief and (sources or as_json):
        from orientation.errors import UsageError

        other = "--sources" if sources else "--json"
        raise UsageError(f"--bref montre l'essentiel de la fiche : il ne va pas avec {other}.")
    shown = catalogue(root)
    fiche = shown.find(name)
    if as_json:
        from orientation.views.fiche import fiche_data

        print_json(fiche_data(fiche))
        return
    from orientation.content.catalogue import load_glossary

    terms = load_glossary(root)
    if html:
        from orientation.writers.html import fiche_html

        print_html(fiche_html(fiche, shown, brief=brief, authoring=sources, glossary=terms))
    elif markdown:
        from orientation.writers.markdown import fiche_markdown

        handout = fiche_markdown(fiche, shown, brief=brief, authoring=sources, glossary=terms)
        print_markdown(handout)
    else:
        from orientation.writers.terminal import fiche_renderable

        view = fiche_renderable(fiche, shown, brief=brief, authoring=sources, glossary=terms)
        output.console().print(view)


def compare(
    root: Path,
    names: Sequence[str],
    *,
    pick: Callable[[Catalogue], Sequence[str]] | None = None,
    results: Path | None = None,
    as_json: bool = False,
    markdown: bool = False,
    html: bool = False,
) -> None:
    """Compare the occupations *names*; none named: *pick* them from the catalogue."""
    from orientation import output
    from orientation.views import comparison
    from orientation.writers import columns

    one_format(as_json=as_json, markdown=markdown, html=html)
    compared_in = catalogue(root)
    outcome = None
    if results is not None:  # read first: a bad file is said before any occupation is picked
        from orientation.results import evaluation

        outcome = evaluation.reevaluate(results, compared_in)
    if not names and pick is not None:
        names = pick(compared_in)
    fiches = comparison.pick(compared_in, list(names))
    terms = None
    if not as_json:
        from orientation.content.catalogue import load_glossary

        terms = load_glossary(root)
    compared = comparison.compare(fiches, compared_in, outcome, terms)
    if as_json:
        print_json(comparison.data(compared))
    elif html:
        from orientation.writers.html import compare_html

        print_html(compare_html(compared))
    elif markdown:
        print_markdown(columns.markdown(compared))
    else:
        output.console().print(columns.renderable(compared))


def class_overview(
    root: Path,
    paths: Sequence[Path],
    *,
    as_json: bool = False,
    markdown: bool = False,
    html: bool = False,
    csv: bool = False,
) -> None:
    """`classe`: the results in *paths* (files, or folders of them) read together."""
    from orientation import output
    from orientation.errors import OrientationError, shown_path
    from orientation.results import classroom
    from orientation.views import classview
    from orientation.writers import terminal

    one_format(as_json=as_json, markdown=markdown, html=html, csv=csv)
    overview = classroom.read_class(paths, catalogue(root))
    if as_json:
        print_json(classview.class_data(overview))
    elif html:
        from orientation.writers.html import class_html

        print_html(class_html(overview))
    elif markdown:
        from orientation.writers.markdown import class_markdown

        print_markdown(class_markdown(overview))
    elif csv:
        # A file format, not text for this terminal: UTF-8 with its mark, whatever the locale.
        from orientation.writers.csv import class_csv

        data = ("\ufeff" + class_csv(overview)).encode("utf-8")
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        err = output.console(stderr=True)
        for unread in overview.unread:
            err.print(output.text(f"Non lu : {shown_path(unread.path)} : {unread.reason}"))
    else:
        output.console().print(terminal.class_renderable(overview))
    if not overview.students:
        raise OrientationError("aucun résultat n'a pu être lu (les raisons sont ci-dessus).")


def glossary(root: Path, name: str | None = None, *, as_json: bool = False) -> None:
    """`glossaire`: the whole glossary of *root*, or the term *name*."""
    from orientation import output
    from orientation.content.catalogue import load_glossary
    from orientation.views import glossaryview

    read = load_glossary(root)
    term = None if name is None else read.find(name)
    if as_json:
        print_json(glossaryview.glossary_data(read) if term is None else term.data())
    elif term is None:
        output.console().print(glossaryview.glossary_renderable(read))
    else:
        output.console().print(glossaryview.term_renderable(term))
