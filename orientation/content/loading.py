"""Reading content YAML (tags.yaml, questions.yaml, the fiches) into the model of
model.py: every field checked, every problem kept with its file, line and column.

Apart from model.py because only a cold read needs it: a command served by the
index (index.py) never imports this module nor yamlnodes (docs/performance.md).
About 600 lines: one checked reader per part of a fiche, kept together so that a
field's French messages are found in one file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from orientation.content.model import (
    BASES,
    DERIVATIONS,
    EDITORIAL_FIELDS,
    MAX_LOAD,
    MAX_WEIGHT,
    MIN_ITEMS_PER_TAG,
    MIN_TAGS,
    PERIODS,
    ROME_CODE,
    STAGES,
    TAG_ID,
    Confusion,
    Editorial,
    Education,
    Environment,
    Fiche,
    Question,
    Rome,
    Salary,
    Section,
    Source,
    Tag,
    TagWeight,
    normalise,
    one_line_problem,
)
from orientation.content.paths import refuse_outside
from orientation.content.yamlnodes import Mapping, Node, Scalar, Sequence, describe, read_yaml
from orientation.errors import ContentError, Problem
from orientation.output import plural


def load_question_bank(
    path: Path, tags: tuple[Tag, ...], problems: list[Problem]
) -> tuple[Question, ...]:
    if refuse_outside(path, problems):
        return ()
    try:
        node = read_yaml(path, problems, regular=True)
    except ContentError as exc:
        problems.extend(exc.problems)
        return ()
    if not isinstance(node, Sequence):
        message = f"une liste de questions est attendue, pas {describe(node)}"
        problems.append(Problem(path, node.line, node.column, message))
        return ()
    if not node.items:
        problems.append(Problem(path, node.line, node.column, "aucune question"))
    tag_ids = {t.id for t in tags}
    questions: list[Question] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(node.items):
        fields = Fields.of(item, path, problems, f"[{index + 1}]")
        if fields is None:
            continue
        question = _question(fields, tag_ids)
        if question is None:
            continue
        if question.id in seen:
            first = seen[question.id]
            message = f"identifiant de question « {question.id} » en double (déjà ligne {first})"
            line, column = fields.place("id")
            problems.append(Problem(path, line, column, message))
            continue
        seen[question.id] = item.line
        questions.append(question)
    for tag in tags:
        count = sum(1 for q in questions if tag.id in q.loads)
        if questions and count < MIN_ITEMS_PER_TAG:
            message = (
                f"le centre d'intérêt « {tag.id} » n'est mesuré que par "
                f"{plural(count, 'question')} de {path.name} (au moins {MIN_ITEMS_PER_TAG})"
            )
            problems.append(Problem(path.parent / "tags.yaml", tag.line, tag.column, message))
    return tuple(questions)


def _question(f: Fields, tag_ids: set[str]) -> Question | None:
    question_id = f.text("id", required=True)
    if question_id is not None and not TAG_ID.fullmatch(question_id):
        line, column = f.place("id")
        message = f"identifiant « {question_id} » : minuscules ASCII et tirets seulement"
        f.problems.append(Problem(f.path, line, column, message))
        question_id = None
    text = f.text("text", required=True, one_line=True)
    tags = f.fields("tags", required=True)
    loads: dict[str, int] = {}
    if tags is not None:
        for tag_id in tags.field_names():
            if tag_ids and tag_id not in tag_ids:
                key = tags.node.entries[tag_id][0]
                hint = _did_you_mean(tag_id, tag_ids)
                f.problem(key, f"centre d'intérêt inconnu « {tag_id} »{hint}")
                continue
            weight = tags.integer(tag_id, 1, MAX_LOAD, required=True)
            if weight is not None:
                loads[tag_id] = weight
        if not 1 <= len(tags.node.entries) <= 2:
            f.problem(tags.node, "une question mesure un ou deux centres d'intérêt")
    f.finish()
    if question_id is None or text is None or not loads:
        return None
    return Question(question_id, text, loads, f.node.line, f.node.column)


def read_mapping(path: Path, problems: list[Problem]) -> Mapping | None:
    try:
        node = read_yaml(path, problems, regular=True)
    except ContentError as exc:
        problems.extend(exc.problems)
        return None
    if not isinstance(node, Mapping):
        problems.append(
            Problem(
                path,
                node.line,
                node.column,
                f"un ensemble de champs est attendu, pas {describe(node)}",
            )
        )
        return None
    return node


def load_tags(path: Path, problems: list[Problem]) -> tuple[Tag, ...]:
    if refuse_outside(path, problems):
        return ()
    node = read_mapping(path, problems)
    if node is None:
        return ()
    if len(node.entries) < MIN_TAGS:
        message = (
            f"{plural(len(node.entries), 'centre', 'centres')} d'intérêt : il en faut au moins "
            f"{MIN_TAGS} pour que le quiz distingue des profils"
        )
        problems.append(Problem(path, node.line, node.column, message))
    tags: list[Tag] = []
    for tag_id, (key, value) in node.entries.items():
        if not TAG_ID.fullmatch(tag_id):
            message = (
                f"identifiant « {tag_id} » : minuscules ASCII et tirets seulement "
                "(ex. vie-quotidienne)"
            )
            problems.append(Problem(path, key.line, key.column, message))
        fields = Fields.of(value, path, problems, tag_id)
        if fields is None:
            continue
        label = fields.text("label", required=True, one_line=True)
        description = fields.text("description", required=True)
        fields.finish()
        if label and description:
            tags.append(Tag(tag_id, label, description, key.line, key.column))
    return tuple(tags)


def load_fiche(path: Path, tag_ids: set[str], problems: list[Problem]) -> Fiche | None:
    """The fiche as far as it can be read (None if not at all); problems are appended."""
    node = read_mapping(path, problems)
    if node is None:
        return None
    f = Fields(node, path, problems, "")
    slug = f.text("slug", required=True)
    if slug is not None and not TAG_ID.fullmatch(slug):
        line, column = f.place("slug")
        message = (
            f"le slug « {slug} » doit s'écrire en minuscules sans accents, chiffres et tirets "
            f"(par exemple {normalise(slug) or 'educateur-specialise'})"
        )
        problems.append(Problem(path, line, column, message))
    elif slug is not None and slug != path.stem:
        line, column = f.place("slug")
        message = f"le slug « {slug} » doit être le nom du fichier sans .yaml (« {path.stem} »)"
        if not TAG_ID.fullmatch(path.stem):
            message = (
                f"le nom du fichier doit être le slug suivi de .yaml : renommer {path.name} "
                f"en {slug}.yaml"
            )
        if (path.parent / f"{slug}.yaml").is_file():
            message += f" ; {slug}.yaml porte déjà ce slug"
        problems.append(Problem(path, line, column, message))
    title = f.text("title", required=True, one_line=True)
    summary = f.text("summary", required=True)

    skills = f.fields("skills")
    education = f.fields("education")
    level = education.fields("level") if education else None
    environment = f.fields("environment")

    fiche = Fiche(
        slug=slug or path.stem,
        title=title or "",
        aliases=f.texts("aliases", one_line=True),
        summary=summary or "",
        description=f.text("description"),
        missions=f.texts("missions"),
        technical_skills=skills.texts("technical") if skills else (),
        interpersonal_skills=skills.texts("interpersonal") if skills else (),
        education=Education(
            level_min=level.integer("min", 0, 8) if level else None,
            level_max=level.integer("max", 0, 8) if level else None,
            diplomas=education.texts("diplomas") if education else (),
            notes=education.texts("notes") if education else (),
            derived=level.choice("derived", DERIVATIONS) if level else None,
            wording=level.text("wording", one_line=True) if level else None,
        ),
        experience=f.texts("experience"),
        environment=Environment(
            structures=environment.texts("structures") if environment else (),
            workplace=environment.text("workplace") if environment else None,
            travel=environment.text("travel") if environment else None,
            notes=environment.texts("notes") if environment else (),
        ),
        publics=f.texts("publics"),
        career=f.texts("career"),
        related=f.texts("related"),
        advantages=f.texts("advantages"),
        drawbacks=f.texts("drawbacks"),
        employers=f.texts("employers"),
        salaries=tuple(f.each("salary", _salary)),
        tags=tuple(sorted(_tags(f, tag_ids), key=lambda t: -t.weight)),
        sections=tuple(f.each("sections", _section)),
        sources=tuple(f.each("sources", _source, required=True)),
        rome=tuple(f.each("rome", _rome)),
        path=path,
        places=_places(node),
        search_only=f.texts("search_only", one_line=True),
        confusions=tuple(f.each("confusions", _confusion)),
        editorial=tuple(f.each("editorial", _editorial)),
        brief=_brief(f),
    )
    _check_editorial_fields(fiche, f)
    low, high = fiche.education.level_min, fiche.education.level_max
    if level and low is not None and high is not None and low > high:
        line, column = level.place("max")
        message = "niveau d'études : « max » est inférieur à « min »"
        problems.append(Problem(path, line, column, message))
    for sub in (skills, level, education, environment):
        if sub is not None:
            sub.finish()
    f.finish()
    return fiche


def _places(node: Mapping) -> dict[str, tuple[int, int]]:
    """Where the names and the tags of a fiche are, for problems found across files."""
    places: dict[str, tuple[int, int]] = {}
    for key in ("slug", "title", "tags"):
        if key in node.entries:
            key_node, value = node.entries[key]
            at = key_node if key == "tags" else value
            places[key] = (at.line, at.column)
    for key in ("aliases", "search_only"):
        names = node.entries.get(key, (None, None))[1]
        if isinstance(names, Sequence):
            for index, item in enumerate(names.items):
                places[f"{key}[{index + 1}]"] = (item.line, item.column)
    for key in ("salary", "editorial", "confusions", "rome"):
        items = node.entries.get(key, (None, None))[1]
        for index, item in enumerate(items.items if isinstance(items, Sequence) else ()):
            places[f"{key}[{index + 1}]"] = (item.line, item.column)
    confusions = node.entries.get("confusions", (None, None))[1]
    for index, item in enumerate(confusions.items if isinstance(confusions, Sequence) else ()):
        names = item.entries.get("names", (None, None))[1] if isinstance(item, Mapping) else None
        for rank, name in enumerate(names.items if isinstance(names, Sequence) else ()):
            places[f"confusions[{index + 1}].names[{rank + 1}]"] = (name.line, name.column)
    return places


def _salary(f: Fields) -> Salary | None:
    amount = f.integer("amount", 0, 1_000_000)
    low = f.integer("min", 0, 1_000_000)
    high = f.integer("max", 0, 1_000_000)
    period = f.choice("period", PERIODS, required=True)
    basis = f.choice("basis", BASES)
    stage = f.choice("stage", STAGES)
    source = f.text("source", required=True)
    date = f.text("date")
    note = f.text("note")
    f.finish()
    if amount is not None:
        if low is not None or high is not None:
            f.problem(f.node, "indiquer soit « amount », soit « min » et « max »")
            return None
        low = high = amount
    if low is None or high is None:
        f.problem(f.node, "montant manquant : « amount », ou « min » et « max »")
        return None
    if low > high:
        f.problem(f.node, "« min » est supérieur à « max »")
        return None
    if period is None or source is None:
        return None
    return Salary(low, high, period, basis, stage, source, date, note)


def _tags(f: Fields, tag_ids: set[str]) -> list[TagWeight]:
    tags = f.fields("tags", required=True)
    if tags is None:
        return []
    if not tags.node.entries:
        f.problem(tags.node, "champ « tags » : au moins un centre d'intérêt est requis")
    result: list[TagWeight] = []
    for tag_id in tags.field_names():
        key = tags.node.entries[tag_id][0]
        if tag_ids and tag_id not in tag_ids:
            hint = _did_you_mean(tag_id, tag_ids)
            known = ", ".join(sorted(tag_ids))
            message = f"centre d'intérêt inconnu « {tag_id} »" + (hint or f" (connus : {known})")
            f.problems.append(Problem(f.path, key.line, key.column, message))
            continue
        entry = tags.fields(tag_id, required=True)
        if entry is None:
            continue
        weight = entry.integer("weight", 0, MAX_WEIGHT, required=True)
        why = entry.text("why", required=True)
        entry.finish()
        if weight is not None and why is not None:
            result.append(TagWeight(tag_id, weight, why))
    return result


def _section(f: Fields) -> Section | None:
    heading = f.text("heading", required=True, one_line=True)
    items = f.texts("items", required=True)
    f.finish()
    return Section(heading, items) if heading and items else None


def _source(f: Fields) -> Source | None:
    document = f.text("document", required=True)
    title = f.text("title", required=True, one_line=True)
    site = f.text("site", one_line=True)
    notes = f.texts("notes")
    f.finish()
    return Source(document, title, notes, site) if document and title else None


def _confusion(f: Fields) -> Confusion | None:
    other = f.text("with", required=True, one_line=True)
    note = f.text("note", required=True)
    names = f.texts("names", one_line=True)
    editorial = f.date("editorial")
    lookalike = f.boolean("lookalike")
    f.finish()
    if not other or not note:
        return None
    return Confusion(other, note, names, editorial, bool(lookalike))


def _editorial(f: Fields) -> Editorial | None:
    name = f.text("field", required=True, one_line=True)
    note = f.text("note", required=True)
    date = f.date("date", required=True)
    figure = f.text("figure", one_line=True)
    f.finish()
    return Editorial(name, note, date, figure) if name and note and date else None


def _rome(f: Fields) -> Rome | None:
    code = f.text("code", required=True, one_line=True)
    label = f.text("label", required=True, one_line=True)
    date = f.date("date", required=True)
    why = f.text("why", required=True)
    f.finish()
    if code is not None and not ROME_CODE.fullmatch(code):
        f.problem(
            f.node.entries["code"][1],
            f"champ « {f.name}.code » : « {code} » n'est pas un code ROME (une lettre de A à N "
            "et quatre chiffres, par exemple K1201)",
        )
        return None
    return Rome(code, label, date, why) if code and label and date and why else None


BRIEF_FIELDS = ("publics", "places")


def _brief(f: Fields) -> dict[str, str]:
    brief = f.fields("brief")
    if brief is None:
        return {}
    lines = {key: brief.text(key, one_line=True) for key in BRIEF_FIELDS}
    brief.finish()
    return {key: line for key, line in lines.items() if line}


# Numbered from 1, written as notes_on looks them up (« salary[01] » would never show).
_INDEXED_FIELD = re.compile(r"(salary|confusions)\[([1-9][0-9]*|0)\]")


def _check_editorial_fields(fiche: Fiche, f: Fields) -> None:
    """Each editorial note names a rubric the fiche shows, so that it is shown with it."""
    notes = f.node.entries.get("editorial", (None, None))[1]
    items = notes.items if isinstance(notes, Sequence) else []
    counts = {"salary": len(fiche.salaries), "confusions": len(fiche.confusions)}
    for number, item in enumerate(items, 1):
        if not isinstance(item, Mapping) or "field" not in item.entries:
            continue
        value = item.entries["field"][1]
        name = value.value.strip() if isinstance(value, Scalar) and not value.is_null else ""
        indexed = _INDEXED_FIELD.fullmatch(name)
        if not name or name in EDITORIAL_FIELDS:
            continue
        if indexed and 1 <= int(indexed[2]) <= counts[indexed[1]]:
            continue
        if indexed:
            count = counts[indexed[1]]
            reason = f"n'existe pas : « {indexed[1]} » compte {plural(count, 'élément')}"
        else:
            known = ", ".join((*EDITORIAL_FIELDS, "salary[N]", "confusions[N]"))
            reason = f"n'est pas une rubrique possible ({known})"
        f.problem(value, f"champ « editorial[{number}].field » : « {name} » {reason}")


T = TypeVar("T")


# YAML 1.2's booleans (the editors' schema): the loader reads every scalar as text.
_BOOLEANS = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
}


class Fields:
    """Typed access to one mapping; each problem is recorded with its place and field name."""

    def __init__(self, node: Mapping, path: Path, problems: list[Problem], name: str) -> None:
        self.node = node
        self.path = path
        self.problems = problems
        self.name = name
        self._read: set[str] = set()

    @classmethod
    def of(cls, node: Node, path: Path, problems: list[Problem], name: str) -> Fields | None:
        if isinstance(node, Mapping):
            return cls(node, path, problems, name)
        message = f"champ « {name} » : un ensemble de champs est attendu, pas {describe(node)}"
        problems.append(Problem(path, node.line, node.column, message))
        return None

    def field_names(self) -> list[str]:
        self._read.update(self.node.entries)
        return list(self.node.entries)

    def place(self, key: str) -> tuple[int, int]:
        if key in self.node.entries:
            value = self.node.entries[key][1]
            return value.line, value.column
        return self.node.line, self.node.column

    def problem(self, node: Node, message: str) -> None:
        self.problems.append(Problem(self.path, node.line, node.column, message))

    def _full(self, key: str) -> str:
        return f"{self.name}.{key}" if self.name else key

    def _get(self, key: str, required: bool) -> Node | None:
        self._read.add(key)
        entry = self.node.entries.get(key)
        value = entry[1] if entry else None
        if value is None or (isinstance(value, Scalar) and value.is_null):
            if required:
                # `title:` left empty: point at the key (an empty value's own mark may
                # already be on the next line); an absent field: at the enclosing mapping.
                at = entry[0] if entry else self.node
                self.problem(at, f"champ « {self._full(key)} » manquant")
            return None
        return value

    def text(self, key: str, required: bool = False, one_line: bool = False) -> str | None:
        """The text of *key*; with *one_line*, a name or label (see one_line_problem)."""
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, Scalar):
            self.problem(
                value, f"champ « {self._full(key)} » : un texte est attendu, pas {describe(value)}"
            )
            return None
        text = visible(value.value)
        if not text:
            self.problem(value, f"champ « {self._full(key)} » : texte vide")
            return None
        if one_line and (reason := one_line_problem(text)):
            # Said, but kept: a tag or question left out would be reported again and again.
            self.problem(value, f"champ « {self._full(key)} » : {reason}")
        return text

    def _sequence(self, key: str, required: bool) -> Sequence | None:
        value = self._get(key, required)
        if value is None or isinstance(value, Sequence):
            return value
        message = f"champ « {self._full(key)} » : une liste est attendue, pas {describe(value)}"
        self.problem(value, message)
        return None

    def texts(self, key: str, required: bool = False, one_line: bool = False) -> tuple[str, ...]:
        value = self._sequence(key, required)
        if value is None:
            return ()
        result: list[str] = []
        for index, item in enumerate(value.items):
            if not isinstance(item, Scalar) or item.is_null or not visible(item.value):
                self.problem(
                    item,
                    f"champ « {self._full(key)}[{index + 1}] » : un texte non vide est attendu",
                )
                continue
            text = visible(item.value)
            if one_line and (reason := one_line_problem(text)):
                self.problem(item, f"champ « {self._full(key)}[{index + 1}] » : {reason}")
            result.append(text)
        if required and not result:
            self.problem(value, f"champ « {self._full(key)} » : liste vide")
        return tuple(result)

    def integer(self, key: str, low: int, high: int, required: bool = False) -> int | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not (
            isinstance(value, Scalar) and value.plain and re.fullmatch(r"-?[0-9]+", value.value)
        ):
            self.problem(value, f"champ « {self._full(key)} » : un nombre entier est attendu")
            return None
        digits = value.value.lstrip("-").lstrip("0")
        if len(digits) > len(str(max(-low, high))):  # out of range; int() fails past 4300 digits
            self.problem(
                value,
                f"champ « {self._full(key)} » : nombre de {len(digits)} chiffres, hors de "
                f"l'intervalle {low}–{high}",
            )
            return None
        number = int(digits or "0") * (-1 if value.value.startswith("-") else 1)
        if not low <= number <= high:
            self.problem(
                value, f"champ « {self._full(key)} » : {number} hors de l'intervalle {low}–{high}"
            )
            return None
        return number

    def date(self, key: str, required: bool = False) -> str | None:
        """A date written YYYY-MM-DD (kept as text: YAML never makes it a date here)."""
        value = self.text(key, required, one_line=True)
        if value is None:
            return None
        import datetime

        try:
            datetime.date.fromisoformat(value)
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
                raise ValueError(value)
        except ValueError:
            self.problem(
                self._get(key, False) or self.node,
                f"champ « {self._full(key)} » : « {value} » n'est pas une date AAAA-MM-JJ "
                "(par exemple 2026-11-30)",
            )
            return None
        return value

    def choice(self, key: str, choices: dict[str, T], required: bool = False) -> T | None:
        value = self._get(key, required)
        if value is None:
            return None
        allowed = ", ".join(choices)
        if not isinstance(value, Scalar):
            message = f"champ « {self._full(key)} » : {allowed} attendu, pas {describe(value)}"
            self.problem(value, message)
            return None
        if value.value not in choices:  # exactly: the schema's enum allows no stray spaces
            message = (
                f"champ « {self._full(key)} » : « {value.value} » n'est pas une valeur possible "
                f"({allowed})"
            )
            self.problem(value, message)
            return None
        return choices[value.value]

    def boolean(self, key: str, required: bool = False) -> bool | None:
        """A yes-or-no field: what YAML 1.2 (the editors' schema) reads as a boolean."""
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, Scalar) and value.value in _BOOLEANS:
            return _BOOLEANS[value.value]
        shown = f"« {value.value} »" if isinstance(value, Scalar) else describe(value)
        self.problem(value, f"champ « {self._full(key)} » : true ou false attendu, pas {shown}")
        return None

    def fields(self, key: str, required: bool = False) -> Fields | None:
        value = self._get(key, required)
        if value is None:
            return None
        return Fields.of(value, self.path, self.problems, self._full(key))

    def each(
        self, key: str, build: Callable[[Fields], T | None], required: bool = False
    ) -> Iterable[T]:
        value = self._sequence(key, required)
        if value is None:
            return
        if required and not value.items:
            self.problem(value, f"champ « {self._full(key)} » : liste vide")
        for index, item in enumerate(value.items):
            sub = Fields.of(item, self.path, self.problems, f"{self._full(key)}[{index + 1}]")
            if sub is not None:
                built = build(sub)
                if built is not None:
                    yield built

    def finish(self) -> None:
        """Report the fields nobody asked for: usually a typo in a field name."""
        for key, (key_node, _) in self.node.entries.items():
            if key not in self._read:
                known = [k for k in self._read if k not in self.node.entries]
                self.problem(
                    key_node, f"champ inconnu « {self._full(key)} »{_did_you_mean(key, known)}"
                )


def visible(text: str) -> str:
    """*text* without surrounding blanks, counting U+FEFF as one (editors' JSON Schema
    validators, in JavaScript, do: a text of only that is empty for them too)."""
    return text.strip().strip("\ufeff").strip()


def _did_you_mean(word: str, known: Iterable[str]) -> str:
    """« (vouliez-vous dire « x » ?) » for a likely typo of a known word, else ""."""
    import difflib

    close = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.75)
    return f" (vouliez-vous dire « {close[0]} » ?)" if close else ""


def places_of(path: Path) -> dict[str, tuple[int, int]]:
    node = read_mapping(path, [])
    return _places(node) if node is not None else {}
