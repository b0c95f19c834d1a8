"""output.render_lines: the lines rich would make, made the quick way for a Text of one
style; and the views that use it, as rich would draw them."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.segment import Segment
from rich.text import Text

from orientation import output

WIDTHS = (1, 2, 5, 9, 20, 40, 80, 200)
TEXTS = (
    "",
    " ",
    "un",
    "Accompagner des personnes en difficulté dans leurs démarches administratives.",
    "Salaire : 1\u00a0600\u00a0€ à 1\u00a0800\u00a0€ brut par mois, «\u00a0non renseigné\u00a0».",
    "deux  espaces   puis   trois    et des espaces à la fin     ",
    "   des espaces au début",
    "anticonstitutionnellementanticonstitutionnellement, un mot plus long que la ligne",
    "une ligne\nune autre\n\net une après un blanc",
    "largeur double : 社会福祉士 の 仕事 et 🧑‍🤝‍🧑 en fin",
    "Coordinateur·rice social·e — Chargé·e d'insertion sociale (CESF)",
)


@pytest.mark.parametrize("style", ["", "dim", "bold red"])
@pytest.mark.parametrize("pad", [True, False])
def test_quick_lines_are_rich_lines(style: str, pad: bool) -> None:
    output.text("")  # the views' wrapping (no-break spaces kept), as they run
    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor")
    for width in WIDTHS:
        options = console.options.update(width=width, overflow="fold", height=None)
        for words in TEXTS:
            item = Text(words, style=style)
            quick = output.render_lines(console, item, options, pad=pad)
            rich = console.render_lines(item, options, pad=pad)
            assert ["".join(s.text for s in line) for line in quick] == [
                "".join(s.text for s in line) for line in rich
            ], (width, words)
            assert [[(s.text, s.style) for s in line if s.text.strip()] for line in quick] == [
                [(s.text, s.style) for s in line if s.text.strip()] for line in rich
            ], (width, words)


def test_other_renderables_and_texts_go_to_rich() -> None:
    console = Console(file=io.StringIO(), width=30)
    options = console.options.update(width=30)
    spans = Text("un mot en gras au milieu")
    spans.stylize("bold", 3, 6)
    centred = Text("au centre", justify="center")
    for item in (spans, centred, "du [b]balisage[/b]"):
        assert output.render_lines(console, item, options) == console.render_lines(item, options)


def test_a_heading_is_drawn_as_its_rich_text_would_be() -> None:
    from orientation.output import heading

    for title in ("Missions", "Sigles et mots techniques", "Niveau d'études\u00a0: bac\u00a0+3"):
        for width in (12, 20, 40, 80, 200):
            console = Console(file=io.StringIO(), width=width, force_terminal=True)
            line = output.text(title, "bold cyan")
            room = width - line.cell_len - 1
            if room < 3:
                continue  # the other branch builds a Text already
            line.append(" " + "─" * room, style="cyan")
            options = console.options
            drawn = console.render_lines(heading(title), options, pad=False)
            expected = console.render_lines(line, options, pad=False)
            # The same characters in the same styles (rich may split a run in two).
            assert [list(Segment.simplify(x)) for x in drawn] == [
                list(Segment.simplify(x)) for x in expected
            ], (title, width)
