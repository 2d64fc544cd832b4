r"""Information theory: information content, entropy, cross-entropy and KL divergence.

The information content (or *surprisal*) of an outcome of probability :math:`p` is
:math:`-\log p`: a rare outcome is a big surprise, a certain one none at all. Entropy is the
*average* surprise of a distribution, so **high entropy means high uncertainty**: a uniform
distribution, where nothing can be predicted, has the largest entropy, and a one-hot
distribution, where the outcome is known in advance, has entropy 0. Cross-entropy is the
average surprise when outcomes come from :math:`p` but are scored with the model
:math:`q`; the KL divergence is the extra surprise caused by using :math:`q` instead of
:math:`p`, which is why minimizing cross-entropy against fixed labels minimizes the KL
divergence.

Conventions shared by every function here:

* ``base=None`` measures in nats (natural log), ``base=2`` in bits; any positive base
  other than 1 is accepted, and :math:`\log_b x = \ln x / \ln b`.
* :math:`0 \log 0 = 0` (the limit of :math:`x \log x` as :math:`x \to 0^+`), and
  :math:`p \log 0 = -\infty` for :math:`p > 0`, so results can be ``inf`` but never NaN,
  and no ``RuntimeWarning`` is raised.
* Distributions are probability vectors along ``axis``: non-negative, finite, summing to 1
  within ``1e-6``. A batch of shape ``(..., n)`` is reduced along ``axis``.
* A result with no dimensions left (a single distribution, a scalar probability) is returned
  as a Python ``float``; anything else as a float64 ``numpy.ndarray``.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from ._validation import (
    as_float_array,
    as_scalar,
    check_entries_in_unit_interval,
    check_probabilities,
    check_same_shape,
    float_if_scalar,
)

__all__ = [
    "information_content",
    "entropy",
    "cross_entropy",
    "kl_divergence",
    "binary_entropy",
]


# -- private helpers ----------------------------------------------------------------------


def _log_of_base(base: object) -> float:
    """Return :math:`\\ln b` for ``base`` (1 for ``None``, i.e. nats), or raise naming it."""
    if base is None:
        return 1.0
    value = as_scalar(base, "base", positive=True, finite=True)
    if value == 1.0:
        raise ValueError("base must not be 1: log base 1 is undefined (ln 1 = 0)")
    return math.log(value)


def _in_base(nats: np.ndarray, log_base: float) -> np.ndarray | float:
    """Convert ``nats`` to the unit of ``log_base``; 0-d results become a Python float."""
    # "+ 0.0" turns the -0.0 that "-(0 log 0)" or a base below 1 produce into 0.0, so a
    # certain outcome prints as 0.0 rather than -0.0.
    return float_if_scalar(nats / log_base + 0.0)


def _unit_interval(p: ArrayLike, name: str) -> np.ndarray:
    """``p`` as a float64 array of probabilities in [0, 1] (elementwise, no sum check)."""
    return check_entries_in_unit_interval(as_float_array(p, name, allow_inf=False), name)


def _distributions(p: ArrayLike, name: str, axis: int) -> tuple[np.ndarray, int]:
    """Validate probability vectors along ``axis``, naming ``name`` in every error."""
    return check_probabilities(p, name, axis=axis)


def _log_on_support(x: np.ndarray, support: np.ndarray) -> np.ndarray:
    """``log x`` where ``support`` is true and 0 elsewhere.

    Only entries with :math:`p_i > 0` contribute to the sums below; skipping the others is
    the convention :math:`0 \\log 0 = 0` and avoids ``0 * -inf = NaN``. Inside the support
    ``log 0 = -inf`` is the right answer, so the divide warning is silenced there.
    """
    out = np.zeros_like(x)
    with np.errstate(divide="ignore"):
        np.log(x, out=out, where=support)
    return out


# -- information content ------------------------------------------------------------------


def information_content(p: ArrayLike, *, base: float | None = 2) -> np.ndarray | float:
    r"""Information content (surprisal) of an outcome of probability ``p``, elementwise.

    Derivation: :doc:`/information/entropy`.

    .. math:: I(p) = -\log_b p = \log_b \frac{1}{p}

    The rarer the outcome, the more information its occurrence carries: a certain outcome
    (:math:`p = 1`) carries none, a fair coin flip carries 1 bit, an impossible outcome
    (:math:`p = 0`) would carry infinitely much.

    Parameters
    ----------
    p : array_like
        Probabilities in :math:`[0, 1]`, any shape. ``p = 0`` gives ``inf``. Values outside
        :math:`[0, 1]`, NaN and ``±inf`` raise ``ValueError``.
    base : float or None, default 2
        Unit of the result: 2 gives bits (the default here, as in most texts on
        surprisal), ``None`` gives nats. Any positive base other than 1.

    Returns
    -------
    numpy.ndarray or float
        Same shape as ``p``, non-negative for ``base > 1``; a ``float`` for scalar ``p``.

    See Also
    --------
    entropy : the expected information content of a distribution.

    Examples
    --------
    >>> from notes.information import information_content
    >>> information_content(0.5)  # a fair coin flip: 1 bit
    1.0
    >>> information_content([1.0, 0.25, 0.125]).tolist()
    [0.0, 2.0, 3.0]
    >>> information_content(0.0)  # an impossible outcome
    inf
    >>> round(information_content(0.5, base=None), 4)  # in nats: ln 2
    0.6931
    """
    log_base = _log_of_base(base)
    p = _unit_interval(p, "p")
    with np.errstate(divide="ignore"):  # -log 0 = +inf is the stated answer for p = 0
        nats = -np.log(p)
    return _in_base(nats, log_base)


# -- entropy, cross-entropy, KL divergence ------------------------------------------------


def entropy(p: ArrayLike, *, base: float | None = None, axis: int = -1) -> np.ndarray | float:
    r"""Shannon entropy of a discrete distribution: its average information content.

    Derivation: :doc:`/information/entropy`.

    .. math:: H(p) = -\sum_i p_i \log_b p_i = \mathbb{E}_{i \sim p}\bigl[-\log_b p_i\bigr],
              \qquad 0 \log 0 = 0

    **High entropy means high uncertainty**: the outcome is hard to predict, so on average
    each observation is a big surprise. The bounds are

    .. math:: 0 \le H(p) \le \log_b n,

    with :math:`H = 0` exactly for a one-hot :math:`p` (no uncertainty: the outcome is
    known) and :math:`H = \log_b n` exactly for the uniform distribution over :math:`n`
    outcomes (maximal uncertainty).

    Parameters
    ----------
    p : array_like
        A probability vector of shape ``(n,)``, or a batch of them along ``axis``: finite,
        non-negative, summing to 1 within ``1e-6``. Zeros are allowed and contribute 0.
        Otherwise (negative entries, wrong sums, NaN, ``inf``, a scalar, an empty ``axis``)
        ``ValueError``; non-numeric input ``TypeError``.
    base : float or None, default None
        ``None`` gives nats, 2 gives bits; any positive base other than 1 (a base below 1
        flips the sign).
    axis : int, default -1
        The axis along which ``p`` sums to 1.

    Returns
    -------
    numpy.ndarray or float
        ``p``'s shape without ``axis``; a ``float`` for a single distribution.

    See Also
    --------
    cross_entropy, kl_divergence, binary_entropy

    Notes
    -----
    The tests compare this function with ``scipy.stats.entropy(pk, base=..., axis=...)``.

    Examples
    --------
    >>> from notes.information import entropy
    >>> entropy([0.5, 0.5], base=2)  # a fair coin: 1 bit of uncertainty
    1.0
    >>> entropy([0.25, 0.25, 0.25, 0.25], base=2)  # uniform over 4: log2 4, the maximum
    2.0
    >>> entropy([1.0, 0.0, 0.0])  # one-hot: certain, no uncertainty
    0.0
    >>> round(entropy([0.9, 0.1], base=2), 4)  # a biased coin is more predictable
    0.469
    >>> entropy([[0.5, 0.5], [1.0, 0.0]], base=2).tolist()  # a batch, one row each
    [1.0, 0.0]
    """
    log_base = _log_of_base(base)
    p, axis = _distributions(p, "p", axis)
    nats = -(p * _log_on_support(p, p > 0)).sum(axis=axis)
    return _in_base(nats, log_base)


def _distribution_pair(p: ArrayLike, q: ArrayLike, axis: int) -> tuple[np.ndarray, np.ndarray, int]:
    """Validate ``p`` and ``q`` as same-shaped probability vectors along ``axis``."""
    p, p_axis = _distributions(p, "p", axis)
    q, _ = _distributions(q, "q", axis)
    check_same_shape(p, q, "p", "q")
    return p, q, p_axis


def cross_entropy(p: ArrayLike, q: ArrayLike, *, base: float | None = None, axis: int = -1) -> np.ndarray | float:
    r"""Cross-entropy of ``q`` relative to ``p``: average surprise when scoring ``p`` with ``q``.

    Derivation: :doc:`/information/cross-entropy-and-kl`.

    .. math:: H(p, q) = -\sum_i p_i \log_b q_i = H(p) + D_{\mathrm{KL}}(p \,\|\, q)
              \ \ge\ H(p)

    Outcomes are drawn from the true distribution :math:`p`, but each is scored with the
    surprisal :math:`-\log q_i` of the model :math:`q`. With one-hot labels :math:`p`
    (:math:`p_c = 1` for the true class :math:`c`), :math:`H(p) = 0` and this is
    :math:`-\log q_c`, the classification loss; it then equals the KL divergence.

    Terms with :math:`p_i = 0` contribute 0 whatever :math:`q_i` is (so :math:`0 \log 0 = 0`);
    a term with :math:`q_i = 0 < p_i` makes the result ``+inf``: the model calls impossible
    something that happens.

    Parameters
    ----------
    p : array_like
        The true distribution(s), as for :func:`entropy`.
    q : array_like
        The model distribution(s), same shape as ``p`` (no broadcasting), same checks.
    base : float or None, default None
        ``None`` gives nats, 2 gives bits; any positive base other than 1.
    axis : int, default -1
        The axis along which ``p`` and ``q`` sum to 1.

    Returns
    -------
    numpy.ndarray or float
        ``p``'s shape without ``axis``; a ``float`` for a single pair of distributions.

    See Also
    --------
    entropy, kl_divergence

    Examples
    --------
    One-hot truth, so :math:`H(p) = 0` and cross-entropy = KL divergence = :math:`-\ln 0.7`:

    >>> import math
    >>> from notes.information import cross_entropy, kl_divergence
    >>> p, q = [1.0, 0.0, 0.0], [0.7, 0.2, 0.1]
    >>> round(cross_entropy(p, q), 4)
    0.3567
    >>> round(-math.log(0.7), 4)
    0.3567
    >>> round(kl_divergence(p, q), 4)
    0.3567
    >>> cross_entropy(p, [0.0, 0.5, 0.5])  # the true class was given probability 0
    inf
    >>> cross_entropy([0.5, 0.5], [0.5, 0.5], base=2)  # q = p: just H(p)
    1.0
    """
    log_base = _log_of_base(base)
    p, q, axis = _distribution_pair(p, q, axis)
    nats = -(p * _log_on_support(q, p > 0)).sum(axis=axis)
    return _in_base(nats, log_base)


def kl_divergence(p: ArrayLike, q: ArrayLike, *, base: float | None = None, axis: int = -1) -> np.ndarray | float:
    r"""Kullback–Leibler divergence of ``q`` from ``p``: the extra surprise of using ``q``.

    Derivation: :doc:`/information/cross-entropy-and-kl`.

    .. math:: D_{\mathrm{KL}}(p \,\|\, q) = \sum_i p_i \log_b \frac{p_i}{q_i}
              = H(p, q) - H(p) \ \ge\ 0

    It is 0 exactly when :math:`q = p` (Gibbs' inequality) and it is **not symmetric**:
    :math:`D_{\mathrm{KL}}(p \| q) \ne D_{\mathrm{KL}}(q \| p)` in general, so it is not a
    distance. Because :math:`H(p)` does not depend on :math:`q`, minimizing cross-entropy
    over :math:`q` minimizes the KL divergence.

    Terms with :math:`p_i = 0` contribute 0; a term with :math:`q_i = 0 < p_i` makes the
    result ``+inf``.

    Parameters
    ----------
    p : array_like
        The reference distribution(s), as for :func:`entropy`.
    q : array_like
        The approximating distribution(s), same shape as ``p`` (no broadcasting).
    base : float or None, default None
        ``None`` gives nats, 2 gives bits; any positive base other than 1.
    axis : int, default -1
        The axis along which ``p`` and ``q`` sum to 1.

    Returns
    -------
    numpy.ndarray or float
        ``p``'s shape without ``axis``; a ``float`` for a single pair of distributions.
        Rounding can leave a result of order ``-1e-17`` where :math:`q \approx p`.

    See Also
    --------
    entropy, cross_entropy

    Notes
    -----
    Each term is computed as :math:`p_i(\ln p_i - \ln q_i)`, which stays finite for
    subnormal :math:`q_i` where :math:`p_i / q_i` would overflow. The tests compare this
    function with ``scipy.stats.entropy(pk, qk, base=..., axis=...)``.

    Examples
    --------
    With one-hot :math:`p`, :math:`H(p) = 0`, so KL equals the cross-entropy,
    :math:`-\ln 0.7 \approx 0.3567` nats:

    >>> from notes.information import kl_divergence
    >>> p, q = [1.0, 0.0, 0.0], [0.7, 0.2, 0.1]
    >>> round(kl_divergence(p, q), 4)
    0.3567
    >>> kl_divergence(q, p)  # not symmetric: p rules out outcomes that q allows
    inf
    >>> kl_divergence(q, q)
    0.0
    """
    log_base = _log_of_base(base)
    p, q, axis = _distribution_pair(p, q, axis)
    support = p > 0
    nats = (p * (_log_on_support(p, support) - _log_on_support(q, support))).sum(axis=axis)
    return _in_base(nats, log_base)


# -- binary entropy -----------------------------------------------------------------------


def binary_entropy(p: ArrayLike, *, base: float | None = None) -> np.ndarray | float:
    r"""Entropy of a Bernoulli(``p``) variable (a biased coin), elementwise.

    Derivation: :doc:`/information/entropy`.

    .. math:: H_b(p) = -p \log_b p - (1 - p) \log_b (1 - p), \qquad 0 \log 0 = 0

    The same as :func:`entropy` of ``[p, 1 - p]``. It is symmetric,
    :math:`H_b(p) = H_b(1 - p)`, is 0 at :math:`p = 0` and :math:`p = 1` (the outcome is
    certain) and is largest, 1 bit, at :math:`p = 1/2` (a fair coin is the hardest to
    predict).

    Parameters
    ----------
    p : array_like
        Probabilities of "heads" in :math:`[0, 1]`, any shape. Values outside
        :math:`[0, 1]`, NaN and ``±inf`` raise ``ValueError``.
    base : float or None, default None
        ``None`` gives nats, 2 gives bits; any positive base other than 1.

    Returns
    -------
    numpy.ndarray or float
        Same shape as ``p``; a ``float`` for scalar ``p``.

    See Also
    --------
    entropy

    Examples
    --------
    >>> from notes.information import binary_entropy
    >>> binary_entropy(0.5, base=2)
    1.0
    >>> binary_entropy([0.0, 0.1, 0.9, 1.0], base=2).round(4).tolist()
    [0.0, 0.469, 0.469, 0.0]
    """
    log_base = _log_of_base(base)
    p = _unit_interval(p, "p")
    heads = p * _log_on_support(p, p > 0)
    # log1p(-p) keeps log(1 - p) accurate for tiny p, where 1 - p rounds to 1.
    tails = np.zeros_like(p)
    np.log1p(-p, out=tails, where=p < 1)
    nats = -(heads + (1.0 - p) * tails)
    return _in_base(nats, log_base)
