"""Activation functions and their derivatives.

Each function sits next to its derivative (``sigmoid`` / ``sigmoid_grad`` …), as in
micrograd: the forward rule and the local derivative are read together. The softmax family
(:func:`softmax`, :func:`log_softmax`, :func:`logsumexp`) is stable for any finite input,
±1e308 included, by subtracting the row maximum (see :doc:`/activations/softmax`) wherever
the exponentials would leave the float range. They work through a large array a block at a
time, so that the steps of a block share the processor's cache.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_bool, as_float_array, float_if_scalar, normalize_axis

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


#: Axes at most this long are reduced in an axis-first copy (see :func:`_axis_first`).
SHORT_AXIS = 64

#: Entries in one block (1 MiB of float64): the softmax family works through an array a
#: block at a time (see :func:`_blocks`).
BLOCK_ENTRIES = 2**17


def _validated(z: ArrayLike, axis: object) -> tuple[np.ndarray, int]:
    """``z`` as a float64 array (NaN allowed: the maxima find it) and ``axis`` as a
    non-negative int, every error naming ``z``."""
    z = as_float_array(z, "z", allow_nan=True)
    return z, normalize_axis(z, axis, of="z")


def _blocks(shape: tuple[int, ...], axis: int) -> list[tuple[slice, ...]]:
    """Index tuples that cut an array of ``shape`` into consecutive blocks of about
    :data:`BLOCK_ENTRIES` entries, each whole along ``axis`` (the reduced one).

    The cuts are along axis 0, or axis 1 when ``axis`` is 0; a 1-D array is one block.
    Every step of the family (maximum, shift, ``exp``, sum) reads and writes the whole of
    its input: done a block at a time, the block's arrays stay in the processor's cache
    from one step to the next, instead of each step going through the whole array in
    memory. A slice along axis 0 or 1 is never longer than the array, so one index
    holding more than a block's entries makes a block of its own.
    """
    if len(shape) == 1:
        return [(slice(None),)]
    cut = 1 if axis == 0 else 0
    across = math.prod(shape) // shape[cut] if shape[cut] else 1  # entries per index of the cut axis
    step = max(1, BLOCK_ENTRIES // max(across, 1))
    lead = (slice(None),) * cut
    return [(*lead, slice(start, start + step)) for start in range(0, shape[cut], step)]


def _reduced_shape(shape: tuple[int, ...], axis: int) -> tuple[int, ...]:
    """``shape`` with ``axis`` kept at length 1."""
    return shape[:axis] + (1,) + shape[axis + 1 :]


def _axis_first(shape: tuple[int, ...], axis: int) -> tuple[int, ...] | None:
    """The order of axes that moves ``axis`` first, if the family works on axis-first
    copies of an array of ``shape``, else ``None``.

    NumPy reduces a short axis slowly when it is the last one (one small inner loop per
    row: ``max`` over a ``(100000, 10)`` array costs as much as 5 passes of ``exp``, a
    subtraction of each row's maximum 1.5), but fast when it is the first of a
    C-contiguous array (elementwise over long rows). So a short axis (at most
    :data:`SHORT_AXIS` entries) of an array with at least two dimensions is moved first,
    a block at a time, into a fresh C-contiguous copy (:func:`_prepare`).
    """
    if len(shape) > 1 and shape[axis] <= SHORT_AXIS:
        return (axis, *(i for i in range(len(shape)) if i != axis))
    return None


def _back(order: tuple[int, ...]) -> tuple[int, ...]:
    """The order of axes that undoes ``order``: ``a.transpose(order).transpose(_back(order))``
    is ``a``. Copying into ``out[block]`` from ``d.transpose(_back(order))`` is faster
    than into ``out[block].transpose(order)`` from ``d``."""
    return tuple(sorted(range(len(order)), key=order.__getitem__))


def _prepare(z: np.ndarray, axis: int, order: tuple[int, ...] | None) -> tuple[np.ndarray, int, np.ndarray, np.ndarray]:
    """For one block ``z`` of a validated array: the array to work on, the axis to reduce
    there, the maxima ``m`` (the reduced axis kept, length 1), and what
    :func:`_sum_of_others` needs to leave out the term of ``k``, the first position of the
    maximum. NaN anywhere in a row makes its maximum NaN.

    With ``order`` ``None``, the array is ``z`` itself and ``k`` comes from ``argmax``
    (which finds the first NaN, if any), ``m`` as ``z`` at ``k``. With ``order`` from
    :func:`_axis_first`, the array is a fresh axis-first copy of ``z``, which the caller
    may overwrite, and the mask ``z < m`` of the entries below the maximum stands for
    ``k``: ``argmax`` over a first axis is as slow as over a short last one.
    """
    if order is None:
        k = z.argmax(axis=axis, keepdims=True)
        return z, axis, np.take_along_axis(z, k, axis=axis), k
    moved = z.transpose(order)
    # ascontiguousarray transposes about twice as fast as copy(order="C"), but returns the
    # array itself when it is already C-contiguous: then copy it.
    w = moved.copy() if moved.flags.c_contiguous else np.ascontiguousarray(moved)
    w_max = w.max(axis=0, keepdims=True)
    return w, 0, w_max, np.less(w, w_max)


def _shift(z_max: np.ndarray) -> np.ndarray:
    """The shift of eq. :eq:`softmax-shift`: ``m`` where ``m`` is finite and 0 elsewhere,
    so rows holding ``±inf`` keep their infinities instead of turning into
    ``inf - inf = NaN``. A NaN maximum raises."""
    finite = np.isfinite(z_max)
    if finite.all():
        return z_max
    if np.isnan(z_max).any():
        raise ValueError("z contains NaN")
    return np.where(finite, z_max, 0.0)


def _shifted(w: np.ndarray, shift: np.ndarray, out: np.ndarray | None) -> np.ndarray:
    """``w - shift`` (every difference ≤ 0), written into ``out`` (a new array if ``None``,
    ``w`` itself for an axis-first copy).

    Into another array, ``w`` is copied and the shift subtracted in place: NumPy subtracts
    a column of maxima from a 2-D array about three times as slowly as a number, and twice
    as slowly again when it writes into another array; the copy and the subtraction in
    place together cost about a fifth less than that (on one block of 1000-entry rows).
    """
    if out is None:
        out = w.copy()
    elif out is not w:
        np.copyto(out, w)
    out -= shift
    return out


def _check_defined(z_max: np.ndarray, what: str) -> None:
    """Raise where softmax has no value: NaN, a ``+inf`` logit, or a row of only ``-inf``.
    Elsewhere every maximum is finite, and it is the shift."""
    if np.isfinite(z_max).all():
        return
    if np.isnan(z_max).any():
        raise ValueError("z contains NaN")
    if np.isposinf(z_max).any():
        raise ValueError(f"z contains +inf: {what} is undefined there")
    raise ValueError(f"z has a row that is all -inf: {what} is undefined there")


def _sum_of_others(terms: np.ndarray, others: np.ndarray, z_max: np.ndarray, axis: int) -> np.ndarray:
    """``s = Σ_{j≠k} e^(z_j - shift)`` along ``axis`` (kept, length 1), from the terms of
    every ``j`` (overwritten) and what :func:`_prepare` found: ``k``, or for an axis-first
    copy the mask of the entries below the maximum.

    The term of ``k`` is left out: where ``m`` is finite it is ``e^0 = 1`` exactly, so
    ``Σ_j e^(z_j - m) = 1 + s`` with no rounding at all, and ``log1p(s)`` keeps the terms
    that ``1 + s`` would round away. Other entries equal to ``m`` stay in ``s``, each as 1.
    In an axis-first copy these ties are counted (``s`` = the terms below ``m``, plus the
    number of other entries equal to it), and ``s`` is ``+inf`` where ``m`` is, as it is
    for ``z`` as given.
    """
    if others.dtype != bool:
        np.put_along_axis(terms, others, 0.0, axis=axis)
        return _sums(terms, axis)
    np.multiply(terms, others, out=terms)  # inf * 0 = NaN in a row holding +inf: s is set to inf below
    total: np.ndarray = terms.sum(axis=0, keepdims=True)
    # The entries below m, counted as bytes: the axis has at most SHORT_AXIS < 256 entries.
    below = others.view(np.uint8).sum(axis=0, keepdims=True, dtype=np.uint8)
    total += (terms.shape[0] - 1) - below
    if not np.isfinite(z_max).all():
        total[np.isposinf(z_max)] = np.inf
    return total


def _sums(terms: np.ndarray, axis: int) -> np.ndarray:
    """The sums of ``terms`` along ``axis`` (kept, length 1); along the last axis as a
    product with a vector of ones, which is fast however short the axis is (``sum`` over a
    short last axis runs one small inner loop per row, and over a long one it costs twice
    as much as the product)."""
    if axis < terms.ndim - 1:
        total: np.ndarray = terms.sum(axis=axis, keepdims=True)
        return total
    return np.expand_dims(terms @ np.ones(terms.shape[-1]), -1)


def logsumexp(z: ArrayLike, axis: int = -1, keepdims: bool = False) -> np.ndarray | float:
    r"""Log of the sum of exponentials along ``axis``, computed without overflow.

    Derivation: :doc:`/activations/softmax`.

    .. math::

       \operatorname{logsumexp}(z) = \log \sum_j e^{z_j}
       = m + \operatorname{log1p}\Bigl(\sum_{j \ne k} e^{z_j - m}\Bigr),
       \qquad m = z_k = \max_j z_j

    Parameters
    ----------
    z : array_like
        At least one dimension; the reduction axis must not be empty. NaN raises
        ``ValueError``.
    axis : int, default -1
        The axis to reduce.
    keepdims : bool, default False
        Keep the reduced axis with length 1. Only ``True`` or ``False`` (NumPy's too);
        anything else, ``1`` or ``None`` included, raises ``TypeError``.

    Returns
    -------
    numpy.ndarray or float
        ``-inf`` for a row that is all ``-inf``; ``+inf`` if a row contains ``+inf``.

    See Also
    --------
    scipy.special.logsumexp : the reference implementation the tests compare against.

    Notes
    -----
    Errors name ``z``: a scalar, an empty axis or an axis out of range raise
    ``ValueError``; strings, objects, complex numbers and masked arrays ``TypeError``.

    The term of the maximum, :math:`e^{z_k - m} = e^0 = 1`, is never added to the others:
    with :math:`s = \sum_{j \ne k} e^{z_j - m}` the sum is :math:`1 + s` exactly, and
    :math:`\operatorname{log1p}(s) = \log(1 + s)` keeps the terms that rounding
    :math:`1 + s` would lose. So ``logsumexp([0, -40])`` is
    :math:`\log(1 + e^{-40}) \approx 4.25 \times 10^{-18}`, not 0. When several entries
    equal the maximum, :math:`k` is the first of them and each of the others adds 1 to
    :math:`s`.

    Exact: the maximum and its term; the result is never below :math:`m`, and it is
    :math:`m` itself for a single entry or when every other entry is ``-inf``.

    Error bound: let :math:`u = 2^{-53}` (the unit roundoff of float64),
    :math:`\varepsilon` the relative error of ``exp`` and ``log1p`` (:math:`2u` for
    functions accurate to one ulp), :math:`n` the length of the axis and
    :math:`p = \operatorname{softmax}(z)`. To first order, the computed value
    :math:`\hat y` of :math:`y = \operatorname{logsumexp}(z)` satisfies

    .. math::

       |\hat y - y| \le u\,|y| + \varepsilon\,\operatorname{log1p}(s)
       + \bigl(\varepsilon + (n - 1)\,u\bigr)(1 - p_k) + u \sum_j p_j\,|z_j - m|.

    The last term is the rounding of the differences :math:`z_j - m`; it is 0 when they
    are exact, as when :math:`m = 0`. Since :math:`\operatorname{log1p}(s) \ge s/(1 + s)
    = 1 - p_k`, the relative error for :math:`m = 0` is at most :math:`2\varepsilon + nu`
    however small :math:`y` is. In general, with the condition number
    :math:`\kappa = \sum_j p_j |z_j| / |y|` and :math:`m \le y \le m + \log n`, it is at
    most :math:`(\kappa + 2)\,u + (n + 1 + 3 \log n)\,u / |y|` for :math:`\varepsilon = 2u`:
    what the data allow, except near :math:`y = 0`, where the error stays below about
    :math:`(n + 1 + 3 \log n)\,u` in absolute terms. Terms and results below
    :math:`2^{-1022}` (subnormal) carry an absolute error of up to :math:`2^{-1074}` each
    instead.

    Examples
    --------
    >>> import numpy as np
    >>> from notes.activations import logsumexp
    >>> round(float(logsumexp([1.0, 2.0, 3.0])), 6)
    3.407606
    >>> bool(logsumexp([1000.0, 1000.0]) == 1000.0 + np.log(2.0))  # no overflow
    True
    >>> float(logsumexp([0.0, -40.0]))  # log(1 + e^-40); log(1.0 + e^-40) would be 0
    4.248354255291589e-18
    >>> float(logsumexp([-np.inf, -np.inf]))
    -inf
    """
    keep = as_bool(keepdims, "keepdims")
    z, axis = _validated(z, axis)
    order = _axis_first(z.shape, axis)
    out = np.empty(_reduced_shape(z.shape, axis))
    # z - shift overflows to -inf when z spans more than the float range (-1e308 next to
    # 1e308): -inf is then the right answer, since exp(-inf) = 0. exp overflows only in a
    # row holding +inf (its shift is 0), where the sum is +inf anyway (in an axis-first
    # copy, inf * 0 = NaN first: _sum_of_others sets that sum to +inf).
    with np.errstate(over="ignore", invalid="ignore"):
        for block in _blocks(z.shape, axis):
            w, w_axis, z_max, others = _prepare(z[block], axis, order)
            shift = _shift(z_max)
            # Over a copy (see _shifted), or over the axis-first copy, the function's own.
            d = _shifted(w, shift, None if order is None else w)
            terms = np.exp(d, out=d)
            total = np.log1p(_sum_of_others(terms, others, z_max, w_axis))
            # m + log1p(s): where m = ±inf (the shift was 0) this is ±inf, never NaN, since s ≥ 0.
            total += z_max
            if order is None:
                out[block] = total
            else:
                out[block] = total.transpose(_back(order))
    return out if keep else float_if_scalar(np.squeeze(out, axis=axis))


def softmax(z: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Softmax along ``axis``: exponentiate, then normalize to sum to 1.

    .. math::

       \operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}
       = \frac{e^{z_i - m}}{\sum_j e^{z_j - m}}, \qquad m = \max_j z_j

    Subtracting :math:`m` changes nothing mathematically (it cancels) but keeps every
    exponent :math:`\le 0`, so ``exp`` cannot overflow; see :doc:`/activations/softmax`.
    Rows that cannot overflow are computed without it (see the notes below).

    Parameters
    ----------
    z : array_like
        Logits, at least one dimension, reduction axis not empty. ``-inf`` entries get
        probability 0. NaN, ``+inf`` and rows that are all ``-inf`` raise ``ValueError``
        (there the result is undefined), as do a scalar and an empty axis; strings,
        objects, complex numbers and masked arrays raise ``TypeError``. Every message
        names ``z``.
    axis : int, default -1
        The axis along which the probabilities sum to 1.

    Returns
    -------
    numpy.ndarray
        Same shape as ``z``, float64, non-negative, summing to 1 along ``axis``.

    See Also
    --------
    log_softmax, softmax_jacobian, scipy.special.softmax

    Notes
    -----
    A row whose sum :math:`S = \sum_j e^{z_j}` lies in :math:`[1, 2^{1022}]`, as most
    rows of logits do, is computed without the shift, as :math:`e^{z_i} \cdot (1/S)`:
    that saves a pass over ``z`` and the rounding of :math:`z_i - m`, and loses nothing,
    since :math:`S \ge 1` makes :math:`e^{z_i}` a normal float wherever
    :math:`\operatorname{softmax}(z)_i` is one, and :math:`S \le 2^{1022}` keeps
    :math:`1/S` normal. The other rows (a sum under 1, which needs every logit to be
    negative; a sum above :math:`2^{1022}`, which needs a logit above :math:`708 - \log n`;
    ``±inf``; NaN) are computed with the shift.

    Error bound: with :math:`u`, :math:`\varepsilon` and :math:`n` as in
    :func:`logsumexp`, :math:`p = \operatorname{softmax}(z)` and :math:`d_j = z_j - m`,
    to first order every computed :math:`\hat p_i` satisfies

    .. math::

       |\hat p_i - p_i| \le \Bigl(2\varepsilon + (n + 1)\,u
       + u\,\bigl(|d_i| + \textstyle\sum_j p_j |d_j|\bigr)\Bigr)\,p_i + 2 \cdot 2^{-1074}.

    The term in :math:`d` is the rounding of the differences, for the rows computed with
    the shift; the last term is for probabilities below :math:`2^{-1022}` (subnormal).

    Examples
    --------
    >>> from notes.activations import softmax
    >>> softmax([1.0, 2.0, 3.0]).round(4).tolist()
    [0.09, 0.2447, 0.6652]
    >>> softmax([1000.0, 1001.0, 1002.0]).round(4).tolist()  # no overflow
    [0.09, 0.2447, 0.6652]
    """
    z, axis = _validated(z, axis)
    with np.errstate(over="ignore"):  # e^z or a sum past the float range is out of range: +inf
        out: np.ndarray = np.exp(z)
        total = _sums(out, axis)
    unshifted = (total >= 1.0) & (total <= 2.0**1022)  # NaN is not in range either
    out *= np.reciprocal(total, out=np.ones_like(total), where=unshifted)  # one division a row
    if not unshifted.all():
        rows = ~np.squeeze(unshifted, axis=axis)
        np.moveaxis(out, axis, -1)[rows] = _shifted_softmax(np.moveaxis(z, axis, -1)[rows])
    return out


def _shifted_softmax(z: np.ndarray) -> np.ndarray:
    """:func:`softmax` of the 2-D array ``z`` along its last axis, with the shift."""
    order = _axis_first(z.shape, 1)
    out = np.empty(z.shape)
    with np.errstate(over="ignore"):  # as in log_softmax
        for block in _blocks(z.shape, 1):
            w, w_axis, z_max, _ = _prepare(z[block], 1, order)
            _check_defined(z_max, "softmax")
            d = _shifted(w, z_max, out[block] if order is None else w)
            np.exp(d, out=d)
            d *= 1.0 / _sums(d, w_axis)
            if order is not None:
                out[block] = d.transpose(_back(order))
    return out


def log_softmax(z: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Logarithm of :func:`softmax`, computed without taking ``log`` of a tiny number.

    Derivation: :doc:`/activations/softmax`.

    .. math::

       \log \operatorname{softmax}(z)_i = (z_i - m)
       - \operatorname{log1p}\Bigl(\sum_{j \ne k} e^{z_j - m}\Bigr),
       \qquad m = z_k = \max_j z_j

    Parameters
    ----------
    z : array_like
        As for :func:`softmax`.
    axis : int, default -1
        The axis along which ``exp`` of the result sums to 1.

    Returns
    -------
    numpy.ndarray
        Same shape as ``z``, every entry :math:`\le 0`; ``-inf`` exactly where the
        probability underflows to 0 (``z`` is ``-inf``, or more than the float range
        below the maximum).

    See Also
    --------
    softmax, logsumexp, scipy.special.log_softmax

    Notes
    -----
    As in :func:`logsumexp`, the term :math:`e^0 = 1` of the maximum is not added to the
    others, :math:`s = \sum_{j \ne k} e^{z_j - m}`, so a maximum far above the rest keeps
    its small negative log-probability: ``log_softmax([0, -40])[0]`` is
    :math:`-\log(1 + e^{-40}) \approx -4.25 \times 10^{-18}`, not 0. When several entries
    equal the maximum, :math:`k` is the first of them and each of the others adds 1 to
    :math:`s`. :math:`m` and :math:`\log(1 + s)` are subtracted one after the other:
    :math:`m + \log(1 + s)` would round :math:`\log(1 + s)` away when :math:`|m|` is large
    (``1e308 + log 2 == 1e308``).

    Exact: rounding keeps the signs of :math:`z_i - m \le 0` and
    :math:`\operatorname{log1p}(s) \ge 0`, so every entry is :math:`\le 0`; every entry
    equal to the maximum gets the same value, :math:`-\operatorname{log1p}(s)` as
    computed.

    Error bound: with :math:`u`, :math:`\varepsilon`, :math:`n` and :math:`p` as in
    :func:`logsumexp` and :math:`o_i = \log \operatorname{softmax}(z)_i`, to first order

    .. math::

       |\hat o_i - o_i| \le u\,\bigl(|o_i| + |z_i - m|\bigr) + \varepsilon\,\operatorname{log1p}(s)
       + \bigl(\varepsilon + (n - 1)\,u\bigr)(1 - p_k) + u \sum_j p_j\,|z_j - m|.

    The two parts of :math:`o_i` have the same sign, so there is no cancellation:
    :math:`|o_i| = |z_i - m| + \operatorname{log1p}(s) \ge 1 - p_k`, and the relative error
    is at most :math:`2\varepsilon + (n + 1)\,u` plus :math:`u \sum_j p_j |z_j - m| / |o_i|`,
    the rounding of the differences: 0 when they are exact (as when :math:`m = 0`), and
    otherwise at most :math:`(n - 1)\,\kappa_i u`, with :math:`\kappa_i` the condition
    number of :math:`o_i`.

    Examples
    --------
    >>> from notes.activations import log_softmax
    >>> log_softmax([1.0, 2.0, 3.0]).round(4).tolist()
    [-2.4076, -1.4076, -0.4076]
    >>> log_softmax([0.0, -1000.0]).round(4).tolist()  # log(softmax) would give -inf
    [0.0, -1000.0]
    """
    z, axis = _validated(z, axis)
    order = _axis_first(z.shape, axis)
    out = np.empty(z.shape)
    # z - m overflows to -inf when z spans more than the float range (-1e308 next to
    # 1e308): -inf is then the right answer, since exp(-inf) = 0.
    with np.errstate(over="ignore"):
        for block in _blocks(z.shape, axis):
            w, w_axis, z_max, others = _prepare(z[block], axis, order)
            _check_defined(z_max, "log_softmax")
            # Into the result, or over the axis-first copy, the function's own.
            d = _shifted(w, z_max, out[block] if order is None else w)
            total = _sum_of_others(np.exp(d), others, z_max, w_axis)
            # (z - m) - log1p(s). Subtract m and log1p(s) one at a time: m + log1p(s)
            # would round log1p(s) away when |m| is large (1e308 + log 2 == 1e308).
            d -= np.log1p(total)
            if order is not None:
                out[block] = d.transpose(_back(order))
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
