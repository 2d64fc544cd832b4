"""Deep-learning math, verified: the companion package of the *notes* knowledge base."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("notes")  # pyproject.toml's, as installed
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"
