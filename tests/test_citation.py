"""CITATION.cff is valid Citation File Format 1.2 and agrees with the package metadata."""

from __future__ import annotations

import json
import tomllib

import jsonschema
import yaml

from conftest import REPO

# The official CFF 1.2.0 schema (citation-file-format/citation-file-format, CC-BY-4.0),
# as shipped in cffconvert 2.0.0; kept here because the tests must not download it.
SCHEMA = REPO / "tests" / "data" / "citation-file-format-1.2.0.schema.json"


def _citation() -> dict:
    return yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_file_is_valid_cff_1_2():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(_citation(), schema)


def test_citation_version_matches_the_package():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert str(_citation()["version"]) == project["version"]
