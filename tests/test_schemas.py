"""The JSON Schemas an editor uses (content/schemas/) agree with the loader.

An editor with a YAML language server reads the files as YAML 1.2 (core schema)
and validates them against the schemas. The promise to authors: whatever the
editor flags, `orientation check` refuses too (the loader checks more: file
names, cross-file names, the vocabulary, min <= max...). So every shipped file
validates, and for a large set of mutated files, schema rejects => loader rejects.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orientation.content.catalogue import load_catalogue, load_glossary, load_questions
from orientation.content.model import default_root
from orientation.content.yamlnodes import Mapping, Node, Scalar, Sequence, read_yaml
from orientation.errors import ContentError

SCHEMAS = default_root() / "schemas"


def schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMAS / f"{name}.schema.json").read_text("utf-8"))
    return data


VALIDATORS = {
    name: jsonschema.Draft7Validator(schema(name))
    for name in ("fiche", "tags", "questions", "glossaire")
}

# YAML 1.2 core schema, as the YAML language server resolves plain scalars.
_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False}
_BOOL["FALSE"] = False
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def as_json(node: Node) -> Any:
    """What an editor sees: the node tree with YAML 1.2 core types."""
    if isinstance(node, Mapping):
        return {key: as_json(value) for key, (_, value) in node.entries.items()}
    if isinstance(node, Sequence):
        return [as_json(item) for item in node.items]
    assert isinstance(node, Scalar)
    if not node.plain:
        return node.value
    value = node.value
    if _NULL.fullmatch(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.fullmatch(value):
        return int(value)
    if re.fullmatch(r"0o[0-7]+", value):
        return int(value[2:], 8)
    if re.fullmatch(r"0x[0-9a-fA-F]+", value):
        return int(value[2:], 16)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def schema_accepts(kind: str, path: Path) -> bool:
    try:
        data = as_json(read_yaml(path))
    except ContentError:
        return False  # not even YAML the editor could read
    return bool(VALIDATORS[kind].is_valid(data))


def loader_accepts(root: Path) -> bool:
    try:
        load_catalogue(root)
        load_questions(root)
        load_glossary(root, cache=False)
    except ContentError:
        return False
    return True


# --- Every shipped file validates -------------------------------------------------


def shipped_files() -> list[tuple[str, Path]]:
    root = default_root()
    files = [("tags", root / "tags.yaml"), ("questions", root / "questions.yaml")]
    files.append(("glossaire", root / "glossaire.yaml"))
    return files + [("fiche", path) for path in sorted((root / "fiches").glob("*.yaml"))]


@pytest.mark.parametrize(("kind", "path"), shipped_files(), ids=lambda v: getattr(v, "name", v))
def test_shipped_file_validates(kind: str, path: Path) -> None:
    errors = [e.message for e in VALIDATORS[kind].iter_errors(as_json(read_yaml(path)))]
    assert errors == []


def test_each_shipped_fiche_points_its_editor_to_the_schema() -> None:
    for kind, path in shipped_files():
        first = path.read_text("utf-8").splitlines()[0]
        target = "../schemas/fiche" if kind == "fiche" else f"schemas/{kind}"
        assert first == f"# yaml-language-server: $schema={target}.schema.json", path


def test_schemas_are_what_the_script_writes() -> None:
    script = Path(__file__).resolve().parent.parent / "scripts" / "make_schemas.py"
    result = subprocess.run(
        [sys.executable, script, "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout


def test_schemas_complete_the_shipped_vocabulary() -> None:
    tags = yaml.safe_load((default_root() / "tags.yaml").read_text("utf-8"))
    fiche_tags = schema("fiche")["properties"]["tags"]["properties"]
    assert list(fiche_tags) == list(tags)
    for tag_id, entry in fiche_tags.items():
        assert entry["description"] == f"{tags[tag_id]['label']} : {tags[tag_id]['description']}"
    question_tags = schema("questions")["items"]["properties"]["tags"]["properties"]
    assert list(question_tags) == list(tags)


# --- Schema rejects => loader rejects ---------------------------------------------

COMPLETE_FICHE = """\
slug: coordinateur-social
title: Coordinateur·rice social·e
aliases: [coordinatrice sociale]
search_only: [coordinateur social]
confusions:
  - {with: Assistant·e social·e, note: Une autre formation., names: [assistant social],
     editorial: "2026-11-30", lookalike: true}
editorial:
  - {field: "salary[1]", note: Inférieur au SMIC., date: "2026-11-30", figure: smic}
brief: {publics: familles, places: associations}
summary: Accompagne des personnes dans leurs démarches.
description: Un paragraphe.
missions: [Accueillir.]
skills: {technical: [Droit.], interpersonal: [Écoute.]}
education:
  level: {min: 2, max: 3, derived: diplomas, wording: post-bac}
  diplomas: [DEIS]
  notes: [Alternance possible.]
experience: [Deux ans.]
environment:
  structures: [Associations]
  workplace: Bureau et terrain.
  travel: Fréquents.
  notes: [En équipe.]
publics: [Familles]
career: [Encadrement.]
related: [Assistant·e social·e]
advantages: [Utile.]
drawbacks: [Exigeant.]
employers: [CCAS]
salary:
  - {min: 1600, max: 1800, period: month, basis: gross, stage: start, source: S, date: "2024",
     note: Une note.}
  - {amount: 30000, period: year, source: S}
tags:
  administratif: {weight: 3, why: Cœur du métier.}
  empathie: {weight: 0, why: Rien.}
sections:
  - {heading: Statut, items: [Cadre.]}
sources:
  - {document: doc.txt, title: Titre, site: Blog, notes: [Rien d'écarté.]}
rome:
  - {code: K1201, label: Action sociale, date: "2026-12-04", why: Le plus proche.}
"""

ODD_VALUES: list[Any] = [
    None,
    "",
    "   ",
    "x",
    "3",
    7,
    -1,
    10**7,
    3.5,
    True,
    [],
    ["x"],
    [None],
    {},
    {"x": "y"},
    "week",
    "bureaucratie",
]


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key path of the document (first item only for lists)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list) and data:
        yield (*prefix, 0)
        yield from _paths(data[0], (*prefix, 0))


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _container(data: Any, path: tuple[Any, ...]) -> Any:
    return _at(data, path[:-1])


def mutations(data: Any) -> Iterator[Any]:
    """The document with one thing changed: each value replaced by odd ones, each key
    dropped or misspelt, an unknown key added to each mapping."""
    for path in _paths(data):
        for value in ODD_VALUES:
            changed = copy.deepcopy(data)
            _container(changed, path)[path[-1]] = value
            yield changed
        if isinstance(_container(data, path), dict):
            dropped = copy.deepcopy(data)
            del _container(dropped, path)[path[-1]]
            yield dropped
            misspelt = copy.deepcopy(data)
            parent = _container(misspelt, path)
            parent[f"{path[-1]}s"] = parent.pop(path[-1])
            yield misspelt
    for path in [(), *_paths(data)]:
        if isinstance(_at(data, path), dict):
            extra = copy.deepcopy(data)
            _at(extra, path)["inconnu"] = "x"
            yield extra


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture
def one_fiche_root(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "fiches").mkdir(parents=True)
    for name in ("tags.yaml", "questions.yaml"):
        shutil.copy(default_root() / name, root / name)
    return root


def agreement(root: Path, kind: str, path: Path, documents: Iterator[Any]) -> tuple[int, int]:
    """Write each document to *path*; fail on schema-rejects-but-loader-accepts.
    Return (documents tried, documents the schema rejected)."""
    tried = rejected = 0
    for document in documents:
        path.write_text(dump(document), encoding="utf-8")
        tried += 1
        if not schema_accepts(kind, path):
            rejected += 1
            if loader_accepts(root):
                errors = VALIDATORS[kind].iter_errors(as_json(read_yaml(path)))
                reasons = [f"{list(e.absolute_path)}: {e.message}" for e in errors]
                pytest.fail(f"the schema rejects, the loader accepts: {reasons}")
    return tried, rejected


def test_complete_fiche_is_valid_for_both(one_fiche_root: Path) -> None:
    path = one_fiche_root / "fiches" / "coordinateur-social.yaml"
    path.write_text(COMPLETE_FICHE, encoding="utf-8")
    assert schema_accepts("fiche", path)
    assert loader_accepts(one_fiche_root)
    properties = set(schema("fiche")["properties"])
    assert set(yaml.safe_load(COMPLETE_FICHE)) == properties  # it exercises every field


@pytest.mark.slow
def test_fiche_mutations(one_fiche_root: Path) -> None:
    path = one_fiche_root / "fiches" / "coordinateur-social.yaml"
    base = yaml.safe_load(COMPLETE_FICHE)
    tried, rejected = agreement(one_fiche_root, "fiche", path, mutations(base))
    assert tried > 700
    assert rejected > tried // 2  # the schema does catch most mistakes while typing


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "share"), [("questions", 2), ("tags", 3)])
def test_vocabulary_and_questions_mutations(one_fiche_root: Path, kind: str, share: int) -> None:
    (one_fiche_root / "fiches" / "a.yaml").write_text(
        COMPLETE_FICHE.replace("coordinateur-social", "a"), encoding="utf-8"
    )
    path = one_fiche_root / f"{kind}.yaml"
    base = yaml.safe_load(path.read_text("utf-8"))
    tried, rejected = agreement(one_fiche_root, kind, path, mutations(base))
    assert rejected > tried // share


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 2_000_000),
    st.text(max_size=6),
    st.sampled_from(["month", "year", "gross", "start", "administratif", "a-b", " ", "~"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


@pytest.mark.slow
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_fiche_changes(one_fiche_root: Path, data: st.DataObject) -> None:
    document = yaml.safe_load(COMPLETE_FICHE)
    paths = list(_paths(document))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        _container(document, path)[path[-1]] = data.draw(VALUES)
        paths = list(_paths(document)) or paths
    agreement(
        one_fiche_root,
        "fiche",
        one_fiche_root / "fiches" / "coordinateur-social.yaml",
        iter([document]),
    )


COMPLETE_GLOSSARY = """\
terms:
  CCAS:
    definition: "Centre communal d'action sociale : le service social d'une commune."
    forms: [CCAS, Centre communal d'action sociale]
    checked: 2026-11-30
  Pôle emploi:
    definition: Ancien nom de France Travail.
    today: France Travail
    since: 1er janvier 2024
    checked: 2026-11-30
watch: [CCAS, PJJ]
"""


@pytest.mark.slow
def test_glossary_mutations(one_fiche_root: Path) -> None:
    (one_fiche_root / "fiches" / "a.yaml").write_text(
        COMPLETE_FICHE.replace("coordinateur-social", "a"), encoding="utf-8"
    )
    path = one_fiche_root / "glossaire.yaml"
    path.write_text(COMPLETE_GLOSSARY, encoding="utf-8")
    assert schema_accepts("glossaire", path)
    assert loader_accepts(one_fiche_root)
    base = yaml.safe_load(COMPLETE_GLOSSARY)
    for term in base["terms"].values():
        term["checked"] = str(term["checked"])  # YAML 1.1 made it a date; it is text
    tried, rejected = agreement(one_fiche_root, "glossaire", path, mutations(base))
    assert tried > 150
    assert rejected > tried // 3
