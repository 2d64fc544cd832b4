"""The build fails loudly on a wrong example, and writes nothing into the source tree."""

from __future__ import annotations

import subprocess

import pytest

from support.build import sphinx_build
from support.pages import Element, parse
from support.paths import IN_CI, REPO

pytestmark = pytest.mark.build


def test_a_wrong_docstring_example_stops_the_build_naming_module_and_function(repository_copy):
    module = repository_copy / "src" / "notes" / "activations.py"
    source = module.read_text()
    example = "    >>> softmax([1.0, 2.0, 3.0]).round(4).tolist()\n    [0.09, 0.2447, 0.6652]\n"
    assert example in source, "the example this test breaks has moved; update the test"
    module.write_text(source.replace(example, example.replace("[0.09,", "[0.1,"), 1))

    result = sphinx_build(repository_copy)

    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "notes.activations.softmax" in output, output
    assert "activations.py" in output and "expected" in output, output


def test_a_code_cell_that_raises_stops_the_build_naming_page_cell_and_exception(repository_copy):
    """A raising cell is the page's error, not Sphinx's: no crash report, no Sphinx traceback;
    and the kernel that ran it printed nothing of its own (no ipykernel TCP warning)."""
    docs = repository_copy / "docs"
    (docs / "broken.md").write_text(
        "---\nfile_format: mystnb\nkernelspec:\n  name: python3\n  display_name: Python 3\n---\n\n"
        "# Broken\n\n```{code-cell} python3\nraise ZeroDivisionError('cell raised on purpose')\n```\n"
    )
    index = docs / "index.md"
    index.write_text(index.read_text().replace("activations/index\n", "activations/index\nbroken\n", 1))

    result = sphinx_build(repository_copy)

    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "broken.md" in output, output
    assert "raise ZeroDivisionError('cell raised on purpose')" in output, output  # the cell
    assert "ZeroDivisionError: cell raised on purpose" in output, output  # the exception
    assert "sphinx-doc/sphinx/issues" not in output and "sphinx-err-" not in output, output
    assert "/sphinx/" not in output, f"a traceback through Sphinx's code: {output}"
    assert "IPKernelApp" not in output, output


def test_a_glued_value_that_no_cell_makes_stops_the_build_naming_page_and_name(repository_copy):
    """Numbers in prose come from the page's cells through glue; a name no cell glued (a typo,
    a cell deleted) must not leave an empty gap in a sentence, in either form of the role."""
    page = repository_copy / "docs" / "activations" / "softmax.md"
    text = page.read_text()
    heading = "## Definition\n"
    assert heading in text, "the section this test edits has moved; update the test"
    probe = (
        "\nA value {glue:text}`softmax.md::softmax-no-cell-makes-this:.3f` and another "
        "{glue:text}`softmax-no-cell-makes-that:.3f`.\n\n"
    )
    page.write_text(text.replace(heading, heading + probe, 1))

    result = sphinx_build(repository_copy)

    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "softmax" in output, output
    assert "softmax-no-cell-makes-this" in output and "softmax-no-cell-makes-that" in output, output


def test_a_failing_example_on_a_page_stops_the_build_naming_the_page(repository_copy):
    docs = repository_copy / "docs"
    page = docs / "activations" / "index.md"
    page.write_text(page.read_text() + "\n```pycon\n>>> 1 + 1\n3\n```\n")

    result = sphinx_build(repository_copy)

    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "activations/index" in output and ">>> 1 + 1" in output, output


def test_api_pages_state_each_type_once(site):
    """A return's type is in its "Returns" field, never again in a "Return type" field; every
    documented return states its type."""
    problems = []
    for path in sorted((site / "en" / "api").glob("*.html")):
        for fields in parse(path).find_all("dl", class_="field-list"):
            names = [
                dt.text().strip().rstrip(":") for dt in fields.children if isinstance(dt, Element) and dt.tag == "dt"
            ]
            if "Return type" in names:
                problems.append(f"{path.name}: a 'Return type' field next to {names}")
        for returns in _field_bodies(parse(path), "Returns"):
            if " – " not in returns.text():  # napoleon writes "type – description"
                problems.append(f"{path.name}: a return without its type: {returns.text()[:80]!r}")
    assert not problems, "\n".join(problems)


# The package's named tuples: autodoc's class signature would repeat their fields' types.
RECORDS = {"optim": ["Trajectory"], "regression": ["SGDResult", "SoftmaxSGDResult"]}


def test_a_records_field_types_are_stated_once_in_its_fields_not_in_its_signature(site):
    problems = []
    for module, records in RECORDS.items():
        page = parse(site / "en" / "api" / f"{module}.html")
        entries = {dt.attrs.get("id"): dt for dt in page.find_all("dt")}
        for record in records:
            signature = entries[f"notes.{module}.{record}"]
            parameters = [em.text() for em in signature.find_all("em", class_="sig-param")]
            if not parameters or any(":" in parameter for parameter in parameters):
                problems.append(f"{record}{tuple(parameters)}: the signature should name the fields only")
            fields = [dt for key, dt in entries.items() if key and key.startswith(f"notes.{module}.{record}.")]
            if not fields or not all(":" in dt.text() for dt in fields):
                problems.append(f"{record}: every field entry should state its type")
    assert not problems, "\n".join(problems)


def _field_bodies(page: Element, name: str) -> list[Element]:
    bodies = []
    for fields in page.find_all("dl", class_="field-list"):
        children = [child for child in fields.children if isinstance(child, Element)]
        for dt, dd in zip(children[::2], children[1::2], strict=False):
            if dt.text().strip().rstrip(":") == name:
                bodies.append(dd)
    return bodies


def _git(*args: str) -> list[str]:
    result = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True)
    return [line for line in result.stdout.splitlines() if line]


# What a build, a test run, the checks and the virtualenv may leave behind (all in .gitignore).
EXPECTED_OUTPUTS = (
    ".venv/",
    "docs/_build/",
    "node_modules/",  # make node-deps
    ".pytest_cache/",
    ".hypothesis/",
    ".mypy_cache/",
    ".ruff_cache/",
    "src/notes.egg-info/",
)


def test_the_build_leaves_only_ignored_outputs(site):
    ignored = [line[3:] for line in _git("status", "--porcelain", "--ignored") if line.startswith("!! ")]
    unexpected = [path for path in ignored if not path.startswith(EXPECTED_OUTPUTS) and "__pycache__" not in path]
    assert not unexpected, f"the build or the tests wrote into the source tree: {unexpected}"


@pytest.mark.skipif(not IN_CI, reason="a developer's tree has uncommitted work; CI starts from a clean clone")
def test_git_status_is_clean_after_build_and_tests_in_ci(site):
    assert _git("status", "--porcelain") == []
