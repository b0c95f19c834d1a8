"""Which files of a content root may be read: a link out of the root, or anything but a
regular file, is skipped with a warning."""

from __future__ import annotations

import os
from pathlib import Path

from orientation.errors import Problem


def list_folder(folder: Path) -> dict[str, os.DirEntry[str]]:
    """File name -> directory entry (which knows its type and caches its stat)."""
    with os.scandir(folder) as listing:
        return {item.name: item for item in listing}


def outside_root(path: Path, root: Path) -> Path | None:
    """Where *path* really leads, when symbolic links take it out of *root*; else None."""
    try:
        target = path.resolve()
        inside = target.is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a symlink loop: reading the file reports it
        return None
    return None if inside else target


def refuse_outside(path: Path, problems: list[Problem]) -> bool:
    """Report tags.yaml or questions.yaml leading out of their root; True if they do."""
    target = outside_root(path, path.parent)
    if target is not None:
        message = f"lien symbolique vers {target}, hors du dossier de contenu : fichier non lu"
        problems.append(Problem(path, None, None, message))
    return target is not None
