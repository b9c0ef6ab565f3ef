"""Access to the package's data files (CSS, icons) through importlib.resources."""

from __future__ import annotations

from contextlib import AbstractContextManager
from importlib.resources import as_file, files
from pathlib import Path


def read_text(name: str) -> str:
    """The text of resource *name* (for example ``base.css``)."""
    return files("editor.resources").joinpath(name).read_text(encoding="utf-8")


def resource_path(name: str) -> AbstractContextManager[Path]:
    """A context manager giving a real file path for resource *name*."""
    return as_file(files("editor.resources").joinpath(name))
