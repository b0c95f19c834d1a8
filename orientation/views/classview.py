"""What `orientation classe` says of a class, as format-neutral parts (render.Part) for
the terminal and Markdown writers, and as plain rows for JSON and CSV."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from orientation.errors import printable, shown_path
from orientation.output import plural
from orientation.results.outcome import band_label
from orientation.views.parts import Bar, Labelled, Part
from orientation.views.results import decimal, profile_bar

if TYPE_CHECKING:
    from orientation.results.classroom import Overview, Student, Unread

TITLE = "Vue d'ensemble de la classe"
FLAT_ROW = "profil plat : aucun métier ne se détache"
INCONSISTENT_ROW = "réponses peu cohérentes : à reprendre ou à en parler"


def headline(overview: Overview) -> list[str]:
    """How many results were read, how many profiles are flat, and which classes."""
    count, unread = len(overview.students), len(overview.unread)
    lines = [
        (
            f"{plural(count, 'résultat')} lu{'s' if count > 1 else ''}"
            if count
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
                f"Profils plats\u00a0: {flat} sur {count} (aucun métier ne s'en détache : ils "
                "ne comptent pas dans les métiers ci-dessous)."
            )
        else:
            lines.append("Aucun profil plat.")
        inconsistent = overview.inconsistent
        if inconsistent:
            lines.append(
                f"Réponses peu cohérentes\u00a0: {inconsistent} sur {count} (elles ne se "
                "tiennent pas, comme des clics au hasard : pas de métier retenu pour elles)."
            )
    groups = sorted({s.group for s in overview.students if s.group})
    if groups:
        lines.append(f"{'Classes' if len(groups) > 1 else 'Classe'}\u00a0: {', '.join(groups)}.")
    return lines


def closest_words(overview: Overview, student: Student) -> str:
    """« Coordinateur·rice social·e, 83/100 très proche », or that the profile is flat."""
    if not student.result.consistent:
        return INCONSISTENT_ROW
    if student.closest is None:
        return FLAT_ROW
    best = student.result.matches[0]
    words = band_label(best.score, best.low)
    return f"{overview.catalogue.titles[best.slug]}, {best.score}/100 {words}"


def class_parts(overview: Overview) -> list[Part]:
    """The overview below its headline, in reading order: occupations, interests,
    students, then the files that could not be read."""
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
                paragraphs=("Pour chacun, le métier le plus proche de ses intérêts.",),
                labelled=tuple(
                    Labelled(s.label, (closest_words(overview, s),), _details(s))
                    for s in overview.students
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
        said.append(
            f"{plural(student.asked, 'question posée', 'questions posées')} sur {student.questions}"
        )
    return (" · ".join(said),) if said else ()


def class_data(overview: Overview) -> dict[str, Any]:
    """The overview as JSON: counts, mean profile, one entry per student, unread files."""

    firsts, top_two = overview.firsts(), overview.top_two()
    return {
        "results": len(overview.students),
        "flat": overview.flat,
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
                "closest": None
                if s.closest is None
                else {
                    "slug": s.closest,
                    "title": overview.catalogue.titles[s.closest],
                    "score": s.result.matches[0].score,
                    "band": s.result.matches[0].band,
                    "band_label": band_label(s.result.matches[0].score, s.result.matches[0].low),
                },
            }
            for s in overview.students
        ],
        "unread": [{"file": printable(str(u.path)), "reason": u.reason} for u in overview.unread],
    }
