r"""Loss landscapes to picture optimization on, and plain gradient descent to walk them.

Two test functions of two variables, each next to its gradient:

* :func:`himmelblau` — a non-convex surface with four minima, all of value 0, so that
  where gradient descent ends up depends on where it starts;
* :func:`ill_conditioned_quadratic` — a long, narrow bowl
  :math:`(a x^2 + b y^2)/2`, on which gradient descent zig-zags across the valley when
  :math:`b \gg a` and diverges when the learning rate exceeds :math:`2/\max(a, b)`.

The functions work elementwise on arrays (``x`` and ``y`` broadcast together), so they
can be evaluated on a :func:`numpy.meshgrid` for contour plots. :func:`gradient_descent`
returns the whole trajectory, to be drawn on such a plot.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_float_array, as_scalar, check_shape_of
from .broadcasting import broadcast_shape

__all__ = [
    "himmelblau",
    "himmelblau_grad",
    "ill_conditioned_quadratic",
    "ill_conditioned_quadratic_grad",
    "gradient_descent",
]


def _as_xy(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Validate the coordinates (finite reals) and broadcast them to one shape."""
    xs = as_float_array(x, "x", allow_inf=False)
    ys = as_float_array(y, "y", allow_inf=False)
    try:
        broadcast_shape(xs.shape, ys.shape)
    except ValueError as exc:
        raise ValueError(f"x and y must broadcast together: {exc}") from None
    bx, by = np.broadcast_arrays(xs, ys)
    return bx, by


# -- Himmelblau's function ----------------------------------------------------------------


def _himmelblau_residuals(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The two squared terms of Himmelblau's function, :math:`x^2+y-11` and :math:`x+y^2-7`."""
    # Far from the origin x*x overflows; +inf is then the true size of the term (its square
    # overflows too), and both terms only ever add, so no inf - inf can follow.
    with np.errstate(over="ignore"):
        return x * x + y - 11.0, x + y * y - 7.0


def himmelblau(x: ArrayLike, y: ArrayLike) -> np.ndarray:
    r"""Himmelblau's function, elementwise.

    Derivation: :doc:`/optim/himmelblau`.

    .. math::

       f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2

    It is non-negative and has four minima, all with :math:`f = 0`: :math:`(3, 2)`
    exactly, and approximately :math:`(-2.805118, 3.131312)`,
    :math:`(-3.779310, -3.283186)` and :math:`(3.584428, -1.848126)`; and one local
    maximum near :math:`(-0.270845, -0.923039)`.

    Parameters
    ----------
    x, y : array_like
        Coordinates, finite; any shapes that broadcast together (for example the two
        arrays returned by :func:`numpy.meshgrid`). NaN or ``±inf`` raise ``ValueError``.

    Returns
    -------
    numpy.ndarray
        The broadcast shape of ``x`` and ``y`` (0-d for two scalars), float64. Where the
        value exceeds the float64 range (:math:`|x|` or :math:`|y|` above about
        :math:`10^{77}`) it is ``+inf``, without a warning.

    See Also
    --------
    himmelblau_grad, gradient_descent

    Examples
    --------
    >>> import numpy as np
    >>> from notes.landscapes import himmelblau
    >>> float(himmelblau(3.0, 2.0))
    0.0
    >>> float(himmelblau(0.0, 0.0))  # 11**2 + 7**2
    170.0
    >>> xs, ys = np.meshgrid(np.linspace(-5, 5, 101), np.linspace(-5, 5, 81))
    >>> himmelblau(xs, ys).shape  # ready for a contour plot
    (81, 101)
    """
    first, second = _himmelblau_residuals(*_as_xy(x, y))
    with np.errstate(over="ignore"):
        return np.asarray(first * first + second * second)


def _exact_himmelblau_grad(x: float, y: float) -> tuple[float, float]:
    """The gradient at one point in exact rational arithmetic, rounded to float64.

    Used only where the float64 formula overflows: there it can meet ``inf - inf`` (the
    two terms of ``df/dx`` overflow with opposite signs) and give NaN. Exact arithmetic
    decides the sign; a magnitude beyond the float64 range becomes ``±inf``.
    """
    fx, fy = Fraction(x), Fraction(y)
    first, second = fx * fx + fy - 11, fx + fy * fy - 7
    return _round(4 * fx * first + 2 * second), _round(2 * first + 4 * fy * second)


def _round(value: Fraction) -> float:
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def himmelblau_grad(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    r"""Gradient of :func:`himmelblau`, elementwise, as the pair ``(df_dx, df_dy)``.

    Derivation: :doc:`/optim/himmelblau`.

    .. math::

       \begin{aligned}
       \frac{\partial f}{\partial x} &= 4x\,(x^2 + y - 11) + 2\,(x + y^2 - 7) \\
       \frac{\partial f}{\partial y} &= 2\,(x^2 + y - 11) + 4y\,(x + y^2 - 7)
       \end{aligned}

    Both vanish at the four minima (and at the saddle points and the maximum).

    Parameters
    ----------
    x, y : array_like
        As for :func:`himmelblau`: finite, broadcasting together.

    Returns
    -------
    tuple of numpy.ndarray
        ``(df_dx, df_dy)``, a **tuple** of two arrays, each of the broadcast shape of ``x``
        and ``y`` (0-d for scalars); it mirrors the ``(x, y)`` arguments, like
        :func:`numpy.gradient`. ``numpy.asarray(himmelblau_grad(x, y))`` stacks them into
        one array of shape ``(2, ...)``, which is what :func:`gradient_descent` needs.
        Where a component exceeds the float64 range it is ``±inf`` with the right sign
        (never NaN), without a warning.

    See Also
    --------
    himmelblau

    Examples
    --------
    >>> import numpy as np
    >>> from notes.landscapes import himmelblau_grad
    >>> [float(g) for g in himmelblau_grad(3.0, 2.0)]  # a minimum
    [0.0, 0.0]
    >>> [float(g) for g in himmelblau_grad(0.0, 0.0)]  # 2*(-7), 2*(-11)
    [-14.0, -22.0]
    >>> np.asarray(himmelblau_grad([0.0, 3.0], [0.0, 2.0])).tolist()  # stacked: (2, n)
    [[-14.0, 0.0], [-22.0, 0.0]]
    """
    x, y = _as_xy(x, y)
    first, second = _himmelblau_residuals(x, y)
    with np.errstate(over="ignore", invalid="ignore"):
        df_dx = np.asarray(4.0 * x * first + 2.0 * second)
        df_dy = np.asarray(2.0 * first + 4.0 * y * second)
    for index in map(tuple, np.argwhere(~(np.isfinite(df_dx) & np.isfinite(df_dy)))):
        df_dx[index], df_dy[index] = _exact_himmelblau_grad(float(x[index]), float(y[index]))
    return df_dx, df_dy


# -- an ill-conditioned quadratic ---------------------------------------------------------


def _check_curvatures(a: float, b: float) -> tuple[float, float]:
    return as_scalar(a, "a", positive=True, finite=True), as_scalar(b, "b", positive=True, finite=True)


def ill_conditioned_quadratic(x: ArrayLike, y: ArrayLike, *, a: float = 1.0, b: float = 10.0) -> np.ndarray:
    r"""A quadratic bowl with different curvatures along its two axes, elementwise.

    Derivation: :doc:`/landscapes/derivatives-and-gradients`.

    .. math::

       f(x, y) = \tfrac12\,(\lambda_1 x^2 + \lambda_2 y^2),
       \qquad \lambda_1 = \texttt{a}, \quad \lambda_2 = \texttt{b}

    Its Hessian is :math:`\operatorname{diag}(\lambda_1, \lambda_2)`, so its condition number is
    :math:`\kappa = \max(\lambda_1, \lambda_2)/\min(\lambda_1, \lambda_2)` (10 by default). The only
    minimum is :math:`f(0, 0) = 0`. Gradient descent with learning rate :math:`\eta` multiplies
    :math:`x` by :math:`1 - \eta \lambda_1` and :math:`y` by :math:`1 - \eta \lambda_2` at each step:
    it converges iff :math:`\eta < 2/\max(\lambda_1, \lambda_2)`, and the flat direction converges
    slowly when :math:`\eta` must be kept small for the steep one.

    Parameters
    ----------
    x, y : array_like
        Coordinates, finite, broadcasting together.
    a, b : float, default 1 and 10
        The curvatures :math:`\lambda_1, \lambda_2` along ``x`` and ``y`` (keyword-only);
        positive and finite.

    Returns
    -------
    numpy.ndarray
        The broadcast shape of ``x`` and ``y``, float64; ``+inf`` where the value exceeds
        the float64 range.

    See Also
    --------
    ill_conditioned_quadratic_grad, gradient_descent

    Examples
    --------
    >>> from notes.landscapes import ill_conditioned_quadratic
    >>> float(ill_conditioned_quadratic(1.0, 1.0))  # (1 + 10) / 2
    5.5
    >>> ill_conditioned_quadratic([0.0, 2.0], 0.0, a=3.0).tolist()
    [0.0, 6.0]
    """
    a, b = _check_curvatures(a, b)
    x, y = _as_xy(x, y)
    # (a*x)*x overflows only if a*x*x truly exceeds the range; both terms are >= 0.
    with np.errstate(over="ignore"):
        return np.asarray(0.5 * (a * x * x) + 0.5 * (b * y * y))


def ill_conditioned_quadratic_grad(
    x: ArrayLike, y: ArrayLike, *, a: float = 1.0, b: float = 10.0
) -> tuple[np.ndarray, np.ndarray]:
    r"""Gradient of :func:`ill_conditioned_quadratic`: the pair :math:`(\lambda_1 x, \lambda_2 y)`.

    Derivation: :doc:`/landscapes/derivatives-and-gradients`.

    .. math::

       \frac{\partial f}{\partial x} = \lambda_1 x, \qquad \frac{\partial f}{\partial y} = \lambda_2 y

    Parameters
    ----------
    x, y : array_like
        Coordinates, finite, broadcasting together.
    a, b : float, default 1 and 10
        As for :func:`ill_conditioned_quadratic`.

    Returns
    -------
    tuple of numpy.ndarray
        ``(df_dx, df_dy)``, each of the broadcast shape of ``x`` and ``y``, as
        :func:`himmelblau_grad` returns; ``±inf`` where a component exceeds the float64
        range.

    Examples
    --------
    >>> from notes.landscapes import ill_conditioned_quadratic_grad
    >>> [float(g) for g in ill_conditioned_quadratic_grad(1.0, 1.0)]
    [1.0, 10.0]
    """
    a, b = _check_curvatures(a, b)
    x, y = _as_xy(x, y)
    with np.errstate(over="ignore"):
        return np.asarray(a * x), np.asarray(b * y)


# -- gradient descent ---------------------------------------------------------------------


def gradient_descent(grad: Callable[[np.ndarray], ArrayLike], x0: ArrayLike, lr: float, steps: int) -> np.ndarray:
    r"""Run plain gradient descent and return every iterate.

    Derivation: :doc:`/optim/gradient-descent`.

    .. math::

       x_t = x_{t-1} - \eta\,\nabla f(x_{t-1}), \qquad t = 1, \dots, \text{steps}

    **Divergence.** If the gradient or the next iterate is not finite (NaN or ``±inf``,
    typically because the learning rate is too large and the iterates blow up), the run
    stops there, without a warning: the trajectory ends at the **last finite iterate** and
    so has fewer than ``steps + 1`` rows. It never contains NaN or ``inf``. Compare
    ``len(trajectory)`` with ``steps + 1`` to detect an early stop. This differs on purpose
    from :class:`notes.optim.SGD`, and from the training loops of :mod:`notes.regression`
    and :mod:`notes.network` that step with it: there a step that would not be finite
    raises ``ValueError`` and leaves the parameters unchanged, since a model must never be
    trained into NaN; here a diverging run is something to draw, so its finite part is
    returned.

    Parameters
    ----------
    grad : callable
        Takes the current point, a 1-D float64 array of shape ``(dim,)`` (a copy: changing
        it has no effect), and returns the gradient there, anything that converts to an
        array of the same shape (a tuple such as ``himmelblau_grad(*p)`` will do).
        Floating-point warnings raised inside ``grad`` are silenced, since a non-finite
        gradient is detected and ends the run.
    x0 : array_like
        The starting point, shape ``(dim,)``, finite; a scalar is taken as ``(1,)``.
    lr : float
        The learning rate :math:`\eta`, finite and :math:`\ge 0` (0 stands still).
    steps : int
        Number of updates, :math:`\ge 0`.

    Returns
    -------
    numpy.ndarray
        Shape ``(steps + 1, dim)``: row 0 is ``x0``, row :math:`t` is :math:`x_t`. Fewer
        rows after a divergence, as described above.

    Raises
    ------
    TypeError
        If ``grad`` is not callable, or returns something that is not real numbers.
    ValueError
        If ``x0`` is not finite or has more than one dimension, ``lr`` is negative or
        not finite, ``steps`` is negative, or ``grad`` returns the wrong shape.

    See Also
    --------
    himmelblau_grad, ill_conditioned_quadratic_grad

    Examples
    --------
    On the bowl :math:`(x^2 + 10 y^2)/2` with :math:`\eta = 0.1`, each step multiplies
    :math:`x` by :math:`1 - 0.1 = 0.9` and :math:`y` by :math:`1 - 0.1 \cdot 10 = 0`:

    >>> import numpy as np
    >>> from notes.landscapes import gradient_descent, ill_conditioned_quadratic_grad
    >>> bowl_grad = lambda p: ill_conditioned_quadratic_grad(p[0], p[1])
    >>> gradient_descent(bowl_grad, [1.0, 1.0], lr=0.1, steps=3).round(4).tolist()
    [[1.0, 1.0], [0.9, 0.0], [0.81, 0.0], [0.729, 0.0]]

    With :math:`\eta = 0.3 > 2/10`, :math:`y` is multiplied by :math:`-2` at every step
    and overflows after about a thousand steps; the trajectory stops before that:

    >>> path = gradient_descent(bowl_grad, [1.0, 1.0], lr=0.3, steps=5000)
    >>> len(path) < 5001, bool(np.isfinite(path).all())
    (True, True)

    On Himmelblau's function, the start decides which minimum is reached:

    >>> from notes.landscapes import himmelblau_grad
    >>> himmelblau_step = lambda p: himmelblau_grad(p[0], p[1])
    >>> gradient_descent(himmelblau_step, [0.0, 0.0], lr=0.01, steps=500)[-1].round(4).tolist()
    [3.0, 2.0]
    >>> gradient_descent(himmelblau_step, [-1.0, 1.0], lr=0.01, steps=500)[-1].round(4).tolist()
    [-2.8051, 3.1313]
    """
    if not callable(grad):
        raise TypeError(f"grad must be callable, got {type(grad).__name__}")
    x = as_float_array(x0, "x0", allow_inf=False)
    if x.ndim > 1:
        raise ValueError(f"x0 must be a point of shape (dim,), got shape {x.shape}")
    x = np.atleast_1d(x).copy()
    lr = as_scalar(lr, "lr", nonnegative=True, finite=True)
    n_steps = as_scalar(steps, "steps", integer=True, nonnegative=True)

    trajectory = np.empty((n_steps + 1, x.size))
    trajectory[0] = x
    for k in range(n_steps):
        # Overflow inside grad or in the update is how divergence shows; it is detected
        # below and ends the run, so the floating-point warnings carry no news.
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            g = check_shape_of(as_float_array(grad(x.copy()), "grad(x)", allow_nan=True), "grad(x)", x.shape, "x0")
            x = x - lr * g
        if not (np.isfinite(g).all() and np.isfinite(x).all()):
            return trajectory[: k + 1].copy()
        trajectory[k + 1] = x
    return trajectory
