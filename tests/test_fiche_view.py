"""Issue 18: what a fiche shows a student and a counsellor.

« L'essentiel » on one screen (`show --bref`), the rubrics the source leaves empty said
once, editorial notes marked and dated, sources by title (file names and authoring notes
only with `--sources`), « ne pas confondre » at the top, in `compare` and on lookup, and
names kept for lookup only. Each runs the installed command in a real process.
"""

from __future__ import annotations

import json
import shlex
import time
from pathlib import Path

import pytest

from orientation.content.catalogue import load_catalogue
from orientation.content.model import default_root
from tests.helpers import ORIENTATION, Terminal, orientation

SLUGS = sorted(p.stem for p in (default_root() / "fiches").glob("*.yaml"))


def _edit(root: Path, slug: str, before: str, after: str) -> None:
    path = root / "fiches" / f"{slug}.yaml"
    text = path.read_text("utf-8")
    assert before in text, before
    path.write_text(text.replace(before, after, 1), "utf-8")


# --- « L'essentiel » ------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("slug", SLUGS)
def test_brief_fits_one_80_by_24_screen(slug: str) -> None:
    result = orientation("show", slug, "--bref")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    said = " ".join(result.stdout.split())
    assert len(lines) <= 23, "\n".join(lines)  # the 24th line is the shell's prompt
    assert max(len(line) for line in lines) <= 80
    for label in ("Niveau d'études", "Diplômes", "Publics", "Où travailler", "Intérêts forts"):
        assert label in said
    assert f"La fiche complète : orientation show {slug}" in said


@pytest.mark.slow
@pytest.mark.parametrize("slug", SLUGS)
def test_brief_at_40_columns_cuts_no_word(slug: str) -> None:
    wide = orientation("show", slug, "--bref", columns=200).stdout
    narrow = orientation("show", slug, "--bref", columns=40).stdout
    assert max(len(line) for line in narrow.splitlines()) <= 40

    # The same words, only wrapped differently (the panel's border aside).
    def words(text: str) -> list[str]:
        return [w for w in text.replace("│", " ").split() if not set(w) <= set("╭╮╰╯─\\")]

    assert words(narrow) == words(wide)


@pytest.mark.slow
def test_brief_names_the_starting_salary_with_its_source() -> None:
    catalogue = load_catalogue()
    fiche = next(f for f in catalogue.fiches if any(s.stage == "start" for s in f.salaries))
    out = " ".join(orientation("show", fiche.slug, "--bref", columns=200).stdout.split())
    start = next(s for s in fiche.salaries if s.stage == "start")
    assert "Salaire au début" in out
    assert f"Source : {start.source}" in out


@pytest.mark.slow
def test_full_fiche_opens_with_the_essentiel() -> None:
    out = orientation("show", "coordinateur-social").stdout
    # The headings (a note may say « Sources : » before them).
    assert out.index("L'essentiel ─") < out.index("Missions ─") < out.index("Sources ─")


@pytest.mark.slow
def test_brief_refuses_json_and_sources() -> None:
    for option in ("--json", "--sources"):
        result = orientation("show", "cesf", "--bref", option)
        assert result.returncode == 2
        assert "--bref" in result.stderr
        assert option in result.stderr
        assert "Traceback" not in result.stderr


# --- Empty rubrics, said once ---------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("slug", SLUGS)
def test_rubrics_the_source_leaves_empty_are_named_on_one_line(slug: str) -> None:
    out = orientation("show", slug, columns=200).stdout
    full = out.split("L'essentiel")[1].split("Description", 1)[-1]
    # No rubric of its own says « non renseigné » outside « L'essentiel »…
    body = full.split("\n\n")
    assert not [part for part in body if part.strip().endswith("non renseigné")]
    fiche = load_catalogue().find(slug)
    if not fiche.salaries:  # …and each is named in the one line.
        line = next(line for line in out.splitlines() if "Non renseigné par la source" in line)
        assert "salaire" in line


# --- Sources: titles for students, files and notes for authors ------------------------


@pytest.mark.slow
@pytest.mark.parametrize("slug", SLUGS)
def test_sources_by_title_and_authoring_notes_only_on_request(slug: str) -> None:
    fiche = load_catalogue().find(slug)
    shown = orientation("show", slug, columns=200).stdout
    handout = orientation("show", slug, "--markdown").stdout
    compared = orientation("compare", slug, "cesf" if slug != "conseiller-social" else "cs")
    for view in (shown, handout, compared.stdout):
        for source in fiche.sources:
            assert source.document not in view
            for note in source.notes:
                assert note[:60] not in " ".join(view.split())
    for source in fiche.sources:
        assert source.title in " ".join(shown.split())
    authors = " ".join(orientation("show", slug, "--sources", columns=200).stdout.split())
    for source in fiche.sources:
        assert source.document in authors
        for note in source.notes:
            assert " ".join(note.split())[:60] in authors


# --- Editorial notes ------------------------------------------------------------------

EDITORIAL = """\
editorial:
  - field: education.level
    note: Note A sur le niveau.
    date: 2026-11-30
  - field: salary[1]
    note: Note B sur le premier salaire.
    date: 2026-11-01
  - field: publics
    note: Note C sur les publics.
    date: 2026-11-30
  - field: education.diplomas
    note: Note D sur les diplômes.
    date: 2026-11-30
confusions:
  - with: le métier X
    note: Note E sur la confusion.
    names: [metier x, métiers x]
    editorial: 2026-11-30
"""


@pytest.fixture
def annotated(content_copy: Path) -> Path:
    """The coordinateur fiche with these notes and confusion first in its own lists."""
    notes, confusions = EDITORIAL.split("confusions:\n")
    _edit(content_copy, "coordinateur-social", "editorial:\n", notes)
    _edit(content_copy, "coordinateur-social", "confusions:\n", "confusions:\n" + confusions)
    return content_copy


@pytest.mark.slow
def test_every_editorial_note_is_shown_marked_and_dated(annotated: Path) -> None:
    root = str(annotated)
    assert orientation("check", root).returncode == 0
    shown = " ".join(orientation("show", "coordinateur-social", "--content", root).stdout.split())
    handout = " ".join(
        orientation("show", "coordinateur-social", "--content", root, "--markdown").stdout.split()
    )
    for view in (shown, handout):
        for letter in "ABCD":
            assert f"NDLR (30 novembre 2026) : Note {letter}" in view or (
                letter == "B" and "NDLR (1er novembre 2026) : Note B" in view
            ), (letter, view)
        assert "Avec le métier X. NDLR (30 novembre 2026) : note E sur la confusion." in view
    compared = " ".join(
        orientation(
            "compare", "coordinateur-social", "cesf", "--content", root, columns=200
        ).stdout.split()
    )
    assert "Note A sur le niveau" in compared
    assert "Note B sur le premier salaire" in compared
    assert "confondre" in compared
    assert "note E sur la confusion" in compared


@pytest.mark.slow
def test_a_lookup_of_the_other_job_says_not_to_confuse(annotated: Path) -> None:
    result = orientation("show", "Métier X", "--content", str(annotated))
    assert result.returncode == 1
    assert result.stdout == ""
    said = " ".join(result.stderr.split())
    assert "Aucune fiche pour « Métier X »" in said
    assert "à ne pas confondre avec : - Coordinateur·rice social·e — " in said
    assert "NDLR (30 novembre 2026) : note E sur la confusion." in said
    assert "orientation show coordinateur-social" in said


@pytest.mark.slow
def test_check_names_a_misplaced_or_undated_editorial_note(annotated: Path) -> None:
    _edit(annotated, "coordinateur-social", "field: salary[1]", "field: salary[9]")
    _edit(annotated, "coordinateur-social", "date: 2026-11-30", "date: 30/11/2026")
    _edit(annotated, "coordinateur-social", "names: [metier x,", "names: [cesf,")
    result = orientation("check", str(annotated))
    assert result.returncode == 1
    path = f"{annotated}/fiches/coordinateur-social.yaml"
    lines = result.stdout.splitlines()
    assert any(
        line.startswith(path)
        and "champ « editorial[2].field » : « salary[9] » n'existe pas : « salary » compte 2"
        in line
        for line in lines
    ), lines
    text = (annotated / "fiches" / "coordinateur-social.yaml").read_text("utf-8")
    at = text.splitlines().index("    date: 30/11/2026") + 1
    assert any(
        line.startswith(f"{path}:{at}:") and "« 30/11/2026 » n'est pas une date AAAA-MM-JJ" in line
        for line in lines
    ), lines
    assert any(
        "confusions[1].names[1]" in line and "désigne le métier conseiller-social" in line
        for line in lines
    ), lines


def note(field: str, text: str) -> str:
    """An editorial note on *field*, as written under `editorial:`."""
    return f"  - field: {field}\n    note: {text}\n    date: 2026-11-30\n"


@pytest.mark.slow
def test_compare_shows_the_editorial_notes_of_every_rubric_it_shows(content_copy: Path) -> None:
    fields = ["salary", "environment.structures", "employers", "career", "related"]
    fields += ["confusions[1]", "confusions[2]"]
    notes = "".join(note(field, f"Marque{n}") for n, field in enumerate(fields))
    _edit(content_copy, "coordinateur-social", "editorial:\n", "editorial:\n" + notes)
    assert orientation("check", "--content", str(content_copy)).returncode == 0
    for extra in ((), ("--markdown",)):
        args = ("compare", "coordinateur-social", "cesf", *extra)
        result = orientation(*args, "--content", str(content_copy), columns=200)
        assert result.returncode == 0, result.stderr
        for n in range(len(fields)):
            assert f"Marque{n}" in result.stdout, fields[n]


@pytest.mark.slow
def test_an_editorial_note_on_a_zero_padded_rubric_is_refused(content_copy: Path) -> None:
    # « salary[01] » was accepted by check, then never shown: notes_on looks up « salary[1] ».
    _edit(
        content_copy,
        "coordinateur-social",
        "editorial:\n",
        "editorial:\n" + note("salary[01]", "X"),
    )
    result = orientation("check", "--content", str(content_copy))
    assert result.returncode == 1
    lines = (content_copy / "fiches" / "coordinateur-social.yaml").read_text("utf-8")
    line = lines.splitlines().index("editorial:") + 2  # the note's « field »
    assert f"coordinateur-social.yaml:{line}:12: champ « editorial[1].field » : « salary[01] »" in (
        result.stdout
    )


@pytest.mark.slow
def test_a_confusion_name_without_a_word_is_refused(content_copy: Path) -> None:
    # It normalised to "", and then `show ""` or `show "!!!"` said « ne pas confondre ».
    _edit(
        content_copy,
        "charge-de-missions-locales",
        "      - mission locale\n",
        "      - mission locale\n      - '!!!'\n",
    )
    result = orientation("check", "--content", str(content_copy))
    assert result.returncode == 1
    assert (
        "charge-de-missions-locales.yaml:28:9: champ « confusions[1].names[2] » : ce nom ne "
        "contient aucun mot à chercher"
    ) in result.stdout
    for query in ("", "!!!"):
        shown = orientation("show", query, "--content", str(content_copy))
        assert shown.returncode == 1
        assert "Ne pas confondre" not in shown.stderr


# --- Names for lookup only ------------------------------------------------------------


@pytest.mark.slow
def test_a_search_only_name_finds_the_fiche_and_is_never_shown(content_copy: Path) -> None:
    root = str(content_copy)
    _edit(
        content_copy,
        "coordinateur-social",
        "summary: >-\n",
        "search_only: [coordinatuer]\nsummary: >-\n",
    )
    shown = orientation("show", "coordinatuer", "--content", root)
    assert shown.returncode == 0
    assert "Coordinateur·rice social·e" in shown.stdout
    views = [
        shown.stdout,
        orientation("show", "coordinatuer", "--content", root, "--markdown").stdout,
        orientation("show", "coordinatuer", "--content", root, "--json").stdout,
        orientation("compare", "coordinatuer", "cesf", "--content", root).stdout,
        orientation("list", "--content", root).stdout,
    ]
    for view in views:
        assert "coordinatuer" not in view
    assert "coordinatuer" not in json.dumps(
        json.loads(orientation("show", "coordinateur-social", "--content", root, "--json").stdout)
    )


# --- Levels ---------------------------------------------------------------------------


MINIMAL = """\
slug: essai
title: Essai·e
summary: Un métier d'essai.
education:
  level:
    min: 3
    max: 5
    derived: nomenclature
    wording: niveaux I à II
tags:
  administratif: {weight: 3, why: Le cœur.}
sources:
  - {document: essai.txt, title: Essai}
"""


@pytest.mark.slow
def test_a_level_says_how_it_was_found(content_copy: Path) -> None:
    root = str(content_copy)
    path = content_copy / "fiches" / "essai.yaml"
    path.write_text(MINIMAL, "utf-8")
    assert orientation("check", root).returncode == 0, orientation("check", root).stdout
    out = " ".join(orientation("show", "essai", "--bref", "--content", root).stdout.split())
    assert "Bac +3 à bac +5 (la source dit « niveaux I à II », ancienne nomenclature)" in out
    path.write_text(
        MINIMAL.replace("nomenclature", "diplomas").replace("niveaux I à II", "post-bac"), "utf-8"
    )
    out = " ".join(orientation("show", "essai", "--bref", "--content", root).stdout.split())
    assert "Bac +3 à bac +5, d'après les diplômes cités (la source dit « post-bac »)" in out
    path.write_text(MINIMAL.replace("    derived: nomenclature\n", ""), "utf-8")
    out = " ".join(orientation("show", "essai", "--content", root).stdout.split())
    assert "Bac +3 à bac +5 (la source dit « niveaux I à II »)" in out
    assert "Non renseigné par la source : " in out


@pytest.mark.slow
def test_check_keeps_editorial_words_out_of_the_sources_rubrics(content_copy: Path) -> None:
    root = str(content_copy)
    path = content_copy / "fiches" / "essai.yaml"
    path.write_text(
        MINIMAL.replace(
            "summary: Un métier d'essai.",
            "summary: Un métier d'essai (NDLR, ajouté).\neditorial:\n"
            "  - field: education.level\n    note: Une note.\n    date: 2999-01-01",
        ),
        "utf-8",
    )
    result = orientation("check", root)
    assert result.returncode == 1
    said = result.stdout.splitlines()
    assert (
        f"{path}:3:29: « NDLR » dans « summary » : une note de la rédaction va dans "
        in " ".join(said)
    )
    assert any(
        line.startswith(f"{path}:7:11: note de la rédaction datée du 2999-01-01, une date à venir")
        for line in said
    ), said
    # In its own block, with a past date, the same note is fine.
    path.write_text(MINIMAL.replace("2999", "2026"), "utf-8")
    assert orientation("check", root).returncode == 0


@pytest.mark.slow
def test_check_finds_a_future_date_however_the_note_is_written(content_copy: Path) -> None:
    root = str(content_copy)
    path = content_copy / "fiches" / "essai.yaml"
    flow = "editorial:\n  - {field: education.level, note: Une note., date: 2999-01-01}\n"
    path.write_text(MINIMAL + flow, "utf-8")
    result = orientation("check", root)
    assert result.returncode == 1
    line = len(MINIMAL.splitlines()) + 2
    assert f"{path}:{line}:" in result.stdout
    assert "datée du 2999-01-01, une date à venir" in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("slug", ["coordinateur-social", "charge-de-missions-locales"])
def test_brief_fits_a_real_80_by_24_terminal(terminal: Terminal, slug: str) -> None:
    """In tmux, at 80×24: the whole of « L'essentiel », from the title's border to the
    command for the full fiche, is on screen at once, nothing scrolled away."""
    command = shlex.quote(str(ORIENTATION))
    terminal.start(f"TERM=xterm-256color {command} show {slug} --bref; read _")
    terminal.wait_for("La fiche complète")
    time.sleep(0.2)
    screen = terminal.screen()  # what is visible, without the history
    title = load_catalogue().find(slug).title
    assert screen.splitlines()[0].startswith(f"╭─ {title} ─"), screen
    assert f"La fiche complète : orientation show {slug}" in screen
    assert "Ne pas confondre" in screen
    assert "\x1b" not in screen


def test_fiches_stay_hashable() -> None:
    """Frozen content can key a dict or fill a set; the « brief » lines must not stop it."""
    fiches = load_catalogue(cache=False).fiches
    assert len({hash(f) for f in fiches}) == len(fiches)
    assert all(f.brief for f in fiches)  # each shipped fiche has its short lines
