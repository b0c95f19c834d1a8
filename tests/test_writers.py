"""The writers' registry: every format's documents exist and are what the commands
write; the format chosen from the options, and the message when two are given."""

from __future__ import annotations

import inspect

import pytest

from orientation import writers
from orientation.errors import UsageError


@pytest.mark.parametrize(
    ("format_name", "document"),
    [(f, d) for f, documents in writers.DOCUMENTS.items() for d in documents],
)
def test_every_registered_document_is_a_function_of_its_format(
    format_name: str, document: str
) -> None:
    function = writers.writer(format_name, document)
    assert callable(function)
    assert format_name in writers.EMITTERS
    first = next(iter(inspect.signature(function).parameters))
    assert first  # takes the view as its first argument


def test_documents_take_the_same_options_in_every_format() -> None:
    for document, options in [
        ("fiche", {"brief", "authoring", "glossary"}),
        ("results", {"saved"}),
    ]:
        for format_name, documents in writers.DOCUMENTS.items():
            if document in documents:
                taken = set(inspect.signature(writers.writer(format_name, document)).parameters)
                assert options <= taken, (format_name, document, options - taken)


def test_the_options_choose_one_format() -> None:
    assert writers.chosen(json=False, markdown=False, html=False) == "terminal"
    assert writers.chosen(json=False, markdown=True, html=False) == "markdown"
    assert writers.chosen(json=True, markdown=False, csv=None) == "json"
    with pytest.raises(UsageError, match="choisir --json ou --html, pas les deux"):
        writers.chosen(json=True, markdown=False, html=True)
    with pytest.raises(UsageError, match="parmi --json, --markdown, --html et --csv"):
        writers.chosen(json=True, markdown=True, html=True, csv=False)


@pytest.mark.slow
def test_the_show_path_imports_no_other_writer() -> None:
    from tests.helpers import imported_by

    imported = imported_by("show", "cesf")
    assert "orientation.writers.terminal" in imported  # the measure works
    others = {"markdown", "html", "json", "csv", "columns"}
    assert not {m for m in imported if m.rpartition(".")[2] in others and "writers" in m}
