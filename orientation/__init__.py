"""Orientation vers les métiers du social."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # Resolved on first use: importlib.metadata costs ~30 ms, too much for every run.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("orientation")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0.0.0"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
