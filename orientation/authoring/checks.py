"""`orientation check`: every problem of a content root, including those that only
show when the files are read together.

Loading (content.py) already refuses what would break a command: syntax, types,
unknown fields and tags, duplicate names, too few questions per tag. The checks
here go further and ask whether the quiz can still do its job:

- **The questions tell the tags apart.** The profile is a linear function of the
  answers (weighted means, then centred; see scoring.py). If two tags are always
  measured by the same questions in the same proportions, no answers can ever
  separate them. More generally, the map from answers to centred profiles must
  reach every centred direction, i.e. have rank T - 1 for T tags.
- **Each occupation can come first.** The match is the cosine between the centred
  profile and the fiche's centred weights. When every centred direction can be
  reached, choosing the profile along the fiche's own direction gives it a cosine
  of 1, and every other fiche less, unless another fiche has the same direction:
  the same weights, or weights proportional to them up to a shift. Then both always
  get the same score, and the ranking's tie-break (the slug) always puts the same
  one first: the others can never come first. This is exact (for the continuous
  profile the answers feed) and costs one pass over the fiches.
- **Jargon is explained.** A fiche that uses a term of the glossary's watch-list
  (glossaire.yaml) that the glossary does not define is reported at the line that
  uses it (glossaryfile.watch_problems); so are the glossary's own problems. Any
  other word in capitals (a sigle: BTS, ESAT) must be defined too, or listed as plain
  French in mots-courants.yaml (glossaryfile.sigle_problems).
- **Editorial notes are marked.** What the editors add to a source (NDLR) lives in
  `editorial`, dated, or in a confusion marked `editorial`: a « NDLR » or « note de la
  rédaction » written in the source's rubrics would pass for the source's words. A
  date still to come is a typo.
- **Dated figures and notes are today's.** A reference figure (reperes.yaml) past its
  validity (the SMIC after the 1 January that follows it), or checked more than a year
  ago; an editorial note dated more than a year ago; a note citing a figure that does
  not exist; a gross salary below the SMIC without a note citing it.
- **Each occupation has a shape.** A fiche whose weights are all equal has no
  direction: its score is 50 whatever the answers. It can still come first, but
  only when every other occupation runs against the profile, which says nothing
  about the occupation itself: reported too, with that wording.
- **Each occupation is found** (`check --simulation` only): respondents simulated
  from each fiche's weights at the middle noise level (simulation.py) answer the
  quiz; an occupation put first for fewer than MIN_RECOVERY of its own respondents
  is reported, with the one that took its place most often. Being able to come
  first (above) is not enough when two occupations are close and answers are noisy.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from orientation.content.catalogue import Reading, read_content
from orientation.content.glossary import Glossary
from orientation.content.glossaryfile import (
    read_glossary,
    read_plain_words,
    sigle_problems,
    watch_problems,
)
from orientation.content.model import Fiche, Question, Tag
from orientation.content.reperes import FILE as REPERES_FILE
from orientation.content.reperes import (
    ROME_FILE,
    SMIC,
    Reperes,
    RomeList,
    read_reperes,
    read_rome_list,
)
from orientation.errors import ContentError, Problem
from orientation.output import long_date, plural

NotSeparated = tuple[str, str]


if TYPE_CHECKING:
    from orientation.results.simulation import Figures

# check --simulation: respondents per occupation (and flat ones), a fixed seed so that
# the same content always gets the same verdict, and the recovery an occupation needs.
SIMULATED = 200
SIMULATION_SEED = 20
MIN_RECOVERY = 0.8
NO_SIMULATION = (
    "Simulation impossible : il faut des centres d'intérêt, des questions et au moins une "
    "fiche métier lisibles."
)
# Beyond this many fiches, the simulation would take minutes: it is refused.
MAX_SIMULATED_FICHES = 40


@dataclass(frozen=True)
class Report:
    reading: Reading
    problems: tuple[Problem, ...]  # sorted by file, line and column
    glossary: Glossary = field(default_factory=Glossary)  # as far as it could be read
    simulation: Figures | None = None  # with check --simulation, when it could run

    @property
    def files(self) -> int:
        return len({p.path for p in self.problems})


def check_root(root: Path, *, simulation: bool = False) -> Report:
    """Every problem of the content root; with *simulation*, the occupations that
    simulated respondents do not find too."""
    reading = read_content(root)
    problems = list(reading.problems)
    problems += _question_problems(reading)
    problems += _fiche_problems(reading)
    problems += _editorial_problems(reading)
    problems += dated_problems(reading, read_reperes(root, problems))
    problems += rome_problems(reading, read_rome_list(root, problems))
    glossary = read_glossary(root, problems)
    fiche_paths = [fiche.path for fiche in reading.fiches]
    problems += watch_problems(glossary, fiche_paths)
    problems += sigle_problems(glossary, read_plain_words(root, problems), fiche_paths)
    figures = simulate(reading) if simulation else None
    if figures is not None:
        problems += recovery_problems(reading, figures)
    return Report(reading, tuple(sorted(problems, key=Problem.order)), glossary, figures)


def simulate(reading: Reading) -> Figures | None:
    """The simulation at the middle noise level; None when there is nothing to simulate."""
    if not reading.tags or not reading.questions or not reading.fiches:
        return None
    if len(reading.fiches) > MAX_SIMULATED_FICHES:
        from orientation.errors import UsageError

        raise UsageError(
            f"--simulation : {len(reading.fiches)} fiches, trop pour une simulation de quelques "
            f"secondes (au plus {MAX_SIMULATED_FICHES}) ; lancer plutôt "
            "python benchmarks/simulation.py --content DOSSIER depuis le dépôt"
        )
    from orientation.results import simulation

    return simulation.simulate(
        {q.id: q.loads for q in reading.questions},
        {f.slug: f.weights for f in reading.fiches},
        [t.id for t in reading.tags],
        per_occupation=SIMULATED,
        seed=SIMULATION_SEED,
        recovery_only=True,
    )


def recovery_problems(reading: Reading, figures: Figures) -> list[Problem]:
    """The occupations put first for fewer than MIN_RECOVERY of their own respondents."""
    by_slug = {f.slug: f for f in reading.fiches}
    problems = []
    for recovery in figures.recovery:
        if recovery.first.value >= MIN_RECOVERY:
            continue
        fiche = by_slug[recovery.slug]
        line, column = fiche.places.get("tags", (1, 1))
        instead = ""
        if recovery.confused_with is not None:
            share = _share(recovery.confused / figures.per_occupation)
            instead = f", le plus souvent derrière {recovery.confused_with} ({share})"
        message = (
            f"métier retrouvé premier par {percent(recovery.first.value)} seulement des "
            f"répondants simulés d'après ses poids (au moins {percent(MIN_RECOVERY)} attendus)"
            f"{instead} ; rendre ses poids plus distincts de ceux des métiers proches"
        )
        problems.append(Problem(fiche.path, line, column, message))
    return problems


def simulation_lines(figures: Figures) -> tuple[str, list[str]]:
    """What `check --simulation` prints: a heading, then one line per occupation."""
    heading = (
        f"Simulation au bruit {figures.level.name}, {figures.per_occupation} répondants "
        "par métier : part de ceux dont le métier d'origine arrive premier."
    )
    lines = []
    for recovery in figures.recovery:
        line = f"{recovery.slug} : {percent(recovery.first.value)}"
        if recovery.first.value < MIN_RECOVERY:
            line += f" (moins de {percent(MIN_RECOVERY)})"
        if recovery.confused_with is not None:
            share = _share(recovery.confused / figures.per_occupation)
            line += f" ; confondu surtout avec {recovery.confused_with} ({share})"
        lines.append(line)
    return heading, lines


def simulation_data(figures: Figures) -> dict[str, object]:
    """The same for --json."""
    return {
        "noise": figures.level.sigma,
        "respondents": figures.per_occupation,
        "minimum": MIN_RECOVERY,
        "occupations": [
            {
                "slug": r.slug,
                "recovery": round(r.first.value, 4),
                "interval": [round(bound, 4) for bound in r.first.interval],
                "top_two": round(r.top_two.value, 4),
                "confused_with": r.confused_with,
                "confused": round(r.confused / figures.per_occupation, 4),
            }
            for r in figures.recovery
        ],
    }


def _share(value: float) -> str:
    """How often another occupation came first: rounded, but never « 0 % » when it did."""
    return "moins de 1 %" if 0 < value < 0.01 else f"{math.floor(100 * value + 0.5)} %"


def percent(value: float) -> str:
    """« 85 % », rounded down so that 79,6 % never reads as the 80 % it misses."""
    return f"{math.floor(100 * value + 1e-9)} %"


def _question_problems(reading: Reading) -> list[Problem]:
    tags, questions = reading.tags, reading.questions
    if not tags or not questions:
        return []
    measured = {t for q in questions for t in q.loads}
    if any(t.id not in measured for t in tags):
        return []  # already said: a tag with too few questions
    path = reading.root / "questions.yaml"
    problems = []
    # The quiz stops early only once every tag has an answer to a question mainly about
    # it (stopping.py): a tag only ever partly measured would keep it to the last one.
    from orientation.scoring import main_tags

    mainly = {t for q in questions for t in main_tags(q.loads)}
    for tag in tags:
        if tag.id not in mainly:
            message = (
                f"aucune question ne porte surtout sur « {tag.id} » (il n'a jamais le plus "
                "fort poids d'une question) : il n'est mesuré qu'en passant, et le quiz pose "
                "alors toujours toutes ses questions ; ajouter une question sur lui"
            )
            problems.append(Problem(reading.root / "tags.yaml", tag.line, tag.column, message))
    for first, second in inseparable_pairs(tags, questions):
        first_measuring = next((q for q in questions if second in q.loads), None)
        message = (
            f"le quiz ne peut pas distinguer « {first} » de « {second} » : chaque question qui "
            "mesure l'un mesure l'autre, dans les mêmes proportions ; ajouter une question qui "
            "ne mesure que l'un des deux"
        )
        problems.append(Problem(path, *_question_place(first_measuring), message))
    if not problems and profile_rank(tags, questions) < len(tags) - 1:
        message = (
            "les questions ne permettent pas de distinguer tous les centres d'intérêt les uns "
            "des autres (certains sont toujours mesurés ensemble) ; ajouter des questions qui "
            "ne mesurent qu'un centre d'intérêt"
        )
        problems.append(Problem(path, 1, 1, message))
    # The bank's rules on a file read in part (a question set aside for its mistakes)
    # would only repeat what its mistakes already say.
    if not problems and not any(p.path == path for p in reading.problems):
        problems += _balance_problems(reading)
        problems += _block_problems(reading)
    return problems


def _balance_problems(reading: Reading) -> list[Problem]:
    """Rule 6 of docs/banque-questions.md: every tag is the main subject of as many
    questions as the others, so that each weighs as much in the profile and is measured
    as reliably. A tag is reported when its count is not the one most tags have."""
    from collections import Counter

    from orientation.scoring import main_tags

    counts = dict.fromkeys((t.id for t in reading.tags), 0)
    for question in reading.questions:
        for main in main_tags(question.loads):
            counts[main] += 1
    usual = max(Counter(counts.values()).most_common(), key=lambda pair: (pair[1], pair[0]))[0]
    problems = []
    for tag in reading.tags:
        if counts[tag.id] != usual:
            message = (
                f"« {tag.id} » est le sujet principal (le plus fort poids) de "
                f"{plural(counts[tag.id], 'question')}, la plupart des autres centres d'intérêt "
                f"de {usual} : chaque centre d'intérêt doit l'être d'autant de questions, pour "
                "peser autant que les autres (docs/banque-questions.md, règle 6)"
            )
            problems.append(Problem(reading.root / "tags.yaml", tag.line, tag.column, message))
    return problems


def _block_problems(reading: Reading) -> list[Problem]:
    """Rule 7: each block of as many questions as there are tags, in file order, is
    mainly about every tag once. Only the first block that is not is reported: one
    question added or removed shifts every block after it."""
    from orientation.scoring import main_tags

    tags, questions = reading.tags, reading.questions
    size = len(tags)
    for start in range(0, len(questions) - size + 1, size):
        block = questions[start : start + size]
        seen = [tag for q in block for tag in sorted(main_tags(q.loads))]
        missing = [t.id for t in tags if t.id not in seen]
        twice = [t.id for t in tags if seen.count(t.id) > 1]
        if not missing and not twice:
            continue
        said = []
        if missing:
            said.append("aucune sur " + ", ".join(f"« {t} »" for t in missing))
        if twice:
            said.append("plusieurs sur " + ", ".join(f"« {t} »" for t in twice))
        message = (
            f"les questions {start + 1} à {start + size} ne portent pas chacune surtout sur un "
            f"centre d'intérêt différent ({' ; '.join(said)}) : chaque bloc de {size} "
            "questions, dans l'ordre du fichier, doit mesurer chacun une fois, pour qu'un quiz "
            "arrêté avant la fin les ait tous mesurés (docs/banque-questions.md, règle 7)"
        )
        return [Problem(reading.root / "questions.yaml", *_question_place(block[0]), message)]
    return []


def _question_place(question: Question | None) -> tuple[int | None, int | None]:
    return (question.line, question.column) if question is not None else (None, None)


def _profile_rows(tags: tuple[Tag, ...], questions: tuple[Question, ...]) -> list[list[Fraction]]:
    """Tag -> weight of each question in that tag's mean (the profile as a linear map)."""
    rows = []
    for tag in tags:
        total = sum(q.loads.get(tag.id, 0) for q in questions)
        rows.append([Fraction(q.loads.get(tag.id, 0), total or 1) for q in questions])
    return rows


def inseparable_pairs(tags: tuple[Tag, ...], questions: tuple[Question, ...]) -> list[NotSeparated]:
    """Pairs of tags whose means are the same function of the answers."""
    rows = _profile_rows(tags, questions)
    pairs = []
    for i, first in enumerate(tags):
        for j in range(i + 1, len(tags)):
            if rows[i] == rows[j]:
                pairs.append((first.id, tags[j].id))
    return pairs


def profile_rank(tags: tuple[Tag, ...], questions: tuple[Question, ...]) -> int:
    """Rank of answers -> centred profile; T - 1 when every centred direction is reachable."""
    rows = _profile_rows(tags, questions)
    count = len(rows)
    if not count:
        return 0
    means = [sum(column, Fraction(0)) / count for column in zip(*rows, strict=True)]
    centred = [[value - mean for value, mean in zip(row, means, strict=True)] for row in rows]
    return _rank(centred)


def _rank(matrix: list[list[Fraction]]) -> int:
    """Exact rank by Gaussian elimination (the matrices are tags x questions: small)."""
    rows = [row[:] for row in matrix]
    rank = 0
    width = len(rows[0]) if rows else 0
    for column in range(width):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for r in range(len(rows)):
            if r != rank and rows[r][column] != 0:
                factor = rows[r][column] / rows[rank][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        rank += 1
    return rank


def direction(fiche: Fiche, tags: tuple[Tag, ...]) -> tuple[int, ...] | None:
    """The fiche's centred weights reduced to a canonical integer direction.

    Two fiches with the same direction get the same score for every possible
    answers (the score is a correlation). None when all weights are equal.
    """
    weights = fiche.weights
    values = [weights.get(t.id, 0) for t in tags]
    total = sum(values)
    centred = [len(values) * v - total for v in values]  # len × (v - mean), in integers
    divisor = math.gcd(*centred)
    if divisor == 0:
        return None
    return tuple(c // divisor for c in centred)


def _fiche_problems(reading: Reading) -> list[Problem]:
    if not reading.tags or len(reading.fiches) < 2:
        return []
    problems = []
    by_direction: dict[tuple[int, ...], list[Fiche]] = {}
    for fiche in reading.fiches:
        key = direction(fiche, reading.tags)
        line, column = fiche.places.get("tags", (1, 1))
        if key is None:
            message = (
                "tous les centres d'intérêt ont le même poids : le score de ce métier vaut 50 "
                "quelles que soient les réponses, et il n'arrive premier que si tous les autres "
                "s'opposent au profil ; donner plus de poids à ce qui caractérise le métier"
            )
            problems.append(Problem(fiche.path, line, column, message))
        else:
            by_direction.setdefault(key, []).append(fiche)
    for group in by_direction.values():
        group.sort(key=lambda f: f.slug)  # scoring breaks ties by slug: the first one wins
        for fiche in group[1:]:
            first = group[0]
            line, column = fiche.places.get("tags", (1, 1))
            message = (
                f"aucune réponse au quiz ne peut classer ce métier devant {first.slug} "
                f"({first.path.name}) : leurs centres d'intérêt ont les mêmes poids, ou des "
                "poids proportionnels ; changer au moins un poids"
            )
            problems.append(Problem(fiche.path, line, column, message))
    return problems


# Where editors may write about their own notes: the notes themselves, the confusions
# (marked `editorial` when theirs), and the authors' notes on the sources.
_EDITORIAL_BLOCKS = {"editorial", "confusions", "sources"}
_EDITORIAL_WORDS = re.compile(r"\bNDLR\b|note de la rédaction", re.IGNORECASE)


def _editorial_problems(reading: Reading) -> list[Problem]:
    """Editorial words outside the editorial notes, and notes dated in the future.

    The fiches read are searched first: a file is read again, for the lines of its
    problems, only when it has one (`check` reads 10 000 fiches)."""
    import datetime

    today = datetime.date.today().isoformat()
    problems: list[Problem] = []
    for fiche in reading.fiches:
        dates = [n.date for n in fiche.editorial]
        dates += [c.editorial for c in fiche.confusions if c.editorial]
        future = sorted({day for day in dates if day > today})
        said = _source_text(fiche).lower()  # substrings first: ten times faster
        words = ("ndlr" in said or "note de la rédaction" in said) and _EDITORIAL_WORDS.search(said)
        if words or future:
            problems += _editorial_lines(fiche.path, future)
    return problems


def _source_text(fiche: Fiche) -> str:
    """Every text of *fiche* that says what its source says, as one string."""
    education, env = fiche.education, fiche.environment
    texts = [fiche.title, fiche.summary, fiche.description or "", education.wording or ""]
    for group in (
        fiche.aliases,
        fiche.missions,
        fiche.technical_skills,
        fiche.interpersonal_skills,
        education.diplomas,
        education.notes,
        fiche.experience,
        env.structures,
        env.notes,
        fiche.publics,
        fiche.career,
        fiche.related,
        fiche.advantages,
        fiche.drawbacks,
        fiche.employers,
        tuple(fiche.brief.values()),
    ):
        texts += group
    texts += [env.workplace or "", env.travel or ""]
    for salary in fiche.salaries:
        texts += [salary.source, salary.date or "", salary.note or ""]
    texts += [tag.why for tag in fiche.tags]
    for section in fiche.sections:
        texts += [section.heading, *section.items]
    return "\n".join(texts)


def _editorial_lines(path: Path, future: list[str]) -> list[Problem]:
    """The problems of _editorial_problems in the file *path*, at their lines: editorial
    words outside the editorial blocks, and where each date of *future* is written."""
    from orientation.content.yamlnodes import read_text

    try:  # by the rule of every file read: a fiche made a FIFO since must not hang check
        lines = read_text(path, regular=True).removeprefix("\ufeff").splitlines()
    except ContentError:
        return []  # already said by the loader
    problems: list[Problem] = []
    block = ""
    pending = list(future)
    for number, line in enumerate(lines, 1):
        if line[:1].isalpha():  # a top-level key
            block = line.split(":", 1)[0]
        if line.lstrip().startswith("#"):
            continue
        words = _EDITORIAL_WORDS.search(line)
        if words and block not in _EDITORIAL_BLOCKS:
            message = (
                f"« {words.group()} » dans « {block} » : une note de la rédaction va dans "
                "« editorial », avec sa rubrique et sa date, pour ne pas passer pour un fait "
                "de la source"
            )
            problems.append(Problem(path, number, words.start() + 1, message))
        for day in [d for d in pending if d in line and block in {"editorial", "confusions"}]:
            pending.remove(day)
            message = (
                f"note de la rédaction datée du {day}, une date à venir : "
                "la date est celle où la note a été écrite ou vérifiée"
            )
            problems.append(Problem(path, number, line.index(day) + 1, message))
    return problems


# A dated note or figure checked longer ago than this is to be checked again.
MAX_AGE = 365  # days


def dated_problems(
    reading: Reading, reperes: Reperes, today: datetime.date | None = None
) -> list[Problem]:
    """Figures past their validity or unchecked for a year, editorial notes older than a
    year, notes citing a figure that does not exist, and gross salaries below the SMIC
    without a note citing it."""
    today = today or datetime.date.today()
    oldest = (today - datetime.timedelta(days=MAX_AGE)).isoformat()
    path = reading.root / REPERES_FILE
    problems: list[Problem] = []
    for figure in reperes.figures:
        expires = figure.expires()
        if expires is not None and expires <= today:
            changed = long_date(expires.isoformat())
            message = (
                f"repère « {figure.key} » ({figure.label}) en vigueur depuis le "
                f"{long_date(figure.since)} : il a pu changer le {changed} ; "
                "vérifier le chiffre d'aujourd'hui et mettre à jour value, since et checked"
            )
            problems.append(Problem(path, figure.line, figure.column, message))
        elif figure.checked < oldest:
            message = (
                f"repère « {figure.key} » ({figure.label}) vérifié le "
                f"{long_date(figure.checked)}, il y a plus d'un an : le vérifier à nouveau "
                "et mettre à jour checked"
            )
            problems.append(Problem(path, figure.line, figure.column, message))
    smic = reperes.get(SMIC)
    for fiche in reading.fiches:
        places: dict[str, tuple[int, int]] | None = None

        def at(name: str, fiche: Fiche = fiche) -> tuple[int, int]:
            nonlocal places
            if places is None:
                from orientation.content.loading import places_of

                places = places_of(fiche.path)
            return places.get(name, (1, 1))

        for number, note in enumerate(fiche.editorial, 1):
            if note.date < oldest:
                message = (
                    f"note de la rédaction datée du {long_date(note.date)}, il y a plus d'un "
                    "an : la vérifier (les chiffres, les noms et les règles changent) et "
                    "mettre à jour sa date"
                )
                problems.append(Problem(fiche.path, *at(f"editorial[{number}]"), message))
            if note.figure is not None and reperes.get(note.figure) is None:
                known = ", ".join(f.key for f in reperes.figures) or "aucun"
                message = (
                    f"champ « editorial[{number}].figure » : repère « {note.figure} » "
                    f"introuvable dans {REPERES_FILE} (connus : {known})"
                )
                problems.append(Problem(fiche.path, *at(f"editorial[{number}]"), message))
        for number, confusion in enumerate(fiche.confusions, 1):
            if confusion.editorial and confusion.editorial < oldest:
                message = (
                    f"note « ne pas confondre » de la rédaction datée du "
                    f"{long_date(confusion.editorial)}, il y a plus d'un an : la vérifier "
                    "et mettre à jour sa date"
                )
                problems.append(Problem(fiche.path, *at(f"confusions[{number}]"), message))
        if smic is None or smic.monthly_gross is None:
            continue
        for number, salary in enumerate(fiche.salaries, 1):
            monthly = Decimal(salary.low) / (12 if salary.period == "year" else 1)
            if salary.basis != "gross" or monthly >= smic.monthly_gross:
                continue
            notes = (*fiche.notes_on(f"salary[{number}]"), *fiche.notes_on("salary"))
            if any(n.figure == SMIC for n in notes):
                continue
            message = (
                f"salaire brut de {salary.low} € par {'an' if salary.period == 'year' else 'mois'} "
                f"inférieur au {smic.label} d'aujourd'hui ({smic.value}) : ajouter une note "
                f"de la rédaction (editorial, field: salary[{number}], figure: {SMIC}) qui "
                "le dit"
            )
            problems.append(Problem(fiche.path, *at(f"salary[{number}]"), message))
    return problems


def rome_problems(
    reading: Reading, rome: RomeList | None, today: datetime.date | None = None
) -> list[Problem]:
    """Each fiche's ROME code is in the dated list of rome.yaml, with the same label; the
    list was checked less than a year ago."""
    today = today or datetime.date.today()
    problems: list[Problem] = []
    path = reading.root / ROME_FILE
    cited = [fiche for fiche in reading.fiches if fiche.rome]
    if rome is None:
        for fiche in cited:
            message = f"code ROME cité sans liste de référence : ajouter {ROME_FILE}"
            problems.append(Problem(fiche.path, *_place(fiche, "rome[1]"), message))
        return problems
    oldest = (today - datetime.timedelta(days=MAX_AGE)).isoformat()
    if rome.checked is not None and rome.checked < oldest:
        message = (
            f"liste des codes ROME vérifiée le {long_date(rome.checked)}, il y a plus d'un an : "
            "vérifier chaque code et son intitulé, puis mettre à jour checked"
        )
        problems.append(Problem(path, rome.line, rome.column, message))
    for fiche in cited:
        for number, code in enumerate(fiche.rome, 1):
            known = rome.labels.get(code.code)
            if known is None:
                message = (
                    f"champ « rome[{number}].code » : {code.code} n'est pas dans la liste "
                    f"vérifiée de {ROME_FILE} ; l'y ajouter avec son intitulé du ROME 4.0"
                )
            elif known != code.label:
                message = (
                    f"champ « rome[{number}].label » : « {code.label} » n'est pas l'intitulé "
                    f"de {code.code} dans {ROME_FILE} (« {known} »)"
                )
            else:
                continue
            problems.append(Problem(fiche.path, *_place(fiche, f"rome[{number}]"), message))
    return problems


def _place(fiche: Fiche, name: str) -> tuple[int, int]:
    from orientation.content.loading import places_of

    return places_of(fiche.path).get(name, (1, 1))
