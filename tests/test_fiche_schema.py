"""One fiche schema: the model (orientation/content/model.py, `Fiche` and its parts) is
the single source of a fiche's fields, and every other place that lists them agrees
with it, by name, optionality and nesting:

- the loader (content/loading.py, `load_fiche`): the fields it asks for;
- the JSON Schema for editors (scripts/make_schemas.py, content/schemas/fiche.schema.json);
- the index (content/index.py): it decodes a kept fiche from the model's own types,
  so it needs no list; checked by keeping and reading back a fiche with every field;
- the commented template of `orientation new` (authoring/fiche-modele.yaml);
- the table of fields of the authors' guide (docs/content.md, « Les champs »);
- COMPLETE_FICHE (tests/test_schemas.py), the fiche with every field that the schema
  tests mutate.

A field is named here as the YAML writes it: `salary[].min` is the `min` of each item
of the `salary` list, `tags.*.weight` the `weight` under each tag id. Where the YAML
says it otherwise than the model (`skills.technical` for `technical_skills`), the
tables below say so: they hold only what the model's types cannot.
"""

from __future__ import annotations

import json
import re
import types
import typing
from dataclasses import MISSING, asdict, fields, is_dataclass
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml

from orientation.content import index, loading
from orientation.content.model import (
    Confusion,
    Education,
    Fiche,
    Salary,
    TagWeight,
    default_root,
)
from orientation.errors import Problem
from tests.test_schemas import COMPLETE_FICHE, schema

REPOSITORY = Path(__file__).resolve().parent.parent
TEMPLATE = REPOSITORY / "orientation" / "authoring" / "fiche-modele.yaml"
GUIDE = REPOSITORY / "docs" / "content.md"

# --- What the model's types do not say -----------------------------------------------

# The YAML name of a model field, where it is not the field's own; None: not written in
# the YAML at all.
YAML_NAMES: dict[tuple[type, str], str | None] = {
    (Fiche, "path"): None,  # the file's
    (Fiche, "places"): None,  # where its names are in the file
    (Fiche, "technical_skills"): "skills.technical",
    (Fiche, "interpersonal_skills"): "skills.interpersonal",
    (Fiche, "salaries"): "salary",
    (Education, "level_min"): "level.min",
    (Education, "level_max"): "level.max",
    (Education, "derived"): "level.derived",
    (Education, "wording"): "level.wording",
    (Salary, "low"): "min",
    (Salary, "high"): "max",
    (Confusion, "other"): "with",
    (TagWeight, "tag"): None,  # the key of its mapping (KEYED)
}
# Lists of items that the YAML writes as a mapping: the first field of each item is its key.
KEYED = {(Fiche, "tags")}
# Lists that must hold something (a tuple may be empty to the model).
REQUIRED_LISTS = {"tags", "sources", "sections[].items"}
# Model values the YAML may leave out, and YAML fields with no model field of their own.
NOT_REQUIRED = {"salary[].min", "salary[].max"}  # or `amount`
YAML_ONLY = {"salary[].amount": ("value", False)}  # one amount: min = max
# The keys of a dict field (the model says only dict[str, str]).
DICT_KEYS: dict[tuple[type, str], tuple[str, ...]] = {(Fiche, "brief"): loading.BRIEF_FIELDS}


class Field(NamedTuple):
    kind: str  # "value", "list" or "map"
    required: bool
    origin: str = ""  # the model field it comes from (not compared)

    def same(self, other: Field) -> bool:
        return (self.kind, self.required) == (other.kind, other.required)

    def __str__(self) -> str:
        said = f"{self.kind}, {'required' if self.required else 'optional'}"
        return f"{said}; model: {self.origin}" if self.origin else said


Tree = dict[str, Field]


def _unwrap(hint: Any) -> tuple[Any, bool]:
    """The type inside `X | None`, and whether None was allowed."""
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        args = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(args) == 1 and len(args) < len(typing.get_args(hint)):
            return args[0], True
    return hint, False


def model_tree() -> Tree:
    """Every YAML field of a fiche, as the model gives it."""
    tree: Tree = {}
    _walk_model(Fiche, "", tree)
    for path, (kind, required) in YAML_ONLY.items():
        tree[path] = Field(kind, required, "none: the YAML only")
    return tree


def _walk_model(cls: type, prefix: str, tree: Tree) -> None:
    hints = typing.get_type_hints(cls)
    for item in fields(cls):
        name = YAML_NAMES.get((cls, item.name), item.name)
        if name is None:
            continue
        path = prefix + name
        origin = f"{cls.__name__}.{item.name}"
        # `education.level.min`: the groups on the way are optional mappings.
        for dot in [m.start() for m in re.finditer(r"\.", name)]:
            tree.setdefault(prefix + name[:dot], Field("map", False, f"the group of {origin}"))
        hint, optional = _unwrap(hints[item.name])
        container = typing.get_origin(hint)
        if container is tuple:
            member = typing.get_args(hint)[0]
            if (cls, item.name) in KEYED:
                tree[path] = Field("map", path in REQUIRED_LISTS, origin)
                tree[f"{path}.*"] = Field("map", True, origin)
                _walk_model(member, f"{path}.*.", tree)
            else:
                tree[path] = Field("list", path in REQUIRED_LISTS, origin)
                if is_dataclass(member):
                    _walk_model(typing.cast(type, member), f"{path}[].", tree)
        elif container is dict:
            tree[path] = Field("map", False, origin)
            for key in DICT_KEYS[(cls, item.name)]:
                tree[f"{path}.{key}"] = Field("value", False, origin)
        elif is_dataclass(hint):
            tree[path] = Field("map", False, origin)
            _walk_model(typing.cast(type, hint), f"{path}.", tree)
        else:
            given = item.default is not MISSING or item.default_factory is not MISSING
            required = not optional and not given and path not in NOT_REQUIRED
            tree[path] = Field("value", required, origin)


MODEL = model_tree()


def disagreements(place: str, found: Tree, expected: Tree = MODEL) -> list[str]:
    """What *place* says otherwise than the model, one line each."""
    lines = [f"{place} lacks `{path}` ({expected[path]})" for path in expected if path not in found]
    lines += [
        f"{place} has `{path}`, which the model has not (add it to the model, or rename it "
        "in YAML_NAMES)"
        for path in found
        if path not in expected
    ]
    lines += [
        f"{place} has `{path}` as {found[path]}, the model as {expected[path]}"
        for path in expected
        if path in found and not found[path].same(expected[path])
    ]
    return lines


def test_the_model_tree_is_what_the_yaml_writes() -> None:
    """The tables above, read with the model: a few fields the test knows by heart."""
    known = {
        "slug": ("value", True),
        "skills": ("map", False),
        "education.level.min": ("value", False),
        "salary[].period": ("value", True),
        "tags.*.weight": ("value", True),
        "sources": ("list", True),
        "brief.places": ("value", False),
    }
    assert {path: MODEL[path][:2] for path in known} == known
    assert "path" not in MODEL
    assert "tags.*.tag" not in MODEL


# --- The loader -------------------------------------------------------------------

_KINDS = {
    "text": "value",
    "integer": "value",
    "choice": "value",
    "boolean": "value",
    "texts": "list",
    "each": "list",
    "fields": "map",
}


def _normalised(path: str) -> str:
    """« salary[2].min » -> « salary[].min », « tags.administratif.why » -> « tags.*.why »."""
    path = re.sub(r"\[[0-9]+\]", "[]", path)
    for cls, name in KEYED:
        key = YAML_NAMES.get((cls, name), name)
        path = re.sub(rf"^{re.escape(str(key))}\.[^.]+", f"{key}.*", path)
    return path


@pytest.fixture
def fiche_file(tmp_path: Path) -> Path:
    path = tmp_path / "coordinateur-social.yaml"
    path.write_text(COMPLETE_FICHE, encoding="utf-8")
    return path


def tag_ids() -> set[str]:
    return set(yaml.safe_load((default_root() / "tags.yaml").read_text("utf-8")))


def read(path: Path) -> Fiche:
    problems: list[Problem] = []
    fiche = loading.load_fiche(path, tag_ids(), problems)
    assert problems == []
    assert fiche is not None
    return fiche


def load_asked(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Fiche, Tree]:
    """The fiche of *path*, and every field load_fiche asked for while reading it."""
    import inspect

    asked: Tree = {}

    def watch(method: str) -> None:
        original = getattr(loading.Fields, method)
        signature = inspect.signature(original)

        def watched(self: loading.Fields, *args: Any, **kwargs: Any) -> Any:
            call = signature.bind(self, *args, **kwargs)
            call.apply_defaults()
            full = self._full(call.arguments["key"])
            asked[_normalised(full)] = Field(_KINDS[method], call.arguments["required"])
            return original(self, *args, **kwargs)

        monkeypatch.setattr(loading.Fields, method, watched)

    for method in _KINDS:
        watch(method)
    return read(path), asked


def test_the_loader_reads_the_model_fields(
    fiche_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, asked = load_asked(fiche_file, monkeypatch)
    problems = disagreements("the loader (content/loading.py, load_fiche)", asked)
    assert not problems, "\n".join(problems)


def _empty(value: object) -> bool:
    return value is None or value in ("", (), {})


def unset(values: list[Any], cls: type, prefix: str = "") -> list[str]:
    """The fields of *cls* (dotted model names) that no value of *values* sets."""
    missing: list[str] = []
    for item in fields(cls):
        if (cls, item.name) in YAML_NAMES and YAML_NAMES[(cls, item.name)] is None:
            continue
        name = f"{prefix}{cls.__name__}.{item.name}"
        found = [getattr(value, item.name) for value in values]
        if all(_empty(value) for value in found):
            missing.append(name)
            continue
        inner = [v for value in found for v in (value if isinstance(value, tuple) else [value])]
        if inner and all(is_dataclass(v) for v in inner):
            missing += unset(inner, type(inner[0]), f"{name} -> ")
    return missing


def test_the_complete_fiche_sets_every_field(fiche_file: Path) -> None:
    """COMPLETE_FICHE, which the schema tests change one field at a time, has every field
    of the model, and the loader fills each one from it."""
    fiche = read(fiche_file)
    written: Tree = {}
    _yaml_paths(yaml.safe_load(COMPLETE_FICHE), "", written)
    missing = [path for path in MODEL if path not in written]
    assert not missing, f"COMPLETE_FICHE (tests/test_schemas.py) lacks {missing}"
    left = unset([fiche], Fiche)
    assert not left, f"load_fiche (content/loading.py) leaves {left} unset from COMPLETE_FICHE"


def _yaml_paths(data: Any, prefix: str, tree: Tree) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            path = _normalised(f"{prefix}{key}")
            tree[path] = Field("", False)
            _yaml_paths(value, path + ".", tree)
    elif isinstance(data, list):
        for item in data:
            _yaml_paths(item, prefix[:-1] + "[].", tree)


# --- The JSON Schema ------------------------------------------------------------------


def schema_tree(document: dict[str, Any]) -> Tree:
    """Every field the fiche schema describes."""
    definitions = document.get("definitions", {})

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = definitions[node["$ref"].rsplit("/", 1)[1]]
        return node

    def kinds(node: dict[str, Any]) -> list[str]:
        kind = node.get("type", [])
        return [kind] if isinstance(kind, str) else list(kind)

    def kind(node: dict[str, Any]) -> str:
        found = kinds(node)
        return "map" if "object" in found else "list" if "array" in found else "value"

    tree: Tree = {}

    def walk(node: dict[str, Any], prefix: str) -> None:
        if "propertyNames" in node:  # keyed by ids; its properties only complete them
            child = resolve(node["additionalProperties"])
            tree[f"{prefix}*"] = Field(kind(child), "null" not in kinds(child))
            below(child, f"{prefix}*")
            return
        for name, value in node.get("properties", {}).items():
            child = resolve(value)
            tree[prefix + name] = Field(kind(child), name in node.get("required", ()))
            below(child, prefix + name)

    def below(node: dict[str, Any], path: str) -> None:
        if kind(node) == "map":
            walk(node, f"{path}.")
        elif kind(node) == "list" and "items" in node:
            item = resolve(node["items"])
            if kind(item) == "map":
                walk(item, f"{path}[].")

    walk(document, "")
    return tree


def test_the_schema_has_the_model_fields() -> None:
    found = schema_tree(schema("fiche"))
    place = "the fiche schema (scripts/make_schemas.py, then run it)"
    problems = disagreements(place, found)
    assert not problems, "\n".join(problems)


# --- The index ------------------------------------------------------------------------


def test_the_index_keeps_every_field(fiche_file: Path, tmp_path: Path) -> None:
    """A fiche kept in the index is read back whole: _build decodes each field from the
    model's types, so a field of a type it cannot decode is named here."""
    fiche = read(fiche_file)
    entry = fiche.entry("stamp")
    index._Store(tmp_path / "kept", ["code"]).keep(entry, fiche)
    back = index._Store(tmp_path / "kept", ["code"]).get(entry)
    if back != fiche:
        data = asdict(fiche)
        del data["path"]
        data = json.loads(json.dumps(data))
        hints = index._hints(Fiche)
        lost = []
        for name in data:
            try:
                built = index._build(data[name], hints[name])
            except index._Damaged:
                built = index._Damaged
            if built != getattr(fiche, name):
                lost.append(f"Fiche.{name}")
        pytest.fail(f"the index (content/index.py, _build) does not give back {sorted(lost)}")


# --- The template of `orientation new` ---------------------------------------------------

# Not shown in the template, with the reason. Each must still be missing from it.
NOT_IN_TEMPLATE = {
    "salary[].amount": "the template shows min and max; the guide shows amount",
    "salary[].note": "not in the template yet; the guide shows it",
}

_TEMPLATE_KEY = re.compile(r"(#?)( *)(- )?([a-z_]+|@FIRST_TAG@):(?: |$)")


def template_tree(text: str) -> tuple[Tree, set[str]]:
    """The fields the template writes, commented out or not, and those it leaves
    uncommented at the top (the required ones, to fill in)."""
    tree: Tree = {}
    uncommented: set[str] = set()
    stack: list[tuple[int, str]] = [(-1, "")]
    for line in text.splitlines():
        match = _TEMPLATE_KEY.match(line)
        if not match:
            continue
        commented, spaces, dash, key = match.groups()
        column = len(spaces) - len(commented)  # "# aliases:" is aliases: at column 0
        if dash:
            while stack[-1][0] >= column:
                stack.pop()
            stack.append((column, f"{stack[-1][1]}[]"))
            column += 2
        while stack[-1][0] >= column:
            stack.pop()
        parent = stack[-1][1]
        path = f"{parent}.{'*' if key.startswith('@') else key}".lstrip(".")
        tree[path] = Field("", False)
        stack.append((column, path))
        if not commented and column == 0:
            uncommented.add(path)
    return tree, uncommented


def test_the_template_shows_the_model_fields() -> None:
    shown, uncommented = template_tree(TEMPLATE.read_text("utf-8"))
    place = "the template of `orientation new` (authoring/fiche-modele.yaml)"
    problems = [
        f"{place} lacks `{path}` ({field})"
        for path, field in MODEL.items()
        if path not in shown and path not in NOT_IN_TEMPLATE
    ]
    problems += [f"{place} has `{path}`, which the model has not" for path in shown - MODEL.keys()]
    problems += [
        f"{place} now shows `{path}`: remove it from NOT_IN_TEMPLATE"
        for path in NOT_IN_TEMPLATE
        if path in shown
    ]
    required = {path for path, field in MODEL.items() if "." not in path and field.required}
    problems += [
        f"{place} leaves `{path}` uncommented: only the required fields are"
        for path in sorted(uncommented - required)
    ]
    problems += [
        f"{place} leaves `{path}`, a required field, commented out"
        for path in sorted(required - uncommented)
    ]
    assert not problems, "\n".join(problems)


# --- The table of fields of the authors' guide ----------------------------------------------


def guide() -> tuple[dict[str, bool], str]:
    """docs/content.md: its table of fields (name -> required), and the text of its part
    on the fiche file, where the fields of items and groups are shown."""
    text = GUIDE.read_text("utf-8")
    part = text[text.index("## Le fichier") : text.index("## Pièges YAML")]
    table = part[part.index("### Les champs") :].split("\n\n")[1]
    rows: dict[str, bool] = {}
    for line in table.splitlines()[2:]:
        names, required, _ = line.strip("|").split("|", 2)
        for name in re.findall(r"`([^`]+)`", names):
            rows[name] = required.strip() == "oui"
    return rows, part


def test_the_guide_lists_the_model_fields() -> None:
    rows, part = guide()
    place = "the table of docs/content.md (« Les champs »)"
    problems = [f"{place} has `{name}`, which the model has not" for name in rows.keys() - MODEL]
    top = {path for path in MODEL if re.fullmatch(r"[a-z_]+", path)}
    listed = {name.split(".")[0] for name in rows}
    problems += [f"{place} lacks `{name}` ({MODEL[name]})" for name in sorted(top - listed)]
    problems += [
        f"{place} says `{name}` is {'' if required else 'not '}required; the model: {MODEL[name]}"
        for name, required in rows.items()
        if name in MODEL and MODEL[name].required != required
    ]
    # The fields of items and groups not in the table: named in its text or in an example.
    for path in sorted(MODEL.keys() - rows.keys() - top):
        if path.endswith("*") or any(row.startswith(f"{path}.") for row in rows):
            continue  # `skills`: its fields are rows
        name = re.split(r"[.\[\]*]+", path)[-1]
        if not re.search(rf"`{name}`|(^|[\s«-]){name}:", part, re.MULTILINE):
            problems.append(f"docs/content.md (« Le fichier ») never shows `{path}`")
    assert not problems, "\n".join(problems)
