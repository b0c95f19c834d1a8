"""The CSV writer: a class's results for a spreadsheet (UTF-8 with BOM, semicolons, as
Excel expects in France)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from orientation.errors import printable
from orientation.results.outcome import band_label
from orientation.views.classview import FLAT_ROW
from orientation.views.results import decimal

if TYPE_CHECKING:
    from orientation.results.classroom import Overview


CSV_HEADER = (
    "Élève",
    "Classe",
    "Fichier",
    "Métier le plus proche",
    "Score",
    "Proximité",
    "Questions posées",
)


def class_csv(overview: Overview) -> str:
    """One row per student for a spreadsheet: `;` between cells and a comma in decimals,
    as French Excel expects (see README); the byte order mark is the writer's."""
    import csv
    import io

    tags = overview.catalogue.tags
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([*CSV_HEADER, *(f"Intérêt : {tag.label}" for tag in tags)])
    for s in overview.students:
        best = s.result.matches[0] if s.closest is not None else None
        writer.writerow(
            [
                _cell(s.name or ""),
                _cell(s.group or ""),
                _cell(printable(s.path.name)),
                overview.catalogue.titles[best.slug] if best else FLAT_ROW,
                best.score if best else "",
                band_label(best.score) if best else "",
                s.asked,
                *(
                    decimal(s.result.profile[t.id]) if t.id in s.result.profile else ""
                    for t in tags
                ),
            ]
        )
    return out.getvalue()


def _cell(value: str) -> str:
    """A cell a spreadsheet shows as text: one starting with = + - @ would be a formula
    (a student named « =HYPERLINK(…) »), so it gets the apostrophe Excel hides."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
