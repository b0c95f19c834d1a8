"""What the quiz gets right, on simulated respondents, at every noise level.

Standard library and orientation only. Run it with the Python of the virtualenv where
orientation is installed (the model: orientation/simulation.py; the figures of the
shipped bank: docs/methodologie.md, « Ce que le quiz retrouve : la simulation »):

    python benchmarks/simulation.py                      # about a quarter of an hour
    python benchmarks/simulation.py --content DIR        # another content root
    python benchmarks/simulation.py --respondents small  # a few seconds, for a test
    python benchmarks/simulation.py --markdown           # tables ready for the docs

The figures go to the standard output (the same for the same seed and content); the
time taken goes to the standard error.
"""

from __future__ import annotations

import argparse
import math
import sys
import textwrap
import time
from collections.abc import Sequence
from pathlib import Path

from orientation.results import simulation
from orientation.results.simulation import (
    Figures,
    NoiseLevel,
    Rate,
    Scenario,
    StopRule,
    TagReliability,
)

DEFAULT_RESPONDENTS = 500  # per occupation, and as many flat ones, at each noise level
SMALL = 20
DEFAULT_SEED = 20
RULE_NAME = "orientation.results.stopping.settled"
TOP_CONFUSIONS = 5
WIDTH = 80


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from orientation.errors import OrientationError

    try:
        loads, fiches, tags, root = _content(args.content)
    except OrientationError as exc:
        print(f"Erreur : {exc.message}", file=sys.stderr)
        return exc.exit_code
    from orientation.results.stopping import settled

    rule: StopRule = settled
    started = time.perf_counter()
    results = [
        simulation.simulate(
            loads,
            fiches,
            tags,
            level=level,
            per_occupation=args.respondents,
            seed=args.seed,
            rule=rule,
        )
        for level in simulation.NOISE_LEVELS
    ]
    scenarios = [
        [
            simulation.scenario(
                name,
                loads,
                fiches,
                tags,
                rule,
                level=level,
                per_occupation=args.respondents,
                seed=args.seed,
            )
            for name in simulation.SCENARIOS
        ]
        for level in simulation.NOISE_LEVELS
    ]
    graded = [
        simulation.scenario(
            name,
            loads,
            fiches,
            tags,
            rule,
            per_occupation=args.respondents,
            seed=args.seed,
            generator="graded",
        )
        for name in simulation.SCENARIOS
    ]
    middle = simulation.NOISE_LEVELS.index(simulation.MIDDLE)
    more = [
        simulation.scenario(
            name,
            loads,
            fiches,
            tags,
            rule,
            per_occupation=args.respondents,
            seed=args.seed,
        )
        for name in simulation.MORE_SCENARIOS
    ]
    alphas = [
        simulation.reliability(
            loads,
            fiches,
            tags,
            generator=generator,
            per_occupation=args.respondents,
            seed=args.seed,
        )
        for generator in simulation.GENERATORS
    ]
    elapsed = time.perf_counter() - started
    write = _markdown if args.markdown else _text
    questions = len(loads)
    print("\n".join(write(results, root, args.seed, questions)))
    print()
    print("\n".join(_scenarios(scenarios, args.seed, questions, markdown=args.markdown)))
    print()
    graded_lines = _scenarios([graded], args.seed, questions, markdown=args.markdown, graded=True)
    print("\n".join(graded_lines))
    print()
    certainty = [*scenarios[middle], *more]
    print("\n".join(_certainty(certainty, args.seed, markdown=args.markdown)))
    print()
    print("Deuxième générateur :")
    print("\n".join(_certainty(graded, args.seed, markdown=args.markdown)))
    print()
    print("\n".join(_reliability(alphas, args.seed, markdown=args.markdown)))
    print(f"Durée : {elapsed:.0f} s".replace(".", ","), file=sys.stderr)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/simulation.py",
        description="Simuler des répondants au quiz et mesurer ce qu'il retrouve, à chaque "
        "niveau de bruit (modèle : orientation/simulation.py).",
    )
    parser.add_argument(
        "--content",
        type=Path,
        metavar="DOSSIER",
        help="dossier de contenu (tags.yaml, questions.yaml, fiches/) ; par défaut celui de "
        "ORIENTATION_CONTENT, sinon le contenu livré",
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"graine (défaut : {DEFAULT_SEED})"
    )
    parser.add_argument(
        "--respondents",
        type=_respondents,
        default=DEFAULT_RESPONDENTS,
        metavar="N",
        help=f"répondants construits d'après chaque métier, et répondants plats, à chaque "
        f"niveau de bruit (défaut : {DEFAULT_RESPONDENTS} ; small : {SMALL})",
    )
    parser.add_argument(
        "--markdown", action="store_true", help="écrire des tableaux Markdown (pour docs/)"
    )
    return parser


def _respondents(value: str) -> int:
    if value == "small":
        return SMALL
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"« {value} » : un nombre entier positif, ou small")
    return int(value)


def _content(
    given: Path | None,
) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, int]], list[str], Path]:
    from orientation.content.catalogue import load_catalogue, load_questions
    from orientation.content.model import content_root

    root = content_root(given)
    catalogue = load_catalogue(root)
    questions = load_questions(root)
    loads = {q.id: dict(q.loads) for q in questions}  # bank order
    fiches = {e.slug: dict(e.weights) for e in catalogue.entries}
    return loads, fiches, [t.id for t in catalogue.tags], root


# Writing the figures


def _percent(value: float) -> str:
    return f"{100 * value:.1f}".replace(".", ",")


def _rate(rate: Rate) -> str:
    low, high = rate.interval
    return f"{_percent(rate.value)} % [{_percent(low)}–{_percent(high)}]"


def _pair(count: int, total: int) -> str:
    return f"{_count(count)} ({_rate(Rate(count, total))})"


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _count(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def _level(level: NoiseLevel) -> str:
    middle = " ; niveau de référence" if level == simulation.MIDDLE else ""
    return f"Bruit {level.name} (σ = {_number(level.sigma)} point{middle})"


def _shares(figures: Figures) -> str:
    total = sum(figures.answers) or 1
    return " · ".join(str(round(100 * n / total)) for n in figures.answers)


def _answers(figures: Figures) -> str:
    total = sum(figures.answers) or 1
    shares = " · ".join(
        f"{value} : {round(100 * n / total)} %" for value, n in enumerate(figures.answers, 1)
    )
    return f"Réponses données : {shares}"


def _asked_lines(figures: Figures, questions: int) -> list[str]:
    asked = figures.asked
    assert asked is not None  # main() always gives the rule
    low, high = asked.median_interval
    first, third = asked.quartiles
    return [
        f"Questions posées (règle {RULE_NAME}), sur {questions} :",
        f"  médiane {_number(asked.median)} [{_number(low)}–{_number(high)}], "
        f"quartiles {_number(first)} et {_number(third)}",
        f"  même premier métier que le quiz complet : {_rate(asked.same_first)}",
        f"  classement montré ou non, autrement que le quiz complet : {_count(asked.flat_missed)}",
        f"  (sans classement au quiz complet : {_count(asked.flat_total)})",
    ]


def _text(results: list[Figures], root: Path, seed: int, questions: int) -> list[str]:
    from orientation.errors import shown_path

    first = results[0]
    intro = (
        f"Contenu : {shown_path(root)} ; graine {seed} ; {_count(first.per_occupation)} "
        f"répondants par métier et {_count(first.per_occupation)} répondants plats par "
        "niveau de bruit. Intervalles de confiance à 95 % (Wilson)."
    )
    lines = ["Simulation du quiz", *textwrap.wrap(intro, WIDTH)]
    width = max(len("ensemble"), *(len(r.slug) for r in first.recovery))
    for figures in results:
        lines += ["", _level(figures.level), "=" * len(_level(figures.level)), _answers(figures)]
        lines += ["", "Retrouvé : le métier d'origine classé…"]
        lines.append(f"{'métier':<{width}}  {'premier':<20}  dans les deux premiers")
        for rec in figures.recovery:
            lines.append(f"{rec.slug:<{width}}  {_rate(rec.first):<20}  {_rate(rec.top_two)}")
        lines.append(f"{'ensemble':<{width}}  {_rate(figures.first):<20}  {_rate(figures.top_two)}")
        lines += [
            "",
            f"Stabilité (même premier métier à deux passations) : {_rate(figures.stability)}",
        ]
        lines += [
            "",
            "Confusions les plus fréquentes (construit d'après → classé premier, sur "
            f"{_count(figures.per_occupation)}) :",
        ]
        if not figures.confusions:
            lines.append("  aucune")
        for source, came, count in figures.confusions[:TOP_CONFUSIONS]:
            pair, figure = f"  {source} → {came} :", _pair(count, figures.per_occupation)
            fits = len(pair) + 1 + len(figure) <= WIDTH
            lines += [f"{pair} {figure}"] if fits else [pair, f"      {figure}"]
        lines += [
            "",
            "Profils plats :",
            f"  plats sans classement : {_rate(figures.flat_flagged)}",
            f"  autres sans classement, à tort : {_rate(figures.wrongly_flat)}",
            "",
            *_asked_lines(figures, questions),
        ]
    return lines


def _markdown(results: list[Figures], root: Path, seed: int, questions: int) -> list[str]:
    first = results[0]
    levels = " | ".join(f"{f.level.name} (σ = {_number(f.level.sigma)})" for f in results)
    rows: list[tuple[str, list[str]]] = [
        ("retrouvé premier", [_rate(f.first) for f in results]),
        ("dans les deux premiers", [_rate(f.top_two) for f in results]),
        ("même premier à deux passations", [_rate(f.stability) for f in results]),
        (
            "plats sans classement (sans relief ou peu cohérentes)",
            [_rate(f.flat_flagged) for f in results],
        ),
        ("autres sans classement, à tort", [_rate(f.wrongly_flat) for f in results]),
        ("réponses 1 · 2 · 3 · 4 · 5 (%)", [_shares(f) for f in results]),
    ]
    rows += [
        (
            f"questions posées sur {questions} : médiane [IC], quartiles",
            [_median(f) for f in results],
        ),
        (
            "même premier métier que le quiz complet",
            [_rate(f.asked.same_first) if f.asked else "" for f in results],
        ),
        (
            "classement montré ou non, autrement que le quiz complet",
            [_count(f.asked.flat_missed) if f.asked else "" for f in results],
        ),
    ]
    lines = [
        f"{_count(first.per_occupation)} répondants par métier et autant de répondants plats "
        f"à chaque niveau de bruit, graine {seed} ; intervalles de confiance à 95 % (Wilson).",
        "",
        f"| | {levels} |",
        "| --- |" + " --- |" * len(results),
    ]
    lines += [f"| {label} | {' | '.join(values)} |" for label, values in rows]
    lines += ["", "Retrouvé premier, par métier :", "", f"| métier | {levels} |"]
    lines.append("| --- |" + " --- |" * len(results))
    for index, rec in enumerate(first.recovery):
        values = [_rate(f.recovery[index].first) for f in results]
        lines.append(f"| {rec.slug} | {' | '.join(values)} |")
    lines += [
        "",
        "Confusions les plus fréquentes (construit d'après → classé premier, sur "
        f"{_count(first.per_occupation)} répondants par métier) :",
        "",
    ]
    lines += [f"| construit d'après | classé premier | {levels} |"]
    lines.append("| --- | --- |" + " --- |" * len(results))
    # The most frequent pairs at any level, with their counts at every level.
    pairs = {(a, b) for f in results for a, b, _ in f.confusions[:TOP_CONFUSIONS]}
    counts = [{(a, b): n for a, b, n in f.confusions} for f in results]
    middle = next(i for i, f in enumerate(results) if f.level == simulation.MIDDLE)
    for a, b in sorted(pairs, key=lambda p: (-counts[middle].get(p, 0), p)):
        values = [_pair(c.get((a, b), 0), first.per_occupation) for c in counts]
        lines.append(f"| {a} | {b} | {' | '.join(values)} |")
    return lines


# The scenarios, in French as printed (simulation.STYLES says how each answers).
SCENARIO_NAMES = {
    "fiche": "construits d'après un métier",
    "extreme": "extrêmes (1 ou 5 seulement)",
    "flat": "sans préférence (plats)",
    "careless": "au hasard (réponses tirées au sort)",
    "mix": "mélange 60/40 de deux métiers",
    "random": "intérêts dans une direction au hasard",
    "acquiescent": "qui acquiescent (+1 point)",
    "midpoint": "« Neutre » dès qu'ils hésitent",
    "skipping": "« Je ne sais pas » une fois sur quatre",
    "drift": "humeur qui monte au fil du quiz",
}


def _certainty(scenarios: list[Scenario], seed: int, *, markdown: bool) -> list[str]:
    """How sure the results are, at the reference noise: « très proche » and
    « résultat net » shown, and how often they are right (issue 27 §4)."""
    first = scenarios[0]
    intro = (
        f"Certitude, au bruit de référence : {_count(first.respondents)} répondants par "
        f"scénario, graine {seed}. « Juste » : le profil sans bruit de la personne "
        "ressemble au métier dit « très proche » au moins à 0,5, ou met en tête le même "
        "métier que le « résultat net »."
    )
    lines = [intro] if markdown else textwrap.wrap(intro, WIDTH)
    columns = (
        "dit « très proche »",
        "« très proche » juste",
        "dit « résultat net » (classés)",
        "« résultat net » juste",
        "même tranche arrêté / complet",
        "métier d'origine premier",
        "arrêté = complet",
        "questions posées (médiane)",
    )
    rows = [
        (
            SCENARIO_NAMES[s.name],
            [
                _rate(s.very_close) if s.very_close else "–",
                _rate(s.very_close_right) if s.very_close_right else "–",
                _rate(s.certain) if s.certain else "–",
                _rate(s.certain_right) if s.certain_right else "–",
                _rate(s.same_band) if s.same_band else "–",
                _rate(s.first) if s.first else "–",
                _rate(s.same_first),
                _number(s.asked_median),
            ],
        )
        for s in scenarios
    ]
    return lines + _table(columns, rows, markdown=markdown)


def _scenarios(
    per_level: list[list[Scenario]],
    seed: int,
    questions: int,
    *,
    markdown: bool,
    graded: bool = False,
) -> list[str]:
    """One table per noise level: what the quiz says of each kind of respondent; with
    *graded*, one table for the graded-response generator (its own noise)."""
    first = per_level[0][0]
    intro = (
        f"Scénarios : {_count(first.respondents)} répondants par scénario et par niveau de "
        f"bruit, graine {seed} ; « quiz complet » : les {questions} réponses ; « arrêté » : la "
        "règle d'arrêt. Intervalles de confiance à 95 % (Wilson)."
    )
    if graded:
        intro = (
            "Deuxième générateur (modèle de réponse graduée, orientation/results/"
            f"simulation.py) : {_count(first.respondents)} répondants par scénario, graine "
            f"{seed} ; son bruit est le sien."
        )
    lines = [intro] if markdown else textwrap.wrap(intro, WIDTH)
    columns = (
        "réponses peu cohérentes",
        "profil sans relief",
        "pas de classement",
        "métier d'origine premier",
        "arrêté = complet",
        "pas de classement (arrêté)",
        "questions posées (médiane)",
    )
    for scenarios, level in zip(per_level, simulation.NOISE_LEVELS, strict=False):
        rows = [
            (
                SCENARIO_NAMES[s.name],
                [
                    _rate(s.inconsistent),
                    _rate(s.flat),
                    _rate(s.unranked),
                    _rate(s.first) if s.first else "–",
                    _rate(s.same_first),
                    _rate(s.stopped_unranked),
                    _number(s.asked_median),
                ],
            )
            for s in scenarios
        ]
        heading = "Réponse graduée" if graded else _level(level)
        lines += ["", heading + " :" if markdown else heading]
        lines += _table(columns, rows, markdown=markdown)
    return lines


def _table(
    columns: Sequence[str], rows: Sequence[tuple[str, Sequence[str]]], *, markdown: bool
) -> list[str]:
    """One row per kind of respondent: a Markdown table, or indented lines for a terminal."""
    if markdown:
        lines = ["", f"| répondants | {' | '.join(columns)} |"]
        lines.append("| --- |" + " --- |" * len(columns))
        return lines + [f"| {name} | {' | '.join(values)} |" for name, values in rows]
    lines = []
    for name, values in rows:
        lines.append(f"  {name}")
        lines += [f"    {c} : {v}" for c, v in zip(columns, values, strict=True)]
    return lines


def _alpha(value: float | None) -> str:
    if value is None:
        return "–"
    # Rounded down, so that 0,849 never reads as the 0,85 it misses.
    shown = f"{math.floor(100 * value + 1e-9) / 100:.2f}".replace(".", ",")
    if value >= simulation.RELIABLE_ALPHA:
        return shown
    return f"{shown} (< {_number(simulation.RELIABLE_ALPHA)})"


def _reliability(
    per_generator: list[tuple[TagReliability, ...]], seed: int, *, markdown: bool
) -> list[str]:
    """α of each tag's centred scale, for each generator (simulation.reliability)."""
    first, middle = per_generator[0], simulation.MIDDLE
    intro = (
        "Fidélité de chaque centre d'intérêt : α de Cronbach de son échelle centrée (chaque "
        "réponse moins la moyenne de toutes les réponses de la personne), sur les questions "
        "dont il est le sujet principal ; répondants construits d'après un métier, quiz "
        f"complet, graine {seed} ; modèle au bruit {middle.name} (σ = {_number(middle.sigma)}), "
        "et réponse graduée. "
        f"Objectif : au moins {_number(simulation.RELIABLE_ALPHA)}."
    )
    columns = ("centre d'intérêt", "questions", "modèle", "réponse graduée")
    rows = [
        (row.tag, str(row.items), *(_alpha(g[index].alpha) for g in per_generator))
        for index, row in enumerate(first)
    ]
    if markdown:
        lines = [intro, "", f"| {' | '.join(columns)} |", "| --- |" + " --- |" * 3]
        return lines + [f"| {' | '.join(row)} |" for row in rows]
    lines = textwrap.wrap(intro, WIDTH)
    width = max(len(columns[0]), *(len(row[0]) for row in rows))
    lines.append(f"  {columns[0]:<{width}}  {columns[1]:>9}  {columns[2]:<14}  {columns[3]}")
    lines += [f"  {a:<{width}}  {b:>9}  {c:<14}  {d}" for a, b, c, d in rows]
    return lines


def _median(figures: Figures) -> str:
    asked = figures.asked
    if asked is None:
        return ""
    low, high = asked.median_interval
    first, third = asked.quartiles
    return (
        f"{_number(asked.median)} [{_number(low)}–{_number(high)}], "
        f"{_number(first)} et {_number(third)}"
    )


if __name__ == "__main__":
    sys.exit(main())
