r"""Backpropagation by hand: a sigmoid perceptron and a small multi-layer network.

Everything here is derived with the chain rule and nothing else, from the single
perceptron :math:`\hat y = \sigma(w^{\mathsf T} x + b)` of the classic derivation, through
the perceptron with several outputs, to the multi-layer network :class:`MLP`, whose
backward pass is the same two steps repeated layer by layer:
:math:`\delta^{(l)} = (\delta^{(l+1)} W^{(l+1)\mathsf T}) \odot \sigma'(z^{(l)})` and
:math:`\partial L / \partial W^{(l)} = a^{(l-1)\mathsf T} \delta^{(l)}`.

The functions' target argument is called ``t``; it is the target :math:`y` of the formulas.

Every backward pass in this module is checked against central differences
(:func:`notes.gradcheck.check_gradient`) in the tests; :meth:`MLP.get_flat_params` and
:meth:`MLP.set_flat_params` expose all parameters as one vector for exactly that.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from numpy.typing import ArrayLike

from ._validation import (
    as_float_array,
    as_matrix,
    as_scalar,
    as_vector,
    check_generator,
    check_shape_of,
    check_size,
    checked_affine,
    checked_sum,
    scaled_differences,
    sum_of_squared_differences,
)
from .activations import sigmoid
from .init import xavier_uniform
from .optim import SGD
from .regression import logistic_predict_proba

__all__ = [
    "perceptron_forward",
    "perceptron_loss",
    "perceptron_grad",
    "multi_output_perceptron_forward",
    "multi_output_perceptron_loss",
    "multi_output_perceptron_grad",
    "MLP",
]


# -- private checks ----------------------------------------------------------------------


def _as_inputs(x: object, n_in: int) -> np.ndarray:
    """``x`` as finite float64 of shape ``(n_in,)`` (one example) or ``(m, n_in)`` (a batch)."""
    inputs = as_float_array(x, "x", allow_inf=False)
    if inputs.ndim not in (1, 2) or inputs.shape[-1] != n_in:
        raise ValueError(f"x must have shape ({n_in},) or (m, {n_in}) to match the weights, got {inputs.shape}")
    return inputs


def _perceptron_inputs(x: object, w: object, b: object) -> tuple[np.ndarray, np.ndarray, float]:
    """Validate a perceptron's ``x``, ``w`` and ``b``, naming the argument at fault; a
    mismatch between ``x`` and ``w`` names both."""
    weights = as_vector(w, "w", allow_empty=False)
    inputs = as_float_array(x, "x", allow_inf=False)
    if inputs.ndim not in (1, 2) or inputs.shape[-1] != weights.size:
        n = weights.size
        raise ValueError(f"x must have shape ({n},) or (m, {n}), one column per entry of w, got {inputs.shape}")
    return inputs, weights, as_scalar(b, "b")


def _as_layer(W: object, b: object) -> tuple[np.ndarray, np.ndarray]:
    """Weights ``W`` of shape ``(n_in, n_out)`` and biases ``b`` of shape ``(n_out,)``."""
    weights = as_matrix(W, "W", axes=("n_in", "n_out"))
    biases = as_float_array(b, "b", allow_inf=False)
    if biases.shape != (weights.shape[1],):
        raise ValueError(f"b must have shape ({weights.shape[1]},), one bias per column of W, got {biases.shape}")
    return weights, biases


def _as_outputs_like(t: object, out: np.ndarray | float) -> np.ndarray:
    """Targets ``t`` with exactly the shape of the network's output ``out``."""
    return check_shape_of(as_float_array(t, "t", allow_inf=False), "t", np.shape(out), "the output")


def _dense_sigmoid(a: np.ndarray, W: np.ndarray, b: np.ndarray, what: str = "the score a @ W + b") -> np.ndarray:
    """One fully connected sigmoid layer, ``σ(a W + b)``; ``a`` is (n_in,) or (m, n_in)."""
    return sigmoid(checked_affine(a, W, what, b))


# -- the single perceptron ---------------------------------------------------------------


def perceptron_forward(x: ArrayLike, w: ArrayLike, b: float) -> np.ndarray | float:
    r"""Output of a single sigmoid perceptron.

    Derivation: :doc:`/network/chain-rule-and-perceptrons`.

    .. math:: \hat y = \sigma(z), \qquad z = w^{\mathsf T} x + b = \sum_j w_j x_j + b

    This is the model of logistic regression
    (:func:`notes.regression.logistic_predict_proba`); the classic derivation below trains
    it with the squared error instead of the cross-entropy.

    Parameters
    ----------
    x : array_like
        Shape ``(d,)`` or ``(m, d)``.
        One example or a batch.
    w : array_like
        Shape ``(d,)``.
        Weights.
    b : float
        Bias.

    Returns
    -------
    float or numpy.ndarray
        A float for one example, shape ``(m,)`` for a batch; values in :math:`[0, 1]`.

    Examples
    --------
    >>> from notes.network import perceptron_forward
    >>> round(perceptron_forward([1.0, 2.0], [0.5, -0.25], 0.0), 4)  # σ(0)
    0.5
    """
    return logistic_predict_proba(*_perceptron_inputs(x, w, b))


def perceptron_loss(x: ArrayLike, t: ArrayLike, w: ArrayLike, b: float) -> float:
    r"""Squared error of a single sigmoid perceptron.

    Derivation: :doc:`/network/chain-rule-and-perceptrons`.

    .. math:: L = \tfrac12 (\hat y - y)^2, \qquad \hat y = \sigma(w^{\mathsf T} x + b)

    The factor :math:`\tfrac12` is a convenience: it cancels the 2 of the derivative. For a
    batch the errors are **summed**, :math:`L = \tfrac12 \sum_i (\hat y_i - y_i)^2`, as in
    the classic derivation (the per-example gradients then simply add up).

    Parameters
    ----------
    x : array_like
        Shape ``(d,)`` or ``(m, d)``.
        One example or a batch.
    t : float or array_like
        The target(s) :math:`y`, the shape of the output of :func:`perceptron_forward`: a
        float for one example, shape ``(m,)`` for a batch.
    w : array_like
        Shape ``(d,)``.
    b : float

    Examples
    --------
    >>> from notes.network import perceptron_loss
    >>> perceptron_loss([1.0, 2.0], 1.0, [0.5, -0.25], 0.0)  # ½ (0.5 - 1)²
    0.125
    """
    o = perceptron_forward(x, w, b)
    t = _as_outputs_like(t, o)
    return 0.5 * sum_of_squared_differences(np.atleast_1d(o), np.atleast_1d(t), "the loss of the output against t")


def perceptron_grad(x: ArrayLike, t: ArrayLike, w: ArrayLike, b: float) -> tuple[np.ndarray, float]:
    r"""Gradient of :func:`perceptron_loss` with respect to ``w`` and ``b``.

    Derivation: :doc:`/network/chain-rule-and-perceptrons`.

    By the chain rule through :math:`L = \tfrac12(\hat y - y)^2`, :math:`\hat y = \sigma(z)`,
    :math:`z = w^{\mathsf T} x + b`:

    .. math::

       \frac{\partial L}{\partial w_j}
       = \underbrace{\frac{\partial L}{\partial \hat y}}_{\hat y - y}\;
         \underbrace{\frac{\partial \hat y}{\partial z}}_{\hat y(1 - \hat y)}\;
         \underbrace{\frac{\partial z}{\partial w_j}}_{x_j}
       = (\hat y - y)\,\hat y\,(1 - \hat y)\,x_j, \qquad
       \frac{\partial L}{\partial b} = (\hat y - y)\,\hat y\,(1 - \hat y)

    using :math:`\sigma'(z) = \sigma(z)(1 - \sigma(z))`. For a batch the per-example
    gradients are summed, as the errors are.

    Returns
    -------
    grad_w : numpy.ndarray
        Shape ``(d,)``.
    grad_b : float

    Examples
    --------
    >>> from notes.network import perceptron_grad
    >>> grad_w, grad_b = perceptron_grad([1.0, 2.0], 1.0, [0.5, -0.25], 0.0)
    >>> grad_w.tolist(), grad_b  # (0.5 - 1) * 0.5 * 0.5 = -0.125, times x
    ([-0.125, -0.25], -0.125)
    """
    inputs, weights, bias = _perceptron_inputs(x, w, b)
    o = logistic_predict_proba(inputs, weights, bias)
    t = _as_outputs_like(t, o)
    delta = np.atleast_1d((o - t) * o * (1.0 - o))  # ∂E/∂z, one per example
    return checked_affine(delta, np.atleast_2d(inputs), "the gradient delta @ x"), checked_sum(delta, "sum(delta)")


# -- the perceptron with several outputs -------------------------------------------------


def multi_output_perceptron_forward(x: ArrayLike, W: ArrayLike, b: ArrayLike) -> np.ndarray:
    r"""Outputs of a layer of sigmoid perceptrons sharing the same inputs.

    Derivation: :doc:`/network/chain-rule-and-perceptrons`.

    .. math:: \hat y_k = \sigma\Bigl(\sum_j w_{jk} x_j + b_k\Bigr), \qquad \hat y = \sigma(x W + b)

    Parameters
    ----------
    x : array_like
        Shape ``(d,)`` or ``(m, d)``.
        One example or a batch (one example per row).
    W : array_like
        Shape ``(d, C)``.
        :math:`w_{jk}` connects input :math:`j` to output :math:`k`.
    b : array_like
        Shape ``(C,)``.

    Returns
    -------
    numpy.ndarray
        Shape ``(C,)`` for one example, ``(m, C)`` for a batch.

    Examples
    --------
    >>> from notes.network import multi_output_perceptron_forward
    >>> multi_output_perceptron_forward([1.0, 1.0], [[1.0, -1.0], [-1.0, 1.0]],
    ...                                 [0.0, 2.0]).round(4).tolist()
    [0.5, 0.8808]
    """
    W, b = _as_layer(W, b)
    return _dense_sigmoid(_as_inputs(x, W.shape[0]), W, b, "the score x @ W + b")


def multi_output_perceptron_loss(x: ArrayLike, t: ArrayLike, W: ArrayLike, b: ArrayLike) -> float:
    r"""Squared error of a multi-output perceptron, summed over the outputs.

    Derivation: :doc:`/network/chain-rule-and-perceptrons`.

    .. math:: L = \tfrac12 \sum_k (\hat y_k - y_k)^2

    For a batch the errors of all examples are summed too.

    Parameters
    ----------
    x : array_like
        Shape ``(d,)`` or ``(m, d)``.
    t : array_like
        Shape ``(C,)`` or ``(m, C)``.
        The targets :math:`y`, the shape of the output.
    W : array_like
        Shape ``(d, C)``.
    b : array_like
        Shape ``(C,)``.

    Examples
    --------
    >>> from notes.network import multi_output_perceptron_loss
    >>> multi_output_perceptron_loss([0.0], [1.0, 0.0], [[3.0, 3.0]], [0.0, 0.0])  # ½(¼ + ¼)
    0.25
    """
    o = multi_output_perceptron_forward(x, W, b)
    return 0.5 * sum_of_squared_differences(o, _as_outputs_like(t, o), "the loss of the output against t")


def multi_output_perceptron_grad(
    x: ArrayLike, t: ArrayLike, W: ArrayLike, b: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    r"""Gradient of :func:`multi_output_perceptron_loss` with respect to ``W`` and ``b``.

    Derivation: :doc:`/network/chain-rule-and-perceptrons`.

    The weight :math:`w_{jk}` reaches the error only through :math:`\hat y_k`, so the chain
    rule has a single path, the one of :func:`perceptron_grad` for output :math:`k`:

    .. math::

       \frac{\partial L}{\partial w_{jk}}
       = \frac{\partial L}{\partial \hat y_k}\,\frac{\partial \hat y_k}{\partial z_k}\,
         \frac{\partial z_k}{\partial w_{jk}}
       = (\hat y_k - y_k)\,\hat y_k\,(1 - \hat y_k)\,x_j, \qquad
       \frac{\partial L}{\partial b_k} = (\hat y_k - y_k)\,\hat y_k\,(1 - \hat y_k)

    In matrix form, with :math:`\delta_k = (\hat y_k - y_k)\,\hat y_k(1 - \hat y_k)`:
    :math:`\partial L/\partial W = x^{\mathsf T}\delta` (an outer product for one example;
    summed over the rows of a batch).

    Returns
    -------
    grad_W : numpy.ndarray
        Shape ``(d, C)``.
    grad_b : numpy.ndarray
        Shape ``(C,)``.

    Examples
    --------
    >>> from notes.network import multi_output_perceptron_grad
    >>> grad_W, grad_b = multi_output_perceptron_grad([2.0], [1.0, 0.0], [[0.0, 0.0]], [0.0, 0.0])
    >>> grad_W.tolist(), grad_b.tolist()  # δ = (±0.5) * 0.25
    ([[-0.25, 0.25]], [-0.125, 0.125])
    """
    W, b = _as_layer(W, b)
    x = _as_inputs(x, W.shape[0])
    o = _dense_sigmoid(x, W, b, "the score x @ W + b")
    delta = (o - _as_outputs_like(t, o)) * o * (1.0 - o)
    x2, delta2 = np.atleast_2d(x), np.atleast_2d(delta)
    return checked_affine(x2.T, delta2, "the gradient x.T @ delta"), delta2.sum(axis=0)


# -- the multi-layer network -------------------------------------------------------------


class MLP:
    r"""A fully connected network with sigmoid units in every layer, trained by backprop.

    Derivation: :doc:`/network/two-layer-network`.

    With :math:`a^{(0)} = X` (one example per row) and :math:`D` layers,

    .. math::

       z^{(l)} = a^{(l-1)} W^{(l)} + b^{(l)}, \qquad a^{(l)} = \sigma(z^{(l)}), \qquad
       l = 1, \dots, D,

    and the output :math:`\hat Y = a^{(D)}` is compared with the targets :math:`Y` by the
    **mean squared error** over all :math:`m \times C` entries (the same number as
    ``torch.nn.functional.mse_loss``; see :meth:`loss`). The output layer is a sigmoid too,
    so outputs lie in :math:`[0, 1]` and suit targets in :math:`[0, 1]`.

    Parameters
    ----------
    layer_sizes : list of int
        ``(n_in, n_hidden_1, ..., n_out)``: at least two positive sizes (two sizes give a
        single layer, the multi-output perceptron).
    rng : numpy.random.Generator
        Draws the initial weights (:func:`notes.init.xavier_uniform`); biases start at 0.
        Random weights break the symmetry between hidden units: with equal weights they
        would all compute, and keep computing, the same thing.

    Attributes
    ----------
    layer_sizes : tuple of int
    params : list of numpy.ndarray
        ``[W1, b1, W2, b2, ...]``, float64, :math:`W^{(l)}` of shape :math:`(n_{l-1}, n_l)`; the same
        order as the gradients :meth:`backward` returns, so the list can be handed to an
        optimizer from :mod:`notes.optim`.

    Examples
    --------
    A network with one hidden layer learns XOR, which no single perceptron can:

    >>> import numpy as np
    >>> from notes.network import MLP
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    >>> y = np.array([0.0, 1.0, 1.0, 0.0])
    >>> net = MLP([2, 4, 1], rng=np.random.default_rng(0))
    >>> history = net.fit(X, y, lr=5.0, epochs=5000)
    >>> net.predict(X).ravel().tolist()
    [0, 1, 1, 0]
    >>> bool(history[-1] < 0.01 < history[0])
    True
    """

    def __init__(self, layer_sizes: Iterable[int], *, rng: np.random.Generator) -> None:
        rng = check_generator(rng)
        if isinstance(layer_sizes, (str, bytes)) or not isinstance(layer_sizes, Iterable):
            raise TypeError(f"layer_sizes must be a sequence of ints, got {type(layer_sizes).__name__}")
        sizes = tuple(as_scalar(size, "layer_sizes entry", integer=True, positive=True) for size in layer_sizes)
        if len(sizes) < 2:
            raise ValueError(f"layer_sizes needs at least an input and an output size, got {list(sizes)}")
        self.layer_sizes: tuple[int, ...] = sizes
        self.params: list[np.ndarray] = []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:], strict=True):
            check_size((fan_in, fan_out), f"layer_sizes ({fan_in}, {fan_out})")
            self.params.append(xavier_uniform(fan_in, fan_out, rng))
            self.params.append(np.zeros(fan_out))

    def __repr__(self) -> str:
        return f"MLP(layer_sizes={list(self.layer_sizes)})"

    # -- checks ---------------------------------------------------------------------------

    def _check_X(self, X: object) -> np.ndarray:
        return as_matrix(X, "X", self.layer_sizes[0])

    def _check_y(self, y: object, m: int) -> np.ndarray:
        targets = as_float_array(y, "y", allow_inf=False)
        n_out = self.layer_sizes[-1]
        if n_out == 1 and targets.shape == (m,):
            return targets[:, None]
        if targets.shape != (m, n_out):
            hint = f" or ({m},)" if n_out == 1 else ""
            raise ValueError(f"y must have shape ({m}, {n_out}){hint}, one row per row of X, got {targets.shape}")
        return targets

    # -- forward --------------------------------------------------------------------------

    def _activations(self, X: np.ndarray) -> list[np.ndarray]:
        """``[a^(0), a^(1), ..., a^(D)]``: everything the backward pass needs, kept from the forward."""
        activations = [X]
        for layer, (W, b) in enumerate(zip(self.params[::2], self.params[1::2], strict=True), start=1):
            what = f"the score of layer {layer} for X, a @ W{layer} + b{layer},"
            activations.append(_dense_sigmoid(activations[-1], W, b, what))
        return activations

    def forward(self, X: ArrayLike) -> np.ndarray:
        r"""The output :math:`\hat Y = a^{(D)}` for a batch ``X`` of shape ``(m, n_in)``.

        Returns
        -------
        numpy.ndarray
            Shape ``(m, n_out)``, values in :math:`[0, 1]`.

        Examples
        --------
        >>> import numpy as np
        >>> from notes.network import MLP
        >>> MLP([3, 5, 2], rng=np.random.default_rng(0)).forward(np.ones((4, 3))).shape
        (4, 2)
        """
        return self._activations(self._check_X(X))[-1]

    def predict(self, X: ArrayLike) -> np.ndarray:
        r"""Read each output unit as a yes/no decision: 1 where :math:`\hat y \ge 0.5`, else 0.

        Returns
        -------
        numpy.ndarray
            Integers 0 or 1, shape ``(m, n_out)``.

        Examples
        --------
        >>> import numpy as np
        >>> from notes.network import MLP
        >>> net = MLP([1, 1], rng=np.random.default_rng(0))
        >>> net.set_flat_params([10.0, -5.0])  # σ(10x - 5)
        >>> net.predict([[0.0], [1.0]]).tolist()
        [[0], [1]]
        """
        return (self.forward(X) >= 0.5).astype(int)

    def loss(self, X: ArrayLike, y: ArrayLike) -> float:
        r"""Mean squared error of the output over all entries.

        .. math:: L = \frac{1}{mC} \sum_{i=1}^m \sum_{k=1}^C (\hat y_{ik} - y_{ik})^2

        Parameters
        ----------
        X : array_like
            Shape ``(m, n_in)``.
        y : array_like
            Shape ``(m, n_out)``.
            Targets, best in :math:`[0, 1]`; shape ``(m,)`` is accepted when ``n_out == 1``.

        Examples
        --------
        >>> import numpy as np
        >>> from notes.network import MLP
        >>> net = MLP([2, 3, 1], rng=np.random.default_rng(0))
        >>> for p in net.params:
        ...     p[...] = 0.0  # every output is σ(0) = 0.5
        >>> net.loss([[1.0, 2.0], [3.0, 4.0]], [1.0, 0.0])
        0.25
        """
        X = self._check_X(X)
        y = self._check_y(y, X.shape[0])
        return sum_of_squared_differences(self._activations(X)[-1], y, "the loss of the output against y", mean=True)

    # -- backward -------------------------------------------------------------------------

    def backward(self, X: ArrayLike, y: ArrayLike) -> list[np.ndarray]:
        r"""Gradient of :meth:`loss` with respect to every parameter, by backpropagation.

        Write :math:`\delta^{(l)} = \partial L / \partial z^{(l)}` (one row per example). At
        the output, the chain rule through :math:`L` and :math:`\hat Y = a^{(D)} = \sigma(z^{(D)})`
        gives

        .. math::

           \delta^{(D)} = \frac{\partial L}{\partial \hat Y} \odot \sigma'(z^{(D)})
                        = \frac{2}{mC}\,(\hat Y - Y) \odot \hat Y \odot (1 - \hat Y).

        A hidden pre-activation :math:`z^{(l)}` reaches :math:`L` through every unit of the
        next layer, :math:`z^{(l+1)} = \sigma(z^{(l)}) W^{(l+1)} + b^{(l+1)}`, so its paths
        add up:

        .. math::

           \delta^{(l)} = \bigl(\delta^{(l+1)}\, W^{(l+1)\mathsf T}\bigr) \odot a^{(l)} \odot (1 - a^{(l)}),
           \qquad l = D-1, \dots, 1.

        Each parameter enters only :math:`z^{(l)} = a^{(l-1)} W^{(l)} + b^{(l)}`, summed over
        the examples:

        .. math::

           \frac{\partial L}{\partial W^{(l)}} = a^{(l-1)\mathsf T}\, \delta^{(l)}, \qquad
           \frac{\partial L}{\partial b^{(l)}} = \sum_{i=1}^m \delta^{(l)}_{i}.

        For one layer and one example this is :func:`multi_output_perceptron_grad` (up to
        the constant :math:`2/(mC)` in place of :math:`1`, from the mean and the missing
        :math:`\tfrac12`).

        Returns
        -------
        list of numpy.ndarray
            ``[dL/dW1, dL/db1, dL/dW2, ...]``, each shaped like the parameter, in the order
            of :attr:`params`.

        Examples
        --------
        >>> import numpy as np
        >>> from notes.network import MLP
        >>> net = MLP([2, 3, 1], rng=np.random.default_rng(0))
        >>> [g.shape for g in net.backward(np.ones((4, 2)), np.zeros(4))]
        [(2, 3), (3,), (3, 1), (1,)]
        """
        X = self._check_X(X)
        y = self._check_y(y, X.shape[0])
        activations = self._activations(X)
        output = activations[-1]
        delta = scaled_differences(output, y, 2.0 / y.size, "the gradient (2/N)(output - y)") * output * (1.0 - output)
        grads: list[np.ndarray] = [np.empty(0)] * len(self.params)
        for layer in range(len(self.layer_sizes) - 1, 0, -1):
            a_prev = activations[layer - 1]
            grads[2 * layer - 2] = checked_affine(a_prev.T, delta, f"the gradient of W{layer}")
            grads[2 * layer - 1] = delta.sum(axis=0)
            if layer > 1:
                back = checked_affine(delta, self.params[2 * layer - 2].T, f"delta{layer} @ W{layer}.T")
                delta = back * a_prev * (1.0 - a_prev)
        return grads

    # -- training -------------------------------------------------------------------------

    def train_step(self, X: ArrayLike, y: ArrayLike, *, lr: float) -> float:
        r"""One step of gradient descent on ``(X, y)``, updating :attr:`params` in place.

        .. math:: \theta \leftarrow \theta - \eta\, \frac{\partial L}{\partial \theta}

        Returns
        -------
        float
            The loss *before* the step.

        Examples
        --------
        >>> import numpy as np
        >>> from notes.network import MLP
        >>> net = MLP([2, 3, 1], rng=np.random.default_rng(0))
        >>> X, y = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([1.0, 0.0])
        >>> before = net.train_step(X, y, lr=0.5)
        >>> bool(net.loss(X, y) < before)
        True
        """
        lr = as_scalar(lr, "lr", positive=True)
        loss = self.loss(X, y)
        grads = self.backward(X, y)
        # SGD's step is all-or-nothing: if any new value would not be finite, it raises
        # and every parameter keeps its value.
        try:
            SGD(self.params, lr=lr).step(grads)
        except ValueError as exc:
            raise ValueError(f"lr={lr!r} makes gradient descent diverge: {exc}") from None
        return loss

    def fit(self, X: ArrayLike, y: ArrayLike, *, lr: float, epochs: int) -> np.ndarray:
        r"""Full-batch gradient descent: :meth:`train_step` on all of ``(X, y)``, ``epochs`` times.

        Parameters
        ----------
        X : array_like
            Shape ``(m, n_in)``.
        y : array_like
            Shape ``(m, n_out)``, or ``(m,)`` when ``n_out == 1``.
        lr : float
            Learning rate :math:`\eta`, positive.
        epochs : int
            Number of steps, positive.

        Returns
        -------
        numpy.ndarray
            The loss before each step, shape ``(epochs,)``.

        Examples
        --------
        See the class docstring (XOR).
        """
        lr = as_scalar(lr, "lr", positive=True)
        epochs = as_scalar(epochs, "epochs", integer=True, positive=True)
        X = self._check_X(X)
        y = self._check_y(y, X.shape[0])
        return np.array([self.train_step(X, y, lr=lr) for _ in range(epochs)])

    # -- all parameters as one vector -----------------------------------------------------

    def get_flat_params(self) -> np.ndarray:
        r"""All parameters concatenated into one vector :math:`\theta`, in :attr:`params` order.

        Returns a copy: changing it does not change the network.

        Examples
        --------
        >>> import numpy as np
        >>> from notes.network import MLP
        >>> MLP([2, 3, 1], rng=np.random.default_rng(0)).get_flat_params().shape  # 6+3+3+1
        (13,)
        """
        return np.concatenate([p.ravel() for p in self.params])

    def set_flat_params(self, theta: ArrayLike) -> None:
        r"""Load a vector from :meth:`get_flat_params` back into :attr:`params`, in place.

        The parameter arrays are overwritten, not replaced, so references held elsewhere
        (an optimizer's) stay valid.

        Parameters
        ----------
        theta : array_like
            Shape ``(n_params,)``.
            Finite.

        Examples
        --------
        >>> import numpy as np
        >>> from notes.network import MLP
        >>> net = MLP([1, 1], rng=np.random.default_rng(0))
        >>> net.set_flat_params([2.0, -1.0])
        >>> [p.tolist() for p in net.params]
        [[[2.0]], [-1.0]]
        """
        theta = as_float_array(theta, "theta", allow_inf=False)
        n_params = sum(p.size for p in self.params)
        if theta.shape != (n_params,):
            raise ValueError(f"theta must have shape ({n_params},), one entry per parameter, got {theta.shape}")
        start = 0
        for param in self.params:
            param[...] = theta[start : start + param.size].reshape(param.shape)
            start += param.size

    def flat_gradient(self, X: ArrayLike, y: ArrayLike) -> np.ndarray:
        r"""The gradient :math:`\partial L / \partial \theta`: :meth:`backward`, flattened.

        Concatenated in the order of :meth:`get_flat_params`, so the two can be compared
        with :func:`notes.gradcheck.check_gradient`.

        Examples
        --------
        >>> import numpy as np
        >>> from notes.gradcheck import check_gradient
        >>> from notes.network import MLP
        >>> net = MLP([2, 3, 1], rng=np.random.default_rng(0))
        >>> X, y = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([1.0, 0.0])
        >>> def loss_at(theta):
        ...     net.set_flat_params(theta)
        ...     return net.loss(X, y)
        >>> def grad_at(theta):
        ...     net.set_flat_params(theta)
        ...     return net.flat_gradient(X, y)
        >>> check_gradient(loss_at, grad_at, net.get_flat_params()) < 1e-6
        True
        """
        return np.concatenate([g.ravel() for g in self.backward(X, y)])
