"""Extending the content: `init`, `new`, and `--content` on every command.

The sixth occupation below is test data made up for these tests, not a fiche:
shipped fiches only say what their source documents say.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from pathlib import Path

import pytest

from orientation.content.catalogue import load_questions
from orientation.content.model import default_root
from tests.helpers import invoke
from tests.test_cli import bash_complete

SIXTH = """\
slug: mediateur-test
title: Médiateur·rice de test
aliases: [mediatrice de test]
summary: Une fiche inventée pour les tests, qui aime surtout animer des groupes.
tags:
  animation-collective: {weight: 3, why: Fiche de test.}
  partenariats: {weight: 2, why: Fiche de test.}
  developpement-territorial: {weight: 1, why: Fiche de test.}
sources:
  - {document: aucun, title: Données de test}
"""


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def six(here: Path) -> Path:
    """A copy of the shipped content with a sixth fiche."""
    code, _, err = invoke("init", "six")
    assert code == 0, err
    (here / "six" / "fiches" / "mediateur-test.yaml").write_text(SIXTH, encoding="utf-8")
    return here / "six"


# --- init ---------------------------------------------------------------------------


def test_init_copies_the_shipped_content(here: Path) -> None:
    code, out, _ = invoke("init", "mon-contenu")
    assert code == 0
    assert out.splitlines()[0] == "Dossier de contenu créé\u00a0: mon-contenu (5 fiches)"
    assert "orientation new IDENTIFIANT --content mon-contenu" in out
    copy = here / "mon-contenu"
    shipped = default_root()
    for name in (
        "tags.yaml",
        "questions.yaml",
        "glossaire.yaml",
        "schemas/fiche.schema.json",
        "schemas/glossaire.schema.json",
    ):
        assert (copy / name).read_bytes() == (shipped / name).read_bytes()
    assert sorted(p.name for p in (copy / "fiches").iterdir()) == sorted(
        p.name for p in (shipped / "fiches").glob("*.yaml")
    )
    assert [p.name for p in here.iterdir()] == ["mon-contenu"]  # no staging folder left
    code, out, _ = invoke("check", "mon-contenu")
    assert code == 0, out


def test_init_into_an_empty_folder(here: Path) -> None:
    (here / "vide").mkdir()
    assert invoke("init", "vide")[0] == 0
    assert (here / "vide" / "tags.yaml").is_file()


def test_init_never_touches_a_folder_in_use(here: Path) -> None:
    (here / "pris").mkdir()
    (here / "pris" / "notes.txt").write_text("à garder")
    code, _, err = invoke("init", "pris")
    assert code == 2
    assert "le dossier pris existe déjà et n'est pas vide" in err
    assert [p.name for p in (here / "pris").iterdir()] == ["notes.txt"]
    assert [p.name for p in here.iterdir()] == ["pris"]


# --- new ----------------------------------------------------------------------------


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(needle))


def test_new_writes_a_template_that_check_asks_to_fill(six: Path) -> None:
    code, out, _ = invoke("new", "educateur-specialise", "--content", "six")
    assert code == 0
    path = six / "fiches" / "educateur-specialise.yaml"
    assert out.splitlines()[0] == "Fiche créée\u00a0: six/fiches/educateur-specialise.yaml"
    assert "orientation check --content six" in out
    assert "orientation show educateur-specialise --content six" in out
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/fiche.schema.json\n")
    assert "slug: educateur-specialise\n" in text
    assert "#   vie-quotidienne : Vie quotidienne\n" in text  # the vocabulary, to choose from
    code, out, _ = invoke("check", "six")
    name = "six/fiches/educateur-specialise.yaml"
    assert out.splitlines() == [
        f"{name}:{line_of(path, 'title:')}:1: champ « title » manquant",
        f"{name}:{line_of(path, 'summary:')}:1: champ « summary » manquant",
        f"{name}:{line_of(path, 'tags:')}:1: champ « tags » manquant",
        f"{name}:{line_of(path, 'sources:')}:1: champ « sources » manquant",
        "4 problèmes dans 1 fichier.",
    ]
    assert code == 1


def fill(path: Path) -> None:
    """What docs/content.md asks an author to do with the template."""
    text = path.read_text("utf-8")
    text = text.replace("\ntitle:\n", "\ntitle: Éducateur·rice spécialisé·e\n")
    text = text.replace("\nsummary:\n", "\nsummary: Accompagne des personnes en difficulté.\n")
    # Uncomment the examples under tags and sources, then adapt them.
    text = re.sub(r"(?m)^#(   empathie:\n)#(     weight: 3\n)#(     why: .*\n)", r" \1 \2 \3", text)
    text = re.sub(r"(?m)^#(   - document: .*\n)#(     title: .*\n)", r" \1 \2", text)
    text = text.replace("  empathie:\n", "  vie-quotidienne:\n")
    path.write_text(text, encoding="utf-8")


def test_filled_template_passes_check_and_shows(six: Path) -> None:
    invoke("new", "educateur-specialise", "--content", "six")
    fill(six / "fiches" / "educateur-specialise.yaml")
    code, out, _ = invoke("check", "six")
    assert code == 0, out
    assert "aucun problème (7 fiches métier" in out
    code, out, _ = invoke("show", "educateur-specialise", "--content", "six")
    assert code == 0
    assert "Éducateur·rice spécialisé·e" in out
    assert "non renseigné" in out  # the rubrics left commented out


def test_new_never_overwrites(six: Path) -> None:
    path = six / "fiches" / "educateur-specialise.yaml"
    invoke("new", "educateur-specialise", "--content", "six")
    path.write_text("mon travail", encoding="utf-8")
    code, _, err = invoke("new", "educateur-specialise", "--content", "six", columns=100)
    assert code == 1
    assert "existe déjà : il n'est pas remplacé" in err
    assert path.read_text("utf-8") == "mon travail"
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize(
    ("slug", "code", "message"),
    [
        (
            "Éducateur spécialisé",
            2,
            "identifiant « Éducateur spécialisé » invalide : lettres minuscules sans accents, "
            "chiffres et tirets seulement, par exemple : educateur-specialise.",
        ),
        (
            "cesf",
            1,
            "« cesf » désigne déjà le métier conseiller-social "
            "(six/fiches/conseiller-social.yaml) : choisir un autre identifiant.",
        ),
        ("mediateur-test", 1, "« mediateur-test » désigne déjà le métier mediateur-test"),
    ],
)
def test_new_refuses_bad_or_taken_names(six: Path, slug: str, code: int, message: str) -> None:
    result = invoke("new", slug, "--content", "six", columns=300)
    assert result[0] == code
    assert message in result[2]


def test_new_refuses_the_installed_content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("orientation.authoring.scaffold.shipped_inside_package", lambda root: True)
    code, _, err = invoke("new", "educateur-specialise", columns=300)
    assert code == 1
    assert "le contenu livré avec l'outil ne se modifie pas" in err
    assert "orientation new educateur-specialise --content mon-contenu" in err


def test_new_gives_schemas_to_a_root_without_them(six: Path) -> None:
    for schema in (six / "schemas").iterdir():
        schema.unlink()
    (six / "schemas").rmdir()
    code, out, _ = invoke("new", "educateur-specialise", "--content", "six")
    assert code == 0
    assert "schémas pour l'éditeur" in out
    assert (six / "schemas" / "fiche.schema.json").is_file()


# --- --content on every command -----------------------------------------------------


def test_sixth_fiche_in_list_show_compare(six: Path) -> None:
    code, out, _ = invoke("list", "--json", "--content", "six")
    assert code == 0
    assert "mediateur-test" in [item["slug"] for item in json.loads(out)]
    code, out, _ = invoke("show", "mediatrice de test", "--content", "six")
    assert code == 0
    assert "Médiateur·rice de test" in out
    code, out, _ = invoke("compare", "mediateur-test", "cesf", "--json", "--content", "six")
    assert code == 0
    assert [item["slug"] for item in json.loads(out)] == ["mediateur-test", "conseiller-social"]
    # Without --content, the shipped content: no sixth fiche.
    code, _, err = invoke("show", "mediateur-test")
    assert code == 1
    assert "Aucun métier ne correspond" in err


def test_content_before_the_command_and_from_the_environment(six: Path) -> None:
    code, out, _ = invoke("--content", "six", "show", "mediateur-test")
    assert code == 0
    code, out, _ = invoke("show", "mediateur-test", env={"ORIENTATION_CONTENT": "six"})
    assert code == 0
    # --content wins over the environment variable.
    code, out, _ = invoke("list", "--json", "--content", "six", env={"ORIENTATION_CONTENT": "x"})
    assert code == 0
    assert len(json.loads(out)) == 6


def answers_file(where: Path, favourite: str) -> Path:
    """Answers that like the questions measuring *favourite* and little else."""
    answers = {q.id: 5 if favourite in q.loads else 1 for q in load_questions()}
    path = where / "reponses.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    return path


def test_quiz_ranks_the_sixth_fiche(six: Path, here: Path) -> None:
    path = answers_file(here, "animation-collective")
    code, out, err = invoke("quiz", "--answers", str(path), "--json", "--content", "six")
    assert code == 0, err
    ranking = [m["slug"] for m in json.loads(out)["matches"]]
    assert len(ranking) == 6
    assert ranking[0] == "mediateur-test"
    code, out, _ = invoke("quiz", "--answers", str(path), "--json")
    assert "mediateur-test" not in out


def test_plain_quiz_and_report_with_content(six: Path, here: Path) -> None:
    replies = "".join(
        "5\n" if "animation-collective" in q.loads else "1\n" for q in load_questions()
    )
    # --complet: the questions in bank order, as the replies are.
    code, out, err = invoke(
        "quiz", "--plain", "--complet", "--save", "r.json", "--content", "six", input=replies
    )
    assert code == 0, err
    assert "Médiateur·rice de test" in out
    # Every command suggested works on the same content.
    assert "orientation show mediateur-test --content six" in out
    assert "orientation list --content six" in out
    assert "Pour les revoir\u00a0: orientation report r.json --content six" in err
    code, out, _ = invoke("report", "r.json", "--json", "--content", "six")
    assert json.loads(out)["matches"][0]["slug"] == "mediateur-test"
    code, out, _ = invoke(
        "compare", "mediateur-test", "cesf", "--results", "r.json", "--content", "six"
    )
    assert code == 0
    assert "1er\u00a0sur\u00a06" in out


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["list", "--content", "absent"], {}, "Erreur : --content absent : dossier introuvable."),
        (
            ["list"],
            {"ORIENTATION_CONTENT": "absent"},
            "Erreur : ORIENTATION_CONTENT=absent : dossier introuvable.",
        ),
    ],
)
def test_missing_root_is_a_usage_error(
    here: Path, args: list[str], env: dict[str, str], message: str
) -> None:
    code, _, err = invoke(*args, env=env)
    assert code == 2
    assert message in err


def test_broken_root_names_the_file(six: Path) -> None:
    (six / "fiches" / "mediateur-test.yaml").write_text(SIXTH.replace("weight: 3", "weight: 5"))
    code, _, err = invoke("list", "--content", "six", columns=300)
    assert code == 1
    assert (
        "Erreur : six/fiches/mediateur-test.yaml:6:34: champ « tags.animation-collective.weight "
        "» : 5 hors de l'intervalle 0–3" in err
    )


@pytest.mark.slow
def test_completion_reads_the_content_given(six: Path) -> None:
    assert bash_complete("orientation show --content six med") == ["mediateur-test"]
    assert bash_complete("orientation --content six show med") == ["mediateur-test"]
    assert bash_complete("orientation show med") == []


def test_every_command_takes_content() -> None:
    for command in ("quiz", "list", "show", "compare", "report", "questions", "check", "new"):
        code, out, _ = invoke(command, "--help")
        assert code == 0
        assert "--content" in out, command


def test_suggested_commands_carry_the_content(six: Path) -> None:
    _, out, _ = invoke("list", "--content", "six")
    assert "orientation show <identifiant> --content six" in out
    _, _, err = invoke("show", "inconnu", "--content", "six")
    assert "La liste des métiers : orientation list --content six" in err
    _, out, _ = invoke("compare", "mediateur-test", "cesf", "--markdown", "--content", "six")
    assert "`orientation show mediateur-test --content six`" in out
    # Named once and for all in the environment: nothing to add.
    _, out, _ = invoke("list", env={"ORIENTATION_CONTENT": "six"})
    assert "orientation show <identifiant>\n" in out


# --- Odd paths: French messages, never a traceback ---------------------------------


def test_odd_content_paths(here: Path) -> None:
    long_name = "x" * 300
    code, _, err = invoke("list", "--content", long_name, columns=400)
    assert (code, err) == (2, f"Erreur : --content {long_name} : nom de fichier trop long.\n")
    (here / "boucle").symlink_to(here / "boucle")
    code, _, err = invoke("list", "--content", "boucle", columns=300)
    assert (code, err) == (2, "Erreur : --content boucle : liens symboliques en boucle.\n")
    (here / "plein").mkdir()
    (here / "plein" / "notes.txt").write_text("x")
    code, _, err = invoke("check", "plein", columns=300)
    assert code == 2
    assert "Pour en créer un : orientation init NOUVEAU-DOSSIER" in err


def test_unreadable_root_is_said_in_french(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: object) -> list[str]:
        raise PermissionError(13, "Permission denied", str(path))

    (here / "prive").mkdir()
    monkeypatch.setattr("os.listdir", refuse)  # the tests may run as root: chmod is no use
    code, _, err = invoke("list", "--content", "prive", columns=300)
    assert (code, err) == (2, "Erreur : --content prive : permission refusée.\n")


def test_fiches_that_is_a_file(six: Path) -> None:
    for path in (six / "fiches").iterdir():
        path.unlink()
    (six / "fiches").rmdir()
    (six / "fiches").write_text("x")
    code, out, _ = invoke("check", "six", columns=300)
    assert code == 1
    assert out.splitlines()[0] == (
        "six/fiches: ce n'est pas un dossier : les fiches vont dans un dossier fiches/"
    )


def test_init_below_a_file(here: Path) -> None:
    (here / "fichier").write_text("x")
    code, _, err = invoke("init", "fichier/contenu", columns=300)
    assert code == 2
    assert f"{here / 'fichier'} n'est pas un dossier : impossible d'y créer contenu." in err


def test_init_makes_the_copy_writable(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Installed content may be read-only (system packages): the copy is the user's."""
    frozen = here / "installe"
    shutil.copytree(default_root(), frozen)
    for folder, _, files in os.walk(frozen):
        for name in files:
            os.chmod(os.path.join(folder, name), 0o444)
        os.chmod(folder, 0o555)
    monkeypatch.setattr("orientation.authoring.scaffold.default_root", lambda: frozen)
    old_mask = os.umask(0o022)
    try:
        assert invoke("init", "copie")[0] == 0
    finally:
        os.umask(old_mask)
        for folder, _, _ in os.walk(frozen):
            os.chmod(folder, 0o755)
    assert stat.S_IMODE((here / "copie" / "fiches").stat().st_mode) == 0o755
    assert stat.S_IMODE((here / "copie" / "tags.yaml").stat().st_mode) == 0o644
    assert invoke("new", "educateur-specialise", "--content", "copie")[0] == 0


def test_new_without_hard_links(six: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """FAT and exFAT USB keys have no hard links: the fiche is still written, once."""

    def no_links(source: object, target: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr("os.link", no_links)
    assert invoke("new", "educateur-specialise", "--content", "six")[0] == 0
    path = six / "fiches" / "educateur-specialise.yaml"
    assert path.read_text("utf-8").startswith("# yaml-language-server:")
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]
    code, _, err = invoke("new", "educateur-specialise", "--content", "six")
    assert code == 1
    assert "existe déjà" in err
