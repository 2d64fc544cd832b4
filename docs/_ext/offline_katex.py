"""Math typeset by KaTeX when the site is built, styled by files the site ships, and checked.

``sphinxcontrib.katex`` with ``katex_prerender = True`` (``conf.py``) typesets every formula
in Node.js while the pages are written, so a page carries its math as HTML (with MathML for
screen readers) and runs no math engine. Its stylesheet defaults to a CDN, which readers in
mainland China often cannot reach: ``conf.py`` points ``katex_css_path`` at
``katex/katex.min.css`` in the site's ``_static`` folder, and this extension writes there the
stylesheet of npm ``katex`` (installed by ``make node-deps``) with the fonts it names. Every
browser the site supports reads WOFF2, so the stylesheet names only those and only those are
copied. The npm package must be the KaTeX that typesets (the version ``sphinxcontrib.katex``
bundles): the HTML and its stylesheet go together.

KaTeX does not stop on a formula it cannot parse: it writes the TeX source in a red
``katex-error`` span, or draws a command it does not know as its name in red, and says
nothing. This extension turns each of these in a written page into a warning that names the
page and the formula (and KaTeX's message, or the command), so the strict build fails.

``sphinxcontrib.katex`` talks to one Node.js render server per process over one socket,
started on the first formula. A translation's pages are written by forked processes
(``-j auto``, see ``editions.py``): a process started without a server would start its own
(two racing starts refuse connections under load, and such servers outlive the process),
and processes forked after the first formula share the parent's socket, where their requests
would mix. So this extension starts the server before the pages are written, and each
request takes a lock on a file beside the server's socket: the writers share one server, one
request at a time. ``sphinxcontrib.katex`` connects as soon as the socket's file exists, but
Node.js creates the file when it binds, before it listens: on a slow or busy machine the
connection is refused and the build ends in a crash report. This extension's server tries
again until Node.js listens, for up to :data:`STARTUP_SECONDS` (the package allows 5).

A page is laid out before its fonts arrive: a formula's glyphs are measured in a fallback
font first, and when KaTeX's font comes the lines holding formulas break again and the text
below moves (a layout shift of up to 0.24 on a phone's screen). So a page preloads, in its
head, whichever of the two fonts of most formulas' text it draws with: KaTeX_Main (digits,
operators, upright letters) and KaTeX_Math (italic letters, class ``mathnormal``). They are
then fetched with the stylesheet instead of after it, and are there by the first layout
unless the connection is much slower for them than for the page's scripts.

Config values: ``offline_katex_dist`` (the ``dist`` folder of npm ``katex``).

Events: ``builder-inited`` (checks ``katex_css_path`` and the npm version), ``write-started``
(starts the render server), ``html-page-context`` (reports formulas KaTeX could not
typeset; adds the font preloads to the page's ``metatags``), ``build-finished`` (writes the
stylesheet and fonts).
"""

from __future__ import annotations

import fcntl
import html
import json
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path, PurePosixPath
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util import logging
from sphinxcontrib.katex import KaTeXError, KaTeXServer, katex_version

__version__ = "1.0"

logger = logging.getLogger(__name__)

#: How long the render server may take to listen on its socket.
STARTUP_SECONDS = 60.0

_OTHER_FORMATS = re.compile(r',url\([^)]*\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)')
_FONT_URL = re.compile(r"url\(([^)]+)\)")
_ERROR = re.compile(r'<span class="katex-error" title="([^"]*)"[^>]*>(.*?)</span>', re.DOTALL)
# A formula's TeX source (in its MathML) and what follows it up to the next formula.
_FORMULA = re.compile(
    r'<annotation encoding="application/x-tex">(.*?)</annotation>(.*?)(?=<span class="katex">|\Z)', re.DOTALL
)
# A command KaTeX does not know, which it draws as its name in its error colour.
_UNKNOWN = re.compile(r'style="color:#cc0000;">(\\[A-Za-z@]+)</span>')


# Text drawn in the font a formula inherits (KaTeX_Main): a span of one of these classes alone.
_MAIN_TEXT = re.compile(r'<span class="(?:mord|mbin|mrel|mopen|mclose|mpunct|minner|mop)">[^<]')
#: The fonts a page may preload (beside the stylesheet), each with what in a page's HTML draws text with it.
PRELOADED_FONTS = {
    "fonts/KaTeX_Main-Regular.woff2": _MAIN_TEXT,
    "fonts/KaTeX_Math-Italic.woff2": re.compile(r'class="mord mathnormal"'),
}


def _css_path(app: Sphinx) -> PurePosixPath:
    path: str = app.config.katex_css_path
    if "//" in path or not path:
        raise ConfigError(f"katex_css_path is {path!r}: set it to a path under _static, such as 'katex/katex.min.css'")
    return PurePosixPath(path)


def _dist(app: Sphinx) -> Path:
    return Path(app.config.offline_katex_dist)


def _check(app: Sphinx) -> None:
    if not _katex_math(app):
        return
    _css_path(app)
    package = _dist(app).parent / "package.json"
    if not package.is_file():
        raise ConfigError(f"offline_katex_dist: no npm katex at {package.parent} (run make node-deps)")
    installed = json.loads(package.read_text(encoding="utf-8"))["version"]
    if installed != katex_version:
        raise ConfigError(
            f"npm katex is {installed} at {package.parent}, but sphinxcontrib.katex typesets with {katex_version}"
        )


def _katex_math(app: Sphinx) -> bool:
    return app.builder.format == "html" and app.config.html_math_renderer in {None, "katex"}


def _styled(app: Sphinx) -> bool:
    """Whether the pages written are styled by KaTeX's stylesheet and fonts: the EPUB's
    formulas are MathML only, with no stylesheet (epub_book.py)."""
    return _katex_math(app) and app.builder.name != "epub"


class _SharedServer(KaTeXServer):
    """The render server, one request at a time across the processes that share its socket."""

    @classmethod
    def start_server_process(cls, rundir: Path, timeout: float) -> tuple[subprocess.Popen[bytes], socket.socket]:
        """Start Node.js and connect to its socket once it listens there (see above), within
        :data:`STARTUP_SECONDS` or ``timeout``, whichever is longer."""
        socket_path = rundir / "katex.sock"
        command = cls.build_command(socket=socket_path)
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=rundir)
        timeout = max(timeout, STARTUP_SECONDS)
        deadline = time.monotonic() + timeout
        while True:
            connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                connection.settimeout(max(deadline - time.monotonic(), 0.001))
                connection.connect(str(socket_path))
            except (FileNotFoundError, ConnectionRefusedError):
                connection.close()
                if process.poll() is not None:
                    raise KaTeXError(
                        f"the KaTeX server ({command[0]}) exited with code {process.returncode} before it listened"
                    ) from None
                if time.monotonic() > deadline:
                    process.kill()
                    raise cls.timeout_error(timeout) from None
                time.sleep(0.01)
            else:
                connection.settimeout(None)
                return process, connection

    def render(self, request: Any, timeout: float | None = None) -> Any:
        with open(self.rundir / "render.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            return super().render(request, timeout)


def _start_server(app: Sphinx, builder: Any) -> None:
    if _katex_math(app) and app.config.katex_prerender and KaTeXServer.katex_server is None:
        server = _SharedServer.start()  # its start_server_process, then a KaTeXServer
        server.__class__ = _SharedServer
        KaTeXServer.katex_server = server


def _report_errors(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    body = context.get("body", "")
    for title, formula in _ERROR.findall(body):
        logger.warning(
            "KaTeX cannot typeset %r: %s", html.unescape(formula), html.unescape(title), location=pagename, type="katex"
        )
    for formula, typeset in _FORMULA.findall(body):
        for command in _UNKNOWN.findall(typeset):
            logger.warning(
                "KaTeX does not know %s in %r", command, html.unescape(formula), location=pagename, type="katex"
            )


def _preload_fonts(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if not _styled(app):
        return
    body = context.get("body", "")
    folder = _css_path(app).parent
    links = [
        f'<link rel="preload" href="{context["pathto"](f"_static/{folder / font}", 1)}" as="font" type="font/woff2"'
        " crossorigin />"
        for font, drawn in PRELOADED_FONTS.items()
        if drawn.search(body)
    ]
    if links:
        context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(links)


def stylesheet(dist: Path) -> str:
    """KaTeX's minified stylesheet with every font in WOFF2 only."""
    return _OTHER_FORMATS.sub("", (dist / "katex.min.css").read_text(encoding="utf-8"))


def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not _styled(app):
        return
    entry = _css_path(app)
    target = Path(app.outdir, "_static", *entry.parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    css = stylesheet(_dist(app))
    target.write_text(css, encoding="utf-8")
    for url in sorted(set(_FONT_URL.findall(css))):
        font = target.parent / url
        font.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_dist(app) / url, font)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("offline_katex_dist", "", "html", types=frozenset({str}))
    app.connect("builder-inited", _check)
    app.connect("write-started", _start_server)
    app.connect("html-page-context", _report_errors)
    app.connect("html-page-context", _preload_fonts)
    app.connect("build-finished", _write)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
