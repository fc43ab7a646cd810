"""The app as production runs it: gunicorn with gunicorn.conf.py, on a free loopback port."""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.client import Client
from bench.dataset import Dataset

PROJECT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
CONFIG = PROJECT / "gunicorn.conf.py"
STARTUP_SECONDS = 60
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
CORES = len(os.sched_getaffinity(0))


@dataclass(frozen=True)
class Server:
    process: subprocess.Popen
    port: int
    arguments: tuple[str, ...]

    def client(self) -> Client:
        return Client(HOST, self.port)

    def workers(self) -> set[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return {int(pid) for pid in children.read_text().split()}

    def cpu_seconds(self) -> float:
        """CPU time of the master and its present workers so far."""
        return sum(cpu_seconds(pid) for pid in {self.process.pid, *self.workers()})


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gunicorn",
        default="",
        help="gunicorn options that override gunicorn.conf.py, e.g. '--workers 3'",
    )


@contextmanager
def gunicorn(data: Dataset, options: str = "") -> Iterator[Server]:
    """gunicorn -c gunicorn.conf.py serving ``data``, ``options`` overriding the file, until
    the block ends; its output goes to gunicorn.log in the run's folder."""
    port, arguments, log = free_port(), shlex.split(options), data.work / "gunicorn.log"
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "--config", str(CONFIG),
        "--bind", f"{HOST}:{port}",
        "--control-socket", str(data.work / "gunicorn.ctl"),  # not the one shared per user
        *arguments,
    ]  # fmt: skip
    with log.open("ab") as output:
        process = subprocess.Popen(  # noqa: S603 (the project's own command)
            command, cwd=PROJECT, env=os.environ | data.environment, stdout=output, stderr=output
        )
    server = Server(process, port, tuple(arguments))
    try:
        _wait_until_answering(server, log)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_answering(server: Server, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    client = server.client()
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start; see {log}")
        try:
            answered = client.get("/healthz").status == 200
        except OSError:
            answered = False
        if answered:
            client.close()
            _wait_for_every_worker(server, deadline)
            return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {STARTUP_SECONDS} s; see {log}")


def _wait_for_every_worker(server: Server, deadline: float, steady: float = 1.0) -> None:
    """Until the master has started no new worker for ``steady`` seconds."""
    workers, since = server.workers(), time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - since < steady:
        time.sleep(0.1)
        if (now := server.workers()) != workers:
            workers, since = now, time.monotonic()


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def restart_cost(server: Server, settle: float = 0.5, limit: float = 30) -> float:
    """CPU seconds a replacement worker spends before it is ready: one worker is stopped, and
    its replacement's CPU time read once it stops growing (the app built, the worker idle)."""
    before = server.workers()
    os.kill(min(before), signal.SIGTERM)
    deadline = time.monotonic() + limit
    while not (new := server.workers() - before) and time.monotonic() < deadline:
        time.sleep(0.01)
    if not new:
        raise RuntimeError("gunicorn did not replace the stopped worker")
    worker = new.pop()
    spent = cpu_seconds(worker)
    while time.monotonic() < deadline:
        time.sleep(settle)
        now = cpu_seconds(worker)
        if now - spent < 0.01:
            return now
        spent = now
    return spent
