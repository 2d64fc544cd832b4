"""State a record's field types once: in its fields' entries, not again in its signature.

Job: the package returns some results as named tuples (``Trajectory``, ``SGDResult``, …).
autodoc shows such a class with the signature of its ``__new__``, whose parameters are the
annotated fields (``Trajectory(path: np.ndarray, grads: np.ndarray, …)``), and then each
field with its type: every type twice. This extension drops the annotations from a named
tuple's class signature, keeping the field names, so each type is stated once, where its
field is described.

Config values: none.

Events: ``autodoc-process-signature`` (rewrites the signature of named-tuple classes).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

__version__ = "1.0"


def _is_named_tuple(obj: object) -> bool:
    return isinstance(obj, type) and issubclass(obj, tuple) and hasattr(obj, "_fields")


def _drop_annotations(
    app: Sphinx,
    what: str,
    name: str,
    obj: object,
    options: Any,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str, str | None] | None:
    if what != "class" or not _is_named_tuple(obj):
        return None
    fields: tuple[str, ...] = obj._fields  # type: ignore[attr-defined]
    return f"({', '.join(fields)})", None


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("autodoc-process-signature", _drop_annotations)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
