"""Fixtures: the built site, throwaway copies of the repository, a browser, an offline page;
and the Hypothesis profiles.

Shared helpers live in ``support/`` (importable as ``support``), never here.

Hypothesis profiles: ``ci`` draws the same examples on every run (``derandomize``: the
seed is derived from each test's source) and prints a reproduction blob for a failure;
``dev`` draws new random examples each run and keeps failures in the local database
(``.hypothesis/``) to replay them first next time. ``ci`` is active when the environment
variable ``CI`` is true, ``dev`` otherwise; ``HYPOTHESIS_PROFILE=<name>`` or
``--hypothesis-profile=<name>`` chooses another, and ``--hypothesis-seed=<n>`` draws the
examples of seed ``n`` in either profile. The pytest header names the profile and seed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from editions import LANGUAGES
from hypothesis import HealthCheck, settings

from support.browser import CHROMIUM, allow_only, launch_chromium, serve
from support.build import copy_repository
from support.paths import IN_CI, SITE

# The golden-data generators import torch, which the tests do not need: they are run by
# hand (``python tests/golden/<name>.py``, with the ``golden`` extra), never collected.
collect_ignore = ["golden"]

# -- Hypothesis profiles ---------------------------------------------------------------------

# Both start from Hypothesis' "default" profile: without a parent, a profile copies the
# one active at import, which is Hypothesis' own "ci" whenever CI is set at all, even CI=false.
settings.register_profile(
    "ci",
    settings.get_profile("default"),
    derandomize=True,
    print_blob=True,
    database=None,  # nothing carried over from another run
    deadline=None,  # shared CI machines are slow at random moments
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", settings.get_profile("default"))  # random examples every run
PROFILE_VARIABLE = "HYPOTHESIS_PROFILE"
# Loaded here, before Hypothesis' pytest plugin reads --hypothesis-profile, which wins.
settings.load_profile(os.environ.get(PROFILE_VARIABLE) or ("ci" if IN_CI else "dev"))


@pytest.hookimpl(trylast=True)  # after Hypothesis' plugin has applied its options
def pytest_configure(config: pytest.Config) -> None:
    # derandomize ignores --hypothesis-seed: with a seed, draw from the seed instead.
    if config.getoption("--hypothesis-seed") is not None and settings.default.derandomize:
        name = f"{settings.get_current_profile_name()}-seeded"
        settings.register_profile(name, settings.default, derandomize=False)
        settings.load_profile(name)


def pytest_report_header(config: pytest.Config) -> str:
    seed = config.getoption("--hypothesis-seed")
    if seed is not None:
        source = f"seed {seed} (--hypothesis-seed)"
    elif settings.default.derandomize:
        source = "seed derived from each test (derandomize); the same examples every run"
    else:
        source = "random seed per test, printed with a failure; reproduce with --hypothesis-seed=<n>"
    return f"hypothesis: profile {settings.get_current_profile_name()!r}, {source}"


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
