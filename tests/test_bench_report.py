"""make bench's report of a run that measured some sections only (``ONLY="…"``), its
file holding no figures of the others."""

from __future__ import annotations

import json

from benchmarks.bench import RESULTS, report


def test_a_section_no_run_has_measured_is_left_out_of_the_report(capsys):
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    for section in ("tests", "softmax", "first_view", "lighthouse", "documents"):
        results.pop(section, None)
    report(results)
    printed = capsys.readouterr().out
    assert "cold build (en + zh_CN)" in printed
    for line in ("test suite", "of scipy.special", "first view", "lighthouse", "make pdf"):
        assert line not in printed, line
