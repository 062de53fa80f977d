"""The Backend interface: what symact needs to know about one framework to audit what it ships.

A backend says how the framework's tensors are made from NumPy values (tensors in), which formats it
supports, how its autograd differentiates a function (the one primitive :meth:`Backend.grad_of_sum`; the
elementwise derivative and a vector activation's Jacobian are built from it), how a reproduction writes an
input, and which callables it ships (:class:`Row`: the catalog entry, parameters and conventions of each).
Tensors out are read through the array protocols (:func:`read_array`), so no backend needs a reader.
"""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np


@dataclass
class Row:
    label: str                       # what is audited, as the user would write it
    fn: Callable
    activation: str
    params: dict = field(default_factory=dict)
    kind: str | None = None
    grad: Callable | None = None
    note: str = ""
    #: (predicate on x, description): failures only where the predicate holds are a documented convention
    convention_region: tuple[Callable[[np.ndarray], np.ndarray], str] | None = None
    #: the formats the framework implements this callable in (None: every audited format)
    formats: tuple[str, ...] | None = None


def read_array(out: Any) -> np.ndarray | None:
    """A returned object as a NumPy array through the array protocols: ``.numpy()`` (TensorFlow, tinygrad,
    torch), ``__array__``, ``__dlpack__``; None when it offers none of them (or is not numeric)."""
    if isinstance(out, (np.ndarray, np.generic)):
        return np.asarray(out)
    for read in (_via_numpy_method, np.asarray, np.from_dlpack):
        if read is np.asarray and not hasattr(out, "__array__"):
            continue
        if read is np.from_dlpack and not hasattr(out, "__dlpack__"):
            continue
        try:
            arr = read(out)
        except Exception:  # noqa: BLE001 - try the next protocol
            continue
        if isinstance(arr, np.ndarray) and (arr.dtype.kind in "fiub" or arr.dtype.name == "bfloat16"):
            return arr
    return None


def _via_numpy_method(out):
    method = getattr(out, "numpy", None)
    if not callable(method):
        raise TypeError("no .numpy()")
    arr = method()
    return arr if isinstance(arr, np.ndarray) else np.asarray(arr)


class Backend:
    """One framework.  Subclasses set :attr:`name` (the ``--framework`` value and the target kind of its
    tensors), :attr:`module` (its import name) and :attr:`prefixes`, and implement :meth:`rows`; a framework
    that takes its own tensors implements :meth:`tensor` and :meth:`input_text` (and :meth:`read` when the
    array protocols do not read its tensors faithfully), one with autograd :meth:`grad_of_sum` (and
    :meth:`grad_code`, :meth:`jacobian_of` for a reproduction or a Jacobian of its own)."""

    name = ""
    module = ""
    #: module prefixes of the framework's callables (a target from one is called with its tensors)
    prefixes: tuple[str, ...] = ()
    #: the formats its tensors support
    formats: tuple[str, ...] = ("float32", "float64")
    #: tried when detecting the kind of a callable from a module of no backend (torch, JAX)
    probe = False
    #: whether its tensors live on a device chosen by ``--device``
    devices = False
    #: whether its bfloat16 tensors are made through NumPy's bfloat16 (the ml_dtypes package)
    numpy_bfloat16 = True
    #: how a Jacobian by its autograd is obtained (a report's wording; "": "<name> autograd")
    autograd = ""

    def available(self) -> bool:
        return importlib.util.find_spec(self.module) is not None

    def rows(self) -> list[Row]:
        raise NotImplementedError

    # -- tensors in ------------------------------------------------------------------------------------------
    def tensor(self, x: np.ndarray, fmt_name: str, device: str | None = None):
        """``x`` (float64 values representable in the format) as the framework's tensor."""
        return np.asarray(x, dtype=np.float64).astype(fmt_name)

    def read(self, out) -> tuple[np.ndarray, str] | None:
        """(float64 values, format name) of ``out`` when it is one of the framework's tensors that it reads
        itself; None: ``out`` is read through the array protocols (:func:`read_array`)."""
        return None

    def bits(self, x) -> np.ndarray:
        """The bit patterns of the tensor ``x`` as integers (a copy: a mutation check compares two)."""
        a = np.array(read_array(x), copy=True)
        return a.view(f"u{a.dtype.itemsize}")

    def use_one_thread(self) -> None:
        """Keep the framework's own thread pool at one thread (for a worker process among one per core)."""

    def input_text(self, values: str, fmt_name: str) -> tuple[str, str]:
        """(imports, expression) of a reproduction's input: ``values`` is Python list text."""
        return "import numpy as np; ", f"np.array({values}, dtype=np.{fmt_name})"

    def output_text(self, expr: str) -> str:
        """The text a reproduction prints for the result expression ``expr``."""
        return f"repr({expr})"

    # -- autograd ----------------------------------------------------------------------------------------------
    def grad_of_sum(self, fn: Callable, x) -> Any:
        """The gradient of sum(fn(x)) with respect to the tensor ``x`` by the framework's autograd (None: the
        framework has none)."""
        return None

    def has_autograd(self) -> bool:
        return type(self).grad_of_sum is not Backend.grad_of_sum

    def gradient(self, fn: Callable) -> Callable | None:
        """f' of the elementwise ``fn`` by autograd: a callable on the framework's tensors, importable by a
        reproduction as ``<backend module>.BACKEND.gradient(<fn>)``."""
        if not self.has_autograd():
            return None

        def grad(x):
            return self.grad_of_sum(fn, x)

        _name_call(grad, self, "gradient", fn)
        return grad

    def grad_code(self, fx: Callable[[str], str], arg: str, sel: str = "") -> str:
        """The Python statements of a reproduction that print the gradient of sum(``fx(v)``) at the input
        expression ``arg`` (``fx`` writes the function applied to the variable v; ``sel`` selects from the
        gradient), after the imports of :meth:`input_text` and of f."""
        return (f"g = importlib.import_module({type(self).__module__!r}).BACKEND.gradient(lambda v: {fx('v')}); "
                f"print({self.output_text(f'g({arg}){sel}')})")

    def jacobian_of(self, fn: Callable, single: bool = False) -> Callable[[Any], Any]:
        """A callable x (..., n) -> the Jacobian (..., n, n) of the vector function ``fn`` (last axis) by
        autograd, row i the gradient of sum(F_i); ``single``: ``fn`` returns one value per vector (..., 1, n)."""
        def jac(x):
            n = int(np.shape(read_array(x))[-1])
            outs = [fn] if single else [lambda v, i=i: fn(v)[..., i] for i in range(n)]
            return np.stack([read_array(self.grad_of_sum(f, x)) for f in outs], axis=-2)

        return jac

    def jacobian(self, fn: Callable) -> Callable | None:
        """:meth:`jacobian_of` ``fn``, importable by a reproduction as ``<backend module>.BACKEND.jacobian(<fn>)``
        (None: no autograd)."""
        if not self.has_autograd():
            return None
        jac = self.jacobian_of(fn)
        _name_call(jac, self, "jacobian", fn)
        return jac


def _name_call(wrapper: Callable, backend: Backend, method: str, fn: Callable) -> None:
    """Name ``wrapper`` so that a reproduction (``importlib.import_module(module).qualname``) rebuilds it."""
    wrapper.__module__ = type(backend).__module__
    wrapper.__qualname__ = (f"BACKEND.{method}(importlib.import_module({fn.__module__!r})."
                            f"{getattr(fn, '__qualname__', fn.__name__)})")
