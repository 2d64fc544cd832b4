r"""Learning-rate schedules: the learning rate as a function of the epoch.

Three closed-form decays of an initial rate :math:`\eta_0`: inverse-time
(:func:`inverse_time_decay`), exponential (:func:`exponential_decay`, PyTorch's
``ExponentialLR``) and step (:func:`step_decay`, PyTorch's ``StepLR``). Each takes the epoch
as an integer, giving a float, or as an array of integers, giving the whole schedule at once.
Epochs count from 0, where every schedule returns :math:`\eta_0`, and no schedule ever
increases.

An epoch is a non-negative integer below :math:`2^{63}` (an ``int64``): a Python ``int``, a
NumPy integer of any dtype (``uint64`` and ``int8`` included), an integral float such as
``3.0``, or an array of them. Anything else is refused naming ``epoch``: ``TypeError`` for a
value that is not an integer (``2.5``, NaN, ``inf``, a bool, a string, a masked array),
``ValueError`` for a negative one or one of :math:`2^{63}` or more (``2**70``, ``1e19``),
rather than letting NumPy wrap it around to a negative number. Every rate is computed so that
it is right to rounding over the whole float range: a rate that is a float is returned as
one, even where :math:`\gamma^e` alone, or :math:`\rho\, e`, would leave the float range.
"""

from __future__ import annotations

import math
import numbers

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_scalar, check_not_masked, float_if_scalar

__all__ = ["inverse_time_decay", "exponential_decay", "step_decay"]


def inverse_time_decay(lr0: float, decay_rate: float, epoch: int | ArrayLike) -> float | np.ndarray:
    r"""Inverse-time decay: the learning rate falls like :math:`1/\text{epoch}`.

    Derivation: :doc:`/optim/learning-rate-decay`.

    .. math:: \eta_e = \frac{\eta_0}{1 + \rho\, e}

    Parameters
    ----------
    lr0 : float
        :math:`\eta_0 > 0`, finite.
    decay_rate : float
        :math:`\rho \ge 0`, finite; ``0`` keeps the rate constant.
    epoch : int or array_like of int
        :math:`0 \le e < 2^{63}` (see the module description for what counts as an integer).

    Returns
    -------
    float or numpy.ndarray
        A float for an integer ``epoch``, else a float64 array of the shape of ``epoch``;
        never NaN or infinite, 0.0 only where the rate is below the smallest float.

    Raises
    ------
    TypeError
        If an argument is not a real number, or ``epoch`` is not made of integers
        (``2.5``, NaN, ``inf``, a bool, a masked array).
    ValueError
        If a number is out of its range or NaN, or an epoch is negative or :math:`\ge 2^{63}`.

    Examples
    --------
    >>> from notes.schedules import inverse_time_decay
    >>> round(inverse_time_decay(0.1, 0.5, 2), 4)  # 0.1 / (1 + 0.5 * 2)
    0.05
    >>> inverse_time_decay(1.0, 1.0, [0, 1, 3]).tolist()
    [1.0, 0.5, 0.25]
    """
    lr0 = as_scalar(lr0, "lr0", positive=True, finite=True)
    decay_rate = as_scalar(decay_rate, "decay_rate", nonnegative=True, finite=True)
    e = _check_epoch(epoch).astype(np.float64)
    flat = e.reshape(-1)
    with np.errstate(over="ignore"):
        product = decay_rate * flat
    rates = np.empty_like(flat)
    huge = np.isinf(product)
    rates[~huge] = lr0 / (1.0 + product[~huge])
    # rho e beyond 1.8e308: the 1 is negligible and lr0 / (rho e) is still a float (or 0).
    if huge.any():  # so decay_rate > 0
        rates[huge] = (lr0 / decay_rate) / flat[huge]
    return float_if_scalar(rates.reshape(e.shape))


def exponential_decay(lr0: float, gamma: float, epoch: int | ArrayLike) -> float | np.ndarray:
    r"""Exponential decay: the learning rate is multiplied by :math:`\gamma` every epoch.

    Derivation: :doc:`/optim/learning-rate-decay`.

    .. math:: \eta_e = \eta_0\, \gamma^{e}

    The closed form of PyTorch's ``ExponentialLR``. Far epochs underflow to 0.0, but only
    when :math:`\eta_0 \gamma^e` itself is below the smallest float: a large :math:`\eta_0`
    is multiplied in before the power is allowed to underflow.

    Parameters
    ----------
    lr0 : float
        :math:`\eta_0 > 0`, finite.
    gamma : float
        :math:`\gamma \in (0, 1]`; ``1`` keeps the rate constant.
    epoch : int or array_like of int
        :math:`0 \le e < 2^{63}` (see the module description for what counts as an integer).

    Returns
    -------
    float or numpy.ndarray
        A float for an integer ``epoch``, else a float64 array of the shape of ``epoch``;
        never NaN or infinite, 0.0 only where the rate is below the smallest float.

    Raises
    ------
    TypeError
        If an argument is not a real number, or ``epoch`` is not made of integers
        (``2.5``, NaN, ``inf``, a bool, a masked array).
    ValueError
        If a number is out of its range or NaN, or an epoch is negative or :math:`\ge 2^{63}`.

    Examples
    --------
    >>> from notes.schedules import exponential_decay
    >>> round(exponential_decay(0.1, 0.5, 3), 6)  # 0.1 * 0.5**3
    0.0125
    >>> exponential_decay(1.0, 0.5, [0, 1, 2]).tolist()
    [1.0, 0.5, 0.25]
    """
    lr0 = as_scalar(lr0, "lr0", positive=True, finite=True)
    gamma = _check_gamma(gamma)
    return float_if_scalar(_times_power(lr0, gamma, _check_epoch(epoch)))


def step_decay(lr0: float, step_size: int, gamma: float, epoch: int | ArrayLike) -> float | np.ndarray:
    r"""Step decay: the learning rate is multiplied by :math:`\gamma` every ``step_size`` epochs.

    Derivation: :doc:`/optim/learning-rate-decay`.

    .. math:: \eta_e = \eta_0\, \gamma^{\lfloor e / s \rfloor}

    The closed form of PyTorch's ``StepLR``: the rate is constant for epochs
    :math:`0, \dots, s-1`, drops once at epoch :math:`s`, and so on. With :math:`s = 1` it
    is :func:`exponential_decay`.

    Parameters
    ----------
    lr0 : float
        :math:`\eta_0 > 0`, finite.
    step_size : int
        :math:`s \ge 1`, the number of epochs between drops; any size (a ``step_size`` above
        every epoch keeps the rate at :math:`\eta_0`).
    gamma : float
        :math:`\gamma \in (0, 1]`.
    epoch : int or array_like of int
        :math:`0 \le e < 2^{63}` (see the module description for what counts as an integer).

    Returns
    -------
    float or numpy.ndarray
        A float for an integer ``epoch``, else a float64 array of the shape of ``epoch``;
        never NaN or infinite, 0.0 only where the rate is below the smallest float.

    Raises
    ------
    TypeError
        If an argument is not a real number, ``step_size`` is not an integer, or ``epoch``
        is not made of integers (``2.5``, NaN, ``inf``, a bool, a masked array).
    ValueError
        If a number is out of its range or NaN, or an epoch is negative or :math:`\ge 2^{63}`.

    Examples
    --------
    >>> from notes.schedules import step_decay
    >>> step_decay(1.0, 3, 0.1, [0, 1, 2, 3, 5, 6]).round(6).tolist()
    [1.0, 1.0, 1.0, 0.1, 0.1, 0.01]
    """
    lr0 = as_scalar(lr0, "lr0", positive=True, finite=True)
    step_size = as_scalar(step_size, "step_size", integer=True, positive=True)
    gamma = _check_gamma(gamma)
    e = _check_epoch(epoch)
    # Every epoch is below 2**63, so a larger step is never reached (and is no int64).
    drops = e // np.int64(step_size) if step_size < _EPOCH_LIMIT else np.zeros_like(e)
    return float_if_scalar(_times_power(lr0, gamma, drops))


#: Epochs are int64: every epoch is below this bound.
_EPOCH_LIMIT = 2**63


def _check_gamma(gamma: object) -> float:
    value = as_scalar(gamma, "gamma", positive=True)
    if value > 1:
        raise ValueError(f"gamma must be in (0, 1] so the rate does not grow, got {gamma!r}")
    return value


def _times_power(lr0: float, gamma: float, k: np.ndarray) -> np.ndarray:
    """``lr0 * gamma**k`` for an int64 array ``k >= 0``, right where ``gamma**k`` underflows.

    Where ``gamma**k`` is below the smallest normal float it has lost some or all of its
    digits, although ``lr0 * gamma**k`` may be an ordinary number (``1e308 * 0.5**1100``
    is 7.4e-24). There ``lr0`` is multiplied by powers ``gamma**chunk`` that are each about
    ``2**-1000`` or more, one after the other: each is a normal float, and after at most a
    few of them the product is 0 or the exponent used up.
    """
    with np.errstate(under="ignore"):
        power = np.power(gamma, k)
        result = np.asarray(lr0 * power)
        tiny = power < np.finfo(np.float64).tiny
        if tiny.any():
            chunk = max(1, int(math.log(2.0**-1000) / math.log(gamma)))  # gamma < 1 here
            left, product = k[tiny], np.full(np.count_nonzero(tiny), lr0)
            while (left > 0).any():
                step = np.minimum(left, chunk)
                product = product * np.power(gamma, step)
                left = np.where(product == 0.0, 0, left - step)
            result[tiny] = product
    return result


def _check_epoch(epoch: object) -> np.ndarray:
    """``epoch`` as an int64 array of integers in ``[0, 2**63)`` (0-d for a single epoch).

    The range is checked before any conversion, so that ``np.uint64(2**64 - 1)`` or
    ``1e19`` is refused instead of wrapping around to a negative int64.
    """
    check_not_masked(epoch, "epoch")
    if isinstance(epoch, numbers.Integral) and not isinstance(epoch, (bool, np.bool_)):
        _check_epoch_range(int(epoch), int(epoch))
        return np.asarray(int(epoch), dtype=np.int64)
    try:
        arr = np.asarray(epoch)
    except ValueError as exc:  # ragged nested sequences
        raise TypeError("epoch must be an integer or an array of integers, got a ragged sequence") from exc
    if (
        arr.dtype == object
        and arr.size
        and all(isinstance(v, numbers.Integral) and not isinstance(v, (bool, np.bool_)) for v in arr.flat)
    ):  # Python ints beyond the range of every NumPy integer dtype
        _check_epoch_range(min(int(v) for v in arr.flat), max(int(v) for v in arr.flat))
    if arr.dtype.kind == "f":
        if not (np.isfinite(arr).all() and (arr == np.round(arr)).all()):
            bad = arr[~(np.isfinite(arr) & (arr == np.round(arr)))].flat[0]
            raise TypeError(f"epoch must be integer(s), got {float(bad)!r}")
    elif arr.dtype.kind not in "iu":
        raise TypeError(f"epoch must be integer(s), got dtype {arr.dtype}")
    if arr.size:
        # Python ints compare exactly with every dtype, float64 and uint64 included.
        _check_epoch_range(arr.min().item(), arr.max().item())
    return arr.astype(np.int64)


def _check_epoch_range(low: float, high: float) -> None:
    if low < 0:
        raise ValueError(f"epoch must be non-negative, got {low!r}")
    if high >= _EPOCH_LIMIT:
        raise ValueError(f"epoch must be below 2**63 (an int64), got {high!r}")
