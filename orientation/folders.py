"""The user's own folders: where the content index (cache) and the quiz progress (state)
are kept.

On Linux and the BSDs, the XDG base directories, read here rather than by platformdirs
(2 ms to import, and releases before 4.15 take a relative XDG_CACHE_HOME or HOME as
it is, which puts folders in the current directory, or at / when HOME is empty). The
XDG specification says a relative path in these variables is to be ignored; a home
folder that is empty, relative or / is replaced by the account's own (pwd), and with
none usable there is no folder at all: the caller goes without.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Literal

Kind = Literal["cache", "state"]
_XDG = {"cache": ("XDG_CACHE_HOME", ".cache"), "state": ("XDG_STATE_HOME", ".local/state")}
NO_HOME = (
    "aucun dossier personnel utilisable (HOME est vide ou relatif) : définir HOME, ou "
    "XDG_STATE_HOME, par un chemin absolu"
)


def user_folder(kind: Kind) -> Path | None:
    """The user's base folder for *kind* (without the application's name), or None."""
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        variable, default = _XDG[kind]
        value = os.environ.get(variable, "")
        if os.path.isabs(value):
            return Path(value)
        home = home_folder()
        return None if home is None else home / default
    import platformdirs

    try:
        return platformdirs.user_cache_path() if kind == "cache" else platformdirs.user_state_path()
    except RuntimeError:  # platformdirs found no absolute home folder
        return None


def home_folder() -> Path | None:
    """$HOME when it is an absolute path other than /, else the account's home folder."""
    home = os.environ.get("HOME", "")
    if _usable(home):
        return Path(home)
    try:
        import pwd

        home = pwd.getpwuid(os.getuid()).pw_dir
    except (ImportError, KeyError):  # no pwd module, or an account unknown to it
        return None
    return Path(home) if _usable(home) else None


def _usable(home: str) -> bool:
    return os.path.isabs(home) and home.strip("/") != ""
