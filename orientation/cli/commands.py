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


def list_occupations(root: Path, *, as_json: bool = False) -> None:
    from orientation import writers

    writers.write(writers.chosen(json=as_json), "catalogue", catalogue(root))


def show(
    root: Path,
    name: str,
    *,
    as_json: bool = False,
    markdown: bool = False,
    html: bool = False,
    brief: bool = False,
    sources: bool = False,
    paged: bool = True,
) -> None:
    """One fiche; *brief*: « L'essentiel » only; *sources*: with the authors' notes;
    *paged*: through the pager when longer than the terminal (cli/pager.py)."""
    from orientation import writers

    chosen = writers.chosen(json=as_json, markdown=markdown, html=html)
    if brief and (sources or as_json):
        from orientation.errors import UsageError

        other = "--sources" if sources else "--json"
        raise UsageError(f"--bref montre l'essentiel de la fiche : il ne va pas avec {other}.")
    shown = catalogue(root)
    fiche = shown.find(name)
    terms = None
    if chosen != "json":  # JSON gives the fiche's own fields, no glossary
        from orientation.content.catalogue import load_glossary

        terms = load_glossary(root)
    options = {"brief": brief, "authoring": sources, "glossary": terms}
    _write(chosen, "fiche", fiche, shown, paged=paged, what="la fiche : elle suit", **options)


def compare(
    root: Path,
    names: Sequence[str],
    *,
    pick: Callable[[Catalogue], Sequence[str]] | None = None,
    results: Path | None = None,
    as_json: bool = False,
    markdown: bool = False,
    html: bool = False,
    paged: bool = True,
) -> None:
    """Compare the occupations *names*; none named: *pick* them from the catalogue;
    *paged*: through the pager when longer than the terminal (cli/pager.py)."""
    from orientation import writers
    from orientation.views import comparison

    chosen = writers.chosen(json=as_json, markdown=markdown, html=html)
    compared_in = catalogue(root)
    outcome = None
    if results is not None:  # read first: a bad file is said before any occupation is picked
        from orientation.results import evaluation

        outcome = evaluation.reevaluate(results, compared_in)
    if not names and pick is not None:
        names = pick(compared_in)
    fiches = comparison.pick(compared_in, list(names))
    terms = None
    if chosen != "json":
        from orientation.content.catalogue import load_glossary

        terms = load_glossary(root)
    compared = comparison.compare(fiches, compared_in, outcome, terms)
    _write(chosen, "comparison", compared, paged=paged, what="la comparaison : elle suit")


def _write(chosen: str, document: str, *view: Any, paged: bool, what: str, **options: Any) -> None:
    """writers.write; on a terminal, through the pager when the text is longer than it
    and a pager is wanted (cli/pager.py, imported only when stdout is a terminal)."""
    import sys

    from orientation import writers

    if paged and chosen == "terminal" and sys.stdout is not None and sys.stdout.isatty():
        from orientation.cli import pager

        if pager.wanted():
            from orientation.output import console

            renderable = writers.writer(chosen, document)(*view, **options)
            pager.page(console(), renderable, what)
            return
    writers.write(chosen, document, *view, **options)


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
    from orientation import output, writers
    from orientation.errors import OrientationError, shown_path
    from orientation.results import classroom

    chosen = writers.chosen(json=as_json, markdown=markdown, html=html, csv=csv)
    overview = classroom.read_class(paths, catalogue(root))
    writers.write(chosen, "overview", overview)
    if chosen == "csv":  # a table has no room for them: said beside it
        err = output.console(stderr=True)
        for duplicate in overview.duplicates:
            kept = shown_path(duplicate.kept.path)
            for again in duplicate.again:
                err.print(
                    output.text(
                        f"En double : {shown_path(again.path)} : même résultat que {kept}, "
                        "compté une fois"
                    )
                )
        for unread in overview.unread:
            err.print(output.text(f"Non lu : {shown_path(unread.path)} : {unread.reason}"))
    if not overview.students:
        raise OrientationError("aucun résultat n'a pu être lu (les raisons sont ci-dessus).")


def glossary(root: Path, name: str | None = None, *, as_json: bool = False) -> None:
    """`glossaire`: the whole glossary of *root*, or the term *name*."""
    from orientation import writers
    from orientation.content.catalogue import load_glossary

    read = load_glossary(root)
    chosen = writers.chosen(json=as_json)
    if name is None:
        writers.write(chosen, "glossary", read)
    else:
        writers.write(chosen, "term", read.find(name))
