"""The class view a class council uses (`orientation classe`, issue 28 part 7): students
in name order with their first two occupations, the students to see first and why,
results saved twice, the kinds of flat profile, and « confidentiel » in every format."""

from __future__ import annotations

import csv
import datetime
import io
import json
import random
from collections.abc import Mapping
from pathlib import Path

import pytest

from orientation.content.catalogue import load_catalogue, load_questions
from orientation.output import long_date
from orientation.results import classroom, evaluation
from orientation.results.outcome import band_label
from orientation.results.resultsfile import results_data
from orientation.scoring import rank_matches
from orientation.views import classview
from orientation.views.results import FLAT_TEXTS
from tests.helpers import invoke, orientation

QUESTIONS = load_questions()
CATALOGUE = load_catalogue()
FICHES = {f.slug: f for f in CATALOGUE.fiches}
SLUGS = sorted(FICHES)
LOADS = {q.id: q.loads for q in QUESTIONS}
WEIGHTS = {slug: f.weights for slug, f in FICHES.items()}
DATE = "2026-11-30T10:00:00+01:00"

Answers = Mapping[str, int | None]


def answers_for(slug: str) -> dict[str, int | None]:
    """« Tout à fait » to the items of the fiche's strongest tags, « Pas du tout » elsewhere."""
    weights = FICHES[slug].weights
    strongest = {t for t, w in weights.items() if w == max(weights.values())}
    return {
        q.id: 5 if any(t in strongest and w == 2 for t, w in q.loads.items()) else 1
        for q in QUESTIONS
    }


def varied(slug: str, number: int) -> dict[str, int | None]:
    """answers_for(slug), one answer changed: another sheet with the same first job."""
    answers = answers_for(slug)
    question = QUESTIONS[number % len(QUESTIONS)].id
    answers[question] = 2 if answers[question] == 1 else 4
    return answers


def found(wanted: str, seed: int = 0) -> dict[str, int | None]:
    """A sheet the scoring calls *wanted*: 'near-tie' (ranked, first two not told apart)
    or 'inconsistent' (answers that do not hang together)."""
    rng = random.Random(seed)
    while True:
        if wanted == "near-tie":
            a, b = rng.sample(SLUGS, 2)
            one, two = answers_for(a), answers_for(b)
            sheet: dict[str, int | None] = {
                q: rng.choice((one[q], two[q], rng.randint(1, 5))) for q in one
            }
        else:
            sheet = {q.id: rng.randint(1, 5) for q in QUESTIONS}
        result = rank_matches(LOADS, WEIGHTS, sheet)
        if wanted == "near-tie" and result.ranked and result.near_tie:
            return sheet
        if wanted == "inconsistent" and not result.consistent:
            return sheet


def keep(
    folder: Path,
    file: str,
    answers: Answers,
    name: str | None = None,
    *,
    date: str = DATE,
    unasked: tuple[str, ...] = (),
) -> Path:
    """A result saved as `quiz --save` writes it (*unasked*: the quiz stopped before)."""
    asked = {q: a for q, a in answers.items() if q not in unasked}
    scored = evaluation.evaluate(
        asked, CATALOGUE, QUESTIONS, date=date, name=name, group="2de B", unasked=unasked
    )
    path = folder / file
    path.write_text(json.dumps(results_data(scored, saved=True)), encoding="utf-8")
    return path


def squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("│", " ").split())


def csv_rows(out: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(out.removeprefix("\ufeff")), delimiter=";"))


# --- 1. Sorted by name ---------------------------------------------------------------

# As written, in a file order that is not the names' (f1, f10, f2…).
NAMES = ["zoé", "Émile", "Elodie", "élève 10", "Élève 2", "Œdipe", "Odile", "anaïs", "ANAÏS"]
SORTED = ["ANAÏS", "anaïs", "Élève 2", "élève 10", "Elodie", "Émile", "Odile", "Œdipe", "zoé"]


@pytest.fixture
def named(tmp_path: Path) -> Path:
    """Nine named students (two « Anaïs », told apart by their files), and two results
    without a name whose files sort by number: eleve2 before eleve10."""
    folder = tmp_path / "2de-b"
    folder.mkdir()
    for number, name in enumerate(NAMES, 1):
        file = "b.json" if name == "anaïs" else "a.json" if name == "ANAÏS" else f"f{number}.json"
        keep(folder, file, varied(SLUGS[number % len(SLUGS)], number), name)
    keep(folder, "eleve10.json", varied(SLUGS[0], 40))
    keep(folder, "eleve2.json", varied(SLUGS[1], 41))
    return folder


def test_students_are_sorted_by_name_capitals_accents_and_numbers_aside(named: Path) -> None:
    overview = classroom.read_class([named], CATALOGUE)
    assert [s.label for s in overview.students] == [*SORTED, "eleve2.json", "eleve10.json"]
    # The same name (capitals aside): by file name, a.json first.
    assert [s.path.name for s in overview.students[:2]] == ["a.json", "b.json"]
    code, out, _ = invoke("classe", str(named), "--json")
    assert code == 0
    listed = json.loads(out)["students"]
    assert [s["name"] for s in listed] == [*SORTED, None, None]
    assert [Path(s["file"]).name for s in listed[-2:]] == ["eleve2.json", "eleve10.json"]
    code, out, _ = invoke("classe", str(named), "--csv")
    assert [row[0] for row in csv_rows(out)[1:]] == [*SORTED, "", ""]
    code, out, _ = invoke("classe", str(named), columns=80)
    said = squash(out[out.index("Les élèves") :])
    places = [said.index(f" {name} ") for name in ("Élève 2", "élève 10", "Elodie", "Œdipe")]
    assert places == sorted(places)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Élise", "elie", "Eliott"], ["elie", "Eliott", "Élise"]),
        (["groupe 10", "groupe 9", "Groupe 1"], ["Groupe 1", "groupe 9", "groupe 10"]),
        # The same folded name: as written, to be the same every time.
        (["lea martin", "Léa  Martin", "Lea Marti"], ["Lea Marti", "Léa  Martin", "lea martin"]),
        (["Æsa", "Adèle", "Aeron"], ["Adèle", "Aeron", "Æsa"]),
    ],
)
def test_the_sort_key_folds_capitals_accents_ligatures_and_reads_numbers(
    names: list[str], expected: list[str]
) -> None:
    assert sorted(names, key=classroom.sort_key) == expected


# --- 2. The first two jobs -----------------------------------------------------------


def test_each_student_shows_the_first_two_jobs_with_their_scores(tmp_path: Path) -> None:
    keep(tmp_path, "lea.json", answers_for(SLUGS[2]), "Léa")
    result = rank_matches(LOADS, WEIGHTS, answers_for(SLUGS[2]))
    first, second = result.matches[:2]
    overview = classroom.read_class([tmp_path], CATALOGUE)
    (lea,) = overview.students
    assert [m.slug for m in lea.first_two] == [first.slug, second.slug]
    words = [classview.job_words(overview, m) for m in (first, second)]
    assert words[1] == f"{FICHES[second.slug].title}, {second.score}/100 " + (
        band_label(second.score, second.low)
    )
    said = squash(invoke("classe", str(tmp_path), columns=80)[1])
    assert f"1er : {words[0]}" in said
    assert f"2e : {words[1]}" in said
    student = json.loads(invoke("classe", str(tmp_path), "--json")[1])["students"][0]
    assert student["closest"]["slug"] == first.slug
    assert student["second"] == {
        "slug": second.slug,
        "title": FICHES[second.slug].title,
        "score": second.score,
        "band": second.band,
        "band_label": band_label(second.score, second.low),
    }
    header, row = csv_rows(invoke("classe", str(tmp_path), "--csv")[1])
    cells = dict(zip(header, row, strict=True))
    assert cells["Deuxième métier"] == FICHES[second.slug].title
    assert cells["Score du deuxième"] == str(second.score)
    assert cells["Proximité du deuxième"] == band_label(second.score, second.low)


# --- 3. À voir en priorité -----------------------------------------------------------


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """One student for each reason to be seen first, and two clear results."""
    folder = tmp_path / "2de-b"
    folder.mkdir()
    unasked = tuple(q.id for q in QUESTIONS[18:])
    for file, answers, name, stopped in (
        ("a.json", answers_for(SLUGS[0]), "Claire Nette", ()),
        ("b.json", found("near-tie"), "Égalité Presque", ()),
        ("c.json", found("inconsistent"), "Hasard Total", ()),
        ("d.json", dict.fromkeys(LOADS, 5), "Tout Oui", ()),
        ("e.json", dict.fromkeys(LOADS, 1), "Tout Non", ()),
        ("f.json", dict.fromkeys(LOADS, 3), "Neutre Partout", ()),
        ("g.json", {q: (5 if n < 2 else None) for n, q in enumerate(LOADS)}, "Sais Pas", ()),
        ("h.json", answers_for(SLUGS[1]), "Arrêt Tôt", unasked),
        ("i.json", answers_for(SLUGS[3]), "Autre Nette", ()),
    ):
        keep(folder, file, answers, name, unasked=stopped)
    return folder


def test_the_students_to_see_first_come_with_their_reasons_most_serious_first(
    mixed: Path,
) -> None:
    overview = classroom.read_class([mixed], CATALOGUE)
    concerns = {s.name: s.concerns for s in overview.priority()}
    assert concerns == {
        "Hasard Total": ("inconsistent",),
        "Sais Pas": ("flat-few",),
        "Tout Oui": ("flat-high",),
        "Tout Non": ("flat-low",),
        "Neutre Partout": ("flat-middle",),
        "Égalité Presque": ("near-tie",),
        "Arrêt Tôt": ("stopped-early",),
    }
    assert list(concerns) == [s.name for s in overview.priority()]  # in that order
    said = squash(invoke("classe", str(mixed), columns=80)[1])
    part = said[said.index("À voir en priorité") : said.index("Les centres d'intérêt")]
    for words in (
        "Hasard Total « Réponses peu cohérentes » : des réponses qui se contredisent",
        "Tout Oui « Tout vous attire » : oui à presque tout",
        "Tout Non « Ces activités vous attirent peu » : non à presque tout",
        "Neutre Partout « Profil peu différencié » : des réponses qui se valent",
        "Sais Pas « Trop peu de réponses » : trop de « Je ne sais pas »",
        "Égalité Presque résultat « à confirmer » : ses réponses ne départagent pas",
        "Quiz arrêtés avant la fin 1 élève, questions posées sur "
        f"{len(QUESTIONS)} : Arrêt Tôt (18)",
    ):
        assert words in part, words
    assert "Claire Nette" not in part
    assert "Autre Nette" not in part
    priority = json.loads(invoke("classe", str(mixed), "--json")[1])["priority"]
    assert [(p["name"], [r["reason"] for r in p["reasons"]]) for p in priority] == [
        (name, list(reasons)) for name, reasons in concerns.items()
    ]
    assert priority[-1]["reasons"][0]["words"].startswith("quiz arrêté avant la fin (18 ")
    rows = {row[0]: row for row in csv_rows(invoke("classe", str(mixed), "--csv")[1])}
    column = rows["Élève"].index("À voir en priorité")
    assert rows["Tout Oui"][column].startswith("« Tout vous attire »")
    assert rows["Claire Nette"][column] == ""


def test_a_student_with_several_reasons_has_them_all_in_one_row(tmp_path: Path) -> None:
    unasked = {q.id for q in QUESTIONS[20:]}
    rng = random.Random(0)
    while True:  # answers to the first 20 questions that do not hang together
        sheet: dict[str, int | None] = {q.id: rng.randint(1, 5) for q in QUESTIONS[:20]}
        if not rank_matches(LOADS, WEIGHTS, sheet).consistent:
            break
    keep(tmp_path, "x.json", sheet, "Deux Raisons", unasked=tuple(sorted(unasked)))
    overview = classroom.read_class([tmp_path], CATALOGUE)
    (student,) = overview.priority()
    assert student.concerns == ("inconsistent", "stopped-early")
    (part,) = [p for p in classview.class_parts(overview) if p.heading == "À voir en priorité"]
    (row,) = part.labelled  # not in the row of the quizzes stopped early: a row of its own
    assert row.label == "Deux Raisons"
    assert row.values[0].startswith("« Réponses peu cohérentes »")
    assert row.values[1] == (
        f"quiz arrêté avant la fin (20 questions posées sur {len(QUESTIONS)}) : le profil "
        "repose sur moins de réponses"
    )


def test_the_near_tie_is_read_in_one_place(mixed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 27 §4 decides how a near tie is told: the class view reads it through
    classroom.Student.near_tie alone, so that rewiring it there rewires every format."""
    monkeypatch.setattr(classroom.Student, "near_tie", property(lambda s: s.closest is not None))
    overview = classroom.read_class([mixed], CATALOGUE)
    tied = {s.name for s in overview.priority() if "near-tie" in s.concerns}
    assert tied == {"Claire Nette", "Égalité Presque", "Arrêt Tôt", "Autre Nette"}
    data = classview.class_data(overview)
    assert all(s["near_tie"] for s in data["students"] if s["closest"])
    monkeypatch.setattr(classroom.Student, "near_tie", property(lambda s: False))
    overview = classroom.read_class([mixed], CATALOGUE)
    assert not [s for s in overview.priority() if "near-tie" in s.concerns]


# --- 4. Results saved twice ----------------------------------------------------------


@pytest.fixture
def doubled(tmp_path: Path) -> Path:
    folder = tmp_path / "2de-c"
    folder.mkdir()
    keep(folder, "lea.json", answers_for(SLUGS[0]), "Léa Martin")
    # The same answers and name, capitals and accents aside, another day: saved twice.
    keep(folder, "lea-copie.json", answers_for(SLUGS[0]), "lea  MARTIN", date="2026-12-01")
    # The same answers under another name: a possible copy, counted.
    keep(folder, "tom.json", answers_for(SLUGS[0]), "Tom")
    keep(folder, "zoe.json", answers_for(SLUGS[1]), "Zoé")
    # « Neutre » everywhere under two names: students do answer so, no copy.
    keep(folder, "n1.json", dict.fromkeys(LOADS, 3), "Nour")
    keep(folder, "n2.json", dict.fromkeys(LOADS, 3), "Noé")
    # Without a name: the same date is the same file copied; another date, maybe not.
    keep(folder, "anonyme.json", answers_for(SLUGS[2]))
    keep(folder, "anonyme (1).json", answers_for(SLUGS[2]))
    keep(folder, "autre.json", answers_for(SLUGS[2]), date="2026-12-02T09:00:00+01:00")
    return folder


def test_a_result_saved_twice_is_listed_and_counted_once(doubled: Path) -> None:
    overview = classroom.read_class([doubled], CATALOGUE)
    assert overview.read == 9
    assert len(overview.students) == 7
    twice = {d.kept.path.name: [s.path.name for s in d.again] for d in overview.duplicates}
    assert twice == {"lea.json": ["lea-copie.json"], "anonyme.json": ["anonyme (1).json"]}
    # Léa once, Tom, and anonyme.json and autre.json: four with SLUGS[0] or SLUGS[2] first.
    firsts = overview.firsts()
    assert (firsts[SLUGS[0]], firsts[SLUGS[1]], firsts[SLUGS[2]]) == (2, 1, 2)
    copies = [[s.path.name for s in group] for group in overview.copies]
    assert copies == [["lea.json", "tom.json"], ["anonyme.json", "autre.json"]]
    said = squash(invoke("classe", str(doubled), columns=80)[1])
    assert "9 résultats lus (2 en double, comptés une fois)." in said
    assert "Mêmes réponses sous des noms différents : 2 groupes (copies possibles" in said
    doubles = said[said.index("Résultats en double") : said.index("Copies possibles")]
    assert "Léa Martin lea.json et lea-copie.json : même résultat, compté une fois" in doubles
    assert "anonyme.json anonyme.json et anonyme (1).json : même résultat" in doubles
    copied = said[said.index("Copies possibles") :]
    assert "Léa Martin mêmes réponses que Tom (tom.json)" in copied
    assert "anonyme.json mêmes réponses que autre.json" in copied
    assert "Nour" not in copied
    data = json.loads(invoke("classe", str(doubled), "--json")[1])
    assert (data["results"], data["counted"], len(data["students"])) == (9, 7, 7)
    assert [(Path(d["file"]).name, d["name"], [Path(f).name for f in d["again"]])
            for d in data["duplicates"]] == [
        ("lea.json", "Léa Martin", ["lea-copie.json"]),
        ("anonyme.json", None, ["anonyme (1).json"]),
    ]  # fmt: skip
    assert [[s["name"] for s in group] for group in data["copies"]] == [
        ["Léa Martin", "Tom"],
        [None, None],
    ]
    done = orientation("classe", ".", "--csv", input="", cwd=doubled)
    rows = csv_rows(done.stdout)
    assert len(rows) == 1 + 7  # one row per student
    assert "lea-copie.json" not in done.stdout
    assert "En double : lea-copie.json : même résultat que lea.json, compté une fois" in squash(
        done.stderr
    )
    same = {row[2]: row[rows[0].index("Mêmes réponses que")] for row in rows[1:]}
    assert same["lea.json"] == "Tom (tom.json)"
    assert same["tom.json"] == "Léa Martin (lea.json)"
    assert same["zoe.json"] == ""


# --- 5. The kinds of flat profile ----------------------------------------------------


def test_the_flat_kinds_are_told_apart_in_the_words_of_the_student_s_results(
    mixed: Path,
) -> None:
    for kind, words in classview.FLAT_KINDS.items():
        assert FLAT_TEXTS[kind][0].startswith(words), kind
    assert FLAT_TEXTS["inconsistent"][0].startswith(classview.INCONSISTENT)
    said = squash(invoke("classe", str(mixed), columns=80)[1])
    assert (
        "Profils plats : 4 sur 9, dont 1 « Trop peu de réponses », 1 « Tout vous attire », "
        "1 « Ces activités vous attirent peu » et 1 « Profil peu différencié »"
    ) in said
    students = said[said.index("Les élèves") :]
    for name, kind in (
        ("Tout Oui", "Tout vous attire"),
        ("Tout Non", "Ces activités vous attirent peu"),
        ("Neutre Partout", "Profil peu différencié"),
        ("Sais Pas", "Trop peu de réponses"),
        ("Hasard Total", "Réponses peu cohérentes"),
    ):
        assert f"{name} pas de classement : « {kind} »" in students
    assert "profil plat" not in said
    data = json.loads(invoke("classe", str(mixed), "--json")[1])
    assert data["flat_levels"] == {"few": 1, "high": 1, "low": 1, "middle": 1}
    kinds = {s["name"]: s["unranked"] for s in data["students"]}
    assert (kinds["Tout Oui"], kinds["Neutre Partout"], kinds["Hasard Total"]) == (
        "high",
        "middle",
        "inconsistent",
    )
    assert kinds["Claire Nette"] is None


# --- 6. Confidential -----------------------------------------------------------------


def today_mark() -> tuple[str, ...]:
    """The mark as made today, or yesterday for a run that straddles midnight."""
    today = datetime.date.today()
    days = (today, today - datetime.timedelta(days=1))
    return tuple(
        squash(f"Document personnel – confidentiel · établi le {long_date(d.isoformat())}")
        for d in days
    )


def test_the_screen_and_markdown_say_confidential_with_the_date(named: Path) -> None:
    out = invoke("classe", str(named), columns=80)[1]
    assert squash(out.splitlines()[1]) in today_mark()
    markdown = invoke("classe", str(named), "--markdown")[1]
    lines = markdown.splitlines()
    assert lines[0] == "# Vue d'ensemble de la classe"
    assert squash(lines[2].strip("*")) in today_mark()


def test_the_csv_says_confidential_in_its_last_column_and_keeps_its_header_first(
    named: Path,
) -> None:
    out = invoke("classe", str(named), "--csv")[1]
    rows = csv_rows(out)
    assert rows[0][0] == "Élève"  # the header is the first row: nothing before it
    assert rows[0][-1] == "Diffusion"
    assert {row[-1] for row in rows[1:]} == {"Document personnel – confidentiel"}
    assert all(len(row) == len(rows[0]) for row in rows)
    read = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff")), delimiter=";"))
    assert read[0]["Élève"] == SORTED[0]
    assert read[0]["Diffusion"] == "Document personnel – confidentiel"


@pytest.mark.slow
def test_the_printed_class_says_confidential_and_its_date_at_the_top_and_the_foot(
    mixed: Path, tmp_path: Path
) -> None:
    from tests.test_html import pages, printed, read

    done = orientation("classe", str(mixed), "--html")
    assert done.returncode == 0, done.stderr
    page = tmp_path / "classe.html"
    page.write_text(done.stdout, encoding="utf-8")
    pdf = printed(page)
    count = pages(pdf)
    first, last = squash(read(pdf, 1)), squash(read(pdf, count))
    assert first.startswith(today_mark())  # above the title
    # The footer of the other handouts, on every page: confidential, what, when.
    for number in range(1, count + 1):
        text = squash(read(pdf, number, number))
        assert "Document personnel – confidentiel · Vue d'ensemble de la classe · établi le" in (
            text
        ), number
    assert last
    whole = squash(read(pdf, 1, count))
    assert whole.index("À voir en priorité") < whole.index("Les élèves")
    assert "Quiz arrêtés avant la fin" in whole
    assert "« Tout vous attire » : oui à presque tout" in whole


# --- 7. JSON -------------------------------------------------------------------------


def test_the_json_keeps_its_keys_and_gains_the_new_ones(mixed: Path) -> None:
    data = json.loads(invoke("classe", str(mixed), "--json")[1])
    assert list(data) == [
        "results",
        "counted",
        "flat",
        "flat_levels",
        "inconsistent",
        "occupations",
        "profile",
        "students",
        "priority",
        "duplicates",
        "copies",
        "unread",
    ]
    assert list(data["students"][0]) == [
        "file",
        "name",
        "class",
        "date",
        "asked",
        "flat",
        "consistent",
        "unranked",
        "near_tie",
        "stopped_early",
        "closest",
        "second",
    ]
    names = [s["name"] for s in data["students"]]
    assert names == sorted(names, key=classroom.sort_key)
    stopped = next(s for s in data["students"] if s["name"] == "Arrêt Tôt")
    assert (stopped["stopped_early"], stopped["asked"]) == (True, 18)
    flat = next(s for s in data["students"] if s["name"] == "Tout Oui")
    assert (flat["closest"], flat["second"]) == (None, None)


# --- At 40 and 80 columns ------------------------------------------------------------


@pytest.mark.parametrize("width", [40, 80])
def test_the_class_view_reads_at_40_and_80_columns(mixed: Path, doubled: Path, width: int) -> None:
    code, out, _ = invoke("classe", str(mixed), str(doubled), columns=width)
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= width
    said = squash(out)
    for heading in (
        "À voir en priorité",
        "Les élèves",
        "Résultats en double",
        "Copies possibles",
    ):
        assert heading in said
    assert "18 questions posées sur" in said
    assert "1er : " in said
    assert "2e : " in said


def test_a_csv_cell_names_at_most_five_students_with_the_same_answers(tmp_path: Path) -> None:
    """A class where many answered alike: each row names five of the others, not all."""
    for number in range(8):
        keep(tmp_path, f"e{number}.json", answers_for(SLUGS[0]), f"Élève {number}")
    header, *rows = csv_rows(invoke("classe", str(tmp_path), "--csv")[1])
    column = header.index("Mêmes réponses que")
    assert rows[0][column] == (
        "Élève 1 (e1.json), Élève 2 (e2.json), Élève 3 (e3.json), Élève 4 (e4.json), "
        "Élève 5 (e5.json) et 2 autres"
    )
    assert rows[7][column].endswith("Élève 4 (e4.json) et 2 autres")
