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
import unicodedata
from pathlib import Path

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
    assert invoke("check", "--content", str(content_copy))[0] == 0  # the title passes check
    folder = tmp_path / "classe"
    folder.mkdir()
    names = ["\t=2+3.json", "\r@x.json", "-1.json", "+33.json", "a\x1b[31m\x07b.json"]
    for name in names:
        (folder / name).write_bytes(SAMPLE.read_bytes())
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
