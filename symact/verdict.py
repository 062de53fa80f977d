"""Verdicts, certificates and derivations: the values every decision returns.

A decision never raises for "could not decide": it returns a :class:`Verdict` whose ``status`` is

* ``proved``  -- a complete argument covers the whole domain (exact algebra, sign analysis, limits, or
  certified ``arb`` interval arithmetic with separately argued tails);
* ``refuted`` -- a counterexample that was re-checked exactly or in certified arithmetic;
* ``unknown`` -- anything else; ``reason`` says what was missing and ``evidence`` holds numerical evidence.

A :class:`Derivation` is the proof as data: a list of steps (expression, relation, expression, justification)
or prose steps.  LaTeX, plain text and JSON are renderings of the same steps; every formula goes through
SymPy's ``latex()``/``str()`` so nothing is typed twice.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Iterator, Literal

import sympy as sp

Status = Literal["proved", "refuted", "unknown"]
STATUSES: tuple[str, ...] = ("proved", "refuted", "unknown")

_LATEX_RELATIONS = {"=": "=", "==": "=", "<=": r"\le", ">=": r"\ge", "<": "<", ">": ">", "!=": r"\ne",
                    "->": r"\to", "in": r"\in", "=>": r"\Rightarrow", "<=>": r"\Leftrightarrow"}


def _tex(obj: Any) -> str:
    return obj if isinstance(obj, str) else sp.latex(obj)


def _txt(obj: Any) -> str:
    return obj if isinstance(obj, str) else sp.sstr(obj)


@dataclass(frozen=True)
class Step:
    """One line of a derivation.

    With ``lhs`` given the step reads ``lhs relation rhs`` (an equation or inequality); with ``lhs`` None and
    ``relation`` "=" etc. it continues the previous line (``&= rhs``).  A prose step has only ``text``.
    Formulas are SymPy objects (rendered with ``latex``) or ready LaTeX strings.
    """

    rhs: Any = None
    relation: str = "="
    lhs: Any = None
    justification: str = ""
    text: str = ""

    def is_prose(self) -> bool:
        return self.rhs is None

    def latex_line(self) -> str:
        rel = _LATEX_RELATIONS.get(self.relation, self.relation)
        left = _tex(self.lhs) if self.lhs is not None else ""
        why = rf" && \text{{{_escape_text(self.justification)}}}" if self.justification else ""
        return f"{left} &{rel} {_tex(self.rhs)}{why}"

    def text_line(self) -> str:
        if self.is_prose():
            return self.text
        left = _txt(self.lhs) if self.lhs is not None else "   "
        why = f"    [{self.justification}]" if self.justification else ""
        return f"{left} {self.relation} {_txt(self.rhs)}{why}"

    def to_json(self) -> dict[str, Any]:
        if self.is_prose():
            return {"text": self.text}
        return {"lhs": None if self.lhs is None else _txt(self.lhs), "relation": self.relation,
                "rhs": _txt(self.rhs), "justification": self.justification,
                "latex": self.latex_line()}


def _escape_text(s: str) -> str:
    """Escape a plain-text justification for use inside ``\\text{}``; ``$...$`` math is kept."""
    out, in_math = [], False
    for ch in s:
        if ch == "$":
            in_math = not in_math
            out.append(ch)
        elif not in_math and ch in "&%#_{}":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


@dataclass
class Derivation:
    """An ordered list of steps; consecutive formula steps render as one ``align*`` block."""

    steps: list[Step] = field(default_factory=list)

    def say(self, text: str) -> "Derivation":
        self.steps.append(Step(text=text))
        return self

    def show(self, lhs: Any, relation: str, rhs: Any, why: str = "") -> "Derivation":
        self.steps.append(Step(lhs=lhs, relation=relation, rhs=rhs, justification=why))
        return self

    def then(self, relation: str, rhs: Any, why: str = "") -> "Derivation":
        """Continue the previous formula line: ``&relation rhs``."""
        self.steps.append(Step(relation=relation, rhs=rhs, justification=why))
        return self

    def extend(self, other: "Derivation | None") -> "Derivation":
        if other is not None:
            self.steps.extend(other.steps)
        return self

    def _blocks(self) -> Iterator[tuple[bool, list[Step]]]:
        block: list[Step] = []
        for step in self.steps:
            if step.is_prose():
                if block:
                    yield True, block
                    block = []
                yield False, [step]
            else:
                block.append(step)
        if block:
            yield True, block

    def latex(self) -> str:
        parts = []
        for is_math, block in self._blocks():
            if is_math:
                body = " \\\\\n".join(s.latex_line() for s in block)
                parts.append("\\begin{align*}\n" + body + "\n\\end{align*}")
            else:
                parts.append(block[0].text)
        return "\n".join(parts)

    def text(self) -> str:
        return "\n".join(s.text_line() for s in self.steps)

    def to_json(self) -> list[dict[str, Any]]:
        return [s.to_json() for s in self.steps]


CertificateKind = Literal["symbolic", "interval", "counterexample", "limit", "evidence", "kernel"]


@dataclass
class Certificate:
    """What makes a verdict checkable.

    ``kind`` is ``kernel`` (``data`` is a certificate that :func:`symact.kernel.check` re-checks, e.g. with
    ``symact verify``), ``symbolic`` (exact algebra; ``data`` names the identities used), ``interval`` (certified
    ``arb`` computation: the boxes and enclosures), ``counterexample`` (the points and the exact or certified
    values that refute the claim), ``limit`` (limits computed exactly) or ``evidence`` (numerical evidence
    only: never enough for ``proved``).
    """

    kind: CertificateKind
    data: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "data": jsonable(self.data)}


def jsonable(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    if isinstance(obj, (bool, int, float, str)) or obj is None:
        return obj
    return str(obj)


@dataclass
class Verdict:
    """The outcome of one decision."""

    status: Status
    statement: str
    latex: str = ""
    method: str = ""
    certificate: Certificate | None = None
    derivation: Derivation = field(default_factory=Derivation)
    seconds: float = 0.0
    reason: str = ""
    value: Any = None
    evidence: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, not {self.status!r}")
        if self.status == "refuted" and (self.certificate is None or self.certificate.kind == "evidence"):
            raise ValueError("a refutation needs a certificate (a re-checked counterexample or a proof of the negation)")
        if self.status == "proved" and self.certificate is not None and self.certificate.kind == "evidence":
            raise ValueError("numerical evidence can never prove a claim")

    @property
    def proved(self) -> bool:
        return self.status == "proved"

    @property
    def refuted(self) -> bool:
        return self.status == "refuted"

    def negated(self, statement: str, latex: str = "") -> "Verdict":
        """The verdict on the negation of this claim (proved <-> refuted; unknown stays unknown).

        The certificate carries over: a proof that f is monotonic refutes "f is not monotonic", and a
        counterexample to "f is monotonic" proves "f is not monotonic".
        """
        flip = {"proved": "refuted", "refuted": "proved", "unknown": "unknown"}[self.status]
        return Verdict(flip, statement, latex or self.latex, self.method, self.certificate, self.derivation,
                       self.seconds, self.reason, self.value, self.evidence)

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "statement": self.statement, "latex": self.latex,
                "method": self.method, "seconds": round(self.seconds, 4), "reason": self.reason or None,
                "certificate": self.certificate.to_json() if self.certificate else None,
                "derivation": self.derivation.to_json(), "evidence": jsonable(self.evidence) or None}

    def summary(self) -> str:
        tail = f" ({self.reason})" if self.status == "unknown" and self.reason else ""
        return f"{self.status.upper():8s} {self.statement}  [{self.method}, {self.seconds:.2f}s]{tail}"

    def __repr__(self) -> str:  # one line; the certificate and derivation are in to_json() and the displays
        return f"<Verdict {self.status}: {self.statement}>"

    def _repr_latex_(self) -> str:
        from symact.rich import verdict_latex

        return verdict_latex(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        from symact.rich import verdict_text

        printer.text(self.summary() if cycle else verdict_text(self))


class Timer:
    """Context manager measuring the seconds a decision took."""

    def __enter__(self) -> "Timer":
        self.start = time.perf_counter()
        self.seconds = 0.0
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start
