"""The CSV writer: a class's results for a spreadsheet (UTF-8 with BOM, semicolons, as
Excel expects in France).

It names students, so it says it is confidential, and says it in a column (« Diffusion »,
the last, on every row) rather than in a first line of its own: a line before the
header would become the header of every spreadsheet and CSV reader that takes the first
row for one (Excel's filters and sorting, LibreOffice, pandas, csv.DictReader), and a
row copied elsewhere keeps the word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from orientation.errors import printable
from orientation.results.outcome import band_label
from orientation.views.classview import closest_words, concern_words, who
from orientation.views.parts import CONFIDENTIAL
from orientation.views.results import decimal

if TYPE_CHECKING:
    from orientation.results.classroom import Overview, Student


CSV_HEADER = (
    "Élève",
    "Classe",
    "Fichier",
    "Métier le plus proche",
    "Score",
    "Proximité",
    "Questions posées",
    "Deuxième métier",
    "Score du deuxième",
    "Proximité du deuxième",
    "À voir en priorité",
    "Mêmes réponses que",
)
# The last column, after the interests: said on every row (see the module's docstring).
CONFIDENTIAL_HEADER = "Diffusion"


def class_csv(overview: Overview) -> str:
    """One row per student for a spreadsheet, in name order, a result read twice once:
    `;` between cells and a comma in decimals, as French Excel expects (see README);
    the byte order mark is the writer's."""
    import csv
    import io

    tags = overview.catalogue.tags
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    rows: list[list[str | int]] = [
        [*CSV_HEADER, *(f"Intérêt : {tag.label}" for tag in tags), CONFIDENTIAL_HEADER]
    ]
    copied = {id(s): group for group in overview.copies for s in group}
    for s in overview.students:
        best = s.result.matches[0] if s.closest is not None else None
        second = s.first_two[1] if len(s.first_two) > 1 else None
        others = [o for o in copied.get(id(s), ()) if o is not s]
        rows.append(
            [
                s.name or "",
                s.group or "",
                printable(s.path.name),
                overview.catalogue.titles[best.slug] if best else closest_words(overview, s),
                best.score if best else "",
                band_label(best.score, best.low) if best else "",
                s.asked,
                overview.catalogue.titles[second.slug] if second else "",
                second.score if second else "",
                band_label(second.score, second.low) if second else "",
                " ; ".join(concern_words(s)),
                _some(others),
                *(
                    decimal(s.result.profile[t.id]) if t.id in s.result.profile else ""
                    for t in tags
                ),
                CONFIDENTIAL,
            ]
        )
    writer.writerows([[_cell(v) if isinstance(v, str) else v for v in row] for row in rows])
    return out.getvalue()


# The most students a « Mêmes réponses que » cell names: a cell per row naming all the
# others would grow with the square of a class where many answered alike.
SAME_NAMED = 5


def _some(students: Sequence[Student]) -> str:
    """« Léa (lea.json), Tom (tom.json), … et 3 autres »: the first SAME_NAMED named."""
    named = ", ".join(who(s) for s in students[:SAME_NAMED])
    rest = len(students) - SAME_NAMED
    return named + (f" et {rest} autre{'s' if rest > 1 else ''}" if rest > 0 else "")


# Every control character (C0, DEL, C1), the other line breaks and the bidirectional
# marks and overrides: nothing a cell needs, and some reorder or hide what it shows.
_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_SPACES = re.compile("[\t\n\r\x0b\x0c\x85\u2028\u2029]")
# What starts a formula in a spreadsheet (OWASP's list): = + - @, tab and carriage return.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    """A text cell as a spreadsheet shows it, text only: control characters removed (tabs
    and line breaks become spaces), and one that would start a formula (a student named
    « =HYPERLINK(…) », a fiche titled so) gets the apostrophe that Excel hides."""
    value = _CONTROL.sub("", _SPACES.sub(" ", value))
    return "'" + value if value.lstrip(" ").startswith(_FORMULA) else value
