"""CITATION.cff is valid Citation File Format 1.2 and states the package's version."""

from __future__ import annotations

import json
import tomllib
from importlib.metadata import version

import jsonschema
import yaml

import notes
from support.paths import REPO

# The official CFF 1.2.0 schema (citation-file-format/citation-file-format, CC-BY-4.0),
# as shipped in cffconvert 2.0.0; kept here because the tests must not download it.
SCHEMA = REPO / "tests" / "data" / "citation-file-format-1.2.0.schema.json"


def _citation() -> dict:
    return yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_file_is_valid_cff_1_2():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(_citation(), schema)


def test_citation_version_is_the_version_in_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert str(_citation()["version"]) == project["version"]


def test_the_package_reports_the_version_of_its_metadata():
    assert notes.__version__ == version("notes") == str(_citation()["version"])
