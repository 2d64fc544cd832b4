r"""NumPy broadcasting: the shape rule, and an explanation of it dimension by dimension.

Broadcasting lines shapes up on the **right**. A shape with fewer axes is padded on the
left with 1s; then, dimension by dimension, the sizes must be equal or 1, and a size 1
stretches to the other size. :func:`broadcast_shape` computes the result (the same as
:func:`numpy.broadcast_shapes`, with an error that says where it fails);
:func:`explain_broadcast` prints the whole reasoning as a table.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from typing import SupportsIndex

__all__ = ["broadcast_shape", "explain_broadcast"]

#: What a caller may pass as one shape: an int (a 1-d shape) or a sequence of ints.
ShapeLike = SupportsIndex | Sequence[SupportsIndex]


def _integer(value: object) -> int | None:
    """``value`` as an int if it is an integer (Python's or NumPy's, not a bool), else ``None``."""
    if isinstance(value, bool) or not isinstance(value, SupportsIndex):
        return None
    try:
        return operator.index(value)
    except TypeError:  # a NumPy array other than a 0-d integer one
        return None


def _as_shape(shape: object, name: str) -> tuple[int, ...]:
    """Return ``shape`` as a tuple of non-negative ints, or raise naming ``name``.

    Accepts what :func:`numpy.broadcast_shapes` accepts: an integer (NumPy or Python) is a
    1-d shape, any other iterable of integers is a shape. Booleans are refused, as NumPy
    refuses them, because ``True`` as a size is almost certainly a mistake.
    """
    if shape is None:
        raise TypeError(f"{name} must be a shape (a tuple of ints), got None; use () for a scalar")
    if isinstance(shape, (bool, str, bytes)):
        raise TypeError(f"{name} must be an int or a sequence of ints, got {shape!r}")
    single = _integer(shape)
    sizes: tuple[object, ...]
    if single is not None:
        sizes = (single,)
    else:
        try:
            if not isinstance(shape, Iterable):
                raise TypeError
            sizes = tuple(shape)
        except TypeError:  # not iterable, or a 0-d NumPy array
            raise TypeError(f"{name} must be an int or a sequence of ints, got {type(shape).__name__}") from None
    out = []
    for position, size in enumerate(sizes):
        if isinstance(size, bool):  # an int to Python, but never meant as a size
            raise TypeError(f"{name}[{position}] must be an integer, got {size!r}")
        value = _integer(size)
        if value is None:
            raise TypeError(f"{name}[{position}] must be an integer, got {type(size).__name__} {size!r}")
        if value < 0:
            raise ValueError(f"{name}[{position}] is a negative size, {value}")
        out.append(value)
    return tuple(out)


def _as_shapes(shapes: tuple[object, ...]) -> list[tuple[int, ...]]:
    return [_as_shape(shape, f"shapes[{i}]") for i, shape in enumerate(shapes)]


def _dimension_sizes(shapes: list[tuple[int, ...]], ndim: int) -> list[list[int]]:
    """Sizes of every shape at each dimension ``-ndim … -1``, padded with 1 on the left."""
    return [
        [shape[d - ndim + len(shape)] if d - ndim + len(shape) >= 0 else 1 for shape in shapes] for d in range(ndim)
    ]


def _first_conflict(sizes: list[int]) -> tuple[int, int] | None:
    """Indices ``(i, j)`` of the first two shapes whose sizes clash here, or ``None``."""
    first = None  # index of the first size that is not 1: every other non-1 must equal it
    for j, size in enumerate(sizes):
        if size == 1:
            continue
        if first is None:
            first = j
        elif size != sizes[first]:
            return first, j
    return None


def _broadcast_or_conflict(
    shapes: list[tuple[int, ...]],
) -> tuple[tuple[int, ...], tuple[int, int, int] | None]:
    """The broadcast shape, and the rightmost conflict ``(dimension, i, j)`` if any."""
    ndim = max((len(shape) for shape in shapes), default=0)
    result, conflict = [], None
    for d, sizes in enumerate(_dimension_sizes(shapes, ndim)):
        clash = _first_conflict(sizes)
        if clash is not None:
            conflict = (d - ndim, *clash)
        non_one = [size for size in sizes if size != 1]
        result.append(non_one[0] if non_one else 1)
    return tuple(result), conflict


def broadcast_shape(*shapes: ShapeLike) -> tuple[int, ...]:
    r"""The shape that NumPy broadcasting gives for arrays of the given shapes.

    Derivation: :doc:`/broadcasting/broadcasting`.

    Shapes are aligned on the right and the shorter ones padded on the left with 1s; then
    at every dimension :math:`d`, where :math:`S_d` is the set of the sizes other than 1
    found there, the result is

    .. math::

       n_d = \begin{cases}
         1 & S_d = \varnothing, \\
         s & S_d = \{s\},
       \end{cases}

    and broadcasting fails if two sizes at the same dimension differ and neither is 1.
    A size 0 is not special: it broadcasts with 1 (giving 0) and clashes with anything else.

    Parameters
    ----------
    *shapes : int or sequence of int
        Any number of shapes; an int ``n`` means the 1-d shape ``(n,)``, as in NumPy.
        No shapes at all give ``()``.

    Returns
    -------
    tuple of int
        Same result as :func:`numpy.broadcast_shapes`. (NumPy additionally refuses shapes
        with more than 32 dimensions, an implementation limit not reproduced here.)

    Raises
    ------
    ValueError
        If the shapes do not broadcast. The message names the two clashing sizes, the
        dimension counted from the right (``-1`` is the last axis) and the two shapes; if
        several dimensions clash, the rightmost is reported. Also for a negative size.
    TypeError
        If a shape is not an int or a sequence of ints (``None``, floats, booleans).

    See Also
    --------
    explain_broadcast : the same rule, written out dimension by dimension.
    numpy.broadcast_shapes : the reference the tests compare against.

    Examples
    --------
    >>> from notes.broadcasting import broadcast_shape
    >>> broadcast_shape((32, 32), (3, 1, 1))
    (3, 32, 32)
    >>> broadcast_shape((8, 1, 6, 1), (7, 1, 5))
    (8, 7, 6, 5)
    >>> broadcast_shape((5, 0), (1,))  # a zero-size dimension stretches a size 1 to 0
    (5, 0)
    >>> broadcast_shape()
    ()
    >>> broadcast_shape((2, 3), (4,))
    Traceback (most recent call last):
        ...
    ValueError: cannot broadcast: size 3 and size 4 at dimension -1 (counting from the right) of shapes (2, 3) and (4,)
    """
    normalized = _as_shapes(shapes)
    result, conflict = _broadcast_or_conflict(normalized)
    if conflict is not None:
        d, i, j = conflict
        a, b = normalized[i], normalized[j]
        raise ValueError(
            f"cannot broadcast: size {a[d]} and size {b[d]} at dimension {d} "
            f"(counting from the right) of shapes {a} and {b}"
        )
    return result


def _rule(sizes: list[int]) -> str:
    """One dimension's verdict in words: equal, size 1 stretches, or incompatible."""
    distinct = sorted(set(sizes))
    listed = ", ".join(str(size) for size in sizes)
    if len(distinct) == 1:
        return f"{listed} -> {distinct[0]} (all equal)"
    clash = _first_conflict(sizes)
    if clash is not None:
        a, b = sizes[clash[0]], sizes[clash[1]]
        return f"{listed} -> incompatible ({a} != {b} and neither is 1)"
    target = next(size for size in sizes if size != 1)
    return f"{listed} -> {target} (size 1 stretches to {target})"


def explain_broadcast(*shapes: ShapeLike) -> str:
    r"""Explain, dimension by dimension, how the given shapes broadcast.

    Derivation: :doc:`/broadcasting/broadcasting`.

    The explanation has three parts, in fixed-width columns so that it prints well (in a
    terminal or a doctest):

    1. a table with one column per dimension, numbered from the right (``-1`` is the last
       axis), one row per shape, right-aligned; a shape with fewer axes is padded on the
       left with 1s and its row says so; the last row is the result size (``?`` where the
       sizes clash);
    2. one line per dimension with the sizes found there and the rule that applies: all
       equal, size 1 stretches, or incompatible (two sizes differ and neither is 1);
    3. a final line: ``result shape: (...)``, or ``result: cannot broadcast`` naming the
       incompatible dimension (the same one :func:`broadcast_shape` reports).

    The rule at each dimension is the one :func:`broadcast_shape` states, with :math:`S_d`
    the set of the sizes other than 1 at dimension :math:`d`:

    .. math::

       n_d = 1 \ \ (S_d = \varnothing), \qquad n_d = s \ \ (S_d = \{s\}).

    Parameters
    ----------
    *shapes : int or sequence of int
        As for :func:`broadcast_shape`. Incompatible shapes are explained, not refused.

    Returns
    -------
    str
        Several lines, no trailing newline. With no dimensions at all (no shapes, or only
        ``()``) only the result line is left: ``result shape: ()``.

    Raises
    ------
    ValueError, TypeError
        For a shape that is not a shape (negative size, float, ``None``), as
        :func:`broadcast_shape`.

    Examples
    --------
    An image of shape ``(32, 32)`` and a per-channel value of shape ``(3, 1, 1)``:

    >>> from notes.broadcasting import explain_broadcast
    >>> print(explain_broadcast((32, 32), (3, 1, 1)))
    dimension  -3  -2  -1
    (32, 32)    1  32  32  <- padded on the left with 1s
    (3, 1, 1)   3   1   1
    result      3  32  32
    dimension -3: 1, 3 -> 3 (size 1 stretches to 3)
    dimension -2: 32, 1 -> 32 (size 1 stretches to 32)
    dimension -1: 32, 1 -> 32 (size 1 stretches to 32)
    result shape: (3, 32, 32)

    A shape of 1s changes no size, it only adds axes:

    >>> print(explain_broadcast((32, 32), (1, 1, 1, 1)))
    dimension     -4  -3  -2  -1
    (32, 32)       1   1  32  32  <- padded on the left with 1s
    (1, 1, 1, 1)   1   1   1   1
    result         1   1  32  32
    dimension -4: 1, 1 -> 1 (all equal)
    dimension -3: 1, 1 -> 1 (all equal)
    dimension -2: 32, 1 -> 32 (size 1 stretches to 32)
    dimension -1: 32, 1 -> 32 (size 1 stretches to 32)
    result shape: (1, 1, 32, 32)

    >>> print(explain_broadcast((2, 3), (4,)))
    dimension  -2  -1
    (2, 3)      2   3
    (4,)        1   4  <- padded on the left with 1s
    result      2   ?
    dimension -2: 2, 1 -> 2 (size 1 stretches to 2)
    dimension -1: 3, 4 -> incompatible (3 != 4 and neither is 1)
    result: cannot broadcast (size 3 and size 4 at dimension -1)
    """
    normalized = _as_shapes(shapes)
    ndim = max((len(shape) for shape in normalized), default=0)
    result, conflict = _broadcast_or_conflict(normalized)
    per_dimension = _dimension_sizes(normalized, ndim)
    if conflict is not None:
        d, i, j = conflict
        final = f"result: cannot broadcast (size {normalized[i][d]} and size {normalized[j][d]} at dimension {d})"
    else:
        final = f"result shape: {result}"
    if ndim == 0:
        return final

    result_row = [
        "?" if _first_conflict(sizes) is not None else str(size)
        for sizes, size in zip(per_dimension, result, strict=True)
    ]
    rows = [("dimension", [str(d) for d in range(-ndim, 0)], "")]
    rows += [
        (
            str(shape),
            [str(sizes[k]) for sizes in per_dimension],
            "  <- padded on the left with 1s" if len(shape) < ndim else "",
        )
        for k, shape in enumerate(normalized)
    ]
    rows.append(("result", result_row, ""))
    label_width = max(len(label) for label, _, _ in rows)
    cell_width = max(len(cell) for _, cells, _ in rows for cell in cells)
    lines = [
        label.ljust(label_width) + "".join(f"  {cell:>{cell_width}}" for cell in cells) + note
        for label, cells, note in rows
    ]
    lines += [f"dimension {d - ndim}: {_rule(sizes)}" for d, sizes in enumerate(per_dimension)]
    lines.append(final)
    return "\n".join(lines)
