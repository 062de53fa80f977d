"""``symact implement``: generate an implementation of an activation from its exact expression, branch by
branch, with each branch's claim decided by the kernel.

:func:`implement` returns an :class:`Implementation` (the plan with its proofs, and the module's source).
The parts: :mod:`.branches` (the table of stable forms), :mod:`.proving` (the claims and the kernel's
verdicts), :mod:`.plan` (entry or expression -> parts), :mod:`.stable` (an expression's forms, chosen by
measurement; :mod:`.tails` its forms far from 0), :mod:`.undefined` (NaN where an expression is undefined), :mod:`.zeros` (the sign of a zero
result at +-0), :mod:`.emit` (formulas as code), :mod:`.inplace` (torch code that computes in place),
:mod:`.rounding` (the modules' own rounding code), :mod:`.halfround` (the inputs at rounding boundaries of
float16/bfloat16), :mod:`.module` (the module's text), :mod:`.vector` (softmax and log_softmax;
:mod:`.vectorhalf` their 16-bit rounding), :mod:`.regenerate` (``docs/implementations/``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from symact.errors import ParameterError
from symact.implement.plan import Plan, plan_entry, plan_expression
from symact.implement.proving import BUDGET

TARGETS = ("numpy", "torch", "jax")
DTYPES = ("float16", "bfloat16", "float32", "float64")


@dataclass
class Implementation:
    plan: Plan
    source: str

    @property
    def unproved(self) -> list:
        return [p for part in self.plan.parts for p in part.unproved()]

    @property
    def unstable(self) -> list[str]:
        """'NAME on RANGE' for each branch where no stable form was found (its description says so)."""
        from symact.implement.stable import UNSTABLE

        return [f"{part.name} on {b.domain_text() or 'all of R'}" for part in self.plan.parts for b in part.branches
                if UNSTABLE in b.why]

    @property
    def cancels_outside(self) -> list[str]:
        """'NAME on RANGE' for each Taylor branch just outside which the formula still cancels beyond half the
        audit's standard (its description says so: :mod:`symact.implement.taylor`)."""
        from symact.implement.taylor import CANCELS_OUTSIDE

        return [f"{part.name} on {b.domain_text()}" for part in self.plan.parts for b in part.branches
                if CANCELS_OUTSIDE in b.why]

    def summary(self) -> str:
        branches = sum(len(part.branches) for part in self.plan.parts)
        claims = sum(len(part.claims()) for part in self.plan.parts)
        limits = f" and {claims - branches} limits" if claims > branches else ""
        return (f"{', '.join(part.name for part in self.plan.parts)}, {branches} branches{limits}, "
                f"{claims - len(self.unproved)} proved or conventions")


def implement(name: str | None = None, *, expr: str | None = None, params: Mapping[str, Any] | None = None,
              target: str = "numpy", dtype: str = "float32", derivative: bool = False, budget: float = BUDGET,
              command: str | None = None):
    """The module for the catalog activation ``name`` (at ``params``) or for the expression ``expr`` (text,
    read by the restricted parser): an :class:`Implementation`, or for softmax and log_softmax a
    :class:`symact.implement.vector.VectorImplementation`."""
    from symact.implement.module import render

    if target not in TARGETS:
        raise ParameterError(f"--target must be one of {', '.join(TARGETS)}, got {target!r}")
    if dtype not in DTYPES:
        raise ParameterError(f"--dtype must be one of {', '.join(DTYPES)}, got {dtype!r}")
    if (name is None) == (expr is None):
        raise ParameterError("give an activation NAME or --expr EXPR (one of them)")
    if expr is not None:
        from symact.audit.dtypes import FORMATS
        from symact.audit.reference.expression import with_params

        plan = plan_expression(with_params(expr, params or {}), derivative, FORMATS[dtype].max)
    else:
        from symact.catalog import Activation, get

        entry = get(name)
        if not isinstance(entry, Activation):
            from symact.implement.vector import NAMES, implement_vector

            if entry.name not in NAMES:
                raise ParameterError(f"{entry.name}: implement covers the scalar activations and "
                                     f"{' and '.join(NAMES)}")
            if params:
                raise ParameterError(f"{entry.name}: no --param (it has no parameters)")
            return implement_vector(entry.name, target, dtype, derivative, budget,
                                    command or command_line(entry.name, None, None, target, dtype, derivative))
        params = dict(params or {})
        entry.param_values(params)  # validates: ParameterError
        plan = plan_entry(entry, params, derivative, target, wide=dtype != "float64")
    plan.prove(budget)
    if command is None:
        command = command_line(name, expr, params, target, dtype, derivative)
    return Implementation(plan, render(plan, target, dtype, command))


def command_line(name: str | None, expr: str | None, params: Mapping[str, Any] | None, target: str, dtype: str,
                 derivative: bool) -> str:
    """The ``symact implement`` command that writes this module (for its docstring)."""
    return " ".join(["symact implement", name or f'--expr "{expr}"', *(f"--param {k}={v}" for k, v in
                     (params or {}).items()), "--target", target, "--dtype", dtype]
                    + (["--derivative"] if derivative else []))
