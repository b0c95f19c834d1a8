"""The Markdown writer: `Part`s, fiches and results as CommonMark, with the terminal's
French typography."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from orientation.content.model import Catalogue, Fiche
from orientation.output import typeset
from orientation.results.outcome import Outcome
from orientation.views import classview
from orientation.views.classview import TITLE, class_parts
from orientation.views.fiche import fiche_parts
from orientation.views.parts import MISSING, Part
from orientation.views.results import (
    REMINDER,
    quiz_header_lines,
    results_headline,
    results_sections,
    score_bar,
)

if TYPE_CHECKING:
    from orientation.content.glossary import Glossary
    from orientation.results.classroom import Overview


def md_escape(value: str) -> str:
    """Text for Markdown: controls neutralised, characters with meaning escaped, French no-break
    spaces as on screen (output.typeset)."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", typeset(value))


def fiche_markdown(
    fiche: Fiche,
    catalogue: Catalogue,
    *,
    brief: bool = False,
    authoring: bool = False,
    glossary: Glossary | None = None,
) -> str:
    lines = [f"# {md_escape(fiche.title)}", "", f"*{md_escape(fiche.summary)}*", ""]
    names = f"Identifiant : `{fiche.slug}`"
    if fiche.aliases and not brief:
        names += " · aussi\u00a0: " + ", ".join(md_escape(a) for a in fiche.aliases)
    lines += [names, ""]
    lines += _parts_markdown(fiche_parts(fiche, catalogue, brief, authoring, glossary))
    lines.append("*Fiche produite par orientation à partir des documents cités dans « Sources ».*")
    return "\n".join(lines) + "\n"


def parts_markdown(parts: list[Part]) -> list[str]:
    """Any view's parts as Markdown lines."""
    return _parts_markdown(parts)


def _parts_markdown(parts: list[Part]) -> list[str]:
    lines: list[str] = []
    for section in parts:
        if section.heading:
            lines += [f"## {md_escape(section.heading)}", ""]
        if section.empty:
            lines += [f"*{MISSING}*", ""]
        for paragraph in section.paragraphs:
            lines += [md_escape(paragraph), ""]
        for entry in section.labelled:
            if len(entry.values) == 1:
                lines.append(f"- **{md_escape(entry.label)}**\u00a0: {md_escape(entry.values[0])}")
            else:
                lines.append(f"- **{md_escape(entry.label)}**\u00a0:")
                lines += [f"  - {md_escape(v)}" for v in entry.values]
            lines += [f"  - *{md_escape(d)}*" for d in entry.details]
        if section.labelled:
            lines.append("")
        for number, rank in enumerate(section.ranking, 1):
            head = f"{number}. "
            score = f"{score_bar(rank.score)} {rank.score}/100, {rank.band}"
            lines.append(f"{head}**{md_escape(rank.title)}**\u00a0: {score}")
            if rank.reason:
                # A continued line of the same list item (indented like its text).
                lines += ["", " " * len(head) + f"*{md_escape(rank.reason)}*"]
        if section.ranking:
            lines.append("")
        lines += [f"- {md_escape(b)}" for b in section.bullets]
        lines += [
            f"- {md_escape(purpose)}\u00a0: `{command}`" for purpose, command in section.commands
        ]
        if section.bullets or section.commands:
            lines.append("")
        for note in section.notes:
            lines += [f"*{md_escape(note)}*", ""]
    return lines


def results_markdown(outcome: Outcome, saved: str | None = None) -> str:
    lines = [
        "# Résultats du quiz d'intérêts",
        "",
        f"**{md_escape(results_headline(outcome))}**",
        "",
    ]
    for line in quiz_header_lines(outcome):
        lines += [md_escape(line), ""]
    lines += _parts_markdown(results_sections(outcome, saved))
    lines.append(f"*{md_escape(REMINDER)}*")
    return "\n".join(lines) + "\n"


def class_markdown(overview: Overview) -> str:
    lines = [f"# {TITLE}", ""]
    for line in classview.headline(overview):
        lines += [md_escape(line), ""]
    return "\n".join(lines + parts_markdown(class_parts(overview))).rstrip("\n") + "\n"
