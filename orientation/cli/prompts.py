"""The quiz in a terminal: the prompters that ask (`ArrowPrompter`, questionary menus with
arrow keys or digits; `PlainPrompter`, numbered lists read line by line for screen
readers and pipes), the checkbox of `compare`, and the screen that tells what happens
between questions (`ConsoleScreen`). The flow itself is in quiz.py.

questionary is used through its public API (`questionary.select`, `text`, `checkbox`,
`Question.application`); prompt_toolkit too, except where `_wrap_when_drawn` says why."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from orientation.content.model import Question
from orientation.output import TitledPanel, clean, french_date, plural, text
from orientation.quiz import (
    BACK_LABEL,
    KEEP_CHOICES,
    KEEP_QUESTION,
    OPTIONAL,
    SECONDS_PER_QUESTION,
    InputRefused,
    Keep,
    Move,
    Reply,
    printed,
    resume_point,
)
from orientation.results.outcome import SCALE_LABELS, SKIP_LABEL
from orientation.results.progressfile import Progress

if TYPE_CHECKING:
    from prompt_toolkit.application import Application
    from prompt_toolkit.formatted_text import OneStyleAndTextTuple, StyleAndTextTuples
    from questionary import Question as Question_
    from questionary import Style
    from rich.console import Console, RenderableType
    from rich.text import Text

    from orientation.content.model import Entry


def intro(
    total: int, plain: bool, resume: str = "orientation quiz --resume", *, complete: bool = True
) -> RenderableType:
    """The panel before the first question; not *complete*: the quiz may stop early, so
    its length is an upper bound."""
    minutes = max(1, round(total * SECONDS_PER_QUESTION / 60))
    keys = (
        "Tapez le numéro de la réponse, puis Entrée."
        if plain
        else "Flèches ↑ ↓ ou chiffre, puis Entrée."
    )
    lines = [
        "Pour chaque activité, dites si vous aimeriez la faire, de « Pas du tout » à "
        "« Tout à fait ». Répondez selon ce qui vous plairait, pas selon le salaire ou la "
        "durée des études.",
        f"« {SKIP_LABEL} » permet de passer une question, « Question précédente » de revenir "
        "en arrière. " + keys,
        "Rien ne quitte cet ordinateur. Les réponses y sont gardées au fur et à mesure : "
        f"Ctrl-C arrête, « {resume} » reprend.",
    ]
    at_most = "" if complete else " au plus"
    title = f"Quiz d'intérêts · {total} questions{at_most} · environ {minutes} minutes"
    return TitledPanel(title, [text(line) for line in lines])


def _note(message: str) -> Text:
    return text(message, "cyan")


def _warning(message: str) -> Text:
    return text("Attention : " + message, "yellow")


def _previous_label(previous: Reply | None) -> str | None:
    if isinstance(previous, int):
        return SCALE_LABELS[previous]
    return SKIP_LABEL if previous is Move.SKIP else None


class ConsoleScreen:
    """The quiz's Screen on a rich console (the one the questions go to)."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def intro(self, total: int, *, plain: bool, resume: str, complete: bool) -> None:
        self.console.print(intro(total, plain, resume, complete=complete))

    def note(self, message: str) -> None:
        self.console.print(_note(message))

    def warning(self, message: str) -> None:
        self.console.print(_warning(message))


class ArrowPrompter:
    """questionary selects: arrows (or a digit) then Enter; Ctrl-C raises KeyboardInterrupt."""

    plain = False

    def ask_answer(
        self, question: Question, number: int, total: int, previous: Reply | None, can_go_back: bool
    ) -> Reply:
        import questionary

        choices = [
            questionary.Choice(label, value=value, shortcut_key=str(value))
            for value, label in SCALE_LABELS.items()
        ]
        choices.append(questionary.Choice(SKIP_LABEL, value=Move.SKIP, shortcut_key="0"))
        if can_go_back:
            choices.append(questionary.Choice(BACK_LABEL, value=Move.BACK, shortcut_key="p"))
        instruction = "↑ ↓ ou chiffre, puis Entrée"
        shown = _previous_label(previous)
        if shown:
            instruction = f"Réponse donnée : {shown} · {instruction}"
        reply: Reply = _ask(
            questionary.select(
                "\n" + clean(question.text),
                choices=choices,
                default=next((c for c in choices if c.value == previous), None),
                qmark=f"Question {number}/{total}",
                instruction=f"\n({instruction})",
                use_shortcuts=True,
                style=_style(),
                # Each question replaces the previous one: the screen stays still.
                erase_when_done=True,
            )
        )
        return reply

    def ask_resume(self, progress: Progress, total: int) -> bool:
        import questionary

        choice: bool = _ask(
            questionary.select(
                _saved_quiz(progress, total),
                choices=[
                    questionary.Choice(
                        _fitted(f"Le reprendre ({resume_point(progress, total)})"), value=True
                    ),
                    questionary.Choice("Recommencer depuis le début", value=False),
                ],
                qmark="»",
                instruction="\n(↑ ↓ puis Entrée)",
                style=_style(),
                erase_when_done=True,
            )
        )
        return choice

    def ask_keep(self, name: str) -> Keep:
        import questionary

        choice: Keep = _ask(
            questionary.select(
                KEEP_QUESTION,
                choices=[
                    questionary.Choice(_fitted(label.format(name=clean(name))), value=keep)
                    for keep, label in KEEP_CHOICES.items()
                ],
                qmark="»",
                instruction="\n(↑ ↓ puis Entrée)",
                style=_style(),
                erase_when_done=True,
            )
        )
        return choice

    def ask_text(self, question: str, check: Callable[[str], str | None]) -> str:
        import questionary

        def valid(value: str) -> bool | str:
            problem = check(value)  # shown alone, under the prompt: a sentence
            return True if problem is None else f"{problem[:1].upper()}{problem[1:]}."

        reply: str = _ask(
            questionary.text(
                question,
                qmark="»",
                instruction=f"({OPTIONAL})",
                validate=valid,
                style=_style(),
            )
        )
        return reply


def _fitted(label: str) -> str:
    """A menu choice on as many lines as it needs, broken between words: prompt_toolkit
    would cut it at the margin (« resultats-2 » at 40 columns)."""
    import shutil
    import textwrap

    # The pointer « » » takes 3 cells, and the last column stays free.
    width = max(shutil.get_terminal_size().columns - 4, 20)
    lines = textwrap.wrap(label, width, break_on_hyphens=False, break_long_words=False)
    return "\n   ".join(lines)


def pick_occupations(fiches: Sequence[Entry], low: int, high: int) -> list[str]:
    """A checkbox of the occupations; the slugs of *low* to *high* of them, in list order."""
    import questionary

    def counted(chosen: list[str]) -> bool | str:
        if low <= len(chosen) <= high:
            return True
        checked = f"{len(chosen)} coché" + ("s" if len(chosen) > 1 else "")
        return f"Cochez de {low} à {high} métiers ({checked} pour l'instant)."

    keys = f"(↑ ↓ pour choisir, Espace pour cocher de {low} à {high} métiers, puis Entrée)"
    slugs: list[str] = _ask(
        questionary.checkbox(
            "Métiers à comparer",
            choices=[questionary.Choice(clean(f.title), value=f.slug) for f in fiches],
            qmark="»",
            instruction="\n" + keys,
            validate=counted,
            style=_style(),
            # questionary's summary line is in English (« done (2 selections) »)
            erase_when_done=True,
        )
    )
    return slugs


def _ask(question: Question_) -> Any:
    """Ask; Ctrl-C, Ctrl-D (which questionary's menus otherwise swallow), SIGINT from
    another process (`kill -INT`) and a stop signal (SIGTERM, SIGHUP) all end the prompt
    the same way: KeyboardInterrupt, raised once prompt_toolkit has given the terminal
    back. Ctrl-Z suspends it like any terminal program; the text is wrapped each time
    it is drawn, so a resized terminal gets it whole."""
    import signal
    from asyncio import get_running_loop
    from typing import cast

    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.key_binding.key_processor import KeyPressEvent
    from prompt_toolkit.keys import Keys

    from orientation.signals import hung_up, interactive, prompt_stopped_by

    interactive()
    app = question.application
    if isinstance(app.key_bindings, KeyBindings):  # a menu's
        bindings = app.key_bindings
    else:  # a text prompt's are merged from several: ours go last, to take precedence
        from prompt_toolkit.key_binding import merge_key_bindings

        bindings = KeyBindings()
        app.key_bindings = merge_key_bindings([cast(KeyBindings, app.key_bindings), bindings])
    _wrap_when_drawn(app)

    def end() -> None:
        if app.is_running and not app.is_done:
            app.exit(exception=KeyboardInterrupt, style="class:aborting")

    # In raw mode Ctrl-C is a key, but a SIGINT sent by another process is a signal:
    # prompt_toolkit turns it into the <sigint> key, which questionary leaves unbound.
    @bindings.add(Keys.ControlD, eager=True)
    @bindings.add(Keys.SIGINT, eager=True)
    def _quit(event: KeyPressEvent) -> None:
        end()

    if hasattr(signal, "SIGTSTP"):  # raw mode makes Ctrl-Z a key: job control by hand

        @bindings.add(Keys.ControlZ, eager=True)
        def _ctrl_z(event: KeyPressEvent) -> None:
            _suspend(app)

        if signal.getsignal(signal.SIGTSTP) == signal.SIG_DFL:
            # `kill -TSTP` too, instead of stopping in the middle of a drawing, in raw mode.
            # (The event loop, and the handler with it, ends with the prompt.)
            app.pre_run_callables.append(
                lambda: get_running_loop().add_signal_handler(signal.SIGTSTP, _suspend, app)
            )

    def stop() -> bool:
        loop = app.loop
        if not app.is_running or loop is None or loop.is_closed():
            return False
        loop.call_soon_threadsafe(end)  # from the signal handler: wake the loop up
        return True

    with prompt_stopped_by(stop):
        try:
            return question.unsafe_ask()
        except EOFError:  # the terminal itself is gone (its window closed)
            hung_up()
            raise KeyboardInterrupt from None


def _suspend(app: Application[Any]) -> None:
    """Suspend like any terminal program: the prompt is erased and the terminal goes back
    to line mode; after `fg` prompt_toolkit takes it again and draws the prompt anew."""
    import os
    import signal
    from asyncio import get_running_loop

    from prompt_toolkit.application import run_in_terminal

    def stop() -> None:
        loop = get_running_loop()
        caught = loop.remove_signal_handler(signal.SIGTSTP)  # the default handler stops
        try:
            os.kill(0, signal.SIGTSTP)  # the whole job, as Ctrl-Z would; returns after `fg`
        finally:
            if caught:
                loop.add_signal_handler(signal.SIGTSTP, _suspend, app)

    run_in_terminal(stop)


def _wrap_when_drawn(app: Application[Any]) -> None:
    """Break the prompt's text (question, key hints) between words at the width the
    terminal has when it is drawn: prompt_toolkit redraws after a resize, but would cut
    words at the margin, or keep lines broken for the old width. A narrower terminal gets
    a clear screen first."""
    from functools import partial

    from prompt_toolkit.application.current import get_app
    from prompt_toolkit.formatted_text import to_formatted_text
    from prompt_toolkit.shortcuts import PromptSession

    # Not public API, and why: questionary builds a menu's layout from a PromptSession it
    # does not expose (questionary.prompts.common.create_inquirer_layout), and takes the
    # question as a str, so a message that follows the width cannot be passed in. The
    # session is found from its input line's prefix function; should questionary change
    # that, `session` is None and the menu is drawn unwrapped, as questionary draws it.
    sessions = (
        getattr(window.get_line_prefix.func, "__self__", None)
        for window in app.layout.find_all_windows()
        if isinstance(window.get_line_prefix, partial)
    )
    session = next((s for s in sessions if isinstance(s, PromptSession) and s.message), None)
    if session is None:
        return
    message = session.message

    def wrapped() -> StyleAndTextTuples:
        width = get_app().output.get_size().columns - 1
        return fill_fragments(to_formatted_text(message), max(width, 20))

    session.message = wrapped
    widths = [app.output.get_size().columns]

    def clear_if_narrower(app: Application[Any]) -> None:
        # Most terminals (tmux, VTE, kitty) re-flow the lines already drawn when they get
        # narrower: prompt_toolkit would then erase from the wrong line and leave pieces of
        # the old drawing above the new one. A clear screen is the same on all terminals.
        width = app.output.get_size().columns
        if width < widths[0]:
            app.renderer.clear()
        widths[0] = width

    app.before_render += clear_if_narrower


def fill_fragments(fragments: Sequence[OneStyleAndTextTuple], width: int) -> StyleAndTextTuples:
    """*fragments* broken between words (a longer word cut) into lines of at most *width*
    cells, each character keeping its style. Spaces where a line breaks are dropped."""
    from prompt_toolkit.formatted_text import split_lines
    from prompt_toolkit.utils import get_cwidth

    filled: StyleAndTextTuples = []
    for number, line in enumerate(split_lines(fragments)):
        if number:
            filled.append(("", "\n"))
        # (spaces before it, word) pairs, each a list of (style, character)
        runs: list[tuple[list[tuple[str, str]], list[tuple[str, str]]]] = [([], [])]
        for style, chunk, *_ in line:
            for char in chunk:
                if char == " ":
                    if runs[-1][1]:
                        runs.append(([], []))
                    runs[-1][0].append((style, char))
                else:
                    runs[-1][1].append((style, char))
        used = 0
        for spaces, word in runs:
            size = sum(get_cwidth(char) for _, char in word)
            if used and word and used + len(spaces) + size > width:
                filled.append(("", "\n"))
                used, spaces = 0, []
            elif not word:  # spaces ending the line: only those that fit
                spaces = spaces[: max(width - used, 0)]
            elif not used and len(spaces) + size > width:  # an indent too wide: what fits
                spaces = spaces[: max(width - size, 0)]
            filled.extend(spaces)
            used += len(spaces)
            for style, char in word:
                if used and used + get_cwidth(char) > width:  # a word wider than a line
                    filled.append(("", "\n"))
                    used = 0
                filled.append((style, char))
                used += get_cwidth(char)
    return filled


def _style() -> Style:
    from questionary import Style

    return Style(
        [
            ("qmark", "fg:ansicyan bold"),
            ("question", "bold"),
            ("answer", "fg:ansicyan"),
            ("pointer", "fg:ansicyan bold"),
            ("highlighted", "fg:ansicyan bold"),
            ("instruction", "fg:ansibrightblack"),
        ]
    )


def _saved_quiz(progress: Progress, total: int) -> str:
    """The resume offer, the same for both prompters."""
    saving = f", à enregistrer dans {printed(progress.save)}" if progress.save else ""
    return (
        f"Un quiz commencé le {french_date(progress.started)} est en cours "
        f"({plural(len(progress.answers), 'réponse')} sur {total}){saving}."
    )


# A reply is a digit or a letter: a longer line is not one (`head -c 2G /dev/zero | tr …`
# would otherwise be read whole). And replies not understood, one after the other, end
# the quiz: `yes | orientation quiz --plain` would otherwise ask forever.
MAX_LINE = 1024


MAX_NOT_UNDERSTOOD = 10


class PlainPrompter:
    """Numbered choices, one reply per line: works with a screen reader or a pipe."""

    plain = True

    def __init__(self, read: TextIO, write: TextIO) -> None:
        from orientation.signals import interactive

        interactive()
        self.read = read
        self.write = write

    def _fill(self, text: str) -> str:
        """Wrapped between words for a terminal; whole for a pipe or a transcript."""
        import os
        import textwrap

        if not self.write.isatty():
            return text
        try:  # the terminal the prompts go to, which may not be stdout's
            width = os.get_terminal_size(self.write.fileno()).columns - 1
        except (OSError, ValueError):
            width = 79
        return textwrap.fill(text, width=max(width, 20), break_on_hyphens=False)

    def _say(self, text: str) -> None:
        self.write.write(self._fill(text) + "\n")

    def _line(self, prompt: str) -> str:
        self.write.write(prompt)
        self.write.flush()
        line = self.read.readline(MAX_LINE + 1)
        if not line:
            self.write.write("\n")
            if self.read.isatty():  # Ctrl-D typed at the keyboard: stop, like Ctrl-C
                raise KeyboardInterrupt
            raise EOFError
        if len(line) > MAX_LINE:
            self.write.write("\n")
            raise InputRefused(
                f"ligne de réponse trop longue (plus de {MAX_LINE} caractères) : le quiz s'arrête."
            )
        if not self.read.isatty():  # piped: show the reply, as a terminal would have
            self.write.write(clean(line.rstrip("\r\n")) + "\n")
        return line.strip()

    def _not_understood(self, line: str, expected: str, count: int) -> None:
        """Say that *line* is not a reply; the last of too many in a row stops the quiz."""
        if count >= MAX_NOT_UNDERSTOOD:
            raise InputRefused(
                f"{count} réponses non comprises de suite (la dernière : « {clean(line)} ») : "
                "le quiz s'arrête."
            )
        self._say(f"Réponse non comprise : « {clean(line)} ». Tapez {expected}.")

    def ask_answer(
        self, question: Question, number: int, total: int, previous: Reply | None, can_go_back: bool
    ) -> Reply:
        lines = [self._fill(f"Question {number}/{total} : {clean(question.text)}")]
        lines += [f"  {value}. {label}" for value, label in SCALE_LABELS.items()]
        lines.append(f"  0. {SKIP_LABEL}")
        if can_go_back:
            lines.append("  p. Question précédente")
        shown = _previous_label(previous)
        if shown:
            lines.append(f"Réponse donnée : {shown} (Entrée pour la garder)")
        self.write.write("\n".join(lines) + "\n")
        count = 0
        while True:
            count += 1
            line = self._line("Votre réponse : ").lower()
            if line in {str(v) for v in SCALE_LABELS}:
                return int(line)
            if line == "0":
                return Move.SKIP
            if line == "p" and can_go_back:
                return Move.BACK
            if not line and previous is not None:
                return previous
            choices = "1 à 5, 0 pour « Je ne sais pas »" + (
                ", p pour revenir" if can_go_back else ""
            )
            self._not_understood(line, choices, count)

    def ask_resume(self, progress: Progress, total: int) -> bool:
        if not self.read.isatty():
            # Piped replies are answers, not a choice: start again, and say so.
            self._say(
                f"Le quiz commencé le {french_date(progress.started)} est remplacé par celui-ci "
                "(--resume l'aurait repris)."
            )
            return False
        self._say(_saved_quiz(progress, total))
        self.write.write(
            f"  1. Le reprendre ({resume_point(progress, total)})\n"
            "  2. Recommencer depuis le début\n"
        )
        count = 0
        while True:
            count += 1
            line = self._line("Votre choix : ")
            if line in {"1", "2"}:
                return line == "1"
            self._not_understood(line, "1 ou 2", count)

    def ask_keep(self, name: str) -> Keep:
        self._say(KEEP_QUESTION)
        keeps = list(KEEP_CHOICES)
        for number, keep in enumerate(keeps, 1):
            self._say(f"  {number}. {KEEP_CHOICES[keep].format(name=clean(name))}")
        count = 0
        while True:
            count += 1
            line = self._line("Votre choix : ")
            if line in {str(n) for n in range(1, len(keeps) + 1)}:
                return keeps[int(line) - 1]
            self._not_understood(line, f"1 à {len(keeps)}", count)

    def ask_text(self, question: str, check: Callable[[str], str | None]) -> str:
        for count in range(1, MAX_NOT_UNDERSTOOD + 1):
            line = self._line(f"{question} ({OPTIONAL}) : ")
            problem = check(line)
            if problem is None:
                return line
            if count == MAX_NOT_UNDERSTOOD:
                raise InputRefused(f"{count} réponses refusées de suite : le quiz s'arrête.")
            self._say(f"Refusé : {problem}.")
        raise AssertionError("unreachable")
