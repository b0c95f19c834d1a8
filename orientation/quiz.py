"""The question flow: intro, one question at a time, back and skip, progress kept.

`run_questions` only decides which question comes next and saves progress after
every reply. Asking is a prompter's job: `ArrowPrompter` (questionary, arrow keys
or digits) or `PlainPrompter` (numbered lists read line by line, for screen
readers and piped input). Nothing here scores: see scoring.py.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from orientation import files
from orientation.content.catalogue import load_questions
from orientation.content.model import Question
from orientation.errors import Interrupted, OrientationError, UsageError
from orientation.output import TitledPanel, clean, french_date, plural, text
from orientation.results import progressfile
from orientation.results.outcome import SCALE_LABELS, SKIP_LABEL
from orientation.results.progressfile import Progress
from orientation.results.resultsfile import AnswerSheet, read_answers

if TYPE_CHECKING:
    from prompt_toolkit.application import Application
    from prompt_toolkit.formatted_text import OneStyleAndTextTuple, StyleAndTextTuples
    from questionary import Question as Question_
    from questionary import Style
    from rich.console import Console, RenderableType
    from rich.text import Text

    from orientation.content.model import Catalogue, Entry
    from orientation.results.outcome import Outcome

BACK_LABEL = "← Question précédente"
SECONDS_PER_QUESTION = 10  # an estimate (read one sentence, pick an answer), not a measurement


class Move(enum.Enum):
    SKIP = "skip"
    BACK = "back"


class Keep(enum.Enum):
    """What to do with the results once they are shown."""

    SAVE = "save"
    DETAILS = "details"
    DROP = "drop"


# The offer made when the results are on screen (both prompters say the same). Only
# « Non » wipes them: a window closed here keeps them for `quiz --resume`, as Ctrl-C
# does anywhere in the quiz (docs/robustesse.md), so the question promises no more.
KEEP_QUESTION = "Garder ces résultats ? « Non » les efface de cet ordinateur."
# Short: questionary cuts a choice at the margin, and the offer must fit 40 columns.
KEEP_CHOICES = {
    Keep.SAVE: "Oui, dans {name}",
    Keep.DETAILS: "Voir d'abord le détail",
    Keep.DROP: "Non, ne pas les garder",
}

Reply = int | Move  # a point on the scale, or skip / back
Answers = dict[str, int | None]  # question id -> 1..5, None for « Je ne sais pas »


class Prompter(Protocol):
    def ask_answer(
        self, question: Question, number: int, total: int, previous: Reply | None, can_go_back: bool
    ) -> Reply:
        """One question; *previous* is the earlier reply when coming back to it."""

    def ask_resume(self, progress: Progress, total: int) -> bool:
        """True to carry on with the saved quiz, False to start again."""

    def ask_keep(self, name: str) -> Keep:
        """At the end, with the results on screen: keep them in *name*, see the details
        first, or leave without keeping them."""

    def ask_text(self, question: str, check: Callable[[str], str | None]) -> str:
        """One line of text, asked again while *check* finds something wrong with it
        (its words); empty is an answer."""


def run_questions(
    questions: Sequence[Question],
    progress: Progress,
    prompter: Prompter,
    save: Callable[[Progress], None],
    settled: Settled | None = None,
) -> Answers:
    """Ask from *progress* to the last question, saving after every reply; or until
    *settled* (the answers so far, the ids not asked yet) says that the result cannot
    change any more: then only the questions asked have an answer."""
    answers = dict(progress.answers)
    # Start at the first question without an answer: one added to the bank since the
    # progress was saved is asked too, then the quiz goes on in order from there.
    unanswered = [i for i, q in enumerate(questions) if q.id not in answers]
    position = min([progress.position, *unanswered])
    while position < len(questions):
        question = questions[position]
        previous: Reply | None = None
        if question.id in answers:
            given = answers[question.id]
            previous = Move.SKIP if given is None else given
        elif settled is not None:
            # Before a question not asked yet: after an answer, or on resuming; never
            # after « back », which leads to a question already answered.
            remaining = [q.id for q in questions if q.id not in answers]
            if settled(answers, remaining):
                # Saved as ended: a resume (to see the results again) asks nothing more.
                save(replace(progress, answers=dict(answers), position=len(questions)))
                return {q.id: answers[q.id] for q in questions if q.id in answers}
        reply = prompter.ask_answer(question, position + 1, len(questions), previous, position > 0)
        if reply is Move.BACK:
            position = max(position - 1, 0)
        else:
            answers[question.id] = None if reply is Move.SKIP else reply
            position += 1
        save(replace(progress, answers=dict(answers), position=position))
    return {q.id: answers.get(q.id) for q in questions}


Settled = Callable[[Answers, Sequence[str]], bool]


def settled_rule(questions: Sequence[Question], catalogue: Catalogue) -> Settled:
    """The adaptive stop (stopping.settled) for this bank and these fiches."""
    from orientation.results.stopping import settled

    loads = {q.id: q.loads for q in questions}
    fiches = {e.slug: e.weights for e in catalogue.entries}
    return lambda answers, remaining: settled(loads, fiches, answers, remaining)


def stopped_words(asked: int) -> str:
    """Why the quiz ended before its last question, said to the student (both prompters):
    one line at 80 columns, so that the results below still fit one screen. « Devrait »:
    the rule assumes the answers to come are like those given (docs/methodologie.md)."""
    done = plural(asked, "question")
    return f"Quiz arrêté après {done} : la suite ne devrait plus changer le résultat."


def take_quiz(
    questions: Sequence[Question],
    prompter: Prompter,
    ui: Console,
    *,
    resume: bool,
    root: Path | None = None,
) -> Answers:
    """The answers of take_session, for a quiz without --save."""
    return take_session(questions, prompter, ui, resume=resume, root=root).answers


@dataclass(frozen=True)
class Session:
    """How a quiz session ended."""

    answers: Answers
    save: Path | None  # where to save the results: --save, now or when the quiz began
    kept: bool  # the progress on disk holds these answers (a resume would find them)
    unasked: tuple[str, ...] = ()  # not asked: the result was settled before them
    name: str | None = None  # whose answers: --nom and --classe, now or when begun
    group: str | None = None


def take_session(
    questions: Sequence[Question],
    prompter: Prompter,
    ui: Console,
    *,
    resume: bool,
    root: Path | None = None,
    save: Path | None = None,
    settled: Settled | None = None,
    name: str | None = None,
    group: str | None = None,
) -> Session:
    """The whole interactive session, up to the last answer.

    Progress stays saved when this returns: the caller clears it once the results
    are safely shown or written, so a failure there loses nothing. *root* is the
    content given with --content, for the resume command to say. *save* (--save) is
    kept with the progress, so that a resumed quiz saves where it was asked to; given
    again when resuming, the new one wins; so are *name* and *group* (--nom, --classe).
    With *settled*, the quiz stops as soon as
    it says the result is settled (see run_questions), and says so.
    """
    from orientation.content.model import suggested_command
    # REMAP-EMPTY

    def command_for(words: str) -> str:
        return f"orientation {words}" if root is None else suggested_command(root, words)

    saver = _Saver(ui)
    plain = " --plain" if isinstance(prompter, PlainPrompter) else ""
    command = command_for("quiz --resume" + plain)
    try:
        saver.current = progressfile.load_progress(questions)
    except OrientationError as exc:
        if resume:  # asked for that quiz: say so and touch nothing
            again = command_for("quiz" + plain)
            raise OrientationError(
                f"{exc.message}. Le fichier n'a pas été modifié ; « {again} » commence un nouveau "
                "quiz (et le met de côté)."
            ) from None
        aside = progressfile.set_aside_progress()
        kept = f", mise de côté dans {aside}" if aside else ""
        ui.print(_warning(f"{exc.message}{kept} ; le quiz recommence au début."))
    total = len(questions)
    try:
        progress = saver.current
        if progress is not None and not resume and not prompter.ask_resume(progress, total):
            # Starting again: the old progress is replaced by the first new answer,
            # not before, so that a quiz stopped right now loses nothing.
            progress = None
        if progress is None:
            if resume:
                ui.print(_note("Aucun quiz en cours : le quiz commence à la première question."))
            target = None if save is None else save.absolute()
            progress = Progress(
                {}, 0, now(), target, complete=settled is None, name=name, group=group
            )
            ui.print(
                intro(
                    total,
                    plain=isinstance(prompter, PlainPrompter),
                    resume=command,
                    complete=progress.complete,
                )
            )
        else:
            elsewhere = command_for(f"quiz --resume{plain} --save AUTRE-FICHIER.json")
            progress, saying = _results_target(progress, save, elsewhere)
            if progress.complete:  # begun with --complet: every question, resumed or not
                settled = None
            elif settled is None:  # --complet given on resuming
                progress = replace(progress, complete=True)
            if name is not None or group is not None:  # given again: the new ones win
                progress = replace(
                    progress, name=name or progress.name, group=group or progress.group
                )
            ui.print(_note(f"Reprise du quiz : {_resume_point(progress, total)}."))
            if saying:
                ui.print(_note(saying))
            if progress != saver.current:
                saver.keep(progress)  # a stop before the next answer keeps the new target
        answers = run_questions(questions, progress, prompter, saver, settled)
    except KeyboardInterrupt:
        # One line, short enough for 80 columns even with --plain.
        raise Interrupted("Interrompu. " + saver.resume_hint(total, command)) from None
    except InputRefused as exc:
        raise OrientationError(f"{exc.message} {saver.resume_hint(total, command)}") from None
    except EOFError:
        hint = saver.resume_hint(total, command)
        if not saver.answered:
            raise UsageError(
                "l'entrée standard s'est terminée sans aucune réponse valable. Pour lire les "
                "réponses dans un fichier : orientation quiz --answers FICHIER."
            ) from None
        raise OrientationError(f"l'entrée s'est terminée avant la fin du quiz. {hint}") from None
    target = save if save is not None else _shown(progress.save)
    unasked = tuple(q.id for q in questions if q.id not in answers)
    if unasked:
        ui.print(_note(stopped_words(len(answers))))
    return Session(answers, target, saver.kept, unasked, progress.name, progress.group)


def _results_target(
    progress: Progress, save: Path | None, again: str
) -> tuple[Progress, str | None]:
    """The resumed quiz with its --save target: the one given now, else the one given
    when it began (checked again: the place may have changed since); what to say."""
    import os

    from orientation.errors import printable
    # REMAP-EMPTY

    stored = progress.save
    if save is not None:
        progress = replace(progress, save=save.absolute())
        if stored is None or os.path.realpath(save) == os.path.realpath(stored):
            return progress, None
        return progress, (
            f"Les résultats seront enregistrés dans {clean(printable(str(save)))}, et non plus "
            f"dans {_printed(stored)} comme demandé au début du quiz."
        )
    if stored is None:
        return progress, None
    try:
        progressfile.check_save_target(stored)
    except OrientationError as exc:
        raise UsageError(
            f"le fichier de résultats demandé au début du quiz ne peut plus servir "
            f"({exc.message.rstrip('.')}). Pour enregistrer ailleurs : {again}"
        ) from None
    return progress, f"{_saving_to(stored)}, comme demandé au début du quiz."


def _shown(path: Path | None) -> Path | None:
    """A saved absolute path as the user would type it here (relative when inside)."""
    from orientation.errors import relative_path

    return None if path is None else Path(relative_path(path))


def _printed(path: Path | None) -> str:
    from orientation.errors import shown_path

    return "" if path is None else clean(shown_path(path))


def _saving_to(path: Path) -> str:
    return f"Les résultats seront enregistrés dans {_printed(path)}"


def _resume_point(progress: Progress, total: int) -> str:
    if progress.position >= total:
        if len(progress.answers) < total:
            # Stopped early. Whether it asks more now is for the rule (and --complet) to
            # say, with the content of today: only what happened is said here.
            return f"arrêté après {plural(len(progress.answers), 'question')}"
        return "toutes les questions ont une réponse"
    return f"question {progress.position + 1}/{total}"


class _Saver:
    """Saves progress after each reply; one warning if that fails, the quiz goes on."""

    def __init__(self, ui: Console) -> None:
        self.ui = ui
        self.current: Progress | None = None
        self.failed = False
        self.answered = False  # a reply was given in this session
        self.behind = False  # the last save failed: the file is older than the answers

    def __call__(self, progress: Progress) -> None:
        self.answered = True
        self.keep(progress)

    def keep(self, progress: Progress) -> None:
        # REMAP-EMPTY

        try:
            progressfile.save_progress(progress)
        except OrientationError as exc:
            if not self.failed:
                self.ui.print(_warning(f"{exc.message} ; le quiz continue sans reprise possible."))
            self.failed = self.behind = True
            return
        self.current = progress
        self.behind = False

    @property
    def kept(self) -> bool:
        return self.current is not None and not self.behind

    def resume_hint(self, total: int, command: str) -> str:
        """How to carry on from what is saved: one short line, and where the results
        will be saved when --save was given."""
        if self.current is None:
            return "Rien n'a été enregistré."
        if self.current.position >= total:
            hint = f"Voir les résultats : {command}"
        else:
            hint = f"Reprendre à la question {self.current.position + 1}/{total} : {command}"
        if self.current.save is not None:
            hint += f"\n{_saving_to(self.current.save)}, comme demandé avec --save."
        return hint


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


# --- Prompters --------------------------------------------------------------------


def _previous_label(previous: Reply | None) -> str | None:
    if isinstance(previous, int):
        return SCALE_LABELS[previous]
    return SKIP_LABEL if previous is Move.SKIP else None


class ArrowPrompter:
    """questionary selects: arrows (or a digit) then Enter; Ctrl-C raises KeyboardInterrupt."""

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
                        _fitted(f"Le reprendre ({_resume_point(progress, total)})"), value=True
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

    # questionary draws its question with a PromptSession, reachable from its input line.
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
    saving = f", à enregistrer dans {_printed(progress.save)}" if progress.save else ""
    return (
        f"Un quiz commencé le {french_date(progress.started)} est en cours "
        f"({plural(len(progress.answers), 'réponse')} sur {total}){saving}."
    )


# A reply is a digit or a letter: a longer line is not one (`head -c 2G /dev/zero | tr …`
# would otherwise be read whole). And replies not understood, one after the other, end
# the quiz: `yes | orientation quiz --plain` would otherwise ask forever.
MAX_LINE = 1024
MAX_NOT_UNDERSTOOD = 10


class InputRefused(OrientationError):
    """The replies read cannot be a quiz's: it stops, the progress saved stays."""


class PlainPrompter:
    """Numbered choices, one reply per line: works with a screen reader or a pipe."""

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
            f"  1. Le reprendre ({_resume_point(progress, total)})\n"
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


def evaluate(
    answers: Answers,
    catalogue: Catalogue,
    questions: Sequence[Question],
    *,
    date: str | None = None,
    saved: AnswerSheet | None = None,
    name: str | None = None,
    group: str | None = None,
    unasked: Sequence[str] = (),
) -> Outcome:
    """Score the answers against every fiche, ready to render or save; *name* and
    *group* say whose they are, when known; *unasked*, the questions the quiz did not
    ask, its result settled before them.

    With *saved* (a result read back), say what changed since it was saved.
    """
    from orientation.results.outcome import Outcome
    from orientation.scoring import rank_matches

    result = rank_matches(
        {q.id: q.loads for q in questions},
        {e.slug: e.weights for e in catalogue.entries},
        answers,
    )
    notes: list[str] = []
    if saved is not None:
        date, name, group, unasked = saved.date, saved.name, saved.group, saved.unasked
    added = saved.added if saved is not None else ()
    if unasked:
        asked = len(answers) - len(added)
        rest = (
            "la dernière ne devait plus"
            if len(unasked) == 1
            else f"les {len(unasked)} autres ne devaient plus"
        )
        notes.append(
            f"{plural(asked, 'question posée', 'questions posées')} sur {asked + len(unasked)} : "
            f"le quiz s'est arrêté quand {rest} changer le résultat, à moins de réponses très "
            "différentes des précédentes (« orientation quiz --complet » pose toutes les "
            "questions)."
        )
    if saved is not None:
        if saved.added:
            one = len(saved.added) == 1
            notes.append(
                f"{plural(len(saved.added), 'question')} "
                + (
                    "ajoutée au quiz depuis : comptée"
                    if one
                    else "ajoutées au quiz depuis : comptées"
                )
                + " comme « Je ne sais pas »."
            )
        if saved.removed:
            one = len(saved.removed) == 1
            notes.append(
                f"{plural(len(saved.removed), 'question')} "
                + (
                    "retirée du quiz depuis : ignorée."
                    if one
                    else "retirées du quiz depuis : ignorées."
                )
            )
        # The file keeps the first matches (all of them before version 2): the same first
        # ones with the same scores, or the content changed.
        first = {m.slug: m.score for m in result.matches[: len(saved.scores or ())]}
        if saved.scores and saved.scores != first:
            notes.append(
                "Les fiches ou les questions ont changé depuis ce quiz : les scores sont "
                "recalculés avec le contenu actuel."
            )
    questions_by_id = {q.id: q for q in questions}
    return Outcome(
        result,
        answers,
        catalogue,
        questions_by_id,
        date,
        tuple(notes),
        name,
        group,
        tuple(unasked),
        tuple(added),
    )


def reevaluate(path: Path, catalogue: Catalogue) -> Outcome:
    """A result saved with `quiz --save`, scored again with the current content."""
    questions = load_questions(catalogue.root)
    sheet = read_answers(path, questions, results_only=True)
    return evaluate(sheet.answers, catalogue, questions, saved=sheet)


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


# --- After the last answer ----------------------------------------------------------


def results_name(date: str) -> str:
    """The name offered for the results: the day the quiz was taken, in the current
    folder (a shared computer in a CDI: the student sees where it goes)."""
    return f"resultats-{date[:10]}.json"


def offer_to_keep(
    outcome: Outcome, prompter: Prompter, *, details: Callable[[], None]
) -> Path | None:
    """Ask whether to keep the results shown; save them under a dated name that never
    replaces a file (`-2`, `-3`… when it is taken). *details* shows the whole results.
    Returns the file written, or None when the student leaves them."""
    from pathlib import Path

    path = Path(results_name(outcome.date or now()))
    while True:
        # The name offered is the one that will be written: a taken one is never offered.
        first = next((n for n in range(1, MAX_NUMBER) if not numbered(path, n).exists()), 1)
        keep = prompter.ask_keep(str(numbered(path, first)))
        if keep is Keep.DETAILS:
            details()
            continue
        if keep is Keep.DROP:
            return None
        return save_new(path, ask_whose(outcome, prompter), first=first)


# Asked once the student chose to keep the results, each optional (Enter alone: none).
NAME_QUESTION = "Votre nom, pour qui lira ces résultats ?"
CLASS_QUESTION = "Votre classe ?"
OPTIONAL = "facultatif, Entrée pour passer"


def ask_whose(outcome: Outcome, prompter: Prompter) -> Outcome:
    """*outcome* with the name and class the student gives, each asked unless known
    (quiz --nom, --classe)."""
    from dataclasses import replace

    from orientation.results.resultsfile import identity, identity_problem

    name, group = outcome.name, outcome.group
    if name is None:
        name = identity(prompter.ask_text(NAME_QUESTION, identity_problem))
    if group is None:
        group = identity(prompter.ask_text(CLASS_QUESTION, identity_problem))
    return replace(outcome, name=name, group=group)


MAX_NUMBER = 1000  # resultats-DATE-999.json at most


def numbered(path: Path, number: int) -> Path:
    """*path* itself for 1, else `name-2.json`, `name-3.json`…"""
    return path if number == 1 else path.with_name(f"{path.stem}-{number}{path.suffix}")


def save_new(path: Path, outcome: Outcome, *, first: int = 1) -> Path:
    """Write the results to *path*, or to the first free `name-2.json`, `name-3.json`…
    from number *first*: an earlier student's results are never replaced."""
    from orientation.output import to_json

    # REMAP-EMPTY
    from orientation.results.resultsfile import results_data

    data = to_json(results_data(outcome, saved=True))
    for number in range(first, MAX_NUMBER):
        target = numbered(path, number)
        try:
            files.write_new(target, data)
        except files.NameTaken:
            continue
        return target
    raise OrientationError(f"impossible de trouver un nom libre pour {path} dans ce dossier")
