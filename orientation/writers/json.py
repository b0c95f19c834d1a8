"""The JSON writer: each document as the data a script or a spreadsheet reads (the same
facts as the other formats, none of their layout). `results` is the results file's
format itself (results/resultsfile.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from orientation.content.glossary import Glossary, Term
    from orientation.content.model import Catalogue, Fiche
    from orientation.results.classroom import Overview
    from orientation.results.outcome import Outcome
    from orientation.views.comparison import Comparison


def catalogue(listed: Catalogue) -> list[dict[str, Any]]:
    from orientation.views.fiche import catalogue_data

    return catalogue_data(listed)


def fiche(
    shown: Fiche,
    listed: Catalogue,
    *,
    brief: bool = False,
    authoring: bool = False,
    glossary: Glossary | None = None,
) -> dict[str, Any]:
    """The whole fiche: JSON has no short form and no authors' view."""
    from orientation.views.fiche import fiche_data

    return fiche_data(shown)


def comparison(compared: Comparison) -> list[dict[str, Any]]:
    from orientation.views.comparison import data

    return data(compared)


def overview(read: Overview) -> dict[str, Any]:
    from orientation.views.classview import class_data

    return class_data(read)


def results(outcome: Outcome, *, saved: str | None = None) -> dict[str, Any]:
    """Every match (a saved results file keeps the first ones only)."""
    from orientation.results.resultsfile import results_data

    return results_data(outcome)


def glossary(terms: Glossary) -> dict[str, Any]:
    from orientation.views.glossaryview import glossary_data

    return glossary_data(terms)


def term(shown: Term) -> dict[str, Any]:
    return shown.data()
