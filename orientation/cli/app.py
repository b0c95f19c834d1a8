"""The `orientation` command: parse, call one core function, render.

Heavy modules (rich renderables, YAML, questionary) are imported inside the
commands that need them, so `--help` and completion stay fast. `list`, `show` and
`compare` live in cli/commands.py, whose plain forms (`orientation show MÉTIER`)
run without typer at all.

Longer than our usual module (about 950 lines) on purpose: it is the whole command
line in one place, and most of it is the French help of twelve commands and their
options, which reads best beside the options it describes. The logic is elsewhere.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import typer

from orientation.cli import commands
from orientation.cli.clifr import FrenchCommand, FrenchGroup, FrenchPath, FrenchText

if TYPE_CHECKING:
    from rich.console import Console

    from orientation import quiz
    from orientation.authoring import checks
    from orientation.content.model import Catalogue
    from orientation.errors import Problem
    from orientation.results.outcome import Outcome

app = typer.Typer(
    cls=FrenchGroup,
    name="orientation",
    help=(
        "Découvrir les métiers du social : fiches métier, quiz d'intérêts, comparaisons.\n\n"
        "Exemples : orientation quiz · orientation list · orientation show coordinateur-social · "
        "orientation compare coordinateur-social charge-d-insertion-sociale · "
        "orientation show cesf --markdown > cesf.md"
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


SLUG_TYPE = FrenchText()
PATH_TYPE = FrenchPath()

CONTENT_HELP = (
    "Lire les fiches et les questions dans ce dossier de contenu (tags.yaml, questions.yaml, "
    "glossaire.yaml, "
    "fiches/) au lieu du contenu livré ; en créer un : orientation init DOSSIER. Par défaut : "
    "la variable d'environnement ORIENTATION_CONTENT, si elle est définie."
)


def content_option() -> Any:
    """The --content option, the same on every command (and before the command name)."""
    # readable=False: click would refuse an unreadable folder in English; we say why.
    return typer.Option(
        None,
        "--content",
        metavar="DOSSIER",
        help=CONTENT_HELP,
        show_default=False,
        readable=False,
        click_type=PATH_TYPE,
    )


def _root(content: Path | None) -> Path:
    """The content root: --content after the command, else before it, else the default."""
    from typer._click.globals import get_current_context

    from orientation.content.model import content_root

    if content is None:
        ctx = get_current_context(silent=True)
        if ctx is not None:
            content = _param_path(ctx.find_root().params.get("content"))
    return content_root(content)


def _param_path(value: object) -> Path | None:
    # click keeps the raw text in ctx.params; typer converts it only for the callback.
    return None if value is None else Path(str(value))


def complete_slug(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion: the slugs (with titles) that start with what was typed."""
    return _completions(ctx, incomplete)


def complete_other_slug(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion for `compare`: like complete_slug, without the occupations given."""
    # typer passes no `args`; the occupations already typed are parsed into the context.
    return _completions(ctx, incomplete, ctx.params.get("names") or ())


def _completions(
    ctx: typer.Context, incomplete: str, given: Sequence[str] = ()
) -> list[tuple[str, str]]:
    from orientation.content.catalogue import load_catalogue
    from orientation.content.model import content_root
    from orientation.errors import OrientationError

    content = ctx.params.get("content") or ctx.find_root().params.get("content")
    try:
        catalogue = load_catalogue(content_root(_param_path(content)))
    except OrientationError:
        return []
    taken: set[str] = set()
    for name in given:
        with suppress(OrientationError):
            taken.add(catalogue.entry(name).slug)
    return [(slug, title) for slug, title in catalogue.complete(incomplete) if slug not in taken]


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
    content: Path | None = content_option(),
) -> None:
    """Découvrir les métiers du social : fiches métier, quiz d'intérêts, comparaisons."""


QUIZ_HELP = (
    "Répondre à un court quiz d'intérêts et voir quels métiers vous correspondent, et pourquoi.\n\n"
    "Des activités du travail social à noter de « Pas du tout » à « Tout à fait » (environ "
    "5 minutes ; la liste : orientation questions). La "
    "progression est enregistrée sur cet ordinateur après chaque réponse : Ctrl-C arrête, "
    "--resume reprend. Rien n'est envoyé nulle part.\n\n"
    "Après une question par centre d'intérêt, le quiz choisit celle qui départage le mieux "
    "les métiers en tête, et s'arrête quand votre résultat est acquis : quand toutes les "
    "questions donneraient très probablement le même premier métier, dans la même tranche "
    "(--complet pose toutes les questions, dans l'ordre).\n\n"
    "Exemples : orientation quiz · orientation quiz --save resultats.json · "
    "orientation quiz --answers reponses.yaml --json"
)


@app.command("quiz", cls=FrenchCommand, help=QUIZ_HELP)
def quiz_command(
    resume: bool = typer.Option(
        False, "--resume", help="Reprendre le quiz interrompu à la question où il s'est arrêté."
    ),
    plain: bool = typer.Option(
        False,
        "--plain",
        help="Poser les questions en listes numérotées, une réponse par ligne (sans flèches : "
        "lecteur d'écran, réponses redirigées).",
    ),
    answers_file: Path | None = typer.Option(
        None,
        "--answers",
        metavar="FICHIER",
        readable=False,
        click_type=PATH_TYPE,
        help="Lire les réponses dans un fichier YAML ou JSON (identifiant de question : 1 à 5, "
        "ou null) au lieu de poser les questions.",
        show_default=False,
    ),
    as_json: bool = typer.Option(False, "--json", help="Écrire les résultats en JSON."),
    stop: bool = typer.Option(
        False,
        "--arret",
        help="Avec --answers : rejouer le quiz tel qu'il serait posé, question choisie "
        "après question, et l'arrêter là où il s'arrêterait ; les résultats (et --json : "
        "« asked », « stopped », « unasked ») sont ceux du quiz arrêté. Pour vérifier la "
        "règle d'arrêt sur un fichier de réponses.",
    ),
    complete: bool = typer.Option(
        False,
        "--complet",
        help="Poser toutes les questions, dans l'ordre, même quand le résultat est acquis "
        "avant la fin (sans cette option, le quiz choisit ses questions et s'arrête dès que "
        "toutes donneraient très probablement le même premier métier ; voir "
        "docs/methodologie.md). Un quiz "
        "commencé ainsi le reste quand il est repris.",
    ),
    save: Path | None = typer.Option(
        None,
        "--save",
        metavar="FICHIER",
        readable=False,
        click_type=PATH_TYPE,
        help="Enregistrer réponses et résultats en JSON, à relire avec « orientation report ».",
        show_default=False,
    ),
    replace: bool = typer.Option(
        False,
        "--remplacer",
        help="Avec --save : remplacer le fichier s'il existe déjà (sans cette option, un "
        "fichier qui existe n'est jamais remplacé, et c'est dit avant la première question ; "
        "avec --resume : celui demandé au début du quiz).",
    ),
    name: str | None = typer.Option(
        None,
        "--nom",
        metavar="NOM",
        click_type=SLUG_TYPE,
        help="Le nom de l'élève, gardé avec les résultats (sinon demandé quand ils sont "
        "enregistrés à la fin du quiz ; facultatif).",
        show_default=False,
    ),
    group: str | None = typer.Option(
        None,
        "--classe",
        metavar="CLASSE",
        click_type=SLUG_TYPE,
        help="La classe de l'élève, par exemple « 2de B », gardée avec les résultats "
        "(facultatif ; voir orientation classe).",
        show_default=False,
    ),
    content: Path | None = content_option(),
) -> None:
    """Take the quiz (help text: QUIZ_HELP)."""
    from orientation import output, quiz
    from orientation.cli import prompts
    from orientation.content.catalogue import load_questions
    from orientation.content.model import suggested_command
    from orientation.errors import (
        Interrupted,
        OrientationError,
        UsageError,
        printable,
        shell_word,
    )
    from orientation.results import evaluation, progressfile, resultsfile, savetarget
    from orientation.writers import print_json, terminal

    if answers_file is not None and (resume or plain or complete):
        raise UsageError(
            "--answers ne se combine ni avec --resume, ni avec --plain, ni avec --complet."
        )
    if stop and answers_file is None:
        raise UsageError(
            "--arret rejoue le quiz sur un fichier de réponses : il va avec --answers FICHIER."
        )
    for option, value in (("--nom", name), ("--classe", group)):
        problem = resultsfile.identity_problem(value) if value is not None else None
        if problem:
            raise UsageError(f"{option} : {problem}.")
    if replace and save is None and not resume:
        raise UsageError(
            "--remplacer va avec --save FICHIER (le fichier à remplacer), ou avec --resume "
            "(celui demandé au début du quiz)."
        )
    if save is not None:
        replace = savetarget.check_save_target(save, replace=replace)
    root = _root(content)
    catalogue = commands.catalogue(root)
    questions = load_questions(root)
    kept = offered = False
    prompter: quiz.Prompter | None = None
    with ExitStack() as stack:
        unasked: tuple[str, ...] = ()
        if answers_file is not None:
            sheet = resultsfile.read_answers(answers_file, questions)
            answers, unasked = sheet.answers, sheet.unasked
            if stop:
                answers, unasked = evaluation.replayed(answers, catalogue, questions)
        else:
            # One quiz at a time per account, from reading its progress to clearing it.
            stack.enter_context(progressfile.quiz_lock())
            prompter, ui = stack.enter_context(_prompter(plain))
            settled = None if complete else quiz.settled_rule(questions, catalogue)
            choose = quiz.choose_rule(questions, catalogue)
            session = quiz.take_session(
                questions,
                prompter,
                prompts.ConsoleScreen(ui),
                resume=resume,
                root=root,
                save=save,
                settled=settled,
                name=resultsfile.identity(name),
                group=resultsfile.identity(group),
                replace=replace,
                choose=choose,
            )
            answers, save, kept = session.answers, session.save, session.kept
            replace = session.replace
            unasked, name, group = session.unasked, session.name, session.group
        outcome = evaluation.evaluate(
            answers,
            catalogue,
            questions,
            date=quiz.now(),
            name=resultsfile.identity(name),
            group=resultsfile.identity(group),
            unasked=unasked,
        )
        # At the keyboard, on screen: what fits one screen, then an offer to keep it all.
        at_keyboard = (
            prompter is not None and not as_json and sys.stdin.isatty() and sys.stdout.isatty()
        )
        # No console for --json: rich.console alone costs 19 ms of a 100 ms command.
        out = None if as_json else output.console()
        if out is None:
            print_json(resultsfile.results_data(outcome))
        else:
            # The commands of the whole results name the file they will be saved in.
            named = shell_word(str(save)) if save is not None else None
            out.print(
                terminal.results_renderable(outcome, summary=at_keyboard, steps=False, saved=named)
            )
        try:
            if save is not None:
                data = resultsfile.results_data(outcome, saved=True)
                savetarget.write_results(save, output.to_json(data), replace=replace)
            elif at_keyboard and prompter is not None and out is not None:
                offered = True
                save = _offer_to_keep(outcome, prompter, out, root, kept)
        except OrientationError as exc:
            if isinstance(exc, Interrupted):  # stopped at the offer: it says what is kept
                raise
            if kept:  # the progress is still there: nothing is lost
                again = suggested_command(root, "quiz --resume --save AUTRE-FICHIER.json")
                exc.message += f"\nVos réponses restent sur cet ordinateur : {again}"
            elif answers_file is None:  # no resume command to a progress that is not there
                exc.message += (
                    "\nVos réponses n'ont pas pu être gardées sur cet ordinateur non plus : "
                    "les résultats affichés ci-dessus sont les seuls."
                )
            raise
        if answers_file is None:
            sys.stdout.flush()  # a write that fails (full disk) fails here, progress kept
            progressfile.clear_progress()  # only now: the results are shown and saved
    if save is None and not offered:
        return
    err = output.console(stderr=True)
    if save is not None:
        err.print(output.text(f"Résultats enregistrés dans {printable(str(save))}."))
        taken = quiz.results_name(outcome.date or "")
        if offered and save.name != taken:
            err.print(output.text(f"({taken} existait déjà : il n'a pas été remplacé.)", "dim"))
    elif offered:
        err.print(output.text("Résultats non gardés : ils ne sont enregistrés nulle part."))
    if at_keyboard and out is not None:
        out.print(terminal.next_steps_renderable(outcome, shell_word(str(save)) if save else None))
    elif save is not None:
        again = suggested_command(root, f"report {shell_word(str(save))}")
        err.print(output.text(f"Pour les revoir : {again}", "dim"))


def _offer_to_keep(
    outcome: Outcome, prompter: quiz.Prompter, out: Console, root: Path, kept: bool
) -> Path | None:
    """The results are on screen: ask whether to keep them (quiz.offer_to_keep); the
    details go through the pager (ORIENTATION_PAGER, PAGER, else less), as `git log`
    shows its log (cli/pager.py)."""
    from orientation import quiz
    from orientation.content.model import suggested_command
    from orientation.errors import Interrupted

    def details() -> None:
        from orientation.cli.pager import TerminalPager

        with out.pager(pager=TerminalPager(), styles=True):
            from orientation.writers.terminal import results_renderable

            out.print(results_renderable(outcome))

    try:
        return quiz.offer_to_keep(outcome, prompter, details=details)
    except KeyboardInterrupt:
        if not kept:  # no progress to resume: never a command that finds nothing
            raise Interrupted(
                "Interrompu : résultats non enregistrés, ni gardés sur cet ordinateur."
            ) from None
        again = suggested_command(root, "quiz --resume")
        raise Interrupted(f"Interrompu : résultats non enregistrés. Les revoir : {again}") from None


@contextmanager
def _prompter(plain: bool) -> Iterator[tuple[quiz.Prompter, Console]]:
    """The terminal (arrow keys) or line by line (--plain), with the console where the
    prompts go: checked first, so that a quiz that cannot be answered never starts."""
    from orientation import output
    from orientation.cli import prompts
    from orientation.errors import UsageError

    if sys.stdin is None or sys.stdin.closed:
        raise UsageError(
            "l'entrée standard est fermée : utiliser --answers FICHIER pour lire les réponses "
            "dans un fichier."
        )
    if _reads_nothing(sys.stdin):
        raise UsageError(
            "l'entrée standard est vide (/dev/null) : utiliser --answers FICHIER pour lire les "
            "réponses dans un fichier."
        )
    if not plain and not sys.stdin.isatty():
        raise UsageError(
            "l'entrée standard n'est pas un terminal : ajouter --plain pour répondre ligne "
            "par ligne, ou --answers FICHIER pour lire les réponses dans un fichier."
        )
    stream = _prompt_stream()
    ui = output.console(stderr=stream is sys.stderr)
    if not plain and _dumb_terminal():
        # Arrow-key menus redraw the screen with escape sequences that such a terminal
        # (an editor's shell, a serial console) prints as garbage.
        ui.print(output.text("Terminal simple (TERM=dumb) : questions en listes numérotées."))
        plain = True
    if plain:
        yield prompts.PlainPrompter(sys.stdin, stream), ui
        return
    if not stream.isatty():
        raise UsageError("aucun terminal pour afficher les questions : ajouter --plain.")
    with _prompt_session(stream):
        yield prompts.ArrowPrompter(), ui


def _reads_nothing(stream: TextIO) -> bool:
    """True when *stream* is the null device, which is always at its end."""
    import os

    try:
        given, null = os.fstat(stream.fileno()), os.stat(os.devnull)
    except (OSError, ValueError, AttributeError):  # no file descriptor (tests), no devnull
        return False
    return (given.st_rdev, given.st_ino, given.st_dev) == (null.st_rdev, null.st_ino, null.st_dev)


def _dumb_terminal() -> bool:
    """TERM says the terminal understands no escape sequences (as rich judges it)."""
    import os

    return os.environ.get("TERM", "").lower() in ("dumb", "unknown")


def _prompt_stream() -> TextIO:
    """Where prompts go: stderr, so that `--json > file` keeps stdout for the results;
    stdout only when it is the one terminal (`2> log`) or stderr is closed."""
    if sys.stderr is None or (not sys.stderr.isatty() and sys.stdout.isatty()):
        return sys.stdout
    return sys.stderr


def _prompt_session(stream: TextIO) -> AbstractContextManager[object]:
    """Make prompt_toolkit (questionary) draw on *stream*."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.output import create_output

    return create_app_session(output=create_output(stdout=stream))


@app.command("list", cls=FrenchCommand)
def list_command(
    as_json: bool = typer.Option(
        False, "--json", help="Écrire la liste en JSON (identifiant, titre, résumé, intérêts)."
    ),
    content: Path | None = content_option(),
) -> None:
    """Lister les métiers décrits, avec leurs centres d'intérêt les plus forts.

    Exemple : orientation list --json
    """
    commands.list_occupations(_root(content), as_json=as_json)


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
        click_type=SLUG_TYPE,
        show_default=False,
    ),
    as_json: bool = typer.Option(False, "--json", help="Écrire la fiche en JSON."),
    markdown: bool = typer.Option(
        False, "--markdown", help="Écrire la fiche en Markdown, à imprimer ou à transmettre."
    ),
    html: bool = typer.Option(
        False,
        "--html",
        help="Écrire la fiche en une page HTML à imprimer (A4) ou à lire sur un téléphone : "
        "l'essentiel en page 1.",
    ),
    brief: bool = typer.Option(
        False,
        "--bref",
        help="Seulement l'essentiel, sur un écran : niveau, diplômes, salaire au début, "
        "publics, lieux, centres d'intérêt, et avec quoi ne pas confondre le métier.",
    ),
    sources: bool = typer.Option(
        False,
        "--sources",
        help="Pour les conseillers et les auteurs : le nom des documents sources et les notes "
        "de rédaction (ce qui a été écarté, et pourquoi).",
    ),
    no_pager: bool = typer.Option(
        False,
        "--sans-pager",
        help="Tout écrire d'un coup, sans lecteur de pages, même quand le texte dépasse "
        "l'écran (sinon : less, ou $ORIENTATION_PAGER, ou $PAGER ; jamais dans un tube).",
    ),
    content: Path | None = content_option(),
) -> None:
    """Show one fiche (help text: SHOW_HELP)."""
    commands.show(
        _root(content),
        slug,
        as_json=as_json,
        markdown=markdown,
        html=html,
        brief=brief,
        sources=sources,
        paged=not no_pager,
    )


COMPARE_HELP = (
    "Comparer de 2 à 5 métiers côte à côte : missions, publics, études, salaire, lieux de "
    "travail, contrat et statut, évolution, avantages et inconvénients, centres d'intérêt.\n\n"
    "Les lignes sont alignées d'un métier à l'autre et ce que les documents ne disent pas est "
    "marqué « non renseigné ». Les salaires sont ramenés au mois, chacun avec sa source en "
    "note. Avec --results, votre propre barre s'ajoute à celle de chaque métier, centre "
    "d'intérêt par centre d'intérêt. Sans métier indiqué, une liste à cocher les propose.\n\n"
    "Exemples : orientation compare coordinateur-social charge-d-insertion-sociale · "
    "orientation compare cesf coordinateur-social --results resultats.json"
)


@app.command("compare", cls=FrenchCommand, help=COMPARE_HELP)
def compare_command(
    names: list[str] | None = typer.Argument(
        None,
        metavar="[MÉTIER]...",
        help="De 2 à 5 identifiants de métiers (la liste : orientation list) ; majuscules, "
        "accents et alias acceptés.",
        autocompletion=complete_other_slug,
        click_type=SLUG_TYPE,
        show_default=False,
    ),
    results: Path | None = typer.Option(
        None,
        "--results",
        metavar="FICHIER",
        readable=False,
        click_type=PATH_TYPE,
        help="Ajouter le score de chaque métier et votre barre à côté des siennes, d'après des "
        "résultats enregistrés avec « orientation quiz --save ».",
        show_default=False,
    ),
    as_json: bool = typer.Option(
        False, "--json", help="Écrire les fiches comparées en JSON, dans l'ordre demandé."
    ),
    markdown: bool = typer.Option(
        False,
        "--markdown",
        help="Écrire la comparaison en Markdown (un tableau par rubrique), à imprimer.",
    ),
    html: bool = typer.Option(
        False,
        "--html",
        help="Écrire la comparaison en une page HTML à imprimer (A4) ou à lire sur un "
        "téléphone : un tableau par rubrique, une colonne par métier.",
    ),
    no_pager: bool = typer.Option(
        False,
        "--sans-pager",
        help="Tout écrire d'un coup, sans lecteur de pages, même quand le texte dépasse "
        "l'écran (sinon : less, ou $ORIENTATION_PAGER, ou $PAGER ; jamais dans un tube).",
    ),
    content: Path | None = content_option(),
) -> None:
    """Compare occupations (help text: COMPARE_HELP)."""
    commands.compare(
        _root(content),
        names or (),
        pick=_pick,
        results=results,
        as_json=as_json,
        markdown=markdown,
        html=html,
        paged=not no_pager,
    )


def _pick(catalogue: Catalogue) -> list[str]:
    """No occupation named: offer a checkbox in a terminal, else say how to name them."""
    from orientation.cli import prompts
    from orientation.errors import UsageError
    from orientation.views.comparison import MAX_FICHES, MIN_FICHES

    stream = _prompt_stream()
    interactive = sys.stdin is not None and not sys.stdin.closed and sys.stdin.isatty()
    if not interactive or not stream.isatty() or _dumb_terminal():
        raise UsageError(
            f"indiquer de {MIN_FICHES} à {MAX_FICHES} métiers à comparer, par exemple : "
            "orientation compare coordinateur-social cesf (la liste : orientation list)."
        )
    with _prompt_session(stream):
        return prompts.pick_occupations(catalogue.entries, MIN_FICHES, MAX_FICHES)


REPORT_HELP = (
    "Afficher en entier des résultats enregistrés à la fin du quiz (ou avec --save).\n\n"
    "Pour l'élève qui veut le détail, ou le ou la conseiller·ère qui reçoit le fichier : le "
    "classement, le profil, le « Pourquoi » et le « Point d'attention » des premiers "
    "métiers ; une page à imprimer, avec graphiques et un cadre pour les notes, avec --html "
    "(ou du Markdown avec --markdown).\n\n"
    "Exemple : orientation report resultats.json --html > resultats.html"
)


@app.command("report", cls=FrenchCommand, help=REPORT_HELP)
def report_command(
    path: Path = typer.Argument(
        ...,
        metavar="FICHIER",
        help="Fichier écrit par « orientation quiz --save ».",
        readable=False,
        click_type=PATH_TYPE,
    ),
    markdown: bool = typer.Option(
        False, "--markdown", help="Écrire les résultats en Markdown, à imprimer ou à transmettre."
    ),
    html: bool = typer.Option(
        False,
        "--html",
        help="Écrire les résultats en une page HTML à imprimer (A4), avec leurs graphiques "
        "et un espace pour les notes du conseiller ou de la conseillère.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Écrire les résultats en JSON."),
    content: Path | None = content_option(),
) -> None:
    """Show saved results again (help text: REPORT_HELP)."""
    from orientation import writers
    from orientation.results import evaluation

    chosen = writers.chosen(json=as_json, markdown=markdown, html=html)
    outcome = evaluation.reevaluate(path, commands.catalogue(_root(content)))
    writers.write(chosen, "results", outcome, saved=str(path))


CLASS_HELP = (
    "Lire ensemble les résultats d'une classe, enregistrés avec « orientation quiz --save » : "
    "combien de résultats et de profils plats, pour chaque métier combien d'élèves l'ont en "
    "premier ou parmi leurs deux premiers, les élèves à voir en priorité et pourquoi, les "
    "centres d'intérêt de la classe, une ligne par élève (par ordre alphabétique) avec ses "
    "deux métiers les plus proches, et les résultats en double.\n\n"
    "Un DOSSIER est lu en entier (ses fichiers .json). Un fichier abîmé ou d'un autre type est "
    "listé à la fin avec la raison, sans arrêter les autres. Un même résultat enregistré deux "
    "fois (mêmes réponses, même nom) n'est compté qu'une fois. Code de sortie 0 si au moins un "
    "résultat est lu, 1 sinon. Document confidentiel : il nomme des élèves. Rien ne quitte "
    "cet ordinateur.\n\n"
    "Exemples : orientation classe resultats-2de-b · orientation classe resultats-2de-b "
    "--csv > classe-confidentiel.csv"
)


@app.command("classe", cls=FrenchCommand, help=CLASS_HELP)
def class_command(
    paths: list[Path] = typer.Argument(
        ...,
        metavar="FICHIER... | DOSSIER",
        help="Les fichiers de résultats, ou le dossier qui les contient.",
        readable=False,
        click_type=PATH_TYPE,
        show_default=False,
    ),
    as_csv: bool = typer.Option(
        False,
        "--csv",
        help="Écrire une ligne par élève en CSV pour un tableur (UTF-8, séparateur « ; » ; "
        "la dernière colonne, « Diffusion », le dit confidentiel).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Écrire la vue d'ensemble en JSON."),
    markdown: bool = typer.Option(
        False, "--markdown", help="Écrire la vue d'ensemble en Markdown, à imprimer."
    ),
    html: bool = typer.Option(
        False,
        "--html",
        help="Écrire la vue d'ensemble en une page HTML à imprimer (A4) ou à lire sur un "
        "téléphone.",
    ),
    content: Path | None = content_option(),
) -> None:
    """Read a class's results together (help text: CLASS_HELP)."""
    commands.class_overview(
        _root(content), paths, as_json=as_json, markdown=markdown, html=html, csv=as_csv
    )


@app.command("questions", cls=FrenchCommand)
def questions_command(
    as_json: bool = typer.Option(
        False, "--json", help="Écrire les questions en JSON (identifiant, texte, intérêts mesurés)."
    ),
    content: Path | None = content_option(),
) -> None:
    """Lister les questions du quiz et les centres d'intérêt que chacune mesure.

    Utile pour préparer un fichier de réponses (orientation quiz --answers).
    """
    from orientation import output
    from orientation.content.catalogue import load_questions
    from orientation.writers import print_json

    root = _root(content)
    questions = load_questions(root)
    if as_json:
        print_json([{"id": q.id, "text": q.text, "tags": q.loads} for q in questions])
        return
    from orientation.writers.terminal import questions_renderable

    output.console().print(questions_renderable(questions, commands.catalogue(root)))


GLOSSARY_HELP = (
    "Expliquer les sigles et mots techniques des fiches : CCAS, DEIS, ASLL, France "
    "Travail…\n\n"
    "Sans TERME, tout le glossaire, de A à Z. Avec un TERME, sa définition, son nom actuel "
    "s'il a changé (Pôle emploi, aujourd'hui France Travail) et les façons de l'écrire. "
    "Majuscules et accents n'importent pas.\n\n"
    "Exemples : orientation glossaire · orientation glossaire ccas · "
    'orientation glossaire "pôle emploi" · orientation glossaire --json'
)


def complete_term(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion: the glossary's terms that start with what was typed (forgiving
    case and accents, as `glossaire` does), each as one shell word (see _shell_word)."""
    from orientation.content.catalogue import load_glossary
    from orientation.content.model import content_root
    from orientation.errors import OrientationError

    content = ctx.params.get("content") or ctx.find_root().params.get("content")
    try:
        glossary = load_glossary(content_root(_param_path(content)))
    except OrientationError:
        return []
    return [
        (_shell_word(term, incomplete), definition)
        for term, definition in glossary.complete(incomplete)
    ]


def _shell_word(term: str, incomplete: str) -> str:
    """*term* as one word that starts with *incomplete* (typer keeps only those): spaces
    and apostrophes as hyphens (« comité-de-bassin-d-emploi »), then, if what was typed
    differs in case or accents, lower case (« ccas ») or the lookup key (« pole-emploi »)."""
    import re

    from orientation.content.model import normalise

    word = re.sub(r"[\s'’]+", "-", term)
    for candidate in (word, word.lower(), normalise(word)):
        if candidate.startswith(incomplete):
            return candidate
    return word


@app.command("glossaire", cls=FrenchCommand, help=GLOSSARY_HELP)
def glossary_command(
    name: str | None = typer.Argument(
        None,
        metavar="[TERME]",
        help='Le sigle ou le mot à expliquer, par exemple ccas ou "comité de bassin '
        "d'emploi\" ; sans TERME, tout le glossaire.",
        autocompletion=complete_term,
        click_type=SLUG_TYPE,
        show_default=False,
    ),
    as_json: bool = typer.Option(
        False, "--json", help="Écrire le glossaire, ou le terme, en JSON."
    ),
    content: Path | None = content_option(),
) -> None:
    """Explain the glossary's terms (help text: GLOSSARY_HELP)."""
    commands.glossary(_root(content), name, as_json=as_json)


CHECK_HELP = (
    "Vérifier un dossier de contenu et signaler tous ses problèmes d'un coup, un par ligne : "
    "« fichier:ligne:colonne: message », puis un bilan.\n\n"
    "En plus de ce que toute commande vérifie (syntaxe YAML, champs, centres d'intérêt, noms "
    "en double), check s'assure que les questions distinguent chaque centre d'intérêt, que "
    "chaque métier peut arriver premier au quiz, qu'une fiche n'emploie un terme de la liste "
    "à surveiller du glossaire (glossaire.yaml, watch) que s'il y est défini, et que chaque "
    "sigle (mot en capitales) d'une fiche est défini au glossaire ou listé comme mot courant "
    "(mots-courants.yaml). Code de sortie 1 s'il y a un problème, 0 sinon.\n\n"
    "Avec --simulation, check fait aussi répondre au quiz des élèves simulés, construits "
    "d'après les poids de chaque métier, et signale tout métier qu'ils mettent premier moins "
    "de 80 % du temps (méthode : docs/methodologie.md).\n\n"
    "Exemples : orientation check mon-contenu · orientation check --json · "
    "orientation check --simulation"
)


@app.command("check", cls=FrenchCommand, help=CHECK_HELP)
def check_command(
    directory: Path | None = typer.Argument(
        None,
        metavar="[DOSSIER]",
        help="Dossier de contenu à vérifier ; par défaut celui de --content ou de "
        "ORIENTATION_CONTENT, sinon le contenu livré.",
        show_default=False,
        readable=False,
        click_type=PATH_TYPE,
    ),
    as_json: bool = typer.Option(
        False, "--json", help="Écrire les problèmes en JSON (fichier, ligne, colonne, message)."
    ),
    simulation: bool = typer.Option(
        False,
        "--simulation",
        help="Simuler des répondants (quelques secondes) et dire, pour chaque métier, combien "
        "le retrouvent premier et avec quel métier il est le plus confondu.",
    ),
    content: Path | None = content_option(),
) -> None:
    """Check a content root (help text: CHECK_HELP)."""
    from orientation import output
    from orientation.authoring import checks
    from orientation.content.model import content_root
    from orientation.errors import UsageError, printable, shown_path
    from orientation.writers import print_json

    if directory is not None and content is not None:
        raise UsageError("indiquer le dossier à vérifier une seule fois : DOSSIER ou --content.")
    root = content_root(directory, origin="") if directory is not None else _root(content)
    report = checks.check_root(root, simulation=simulation)
    warnings = report.reading.warnings
    if as_json:
        data: dict[str, object] = {
            "root": printable(str(root)),
            "problems": [_problem_data(p) for p in report.problems],
            "warnings": [_problem_data(p) for p in warnings],
        }
        if simulation:
            figures = report.simulation
            data["simulation"] = None if figures is None else checks.simulation_data(figures)
        print_json(data)
    else:
        # One problem per line, never wrapped: editors and terminals link `path:line:col`.
        for problem in report.problems:
            sys.stdout.write(output.clean(str(problem)) + "\n")
        for warning in warnings:
            shown = f"{shown_path(warning.path)}: attention : {printable(warning.message)}"
            sys.stdout.write(output.clean(shown) + "\n")
        if report.simulation is not None:
            heading, lines = checks.simulation_lines(report.simulation)
            items = [output.text(line) for line in lines]
            output.console().print(output.text(heading), output.Hanging(items, "  ", "    "))
        elif simulation:
            output.console().print(output.text(checks.NO_SIMULATION))
        output.console().print(output.text(_check_summary(report, root), "bold"))
    if report.problems:
        raise typer.Exit(1)


def _problem_data(problem: Problem) -> dict[str, Any]:
    from orientation.errors import printable, shown_path

    return {
        "path": shown_path(problem.path),
        "line": problem.line,
        "column": problem.column,
        "message": printable(problem.message),
    }


def _check_summary(report: checks.Report, root: Path) -> str:
    from orientation.errors import shown_path

    count, files = len(report.problems), report.files
    reading = report.reading
    skipped = len(reading.warnings)
    warned = f" ; {_many(skipped, 'fichier')} ignoré{'s' if skipped > 1 else ''}" if skipped else ""
    if count:
        return f"{_many(count, 'problème')} dans {_many(files, 'fichier')}{warned}."
    terms = len(report.glossary.terms)
    glossary = f", {_many(terms, 'terme')} au glossaire" if terms else ""
    return (
        f"{shown_path(root)} : aucun problème ({_many(len(reading.fiches), 'fiche')} métier, "
        f"{_many(len(reading.questions), 'question')}, "
        f"{_many(len(reading.tags), 'centre')} d'intérêt{glossary}){warned}."
    )


def _many(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


NEW_HELP = (
    "Créer une fiche métier à remplir : un modèle commenté, écrit dans le dossier fiches/ du "
    "dossier de contenu.\n\n"
    "L'IDENTIFIANT devient le nom du fichier : minuscules sans accents, chiffres et tirets. Un "
    "fichier existant n'est jamais remplacé. Le modèle liste les centres d'intérêt possibles ; "
    "une fois la fiche remplie, orientation check dit ce qui manque encore.\n\n"
    "Exemple : orientation new educateur-specialise --content mon-contenu"
)


@app.command("new", cls=FrenchCommand, help=NEW_HELP)
def new_command(
    slug: str = typer.Argument(
        ...,
        metavar="IDENTIFIANT",
        help="Identifiant du nouveau métier, par exemple educateur-specialise.",
        click_type=SLUG_TYPE,
        show_default=False,
    ),
    content: Path | None = content_option(),
) -> None:
    """Write a fiche template (help text: NEW_HELP)."""
    from orientation import output
    from orientation.authoring import scaffold
    from orientation.content.model import suggested_command
    from orientation.errors import shown_path

    root = _root(content)
    path = scaffold.new_fiche(root, slug)
    schemas = scaffold.ensure_schemas(root)
    out = output.console()
    out.print(output.text(f"Fiche créée : {shown_path(path)}", "bold"))
    if schemas:
        out.print(output.text(f"(avec les schémas pour l'éditeur dans {shown_path(root)}/schemas)"))
    _next_steps(
        [
            (
                "1. Ouvrez-la dans un éditeur de texte et remplissez-la : chaque rubrique y "
                "est expliquée.",
                None,
            ),
            ("2. Vérifiez-la :", suggested_command(root, "check")),
            ("3. Relisez-la :", suggested_command(root, f"show {slug}")),
        ]
    )


def _next_steps(steps: list[tuple[str, str | None]]) -> None:
    """« Ensuite : » and numbered steps; each command on a line of its own, never cut,
    so that it can be copied whole."""
    from orientation import output

    out = output.console()
    out.print(output.text("Ensuite :"))
    for text, command in steps:
        out.print(output.text(text))
        if command is not None:
            out.print(output.text(f"   {command}", "bold"), soft_wrap=True)


INIT_HELP = (
    "Créer un dossier de contenu à modifier : une copie du contenu livré (tags.yaml, "
    "questions.yaml, glossaire.yaml, fiches/, et les schémas qui aident l'éditeur de "
    "texte).\n\n"
    "Le dossier est créé ; s'il existe déjà, il doit être vide. Ensuite, les commandes "
    "l'utilisent avec --content DOSSIER (ou la variable ORIENTATION_CONTENT).\n\n"
    "Exemple : orientation init mon-contenu"
)


@app.command("init", cls=FrenchCommand, help=INIT_HELP)
def init_command(
    directory: Path = typer.Argument(
        ...,
        metavar="DOSSIER",
        help="Le dossier à créer, par exemple mon-contenu.",
        readable=False,
        click_type=PATH_TYPE,
    ),
) -> None:
    """Copy the shipped content (help text: INIT_HELP)."""
    from orientation import output
    from orientation.authoring import scaffold
    from orientation.content.model import suggested_command
    from orientation.errors import shown_path

    count = scaffold.init_root(directory)
    out = output.console()
    out.print(
        output.text(f"Dossier de contenu créé : {shown_path(directory)} ({count} fiches)", "bold")
    )
    _next_steps(
        [
            ("- ajouter un métier :", suggested_command(directory, "new IDENTIFIANT")),
            ("- vérifier le dossier :", suggested_command(directory, "check")),
            ("- l'utiliser avec n'importe quelle commande :", suggested_command(directory, "list")),
        ]
    )
