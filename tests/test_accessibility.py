"""Every page of both editions, in light and dark mode, has no axe-core violation of WCAG 2.1
A and AA, checked in Chromium with axe-core from ``node_modules`` (``make node-deps``)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from editions import LANGUAGES

from support.browser import allow_only, site_pages
from support.paths import REPO

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# What the theme's mode switch stores; the page's inline script reads it before drawing.
SCHEME = "localStorage.setItem('mode', '{0}'); localStorage.setItem('theme', '{0}');"
RUN_AXE = """async (tags) => {
  const options = {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]};
  const result = await axe.run(document, options);
  return result.violations.flatMap(v => v.nodes.map(
    n => ({rule: v.id, target: n.target.join(" "), summary: n.failureSummary})
  ));
}"""


def audit(browser, base_url: str, language: str, pages: list[str], scheme: str) -> list[dict[str, str]]:
    """axe-core's WCAG 2.1 A/AA violations on each page, each a dict: rule, target, page, summary."""
    context = browser.new_context()
    context.add_init_script(SCHEME.format(scheme))
    page_view = context.new_page()
    allow_only(page_view, base_url)
    violations = []
    try:
        for page in pages:
            page_view.goto(f"{base_url}/{language}/{page}", wait_until="load")
            assert page_view.evaluate("document.documentElement.dataset.theme") == scheme, page
            page_view.add_script_tag(path=str(AXE))
            for violation in page_view.evaluate(RUN_AXE, TAGS):
                violations.append({**violation, "page": f"{language}/{page}"})
    finally:
        context.close()
    return violations


def report(violations: list[dict[str, str]]) -> str:
    counts = Counter(violation["rule"] for violation in violations)
    lines = [f"{len(violations)} axe-core violations: " + ", ".join(f"{rule} {n}" for rule, n in counts.most_common())]
    for v in violations[:40]:
        lines.append(f"  {v['rule']}: {v['target']} on {v['page']} ({v['summary'].splitlines()[-1].strip()})")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_page_has_no_wcag_violation(browser, served_site, site: Path, language, scheme):
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make node-deps`")
    violations = audit(browser, served_site, language, site_pages(site, language), scheme)
    assert not violations, report(violations)
