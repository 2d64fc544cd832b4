"""Deep-learning math, verified: the companion package of the *notes* knowledge base."""

from importlib.metadata import PackageNotFoundError, version

try:
    # The version has one home, pyproject.toml; installed metadata carries it here.
    __version__ = version("notes")
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"
