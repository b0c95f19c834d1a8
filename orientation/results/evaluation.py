"""A quiz scored: the answers ranked against every fiche (scoring.py), with what a reader
must know beside the scores (questions not asked, added or removed since, content
changed since the results were saved)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from orientation.content.catalogue import load_questions
from orientation.content.model import Question
from orientation.output import plural
from orientation.results.resultsfile import AnswerSheet, read_answers

if TYPE_CHECKING:
    from orientation.content.model import Catalogue
    from orientation.results.outcome import Outcome


def evaluate(
    answers: dict[str, int | None],
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


def replayed(
    answers: dict[str, int | None], catalogue: Catalogue, questions: Sequence[Question]
) -> tuple[dict[str, int | None], tuple[str, ...]]:
    """The quiz replayed on an answer file (`quiz --answers --arret`): the questions
    chosen one after the other as the quiz chooses them (results/adaptive.py), each
    answered from the file (a question it leaves out: « Je ne sais pas »), until the
    stop rule says the result is settled. Returns (the answers asked, in bank order;
    the questions not asked)."""
    from orientation.results.adaptive import replay

    loads = {q.id: q.loads for q in questions}
    fiches = {e.slug: e.weights for e in catalogue.entries}
    order = [q.id for q in questions]
    asked = set(replay(loads, fiches, answers, order).asked)
    return (
        {q: answers.get(q) for q in order if q in asked},
        tuple(q for q in order if q not in asked),
    )
