"""Activation functions and their derivatives.

Each function sits next to its derivative (``sigmoid`` / ``sigmoid_grad`` …), as in
micrograd: the forward rule and the local derivative are read together. The softmax family
(:func:`softmax`, :func:`log_softmax`, :func:`logsumexp`) is stable for any finite input,
±1e308 included, by subtracting the row maximum first (see :doc:`/activations/softmax`).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_float_array, float_if_scalar, normalize_axis

__all__ = [
    "sigmoid",
    "sigmoid_grad",
    "tanh",
    "tanh_grad",
    "relu",
    "relu_grad",
    "logsumexp",
    "softmax",
    "log_softmax",
    "softmax_jacobian",
]


# -- elementwise activations --------------------------------------------------------------


def sigmoid(x: ArrayLike) -> np.ndarray:
    r"""Logistic sigmoid, elementwise.

    Derivation: :doc:`/activations/sigmoid-tanh-relu`.

    .. math:: \sigma(x) = \frac{1}{1 + e^{-x}}

    Parameters
    ----------
    x : array_like
        Any shape. NaN raises ``ValueError``; ``±inf`` give 1 and 0.

    Returns
    -------
    numpy.ndarray
        Values in :math:`[0, 1]`, same shape as ``x``, float64.

    Notes
    -----
    Computed as :math:`1/(1+e^{-|x|})` or :math:`e^{-|x|}/(1+e^{-|x|})` depending on the
    sign of ``x``, so ``exp`` never overflows and no ``RuntimeWarning`` is raised.

    Examples
    --------
    >>> from notes.activations import sigmoid
    >>> sigmoid([0.0, 2.0, -2.0]).round(4).tolist()
    [0.5, 0.8808, 0.1192]
    """
    x = as_float_array(x, "x")
    e = np.exp(-np.abs(x))
    out: np.ndarray = np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return out


def sigmoid_grad(x: ArrayLike) -> np.ndarray:
    r"""Derivative of :func:`sigmoid` with respect to ``x``.

    Derivation: :doc:`/activations/sigmoid-tanh-relu`.

    .. math:: \sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr) \le \tfrac14

    The maximum, :math:`1/4`, is reached at :math:`x = 0`; far from 0 the derivative
    vanishes (the sigmoid *saturates*).

    Parameters
    ----------
    x : array_like
        Any shape. NaN raises ``ValueError``.

    Returns
    -------
    numpy.ndarray
        Values in :math:`[0, 1/4]`, same shape as ``x``, float64.

    Examples
    --------
    >>> from notes.activations import sigmoid_grad
    >>> sigmoid_grad([0.0, 10.0]).round(6).tolist()
    [0.25, 4.5e-05]
    """
    s = sigmoid(x)
    return s * (1.0 - s)


def tanh(x: ArrayLike) -> np.ndarray:
    r"""Hyperbolic tangent, elementwise.

    Derivation: :doc:`/activations/sigmoid-tanh-relu`.

    .. math:: \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}} = 2\sigma(2x) - 1

    Parameters
    ----------
    x : array_like
        Any shape. NaN raises ``ValueError``.

    Returns
    -------
    numpy.ndarray
        Values in :math:`[-1, 1]`, same shape as ``x``, float64.

    Examples
    --------
    >>> from notes.activations import tanh
    >>> tanh([0.0, 1.0]).round(4).tolist()
    [0.0, 0.7616]
    """
    out: np.ndarray = np.tanh(as_float_array(x, "x"))
    return out


def tanh_grad(x: ArrayLike) -> np.ndarray:
    r"""Derivative of :func:`tanh` with respect to ``x``.

    Derivation: :doc:`/activations/sigmoid-tanh-relu`.

    .. math:: \tanh'(x) = 1 - \tanh^2(x)

    Parameters
    ----------
    x : array_like
        Any shape. NaN raises ``ValueError``.

    Returns
    -------
    numpy.ndarray
        Values in :math:`[0, 1]`, same shape as ``x``, float64.

    Examples
    --------
    >>> from notes.activations import tanh_grad
    >>> tanh_grad([0.0, 1.0]).round(4).tolist()
    [1.0, 0.42]
    """
    t = tanh(x)
    out: np.ndarray = 1.0 - t * t
    return out


def relu(x: ArrayLike) -> np.ndarray:
    r"""Rectified linear unit, elementwise.

    Derivation: :doc:`/activations/sigmoid-tanh-relu`.

    .. math:: \operatorname{relu}(x) = \max(0, x)

    Parameters
    ----------
    x : array_like
        Any shape. NaN raises ``ValueError``.

    Returns
    -------
    numpy.ndarray
        Values :math:`\ge 0`, same shape as ``x``, float64.

    Examples
    --------
    >>> from notes.activations import relu
    >>> relu([-2.0, 0.0, 3.0]).tolist()
    [0.0, 0.0, 3.0]
    """
    out: np.ndarray = np.maximum(as_float_array(x, "x"), 0.0)
    return out


def relu_grad(x: ArrayLike) -> np.ndarray:
    r"""Derivative of :func:`relu` with respect to ``x``.

    Derivation: :doc:`/activations/sigmoid-tanh-relu`.

    .. math:: \operatorname{relu}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}

    ReLU is not differentiable at 0; like PyTorch we use the subgradient 0 there.

    Parameters
    ----------
    x : array_like
        Any shape. NaN raises ``ValueError``.

    Returns
    -------
    numpy.ndarray
        Zeros and ones, same shape as ``x``, float64.

    Examples
    --------
    >>> from notes.activations import relu_grad
    >>> relu_grad([-2.0, 0.0, 3.0]).tolist()
    [0.0, 0.0, 1.0]
    """
    return (as_float_array(x, "x") > 0).astype(np.float64)


# -- the softmax family -------------------------------------------------------------------


def _max_and_shift(z: ArrayLike, axis: int) -> tuple[np.ndarray, int, np.ndarray, np.ndarray]:
    """Validate ``z``; return it as float64, the axis, the row maxima ``m`` and the shift.

    Both ``m`` and the shift keep the reduced axis (length 1). The shift is ``m`` where
    ``m`` is finite and 0 elsewhere, so rows holding ``±inf`` keep their infinities
    instead of turning into ``inf - inf = NaN``. The maximum doubles as the validator:
    NaN anywhere in a row makes its maximum NaN, so one reduction checks the input and
    finds the shift.
    """
    z = as_float_array(z, "z", allow_nan=True)
    axis = normalize_axis(z, axis)
    z_max = z.max(axis=axis, keepdims=True)
    if np.isnan(z_max).any():
        raise ValueError("z contains NaN")
    return z, axis, z_max, np.where(np.isfinite(z_max), z_max, 0.0)


def _exp_shifted(z: np.ndarray, shift: np.ndarray) -> np.ndarray:
    """``exp(z - shift)`` in one new array (eq. :eq:`softmax-shift`: every exponent ≤ 0)."""
    # z - m overflows to -inf when z spans more than the float range (-1e308 next to
    # 1e308): -inf is then the right answer, since exp(-inf) = 0. exp itself overflows
    # only in a row holding +inf (its shift is 0), where the sum is +inf anyway.
    with np.errstate(over="ignore"):
        out: np.ndarray = np.subtract(z, shift)
        np.exp(out, out=out)
    return out


def _check_defined(z_max: np.ndarray, what: str) -> None:
    """Raise where softmax has no value: a ``+inf`` logit, or a row of only ``-inf``."""
    if np.isposinf(z_max).any():
        raise ValueError(f"z contains +inf: {what} is undefined there")
    if np.isneginf(z_max).any():
        raise ValueError(f"z has a row that is all -inf: {what} is undefined there")


def logsumexp(z: ArrayLike, axis: int = -1, keepdims: bool = False) -> np.ndarray | float:
    r"""Log of the sum of exponentials along ``axis``, computed without overflow.

    Derivation: :doc:`/activations/softmax`.

    .. math::

       \operatorname{logsumexp}(z) = \log \sum_j e^{z_j}
       = m + \log \sum_j e^{z_j - m}, \qquad m = \max_j z_j

    Parameters
    ----------
    z : array_like
        At least one dimension; the reduction axis must not be empty. NaN raises
        ``ValueError``.
    axis : int, default -1
        The axis to reduce.
    keepdims : bool, default False
        Keep the reduced axis with length 1.

    Returns
    -------
    numpy.ndarray or float
        ``-inf`` for a row that is all ``-inf``; ``+inf`` if a row contains ``+inf``.

    See Also
    --------
    scipy.special.logsumexp : the reference implementation the tests compare against.

    Examples
    --------
    >>> import numpy as np
    >>> from notes.activations import logsumexp
    >>> round(float(logsumexp([1.0, 2.0, 3.0])), 6)
    3.407606
    >>> bool(logsumexp([1000.0, 1000.0]) == 1000.0 + np.log(2.0))  # no overflow
    True
    >>> float(logsumexp([-np.inf, -np.inf]))
    -inf
    """
    z, axis, _, shift = _max_and_shift(z, axis)
    with np.errstate(divide="ignore"):  # log(0) = -inf for a row of only -inf
        out = np.log(_exp_shifted(z, shift).sum(axis=axis, keepdims=True))
    out += shift
    return out if keepdims else float_if_scalar(np.squeeze(out, axis=axis))


def softmax(z: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Softmax along ``axis``: exponentiate, then normalize to sum to 1.

    .. math::

       \operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}
       = \frac{e^{z_i - m}}{\sum_j e^{z_j - m}}, \qquad m = \max_j z_j

    Subtracting :math:`m` changes nothing mathematically (it cancels) but keeps every
    exponent :math:`\le 0`, so ``exp`` cannot overflow; see :doc:`/activations/softmax`.

    Parameters
    ----------
    z : array_like
        Logits, at least one dimension, reduction axis not empty. ``-inf`` entries get
        probability 0. NaN, ``+inf`` and rows that are all ``-inf`` raise ``ValueError``
        (there the result is undefined).
    axis : int, default -1
        The axis along which the probabilities sum to 1.

    Returns
    -------
    numpy.ndarray
        Same shape as ``z``, float64, non-negative, summing to 1 along ``axis``.

    See Also
    --------
    log_softmax, softmax_jacobian, scipy.special.softmax

    Examples
    --------
    >>> from notes.activations import softmax
    >>> softmax([1.0, 2.0, 3.0]).round(4).tolist()
    [0.09, 0.2447, 0.6652]
    >>> softmax([1000.0, 1001.0, 1002.0]).round(4).tolist()  # no overflow
    [0.09, 0.2447, 0.6652]
    """
    z, axis, z_max, shift = _max_and_shift(z, axis)
    _check_defined(z_max, "softmax")
    out = _exp_shifted(z, shift)
    out *= 1.0 / out.sum(axis=axis, keepdims=True)  # one division a row, not one an entry
    return out


def log_softmax(z: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Logarithm of :func:`softmax`, computed without taking ``log`` of a tiny number.

    Derivation: :doc:`/activations/softmax`.

    .. math::

       \log \operatorname{softmax}(z)_i = (z_i - m) - \log \sum_j e^{z_j - m},
       \qquad m = \max_j z_j

    Parameters
    ----------
    z : array_like
        As for :func:`softmax`.
    axis : int, default -1
        The axis along which ``exp`` of the result sums to 1.

    Returns
    -------
    numpy.ndarray
        Same shape as ``z``; ``-inf`` exactly where the probability underflows to 0
        (``z`` is ``-inf``, or more than the float range below the maximum).

    See Also
    --------
    softmax, logsumexp, scipy.special.log_softmax

    Examples
    --------
    >>> from notes.activations import log_softmax
    >>> log_softmax([1.0, 2.0, 3.0]).round(4).tolist()
    [-2.4076, -1.4076, -0.4076]
    >>> log_softmax([0.0, -1000.0]).round(4).tolist()  # log(softmax) would give -inf
    [0.0, -1000.0]
    """
    z, axis, z_max, shift = _max_and_shift(z, axis)
    _check_defined(z_max, "log_softmax")
    out = _exp_shifted(z, shift)
    log_total = np.log(out.sum(axis=axis, keepdims=True))
    # Reuse the buffer for (z - m) - log Σ e^(z - m). Subtract m and log Σ one at a time:
    # m + log Σ would round log Σ away when |m| is large (1e308 + log 2 == 1e308).
    with np.errstate(over="ignore"):
        np.subtract(z, shift, out=out)
    out -= log_total
    return out


def softmax_jacobian(z: ArrayLike) -> np.ndarray:
    r"""Jacobian of :func:`softmax` along the last axis.

    Derivation: :doc:`/activations/softmax`.

    .. math::

       \frac{\partial \hat y_i}{\partial z_j} = \hat y_i(\delta_{ij} - \hat y_j),
       \qquad J = \operatorname{diag}(\hat y) - \hat y\,\hat y^{\mathsf T},
       \qquad \hat y = \operatorname{softmax}(z)

    On the diagonal (:math:`i = j`) this is :math:`\hat y_i(1 - \hat y_i)`; off it,
    :math:`-\hat y_i \hat y_j`.

    Parameters
    ----------
    z : array_like
        Shape ``(n,)`` or a batch ``(..., n)``.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, n)``, or ``(..., n, n)`` for a batch. Symmetric. Each row sums to 0,
        because softmax is unchanged when the same constant is added to every logit; each
        column sums to 0, because the probabilities always sum to 1.

    Examples
    --------
    >>> from notes.activations import softmax_jacobian
    >>> softmax_jacobian([0.0, 0.0]).tolist()
    [[0.25, -0.25], [-0.25, 0.25]]
    """
    s = softmax(z, axis=-1)
    jac: np.ndarray = -s[..., :, None] * s[..., None, :]
    diagonal = np.einsum("...ii->...i", jac)  # a writable view of the diagonal
    diagonal += s
    return jac
