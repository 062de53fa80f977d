"""Running an audit isolated from the target: a target that exits, crashes, hangs while it is imported or
exhausts memory is a reported failure, never the end (or a hang) of the caller.

By default :func:`symact.audit` and ``symact audit`` run the audit -- target calls included -- in a child
process and take back its :class:`~symact.audit.report.AuditReport`:

* a target named by a string (``package.module:function``, ``path/to/file.py:function``: the command line, the
  pytest plugin) is imported only in the child, within :data:`IMPORT_SECONDS`; the caller never runs its code;
* a callable that pickles by reference (a function of an importable module or of a ``file.py`` target) is sent
  to a fresh interpreter (:mod:`symact.audit.workers`), which is kept and reused for the next audit;
* anything else (a lambda, a closure, a function defined in ``__main__``) cannot reach a fresh interpreter:
  on POSIX the audit runs in a ``fork`` of the caller (the callable is already there).  A fork copies the
  caller's threads in whatever state they are in, so a caller that has run PyTorch or JAX should give the
  auditor importable functions (or ``isolate=False``); without ``fork`` (Windows) the audit runs in-process.

The child's address space is limited to ``memory`` bytes (``RLIMIT_AS``; default: the machine's physical
memory; 0 for none, which a CUDA device needs), so a target that allocates without bound fails with a
``MemoryError`` in the child.  Everything the target writes to its standard output or error is captured and
returned as the report's ``output`` (it never reaches the caller's standard output, where ``--json`` goes).
When the child ends without a report, the report has one failing ``calls`` check that says why (``exit
status 0``, ``signal 11 (SIGSEGV)``, an import that did not finish) and the output of the target.  Ctrl-C is
forwarded to the child, which returns what it found so far (``interrupted``); an interruption that the parent
did not forward (a SIGINT the target sent its own process) is the target's failure (:func:`not_asked`), and so
is a SIGINT or SIGTERM the target's process sends this one (told apart from the user's by its sender while this
process waits: :mod:`symact.audit.senders`).
"""
from __future__ import annotations

import io
import os
import pickle
import select
import signal
import sys
import tempfile
import threading
import time
import types
from concurrent.futures import Future
from concurrent.futures import wait as futures_wait
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from typing import Any, Callable

from symact.audit.adapters import FILE_MODULE_PREFIX, HUNG, load_target
from symact.progress import Progress
from symact.audit.report import FAIL, AuditReport, CheckResult, Failure
from symact.audit.senders import Watch
from symact.audit.workers import OUTPUT_CHARS, WorkerDied, WorkerPool, exit_reason
from symact.errors import SymactError

#: seconds a target may take to be imported in the child (``--import-timeout``)
IMPORT_SECONDS = 60.0


def default_memory(device: str | None = None) -> int:
    """The child's default address-space limit: the machine's physical memory (0: no limit; also for a GPU
    device, whose driver maps address space far beyond the memory)."""
    if device and not str(device).startswith("cpu"):
        return 0
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 0


def by_reference(obj: Any) -> bytes | None:
    """``obj`` pickled, when a fresh interpreter can unpickle it (by reference to an importable module, or
    to a ``file.py`` target it imports again); None for a lambda, a closure, anything of ``__main__``."""
    try:
        data = pickle.dumps(obj)
    except Exception:  # noqa: BLE001 - whatever pickle refuses
        buf = io.BytesIO()
        try:
            _ByName(buf).dump(obj)
        except Exception:  # noqa: BLE001
            return None
        data = buf.getvalue()
    return None if b"__main__" in data else data


class _ByName(pickle.Pickler):
    """Pickles an object that plain pickle refuses (``jax.nn.relu``, a ``custom_jvp``; ``jax.numpy.tanh``, a
    compiled wrapper) by its name, when its module's attribute at ``__qualname__`` *is* that object: the fresh
    interpreter finds it again with :func:`~symact.audit.adapters.load_target`."""

    def reducer_override(self, obj):
        mod, qual = getattr(obj, "__module__", None), getattr(obj, "__qualname__", None)
        if not (isinstance(mod, str) and isinstance(qual, str)) or "<" in qual or mod == "__main__" \
                or isinstance(obj, (type, types.FunctionType, types.BuiltinFunctionType)) or mod not in sys.modules:
            return NotImplemented
        found: Any = sys.modules[mod]
        for part in qual.split("."):
            found = getattr(found, part, None)
        return (load_target, (f"{mod}:{qual}",)) if found is obj else NotImplemented


def file_module_of(obj: Any) -> dict[str, str]:
    """{module name: path} of the ``file.py`` target module ``obj`` comes from (empty for other modules)."""
    for o in (obj, getattr(obj, "fn", None), getattr(obj, "func", None)):
        mod = getattr(o, "__module__", None)
        if isinstance(mod, str) and mod.startswith(FILE_MODULE_PREFIX):
            path = getattr(sys.modules.get(mod), "__file__", None)
            if path:
                return {mod: path}
    return {}


# -- what the child runs ---------------------------------------------------------------------------------------
def child_init(memory: int, progress_fd: int | None) -> dict:
    """A child's state: its address-space limit set, the terminal to draw progress on; it ends when its
    parent does (a parent killed in the middle of an audit leaves no child running)."""
    threading.Thread(target=_orphan_watch, args=(os.getppid(),), daemon=True, name="symact-orphan").start()
    if memory:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    stream = os.fdopen(progress_fd, "w") if progress_fd is not None else None
    return {"progress": stream, "targets": {}}


def _orphan_watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def child_ready(state: dict) -> None:
    """Nothing: answering it shows the child is up."""


def child_load(state: dict, specs: dict[str, str | tuple]) -> None:
    """Import the targets named by ``specs`` in the child: {key: 'module:function'}, or {key: (loader, *args)}
    for a callable that ``loader(*args)`` (a function of an importable module) finds there."""
    for key, spec in specs.items():
        state["targets"][key] = load_target(spec) if isinstance(spec, str) else spec[0](*spec[1:])


def audited(state: dict, run: Callable[..., AuditReport], kwargs: dict) -> tuple[AuditReport, bool]:
    """``run(**kwargs)`` with the progress bar on the parent's terminal, the output captured and Ctrl-C
    (forwarded by the parent) interrupting it; (report, whether a call of the target hung)."""
    if state["progress"] is not None:
        kwargs = dict(kwargs, progress=Progress(enabled=True, stream=state["progress"]))
    with _capture_child_output() as out:
        previous = signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            report = run(**kwargs)
        finally:
            signal.signal(signal.SIGINT, previous)
    attach_output(report, out())
    return report, _hung(report)


def _hung(report: AuditReport) -> bool:
    """A call of the target timed out: its thread may still run in the child, which is not reused."""
    return any(HUNG in (f.message or "") for c in report.checks for f in c.failures)


@contextmanager
def _capture_child_output():
    """In a worker (whose standard output already goes to its standard error, a file): yields a function
    returning what was written to it meanwhile (bytes)."""
    sys.stdout.flush()
    sys.stderr.flush()
    start = os.lseek(2, 0, os.SEEK_CUR)
    got: list[bytes] = []

    def text() -> bytes:
        return got[0] if got else b""

    try:
        yield text
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        end = os.lseek(2, 0, os.SEEK_CUR)
        got.append(os.pread(2, max(0, end - start), start))


def _tail(data: bytes) -> str:
    text = data.decode(errors="replace")
    return text if len(text) <= OUTPUT_CHARS else "...\n" + text[-OUTPUT_CHARS:]


#: characters the target may write to its standard output and error during an audit (a log line or two)
#: before it fails the ``quiet`` check: an activation that prints on its calls floods its users' programs
QUIET_CHARS = OUTPUT_CHARS


def attach_output(report: AuditReport, data: bytes) -> AuditReport:
    """Give ``report`` the tail of what the target wrote during the audit (``data``); more than
    :data:`QUIET_CHARS` characters fail the hygiene check ``quiet``."""
    report.output = _tail(data)
    written = len(data.decode(errors="replace"))
    if written > QUIET_CHARS:
        why = (f"the target wrote {written} characters to its standard output and error during the audit "
               f"(at most {QUIET_CHARS} pass: an activation should not print on its calls)")
        report.checks.append(CheckResult("quiet", FAIL, "the target printed while it was audited",
                                         failures=[Failure("quiet", message=why)]))
    return report


@contextmanager
def captured_output():
    """Point this process's file descriptors 1 and 2 at a temporary file for the block; yields a function
    returning what was written there, as bytes (``symact audit --in-process``: the target's prints stay out
    of the JSON on standard output)."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    got: list[bytes] = []
    with tempfile.TemporaryFile() as tmp:
        os.dup2(tmp.fileno(), 1)
        os.dup2(tmp.fileno(), 2)
        try:
            yield lambda: got[0] if got else b""
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            for fd in saved:
                os.close(fd)
            tmp.seek(0)
            got.append(tmp.read())


# -- the parent's side -----------------------------------------------------------------------------------------
def died_report(label: str, name: str, dtype: str, params: dict | None, why: str, output: str = "",
                check: str = "calls") -> AuditReport:
    """The report of an audit whose child ended (or hung) without a report: one failing check (``calls``)."""
    rep = AuditReport(target=label, activation=name, dtype=dtype, params=dict(params or {}), output=output)
    rep.checks.append(CheckResult(check, FAIL, "no report: the audit did not finish",
                                  failures=[Failure(check, message=why)]))
    return rep


class Child:
    """One worker process that audits (reused for audit after audit until it dies or a call hangs in it)."""

    def __init__(self, memory: int, progress: bool = False):
        self.memory = memory
        self.progress = progress
        self.pool: WorkerPool | None = None
        self.last_output = ""
        #: whether a Ctrl-C was forwarded to the child during the last :meth:`run`
        self.forwarded = False
        #: the signals the child (the target) sent this process while it was awaited (:meth:`Watch.take`)
        self.watch = Watch(lambda: self.pool.pids if self.pool is not None else [])

    def _start(self) -> WorkerPool:
        if self.pool is None:
            fd = os.dup(2) if self.progress else None
            try:
                self.pool = WorkerPool(1, child_init, (self.memory, fd), pass_fds=(fd,) if fd is not None else (),
                                       new_session=True)
            finally:
                if fd is not None:
                    os.close(fd)
        return self.pool

    def retire(self, kill: bool = False) -> None:
        if self.pool is not None:
            self.pool.kill() if kill else self.pool.shutdown(cancel=True)
            self.pool = None

    def load(self, specs: dict[str, str], seconds: float) -> str | None:
        """Import the targets in the child within ``seconds``: None, or why it failed (a :class:`TargetError`
        of the child, e.g. no such module, is raised here).  Ctrl-C kills the child (an import cannot be
        interrupted there)."""
        pool = self._start()
        try:
            try:
                self._awaited(pool.submit(child_ready), None)       # the time limit starts once the child runs
            except WorkerDied as exc:
                self.retire()
                self.last_output = exc.output
                return f"the auditor's child process did not start ({exc})"
            try:
                self._awaited(pool.submit(child_load, specs), seconds)
            except FutureTimeout:
                self.retire(kill=True)
                return f"importing the target did not finish within {seconds:g} s (--import-timeout)"
            except WorkerDied as exc:
                self.retire()
                self.last_output = exc.output
                return f"the target's process ended while importing it ({exc})"
        except KeyboardInterrupt:
            self.retire(kill=True)
            raise
        return None

    def run(self, fn: Callable, *args, seconds: float | None = None,
            during: str = "during the audit") -> tuple[Any, str, str]:
        """(value, why there is none, the dead child's output): ``fn(state, *args)`` run in the child, within
        ``seconds`` if given; Ctrl-C is forwarded and the child's (interrupted) answer awaited (a second
        Ctrl-C kills the child).  ``during`` says what the child was doing, in the reasons."""
        pool = self._start()
        fut = pool.submit(fn, *args)
        self.forwarded = False
        try:
            return self._wait(fut, pool, seconds), "", ""
        except FutureTimeout:
            self.retire(kill=True)
            return None, f"the target's process did not finish {during} within {seconds:g} s", ""
        except WorkerDied as exc:
            self.retire()
            return None, f"the target's process ended {during} ({exc})", exc.output
        except SymactError:  # a usage error found in the child (--device for a NumPy target): exit 2
            raise
        except Exception as exc:  # noqa: BLE001 - the audit itself failed in the child (a MemoryError under the
            # address-space limit, JAX's std::bad_alloc on a GPU): a reported failure, never a traceback
            self.retire(kill=True)
            return None, f"the audit failed in the target's process {during} ({type(exc).__name__}: {exc})", ""

    def _wait(self, fut: Future, pool: WorkerPool, seconds: float | None):
        """``fut``'s result; Ctrl-C here is forwarded to the child once (``forwarded``), a second one kills it."""
        try:
            return self._awaited(fut, seconds)
        except KeyboardInterrupt:
            self.forwarded = True
            for pid in pool.pids:
                try:
                    os.kill(pid, signal.SIGINT)
                except ProcessLookupError:
                    pass
            try:
                return self._awaited(fut, None)
            except KeyboardInterrupt:
                pool.kill()
                raise

    def _awaited(self, fut: Future, seconds: float | None):
        """``fut``'s result within ``seconds`` (else ``FutureTimeout``), the child's signals sorted meanwhile."""
        if not self.watch.wait(lambda s: _settled(fut, s), seconds):
            raise FutureTimeout
        return fut.result()


def _settled(fut: Future, seconds: float | None) -> bool:
    """Whether ``fut`` is done, waiting up to ``seconds`` for it."""
    futures_wait([fut], timeout=seconds)
    return fut.done()


def not_asked(report: AuditReport, forwarded: bool) -> AuditReport:
    """``report`` as the parent takes it: an audit interrupted in the child when the parent forwarded no
    Ctrl-C was stopped by the target (:meth:`AuditReport.stopped_by_target`; e.g. a SIGINT it sent its own
    process, which the child cannot tell from a forwarded one)."""
    if report.interrupted and not forwarded:
        report.stopped_by_target()
    return report


def forked(job: Callable[[], AuditReport], memory: int, label: str, name: str, kwargs: dict,
           idle: bool = True) -> AuditReport:
    """Run ``job()`` in a fork of this process (its own process group: Ctrl-C is forwarded once) with the
    address-space limit (``memory`` bytes; 0: none) and its output captured; the report, or a failing one
    saying why there is none.  ``idle``: a fork that uses no CPU time for :data:`IDLE_SECONDS` is taken
    for deadlocked and stopped (False: never; for a fork of the command line, which runs no library's
    threads).  What ``job`` raises comes back: a usage error (:class:`SymactError`) and the Ctrl-C forwarded
    to it are raised here, anything else (what the target raised, ``SystemExit`` included) is a failing
    report.  The signals the fork (the target) sends this process meanwhile fail it (:mod:`symact.audit.
    senders`)."""
    sys.stdout.flush()
    sys.stderr.flush()
    rd, wr = os.pipe()
    with tempfile.TemporaryFile() as out:
        pid = os.fork()
        if pid == 0:                                      # the child: never returns
            code = 0
            try:
                os.close(rd)
                os.setpgid(0, 0)
                os.dup2(out.fileno(), 1)
                os.dup2(out.fileno(), 2)
                if memory:
                    import resource

                    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
                signal.signal(signal.SIGINT, signal.default_int_handler)
                try:
                    answer = (True, job())
                except BaseException as exc:  # noqa: BLE001 - the parent judges it
                    answer = (False, exc)
                with os.fdopen(wr, "wb") as w:
                    w.write(_pickled(answer))
            except BaseException:  # noqa: BLE001
                code = 70
            finally:
                os._exit(code)
        os.close(wr)
        watch = Watch(lambda: [pid])
        data, forwarded = _read_all(rd, pid, watch, IDLE_SECONDS if idle else None)
        _, status = os.waitpid(pid, 0)
        out.seek(0)
        output = out.read()
    code = os.waitstatus_to_exitcode(status)
    dtype, params = kwargs.get("dtype", "float32"), kwargs.get("params")
    if data is None:
        why = (f"the forked process of the audit used no CPU time for {IDLE_SECONDS:g} s and was stopped (a fork "
               f"of a process that runs PyTorch or JAX threads can deadlock: give the auditor a function of an "
               f"importable module, or isolate=False)")
        return died_report(label, name, dtype, params, why, _tail(output)).signalled_auditor(watch.take())
    if not data:
        return died_report(label, name, dtype, params, f"the target's process ended during the audit "
                           f"({exit_reason(code)})", _tail(output)).signalled_auditor(watch.take())
    ok, value = pickle.loads(data)
    if ok:
        return not_asked(attach_output(value, output), forwarded).signalled_auditor(watch.take())
    if isinstance(value, SymactError) or (isinstance(value, KeyboardInterrupt) and forwarded):
        raise value
    why = f"the audit failed in the target's process ({type(value).__name__}: {value})"
    return died_report(label, name, dtype, params, why, _tail(output)).signalled_auditor(watch.take())


def _pickled(answer: tuple[bool, Any]) -> bytes:
    """The fork's answer as bytes; an exception that cannot be pickled travels as its type's name and text."""
    try:
        return pickle.dumps(answer)
    except Exception:  # noqa: BLE001 - whatever pickle refuses
        exc = answer[1]
        return pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))


#: seconds a forked child may run without using CPU time before it is taken for deadlocked (a fork copies the
#: caller's threads; a library's thread pool, PyTorch's or JAX's, is gone in the child and its locks stay held)
IDLE_SECONDS = 30.0


def _read_all(fd: int, pid: int, watch: Watch, idle: float | None) -> tuple[bytes | None, bool]:
    """(what the forked child ``pid`` writes to ``fd`` until it closes it, whether a Ctrl-C was forwarded to
    it); a child that uses no CPU time for ``idle`` seconds (deadlocked, or a target that sleeps forever) is
    killed: None."""
    chunks = []
    interrupted = False
    idle_since, cpu = time.monotonic(), _cpu_ticks(pid)
    with os.fdopen(fd, "rb") as r:
        while True:
            try:
                if not watch.wait(lambda s: bool(select.select([r], [], [], s)[0]), 1.0):
                    now, used = time.monotonic(), _cpu_ticks(pid)
                    if used is None or used != cpu:
                        idle_since, cpu = now, used
                    elif idle is not None and now - idle_since > idle:
                        os.kill(pid, signal.SIGKILL)
                        return None, interrupted
                    continue
                b = os.read(r.fileno(), 1 << 16)
            except KeyboardInterrupt:
                if interrupted:
                    os.kill(pid, signal.SIGKILL)
                    raise
                interrupted = True
                os.kill(pid, signal.SIGINT)
                continue
            if not b:
                return b"".join(chunks), interrupted
            chunks.append(b)


def _cpu_ticks(pid: int) -> int | None:
    """The CPU time (clock ticks, user + system) process ``pid`` has used; None where /proc cannot tell."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return None

