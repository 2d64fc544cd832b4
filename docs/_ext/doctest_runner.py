"""A doctest runner that collects failures as readable messages, for the build to report.

Shared by the ``package_doctests`` and ``page_doctests`` extensions. The option flags are
given by name (``["NORMALIZE_WHITESPACE", "ELLIPSIS"]``); ``conf.py`` reads them from
``pyproject.toml``'s pytest settings, so an example means the same in the build and under
``pytest --doctest-modules``.

This is a plain module (no ``setup()``), not an extension.
"""

from __future__ import annotations

import doctest
import traceback
from collections.abc import Iterable
from types import TracebackType
from typing import Any


def option_flags(names: Iterable[str]) -> int:
    """The ``doctest`` option flags named, or'ed; an unknown name is a ``ValueError``."""
    flags = 0
    for name in names:
        if name not in doctest.OPTIONFLAGS_BY_NAME:
            raise ValueError(f"unknown doctest option flag {name!r} (known: {sorted(doctest.OPTIONFLAGS_BY_NAME)})")
        flags |= doctest.OPTIONFLAGS_BY_NAME[name]
    return flags


class CollectingRunner(doctest.DocTestRunner):
    """A runner that records failures as readable messages instead of printing them."""

    def __init__(self, flag_names: Iterable[str]) -> None:
        super().__init__(optionflags=option_flags(flag_names), verbose=False)
        self.problems: list[str] = []

    def _where(self, test: doctest.DocTest, example: doctest.Example) -> str:
        line = (test.lineno or 0) + example.lineno + 1
        return f"{test.name} ({test.filename}, line {line})\n    >>> {example.source.strip()}"

    def report_failure(self, out: Any, test: doctest.DocTest, example: doctest.Example, got: str) -> None:
        self.problems.append(
            f"{self._where(test, example)}\n  expected: {example.want.strip()!r}\n  got:      {got.strip()!r}"
        )

    def report_unexpected_exception(
        self,
        out: Any,
        test: doctest.DocTest,
        example: doctest.Example,
        exc_info: tuple[type[BaseException], BaseException, TracebackType],
    ) -> None:
        error = "".join(traceback.format_exception_only(*exc_info[:2])).strip()
        self.problems.append(f"{self._where(test, example)}\n  raised:   {error}")
