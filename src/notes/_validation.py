"""Input checks shared by every module of :mod:`notes`.

Each public function validates its arguments here, so that bad input fails early with a
``ValueError`` or ``TypeError`` whose message names the argument, instead of a silent NaN
or an error from deep inside NumPy. Every check is written once, in this module; callers
pass the name of their own argument so that the message speaks of it. Nothing in this
module is public API.
"""

from __future__ import annotations

import math
import numbers
import operator
import os
import sys
from typing import Literal, overload

import numpy as np

#: Tolerance for "sums to one": a probability vector sums to 1 within 1e-6.
PROBABILITY_ATOL = 1e-6


# -- arrays ---------------------------------------------------------------------------------


def as_float_array(x: object, name: str, *, allow_nan: bool = False, allow_inf: bool = True) -> np.ndarray:
    """Return ``x`` as a float64 array, or raise naming ``name``.

    Booleans, integers, float16 and float32 are accepted and converted; strings, objects,
    complex numbers, ragged sequences and masked arrays (whose mask NumPy's arithmetic
    would drop) raise ``TypeError``. NaN raises ``ValueError`` unless ``allow_nan``;
    ``±inf`` raises ``ValueError`` unless ``allow_inf``.
    """
    check_not_masked(x, name)
    try:
        arr = np.asarray(x)
    except ValueError as exc:  # ragged nested sequences
        raise TypeError(f"{name} must be an array of numbers, got a ragged sequence") from exc
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must contain real numbers, got dtype {arr.dtype}")
    arr = arr.astype(np.float64, copy=False)
    if not allow_nan and np.isnan(arr).any():
        raise ValueError(f"{name} contains NaN")
    if not allow_inf and np.isinf(arr).any():
        raise ValueError(f"{name} contains an infinite value")
    return arr


def check_not_masked(x: object, name: str) -> None:
    """Raise ``TypeError`` if ``x`` is a masked array: ``np.asarray`` would drop its mask
    and compute with the hidden entries as if they were data."""
    if isinstance(x, np.ma.MaskedArray):
        raise TypeError(f"{name} must not be a masked array (its mask would be ignored): fill or compress it first")


def check_size(shape: tuple[int, ...], name: str) -> tuple[int, ...]:
    """Raise ``ValueError`` naming ``name`` if a float64 array of ``shape`` could not exist.

    NumPy's own errors for such a size are a ``MemoryError`` or "array is too big",
    neither naming the argument that asked for it. Checked before allocating, against
    the largest byte count an array may have (``sys.maxsize``) and the memory the machine
    reports, when it reports it.
    """
    n_bytes = 8 * math.prod(shape)
    if n_bytes > _ALLOCATABLE_BYTES:
        # log10, not float(): a Python int can be too large for a float (fan_in=10**400).
        raise ValueError(
            f"{name} asks for an array of shape {shape}, about 10^{math.log10(n_bytes):.1f} bytes of "
            f"float64, more than this machine can hold ({_ALLOCATABLE_BYTES:.3g} bytes)"
        )
    return shape


def _allocatable_bytes() -> int:
    """The machine's physical memory in bytes if the OS reports it, else ``sys.maxsize``."""
    try:
        return min(sys.maxsize, os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    except (AttributeError, ValueError, OSError):
        return sys.maxsize


_ALLOCATABLE_BYTES = _allocatable_bytes()


def as_vector(x: object, name: str, *, allow_empty: bool = True) -> np.ndarray:
    """Return ``x`` as a finite float64 vector (1-D array), or raise naming ``name``."""
    arr = as_float_array(x, name, allow_inf=False)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array, got shape {arr.shape}")
    if not allow_empty:
        check_nonempty(arr, name)
    return arr


def as_matrix(
    x: object,
    name: str,
    n_cols: int | None = None,
    *,
    axes: tuple[str, str] = ("m", "n"),
    allow_inf: bool = False,
    allow_empty: bool = False,
) -> np.ndarray:
    """Return ``x`` as a float64 matrix (2-D array), or raise naming ``name``.

    ``axes`` names the two dimensions in the message (``("m", "C")`` reads "shape (m, C)");
    with ``n_cols`` the matrix must have exactly that many columns. Entries must be finite
    unless ``allow_inf``, and the matrix must have at least one entry unless
    ``allow_empty``.
    """
    arr = as_float_array(x, name, allow_inf=allow_inf)
    if arr.ndim != 2 or (n_cols is not None and arr.shape[1] != n_cols):
        expected = f"({axes[0]}, {axes[1] if n_cols is None else n_cols})"
        raise ValueError(f"{name} must be a 2-D array of shape {expected}, got shape {arr.shape}")
    if not allow_empty:
        check_nonempty(arr, name)
    return arr


def float_if_scalar(x: object) -> np.ndarray | float:
    """A result with no dimensions as a Python ``float``; anything else as an array.

    Every function of :mod:`notes` that may reduce to a single number returns it this way,
    so that a scalar prints as ``0.5``, not ``np.float64(0.5)`` or ``array(0.5)``.
    """
    arr = np.asarray(x, dtype=np.float64)
    return float(arr) if arr.ndim == 0 else arr


def check_same_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise ``ValueError`` unless ``a`` and ``b`` have the same shape."""
    if a.shape != b.shape:
        raise ValueError(f"{name_a} and {name_b} must have the same shape, got {a.shape} and {b.shape}")


def check_shape_of(arr: np.ndarray, name: str, shape: tuple[int, ...], of: str) -> np.ndarray:
    """Raise ``ValueError`` unless ``arr`` has ``shape``, the shape of ``of``; return ``arr``.

    For an array that must match another one (a gradient its parameter, a target the
    output): the message names both, ``"grads[0] must have the shape of params[0], (3,)"``.
    """
    if arr.shape != shape:
        raise ValueError(f"{name} must have the shape of {of}, {shape}, got {arr.shape}")
    return arr


def check_nonempty(arr: np.ndarray, name: str) -> None:
    """Raise ``ValueError`` if ``arr`` has no elements (a mean over it is undefined)."""
    if arr.size == 0:
        raise ValueError(f"{name} is empty")


def check_entries_in_unit_interval(arr: np.ndarray, name: str) -> np.ndarray:
    """Raise ``ValueError`` unless every entry of ``arr`` lies in :math:`[0, 1]`; return it.

    An elementwise check (probabilities one by one, soft labels); for probability *vectors*
    that must also sum to 1 see :func:`check_probabilities`.
    """
    outside = (arr < 0.0) | (arr > 1.0)
    if outside.any():
        raise ValueError(f"{name} must lie in [0, 1], got {float(arr[outside].flat[0])!r}")
    return arr


def check_probabilities(p: object, name: str, *, axis: int = -1) -> tuple[np.ndarray, int]:
    """Validate a probability vector (or a batch of them along ``axis``).

    Entries must be finite and in :math:`[0, 1]` and each vector must sum to 1 within
    :data:`PROBABILITY_ATOL`. Returns the float64 array and the normalized axis.
    """
    arr = as_float_array(p, name, allow_inf=False)
    axis = normalize_axis(arr, axis, of=name)
    if (arr < 0).any():
        raise ValueError(f"{name} has a negative probability: {float(arr.min())!r}")
    # An entry above 1 already rules the vector out, and refusing it first bounds every
    # sum by the length of the axis: a sum of 1e308s would overflow to inf (and warn).
    if (arr > 1.0 + PROBABILITY_ATOL).any():
        raise ValueError(f"{name} has a probability above 1: {float(arr.max())!r}")
    totals = arr.sum(axis=axis)
    bad = np.abs(totals - 1.0) > PROBABILITY_ATOL
    if bad.any():
        worst = float(np.asarray(totals)[bad].flat[0])
        raise ValueError(
            f"{name} must sum to 1 along axis {axis} (within {PROBABILITY_ATOL:g}), got a sum of {worst!r}"
        )
    return arr, axis


def check_class_indices(
    labels: object, name: str, *, n_classes: int, n_samples: int, rows_of: str | None = None
) -> np.ndarray:
    """Validate integer class labels of shape ``(n_samples,)`` in ``[0, n_classes)``; a shape
    error names ``rows_of``, the argument whose rows the labels must match, too."""
    check_not_masked(labels, name)
    arr = np.asarray(labels)
    if arr.dtype.kind not in "iu":  # like torch, 1.0 is not a class index
        raise TypeError(f"{name} must be integer class indices, got dtype {arr.dtype}")
    if arr.shape != (n_samples,):
        match = f", one class index per row of {rows_of}" if rows_of else ""
        raise ValueError(f"{name} must have shape ({n_samples},){match}, got {arr.shape}")
    if arr.size and (arr.min() < 0 or arr.max() >= n_classes):
        bad = int(arr[(arr < 0) | (arr >= n_classes)][0])
        raise ValueError(f"{name} has class index {bad}, outside [0, {n_classes})")
    return arr.astype(np.intp, copy=False)


def normalize_axis(
    arr: np.ndarray, axis: object, name: str = "axis", *, of: str = "the array", allow_empty: bool = False
) -> int:
    """Return ``axis`` as a non-negative int valid for ``arr``, the argument named ``of``.

    Raises ``ValueError`` if ``arr`` is 0-d, the axis is out of range, or (unless
    ``allow_empty``) the axis has length 0, since a reduction over it is undefined. The
    messages start with the array's name (``"z needs at least one dimension for axis=-1,
    got a scalar"``).
    """
    if isinstance(axis, bool) or not isinstance(axis, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(axis).__name__}")
    index = operator.index(axis)
    if arr.ndim == 0:
        raise ValueError(f"{of} needs at least one dimension for {name}={index}, got a scalar")
    if not -arr.ndim <= index < arr.ndim:
        raise ValueError(f"{of} has {arr.ndim} dimension(s): {name}={index} is out of range")
    index %= arr.ndim
    if not allow_empty and arr.shape[index] == 0:
        raise ValueError(f"{of} has length 0 along {name}={index} (shape {arr.shape}): cannot reduce over it")
    return index


# -- scalars --------------------------------------------------------------------------------


def as_bool(value: object, name: str) -> bool:
    """Return ``value`` as a ``bool``; ``TypeError`` unless it is one (Python's or NumPy's).

    ``0``, ``1`` and ``"yes"`` are refused: a flag set by a number is almost always an
    argument passed in the wrong position.
    """
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a bool, got {type(value).__name__}")
    return bool(value)


@overload
def as_scalar(
    x: object,
    name: str,
    *,
    positive: bool = ...,
    nonnegative: bool = ...,
    integer: Literal[False] = ...,
    finite: bool = ...,
) -> float: ...
@overload
def as_scalar(
    x: object, name: str, *, positive: bool = ..., nonnegative: bool = ..., integer: Literal[True], finite: bool = ...
) -> int: ...
def as_scalar(
    x: object,
    name: str,
    *,
    positive: bool = False,
    nonnegative: bool = False,
    integer: bool = False,
    finite: bool = False,
) -> float | int:
    """Return ``x`` as a Python ``float`` (or ``int`` if ``integer``), checking its sign.

    NaN is always refused; ``±inf`` only with ``finite`` (an integer is always finite).
    Booleans are refused: ``True`` is an int to Python but never meant as a number here, and
    so are masked scalars (``np.ma.masked`` would read as its fill value). A Python integer
    too large for a float (``10**400``) is a ``ValueError`` unless ``integer``.
    """
    value: float | int
    check_not_masked(x, name)
    if isinstance(x, np.ndarray) and x.ndim == 0 and x.dtype.kind in "iuf":
        x = x.item()
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(x).__name__}")
    if integer:
        if isinstance(x, numbers.Integral):
            value = int(x)
        elif float(x).is_integer():  # 3.0 counts; NaN and ±inf do not
            value = int(float(x))
        else:
            raise TypeError(f"{name} must be an integer, got {x!r}")
    else:
        try:
            value = float(x)
        except OverflowError:
            raise ValueError(
                f"{name} is too large for a float (above 1.8e308), got an integer of {len(str(x))} digits"
            ) from None
        if math.isnan(value):
            raise ValueError(f"{name} must not be NaN")
        if finite and not math.isfinite(value):
            raise ValueError(f"{name} must be finite, got {x!r}")
    if positive and not value > 0:
        raise ValueError(f"{name} must be positive, got {x!r}")
    if nonnegative and not value >= 0:
        raise ValueError(f"{name} must be non-negative, got {x!r}")
    return value


def as_decay_rate(x: object, name: str) -> float:
    """``x`` as a float in :math:`[0, 1)`: a decay rate, whose weights ``x**k`` shrink to 0."""
    value = as_scalar(x, name, nonnegative=True)
    if not value < 1:
        raise ValueError(f"{name} must be in [0, 1), got {x!r}")
    return value


def as_returned_scalar(value: object, what: str) -> float:
    """What a caller's function returned, as a float; ``TypeError`` unless one real number.

    ``what`` names the function (``"f"``); a size-1 array such as ``array([0.5])`` counts
    as a number, as NumPy's own ``float()`` accepts it.
    """
    arr = np.asarray(value)
    if arr.size != 1 or arr.dtype.kind not in "biuf":
        raise TypeError(f"{what} must return a real scalar, got {value!r}")
    return float(arr.reshape(()))


def check_generator(rng: object, name: str = "rng") -> np.random.Generator:
    """Return ``rng`` if it is a :class:`numpy.random.Generator`, else raise ``TypeError``.

    Randomness is always passed in, never drawn from NumPy's global state, so that a seed
    reproduces a run.
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"{name} must be a numpy.random.Generator (e.g. numpy.random.default_rng(0)), got {type(rng).__name__}"
        )
    return rng


# -- arithmetic that must stay in the float range -------------------------------------------


def check_in_float_range(out: np.ndarray, what: str) -> np.ndarray:
    """Return ``out``, or raise ``ValueError`` naming ``what`` if it holds ``±inf`` or NaN.

    For a result computed from finite input under ``np.errstate(over="ignore")``: a
    non-finite entry means the true value lies beyond the float range, which is reported
    instead of returned as a silent ``inf``.
    """
    if not np.isfinite(out).all():
        raise ValueError(f"{what} overflows the float range (magnitude above 1.8e308)")
    return out


def checked_affine(a: np.ndarray, b: np.ndarray, what: str, bias: np.ndarray | float = 0.0) -> np.ndarray:
    """``a @ b + bias``, or ``ValueError`` naming ``what`` if it leaves the float range.

    Products of finite numbers can overflow. The result is then not even a trustworthy
    ``±inf``: BLAS may return ``inf`` for ``1e200 * 1e200 - 1e200 * 1e200``, whose exact
    value is 0. So an overflow raises instead of warning and carrying on.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        out: np.ndarray = np.asarray(a @ b + bias)
    return check_in_float_range(out, what)


def mean_of_nonnegative(values: np.ndarray) -> float:
    """Mean of non-negative terms that cannot overflow when the mean itself fits a float.

    ``values.sum() / n`` overflows as soon as the *sum* passes 1.8e308; dividing first
    keeps every partial sum at most the mean, since no term is negative.
    """
    return float(np.sum(values / values.size))


def _scaled_differences(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, int]:
    """``a - b`` as ``(d, k)`` with ``a - b = d * 2**k`` and ``max |d|`` in ``[0.5, 1)``
    (``d`` all 0 and ``k = 0`` if ``a == b``), for finite ``a`` and ``b``.

    Two finite numbers can differ by more than the float range (``1e308 - -1e308``): then
    the halves are subtracted instead, which is exact for numbers that large. Scaling by a
    power of 2 is exact too (entries below ``2**-1022`` of the largest one round to
    subnormals, far below what they could add to a sum of squares).
    """
    with np.errstate(over="ignore"):
        d = a - b
    k = 0
    if not np.isfinite(d).all():
        d, k = a * 0.5 - b * 0.5, 1
    peak = float(np.max(np.abs(d))) if d.size else 0.0
    if peak == 0.0:
        return d, 0
    exponent = math.frexp(peak)[1]
    return np.ldexp(d, -exponent), k + exponent


def _ldexp_in_range(x: float, k: int, what: str) -> float:
    """``x * 2**k``, or ``ValueError`` naming ``what`` if that leaves the float range."""
    try:
        return math.ldexp(x, k)
    except OverflowError:
        raise ValueError(f"{what} overflows the float range (magnitude above 1.8e308)") from None


def sum_of_squared_differences(a: np.ndarray, b: np.ndarray, what: str, *, mean: bool = False) -> float:
    r""":math:`\sum_i (a_i - b_i)^2` (its mean if ``mean``), finite or ``ValueError`` naming
    ``what``: the squares are taken of the scaled differences, so neither a difference, a
    square nor the sum overflows unless the result itself does."""
    d, k = _scaled_differences(a, b)
    total = float(np.sum(d * d))
    return _ldexp_in_range(total / d.size if mean else total, 2 * k, what)


def sum_of_absolute_differences(a: np.ndarray, b: np.ndarray, what: str) -> float:
    r""":math:`\sum_i |a_i - b_i|`, finite or ``ValueError`` naming ``what``, computed as
    :func:`sum_of_squared_differences` is."""
    d, k = _scaled_differences(a, b)
    return _ldexp_in_range(float(np.sum(np.abs(d))), k, what)


def scaled_differences(a: np.ndarray, b: np.ndarray, scale: float, what: str) -> np.ndarray:
    """``scale * (a - b)`` elementwise, finite or ``ValueError`` naming ``what``.

    Where ``a - b`` overflows but the result need not (``scale < 1``), it is computed as
    ``scale * a - scale * b``: ``a`` and ``b`` then have opposite signs and magnitudes near
    the float limit, so nothing cancels and the error stays within two roundings.
    """
    with np.errstate(over="ignore"):
        out: np.ndarray = (a - b) * scale
        bad = ~np.isfinite(out)
        if bad.any():
            out[bad] = a[bad] * scale - b[bad] * scale
    return check_in_float_range(out, what)


def checked_sum(values: np.ndarray, what: str) -> float:
    """``values.sum()`` as a float, or ``ValueError`` naming ``what`` if it overflows."""
    with np.errstate(over="ignore", invalid="ignore"):
        total = float(np.sum(values))
    if not math.isfinite(total):
        raise ValueError(f"{what} overflows the float range (magnitude above 1.8e308)")
    return total
