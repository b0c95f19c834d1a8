"""Starting points for authors: a copy of the shipped content (`init`) and a
commented fiche template (`new`). Neither ever overwrites a file."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from orientation.content.catalogue import read_content, read_tags
from orientation.content.model import TAG_ID, default_root, normalise, shipped_inside_package
from orientation.errors import OrientationError, UsageError, os_reason, shell_word, shown_path
from orientation.files import NameTaken, current_umask, write_new

TEMPLATE = Path(__file__).resolve().parent / "fiche-modele.yaml"
SCHEMAS = "schemas"
COPIED = (
    "tags.yaml",
    "questions.yaml",
    "glossaire.yaml",
    "reperes.yaml",
    "rome.yaml",
    "mots-courants.yaml",
    "fiches",
    SCHEMAS,
)


def init_root(target: Path) -> int:
    """Copy the shipped content to *target* (new or empty); return the number of fiches.

    The copy is made in a temporary folder next to *target*, then renamed: an
    interrupted copy leaves nothing half-made behind.
    """
    parent = target.absolute().parent
    try:
        if target.exists() and not target.is_dir():
            raise UsageError(f"{target} existe déjà et n'est pas un dossier.")
        if target.is_dir() and any(target.iterdir()):
            raise UsageError(
                f"le dossier {target} existe déjà et n'est pas vide : choisir un nouveau nom "
                "de dossier (il sera créé)."
            )
        if not parent.is_dir():
            state = "n'est pas un dossier" if parent.exists() else "n'existe pas"
            raise UsageError(f"{parent} {state} : impossible d'y créer {target.name}.")
        staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}."))
    except OSError as exc:
        raise OrientationError(f"impossible de créer {target} : {os_reason(exc)}") from None
    source = default_root()
    try:
        for name in COPIED:
            if (source / name).is_dir():
                shutil.copytree(
                    source / name,
                    staging / name,
                    ignore=_not_content,
                    # Contents only, not modes: an installed copy may be read-only.
                    copy_function=shutil.copyfile,
                )
            elif (source / name).is_file():
                shutil.copyfile(source / name, staging / name)
        _own_modes(staging)
        if target.is_dir():
            target.rmdir()  # empty, checked above
        os.rename(staging, target)
    except BaseException as exc:  # Ctrl-C included: never leave a half-made copy behind
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
        if isinstance(exc, OSError):
            message = f"impossible de créer {target} : {os_reason(exc)}"
            raise OrientationError(message) from None
        raise
    return len(list((target / "fiches").glob("*.yaml")))


def _own_modes(root: Path) -> None:
    """Give a fresh copy the modes of files the user creates (umask), whatever the
    modes of the installed content were: the copy is theirs to edit."""
    mask = current_umask()
    os.chmod(root, 0o777 & ~mask)
    for folder, folders, files in os.walk(root):
        for name in folders:
            os.chmod(os.path.join(folder, name), 0o777 & ~mask)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o666 & ~mask)


def _not_content(directory: str, names: list[str]) -> set[str]:
    return {name for name in names if name.startswith(".") or name == "__pycache__"}


def check_slug(slug: str) -> None:
    """A slug is lower-case ASCII words joined by hyphens; say which one would do."""
    if TAG_ID.fullmatch(slug):
        return
    suggestion = normalise(slug)
    message = (
        f"identifiant « {slug} » invalide : lettres minuscules sans accents, chiffres et "
        "tirets seulement"
    )
    if suggestion:
        message += f", par exemple : {suggestion}"
    raise UsageError(message + ".")


def new_fiche(root: Path, slug: str) -> Path:
    """Write the commented template for *slug* into root/fiches; return its path."""
    check_slug(slug)
    if shipped_inside_package(root):
        raise OrientationError(
            "le contenu livré avec l'outil ne se modifie pas. Créez d'abord votre dossier de "
            "contenu : orientation init mon-contenu, puis : orientation new "
            f"{slug} --content mon-contenu"
        )
    key = normalise(slug)
    for fiche in read_content(root).fiches:  # those that load; `check` tells about the others
        names = {normalise(n) for n in (fiche.slug, fiche.title, *fiche.aliases)}
        if key in names:
            raise OrientationError(
                f"« {slug} » désigne déjà le métier {fiche.slug} ({shown_path(fiche.path)}) : "
                "choisir un autre identifiant."
            )
    path = root / "fiches" / f"{slug}.yaml"
    try:
        path.parent.mkdir(exist_ok=True)
    except OSError as exc:
        raise OrientationError(f"impossible de créer {path.parent} : {os_reason(exc)}") from None
    try:
        write_new(path, template(root, slug))
    except NameTaken:
        raise OrientationError(
            f"{shown_path(path)} existe déjà : il n'est pas remplacé. Pour repartir de zéro, "
            "supprimez-le ou choisissez un autre identifiant."
        ) from None
    return path


def template(root: Path, slug: str) -> str:
    """The fiche template, with the tags of *root*'s vocabulary listed as comments.

    Only what loads as a tag is copied (a valid id, a label on one line), and each
    comment is made one line whatever: text from tags.yaml must never become YAML."""
    tags = [tag for tag in read_tags(root) if TAG_ID.fullmatch(tag.id)]
    listed = [f"#   {tag.id} : {_one_line(tag.label)}" for tag in tags] or ["#   (voir tags.yaml)"]
    first = tags[0].id if tags else "empathie"
    text = TEMPLATE.read_text(encoding="utf-8")
    return (
        text.replace("@SLUG@", slug)
        .replace("@ROOT@", _one_line(shell_word(str(root))))
        .replace("@TAGS@", "\n".join(listed))
        .replace("@FIRST_TAG@", first)
    )


def _one_line(text: str) -> str:
    """*text* made one line of a YAML comment: controls neutralised, line breaks as spaces
    (YAML 1.1 ends a comment at NEL, U+2028 and U+2029 too; clean() replaces them)."""
    from orientation.output import clean

    return " ".join(clean(text).split())


def ensure_schemas(root: Path) -> bool:
    """Give *root* the JSON Schemas the fiches point to, if it has none; True if written."""
    target = root / SCHEMAS
    source = default_root() / SCHEMAS
    if target.exists() or not source.is_dir():
        return False
    try:
        shutil.copytree(source, target, ignore=_not_content)
    except OSError:
        return False  # only editor help is missing; the fiche itself was written
    return True
