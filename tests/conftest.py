"""Shared fixtures: where the repository and the built site are, throwaway copies, a browser."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitebuild import CHROMIUM, LANGUAGES, REPO, copy_repository, launch_chromium, serve

SITE = REPO / "docs" / "_build" / "html"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# The golden-data generators import torch, which is not a test dependency: they are run
# by hand (see their docstrings), never collected.
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
def served_site(site: Path):
    """Serve the built site on 127.0.0.1; yields the base URL."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
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
def offline_page(browser, served_site):
    """A fresh page that may reach only the local server; records what it tried elsewhere."""
    context = browser.new_context()
    page = context.new_page()
    page.blocked_requests = []
    page.console_errors = []

    def route(request_route):
        if request_route.request.url.startswith(served_site):
            request_route.continue_()
        else:
            page.blocked_requests.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    yield page
    context.close()
