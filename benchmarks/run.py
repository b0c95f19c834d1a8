"""Measure `orientation` as its users run it: whole processes, side by side with a reference.

Standard library only, so that nothing here changes what is measured. Run it with the
Python of the virtualenv where orientation is installed (see docs/performance.md):

    python benchmarks/run.py                 # every measure, about two minutes
    python benchmarks/run.py --doc docs/performance.md   # and write the table there

Each command runs as its own process, alternating with `benchmarks/floor.py` (rich and
one Panel, the least any command showing something with rich can cost), after a
warm-up. For each: median wall time, min–max, median of the per-round ratios to the
reference, and peak memory (the child's maximum resident set, from wait4). Then a
synthetic catalogue of 10 000 fiches (the shipped ones, plus variants with new slugs
and varied tags) measures how the commands scale once it has been read once.
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLOOR = HERE / "floor.py"
CONTENT = HERE.parent / "content"
START_MARK = "<!-- mesures:début -->"
END_MARK = "<!-- mesures:fin -->"
MIB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    label: str
    args: tuple[str, ...]
    ratio: float | None = None  # target: at most this many times the reference
    seconds: float | None = None  # target: at most this many seconds
    memory_mib: float | None = None  # target: peak resident memory


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    peak: int  # bytes


@dataclass(frozen=True)
class Measure:
    case: Case
    samples: tuple[Sample, ...]
    ratios: tuple[float, ...] = ()

    @property
    def median(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def ratio(self) -> float | None:
        return statistics.median(self.ratios) if self.ratios else None

    @property
    def peak(self) -> float:
        return statistics.median(s.peak for s in self.samples) / MIB

    @property
    def has_target(self) -> bool:
        return (self.case.ratio, self.case.seconds, self.case.memory_mib) != (None, None, None)

    @property
    def within_target(self) -> bool:
        case, ratio = self.case, self.ratio
        return (
            (case.ratio is None or (ratio is not None and ratio <= case.ratio))
            and (case.seconds is None or self.median <= case.seconds)
            and (case.memory_mib is None or self.peak <= case.memory_mib)
        )


class Runner:
    """Runs whole processes in a scratch folder, their state and caches kept there."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        # Without the caller's Python settings: PYTHONDONTWRITEBYTECODE, say, would make
        # an editable install compile its modules at every run (+30 ms).
        self.env = {
            k: v
            for k, v in os.environ.items()
            if k != "ORIENTATION_CONTENT" and not k.startswith("PYTHON")
        }
        self.env.update(
            COLUMNS="80",
            LINES="50",
            XDG_CACHE_HOME=str(scratch / "cache"),
            XDG_STATE_HOME=str(scratch / "state"),
            XDG_DATA_HOME=str(scratch / "data"),
        )
        self.env.pop("NO_COLOR", None)
        self.env.pop("FORCE_COLOR", None)

    def run(self, argv: Sequence[str]) -> Sample:
        """One run, its output to a file (not a terminal: no colour, 80 columns)."""
        out_path, err_path = self.scratch / "sortie.txt", self.scratch / "erreurs.txt"
        with out_path.open("wb") as out, err_path.open("wb") as err:
            start = time.perf_counter()
            proc = subprocess.Popen(
                argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=self.env
            )
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0 or out_path.stat().st_size == 0:
            shown = " ".join(argv)
            errors = err_path.read_text(errors="replace").strip()
            sys.exit(f"échec de « {shown} » (code {proc.returncode}) :\n{errors}")
        peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
        return Sample(wall, peak)


def measure_startup(
    runner: Runner, command: str, cases: Sequence[Case], runs: int, warmup: int
) -> tuple[Measure, list[Measure]]:
    """Each case alternating with the reference, the order swapped every round."""
    floor_argv = (sys.executable, str(FLOOR))
    floor_samples: list[Sample] = []
    measures = []
    for case in cases:
        argv = (command, *case.args)
        for _ in range(warmup):
            runner.run(floor_argv)
            runner.run(argv)
        samples, ratios = [], []
        for round_ in range(runs):
            if round_ % 2:
                sample, floor = runner.run(argv), runner.run(floor_argv)
            else:
                floor, sample = runner.run(floor_argv), runner.run(argv)
            samples.append(sample)
            floor_samples.append(floor)
            ratios.append(sample.wall / floor.wall)
        measures.append(Measure(case, tuple(samples), tuple(ratios)))
        _progress(measures[-1])
    reference = Measure(Case("référence : benchmarks/floor.py", ()), tuple(floor_samples))
    return reference, measures


def measure_alone(runner: Runner, command: str, case: Case, runs: int, warmup: int) -> Measure:
    argv = (command, *case.args)
    for _ in range(warmup):
        runner.run(argv)
    measure = Measure(case, tuple(runner.run(argv) for _ in range(runs)))
    _progress(measure)
    return measure


def _progress(measure: Measure) -> None:
    print(f"  … {measure.case.label} : {_ms(measure.median)}", file=sys.stderr, flush=True)


def write_answers(questions: Path, target: Path) -> None:
    """A full answer sheet (id: 1 to 5) for the question bank, the same at every run: a
    person with clear interests (each tag a level of its own, each answer its question's
    main tag's level, give or take a point), so that results are ranked as a student's
    would be; uniform random answers are « peu cohérentes » and get no ranking."""
    text = questions.read_text(encoding="utf-8")
    items = re.findall(r"^- id: (\S+)\n(?:  .*\n)*?  tags: \{([^}]*)\}", text, re.MULTILINE)
    if not items:
        sys.exit(f"{questions} : aucune question trouvée")
    rng = random.Random(1)
    levels: dict[str, int] = {}
    lines = []
    for question, tags in items:
        loads = {tag.strip(): int(w) for tag, w in (pair.split(":") for pair in tags.split(","))}
        main = max(sorted(loads), key=lambda tag: loads[tag])
        level = levels.setdefault(main, rng.choice((1, 2, 4, 5)))
        lines.append(f"{question}: {min(5, max(1, level + rng.choice((-1, 0, 0, 1))))}\n")
    target.write_text("".join(lines), encoding="utf-8")


def make_catalogue(source: Path, target: Path, count: int) -> None:
    """*count* fiches: the shipped ones, then variants with new slugs, titles, aliases,
    search-only names and randomly drawn interest tags (the same at every run)."""
    rng = random.Random(7)
    (target / "fiches").mkdir(parents=True)
    for name in ("tags.yaml", "questions.yaml"):
        shutil.copyfile(source / name, target / name)
    tags_text = (source / "tags.yaml").read_text(encoding="utf-8")
    tag_ids = re.findall(r"^([a-z0-9-]+):\s*$", tags_text, re.MULTILINE)
    bases = sorted((source / "fiches").glob("*.yaml"))
    for base in bases:
        shutil.copyfile(base, target / "fiches" / base.name)
    texts = [base.read_text(encoding="utf-8") for base in bases]
    # `check` refuses two fiches whose weights are proportional (no answer could rank
    # one before the other): every drawn set of weights gets a direction of its own.
    taken = {_direction(_weights(text), tag_ids) for text in texts}
    for n in range(count - len(bases)):
        text = texts[n % len(texts)]
        slug = f"{_field(text, 'slug')}-v{n:05d}"
        text = _replace_field(text, "slug", slug)
        text = _replace_field(text, "title", f"{_field(text, 'title')} (variante {n})")
        # Search-only names must stay unique across the catalogue too.
        text = re.sub(r"(?m)^((?:aliases|search_only):\n(?:  - .*\n)+)", _numbered_aliases(n), text)
        text = re.sub(r"(?m)^tags:\n(?:  .*\n)+", _drawn_tags(rng, tag_ids, taken, n), text)
        (target / "fiches" / f"{slug}.yaml").write_text(text, encoding="utf-8")


def _field(text: str, name: str) -> str:
    found = re.search(rf"(?m)^{name}: (.+)$", text)
    if found is None:
        sys.exit(f"fiche sans champ « {name} » sur une ligne : variante impossible")
    return found[1]


def _replace_field(text: str, name: str, value: str) -> str:
    return re.sub(rf"(?m)^{name}: .+$", lambda _: f"{name}: {value}", text, count=1)


def _numbered_aliases(n: int) -> Callable[[re.Match[str]], str]:
    """Each alias of a variant ends with its number: names stay unique."""
    return lambda block: re.sub(r"(?m)^(  - .*)$", lambda m: f"{m[1]} {n}", block[1])


def _drawn_tags(rng: random.Random, tag_ids: list[str], taken: set[object], n: int) -> str:
    while True:
        drawn = rng.sample(tag_ids, rng.randint(3, min(6, len(tag_ids))))
        weights = dict(zip(drawn, [3] + [rng.randint(1, 3) for _ in drawn[1:]], strict=True))
        direction = _direction(weights, tag_ids)
        if direction is not None and direction not in taken:
            taken.add(direction)
            break
    lines = ["tags:"]
    for tag, weight in weights.items():
        lines += [f"  {tag}:", f"    weight: {weight}", f"    why: Poids tiré au sort ({n})."]
    return "\n".join(lines) + "\n"


def _weights(fiche_text: str) -> dict[str, int]:
    block = re.search(r"(?m)^tags:\n((?:  .*\n)+)", fiche_text)
    found = re.findall(r"(?m)^  ([a-z0-9-]+):\n    weight: (\d)", block[1] if block else "")
    return {tag: int(weight) for tag, weight in found}


def _direction(weights: dict[str, int], tag_ids: list[str]) -> tuple[int, ...] | None:
    """As `orientation.checks.direction`: centred weights over the whole vocabulary."""
    values = [weights.get(tag, 0) for tag in tag_ids]
    centred = [len(values) * v - sum(values) for v in values]
    divisor = math.gcd(*centred)
    return None if divisor == 0 else tuple(c // divisor for c in centred)


# -- report ----------------------------------------------------------------------------


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def _span(measure: Measure) -> str:
    walls = [s.wall for s in measure.samples]
    low, high = min(walls), max(walls)
    if high < 10:
        return f"{low * 1000:.0f}–{high * 1000:.0f} ms"
    return f"{low:.1f}–{high:.1f} s"


def _target(case: Case) -> str:
    parts = []
    if case.ratio is not None:
        parts.append(f"≤ {case.ratio:.1f}×")
    if case.seconds is not None:
        parts.append(f"≤ {_ms(case.seconds)}")
    if case.memory_mib is not None:
        parts.append(f"≤ {case.memory_mib:.0f} Mio")
    return ", ".join(parts) or "–"


def table(measures: Sequence[Measure]) -> str:
    """A Markdown table, readable as it is in a terminal."""
    header = ("commande", "médiane", "min–max", "× réf.", "mémoire", "cible", "")
    rows = [header]
    for m in measures:
        ratio = "1.00" if not m.case.args else (f"{m.ratio:.2f}" if m.ratio else "–")
        verdict = ("ok" if m.within_target else "HORS CIBLE") if m.has_target else ""
        label = m.case.label.replace("|", "\\|")
        rows.append(
            (label, _ms(m.median), _span(m), ratio, f"{m.peak:.1f} Mio", _target(m.case), verdict)
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for number, row in enumerate(rows):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
        lines.append("| " + " | ".join(cells) + " |")
        if number == 0:
            lines.append("|" + "|".join("-" * (width + 2) for width in widths) + "|")
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = []
    from importlib import metadata

    for package in ("orientation", "typer", "rich", "PyYAML"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} absent")
    return (
        f"{cpu}, {os.cpu_count()} cœurs ; {platform.system()} {platform.release()} ; "
        f"Python {platform.python_version()} ; " + ", ".join(versions)
    )


def report(
    startup: Sequence[Measure], scale: Sequence[Measure], fiches: int, args: argparse.Namespace
) -> str:
    today = datetime.date.today().isoformat()
    parts = [
        f"Mesuré le {today} sur : {machine()}.",
        f"Démarrage : {args.runs} tours après {args.warmup} d'échauffement, chaque commande "
        "en alternance avec la référence ; sortie dans un fichier, 80 colonnes.",
        "",
        table(startup),
    ]
    if scale:
        parts += [
            "",
            f"À l'échelle : catalogue synthétique de {fiches:,} fiches".replace(",", " ")
            + ", déjà lu une fois "
            f"(sauf la première ligne) ; {args.runs} tours, `check` {args.check_runs} fois.",
            "",
            table(scale),
        ]
    return "\n".join(parts) + "\n"


def write_doc(doc: Path, text: str) -> None:
    """Put *text* between the two markers of *doc*."""
    current = doc.read_text(encoding="utf-8")
    start, end = current.find(START_MARK), current.find(END_MARK)
    if start < 0 or end < start:
        sys.exit(f"{doc} : marqueurs {START_MARK} et {END_MARK} introuvables")
    updated = current[: start + len(START_MARK)] + "\n" + text + current[end:]
    doc.write_text(updated, encoding="utf-8")


def find_command() -> str:
    beside = Path(sys.executable).parent / "orientation"
    if beside.is_file():
        return str(beside)
    found = shutil.which("orientation")
    if found is None:
        sys.exit(
            "commande orientation introuvable : lancer ce script avec le Python de "
            "l'environnement où orientation est installé (pip install -e .)"
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="tours mesurés (défaut : 15)")
    parser.add_argument("--warmup", type=int, default=2, help="tours d'échauffement (2)")
    parser.add_argument("--fiches", type=int, default=10_000, help="taille du catalogue (10 000)")
    parser.add_argument("--check-runs", type=int, default=3, help="mesures de check (3)")
    parser.add_argument("--no-scale", action="store_true", help="sans le grand catalogue")
    parser.add_argument("--doc", type=Path, help="écrire le tableau dans ce fichier Markdown")
    args = parser.parse_args()
    command = find_command()
    with tempfile.TemporaryDirectory(prefix="orientation-bench-") as name:
        scratch = Path(name)
        runner = Runner(scratch)
        answers = scratch / "reponses.yaml"
        write_answers(CONTENT / "questions.yaml", answers)
        print("Démarrage…", file=sys.stderr)
        cases = [
            Case("show coordinateur-social", ("show", "coordinateur-social"), 1.6, None, 30),
            Case("list", ("list",), 1.8),
            Case(
                "compare (deux métiers)",
                ("compare", "coordinateur-social", "charge-d-insertion-sociale"),
                1.8,
            ),
            Case("--help", ("--help",), 1.8),
            Case(
                "quiz --answers FICHIER --json", ("quiz", "--answers", str(answers), "--json"), 1.8
            ),
        ]
        reference, startup = measure_startup(runner, command, cases, args.runs, args.warmup)
        scale: list[Measure] = []
        if not args.no_scale:
            big = scratch / "grand-catalogue"
            print(f"Catalogue de {args.fiches} fiches…", file=sys.stderr)
            make_catalogue(CONTENT, big, args.fiches)
            on_big = ("--content", str(big))
            show = ("show", "coordinateur-social", *on_big)
            scale.append(
                measure_alone(runner, command, Case("show (première lecture)", show), 1, 0)
            )
            scale += [
                measure_alone(
                    runner, command, Case("show coordinateur-social", show, None, 0.5), args.runs, 1
                ),
                measure_alone(
                    runner,
                    command,
                    Case(
                        "quiz --answers FICHIER",
                        ("quiz", "--answers", str(answers), *on_big),
                        None,
                        0.5,
                    ),
                    args.runs,
                    1,
                ),
                # Every occupation with its reasons: a 21 MB document; no target.
                measure_alone(
                    runner,
                    command,
                    Case(
                        "quiz --answers FICHIER --json",
                        ("quiz", "--answers", str(answers), "--json", *on_big),
                    ),
                    3,
                    1,
                ),
                measure_alone(
                    runner, command, Case("check", ("check", *on_big), None, 15), args.check_runs, 0
                ),
            ]
    text = report([reference, *startup], scale, args.fiches, args)
    print(text)
    if args.doc:
        write_doc(args.doc, text)
    missed = [m.case.label for m in (*startup, *scale) if not m.within_target]
    if missed:
        sys.exit("Hors cible : " + ", ".join(missed))


if __name__ == "__main__":
    main()
