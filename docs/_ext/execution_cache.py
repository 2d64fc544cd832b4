"""Where MyST-NB keeps the executed pages: one cache folder per version of the package.

MyST-NB keys its execution cache on a page's code cells only (executablebooks/MyST-NB#299),
so after a change to ``src/notes`` it would serve outputs computed by the old code.
``conf.py`` therefore sets ``nb_execution_cache_path`` to ``cache_folder(...)``: a folder
named by a digest of the package source. Both language builds share it, since their code
cells are identical. A new folder is a changed configuration value, so Sphinx reads every
page again and the pages run anew; the folders of older versions, which can never be hit
again, are removed.

The kernels that run the pages start from the build's own IPython profile,
``kernel_profile(...)``, not the developer's ``~/.ipython``: no personal start-up file can
change a page's outputs. That profile keeps the kernel application's own log to errors, and
its tracebacks free of terminal colour codes (a raising cell's is printed in the build log).
MyST-NB starts kernels over local TCP and gives no setting to choose IPC or CurveZMQ, so
ipykernel would otherwise print one "running over TCP without encryption" warning per page;
a cell's own warnings are its outputs, and stay.

This is a plain module (no ``setup()``), not an extension.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path


def package_digest(package_dir: Path) -> str:
    """A digest of every ``.py`` file of the package, path and content."""
    digest = hashlib.sha256()
    for path in sorted(package_dir.rglob("*.py")):
        digest.update(path.relative_to(package_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_folder(package_dir: Path, cache_root: Path) -> Path:
    """The cache folder for this version of the package; older versions' folders go."""
    current = cache_root / package_digest(package_dir)
    if cache_root.is_dir():
        for old in cache_root.iterdir():
            if old != current:
                shutil.rmtree(old, ignore_errors=True)
    return current


KERNEL_CONFIG = """# Written by docs/_ext/execution_cache.py: the kernels that run the site's pages.
c.IPKernelApp.log_level = "ERROR"
c.InteractiveShell.colors = "nocolor"  # a raising cell's traceback is read in the build log
"""


def kernel_profile(ipython_dir: Path) -> Path:
    """An IPython directory whose default profile configures the pages' kernels; give it to
    the kernels as ``IPYTHONDIR``."""
    config = ipython_dir / "profile_default" / "ipython_kernel_config.py"
    if not config.is_file() or config.read_text(encoding="utf-8") != KERNEL_CONFIG:
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(KERNEL_CONFIG, encoding="utf-8")
    return ipython_dir
