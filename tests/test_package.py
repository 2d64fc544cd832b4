"""The package as a distribution: its version comes from the metadata, and it is typed."""

from __future__ import annotations

from importlib.metadata import version
from importlib.resources import files

import notes


def test_version_is_the_installed_metadata_version():
    assert notes.__version__ == version("notes")


def test_package_ships_the_py_typed_marker():
    assert files("notes").joinpath("py.typed").is_file()
