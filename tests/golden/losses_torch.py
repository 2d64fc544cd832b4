"""Generate ``losses_torch.npz``: PyTorch's losses, gradients and softmax Jacobians.

The tests of :mod:`notes.losses` and :mod:`notes.activations` compare against this file,
so they need NumPy only. Regenerate it (PyTorch 2.13.0, CPU build, float64) from the
repository root, in a virtualenv with the ``golden`` extra (``pip install -e '.[golden]'``)::

    python tests/golden/losses_torch.py

Every input comes from one seeded ``numpy.random.Generator`` and is saved next to torch's
output, so a test feeds the stored input to ``notes`` and compares with the stored output.
Gradients are computed by torch's autograd, never by hand. ``torch_version`` in the file
records which PyTorch produced it.
"""

from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

OUT = Path(__file__).with_name("losses_torch.npz")
rng = np.random.default_rng(20240611)


def loss_and_grad(loss_fn, x, *args, **kwargs):
    """Return ``loss_fn(x, *args)`` and its autograd gradient with respect to ``x``."""
    x = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    loss = loss_fn(x, *args, **kwargs)
    loss.backward()
    return loss.item(), x.grad.numpy()


golden = {"torch_version": np.array(torch.__version__)}

# Cross-entropy with class-index labels; a second batch with logits in the hundreds,
# where exp(logits) overflows and only a log-softmax formulation survives.
for name, scale in [("ce", 3.0), ("ce_large", 500.0)]:
    logits = scale * rng.standard_normal((5, 4))
    labels = rng.integers(0, 4, size=5)
    loss, grad = loss_and_grad(F.cross_entropy, logits, torch.from_numpy(labels))
    golden |= {f"{name}_logits": logits, f"{name}_labels": labels, f"{name}_loss": loss, f"{name}_grad": grad}

# Cross-entropy with probability-row labels ("soft" targets; torch >= 1.10).
logits = 3.0 * rng.standard_normal((4, 3))
prob_labels = rng.dirichlet(np.ones(3), size=4)
loss, grad = loss_and_grad(F.cross_entropy, logits, torch.from_numpy(prob_labels))
golden |= {"ce_prob_logits": logits, "ce_prob_labels": prob_labels, "ce_prob_loss": loss, "ce_prob_grad": grad}

# Binary cross-entropy: random probabilities and soft labels, then the edge cases where
# torch clamps log at -100 (a = 0 with y = 1, a = 1 with y = 0).
for name, probs, labels in [
    ("bce", rng.uniform(0.02, 0.98, size=(3, 4)), rng.uniform(0.0, 1.0, size=(3, 4))),
    ("bce_edge", np.array([0.0, 1.0, 0.0, 1.0, 1e-50, 0.5]), np.array([1.0, 0.0, 0.0, 1.0, 1.0, 0.3])),
]:
    loss, grad = loss_and_grad(F.binary_cross_entropy, probs, torch.from_numpy(labels))
    golden |= {f"{name}_probs": probs, f"{name}_labels": labels, f"{name}_loss": loss, f"{name}_grad": grad}

# Regression losses: torch's default reduction='mean', and reduction='sum'.
pred = rng.standard_normal((3, 4))
target = rng.standard_normal((3, 4))
target[0, 0] = pred[0, 0]  # one zero error: where l1's subgradient is 0
torch_target = torch.from_numpy(target)
golden |= {"reg_pred": pred, "reg_target": target}
for loss_fn in (F.mse_loss, F.l1_loss):
    for reduction in ("mean", "sum"):
        loss, grad = loss_and_grad(loss_fn, pred, torch_target, reduction=reduction)
        name = f"{loss_fn.__name__.removesuffix('_loss')}_{reduction}"
        golden |= {f"{name}_loss": loss, f"{name}_grad": grad}


def softmax_last(z):
    return torch.softmax(z, dim=-1)


# Softmax Jacobians: a few vectors one by one ...
vectors = np.vstack([rng.standard_normal((2, 5)), [[1000.0, 1001.0, 999.0, 0.0, -1000.0]]])
golden["jac_vectors"] = vectors
golden["jac_vectors_jacobian"] = np.stack(
    [torch.autograd.functional.jacobian(softmax_last, torch.from_numpy(v)).numpy() for v in vectors]
)

# ... and a batch of shape (2, 3, 4). The full Jacobian has shape (2, 3, 4, 2, 3, 4); rows
# do not interact, so only the (4, 4) blocks on its "diagonal" can be non-zero. Keep those.
batch = rng.standard_normal((2, 3, 4))
full = torch.autograd.functional.jacobian(softmax_last, torch.from_numpy(batch)).numpy()
rows = full.reshape(6, 4, 6, 4)
golden["jac_batch"] = batch
golden["jac_batch_jacobian"] = np.stack([rows[k, :, k, :] for k in range(6)]).reshape(2, 3, 4, 4)

np.savez_compressed(OUT, **golden)
print(f"wrote {OUT} ({OUT.stat().st_size} bytes) with torch {torch.__version__}")
