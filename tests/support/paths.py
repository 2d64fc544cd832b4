"""Where the repository, its docs and the built site are; whether the tests run in CI."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
SITE = DOCS / "_build" / "html"
GLOSSARY_SOURCE = DOCS / "glossary.md"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
