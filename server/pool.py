"""Query worker processes: queries run where they can be stopped, and writes run alone.

pyoxigraph cannot interrupt a query from Python, so every query runs in a worker process that is
killed and replaced when it passes its deadline. Each worker opens the store itself (read-only for an
embedded store). A write takes an exclusive lock, has every other worker close its store (an embedded
store must not be open read-only while another process writes it), and runs in one worker.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import queue
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from diplograph.ingest.store import open_store, validated_update

from .results import NotAcceptable, QueryJob, TooLarge, run_query

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UpdateJob:
    """A SPARQL update to validate against the shapes and apply."""

    sparql: str
    base_iri: str | None


class QueryTimeout(Exception):
    """The query passed its deadline; its worker was killed."""


class PoolBusy(Exception):
    """No worker became free before the deadline."""


class WorkerFailed(Exception):
    """The worker reported an error, or died."""

    def __init__(self, kind: str, message: str):
        self.kind = kind
        super().__init__(message)


def _worker_main(conn: Connection, spec: dict) -> None:
    """A worker's loop: answer jobs until the parent goes away."""
    store = None
    while True:
        try:
            op, payload = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        try:
            if op == "close":
                store = None
                _released()
                conn.send(("ok", None))
            elif op == "query":
                if store is None:
                    store = open_store(spec, read_only=True)
                conn.send(("ok", run_query(store, payload)))
            elif op == "update":
                store = None
                _released()
                writable = open_store(spec, read_only=False)
                try:
                    conn.send(("ok", validated_update(writable, payload.sparql, payload.base_iri)))
                finally:
                    del writable
                    _released()
        except SyntaxError as exc:
            conn.send(("syntax", str(exc)))
        except NotAcceptable as exc:
            conn.send(("not_acceptable", str(exc)))
        except TooLarge as exc:
            conn.send(("too_large", str(exc)))
        except Exception as exc:  # crosses a process boundary: report it, the parent answers 500
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


def _released() -> None:
    """Collect garbage so a dropped store really closes: a reference cycle can keep RocksDB's lock held."""
    gc.collect()


class RWLock:
    """Many readers or one writer; a waiting writer holds new readers back so it cannot starve."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False
        self._waiting_writers = 0

    @contextmanager
    def shared(self) -> Iterator[None]:
        with self._cond:
            while self._writer or self._waiting_writers:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        with self._cond:
            self._waiting_writers += 1
            while self._writer or self._readers:
                self._cond.wait()
            self._waiting_writers -= 1
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection


class QueryPool:
    """A fixed number of worker processes; a worker that overruns its deadline is killed and replaced."""

    def __init__(self, spec: dict, size: int):
        self.spec = spec
        self.size = size
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(["diplograph.server.pool"])
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = RWLock()
        for _ in range(size):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=_worker_main, args=(child, self.spec), daemon=True,
                                    name="diplograph-query-worker")
        process.start()
        child.close()
        return _Worker(process, parent)

    def query(self, job: QueryJob, timeout: float) -> Any:
        """Run a query job in a worker; QueryTimeout if it takes longer than `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._lock.shared():
            return self._run(("query", job), deadline)

    def update(self, job: UpdateJob, timeout: float) -> Any:
        """Run a validated update alone, every other worker's store closed meanwhile."""
        deadline = time.monotonic() + timeout
        with self._lock.exclusive():
            others = [self._idle.get_nowait() for _ in range(self.size - 1)]  # all idle: we are exclusive
            try:
                for worker in others:
                    worker.conn.send(("close", None))
                    worker.conn.recv()
                return self._run(("update", job), deadline)
            finally:
                for worker in others:
                    self._idle.put(worker)

    def _run(self, message: tuple, deadline: float) -> Any:
        try:
            worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise PoolBusy("every query worker stayed busy until the deadline") from None
        try:
            worker.conn.send(message)
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                worker = self._replace(worker)
                raise QueryTimeout()
            status, payload = worker.conn.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError):
            worker = self._replace(worker)
            raise WorkerFailed("error", "the query worker died (out of memory?)") from None
        finally:
            self._idle.put(worker)
        if status != "ok":
            raise WorkerFailed(status, payload)
        return payload

    def _replace(self, worker: _Worker) -> _Worker:
        """Kill a worker (it may be deep in a query) and start a fresh one in its place."""
        worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()
        log.warning("query worker %s killed and replaced", worker.process.pid)
        return self._spawn()

    def close(self) -> None:
        """Stop every worker."""
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                return
            worker.process.kill()
            worker.process.join(timeout=5)
