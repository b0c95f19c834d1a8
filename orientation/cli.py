"""The `orientation` command: parse, call one core function, render.

Heavy modules (rich renderables, YAML, questionary) are imported inside the
commands that need them, so `--help` and completion stay fast.
"""

from __future__ import annotations

import sys
from typing import Any

import typer

from orientation.clifr import FrenchCommand, FrenchGroup, FrenchText

app = typer.Typer(
    cls=FrenchGroup,
    name="orientation",
    help=(
        "Découvrir les métiers du social : fiches métier, quiz d'intérêts, comparaisons.\n\n"
        "Exemples :\n\n"
        "  orientation list\n\n"
        "  orientation show coordinateur-social\n\n"
        "  orientation show cesf --markdown > cesf.md"
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


def complete_slug(incomplete: str) -> list[tuple[str, str]]:
    """Shell completion: the slugs (with titles) that start with what was typed."""
    from orientation.content import load_catalogue
    from orientation.errors import OrientationError

    try:
        return load_catalogue().complete(incomplete)
    except OrientationError:
        return []


def _version(value: bool) -> None:
    if value:
        from orientation import __version__

        typer.echo(f"orientation {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        help="Afficher la version et quitter.",
        callback=_version,
        is_eager=True,
    ),
) -> None:
    """Découvrir les métiers du social : fiches métier, quiz d'intérêts, comparaisons."""


@app.command("list", cls=FrenchCommand)
def list_command(
    as_json: bool = typer.Option(
        False, "--json", help="Écrire la liste en JSON (identifiant, titre, résumé, intérêts)."
    ),
) -> None:
    """Lister les métiers décrits, avec leurs centres d'intérêt les plus forts.

    Exemple : orientation list --json
    """
    from orientation import render
    from orientation.content import load_catalogue

    catalogue = load_catalogue()
    if as_json:
        _print_json(render.catalogue_data(catalogue))
        return
    render.console().print(render.catalogue_table(catalogue))


SHOW_HELP = (
    "Afficher la fiche complète d'un métier.\n\n"
    "Les salaires sont ramenés en brut mensuel quand la source le permet, avec le chiffre "
    "d'origine et sa source. Ce que les documents ne disent pas est marqué « non renseigné ».\n\n"
    "Exemples : orientation show coordinateur-social · orientation show cesf --markdown"
)


@app.command("show", cls=FrenchCommand, help=SHOW_HELP)
def show_command(
    slug: str = typer.Argument(
        ...,
        metavar="MÉTIER",
        help="Identifiant du métier (voir « orientation list ») ; majuscules, accents et "
        "alias acceptés : cesf, coordinatrice-sociale…",
        autocompletion=complete_slug,
        click_type=FrenchText(),
        show_default=False,
    ),
    as_json: bool = typer.Option(False, "--json", help="Écrire la fiche en JSON."),
    markdown: bool = typer.Option(
        False, "--markdown", help="Écrire la fiche en Markdown, à imprimer ou à transmettre."
    ),
) -> None:
    """Show one fiche (help text: SHOW_HELP)."""
    from orientation import render
    from orientation.content import load_catalogue
    from orientation.errors import UsageError

    if as_json and markdown:
        raise UsageError("choisir --json ou --markdown, pas les deux.")
    catalogue = load_catalogue()
    fiche = catalogue.find(slug)
    if as_json:
        _print_json(render.fiche_data(fiche))
    elif markdown:
        sys.stdout.write(render.fiche_markdown(fiche, catalogue))
    else:
        render.console().print(render.fiche_renderable(fiche, catalogue))


def _print_json(data: Any) -> None:
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def main() -> None:
    """Console-script entry point."""
    import signal

    if hasattr(signal, "SIGPIPE"):
        # `orientation show … | head -1`: when the reader goes away, stop quietly
        # like any Unix tool instead of raising BrokenPipeError mid-render.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            # A terminal or pipe that cannot encode « é » gets « ? », not a traceback.
            stream.reconfigure(errors="replace")
    if sys.stdout is None:
        from orientation.clifr import report_error

        report_error("la sortie standard est fermée : rien ne peut être affiché.")
        sys.exit(1)
    app()
