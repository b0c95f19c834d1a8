"""The --html handouts: the writer, the templates it ships, what it escapes, and how a
real browser (headless Chromium) prints them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from orientation.content.catalogue import load_questions
from orientation.content.model import default_root
from tests.helpers import orientation

pytestmark = pytest.mark.slow

FICHE = "coordinateur-social"


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    """Answers that rank the occupations (no flat profile)."""
    bank = load_questions(default_root(), cache=False)
    path = tmp_path / "reponses.json"
    path.write_text(json.dumps({q.id: 3 + (i % 3) - 1 for i, q in enumerate(bank)}))
    return path


# --- Jinja2 is loaded on the --html path only --------------------------------------

# The entry point ends with os._exit (entry.py): the probe says what was loaded then.
PROBE = (
    "import os, sys\n"
    "end = os._exit\n"
    "def said(status):\n"
    "    html = 'orientation.writers.html'\n"
    "    print('jinja2' in sys.modules, html in sys.modules, file=sys.stderr)\n"
    "    sys.stderr.flush()\n"
    "    end(status)\n"
    "os._exit = said\n"
    "from orientation.cli.entry import main\n"
    "main()\n"
)


def loaded(*args: str) -> str:
    """Whether the command line *args* imported jinja2 and orientation.html."""
    run = orientation(*args, command=(sys.executable, "-c", PROBE))
    return run.stderr.strip().splitlines()[-1]


def test_commands_without_html_never_import_jinja2(answers: Path, tmp_path: Path) -> None:
    saved = tmp_path / "resultats.json"
    assert orientation("quiz", "--answers", str(answers), "--save", str(saved)).returncode == 0
    assert loaded("show", FICHE) == "False False"  # the plain path, without typer
    assert loaded("show", FICHE, "--markdown") == "False False"
    assert loaded("list") == "False False"
    assert loaded("--help") == "False False"
    assert loaded("show", "--help") == "False False"
    assert loaded("quiz", "--answers", str(answers), "--json") == "False False"
    assert loaded("report", str(saved)) == "False False"
    assert loaded("report", str(saved), "--markdown") == "False False"


# --- The handouts, as the command writes them ----------------------------------------

FICHES = sorted(p.stem for p in (default_root() / "fiches").glob("*.yaml"))
SAMPLE = Path(__file__).parent / "golden" / "results-sample.json"
# What would reach outside the page, or run in it. (An address printed as text, for a
# reader to type, is fine: it is never a link the page follows.)
OUTSIDE = ('="http', "='http", "src=", "href=", "@import", "<script", "url(")
# A command line in a handout: what a family cannot use on paper.
COMMAND = re.compile(
    r"\borientation\s+(?:show|compare|list|quiz|report|classe|glossaire|check|init|new)\b|--\w"
)
CONFIDENTIAL = "Document personnel – confidentiel"


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    """Results saved by the quiz from the sample answers (a ranking, not a flat profile)."""
    answers = tmp_path / "reponses.json"
    answers.write_text(json.dumps(json.loads(SAMPLE.read_text(encoding="utf-8"))["answers"]))
    path = tmp_path / "resultats.json"
    run = orientation("quiz", "--answers", str(answers), "--save", str(path))
    assert run.returncode == 0, run.stderr
    return path


def handout(*args: str) -> str:
    run = orientation(*args)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    return run.stdout


def visible(page: str) -> str:
    """The words of *page* without its tags, style and entities (a rough reading)."""
    import html

    page = re.sub(r"<style>.*?</style>", "", page, flags=re.DOTALL)
    # Spaces squeezed, no-break spaces kept (str.split would take them for spaces).
    return html.unescape(re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", page)).strip())


@pytest.mark.parametrize("slug", FICHES)
def test_each_fiche_is_one_self_contained_page_with_its_chart(slug: str) -> None:
    page = handout("show", slug, "--html")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="fr">' in page
    for outside in OUTSIDE:
        assert outside not in page, outside
    assert "<style>" in page
    assert "@page" in page
    assert "size: A4" in page
    assert "@media print" in page
    assert "<svg" in page  # the interest weights
    assert page.count('class="bar"') >= 2
    assert "L'essentiel" in visible(page)


def test_the_fiche_says_what_the_terminal_says_in_the_same_order() -> None:
    import html

    from orientation.content.catalogue import load_catalogue, load_glossary
    from orientation.output import typeset
    from orientation.views.fiche import PAPER_SIGLES, SIGLES, fiche_parts

    raw = handout("show", FICHE, "--html")
    page = visible(raw)
    screen = handout("show", FICHE)
    catalogue = load_catalogue(cache=False)
    parts = fiche_parts(catalogue.find(FICHE), catalogue, glossary=load_glossary(default_root()))
    headings = [html.unescape(h) for h in re.findall(r"<h2>(.*?)</h2>", raw)]
    # The screen's parts, in its order; on paper the terms go in a short box.
    on_paper = {SIGLES: PAPER_SIGLES}
    assert headings == [typeset(on_paper.get(p.heading, p.heading)) for p in parts if p.heading]
    assert headings[0] == "L'essentiel"
    assert len(headings) > 10
    for fact in ("1\u00a0600\u00a0€ à 1\u00a0800\u00a0€ brut par mois", "Identifiant"):
        assert fact in screen
        assert fact in page
    # The interests drawn, with their words and their reasons.
    assert "3/3, central dans ce métier" in page
    assert "■" not in page  # the text bars are the terminal's drawing, not the page's


def test_the_page_keeps_french_no_break_spaces() -> None:
    page = handout("show", FICHE, "--html")
    assert "«\u00a0Coordinateur social\u00a0»" in page
    assert "1\u00a0823,03\u00a0€" in page  # the SMIC cited from reperes.yaml
    assert " :" not in visible(page).replace("\u00a0:", "")


def test_the_report_has_its_summary_charts_steps_and_room_for_notes(saved: Path) -> None:
    page = handout("report", str(saved), "--html")
    for outside in OUTSIDE:
        assert outside not in page, outside
    words = visible(page)
    assert "Le plus proche\u00a0: Chargé·e de missions locales" in words
    assert "Quiz passé le" in words
    assert "85/100, très proche" in words
    assert "Ce qui vous y attire\u00a0: Développement territorial" in words
    assert "Vos centres d'intérêt" in words
    assert "4,7/5" in words
    assert "Et maintenant\u00a0?" in words
    assert "Notes du conseiller ou de la conseillère" in words
    # Plain words for a family, never a command line.
    assert "onisep.fr" in words
    assert not COMMAND.search(words), COMMAND.search(words)
    assert "<code>" not in page
    # The first two scores on page 1, then the scores (5 occupations) and the profile
    # (10 interests), drawn.
    assert page.count("<svg") == 2 + 5 + 10
    # Page 1 (the summary) ends before the ranking and the profile.
    first, rest = page.split('<div class="page rest">', 1)
    assert "85/100" in first
    assert "Vos centres d'intérêt" not in visible(first)
    assert "Vos centres d'intérêt" in visible(rest)


def test_content_is_escaped_never_markup(content_copy: Path) -> None:
    fiche = content_copy / "fiches" / f"{FICHE}.yaml"
    text = fiche.read_text(encoding="utf-8")
    fiche.write_text(
        text.replace(
            "  Accompagne des personnes en difficulté",
            '  <script>alert(1)</script> <img src="http://x"> & "Accompagne" des personnes '
            "en difficulté",
            1,
        ),
        encoding="utf-8",
    )
    page = handout("show", FICHE, "--html", "--content", str(content_copy))
    assert "<script" not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=&#34;http://x&#34;&gt; &amp;" in page


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--html", "--json"), "choisir --json ou --html, pas les deux."),
        (("--html", "--markdown"), "choisir --markdown ou --html, pas les deux."),
        (
            ("--html", "--json", "--markdown"),
            "choisir un seul format parmi --json, --markdown et --html.",
        ),
    ],
)
def test_html_goes_with_no_other_format(args: tuple[str, ...], said: str, saved: Path) -> None:
    for command in (("show", FICHE), ("report", str(saved))):
        run = orientation(*command, *args)
        assert run.returncode == 2
        assert run.stdout == ""
        assert said in run.stderr
        assert "Traceback" not in run.stderr


def test_a_stream_that_is_not_utf8_gets_character_references() -> None:
    run = orientation("show", FICHE, "--html", env={"PYTHONIOENCODING": "ascii"})
    assert run.returncode == 0, run.stderr
    assert run.stdout.isascii()
    assert "Niveau d&#39;&#233;tudes" in run.stdout
    assert "&#160;&#8364;" in run.stdout  # « 1 600 € » keeps its no-break space


def test_a_regular_install_ships_the_templates(tmp_path: Path) -> None:
    from tests.test_install import make_venv, pip_install, run_installed

    venv = tmp_path / "venv"
    make_venv(venv)
    pip_install(venv / "bin" / "python", ".")
    templates = subprocess.run(
        [venv / "bin" / "python", "-c", "import orientation.writers.html as h; print(h.TEMPLATES)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    ).stdout.strip()
    assert templates.startswith(str(venv)), templates  # not the checkout's
    run = run_installed(venv, "show", FICHE, "--html", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "<svg" in run.stdout
    assert "L&#39;essentiel" in run.stdout


# --- In a real browser: headless Chromium prints each handout -------------------------

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
READERS = {name: shutil.which(name) for name in ("pdfinfo", "pdftotext")}


def chromium(page: Path, *args: str) -> None:
    """Run headless Chromium on *page* with *args*, offline, in a profile of its own."""
    missing = [name for name, path in {"chromium": BROWSER, **READERS}.items() if path is None]
    if missing:
        reason = (
            f"{' et '.join(missing)} absent : les documents HTML ne sont pas imprimés "
            "(apt-get install chromium poppler-utils ; .ci/run les installe)"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    assert BROWSER is not None
    run = subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",  # as root in a container
            "--disable-gpu",
            f"--user-data-dir={page.parent / 'chromium-profile'}",
            # Any name looked up fails: the page must need no network.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            *args,
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr


def printed(page: Path) -> Path:
    """*page* printed to an A4 PDF, as a counsellor would print it."""
    pdf = page.with_suffix(".pdf")
    chromium(page, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    assert pdf.stat().st_size > 0
    return pdf


def pages(pdf: Path) -> int:
    info = subprocess.run(
        ["pdfinfo", pdf], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    assert "A4" in size, size
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


def read(pdf: Path, first: int, last: int | None = None) -> str:
    """The words of pages *first* to *last*, spaces (no-break ones too) squeezed."""
    read = subprocess.run(
        ["pdftotext", "-f", str(first), "-l", str(last or first), "-enc", "UTF-8", pdf, "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return " ".join(read.split())


def written(tmp_path: Path, name: str, *args: str) -> Path:
    page = tmp_path / name
    page.write_text(handout(*args, "--html"), encoding="utf-8")
    return page


def footed(pdf: Path, line: str) -> int:
    """The number of pages of *pdf*, each checked to carry the footer *line* once (a
    fixed element, printed by Chromium on every page)."""
    count = pages(pdf)
    for number in range(1, count + 1):
        assert read(pdf, number).count(line) == 1, (number, line, read(pdf, number)[-300:])
    return count


MAX_FICHE_PAGES = 4


@pytest.mark.parametrize("slug", FICHES)
def test_each_fiche_prints_its_essentials_alone_on_page_one(slug: str, tmp_path: Path) -> None:
    from orientation.content.catalogue import load_catalogue, load_glossary
    from orientation.output import long_date
    from orientation.views.fiche import PAPER_SIGLES, fiche_parts, updated_on

    catalogue = load_catalogue(cache=False)
    fiche = catalogue.find(slug)
    essentiel, then = fiche_parts(fiche, catalogue, glossary=load_glossary(default_root()))[:2]
    pdf = printed(written(tmp_path, f"{slug}.html", "show", slug))
    day = " ".join(long_date(updated_on(fiche) or "").split())
    title = " ".join(fiche.title.split())
    # Every page ends with the fiche's name and date; no name of a person, nothing
    # confidential.
    count = footed(pdf, f"{title} · fiche métier, à jour le {day}")
    assert 2 <= count <= MAX_FICHE_PAGES
    first = read(pdf, 1)
    assert first.startswith(title)
    assert f"À jour le {day} (dernière vérification de la rédaction)." in first
    assert "L'essentiel" in first
    for row in essentiel.labelled:
        assert " ".join(row.label.split()) in first
    assert read(pdf, 2).startswith(then.heading)  # the rest of the fiche begins on page 2
    whole = read(pdf, 1, count)
    assert "Centres d'intérêt" in whole
    assert PAPER_SIGLES in whole
    assert "Sources" in whole
    assert "Adresse : " in whole
    assert "https://www.data.gouv.fr/" in whole  # the ROME codes' list, to look them up
    assert CONFIDENTIAL not in whole


def test_the_fiche_pdf_gives_the_salary_on_page_one(tmp_path: Path) -> None:
    pdf = printed(written(tmp_path, "fiche.html", "show", FICHE))
    first = read(pdf, 1)
    assert "Coordinateur·rice social·e" in first
    assert "Salaire au début 1 600 € à 1 800 € brut par mois" in first
    # The SMIC's own address, printed where the figure is cited.
    assert "https://www.service-public.fr/particuliers/vosdroits/F2300" in read(pdf, 1, pages(pdf))


def test_the_report_prints_what_a_family_needs_on_page_one(tmp_path: Path) -> None:
    answers = tmp_path / "reponses.json"
    answers.write_text(json.dumps(json.loads(SAMPLE.read_text(encoding="utf-8"))["answers"]))
    path = tmp_path / "resultats.json"
    run = orientation(
        "quiz", "--answers", str(answers), "--save", str(path), "--nom", "Léa Martin",
        "--classe", "2de B",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    pdf = printed(written(tmp_path, "resultats.html", "report", str(path)))
    day = json.loads(path.read_text(encoding="utf-8"))["date"][:10]
    from orientation.output import long_date

    footer = (
        f"{CONFIDENTIAL} · Résultats du quiz d'intérêts de Léa Martin, quiz passé le "
        + " ".join(long_date(day).split())
    )
    count = footed(pdf, footer)
    assert count >= 2
    first = read(pdf, 1)
    assert first.startswith("Résultats du quiz d'intérêts")
    assert "Élève : Léa Martin · Classe : 2de B." in first
    assert "Quiz passé le" in first
    assert "5 métiers du secteur social seulement" in first
    assert "Ce n'est pas un verdict." in first
    assert (
        "Ce résultat est-il sûr ? Chargé·e de missions locales arrive en tête, 18 points "
        "devant Conseiller·ère social·e (CESF)."
    ) in first
    # The first two, each with its sentence, level and starting pay.
    assert (
        "1. Chargé·e de missions locales Aide des projets locaux à voir le jour et les suit"
    ) in first
    assert "Score 85/100, très proche" in first
    assert "Niveau d'études Bac +3 à bac +5" in first
    assert "Salaire 2 917 € par mois (brut ou net non précisé)" in first
    assert "2. Conseiller·ère social·e (CESF) Aide des personnes en difficulté" in first
    assert "Salaire au début non renseigné" in first
    # Next steps in plain words.
    assert "Et maintenant ?" in first
    for who in ("Psy-EN", "CIO", "Mission locale", "onisep.fr"):
        assert who in first
    assert "« chargé de missions locales » et « conseiller en économie sociale familiale »" in (
        first
    )
    assert "pas un verdict : il ne dit rien de vos capacités." in first
    # The detail after page 1.
    assert "Vos centres d'intérêt" not in first
    assert read(pdf, 2).startswith("Les métiers, du plus proche au plus éloigné")
    whole = read(pdf, 1, count)
    assert "Vos centres d'intérêt" in whole
    assert "Notes du conseiller ou de la conseillère" in read(pdf, count)
    assert not COMMAND.search(whole), COMMAND.search(whole)


def test_a_report_without_ranking_prints_why_and_no_command(tmp_path: Path) -> None:
    from orientation.content.catalogue import load_questions

    bank = load_questions(default_root(), cache=False)
    answers = tmp_path / "reponses.json"
    answers.write_text(json.dumps({q.id: 3 for q in bank}))
    path = tmp_path / "resultats.json"
    run = orientation("quiz", "--answers", str(answers), "--save", str(path))
    assert run.returncode == 0, run.stderr
    # Stopped early: the note that names a command loses it on paper.
    data = json.loads(path.read_text(encoding="utf-8"))
    unasked = list(data["answers"])[-4:]
    for question in unasked:
        del data["answers"][question]
    data.update(unasked=unasked, asked=len(bank) - 4, stopped="settled")
    path.write_text(json.dumps(data), encoding="utf-8")
    pdf = printed(written(tmp_path, "resultats.html", "report", str(path)))
    # No name: the footer does not say confidential.
    from orientation.output import long_date

    day = " ".join(long_date(data["date"][:10]).split())
    count = footed(pdf, f"Résultats du quiz d'intérêts, quiz passé le {day}")
    first = read(pdf, 1)
    assert "Profil peu différencié : le quiz ne peut pas départager les métiers." in first
    assert "Pas de classement" in first
    assert "26 questions posées sur 30" in first
    assert "Et maintenant ?" in first
    assert "onisep.fr" in first
    whole = read(pdf, 1, count)
    assert CONFIDENTIAL not in whole
    assert not COMMAND.search(whole), COMMAND.search(whole)


def colours(png: Path) -> tuple[int, float]:
    """How many colours a PNG screenshot has, and the share of its pixels that are not
    its most common colour (read with the standard library: chunks, zlib, filters)."""
    import struct
    import zlib
    from collections import Counter

    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, idat, header = 8, b"", b""
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert (depth, interlace) == (8, 0)
    channels = {2: 3, 6: 4}[colour_type]
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    counts: Counter[bytes] = Counter()
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                near = min((abs(guess - left), 0), (abs(guess - up), 1), (abs(guess - corner), 2))
                line[i] = (line[i] + (left, up, corner)[near[1]]) & 0xFF
        counts.update(bytes(line[i : i + 3]) for i in range(0, stride, channels))
        previous = line
    total = width * height
    return len(counts), 1 - counts.most_common(1)[0][1] / total


@pytest.mark.parametrize("kind", ["fiche", "report"])
def test_a_screenshot_at_phone_width_is_not_blank(kind: str, saved: Path, tmp_path: Path) -> None:
    args = ("show", FICHE) if kind == "fiche" else ("report", str(saved))
    page = written(tmp_path, f"{kind}.html", *args)
    png = tmp_path / f"{kind}.png"
    chromium(page, "--hide-scrollbars", "--window-size=390,844", f"--screenshot={png}")
    count, inked = colours(png)
    assert count >= 2
    assert inked > 0.02  # text and bars, not a white page with a speck
