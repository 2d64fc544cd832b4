r"""Linear and logistic regression trained by mini-batch stochastic gradient descent.

Both models start from the same affine score :math:`z = x \cdot w + b`:

* **linear regression** predicts a real value :math:`\hat y = z` that should be close to the
  target :math:`y`; it minimizes the mean squared error;
* **logistic regression** models the probability :math:`P(y = 1 \mid x) = \sigma(z)` of a
  binary label; it minimizes the binary cross-entropy.

Both are trained the same way (:func:`minibatches`): shuffle the examples, cut them into
mini-batches, and step against the gradient of each batch's loss. :func:`make_linear_data`
draws synthetic data with known true parameters, so a reader can watch them being recovered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from ._validation import (
    as_float_array,
    as_matrix,
    as_scalar,
    as_vector,
    check_class_indices,
    check_generator,
    check_size,
    checked_affine,
    checked_sum,
    float_if_scalar,
    mean_of_nonnegative,
    scaled_differences,
    sum_of_squared_differences,
)
from .activations import sigmoid, softmax
from .losses import softmax_cross_entropy, softmax_cross_entropy_grad
from .optim import SGD

__all__ = [
    "make_linear_data",
    "minibatches",
    "SGDResult",
    "linear_predict",
    "linear_regression_loss",
    "linear_regression_grad",
    "linear_regression_sgd",
    "logistic_predict_proba",
    "logistic_regression_loss",
    "logistic_regression_grad",
    "logistic_regression_sgd",
]


# -- private checks (not in notes._validation) -------------------------------------------


def _as_targets(y: object, m: int) -> np.ndarray:
    """``y`` as a finite float64 vector of shape ``(m,)``, one target per row of ``X``."""
    targets = as_float_array(y, "y", allow_inf=False)
    if targets.shape != (m,):
        raise ValueError(f"y must have shape ({m},), one target per row of X, got {targets.shape}")
    return targets


def _as_binary_labels(y: object, m: int) -> np.ndarray:
    """Like :func:`_as_targets`, and every label must be 0 or 1."""
    labels = _as_targets(y, m)
    if not np.isin(labels, (0.0, 1.0)).all():
        bad = labels[~np.isin(labels, (0.0, 1.0))][0]
        raise ValueError(f"y must hold binary labels 0 or 1, got {bad!r}")
    return labels


def _as_weights(w: object, n: int | None = None) -> np.ndarray:
    """``w`` as a finite, non-empty 1-D float64 vector (of length ``n`` if given)."""
    weights = as_vector(w, "w", allow_empty=False)
    if n is not None and weights.size != n:
        raise ValueError(f"w must have {n} entries, one per column of X, got {weights.size}")
    return weights


# -- synthetic data and mini-batches ------------------------------------------------------


def make_linear_data(
    w: ArrayLike, b: float, n: int, *, noise_std: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    r"""Synthetic regression data from a known linear model plus Gaussian noise.

    Derivation: :doc:`/regression/linear-regression-from-scratch`.

    .. math::

       x_i \sim \mathcal N(0, I_d), \qquad
       y_i = x_i \cdot w + b + \varepsilon_i, \qquad
       \varepsilon_i \sim \mathcal N(0, \sigma_\varepsilon^2)

    Parameters
    ----------
    w : array_like
        Shape ``(d,)``.
        The true weights, finite, at least one.
    b : float
        The true bias.
    n : int
        Number of examples, positive.
    noise_std : float
        The noise standard deviation :math:`\sigma_\varepsilon`, non-negative; 0 gives exact data.
    rng : numpy.random.Generator
        Source of randomness: the same seed gives the same data.

    Returns
    -------
    X : numpy.ndarray
        Shape ``(n, d)``.
        Features, independent standard normal entries.
    y : numpy.ndarray
        Shape ``(n,)``.
        Targets.

    Examples
    --------
    >>> import numpy as np
    >>> from notes.regression import make_linear_data
    >>> X, y = make_linear_data([2.0, -3.4], 4.2, 1000, noise_std=0.0,
    ...                         rng=np.random.default_rng(0))
    >>> X.shape, y.shape
    ((1000, 2), (1000,))
    >>> bool(np.allclose(y, X @ [2.0, -3.4] + 4.2))  # no noise: exactly linear
    True
    """
    w = _as_weights(w)
    b = as_scalar(b, "b")
    n = as_scalar(n, "n", integer=True, positive=True)
    noise_std = as_scalar(noise_std, "noise_std", nonnegative=True)
    rng = check_generator(rng)
    X = rng.standard_normal(check_size((n, w.size), "n"))
    with np.errstate(over="ignore"):
        y = checked_affine(X, w, "X @ w + b", b) + noise_std * rng.standard_normal(n)
    if not np.isfinite(y).all():
        raise ValueError(f"noise_std={noise_std!r} makes y overflow the float range")
    return X, y


def minibatches(
    X: ArrayLike, y: ArrayLike, batch_size: int, *, rng: np.random.Generator
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    r"""Iterate once over ``(X, y)`` in shuffled mini-batches: one epoch.

    Derivation: :doc:`/regression/linear-regression-from-scratch`.

    The rows are visited in the order of a fresh random permutation :math:`\pi` of
    :math:`\{0, \dots, m-1\}`, cut into consecutive slices of ``batch_size``:

    .. math::

       B_k = \{\pi(k\,s), \dots, \pi(\min((k+1)\,s,\ m) - 1)\}, \qquad s = \text{batch\_size}

    so every example appears in exactly one batch per epoch.

    Parameters
    ----------
    X : array_like
        Shape ``(m, n)``.
        Features; ``m`` must be positive.
    y : array_like
        Shape ``(m,)`` or ``(m, k)``.
        Targets, one row per row of ``X``.
    batch_size : int
        Positive. The **last batch is smaller** when ``batch_size`` does not divide ``m``
        (it is kept, not dropped); a ``batch_size`` of ``m`` or more gives a single batch.
    rng : numpy.random.Generator
        Draws the permutation; call again for a new shuffle each epoch.

    Returns
    -------
    Iterator
        ``(X_batch, y_batch)`` pairs of float64 arrays, copies of the selected rows.

    Notes
    -----
    The arguments are checked when :func:`minibatches` is called, not at the first
    ``next()``, so a mistake fails where it was made.

    Examples
    --------
    >>> import numpy as np
    >>> from notes.regression import minibatches
    >>> X, y = np.arange(10.0).reshape(5, 2), np.arange(5.0)
    >>> [len(yb) for _, yb in minibatches(X, y, 2, rng=np.random.default_rng(0))]
    [2, 2, 1]
    >>> sorted(float(v) for _, yb in minibatches(X, y, 2, rng=np.random.default_rng(0))
    ...        for v in yb)
    [0.0, 1.0, 2.0, 3.0, 4.0]
    """
    X = as_matrix(X, "X")
    y = as_float_array(y, "y", allow_inf=False)
    if y.ndim not in (1, 2) or y.shape[0] != X.shape[0]:
        raise ValueError(f"y must have shape ({X.shape[0]},) or ({X.shape[0]}, k), one row per row of X, got {y.shape}")
    batch_size = as_scalar(batch_size, "batch_size", integer=True, positive=True)
    order = check_generator(rng).permutation(X.shape[0])
    return _slices(X, y, order, batch_size)


def _slices(
    X: np.ndarray, y: np.ndarray, order: np.ndarray, batch_size: int
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    for start in range(0, order.size, batch_size):
        rows = order[start : start + batch_size]
        yield X[rows], y[rows]


class SGDResult(NamedTuple):
    """What :func:`linear_regression_sgd` and :func:`logistic_regression_sgd` return.

    Derivation: :doc:`/regression/linear-regression-from-scratch`.

    It unpacks like a tuple: ``w, b, history = linear_regression_sgd(...)``.
    """

    #: Learned weights, shape ``(n,)``.
    w: np.ndarray
    #: Learned bias.
    b: float
    #: Loss on the whole training set after each epoch, shape ``(epochs,)``.
    history: np.ndarray


def _sgd(
    X: np.ndarray,
    y: np.ndarray,
    loss: Callable[[np.ndarray, np.ndarray, np.ndarray, float], float],
    grad: Callable[[np.ndarray, np.ndarray, np.ndarray, float], tuple[np.ndarray, float]],
    lr: object,
    epochs: object,
    batch_size: object,
    rng: object,
) -> SGDResult:
    """The training loop both regressions share; ``X`` and ``y`` are already validated.

    The steps are :class:`notes.optim.SGD`'s, so a step that would leave the float range
    raises instead of writing ``inf`` or NaN into the parameters.
    """
    rate = as_scalar(lr, "lr", positive=True, finite=True)
    n_epochs = as_scalar(epochs, "epochs", integer=True, positive=True)
    size = as_scalar(batch_size, "batch_size", integer=True, positive=True)
    generator = check_generator(rng)
    # Zeros are a fine start: both losses are convex, so there is no symmetry to break.
    w, b = np.zeros(X.shape[1]), np.zeros(())
    optimizer = SGD([w, b], lr=rate)
    history = np.empty(n_epochs)
    for epoch in range(n_epochs):
        # X and y are valid, so a ValueError here can only be an overflow: divergence.
        try:
            for X_batch, y_batch in minibatches(X, y, size, rng=generator):
                optimizer.step(grad(X_batch, y_batch, w, float(b)))
            history[epoch] = loss(X, y, w, float(b))
        except ValueError as exc:
            raise ValueError(f"lr={rate!r} makes gradient descent diverge in epoch {epoch + 1}: {exc}") from None
    return SGDResult(w, float(b), history)


# -- linear regression --------------------------------------------------------------------


def linear_predict(X: ArrayLike, w: ArrayLike, b: float) -> np.ndarray | float:
    r"""The linear model's prediction: an affine function of the features.

    Derivation: :doc:`/regression/linear-regression-from-scratch`.

    .. math:: \hat y = X w + b

    Parameters
    ----------
    X : array_like
        Shape ``(m, n)`` or ``(n,)``.
        A batch of examples, or one example.
    w : array_like
        Shape ``(n,)``.
        Weights.
    b : float
        Bias.

    Returns
    -------
    numpy.ndarray or float
        Shape ``(m,)`` for a batch, a float for a single example.

    Examples
    --------
    >>> from notes.regression import linear_predict
    >>> linear_predict([[1.0, 2.0], [0.0, 0.0]], [3.0, -1.0], 0.5).tolist()
    [1.5, 0.5]
    >>> linear_predict([1.0, 2.0], [3.0, -1.0], 0.5)
    1.5
    """
    X = as_float_array(X, "X", allow_inf=False)
    if X.ndim not in (1, 2):
        raise ValueError(f"X must have shape (m, n) or (n,), got {X.shape}")
    w = _as_weights(w, X.shape[-1])
    b = as_scalar(b, "b")
    return float_if_scalar(checked_affine(X, w, "X @ w + b", b))


def linear_regression_loss(X: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> float:
    r"""Mean squared error of the linear model on ``(X, y)``.

    Derivation: :doc:`/regression/linear-regression-from-scratch`.

    .. math:: L(w, b) = \frac1m \sum_{i=1}^m \bigl(x_i \cdot w + b - y_i\bigr)^2

    Examples
    --------
    >>> from notes.regression import linear_regression_loss
    >>> linear_regression_loss([[1.0], [2.0]], [1.0, 1.0], [1.0], 0.0)  # errors 0 and 1
    0.5
    """
    X = as_matrix(X, "X")
    y_hat = np.asarray(linear_predict(X, w, b))
    return sum_of_squared_differences(y_hat, _as_targets(y, X.shape[0]), "the loss of X @ w + b against y", mean=True)


def linear_regression_grad(X: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> tuple[np.ndarray, float]:
    r"""Gradient of :func:`linear_regression_loss` with respect to ``w`` and ``b``.

    Derivation: :doc:`/regression/linear-regression-from-scratch`.

    By the chain rule through :math:`\hat y = Xw + b`, with
    :math:`\partial L / \partial \hat y = \tfrac2m (\hat y - y)` (:func:`notes.losses.mse_grad`):

    .. math::

       \frac{\partial L}{\partial w} = \frac2m X^{\mathsf T} (\hat y - y), \qquad
       \frac{\partial L}{\partial b} = \frac2m \sum_{i=1}^m (\hat y_i - y_i)

    Returns
    -------
    grad_w : numpy.ndarray
        Shape ``(n,)``.
    grad_b : float

    Examples
    --------
    >>> from notes.regression import linear_regression_grad
    >>> grad_w, grad_b = linear_regression_grad([[1.0], [2.0]], [1.0, 1.0], [1.0], 0.0)
    >>> grad_w.tolist(), grad_b  # residuals 0 and 1: 2/2 * (1*0 + 2*1), 2/2 * (0 + 1)
    ([2.0], 1.0)
    """
    X = as_matrix(X, "X")
    y = _as_targets(y, X.shape[0])
    y_hat = np.asarray(linear_predict(X, w, b))
    dL_dyhat = scaled_differences(y_hat, y, 2.0 / y.size, "the gradient (2/m)(X @ w + b - y)")
    return (
        checked_affine(X.T, dL_dyhat, "the gradient X.T @ (2/m)(y_hat - y)"),
        checked_sum(dL_dyhat, "the gradient sum (2/m)(y_hat - y)"),
    )


def linear_regression_sgd(
    X: ArrayLike, y: ArrayLike, *, lr: float, epochs: int, batch_size: int, rng: np.random.Generator
) -> SGDResult:
    r"""Fit :math:`\hat y = Xw + b` to real targets by mini-batch SGD on the squared error.

    Derivation: :doc:`/regression/linear-regression-from-scratch`.

    The goal is a prediction close to the target. Starting from :math:`w = 0, b = 0`, each
    epoch visits the shuffled :func:`minibatches` :math:`B` and steps

    .. math::

       w \leftarrow w - \eta\,\frac{2}{|B|} X_B^{\mathsf T}(X_B w + b - y_B), \qquad
       b \leftarrow b - \eta\,\frac{2}{|B|} \sum_{i \in B} (x_i \cdot w + b - y_i)

    (:func:`linear_regression_grad` on the batch). With ``batch_size >= m`` this is plain
    gradient descent, which converges to the least-squares solution when
    :math:`\eta < 2 / \lambda_{\max}`, where :math:`\lambda_{\max}` is the largest eigenvalue of
    the Hessian of the loss, :math:`\nabla^2 L = \tfrac2m \tilde X^{\mathsf T}\tilde X`, and
    :math:`\tilde X = [X, 1]` has a column of ones for :math:`b`.

    The steps are :class:`notes.optim.SGD`'s. If the run diverges (a learning rate so large
    that a step or a prediction would leave the float range), ``ValueError`` is raised,
    naming ``lr`` and the epoch, instead of parameters that hold ``inf`` or NaN being
    returned.

    Parameters
    ----------
    X : array_like
        Shape ``(m, n)``.
        Features, finite, non-empty.
    y : array_like
        Shape ``(m,)``.
        Real targets.
    lr : float
        Learning rate :math:`\eta`, positive.
    epochs : int
        Passes over the data, positive.
    batch_size : int
        Examples per step, positive; the last batch of an epoch may be smaller.
    rng : numpy.random.Generator
        Shuffles the data each epoch.

    Returns
    -------
    SGDResult
        ``(w, b, history)``: the learned parameters and the mean squared error on the whole
        of ``(X, y)`` after each epoch.

    Examples
    --------
    >>> import numpy as np
    >>> from notes.regression import make_linear_data, linear_regression_sgd
    >>> rng = np.random.default_rng(0)
    >>> X, y = make_linear_data([2.0, -3.4], 4.2, 1000, noise_std=0.01, rng=rng)
    >>> w, b, history = linear_regression_sgd(X, y, lr=0.03, epochs=3, batch_size=10, rng=rng)
    >>> w.round(2).tolist(), round(b, 2)
    ([2.0, -3.4], 4.2)
    >>> bool(history[-1] < 1e-3)  # about the noise variance, 1e-4
    True
    """
    X = as_matrix(X, "X")
    y = _as_targets(y, X.shape[0])
    return _sgd(X, y, linear_regression_loss, linear_regression_grad, lr, epochs, batch_size, rng)


# -- logistic regression ------------------------------------------------------------------


def logistic_predict_proba(X: ArrayLike, w: ArrayLike, b: float) -> np.ndarray | float:
    r"""The logistic model's probability that the label is 1.

    Derivation: :doc:`/regression/linear-and-logistic`.

    .. math:: P(y = 1 \mid x) = \sigma(x \cdot w + b) = \frac{1}{1 + e^{-(x \cdot w + b)}}

    A single sigmoid unit, as in :func:`notes.network.perceptron_forward`; only the loss
    it is trained with differs.

    Parameters
    ----------
    X : array_like
        Shape ``(m, n)`` or ``(n,)``.
        A batch of examples, or one example.
    w : array_like
        Shape ``(n,)``.
    b : float

    Returns
    -------
    numpy.ndarray or float
        Shape ``(m,)`` for a batch, a float for a single example; values in :math:`[0, 1]`.

    Examples
    --------
    >>> from notes.regression import logistic_predict_proba
    >>> logistic_predict_proba([[0.0], [2.0]], [1.0], 0.0).round(4).tolist()
    [0.5, 0.8808]
    """
    return float_if_scalar(sigmoid(linear_predict(X, w, b)))


def logistic_regression_loss(X: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> float:
    r"""Binary cross-entropy of the logistic model on ``(X, y)``.

    Derivation: :doc:`/regression/linear-and-logistic`.

    .. math::

       L(w, b) = -\frac1m \sum_{i=1}^m \bigl[y_i \log \hat y_i + (1 - y_i)\log(1 - \hat y_i)\bigr],
       \qquad \hat y_i = \sigma(x_i \cdot w + b)

    Computed from the score :math:`z_i = x_i \cdot w + b`, never from :math:`\hat y_i`: since
    :math:`-\log\sigma(z) = \log(1 + e^{-z})` and :math:`-\log(1 - \sigma(z)) = \log(1 + e^{z})`,

    .. math::

       L(w, b) = \frac1m \sum_{i=1}^m \log\bigl(1 + e^{s_i z_i}\bigr), \qquad
       s_i = 1 - 2 y_i = \mp 1,

    evaluated with :func:`numpy.logaddexp`. This is :func:`notes.losses.binary_cross_entropy`
    of :math:`\hat y = \sigma(z)`, but accurate where :math:`\hat y` is close to 1: there
    :math:`1 - \hat y` has lost its significant digits (and rounds to 0 past
    :math:`z \approx 37`), which would make the loss, and its finite-difference gradient,
    inaccurate. A confidently wrong prediction costs about :math:`|z_i|`, not :math:`\infty`.

    Parameters
    ----------
    X : array_like
        Shape ``(m, n)``.
    y : array_like
        Shape ``(m,)``.
        Labels, each 0 or 1.
    w : array_like
        Shape ``(n,)``.
    b : float

    Examples
    --------
    >>> from notes.regression import logistic_regression_loss
    >>> round(logistic_regression_loss([[1.0], [-1.0]], [1, 0], [0.0], 0.0), 4)  # log 2
    0.6931
    >>> logistic_regression_loss([[1.0]], [0], [1000.0], 0.0)  # σ(1000) rounds to 1, y = 0
    1000.0
    """
    X = as_matrix(X, "X")
    y = _as_binary_labels(y, X.shape[0])
    z = linear_predict(X, w, b)
    # Each term log(1 + e^(±z)) is below |z| + 1, so finite; their sum need not be.
    return mean_of_nonnegative(np.logaddexp(0.0, np.where(y == 1.0, -z, z)))


def logistic_regression_grad(X: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> tuple[np.ndarray, float]:
    r"""Gradient of :func:`logistic_regression_loss` with respect to ``w`` and ``b``.

    Derivation: :doc:`/regression/linear-and-logistic`.

    For one example, :math:`\partial L_i / \partial \hat y_i = \frac{\hat y_i - y_i}{\hat y_i(1 - \hat y_i)}`
    and :math:`\partial \hat y_i / \partial z_i = \hat y_i(1 - \hat y_i)`: the sigmoid's derivative cancels
    and :math:`\partial L_i / \partial z_i = \hat y_i - y_i`. Averaging over the batch,

    .. math::

       \frac{\partial L}{\partial w} = \frac1m X^{\mathsf T}(\hat y - y), \qquad
       \frac{\partial L}{\partial b} = \frac1m \sum_{i=1}^m (\hat y_i - y_i)

    Returns
    -------
    grad_w : numpy.ndarray
        Shape ``(n,)``.
    grad_b : float

    Examples
    --------
    >>> from notes.regression import logistic_regression_grad
    >>> grad_w, grad_b = logistic_regression_grad([[1.0], [-1.0]], [1, 0], [0.0], 0.0)
    >>> grad_w.tolist(), grad_b  # a = 0.5 for both: ((0.5-1)*1 + 0.5*(-1))/2, 0
    ([-0.5], 0.0)
    """
    X = as_matrix(X, "X")
    y = _as_binary_labels(y, X.shape[0])
    residual = logistic_predict_proba(X, w, b) - y
    m = X.shape[0]
    return checked_affine(X.T, residual / m, "the gradient X.T @ (a - y) / m"), float(residual.sum() / m)


def logistic_regression_sgd(
    X: ArrayLike, y: ArrayLike, *, lr: float, epochs: int, batch_size: int, rng: np.random.Generator
) -> SGDResult:
    r"""Fit :math:`P(y=1 \mid x) = \sigma(x \cdot w + b)` to binary labels by mini-batch SGD.

    Derivation: :doc:`/regression/linear-and-logistic`.

    The goal is a probability model: :math:`\sigma(x \cdot w + b)` should be high where the
    label is 1 and low where it is 0, which is what minimizing the binary cross-entropy asks
    for. Starting from :math:`w = 0, b = 0`, each epoch visits the shuffled
    :func:`minibatches` :math:`B` and steps

    .. math::

       w \leftarrow w - \eta\,\frac{1}{|B|} X_B^{\mathsf T}(\hat y_B - y_B), \qquad
       b \leftarrow b - \eta\,\frac{1}{|B|} \sum_{i \in B} (\hat y_i - y_i)

    (:func:`logistic_regression_grad` on the batch). On linearly separable data the loss
    has no minimum: :math:`\|w\|` keeps growing while the loss tends to 0, and the decision
    boundary :math:`x \cdot w + b = 0` separates the classes.

    As in :func:`linear_regression_sgd`, the steps are :class:`notes.optim.SGD`'s, and a
    run that diverges raises ``ValueError``.

    Parameters
    ----------
    X : array_like
        Shape ``(m, n)``.
        Features, finite, non-empty.
    y : array_like
        Shape ``(m,)``.
        Labels, each 0 or 1.
    lr, epochs, batch_size, rng
        As for :func:`linear_regression_sgd`.

    Returns
    -------
    SGDResult
        ``(w, b, history)``: the learned parameters and the binary cross-entropy on the whole
        of ``(X, y)`` after each epoch.

    Examples
    --------
    >>> import numpy as np
    >>> from notes.regression import logistic_regression_sgd, logistic_predict_proba
    >>> X = np.array([[-2.0], [-1.0], [1.0], [2.0]])
    >>> y = np.array([0, 0, 1, 1])
    >>> w, b, history = logistic_regression_sgd(X, y, lr=0.5, epochs=100, batch_size=2,
    ...                                         rng=np.random.default_rng(0))
    >>> (logistic_predict_proba(X, w, b) > 0.5).astype(int).tolist()
    [0, 0, 1, 1]
    >>> bool(history[-1] < history[0])
    True
    """
    X = as_matrix(X, "X")
    y = _as_binary_labels(y, X.shape[0])
    return _sgd(X, y, logistic_regression_loss, logistic_regression_grad, lr, epochs, batch_size, rng)


# -- softmax regression -------------------------------------------------------------------
# Kept in one block: the multi-class model, its loss and gradient, and its training loop.

__all__ += [
    "SoftmaxSGDResult",
    "softmax_regression_predict_proba",
    "softmax_regression_loss",
    "softmax_regression_grad",
    "softmax_regression_sgd",
]


def _softmax_logits(X: object, W: object, b: object) -> np.ndarray:
    """The logits :math:`Z = XW + b` of shape ``(m, C)``, after checking the three shapes."""
    X = as_matrix(X, "X", axes=("m", "d"))
    W = as_matrix(W, "W", axes=("d", "C"))
    if W.shape[0] != X.shape[1]:
        raise ValueError(f"W must have {X.shape[1]} rows, one per column of X, got shape {W.shape}")
    b = as_vector(b, "b")
    if b.shape != (W.shape[1],):
        raise ValueError(f"b must have shape ({W.shape[1]},), one entry per column of W, got {b.shape}")
    return checked_affine(X, W, "the logits X @ W + b", b)


def softmax_regression_predict_proba(X: ArrayLike, W: ArrayLike, b: ArrayLike) -> np.ndarray:
    r"""The softmax regression model's class probabilities, one row per example.

    Derivation: :doc:`/regression/softmax-regression`.

    .. math:: Z = XW + b, \qquad \hat Y_{ik} = P(y_i = k \mid x_i) = \operatorname{softmax}(z_i)_k

    Parameters
    ----------
    X : array_like
        Shape ``(m, d)``: one example per row, finite, non-empty.
    W : array_like
        Shape ``(d, C)``: one column of weights per class.
    b : array_like
        Shape ``(C,)``: one bias per class, added to every row.

    Returns
    -------
    numpy.ndarray
        Shape ``(m, C)``; each row is a probability vector (non-negative, sums to 1).

    Raises
    ------
    ValueError
        A shape does not fit (``W`` must have ``d`` rows, ``b`` one entry per column of
        ``W``), an input is empty or not finite, or a logit leaves the float range.

    Examples
    --------
    >>> from notes.regression import softmax_regression_predict_proba
    >>> softmax_regression_predict_proba([[1.0], [0.0]], [[1.0, -1.0]], [0.0, 0.0]).round(4).tolist()
    [[0.8808, 0.1192], [0.5, 0.5]]
    """
    return softmax(_softmax_logits(X, W, b), axis=-1)


def softmax_regression_loss(X: ArrayLike, labels: ArrayLike, W: ArrayLike, b: ArrayLike) -> float:
    r"""Mean softmax cross-entropy of the softmax regression model on ``(X, labels)``.

    Derivation: :doc:`/regression/softmax-regression`.

    .. math::

       L(W, b) = -\frac1m \sum_{i=1}^m \log \operatorname{softmax}(x_i W + b)_{c_i}
       = \frac1m \sum_{i=1}^m \Bigl(\log \sum_{k=1}^C e^{z_{ik}} - z_{i c_i}\Bigr)

    the negative log-likelihood of the labels :math:`c_i` under the model, averaged over
    the :math:`m` examples. It is :func:`notes.losses.softmax_cross_entropy` of the logits
    :math:`Z = XW + b`, so it equals torch's ``F.cross_entropy(X @ W + b, labels)``.

    Parameters
    ----------
    X, W, b : array_like
        As for :func:`softmax_regression_predict_proba`.
    labels : array_like
        Integer class indices of shape ``(m,)`` in ``[0, C)``, or probability rows of shape
        ``(m, C)``, as for :func:`notes.losses.softmax_cross_entropy`.

    Returns
    -------
    float
        Non-negative. With ``W = 0`` and ``b = 0`` every class has probability
        :math:`1/C` and the loss is :math:`\log C`.

    Raises
    ------
    ValueError, TypeError
        As for :func:`softmax_regression_predict_proba` and
        :func:`notes.losses.softmax_cross_entropy` (float class indices are a ``TypeError``).

    Examples
    --------
    >>> import numpy as np
    >>> from notes.regression import softmax_regression_loss
    >>> X = [[1.0, 0.0], [0.0, 1.0]]
    >>> round(softmax_regression_loss(X, [0, 2], np.zeros((2, 3)), np.zeros(3)), 4)  # log 3
    1.0986
    """
    return softmax_cross_entropy(_softmax_logits(X, W, b), labels)


def softmax_regression_grad(
    X: ArrayLike, labels: ArrayLike, W: ArrayLike, b: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    r"""Gradient of :func:`softmax_regression_loss` with respect to ``W`` and ``b``.

    Derivation: :doc:`/regression/softmax-regression`.

    With :math:`\partial L / \partial Z = (\hat Y - Y) / m`
    (:func:`notes.losses.softmax_cross_entropy_grad`) and :math:`Z = XW + b`,

    .. math::

       \frac{\partial L}{\partial W} = \frac1m X^{\mathsf T} (\hat Y - Y), \qquad
       \frac{\partial L}{\partial b} = \frac1m \sum_{i=1}^m (\hat y_i - y_i)

    where :math:`Y` holds the one-hot rows of the labels (or the probability rows).

    Parameters
    ----------
    X, labels, W, b : array_like
        As for :func:`softmax_regression_loss`.

    Returns
    -------
    grad_W : numpy.ndarray
        Shape ``(d, C)``; each row sums to 0.
    grad_b : numpy.ndarray
        Shape ``(C,)``; sums to 0.

    Examples
    --------
    >>> import numpy as np
    >>> from notes.regression import softmax_regression_grad
    >>> grad_W, grad_b = softmax_regression_grad([[2.0]], [1], np.zeros((1, 2)), np.zeros(2))
    >>> grad_W.tolist(), grad_b.tolist()  # ŷ - y = [0.5, -0.5], times x = 2
    ([[1.0, -1.0]], [0.5, -0.5])
    """
    X = as_matrix(X, "X", axes=("m", "d"))
    dL_dZ = softmax_cross_entropy_grad(_softmax_logits(X, W, b), labels)
    return checked_affine(X.T, dL_dZ, "the gradient X.T @ (Y_hat - Y) / m"), dL_dZ.sum(axis=0)


class SoftmaxSGDResult(NamedTuple):
    """What :func:`softmax_regression_sgd` returns.

    Derivation: :doc:`/regression/softmax-regression`.

    It unpacks like a tuple: ``W, b, history = softmax_regression_sgd(...)``.
    """

    #: Learned weights, shape ``(d, C)``.
    W: np.ndarray
    #: Learned biases, shape ``(C,)``.
    b: np.ndarray
    #: Loss on the whole training set after each epoch, shape ``(epochs,)``.
    history: np.ndarray


def softmax_regression_sgd(
    X: ArrayLike,
    labels: ArrayLike,
    *,
    n_classes: int,
    lr: float,
    epochs: int,
    batch_size: int,
    rng: np.random.Generator,
) -> SoftmaxSGDResult:
    r"""Fit :math:`P(y = k \mid x) = \operatorname{softmax}(xW + b)_k` to class labels by mini-batch SGD.

    Derivation: :doc:`/regression/softmax-regression`.

    Starting from :math:`W = 0, b = 0`, each epoch visits the shuffled :func:`minibatches`
    :math:`B` and steps

    .. math::

       W \leftarrow W - \eta\,\frac{1}{|B|} X_B^{\mathsf T}(\hat Y_B - Y_B), \qquad
       b \leftarrow b - \eta\,\frac{1}{|B|} \sum_{i \in B} (\hat y_i - y_i)

    (:func:`softmax_regression_grad` on the batch, :math:`Y` the one-hot rows of the labels).
    The loss is convex in :math:`(W, b)`, so zeros are a fine start. With ``n_classes=2`` the
    two columns get opposite gradients, and :math:`w_1 - w_0` follows
    :func:`logistic_regression_sgd` run with twice the learning rate.

    The steps are :class:`notes.optim.SGD`'s; a run that diverges raises ``ValueError``
    naming ``lr`` and the epoch, as in :func:`linear_regression_sgd`.

    Parameters
    ----------
    X : array_like
        Shape ``(m, d)``.
        Features, finite, non-empty.
    labels : array_like
        Shape ``(m,)``.
        Integer class indices in ``[0, n_classes)``.
    n_classes : int
        The number of classes :math:`C`, at least 2; a class may be absent from ``labels``.
    lr, epochs, batch_size, rng
        As for :func:`linear_regression_sgd`.

    Returns
    -------
    SoftmaxSGDResult
        ``(W, b, history)``: the learned parameters, of shapes ``(d, C)`` and ``(C,)``, and
        the mean cross-entropy on the whole of ``(X, labels)`` after each epoch.

    Examples
    --------
    >>> import numpy as np
    >>> from notes.regression import softmax_regression_sgd, softmax_regression_predict_proba
    >>> X = np.array([[-2.0], [-1.5], [0.0], [0.2], [1.5], [2.0]])
    >>> labels = np.array([0, 0, 1, 1, 2, 2])
    >>> W, b, history = softmax_regression_sgd(X, labels, n_classes=3, lr=0.5, epochs=200,
    ...                                        batch_size=2, rng=np.random.default_rng(0))
    >>> softmax_regression_predict_proba(X, W, b).argmax(axis=1).tolist()
    [0, 0, 1, 1, 2, 2]
    >>> bool(history[-1] < history[0] < np.log(3))
    True
    """
    X = as_matrix(X, "X", axes=("m", "d"))
    n_classes = as_scalar(n_classes, "n_classes", integer=True, positive=True)
    if n_classes < 2:
        raise ValueError(f"n_classes must be at least 2, got {n_classes}")
    indices = check_class_indices(labels, "labels", n_classes=n_classes, n_samples=X.shape[0], rows_of="X")
    rate = as_scalar(lr, "lr", positive=True, finite=True)
    n_epochs = as_scalar(epochs, "epochs", integer=True, positive=True)
    size = as_scalar(batch_size, "batch_size", integer=True, positive=True)
    generator = check_generator(rng)
    # One-hot rows are probability labels, so they survive minibatches' float conversion.
    Y = np.eye(n_classes)[indices]
    W, b = np.zeros((X.shape[1], n_classes)), np.zeros(n_classes)
    optimizer = SGD([W, b], lr=rate)
    history = np.empty(n_epochs)
    for epoch in range(n_epochs):
        # The data are valid, so a ValueError here can only be an overflow: divergence.
        try:
            for X_batch, Y_batch in minibatches(X, Y, size, rng=generator):
                optimizer.step(softmax_regression_grad(X_batch, Y_batch, W, b))
            history[epoch] = softmax_regression_loss(X, indices, W, b)
        except ValueError as exc:
            raise ValueError(f"lr={rate!r} makes gradient descent diverge in epoch {epoch + 1}: {exc}") from None
    return SoftmaxSGDResult(W, b, history)
