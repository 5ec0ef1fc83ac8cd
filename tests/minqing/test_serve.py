"""`minqing serve` as a process: refuses an old schema, serves /healthz, stops cleanly on SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from typing import Any

SERVE = [sys.executable, "-m", "minqing", "serve"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _environment(url: str, port: int) -> dict[str, str]:
    return {**os.environ, "MINQING_DATABASE_URL": url, "MINQING_PORT": str(port), "MINQING_AGI_PORT": "0"}


def test_serve_refuses_an_unmigrated_database(empty_url: str) -> None:
    done = subprocess.run(
        SERVE, env=_environment(empty_url, _free_port()), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert "run `minqing db upgrade` first" in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_answers_healthz_and_stops_on_sigterm(migrated_url: str) -> None:
    port = _free_port()
    process = subprocess.Popen(SERVE, env=_environment(migrated_url, port), stderr=subprocess.PIPE, text=True)
    try:
        body = _poll(f"http://127.0.0.1:{port}/healthz", deadline=time.monotonic() + 30)
        assert body["status"] == "ok"
        assert body["checks"]["database"] == "ok"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
    finally:
        process.kill()
        _, stderr = process.communicate()
    assert "minqing stopping" in stderr


def _poll(url: str, deadline: float) -> dict[str, Any]:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                body: dict[str, Any] = json.load(response)
                return body
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_serve_reports_a_taken_port(migrated_url: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            SERVE, env=_environment(migrated_url, port), capture_output=True, text=True, timeout=60
        )
    assert done.returncode == 1
    assert f"Error: cannot listen on 127.0.0.1:{port}" in done.stderr
    assert "Traceback" not in done.stderr
