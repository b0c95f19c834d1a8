from __future__ import annotations

from pathlib import Path

import pytest

from orientation.content.yamlnodes import MAX_BYTES, MAX_DEPTH, Mapping, Scalar, Sequence, read_yaml
from orientation.errors import ContentError


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "f.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problem(tmp_path: Path, text: str | bytes) -> str:
    with pytest.raises(ContentError) as info:
        read_yaml(write(tmp_path, text))
    assert len(info.value.problems) == 1
    return str(info.value.problems[0])


def test_scalars_stay_text_with_their_place(tmp_path: Path) -> None:
    node = read_yaml(write(tmp_path, "a: no\nb: 2024-01-01\nc: 0755\nd:\n  - on\n  - 'x'\n"))
    assert isinstance(node, Mapping)
    values = {key: value for key, (_, value) in node.entries.items()}
    assert values["a"] == Scalar("no", 1, 4, plain=True)
    assert values["b"] == Scalar("2024-01-01", 2, 4, plain=True)
    assert values["c"] == Scalar("0755", 3, 4, plain=True)
    items = values["d"]
    assert isinstance(items, Sequence)
    assert items.items == (Scalar("on", 5, 5, plain=True), Scalar("x", 6, 5, plain=False))


def test_empty_value_is_null(tmp_path: Path) -> None:
    node = read_yaml(write(tmp_path, "a:\nb: ~\nc: ''\n"))
    assert isinstance(node, Mapping)
    a, b, c = (node.entries[k][1] for k in "abc")
    assert isinstance(a, Scalar)
    assert a.is_null
    assert isinstance(b, Scalar)
    assert b.is_null
    assert isinstance(c, Scalar)
    assert not c.is_null


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: 2\na: 3\n", "f.yaml:3:1: clé « a » en double (déjà ligne 1)"),
        ("a: &x 1\nb: *x\n", "f.yaml:1:4: les ancres YAML (&x) ne sont pas acceptées"),
        ("a: !!python/object:os.system x\n", "f.yaml:1:4: les étiquettes YAML"),
        ("a: !custom x\n", "f.yaml:1:4: les étiquettes YAML (!custom)"),
        ("a: 1\n---\nb: 2\n", "f.yaml:2:1: un seul document YAML par fichier"),
        ("a: b: c\n", "f.yaml:1:5: deux-points inattendu : un texte qui contient « : »"),
        ("a: [1, 2\n", "f.yaml:1:4: crochet « [ » ou accolade « { » ouvert ici et jamais"),
        ("", "f.yaml:1:1: fichier vide"),
        ('a: "b\nc: d\n', "f.yaml:1:4: guillemet ouvert ici et jamais refermé"),
        ("a: b\n\tc: d\n", "f.yaml:2:1: tabulation interdite : indenter avec des espaces"),
        ("a: b\nc\nd: e\n", "f.yaml:2:1: deux-points manquant"),
        ("a: @b\n", "f.yaml:1:4: un texte ne peut pas commencer par « @ »"),
        ("a: |x\n  b\n", "f.yaml:1:5: après « | » ou « > », rien d'autre sur la ligne"),
        ("a:\n  - b\n - c\n", "f.yaml:3:2: ligne inattendue à cet endroit : vérifier"),
        ("? [a]\n: 1\n", "f.yaml:1:3: une clé doit être un simple texte"),
    ],
)
def test_refused_yaml_is_located(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in problem(tmp_path, text)


def test_alias_is_refused(tmp_path: Path) -> None:
    assert "f.yaml:1:4: les alias YAML (*nom) ne sont pas acceptés" in problem(
        tmp_path, "a: *nowhere\n"
    )


def test_deep_nesting_is_refused_without_recursion(tmp_path: Path) -> None:
    text = "[" * 5000 + "]" * 5000
    assert f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)" in problem(tmp_path, text)


def test_non_utf8_is_refused_with_line(tmp_path: Path) -> None:
    assert "f.yaml:2:7: caractère illisible : le fichier doit être enregistré en UTF-8" in problem(
        tmp_path, b"a: 1\nb: caf\xe9\n"
    )


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    assert "fichier trop volumineux" in problem(tmp_path, "a: " + "x" * MAX_BYTES + "\n")
