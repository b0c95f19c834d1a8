"""The saved results: the one module that knows the results file's format, as written
here (`results_data`, also the `--json` of the quiz and of `report`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from orientation.results.outcome import LISTED, Outcome, answer_label, band_label

if TYPE_CHECKING:
    from orientation.scoring import Reason


def _reason_data(outcome: Outcome, reason: Reason) -> dict[str, Any]:
    return {
        "tag": reason.tag,
        "label": outcome.catalogue.tag(reason.tag).label,
        "liking": round(reason.liking, 3),
        "weight": reason.weight,
        "evidence": [
            {
                "question": e.question,
                "text": outcome.questions[e.question].text,
                "answer": e.answer,
                "answer_label": answer_label(e.answer),
            }
            for e in reason.evidence
        ],
    }


def results_data(outcome: Outcome, *, saved: bool = False) -> dict[str, Any]:
    """The result document (`quiz --json`, `report --json`); *saved* (`quiz --save`, read
    back by `report`): only the first LISTED matches, so that its size does not grow with
    the catalogue (`report` scores the saved answers again anyway)."""
    from orientation.results.storage import RESULTS_FORMAT, RESULTS_VERSION
    from orientation.scoring import band, level

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
        "near_tie": result.near_tie,
        "profile": {tag: round(value, 3) for tag, value in result.profile.items()},
        "centred": {tag: round(value, 3) for tag, value in result.centred.items()},
        "ranked": len(result.matches),
        "matches": [
            {
                "slug": m.slug,
                "title": outcome.title(m.slug),
                "score": m.score,
                "band": band(m.score),
                "band_label": band_label(m.score),
                "correlation": round(m.correlation, 3),
                "reasons": [_reason_data(outcome, r) for r in m.reasons],
                "caution": _reason_data(outcome, m.caution) if m.caution else None,
            }
            for m in matches
        ],
    }
