"""Tests for notes.schedules: hand-computed values, StepLR semantics, monotonicity, errors."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from notes.schedules import exponential_decay, inverse_time_decay, step_decay

SCHEDULES = {
    "inverse_time_decay": lambda epoch: inverse_time_decay(0.1, 0.5, epoch),
    "exponential_decay": lambda epoch: exponential_decay(0.1, 0.9, epoch),
    "step_decay": lambda epoch: step_decay(0.1, 3, 0.5, epoch),
}


# -- hand-computed values -------------------------------------------------------------------


def test_inverse_time_decay_hand_value():
    assert inverse_time_decay(0.1, 0.5, 2) == pytest.approx(0.05), "0.1 / (1 + 0.5*2)"


def test_exponential_decay_hand_value():
    assert exponential_decay(0.2, 0.5, 3) == pytest.approx(0.025), "0.2 * 0.5**3"


def test_step_decay_hand_values():
    # lr0=0.1, step_size=2, gamma=0.1: epochs 0,1 -> 0.1; 2,3 -> 0.01; 4 -> 0.001.
    got = step_decay(0.1, 2, 0.1, [0, 1, 2, 3, 4])
    np.testing.assert_allclose(got, [0.1, 0.1, 0.01, 0.01, 0.001], rtol=1e-12, err_msg="mine vs hand")


@pytest.mark.parametrize("name", sorted(SCHEDULES))
def test_epoch_zero_gives_lr0(name):
    assert SCHEDULES[name](0) == pytest.approx(0.1)


@pytest.mark.parametrize("name", sorted(SCHEDULES))
def test_integer_epoch_gives_a_python_float(name):
    assert type(SCHEDULES[name](4)) is float


@pytest.mark.parametrize("name", sorted(SCHEDULES))
def test_array_of_epochs_equals_each_epoch_separately(name):
    epochs = np.arange(12).reshape(3, 4)
    expected = [[SCHEDULES[name](int(e)) for e in row] for row in epochs]
    np.testing.assert_allclose(SCHEDULES[name](epochs), expected, rtol=1e-15)


# -- equivalences ---------------------------------------------------------------------------


def test_step_decay_is_constant_within_a_step_like_torch_steplr():
    # torch.optim.lr_scheduler.StepLR(step_size=4): lr0 for epochs 0..3, then lr0*gamma for 4..7.
    rates = step_decay(1.0, 4, 0.5, np.arange(12))
    assert rates.reshape(3, 4).tolist() == [[1.0] * 4, [0.5] * 4, [0.25] * 4]


def test_step_decay_with_step_size_one_is_exponential_decay():
    epochs = np.arange(30)
    np.testing.assert_allclose(
        step_decay(0.3, 1, 0.7, epochs),
        exponential_decay(0.3, 0.7, epochs),
        rtol=1e-15,
        err_msg="step_decay(s=1) vs exponential_decay",
    )


def test_exponential_decay_multiplies_by_gamma_each_epoch():
    # torch.optim.lr_scheduler.ExponentialLR: lr_{e+1} = gamma * lr_e.
    rates = exponential_decay(0.5, 0.8, np.arange(20))
    np.testing.assert_allclose(rates[1:], 0.8 * rates[:-1], rtol=1e-14)


def test_gamma_one_and_zero_decay_rate_keep_the_rate_constant():
    epochs = np.arange(10)
    assert exponential_decay(0.1, 1.0, epochs).tolist() == [0.1] * 10
    assert inverse_time_decay(0.1, 0.0, epochs).tolist() == [0.1] * 10


def test_far_epoch_underflows_to_zero_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert exponential_decay(1.0, 0.5, 5000) == 0.0


# -- monotonicity ---------------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(lr0=st.floats(1e-6, 10.0), rate=st.floats(0.0, 10.0), gamma=st.floats(1e-3, 1.0), step_size=st.integers(1, 10))
def test_schedules_are_monotone_non_increasing(lr0, rate, gamma, step_size):
    epochs = np.arange(60)
    for rates in (
        inverse_time_decay(lr0, rate, epochs),
        exponential_decay(lr0, gamma, epochs),
        step_decay(lr0, step_size, gamma, epochs),
    ):
        assert np.all(np.diff(rates) <= 0), f"mine {rates} increases"


# -- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda: inverse_time_decay(0.0, 0.5, 1), ValueError, "lr0"),
        (lambda: inverse_time_decay(-0.1, 0.5, 1), ValueError, "lr0"),
        (lambda: inverse_time_decay(0.1, -0.5, 1), ValueError, "decay_rate"),
        (lambda: exponential_decay(0.1, 0.0, 1), ValueError, "gamma"),
        (lambda: exponential_decay(0.1, 1.5, 1), ValueError, "gamma"),
        (lambda: step_decay(0.1, 0, 0.5, 1), ValueError, "step_size"),
        (lambda: step_decay(0.1, 2.5, 0.5, 1), TypeError, "step_size"),
        (lambda: step_decay(0.1, 2, 1.1, 1), ValueError, "gamma"),
        (lambda: exponential_decay(0.1, 0.9, -1), ValueError, "epoch"),
        (lambda: exponential_decay(0.1, 0.9, [0, 3, -2]), ValueError, "epoch"),
        (lambda: exponential_decay(0.1, 0.9, 1.5), TypeError, "epoch"),
        (lambda: exponential_decay(0.1, 0.9, float("nan")), TypeError, "epoch"),
        (lambda: exponential_decay(0.1, 0.9, True), TypeError, "epoch"),
        (lambda: exponential_decay(0.1, 0.9, "3"), TypeError, "epoch"),
        (lambda: exponential_decay("0.1", 0.9, 3), TypeError, "lr0"),
    ],
)
def test_bad_input_raises(call, error, match):
    with pytest.raises(error, match=match):
        call()
