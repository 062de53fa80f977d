"""Calling the implementation under test: a callable on NumPy arrays, on a framework's tensors, or on scalars.

:class:`Target` wraps a callable, works out how to call it (``kind``: ``numpy``, ``scalar`` or the name of a
backend with tensors of its own, :data:`symact.audit.backends.KINDS`; vectorised callables get one array per
call, scalar ones one Python/NumPy scalar per element; the backend makes and reads its tensors),
builds inputs of the requested format, and turns whatever comes back into a :class:`Result`: float64 values
plus what was observed (returned type, dtype, shape, exception, warnings, time-out).  Nothing the target does
(raising, hanging, returning a list, a string or the wrong dtype) escapes as an exception from here.
"""
from __future__ import annotations

import importlib
import importlib.util
import os
import queue
import sys
import threading
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np

from symact.audit import backends
from symact.audit.dtypes import Format, dtype_name, get_format
from symact.audit.hang import CallWatch
from symact.cputime import thread_cpu_clock
from symact.errors import SymactError

KINDS = (backends.ARRAYS, *backends.KINDS, "scalar")
#: copies of the input in a reproduction of a vectorised target: the audit calls it on long arrays, and a
#: library may take another code path for one element (torch 2.13's float32 gelu returns inf at x = 2^127
#: from its vectorised kernel and the exact 1.7e38 from its one-element path)
REPRO_COPIES = 64
DEFAULT_CALL_SECONDS = 10.0
#: how a call that timed out is reported
HUNG = "did not return within"


class TargetError(SymactError):
    """A target string that cannot be imported or does not name a callable."""


@dataclass
class Result:
    values: np.ndarray | None          # float64, same shape as the input, or None when unusable
    dtype: str | None = None           # format name of what came back
    shape: tuple | None = None
    type_name: str = ""
    error: str | None = None           # the exception the target raised, one line
    timed_out: bool = False
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.values is not None and self.error is None and not self.timed_out


#: the module name under which a ``path/to/file.py`` target is imported (the file's path hashed after it)
FILE_MODULE_PREFIX = "_symact_target_"


def load_file_module(name: str, path: Path | str):
    """Import the Python file ``path`` as module ``name`` (registered in ``sys.modules``)."""
    spec_obj = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec_obj)
    sys.modules[name] = module
    spec_obj.loader.exec_module(module)
    return module


def file_modules() -> dict[str, str]:
    """{module name: file path} of the file targets imported so far (a worker process imports them again
    under the same names, so that the target's callable can be found there)."""
    return {name: m.__file__ for name, m in list(sys.modules.items())
            if name.startswith(FILE_MODULE_PREFIX) and getattr(m, "__file__", None)}


def load_target(spec: str) -> Callable:
    """``package.module:function`` or ``path/to/file.py:function`` -> the callable (dotted attribute paths
    such as ``torch.nn.functional:gelu`` or ``mod:Class.method`` work)."""
    if not isinstance(spec, str) or ":" not in spec:
        raise TargetError(f"target {spec!r} must be 'package.module:function' or 'path/to/file.py:function'")
    mod_part, _, attr = spec.rpartition(":")
    if not mod_part or not attr:
        raise TargetError(f"target {spec!r} must be 'package.module:function' or 'path/to/file.py:function'")
    try:
        module = load_module(mod_part)
    except TargetError:
        raise
    except Exception as exc:  # ImportError, SyntaxError, errors at import time
        raise TargetError(f"cannot import {mod_part!r}: {type(exc).__name__}: {exc}") from None
    obj: Any = module
    for part in attr.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise TargetError(f"{mod_part!r} has no attribute {attr!r}") from None
    if not callable(obj):
        raise TargetError(f"{spec!r} is not callable")
    return obj


def load_module(name: str):
    """The module of a target: a dotted module name, or a ``path/to/file.py`` (imported under a name of its
    own, :data:`FILE_MODULE_PREFIX`); what importing it raises is raised."""
    if name.endswith(".py") or "/" in name or "\\" in name:
        path = Path(name)
        if not path.is_file():
            raise TargetError(f"target file {name!r} {'is a folder' if path.is_dir() else 'does not exist'}")
        return load_file_module(f"{FILE_MODULE_PREFIX}{abs(hash(str(path.resolve())))}", path)
    return importlib.import_module(name)


class _Caller:
    """The one long-lived thread that calls targets (libraries keep thread-bound state: tinygrad's SQLite
    cache refuses a connection made in another thread).  Calls take turns; a call that hangs
    (:mod:`symact.audit.hang`, measured on this thread's CPU clock) is abandoned with its thread (Python
    cannot kill it) and the next call gets a new thread."""

    def __init__(self):
        self._turn = threading.Lock()
        self._jobs: queue.Queue | None = None
        self._cpu: Callable[[], float | None] = lambda: None

    def _serve(self, jobs: queue.Queue) -> None:
        while True:
            fn, box, done = jobs.get()
            try:
                box["v"] = fn()
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                box["e"] = exc
            done.set()

    def call(self, fn: Callable[[], Any], seconds: float | None) -> tuple[str, Any]:
        box: dict[str, Any] = {}
        done = threading.Event()
        with self._turn:
            if self._jobs is None:
                self._jobs = queue.Queue()
                thread = threading.Thread(target=self._serve, args=(self._jobs,), daemon=True,
                                          name="symact-audit-call")
                thread.start()
                self._cpu = thread_cpu_clock(thread)
            watch = CallWatch(self._cpu)
            self._jobs.put((fn, box, done))
            try:
                why = watch.wait(done, seconds)
            except BaseException:   # Ctrl-C (a signal reaches the main thread only): the call is abandoned
                self._jobs = None
                raise
            if why is not None:
                self._jobs = None
                return "timeout", why
        if "e" in box:      # raised by the target in the calling thread, KeyboardInterrupt and SystemExit too
            return "error", box["e"]
        return "ok", box.get("v")


_CALLER = _Caller()
if hasattr(os, "register_at_fork"):      # a fork (isolated audit of a lambda) has no calling thread yet
    os.register_at_fork(after_in_child=_CALLER.__init__)


def call_with_limit(fn: Callable[[], Any], seconds: float | None) -> tuple[str, Any]:
    """Run ``fn()``: ('ok', value) | ('error', exception) | ('timeout', why it is hung), within the limit
    ``seconds`` (None: none; what counts as a hang: :mod:`symact.audit.hang`).  The call runs in the auditor's
    one calling thread (:class:`_Caller`): whatever it raises, ``KeyboardInterrupt`` and ``SystemExit`` included,
    is a failure of the call (the user's Ctrl-C, a signal, reaches the main thread, which waits for the call);
    a hung call is abandoned there and the caller stops using that target."""
    return _CALLER.call(_without_fork(fn), seconds)


#: how many times this process has called ``os.fork()`` (counted before each fork, in the forking process)
_FORKS = [0]
#: ``calling`` is true in a thread while it runs a call of the target
_IN_CALL = threading.local()


def _copy_of_a_call() -> None:
    """In the copy that a fork made by the target leaves: end it at once (it would run the target's code, or
    go on auditing, next to the audit)."""
    if getattr(_IN_CALL, "calling", False):
        os._exit(0)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=lambda: _FORKS.__setitem__(0, _FORKS[0] + 1), after_in_child=_copy_of_a_call)


class TargetForked(Exception):
    """A call of the target forked the auditing process: a failure of that call."""


def _without_fork(fn: Callable[[], Any]) -> Callable[[], Any]:
    """``fn`` made to fail (:class:`TargetForked`) when it forks the process (the copy ends at once)."""
    def call():
        forks = _FORKS[0]
        _IN_CALL.calling = True
        try:
            out = fn()
        finally:
            _IN_CALL.calling = False
        if _FORKS[0] != forks:
            raise TargetForked("the target forked the process (os.fork()) during the call; an activation "
                               "must not start processes")
        return out
    return call


def module_of(fn) -> str:
    for obj in (fn, getattr(fn, "func", None), type(fn)):
        mod = getattr(obj, "__module__", None)
        if isinstance(mod, str):
            return mod
    return ""


def _short(exc: BaseException) -> str:
    msg = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {msg[0] if msg else ''}"[:300]


class Target:
    """A callable under audit, with its calling convention.

    ``kind`` is detected when not given: the first kind of :func:`symact.audit.backends.detection_order` (a
    callable from a backend's module takes that backend's tensors first) that returns a result of the right
    shape is used.
    """

    def __init__(self, fn: Callable, kind: str | None = None, call_seconds: float | None = DEFAULT_CALL_SECONDS,
                 label: str | None = None, kwargs: dict | None = None, device: str | None = None):
        if not callable(fn):
            raise TargetError(f"{fn!r} is not callable")
        if kind is not None and kind not in KINDS:
            raise TargetError(f"unknown target kind {kind!r} (choose from {', '.join(KINDS)})")
        self.fn = fn
        self.kwargs = dict(kwargs or {})
        self.kind = kind
        self.call_seconds = call_seconds
        self.label = label or _qualified_name(fn)
        self.device = device
        self.hung = False
        #: what the call that hung was told ("call did not return within 10 s: ...", why: symact.audit.hang)
        self.hung_error = ""
        self.detect_note = ""
        #: for an autograd derivative target: the Target it differentiates (reproductions call autograd)
        self.grad_of: "Target | None" = None

    def use_one_thread(self) -> None:
        """Keep the framework's own thread pool at one thread (for a worker process among one per core)."""
        if self.kind in backends.KINDS:
            backends.get(self.kind).use_one_thread()

    # -- formats ---------------------------------------------------------------------------------------------
    def make_input(self, x: np.ndarray, fmt: Format):
        """``x`` (float64 values representable in ``fmt``) as an array of the target's kind."""
        if self.kind in backends.KINDS:
            return backends.get(self.kind).tensor(x, fmt.name, self.device)
        return np.asarray(x, dtype=np.float64).astype(fmt.numpy_dtype())

    def to_numpy(self, out) -> tuple[np.ndarray | None, str | None, tuple | None, str]:
        """(float64 values, dtype name, shape, type name) of a returned object."""
        tname = type(out).__module__.split(".")[0] + "." + type(out).__name__
        try:
            for kind in backends.KINDS:     # a framework that reads its own tensors
                own = backends.get(kind).read(out)
                if own is not None:
                    return own[0], own[1], tuple(own[0].shape), tname
            if isinstance(out, (np.ndarray, np.generic)):
                if out.dtype.kind not in "fiub" and out.dtype.name != "bfloat16":
                    return None, dtype_name(out.dtype), tuple(np.shape(out)), tname
                return np.asarray(out).astype(np.float64), dtype_name(out.dtype), tuple(np.shape(out)), tname
            if isinstance(out, (float, int)) and not isinstance(out, bool):
                return np.asarray(float(out)), "python-float", (), tname
            arr = backends.read_array(out)      # any other tensor type, through the array protocols
            if arr is not None:
                return arr.astype(np.float64), dtype_name(arr.dtype), tuple(arr.shape), tname
        except Exception:  # noqa: BLE001 - an object we cannot read is reported, not raised
            return None, None, None, tname
        return None, None, None, tname

    # -- calls -------------------------------------------------------------------------------------------------
    def _raw_call(self, arg):
        return self.fn(arg, **self.kwargs)

    def _quiet_call(self, arg):
        with np.errstate(all="ignore"):    # NumPy's error state is per thread: set it in the calling one
            return self._raw_call(arg)

    def call(self, x: np.ndarray, fmt: Format, seconds: float | None = None, record_warnings: bool = True) -> Result:
        """Call the target on float64 values ``x`` (any shape) presented as ``fmt``.  ``record_warnings=False``
        leaves the process-wide warning filters alone (so calls can run in several threads at once) and
        silences NumPy's floating-point warnings of the call instead; ``Result.warnings`` is then empty."""
        fmt = get_format(fmt)
        if self.kind is None:
            self.detect(fmt)
        if self.hung:
            earlier = self.hung_error or f"call {HUNG} {self.call_seconds:g} s"
            return Result(None, error=f"skipped: an earlier {earlier}", timed_out=True)
        seconds = self.call_seconds if seconds is None else seconds
        x = np.asarray(x, dtype=np.float64)
        start = time.perf_counter()
        if self.kind == "scalar":
            return self._call_scalar(x, fmt, seconds, start)
        arg = self.make_input(x, fmt)
        caught: list = []
        if record_warnings:
            with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn"):
                warnings.simplefilter("always")
                status, out = call_with_limit(lambda: self._raw_call(arg), seconds)
        else:
            status, out = call_with_limit(lambda: self._quiet_call(arg), seconds)
        res = Result(None, warnings=_warning_lines(caught), seconds=time.perf_counter() - start)
        if status == "timeout":
            res.timed_out = True
            res.error = self._hangs(seconds, out)
            return res
        if status == "error":
            res.error = _short(out)
            return res
        vals, dt, shape, tname = self.to_numpy(out)
        res.type_name, res.dtype, res.shape = tname, dt, shape
        if vals is None:
            res.error = (f"returned a Python {type(out).__name__} for an array input (not read as an array: "
                         "a list has no dtype; return an array)" if isinstance(out, (list, tuple)) else
                         f"returned {tname}, not an array of numbers")
            return res
        if vals.shape != x.shape:
            if vals.size == x.size:
                res.values = vals.reshape(x.shape)
            return res
        res.values = vals
        return res

    def _hangs(self, seconds: float, why: str) -> str:
        """A call hung (``why``: :mod:`symact.audit.hang`): the target is called no more; what it is told."""
        self.hung = True
        self.hung_error = f"call {HUNG} {seconds:g} s: {why}"
        return self.hung_error

    def _call_scalar(self, x, fmt, seconds, start) -> Result:
        out = np.empty(x.shape, dtype=np.float64)
        dts = set()
        lines: list[str] = []
        npdt = fmt.numpy_dtype()
        flat = x.ravel()
        with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn"):
            warnings.simplefilter("always")
            for i, v in enumerate(flat):
                arg = npdt.type(v)
                status, r = call_with_limit(lambda: self._raw_call(arg), seconds)
                if status == "timeout":
                    return Result(None, error=self._hangs(seconds, r), timed_out=True)
                if status == "error":
                    return Result(None, error=f"{_short(r)} (at x = {float(v)!r})")
                vals, dt, shape, tname = self.to_numpy(r)
                if vals is None or vals.size != 1:
                    return Result(None, error=f"returned {tname} for a scalar input", type_name=tname)
                dts.add(dt)
                out.ravel()[i] = float(vals.ravel()[0])
            lines = _warning_lines(caught)
        dt = dts.pop() if len(dts) == 1 else (None if not dts else "mixed")
        # A scalar function returning a Python float works in double precision; what matters is the value
        # after rounding to the audited format, which is what a caller storing it in that format gets.
        if dt == "python-float":
            out = _round_values(out, fmt)
            dt = fmt.name
        return Result(out, dtype=dt, shape=x.shape, type_name="scalar", warnings=lines,
                      seconds=time.perf_counter() - start)

    def detect(self, fmt: Format) -> str:
        """Work out ``kind`` by trying a small input (see the class docstring)."""
        if self.kind is not None:
            return self.kind
        probe = np.array([-1.5, 0.0, 0.5, 2.0])
        mod = module_of(self.fn)
        order = backends.detection_order(mod)
        notes = []
        reshaped = None             # the first kind whose call returned an array of numbers of another shape
        for kind in order:
            if kind in backends.KINDS and not backends.get(kind).available():
                continue
            if kind == "scalar" and reshaped is not None:
                # it takes arrays and answers with arrays: not a scalar function; the shape check reports it
                self.kind, self.detect_note = reshaped, "; ".join(notes)
                return reshaped
            self.kind = kind
            try:
                res = self.call(probe, fmt)
            except Exception as exc:  # noqa: BLE001 - e.g. the format is not available for this kind
                notes.append(f"{kind}: {_short(exc)}")
                continue
            if res.timed_out:
                self.detect_note = "the first call timed out"
                return kind
            if res.values is not None and res.shape == probe.shape:
                self.detect_note = "; ".join(notes)
                return self._returned_kind(kind, res, probe, fmt)
            if res.error is None and res.shape is not None and reshaped is None:
                reshaped = kind
            notes.append(f"{kind}: {res.error or f'returned shape {res.shape}'}")
        # nothing worked: keep the most likely kind so the failure is reported by the checks
        self.kind = order[0] if order[0] != backends.ARRAYS else ("scalar" if not notes else backends.ARRAYS)
        self.detect_note = "; ".join(notes)
        return self.kind

    def _returned_kind(self, kind: str, res, probe: np.ndarray, fmt: Format) -> str:
        """``kind``, or the backend whose tensors a callable that took NumPy arrays returned, where it takes those
        too: a JAX function given a NumPy float64 array computes in float32 unless 64-bit mode is on, which the
        JAX backend switches on for float64 inputs (a generated JAX float64 module returned float32 values)."""
        own = backends.kind_of_module(res.type_name or "") if kind == backends.ARRAYS else None
        if own is None or not backends.get(own).available():
            return kind
        self.kind = own
        try:
            again = self.call(probe, fmt)
        except Exception:  # noqa: BLE001 - it does not take them: NumPy arrays it is
            again = None
        if again is None or again.values is None or again.shape != probe.shape:
            self.kind = kind
        return self.kind

    def reproduction_parts(self, x: float, fmt: Format, module_hint: str | None = None,
                           literal: str | None = None) -> tuple[str, str, str, str]:
        """(imports, argument, keyword text, selection) of a reproduction (see :meth:`reproduction`)."""
        mod, _, qual = (module_hint or self.label).rpartition(":")
        if not mod:
            mod, qual = module_of(self.fn), getattr(self.fn, "__qualname__", "f")
        if mod.startswith(FILE_MODULE_PREFIX) and getattr(sys.modules.get(mod), "__file__", None):
            mod = sys.modules[mod].__file__          # a file target: the reproduction loads that file
        if unimportable(mod, qual):
            imp = "pass"                        # f is the caller's own function (see reproduction)
        elif mod.endswith(".py") or "/" in mod:
            imp = (f"import importlib.util as u; s = u.spec_from_file_location('m', {mod!r}); m = u.module_from_spec(s); "
                   f"s.loader.exec_module(m); f = m.{qual}")
        else:
            imp = f"import importlib; f = importlib.import_module({mod!r}).{qual}"
        kw = "".join(f", {k}={v!r}" for k, v in self.kwargs.items())
        xs = float(x).hex() if np.isfinite(x) else repr(float(x))
        xv = f"float.fromhex({xs!r})" if np.isfinite(x) else f"float({xs!r})"
        values, sel = (literal, "") if literal is not None else (f"[{xv}] * {REPRO_COPIES}", "[0]")
        np_imp = "import numpy as np; " + ("import ml_dtypes; " if fmt.name == "bfloat16" else "")
        if self.kind in backends.KINDS:
            head, arg = backends.get(self.kind).input_text(values, fmt.name)
            if self.device:  # where the audit put its tensors (--device)
                arg = f"({arg}).to({self.device!r})"
            return head + imp, arg, kw, sel
        dt = f"np.{fmt.name}" if fmt.name != "bfloat16" else "ml_dtypes.bfloat16"
        if self.kind == "scalar":
            return np_imp + imp, f"{dt}({xv})", kw, ""
        return np_imp + imp, f"np.array({values}, dtype={dt})", kw, sel

    def reproduction(self, x: float, fmt: Format, module_hint: str | None = None, literal: str | None = None) -> str:
        """A one-line shell command that calls the target as the audit did and prints the result: at ``x``
        repeated :data:`REPRO_COPIES` times for a vectorised target (the first result is printed), or on the
        array ``literal`` (Python list text: a vector activation's input).  For an autograd derivative target
        it prints the gradient."""
        fmt = get_format(fmt)
        base = self.grad_of or self
        imp, arg, kw, sel = base.reproduction_parts(x, fmt, module_hint, literal)
        if self.grad_of is not None and self.kind in backends.KINDS:
            code = f"{imp}; {backends.get(self.kind).grad_code(lambda v: f'f({v}{kw})', arg, sel)}"
        else:
            shown = backends.get(self.kind).output_text if self.kind in backends.KINDS else "repr({})".format
            code = f"{imp}; print({shown(f'f({arg}{kw}){sel}')})"
        mod, _, qual = (module_hint or base.label).rpartition(":")
        why = unimportable(mod or module_of(base.fn), qual if mod else getattr(base.fn, "__qualname__", "f"))
        if why:
            code = code.replace("; pass;", ";")
            return f"not reproducible by import ({why}); with that function bound to f, this Python code is: {code}"
        return f'python -c "{code}"'


def unimportable(module: str, qualname: str) -> str:
    """Why ``module:qualname`` cannot be imported by a reproduction ("" when it can): a lambda, a closure
    or a local function, a function of ``__main__``."""
    if not module:
        return "its module is unknown"
    if "<lambda>" in qualname:
        return "it is a lambda"
    if "<locals>" in qualname:
        return "it is a closure or a local function"
    if module == "__main__":
        return f"{qualname} is defined in __main__"
    if not all(p.isidentifier() for p in qualname.split(".")):
        return f"{qualname!r} is not an attribute path"
    return ""


def _round_values(v: np.ndarray, fmt: Format) -> np.ndarray:
    from symact.audit.dtypes import round_to

    return round_to(v, fmt)


def _warning_lines(caught) -> list[str]:
    out = []
    for w in caught:
        line = f"{w.category.__name__}: {str(w.message).splitlines()[0] if str(w.message) else ''}"
        if line not in out:
            out.append(line)
    return out


def _qualified_name(fn) -> str:
    mod = module_of(fn)
    qual = getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or type(fn).__name__
    return f"{mod}:{qual}" if mod else str(qual)

