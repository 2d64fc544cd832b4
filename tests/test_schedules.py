"""Tests for notes.schedules: hand-computed values, StepLR semantics, monotonicity, errors."""

import warnings
from decimal import Decimal, localcontext
from fractions import Fraction

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
        (lambda: exponential_decay(np.inf, 0.9, 3), ValueError, "^lr0 must be finite"),
        (lambda: step_decay(np.inf, 2, 0.9, 3), ValueError, "^lr0 must be finite"),
        (lambda: inverse_time_decay(np.inf, 0.5, 3), ValueError, "^lr0 must be finite"),
        (lambda: inverse_time_decay(0.1, np.inf, 3), ValueError, "^decay_rate must be finite"),
        (lambda: inverse_time_decay(0.1, np.nan, 3), ValueError, "^decay_rate must not be NaN"),
        (lambda: exponential_decay(0.1, np.nan, 3), ValueError, "^gamma must not be NaN"),
        (lambda: exponential_decay(0.1, np.inf, 3), ValueError, "^gamma must be in"),
        (lambda: step_decay(0.1, np.inf, 0.5, 3), TypeError, "^step_size must be an integer"),
        (lambda: step_decay(0.1, True, 0.5, 3), TypeError, "^step_size must be a real number"),
        (lambda: exponential_decay(True, 0.5, 3), TypeError, "^lr0 must be a real number"),
    ],
)
def test_bad_input_raises(call, error, match):
    with pytest.raises(error, match=match):
        call()


# -- epochs of every integer type, and beyond int64 ------------------------------------------


@pytest.mark.parametrize("name", sorted(SCHEDULES))
@pytest.mark.parametrize(
    "epoch", [np.uint64(7), np.int8(7), np.int16(7), np.uint8(7), 7.0, np.float32(7.0), np.array(7, dtype=np.uint32)]
)
def test_an_epoch_of_any_integer_type_gives_the_rate_of_the_python_int(name, epoch):
    assert SCHEDULES[name](epoch) == SCHEDULES[name](7)


@pytest.mark.parametrize("name", sorted(SCHEDULES))
@pytest.mark.parametrize("dtype", [np.uint64, np.int8, np.uint8, np.int16, np.uint32, np.int64])
def test_an_array_of_epochs_of_any_integer_dtype_gives_the_rates_of_the_python_ints(name, dtype):
    epochs = [0, 1, 5, 100, 127]
    expected = [SCHEDULES[name](e) for e in epochs]
    assert SCHEDULES[name](np.array(epochs, dtype=dtype)).tolist() == expected


LARGEST_EPOCH = 2**63 - 1


@pytest.mark.parametrize(
    "epoch",
    [
        np.uint64(2**64 - 1),
        np.uint64(2**63),
        np.array([0, 2**63], dtype=np.uint64),
        2**63,
        2**70,
        [3, 2**70],
        1e19,
        2.0**63,
        np.array([1.0, 1e300]),
    ],
)
@pytest.mark.parametrize("name", sorted(SCHEDULES))
def test_an_epoch_of_2_to_the_63_or_more_raises_value_error_instead_of_wrapping(name, epoch):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"^epoch must be below 2\*\*63"):
            SCHEDULES[name](epoch)


@pytest.mark.parametrize("epoch", [-1, np.int8(-1), [-(2**70)], -1.0, np.array([2, -3], dtype=np.int16)])
def test_a_negative_epoch_of_any_type_raises_value_error(epoch):
    with pytest.raises(ValueError, match="^epoch must be non-negative"):
        exponential_decay(0.1, 0.9, epoch)


@pytest.mark.parametrize(
    "epoch", [np.inf, -np.inf, np.nan, 2.5, [1, 2.5], np.True_, [True, False], ["1"], [[1], [1, 2]], None, 3 + 0j]
)
def test_an_epoch_that_is_not_an_integer_raises_type_error(epoch):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(TypeError, match="^epoch must"):
            exponential_decay(0.1, 0.9, epoch)


def test_a_masked_epoch_array_raises_type_error():
    with pytest.raises(TypeError, match="^epoch must not be a masked array"):
        step_decay(0.1, 2, 0.5, np.ma.array([1, 2], mask=[False, True]))


@pytest.mark.parametrize("name", sorted(SCHEDULES))
def test_the_largest_epochs_give_non_increasing_rates_without_warnings(name):
    epochs = np.array([0, 1, 2**40, 2**53 + 1, 2**62, LARGEST_EPOCH], dtype=np.uint64)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rates = SCHEDULES[name](epochs)
        last = SCHEDULES[name](LARGEST_EPOCH)
    assert np.all(np.diff(rates) <= 0) and np.all(rates >= 0), rates
    assert last == rates[-1]


# -- right over the whole float range, against exact arithmetic ------------------------------

TINY = float(np.finfo(np.float64).tiny)  # smallest normal float, 2**-1022
QUANTUM = 2.0**-1074  # spacing of the subnormals


def _exact_times_power(lr0, gamma, k):
    """lr0 * gamma**k to 60 digits, then rounded once to a float."""
    with localcontext() as context:
        context.prec, context.Emin, context.Emax = 60, -(10**8), 10**8
        return float(Decimal(lr0) * Decimal(gamma) ** k)


def _assert_rounding_close(got, exact, what):
    # A few rounding errors of a normal result, or a few quanta of a subnormal one.
    assert abs(got - exact) <= 1e-14 * exact + 4 * QUANTUM, f"{what}: mine {got!r} vs exact {exact!r}"


@pytest.mark.parametrize(
    "lr0, gamma, epoch",
    [
        (1e308, 0.5, 1100),  # 0.5**1100 = 7.4e-332 is 0.0 in float64, the rate 7.4e-24 is not
        (1e308, 1e-200, 2),
        (1e308, 0.9, 7000),
        (1e308, 0.9999999999999999, 2**62),
        (1.7e308, 5e-324, 1),
        (1e-300, 0.5, 70),  # the rate itself is subnormal: right to a quantum
        (3.0, 0.9, 100),
    ],
)
def test_exponential_decay_is_right_where_the_power_alone_underflows(lr0, gamma, epoch):
    exact = _exact_times_power(lr0, gamma, epoch)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = exponential_decay(lr0, gamma, epoch)
    _assert_rounding_close(got, exact, f"exponential_decay({lr0!r}, {gamma!r}, {epoch})")


@settings(max_examples=150, deadline=None)
@given(
    lr0=st.floats(1e-300, 1.7e308),
    gamma=st.floats(5e-324, 1.0, exclude_min=False),
    epoch=st.integers(0, 20_000),
    step_size=st.integers(1, 50),
)
def test_exponential_and_step_decay_match_exact_decimal_arithmetic(lr0, gamma, epoch, step_size):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got_exp = exponential_decay(lr0, gamma, epoch)
        got_step = step_decay(lr0, step_size, gamma, epoch)
    _assert_rounding_close(got_exp, _exact_times_power(lr0, gamma, epoch), "exponential_decay")
    _assert_rounding_close(got_step, _exact_times_power(lr0, gamma, epoch // step_size), "step_decay")


@settings(max_examples=150, deadline=None)
@given(lr0=st.floats(1e-300, 1.7e308), rate=st.floats(0.0, 1.7e308), epoch=st.integers(0, LARGEST_EPOCH))
def test_inverse_time_decay_matches_exact_fractions_even_where_rate_times_epoch_overflows(lr0, rate, epoch):
    exact = float(Fraction(lr0) / (1 + Fraction(rate) * epoch))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = inverse_time_decay(lr0, rate, epoch)
    _assert_rounding_close(got, exact, f"inverse_time_decay({lr0!r}, {rate!r}, {epoch})")


def test_inverse_time_decay_with_a_huge_rate_times_epoch_is_not_zero():
    # 1e308 / (1 + 1e308 * 10): the product overflows, the rate is 0.1 to rounding.
    assert inverse_time_decay(1e308, 1e308, 10) == pytest.approx(0.1, rel=1e-15)


@pytest.mark.parametrize("step_size", [2**63, 2**70, np.uint64(2**64 - 1), 1e300])
def test_a_step_size_beyond_every_epoch_keeps_the_rate_without_overflow_error(step_size):
    epochs = np.array([0, 5, LARGEST_EPOCH], dtype=np.int64)
    assert step_decay(0.3, step_size, 0.5, epochs).tolist() == [0.3, 0.3, 0.3]
    assert step_decay(0.3, step_size, 0.5, np.int8(100)) == 0.3


def test_step_decay_of_a_small_integer_dtype_epoch_with_a_large_step_size():
    # int8 arithmetic cannot hold 1000; the epochs are widened first: 100 // 1000 = 0 drops.
    assert step_decay(1.0, 1000, 0.5, np.array([100, 127], dtype=np.int8)).tolist() == [1.0, 1.0]
    assert step_decay(1.0, 3, 0.5, np.array([127], dtype=np.int8)).tolist() == [0.5**42]
