"""Tests for notes.optim: trajectories against PyTorch golden data, in-place updates, errors, ewma."""

import itertools
import json
import re
import warnings
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.lib.stride_tricks import as_strided

from notes import optim
from notes.optim import SGD, Adagrad, Adam, AdamW, RMSprop, ewma

GOLDEN = np.load(Path(__file__).parent / "golden" / "optim_torch.npz")
CONFIGS = json.loads(str(GOLDEN["configs"]))
N_PARAMS = 2
STEPS = GOLDEN["grads_0"].shape[0]


def _params():
    return [np.random.default_rng(0).normal(size=(3,)), np.ones((2, 2))]


def _grads():
    return [np.full(3, 0.5), np.full((2, 2), -1.0)]


# -- golden trajectories from torch.optim ---------------------------------------------------


def test_golden_file_covers_every_optimizer():
    assert {c["optimizer"] for c in CONFIGS.values()} == {"SGD", "Adagrad", "RMSprop", "Adam", "AdamW"}
    assert str(GOLDEN["torch_version"]).startswith("2.")


def test_golden_long_gradients_continue_the_short_ones():
    for i in range(N_PARAMS):
        assert np.array_equal(GOLDEN[f"grads_long_{i}"][:STEPS], GOLDEN[f"grads_{i}"])


def test_golden_adamw_runs_are_long_and_cover_amsgrad_and_zero_and_large_decay():
    adamw = [c for c in CONFIGS.values() if c["optimizer"] == "AdamW"]
    assert all(c["steps"] >= 50 for c in adamw)
    decays = [(c["kwargs"].get("lr", 1e-3), c["kwargs"].get("weight_decay", 1e-2)) for c in adamw]
    assert any(wd == 0 for _, wd in decays) and max(lr * wd for lr, wd in decays) >= 0.1
    assert any(c["kwargs"].get("amsgrad") for c in adamw)


# Runs with an entry that passes within rounding distance of 0 (see below).
RUNS_CROSSING_ZERO = {"adamw_no_decay"}


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_trajectory_matches_torch_optim(name):
    config = CONFIGS[name]
    params = [GOLDEN[f"initial_{i}"].copy() for i in range(N_PARAMS)]
    opt = getattr(optim, config["optimizer"])(params, **config["kwargs"])
    # 1e-12 relative. In a run where an entry passes near 0 (adamw_no_decay crosses at 3e-5),
    # that entry may also be off by 1e-12 of its parameter's scale: cancellation leaves there
    # rounding of the size of the other entries' last bits (measured: 3e-16 of the scale).
    near_zero = name in RUNS_CROSSING_ZERO
    scales = [np.abs(GOLDEN[f"{name}__traj_{i}"]).max() if near_zero else 0.0 for i in range(N_PARAMS)]
    for step in range(config["steps"]):
        opt.step([GOLDEN[f"grads_long_{i}"][step] for i in range(N_PARAMS)])
        for i, param in enumerate(params):
            reference = GOLDEN[f"{name}__traj_{i}"][step + 1]
            np.testing.assert_allclose(
                param,
                reference,
                rtol=1e-12,
                atol=1e-12 * scales[i],
                err_msg=f"{name}, params[{i}] after step {step + 1}: mine vs torch {GOLDEN['torch_version']}",
            )


# -- dampening = momentum: PyTorch's buffer as a moving average ----------------------------


def _torch_buffers(name):
    """PyTorch's momentum buffers v_t, read off its golden trajectory: v_t = (w_{t-1} - w_t) / lr."""
    lr = CONFIGS[name]["kwargs"]["lr"]
    return [np.diff(GOLDEN[f"{name}__traj_{i}"], axis=0) / -lr for i in range(N_PARAMS)]


def test_dampening_equal_to_momentum_makes_torchs_buffer_the_ewa_started_at_g1():
    # v_1 = g_1, v_t = mu v_{t-1} + (1 - mu) g_t, so v_t = ewma(g, mu)_t + mu^t g_1: the moving
    # average started from g_1 instead of 0. It is not ewma(g, mu) itself (that starts at
    # (1 - mu) g_1), nor does dampening = 1 - mu give the average.
    name = "sgd_momentum_dampening_ewa"
    mu = CONFIGS[name]["kwargs"]["momentum"]
    assert CONFIGS[name]["kwargs"]["dampening"] == mu
    powers = mu ** np.arange(1, STEPS + 1)
    for i, buffers in enumerate(_torch_buffers(name)):
        grads = GOLDEN[f"grads_{i}"].reshape(STEPS, -1)
        average = np.apply_along_axis(ewma, 0, grads, mu)
        expected = average + powers[:, None] * grads[0]
        np.testing.assert_allclose(
            buffers.reshape(STEPS, -1),
            expected,
            rtol=1e-9,
            atol=1e-12,
            err_msg=f"torch's buffer of params[{i}] vs ewma + mu^t g_1",
        )
        assert not np.allclose(buffers.reshape(STEPS, -1), average, rtol=1e-3), (
            f"torch's buffer of params[{i}] should differ from ewma(g) in the first steps"
        )


def test_sgd_with_dampening_equal_to_momentum_keeps_the_ewa_started_at_g1():
    rng = np.random.default_rng(5)
    grads = rng.normal(size=(12, 3))
    mu = 0.8
    opt = SGD([np.zeros(3)], lr=0.1, momentum=mu, dampening=mu)
    for t, g in enumerate(grads, start=1):
        opt.step([g])
        expected = np.array([ewma(grads[:t, j], mu)[-1] for j in range(3)]) + mu**t * grads[0]
        np.testing.assert_allclose(
            opt.state[0]["momentum_buffer"], expected, rtol=1e-12, err_msg=f"mine after step {t} vs ewma + mu^t g_1"
        )


# -- trajectory -----------------------------------------------------------------------------


def test_trajectory_of_sgd_matches_hand_computed_path():
    # f(w) = (w1^2 + 3 w2^2) / 2, gradient (w1, 3 w2); lr = 0.5: w1 halves, w2 flips sign and
    # halves, (1 - 0.5 * 3) = -0.5. By hand from (4, 2): (2, -1), (1, 0.5), (0.5, -0.25).
    run = optim.trajectory(SGD, [4.0, 2.0], lambda w: np.array([w[0], 3 * w[1]]), 3, lr=0.5)
    assert run.path.tolist() == [[4.0, 2.0], [2.0, -1.0], [1.0, 0.5], [0.5, -0.25]]
    assert run.grads.tolist() == [[4.0, 6.0], [2.0, -3.0], [1.0, 1.5]]
    assert isinstance(run.optimizer, SGD) and run.optimizer.t == 3


def test_trajectory_with_momentum_matches_hand_computed_path():
    # f(w) = w^2 / 2 (gradient w), lr = 1, mu = 0.5 from w = 1: v1 = 1, w1 = 0;
    # v2 = 0.5 + 0 = 0.5, w2 = -0.5; v3 = 0.25 - 0.5 = -0.25, w3 = -0.25.
    run = optim.trajectory(SGD, 1.0, lambda w: w, 3, lr=1.0, momentum=0.5)
    assert run.path.ravel().tolist() == [1.0, 0.0, -0.5, -0.25]
    assert run.optimizer.state[0]["momentum_buffer"].tolist() == [-0.25]


def test_trajectory_with_zero_steps_is_the_start():
    run = optim.trajectory(Adam, [1.0, 2.0], lambda w: w, 0)
    assert run.path.tolist() == [[1.0, 2.0]] and run.grads.shape == (0, 2)


def test_trajectory_does_not_let_grad_change_the_point():
    def grad(w):
        g = 2 * w
        w[:] = 100.0  # must have no effect
        return g

    run = optim.trajectory(SGD, [1.0], grad, 2, lr=0.25)
    assert run.path.ravel().tolist() == [1.0, 0.5, 0.25]


@pytest.mark.parametrize(
    "args, error, match",
    [
        ((list, [1.0], lambda w: w, 1), TypeError, "optimizer_class"),
        ((SGD, [1.0], "not callable", 1), TypeError, "grad must be callable"),
        ((SGD, [[1.0]], lambda w: w, 1), ValueError, "start must be a 1-D point"),
        ((SGD, [np.nan], lambda w: w, 1), ValueError, "start contains NaN"),
        ((SGD, [1.0], lambda w: w, -1), ValueError, "steps"),
        ((SGD, [1.0], lambda w: w, 1.5), TypeError, "steps"),
        ((SGD, [1.0, 2.0], lambda w: w[:1], 1), ValueError, "grad must return the shape"),
        ((SGD, [1.0], lambda w: w * np.inf, 1), ValueError, "infinite"),
    ],
)
def test_trajectory_bad_input_raises(args, error, match):
    with pytest.raises(error, match=match):
        optim.trajectory(*args, lr=0.1)


# -- hand-derived steps ---------------------------------------------------------------------


def test_sgd_nesterov_second_step_matches_hand_derivation():
    # mu = 0.5, g = 1 twice: b1 = 1, d1 = 1 + 0.5 = 1.5; b2 = 0.5 + 1 = 1.5, d2 = 1 + 0.75 = 1.75.
    w = np.zeros(1)
    opt = SGD([w], lr=1.0, momentum=0.5, nesterov=True)
    opt.step([np.ones(1)])
    opt.step([np.ones(1)])
    assert w[0] == pytest.approx(-(1.5 + 1.75)), f"mine {w[0]} vs hand -3.25"


def test_momentum_pytorch_form_equals_ewa_form_with_rescaled_lr():
    # Moving-average form: v_0 = 0, v = beta v + (1 - beta) g, w -= alpha v. It should give
    # PyTorch's trajectory with lr = (1 - beta) alpha and momentum = beta.
    rng = np.random.default_rng(1)
    grads = rng.normal(size=(15, 4))
    beta, alpha = 0.9, 0.5
    w_ref, v = np.zeros(4), np.zeros(4)
    for g in grads:
        v = beta * v + (1 - beta) * g
        w_ref -= alpha * v
    w = np.zeros(4)
    opt = SGD([w], lr=(1 - beta) * alpha, momentum=beta)
    for g in grads:
        opt.step([g])
    np.testing.assert_allclose(w, w_ref, rtol=1e-12, err_msg="mine (PyTorch form) vs EWA form")


def test_adam_first_step_moves_by_lr_against_gradient_sign():
    w = np.zeros(3)
    Adam([w], lr=0.1, eps=0.0).step([np.array([5.0, -0.001, 2.0])])
    np.testing.assert_allclose(w, [-0.1, 0.1, -0.1], rtol=1e-12, err_msg="mine vs -lr*sign(g)")


def test_adam_exp_avg_is_ewma_of_gradients():
    rng = np.random.default_rng(2)
    grads = rng.normal(size=(10,))
    opt = Adam([np.zeros(1)], betas=(0.8, 0.9))
    for g in grads:
        opt.step([np.array([g])])
    assert opt.state[0]["exp_avg"][0] == pytest.approx(ewma(grads, 0.8)[-1], rel=1e-12)


def test_adamw_defaults_are_torchs():
    opt = AdamW(_params())
    assert (opt.lr, opt.betas, opt.eps, opt.weight_decay, opt.amsgrad) == (1e-3, (0.9, 0.999), 1e-8, 1e-2, False)


@pytest.mark.parametrize("amsgrad", [False, True])
def test_adamw_without_weight_decay_is_adam_bit_for_bit(amsgrad):
    rng = np.random.default_rng(3)
    grads = rng.normal(size=(30, 4)) * 10.0 ** rng.uniform(-2, 1, size=(30, 1))
    w_adamw, w_adam = np.ones(4), np.ones(4)
    adamw = AdamW([w_adamw], lr=0.1, weight_decay=0.0, amsgrad=amsgrad)
    adam = Adam([w_adam], lr=0.1, amsgrad=amsgrad)
    for g in grads:
        adamw.step([g])
        adam.step([g])
        assert np.array_equal(w_adamw, w_adam), "AdamW(weight_decay=0) vs Adam"
    assert all(np.array_equal(adamw.state[0][k], adam.state[0][k]) for k in adam.state[0])


def test_adamw_on_a_zero_gradient_shrinks_by_exactly_one_minus_lr_wd_per_step():
    # The Adam step is 0 (m = v = 0, eps > 0); only the decoupled decay acts.
    lr, wd = 0.1, 0.5
    w = np.array([3.0, -0.02, 1e3])
    start = w.copy()
    opt = AdamW([w], lr=lr, weight_decay=wd)
    expected = start.copy()
    for _ in range(10):
        opt.step([np.zeros(3)])
        expected = expected * (1 - lr * wd)
        assert np.array_equal(w, expected), "mine vs w (1 - lr wd)^t"
    assert opt.state[0]["exp_avg"].tolist() == [0.0, 0.0, 0.0], "the decay must not enter the moments"


def test_adam_l2_on_a_zero_gradient_moves_every_coordinate_by_about_lr_whatever_its_size():
    # L2 in the gradient: g = wd w, rescaled by Adam, so each coordinate moves by about lr
    # toward 0 per step: the decay of a large weight is no larger than that of a small one.
    lr, wd = 0.01, 0.5
    w = np.array([3.0, 0.5, 1e3])
    opt = Adam([w], lr=lr, weight_decay=wd)
    for _ in range(5):
        before = w.copy()
        opt.step([np.zeros(3)])
        np.testing.assert_allclose(before - w, lr, rtol=1e-2, err_msg="Adam-L2 step vs lr")
    # AdamW on the same weights: proportional to each weight, 1000 times the step for 1e3.
    w2 = np.array([3.0, 0.5, 1e3])
    before = w2.copy()
    AdamW([w2], lr=lr, weight_decay=wd).step([np.zeros(3)])
    np.testing.assert_allclose(before - w2, lr * wd * before, rtol=1e-12)


def test_adamw_decays_a_coordinate_with_large_gradients_as_much_as_one_with_small():
    # Two coordinates at the same weight, gradients of sizes 100 and 0.01 that flip sign each
    # step (so the Adam steps cancel over pairs). AdamW's decay shrinks both alike; Adam's L2
    # term is tiny next to the large gradient, so that coordinate is hardly decayed.
    lr, wd, steps = 0.01, 1.0, 200
    signs = np.where(np.arange(steps) % 2 == 0, 1.0, -1.0)
    grads = [s * np.array([100.0, 0.01]) for s in signs]
    w_adamw, w_adam = np.ones(2), np.ones(2)
    adamw, adam = AdamW([w_adamw], lr=lr, weight_decay=wd), Adam([w_adam], lr=lr, weight_decay=wd)
    for g in grads:
        adamw.step([g])
        adam.step([g])
    assert abs(w_adamw[0] - w_adamw[1]) < 0.05 and w_adamw.max() < 0.3, w_adamw
    assert w_adam[0] > 0.9 and w_adam[1] < 0.1, w_adam


def test_adamw_decay_that_overflows_raises_and_leaves_params_and_state_unchanged():
    # lr * weight_decay = 10: each step multiplies w by -9 (torch allows it). 1e307 -> -9e307,
    # then 8.1e308, past the float range: the second step must raise and write nothing.
    params = [np.array([0.5]), np.array([1e307])]
    opt = AdamW(params, lr=10.0, weight_decay=1.0)
    grads = [np.ones(1), np.zeros(1)]
    opt.step(grads)
    before = [p.copy() for p in params]
    state = [{k: v.copy() for k, v in s.items()} for s in opt.state]
    with pytest.raises(ValueError, match=r"non-finite value for params\[1\]"):
        opt.step(grads)
    assert all(np.array_equal(p, b) for p, b in zip(params, before, strict=True)), "params changed"
    for now, then in zip(opt.state, state, strict=True):
        assert now.keys() == then.keys() and all(np.array_equal(now[k], then[k]) for k in now), "state changed"
    assert opt.t == 1


def test_rmsprop_centered_constant_gradient_does_not_give_nan():
    # v - gbar^2 -> 0 for a constant gradient; rounding may make it negative (torch: NaN).
    w = np.zeros(1)
    opt = RMSprop([w], alpha=0.5, centered=True)
    for _ in range(200):
        opt.step([np.array([0.7])])  # with alpha=0.5, v - gbar^2 rounds to -5.6e-17
    assert np.isfinite(w).all(), f"mine {w}"


# -- in-place updates and state -------------------------------------------------------------


@pytest.mark.parametrize("cls", [SGD, Adagrad, RMSprop, Adam, AdamW])
def test_step_updates_the_callers_arrays_in_place(cls):
    params = _params()
    originals = [p.copy() for p in params]
    ids = [id(p) for p in params]
    opt = cls(params, lr=0.1)
    opt.step(_grads())
    assert [id(p) for p in opt.params] == ids
    assert all(not np.array_equal(p, o) for p, o in zip(params, originals, strict=True))


def test_step_updates_a_view_in_place():
    base = np.zeros((2, 3))
    column = base[:, 1]  # a non-contiguous view
    SGD([column], lr=1.0).step([np.ones(2)])
    assert base[:, 1].tolist() == [-1.0, -1.0] and base[:, 0].tolist() == [0.0, 0.0]


def test_momentum_buffer_does_not_alias_the_callers_gradient():
    grad = np.ones(2)
    opt = SGD([np.zeros(2)], lr=0.1, momentum=0.9)
    opt.step([grad])
    grad[:] = 100.0
    assert opt.state[0]["momentum_buffer"].tolist() == [1.0, 1.0]


def test_step_count_increases_by_one_per_step():
    opt = Adam(_params())
    for _ in range(3):
        opt.step(_grads())
    assert opt.t == 3


# -- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("param", [np.zeros(3, dtype=np.float32), np.zeros(3, dtype=np.int64)])
def test_non_float64_param_raises_type_error(param):
    with pytest.raises(TypeError, match=r"params\[0\].*float64"):
        SGD([param], lr=0.1)


def test_list_param_raises_type_error():
    with pytest.raises(TypeError, match=r"params\[0\]"):
        SGD([[1.0, 2.0]], lr=0.1)


def test_read_only_param_raises_type_error():
    param = np.zeros(3)
    param.flags.writeable = False
    with pytest.raises(TypeError, match=r"params\[0\].*read-only"):
        SGD([param], lr=0.1)


def test_single_array_instead_of_list_raises_type_error():
    with pytest.raises(TypeError, match="params must be a list"):
        SGD(np.zeros(3), lr=0.1)


def test_empty_params_raises_value_error():
    with pytest.raises(ValueError, match="params is an empty list"):
        Adam([])


def test_nan_param_raises_value_error():
    with pytest.raises(ValueError, match=r"params\[1\] contains NaN"):
        Adam([np.zeros(2), np.array([np.nan])])


def test_duplicate_param_raises_value_error():
    w = np.zeros(2)
    with pytest.raises(ValueError, match="params contains the same array twice"):
        Adam([w, w])


def _overlapping_params():
    w = np.zeros(6)
    m = np.zeros((2, 3))
    return {
        "a view of the whole array": [w, w[:]],
        "two overlapping slices": [w[:4], w[3:]],
        "a reshaped view": [w, w.reshape(2, 3)],
        "a transposed view": [m, m.T],
        "a column and a row": [m[:, 1], m[0]],
    }


@pytest.mark.parametrize("cls", [SGD, Adagrad, RMSprop, Adam, AdamW])
@pytest.mark.parametrize("case", sorted(_overlapping_params()))
def test_params_that_share_memory_raise_value_error_naming_params(cls, case):
    params = _overlapping_params()[case]
    assert np.shares_memory(*params)  # the premise: NumPy's own judgement
    with pytest.raises(ValueError, match=r"params\[0\] and params\[1\] share memory"):
        cls(params, lr=0.1)


@pytest.mark.parametrize("cls", [SGD, Adagrad, RMSprop, Adam, AdamW])
def test_a_param_whose_own_entries_share_memory_raises_value_error(cls):
    w = np.zeros(4)
    for view in (as_strided(w, shape=(3,), strides=(0,)), as_strided(w, shape=(2, 3), strides=(8, 8))):
        with pytest.raises(ValueError, match=r"params\[0\] has entries that share memory"):
            cls([view], lr=0.1)


def test_disjoint_views_of_one_array_are_accepted_and_each_updated_once():
    # w[::2] and w[1::2] interleave but share no entry (np.shares_memory is False); a view
    # with stride pattern (8, 16) on shape (2, 2) covers 0, 16, 8, 24 bytes: also disjoint.
    w = np.zeros(6)
    SGD([w[::2], w[1::2]], lr=1.0).step([np.ones(3), np.full(3, 2.0)])
    assert w.tolist() == [-1.0, -2.0, -1.0, -2.0, -1.0, -2.0]
    v = np.zeros(4)
    SGD([as_strided(v, shape=(2, 2), strides=(8, 16))], lr=1.0).step([np.array([[1.0, 2.0], [3.0, 4.0]])])
    assert v.tolist() == [-1.0, -3.0, -2.0, -4.0]


def test_masked_param_raises_type_error_naming_it():
    with pytest.raises(TypeError, match=r"params\[1\] must not be a masked array"):
        SGD([np.zeros(2), np.ma.array([1.0, 2.0], mask=[False, True])], lr=0.1)


@pytest.mark.parametrize("cls", [SGD, Adagrad, RMSprop, Adam, AdamW])
def test_masked_grad_raises_type_error_and_leaves_params_unchanged(cls):
    params = _params()
    before = [p.copy() for p in params]
    opt = cls(params, lr=0.1)
    with pytest.raises(TypeError, match=r"grads\[1\] must not be a masked array"):
        opt.step([np.ones(3), np.ma.array(np.ones((2, 2)), mask=[[True, False], [False, False]])])
    assert all(np.array_equal(p, b) for p, b in zip(params, before, strict=True)) and opt.t == 0


def test_wrong_number_of_grads_raises_value_error():
    opt = SGD(_params(), lr=0.1)
    with pytest.raises(ValueError, match="grads has 1 arrays but there are 2 params"):
        opt.step([np.zeros(3)])


def test_wrong_grad_shape_raises_value_error():
    opt = SGD(_params(), lr=0.1)
    with pytest.raises(ValueError, match=r"grads\[1\] must have the shape"):
        opt.step([np.zeros(3), np.zeros(4)])


@pytest.mark.parametrize("bad, match", [(np.nan, "contains NaN"), (np.inf, "contains an infinite value")])
def test_non_finite_grad_raises_and_leaves_params_unchanged(bad, match):
    params = _params()
    before = [p.copy() for p in params]
    opt = Adam(params)
    with pytest.raises(ValueError, match=rf"grads\[1\] {match}"):
        opt.step([np.zeros(3), np.full((2, 2), bad)])
    assert all(np.array_equal(p, b) for p, b in zip(params, before, strict=True)) and opt.t == 0


def test_finite_update_that_carries_a_param_past_the_float_range_raises_and_leaves_it_unchanged():
    w = np.array([1.5e308, 0.0])
    opt = SGD([w], lr=1.0)
    with pytest.raises(ValueError, match=r"non-finite value for params\[0\]"):
        opt.step([np.array([-1e308, 1.0])])  # the update 1e308 is finite, 2.5e308 is not
    assert w.tolist() == [1.5e308, 0.0] and opt.t == 0


def test_zero_denominator_with_eps_zero_raises_and_leaves_state_unchanged():
    w = np.ones(2)
    opt = Adam([w], eps=0.0)
    with pytest.raises(ValueError, match=r"non-finite update for params\[0\]"):
        opt.step([np.array([1.0, 0.0])])  # 0 / 0 in the second coordinate
    assert w.tolist() == [1.0, 1.0] and opt.state[0] == {}


def test_non_numeric_grad_raises_type_error():
    opt = SGD(_params(), lr=0.1)
    with pytest.raises(TypeError, match=r"grads\[0\]"):
        opt.step([np.array(["a", "b", "c"]), np.zeros((2, 2))])


@pytest.mark.parametrize(
    "make, match",
    [
        (lambda p: SGD(p, lr=-0.1), "lr"),
        (lambda p: SGD(p, lr=0.1, momentum=-0.5), "momentum"),
        (lambda p: SGD(p, lr=0.1, weight_decay=-1.0), "weight_decay"),
        (lambda p: Adagrad(p, lr_decay=-1.0), "lr_decay"),
        (lambda p: Adagrad(p, initial_accumulator_value=-1.0), "initial_accumulator_value"),
        (lambda p: Adagrad(p, eps=-1e-10), "eps"),
        (lambda p: RMSprop(p, alpha=1.0), "alpha"),
        (lambda p: RMSprop(p, alpha=-0.1), "alpha"),
        (lambda p: RMSprop(p, momentum=-0.9), "momentum"),
        (lambda p: Adam(p, betas=(1.0, 0.999)), r"betas\[0\]"),
        (lambda p: Adam(p, betas=(0.9, -0.1)), r"betas\[1\]"),
        (lambda p: Adam(p, eps=-1.0), "eps"),
        (lambda p: Adam(p, lr=float("nan")), "lr"),
        (lambda p: AdamW(p, weight_decay=-1e-2), "weight_decay"),
        (lambda p: AdamW(p, betas=(0.9, 1.0)), r"betas\[1\]"),
    ],
)
def test_invalid_hyperparameter_raises_value_error(make, match):
    with pytest.raises(ValueError, match=match):
        make(_params())


# torch.optim's checks (torch/optim/{sgd,adagrad,rmsprop,adam,adamw}.py): lr, momentum,
# weight_decay, lr_decay, initial_accumulator_value, eps, alpha >= 0 and 0 <= beta < 1.
# Here every one must also be finite; alpha < 1 (see RMSprop) and 0 <= dampening <= 1.
NONNEGATIVE = {
    SGD: ["lr", "momentum", "weight_decay"],
    Adagrad: ["lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps"],
    RMSprop: ["lr", "eps", "weight_decay", "momentum"],
    Adam: ["lr", "eps", "weight_decay"],
    AdamW: ["lr", "eps", "weight_decay"],
}
IN_UNIT_INTERVAL = {
    SGD: ["dampening"],
    RMSprop: ["alpha"],
    Adam: ["betas[0]", "betas[1]"],
    AdamW: ["betas[0]", "betas[1]"],
}
FLAGS = {SGD: ["nesterov"], RMSprop: ["centered"], Adam: ["amsgrad"], AdamW: ["amsgrad"]}


def _make(cls, name, value):
    """cls(params, ...) with the hyper-parameter ``name`` (``betas[1]`` included) set to value."""
    kwargs = {"lr": 0.1}
    if name.startswith("betas["):
        betas = [0.9, 0.999]
        betas[int(name[6])] = value
        kwargs["betas"] = tuple(betas)
    else:
        kwargs[name] = value
    return cls(_params(), **kwargs)


def _cases(table, values):
    return [(cls, name, value) for cls, names in table.items() for name in names for value in values]


@pytest.mark.parametrize(
    "cls, name, value", _cases(NONNEGATIVE, [np.nan, np.inf, -np.inf, -1e-300, np.float64(np.nan)])
)
def test_non_finite_or_negative_hyperparameter_raises_value_error_when_the_optimizer_is_made(cls, name, value):
    with pytest.raises(ValueError, match=rf"^{name} must"):
        _make(cls, name, value)


@pytest.mark.parametrize("cls, name, value", _cases(IN_UNIT_INTERVAL, [np.nan, np.inf, -np.inf, -0.1, 1.5]))
def test_hyperparameter_outside_its_interval_raises_value_error_naming_it(cls, name, value):
    with pytest.raises(ValueError, match=f"^{re.escape(name)} must"):
        _make(cls, name, value)


@pytest.mark.parametrize("cls, name", [(cls, name) for cls, names in {**NONNEGATIVE}.items() for name in names])
def test_the_ends_of_each_range_are_accepted(cls, name):
    assert getattr(_make(cls, name, 0.0), name) == 0.0
    assert getattr(_make(cls, name, 1e308), name) == 1e308  # finite: an overflow is step()'s business


def test_betas_alpha_and_dampening_accept_their_closed_ends():
    assert Adam(_params(), betas=(0.0, 0.0)).betas == (0.0, 0.0)
    assert RMSprop(_params(), alpha=0.0).alpha == 0.0
    assert SGD(_params(), lr=0.1, momentum=0.5, dampening=1.0).dampening == 1.0


@pytest.mark.parametrize(
    "cls, name", [(c, n) for table in (NONNEGATIVE, IN_UNIT_INTERVAL) for c, ns in table.items() for n in ns]
)
@pytest.mark.parametrize("value", [True, False, np.True_, "0.1", None, [0.1]])
def test_a_bool_or_non_number_hyperparameter_raises_type_error_naming_it(cls, name, value):
    with pytest.raises(TypeError, match=f"^{re.escape(name)} must be a real number"):
        _make(cls, name, value)


@pytest.mark.parametrize("cls, name", [(c, n) for c, ns in FLAGS.items() for n in ns])
@pytest.mark.parametrize("value", [1, 0, 1.0, "yes", None])
def test_a_flag_that_is_not_a_bool_raises_type_error_naming_it(cls, name, value):
    kwargs = {"momentum": 0.9} if cls is SGD else {}
    with pytest.raises(TypeError, match=rf"^{name} must be a bool"):
        cls(_params(), lr=0.1, **kwargs, **{name: value})


def test_an_infinite_learning_rate_is_refused_at_construction_not_at_the_first_step():
    with pytest.raises(ValueError, match="^lr must be finite"):
        optim.trajectory(SGD, [1.0], lambda w: w, 1, lr=np.inf)


@pytest.mark.parametrize("kwargs", [{"momentum": 0.0}, {"momentum": 0.9, "dampening": 0.1}])
def test_nesterov_without_momentum_or_with_dampening_raises_value_error(kwargs):
    with pytest.raises(ValueError, match="nesterov"):
        SGD(_params(), lr=0.1, nesterov=True, **kwargs)


@pytest.mark.parametrize(
    "make, match",
    [
        (lambda p: SGD(p, lr="0.1"), "lr"),
        (lambda p: SGD(p, lr=0.1, momentum=0.9, nesterov="yes"), "nesterov"),
        (lambda p: RMSprop(p, centered=1), "centered"),
        (lambda p: Adam(p, betas=0.9), "betas"),
        (lambda p: Adam(p, amsgrad=None), "amsgrad"),
    ],
)
def test_wrongly_typed_hyperparameter_raises_type_error(make, match):
    with pytest.raises(TypeError, match=match):
        make(_params())


# -- ewma -----------------------------------------------------------------------------------


@settings(max_examples=50, deadline=None)
@given(c=st.floats(-1e6, 1e6), beta=st.floats(0.0, 0.999), n=st.integers(1, 40))
def test_bias_corrected_ewma_of_a_constant_is_the_constant(c, beta, n):
    result = ewma(np.full(n, c), beta, bias_correction=True)
    np.testing.assert_allclose(result, np.full(n, c), rtol=1e-9, atol=1e-300, err_msg="mine vs the constant")


@settings(max_examples=50, deadline=None)
@given(x1=st.floats(-1e6, 1e6), beta=st.floats(0.0, 0.999))
def test_ewma_without_bias_correction_starts_biased_toward_zero(x1, beta):
    first = ewma([x1, 0.0], beta)[0]
    assert first == pytest.approx((1 - beta) * x1, rel=1e-12, abs=1e-300)


def test_ewma_matches_explicit_weighted_sum():
    # Independent reference: the closed form v_t = (1 - beta) sum_k beta^(t-k) x_k.
    rng = np.random.default_rng(3)
    x = rng.normal(size=25)
    beta = 0.8
    reference = [(1 - beta) * sum(beta ** (t - k) * x[k - 1] for k in range(1, t + 1)) for t in range(1, len(x) + 1)]
    corrected = [r / (1 - beta**t) for t, r in enumerate(reference, start=1)]
    np.testing.assert_allclose(ewma(x, beta), reference, rtol=1e-12, err_msg="mine vs closed form")
    np.testing.assert_allclose(
        ewma(x, beta, bias_correction=True), corrected, rtol=1e-12, err_msg="mine vs closed form, bias-corrected"
    )


def test_ewma_with_beta_zero_is_the_series():
    assert ewma([1.0, -2.0, 3.0], 0.0).tolist() == [1.0, -2.0, 3.0]


def test_ewma_of_empty_series_is_empty():
    assert ewma([], 0.9).shape == (0,)


@pytest.mark.parametrize(
    "values, beta, error, match",
    [
        ([1.0, np.nan], 0.9, ValueError, "values contains NaN"),
        ([[1.0, 2.0]], 0.9, ValueError, "values must be a 1-D array"),
        (["a"], 0.9, TypeError, "values"),
        ([1.0], 1.0, ValueError, "beta"),
        ([1.0], -0.1, ValueError, "beta"),
    ],
)
def test_ewma_bad_input_raises(values, beta, error, match):
    with pytest.raises(error, match=match):
        ewma(values, beta)


def test_ewma_bad_flag_and_masked_values_raise_type_error():
    with pytest.raises(TypeError, match="bias_correction must be a bool"):
        ewma([1.0], 0.5, bias_correction=1)
    with pytest.raises(TypeError, match="values must not be a masked array"):
        ewma(np.ma.array([1.0, 2.0], mask=[False, True]), 0.5)
    for beta in (np.inf, -np.inf, np.nan):
        with pytest.raises(ValueError, match="^beta must"):
            ewma([1.0], beta)
    with pytest.raises(TypeError, match="^beta must be a real number"):
        ewma([1.0], True)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"steps": True}, TypeError, "^steps must be a real number"),
        ({"steps": np.nan}, TypeError, "^steps must be an integer"),
        ({"steps": np.inf}, TypeError, "^steps must be an integer"),
        ({"start": np.ma.array([1.0], mask=[True])}, TypeError, "^start must not be a masked array"),
        ({"grad": lambda w: np.ma.array(w)}, TypeError, r"^grad\(\.\.\.\) at step 1 must not be a masked array"),
        ({"lr": np.nan}, ValueError, "^lr must not be NaN"),
    ],
)
def test_trajectory_arguments_are_checked_naming_them(kwargs, error, match):
    arguments = {"start": [1.0], "grad": lambda w: w, "steps": 1, "lr": 0.1, **kwargs}
    with pytest.raises(error, match=match):
        optim.trajectory(SGD, arguments.pop("start"), arguments.pop("grad"), arguments.pop("steps"), **arguments)


# -- near the float limit: finite results or ValueError, never a RuntimeWarning --------------

MAX = float(np.finfo(np.float64).max)
EXTREMES = [0.0, 5e-324, -2.2e-308, 1.0, -1e154, 1e200, 1e308, -MAX]
SETTINGS = [
    (SGD, {"lr": 1.0}),
    (SGD, {"lr": 1e-300, "momentum": 0.9, "nesterov": True, "weight_decay": 1e308}),
    (SGD, {"lr": 1e308, "momentum": 1e308, "dampening": 0.5}),
    (Adagrad, {"lr": 1.0, "lr_decay": 1e308, "initial_accumulator_value": 1e308, "eps": 0.0}),
    (Adagrad, {"eps": 5e-324, "weight_decay": 1e308}),
    (RMSprop, {"centered": True, "momentum": 0.9, "eps": 0.0}),
    (RMSprop, {"alpha": 0.0, "weight_decay": 1e308, "eps": 5e-324}),
    (Adam, {"amsgrad": True, "eps": 0.0, "betas": (0.0, 0.0)}),
    (Adam, {"lr": 1e308, "betas": (0.9999999999999999, 0.9999999999999999)}),
    (AdamW, {"lr": 1e308, "weight_decay": 1e308}),
    (AdamW, {"amsgrad": True, "eps": 5e-324, "lr": 1e-320}),
]


@pytest.mark.parametrize("cls, kwargs", SETTINGS, ids=[f"{c.__name__}-{i}" for i, (c, _) in enumerate(SETTINGS)])
def test_steps_near_the_float_limit_are_finite_or_a_value_error_never_a_warning(cls, kwargs):
    for start, grad in itertools.product(EXTREMES, EXTREMES):
        w = np.array([start])
        opt = cls([w], **kwargs)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            for _ in range(3):
                before = w.copy()
                try:
                    opt.step([np.array([grad])])
                except ValueError as exc:
                    assert "non-finite" in str(exc) and w.tolist() == before.tolist(), (start, grad, exc)
                    break
                assert np.isfinite(w).all() and all(np.isfinite(v).all() for v in opt.state[0].values()), (start, grad)


def _exact_ewma(x, beta, bias_correction):
    """The closed form v_t = (1 - beta) sum_k beta^(t-k) x_k, hat v_t = v_t / (1 - beta^t), in Fractions."""
    b, total, out = Fraction(beta), Fraction(0), []
    for t, x_t in enumerate(x, start=1):
        total = b * total + (1 - b) * Fraction(x_t)
        out.append(total / (1 - b**t) if bias_correction else total)
    return out


def _assert_close_to_exact(got, exact, x, what):
    # Each step rounds a weighted average of two numbers of size <= M = max |x_k| so far
    # (and its weight): at most about 6u M per step, plus a subnormal quantum per operation.
    u, quantum = Fraction(2) ** -53, Fraction(2) ** -1074
    for t, (g, e) in enumerate(zip(got, exact, strict=True), start=1):
        scale = max(abs(Fraction(v)) for v in x[:t])
        assert abs(Fraction(float(g)) - e) <= 16 * t * u * scale + 8 * t * quantum, (
            f"{what}: mine {g!r} vs exact {float(e)!r} at t={t}"
        )


finite_floats = st.floats(allow_nan=False, allow_infinity=False, allow_subnormal=True)


@settings(max_examples=200, deadline=None)
@given(x=st.lists(finite_floats, min_size=1, max_size=12), beta=st.floats(0.0, 0.9999), correct=st.booleans())
def test_ewma_matches_exact_fractions_over_the_whole_float_range_without_warnings(x, beta, correct):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = ewma(x, beta, bias_correction=correct)
    assert np.isfinite(got).all()
    _assert_close_to_exact(got, _exact_ewma(x, beta, correct), x, f"ewma(beta={beta!r}, bias_correction={correct})")


@pytest.mark.parametrize(
    "x, beta",
    [
        ([MAX, MAX, -MAX, MAX], 0.1),
        ([MAX, MAX, MAX], 0.9),
        ([1e-320, 1e-320, 5e-324], 0.999),
        ([5e-324, -MAX, 1e-310], 0.5),
    ],
)
@pytest.mark.parametrize("correct", [False, True])
def test_ewma_at_the_ends_of_the_float_range_matches_exact_fractions(x, beta, correct):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = ewma(x, beta, bias_correction=correct)
    _assert_close_to_exact(got, _exact_ewma(x, beta, correct), x, f"ewma({x}, {beta})")


def test_bias_corrected_ewma_starts_at_the_first_value_even_when_it_is_tiny_or_huge():
    # hat v_1 = (1 - beta) x_1 / (1 - beta) = x_1; computing (1 - beta) x_1 first would
    # underflow for x_1 = 1e-320 (to 9.9e-321 after division) or lose nothing but only by luck.
    for x1 in (1e-320, 5e-324, MAX, -MAX):
        assert ewma([x1], 0.999, bias_correction=True)[0] == x1


@pytest.mark.parametrize("cls", [SGD, Adagrad, RMSprop, Adam, AdamW])
@pytest.mark.parametrize("start", [1e308, -MAX, 5e-324])
def test_trajectory_near_the_float_limit_is_finite_or_a_value_error_never_a_warning(cls, start):
    # The gradient w / 2 of f(w) = w^2 / 4 is always finite; the optimizer's own arithmetic
    # (squares, sums with the parameter) may overflow, and must then say so.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            run = optim.trajectory(cls, [start], lambda w: w / 2, 4, lr=1.0)
        except ValueError as exc:
            assert "non-finite" in str(exc)
        else:
            assert np.isfinite(run.path).all() and run.path[0, 0] == start
