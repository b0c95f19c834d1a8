"""The question flow: intro, one question at a time, back and skip, progress kept, the
early stop, and keeping the results at the end.

`run_questions` only decides which question comes next and saves progress after
every reply. Asking is a `Prompter`'s job and telling a `Screen`'s (cli/prompts.py: arrow
keys with questionary, or numbered lists line by line): nothing here draws, and nothing
here scores (results/evaluation.py, scoring.py).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from dataclasses import replace as dataclass_replace  # where `replace` is --remplacer
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from orientation import files
from orientation.content.model import Question
from orientation.errors import Interrupted, OrientationError, UsageError
from orientation.output import clean, plural
from orientation.results import progressfile, savetarget
from orientation.results.progressfile import Progress

if TYPE_CHECKING:
    from orientation.content.model import Catalogue
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
    # Numbered lists read line by line (--plain): the commands the quiz shows say so.
    plain: bool

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


class Screen(Protocol):
    """Where the quiz tells what happens between questions (cli/prompts.py draws it)."""

    def intro(self, total: int, *, plain: bool, resume: str, complete: bool) -> None:
        """Before the first question: how to answer, how long, how to stop and resume;
        not *complete*: the quiz may stop early, so *total* is an upper bound."""

    def note(self, message: str) -> None:
        """Something the student should know (a resumed quiz, an early stop)."""

    def warning(self, message: str) -> None:
        """Something went wrong, and the quiz goes on."""


def run_questions(
    questions: Sequence[Question],
    progress: Progress,
    prompter: Prompter,
    save: Callable[[Progress], None],
    settled: Settled | None = None,
    choose: Choose | None = None,
) -> Answers:
    """Ask from *progress* to the last question, saving after every reply; or until
    *settled* (the answers so far, the ids not asked yet) says that the result cannot
    change any more: then only the questions asked have an answer. *choose* (the same
    two) picks each new question (results/adaptive.py); without it, the bank's order.

    The questions are asked in the order kept by the progress (its answers, in the
    order given) and *position* counts in that order, so that « back » returns to the
    question asked before, whichever it was."""
    answers = dict(progress.answers)
    by_id = {q.id: q for q in questions}
    order = [question for question in answers if question in by_id]
    position = min(max(progress.position, 0), len(order))
    while True:
        if position == len(order):
            # A question not asked yet: after an answer, or on resuming; never after
            # « back », which leads to a question already answered. One added to the
            # bank since the progress was saved is among them.
            remaining = [q.id for q in questions if q.id not in answers]
            if not remaining:
                break
            if settled is not None and settled(answers, remaining):
                # Saved as ended: a resume (to see the results again) asks nothing more.
                save(replace(progress, answers=dict(answers), position=len(questions)))
                return {q.id: answers[q.id] for q in questions if q.id in answers}
            # The choice serves the stop: a quiz that asks everything (--complet) goes in
            # the bank's order, which answers piped in that order rely on.
            if choose is not None and settled is not None:
                order.append(choose(answers, remaining))
            else:
                order.append(remaining[0])
        question = by_id[order[position]]
        previous: Reply | None = None
        if question.id in answers:
            given = answers[question.id]
            previous = Move.SKIP if given is None else given
        reply = prompter.ask_answer(question, position + 1, len(questions), previous, position > 0)
        if reply is Move.BACK:
            position = max(position - 1, 0)
        else:
            answers[question.id] = None if reply is Move.SKIP else reply
            position += 1
        save(replace(progress, answers=dict(answers), position=position))
    return {q.id: answers.get(q.id) for q in questions}


Settled = Callable[[Answers, Sequence[str]], bool]
Choose = Callable[[Answers, Sequence[str]], str]


def settled_rule(questions: Sequence[Question], catalogue: Catalogue) -> Settled:
    """The adaptive stop (stopping.settled) for this bank and these fiches."""
    from orientation.results.stopping import settled

    loads = {q.id: q.loads for q in questions}
    fiches = {e.slug: e.weights for e in catalogue.entries}
    return lambda answers, remaining: settled(loads, fiches, answers, remaining)


def choose_rule(questions: Sequence[Question], catalogue: Catalogue) -> Choose:
    """The choice of the next question (adaptive.next_question) for this bank and these
    fiches."""
    from orientation.results.adaptive import next_question

    loads = {q.id: q.loads for q in questions}
    fiches = {e.slug: e.weights for e in catalogue.entries}
    return lambda answers, remaining: next_question(loads, fiches, answers, remaining)


def stopped_words(asked: int) -> str:
    """Why the quiz ended before its last question, said to the student (both prompters):
    one line at 80 columns, so that the results below still fit one screen. « Devrait »:
    the rule assumes the answers to come are like those given (docs/methodologie.md)."""
    done = plural(asked, "question")
    return f"Quiz arrêté après {done} : la suite ne devrait plus changer le résultat."


def take_quiz(
    questions: Sequence[Question],
    prompter: Prompter,
    screen: Screen,
    *,
    resume: bool,
    root: Path | None = None,
) -> Answers:
    """The answers of take_session, for a quiz without --save."""
    return take_session(questions, prompter, screen, resume=resume, root=root).answers


@dataclass(frozen=True)
class Session:
    """How a quiz session ended."""

    answers: Answers
    save: Path | None  # where to save the results: --save, now or when the quiz began
    kept: bool  # the progress on disk holds these answers (a resume would find them)
    unasked: tuple[str, ...] = ()  # not asked: the result was settled before them
    name: str | None = None  # whose answers: --nom and --classe, now or when begun
    group: str | None = None
    replace: bool = False  # the file at *save* may be replaced (--remplacer, now or when begun)


def take_session(
    questions: Sequence[Question],
    prompter: Prompter,
    screen: Screen,
    *,
    resume: bool,
    root: Path | None = None,
    save: Path | None = None,
    settled: Settled | None = None,
    name: str | None = None,
    group: str | None = None,
    replace: bool = False,
    choose: Choose | None = None,
) -> Session:
    """The whole interactive session, up to the last answer.

    Progress stays saved when this returns: the caller clears it once the results
    are safely shown or written, so a failure there loses nothing. *root* is the
    content given with --content, for the resume command to say. *save* (--save) is
    kept with the progress, so that a resumed quiz saves where it was asked to; given
    again when resuming, the new one wins; so are *name* and *group* (--nom, --classe);
    *replace* (--remplacer) is kept with its target.
    With *settled*, the quiz stops as soon as
    it says the result is settled (see run_questions), and says so.
    """
    from orientation.content.model import suggested_command

    def command_for(words: str) -> str:
        return f"orientation {words}" if root is None else suggested_command(root, words)

    saver = _Saver(screen)
    plain = " --plain" if prompter.plain else ""
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
        screen.warning(f"{exc.message}{kept} ; le quiz recommence au début.")
    total = len(questions)
    try:
        progress = saver.current
        if progress is not None and not resume and not prompter.ask_resume(progress, total):
            # Starting again: the old progress is replaced by the first new answer,
            # not before, so that a quiz stopped right now loses nothing.
            progress = None
        if progress is None:
            if resume:
                screen.note("Aucun quiz en cours : le quiz commence à la première question.")
            target = None if save is None else save.absolute()
            progress = Progress(
                {},
                0,
                now(),
                target,
                complete=settled is None,
                name=name,
                group=group,
                replace=replace and target is not None,
            )
            screen.intro(total, plain=prompter.plain, resume=command, complete=progress.complete)
        else:
            elsewhere = command_for(f"quiz --resume{plain} --save AUTRE-FICHIER.json")
            progress, saying = _results_target(progress, save, replace, elsewhere)
            if progress.complete:  # begun with --complet: every question, resumed or not
                settled = None
            elif settled is None:  # --complet given on resuming
                progress = dataclass_replace(progress, complete=True)
            if name is not None or group is not None:  # given again: the new ones win
                progress = dataclass_replace(
                    progress, name=name or progress.name, group=group or progress.group
                )
            screen.note(f"Reprise du quiz : {resume_point(progress, total)}.")
            if saying:
                screen.note(saying)
            if progress != saver.current:
                saver.keep(progress)  # a stop before the next answer keeps the new target
        answers = run_questions(questions, progress, prompter, saver, settled, choose)
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
        screen.note(stopped_words(len(answers)))
    return Session(
        answers, target, saver.kept, unasked, progress.name, progress.group, progress.replace
    )


def _results_target(
    progress: Progress, save: Path | None, replace: bool, again: str
) -> tuple[Progress, str | None]:
    """The resumed quiz with its --save target: the one given now (checked already, with
    *replace*), else the one given when it began, checked again (the place may have
    changed since; a file there may be replaced if --remplacer is given now or was then,
    or if it holds this quiz's own results); what to say."""
    import os

    from orientation.errors import printable

    stored = progress.save
    if save is not None:
        progress = dataclass_replace(progress, save=save.absolute(), replace=replace)
        if stored is None or os.path.realpath(save) == os.path.realpath(stored):
            return progress, None
        return progress, (
            f"Les résultats seront enregistrés dans {clean(printable(str(save)))}, et non plus "
            f"dans {printed(stored)} comme demandé au début du quiz."
        )
    if stored is None:
        return progress, None
    try:
        replacing = savetarget.check_save_target(
            stored, replace=replace or progress.replace, ours=progress
        )
    except OrientationError as exc:
        raise UsageError(
            f"le fichier de résultats demandé au début du quiz ne peut plus servir "
            f"({exc.message.rstrip('.')}). Pour enregistrer ailleurs : {again}"
        ) from None
    progress = dataclass_replace(progress, replace=replacing)
    return progress, f"{_saving_to(stored)}, comme demandé au début du quiz."


def _shown(path: Path | None) -> Path | None:
    """A saved absolute path as the user would type it here (relative when inside)."""
    from orientation.errors import relative_path

    return None if path is None else Path(relative_path(path))


def printed(path: Path | None) -> str:
    from orientation.errors import shown_path

    return "" if path is None else clean(shown_path(path))


def _saving_to(path: Path) -> str:
    return f"Les résultats seront enregistrés dans {printed(path)}"


def resume_point(progress: Progress, total: int) -> str:
    if progress.position >= total:
        if len(progress.answers) < total:
            # Stopped early. Whether it asks more now is for the rule (and --complet) to
            # say, with the content of today: only what happened is said here.
            return f"arrêté après {plural(len(progress.answers), 'question')}"
        return "toutes les questions ont une réponse"
    return f"question {progress.position + 1}/{total}"


class _Saver:
    """Saves progress after each reply; one warning if that fails, the quiz goes on."""

    def __init__(self, screen: Screen) -> None:
        self.screen = screen
        self.current: Progress | None = None
        self.failed = False
        self.answered = False  # a reply was given in this session
        self.behind = False  # the last save failed: the file is older than the answers

    def __call__(self, progress: Progress) -> None:
        self.answered = True
        self.keep(progress)

    def keep(self, progress: Progress) -> None:

        try:
            progressfile.save_progress(progress)
        except OrientationError as exc:
            if not self.failed:
                self.screen.warning(f"{exc.message} ; le quiz continue sans reprise possible.")
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


# --- Prompters --------------------------------------------------------------------


class InputRefused(OrientationError):
    """The replies read cannot be a quiz's: it stops, the progress saved stays."""


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
