r"""Weight initialization: random weights whose variance keeps signals at a steady scale.

A layer computes :math:`z_j = \sum_{i=1}^{n_\text{in}} x_i W_{ij}`. With independent,
zero-mean weights, independent of the inputs,
:math:`\operatorname{Var}(z_j) = n_\text{in} \operatorname{Var}(W_{ij})\,\mathbb E[x_i^2]`: the
signal's scale is preserved when :math:`\operatorname{Var}(W_{ij}) = 1/n_\text{in}` (LeCun).
Preserving the variance of the gradients in the backward pass asks for
:math:`1/n_\text{out}` instead; Glorot and Bengio (Xavier) compromise on
:math:`2/(n_\text{in} + n_\text{out})`. A ReLU zeroes the negative half of a symmetric
input, so its output keeps half the second moment, :math:`\mathbb E[a^2] = \tfrac12
\mathbb E[z^2]`, which He et al. compensate with :math:`2/n_\text{in}`.

**Shape convention.** Every function returns an array of shape ``(fan_in, fan_out)``, so
that a batch ``x`` of shape ``(m, fan_in)`` maps to ``x @ W`` of shape ``(m, fan_out)``.
PyTorch's ``nn.Linear`` stores the transpose, ``(out_features, in_features)``; the variances
are the same (``torch.nn.init.xavier_uniform_``, ``kaiming_normal_`` with its defaults …).

All randomness comes from the ``numpy.random.Generator`` passed in: no global seed.

**Errors.** ``fan_in`` and ``fan_out`` must be positive integers (``TypeError`` for a bool, a
non-integral number or anything else, ``ValueError`` for 0 or less), and ``rng`` a
``Generator`` (``TypeError``). A shape too large for this machine's memory is a
``ValueError`` naming ``fan_in × fan_out``, raised before anything is allocated.
"""

from __future__ import annotations

import math

import numpy as np

from ._validation import as_scalar, check_generator, check_size

__all__ = ["lecun_normal", "xavier_uniform", "xavier_normal", "he_normal"]


def _check_fans(fan_in: int, fan_out: int, rng: np.random.Generator) -> tuple[int, int]:
    """Validate the layer sizes (positive integers) and the random generator."""
    fan_in = as_scalar(fan_in, "fan_in", integer=True, positive=True)
    fan_out = as_scalar(fan_out, "fan_out", integer=True, positive=True)
    check_size((fan_in, fan_out), "fan_in × fan_out")
    check_generator(rng)
    return fan_in, fan_out


def lecun_normal(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    r"""LeCun normal initialization: zero-mean Gaussian weights of variance :math:`1/n_\text{in}`.

    Derivation: :doc:`/network/vanishing-gradients-and-initialization`.

    .. math::

       W_{ij} \sim \mathcal N\!\left(0,\ \frac{1}{n_\text{in}}\right)

    Parameters
    ----------
    fan_in : int
        Number of inputs of the layer, :math:`n_\text{in} \ge 1`.
    fan_out : int
        Number of outputs, :math:`n_\text{out} \ge 1`.
    rng : numpy.random.Generator
        Source of randomness (a ``RandomState`` or a seed raises ``TypeError``).

    Returns
    -------
    numpy.ndarray
        Shape ``(fan_in, fan_out)``, float64.

    Examples
    --------
    >>> import numpy as np
    >>> from notes.init import lecun_normal
    >>> W = lecun_normal(400, 300, np.random.default_rng(0))
    >>> W.shape
    (400, 300)
    >>> round(float(W.var() * 400), 1)  # variance 1/fan_in
    1.0
    """
    fan_in, fan_out = _check_fans(fan_in, fan_out, rng)
    return rng.normal(0.0, math.sqrt(1.0 / fan_in), size=(fan_in, fan_out))


def xavier_uniform(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    r"""Xavier (Glorot) uniform initialization: variance :math:`2/(n_\text{in} + n_\text{out})`.

    Derivation: :doc:`/network/vanishing-gradients-and-initialization`.

    .. math::

       W_{ij} \sim \mathcal U(-r, r), \qquad
       r = \sqrt{\frac{6}{n_\text{in} + n_\text{out}}}, \qquad
       \operatorname{Var}(W_{ij}) = \frac{r^2}{3} = \frac{2}{n_\text{in} + n_\text{out}}

    Parameters
    ----------
    fan_in, fan_out : int
        Numbers of inputs and outputs of the layer, positive.
    rng : numpy.random.Generator
        Source of randomness.

    Returns
    -------
    numpy.ndarray
        Shape ``(fan_in, fan_out)``, float64, every entry in :math:`[-r, r)`.

    See Also
    --------
    xavier_normal : the same variance from a Gaussian.

    Examples
    --------
    >>> import numpy as np
    >>> from notes.init import xavier_uniform
    >>> W = xavier_uniform(200, 100, np.random.default_rng(0))
    >>> bound = np.sqrt(6 / (200 + 100))
    >>> bool(np.abs(W).max() <= bound)
    True
    >>> round(float(W.var() * (200 + 100) / 2), 1)  # variance 2/(fan_in + fan_out)
    1.0
    """
    fan_in, fan_out = _check_fans(fan_in, fan_out, rng)
    bound = math.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-bound, bound, size=(fan_in, fan_out))


def xavier_normal(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    r"""Xavier (Glorot) normal initialization: variance :math:`2/(n_\text{in} + n_\text{out})`.

    Derivation: :doc:`/network/vanishing-gradients-and-initialization`.

    .. math::

       W_{ij} \sim \mathcal N\!\left(0,\ \frac{2}{n_\text{in} + n_\text{out}}\right)

    Parameters
    ----------
    fan_in, fan_out : int
        Numbers of inputs and outputs of the layer, positive.
    rng : numpy.random.Generator
        Source of randomness.

    Returns
    -------
    numpy.ndarray
        Shape ``(fan_in, fan_out)``, float64.

    See Also
    --------
    xavier_uniform

    Examples
    --------
    >>> import numpy as np
    >>> from notes.init import xavier_normal
    >>> W = xavier_normal(200, 100, np.random.default_rng(0))
    >>> round(float(W.var() * (200 + 100) / 2), 1)
    1.0
    """
    fan_in, fan_out = _check_fans(fan_in, fan_out, rng)
    return rng.normal(0.0, math.sqrt(2.0 / (fan_in + fan_out)), size=(fan_in, fan_out))


def he_normal(fan_in: int, fan_out: int, rng: np.random.Generator) -> np.ndarray:
    r"""He (Kaiming) normal initialization, for ReLU layers: variance :math:`2/n_\text{in}`.

    Derivation: :doc:`/network/vanishing-gradients-and-initialization`.

    .. math::

       W_{ij} \sim \mathcal N\!\left(0,\ \frac{2}{n_\text{in}}\right)

    The factor 2 makes up for the ReLU, which sets half of its inputs to zero and so
    halves the second moment that reaches the next layer. This is
    ``torch.nn.init.kaiming_normal_`` with its defaults (``mode="fan_in"``,
    ``nonlinearity="leaky_relu"``, ``a=0``, i.e. gain :math:`\sqrt 2`).

    Parameters
    ----------
    fan_in, fan_out : int
        Numbers of inputs and outputs of the layer, positive.
    rng : numpy.random.Generator
        Source of randomness.

    Returns
    -------
    numpy.ndarray
        Shape ``(fan_in, fan_out)``, float64.

    Examples
    --------
    >>> import numpy as np
    >>> from notes.init import he_normal
    >>> W = he_normal(400, 300, np.random.default_rng(0))
    >>> round(float(W.var() * 400 / 2), 1)  # variance 2/fan_in
    1.0
    """
    fan_in, fan_out = _check_fans(fan_in, fan_out, rng)
    return rng.normal(0.0, math.sqrt(2.0 / fan_in), size=(fan_in, fan_out))
