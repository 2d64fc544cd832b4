"""Fixtures: the built site, throwaway copies of the repository, a browser, an offline page.

Shared helpers live in ``support/`` (importable as ``support``), never here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from editions import LANGUAGES

from support.browser import CHROMIUM, allow_only, launch_chromium, serve
from support.build import copy_repository
from support.paths import IN_CI, SITE

# The golden-data generators import torch, which the tests do not need: they are run by
# hand (``python tests/golden/<name>.py``, with the ``golden`` extra), never collected.
collect_ignore = ["golden"]


@pytest.fixture(scope="session")
def site() -> Path:
    """The site built by ``make html`` (``make test`` builds it first)."""
    for language in LANGUAGES:
        if not (SITE / language / "index.html").is_file():
            pytest.fail(f"{SITE / language} is not built: run `make html` (or `make test`) first")
    return SITE


@pytest.fixture
def repository_copy(tmp_path: Path) -> Path:
    return copy_repository(tmp_path / "repository")


@pytest.fixture(scope="session")
def served_site(site: Path) -> Iterator[str]:
    """Serve the built site on 127.0.0.1; yields the base URL."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright.

    Under ``CI=true`` a missing browser is a failure; elsewhere the browser tests are
    skipped with a message saying so (``pytest -ra`` lists it in the summary).
    """
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium) to run the browser tests"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def offline_page(browser: Any, served_site: str) -> Iterator[Any]:
    """A fresh page that may reach only the local server; ``page.blocked_requests`` lists
    what it tried elsewhere, ``page.console_errors`` its console's errors."""
    context = browser.new_context()
    page = context.new_page()
    page.blocked_requests = allow_only(page, served_site)
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    yield page
    context.close()
