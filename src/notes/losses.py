r"""Loss functions and their gradients.

Regression losses (:func:`mse`, :func:`l1_loss`, :func:`l2_loss`) and classification losses
(:func:`binary_cross_entropy`, :func:`softmax_cross_entropy`), each next to its gradient
with respect to its first argument (the prediction, the probabilities or the logits), plus
:func:`accuracy`, the metric we report but cannot train on.

Conventions, and how they meet PyTorch's:

- **Means and sums.** :func:`mse`, :func:`binary_cross_entropy` and
  :func:`softmax_cross_entropy` are *means*, like torch's default ``reduction='mean'``.
  :func:`l1_loss` and :func:`l2_loss` are *sums* (a common textbook convention), like
  torch's ``reduction='sum'``; a sum grows with the batch, a mean does not.
- **No square roots.** The mean squared error is not the L2 norm
  :math:`\lVert e \rVert_2 = \sqrt{\sum_i e_i^2}`, and :func:`l2_loss` is its square.
- **Logits, not probabilities.** :func:`softmax_cross_entropy` takes logits and works with
  :func:`notes.activations.log_softmax`, never ``log(softmax(z))``, which turns a tiny
  probability into ``log 0 = -inf``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validation import (
    as_float_array,
    as_matrix,
    check_class_indices,
    check_entries_in_unit_interval,
    check_nonempty,
    check_probabilities,
    check_same_shape,
    mean_of_nonnegative,
    scaled_differences,
    sum_of_absolute_differences,
    sum_of_squared_differences,
)
from .activations import log_softmax, logsumexp, softmax

__all__ = [
    "mse",
    "mse_grad",
    "l1_loss",
    "l1_loss_grad",
    "l2_loss",
    "l2_loss_grad",
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
    "softmax_cross_entropy",
    "softmax_cross_entropy_grad",
    "accuracy",
]

#: ``log`` is clamped from below at this value in :func:`binary_cross_entropy`, as in torch.
LOG_CLAMP = -100.0

#: Floor on :math:`a(1-a)` in :func:`binary_cross_entropy_grad`, torch's ``EPSILON``.
BCE_GRAD_FLOOR = 1e-12


# -- private checks -------------------------------------------------------------------------


def _pair(pred: ArrayLike, target: ArrayLike, *, nonempty: bool) -> tuple[np.ndarray, np.ndarray]:
    """Validate a regression pair: finite float64 arrays of the same shape."""
    a = as_float_array(pred, "pred", allow_inf=False)
    y = as_float_array(target, "target", allow_inf=False)
    check_same_shape(a, y, "pred", "target")
    if nonempty:
        check_nonempty(a, "pred")
    return a, y


def _scores(x: ArrayLike, name: str, *, allow_inf: bool) -> np.ndarray:
    """Validate a batch of class scores: float64 of shape ``(m, C)`` with ``m, C > 0``.

    Empty is refused: ``m = 0`` is a mean over no examples, ``C = 0`` has no classes.
    """
    return as_matrix(x, name, axes=("m", "C"), allow_inf=allow_inf)


def _target_rows(labels: ArrayLike, m: int, n_classes: int, rows_of: str) -> np.ndarray:
    """Return the target distribution ``Y`` of shape ``(m, C)`` that ``labels`` stand for,
    for the ``(m, C)`` array the caller passed as ``rows_of`` (named in shape errors).

    Labels of shape ``(m,)`` are class indices and become one-hot rows; labels of shape
    ``(m, C)`` must already be probability rows (non-negative, summing to 1).
    """
    try:
        ndim = np.ndim(labels)
    except ValueError as exc:  # ragged nested sequences
        raise TypeError("labels must be an array of numbers, got a ragged sequence") from exc
    if ndim == 1:
        indices = check_class_indices(labels, "labels", n_classes=n_classes, n_samples=m, rows_of=rows_of)
        rows = np.zeros((m, n_classes))
        rows[np.arange(m), indices] = 1.0
        return rows
    if ndim == 2:
        rows, _ = check_probabilities(labels, "labels", axis=-1)
        if rows.shape != (m, n_classes):
            raise ValueError(
                f"labels as probability rows must have the shape of {rows_of}, ({m}, {n_classes}), got {rows.shape}"
            )
        return rows
    raise ValueError(
        f"labels must be class indices of shape ({m},) or probability rows of shape "
        f"({m}, {n_classes}) to match {rows_of}, got {ndim} dimension(s)"
    )


# -- regression losses ----------------------------------------------------------------------


def mse(pred: ArrayLike, target: ArrayLike) -> float:
    r"""Mean squared error: the mean of the squared errors, with no square root.

    Derivation: :doc:`/losses/mse-and-norms`.

    .. math:: \operatorname{MSE}(\hat y, y) = \frac1m \sum_{i=1}^{m} (\hat y_i - y_i)^2

    MSE is **not** the L2 norm of the error :math:`\lVert \hat y - y \rVert_2 =
    \sqrt{\sum_i (\hat y_i - y_i)^2}`: there is no square root, and it is divided by :math:`m`.
    It equals torch's ``F.mse_loss(pred, target)`` (default ``reduction='mean'``).

    Parameters
    ----------
    pred : array_like
        Predictions :math:`\hat y`, any shape, finite. :math:`m` is their number of entries.
    target : array_like
        Targets :math:`y`, same shape as ``pred``, finite.

    Returns
    -------
    float
        Non-negative, finite. Errors past the float range (:math:`10^{308} - (-10^{308})`)
        or squares past it (:math:`|\hat y_i - y_i| > 1.3 \times 10^{154}`) are scaled, so
        the result is exact to rounding whenever it fits a float.

    Raises
    ------
    ValueError
        Shapes differ, input is empty (a mean of nothing), or holds NaN or ``±inf``; or
        the mean itself exceeds the float range (about :math:`1.8 \times 10^{308}`).
    TypeError
        Input is not numeric or a masked array.

    See Also
    --------
    mse_grad, l2_loss

    Examples
    --------
    >>> from notes.losses import mse
    >>> mse([1.0, 2.0, 3.0], [1.0, 2.0, 5.0])  # (0 + 0 + 4) / 3
    1.3333333333333333
    """
    a, y = _pair(pred, target, nonempty=True)
    return sum_of_squared_differences(a, y, "mse(pred, target)", mean=True)


def mse_grad(pred: ArrayLike, target: ArrayLike) -> np.ndarray:
    r"""Gradient of :func:`mse` with respect to ``pred``.

    Derivation: :doc:`/losses/mse-and-norms`.

    .. math:: \frac{\partial\,\operatorname{MSE}}{\partial \hat y_i} = \frac{2}{m}\,(\hat y_i - y_i)

    Parameters
    ----------
    pred, target : array_like
        As for :func:`mse`.

    Returns
    -------
    numpy.ndarray
        Same shape as ``pred``, finite: where :math:`\hat y_i - y_i` overflows, the entry
        is computed as :math:`\tfrac2m \hat y_i - \tfrac2m y_i`.

    Raises
    ------
    ValueError
        As for :func:`mse`, or an entry exceeds the float range.
    TypeError
        As for :func:`mse`.

    Examples
    --------
    >>> from notes.losses import mse_grad
    >>> mse_grad([1.0, 2.0, 3.0], [1.0, 2.0, 5.0]).round(4).tolist()
    [0.0, 0.0, -1.3333]
    """
    a, y = _pair(pred, target, nonempty=True)
    # 2 / N first: 2 * e could overflow where the result does not.
    return scaled_differences(a, y, 2.0 / a.size, "mse_grad(pred, target)")


def l1_loss(pred: ArrayLike, target: ArrayLike) -> float:
    r"""L1 loss: the **sum** of absolute errors.

    Derivation: :doc:`/losses/mse-and-norms`.

    .. math:: L_1(\hat y, y) = \sum_{i=1}^{m} |\hat y_i - y_i|

    This is a common textbook convention. PyTorch's ``nn.L1Loss`` / ``F.l1_loss`` take the
    *mean* by default (``reduction='mean'``), :math:`L_1 / m`; this function equals
    ``F.l1_loss(pred, target, reduction='sum')``. It is also the L1 norm of the error.

    Parameters
    ----------
    pred : array_like
        Predictions, any shape, finite.
    target : array_like
        Targets, same shape, finite.

    Returns
    -------
    float
        Non-negative, finite; ``0.0`` for empty input (an empty sum). Errors past the
        float range are scaled, as in :func:`mse`.

    Raises
    ------
    ValueError
        Shapes differ, input holds NaN or ``±inf``, or the sum exceeds the float range.
    TypeError
        Input is not numeric or a masked array.

    See Also
    --------
    l1_loss_grad, l2_loss

    Examples
    --------
    >>> from notes.losses import l1_loss
    >>> l1_loss([1.0, 2.0, 3.0], [2.0, 2.0, 5.0])  # 1 + 0 + 2
    3.0
    """
    a, y = _pair(pred, target, nonempty=False)
    return sum_of_absolute_differences(a, y, "l1_loss(pred, target)")


def l1_loss_grad(pred: ArrayLike, target: ArrayLike) -> np.ndarray:
    r"""Gradient (a subgradient) of :func:`l1_loss` with respect to ``pred``.

    Derivation: :doc:`/losses/mse-and-norms`.

    .. math::

       \frac{\partial L_1}{\partial \hat y_i} = \operatorname{sign}(\hat y_i - y_i)
       = \begin{cases} 1 & \hat y_i > y_i \\ 0 & \hat y_i = y_i \\ -1 & \hat y_i < y_i \end{cases}

    :math:`|e|` has no derivative at :math:`e = 0`; like PyTorch we use the subgradient 0.
    Every entry is :math:`\pm 1` however small the error: L1 pushes as hard on a tiny
    error as on a large one.

    Parameters
    ----------
    pred, target : array_like
        As for :func:`l1_loss`.

    Returns
    -------
    numpy.ndarray
        Same shape as ``pred``; entries in :math:`\{-1, 0, 1\}`.

    Examples
    --------
    >>> from notes.losses import l1_loss_grad
    >>> l1_loss_grad([1.0, 2.0, 3.0], [2.0, 2.0, 0.5]).tolist()
    [-1.0, 0.0, 1.0]
    """
    a, y = _pair(pred, target, nonempty=False)
    with np.errstate(over="ignore"):  # 1e308 - -1e308 = inf still has the right sign
        signs: np.ndarray = np.sign(a - y)
    return signs


def l2_loss(pred: ArrayLike, target: ArrayLike) -> float:
    r"""L2 loss: the **sum** of squared errors.

    Derivation: :doc:`/losses/mse-and-norms`.

    .. math:: L_2(\hat y, y) = \sum_{i=1}^{m} (\hat y_i - y_i)^2 = m \cdot \operatorname{MSE}(\hat y, y)

    This is a common textbook convention. PyTorch's ``nn.MSELoss`` / ``F.mse_loss`` take the
    *mean* by default (``reduction='mean'``, that is :func:`mse`); this function equals
    ``F.mse_loss(pred, target, reduction='sum')``. It is the *square* of the L2 norm of
    the error, :math:`\lVert \hat y - y \rVert_2^2`: there is no square root.

    Parameters
    ----------
    pred : array_like
        Predictions, any shape, finite.
    target : array_like
        Targets, same shape, finite.

    Returns
    -------
    float
        Non-negative, finite; ``0.0`` for empty input (an empty sum). Errors and squares
        past the float range are scaled, as in :func:`mse`.

    Raises
    ------
    ValueError
        Shapes differ, input holds NaN or ``±inf``, or the sum exceeds the float range.
    TypeError
        Input is not numeric or a masked array.

    See Also
    --------
    l2_loss_grad, mse

    Examples
    --------
    >>> from notes.losses import l2_loss
    >>> l2_loss([1.0, 2.0, 3.0], [2.0, 2.0, 5.0])  # 1 + 0 + 4
    5.0
    """
    a, y = _pair(pred, target, nonempty=False)
    return sum_of_squared_differences(a, y, "l2_loss(pred, target)")


def l2_loss_grad(pred: ArrayLike, target: ArrayLike) -> np.ndarray:
    r"""Gradient of :func:`l2_loss` with respect to ``pred``.

    Derivation: :doc:`/losses/mse-and-norms`.

    .. math:: \frac{\partial L_2}{\partial \hat y_i} = 2\,(\hat y_i - y_i)

    Unlike :func:`l1_loss_grad`, the push shrinks with the error.

    Parameters
    ----------
    pred, target : array_like
        As for :func:`l2_loss`.

    Returns
    -------
    numpy.ndarray
        Same shape as ``pred``, finite.

    Raises
    ------
    ValueError
        As for :func:`l2_loss`, or an entry :math:`2(\hat y_i - y_i)` exceeds the float
        range.
    TypeError
        As for :func:`l2_loss`.

    Examples
    --------
    >>> from notes.losses import l2_loss_grad
    >>> l2_loss_grad([1.0, 2.0, 3.0], [2.0, 2.0, 5.0]).tolist()
    [-2.0, 0.0, -4.0]
    """
    a, y = _pair(pred, target, nonempty=False)
    return scaled_differences(a, y, 2.0, "l2_loss_grad(pred, target)")


# -- classification losses ------------------------------------------------------------------


def _bce_inputs(probs: ArrayLike, labels: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    a = as_float_array(probs, "probs")
    y = as_float_array(labels, "labels")
    check_same_shape(a, y, "probs", "labels")
    check_nonempty(a, "probs")
    return check_entries_in_unit_interval(a, "probs"), check_entries_in_unit_interval(y, "labels")


def binary_cross_entropy(probs: ArrayLike, labels: ArrayLike) -> float:
    r"""Binary cross-entropy between predicted probabilities and labels, averaged.

    Derivation: :doc:`/losses/cross-entropy-loss`.

    .. math::

       L(\hat y, y) = -\frac1m \sum_{i=1}^{m} \bigl[\, y_i \log \hat y_i + (1 - y_i) \log(1 - \hat y_i) \,\bigr]

    Each term is the cross-entropy between the Bernoulli distributions
    :math:`(y_i, 1 - y_i)` and :math:`(\hat y_i, 1 - \hat y_i)`. Equals torch's
    ``F.binary_cross_entropy(probs, labels)``.

    Parameters
    ----------
    probs : array_like
        Predicted probabilities :math:`\hat y_i \in [0, 1]`, any shape (typically the output of
        :func:`notes.activations.sigmoid`). :math:`m` is their number of entries.
    labels : array_like
        Targets :math:`y_i \in [0, 1]`, same shape: hard labels 0/1 or soft labels.

    Returns
    -------
    float
        Non-negative (zero only when :math:`\hat y = y \in \{0, 1\}`), at most 100.

    Raises
    ------
    ValueError
        Shapes differ, input is empty, holds NaN, or a value lies outside :math:`[0, 1]`.
    TypeError
        Input is not numeric.

    Notes
    -----
    Like PyTorch, each :math:`\log` is clamped below at :math:`-100`, so a confident wrong
    prediction (:math:`\hat y_i = 0` with :math:`y_i = 1`) costs a finite 100 instead of
    :math:`\infty`, and :math:`0 \cdot \log 0` counts as 0. Only predictions within
    :math:`e^{-100} \approx 4 \times 10^{-44}` of the wrong end are affected.

    See Also
    --------
    binary_cross_entropy_grad, softmax_cross_entropy

    Examples
    --------
    >>> from notes.losses import binary_cross_entropy
    >>> round(binary_cross_entropy([0.9, 0.2], [1.0, 0.0]), 4)  # -(log 0.9 + log 0.8) / 2
    0.1643
    >>> binary_cross_entropy([0.0], [1.0])  # clamped, not inf
    100.0
    """
    a, y = _bce_inputs(probs, labels)
    with np.errstate(divide="ignore"):  # log 0 = -inf, clamped on the next line
        log_a = np.maximum(np.log(a), LOG_CLAMP)
        log_not_a = np.maximum(np.log1p(-a), LOG_CLAMP)
    return -float(np.mean(y * log_a + (1.0 - y) * log_not_a))


def binary_cross_entropy_grad(probs: ArrayLike, labels: ArrayLike) -> np.ndarray:
    r"""Gradient of :func:`binary_cross_entropy` with respect to ``probs``.

    Derivation: :doc:`/losses/cross-entropy-loss`.

    .. math::

       \frac{\partial L}{\partial \hat y_i}
       = -\frac1m \left( \frac{y_i}{\hat y_i} - \frac{1 - y_i}{1 - \hat y_i} \right)
       = \frac1m \, \frac{\hat y_i - y_i}{\hat y_i (1 - \hat y_i)}

    With :math:`\hat y = \sigma(z)`, the chain rule and :math:`\sigma'(z) = \hat y(1 - \hat y)` cancel the
    denominator: :math:`\partial L / \partial z_i = (\hat y_i - y_i)/m`.

    Parameters
    ----------
    probs, labels : array_like
        As for :func:`binary_cross_entropy`.

    Returns
    -------
    numpy.ndarray
        Same shape as ``probs``.

    Notes
    -----
    At :math:`\hat y_i \in \{0, 1\}` the derivative is infinite. Like PyTorch, the denominator
    :math:`\hat y_i(1 - \hat y_i)` is floored at :math:`10^{-12}`, so the result is finite: about
    :math:`\pm 10^{12}/m` for a confident wrong prediction, and 0 where :math:`\hat y_i = y_i`.
    (PyTorch stores that floor as a float32, :math:`9.99999996 \times 10^{-13}`, so its
    values there differ from these by :math:`4 \times 10^{-9}` relative.)

    Examples
    --------
    >>> from notes.losses import binary_cross_entropy_grad
    >>> binary_cross_entropy_grad([0.5, 0.8], [1.0, 0.0]).round(4).tolist()
    [-1.0, 2.5]
    """
    a, y = _bce_inputs(probs, labels)
    grad: np.ndarray = (a - y) / (np.maximum(a * (1.0 - a), BCE_GRAD_FLOOR) * a.size)
    return grad


def softmax_cross_entropy(logits: ArrayLike, labels: ArrayLike) -> float:
    r"""Cross-entropy of softmax probabilities against labels, averaged over the batch.

    Derivation: :doc:`/losses/cross-entropy-loss`.

    .. math::

       L(Z, Y) = -\frac1m \sum_{i=1}^{m} \sum_{k=1}^{C} Y_{ik} \log \operatorname{softmax}(z_i)_k,
       \qquad \log \operatorname{softmax}(z)_k = z_k - \log \sum_j e^{z_j}

    With a class index :math:`c_i` for example :math:`i`, :math:`Y_i` is the one-hot row
    of :math:`c_i` and the inner sum is just :math:`-\log \operatorname{softmax}(z_i)_{c_i}`.
    Equals torch's ``F.cross_entropy(logits, labels)`` for both kinds of label.

    Parameters
    ----------
    logits : array_like
        Shape ``(m, C)``: one row of unnormalized scores per example; finite (mask a class
        with a large negative number, not ``-inf``). Not probabilities: softmax is applied
        here.
    labels : array_like
        Either integer class indices of shape ``(m,)`` in ``[0, C)``, or probability rows
        of shape ``(m, C)`` (non-negative, each summing to 1 within 1e-6).

    Returns
    -------
    float
        Non-negative; 0 only for one-hot labels that the softmax matches exactly.

    Raises
    ------
    ValueError
        ``logits`` is not 2-D, empty, or holds NaN or ``±inf``; labels have the wrong
        shape, an index out of range, a negative entry or a row not summing to 1; or the
        loss exceeds the float range (logits of one row more than about
        :math:`1.8 \times 10^{308}` apart).
    TypeError
        Input is not numeric or a masked array, or index labels are not integers.

    Notes
    -----
    Computed with :func:`notes.activations.log_softmax`, never ``log(softmax(z))``: when a
    logit lies far below the others its probability underflows to 0, and ``log 0 = -inf``,
    while :math:`z_k - \log\sum_j e^{z_j}` stays finite.

    See Also
    --------
    softmax_cross_entropy_grad, binary_cross_entropy, notes.activations.log_softmax

    Examples
    --------
    >>> from notes.losses import softmax_cross_entropy
    >>> logits = [[2.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    >>> round(softmax_cross_entropy(logits, [0, 2]), 4)  # class indices
    0.6691
    >>> round(softmax_cross_entropy(logits, [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]), 4)  # one-hot
    0.6691
    >>> round(softmax_cross_entropy([[0.0, -1000.0]], [1]), 4)  # log(softmax) would give inf
    1000.0
    """
    logits = _scores(logits, "logits", allow_inf=False)
    targets = _target_rows(labels, logits.shape[0], logits.shape[1], "logits")
    log_probs = log_softmax(logits, axis=-1)
    # A log-probability underflows to -inf only for logits more than the float range below
    # the row's maximum; 0 * -inf would then be NaN, where the term is 0.
    terms = np.multiply(targets, log_probs, out=np.zeros_like(log_probs), where=targets != 0)
    with np.errstate(over="ignore"):
        per_example = -terms.sum(axis=-1)
        if not np.isfinite(per_example).all():
            # A log-probability z_j - LSE(z) can pass the float range where the loss, a weighted
            # mean of them, does not: compute half of each, (z_j - m)/2 - LSE(z - m)/2, from
            # the halved logits, then double the loss. (z - m may be -inf: its term is then 0.)
            shifted = 0.5 * logits - 0.5 * logits.max(axis=-1, keepdims=True)
            halves = shifted - 0.5 * logsumexp(2.0 * shifted, axis=-1, keepdims=True)
            terms = np.multiply(targets, halves, out=np.zeros_like(halves), where=targets != 0)
            per_example = -2.0 * terms.sum(axis=-1)
    if not np.isfinite(per_example).all():
        raise ValueError("the loss of logits overflows the float range (logits spread over more than 1.8e308)")
    return mean_of_nonnegative(per_example)


def softmax_cross_entropy_grad(logits: ArrayLike, labels: ArrayLike) -> np.ndarray:
    r"""Gradient of :func:`softmax_cross_entropy` with respect to ``logits``.

    Derivation: :doc:`/losses/cross-entropy-loss`.

    .. math:: \frac{\partial L}{\partial Z} = \frac1m \bigl( \operatorname{softmax}(Z) - Y \bigr)

    where :math:`Y` holds the one-hot rows of the class indices, or the probability rows.

    Derivation, for one example :math:`z` with target row :math:`y` and
    :math:`\hat y = \operatorname{softmax}(z)`: since
    :math:`\log \hat y_k = z_k - \log\sum_j e^{z_j}` and
    :math:`\partial \log\sum_j e^{z_j} / \partial z_l = \hat y_l`,

    .. math::

       \frac{\partial}{\partial z_l} \Bigl( -\sum_k y_k \log \hat y_k \Bigr)
       = -\sum_k y_k (\delta_{kl} - \hat y_l)
       = -y_l + \hat y_l \sum_k y_k = \hat y_l - y_l ,

    using :math:`\sum_k y_k = 1` (which is why probability rows must sum to 1). The mean
    over :math:`m` examples divides by :math:`m`.

    Parameters
    ----------
    logits, labels : array_like
        As for :func:`softmax_cross_entropy`.

    Returns
    -------
    numpy.ndarray
        Shape ``(m, C)``; each row sums to 0.

    Examples
    --------
    >>> from notes.losses import softmax_cross_entropy_grad
    >>> softmax_cross_entropy_grad([[0.0, 0.0]], [1]).tolist()  # ŷ - y = [0.5, 0.5] - [0, 1]
    [[0.5, -0.5]]
    """
    logits = _scores(logits, "logits", allow_inf=False)
    grad: np.ndarray = (
        softmax(logits, axis=-1) - _target_rows(labels, logits.shape[0], logits.shape[1], "logits")
    ) / logits.shape[0]
    return grad


# -- metric ---------------------------------------------------------------------------------


def accuracy(scores: ArrayLike, labels: ArrayLike) -> float:
    r"""Fraction of examples whose highest score is at the true class.

    Derivation: :doc:`/losses/accuracy-is-not-a-loss`.

    .. math:: \operatorname{acc}(Z, c) = \frac1m \sum_{i=1}^{m} [\operatorname{argmax}_k Z_{ik} = c_i]

    Accuracy is what we report, but it cannot be trained on: it is piecewise constant in
    the scores, so its gradient is 0 wherever it exists and gradient descent gets no
    signal. :func:`softmax_cross_entropy` is the smooth surrogate we minimize instead.

    Parameters
    ----------
    scores : array_like
        Shape ``(m, C)``: logits or probabilities (softmax keeps the argmax, so either
        gives the same accuracy). ``±inf`` allowed, NaN not. Ties go to the lowest class.
    labels : array_like
        Class indices of shape ``(m,)``, or probability rows of shape ``(m, C)`` whose
        most probable class (the lowest one on ties) counts as the true class.

    Returns
    -------
    float
        In :math:`[0, 1]`.

    Raises
    ------
    ValueError
        ``scores`` is not 2-D, empty, or holds NaN; labels are invalid as for
        :func:`softmax_cross_entropy`.
    TypeError
        Input is not numeric, or index labels are not integers.

    Examples
    --------
    >>> from notes.losses import accuracy
    >>> accuracy([[2.0, 1.0], [0.3, 0.7], [5.0, -1.0]], [0, 0, 0])
    0.6666666666666666
    """
    scores = _scores(scores, "scores", allow_inf=True)
    targets = _target_rows(labels, scores.shape[0], scores.shape[1], "scores")
    return float(np.mean(scores.argmax(axis=-1) == targets.argmax(axis=-1)))
