"""The package's public API: the names, module by module, that other code and the site rely on.

Only modules that promise particular names have a row; the tests check what every module
exports (its ``__all__``), listed here or not.
"""

from __future__ import annotations

PUBLIC_NAMES = {
    "information": ["information_content", "entropy", "cross_entropy", "kl_divergence", "binary_entropy"],
    "activations": [
        "sigmoid",
        "sigmoid_grad",
        "tanh",
        "tanh_grad",
        "relu",
        "relu_grad",
        "softmax",
        "log_softmax",
        "logsumexp",
        "softmax_jacobian",
    ],
    "losses": [
        "mse",
        "mse_grad",
        "l1_loss",
        "l2_loss",
        "binary_cross_entropy",
        "softmax_cross_entropy",
        "softmax_cross_entropy_grad",
    ],
    "gradcheck": ["numerical_gradient", "numerical_hessian", "relative_error", "check_gradient"],
    "optim": ["SGD", "Adagrad", "RMSprop", "Adam", "AdamW", "ewma"],
    "schedules": ["inverse_time_decay", "exponential_decay", "step_decay"],
    "init": ["lecun_normal", "xavier_uniform", "xavier_normal", "he_normal"],
    "preprocessing": ["Standardizer"],
    "broadcasting": ["broadcast_shape", "explain_broadcast"],
    "landscapes": ["himmelblau", "himmelblau_grad", "gradient_descent"],
}
