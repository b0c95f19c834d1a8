"""Where fiches are found in a content root and how their names are checked to be unique:
the part of loading that both a cold read (loading.py) and the index (index.py) need."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from orientation.content.model import Entry, Fiche, Stamp, Tag
from orientation.content.paths import list_folder, outside_root
from orientation.errors import Problem, os_reason


def read_fiches(
    root: Path, tags: tuple[Tag, ...], problems: list[Problem], warnings: list[Problem]
) -> tuple[Fiche, ...]:
    entries, read, _ = load_entries(root, tags, problems, warnings)
    return tuple(read[entry.path] for entry in entries)


def _unknown(path: Path) -> tuple[Entry | None, Stamp | None]:
    return None, None


def load_entries(
    root: Path,
    tags: tuple[Tag, ...],
    problems: list[Problem],
    warnings: list[Problem],
    known: Callable[[Path], tuple[Entry | None, Stamp | None]] = _unknown,
    listing: dict[str, os.DirEntry[str]] | None = None,
) -> tuple[tuple[Entry, ...], dict[Path, Fiche], dict[str, Entry]]:
    """The entries of the fiches without problems, the whole fiches read on the way,
    and the lookup index (normalised name -> entry).

    *known* gives the entry of a file unchanged since an earlier run (index.py), or
    the stamp to keep the file's entry with; the others are read. *listing* is the
    fiches folder's, if the caller has listed it already.
    """
    tag_ids = {t.id for t in tags}
    paths = _fiche_paths(root / "fiches", problems, warnings, listing)
    fine: list[Entry] = []
    named: list[Entry] = []  # with those that have problems: their names still count
    read: dict[Path, Fiche] = {}
    for path in paths:
        entry, stamp = known(path)
        if entry is None:
            from orientation.content.loading import load_fiche

            before = len(problems)
            fiche = load_fiche(path, tag_ids, problems)
            if fiche is None:
                continue
            entry = fiche.entry(stamp)
            if not all(entry.keys):
                _report_nameless(entry, problems)
            if len(problems) > before:
                named.append(entry)
                continue
            read[path] = fiche
        named.append(entry)
        fine.append(entry)
    names = _check_names_unique(named, problems)
    if problems:
        clashing = {p.path for p in problems}
        fine = [e for e in fine if e.path not in clashing]
    return tuple(fine), read, names


def _fiche_paths(
    fiche_dir: Path,
    problems: list[Problem],
    warnings: list[Problem],
    listing: dict[str, os.DirEntry[str]] | None = None,
) -> list[Path]:
    """The fiche files, sorted; other files that look like fiches are reported, and
    hidden files ignored.

    A `*.yaml` that is not a regular file, or a symbolic link that leads out of the
    content root, is skipped with a warning: content often comes from someone else,
    and a link to a private file must not end up quoted in an error message.
    """
    import errno

    try:
        found = listing if listing is not None else list_folder(fiche_dir)
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            message = "dossier introuvable"
        elif exc.errno == errno.ENOTDIR:
            message = "ce n'est pas un dossier : les fiches vont dans un dossier fiches/"
        else:
            message = f"lecture impossible : {os_reason(exc)}"
        problems.append(Problem(fiche_dir, None, None, message))
        return []
    # A hidden file is never a fiche: editors and other systems leave them next to the
    # files (Emacs .#x.yaml lock links, macOS ._x.yaml, Vim .x.yaml.swp, .DS_Store).
    names = sorted(name for name in found if not name.startswith("."))
    # Only links can lead out of the root, unless fiches/ itself does: resolving
    # every path would cost a third of a second for 10 000 fiches.
    linked_folder = outside_root(fiche_dir, fiche_dir.parent) is not None
    paths: list[Path] = []
    for name in names:
        if not name.endswith(".yaml"):
            continue
        item, path = found[name], fiche_dir / name
        target = None
        if linked_folder or item.is_symlink():
            target = outside_root(path, fiche_dir.parent)
        if target is not None:
            message = f"lien symbolique vers {target}, hors du dossier de contenu : fichier ignoré"
            warnings.append(Problem(path, None, None, message))
            continue
        # A broken link or a loop is kept: reading it says what is wrong.
        if not item.is_file() and not (item.is_symlink() and not os.path.exists(path)):
            kind = "c'est un dossier" if item.is_dir() else "ce n'est pas un fichier ordinaire"
            warnings.append(Problem(path, None, None, f"{kind}, pas une fiche : ignoré"))
            continue
        paths.append(path)
    for name in names:
        stem, dot, suffix = name.rpartition(".")
        if dot and suffix.lower() in ("yaml", "yml") and suffix != "yaml":
            message = (
                f"fichier ignoré : seules les fiches en .yaml sont lues (renommer en {stem}.yaml)"
            )
            problems.append(Problem(fiche_dir / name, None, None, message))
    if not paths and not problems:
        problems.append(Problem(fiche_dir, None, None, "aucune fiche métier (*.yaml)"))
    return paths


def _check_names_unique(entries: list[Entry], problems: list[Problem]) -> dict[str, Entry]:
    """Each slug, title and alias names one fiche only (compared as lookup keys); the
    lookup index, in one pass.

    A fiche whose slug is its file name keeps its names: a copy under another file
    name is the one told about the clash, whatever the alphabetical order."""
    index: dict[str, Entry] = {}
    copies = []
    for entry in entries:
        if entry.path.name == f"{entry.slug}.yaml":
            _claim_names(entry, index, problems, own_slug=True)
        else:
            copies.append(entry)
    for entry in copies:
        _claim_names(entry, index, problems, own_slug=False)
    for entry in entries:
        if entry.decoys:
            _report_decoys(entry, index, problems)
    return index


def _report_decoys(entry: Entry, index: dict[str, Entry], problems: list[Problem]) -> None:
    """A name that means another job (« ne pas confondre ») must not name a fiche."""
    if not any(key in index or not key for key in entry.decoys):
        return  # the usual case: no YAML to read again on a warm run (index.py)
    from orientation.content.loading import places_of

    places = entry.places or places_of(entry.path)
    fields = [f for f in places if ".names[" in f]
    for field_name, key in zip(fields, entry.decoys, strict=False):
        other = index.get(key)
        line, column = places[field_name]
        if not key:  # it would answer every query without a word (« show "" »)
            message = (
                f"champ « {field_name} » : ce nom ne contient aucun mot à chercher (lettres "
                "latines ou chiffres) ; l'écrire en lettres latines ou le retirer"
            )
        elif other is not None:
            message = (
                f"champ « {field_name} » : ce nom désigne le métier {other.slug} "
                f"({other.path.name}) ; un nom « à ne pas confondre » ne doit désigner aucun "
                "métier"
            )
        else:
            continue
        problems.append(Problem(entry.path, line, column, message))


def _claim_names(
    entry: Entry, index: dict[str, Entry], problems: list[Problem], *, own_slug: bool
) -> None:
    """Enter the names of *entry* in *index*; report those an earlier entry holds."""
    clash = False
    for key in entry.keys:
        clash = index.setdefault(key, entry) is not entry or clash
    if not clash:  # nearly always: 10 000 fiches, 60 000 names
        return
    reported: set[str] = set()
    # A slug other than the file name is reported as such (usually a copied file).
    fields = ["slug" if own_slug else "", "title"]
    fields += [f"aliases[{i + 1}]" for i in range(len(entry.aliases))]
    fields += [f"search_only[{i + 1}]" for i in range(len(entry.search_only))]
    names = (entry.slug, entry.title, *entry.aliases, *entry.search_only)
    for field_name, name, key in zip(fields, names, entry.keys, strict=True):
        other = index[key]
        if other is entry or not key or not field_name or key in reported:
            continue
        reported.add(key)
        # Entries kept in the index have no places: read them again, for this message only.
        from orientation.content.loading import places_of

        places = entry.places or places_of(entry.path)
        line, column = places.get(field_name, (None, None))
        message = (
            f"champ « {field_name} » : « {name} » désigne déjà le métier {other.slug} "
            f"({other.path.name}) ; chaque nom ne doit désigner qu'un métier"
        )
        problems.append(Problem(entry.path, line, column, message))


def _report_nameless(entry: Entry, problems: list[Problem]) -> None:
    """Report a title or alias that normalises to nothing: no name could ever find it."""
    fields = ["title", *(f"aliases[{i + 1}]" for i in range(len(entry.aliases)))]
    fields += [f"search_only[{i + 1}]" for i in range(len(entry.search_only))]
    names = (entry.title, *entry.aliases, *entry.search_only)
    for field_name, name, key in zip(fields, names, entry.keys[1:], strict=True):
        if name and not key:  # an empty title is already reported as missing
            line, column = entry.places.get(field_name, (None, None))
            message = (
                f"champ « {field_name} » : « {name} » ne contient aucun mot à chercher (lettres "
                "latines ou chiffres) : orientation show ne pourrait jamais retrouver le métier "
                "par ce nom ; l'écrire en lettres latines ou le retirer"
            )
            problems.append(Problem(entry.path, line, column, message))


def read_fiche(path: Path, tag_ids: set[str], problems: list[Problem]) -> Fiche | None:
    """A whole fiche read from its file: the Catalogue's reader. The YAML code is
    imported here, when a fiche is not in the index, and not before."""
    from orientation.content.loading import load_fiche

    return load_fiche(path, tag_ids, problems)
