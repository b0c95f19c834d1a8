"""French for the parts of the command line that typer and click write themselves.

Typer 0.28 vendors click with its messages hard-coded in English (no gettext), so
we translate at the edges: the help option and the usage line, every usage error
when it is reported, and the help, which we draw ourselves. Errors of our own
(`OrientationError`) are reported by reporting.reported(), as on the plain path that
skips typer (orientation.commands): 0 ok, 1 user error, 2 usage, 130 interrupted.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any, NoReturn

from typer import _click
from typer._click import exceptions as click_exceptions
from typer._click.types import StringParamType
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption
from typer.exceptions import Abort

from orientation.cli.reporting import report_error, reported
from orientation.signals import stopped

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

HELP_OPTION = "Afficher cette aide et quitter."

_COMPLETION_HELP = {
    "install_completion": "Installer la complétion des commandes pour le shell utilisé.",
    "show_completion": "Afficher le script de complétion, pour le copier ou l'adapter.",
}


class FrenchText(StringParamType):
    """A text parameter whose type is named in French in the help (« texte », not « str »)."""

    name = "texte"


class FrenchPath(StringParamType):
    """A file or folder name. An empty one is refused: Path("") would mean « . »."""

    name = "chemin"

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        from pathlib import Path

        if isinstance(value, Path):
            return value
        text = super().convert(value, param, ctx)
        if not text:
            self.fail("chemin vide", param, ctx)
        return Path(text)


class _French(_click.Command):
    """Shared overrides for commands and groups (mixed in before the typer class)."""

    def get_help_option(self, ctx: _click.Context) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION
        return option

    def get_usage(self, ctx: _click.Context) -> str:
        """« Utilisation : orientation show [OPTIONS] MÉTIER », on one line: rich wraps
        it where it is shown (click's formatter would wrap it first, for `Usage: `)."""
        pieces = " ".join(self.collect_usage_pieces(ctx))
        # typer writes a required argument {LIKE_THIS}: the French usage keeps click's
        # convention, where capitals are required and [brackets] optional.
        return f"Utilisation : {ctx.command_path} " + re.sub(r"\{([^{}]*)\}", r"\1", pieces)

    def format_help(self, ctx: _click.Context, formatter: Any) -> None:
        # Drawn here rather than by typer.rich_utils, which loads rich's Markdown and
        # traceback modules on the way: 40 ms, a third of `--help` (docs/performance.md).
        from orientation.output import console, unpadded

        out = console()
        with out.capture() as captured:
            out.print(_help(self, ctx))
        formatter.write(unpadded(captured.get()))


_EXAMPLES = re.compile(r"Exemples? :")


def _help(command: _click.Command, ctx: _click.Context) -> RenderableType:
    """A command's help: usage, description, then its arguments, options and
    subcommands in panels."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    # The usage line as usage errors show it, with plain spaces (no typesetting).
    parts: list[RenderableType] = [Padding(Text(command.get_usage(ctx), style="bold"), 1)]
    description = _description(command.help or "")
    if description:
        parts.append(Padding(Group(*description), (0, 1, 1, 1)))
    arguments: list[_Row] = []
    options: list[_Row] = []
    for param in command.get_params(ctx):
        if isinstance(param, TyperArgument) and not param.hidden:
            arguments.append(_argument_row(param, ctx))
        elif isinstance(param, TyperOption) and not param.hidden:
            options.append(_option_row(param, ctx))
    # Arguments and options line up; commands, with short names, keep more room.
    width = max((label.cell_len for label, _ in arguments + options), default=0)
    if arguments:
        parts.append(_panel("Arguments", arguments, width))
    if options:
        parts.append(_panel("Options", options, width))
    commands = _command_rows(command, ctx) if isinstance(command, TyperGroup) else []
    if commands:
        parts.append(_panel("Commandes", commands, max(n.cell_len for n, _ in commands)))
    return Group(*parts)


def _description(help_text: str) -> list[RenderableType]:
    """The first paragraph as it is, the others dimmed; « Exemples : a · b » becomes
    one command a line, so that each can be copied whole."""
    from orientation.output import Hanging, text

    lines: list[RenderableType] = []
    paragraphs = [" ".join(p.split()) for p in help_text.split("\n\n")]
    for number, paragraph in enumerate(p for p in paragraphs if p):
        if number:
            lines.append(text(""))
        examples = _EXAMPLES.match(paragraph)
        if examples is None:
            lines.append(text(paragraph, "dim" if number else ""))
            continue
        lines.append(text(examples.group(), "dim"))
        commands = [text(each.strip()) for each in paragraph[examples.end() :].split(" · ")]
        lines.append(Hanging(commands, "  ", "    "))  # a wrapped command stands out
    return lines


def _command_rows(group: TyperGroup, ctx: _click.Context) -> list[_Row]:
    from orientation.output import text

    rows = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is not None and not command.hidden:
            summary = (command.short_help or command.help or "").split("\n\n")[0]
            rows.append((text(name, "bold cyan"), text(" ".join(summary.split()))))
    return rows


_Row = tuple["Text", "Text"]


def _argument_row(param: TyperArgument, ctx: _click.Context) -> _Row:
    from orientation.output import text

    return text(param.make_metavar(ctx), "bold cyan"), _param_help(param)


def _option_row(param: TyperOption, ctx: _click.Context) -> _Row:
    from orientation.output import text

    names = sorted(param.opts, key=lambda name: not name.startswith("--"))  # --long, -s
    label = text(", ".join(names + param.secondary_opts), "bold cyan")
    if not (param.is_flag or param.count):
        label.append(f" {param.make_metavar(ctx)}", style="bold yellow")
    return label, _param_help(param)


def _param_help(param: TyperArgument | TyperOption) -> Text:
    from orientation.output import text

    described = text(" ".join((param.help or "").split()))
    if param.required:
        described.append(" [obligatoire]", style="dim red")
    return described


def _panel(title: str, rows: list[_Row], width: int) -> RenderableType:
    from rich.panel import Panel
    from rich.table import Table

    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(width=width, no_wrap=True)
    table.add_column(ratio=1, overflow="fold")  # narrow: long names go on, not « … »
    for row in rows:
        table.add_row(*row)
    return Panel(table, title=title, title_align="left", border_style="dim")


class FrenchCommand(_French, TyperCommand):
    pass


class FrenchGroup(_French, TyperGroup):
    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the CLI; translate and report every error, then exit with its code."""
        self._translate_completion_options()
        kwargs["standalone_mode"] = False
        try:
            with reported():
                result = super().main(*args, **kwargs)
        except click_exceptions.NoArgsIsHelpError as exc:
            if exc.ctx is not None:
                _click.echo(exc.ctx.get_help())
            sys.exit(2)
        except click_exceptions.UsageError as exc:
            _usage_error(exc)
        except Abort:
            stopped()
        except click_exceptions.ClickException as exc:
            report_error(exc.format_message())
            sys.exit(exc.exit_code)
        if result == INTERRUPTED:  # typer turns KeyboardInterrupt into Exit(130)
            stopped()
        if isinstance(result, int):  # an Exit(code) raised by a callback
            sys.exit(result)
        return result

    def _main_shell_completion(
        self, ctx_args: Any, prog_name: str, complete_var: str | None = None
    ) -> None:
        """A completion request (orientation.completion), checked and answered in French."""
        import os

        variable = complete_var or f"_{prog_name}_COMPLETE".replace("-", "_").upper()
        if os.environ.get(variable):
            from orientation.cli.completion import answer

            sys.exit(answer(self, ctx_args, prog_name, variable))

    def _translate_completion_options(self) -> None:
        for param in self.params:
            if param.name in _COMPLETION_HELP and isinstance(param, TyperOption):
                param.help = _COMPLETION_HELP[param.name]
                param.callback = (
                    _install_completion if param.name == "install_completion" else _show_completion
                )


INTERRUPTED = 130


def _install_completion(ctx: _click.Context, param: _click.Parameter, value: Any) -> Any:
    if not value or ctx.resilient_parsing:
        return value
    import os

    from typer._completion_shared import install

    from orientation.errors import OrientationError
    from orientation.folders import home_folder

    shell = _completion_shell(value, "--install-completion")
    home = home_folder()
    if home is None:
        raise OrientationError(
            "--install-completion : aucun dossier personnel utilisable (HOME est vide ou "
            "relatif) : définir HOME par un chemin absolu."
        )
    # typer's installers write under Path.home(), that is $HOME as it is: a relative or
    # empty one would put .bashrc in the current folder or at the root.
    os.environ["HOME"] = str(home)
    shell, path = install(shell=shell)
    _click.echo(f"Complétion {shell} installée dans {path}")
    _click.echo("Elle sera active dans les nouveaux terminaux.")
    sys.exit(0)


def _show_completion(ctx: _click.Context, param: _click.Parameter, value: Any) -> Any:
    if not value or ctx.resilient_parsing:
        return value
    from typer._completion_shared import get_completion_script

    shell = _completion_shell(value, "--show-completion")
    root = ctx.find_root().info_name or "orientation"
    variable = "_{}_COMPLETE".format(root.replace("-", "_").upper())
    _click.echo(get_completion_script(prog_name=root, complete_var=variable, shell=shell))
    sys.exit(0)


def _completion_shell(value: Any, option: str) -> str:
    """The shell to complete for: given, else the one this command runs from; one that
    typer cannot complete for is said in French (typer says it in English)."""
    from typer._completion_shared import _get_shell_name

    from orientation.cli.completion import SHELLS
    from orientation.errors import OrientationError
    from orientation.output import clean

    shell = value if isinstance(value, str) else _get_shell_name()
    if shell in ("bash", "zsh", "fish", "powershell", "pwsh"):
        return shell
    which = (
        "impossible de savoir quel shell lance orientation"
        if shell is None
        else f"le shell « {clean(shell)} » n'a pas de complétion"
    )
    raise OrientationError(
        f"{option} : {which} (shells pris en charge : {SHELLS}). Le lancer depuis l'un "
        f"d'eux, par exemple : bash -c 'orientation {option}'"
    )


def _usage_error(exc: click_exceptions.UsageError) -> NoReturn:
    from rich.text import Text

    from orientation.output import console

    err = console(stderr=True)
    ctx = exc.ctx
    if ctx is not None:
        err.print(Text(ctx.get_usage()), soft_wrap=True)
        names = ctx.help_option_names or ["--help"]
        err.print(Text(f"Pour l'aide : {ctx.command_path} {names[-1]}", style="dim"))
    report_error(translate_usage_error(exc))
    sys.exit(2)


def translate_usage_error(exc: click_exceptions.UsageError) -> str:
    """The French wording of a click usage error."""
    exceptions = click_exceptions
    if isinstance(exc, exceptions.NoSuchOption):
        message = f"option inconnue : {exc.option_name}"
        if exc.possibilities:
            message += " (vouliez-vous dire " + ", ".join(sorted(exc.possibilities)) + " ?)"
        return message
    if isinstance(exc, exceptions.MissingParameter):
        param = exc.param
        if param is None:
            return "paramètre manquant"
        if isinstance(param, TyperOption):
            return f"option obligatoire manquante : {param.opts[-1]}"
        name = (param.metavar or param.name or "").upper()
        return f"argument manquant : {name}"
    if isinstance(exc, exceptions.BadParameter):
        param = exc.param
        hint = exc.param_hint
        if hint is None and isinstance(param, TyperOption):
            hint = param.opts[-1]
        elif hint is None and param is not None:  # an argument: named as in the usage line
            hint = (param.metavar or param.name or "").strip("[].").upper()
        if isinstance(hint, (list, tuple)):
            hint = " / ".join(hint)
        return f"valeur invalide pour {hint} : {exc.message}" if hint else exc.message
    message = exc.message
    for pattern, french in _MESSAGES:
        match = re.fullmatch(pattern, message)
        if match:
            return french.format(*match.groups())
    return message


_MESSAGES = [
    # click joins the extra arguments with spaces: their number cannot be told for sure.
    (
        r"Got unexpected extra argument\(s\) \((.*)\)",
        "en trop sur la ligne de commande : {0} (un nom de plusieurs mots s'écrit entre "
        'guillemets : "mission locale")',
    ),
    (
        r"No such command '(.*)'\. Did you mean '(.*)'\?",
        "commande inconnue : « {0} » (vouliez-vous dire « {1} » ?)",
    ),
    (r"No such command '(.*)'\.", "commande inconnue : « {0} » (voir orientation --help)"),
    (r"Missing command\.", "commande manquante (voir orientation --help)"),
    (r"Option '(.*)' requires an argument\.", "l'option {0} attend une valeur"),
    (r"Option '(.*)' requires (\d+) arguments\.", "l'option {0} attend {1} valeurs"),
    (r"Option '(.*)' does not take a value\.", "l'option {0} ne prend pas de valeur"),
]
