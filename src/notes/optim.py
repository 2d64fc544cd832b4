r"""Optimizers: the update rules of :mod:`torch.optim`, in NumPy.

:class:`SGD` (with momentum and Nesterov momentum), :class:`Adagrad`, :class:`RMSprop`,
:class:`Adam` and :class:`AdamW` follow the algorithms printed in the PyTorch documentation
line by line, with the same argument names, the same defaults and the same state
(``momentum_buffer``, ``exp_avg`` …). Their float64 trajectories agree with ``torch.optim``
to about 1e-12 relative; ``tests/golden/optim_torch.npz`` holds the PyTorch trajectories
they are checked against.

As in PyTorch, an optimizer holds a list of parameter arrays and :meth:`Optimizer.step`
updates them **in place** from a list of gradients of the same shapes. The machinery every
optimizer shares (checking parameters and gradients, per-parameter state, the step count,
weight decay, refusing non-finite results) lives in the base class :class:`Optimizer`; each
subclass only writes its own update rule.

:func:`ewma`, the exponentially weighted moving average, is the building block of momentum,
RMSprop and Adam, shown on its own with and without bias correction.

Every hyper-parameter is checked when the optimizer is made, in the ranges ``torch.optim``
checks (``lr``, ``eps``, ``momentum``, ``weight_decay`` and the like :math:`\ge 0`, each beta
in :math:`[0, 1)`), and must also be finite: NaN or :math:`\pm\infty` is a ``ValueError``
naming the argument, a bool or a string a ``TypeError``, instead of an unnamed failure at
the first step.

Notation: :math:`w` a parameter, :math:`g_t` its gradient at step :math:`t = 1, 2, \dots`,
:math:`\eta` the learning rate ``lr``, :math:`\lambda_{\mathrm{wd}}` ``weight_decay``; operations on arrays
are elementwise.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_bool, as_decay_rate, as_float_array, as_scalar, as_vector, check_not_masked, check_shape_of

__all__ = ["Optimizer", "SGD", "Adagrad", "RMSprop", "Adam", "AdamW", "ewma", "Trajectory", "trajectory"]

State = dict[str, np.ndarray]


class Optimizer:
    r"""Base class: parameters, per-parameter state, the step count and weight decay.

    Derivation: :doc:`/optim/gradient-descent`.

    Before a subclass sees a gradient, weight decay (the gradient of an L2 penalty
    :math:`\tfrac{\lambda_{\mathrm{wd}}}{2}\lVert w\rVert^2` added to the loss) is folded into it, as
    ``torch.optim`` does for all four optimizers:

    .. math:: g_t \leftarrow g_t + \lambda_{\mathrm{wd}}\, w_{t-1}

    :class:`AdamW` instead decouples the decay from the gradient: it shrinks the parameter
    itself, :math:`w \leftarrow (1 - \eta\lambda_{\mathrm{wd}})\, w`, before its Adam step.

    Parameters
    ----------
    params : list of numpy.ndarray
        The parameters, each a writable float64 array of any shape, finite, not a masked
        array. They are updated **in place**, so the caller's arrays (and every view of
        them) change. No two may share memory (the same array twice, or an array and a
        view of it such as ``[w, w[:]]``): the shared entries would be updated twice per step.
    lr : float
        Learning rate :math:`\eta \ge 0`, finite.
    weight_decay : float
        :math:`\lambda_{\mathrm{wd}} \ge 0`, finite.

    Raises
    ------
    TypeError
        If ``params`` is not a list of writable float64 arrays (a masked array is refused),
        or a hyper-parameter is not a real number (``True``, ``"0.1"``) or a flag not a bool.
    ValueError
        If ``params`` is empty, contains NaN or :math:`\pm\infty`, or two of its arrays
        share memory; or if a hyper-parameter is NaN, infinite or out of its range. These
        are raised when the optimizer is made; :meth:`step` raises the errors of its
        gradients and of overflowing results.

    Attributes
    ----------
    params : list of numpy.ndarray
        The very arrays passed in.
    state : list of dict
        ``state[i]`` holds the running quantities of ``params[i]``, under PyTorch's names;
        empty before the first step.
    t : int
        Number of steps taken.

    Notes
    -----
    A step is all-or-nothing: every gradient is checked and every new value computed before
    any array is written. If a gradient is bad (wrong count or shape, NaN, infinite) or the
    update or the new parameter value would not be finite (for example ``eps=0`` with a
    zero denominator, an overflowing square, or a learning rate so large that the step
    overflows), ``ValueError`` is raised and parameters and state are unchanged;
    PyTorch would instead write NaN or ``inf`` into the parameters.

    Subclasses implement ``_update(grad, state, t)``, returning the increment to add to the
    parameter and the new state; it must not modify ``state`` or ``grad``. A subclass that
    applies weight decay differently overrides ``_weight_decay(param, grad)``, which returns
    the point the increment is added to and the gradient ``_update`` sees.

    Examples
    --------
    The increment of plain SGD with weight decay is :math:`-\eta(g + \lambda_{\mathrm{wd}} w)`:

    >>> import numpy as np
    >>> from notes.optim import SGD
    >>> w = np.array([1.0, -2.0])
    >>> SGD([w], lr=0.5, weight_decay=0.1).step([np.zeros(2)])
    >>> w.tolist()
    [0.95, -1.9]
    """

    def __init__(self, params: Sequence[np.ndarray], *, lr: float, weight_decay: float) -> None:
        self.params = _check_params(params)
        self.lr = _nonnegative(lr, "lr")
        self.weight_decay = _nonnegative(weight_decay, "weight_decay")
        self.state: list[State] = [{} for _ in self.params]
        self.t = 0

    def step(self, grads: Sequence[ArrayLike]) -> None:
        """Take one step: update every parameter in place from its gradient.

        Parameters
        ----------
        grads : list of array_like
            One gradient per parameter, in the same order and of the same shape; finite,
            not masked.

        Raises
        ------
        TypeError
            If ``grads`` is not a list, or ``grads[i]`` is not an array of real numbers or
            is a masked array.
        ValueError
            If ``grads`` has the wrong length, ``grads[i]`` the wrong shape or a NaN or
            infinite entry, or the step would make a parameter or a state entry
            non-finite (an overflow); parameters and state are then unchanged.
        """
        checked = self._check_grads(grads)
        t = self.t + 1
        updates = []
        # Overflow, 0/0 and x/0 are caught below as non-finite results and raised as
        # ValueError, so NumPy's RuntimeWarnings would only duplicate them.
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            for i, (param, grad) in enumerate(zip(self.params, checked, strict=True)):
                start, grad = self._weight_decay(param, grad)
                increment, state = self._update(grad, self.state[i], t)
                # A finite increment can still carry a large parameter past the float range.
                new_value = start + increment
                _check_finite_step({"update": increment, "value": new_value, **state}, i, t)
                updates.append((new_value, state))
        for i, (param, (new_value, state)) in enumerate(zip(self.params, updates, strict=True)):
            param[...] = new_value
            self.state[i] = state
        self.t = t

    def _weight_decay(self, param: np.ndarray, grad: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The L2 penalty's gradient folded into ``grad``; the increment is added to ``param``."""
        if self.weight_decay != 0:
            grad = grad + self.weight_decay * param
        return param, grad

    def _update(self, grad: np.ndarray, state: State, t: int) -> tuple[np.ndarray, State]:
        raise NotImplementedError

    def _check_grads(self, grads: object) -> list[np.ndarray]:
        if isinstance(grads, np.ndarray) or not isinstance(grads, Sequence):
            raise TypeError(f"grads must be a list of arrays, one per parameter, got {type(grads).__name__}")
        if len(grads) != len(self.params):
            raise ValueError(f"grads has {len(grads)} arrays but there are {len(self.params)} params")
        checked = []
        for i, (param, grad) in enumerate(zip(self.params, grads, strict=True)):
            check_not_masked(grad, f"grads[{i}]")
            array = as_float_array(grad, f"grads[{i}]", allow_inf=False)
            checked.append(check_shape_of(array, f"grads[{i}]", param.shape, f"params[{i}]"))
        return checked

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self.params)} params, t={self.t})"


def _check_params(params: object) -> list[np.ndarray]:
    if isinstance(params, np.ndarray) or not isinstance(params, Sequence):
        raise TypeError(f"params must be a list of arrays, got {type(params).__name__}")
    if len(params) == 0:
        raise ValueError("params is an empty list")
    for i, param in enumerate(params):
        check_not_masked(param, f"params[{i}]")
        # The update is written into the caller's array, so it cannot be converted.
        if not isinstance(param, np.ndarray) or param.dtype != np.float64:
            got = param.dtype if isinstance(param, np.ndarray) else type(param).__name__
            raise TypeError(f"params[{i}] must be a float64 numpy array (it is updated in place), got {got}")
        if not param.flags.writeable:
            raise TypeError(f"params[{i}] is read-only; it must be writable to be updated in place")
        as_float_array(param, f"params[{i}]", allow_inf=False)
        if _overlaps_itself(param):
            raise ValueError(
                f"params[{i}] has entries that share memory (a view with a zero or too small "
                "stride); they would be updated more than once per step"
            )
    for j, later in enumerate(params):
        for i, earlier in enumerate(params[:j]):
            if earlier is later:
                raise ValueError(
                    f"params contains the same array twice (params[{i}] and params[{j}]); "
                    "it would be updated twice per step"
                )
            if np.shares_memory(earlier, later):
                raise ValueError(
                    f"params[{i}] and params[{j}] share memory (one is a view of the other, or both of "
                    "one array); the shared entries would be updated twice per step"
                )
    return list(params)


def _overlaps_itself(param: np.ndarray) -> bool:
    """Whether two entries of ``param`` lie in the same memory (``as_strided`` with stride 0 …).

    Quick when the strides nest, as in every array NumPy itself creates: sorted by size,
    each stride reaches past every entry the smaller ones can reach. Otherwise the byte
    offsets of all entries are compared.
    """
    dims = sorted((abs(stride), size) for stride, size in zip(param.strides, param.shape, strict=True) if size > 1)
    reach = param.itemsize
    for stride, size in dims:
        if stride < reach:
            break
        reach += stride * (size - 1)
    else:
        return False
    offsets = np.zeros(1, dtype=np.int64)
    for stride, size in zip(param.strides, param.shape, strict=True):
        offsets = (offsets[:, None] + stride * np.arange(size, dtype=np.int64)).reshape(-1)
    return bool(offsets.size > 1 and (np.diff(np.sort(offsets)) < param.itemsize).any())


def _nonnegative(value: object, name: str) -> float:
    """A hyper-parameter ``>= 0`` and finite, as a float; errors name ``name``."""
    return as_scalar(value, name, nonnegative=True, finite=True)


def _check_finite_step(results: State, i: int, t: int) -> None:
    for name, value in results.items():
        if not np.isfinite(value).all():
            raise ValueError(
                f"step {t} gives a non-finite {name} for params[{i}] (an overflow, from too "
                "large a gradient, parameter or learning rate, or eps=0 with a zero denominator); "
                "params and state are left unchanged"
            )


class SGD(Optimizer):
    r"""Stochastic gradient descent, optionally with (Nesterov) momentum, as in ``torch.optim.SGD``.

    Derivation: :doc:`/optim/momentum-and-ewa`.

    With momentum :math:`\mu` and dampening :math:`\tau` (after weight decay, see
    :class:`Optimizer`), the momentum buffer :math:`v_t` and the step are

    .. math::

       \begin{aligned}
       v_1 &= g_1, \qquad v_t = \mu\, v_{t-1} + (1 - \tau)\, g_t \quad (t > 1) \\
       d_t &= \begin{cases} g_t + \mu\, v_t & \texttt{nesterov} \\
                            v_t & \texttt{not nesterov} \end{cases} \\
       w_t &= w_{t-1} - \eta\, d_t
       \end{aligned}

    With :math:`\mu = 0` this is plain gradient descent, :math:`w_t = w_{t-1} - \eta g_t`.

    Parameters
    ----------
    params : list of numpy.ndarray
        Writable float64 arrays, updated in place.
    lr : float
        :math:`\eta \ge 0`, finite. Required here (``torch.optim.SGD`` of PyTorch 2.13
        defaults it to 1e-3).
    momentum : float, default 0
        :math:`\mu \ge 0`, finite.
    dampening : float, default 0
        :math:`\tau \in [0, 1]`; the gradient enters the buffer with weight :math:`1 - \tau`
        (not at the first step). PyTorch does not check it; outside :math:`[0, 1]` that
        weight would be above 1 or negative (a step uphill), so it is refused here.
    nesterov : bool, default False
        Nesterov momentum; needs ``momentum > 0`` and ``dampening == 0``.
    weight_decay : float, default 0
        :math:`\lambda_{\mathrm{wd}} \ge 0`, finite.

    Notes
    -----
    **Two forms of momentum.** PyTorch (and this class, with the default :math:`\tau = 0`)
    accumulates the raw gradient, :math:`v_t = \mu v_{t-1} + g_t`,
    :math:`w_t = w_{t-1} - \eta v_t`. A common alternative is the exponentially weighted
    average, :math:`\tilde v_0 = 0`, :math:`\tilde v_t = \beta \tilde v_{t-1} +
    (1-\beta) g_t`, :math:`w_t = w_{t-1} - \tilde\eta\, \tilde v_t` (see :func:`ewma`). With
    :math:`\beta = \mu`, :math:`\tilde v_t = (1-\beta)\, v_t` at every step (PyTorch's
    :math:`v_1 = g_1` is the same as starting from :math:`v_0 = 0`), so the two give the same
    trajectory when :math:`\eta = (1-\beta)\,\tilde\eta`: the EWA form's learning rate is the
    PyTorch one multiplied by :math:`1/(1-\beta)` (×10 for :math:`\beta = 0.9`).

    **Dampening.** With ``dampening`` :math:`\tau = \mu` the buffer is itself an average,
    :math:`v_t = \mu v_{t-1} + (1-\mu) g_t`, but its first value is undamped,
    :math:`v_1 = g_1` instead of :math:`\tilde v_1 = (1-\mu) g_1`. It is therefore the
    exponentially weighted average started from :math:`g_1` instead of 0:
    :math:`v_t = \tilde v_t + \mu^t g_1`, a difference that fades like :math:`\mu^t`.
    (``dampening = 1 - mu`` does not give the average: it makes the gradient's weight
    :math:`\mu`.)

    The hyperparameters after ``lr`` are keyword-only: the documented order here is
    ``nesterov, weight_decay`` while ``torch.optim.SGD`` orders them ``weight_decay,
    nesterov``, so positional arguments would silently differ between the two.

    Examples
    --------
    >>> import numpy as np
    >>> from notes.optim import SGD
    >>> w = np.array([1.0, 2.0])
    >>> opt = SGD([w], lr=0.1, momentum=0.9)
    >>> opt.step([np.array([1.0, -1.0])])   # v = g
    >>> w.round(4).tolist()
    [0.9, 2.1]
    >>> opt.step([np.array([1.0, -1.0])])   # v = 0.9 g + g = 1.9 g
    >>> w.round(4).tolist()
    [0.71, 2.29]
    """

    def __init__(
        self,
        params: Sequence[np.ndarray],
        lr: float,
        *,
        momentum: float = 0,
        dampening: float = 0,
        nesterov: bool = False,
        weight_decay: float = 0,
    ) -> None:
        super().__init__(params, lr=lr, weight_decay=weight_decay)
        self.momentum = _nonnegative(momentum, "momentum")
        self.dampening = _nonnegative(dampening, "dampening")
        if self.dampening > 1:
            raise ValueError(f"dampening must be in [0, 1], got {dampening!r}")
        self.nesterov = as_bool(nesterov, "nesterov")
        if self.nesterov and (self.momentum <= 0 or self.dampening != 0):
            raise ValueError(
                f"nesterov=True requires momentum > 0 and dampening = 0, got "
                f"momentum={momentum!r}, dampening={dampening!r}"
            )

    def _update(self, grad: np.ndarray, state: State, t: int) -> tuple[np.ndarray, State]:
        if self.momentum == 0:
            return -self.lr * grad, {}
        if "momentum_buffer" in state:
            buf = self.momentum * state["momentum_buffer"] + (1 - self.dampening) * grad
        else:
            buf = grad.copy()  # a copy: the caller may reuse its gradient array
        direction = grad + self.momentum * buf if self.nesterov else buf
        return -self.lr * direction, {"momentum_buffer": buf}


class Adagrad(Optimizer):
    r"""Adagrad: per-coordinate steps shrinking with the accumulated squared gradient.

    Derivation: :doc:`/optim/adaptive-methods`.

    As ``torch.optim.Adagrad``, with :math:`s_0` = ``initial_accumulator_value`` and
    :math:`\rho` = ``lr_decay`` (after weight decay, see :class:`Optimizer`):

    .. math::

       \begin{aligned}
       \tilde\eta_t &= \frac{\eta}{1 + (t - 1)\,\rho} \\
       s_t &= s_{t-1} + g_t^2 \\
       w_t &= w_{t-1} - \tilde\eta_t\, \frac{g_t}{\sqrt{s_t} + \varepsilon}
       \end{aligned}

    A coordinate that has seen large gradients takes small steps, and every step size only
    decreases, even without ``lr_decay``.

    Parameters
    ----------
    params : list of numpy.ndarray
        Writable float64 arrays, updated in place.
    lr : float, default 1e-2
        :math:`\eta \ge 0`, finite.
    lr_decay : float, default 0
        :math:`\rho \ge 0`, finite, the inverse-time decay rate.
    weight_decay : float, default 0
        :math:`\lambda_{\mathrm{wd}} \ge 0`, finite.
    initial_accumulator_value : float, default 0
        :math:`s_0 \ge 0`, finite.
    eps : float, default 1e-10
        :math:`\varepsilon \ge 0`, finite, added *after* the square root.

    Examples
    --------
    The first step moves each coordinate by :math:`\eta\,\mathrm{sign}(g)` (for
    :math:`s_0 = 0`), whatever the size of the gradient:

    >>> import numpy as np
    >>> from notes.optim import Adagrad
    >>> w = np.zeros(2)
    >>> Adagrad([w], lr=0.1).step([np.array([100.0, -0.01])])
    >>> w.round(6).tolist()
    [-0.1, 0.1]
    """

    def __init__(
        self,
        params: Sequence[np.ndarray],
        lr: float = 1e-2,
        lr_decay: float = 0,
        weight_decay: float = 0,
        initial_accumulator_value: float = 0,
        eps: float = 1e-10,
    ) -> None:
        super().__init__(params, lr=lr, weight_decay=weight_decay)
        self.lr_decay = _nonnegative(lr_decay, "lr_decay")
        self.initial_accumulator_value = _nonnegative(initial_accumulator_value, "initial_accumulator_value")
        self.eps = _nonnegative(eps, "eps")

    def _update(self, grad: np.ndarray, state: State, t: int) -> tuple[np.ndarray, State]:
        previous = state.get("sum", self.initial_accumulator_value)
        total = previous + grad * grad
        clr = self.lr / (1 + (t - 1) * self.lr_decay)
        return -clr * grad / (np.sqrt(total) + self.eps), {"sum": total}


class RMSprop(Optimizer):
    r"""RMSprop: divide by the root of a running mean of squared gradients.

    Derivation: :doc:`/optim/adaptive-methods`.

    As ``torch.optim.RMSprop`` (after weight decay, see :class:`Optimizer`), with
    :math:`s_0 = \bar g_0 = v_0 = 0`:

    .. math::

       \begin{aligned}
       s_t &= \alpha\, s_{t-1} + (1 - \alpha)\, g_t^2 \\
       \bar g_t &= \alpha\, \bar g_{t-1} + (1 - \alpha)\, g_t
            \quad (\texttt{centered}) \\
       r_t &= \begin{cases} \sqrt{s_t - \bar g_t^{\,2}} + \varepsilon & \texttt{centered} \\
                             \sqrt{s_t} + \varepsilon & \texttt{not centered} \end{cases} \\
       v_t &= \mu\, v_{t-1} + g_t / r_t, \qquad w_t = w_{t-1} - \eta\, v_t
            \quad (\mu > 0) \\
       w_t &= w_{t-1} - \eta\, g_t / r_t \quad (\mu = 0)
       \end{aligned}

    The denominator is the root mean square of recent **gradients** (centered: their
    standard deviation), not a norm of the weights: each coordinate's step is its gradient
    measured in units of that gradient's typical size. :math:`s_t` is :func:`ewma` of
    :math:`g^2` without bias correction.

    Parameters
    ----------
    params : list of numpy.ndarray
        Writable float64 arrays, updated in place.
    lr : float, default 1e-2
        :math:`\eta \ge 0`, finite.
    alpha : float, default 0.99
        Smoothing constant :math:`\alpha \in [0, 1)`.
    eps : float, default 1e-8
        :math:`\varepsilon \ge 0`, finite, added after the square root.
    weight_decay : float, default 0
        :math:`\lambda_{\mathrm{wd}} \ge 0`, finite.
    momentum : float, default 0
        :math:`\mu \ge 0`, finite.
    centered : bool, default False
        Normalize by the estimated variance :math:`s_t - \bar g_t^2` instead of :math:`s_t`.

    Notes
    -----
    :math:`s_t - \bar g_t^2 \ge 0` in exact arithmetic; rounding can make it a tiny negative
    number (for instance after many identical gradients), where PyTorch's square root gives
    NaN. It is clipped at 0 here. PyTorch accepts ``alpha = 1``, which never updates
    :math:`s` from 0; it is refused here.

    Examples
    --------
    The first step divides by :math:`\sqrt{1-\alpha}\,|g|`, so it moves each coordinate by
    :math:`\eta/\sqrt{1-\alpha} = 10\eta` for the default :math:`\alpha = 0.99`:

    >>> import numpy as np
    >>> from notes.optim import RMSprop
    >>> w = np.zeros(2)
    >>> RMSprop([w], lr=0.01).step([np.array([3.0, -0.5])])
    >>> w.round(6).tolist()
    [-0.1, 0.1]
    """

    def __init__(
        self,
        params: Sequence[np.ndarray],
        lr: float = 1e-2,
        alpha: float = 0.99,
        eps: float = 1e-8,
        weight_decay: float = 0,
        momentum: float = 0,
        centered: bool = False,
    ) -> None:
        super().__init__(params, lr=lr, weight_decay=weight_decay)
        self.alpha = as_decay_rate(alpha, "alpha")
        self.eps = _nonnegative(eps, "eps")
        self.momentum = _nonnegative(momentum, "momentum")
        self.centered = as_bool(centered, "centered")

    def _update(self, grad: np.ndarray, state: State, t: int) -> tuple[np.ndarray, State]:
        alpha = self.alpha
        new: State = {"square_avg": alpha * state.get("square_avg", 0.0) + (1 - alpha) * grad * grad}
        if self.centered:
            new["grad_avg"] = alpha * state.get("grad_avg", 0.0) + (1 - alpha) * grad
            # Non-negative in exact arithmetic; rounding can dip below 0 (torch: NaN).
            variance = np.maximum(new["square_avg"] - new["grad_avg"] * new["grad_avg"], 0.0)
            scale = np.sqrt(variance) + self.eps
        else:
            scale = np.sqrt(new["square_avg"]) + self.eps
        if self.momentum > 0:
            new["momentum_buffer"] = self.momentum * state.get("momentum_buffer", 0.0) + grad / scale
            return -self.lr * new["momentum_buffer"], new
        return -self.lr * grad / scale, new


class Adam(Optimizer):
    r"""Adam: momentum on the gradient, RMSprop scaling, both bias-corrected.

    Derivation: :doc:`/optim/adaptive-methods`.

    As ``torch.optim.Adam`` (after weight decay, see :class:`Optimizer`), with
    :math:`m_0 = v_0 = \hat v^{\max}_0 = 0`:

    .. math::

       \begin{aligned}
       m_t &= \beta_1 m_{t-1} + (1 - \beta_1)\, g_t \\
       v_t &= \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2 \\
       \hat m_t &= \frac{m_t}{1 - \beta_1^t}, \qquad
       \hat v_t = \frac{v_t}{1 - \beta_2^t} \\
       w_t &= w_{t-1} - \eta\, \frac{\hat m_t}{\sqrt{\hat v_t} + \varepsilon}
       \end{aligned}

    The bias corrections undo the pull of :math:`m_0 = v_0 = 0` toward zero in the first
    steps (see :func:`ewma`). :math:`\varepsilon` is added **after** the square root of the
    bias-corrected :math:`\hat v_t`. With ``amsgrad``, :math:`v_t` in the denominator is
    replaced by its running maximum :math:`v^{\max}_t = \max(v^{\max}_{t-1}, v_t)`, so the
    per-coordinate step size never grows.

    The defaults are PyTorch's and the Adam paper's: :math:`\beta_1 = 0.9` and
    :math:`\beta_2 = 0.999` (not 0.99).

    Parameters
    ----------
    params : list of numpy.ndarray
        Writable float64 arrays, updated in place.
    lr : float, default 1e-3
        :math:`\eta \ge 0`, finite.
    betas : tuple of float, default ``(0.9, 0.999)``
        :math:`(\beta_1, \beta_2)`, each in :math:`[0, 1)`.
    eps : float, default 1e-8
        :math:`\varepsilon \ge 0`, finite.
    weight_decay : float, default 0
        :math:`\lambda_{\mathrm{wd}} \ge 0`, finite, added to the gradient (L2 penalty), not decoupled as
        in :class:`AdamW`.
    amsgrad : bool, default False
        Use the running maximum of :math:`v_t`.

    Notes
    -----
    PyTorch computes the step as :math:`\frac{\eta}{1-\beta_1^t}\, m_t \big/
    \bigl(\sqrt{v_t}/\sqrt{1-\beta_2^t} + \varepsilon\bigr)`; the same order is used here so
    that float64 trajectories agree to rounding.

    Examples
    --------
    At the first step :math:`\hat m_1 = g_1` and :math:`\sqrt{\hat v_1} = |g_1|`, so each
    coordinate moves by about :math:`\eta` against the sign of its gradient:

    >>> import numpy as np
    >>> from notes.optim import Adam
    >>> w = np.zeros(2)
    >>> Adam([w], lr=0.1).step([np.array([4.0, -0.02])])
    >>> w.round(6).tolist()
    [-0.1, 0.1]
    """

    def __init__(
        self,
        params: Sequence[np.ndarray],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0,
        amsgrad: bool = False,
    ) -> None:
        super().__init__(params, lr=lr, weight_decay=weight_decay)
        if isinstance(betas, (str, bytes)) or not isinstance(betas, Sequence) or len(betas) != 2:
            raise TypeError(f"betas must be a pair (beta1, beta2), got {betas!r}")
        self.betas = (as_decay_rate(betas[0], "betas[0]"), as_decay_rate(betas[1], "betas[1]"))
        self.eps = _nonnegative(eps, "eps")
        self.amsgrad = as_bool(amsgrad, "amsgrad")

    def _update(self, grad: np.ndarray, state: State, t: int) -> tuple[np.ndarray, State]:
        beta1, beta2 = self.betas
        new: State = {
            "exp_avg": beta1 * state.get("exp_avg", 0.0) + (1 - beta1) * grad,
            "exp_avg_sq": beta2 * state.get("exp_avg_sq", 0.0) + (1 - beta2) * grad * grad,
        }
        second_moment = new["exp_avg_sq"]
        if self.amsgrad:
            new["max_exp_avg_sq"] = np.maximum(state.get("max_exp_avg_sq", 0.0), second_moment)
            second_moment = new["max_exp_avg_sq"]
        step_size = self.lr / (1 - beta1**t)
        denom = np.sqrt(second_moment) / math.sqrt(1 - beta2**t) + self.eps
        return -step_size * new["exp_avg"] / denom, new


class AdamW(Adam):
    r"""AdamW: Adam with decoupled weight decay, as ``torch.optim.AdamW``.

    Derivation: :doc:`/optim/adaptive-methods`.

    Each step first shrinks the parameter by the factor :math:`1 - \eta\lambda_{\mathrm{wd}}`,
    then takes the :class:`Adam` step with the gradient itself, with no weight decay in it
    (:math:`m_0 = v_0 = \hat v^{\max}_0 = 0`):

    .. math::

       \begin{aligned}
       m_t &= \beta_1 m_{t-1} + (1 - \beta_1)\, g_t \\
       v_t &= \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2 \\
       \hat m_t &= \frac{m_t}{1 - \beta_1^t}, \qquad
       \hat v_t = \frac{v_t}{1 - \beta_2^t} \\
       w_t &= (1 - \eta\lambda_{\mathrm{wd}})\, w_{t-1} - \eta\, \frac{\hat m_t}{\sqrt{\hat v_t} + \varepsilon}
       \end{aligned}

    The decay never enters :math:`m_t` or :math:`v_t`, so it is not divided by
    :math:`\sqrt{\hat v_t}`: every coordinate shrinks by the same factor, whatever the size of
    its gradients. In :class:`Adam` with ``weight_decay`` the term
    :math:`\lambda_{\mathrm{wd}} w` is added to the gradient and rescaled with it, so
    coordinates with large gradients are hardly decayed (Loshchilov and Hutter, *Decoupled
    Weight Decay Regularization*, 2019). ``amsgrad`` is as in :class:`Adam`.

    The default ``weight_decay`` is PyTorch's, :math:`10^{-2}` (Adam's is 0). As in PyTorch,
    the decay is multiplied by the learning rate: with the defaults a weight shrinks by a
    factor :math:`1 - 10^{-5}` per step.

    Parameters
    ----------
    params : list of numpy.ndarray
        Writable float64 arrays, updated in place.
    lr : float, default 1e-3
        :math:`\eta \ge 0`, finite.
    betas : tuple of float, default ``(0.9, 0.999)``
        :math:`(\beta_1, \beta_2)`, each in :math:`[0, 1)`.
    eps : float, default 1e-8
        :math:`\varepsilon \ge 0`, finite.
    weight_decay : float, default 1e-2
        :math:`\lambda_{\mathrm{wd}} \ge 0`, finite, decoupled: the parameter is multiplied by
        :math:`1 - \eta\lambda_{\mathrm{wd}}`.
    amsgrad : bool, default False
        Use the running maximum of :math:`v_t`.

    Notes
    -----
    ``weight_decay=0`` gives exactly :class:`Adam`'s trajectory. Nothing bounds
    :math:`\eta\lambda_{\mathrm{wd}}`, as in PyTorch: at :math:`\eta\lambda_{\mathrm{wd}} = 1`
    the decay sets every parameter to 0 before the Adam step, and above 1 it flips its sign
    every step. The decay and the Adam step are computed before any array is written, so a
    step that raises ``ValueError`` (see :class:`Optimizer`) leaves parameters and state
    unchanged.

    Examples
    --------
    With a zero gradient the Adam step is 0 and only the decay acts:
    :math:`w \leftarrow (1 - 0.1 \cdot 0.5)\, w = 0.95\, w`:

    >>> import numpy as np
    >>> from notes.optim import AdamW
    >>> w = np.array([1.0, -2.0])
    >>> AdamW([w], lr=0.1, weight_decay=0.5).step([np.zeros(2)])
    >>> w.tolist()
    [0.95, -1.9]
    """

    def __init__(
        self,
        params: Sequence[np.ndarray],
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 1e-2,
        amsgrad: bool = False,
    ) -> None:
        super().__init__(params, lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, amsgrad=amsgrad)

    def _weight_decay(self, param: np.ndarray, grad: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        # torch: param.mul_(1 - lr * weight_decay), then the Adam step with the raw gradient.
        if self.weight_decay != 0:
            return param * (1 - self.lr * self.weight_decay), grad
        return param, grad


def ewma(values: ArrayLike, beta: float, *, bias_correction: bool = False) -> np.ndarray:
    r"""Exponentially weighted moving average of a series, optionally bias-corrected.

    Derivation: :doc:`/optim/momentum-and-ewa`.

    .. math::

       v_0 = 0, \qquad v_t = \beta\, v_{t-1} + (1 - \beta)\, x_t, \qquad
       \hat v_t = \frac{v_t}{1 - \beta^t}

    :math:`v_t = (1-\beta)\sum_{k=1}^{t} \beta^{t-k} x_k` weighs recent values most, and
    averages over roughly the last :math:`1/(1-\beta)` of them. Its weights sum to
    :math:`1 - \beta^t < 1`, so the early values are biased toward the starting 0
    (:math:`v_1 = (1-\beta)x_1`); dividing by that sum (bias correction) removes the bias:
    a constant series then averages to the constant at every step.

    Both are computed as weighted averages of two numbers,

    .. math::

       v_t = (1 - c)\, v_{t-1} + c\, x_t, \quad c = 1 - \beta, \qquad
       \hat v_t = (1 - \hat c_t)\, \hat v_{t-1} + \hat c_t\, x_t, \quad
       \hat c_t = \frac{1 - \beta}{1 - \beta^t}, \quad \hat v_0 = 0,

    (the second because :math:`\beta(1 - \beta^{t-1}) = (1 - \beta^t) - (1 - \beta)`),
    each result kept between the two numbers it averages. So nothing overflows, even for
    values near :math:`\pm 1.8 \times 10^{308}`, and :math:`\hat v_1 = x_1` exactly, even
    for a tiny :math:`x_1` whose :math:`(1 - \beta)\, x_1` would underflow.

    Parameters
    ----------
    values : array_like
        The series :math:`x_1, \dots, x_n`: a 1-D array, finite, not masked. ``n = 0``
        gives an empty array.
    beta : float
        :math:`\beta \in [0, 1)`; ``beta = 0`` returns the series itself.
    bias_correction : bool, default False
        Return :math:`\hat v_t` instead of :math:`v_t`.

    Returns
    -------
    numpy.ndarray
        :math:`v_1, \dots, v_n` (or :math:`\hat v_1, \dots, \hat v_n`), float64, finite.

    Raises
    ------
    TypeError
        If ``values`` is not an array of real numbers or is masked, ``beta`` is not a real
        number, or ``bias_correction`` is not a bool.
    ValueError
        If ``values`` is not 1-D or not finite, or ``beta`` is NaN or outside :math:`[0, 1)`.

    See Also
    --------
    SGD : momentum, in PyTorch's form, is an un-normalized version of this average.
    Adam : its :math:`m_t` and :math:`v_t` are this average of :math:`g` and :math:`g^2`.

    Examples
    --------
    >>> from notes.optim import ewma
    >>> ewma([10.0, 10.0, 10.0], 0.9).round(4).tolist()
    [1.0, 1.9, 2.71]
    >>> ewma([10.0, 10.0, 10.0], 0.9, bias_correction=True).round(4).tolist()
    [10.0, 10.0, 10.0]
    """
    check_not_masked(values, "values")
    x = as_vector(values, "values")
    beta = as_decay_rate(beta, "beta")
    bias_correction = as_bool(bias_correction, "bias_correction")
    averages = np.empty_like(x)
    # log(beta) for the weights of the bias correction; beta = 0 gives weight 1 at every step.
    log_beta = math.log(beta) if beta > 0 else -math.inf
    v = 0.0
    for t, x_t in enumerate(x.tolist(), start=1):  # Python floats: no NumPy warnings
        if bias_correction:
            # 1 - beta**t as -expm1(t log beta): for beta near 1 the subtraction would lose
            # digits (1e-12 of them for beta = 0.9999 at t = 2).
            weight = (1 - beta) / -math.expm1(t * log_beta)
            average = (1 - weight) * v + weight * x_t
        else:
            average = beta * v + (1 - beta) * x_t
        # A weighted average lies between its two numbers; rounding could step past them.
        v = min(max(average, min(v, x_t)), max(v, x_t))
        averages[t - 1] = v
    return averages


class Trajectory(NamedTuple):
    """What :func:`trajectory` returns: the path, the gradients fed and the optimizer."""

    #: Row 0 is the start and row :math:`t` the point after step :math:`t`; shape ``(steps + 1, dim)``.
    path: np.ndarray
    #: Row :math:`t - 1` is the gradient :math:`g_t` fed at step :math:`t`; shape ``(steps, dim)``.
    grads: np.ndarray
    #: The optimizer after the last step, with its ``state`` (for example ``momentum_buffer``).
    optimizer: Optimizer


def trajectory(
    optimizer_class: type[Optimizer],
    start: ArrayLike,
    grad: Callable[[np.ndarray], ArrayLike],
    steps: int,
    **hyper: Any,
) -> Trajectory:
    r"""Drive an optimizer of this module on a function whose gradient is known; record its path.

    Derivation: :doc:`/optim/momentum-and-ewa`.

    This is how any of the optimizers is used: one parameter array, created from ``start``;
    at every step the gradient at the current point is computed and passed to
    :meth:`Optimizer.step`, which updates the array in place.

    Parameters
    ----------
    optimizer_class : type
        :class:`SGD`, :class:`Adagrad`, :class:`RMSprop`, :class:`Adam`, :class:`AdamW` or
        another subclass of :class:`Optimizer`.
    start : array_like
        The starting point, shape ``(dim,)``, finite, not masked; a scalar is taken as ``(1,)``.
    grad : callable
        Takes the current point, a 1-D float64 array (a copy: changing it has no effect), and
        returns the gradient there, anything that converts to a finite float array of the
        same shape (a tuple such as ``himmelblau_grad(*p)`` will do), not a masked array.
    steps : int
        Number of steps, :math:`\ge 0`.
    **hyper
        Keyword arguments of ``optimizer_class`` (``lr``, ``momentum``, ``betas`` …).

    Returns
    -------
    Trajectory
        ``path`` (``steps + 1`` points), ``grads`` (the ``steps`` gradients fed) and
        ``optimizer`` (after the last step).

    Raises
    ------
    TypeError
        If ``optimizer_class`` is not a subclass of :class:`Optimizer`, ``grad`` is not
        callable, ``steps`` is not an integer (``True``, ``2.5``, NaN), or ``start`` or a
        returned gradient is masked.
    ValueError
        If ``start`` is not finite or not 1-D, ``steps`` is negative, or ``grad`` returns the
        wrong shape or a non-finite value; also every error of the optimizer itself (for
        example a step whose result would not be finite).

    See Also
    --------
    notes.landscapes.gradient_descent : plain gradient descent, without an optimizer object.

    Examples
    --------
    Plain SGD on :math:`f(w) = w^2`, whose gradient is :math:`2w`: every step multiplies
    :math:`w` by :math:`1 - 2\eta = 0.5`:

    >>> from notes.optim import SGD, trajectory
    >>> run = trajectory(SGD, [4.0], lambda w: 2 * w, 3, lr=0.25)
    >>> run.path.ravel().tolist()
    [4.0, 2.0, 1.0, 0.5]
    >>> run.grads.ravel().tolist()
    [8.0, 4.0, 2.0]
    >>> run.optimizer.t
    3
    """
    if not (isinstance(optimizer_class, type) and issubclass(optimizer_class, Optimizer)):
        raise TypeError(f"optimizer_class must be a subclass of notes.optim.Optimizer, got {optimizer_class!r}")
    if not callable(grad):
        raise TypeError(f"grad must be callable, got {type(grad).__name__}")
    check_not_masked(start, "start")
    w = np.array(as_float_array(start, "start", allow_inf=False))  # a fresh array: updated in place
    if w.ndim == 0:
        w = w.reshape(1)
    if w.ndim != 1:
        raise ValueError(f"start must be a 1-D point, got shape {w.shape}")
    steps = as_scalar(steps, "steps", nonnegative=True, integer=True)
    opt = optimizer_class([w], **hyper)
    path, grads = [w.copy()], []
    for t in range(1, steps + 1):
        check_not_masked(value := grad(w.copy()), f"grad(...) at step {t}")
        g = as_float_array(value, f"grad(...) at step {t}", allow_inf=False)
        if g.shape != w.shape:
            raise ValueError(f"grad must return the shape of start, {w.shape}, got {g.shape} at step {t}")
        opt.step([g])  # updates w in place
        grads.append(g)
        path.append(w.copy())
    dim = w.shape[0]
    return Trajectory(np.array(path), np.array(grads).reshape(steps, dim), opt)
