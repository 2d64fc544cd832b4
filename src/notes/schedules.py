r"""Learning-rate schedules: the learning rate as a function of the epoch.

Three closed-form decays of an initial rate :math:`\eta_0`: inverse-time
(:func:`inverse_time_decay`), exponential (:func:`exponential_decay`, PyTorch's
``ExponentialLR``) and step (:func:`step_decay`, PyTorch's ``StepLR``). Each takes the epoch
as an integer, giving a float, or as an array of integers, giving the whole schedule at once.
Epochs count from 0, where every schedule returns :math:`\eta_0`, and no schedule ever
increases.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_scalar, float_if_scalar

__all__ = ["inverse_time_decay", "exponential_decay", "step_decay"]


def inverse_time_decay(lr0: float, decay_rate: float, epoch: int | ArrayLike) -> float | np.ndarray:
    r"""Inverse-time decay: the learning rate falls like :math:`1/\text{epoch}`.

    Derivation: :doc:`/optim/learning-rate-decay`.

    .. math:: \eta_e = \frac{\eta_0}{1 + \rho\, e}

    Parameters
    ----------
    lr0 : float
        :math:`\eta_0 > 0`.
    decay_rate : float
        :math:`\rho \ge 0`; ``0`` keeps the rate constant.
    epoch : int or array_like of int
        :math:`e \ge 0`.

    Returns
    -------
    float or numpy.ndarray
        A float for an integer ``epoch``, else a float64 array of the shape of ``epoch``.

    Examples
    --------
    >>> from notes.schedules import inverse_time_decay
    >>> round(inverse_time_decay(0.1, 0.5, 2), 4)  # 0.1 / (1 + 0.5 * 2)
    0.05
    >>> inverse_time_decay(1.0, 1.0, [0, 1, 3]).tolist()
    [1.0, 0.5, 0.25]
    """
    lr0 = as_scalar(lr0, "lr0", positive=True)
    decay_rate = as_scalar(decay_rate, "decay_rate", nonnegative=True)
    e = _check_epoch(epoch)
    return float_if_scalar(lr0 / (1.0 + decay_rate * e))


def exponential_decay(lr0: float, gamma: float, epoch: int | ArrayLike) -> float | np.ndarray:
    r"""Exponential decay: the learning rate is multiplied by :math:`\gamma` every epoch.

    Derivation: :doc:`/optim/learning-rate-decay`.

    .. math:: \eta_e = \eta_0\, \gamma^{e}

    The closed form of PyTorch's ``ExponentialLR``. Far epochs underflow to 0.0.

    Parameters
    ----------
    lr0 : float
        :math:`\eta_0 > 0`.
    gamma : float
        :math:`\gamma \in (0, 1]`; ``1`` keeps the rate constant.
    epoch : int or array_like of int
        :math:`e \ge 0`.

    Returns
    -------
    float or numpy.ndarray
        A float for an integer ``epoch``, else a float64 array of the shape of ``epoch``.

    Examples
    --------
    >>> from notes.schedules import exponential_decay
    >>> round(exponential_decay(0.1, 0.5, 3), 6)  # 0.1 * 0.5**3
    0.0125
    >>> exponential_decay(1.0, 0.5, [0, 1, 2]).tolist()
    [1.0, 0.5, 0.25]
    """
    lr0 = as_scalar(lr0, "lr0", positive=True)
    gamma = _check_gamma(gamma)
    e = _check_epoch(epoch)
    return float_if_scalar(lr0 * gamma**e)


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
        :math:`\eta_0 > 0`.
    step_size : int
        :math:`s \ge 1`, the number of epochs between drops.
    gamma : float
        :math:`\gamma \in (0, 1]`.
    epoch : int or array_like of int
        :math:`e \ge 0`.

    Returns
    -------
    float or numpy.ndarray
        A float for an integer ``epoch``, else a float64 array of the shape of ``epoch``.

    Examples
    --------
    >>> from notes.schedules import step_decay
    >>> step_decay(1.0, 3, 0.1, [0, 1, 2, 3, 5, 6]).round(6).tolist()
    [1.0, 1.0, 1.0, 0.1, 0.1, 0.01]
    """
    lr0 = as_scalar(lr0, "lr0", positive=True)
    step_size = as_scalar(step_size, "step_size", integer=True, positive=True)
    gamma = _check_gamma(gamma)
    e = _check_epoch(epoch)
    return float_if_scalar(lr0 * gamma ** (e // step_size))


def _check_gamma(gamma: object) -> float:
    value = as_scalar(gamma, "gamma", positive=True)
    if value > 1:
        raise ValueError(f"gamma must be in (0, 1] so the rate does not grow, got {gamma!r}")
    return value


def _check_epoch(epoch: object) -> np.ndarray:
    """``epoch`` as an int64 array of non-negative integers (0-d for a single epoch).

    Integral floats such as ``3.0`` are accepted, as :func:`notes._validation.as_scalar`
    does for ``integer=True``; NaN, ``inf``, ``2.5`` and booleans are not.
    """
    arr = np.asarray(epoch)
    if arr.dtype.kind == "f":
        if not (np.isfinite(arr).all() and (arr == np.round(arr)).all()):
            raise TypeError(f"epoch must be integer(s), got {epoch!r}")
        arr = arr.astype(np.int64)
    elif arr.dtype.kind not in "iu":
        raise TypeError(f"epoch must be integer(s), got dtype {arr.dtype}")
    if (arr < 0).any():
        raise ValueError(f"epoch must be non-negative, got {arr.min()}")
    return arr.astype(np.int64, copy=False)
