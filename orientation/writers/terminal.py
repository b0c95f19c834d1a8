"""The terminal writer: `Part`s, fiches, results and lists as rich renderables (labelled
rows and indents drawn by console.py rather than rich grids, for speed)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from orientation.content.model import Catalogue, Fiche, Question, suggested_command
from orientation.output import Beside, Hanging, TitledPanel, heading, indented, plural, text
from orientation.views.fiche import fiche_parts, names_line, strongest_tags
from orientation.views.glossaryview import alphabetical, french_checked_date, renamed_line
from orientation.views.parts import BAR_FULL, MISSING, Labelled, Part, Rank

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.text import Text

    from orientation.content.glossary import Glossary, Term
    from orientation.results.classroom import Overview
    from orientation.results.outcome import Outcome


def fiche_renderable(
    fiche: Fiche,
    catalogue: Catalogue,
    *,
    brief: bool = False,
    authoring: bool = False,
    glossary: Glossary | None = None,
) -> RenderableType:
    """The fiche for the terminal; *brief*: « L'essentiel » only, for one screen."""
    from rich.console import Group

    header_lines = [text(fiche.summary)]
    if not brief:  # one screen: the command at the end names the fiche
        header_lines.append(text(names_line(fiche), "dim"))
    parts: list[RenderableType] = [TitledPanel(fiche.title, header_lines)]
    for section in fiche_parts(fiche, catalogue, brief, authoring, glossary):
        parts.append(_section_renderable(section, spaced=not brief))
    if brief:
        more = suggested_command(catalogue.root, f"show {fiche.slug}")
        parts.append(_Pointer("La fiche complète", more))
    return Group(*parts)


def _bullets(items: tuple[str, ...], indent: int = 2) -> RenderableType:
    """A bulleted list, each item wrapped under its first word."""
    return Hanging([text(item) for item in items], " " * indent + "• ", " " * (indent + 2))


def _section_renderable(section: Part, spaced: bool = True) -> RenderableType:
    """A part under its heading, after a blank line unless not *spaced* (one screen)."""
    from rich.console import Group

    parts: list[RenderableType] = [text("")] if spaced else []
    if section.heading:
        parts.append(heading(section.heading))
    if section.empty:
        parts.append(indented(text(MISSING, "italic dim"), 2))
    for i, paragraph in enumerate(section.paragraphs):
        if i:
            parts.append(text(""))
        parts.append(indented(text(paragraph), 2))
    if section.labelled:
        parts.append(indented(_LabelledRows(section.labelled), 2))
    if section.ranking:
        parts.append(indented(_Ranking(section.ranking), 2))
    parts += [_BulletPointer(purpose, command) for purpose, command in section.pointers]
    if section.bullets:
        parts.append(_bullets(section.bullets))
    for purpose, command in section.commands:
        parts.append(indented(text(f"{purpose} :"), 2))
        parts.append(indented(_Command(command), 4))
    parts += [indented(text(note, "dim"), 2) for note in section.notes]
    return Group(*parts)


def parts_renderable(parts: list[Part], *, first: RenderableType | None = None) -> RenderableType:
    """Any view's parts for the terminal, each under its heading, after *first* (a title
    panel)."""
    from rich.console import Group

    return Group(*([first] if first is not None else []), *map(_section_renderable, parts))


class _Pointer:
    """« What : command » on one line when it fits, else the command on lines of its own
    (see _Command), so that it can still be copied."""

    def __init__(self, purpose: str, command: str) -> None:
        self.purpose = purpose
        self.command = command

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        line = f"{self.purpose} : {self.command}"
        if len(line) <= options.max_width:
            yield text(line, "dim")
            return
        yield text(f"{self.purpose} :", "dim")
        yield indented(_Command(self.command), 2)


class _BulletPointer:
    """« • What : command » on one line when it fits, else « • What : » with the command
    under it (see _Command), so that it can still be copied."""

    def __init__(self, purpose: str, command: str) -> None:
        self.purpose = purpose
        self.command = command

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        line = text(f"  • {self.purpose} : ")
        if line.cell_len + len(self.command) <= options.max_width:
            line.append(text(self.command, "cyan"))
            yield line
            return
        yield Hanging([text(f"{self.purpose} :")], "  • ", "    ")
        yield indented(_Command(self.command), 6)


class _Command:
    """A command to copy: on one line when it fits, else broken between words with the
    shell's « \\ » at the end of each line, so that the lines pasted together still
    make the command (a line cut by the terminal would not)."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        import textwrap

        width = options.max_width
        if len(self.command) <= width:
            yield text(self.command, "cyan")
            return
        lines = textwrap.wrap(
            self.command,
            max(width - 2, 10),  # room for « \\ »
            subsequent_indent="  ",
            break_long_words=False,
            break_on_hyphens=False,
        )
        for number, line in enumerate(lines):
            yield text(line + (" \\" if number < len(lines) - 1 else ""), "cyan")


LABEL_WIDTH = 30  # the widest a label column gets; longer labels wrap in it


VALUE_WIDTH = 26  # below this much room for the values, labels go above them


class _LabelledRows:
    """Labels beside their values, or above them when the width leaves the values too
    little room: no word is ever cut, even at 40 columns."""

    def __init__(self, entries: tuple[Labelled, ...]) -> None:
        self.entries = entries

    def _body(self, entry: Labelled) -> RenderableType:
        from rich.console import Group

        body: list[RenderableType] = []
        if len(entry.values) == 1:
            style = "italic dim" if entry.values[0] == MISSING else ""
            body.append(text(entry.values[0], style))
        else:
            body.append(_bullets(entry.values, indent=0))
        body.extend(text(d, "dim") for d in entry.details)
        return body[0] if len(body) == 1 else Group(*body)  # a lone Text wraps quicker

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        label_width = min(LABEL_WIDTH, max(text(e.label).cell_len for e in self.entries))
        if options.max_width - label_width - 2 >= VALUE_WIDTH:
            for entry in self.entries:
                yield Beside(text(entry.label, "bold"), self._body(entry), label_width)
            return
        for entry in self.entries:
            yield text(entry.label, "bold")
            yield indented(self._body(entry), 2)


class _Ranking:
    """The occupations closest first: title, bar, score and its words on one line when
    they fit, else the title above the rest; the reason, if any, on the next line."""

    def __init__(self, ranks: tuple[Rank, ...]) -> None:
        self.ranks = ranks

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.padding import Padding
        from rich.table import Table

        from orientation.views.results import score_bar

        number_width = len(f"{len(self.ranks)}. ")
        title_width = max(text(r.title).cell_len for r in self.ranks)
        words = [f"{score_bar(r.score)} {r.score}/100 {r.band}" for r in self.ranks]
        words_width = max(len(w) for w in words)
        one_line = number_width + title_width + 2 + words_width <= options.max_width
        for number, (rank, score) in enumerate(zip(self.ranks, words, strict=True), 1):
            head = text(f"{number}.".ljust(number_width), "bold")
            if one_line:
                row = Table.grid(padding=(0, 2))
                row.add_column(width=title_width)
                row.add_column()
                row.add_row(text(rank.title, "bold"), text(score))
                yield _joined(head, row)
            else:
                yield _joined(head, text(rank.title, "bold"))
                yield Padding(text(score), (0, 0, 0, number_width))
            if rank.reason:
                yield Padding(text(rank.reason, "dim"), (0, 0, 0, number_width))
            if rank.caution:
                yield Padding(text(rank.caution, "dim"), (0, 0, 0, number_width))


def _joined(head: Text, body: RenderableType) -> RenderableType:
    """*head* (a number) before *body*, whose continued lines stand under it."""
    from rich.table import Table

    row = Table.grid()
    row.add_column(width=head.cell_len, no_wrap=True)
    row.add_column()
    row.add_row(head, body)
    return row


def catalogue_table(catalogue: Catalogue) -> RenderableType:
    """One stacked entry per occupation: readable at any width, nothing truncated."""
    from rich.console import Group
    from rich.padding import Padding

    parts: list[RenderableType] = []
    for entry in catalogue.entries:
        heading = text(entry.title, "bold")
        heading.append("  ")
        heading.append(text(entry.slug, "cyan"))
        tags = ", ".join(catalogue.tag(tag).label for tag in strongest_tags(entry))
        interests = text("Intérêts forts : ", "dim")
        interests.append(text(tags))
        parts += [heading, Padding(Group(text(entry.summary), interests), (0, 0, 1, 2))]
    show = suggested_command(catalogue.root, "show <identifiant>")
    parts.append(text(f"Le détail d'un métier : {show}", "dim"))
    return Group(*parts)


def results_renderable(
    outcome: Outcome, *, summary: bool = False, saved: str | None = None, steps: bool = True
) -> RenderableType:
    """The results for the terminal: all of them, or the *summary* that fits a screen
    (without its next *steps* when they are shown later)."""
    from rich.console import Group

    from orientation.views.results import (
        REMINDER,
        quiz_header_lines,
        results_headline,
        results_sections,
        results_summary,
    )

    lines = [text(results_headline(outcome))]
    # The summary is shown as the quiz ends: its date goes without saying.
    lines += [
        text(line, "dim") for line in (outcome.notes if summary else quiz_header_lines(outcome))
    ]
    parts: list[RenderableType] = [TitledPanel("Vos résultats", lines)]
    if summary:
        sections = results_summary(outcome, saved, steps=steps)
    else:
        sections = results_sections(outcome, saved)
    parts += [_section_renderable(section) for section in sections]
    if not summary:
        parts += [text(""), text(REMINDER, "italic")]
    return Group(*parts)


def next_steps_renderable(outcome: Outcome, saved: str | None) -> RenderableType:
    """« Et maintenant ? » under a summary, once the results are kept (*saved*) or not."""
    from orientation.views.results import _next_steps

    return _section_renderable(
        Part("Et maintenant ?", commands=_next_steps(outcome, saved, summary=True))
    )


def questions_renderable(questions: tuple[Question, ...], catalogue: Catalogue) -> RenderableType:
    """The bank, numbered, each with its id and the interests it measures."""
    from rich.console import Group
    from rich.padding import Padding

    parts: list[RenderableType] = []
    width = len(str(len(questions)))
    for number, question in enumerate(questions, 1):
        line = text(f"{number:>{width}}. ", "bold")
        line.append(text(question.text))
        loads = " · ".join(
            f"{catalogue.tag(tag).label} {BAR_FULL * weight}"
            for tag, weight in sorted(question.loads.items(), key=lambda tw: (-tw[1], tw[0]))
        )
        detail = text(question.id, "cyan")
        detail.append(text(f"  {loads}", "dim"))
        parts += [line, Padding(detail, (0, 0, 1, width + 2))]
    parts.append(
        text(
            "Réponses : 1 (Pas du tout) à 5 (Tout à fait), ou null pour « Je ne sais pas ».", "dim"
        )
    )
    return Group(*parts)


def class_renderable(overview: Overview) -> RenderableType:
    from orientation.views import classview
    from orientation.views.classview import TITLE, class_parts

    lines = [text(classview.mark(overview), "bold")]
    lines += [text(line) for line in classview.headline(overview)]
    panel = TitledPanel(TITLE, lines)
    return parts_renderable(class_parts(overview), first=panel)


# --- The glossary ------------------------------------------------------------------

TERM_WIDTH = 22  # the term column, at most; longer terms wrap between words


DEFINITION_WIDTH = 30  # below this, each term goes above its definition


MAX_WIDTH = 110  # wider lines are hard to follow: a wide terminal keeps them at this


# « bac +2 » is one word to the reader.
_KEPT_TOGETHER = re.compile(r"\b([Bb]ac) (\+[0-9])")


def _term_text(value: str, style: str = "") -> Text:
    """output.text, with « bac +2 » never cut between its words."""
    return text(_KEPT_TOGETHER.sub("\\1\u00a0\\2", value), style)


class _Terms:
    """Each term beside its definition, or above it when the width leaves the definition
    too little room: no word is cut, even at 40 columns."""

    def __init__(self, terms: tuple[Term, ...]) -> None:
        self.terms = terms

    def _parts(self, term: Term) -> list[Text]:
        parts = [_term_text(term.definition)]
        renamed = renamed_line(term)
        if renamed is not None:
            parts.append(_term_text(renamed, "italic"))
        return parts

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Lines wrapped here rather than in a rich Table: a grid of 70 rows took 80 ms.
        from itertools import zip_longest

        from rich.padding import Padding
        from rich.text import Text

        names = [_term_text(term.term, "bold") for term in self.terms]
        width = min(TERM_WIDTH, max(name.cell_len for name in names))
        right = min(options.max_width, MAX_WIDTH) - width - 2
        if right < DEFINITION_WIDTH:
            for name, term in zip(names, self.terms, strict=True):
                yield name
                yield Padding(_Stacked(self._parts(term)), (0, 0, 0, 2))
            return
        for whole, term in zip(names, self.terms, strict=True):
            parts = self._parts(term)
            lines = [line for part in parts for line in part.wrap(console, right)]
            for name, line in zip_longest(whole.wrap(console, width), lines):
                row = Text()
                if name is not None:
                    row.append_text(name)
                row.pad_right(width - row.cell_len + 2)
                if line is not None:
                    row.append_text(line)
                yield row


class _Stacked:
    """Texts one under the other (rich.console.Group, without its import)."""

    def __init__(self, parts: list[Text]) -> None:
        self.parts = parts

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.parts


def glossary_renderable(glossary: Glossary) -> RenderableType:
    """The whole glossary, in alphabetical order, with how to see one term."""
    from rich.console import Group

    if not glossary.terms:
        return _term_text("Ce dossier de contenu n'a pas de glossaire (glossaire.yaml).")
    terms = alphabetical(glossary.terms)
    count = plural(len(terms), "terme")
    return Group(
        _term_text(f"Glossaire : sigles et mots techniques des fiches ({count})", "bold"),
        _term_text(""),
        _Terms(terms),
    )


def term_renderable(term: Term) -> RenderableType:
    """One term: its definition, its current name, how texts write it, when it was checked."""
    from rich.console import Group

    lines = [_term_text(term.term, "bold"), _term_text(term.definition)]
    renamed = renamed_line(term)
    if renamed is not None:
        lines.append(_term_text(renamed, "italic"))
    others = [form for form in term.forms if form != term.term]
    if others:
        lines.append(_term_text("S'écrit aussi : " + ", ".join(others) + ".", "dim"))
    lines.append(_term_text(f"Définition vérifiée le {french_checked_date(term)}.", "dim"))
    return Group(*lines)
