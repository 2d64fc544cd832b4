"""Gradient checking: compare an analytic gradient with central differences.

A hand-derived backward pass is easy to get subtly wrong; the cure is to compare it, at a
few random points, with a numerical derivative that needs no derivation at all.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_float_array, as_returned_scalar, as_scalar, as_vector, check_same_shape, check_shape_of

__all__ = ["numerical_gradient", "numerical_hessian", "relative_error", "check_gradient"]


def numerical_gradient(f: Callable[[np.ndarray], float], x: ArrayLike, *, eps: float = 1e-6) -> np.ndarray:
    r"""Central-difference gradient of a scalar function ``f`` at ``x``.

    Derivation: :doc:`/network/gradient-checking`.

    .. math::

       \frac{\partial f}{\partial x_i} \approx
       \frac{f(x + h e_i) - f(x - h e_i)}{2h}

    with the step :math:`h` = ``eps``. The error of the central difference is
    :math:`O(h^2)`, against :math:`O(h)` for the one-sided :math:`(f(x + h e_i) - f(x))/h`;
    rounding adds about :math:`u\,|f|/h` (:math:`u` the unit roundoff), so the best step is
    of the order of :math:`u^{1/3}`, about ``5e-6`` in float64.

    Parameters
    ----------
    f : callable
        Takes an array shaped like ``x`` and returns a real scalar.
    x : array_like
        The point; any shape, finite. It is not modified: ``f`` sees a perturbed copy.
    eps : float, default 1e-6
        The step :math:`h`, positive.

    Returns
    -------
    numpy.ndarray
        Same shape as ``x``.

    Examples
    --------
    >>> import numpy as np
    >>> from notes.gradcheck import numerical_gradient
    >>> x = np.array([1.0, -2.0])
    >>> numerical_gradient(lambda v: float(np.sum(v ** 2)), x).round(6).tolist()  # 2x
    [2.0, -4.0]
    >>> x.tolist()  # unchanged
    [1.0, -2.0]
    """
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    eps = as_scalar(eps, "eps", positive=True)
    point = as_float_array(x, "x", allow_inf=False).copy()
    grad = np.empty_like(point)
    flat_point, flat_grad = point.reshape(-1), grad.reshape(-1)
    for i in range(flat_point.size):
        original = flat_point[i]
        flat_point[i] = original + eps
        f_plus = as_returned_scalar(f(point), "f")
        flat_point[i] = original - eps
        f_minus = as_returned_scalar(f(point), "f")
        flat_point[i] = original
        flat_grad[i] = (f_plus - f_minus) / (2.0 * eps)
    return grad


def numerical_hessian(grad: Callable[[np.ndarray], ArrayLike], x: ArrayLike, *, eps: float = 1e-6) -> np.ndarray:
    r"""Central-difference Hessian of a function whose gradient ``grad`` is known, at ``x``.

    Derivation: :doc:`/landscapes/taylor-and-convexity`.

    Row :math:`i` is the central-difference gradient of the :math:`i`-th component of
    ``grad``:

    .. math::

       (\nabla^2 f)_{ij} = \frac{\partial^2 f}{\partial x_i \partial x_j} \approx
       \frac{g_i(x + h e_j) - g_i(x - h e_j)}{2h},
       \qquad g = \nabla f,

    with the step :math:`h` = ``eps``. The result is not symmetrized: its asymmetry, of
    order :math:`h^2` plus rounding, shows how accurate the estimate is.

    Parameters
    ----------
    grad : callable
        Takes a 1-D array like ``x`` and returns the gradient there, an array of the same shape.
    x : array_like
        The point, a 1-D array of :math:`n` finite numbers. It is not modified.
    eps : float, default 1e-6
        The step :math:`h`, positive.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, n)``.

    Examples
    --------
    >>> import numpy as np
    >>> from notes.gradcheck import numerical_hessian
    >>> # f(x, y) = x**2 * y has gradient (2xy, x**2) and Hessian [[2y, 2x], [2x, 0]]
    >>> grad = lambda v: np.array([2 * v[0] * v[1], v[0] ** 2])
    >>> numerical_hessian(grad, [1.0, 3.0]).round(6).tolist()
    [[6.0, 2.0], [2.0, 0.0]]
    """
    if not callable(grad):
        raise TypeError(f"grad must be callable, got {type(grad).__name__}")
    point = as_vector(x, "x")

    def component(i: int) -> Callable[[np.ndarray], float]:
        def g_i(v: np.ndarray) -> float:
            value = as_float_array(grad(v), "grad(x)", allow_nan=True)
            return float(check_shape_of(value, "grad(x)", point.shape, "x")[i])

        return g_i

    return np.array([numerical_gradient(component(i), point, eps=eps) for i in range(point.size)])


def relative_error(a: ArrayLike, b: ArrayLike) -> float:
    r"""Largest elementwise relative difference between two arrays.

    Derivation: :doc:`/network/gradient-checking`.

    .. math::

       \max_i \frac{|a_i - b_i|}{\max(|a_i| + |b_i|,\ 10^{-12})}

    One number, the worst entry's. The floor in the denominator keeps the ratio finite
    where both entries are (close to) zero. A rule of thumb, not a guarantee, for float64
    gradients checked with a step of about ``1e-6``: about ``1e-7`` or less is right, around
    ``1e-4`` is suspicious, ``1e-2`` or more is wrong. :func:`check_gradient` fails above
    ``tol = 1e-6`` by default. Because the maximum is taken entry by entry, an entry many
    orders of magnitude smaller than the others can raise a false alarm: the numerical
    estimate of every entry carries an absolute rounding error of about :math:`u\,|f|/h`,
    which is large relative to a tiny entry even when the analytic gradient is right.

    Examples
    --------
    >>> from notes.gradcheck import relative_error
    >>> relative_error([1.0, 2.0], [1.0, 2.0])
    0.0
    >>> round(relative_error([1.0], [1.1]), 4)
    0.0476
    """
    left = as_float_array(a, "a", allow_inf=False)
    right = as_float_array(b, "b", allow_inf=False)
    check_same_shape(left, right, "a", "b")
    if left.size == 0:
        return 0.0
    denominator = np.maximum(np.abs(left) + np.abs(right), 1e-12)
    return float(np.max(np.abs(left - right) / denominator))


def check_gradient(
    f: Callable[[np.ndarray], float],
    grad_f: Callable[[np.ndarray], ArrayLike],
    x: ArrayLike,
    *,
    eps: float = 1e-6,
    tol: float = 1e-6,
) -> float:
    r"""Assert that ``grad_f(x)`` matches :func:`numerical_gradient` of ``f`` at ``x``.

    Derivation: :doc:`/network/gradient-checking`.

    Passes when :math:`\operatorname{relative\_error}(\nabla f(x), \hat g(x)) \le \text{tol}`,
    where :math:`\hat g` is the central-difference estimate. The default ``tol = 1e-6`` is
    ten times the ``1e-7`` that the rule of thumb of :func:`relative_error` reads as right;
    a failure caused only by entries much smaller than the rest can be a false alarm (see
    :func:`relative_error`).

    Parameters
    ----------
    f : callable
        Scalar function of an array shaped like ``x``.
    grad_f : callable
        Its claimed gradient, returning an array shaped like ``x``.
    x : array_like
        Where to check.
    eps : float, default 1e-6
        The finite-difference step :math:`h`.
    tol : float, default 1e-6
        Largest acceptable :func:`relative_error`.

    Returns
    -------
    float
        The relative error (so a caller can report it).

    Raises
    ------
    AssertionError
        If the relative error exceeds ``tol``; the message shows both gradients.

    Examples
    --------
    >>> import numpy as np
    >>> from notes.gradcheck import check_gradient
    >>> x = np.array([0.5, -1.5])
    >>> check_gradient(lambda v: float(np.sum(np.sin(v))), np.cos, x) < 1e-8
    True
    """
    tol = as_scalar(tol, "tol", positive=True)
    x = as_float_array(x, "x", allow_inf=False)
    numeric = numerical_gradient(f, x, eps=eps)
    analytic = check_shape_of(as_float_array(grad_f(x.copy()), "grad_f(x)"), "grad_f(x)", x.shape, "x")
    error = relative_error(analytic, numeric)
    if error > tol:
        raise AssertionError(
            f"gradient check failed: relative error {error:.3g} > tol {tol:.3g}\n"
            f"analytic:  {analytic!r}\nnumerical: {numeric!r}"
        )
    return error
