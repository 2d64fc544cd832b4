"""Generate ``softmax_regression_torch.npz``: softmax regression's loss, gradients and SGD run in PyTorch.

The golden file was produced with the torch and NumPy versions stored in it (keys
``torch_version``, ``numpy_version``). PyTorch is *not* a test dependency:
``tests/test_softmax_regression.py`` reads the ``.npz`` with NumPy only.

What it contains
----------------
* ``X`` (M, D), ``W`` (D, C), ``b`` (C,): float64 data and parameters drawn from a seeded
  ``numpy.random.Generator``; ``labels`` (M,) class indices and ``prob_labels`` (M, C)
  probability rows;
* ``loss_index``, ``grad_W_index``, ``grad_b_index``: ``F.cross_entropy(X @ W + b, labels)``
  and its gradients with respect to ``W`` and ``b`` from autograd; ``loss_prob``,
  ``grad_W_prob``, ``grad_b_prob``: the same for ``prob_labels``;
* ``sgd_seed``, ``sgd_lr``, ``sgd_batch_size``: the settings of a training run;
  ``sgd_orders`` (EPOCHS, M): the order the rows are visited in each epoch, the
  permutations that ``numpy.random.default_rng(sgd_seed).permutation(M)`` draws one per
  epoch (what ``notes.regression.minibatches`` draws); ``sgd_W`` (EPOCHS, D, C) and
  ``sgd_b`` (EPOCHS, C): the parameters of a ``torch.nn.Linear(D, C)`` started at zero
  and trained by ``torch.optim.SGD`` on those batches, after each epoch; ``sgd_history``
  (EPOCHS,): the cross-entropy on the whole data after each epoch.

Regenerate it from the repository root, in a virtualenv with the ``golden`` extra::

    python tests/golden/softmax_regression_torch.py
"""

from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

SEED = 20261201
M, D, C = 13, 3, 4
SGD_SEED, SGD_LR, SGD_BATCH_SIZE, EPOCHS = 7, 0.4, 5, 4


def loss_and_grads(X: np.ndarray, W: np.ndarray, b: np.ndarray, labels: np.ndarray) -> tuple:
    """``F.cross_entropy(X @ W + b, labels)`` and its autograd gradients in ``W`` and ``b``."""
    W_t = torch.tensor(W, requires_grad=True)
    b_t = torch.tensor(b, requires_grad=True)
    loss = F.cross_entropy(torch.tensor(X) @ W_t + b_t, torch.tensor(labels))
    loss.backward()
    return loss.item(), W_t.grad.numpy(), b_t.grad.numpy()


def train(X: np.ndarray, labels: np.ndarray, orders: np.ndarray) -> tuple:
    """Train a zero-initialized ``torch.nn.Linear`` by ``torch.optim.SGD`` on the given batches."""
    model = torch.nn.Linear(D, C, dtype=torch.float64)
    with torch.no_grad():
        model.weight.zero_()
        model.bias.zero_()
    opt = torch.optim.SGD(model.parameters(), lr=SGD_LR)
    X_t, y_t = torch.tensor(X), torch.tensor(labels)
    Ws, bs, history = [], [], []
    for order in orders:
        for start in range(0, M, SGD_BATCH_SIZE):
            rows = torch.tensor(order[start : start + SGD_BATCH_SIZE])
            opt.zero_grad()
            F.cross_entropy(model(X_t[rows]), y_t[rows]).backward()
            opt.step()
        # nn.Linear stores the weights as (C, D) and computes x @ weight.T + bias.
        Ws.append(model.weight.detach().numpy().T.copy())
        bs.append(model.bias.detach().numpy().copy())
        with torch.no_grad():
            history.append(F.cross_entropy(model(X_t), y_t).item())
    return np.stack(Ws), np.stack(bs), np.array(history)


def main() -> None:
    rng = np.random.default_rng(SEED)
    X = rng.normal(size=(M, D))
    W = rng.normal(size=(D, C))
    b = rng.normal(size=C)
    labels = rng.integers(0, C, size=M)
    logits = rng.normal(size=(M, C))
    prob_labels = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)

    order_rng = np.random.default_rng(SGD_SEED)
    orders = np.stack([order_rng.permutation(M) for _ in range(EPOCHS)])
    sgd_W, sgd_b, sgd_history = train(X, labels, orders)

    arrays = {
        "torch_version": np.array(torch.__version__),
        "numpy_version": np.array(np.__version__),
        "X": X,
        "W": W,
        "b": b,
        "labels": labels,
        "prob_labels": prob_labels,
        "sgd_seed": np.array(SGD_SEED),
        "sgd_lr": np.array(SGD_LR),
        "sgd_batch_size": np.array(SGD_BATCH_SIZE),
        "sgd_orders": orders,
        "sgd_W": sgd_W,
        "sgd_b": sgd_b,
        "sgd_history": sgd_history,
    }
    for kind, target in [("index", labels), ("prob", prob_labels)]:
        loss, grad_W, grad_b = loss_and_grads(X, W, b, target)
        arrays[f"loss_{kind}"] = np.array(loss)
        arrays[f"grad_W_{kind}"] = grad_W
        arrays[f"grad_b_{kind}"] = grad_b

    out = Path(__file__).with_suffix(".npz")
    np.savez_compressed(out, **arrays)
    print(f"wrote {out} ({out.stat().st_size} bytes) with torch {torch.__version__}")


if __name__ == "__main__":
    main()
