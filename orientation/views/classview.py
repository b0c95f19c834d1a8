"""What `orientation classe` says of a class, as format-neutral parts (render.Part) for
the terminal and Markdown writers, and as plain rows for JSON and CSV."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from orientation.errors import printable, shown_path
from orientation.output import long_date, plural
from orientation.results.outcome import band_label
from orientation.views.parts import CONFIDENTIAL, Bar, Labelled, Part
from orientation.views.results import decimal, profile_bar

if TYPE_CHECKING:
    from orientation.results.classroom import Duplicate, Overview, Student, Unread
    from orientation.scoring import Match

TITLE = "Vue d'ensemble de la classe"
# The class overview names students: every format says so, the handout on each page it
# can (the other handouts say it in the same words: writers/templates).

# A flat profile by its level (scoring.level), in the words of the student's own
# results (views.results.FLAT_TEXTS: tests hold them equal), so that the teacher and
# the student name it alike.
FLAT_KINDS = {
    "high": "Tout vous attire",
    "low": "Ces activités vous attirent peu",
    "middle": "Profil peu différencié",
    "few": "Trop peu de réponses",
}
INCONSISTENT = "Réponses peu cohérentes"
INCONSISTENT_ROW = f"pas de classement : « {INCONSISTENT} »"
# Why no occupation is ranked (Student.unranked), as a student's row says it.
UNRANKED_ROWS = {
    "inconsistent": INCONSISTENT_ROW,
    **{kind: f"pas de classement : « {words} »" for kind, words in FLAT_KINDS.items()},
}

# Why a student is to be seen first (classroom.CONCERNS), for a teacher: what the
# student's results said, then what it means. The stopped quiz's words are made with
# its counts (_concern_words).
CONCERN_WORDS = {
    "inconsistent": f"« {INCONSISTENT} » : des réponses qui se contredisent, comme au "
    "hasard ; à refaire au calme, ou à en parler",
    "flat-high": f"« {FLAT_KINDS['high']} » : oui à presque tout, le quiz ne peut pas "
    "départager les métiers",
    "flat-low": f"« {FLAT_KINDS['low']} » : non à presque tout, d'autres domaines sont "
    "peut-être à explorer",
    "flat-middle": f"« {FLAT_KINDS['middle']} » : des réponses qui se valent, souvent "
    "« Neutre », le quiz ne peut pas départager les métiers",
    "flat-few": f"« {FLAT_KINDS['few']} » : trop de « Je ne sais pas » pour classer les métiers",
    "near-tie": "résultat « à confirmer » : ses réponses ne départagent pas nettement ses "
    "premiers métiers",
}
STOPPED_HEADING = "Quiz arrêtés avant la fin"
STOPPED_NOTE = (
    "Le quiz s'arrête quand la suite ne changerait très probablement pas le premier "
    "métier : le résultat tient, mais le profil repose sur moins de réponses."
)


def dated(overview: Overview) -> str:
    """« Vue de la classe · établi le 4 décembre 2026 »: the footer of each printed page."""
    return TITLE + (f" · établi le {long_date(overview.day)}" if overview.day else "")


def mark(overview: Overview) -> str:
    """« Document personnel – confidentiel · établi le 4 décembre 2026 »."""
    return CONFIDENTIAL + (f" · établi le {long_date(overview.day)}" if overview.day else "")


def headline(overview: Overview) -> list[str]:
    """How many results were read (and read twice), how many profiles are flat and of
    which kind, how many answers do not hang together, the possible copies, and which
    classes."""
    count, unread, read = len(overview.students), len(overview.unread), overview.read
    twice = read - count
    lines = [
        (
            f"{plural(read, 'résultat')} lu{'s' if read > 1 else ''}"
            + (f" ({twice} en double, compté{'s' if twice > 1 else ''} une fois)" if twice else "")
            if read
            else "Aucun résultat lu"
        )
        + (
            f", {plural(unread, 'fichier')} non lu{'s' if unread > 1 else ''} (en fin de liste)"
            if unread
            else ""
        )
        + "."
    ]
    if count:
        flat = overview.flat
        if flat:
            lines.append(
                f"Profils plats\u00a0: {flat} sur {count}, {_kinds(overview.flat_levels())} "
                "(aucun métier ne s'en détache : ils ne comptent pas dans les métiers "
                "ci-dessous)."
            )
        else:
            lines.append("Aucun profil plat.")
        inconsistent = overview.inconsistent
        if inconsistent:
            lines.append(
                f"Réponses peu cohérentes\u00a0: {inconsistent} sur {count} (elles ne se "
                "tiennent pas, comme des clics au hasard : pas de métier retenu pour elles)."
            )
        if overview.copies:
            lines.append(
                "Mêmes réponses sous des noms différents\u00a0: "
                f"{plural(len(overview.copies), 'groupe')} (copies possibles, ci-dessous)."
            )
    groups = sorted({s.group for s in overview.students if s.group})
    if groups:
        lines.append(f"{'Classes' if len(groups) > 1 else 'Classe'}\u00a0: {', '.join(groups)}.")
    return lines


def _kinds(levels: dict[str, int]) -> str:
    """« « Tout vous attire » », or « dont 1 « Tout vous attire » et 2 « Profil peu
    différencié » »: the kinds of flat profile, as the students' results name them."""
    named = [f"« {FLAT_KINDS[level]} »" for level in levels]
    if len(named) == 1:
        return named[0]
    counted = [f"{count} {name}" for count, name in zip(levels.values(), named, strict=True)]
    return "dont " + ", ".join(counted[:-1]) + " et " + counted[-1]


def job_words(overview: Overview, match: Match) -> str:
    """« Coordinateur·rice social·e, 83/100 très proche »."""
    words = band_label(match.score, match.low)
    return f"{overview.catalogue.titles[match.slug]}, {match.score}/100 {words}"


def closest_words(overview: Overview, student: Student) -> str:
    """« Coordinateur·rice social·e, 83/100 très proche », or why nothing is ranked."""
    if student.closest is None:
        return UNRANKED_ROWS[student.unranked or "middle"]
    return job_words(overview, student.result.matches[0])


def jobs_words(overview: Overview, student: Student) -> tuple[str, ...]:
    """The student's first two occupations, each with its score, or why none is ranked."""
    first_two = student.first_two
    if not first_two:
        return (closest_words(overview, student),)
    return tuple(
        f"{rank}\u00a0: {job_words(overview, match)}"
        for rank, match in zip(("1er", "2e"), first_two, strict=False)
    )


def concern_words(student: Student) -> tuple[str, ...]:
    """Why to see the student first, in a teacher's words, most serious first."""
    return tuple(_concern_words(student, concern) for concern in student.concerns)


def _concern_words(student: Student, concern: str) -> str:
    if concern == "stopped-early":
        return (
            f"quiz arrêté avant la fin ({_asked(student)}) : le profil repose sur moins de réponses"
        )
    return CONCERN_WORDS[concern]


def _asked(student: Student) -> str:
    """« 18 questions posées sur 29 »."""
    asked = plural(student.asked, "question posée", "questions posées")
    return f"{asked} sur {student.questions}"


def class_parts(overview: Overview) -> list[Part]:
    """The overview below its headline, in reading order: occupations, the students to
    see first, interests, students, results read twice and possible copies, then the
    files that could not be read."""
    catalogue = overview.catalogue
    parts: list[Part] = []
    if overview.students:
        firsts, top_two = overview.firsts(), overview.top_two()
        count = len(overview.students)
        order = sorted(catalogue.titles, key=lambda s: (-firsts[s], -top_two[s], s))
        parts.append(
            Part(
                "Les métiers les plus proches",
                paragraphs=(
                    "Pour chaque métier, combien d'élèves l'ont en premier, et combien parmi "
                    "leurs deux premiers.",
                ),
                labelled=tuple(
                    _closest_row(catalogue.titles[slug], firsts[slug], top_two[slug], count)
                    for slug in order
                ),
            )
        )
        priority = _priority_part(overview)
        if priority is not None:
            parts.append(priority)
        mean = overview.mean_profile()
        parts.append(
            Part(
                "Les centres d'intérêt de la classe",
                paragraphs=(
                    "Moyenne des élèves par centre d'intérêt, de 1 (« Pas du tout ») à 5 "
                    "(« Tout à fait »).",
                ),
                labelled=tuple(
                    _mean_row(catalogue.tag(tag).label, v)
                    for tag, v in sorted(mean.items(), key=lambda item: (-item[1], item[0]))
                ),
            )
        )
        parts.append(
            Part(
                "Les élèves",
                paragraphs=(
                    "Pour chacun, ses deux métiers les plus proches. Par ordre alphabétique "
                    "des noms ; les résultats sans nom à la fin, par nom de fichier.",
                ),
                labelled=tuple(
                    Labelled(s.label, jobs_words(overview, s), _details(s))
                    for s in overview.students
                ),
            )
        )
    if overview.duplicates:
        parts.append(
            Part(
                "Résultats en double",
                paragraphs=(
                    "Les mêmes réponses sous le même nom : un résultat enregistré plusieurs "
                    "fois. Il n'est compté qu'une fois, dans le premier fichier.",
                ),
                labelled=tuple(_duplicate_row(d) for d in overview.duplicates),
            )
        )
    if overview.copies:
        parts.append(
            Part(
                "Copies possibles",
                paragraphs=(
                    "Les mêmes réponses sous des noms différents : un fichier copié puis "
                    "renommé, ou des élèves qui ont répondu de même. Chacun reste compté ; "
                    "à vérifier avec eux.",
                ),
                labelled=tuple(
                    Labelled(
                        group[0].label,
                        ("mêmes réponses que " + _and([who(s) for s in group[1:]]),),
                        (printable(group[0].path.name),) if group[0].name else (),
                    )
                    for group in overview.copies
                ),
            )
        )
    if overview.unread:
        # Named by file name, as the students' rows: their folder only when there are several.
        folders = len({u.path.parent for u in overview.unread}) > 1
        parts.append(
            Part(
                "Fichiers non lus",
                labelled=tuple(_unread_row(u, folders) for u in overview.unread),
            )
        )
    return parts


def _priority_part(overview: Overview) -> Part | None:
    """« À voir en priorité »: a row per student with a concern, the most serious first;
    those whose only concern is a quiz stopped early together in one last row (the quiz
    stops when its result is settled: most do, and they would bury the others)."""
    concerned = overview.priority()
    # A row names its file only when another student goes by the same name.
    labels = Counter(s.label for s in overview.students)
    rows = [
        Labelled(
            s.label,
            concern_words(s),
            (printable(s.path.name),) if labels[s.label] > 1 else (),
        )
        for s in concerned
        if s.concerns != ("stopped-early",)
    ]
    stopped = [s for s in concerned if s.concerns == ("stopped-early",)]
    if stopped:
        # Most of a class may be here: each name with its count only, the bank's once.
        said = (
            f"{plural(len(stopped), 'élève')}, questions posées sur {stopped[0].questions} : "
            + ", ".join(f"{s.label} ({s.asked})" for s in stopped)
        )
        rows.append(Labelled(STOPPED_HEADING, (said,), (STOPPED_NOTE,)))
    if not rows:
        return None
    return Part(
        "À voir en priorité",
        paragraphs=(
            "Les élèves dont le résultat demande un échange avant d'en tirer une "
            "conclusion, les cas les plus sérieux d'abord.",
        ),
        labelled=tuple(rows),
    )


def who(student: Student) -> str:
    """A student named with their file when the name is given: « Zoé (zoe.json) »."""
    file = printable(student.path.name)
    return f"{student.name} ({file})" if student.name else file


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " et " + words[-1]


def _duplicate_row(duplicate: Duplicate) -> Labelled:
    files = [printable(s.path.name) for s in (duplicate.kept, *duplicate.again)]
    return Labelled(
        duplicate.kept.label,
        (f"{_and(files)} : même résultat, compté une fois ({files[0]})",),
    )


def _closest_row(title: str, first: int, top_two: int, count: int) -> Labelled:
    """An occupation's counts; the handout draws how many have it first, out of the class."""
    said = f"en premier\u00a0: {first} · dans les deux premiers\u00a0: {top_two}"
    return Labelled(title, (said,), bar=Bar(title, first, 0, count, said, True))


def _mean_row(label: str, value: float) -> Labelled:
    """A tag's class mean, drawn on the handout as the results draw a student's profile."""
    said = f"{decimal(value)}/5"
    return Labelled(
        label, (f"{profile_bar(value)} {said}",), bar=Bar(label, value, 1, 5, said, True)
    )


def _unread_row(unread: Unread, folders: bool) -> Labelled:
    details = (shown_path(unread.path.parent),) if folders else ()
    return Labelled(printable(unread.path.name or str(unread.path)), (unread.reason,), details)


def _details(student: Student) -> tuple[str, ...]:
    """The class, the file when the row is named after the student, and how many
    questions were asked when the quiz stopped before the last one."""
    said = [student.group] if student.group else []
    if student.name:
        said.append(printable(student.path.name))
    if student.asked < student.questions:
        said.append(_asked(student))
    return (" · ".join(said),) if said else ()


def _job_data(overview: Overview, match: Match) -> dict[str, Any]:
    return {
        "slug": match.slug,
        "title": overview.catalogue.titles[match.slug],
        "score": match.score,
        "band": match.band,
        "band_label": band_label(match.score, match.low),
    }


def _student_key(student: Student) -> dict[str, Any]:
    """Who a student is in the JSON lists that refer to them: their file and name."""
    return {"file": printable(str(student.path)), "name": student.name}


def class_data(overview: Overview) -> dict[str, Any]:
    """The overview as JSON: counts, mean profile, one entry per student in name order
    (each counted once), the students to see first with why, the results read twice,
    the possible copies and the unread files."""
    firsts, top_two = overview.firsts(), overview.top_two()
    return {
        "results": overview.read,
        "counted": len(overview.students),
        "flat": overview.flat,
        "flat_levels": overview.flat_levels(),
        "inconsistent": overview.inconsistent,
        "occupations": [
            {"slug": slug, "title": title, "first": firsts[slug], "top_two": top_two[slug]}
            for slug, title in overview.catalogue.titles.items()
        ],
        "profile": {tag: round(v, 3) for tag, v in overview.mean_profile().items()},
        "students": [
            {
                "file": printable(str(s.path)),
                "name": s.name,
                "class": s.group,
                "date": s.date,
                "asked": s.asked,
                "flat": s.result.flat,
                "consistent": s.result.consistent,
                "unranked": s.unranked,
                "near_tie": s.near_tie,
                "stopped_early": s.stopped_early,
                "closest": None if s.closest is None else _job_data(overview, s.first_two[0]),
                "second": _job_data(overview, s.first_two[1]) if len(s.first_two) > 1 else None,
            }
            for s in overview.students
        ],
        "priority": [
            {
                **_student_key(s),
                "reasons": [
                    {"reason": concern, "words": _concern_words(s, concern)}
                    for concern in s.concerns
                ],
            }
            for s in overview.priority()
        ],
        "duplicates": [
            {
                **_student_key(d.kept),  # the file counted
                "again": [printable(str(s.path)) for s in d.again],
            }
            for d in overview.duplicates
        ],
        "copies": [[_student_key(s) for s in group] for group in overview.copies],
        "unread": [{"file": printable(str(u.path)), "reason": u.reason} for u in overview.unread],
    }
