"""The content index (orientation/index.py): the same results with and without it,
never stale. No timing here: the benchmark measures (benchmarks/run.py)."""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import astuple
from pathlib import Path

import pytest

from orientation.content import cache
from orientation.content.catalogue import load_catalogue, load_questions
from orientation.content.model import Catalogue
from orientation.errors import ContentError
from tests.helpers import orientation

FICHE = "coordinateur-social"


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as changed two seconds ago, so the index keeps
    them (a real run keeps only files left alone for a second)."""
    monkeypatch.setattr(cache, "now", lambda: time.time_ns() + 2 * cache.SETTLED_NS)


def snapshot(catalogue: Catalogue) -> tuple[object, ...]:
    """Everything a command can see of a catalogue, places and paths included."""
    entries = [(*astuple(e)[:5], e.path, e.keys) for e in catalogue.entries]
    fiches = [(f, f.path, f.places) for f in catalogue.fiches]
    return catalogue.root, catalogue.tags, entries, fiches, catalogue.warnings


def index_file(cache_dir: Path) -> dict[str, object]:
    (found,) = cache_dir.glob("*/index.json")
    data: dict[str, object] = cache.decode(found)
    return data


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.usefixtures("settled")
def test_the_same_catalogue_and_questions_with_and_without_the_index(
    content_copy: Path, cache_dir: Path
) -> None:
    without = snapshot(load_catalogue(content_copy, cache=False))
    first = load_catalogue(content_copy)  # reads the files, writes the index
    assert snapshot(first) == without
    again = load_catalogue(content_copy)  # from the index
    assert not again.read  # no fiche was read from its file
    assert snapshot(again) == without  # whole fiches: kept in the index by the first
    assert snapshot(load_catalogue(content_copy)) == without  # and from there
    assert load_questions(content_copy) == load_questions(content_copy, cache=False)
    assert load_questions(content_copy) == load_questions(content_copy, cache=False)
    kept = index_file(cache_dir)
    fiches = kept["fiches"]
    assert isinstance(fiches, dict)
    assert set(fiches) == {p.name for p in (content_copy / "fiches").iterdir()}
    assert {"tags", "questions"} <= set(kept)


@pytest.mark.usefixtures("settled")
def test_a_changed_fiche_is_read_again_alone(content_copy: Path) -> None:
    catalogue = load_catalogue(content_copy)
    catalogue.find(FICHE)  # kept whole too
    path = content_copy / "fiches" / f"{FICHE}.yaml"
    edit(path, "title: Coordinateur·rice social·e", "title: Coordinateur·rice de quartier")
    again = load_catalogue(content_copy)
    assert list(again.read) == [path]  # the other fiches come from the index
    assert again.find(FICHE).title == "Coordinateur·rice de quartier"
    assert again.entry("coordinateur de quartier").slug == FICHE
    assert snapshot(load_catalogue(content_copy)) == snapshot(
        load_catalogue(content_copy, cache=False)
    )


@pytest.mark.usefixtures("settled")
def test_a_rewrite_of_the_same_size_is_seen(content_copy: Path) -> None:
    load_catalogue(content_copy).find(FICHE)
    path = content_copy / "fiches" / f"{FICHE}.yaml"
    edit(path, "weight: 3", "weight: 2")  # same size; a new inode through the rename below
    replacement = path.with_suffix(".tmp")
    replacement.write_bytes(path.read_bytes())
    os.replace(replacement, path)
    fiche = load_catalogue(content_copy).find(FICHE)
    assert fiche.weights["administratif"] == 2


@pytest.mark.slow
def test_a_file_changed_within_the_second_is_not_kept(content_copy: Path, cache_dir: Path) -> None:
    """Racy stamps: two writes within one clock tick can leave the same stamp, so a
    file this fresh is read again at every run until it has been left alone."""
    time.sleep(cache.SETTLED_NS / 1e9 + 0.1)  # the other files have been left alone
    path = content_copy / "fiches" / f"{FICHE}.yaml"
    edit(path, "weight: 3", "weight: 2")
    assert load_catalogue(content_copy).find(FICHE).weights["administratif"] == 2
    kept = index_file(cache_dir)["fiches"]
    assert isinstance(kept, dict)
    assert len(kept) == 4
    assert f"{FICHE}.yaml" not in kept
    with path.open("r+b") as handle:  # same size, same inode, within the same tick maybe
        data = handle.read().replace(b"weight: 2", b"weight: 1", 1)
        handle.seek(0)
        handle.write(data)
    assert load_catalogue(content_copy).find(FICHE).weights["administratif"] == 1


@pytest.mark.usefixtures("settled")
def test_added_and_removed_fiches(content_copy: Path) -> None:
    assert len(load_catalogue(content_copy).entries) == 5
    source = content_copy / "fiches" / f"{FICHE}.yaml"
    copy = content_copy / "fiches" / "coordinateur-social-bis.yaml"
    text = source.read_text(encoding="utf-8")
    text = text.replace(f"slug: {FICHE}", "slug: coordinateur-social-bis")
    text = text.replace("title: Coordinateur·rice social·e", "title: Autre coordination")
    text = text.replace("aliases:\n", "aliases:\n  - une autre coordination\n", 1)
    copy.write_text(text.replace("  - coordinat", "  - bis coordinat"), encoding="utf-8")
    assert len(load_catalogue(content_copy).entries) == 6
    assert load_catalogue(content_copy).find("autre coordination").slug == copy.stem
    copy.unlink()
    catalogue = load_catalogue(content_copy)
    assert [e.slug for e in catalogue.entries] == [
        e.slug for e in load_catalogue(content_copy, cache=False).entries
    ]
    with pytest.raises(Exception, match="Aucun métier"):
        catalogue.find("autre coordination")


@pytest.mark.usefixtures("settled")
def test_a_problem_is_found_again_at_every_run(content_copy: Path) -> None:
    load_catalogue(content_copy)
    edit(content_copy / "fiches" / f"{FICHE}.yaml", "summary:", "sumary:")
    for _ in range(2):
        with pytest.raises(ContentError, match="summary"):
            load_catalogue(content_copy)


@pytest.mark.usefixtures("settled")
def test_a_clash_with_a_kept_fiche_names_its_line(content_copy: Path) -> None:
    load_catalogue(content_copy)
    # conseiller-social (read again) takes an alias of coordinateur-social (from the
    # index); the later one in file order is told, at the line of its alias.
    other = content_copy / "fiches" / "conseiller-social.yaml"
    edit(other, "aliases:\n", "aliases:\n  - coordinatrice sociale\n")
    with pytest.raises(ContentError) as without:
        load_catalogue(content_copy, cache=False)
    for _ in range(2):
        with pytest.raises(ContentError) as error:
            load_catalogue(content_copy)
        assert error.value.problems == without.value.problems
        (problem,) = error.value.problems
        assert problem.path.name == "coordinateur-social.yaml"
        assert problem.line == 6  # « - coordinatrice sociale » in coordinateur-social.yaml
        assert "conseiller-social" in problem.message


@pytest.mark.usefixtures("settled")
def test_changed_tags_and_questions_are_read_again(content_copy: Path) -> None:
    load_catalogue(content_copy)
    load_questions(content_copy)
    edit(content_copy / "tags.yaml", "label: Démarches et droits", "label: Droits et démarches")
    assert load_catalogue(content_copy).tag("administratif").label == "Droits et démarches"
    edit(content_copy / "questions.yaml", "Aider une famille à établir", "Aider un foyer à établir")
    assert any(q.text.startswith("Aider un foyer") for q in load_questions(content_copy))
    # A tag removed: the fiches kept with the old vocabulary are checked again.
    edit(content_copy / "tags.yaml", "administratif:\n", "administratif-et-droits:\n")
    with pytest.raises(ContentError, match="administratif"):
        load_catalogue(content_copy)


@pytest.mark.usefixtures("settled")
@pytest.mark.parametrize(
    "damage",
    [b"", b"{", b"[1, 2]", b'{"code": 1}', b"\xff\xfe", "nonsense"],
)
def test_a_damaged_index_is_read_again_from_the_content(
    content_copy: Path, cache_dir: Path, damage: bytes | str
) -> None:
    expected = snapshot(load_catalogue(content_copy, cache=False))
    load_catalogue(content_copy).find(FICHE)
    (index_path,) = cache_dir.glob("*/index.json")
    (fiche_path,) = cache_dir.glob(f"*/fiches/{FICHE}.yaml.json")
    if damage == "nonsense":  # valid JSON, the right code, every item of the wrong shape
        data = cache.decode(index_path)
        data["tags"] = {"key": data["tags"]["key"], "items": [[1]]}
        data["fiches"] = {name: [entry[0], None] for name, entry in data["fiches"].items()}
        index_path.write_bytes(cache.encode(data))  # with its CRC: only the shape is wrong
        fiche_data = cache.decode(fiche_path)
        fiche_data["fiche"] = {"slug": 1}
        fiche_path.write_bytes(cache.encode(fiche_data))
    else:
        assert isinstance(damage, bytes)
        index_path.write_bytes(damage)
        fiche_path.write_bytes(damage)
    assert snapshot(load_catalogue(content_copy)) == expected
    assert snapshot(load_catalogue(content_copy)) == expected  # rewritten whole


@pytest.mark.usefixtures("settled")
def test_new_code_sets_the_index_aside(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_catalogue(content_copy)
    assert not load_catalogue(content_copy).read
    monkeypatch.setattr(cache, "code_key", lambda: ("another-version.py:0:0",))
    assert len(load_catalogue(content_copy).read) == 5


@pytest.mark.usefixtures("settled")
def test_no_writable_cache_is_no_cache(
    content_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "fichier"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # a file: no folder can go there
    expected = snapshot(load_catalogue(content_copy, cache=False))
    assert snapshot(load_catalogue(content_copy)) == expected
    assert snapshot(load_catalogue(content_copy)) == expected


@pytest.mark.slow
def test_show_through_the_real_command_is_never_stale(content_copy: Path, cache_dir: Path) -> None:
    # Each run a process of its own, as users run it; the index: the test's (cache_dir).
    show = ("show", FICHE, "--content", str(content_copy))
    time.sleep(cache.SETTLED_NS / 1e9 + 0.1)  # let the copied content settle
    first = orientation(*show)
    assert first.returncode == 0, first.stderr
    second = orientation(*show)  # from the index and the kept fiche
    assert second.stdout == first.stdout
    assert list(cache_dir.glob(f"*/fiches/{FICHE}.yaml.json"))
    edit(content_copy / "fiches" / f"{FICHE}.yaml", "Accompagne des", "Guide des")
    third = orientation(*show)
    assert third.returncode == 0, third.stderr
    assert "Guide des personnes" in third.stdout
    assert "Accompagne des personnes" not in third.stdout


@pytest.mark.slow
def test_warm_commands_import_neither_yaml_nor_questionary(
    content_copy: Path, cache_dir: Path, tmp_path: Path
) -> None:
    """show reads the index and its kept fiche only; quiz --answers never loads the
    menus (the answer file itself is YAML)."""
    answers = tmp_path / "reponses.json"
    bank = load_questions(content_copy, cache=False)
    answers.write_text(json.dumps({q.id: 3 + (i % 3) - 1 for i, q in enumerate(bank)}))
    probe = (
        "import sys\n"
        "from orientation.cli.app import app\n"
        "try:\n"
        "    app(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "yaml = any(m in sys.modules for m in ('yaml', 'orientation.content.yamlnodes', "
        "'orientation.content.loading', 'orientation.content.glossaryfile'))\n"
        "print(yaml, 'questionary' in sys.modules, file=sys.stderr)\n"
    )
    time.sleep(cache.SETTLED_NS / 1e9 + 0.1)

    def loaded(*args: str) -> str:
        run = orientation(
            *args, "--content", str(content_copy), command=(sys.executable, "-c", probe)
        )
        return run.stderr.strip().splitlines()[-1]

    assert loaded("show", FICHE) == "True False"  # the first run reads the YAML files
    assert loaded("show", FICHE) == "False False"
    assert loaded("quiz", "--answers", str(answers), "--json") == "True False"
