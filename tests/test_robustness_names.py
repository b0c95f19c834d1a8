"""Robustness case 35 (issue 16, item 2.16): names and labels.

A name or label is shown on one line: in `list`, in a Markdown heading, in the
completion lists, in the comments of `orientation new`. A line break or an invisible
format character in one is refused by `check`; a name with nothing to search for is
refused too; text that may hold them is neutralised wherever it is shown; and
`orientation new` never turns a label from tags.yaml into lines of YAML.

Case 49 (issue 26): a student's name or class (`--nom`, `--classe`, the names saved)
holds no line or paragraph separator, no control or format character, no stray byte.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from orientation.content.catalogue import load_questions
from tests.helpers import invoke, orientation

IDS = [q.id for q in load_questions()]
GOLDEN = Path(__file__).parent / "golden"

pytestmark = pytest.mark.slow

CESF = "fiches/conseiller-social.yaml"
ONE_LINE = (
    "interdit : ce texte s'affiche sur une seule ligne ; remplacer ce caractère par une espace"
)
INVISIBLE = (
    "interdit : ce caractère invisible peut changer l'ordre d'affichage du texte ou empêcher "
    "de le retrouver ; le supprimer"
)


def rewrite(path: Path, old: str, new: str) -> int:
    """Replace the first line starting with *old* by *new*; the line number it is at."""
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith(old))
    lines[number] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def replace_field(path: Path, key: str, value: str) -> None:
    """Give the top-level field *key* the YAML *value*, whatever lines it took."""
    text = path.read_text(encoding="utf-8")
    field = re.compile(rf"^{key}:.*?\n(?=\S)", re.M | re.S)
    text, count = field.subn(lambda _: f"{key}: {value}\n", text, 1)
    assert count == 1
    path.write_text(text, encoding="utf-8")


def check(root: Path) -> tuple[int, list[str]]:
    """`orientation check` on *root* in a real process: exit code and output lines."""
    result = orientation("check", "content", cwd=root.parent)
    assert not result.stderr
    return result.returncode, result.stdout.splitlines()


# --- Line breaks and invisible characters in a name or label ------------------------------


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        # No-break spaces (French typography) stay allowed: only the U+2028 is refused.
        (r'"Conseiller\u00a0social\u202f: \L (CESF)"', f"séparateur de ligne (U+2028) {ONE_LINE}"),
        (r'"Conseiller\nsocial"', f"retour à la ligne (U+000A) {ONE_LINE}"),
        (r'"Conseiller\Psocial"', f"séparateur de paragraphe (U+2029) {ONE_LINE}"),
        (r'"Conseiller\Nsocial"', f"passage à la ligne (U+0085) {ONE_LINE}"),
        (r'"Conseiller\vsocial"', f"tabulation verticale (U+000B) {ONE_LINE}"),
        ("|\n  Conseiller\n  social", f"retour à la ligne (U+000A) {ONE_LINE}"),
        (r'"\u061CConseiller social"', f"marque de lettre arabe (U+061C) {INVISIBLE}"),
        (r'"Conseil\u200bler social"', f"espace sans chasse (U+200B) {INVISIBLE}"),
        (r'"Conseiller \u202Elaicos"', f"contrôle de direction du texte (U+202E) {INVISIBLE}"),
    ],
    ids=["LS", "LF", "PS", "NEL", "VT", "block", "ALM", "ZWSP", "RLO"],
)
def test_35_a_line_break_or_invisible_character_in_a_title_is_refused(
    content_copy: Path, value: str, reason: str
) -> None:
    line = rewrite(content_copy / CESF, "title:", f"title: {value}")
    code, lines = check(content_copy)
    assert code == 1
    assert lines == [
        f"content/{CESF}:{line}:8: champ « title » : {reason}",
        "1 problème dans 1 fichier.",
    ]


def test_35_every_one_line_field_is_checked(content_copy: Path) -> None:
    """Aliases, section headings, tag labels and question texts are names or labels too."""
    fiche, tags, questions = (content_copy / name for name in (CESF, "tags.yaml", "questions.yaml"))
    alias = rewrite(fiche, "  - cesf", r'  - "ce\Lsf"')
    heading = rewrite(fiche, "  - heading: Logement", r'  - heading: "Logement\Phygiène"')
    label = rewrite(tags, "  label: Écoute", r'  label: "Écoute\nslug: pirate"')
    text = rewrite(questions, "  text: Écouter", r'  text: "Écouter\u061C une personne"')
    code, lines = check(content_copy)
    assert code == 1
    assert lines == [
        f"content/{CESF}:{alias}:5: champ « aliases[1] » : séparateur de ligne (U+2028) "
        + ONE_LINE,
        f"content/{CESF}:{heading}:14: champ « sections[1].heading » : séparateur de "
        f"paragraphe (U+2029) {ONE_LINE}",
        f"content/questions.yaml:{text}:9: champ « [1].text » : marque de lettre arabe (U+061C) "
        + INVISIBLE,
        f"content/tags.yaml:{label}:10: champ « empathie.label » : retour à la ligne (U+000A) "
        + ONE_LINE,
        "4 problèmes dans 3 fichiers.",
    ]


def test_35_each_problem_stays_on_one_line(content_copy: Path) -> None:
    """A name quoted in a message (here an unknown field) cannot break the line of `check`."""
    slug = rewrite(
        content_copy / CESF, "slug:", 'slug: conseiller-social\n"rome\\nautre.yaml:1:1": x'
    )
    line = slug + 1
    code, lines = check(content_copy)
    assert code == 1
    assert lines == [
        f"content/{CESF}:{line}:1: champ inconnu « rome\ufffdautre.yaml:1:1 »",
        "1 problème dans 1 fichier.",
    ]


# --- Names with nothing to search for ------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", '"🎓 !!!"'),
        ("title", '"…"'),
        ("title", '"\u0301\u0301 \u0327"'),  # combining marks alone, and spaces
        ("aliases[1]", '"⚙️✨"'),
    ],
    ids=["emoji-and-punctuation", "ellipsis", "combining-marks", "emoji-alias"],
)
def test_35_a_name_with_nothing_to_search_for_is_refused(
    content_copy: Path, field: str, value: str
) -> None:
    fiche = content_copy / CESF
    if field == "title":
        line, column = rewrite(fiche, "title:", f"title: {value}"), 8
    else:
        line, column = rewrite(fiche, "  - cesf", f"  - {value}"), 5
    code, lines = check(content_copy)
    assert code == 1
    assert lines == [
        f"content/{CESF}:{line}:{column}: champ « {field} » : « {json.loads(value)} » ne "
        "contient aucun mot à chercher (lettres latines ou chiffres) : orientation show ne "
        "pourrait jamais retrouver le métier par ce nom ; l'écrire en lettres latines ou le "
        "retirer",
        "1 problème dans 1 fichier.",
    ]


# --- Shown text: neutralised on screen and in Markdown, escaped in JSON --------------------

# Not a name: a summary may hold them, and is shown by every command.
SEPARATORS = "\u2028\u2029\u0085\u061c"


def test_35_separators_in_shown_text_never_reach_the_output(content_copy: Path) -> None:
    summary = r'"Aide\L les\P personnes\N en\u061C difficulté"'
    replace_field(content_copy / CESF, "summary", summary)
    content = ["--content", str(content_copy)]
    for args in (["show", "cesf"], ["show", "cesf", "--markdown"], ["list"]):
        result = orientation(*args, *content)
        assert result.returncode == 0, result.stderr
        assert "Aide\ufffd les\ufffd personnes\ufffd en\ufffd difficulté" in result.stdout
        assert not set(SEPARATORS) & set(result.stdout), args
    result = orientation("show", "cesf", "--json", *content)
    assert result.returncode == 0, result.stderr
    assert not set(SEPARATORS) & set(result.stdout)
    assert r"Aide\u2028 les\u2029 personnes\u0085 en\u061c difficulté" in result.stdout
    assert (
        json.loads(result.stdout)["summary"]
        == "Aide\u2028 les\u2029 personnes\u0085 en\u061c difficulté"
    )


# --- `orientation new` copies no unchecked text from tags.yaml -----------------------------


def test_35_new_never_turns_a_tag_label_into_yaml(content_copy: Path) -> None:
    tags = content_copy / "tags.yaml"
    rewrite(tags, "  label: Écoute", r'  label: "Écoute\nslug: pirate\Ltitle: Piraté\Psummary: x"')
    with tags.open("a", encoding="utf-8") as handle:  # an id that is no tag id
        handle.write('\n"faux\\nsources: []":\n  label: Faux\n  description: Faux.\n')
    result = orientation("new", "essai", "--content", str(content_copy))
    assert result.returncode == 0, result.stderr
    written = (content_copy / "fiches" / "essai.yaml").read_text(encoding="utf-8")
    # Only the template's own fields: nothing from tags.yaml became YAML.
    assert list(yaml.safe_load(written)) == ["slug", "title", "summary", "tags", "sources"]
    assert "#   empathie : Écoute slug: pirate\ufffdtitle: Piraté\ufffdsummary: x\n" in written
    assert "faux" not in written
    assert not re.search("[\u2028\u2029\x85]", written)


@pytest.mark.parametrize(
    "name",
    ["ENXIO", "ENODEV", "EBUSY", "ETXTBSY", "EFBIG", "EMFILE", "ENFILE", "ESPIPE", "ENOTEMPTY"],
)
def test_system_errors_of_files_and_devices_are_said_in_french(name: str) -> None:
    import errno
    import os

    from orientation.errors import os_reason

    number = getattr(errno, name)
    said = os_reason(OSError(number, os.strerror(number)))
    assert said != os.strerror(number)  # « No such device or address » was shown as is


# --- 49. A student's name or class on one line ---------------------------------------------

ONE_LINE_NAME = "une seule ligne de texte"


@pytest.mark.parametrize("option", ["--nom", "--classe"])
@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("Léa\u2028Martin", f"séparateur de ligne (U+2028) : {ONE_LINE_NAME}"),
        ("2de\u2029B", f"séparateur de paragraphe (U+2029) : {ONE_LINE_NAME}"),
        ("Léa\x85", f"caractère de contrôle ou invisible (U+0085) : {ONE_LINE_NAME}"),
        ("Lé\u200da", f"caractère de contrôle ou invisible (U+200D) : {ONE_LINE_NAME}"),
        ("Lé\u200ca", f"caractère de contrôle ou invisible (U+200C) : {ONE_LINE_NAME}"),
        ("\ufeffLéa", f"caractère de contrôle ou invisible (U+FEFF) : {ONE_LINE_NAME}"),
        # `--nom $'L\xe9a'` typed in a Latin-1 terminal: Python holds the byte as U+DCE9.
        ("L\udce9a", "caractère illisible : l'octet \\xe9 n'est pas de l'UTF-8"),
    ],
    ids=["LS", "PS", "NEL", "ZWJ", "ZWNJ", "BOM", "latin-1"],
)
def test_49_a_separator_joiner_or_stray_byte_in_a_name_is_refused(
    tmp_path: Path, option: str, value: str, said: str
) -> None:
    answers = tmp_path / "reponses.json"
    answers.write_text(json.dumps(dict.fromkeys(IDS, 3)), encoding="utf-8")
    saved = tmp_path / "r.json"
    args = ("--answers", str(answers), option, value, "--save", str(saved))
    code, _, err = invoke("quiz", *args, columns=300)
    assert (code, err) == (2, f"Erreur : {option} : {said}.\n")
    assert not saved.exists()


def test_49_french_spaces_in_a_name_are_kept(tmp_path: Path) -> None:
    answers = tmp_path / "reponses.json"
    answers.write_text(json.dumps(dict.fromkeys(IDS, 3)), encoding="utf-8")
    saved = tmp_path / "r.json"
    name, group = "Zoé\u00a0Lefèvre", "1re\u202fB"  # no-break and narrow no-break spaces
    options = ("--nom", name, "--classe", group, "--save", str(saved))
    assert invoke("quiz", "--answers", str(answers), *options)[0] == 0
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert (document["name"], document["class"]) == (name, group)


def test_49_a_saved_name_holding_a_line_separator_is_refused_with_its_line(
    tmp_path: Path,
) -> None:
    document = json.loads((GOLDEN / "results-sample.json").read_text(encoding="utf-8"))
    document["name"] = "Léa\u2028Martin"
    saved = tmp_path / "r.json"
    saved.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    code, _, err = invoke("report", str(saved), columns=300)
    assert code == 1
    assert "« name » (nom de l'élève) invalide : séparateur de ligne (U+2028)" in err


@pytest.mark.parametrize("blank", ["\u3164", "\u115f", "\u1160", "\uffa0", "\u2800"])
def test_49_letters_drawn_blank_are_refused_in_a_name(blank: str) -> None:
    """Hangul fillers and the blank Braille pattern are letters or symbols to Unicode,
    but drawn blank: « L\u3164a » would pass for « L a » (found by the attack round)."""
    from orientation.results.resultsfile import identity_problem

    problem = identity_problem(f"L{blank}a")
    assert problem is not None
    assert f"U+{ord(blank):04X}" in problem
