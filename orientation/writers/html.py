"""The --html handouts: a fiche, quiz results, a comparison or a class overview as one
self-contained page, to read on a phone or to print on A4 (docs/developpement.md).

A writer like the terminal and Markdown ones: it is fed the same `parts.Part`s and
decides only how they look. Jinja2 templates (orientation/templates/) escape every
text they insert; each text is typeset first, with the no-break spaces of the screen.
Imported by the --html path only: Jinja2 costs tens of milliseconds to import.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orientation.output import typeset
from orientation.results import outcome
from orientation.views import parts, results
from orientation.views.fiche import fiche_parts, names_line

if TYPE_CHECKING:
    import jinja2

    from orientation.content.glossary import Glossary
    from orientation.content.model import Catalogue, Fiche
    from orientation.results.classroom import Overview
    from orientation.views.comparison import Comparison

TEMPLATES = Path(__file__).with_name("templates")
NOTES_HEADING = "Notes du conseiller ou de la conseillère"
FICHE_FOOTER = "Fiche produite par orientation à partir des documents cités dans « Sources »."


def _environment() -> jinja2.Environment:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template, whatever its name: content is never markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["t"] = typeset
    environment.globals.update(filled=filled, MISSING=parts.MISSING)
    return environment


def filled(value: float, low: float, high: float) -> float:
    """How much of a bar *value* fills between *low* and *high*, in percent."""
    share = (value - low) / (high - low) if high > low else 0.0
    return round(100 * min(max(share, 0.0), 1.0), 1)


def _page(template: str, **context: Any) -> str:
    return _environment().get_template(template).render(**context)


def fiche_html(
    fiche: Fiche,
    catalogue: Catalogue,
    *,
    brief: bool = False,
    authoring: bool = False,
    glossary: Glossary | None = None,
) -> str:
    """The fiche: « L'essentiel » alone on page 1, under the title; the rest after."""
    parts = fiche_parts(fiche, catalogue, brief, authoring, glossary)
    names = names_line(fiche, aliases=not brief)
    return _page(
        "fiche.html",
        title=fiche.title,
        summary=fiche.summary,
        names=names,
        first=parts[:1],
        rest=parts[1:],
        footer=FICHE_FOOTER,
    )


def results_html(
    outcome: outcome.Outcome, saved: str | None = None, *, student: Sequence[str] = ()
) -> str:
    """Quiz results: page 1 the headline and the closest occupations with their scores;
    then the profile, the reasons, what to do next and room for the counsellor's notes.
    *student*: lines that say whose results they are (name, class), when known."""
    parts = results.results_sections(outcome, saved)
    return _page(
        "results.html",
        title="Résultats du quiz d'intérêts",
        headline=results.results_headline(outcome),
        student=tuple(student),
        header=results.quiz_header_lines(outcome),
        first=parts[:1],
        rest=parts[1:],
        notes_heading=NOTES_HEADING,
        reminder=results.REMINDER,
    )


COMPARE_FOOTER = "Comparaison produite par orientation à partir des fiches métier."


def compare_html(compared: Comparison) -> str:
    """The comparison: one table per block, a column per occupation, rows aligned; the
    notes (sources of the salaries, legends) after their table."""
    from orientation.views.comparison import headline, show_command

    return _page(
        "compare.html",
        title="Comparaison : " + ", ".join(f.title for f in compared.fiches),
        header=headline(compared),
        titles=[f.title for f in compared.fiches],
        blocks=compared.blocks,
        commands=[(f.title, show_command(compared, f)) for f in compared.fiches],
        footer=COMPARE_FOOTER,
    )


def class_html(overview: Overview) -> str:
    """The class overview: that it is confidential and of when, its headline, then the
    same parts as on screen; the mark again at the foot."""
    from orientation.views.classview import TITLE, class_parts, headline, mark

    return _page(
        "class.html",
        title=TITLE,
        mark=mark(overview),
        headline=headline(overview),
        parts=class_parts(overview),
    )
