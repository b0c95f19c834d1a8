"""Dated reference figures (reperes.yaml): the figures set by law or by a date (the SMIC)
that the fiches' editorial notes cite by key instead of copying them, each with its
source, since when it applies, until when at the latest, and when it was last checked.

A note cites a figure (`editorial[].figure: smic`); every view writes the figure after
the note, so that updating reperes.yaml updates every fiche. `check` says when a figure
has passed its validity, and when a gross salary is below the SMIC without a note
citing it (authoring/checks.py).

Read with the YAML parser (read_reperes) only by `check` and on a cold run: `show` reads the figures
back from the content index's folder, like the glossary (catalogue.load_reperes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orientation.errors import Problem
from orientation.output import long_date

if TYPE_CHECKING:
    import datetime
    from decimal import Decimal

FILE = "reperes.yaml"
SMIC = "smic"  # the key of the figure below which a gross salary needs a note
KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_AMOUNT = re.compile(r"[0-9]{1,7}(?:\.[0-9]{1,2})?")
MONTH_DAY = re.compile(r"(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])")


@dataclass(frozen=True)
class Figure:
    key: str  # what a note cites: `figure: smic`
    label: str  # « SMIC »
    value: str  # as shown: « 12,02 € brut de l'heure, 1 823,03 € brut par mois pour 35 h »
    since: str  # YYYY-MM-DD: in force since
    source: str  # who sets or publishes it
    checked: str  # YYYY-MM-DD: when an editor last checked it
    address: str | None = None  # where to check it
    renewed: str | None = None  # MM-DD: changed at least every year on that day
    until: str | None = None  # YYYY-MM-DD: no longer valid from that day at the latest
    monthly: str | None = None  # euros per month (« 1823.03 »), for comparing salaries
    line: int = field(default=0, compare=False)  # of its key in reperes.yaml
    column: int = field(default=0, compare=False)

    @property
    def monthly_gross(self) -> Decimal | None:
        """The monthly amount as a number (`check` compares salaries with it); made when
        asked, so that a view that only cites the figure imports no decimal."""
        return None if self.monthly is None else amount(self.monthly)

    def expires(self) -> datetime.date | None:
        """The first day on which the figure may no longer be the one in force."""
        import datetime  # `check` only: a view never asks

        ends = []
        if self.until:
            ends.append(datetime.date.fromisoformat(self.until))
        if self.renewed:
            since = datetime.date.fromisoformat(self.since)
            month, day = (int(part) for part in self.renewed.split("-"))
            next_one = since.replace(month=month, day=day)
            if next_one <= since:
                next_one = next_one.replace(year=since.year + 1)
            ends.append(next_one)
        return min(ends) if ends else None

    @property
    def cited(self) -> str:
        """The figure as a note cites it, with its date, source and check date (its
        address is in the JSON: a URL would take two lines of every narrow screen)."""
        return (
            f"{self.label} : {self.value}, depuis le {long_date(self.since)} (source : "
            f"{self.source} ; vérifié le {long_date(self.checked)})."
        )


@dataclass(frozen=True)
class Reperes:
    figures: tuple[Figure, ...] = ()

    def get(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)

    def cite(self, key: str) -> str:
        """What a note citing *key* adds; a reminder when the figure is missing (`check`
        says so: a view never fails for it)."""
        figure = self.get(key)
        return figure.cited if figure else f"(repère « {key} » introuvable dans {FILE})"


def read_reperes(root: Path, problems: list[Problem]) -> Reperes:
    """The figures as far as they can be read (none without reperes.yaml); problems are
    appended. Imports the YAML reader: `check` and a cold run only."""
    import os

    from orientation.content.loading import Fields, read_mapping
    from orientation.content.paths import refuse_outside

    path = root / FILE
    if not os.path.lexists(path) or refuse_outside(path, problems):
        return Reperes()
    node = read_mapping(path, problems)
    if node is None:
        return Reperes()
    fields = Fields(node, path, problems, "")
    figures = []
    for key in fields.field_names():
        key_node, value = node.entries[key]
        if not KEY.fullmatch(key):
            message = f"repère « {key} » : identifiant en minuscules ASCII et tirets (ex. smic)"
            fields.problem(key_node, message)
            continue
        f = Fields.of(value, path, problems, key)
        if f is None:
            continue
        label = f.text("label", required=True, one_line=True)
        shown = f.text("value", required=True)
        since = f.date("since", required=True)
        source = f.text("source", required=True)
        checked = f.date("checked", required=True)
        address = f.text("address", one_line=True)
        renewed = f.text("renewed", one_line=True)
        until = f.date("until")
        monthly = f.text("monthly_gross", one_line=True)
        f.finish()
        if renewed is not None and not MONTH_DAY.fullmatch(renewed):
            f.problem(
                f.node.entries["renewed"][1],
                f"champ « {key}.renewed » : « {renewed} » n'est pas un jour MM-JJ (01-01 : "
                "chaque 1er janvier)",
            )
            renewed = None
        if monthly is not None and amount(monthly) is None:
            f.problem(
                f.node.entries["monthly_gross"][1],
                f"champ « {key}.monthly_gross » : un montant en euros est attendu "
                "(par exemple 1823.03)",
            )
            monthly = None
        if label and shown and since and source and checked:
            figures.append(
                Figure(
                    key,
                    label,
                    shown,
                    since,
                    source,
                    checked,
                    address,
                    renewed,
                    until,
                    monthly,
                    key_node.line,
                    key_node.column,
                )
            )
    return Reperes(tuple(figures))


def amount(text: str) -> Decimal | None:
    """« 1823.03 » as euros; None if not an amount. (decimal is imported here: a view
    that reads the figures back has no amount to compare.)"""
    from decimal import Decimal

    return Decimal(text) if _AMOUNT.fullmatch(text) else None


def to_data(reperes: Reperes, key: list[Any]) -> dict[str, Any]:
    rows = [
        [
            f.key,
            f.label,
            f.value,
            f.since,
            f.source,
            f.checked,
            f.address,
            f.renewed,
            f.until,
            f.monthly,
            f.line,
            f.column,
        ]
        for f in reperes.figures
    ]
    return {"key": key, "figures": rows}


def from_data(saved: Any, key: list[Any]) -> Reperes | None:
    """The figures kept in *saved* for *key*; None if not of the shape to_data writes."""
    if type(saved) is not dict or saved.keys() != {"key", "figures"} or saved["key"] != key:
        return None
    if type(saved["figures"]) is not list:
        return None
    figures = []
    for row in saved["figures"]:
        if type(row) is not list or len(row) != 12:
            return None
        key_, label, value, since, source, checked, address, renewed, until = row[:9]
        monthly, line, column = row[9:]
        required = (key_, label, value, since, source, checked)
        if not all(type(t) is str for t in required):
            return None
        if not all(type(t) in (str, type(None)) for t in (address, renewed, until, monthly)):
            return None
        if type(line) is not int or type(column) is not int:
            return None
        if monthly is not None and not _AMOUNT.fullmatch(monthly):
            return None
        figures.append(
            Figure(
                key_,
                label,
                value,
                since,
                source,
                checked,
                address,
                renewed,
                until,
                monthly,
                line,
                column,
            )
        )
    return Reperes(tuple(figures))


ROME_FILE = "rome.yaml"


@dataclass(frozen=True)
class RomeList:
    """The ROME codes the fiches may cite (rome.yaml), with their labels: `check` compares
    each fiche's code and label to it."""

    checked: str | None = None  # YYYY-MM-DD
    labels: dict[str, str] = field(default_factory=dict)  # code -> label
    source: str | None = None  # who publishes the ROME (a printed fiche names it)
    address: str | None = None  # where to look the codes up
    places: dict[str, tuple[int, int]] = field(default_factory=dict)  # code -> line, column
    line: int = 1  # of `checked`
    column: int = 1


def read_rome_list(root: Path, problems: list[Problem]) -> RomeList | None:
    """The list of rome.yaml as far as it can be read; None without the file."""
    import os

    from orientation.content.loading import Fields, read_mapping
    from orientation.content.model import ROME_CODE
    from orientation.content.paths import refuse_outside

    path = root / ROME_FILE
    if not os.path.lexists(path) or refuse_outside(path, problems):
        return None
    node = read_mapping(path, problems)
    if node is None:
        return RomeList()
    f = Fields(node, path, problems, "")
    checked = f.date("checked", required=True)
    source = f.text("source", required=True)
    address = f.text("address", one_line=True)
    codes = f.fields("codes", required=True)
    labels: dict[str, str] = {}
    places: dict[str, tuple[int, int]] = {}
    for code in codes.field_names() if codes else []:
        assert codes is not None
        key = codes.node.entries[code][0]
        if not ROME_CODE.fullmatch(code):
            codes.problem(
                key, f"« {code} » n'est pas un code ROME (une lettre de A à N et quatre chiffres)"
            )
            continue
        label = codes.text(code, required=True, one_line=True)
        if label:
            labels[code] = label
            places[code] = (key.line, key.column)
    f.finish()
    line, column = f.place("checked")
    return RomeList(checked, labels, source, address, places, line, column)
