"""Tests for :mod:`notes.broadcasting`.

Reference: ``numpy.broadcast_shapes`` (result, and whether it fails) on hypothesis-drawn
shapes, including sizes 0 and 1, scalars ``()`` and no shapes at all. Error messages are
checked by reading back what they claim (two sizes, a dimension, two shapes) and verifying
the claim against the input shapes.
"""

from __future__ import annotations

import ast
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import mutually_broadcastable_shapes

from notes.broadcasting import broadcast_shape, explain_broadcast

# Small sizes, so that random shapes both agree (1s and equal sizes) and clash often.
shape = st.lists(st.integers(0, 3), max_size=4).map(tuple)
shape_lists = st.lists(shape, max_size=4)
compatible_shape_lists = (
    st.integers(1, 4)
    .flatmap(lambda n: mutually_broadcastable_shapes(num_shapes=n, max_dims=4, min_side=0, max_side=4))
    .map(lambda drawn: list(drawn.input_shapes))
)

ERROR = re.compile(
    r"cannot broadcast: size (\d+) and size (\d+) at dimension (-\d+) "
    r"\(counting from the right\) of shapes (\(.*?\)) and (\(.*?\))$"
)


def _numpy_result(shapes):
    """``numpy.broadcast_shapes(*shapes)``, or ``None`` if NumPy refuses them."""
    try:
        return np.broadcast_shapes(*shapes)
    except ValueError:
        return None


def _padded(shape_, ndim):
    return (1,) * (ndim - len(shape_)) + tuple(shape_)


# -- agreement with numpy.broadcast_shapes ------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(shape_lists)
def test_broadcast_shape_agrees_with_numpy_on_random_shapes(shapes):
    reference = _numpy_result(shapes)
    if reference is None:
        with pytest.raises(ValueError, match="cannot broadcast"):
            broadcast_shape(*shapes)
    else:
        mine = broadcast_shape(*shapes)
        assert mine == reference, f"{shapes}: mine {mine} vs numpy {reference}"


@settings(max_examples=50, deadline=None)
@given(compatible_shape_lists)
def test_broadcast_shape_agrees_with_numpy_on_compatible_shapes(shapes):
    mine, reference = broadcast_shape(*shapes), np.broadcast_shapes(*shapes)
    assert mine == reference, f"{shapes}: mine {mine} vs numpy {reference}"


@settings(max_examples=50, deadline=None)
@given(shape_lists.filter(lambda shapes: _numpy_result(shapes) is None))
def test_broadcast_error_names_two_clashing_sizes_and_their_dimension(shapes):
    with pytest.raises(ValueError) as caught:
        broadcast_shape(*shapes)
    match = ERROR.match(str(caught.value))
    assert match, f"unexpected message: {caught.value}"
    size_a, size_b, dimension = int(match[1]), int(match[2]), int(match[3])
    shape_a, shape_b = ast.literal_eval(match[4]), ast.literal_eval(match[5])
    assert shape_a in shapes and shape_b in shapes, f"{shape_a}, {shape_b} not in {shapes}"
    ndim = max(len(s) for s in shapes)
    assert _padded(shape_a, ndim)[dimension] == size_a, f"{shape_a}[{dimension}] != {size_a}"
    assert _padded(shape_b, ndim)[dimension] == size_b, f"{shape_b}[{dimension}] != {size_b}"
    assert size_a != size_b and 1 not in (size_a, size_b), f"{size_a} and {size_b} do not clash"


def test_broadcast_error_message_for_the_documented_example():
    expected = "cannot broadcast: size 3 and size 4 at dimension -1 (counting from the right) of shapes (2, 3) and (4,)"
    with pytest.raises(ValueError, match=re.escape(expected)):
        broadcast_shape((2, 3), (4,))


def test_broadcast_error_reports_the_rightmost_clashing_dimension():
    with pytest.raises(ValueError, match=r"size 2 and size 3 at dimension -2 "):
        broadcast_shape((5, 2, 1), (4, 3, 7))


@settings(max_examples=50, deadline=None)
@given(shape, shape)
def test_broadcast_shape_is_symmetric(a, b):
    reference = _numpy_result([a, b])
    if reference is None:
        for first, second in ((a, b), (b, a)):
            with pytest.raises(ValueError, match="cannot broadcast"):
                broadcast_shape(first, second)
    else:
        assert broadcast_shape(a, b) == broadcast_shape(b, a)


# -- the teaching examples and edge cases -------------------------------------------------


@pytest.mark.parametrize(
    "shapes, expected",
    [
        ([(32, 32), (3, 1, 1)], (3, 32, 32)),
        ([(32, 32), (1, 1, 1, 1)], (1, 1, 32, 32)),
        ([(1, 1, 1, 1)], (1, 1, 1, 1)),
        ([(8, 1, 6, 1), (7, 1, 5)], (8, 7, 6, 5)),  # the NumPy manual's example
        ([(256, 256, 3), (3,)], (256, 256, 3)),
    ],
)
def test_broadcast_shape_of_teaching_examples(shapes, expected):
    assert broadcast_shape(*shapes) == expected == np.broadcast_shapes(*shapes)


def test_broadcast_shape_of_no_shapes_is_a_scalar():
    assert broadcast_shape() == () == np.broadcast_shapes()


def test_broadcast_shape_of_scalars_is_a_scalar():
    assert broadcast_shape((), ()) == ()


def test_broadcast_shape_accepts_an_int_as_a_one_dimensional_shape():
    assert broadcast_shape(3, (2, 1)) == np.broadcast_shapes(3, (2, 1)) == (2, 3)


def test_broadcast_shape_accepts_numpy_integers_and_arrays():
    shapes = [np.array([2, 1]), (np.int64(4),), np.int32(1)]
    assert broadcast_shape(*shapes) == np.broadcast_shapes(*shapes) == (2, 4)


def test_broadcast_shape_stretches_one_to_zero():
    assert broadcast_shape((5, 0), (1,)) == np.broadcast_shapes((5, 0), (1,)) == (5, 0)


def test_broadcast_shape_refuses_zero_against_two():
    with pytest.raises(ValueError, match="size 0 and size 2"):
        broadcast_shape((0,), (2,))


# -- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "shapes, error, argument",
    [
        ([(2, 3), (2, -1)], ValueError, r"shapes\[1\]\[1\] is a negative size"),
        ([-2], ValueError, r"shapes\[0\]\[0\] is a negative size"),
        ([(2.0, 3)], TypeError, r"shapes\[0\]\[0\] must be an integer"),
        ([(2,), 2.5], TypeError, r"shapes\[1\] must be an int or a sequence"),
        ([None], TypeError, r"shapes\[0\] must be a shape"),
        ([(True, 2)], TypeError, r"shapes\[0\]\[0\] must be an integer"),
        ([True], TypeError, r"shapes\[0\] must be an int or a sequence"),
        (["23"], TypeError, r"shapes\[0\] must be an int or a sequence"),
    ],
)
def test_broadcast_shape_rejects_what_numpy_rejects_naming_the_argument(shapes, error, argument):
    with pytest.raises((ValueError, TypeError)):
        np.broadcast_shapes(*shapes)
    with pytest.raises(error, match=argument):
        broadcast_shape(*shapes)


# -- explain_broadcast --------------------------------------------------------------------


def _table(text: str, n_shapes: int) -> list[str]:
    """The header, one row per shape and the result row, without the padding notes."""
    return [line.split("  <-")[0] for line in text.splitlines()[: n_shapes + 2]]


@settings(max_examples=50, deadline=None)
@given(compatible_shape_lists)
def test_explain_broadcast_ends_with_the_numpy_result_shape(shapes):
    last = explain_broadcast(*shapes).splitlines()[-1]
    assert last == f"result shape: {np.broadcast_shapes(*shapes)}"


@settings(max_examples=50, deadline=None)
@given(compatible_shape_lists.filter(lambda shapes: any(shapes)))
def test_explain_broadcast_rows_show_the_left_padded_shapes(shapes):
    ndim = max(len(s) for s in shapes)
    rows = _table(explain_broadcast(*shapes), len(shapes))
    for shape_, row in zip(shapes, rows[1:-1], strict=True):
        cells = [int(cell) for cell in row.split()[-ndim:]]
        assert cells == list(_padded(shape_, ndim)), f"{row!r} vs padded {shape_}"


@settings(max_examples=50, deadline=None)
@given(shape_lists.filter(lambda shapes: any(shapes)))
def test_explain_broadcast_columns_are_right_aligned(shapes):
    ndim = max(len(s) for s in shapes)
    rows = _table(explain_broadcast(*shapes), len(shapes))
    right_edges = {tuple(m.end() for m in list(re.finditer(r"\S+", row))[-ndim:]) for row in rows}
    assert len(right_edges) == 1, "\n".join(rows)


def test_explain_broadcast_marks_only_the_padded_shapes():
    lines = explain_broadcast((32, 32), (3, 1, 1)).splitlines()
    assert "padded" in lines[1] and "padded" not in lines[2], "\n".join(lines)


def test_explain_broadcast_names_the_stretching_rule():
    text = explain_broadcast((32, 32), (3, 1, 1))
    assert "dimension -3: 1, 3 -> 3 (size 1 stretches to 3)" in text, text


def test_explain_broadcast_names_the_equal_rule():
    text = explain_broadcast((4, 5), (4, 5))
    assert "dimension -2: 4, 4 -> 4 (all equal)" in text, text


def test_explain_broadcast_points_at_the_incompatible_dimension():
    lines = explain_broadcast((2, 3), (4,)).splitlines()
    assert "dimension -1: 3, 4 -> incompatible" in lines[-2], lines
    assert lines[-1] == "result: cannot broadcast (size 3 and size 4 at dimension -1)"


def test_explain_broadcast_marks_the_incompatible_result_cell():
    result_row = _table(explain_broadcast((2, 3), (4,)), 2)[-1]
    assert result_row.split() == ["result", "2", "?"], result_row


def test_explain_broadcast_of_no_dimensions_is_only_the_result_line():
    assert explain_broadcast() == "result shape: ()"
    assert explain_broadcast((), ()) == "result shape: ()"


def test_explain_broadcast_rejects_a_negative_size_naming_the_argument():
    with pytest.raises(ValueError, match=r"shapes\[1\]\[0\] is a negative size"):
        explain_broadcast((2,), (-2,))
