"""Input checks shared by every module of :mod:`notes`.

Each public function validates its arguments here, so that bad input fails early with a
``ValueError`` or ``TypeError`` whose message names the argument, instead of a silent NaN
or an error from deep inside NumPy. Nothing in this module is public API.
"""

from __future__ import annotations

import numbers
import operator

import numpy as np

#: Tolerance for "sums to one" (DESIGN.md: probability vectors sum to 1 within 1e-6).
PROBABILITY_ATOL = 1e-6


def as_float_array(x, name: str, *, allow_nan: bool = False, allow_inf: bool = True) -> np.ndarray:
    """Return ``x`` as a float64 array, or raise naming ``name``.

    Booleans and integers are accepted and converted; strings, objects, complex numbers
    and ragged sequences raise ``TypeError``. NaN raises ``ValueError`` unless
    ``allow_nan``; ``±inf`` raises ``ValueError`` unless ``allow_inf``.
    """
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


def as_scalar(x, name: str, *, positive: bool = False, nonnegative: bool = False,
              integer: bool = False) -> float | int:
    """Return ``x`` as a Python ``float`` (or ``int`` if ``integer``), checking its sign."""
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        if isinstance(x, np.ndarray) and x.ndim == 0 and x.dtype.kind in "iuf":
            x = x.item()
        else:
            raise TypeError(f"{name} must be a real number, got {type(x).__name__}")
    if integer:
        try:
            value = operator.index(x)
        except TypeError:
            if not float(x).is_integer():  # also False for NaN and ±inf
                raise TypeError(f"{name} must be an integer, got {x!r}") from None
            value = int(x)
    else:
        value = float(x)
        if np.isnan(value):
            raise ValueError(f"{name} must not be NaN")
    if positive and not value > 0:
        raise ValueError(f"{name} must be positive, got {x!r}")
    if nonnegative and not value >= 0:
        raise ValueError(f"{name} must be non-negative, got {x!r}")
    return value


def normalize_axis(arr: np.ndarray, axis, name: str = "axis", *, allow_empty: bool = False) -> int:
    """Return ``axis`` as a non-negative int valid for ``arr``.

    Raises ``ValueError`` if ``arr`` is 0-d, the axis is out of range, or (unless
    ``allow_empty``) the axis has length 0, since a reduction over it is undefined.
    """
    if isinstance(axis, bool) or not isinstance(axis, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(axis).__name__}")
    if arr.ndim == 0:
        raise ValueError(f"{name}={axis} needs an array with at least one dimension, got a scalar")
    if not -arr.ndim <= axis < arr.ndim:
        raise ValueError(f"{name}={axis} is out of range for an array with {arr.ndim} dimension(s)")
    axis = int(axis) % arr.ndim
    if not allow_empty and arr.shape[axis] == 0:
        raise ValueError(f"cannot reduce over {name}={axis}: it has length 0")
    return axis


def check_probabilities(p, name: str, *, axis: int = -1) -> tuple[np.ndarray, int]:
    """Validate a probability vector (or a batch of them along ``axis``).

    Entries must be finite and non-negative and each vector must sum to 1 within
    :data:`PROBABILITY_ATOL`. Returns the float64 array and the normalized axis.
    """
    arr = as_float_array(p, name, allow_inf=False)
    axis = normalize_axis(arr, axis)
    if (arr < 0).any():
        raise ValueError(f"{name} has a negative probability: {float(arr.min())!r}")
    totals = arr.sum(axis=axis)
    bad = np.abs(totals - 1.0) > PROBABILITY_ATOL
    if bad.any():
        worst = float(np.asarray(totals)[bad].flat[0])
        raise ValueError(
            f"{name} must sum to 1 along axis {axis} (within {PROBABILITY_ATOL:g}), "
            f"got a sum of {worst!r}"
        )
    return arr, axis


def check_same_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """Raise ``ValueError`` unless ``a`` and ``b`` have the same shape."""
    if a.shape != b.shape:
        raise ValueError(f"{name_a} and {name_b} must have the same shape, got {a.shape} and {b.shape}")


def check_nonempty(arr: np.ndarray, name: str) -> None:
    """Raise ``ValueError`` if ``arr`` has no elements (a mean over it is undefined)."""
    if arr.size == 0:
        raise ValueError(f"{name} is empty")


def check_class_indices(labels, name: str, *, n_classes: int, n_samples: int) -> np.ndarray:
    """Validate integer class labels of shape ``(n_samples,)`` in ``[0, n_classes)``."""
    arr = np.asarray(labels)
    if arr.dtype.kind not in "iu":  # like torch, 1.0 is not a class index
        raise TypeError(f"{name} must be integer class indices, got dtype {arr.dtype}")
    if arr.shape != (n_samples,):
        raise ValueError(f"{name} must have shape ({n_samples},), got {arr.shape}")
    if arr.size and (arr.min() < 0 or arr.max() >= n_classes):
        bad = int(arr[(arr < 0) | (arr >= n_classes)][0])
        raise ValueError(f"{name} has class index {bad}, outside [0, {n_classes})")
    return arr.astype(np.intp, copy=False)


def check_unit_interval(arr: np.ndarray, name: str) -> np.ndarray:
    """Raise ``ValueError`` unless every entry of ``arr`` lies in :math:`[0, 1]`; return it."""
    outside = (arr < 0.0) | (arr > 1.0)
    if outside.any():
        raise ValueError(f"{name} must lie in [0, 1], got {float(arr[outside].flat[0])!r}")
    return arr


def check_generator(rng, name: str = "rng") -> np.random.Generator:
    """Return ``rng`` if it is a :class:`numpy.random.Generator`, else raise ``TypeError``.

    Randomness is always passed in, never drawn from NumPy's global state, so that a seed
    reproduces a run.
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"{name} must be a numpy.random.Generator (e.g. numpy.random.default_rng(0)), "
                        f"got {type(rng).__name__}")
    return rng


def checked_affine(a: np.ndarray, b: np.ndarray, what: str, bias: np.ndarray | float = 0.0) -> np.ndarray:
    """``a @ b + bias``, or ``ValueError`` naming ``what`` if it leaves the float range.

    Products of finite numbers can overflow. The result is then not even a trustworthy
    ``±inf``: BLAS may return ``inf`` for ``1e200 * 1e200 - 1e200 * 1e200``, whose exact
    value is 0. So an overflow raises instead of warning and carrying on.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        out = a @ b + bias
    if not np.isfinite(out).all():
        raise ValueError(f"{what} overflows the float range (magnitude above 1.8e308)")
    return out


def checked_step(param: np.ndarray | float, grad: np.ndarray | float, lr: float) -> np.ndarray:
    """One gradient step ``param - lr * grad``; ``ValueError`` if it leaves the float range.

    That happens only when gradient descent diverges (``lr`` far too large), and saying so
    is more useful than a ``RuntimeWarning`` followed by ``inf`` and NaN parameters.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        stepped = param - lr * np.asarray(grad)
    if not np.isfinite(stepped).all():
        raise ValueError(f"lr={lr!r} makes the parameters overflow: gradient descent diverged")
    return stepped
