"""Deep-learning math, verified: the companion package of the *notes* knowledge base."""

__version__ = "0.1.0"
