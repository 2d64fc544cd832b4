"""Generate ``optim_torch.npz``: parameter trajectories of ``torch.optim`` optimizers.

The golden file was produced with **torch 2.13.0 (CPU)** and NumPy 2.4; the exact versions
are stored in the file (keys ``torch_version``, ``numpy_version``). PyTorch is *not* a test
dependency: ``tests/test_optim.py`` reads the ``.npz`` with NumPy only.

What it contains
----------------
* ``initial_0`` (3,) and ``initial_1`` (2, 2): two float64 parameter arrays drawn from a
  seeded ``numpy.random.Generator``;
* ``grads_0`` (STEPS, 3) and ``grads_1`` (STEPS, 2, 2): the gradient fed at each step,
  pre-generated (so the trajectory does not depend on any loss function);
* ``grads_long_0`` (LONG_STEPS, 3) and ``grads_long_1`` (LONG_STEPS, 2, 2): the gradients of
  the longer runs; their first STEPS rows are ``grads_0`` and ``grads_1``, the others are
  drawn after everything above, so adding them changed no earlier draw;
* ``configs``: a JSON string ``{name: {"optimizer": "Adam", "kwargs": {...}, "steps": n}}``;
  ``n`` is STEPS, or LONG_STEPS for the AdamW runs (weight decay acts over many steps);
* ``<name>__traj_0`` (n + 1, 3) and ``<name>__traj_1`` (n + 1, 2, 2): the parameters
  before the first step and after each step, for every configuration; step ``t`` is fed
  row ``t - 1`` of ``grads_long_*``.

Regenerate it from the repository root, in a virtualenv with the ``golden`` extra
(``pip install -e '.[golden]'``)::

    python tests/golden/optim_torch.py

By default the script keeps the trajectories already in the file and computes only the
configurations missing from it (after checking that the seeded initial values and gradients
are the stored ones); ``--all`` recomputes every configuration. A full recomputation can
change existing trajectories in the last bit: torch's CPU kernels depend on the processor's
vector instructions (on an AVX512 machine six arrays moved by at most 1.6e-15 relative, far
inside the tests' 1e-12).

``sgd_momentum_dampening_ewa`` uses ``dampening = momentum``, the setting that makes PyTorch's
momentum buffer an exponentially weighted average of the gradients (``tests/test_optim.py``
checks what it is exactly).
"""

import argparse
import json
from pathlib import Path

import numpy as np
import torch

SEED = 20240611
STEPS = 20
LONG_STEPS = 60
SHAPES = [(3,), (2, 2)]

CONFIGS = {
    "sgd_plain": ("SGD", {"lr": 0.1}),
    "sgd_momentum": ("SGD", {"lr": 0.1, "momentum": 0.9}),
    "sgd_momentum_dampening": ("SGD", {"lr": 0.1, "momentum": 0.9, "dampening": 0.3}),
    "sgd_momentum_dampening_ewa": ("SGD", {"lr": 0.1, "momentum": 0.9, "dampening": 0.9}),
    "sgd_nesterov": ("SGD", {"lr": 0.1, "momentum": 0.9, "nesterov": True}),
    "sgd_weight_decay": ("SGD", {"lr": 0.1, "momentum": 0.5, "weight_decay": 0.1}),
    "adagrad_default": ("Adagrad", {}),
    "adagrad_lr_decay": ("Adagrad", {"lr": 0.5, "lr_decay": 0.1}),
    "adagrad_initial_accumulator": ("Adagrad", {"lr": 0.5, "initial_accumulator_value": 0.3}),
    "adagrad_weight_decay": ("Adagrad", {"lr": 0.5, "weight_decay": 0.2}),
    "rmsprop_default": ("RMSprop", {}),
    "rmsprop_centered": ("RMSprop", {"lr": 0.01, "alpha": 0.9, "centered": True}),
    "rmsprop_momentum": ("RMSprop", {"lr": 0.01, "momentum": 0.9}),
    "rmsprop_centered_momentum": ("RMSprop", {"lr": 0.01, "alpha": 0.9, "momentum": 0.8, "centered": True}),
    "rmsprop_weight_decay": ("RMSprop", {"lr": 0.01, "weight_decay": 0.1}),
    "adam_default": ("Adam", {}),
    "adam_amsgrad": ("Adam", {"lr": 0.1, "amsgrad": True}),
    "adam_weight_decay": ("Adam", {"lr": 0.1, "weight_decay": 0.1}),
    "adam_betas_eps": ("Adam", {"lr": 0.1, "betas": [0.8, 0.95], "eps": 1e-3}),
    "adamw_default": ("AdamW", {}),
    "adamw_no_decay": ("AdamW", {"lr": 0.1, "weight_decay": 0.0}),
    "adamw_weight_decay": ("AdamW", {"lr": 0.1, "weight_decay": 0.1}),
    "adamw_large_decay": ("AdamW", {"lr": 0.05, "weight_decay": 5.0}),
    "adamw_amsgrad": ("AdamW", {"lr": 0.1, "weight_decay": 0.5, "amsgrad": True}),
    "adamw_betas_eps": ("AdamW", {"lr": 0.1, "betas": [0.8, 0.95], "eps": 1e-3, "weight_decay": 0.2}),
}
# The AdamW runs are longer: the decay compounds, (1 - lr * weight_decay) ** t.
STEPS_OF = {name: LONG_STEPS if optimizer == "AdamW" else STEPS for name, (optimizer, _) in CONFIGS.items()}


def run(optimizer: str, kwargs: dict, initial: list, grads: list, steps: int) -> list:
    """Return, for each parameter, its values before and after each of the ``steps`` steps."""
    params = [torch.tensor(p, dtype=torch.float64, requires_grad=True) for p in initial]
    opt = getattr(torch.optim, optimizer)(params, **kwargs)
    trajectories = [[p.detach().numpy().copy()] for p in params]
    for step in range(steps):
        for p, g in zip(params, grads, strict=True):
            p.grad = torch.tensor(g[step], dtype=torch.float64)
        opt.step()
        for trajectory, p in zip(trajectories, params, strict=True):
            trajectory.append(p.detach().numpy().copy())
    return [np.stack(t) for t in trajectories]


def main(recompute_all: bool = False) -> None:
    rng = np.random.default_rng(SEED)
    initial = [rng.normal(size=shape) for shape in SHAPES]
    # Scales from 0.01 to 10 across steps, so eps, the accumulators and amsgrad's running
    # maximum all matter.
    scales = 10.0 ** rng.uniform(-2, 1, size=STEPS)
    grads = [scales.reshape((STEPS,) + (1,) * len(shape)) * rng.normal(size=(STEPS,) + shape) for shape in SHAPES]
    # The longer runs continue with gradients drawn after all of the above, alike in scale.
    more = LONG_STEPS - STEPS
    more_scales = 10.0 ** rng.uniform(-2, 1, size=more)
    long_grads = [
        np.concatenate([g, more_scales.reshape((more,) + (1,) * len(shape)) * rng.normal(size=(more,) + shape)])
        for g, shape in zip(grads, SHAPES, strict=True)
    ]

    out = Path(__file__).with_suffix(".npz")
    stored = {} if recompute_all or not out.exists() else dict(np.load(out))
    for i, (p, g, long_g) in enumerate(zip(initial, grads, long_grads, strict=True)):
        for key, value in [(f"initial_{i}", p), (f"grads_{i}", g), (f"grads_long_{i}", long_g)]:
            if key in stored and not np.array_equal(stored[key], value):
                raise SystemExit(f"{out}: stored {key} differs from the seeded draw; use --all")

    arrays = {
        "torch_version": np.array(torch.__version__),
        "numpy_version": np.array(np.__version__),
        "seed": np.array(SEED),
        "configs": np.array(
            json.dumps(
                {
                    name: {"optimizer": opt, "kwargs": kwargs, "steps": STEPS_OF[name]}
                    for name, (opt, kwargs) in CONFIGS.items()
                }
            )
        ),
    }
    for key in ("torch_version", "numpy_version"):
        if key in stored and str(stored[key]) != str(arrays[key]):
            raise SystemExit(f"{out} was made with {key} {stored[key]}, this is {arrays[key]}; use --all")
    for i, (p, g, long_g) in enumerate(zip(initial, grads, long_grads, strict=True)):
        arrays[f"initial_{i}"] = p
        arrays[f"grads_{i}"] = g
        arrays[f"grads_long_{i}"] = long_g
    computed = []
    for name, (optimizer, kwargs) in CONFIGS.items():
        keys = [f"{name}__traj_{i}" for i in range(len(SHAPES))]
        if all(key in stored for key in keys):
            arrays.update({key: stored[key] for key in keys})
            continue
        trajectories = run(optimizer, kwargs, initial, long_grads, STEPS_OF[name])
        for key, trajectory in zip(keys, trajectories, strict=True):
            arrays[key] = trajectory
        computed.append(name)

    np.savez_compressed(out, **arrays)
    print(
        f"wrote {out} ({out.stat().st_size} bytes) with torch {torch.__version__}; "
        f"computed {', '.join(computed) or 'nothing'}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="recompute every configuration")
    main(recompute_all=parser.parse_args().all)
