r"""Feature standardization: zero mean and unit variance, with statistics from training data.

Gradient descent on features of very different scales faces an ill-conditioned loss (a
long, narrow valley); rescaling every feature to mean 0 and standard deviation 1 rounds the
valley out. The statistics must come from the **training** set only and then be applied
unchanged to validation and test data, otherwise information about the test set leaks into
the model. :class:`Standardizer` keeps that discipline: ``fit`` once, ``transform`` anything.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validation import as_matrix, check_in_float_range

__all__ = ["Standardizer"]


def _scaled_mean_and_std(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column means and standard deviations (``ddof=0``) that cannot overflow.

    Summing values near 1e308, or squaring values above 1e154, overflows. Each column is
    first divided by a power of two close to its largest magnitude, which is exact (only
    the exponent changes), so the results equal NumPy's wherever NumPy does not overflow.
    """
    _, exponent = np.frexp(np.abs(X).max(axis=0))
    unit = np.ldexp(1.0, exponent - 1)  # 2**(e-1) <= max|x| < 2**e; 2**1024 would be inf
    scaled = X / unit
    return scaled.mean(axis=0) * unit, scaled.std(axis=0) * unit


class Standardizer:
    r"""Standardize features with the mean and standard deviation of the training data.

    Derivation: :doc:`/optim/sgd-and-feature-scaling`.

    .. math::

       \bar x_j = \frac1m \sum_{i=1}^m X_{ij}, \qquad
       \sigma_j = \sqrt{\frac1m \sum_{i=1}^m (X_{ij} - \bar x_j)^2}, \qquad
       Z_{ij} = \frac{X_{ij} - \bar x_j}{\sigma_j}

    The standard deviation is the population one (``ddof=0``), as in scikit-learn's
    ``StandardScaler``.

    **Constant features.** A feature whose training values are all equal has
    :math:`\sigma_j = 0`; dividing by it would give NaN or ``inf``. Such a feature gets
    ``scale_ = 1`` and ``mean_`` equal to that value exactly, so it is only centred: its
    training column becomes exactly 0, and other data are shifted by the same amount.

    Attributes
    ----------
    mean_ : numpy.ndarray or None
        Shape ``(n_features,)``: the training means :math:`\bar x_j`; ``None`` before ``fit``.
    scale_ : numpy.ndarray or None
        Shape ``(n_features,)``: the divisors, :math:`\sigma_j`, or 1 for a constant
        feature; ``None`` before ``fit``.
    n_features_in_ : int or None
        Number of features seen by ``fit``.

    Raises
    ------
    RuntimeError
        From ``transform`` or ``inverse_transform`` called before ``fit`` (a misuse of
        the object, not a bad argument).
    ValueError
        From any method, for data that are not 2-D, contain NaN or ``±inf``, or (in
        ``transform``/``inverse_transform``) have a different number of features than the
        training data; from ``fit``, for data with no rows; from ``transform`` and
        ``inverse_transform``, for a result beyond the float64 range (data about ``1e308``
        times the scale away from the mean). A difference or product that overflows on the
        way to a result in range is computed on halves instead, so the training data always
        transform to finite values.
    TypeError
        For data that are not real numbers, or masked arrays.

    Examples
    --------
    >>> import numpy as np
    >>> from notes.preprocessing import Standardizer
    >>> X_train = np.array([[1.0, 10.0], [3.0, 10.0], [5.0, 10.0]])
    >>> scaler = Standardizer().fit(X_train)
    >>> scaler.mean_.tolist(), scaler.scale_.round(4).tolist()  # 2nd feature is constant
    ([3.0, 10.0], [1.633, 1.0])
    >>> scaler.transform(X_train).round(4).tolist()
    [[-1.2247, 0.0], [0.0, 0.0], [1.2247, 0.0]]
    >>> scaler.transform([[7.0, 12.0]]).round(4).tolist()  # training statistics, not its own
    [[2.4495, 2.0]]
    >>> scaler.inverse_transform(scaler.transform(X_train)).round(12).tolist()
    [[1.0, 10.0], [3.0, 10.0], [5.0, 10.0]]
    """

    def __init__(self) -> None:
        self.mean_: np.ndarray | None = None
        self.scale_: np.ndarray | None = None
        self.n_features_in_: int | None = None

    def fit(self, X: ArrayLike) -> Standardizer:
        r"""Learn :math:`\bar x_j` and :math:`\sigma_j` from training data.

        Parameters
        ----------
        X : array_like
            Training data, shape ``(m, n_features)`` with :math:`m \ge 1`, finite.

        Returns
        -------
        Standardizer
            ``self``, so that ``Standardizer().fit(X).transform(X)`` reads in one line.
        """
        X = as_matrix(X, "X", axes=("n_samples", "n_features"))
        mean, std = _scaled_mean_and_std(X)
        # "All values equal" is decided exactly: a rounded std of a constant column can
        # come out as 1e-17 instead of 0, which would blow its rounding noise up to ±1.
        constant = (X == X[0]).all(axis=0)
        self.mean_ = np.where(constant, X[0], mean)
        # std can also underflow to 0 for values a few subnormals apart; never divide by 0.
        self.scale_ = np.where(constant | (std == 0.0), 1.0, std)
        self.n_features_in_ = X.shape[1]
        return self

    def transform(self, X: ArrayLike) -> np.ndarray:
        r"""Standardize ``X`` with the **training** statistics: :math:`(X_{ij} - \bar x_j) / \sigma_j`.

        Parameters
        ----------
        X : array_like
            Shape ``(k, n_features)``, any :math:`k \ge 0`, finite.

        Returns
        -------
        numpy.ndarray
            Shape ``(k, n_features)``, float64, finite. Data so far outside the training
            range that the result passes the float64 range raise ``ValueError``.
        """
        data, mean, scale = self._check_fitted_data(X, "X")
        with np.errstate(over="ignore"):
            out: np.ndarray = (data - mean) / scale
            bad = ~np.isfinite(out)
            if bad.any():  # x - mean past the float range: halves, exact for such magnitudes
                out[bad] = (((data * 0.5 - mean * 0.5) / scale) * 2.0)[bad]
        return check_in_float_range(out, "transform(X)")

    def fit_transform(self, X: ArrayLike) -> np.ndarray:
        """``fit(X)``, then ``transform(X)``: the standardized training data.

        Examples
        --------
        >>> from notes.preprocessing import Standardizer
        >>> Standardizer().fit_transform([[0.0], [2.0]]).tolist()
        [[-1.0], [1.0]]
        """
        return self.fit(X).transform(X)

    def inverse_transform(self, Z: ArrayLike) -> np.ndarray:
        r"""Undo :meth:`transform`: :math:`Z \sigma + \mu`.

        Parameters
        ----------
        Z : array_like
            Standardized data, shape ``(k, n_features)``, finite.

        Returns
        -------
        numpy.ndarray
            Shape ``(k, n_features)``, in the original units, finite; ``ValueError`` if the
            result passes the float64 range.
        """
        data, mean, scale = self._check_fitted_data(Z, "Z")
        with np.errstate(over="ignore"):
            out: np.ndarray = data * scale + mean
            bad = ~np.isfinite(out)
            if bad.any():  # z * scale past the float range while the sum need not be
                out[bad] = ((data * (scale * 0.5) + mean * 0.5) * 2.0)[bad]
        return check_in_float_range(out, "inverse_transform(Z)")

    def _check_fitted_data(self, X: ArrayLike, name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``X`` checked against the fitted statistics, and those statistics ``(mean_, scale_)``."""
        if self.mean_ is None or self.scale_ is None:
            raise RuntimeError("this Standardizer is not fitted yet: call fit(X_train) before transforming")
        data = as_matrix(X, name, axes=("n_samples", "n_features"), allow_empty=True)
        if data.shape[1] != self.n_features_in_:
            raise ValueError(
                f"{name} has {data.shape[1]} features, but the Standardizer was fitted on {self.n_features_in_}"
            )
        return data, self.mean_, self.scale_
