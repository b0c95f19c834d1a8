"""Shell completion requests: read safely, answered in each shell's format.

The shell scripts typer installs (bash, zsh, fish, PowerShell) run the command with
`_ORIENTATION_COMPLETE=complete_SHELL` and the words typed in other variables, then
read its output as data (bash, fish, PowerShell: one line per completion) or run it
(zsh: `eval`). Typer's own classes raise a traceback on a malformed request
(`COMP_CWORD=abc`) or answer in English, and copy the titles from the content into
that output as they are: an escape sequence reaches the terminal, a newline makes a
second completion, and a backslash in a title undoes the zsh quoting. Here a malformed
request is a usage error (exit 2, a French line on stderr, nothing on stdout), and
every completion is one line of neutralised text.

Imported only when a completion is asked for (FrenchGroup._main_shell_completion).
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping
from typing import Any

from typer import _click
from typer._click.shell_completion import CompletionItem, ShellComplete
from typer._completion_classes import BashComplete, FishComplete, PowerShellComplete, ZshComplete

from orientation.errors import UsageError
from orientation.output import clean, shortened

SHELLS = "bash, zsh, fish ou powershell"
FISH_ACTIONS = ("get-args", "is-args")


def answer(
    cli: _click.Command, ctx_args: MutableMapping[str, Any], prog_name: str, variable: str
) -> int:
    """Answer the request in *variable* (`complete_bash`, `source_zsh`…): the exit code."""
    request = os.environ.get(variable, "")
    action, _, shell = request.partition("_")
    shown = clean(request)
    completer = _SHELLS.get(shell)
    if not shell or action not in ("complete", "source"):
        raise UsageError(
            f"demande de complétion invalide : {variable}={shown} (attendu : complete_SHELL "
            f"ou source_SHELL, où SHELL est {SHELLS})."
        )
    if completer is None:
        raise UsageError(
            f"demande de complétion invalide : shell inconnu « {clean(shell)} » (shells pris "
            f"en charge : {SHELLS})."
        )
    comp = completer(cli, ctx_args, prog_name, variable)
    _click.echo(comp.source() if action == "source" else comp.complete())
    return 0


def line(text: str) -> str:
    """*text* on one line, without control characters: one completion stays one."""
    return " ".join(clean(text).split())


def _needed(name: str) -> str:
    """The variable *name* the shell script always sets; missing: a malformed request."""
    value = os.environ.get(name)
    if value is None:
        raise UsageError(
            f"demande de complétion invalide : la variable {name} manque ; pour réinstaller "
            "la complétion : orientation --install-completion"
        )
    return value


class _Bash(BashComplete):
    def get_completion_args(self) -> tuple[list[str], str]:
        _needed("COMP_WORDS")
        cword = _needed("COMP_CWORD")
        if not (cword.isascii() and cword.isdigit() and len(cword) <= 6):
            raise UsageError(
                f"demande de complétion invalide : COMP_CWORD={shortened(clean(cword))} n'est "
                "pas un numéro de mot."
            )
        return super().get_completion_args()

    def format_completion(self, item: CompletionItem) -> str:
        return line(str(item.value))

    @staticmethod
    def _check_version() -> None:
        import re
        import shutil
        import subprocess

        bash = shutil.which("bash")
        found = None
        if bash is not None:
            said = subprocess.run(
                [bash, "--norc", "-c", 'echo "${BASH_VERSION}"'], stdout=subprocess.PIPE
            )
            found = re.match(r"(\d+)\.(\d+)\.", said.stdout.decode(errors="replace"))
        if found is None:
            message = "version de bash inconnue : la complétion risque de ne pas fonctionner."
        elif (int(found[1]), int(found[2])) < (4, 4):
            message = "la complétion demande bash 4.4 ou plus récent."
        else:
            return
        _click.echo(f"Attention : {message}", err=True)


class _Zsh(ZshComplete):
    def get_completion_args(self) -> tuple[list[str], str]:
        _needed("_TYPER_COMPLETE_ARGS")
        return super().get_completion_args()

    def format_completion(self, item: CompletionItem) -> str:
        # zsh runs this output (`eval`), then reads each "value":"help" pair as shell
        # words again: typer's escapes, plus the backslash, which would escape them.
        # Quotes typer doubles disappear in zsh: the help keeps typographic ones.
        def escape(text: str) -> str:
            text = line(text).replace("\\", "\u29f5").replace("'", "’").replace('"', "”")
            return text.replace("$", "\\$").replace("`", "\\`").replace(":", r"\\:")

        if item.help:
            return f'"{escape(str(item.value))}":"{escape(item.help)}"'
        return f'"{escape(str(item.value))}"'


class _Fish(FishComplete):
    def get_completion_args(self) -> tuple[list[str], str]:
        _needed("_TYPER_COMPLETE_ARGS")
        action = _needed("_TYPER_COMPLETE_FISH_ACTION")
        if action not in FISH_ACTIONS:
            raise UsageError(
                f"demande de complétion invalide : _TYPER_COMPLETE_FISH_ACTION={clean(action)} "
                f"(attendu : {' ou '.join(FISH_ACTIONS)})."
            )
        return super().get_completion_args()

    def format_completion(self, item: CompletionItem) -> str:
        value = line(str(item.value))
        return f"{value}\t{line(item.help)}" if item.help else value


class _PowerShell(PowerShellComplete):
    def get_completion_args(self) -> tuple[list[str], str]:
        _needed("_TYPER_COMPLETE_ARGS")
        return super().get_completion_args()

    def format_completion(self, item: CompletionItem) -> str:
        # The script splits each line at « ::: »: value, then help.
        return f"{line(str(item.value))}:::{line(item.help or '').replace(':::', ' : ') or ' '}"


_SHELLS: dict[str, type[ShellComplete]] = {
    "bash": _Bash,
    "zsh": _Zsh,
    "fish": _Fish,
    "powershell": _PowerShell,
    "pwsh": _PowerShell,
}
