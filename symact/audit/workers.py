"""Worker processes: fresh interpreters running :func:`serve` (``python -c "from symact.audit.workers import
serve; serve()"``; not ``-m``, which would run this module a second time after the package imported it), fed
over pipes.

The exhaustive stream (:mod:`symact.audit.stages.exhaustive`) runs one worker per core.  ``multiprocessing`` is not
used because its ``spawn`` start runs the caller's main script again in every child (an audit started from a
script without an ``if __name__ == "__main__"`` guard would start again there) and ``fork`` copies the
threads of PyTorch or JAX in an unusable state.  A worker here runs nothing but this module:

1. it reads one pickled message ``(sys.path, init, args)`` and keeps ``state = init(*args)``;
2. then, for each pickled ``(fn, args)`` it reads, it writes back the pickled ``fn(state, *args)`` (or the
   exception it raised).

Functions travel by reference (module-level functions of importable modules).  The channel is a copy of the
worker's standard output taken before anything runs; its file descriptor 1 is then pointed at its standard
error, so whatever the target prints cannot corrupt the channel.  The worker's standard error goes to a
temporary file, whose last line is what :class:`WorkerDied` says when a worker ends without answering (an
import that fails in it, a target that crashes its process).  Ctrl-C is the parent's: workers ignore SIGINT.
"""
from __future__ import annotations

import os
import pickle
import queue
import signal
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import Future
from typing import Any, Callable

from symact.sigmask import blocked


#: what a worker process runs
SERVE = "from symact.audit.workers import serve; serve()"


class WorkerDied(Exception):
    """A worker process ended without answering; ``output`` is the end of what it wrote (its standard output
    and error: a target's own prints, a traceback)."""

    def __init__(self, message: str, output: str = ""):
        super().__init__(message)
        self.output = output


class WorkerPool:
    """``n`` worker processes sharing one queue of calls; :meth:`submit` returns a ``Future``."""

    def __init__(self, n: int, init: Callable, args: tuple = (), *, pass_fds: tuple = (),
                 new_session: bool = False):
        """``pass_fds``: file descriptors the workers inherit (e.g. a terminal for a progress bar);
        ``new_session``: the workers do not get the terminal's Ctrl-C (the caller forwards it)."""
        setup = pickle.dumps((list(sys.path), init, args))
        self._calls: queue.Queue = queue.Queue()
        self._procs: list[subprocess.Popen] = []
        self._threads: list[threading.Thread] = []
        # the worker finds this symact first (also when it is imported from a checkout, not installed)
        home = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        paths = [os.path.dirname(home), os.environ.get("PYTHONPATH", "")]
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in paths if p))
        for _ in range(n):
            err = tempfile.TemporaryFile()
            proc = subprocess.Popen([sys.executable, "-c", SERVE], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=err, env=env,
                                    pass_fds=pass_fds, start_new_session=new_session)
            self._procs.append(proc)
            t = threading.Thread(target=self._feed, args=(proc, err, setup), daemon=True,
                                 name="symact-worker-feed")
            with blocked():                 # SIGINT and SIGTERM are the main thread's (symact.sigmask)
                t.start()
            self._threads.append(t)

    def submit(self, fn: Callable, *args: Any) -> Future:
        fut: Future = Future()
        self._calls.put((fut, fn, args))
        return fut

    def _feed(self, proc: subprocess.Popen, err, setup: bytes) -> None:
        """Send this worker the setup, then one queued call at a time.  A dead worker fails the call it took,
        and the queued ones too when no worker is left (nothing waits forever)."""
        try:
            proc.stdin.write(setup)
            proc.stdin.flush()
        except OSError:
            pass
        while True:
            item = self._calls.get()
            if item is None:
                break
            fut, fn, args = item
            if not fut.set_running_or_notify_cancel():
                continue
            try:
                call = pickle.dumps((fn, args))
            except Exception as exc:  # noqa: BLE001 - a call that cannot be sent fails, it never waits forever
                fut.set_exception(exc)
                continue
            try:
                proc.stdin.write(call)
                proc.stdin.flush()
                ok, value = pickle.load(proc.stdout)
            except (OSError, EOFError, pickle.UnpicklingError):
                died = WorkerDied(*_last_words(proc, err))
                fut.set_exception(died)
                self._fail_rest(died)
                break
            if ok:
                fut.set_result(value)
            else:
                fut.set_exception(value)
        try:
            proc.stdin.close()
        except OSError:
            pass

    def _queued(self):
        """Take the futures of the calls no worker has taken yet off the queue."""
        while True:
            try:
                item = self._calls.get_nowait()
            except queue.Empty:
                return
            if item is not None:
                yield item[0]

    def _fail_rest(self, exc: Exception) -> None:
        """When every worker is dead, no queued call will be taken: fail them all."""
        if all(p.poll() is not None for p in self._procs):
            for fut in self._queued():
                if fut.set_running_or_notify_cancel():
                    fut.set_exception(exc)

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self._procs]

    def kill(self) -> None:
        """End the workers now (a call that hangs in one); the calls they had taken fail with WorkerDied."""
        for p in self._procs:
            if p.poll() is None:
                p.kill()
        self.shutdown(cancel=True)

    def shutdown(self, cancel: bool = False) -> None:
        """Stop the workers once the calls taken are answered; ``cancel`` drops the calls not yet taken."""
        if cancel:
            for fut in self._queued():
                fut.cancel()
        for _ in self._threads:
            self._calls.put(None)
        for t in self._threads:
            t.join()
        for p in self._procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:       # a target still hanging in a worker
                p.kill()
                p.wait()


#: characters of a dead worker's output kept in :class:`WorkerDied`
OUTPUT_CHARS = 4000


def exit_reason(code: int | None) -> str:
    """An exit status as words: ``exit status 0``, ``signal 11 (SIGSEGV)``, ``no answer``."""
    if code is None:
        return "no answer"
    if code >= 0:
        return f"exit status {code}"
    try:
        return f"signal {-code} ({signal.Signals(-code).name})"
    except ValueError:
        return f"signal {-code}"


def _last_words(proc: subprocess.Popen, err) -> tuple[str, str]:
    """(why the worker ended, with its last line of output; the end of its output)."""
    try:
        code = proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        code = None
    err.seek(0)
    text = err.read().decode(errors="replace")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return f"{exit_reason(code)}{': ' + lines[-1][:300] if lines else ''}", text[-OUTPUT_CHARS:]


def serve() -> None:
    """The worker's loop (module docs)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    chan_out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    chan_in = sys.stdin.buffer
    path, init, args = pickle.load(chan_in)
    sys.path[:] = path
    state = init(*args)
    while True:
        try:
            fn, args = pickle.load(chan_in)
        except EOFError:                   # the parent is done: end now, whatever threads still run
            sys.stderr.flush()
            os._exit(0)
        try:
            answer = (True, fn(state, *args))
        except Exception as exc:  # noqa: BLE001 - the parent's future raises it
            answer = (False, exc)
        pickle.dump(answer, chan_out)
        chan_out.flush()

