"""Answer sheets: the answer files people write for `quiz --answers`, and the results
file that `quiz --save` writes, the one module that knows its format, read (`read_answers`,
`read_result`) and written (`results_data`, also the `--json` of the quiz and of
`report`). Every problem is reported with its line, like content."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orientation.content.model import Question
from orientation.errors import ContentError, Problem
from orientation.output import plural, shortened
from orientation.results.outcome import LISTED, Outcome, answer_label, band_label
from orientation.scoring import SCALE_MAX, SCALE_MIN

if TYPE_CHECKING:
    from orientation.content.yamlnodes import Mapping, Node
    from orientation.scoring import Evidence, Reason

RESULTS_FORMAT = "orientation-quiz"  # the "format" field of a saved result
PROGRESS_FORMAT = "orientation-progress"
# Of a saved result. 2: « matches » holds the first fiches only (all of them in `--json`),
# « ranked » says how many were ranked. 3: « name » and « class », whose results they are
# (null when not given). 4: « asked », « stopped » (« complete », or « settled » when the
# quiz stopped before its last question, its result settled) and « unasked », the ids of
# the questions it did not ask. Versions 1 (every match), 2 and 3 are still read.
RESULTS_VERSION = 4
READ_RESULTS_VERSIONS = (1, 2, 3, 4)
MAX_IDENTITY = 60  # characters of a student's name or class: a line of a table, not a text


# --- Answer files and saved results ------------------------------------------------


@dataclass(frozen=True)
class AnswerSheet:
    """Answers read from a file: question id -> 1..5, or None for « Je ne sais pas »."""

    answers: dict[str, int | None]
    date: str | None = None  # when the quiz was taken (saved results only)
    scores: dict[str, int] | None = None  # slug -> score when it was saved
    # Saved results only: questions added to the bank since (counted as skipped)
    # and answers to questions removed since (left out).
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    name: str | None = None  # whose results (version 3 on), when given
    group: str | None = None  # their class
    # Version 4 on: the questions the quiz did not ask, its result settled before them
    # (not in *answers*, nor « added » since: they were in the quiz, left out on purpose).
    unasked: tuple[str, ...] = ()


_DRAWN_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def identity_problem(value: str) -> str | None:
    """What is wrong with *value* as a student's name or class (said in French), or None:
    one line of ordinary characters, short enough for a row of the class overview."""
    import unicodedata

    if len(value.strip()) > MAX_IDENTITY:
        return f"trop long ({len(value.strip())} caractères, {MAX_IDENTITY} au plus)"
    for char in value:
        category, code = unicodedata.category(char), f"U+{ord(char):04X}"
        # Zl, Zp: U+2028 and U+2029, which end a line as \n does (shown as �, raw in a CSV).
        if category in ("Zl", "Zp"):
            what = "séparateur de ligne" if category == "Zl" else "séparateur de paragraphe"
            return f"{what} ({code}) : une seule ligne de texte"
        # Cc: line breaks, tabs, escapes; Cf: the invisible ones, bidi overrides and
        # zero-width joiners included (a name that looks like another one).
        # Also the letters drawn blank (Hangul fillers, the blank Braille pattern): as
        # invisible as a Cf character, though Unicode files them as letters or symbols.
        if category in ("Cc", "Cf") or char in _DRAWN_BLANK:
            return f"caractère de contrôle ou invisible ({code}) : une seule ligne de texte"
        # Cs: a byte that is not UTF-8, held as U+DC80..U+DCFF (a Latin-1 terminal).
        if category == "Cs":
            byte = f"l'octet \\x{ord(char) - 0xDC00:02x}" if ord(char) >= 0xDC80 else code
            return f"caractère illisible : {byte} n'est pas de l'UTF-8"
    return None


def identity(value: str | None) -> str | None:
    """*value* as stored: trimmed, None when empty."""
    value = (value or "").strip()
    return value or None


def read_answers(
    path: Path, questions: Sequence[Question], *, results_only: bool = False
) -> AnswerSheet:
    """Read an answer file (a mapping id -> 1..5 or null) or a saved result.

    Every problem is reported at once, each with its line and the question id. With
    *results_only* (`report`, `compare --results`), only a saved result is accepted,
    and a file that is not one is said to be so in one line. The file is read by the rule
    of every file named for reading (yamlnodes.read_text).
    """
    from orientation.content.yamlnodes import read_text

    # A file saved again by Notepad starts with a byte order mark: not part of the text.
    text = read_text(path).removeprefix("\ufeff")
    return _sheet(path, text, questions, results_only)


def _sheet(path: Path, text: str, questions: Sequence[Question], results_only: bool) -> AnswerSheet:
    """read_answers, the file's *text* read (once: a pipe cannot be read again)."""
    from orientation.content.yamlnodes import Mapping, parse_yaml

    if results_only:
        _check_results_text(path, text)
    else:
        quick = _plain_answers(text, questions)
        if quick is not None:
            return quick
    node = parse_yaml(text, path)
    problems: list[Problem] = []
    if results_only and not (isinstance(node, Mapping) and "format" in node.entries):
        raise ContentError([Problem(path, None, None, NOT_RESULTS)])
    if not isinstance(node, Mapping):
        message = f"{NOT_ANSWERS} : un ensemble « identifiant de question : réponse » est attendu"
        raise ContentError([Problem(path, node.line, node.column, message)])
    if "format" not in node.entries:
        _check_answers_keys(path, node, questions)
        answers = _answers(path, node, questions, problems, saved=False)
        if problems:
            raise ContentError(problems, "le fichier")
        return AnswerSheet(answers)
    # A result saved by `orientation quiz --save`: the bank may have changed since,
    # which must not make the file unreadable for the counsellor who receives it.
    answers_node, sheet = _saved_result(path, node, problems)
    answers = _answers(path, answers_node, questions, problems, saved=True) if answers_node else {}
    known = {q.id for q in questions}
    given = set(answers_node.entries) if answers_node else set()
    unasked = tuple(q.id for q in questions if q.id in set(sheet.unasked) - given)
    answers = {q: a for q, a in answers.items() if q not in unasked}
    if answers_node is not None and given and not given & known:
        message = (
            "aucune des réponses ne correspond aux questions actuelles du quiz : ce résultat "
            "vient d'un autre questionnaire"
        )
        problems.append(Problem(path, answers_node.line, answers_node.column, message))
    if problems:
        raise ContentError(problems, "le fichier")
    return AnswerSheet(
        answers,
        sheet.date,
        sheet.scores,
        added=tuple(q.id for q in questions if q.id not in given and q.id not in unasked),
        removed=tuple(sorted(given - known)),
        name=sheet.name,
        group=sheet.group,
        unasked=unasked,
    )


# One answer per line, as people write an answer file (docs/methodologie.md): the key
# at the start of the line, a space, 1 to 5 or null, then maybe a comment.
_ANSWER_LINE = re.compile(r"([a-z0-9]+(?:-[a-z0-9]+)*): +([1-5]|null|~) *(?: #.*)?")
_QUIET_LINE = re.compile(r" *(?:#.*)?")  # blank, or a comment
# What YAML also takes for the end of a line (inside a comment too): left to the parser.
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029]")


def _plain_answers(text: str, questions: Sequence[Question]) -> AnswerSheet | None:
    """The answers in *text* when it is a plain answer file that answers every question
    of the bank, one per line in YAML or as one JSON object: the file people write
    and `quiz --answers` reads. Read without the YAML parser (10 ms to import); else
    None, and the located reader decides, with its message."""
    answers: dict[str, int | None] = {}
    if text.lstrip(" \t\r\n").startswith("{"):
        try:
            data = json.loads(text, object_pairs_hook=_unique_pairs)
        except (ValueError, RecursionError):
            return None
        if not isinstance(data, dict):
            return None
        for key, value in data.items():
            if value is not None and not (type(value) is int and SCALE_MIN <= value <= SCALE_MAX):
                return None
            answers[key] = value
    elif not _OTHER_BREAKS.search(text.replace("\r\n", "\n")):
        for line in text.split("\n"):
            line = line.removesuffix("\r")
            match = _ANSWER_LINE.fullmatch(line)
            if match is None:
                if _QUIET_LINE.fullmatch(line) is None:
                    return None
                continue
            key, value = match.groups()
            if key in answers:
                return None  # said twice: the located reader names both lines
            answers[key] = int(value) if value.isdigit() else None
    else:
        return None
    if answers.keys() != {q.id for q in questions}:
        return None  # a question missing or unknown: said with its line
    return AnswerSheet({q.id: answers[q.id] for q in questions})


def _unique_pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    data = dict(pairs)
    if len(data) != len(pairs):  # a key given twice: let the located reader say so
        raise ValueError
    return data


def read_result(path: Path, questions: Sequence[Question], *, regular: bool = False) -> AnswerSheet:
    """A saved result, as `read_answers(path, questions, results_only=True)` reads it, in a
    fraction of the time (`classe` reads a thousand): a file that is plainly valid JSON
    as we write it is taken as it is; any other goes the located way, for its message.
    With *regular*, a pipe is refused (see yamlnodes.read_text)."""
    from orientation.content.yamlnodes import read_text

    text = read_text(path, regular=regular).removeprefix("\ufeff")
    quick = _plain_result(text, questions)
    if quick is not None:
        return quick
    return _sheet(path, text, questions, results_only=True)


def _plain_result(text: str, questions: Sequence[Question]) -> AnswerSheet | None:
    """The result in *text* when nothing in it needs a word: else None."""
    try:
        data = json.loads(text, object_pairs_hook=_unique_pairs)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("format") != RESULTS_FORMAT:
        return None
    version, answers = data.get("version"), data.get("answers")
    if type(version) is not int or version not in READ_RESULTS_VERSIONS:
        return None
    if not isinstance(answers, dict) or not isinstance(data.get("date", ""), (str, type(None))):
        return None
    known = {q.id for q in questions}
    if answers and not known & set(answers):
        return None
    for key, value in answers.items():
        valid = value is None or (type(value) is int and SCALE_MIN <= value <= SCALE_MAX)
        if key in known and not valid:
            return None
    who = []
    for field in ("name", "class"):
        value = data.get(field)
        if value is not None and (not isinstance(value, str) or identity_problem(value)):
            return None
        who.append(identity(value))
    listed = data.get("unasked", [])
    if not isinstance(listed, list) or not all(isinstance(q, str) for q in listed):
        return None
    unasked = tuple(q.id for q in questions if q.id in set(listed) - set(answers))
    scores: dict[str, int] = {}
    matches = data.get("matches")
    for item in matches if isinstance(matches, list) else ():
        if isinstance(item, dict):
            slug, score = item.get("slug"), item.get("score")
            if isinstance(slug, str) and type(score) is int and score >= 0:
                scores[slug] = score
    return AnswerSheet(
        {q.id: answers.get(q.id) for q in questions if q.id not in unasked},
        data.get("date"),
        scores,
        added=tuple(q.id for q in questions if q.id not in answers and q.id not in unasked),
        removed=tuple(sorted(set(answers) - known)),
        name=who[0],
        group=who[1],
        unasked=unasked,
    )


NOT_RESULTS = "ce n'est pas un fichier de résultats écrit par « orientation quiz --save »"
NOT_ANSWERS = "ce n'est pas un fichier de réponses"


def _check_answers_keys(path: Path, node: Mapping, questions: Sequence[Question]) -> None:
    """An answer file names at least one question: a mapping none of whose keys is a
    question id nor close to one (/etc/group, a configuration file) is some other file,
    said in one line rather than one « question inconnue » per line of it."""
    known = {q.id for q in questions}
    keys = list(node.entries)
    if not keys or any(key in known for key in keys):
        return
    if any(_closest(key, known) for key in keys[:20]):  # a misspelt answer file
        return
    if len(keys) == 1:
        which = f"sa seule clé, « {shortened(keys[0])} », n'est pas"
    else:
        which = f"aucune de ses {len(keys)} clés n'est"
    message = (
        f"{NOT_ANSWERS} : {which} un identifiant de question (la liste : orientation questions)"
    )
    raise ContentError([Problem(path, node.line, node.column, message)])


def small_number(text: str) -> int | None:
    """*text* as a whole number written with the digits 0 to 9, or None.

    int() would accept other scripts' digits (« ٣ » is 3) and fail on more than 4300
    digits; a number that long is never a valid answer, version or score anyway.
    """
    text = text.strip()
    if not (text.isascii() and text.isdigit()):
        return None
    digits = text.lstrip("0") or "0"
    return int(digits) if len(digits) <= 18 else None


def json_number(digits: str) -> int | str:
    """Json's parse_int: a number too long for int() stays text (and so is refused where
    it is read, with its line) instead of failing the whole file."""
    number = small_number(digits.removeprefix("-"))
    if number is None:
        return digits
    return -number if digits.startswith("-") else number


def _check_results_text(path: Path, text: str) -> None:
    """A saved result is JSON written by us: anything else is a damaged or foreign file."""
    if not text.strip():
        raise ContentError([Problem(path, None, None, f"fichier vide : {NOT_RESULTS}")])
    try:
        json.loads(text, parse_int=json_number)
    except ValueError as exc:  # json.JSONDecodeError, a ValueError
        line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
        message = f"JSON invalide : fichier abîmé ou tronqué, ou {NOT_RESULTS}"
        raise ContentError([Problem(path, line, column, message)]) from None
    except RecursionError:  # json recurses: thousands of nested brackets
        message = f"imbrication trop profonde : {NOT_RESULTS}"
        raise ContentError([Problem(path, None, None, message)]) from None


def _answers(
    path: Path, node: Mapping, questions: Sequence[Question], problems: list[Problem], saved: bool
) -> dict[str, int | None]:
    """Check every answer; a saved result may lack new questions and keep removed ones."""
    from orientation.content.yamlnodes import Scalar, describe

    known = {q.id for q in questions}
    answers: dict[str, int | None] = {}
    for key, (key_node, value) in node.entries.items():
        if key not in known and saved:
            continue
        if key not in known:
            message = f"question inconnue « {key} »{_closest(key, known)}"
            problems.append(Problem(path, key_node.line, key_node.column, message))
            continue
        if isinstance(value, Scalar) and value.is_null:
            answers[key] = None
            continue
        number = small_number(value.value) if isinstance(value, Scalar) else None
        if number is not None and SCALE_MIN <= number <= SCALE_MAX:
            answers[key] = number
            continue
        shown = (
            f"« {shortened(value.value)} »" if isinstance(value, Scalar) else f"({describe(value)})"
        )
        message = (
            f"question « {key} » : réponse {shown} invalide ; attendu un nombre de "
            f"{SCALE_MIN} à {SCALE_MAX}, ou null pour « Je ne sais pas »"
        )
        problems.append(Problem(path, value.line, value.column, message))
    missing = [q.id for q in questions if q.id not in node.entries]
    if missing and not saved:
        named = ", ".join(missing[:5])
        if len(missing) > 5:
            others = len(missing) - 5
            named += f" et {others} {'autre' if others == 1 else 'autres'}"
        message = (
            f"{plural(len(missing), 'question')} sans réponse : {named} "
            "(écrire null pour « Je ne sais pas » ; la liste : orientation questions)"
        )
        problems.append(Problem(path, node.line, node.column, message))
    if problems:
        return {}
    return {q.id: answers.get(q.id) for q in questions}


def _saved_result(
    path: Path, node: Mapping, problems: list[Problem]
) -> tuple[Mapping | None, AnswerSheet]:
    """The answers, date and scores of a saved result; the rest is recomputed."""
    from orientation.content.yamlnodes import Mapping, Scalar, Sequence

    def scalar(name: str) -> str | None:
        entry = node.entries.get(name)
        return entry[1].value if entry and isinstance(entry[1], Scalar) else None

    def report(message: str, place: Node | None = None) -> None:
        place = place or node
        problems.append(Problem(path, place.line, place.column, message))

    if scalar("format") == PROGRESS_FORMAT:
        report(
            "c'est la progression d'un quiz en cours, pas un résultat : "
            "orientation quiz --resume le reprend"
        )
        return None, AnswerSheet({})
    if scalar("format") != RESULTS_FORMAT:
        report(f"ce n'est pas un résultat enregistré par orientation (format « {RESULTS_FORMAT} »)")
        return None, AnswerSheet({})
    version = scalar("version")
    number = small_number(version) if version is not None else None
    if number not in READ_RESULTS_VERSIONS:
        place = node.entries["version"][1] if "version" in node.entries else None
        if number is not None and number > RESULTS_VERSION:
            report(
                f"fichier au format {number}, écrit par une version plus récente d'orientation : "
                "mettre orientation à jour pour le lire",
                place,
            )
        elif version is not None and version.strip().isdigit() and not version.isascii():
            report(  # « ² » or « ٣ »: digits to str.isdigit(), not numbers to us
                f"version « {shortened(version)} » non prise en charge : un numéro écrit avec "
                f"les chiffres 0 à 9 est attendu (version actuelle : {RESULTS_VERSION})",
                place,
            )
        else:
            shown = "absente" if version is None else f"« {shortened(version)} »"
            report(f"version {shown} non prise en charge (attendu : {RESULTS_VERSION})", place)
        return None, AnswerSheet({})
    answers = node.entries.get("answers")
    if answers is None or not isinstance(answers[1], Mapping):
        report("le champ « answers » (les réponses) manque ou n'est pas un ensemble")
        return None, AnswerSheet({})
    scores: dict[str, int] = {}
    matches = node.entries.get("matches")
    if matches and isinstance(matches[1], Sequence):
        for item in matches[1].items:
            if not isinstance(item, Mapping):
                continue
            slug, score = item.entries.get("slug"), item.entries.get("score")
            if slug and score and isinstance(slug[1], Scalar) and isinstance(score[1], Scalar):
                number = small_number(score[1].value)
                if number is not None:
                    scores[slug[1].value] = number
    who: dict[str, str | None] = {}
    for field in ("name", "class"):
        entry = node.entries.get(field)
        if entry is None or (isinstance(entry[1], Scalar) and entry[1].is_null):
            who[field] = None
        elif not isinstance(entry[1], Scalar) or identity_problem(entry[1].value):
            what = "nom" if field == "name" else "classe"
            why = identity_problem(entry[1].value) if isinstance(entry[1], Scalar) else None
            report(
                f"« {field} » ({what} de l'élève) invalide : {why or 'un texte est attendu'}",
                entry[1],
            )
        else:
            who[field] = identity(entry[1].value)
    unasked: list[str] = []
    listed = node.entries.get("unasked")
    if listed is not None and not (isinstance(listed[1], Scalar) and listed[1].is_null):
        items = listed[1].items if isinstance(listed[1], Sequence) else None
        if items is None or not all(isinstance(i, Scalar) and not i.is_null for i in items):
            report(
                "« unasked » (les questions que le quiz n'a pas posées) invalide : une liste "
                "d'identifiants de question est attendue",
                listed[1],
            )
        else:
            unasked = [i.value for i in items if isinstance(i, Scalar)]
    sheet = AnswerSheet(
        {},
        scalar("date"),
        scores,
        name=who.get("name"),
        group=who.get("class"),
        unasked=tuple(unasked),
    )
    return answers[1], sheet


def _closest(key: str, known: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return f" (vouliez-vous dire « {close[0]} » ?)" if close else ""


# --- Progress between two sessions -----------------------------------------------


def _reason_data(outcome: Outcome, reason: Reason) -> dict[str, Any]:
    def quoted(evidence: tuple[Evidence, ...]) -> list[dict[str, Any]]:
        return [
            {
                "question": e.question,
                "text": outcome.questions[e.question].text,
                "answer": e.answer,
                "answer_label": answer_label(e.answer),
            }
            for e in evidence
        ]

    return {
        "tag": reason.tag,
        "label": outcome.catalogue.tag(reason.tag).label,
        "liking": round(reason.liking, 3),
        "mean": round(reason.mean, 3),
        "attracts": reason.attracts,
        "weight": reason.weight,
        "evidence": quoted(reason.evidence),
        # The answers that say the opposite (« mais : … » on screen).
        "against": quoted(reason.against),
    }


def results_data(outcome: Outcome, *, saved: bool = False) -> dict[str, Any]:
    """The result document (`quiz --json`, `report --json`); *saved* (`quiz --save`, read
    back by `report`): only the first LISTED matches, so that its size does not grow with
    the catalogue (`report` scores the saved answers again anyway)."""
    from orientation.scoring import level

    result = outcome.result
    matches = result.matches[:LISTED] if saved else result.matches
    return {
        "format": RESULTS_FORMAT,
        "version": RESULTS_VERSION,
        "date": outcome.date,
        "name": outcome.name,
        "class": outcome.group,
        "answers": dict(outcome.answers),
        # How many questions the quiz asked, and why it stopped: all of them asked
        # (« complete »), or the result settled before the last (« settled »).
        "asked": outcome.asked,
        "stopped": "settled" if outcome.unasked else "complete",
        "unasked": list(outcome.unasked),
        "answered": result.answered,
        "skipped": result.skipped,
        "flat": result.flat,
        "level": level(result) if result.flat else None,
        # False: the answers do not hang together (random clicking, say), no ranking;
        # with the test behind both verdicts (scoring.relief), null when not made.
        "consistent": result.consistent,
        "relief": None
        if result.relief is None
        else {
            "f": round(result.relief.f, 3) if result.relief.f < float("inf") else None,
            "p": round(result.relief.p, 3),
            "within_sd": round(result.relief.within_sd, 3),
            "df": [result.relief.between_df, result.relief.within_df],
        },
        "near_tie": result.near_tie,
        # How sure: « net » when the first match is told apart (scoring.TIE_Z).
        "certain": result.ranked and not result.near_tie,
        "profile": {tag: round(value, 3) for tag, value in result.profile.items()},
        "centred": {tag: round(value, 3) for tag, value in result.centred.items()},
        "ranked": len(result.matches),
        "matches": [
            {
                "slug": m.slug,
                "title": outcome.title(m.slug),
                "score": m.score,
                "band": m.band,
                "band_label": band_label(m.score, m.low),
                # The score's lower bound (scoring.LOWER_Z): « très proche » only above 75.
                "low": m.low,
                "tied": m.tied,
                "correlation": round(m.correlation, 3),
                "reasons": [_reason_data(outcome, r) for r in m.reasons],
                "caution": _reason_data(outcome, m.caution) if m.caution else None,
            }
            for m in matches
        ],
    }
