"""The --html handouts: a fiche, quiz results, a comparison or a class overview as one
self-contained page, to read on a phone or to print on A4 (docs/developpement.md).

A writer like the terminal and Markdown ones: it is fed the same `parts.Part`s and
decides only how they look. Jinja2 templates (orientation/templates/) escape every
text they insert; each text is typeset first, with the no-break spaces of the screen.
Imported by the --html path only: Jinja2 costs tens of milliseconds to import.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orientation.output import long_date, typeset
from orientation.results import outcome
from orientation.views import parts, results
from orientation.views.fiche import (
    PAPER_SIGLES,
    fiche_parts,
    names_line,
    paper_parts,
    updated_line,
    updated_on,
)

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

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
    environment.filters["breakable"] = breakable
    environment.globals.update(
        filled=filled,
        brief_items=brief_items,
        MISSING=parts.MISSING,
        CONFIDENTIAL=parts.CONFIDENTIAL,
        PAPER_SIGLES=PAPER_SIGLES,
    )
    return environment


BRIEF_ITEM = 45  # characters: a list of items this long on average packs on paper


def brief_items(items: Sequence[str]) -> bool:
    """Whether a list is made of a few words each (« Associations. », « Mutuelles. »):
    on paper, it takes two columns, or one line, instead of a line each."""
    return len(items) > 1 and sum(map(len, items)) <= BRIEF_ITEM * len(items)


# A break is allowed after the middle dot of an inclusive ending of three letters or
# more (« Coordinateur·rice », « Conseiller·ère »): a narrow column, five occupations
# side by side, then breaks there rather than anywhere in the word.
_LONG_ENDING = re.compile(r"(?<=\w·)(?=\w{3})")


def breakable(value: str) -> Markup:
    """*value* typeset and escaped, with <wbr> where a long inclusive ending starts."""
    from markupsafe import Markup, escape

    return Markup("<wbr>").join(escape(piece) for piece in _LONG_ENDING.split(typeset(value)))


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
    """The fiche: « L'essentiel » alone on page 1, under the title and the day it was last
    checked; the rest after, the terms used in a short box, the sources' addresses."""
    if brief:
        parts = fiche_parts(fiche, catalogue, brief, authoring, glossary)
    else:
        parts = paper_parts(fiche, catalogue, authoring=authoring, glossary=glossary)
    names = names_line(fiche, aliases=not brief)
    day = updated_on(fiche)
    footer_line = f"{fiche.title} · fiche métier" + (f", à jour le {long_date(day)}" if day else "")
    return _page(
        "fiche.html",
        title=fiche.title,
        summary=fiche.summary,
        names=names,
        updated=updated_line(fiche),
        first=parts[:1],
        rest=parts[1:],
        footer=FICHE_FOOTER,
        footer_line=footer_line,
    )


def results_html(
    outcome: outcome.Outcome, saved: str | None = None, *, student: Sequence[str] = ()
) -> str:
    """Quiz results for a family: page 1 whose they are, what the quiz compares, how sure
    the result is, the first two occupations with their studies and pay, what to do next
    in plain words; then the ranking, the profile, the reasons and room for the
    counsellor's notes. No command anywhere: it is read on paper. *student*: lines that
    say whose results they are (name, class), when the results do not."""
    taken = results.taken_on(outcome)
    said = "Résultats du quiz d'intérêts"
    if outcome.name:
        said += f" de {outcome.name}"
    if taken:
        said += f", quiz passé le {taken}"
    return _page(
        "results.html",
        title="Résultats du quiz d'intérêts",
        headline=results.results_headline(outcome),
        student=tuple(student),
        header=results.paper_header_lines(outcome),
        first=results.paper_summary(outcome),
        rest=results.paper_detail(outcome),
        notes_heading=NOTES_HEADING,
        reminder=results.REMINDER,
        footer_line=said,
        confidential=bool(outcome.name or student),
    )


COMPARE_FOOTER = "Comparaison produite par orientation à partir des fiches métier."


def compare_html(compared: Comparison) -> str:
    """The comparison: page 1 the quiz's scores, the studies and the pay; then the
    interests drawn, the person's own in one « Vous » column; then the other tables,
    each with its notes (sources of the salaries, legends) after it."""
    from orientation.views.comparison import (
        INTERESTS,
        YOU,
        headline,
        paper_blocks,
        paper_footer,
        paper_steps,
    )

    first, rest = paper_blocks(compared)
    outcome = compared.outcome
    return _page(
        "compare.html",
        title="Comparaison : " + ", ".join(f.title for f in compared.fiches),
        header=headline(compared),
        titles=[f.title for f in compared.fiches],
        first=first,
        chart=compared.chart,
        chart_heading=INTERESTS,
        you_heading=YOU.capitalize(),
        rest=rest,
        steps_heading="Pour aller plus loin",
        steps=paper_steps(compared),
        footer=COMPARE_FOOTER,
        footer_line=paper_footer(compared),
        confidential=bool(outcome is not None and outcome.name),
    )


def class_html(overview: Overview) -> str:
    """The class overview: that it is confidential and of when, its headline, then the
    same parts as on screen; the mark again at the foot."""
    from orientation.views.classview import TITLE, class_parts, dated, headline, mark

    return _page(
        "class.html",
        title=TITLE,
        footer_line=dated(overview),
        mark=mark(overview),
        headline=headline(overview),
        parts=class_parts(overview),
    )
