"""Whose results (`quiz --nom/--classe`, asked when saving) and the class overview
(`orientation classe`), through the installed command and with real key sequences."""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Mapping
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from orientation import quiz
from orientation.cli import prompts
from orientation.content.catalogue import load_catalogue, load_questions
from orientation.errors import OrientationError
from orientation.results import evaluation, resultsfile
from orientation.results.outcome import Outcome
from tests.helpers import orientation

QUESTIONS = load_questions()
FICHES = {f.slug: f for f in load_catalogue().fiches}
SLUGS = sorted(FICHES)
FIRST_NAMES = ["Zoé", "Anaïs", "Joël", "Clémence", "Maëlle", "Hélène", "Loïc", "Noémie"]
PER_SLUG = 5  # named students whose answers favour each occupation
FLAT = 3  # students who answered « Neutre » to everything
UNNAMED = 2  # favour the first occupation, saved without a name


def answers_for(slug: str) -> dict[str, int | None]:
    """« Tout à fait » to the items of the fiche's strongest tags, « Pas du tout » elsewhere."""
    weights = FICHES[slug].weights
    strongest = {t for t, w in weights.items() if w == max(weights.values())}
    return {
        q.id: 5 if any(t in strongest and w == 2 for t, w in q.loads.items()) else 1
        for q in QUESTIONS
    }


def save(folder: Path, answers: Mapping[str, int | None], name: str, *options: str) -> Path:
    """A result saved by the real `orientation quiz --answers … --save …`."""
    given = folder.parent / "reponses" / f"{name}.json"
    given.parent.mkdir(exist_ok=True)
    given.write_text(json.dumps(answers), encoding="utf-8")
    target = folder / f"{name}.json"
    done = orientation("quiz", "--answers", str(given), "--save", str(target), *options)
    assert done.returncode == 0, done.stderr
    return target


@pytest.fixture(scope="module")
def classroom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 valid results (5 named students per occupation, 3 flat profiles, 2 without a
    name) and 3 broken files, in one folder."""
    folder = tmp_path_factory.mktemp("classe") / "2de-b"
    folder.mkdir()
    number = 0
    for slug in SLUGS:
        for _ in range(PER_SLUG):
            number += 1
            name = f"{FIRST_NAMES[number % len(FIRST_NAMES)]} Élève{number:02d}"
            save(
                folder, answers_for(slug), f"eleve-{number:02d}", "--nom", name, "--classe", "2de B"
            )
    for index in range(FLAT):
        neutral = dict.fromkeys((q.id for q in QUESTIONS), 3)
        save(folder, neutral, f"plat-{index}", "--nom", f"René Plat{index}")
    for index in range(UNNAMED):
        # Not quite the same answers: two results without a name saved in the same
        # second with the same answers would be one result saved twice.
        answers = answers_for(SLUGS[0])
        answers[QUESTIONS[index].id] = 3
        save(folder, answers, f"sans-nom-{index}")
    whole = (folder / "eleve-01.json").read_text(encoding="utf-8")
    (folder / "tronque.json").write_text(whole[: len(whole) // 2], encoding="utf-8")
    (folder / "vide.json").write_text("", encoding="utf-8")
    (folder / "progression.json").write_text(
        json.dumps({"format": "orientation-progress", "version": 1, "answers": {}}),
        encoding="utf-8",
    )
    return folder


BROKEN = {
    "progression.json": "c'est la progression d'un quiz en cours, pas un résultat",
    "tronque.json": "JSON invalide : fichier abîmé ou tronqué",
    "vide.json": "fichier vide",
}
VALID = len(SLUGS) * PER_SLUG + FLAT + UNNAMED


@pytest.mark.slow
def test_a_class_of_30_results_and_3_broken_files_is_counted_right(classroom: Path) -> None:
    assert VALID == 30
    done = orientation("classe", str(classroom), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["results"] == 30
    assert data["flat"] == FLAT
    firsts = {o["slug"]: o["first"] for o in data["occupations"]}
    expected = dict.fromkeys(SLUGS, PER_SLUG)
    expected[SLUGS[0]] += UNNAMED
    assert firsts == expected
    top_two = {o["slug"]: o["top_two"] for o in data["occupations"]}
    assert sum(top_two.values()) == 2 * (30 - FLAT)
    assert all(top_two[slug] >= firsts[slug] for slug in SLUGS)
    students = {s["file"].rsplit("/", 1)[-1]: s for s in data["students"]}
    assert students["eleve-01.json"]["name"] == "Anaïs Élève01"
    assert students["eleve-01.json"]["class"] == "2de B"
    assert students["eleve-01.json"]["closest"]["slug"] == SLUGS[0]
    assert students["plat-0.json"]["closest"] is None
    assert students["sans-nom-0.json"]["name"] is None
    # The mean profile: every tag measured, each between 1 and 5.
    assert set(data["profile"]) == {t.id for t in load_catalogue().tags}
    assert all(1 <= v <= 5 for v in data["profile"].values())
    unread = {u["file"].rsplit("/", 1)[-1]: u["reason"] for u in data["unread"]}
    assert set(unread) == set(BROKEN)
    for name, reason in BROKEN.items():
        assert reason in unread[name]


def squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("│", " ").split())


@pytest.mark.slow
@pytest.mark.parametrize("width", [40, 80, 200])
def test_the_terminal_view_lists_the_broken_files_last_with_their_reasons(
    classroom: Path, width: int
) -> None:
    done = orientation("classe", str(classroom), columns=width)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert max(len(line) for line in out.splitlines()) <= width
    said = squash(out)
    assert "30 résultats lus, 3 fichiers non lus (en fin de liste)." in said
    assert f"Profils plats : {FLAT} sur 30" in said
    assert "Classe : 2de B." in said
    assert "Les métiers les plus proches" in said
    assert "Les centres d'intérêt de la classe" in said
    # One row per student: the name when known, else the file's name.
    assert "Anaïs Élève01" in said
    assert "sans-nom-1.json" in said
    assert "pas de classement : « Profil peu différencié »" in said  # « Neutre » everywhere
    tail = said[said.index("Fichiers non lus") :]
    assert said.index("Fichiers non lus") > said.index("Les élèves")
    for name, reason in BROKEN.items():
        assert name in tail
        assert reason in tail
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_the_csv_opens_in_a_spreadsheet_with_its_accents(classroom: Path) -> None:
    done = orientation(
        "classe",
        str(classroom),
        "--csv",
        env={"LC_ALL": "C", "PYTHONIOENCODING": "ascii"},  # whatever the locale: UTF-8
        input=b"",  # bytes in, bytes out: the output as written
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("\ufeff".encode())  # the mark French Excel needs
    rows = list(csv.reader(io.StringIO(done.stdout.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:7] == [
        "Élève",
        "Classe",
        "Fichier",
        "Métier le plus proche",
        "Score",
        "Proximité",
        "Questions posées",
    ]
    assert {row[6] for row in rows[1:]} == {str(len(QUESTIONS))}  # every quiz complete
    assert len(rows) == 1 + 30
    assert all(len(row) == len(rows[0]) for row in rows)
    names = {row[0] for row in rows[1:]}
    assert {"Anaïs Élève01", "Clémence Élève03", ""} <= names
    titles = {row[3] for row in rows[1:]}
    assert FICHES["coordinateur-social"].title in titles  # « Coordinateur·rice social·e »
    interests = [n for n, title in enumerate(rows[0]) if title.startswith("Intérêt : ")]
    decimals = [row[n] for row in rows[1:] for n in interests if row[n]]
    assert decimals
    assert all("," in d and "." not in d for d in decimals)
    err = done.stderr.decode("utf-8")
    for name in BROKEN:
        assert name in err


@pytest.mark.slow
def test_markdown_is_the_same_overview(classroom: Path) -> None:
    done = orientation("classe", str(classroom), "--markdown")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Vue d'ensemble de la classe\n")
    assert "## Fichiers non lus" in done.stdout
    assert "- **Anaïs Élève01**\u00a0:" in done.stdout  # French spacing, as on screen


def test_a_formula_like_name_stays_text_in_the_csv(tmp_path: Path) -> None:
    saved = save(tmp_path, answers_for(SLUGS[1]), "x", "--nom", "=1+1")
    done = orientation("classe", str(saved), "--csv", input=b"")  # the bytes as written
    rows = list(csv.reader(io.StringIO(done.stdout.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == "'=1+1"


@pytest.mark.slow
def test_exit_1_when_no_file_could_be_read(classroom: Path, tmp_path: Path) -> None:
    broken = [str(classroom / name) for name in BROKEN]
    done = orientation("classe", *broken)
    assert done.returncode == 1
    assert "Aucun résultat lu, 3 fichiers non lus" in squash(done.stdout)
    assert "aucun résultat n'a pu être lu" in done.stderr
    empty = tmp_path / "vide"
    empty.mkdir()
    done = orientation("classe", str(empty))
    assert done.returncode == 1
    assert "dossier sans fichier .json" in squash(done.stdout)
    done = orientation("classe", str(tmp_path / "absent"))
    assert done.returncode == 1
    assert "fichier ou dossier introuvable" in squash(done.stdout)


@pytest.mark.slow
def test_files_one_by_one_and_one_format_at_a_time(classroom: Path) -> None:
    done = orientation(
        "classe", str(classroom / "eleve-01.json"), str(classroom / "vide.json"), "--json"
    )
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert (data["results"], len(data["unread"])) == (1, 1)
    done = orientation("classe", str(classroom), "--csv", "--json")
    assert done.returncode == 2
    assert "choisir --json ou --csv, pas les deux." in done.stderr


@pytest.mark.slow
def test_older_results_files_are_still_read(classroom: Path, tmp_path: Path) -> None:
    """Versions 1 and 2 of the results file hold no name or class."""
    document = json.loads((classroom / "eleve-02.json").read_text(encoding="utf-8"))
    for version in (1, 2):
        old = {k: v for k, v in document.items() if k not in ("name", "class")}
        old["version"] = version
        (tmp_path / f"v{version}.json").write_text(json.dumps(old), encoding="utf-8")
        shown = orientation("report", str(tmp_path / f"v{version}.json"))
        assert shown.returncode == 0, shown.stderr
        assert "Élève" not in shown.stdout
    done = orientation("classe", str(tmp_path), "--json")
    data = json.loads(done.stdout)
    assert (data["results"], data["unread"]) == (2, [])
    assert {s["name"] for s in data["students"]} == {None}


@pytest.mark.slow
def test_a_thousand_files_are_read_quickly(classroom: Path, tmp_path: Path) -> None:
    """Measured and printed (the target is under 2 s), not asserted: the machine varies."""
    document = json.loads((classroom / "eleve-07.json").read_text(encoding="utf-8"))
    folder = tmp_path / "mille"
    folder.mkdir()
    ids = list(document["answers"])
    for number in range(1000):
        document["answers"] = {q: (number * 7 + i) % 5 + 1 for i, q in enumerate(ids)}
        document["name"] = f"Élève {number:04d}"
        (folder / f"e{number:04d}.json").write_text(json.dumps(document), encoding="utf-8")
    for option in ("--json", "--csv"):
        start = time.perf_counter()
        done = orientation("classe", str(folder), option)
        took = time.perf_counter() - start
        assert done.returncode == 0
        print(f"classe {option} on 1000 files: {took:.2f} s")
    assert json.loads(orientation("classe", str(folder), "--json").stdout)["results"] == 1000


# --- Whose results ------------------------------------------------------------------


@pytest.mark.slow
def test_nom_and_classe_are_saved_and_shown_by_report(tmp_path: Path) -> None:
    saved = save(tmp_path, answers_for(SLUGS[2]), "r", "--nom", " Zoé Lefèvre ", "--classe", "1re")
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert document["version"] == 4
    assert (document["name"], document["class"]) == ("Zoé Lefèvre", "1re")
    shown = orientation("report", str(saved))
    assert "Élève : Zoé Lefèvre · Classe : 1re." in squash(shown.stdout)
    data = json.loads(orientation("report", str(saved), "--json").stdout)
    assert (data["name"], data["class"]) == ("Zoé Lefèvre", "1re")
    markdown = orientation("report", str(saved), "--markdown").stdout
    assert "Élève\u00a0: Zoé Lefèvre · Classe\u00a0: 1re." in markdown


@pytest.mark.slow
@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--nom", "Léa\tMartin", "--nom : caractère de contrôle ou invisible (U+0009)"),
        ("--classe", "2de\nB", "--classe : caractère de contrôle ou invisible (U+000A)"),
        ("--nom", "x" * 61, "--nom : trop long (61 caractères, 60 au plus)"),
        ("--nom", "a\u202eb", "(U+202E)"),
    ],
)
def test_a_name_or_class_that_is_not_one_line_is_refused(
    tmp_path: Path, option: str, value: str, said: str
) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps(answers_for(SLUGS[0])), encoding="utf-8")
    done = orientation(
        "quiz", "--answers", str(answers), "--save", str(tmp_path / "r.json"), option, value
    )
    assert done.returncode == 2
    assert said in squash(done.stderr)
    assert not (tmp_path / "r.json").exists()


@pytest.mark.slow
def test_a_saved_name_with_an_escape_sequence_is_refused_with_its_line(tmp_path: Path) -> None:
    saved = save(tmp_path, answers_for(SLUGS[0]), "r", "--nom", "Léa")
    document = json.loads(saved.read_text(encoding="utf-8"))
    document["name"] = "\x1b[2J"
    saved.write_text(json.dumps(document, indent=2), encoding="utf-8")
    done = orientation("report", str(saved))
    assert done.returncode == 1
    assert "« name » (nom de l'élève) invalide : caractère de contrôle" in squash(done.stderr)
    assert "\x1b" not in done.stdout + done.stderr
    listed = orientation("classe", str(saved), str(saved.with_name("absent.json")))
    assert listed.returncode == 1
    assert "« name » (nom de l'élève) invalide" in squash(listed.stdout)


# --- Asked when the results are kept: real keys -------------------------------------

ENTER, CTRL_C, BACKSPACE = "\r", "\x03", "\x7f"


def outcome(name: str | None = None) -> Outcome:
    date = "2026-11-30T10:00:00+01:00"
    return evaluation.evaluate(
        answers_for(SLUGS[0]), load_catalogue(), QUESTIONS, date=date, name=name
    )


def keep_with_keys(keys: str, name: str | None = None) -> dict[str, object]:
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        with create_app_session(input=pipe, output=DummyOutput()):
            path = quiz.offer_to_keep(outcome(name), prompts.ArrowPrompter(), details=lambda: None)
    assert path is not None
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_arrow_keys_keep_then_name_typed_and_class_left_empty(in_tmp: Path) -> None:
    data = keep_with_keys(ENTER + "Léa Martin" + ENTER + ENTER)
    assert (data["name"], data["class"]) == ("Léa Martin", None)
    assert (in_tmp / "resultats-2026-11-30.json").exists()


def test_a_name_given_as_option_is_not_asked_again(in_tmp: Path) -> None:
    data = keep_with_keys(ENTER + "2de B" + ENTER, name="Joël")
    assert (data["name"], data["class"]) == ("Joël", "2de B")


def test_a_name_too_long_is_refused_then_corrected(in_tmp: Path) -> None:
    typed = "x" * 61
    data = keep_with_keys(ENTER + typed + ENTER + BACKSPACE * 61 + "Noé" + ENTER + ENTER)
    assert data["name"] == "Noé"


def test_ctrl_c_at_the_name_saves_nothing(in_tmp: Path) -> None:
    with pytest.raises(KeyboardInterrupt):
        keep_with_keys(ENTER + "Lé" + CTRL_C)
    assert not list(in_tmp.iterdir())


def test_plain_prompts_ask_whose_results_line_by_line(in_tmp: Path) -> None:
    replies = io.StringIO("1\nLéa\x1b[31m\nLéa Martin\n2de B\n")
    shown = io.StringIO()
    prompter = prompts.PlainPrompter(replies, shown)
    path = quiz.offer_to_keep(outcome(), prompter, details=lambda: None)
    assert path is not None
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["name"], data["class"]) == ("Léa Martin", "2de B")
    said = shown.getvalue()
    assert "Votre nom, pour qui lira ces résultats ? (facultatif, Entrée pour passer) :" in said
    assert "Refusé : caractère de contrôle ou invisible (U+001B)" in said
    assert "\x1b" not in said


@pytest.mark.slow  # the classroom: 33 results saved by the installed command
def test_storage_reads_a_saved_result_the_quick_way_as_the_located_way(classroom: Path) -> None:
    for path in sorted(classroom.glob("*.json")):
        try:
            slow = resultsfile.read_answers(path, QUESTIONS, results_only=True)
        except OrientationError as exc:
            with pytest.raises(type(exc)):
                resultsfile.read_result(path, QUESTIONS)
            continue
        assert resultsfile.read_result(path, QUESTIONS) == slow


@pytest.mark.slow
def test_the_help_is_french() -> None:
    done = orientation("classe", "--help")
    assert "Lire ensemble les résultats d'une classe" in squash(done.stdout)
    assert "--csv" in done.stdout
    quiz_help = squash(orientation("quiz", "--help").stdout)
    assert "Le nom de l'élève" in quiz_help
    assert "La classe de l'élève" in quiz_help


# --- The class handout in a real browser ---------------------------------------------


@pytest.mark.slow
def test_the_class_handout_prints_its_summary_on_page_one_with_svg_charts(
    classroom: Path, tmp_path: Path
) -> None:
    from tests.test_html import OUTSIDE, chromium, pages, printed, read

    done = orientation("classe", str(classroom), "--html")
    assert done.returncode == 0, done.stderr
    page = done.stdout
    for outside in OUTSIDE:
        assert outside not in page, outside
    # One chart per occupation (how many have it first) and per tag (the class's mean).
    tags = len(load_catalogue().tags)
    assert page.count("<svg") == len(SLUGS) + tags
    assert page.count('role="img"') == len(SLUGS) + tags
    written = tmp_path / "classe.html"
    written.write_text(page, encoding="utf-8")
    pdf = printed(written)
    count = pages(pdf)
    first = read(pdf, 1)
    assert first.startswith("Document personnel – confidentiel · établi le ")
    assert "Vue d'ensemble de la classe" in first
    assert "30 résultats lus, 3 fichiers non lus (en fin de liste)." in first
    assert "Les métiers les plus proches" in first
    for slug in SLUGS:
        assert " ".join(FICHES[slug].title.split()) in first
    whole = read(pdf, 1, count)
    assert "Anaïs Élève01" in whole
    assert whole.rfind("Fichiers non lus") > whole.rfind("Anaïs Élève01")
    for name in BROKEN:
        assert name in whole
    png = tmp_path / "classe.png"
    chromium(written, "--hide-scrollbars", "--window-size=390,844", f"--screenshot={png}")
    assert png.stat().st_size > 0


@pytest.mark.slow
def test_a_quiz_that_stopped_early_says_how_many_questions_it_asked(tmp_path: Path) -> None:
    """A counsellor sees that a result rests on fewer answers than the bank holds."""
    folder = tmp_path / "2de-c"
    folder.mkdir()
    whole = save(folder, answers_for(SLUGS[1]), "lea", "--nom", "Léa")
    data = json.loads(whole.read_text(encoding="utf-8"))
    unasked = [q.id for q in QUESTIONS[20:]]
    data["answers"] = {q: a for q, a in data["answers"].items() if q not in unasked}
    data.update(asked=20, stopped="settled", unasked=unasked)
    whole.write_text(json.dumps(data), encoding="utf-8")
    save(folder, answers_for(SLUGS[2]), "tom", "--nom", "Tom")
    # Léa's answers also lack a question of today's bank: one added since she took the
    # quiz, never asked either. It counts neither as asked nor as unasked.
    data["answers"].pop(QUESTIONS[0].id)
    whole.write_text(json.dumps(data), encoding="utf-8")
    said = squash(orientation("classe", str(folder)).stdout)
    assert f"Léa • 1er : {FICHES[SLUGS[1]].title}" in said
    assert f"lea.json · 19 questions posées sur {len(QUESTIONS)}" in said
    assert "tom.json · " not in said  # a whole quiz: nothing to say
    students = {
        s["name"]: s
        for s in json.loads(orientation("classe", str(folder), "--json").stdout)["students"]
    }
    assert (students["Léa"]["asked"], students["Tom"]["asked"]) == (19, len(QUESTIONS))
    report = json.loads(orientation("report", str(whole), "--json").stdout)
    assert report["asked"] == 19
    assert "19 questions posées sur 29" in squash(orientation("report", str(whole)).stdout)


def test_answers_that_do_not_hang_together_get_no_job_in_the_class(tmp_path: Path) -> None:
    """A student who clicked at random is told « réponses peu cohérentes » by `report`:
    the class view says the same, and does not count a job for them."""
    import random

    from orientation.results import classroom
    from orientation.results.resultsfile import results_data
    from orientation.scoring import rank_matches
    from orientation.views import classview
    from orientation.writers.csv import class_csv

    loads = {q.id: q.loads for q in QUESTIONS}
    weights = {slug: fiche.weights for slug, fiche in FICHES.items()}
    rng = random.Random(0)
    while True:  # a random sheet the quiz calls « peu cohérentes »
        random_sheet: dict[str, int | None] = {q.id: rng.randint(1, 5) for q in QUESTIONS}
        if not rank_matches(loads, weights, random_sheet).consistent:
            break
    folder = tmp_path / "classe"
    folder.mkdir()
    for name, answers in (("Au hasard", random_sheet), ("Léa", answers_for(SLUGS[0]))):
        scored = evaluation.evaluate(answers, load_catalogue(), QUESTIONS, name=name)
        (folder / f"{name}.json").write_text(
            json.dumps(results_data(scored, saved=True)), encoding="utf-8"
        )
    overview = classroom.read_class([folder], load_catalogue())
    assert overview.inconsistent == 1
    assert sum(overview.firsts().values()) == 1  # Léa's job only
    headline = " ".join(classview.headline(overview))
    assert "Réponses peu cohérentes\u00a0: 1 sur 2" in headline
    hasard = next(s for s in overview.students if s.name == "Au hasard")
    assert hasard.closest is None
    assert classview.closest_words(overview, hasard) == classview.INCONSISTENT_ROW
    assert classview.class_data(overview)["inconsistent"] == 1
    assert classview.INCONSISTENT_ROW in class_csv(overview)
