"""Issue 26, cases 41 and 42 of docs/robustesse.md: text from content or from file
names in the documents `orientation` writes for others to open.

41. In the class CSV, every text cell is text in a spreadsheet (never a formula) and
    holds no control character.
42. In Markdown, a text from content never makes a block of its own (a code block, a
    list, a heading…): it stays the paragraph, heading or list item it was written in.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from orientation.content.catalogue import load_catalogue
from orientation.content.model import Fiche, Section
from orientation.output import typeset
from orientation.views.comparison import compare
from orientation.writers import columns
from orientation.writers.markdown import fiche_markdown, md_code, md_escape
from tests.helpers import invoke

SAMPLE = Path(__file__).parent / "golden" / "results-sample.json"
CLOSEST = "fiches/charge-de-missions-locales.yaml"  # the sample's closest occupation
# What OWASP lists as starting a formula: = + - @, tab and carriage return.
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def set_line(path: Path, old: str, new: str) -> None:
    """Replace the line that starts with *old* by *new*."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith(old))
    lines[number] = new
    path.write_text("\n".join(lines), encoding="utf-8")


# --- 41. CSV cells -----------------------------------------------------------------------


def test_41_every_csv_cell_is_text_without_control_characters(
    content_copy: Path, tmp_path: Path
) -> None:
    title = '=HYPERLINK("http://x/?"&A2;"clic") Chargé·e\x1b[2J'
    set_line(
        content_copy / CLOSEST,
        "title:",
        r'title: "=HYPERLINK(\"http://x/?\"&A2;\"clic\") Chargé·e\e[2J"',
    )
    set_line(content_copy / "tags.yaml", "  label: Écoute", '  label: "Écoute\\a\\e]0;x"')
    # A word in capitals is a sigle to define, or plain French (mots-courants.yaml).
    (content_copy / "mots-courants.yaml").write_text("mots: [HYPERLINK, A2]\n", encoding="utf-8")
    assert invoke("check", "--content", str(content_copy))[0] == 0  # the title passes check
    folder = tmp_path / "classe"
    folder.mkdir()
    names = ["\t=2+3.json", "\r@x.json", "-1.json", "+33.json", "a\x1b[31m\x07b.json"]
    document = json.loads(SAMPLE.read_text(encoding="utf-8"))
    for number, name in enumerate(names):
        # Five results, not one saved five times (which classe counts once).
        document["date"] = f"2026-11-2{number}T15:04:00+01:00"
        (folder / name).write_text(json.dumps(document), encoding="utf-8")
    code, out, err = invoke("classe", str(folder), "--csv", "--content", str(content_copy))
    assert (code, err) == (0, "")
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff")), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert [c for c in cells if c.startswith(TRIGGERS)] == []
    assert [c for c in cells if any(unicodedata.category(x) == "Cc" for x in c)] == []
    assert {row[3] for row in rows[1:]} == {"'" + title.replace("\x1b", "")}
    assert sorted(row[2] for row in rows[1:]) == sorted(
        # Tabs and line breaks become spaces, the other controls go.
        ["' =2+3.json", "' @x.json", "'-1.json", "'+33.json", "a[31mb.json"]
    )
    assert "Intérêt : Écoute]0;x" in rows[0]


# --- 42. Markdown ------------------------------------------------------------------------

# Read back as CommonMark, with the GitHub tables that `compare --markdown` writes and
# its strikethrough, which `~` would start.
READER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
BENIGN = "zzz"
# What makes a block at the start of a line, a format inside one, or a line break.
MARKDOWN = [
    *"-+*_=#>`~|<&[]!():.\\ \n\t\r\u00a0",
    "```",
    "~~~",
    "1. ",
    "1) ",
    "- ",
    "---",
    "===",
    "    ",
    "<div>",
    "&amp;",
    "&#35;",
    "\n\n",
    "\n# ",
    "\n- ",
    "\n1. ",
]
TEXTS = st.lists(
    st.one_of(st.sampled_from(MARKDOWN), st.characters(codec="utf-8")), max_size=12
).map("".join)


def shapes(markdown: str) -> list[tuple[str, str, int, tuple[str, ...]]]:
    """Every token of *markdown* as CommonMark reads it: the blocks, and the kinds of
    inline pieces (text, emphasis, links…) inside each."""
    return [
        (t.type, t.tag, t.level, tuple(c.type for c in t.children or ()))
        for t in READER.parse(markdown)
    ]


def shown(markdown: str) -> list[str]:
    """The text of each inline part of *markdown*, as a reader sees it."""
    return [
        "".join(c.content for c in t.children or () if c.type == "text")
        for t in READER.parse(markdown)
        if t.type == "inline"
    ]


def one_line(value: str) -> str:
    """*value* as a reader must see it: typeset as on screen, on one line."""
    return re.sub(r" *\n[ \n]*", " ", typeset(value)).strip()


# Where the Markdown writers put a text (writers/markdown.py, writers/columns.py).
CONTEXTS = {
    "paragraph": "{}\n",
    "title": "# {}\n",
    "heading": "## {}\n",
    "summary": "*{}*\n",
    "headline": "**{}**\n",
    "bullet": "- {}\n",
    "labelled": "- **{}**\u00a0: {}\n",
    "values": "- **Titre**\u00a0:\n  - {}\n  - *{}*\n",
    "ranked": "1. **{}**\u00a0: ▰▰▱ 50/100\n\n   *{}*\n",
    "cell": "| | Titre |\n|---|---|\n| **{}** | {} |\n",
    "after a paragraph": "Texte\n\n{}\n",
}


@settings(max_examples=300, deadline=None)
@given(value=TEXTS, context=st.sampled_from(sorted(CONTEXTS)))
def test_42_any_text_stays_the_block_it_was_written_in(value: str, context: str) -> None:
    assume(value.strip() and one_line(value))
    template = CONTEXTS[context]
    escaped = template.replace("{}", md_escape(value))
    benign = template.replace("{}", BENIGN)
    assert shapes(escaped) == shapes(benign), escaped
    assert shown(escaped) == [s.replace(BENIGN, one_line(value)) for s in shown(benign)], escaped


def every_text(fiche: Fiche, text: str) -> Fiche:
    """*fiche* with every text a reader sees set to *text* (the description as one
    paragraph: a blank line there makes two, as it should)."""
    paragraph = text
    while re.search(r"\n\s*\n", paragraph):
        paragraph = re.sub(r"\n\s*\n", "\n", paragraph)
    return replace(
        fiche,
        title=text,
        aliases=(text,),
        summary=text,
        description=paragraph,
        missions=(text, text),
        technical_skills=(text,),
        interpersonal_skills=(text,),
        education=replace(fiche.education, diplomas=(text,), notes=(text,), wording=text),
        experience=(text,),
        environment=replace(
            fiche.environment, structures=(text,), workplace=text, travel=text, notes=(text,)
        ),
        publics=(text,),
        career=(text,),
        related=(text,),
        advantages=(text,),
        drawbacks=(text,),
        employers=(text,),
        salaries=tuple(replace(s, source=text, note=text) for s in fiche.salaries),
        tags=tuple(replace(t, why=text) for t in fiche.tags),
        sections=tuple(Section(text, (text, text)) for _ in fiche.sections),
        sources=tuple(replace(s, title=text, notes=(text,)) for s in fiche.sources),
        confusions=tuple(replace(c, other=text, note=text) for c in fiche.confusions),
        editorial=tuple(replace(e, note=text) for e in fiche.editorial),
        brief=dict.fromkeys(fiche.brief, text),
    )


CATALOGUE = load_catalogue()
CESF = CATALOGUE.find("cesf")
OTHER = CATALOGUE.find("coordinateur-social")


@settings(max_examples=60, deadline=None)
@given(value=TEXTS)
def test_42_any_text_in_a_fiche_makes_no_block_of_its_own(value: str) -> None:
    assume(value.strip() and one_line(value))
    hostile, benign = every_text(CESF, value), every_text(CESF, BENIGN)
    for brief, authoring in ((False, False), (True, False), (False, True)):
        assert shapes(
            fiche_markdown(hostile, CATALOGUE, brief=brief, authoring=authoring)
        ) == shapes(fiche_markdown(benign, CATALOGUE, brief=brief, authoring=authoring))
    assert shapes(columns.markdown(compare([hostile, OTHER], CATALOGUE))) == shapes(
        columns.markdown(compare([benign, OTHER], CATALOGUE))
    )


def test_42_a_fence_or_a_list_marker_in_a_paragraph_stays_a_paragraph(
    content_copy: Path,
) -> None:
    paragraphs = [
        "~~~",
        "```python",
        "1. Premier point",
        "2) Deuxième",
        "- un tiret",
        "+ un plus",
        "# Titre",
        "> Citation",
        "---",
        "<div>HTML</div>",
        "| a | b |",
        "&eacute;crit",
    ]
    fiche = content_copy / "fiches" / "conseiller-social.yaml"
    description = "description: |\n" + "".join(f"  {p}\n\n" for p in paragraphs)
    text = re.sub(
        r"^description:.*?\n(?=\S)",
        description,
        fiche.read_text(encoding="utf-8"),
        count=1,
        flags=re.M | re.S,
    )
    fiche.write_text(text, encoding="utf-8")
    # A word in capitals is a sigle to define, or plain French (mots-courants.yaml).
    (content_copy / "mots-courants.yaml").write_text("mots: [HTML]\n", encoding="utf-8")
    assert invoke("check", "--content", str(content_copy))[0] == 0  # they pass check
    code, out, err = invoke("show", "cesf", "--markdown", "--content", str(content_copy))
    assert (code, err) == (0, "")
    tokens = READER.parse(out)
    start = next(i for i, t in enumerate(tokens) if t.content == "Description") + 2
    described = tokens[start : start + 3 * len(paragraphs)]
    # Each one paragraph, shown as written (before: a code block to the end, lists…).
    assert [t.type for t in described] == ["paragraph_open", "inline", "paragraph_close"] * len(
        paragraphs
    )
    assert [t.content for t in described if t.type == "inline"] == [
        md_escape(p) for p in paragraphs
    ]
    assert shown(out[out.index("## Description") :].split("## Missions")[0])[1:] == paragraphs
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert "Missions" in headings  # not swallowed by a code block


@pytest.mark.parametrize(
    "command",
    ["orientation show cesf --content 'a`b'", "`x``", "x\n# Titre", " x ", "``"],
)
def test_42_a_command_stays_one_code_span_whatever_it_holds(command: str) -> None:
    tokens = READER.parse(f"- Voir\u00a0: {md_code(command)}\n")
    inline = next(t for t in tokens if t.type == "inline")
    assert [c.type for c in inline.children or ()] == ["text", "code_inline"]
    assert (inline.children or [])[1].content == command.replace("\n", "\ufffd")


def test_42_a_content_folder_with_a_backtick_keeps_the_commands_whole(
    content_copy: Path, tmp_path: Path
) -> None:
    root = content_copy.rename(tmp_path / "co`de")
    code, out, err = invoke(
        "compare", "cesf", "coordinateur-social", "--markdown", "--content", str(root)
    )
    assert (code, err) == (0, "")
    inline = next(t for t in READER.parse(out) if t.content.startswith("Les fiches complètes"))
    commands = [c.content for c in inline.children or () if c.type == "code_inline"]
    assert commands == [
        f"orientation show {slug} --content {shlex.quote(str(root))}"
        for slug in ("conseiller-social", "coordinateur-social")
    ]
