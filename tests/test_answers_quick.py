"""Plain answer files (`quiz --answers`) are read without the YAML parser, and read the
same as the located reader reads them; anything else still goes the located way."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from orientation.content.catalogue import load_questions
from orientation.errors import ContentError, Problem
from orientation.results import resultsfile
from tests.helpers import orientation

QUESTIONS = load_questions()
IDS = [q.id for q in QUESTIONS]


def lines(values: dict[str, str]) -> str:
    return "".join(f"{key}: {value}\n" for key, value in values.items())


ALL = {q: str(1 + i % 5) for i, q in enumerate(IDS)}
SOME_NULL = {q: ("null" if i % 3 == 0 else "~" if i % 7 == 0 else "4") for i, q in enumerate(IDS)}

QUICK = {
    "plain": lines(ALL),
    "nulls": lines(SOME_NULL),
    "comments": "# mes réponses\n\n" + "".join(f"{q}: 2  # {q}\n" for q in IDS) + "   \n  # fin\n",
    "crlf": lines(ALL).replace("\n", "\r\n"),
    "no final newline": lines(ALL).rstrip("\n"),
    "json": json.dumps({q: (None if i % 4 == 0 else 5) for i, q in enumerate(IDS)}),
    "json indented": "\n  " + json.dumps(dict.fromkeys(IDS, 3), indent=2),
}
LOCATED = {
    "a question missing": lines(dict.fromkeys(IDS[1:], "3")),
    "an unknown question": lines({**ALL, "inconnue": "3"}),
    "a key twice": lines(ALL) + f"{IDS[0]}: 4\n",
    "a tab": lines(ALL).replace(": ", ":\t", 1),
    "a saved result": json.dumps({"format": "orientation-quiz", "version": 4, "answers": ALL}),
    "a leading zero": lines({**ALL, IDS[0]: "03"}),
    "a comment without a space": lines({**ALL, IDS[0]: "3#x"}),
    "indented": "  " + lines(ALL).replace("\n", "\n  "),
    "a document marker": "---\n" + lines(ALL),
    "a line break YAML sees in a comment": lines(ALL) + "# fin\x85zzz: 4\n",
    "a lone carriage return": lines(ALL) + "# fin\rzzz: 4\n",
    "a line separator": lines(ALL) + "# fin\u2028zzz: 4\n",
    "out of range": lines({**ALL, IDS[0]: "6"}),
    "a word": lines({**ALL, IDS[0]: "oui"}),
    "json twice": "{" + ", ".join(f'"{q}": 3' for q in [*IDS, IDS[0]]) + "}",
    "json true": json.dumps({**dict.fromkeys(IDS, 3), IDS[0]: True}),
}


def located(path: Path) -> resultsfile.AnswerSheet | ContentError:
    """What the located (YAML) reader says of *path*."""
    from orientation.content.yamlnodes import Mapping, parse_yaml, read_text

    problems: list[Problem] = []
    try:
        node = parse_yaml(read_text(path).removeprefix("\ufeff"), path)
        if isinstance(node, Mapping) and "format" not in node.entries:
            answers = resultsfile._answers(path, node, QUESTIONS, problems, saved=False)
            if problems:
                return ContentError(problems, "le fichier")
            return resultsfile.AnswerSheet(answers)
    except ContentError as exc:
        return exc
    return ContentError([])


@pytest.mark.parametrize("name", sorted(QUICK))
def test_a_plain_file_is_read_quickly_and_the_same(name: str, tmp_path: Path) -> None:
    path = tmp_path / "reponses.yaml"
    path.write_text(QUICK[name], encoding="utf-8")
    quick = resultsfile._plain_answers(QUICK[name], QUESTIONS)
    assert quick is not None
    assert quick == located(path)
    assert resultsfile.read_answers(path, QUESTIONS) == quick
    assert list(quick.answers) == IDS  # bank order


@pytest.mark.parametrize("name", sorted(LOCATED))
def test_anything_else_goes_the_located_way(name: str, tmp_path: Path) -> None:
    assert resultsfile._plain_answers(LOCATED[name], QUESTIONS) is None
    path = tmp_path / "reponses.yaml"
    path.write_text(LOCATED[name], encoding="utf-8")
    expected = located(path)
    if isinstance(expected, ContentError) and name != "a saved result":
        with pytest.raises(ContentError) as raised:
            resultsfile.read_answers(path, QUESTIONS)
        # The located reader's own words, each at its line.
        assert [p.message for p in raised.value.problems] == [p.message for p in expected.problems]
    elif name != "a saved result":
        assert resultsfile.read_answers(path, QUESTIONS) == expected
    else:
        assert resultsfile.read_answers(path, QUESTIONS).answers == {q: int(ALL[q]) for q in IDS}


@pytest.mark.slow
def test_the_quiz_reads_a_plain_file_without_pyyaml(tmp_path: Path) -> None:
    path = tmp_path / "reponses.yaml"
    path.write_text(QUICK["comments"], encoding="utf-8")
    probe = (
        "import sys\n"
        "from orientation.cli.app import app\n"
        "try:\n"
        "    app(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('yaml' in sys.modules, file=sys.stderr)\n"
    )
    for _ in range(2):  # the first run may read the content's YAML into the index
        run = orientation(
            "quiz", "--answers", str(path), "--json", command=(sys.executable, "-c", probe)
        )
    assert json.loads(run.stdout)["answered"] == len(IDS)
    assert run.stderr.strip().splitlines()[-1] == "False"
