"""What `orientation glossaire` shows: the whole glossary, aligned, or one term in full."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from orientation.content.glossary import Glossary, Term

MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"


def alphabetical(terms: tuple[Term, ...]) -> tuple[Term, ...]:
    """A to Z, whatever the case and accents (« économie » among the E)."""
    from orientation.content.model import normalise

    return tuple(sorted(terms, key=lambda t: (normalise(t.term), t.term)))


def renamed_line(term: Term) -> str | None:
    """« Aujourd'hui France Travail, depuis le 1er janvier 2024. » for a renamed term."""
    renamed = term.renamed
    return None if renamed is None else renamed[0].upper() + renamed[1:] + "."


def french_checked_date(term: Term) -> str:
    year, month, day = (int(part) for part in term.checked.split("-"))
    first = "1er" if day == 1 else str(day)
    return f"{first} {MONTHS.split()[month - 1]} {year}"


def glossary_data(glossary: Glossary) -> dict[str, Any]:
    terms = alphabetical(glossary.terms)
    return {"terms": [term.data() for term in terms], "watch": list(glossary.watch)}
