"""The KaTeX render server the build starts waits for Node.js to listen on its socket.

Node.js creates the socket's file when it binds and listens a moment later; a client that
connects in between is refused. A stand-in server (Python, with a pause between the two)
shows that ``sphinxcontrib.katex``'s own start is refused there and ``offline_katex``'s
connects, and that a server which exits without listening is an error at once, not a wait.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from offline_katex import _SharedServer
from sphinxcontrib.katex import KaTeXError, KaTeXServer

# Binds the socket given after --socket, waits, then listens and answers one byte.
_SLOW_LISTENER = """
import socket, sys, time
path = sys.argv[sys.argv.index("--socket") + 1]
server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.bind(path)
time.sleep(float(sys.argv[1]))
server.listen()
connection, _ = server.accept()
connection.sendall(b"k")
connection.recv(1)
"""


def _stand_in(server_class, monkeypatch, *command: str) -> None:
    """Make ``server_class`` start ``command`` (and ``--socket PATH``) instead of Node.js."""

    def build_command(cls, socket=None, port=None):
        return [sys.executable, *command, "--socket", str(socket)]

    monkeypatch.setattr(server_class, "build_command", classmethod(build_command))


def test_the_packages_own_start_is_refused_between_bind_and_listen(tmp_path: Path, monkeypatch):
    _stand_in(KaTeXServer, monkeypatch, "-c", _SLOW_LISTENER, "1.0")
    with pytest.raises(ConnectionRefusedError):
        KaTeXServer.start_server_process(tmp_path, 10.0)


def test_the_builds_server_connects_once_node_listens(tmp_path: Path, monkeypatch):
    _stand_in(_SharedServer, monkeypatch, "-c", _SLOW_LISTENER, "1.0")
    process, connection = _SharedServer.start_server_process(tmp_path, 10.0)
    try:
        assert connection.recv(1) == b"k"
    finally:
        connection.close()
        process.kill()
        process.wait()


def test_a_server_that_exits_without_listening_is_an_error_at_once(tmp_path: Path, monkeypatch):
    _stand_in(_SharedServer, monkeypatch, "-c", "raise SystemExit(3)")
    with pytest.raises(KaTeXError, match="exited with code 3 before it listened"):
        _SharedServer.start_server_process(tmp_path, 10.0)
