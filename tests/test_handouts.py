"""What the printed handouts say, without a browser: the views behind `report --html`,
`show --html` and `compare --html` (tests/test_html.py prints them in Chromium)."""

from __future__ import annotations

import dataclasses
import json
import random
import re
from pathlib import Path

import pytest

from orientation.content.catalogue import load_catalogue, load_glossary, load_questions
from orientation.content.model import default_root
from orientation.results import evaluation
from orientation.results.outcome import Outcome
from orientation.views import results
from orientation.views.comparison import (
    QUIZ,
    STUDIES_AND_PAY,
    compare,
    paper_blocks,
    paper_footer,
    paper_steps,
)
from orientation.views.fiche import (
    PAPER_SIGLES,
    SIGLES,
    fiche_parts,
    paper_parts,
    paper_sources_part,
    short_definition,
    updated_on,
)
from orientation.views.parts import Part, part_texts

CATALOGUE = load_catalogue(cache=False)
QUESTIONS = load_questions(cache=False)
GLOSSARY = load_glossary(default_root(), cache=False)
SAMPLE = Path(__file__).parent / "golden" / "results-sample.json"
# A command line in a text: what a family cannot use on paper.
COMMAND = re.compile(
    r"\borientation\s+(?:show|compare|list|quiz|report|classe|glossaire|check|init|new)\b|--\w"
)


def scored(
    answers: dict[str, int | None], name: str | None = None, group: str | None = None
) -> Outcome:
    return evaluation.evaluate(
        answers, CATALOGUE, QUESTIONS, date="2026-12-04T10:00:00", name=name, group=group
    )


def sample() -> Outcome:
    answers = json.loads(SAMPLE.read_text(encoding="utf-8"))["answers"]
    return scored(answers, name="Léa Martin", group="2de B")


def flat(answer: int) -> Outcome:
    return scored({q.id: answer for q in QUESTIONS})


def inconsistent() -> Outcome:
    rng = random.Random(0)
    while True:
        outcome = scored({q.id: rng.randint(1, 5) for q in QUESTIONS})
        if not outcome.result.consistent:
            return outcome


def texts(parts: list[Part]) -> list[str]:
    return [t for p in parts for t in (p.heading, *part_texts(p))]


# --- The report: how sure, in one function ------------------------------------------


def test_how_sure_the_result_is_is_said_by_one_function(monkeypatch: pytest.MonkeyPatch) -> None:
    outcome = sample()
    said = results.certainty(outcome)
    assert said == (
        "Résultat net : Chargé·e de missions locales arrive en tête, 18 points devant "
        "Conseiller·ère social·e (CESF), et vos réponses les départagent."
    )
    sure = next(p for p in results.paper_summary(outcome) if p.heading == results.SURE_HEADING)
    assert sure.paragraphs == (said,)
    # Issue 27's « net » / « à confirmer » plugs in there: the handout follows it.
    monkeypatch.setattr(results, "certainty", lambda outcome: "Net, à confirmer ensemble.")
    from orientation.writers.html import results_html

    assert "Net, à confirmer ensemble." in results_html(outcome)


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda: flat(3), "middle"),
        (lambda: flat(5), "high"),
        (lambda: flat(1), "low"),
        (inconsistent, "inconsistent"),
    ],
)
def test_without_a_ranking_the_handout_says_why_and_names_no_job_first(
    make: object, kind: str
) -> None:
    outcome = make()  # type: ignore[operator]
    assert results.unranked(outcome.result) == kind
    assert results.certainty(outcome) == results.FLAT_TEXTS[kind][0]
    summary = results.paper_summary(outcome)
    assert [p.heading for p in summary] == [
        "",
        results.SURE_HEADING,
        "Pas de classement",
        results.STEPS_HEADING,
    ]
    assert not any(e.label == "Score" for p in summary for e in p.labelled)


def test_a_near_tie_is_said_as_one() -> None:
    outcome = sample()
    first, second = outcome.result.matches[:2]
    tied = dataclasses.replace(
        outcome.result,
        matches=(
            first,
            dataclasses.replace(second, tied=True),
            *outcome.result.matches[2:],
        ),
    )
    outcome = dataclasses.replace(outcome, result=tied)
    assert results.certainty(outcome) == (
        "À confirmer : vos réponses ne départagent pas nettement les premiers (Chargé·e de "
        "missions locales, Conseiller·ère social·e (CESF)) : considérez-les à égalité."
    )


def test_page_one_gives_the_first_two_jobs_their_studies_and_pay() -> None:
    outcome = sample()
    summary = results.paper_summary(outcome)
    scope = summary[0]
    assert scope.paragraphs == (
        "Ce quiz rapproche vos intérêts de 5 métiers du secteur social seulement, ceux que "
        "décrit cet outil : il ne dit rien des autres métiers. Ce n'est pas un verdict.",
    )
    jobs = [p for p in summary if p.heading[:1].isdigit()]
    assert [p.heading for p in jobs] == [
        "1. Chargé·e de missions locales",
        "2. Conseiller·ère social·e (CESF)",
    ]
    for job in jobs:
        fiche = CATALOGUE.find(job.heading.split(". ", 1)[1])
        assert job.paragraphs == (fiche.summary,)  # one sentence: the fiche's own
        labels = [e.label for e in job.labelled]
        assert labels[0] == "Score"
        assert "Niveau d'études" in labels
        assert {"Salaire", "Salaire au début"} & set(labels)
    cesf = {e.label: e for e in jobs[1].labelled}
    assert cesf["Salaire au début"].values == ("non renseigné",)
    assert cesf["Niveau d'études"].values[0].startswith("Bac\u00a0+3")


def test_a_salary_below_the_smic_keeps_its_note_on_page_one() -> None:
    # The answers of a person close to the coordinator and the integration officer.
    weights: dict[str, float] = {}
    for slug, share in (("coordinateur-social", 1.0), ("charge-d-insertion-sociale", 0.8)):
        for tag, weight in CATALOGUE.find(slug).weights.items():
            weights[tag] = weights.get(tag, 0) + share * weight
    sums = {q.id: sum(load * weights.get(t, 0) for t, load in q.loads.items()) for q in QUESTIONS}
    low, high = min(sums.values()), max(sums.values())
    outcome = scored({q: round(1 + 4 * (s - low) / (high - low)) for q, s in sums.items()})
    top = [m.slug for m in outcome.result.matches[:2]]
    assert set(top) == {"coordinateur-social", "charge-d-insertion-sociale"}
    pay = [e for p in results.paper_summary(outcome) for e in p.labelled if "Salaire" in e.label]
    assert len(pay) == 2
    for entry in pay:
        notes = [" ".join(d.split()) for d in entry.details]
        assert any("SMIC" in d and "1 823,03 € brut par mois" in d for d in notes), entry


def test_next_steps_are_plain_french_never_a_command() -> None:
    outcome = sample()
    steps = results.paper_steps(outcome)
    for who in ("Psy-EN", "CIO", "Mission locale"):
        assert who in steps[0]
    assert "fiches de ces deux métiers" in steps[1]
    assert "onisep.fr" in steps[2]
    assert (
        "« chargé de missions locales » et « conseiller en économie sociale familiale »"
        in (steps[2])
    )
    assert "K1802" in steps[2]
    for each in (outcome, flat(3), flat(5), inconsistent()):
        said = [
            *results.paper_header_lines(each),
            *texts(results.paper_summary(each)),
            *texts(results.paper_detail(each)),
        ]
        assert not [t for t in said if COMMAND.search(t)]
        assert not any(p.commands for p in results.paper_detail(each))


def test_a_note_naming_a_command_loses_its_aside_on_paper() -> None:
    answers = json.loads(SAMPLE.read_text(encoding="utf-8"))["answers"]
    unasked = list(answers)[-4:]
    outcome = evaluation.evaluate(
        {q: a for q, a in answers.items() if q not in unasked},
        CATALOGUE,
        QUESTIONS,
        unasked=unasked,
    )
    screen = results.quiz_header_lines(outcome)
    assert any("« orientation quiz --complet »" in line for line in screen)
    paper = results.paper_header_lines(outcome)
    assert paper[-1] == (
        "26 questions posées sur 30 : le quiz s'est arrêté quand les 4 autres ne devaient plus "
        "changer le résultat, à moins de réponses très différentes des précédentes."
    )


# --- The fiche ------------------------------------------------------------------------

FICHES = [e.slug for e in CATALOGUE.entries]


@pytest.mark.parametrize("slug", FICHES)
def test_the_printed_fiche_explains_only_the_terms_it_uses_in_short(slug: str) -> None:
    fiche = CATALOGUE.find(slug)
    screen = {p.heading: p for p in fiche_parts(fiche, CATALOGUE, glossary=GLOSSARY)}
    paper = {p.heading: p for p in paper_parts(fiche, CATALOGUE, glossary=GLOSSARY)}
    assert SIGLES not in paper
    box = paper[PAPER_SIGLES]
    # The same terms as on screen: those the fiche uses, in the same order.
    assert [e.label for e in box.labelled] == [e.label for e in screen[SIGLES].labelled]
    for short, whole in zip(box.labelled, screen[SIGLES].labelled, strict=True):
        assert len(short.values[0]) <= len(whole.values[0]) + 1  # its final stop
    # The other parts are the screen's, in its order.
    assert [h for h in paper if h != PAPER_SIGLES] == [h for h in screen if h != SIGLES]


def test_short_definitions() -> None:
    def short(name: str) -> str:
        return short_definition(GLOSSARY.find(name))

    assert short("CIO") == "Centre d'information et d'orientation."
    assert short("ROME") == "Répertoire opérationnel des métiers et des emplois."
    assert short("brut") == "Salaire brut : le salaire avant les cotisations sociales."
    assert short("collectivité territoriale") == "Commune, département ou région."
    assert "niveau 7 = bac +5" in short("niveau 7")  # an equivalence table stays whole
    assert short("France Travail") == (
        "L'organisme public qui aide à trouver un emploi, publie des offres et verse les "
        "allocations chômage."
    )


def test_the_fiche_is_up_to_date_as_of_the_latest_date_its_editors_put_on_it() -> None:
    fiche = CATALOGUE.find("coordinateur-social")
    days = [n.date for n in fiche.editorial] + [r.date for r in fiche.rome]
    assert updated_on(fiche) == max(days) == "2026-12-04"
    later = dataclasses.replace(
        fiche, editorial=(dataclasses.replace(fiche.editorial[0], date="2027-01-15"),)
    )
    assert updated_on(later) == "2027-01-15"
    undated = dataclasses.replace(fiche, editorial=(), rome=(), confusions=())
    assert updated_on(undated) is None


def test_sources_on_paper_have_their_address_or_say_it_is_unknown() -> None:
    fiche = CATALOGUE.find("coordinateur-social")
    rows = {e.label: e for e in paper_sources_part(fiche).labelled}
    assert rows["Source"].details == ("Adresse : non renseignée.",)  # never guessed
    smic = rows["Repère cité : SMIC"]
    assert "Adresse : https://www.service-public.fr/particuliers/vosdroits/F2300" in smic.details
    assert "Vérifié le 4\u00a0décembre\u00a02026." in smic.details
    rome = rows["Codes ROME"]
    assert rome.details[0].startswith("Adresse : https://www.data.gouv.fr/")


# --- The comparison ----------------------------------------------------------------


def test_the_printed_comparison_puts_studies_and_pay_first_and_you_once() -> None:
    fiches = [CATALOGUE.find(s) for s in ("coordinateur-social", "conseiller-social")]
    compared = compare(fiches, CATALOGUE, sample(), GLOSSARY)
    first, rest = paper_blocks(compared)
    assert [b.heading for b in first] == [QUIZ, STUDIES_AND_PAY]
    labels = [r.label for r in first[1].rows]
    assert labels == ["Niveau d'études", "Début de carrière", "Fin de carrière"]
    assert first[1].notes[0].startswith("[1] Source")
    headings = [b.heading for b in rest]
    assert "Centres d'intérêt" not in headings  # drawn, from the chart
    assert headings[-1] == PAPER_SIGLES
    chart = compared.chart
    assert chart is not None
    assert chart.you
    assert len(chart.rows) == len(CATALOGUE.tags)
    for row in chart.rows:
        assert len(row.weights) == 2
        assert row.you is not None
        assert (row.you.low, row.you.high) == (1, 5)
    # The person's bars once, in the chart: never beside each occupation on paper.
    said = [t for b in (*first, *rest) for r in b.rows for c in r.cells for t in c]
    assert not [t for t in said if "vous\u00a0" in t]
    assert not [t for t in paper_steps(compared) if COMMAND.search(t)]
    assert paper_footer(compared) == (
        "Comparaison de 2 métiers pour Léa Martin, quiz passé le 4\u00a0décembre\u00a02026"
    )


def test_without_results_the_comparison_has_no_you_and_dates_its_fiches() -> None:
    fiches = [CATALOGUE.find(s) for s in FICHES]
    compared = compare(fiches, CATALOGUE, None, GLOSSARY)
    first, _ = paper_blocks(compared)
    assert [b.heading for b in first] == [STUDIES_AND_PAY]
    assert compared.chart is not None
    assert not compared.chart.you
    assert all(row.you is None for row in compared.chart.rows)
    assert paper_footer(compared) == (
        "Comparaison de 5 métiers · fiches à jour le 4\u00a0décembre\u00a02026"
    )
