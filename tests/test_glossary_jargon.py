"""The jargon a counsellor found unexplained in the fiches (issue 28) has its entry, and
each entry is one the fiches use."""

from __future__ import annotations

import pytest

from orientation.content.catalogue import load_glossary
from orientation.content.model import default_root
from tests.helpers import invoke
from tests.test_glossary import fiche_texts

JARGON = {
    "statut de cadre": "statut de cadre",
    "veille stratégique et législative": "veille stratégique et législative",
    "technologies sociales": "technologies sociales",
    "approche socio-éducative": "approche socio-éducative",
    "prestations de protection sociale": "prestations de protection sociale",
    "droit administratif": "droit administratif",
    "projet de vie": "projet de vie",
    "niveau 7": "niveau 7",
    "assistant familial": "assistant·e familial·e",
    "assistante sociale": "assistant·e social·e",
    "assistant social": "assistant·e social·e",
}


@pytest.mark.parametrize(("typed", "term"), JARGON.items())
def test_the_jargon_has_an_entry(typed: str, term: str) -> None:
    code, out, _ = invoke("glossaire", typed)
    assert code == 0, out
    assert out.splitlines()[0] == term


def test_each_new_entry_is_used_by_a_fiche() -> None:
    glossary = load_glossary(default_root(), cache=False)
    texts = [t for path in (default_root() / "fiches").glob("*.yaml") for t in fiche_texts(path)]
    used = {t.term for t in glossary.used_in(texts)}
    assert set(JARGON.values()) <= used, set(JARGON.values()) - used
