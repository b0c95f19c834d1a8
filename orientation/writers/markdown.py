"""The Markdown writer: `Part`s, fiches and results as CommonMark, with the terminal's
French typography."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from orientation.content.model import Catalogue, Fiche
from orientation.output import clean, typeset
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


# Characters with a meaning anywhere in a line: escapes, code spans, emphasis (and
# GitHub's strikethrough), links, HTML and autolinks, ATX headings, block quotes, tables.
_INLINE = re.compile(r"([\\`*_\[\]<>#|~])")
_LINE_BREAK = re.compile(r" *\n[ \n]*")  # typeset has made tabs spaces, other breaks �
# An entity (`&amp;`, `&#233;`) would be shown as the character it names.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What makes a block of the start of a line, once _INLINE has escaped fences (``` and
# ~~~), `*` and `_` markers, headings, quotes, tables and HTML: a list item (`-`, `+`,
# `1.`, `1)`), a thematic break or setext underline (`---`, `===`).
_BLOCK_START = re.compile(r"[-+](?=[ \t]|$)|-[-\s]*$|=+\s*$|[0-9]{1,9}(?=[.)](?:[ \t]|$))")


def md_escape(value: str) -> str:
    """Text for Markdown, shown as it is written wherever it goes (a paragraph, a heading,
    a list item, a table cell, inside `*…*`): controls neutralised and French no-break
    spaces as on screen (output.typeset), one line (Markdown reads a line break as a
    space, but a line may start a block), then every character that would make a block
    or a format escaped."""
    text = _LINE_BREAK.sub(" ", typeset(value)).strip()
    text = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", text))
    start = _BLOCK_START.match(text)
    if start is None:
        return text
    if start.group()[:1].isdigit():  # 1. and 1) : the number stays, its mark is escaped
        return f"{text[: start.end()]}\\{text[start.end() :]}"
    return f"\\{text}"


def md_code(text: str) -> str:
    """*text* (a command to copy) as a code span, whatever backticks it holds: controls
    neutralised, on one line."""
    text = clean(text).replace("\n", "\ufffd")
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    # A space each side keeps a backtick at an end, or spaces at both, from the fence.
    pad = " " if text[:1] == "`" or text[-1:] == "`" or text[:1] == text[-1:] == " " else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def fiche_markdown(
    fiche: Fiche,
    catalogue: Catalogue,
    *,
    brief: bool = False,
    authoring: bool = False,
    glossary: Glossary | None = None,
) -> str:
    lines = [f"# {md_escape(fiche.title)}", "", f"*{md_escape(fiche.summary)}*", ""]
    names = f"Identifiant : {md_code(fiche.slug)}"
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
            if rank.caution:
                lines += ["", " " * len(head) + f"*{md_escape(rank.caution)}*"]
        if section.ranking:
            lines.append("")
        lines += [f"- {md_escape(b)}" for b in section.bullets]
        lines += [
            f"- {md_escape(purpose)}\u00a0: {md_code(command)}"
            for purpose, command in section.commands
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
    lines = [f"# {TITLE}", "", f"**{md_escape(classview.mark(overview))}**", ""]
    for line in classview.headline(overview):
        lines += [md_escape(line), ""]
    return "\n".join(lines + parts_markdown(class_parts(overview))).rstrip("\n") + "\n"
