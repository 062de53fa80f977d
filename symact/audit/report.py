"""The audit report: one :class:`CheckResult` per check, failures with the worst input found, text and JSON."""
from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from typing import Any

from symact.audit.senders import describe

PASS, FAIL, SKIP, NOTE = "pass", "fail", "skip", "note"
#: a check that applies but could not run (e.g. the target's output could not be read): never a pass
NOT_RUN = "not run"


def _num(v: Any) -> Any:
    """JSON-safe number: floats as repr strings when not finite."""
    if isinstance(v, float) and not math.isfinite(v):
        return repr(v)
    return v


@dataclass
class Failure:
    """One bad input: what was passed, what came back, what is exact, how far off, how to reproduce it."""

    check: str
    input: float | None = None
    returned: Any = None
    exact: Any = None
    ulp_error: float | None = None
    allowed_ulps: float | None = None
    message: str = ""
    reproduction: str = ""

    def to_json(self) -> dict:
        d = asdict(self)
        for k in ("input", "returned", "exact"):        # a long vector: every entry, not the abbreviation
            full = getattr(getattr(self, k), "full", "")
            if full:
                d[k] = full
        d["input_hex"] = float(self.input).hex() if isinstance(self.input, float) and math.isfinite(self.input) else None
        return {k: _num(v) for k, v in d.items()}

    def line(self) -> str:
        parts = [self.message] if self.message else []
        if self.input is not None:
            parts.append(f"x = {self.input!r}")
        if self.returned is not None:
            parts.append(f"returned {self.returned!r}")
        if self.exact is not None:
            parts.append(f"exact {self.exact}")
        if self.ulp_error is not None:
            ulps = "inf" if not math.isfinite(self.ulp_error) else f"{self.ulp_error:.4g}"
            parts.append(f"error {ulps} ulp" + (f" (allowed {self.allowed_ulps:.3g})" if self.allowed_ulps else ""))
        return "; ".join(parts)


@dataclass
class CheckResult:
    name: str
    status: str
    detail: str = ""
    points: int = 0
    max_ulp: float | None = None
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: the values check's sweep for pictures: arrays ``x``, ``ulp`` (error) and ``allowed`` (not in the JSON)
    profile: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    #: how many points fail (``failures`` holds the worst of them); 0 when not counted
    failing: int = 0

    @property
    def worst(self) -> Failure | None:
        return self.failures[0] if self.failures else None

    def to_json(self) -> dict:
        return {"name": self.name, "status": self.status, "detail": self.detail, "points": self.points,
                "max_ulp": _num(self.max_ulp), "failing": self.failing or len(self.failures),
                "failures": [f.to_json() for f in self.failures], "notes": self.notes}


@dataclass
class AuditReport:
    target: str
    activation: str
    dtype: str
    params: dict = field(default_factory=dict)
    kind: str = ""
    checks: list[CheckResult] = field(default_factory=list)
    matches: str | None = None
    conventions: list[str] = field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0
    standard: str = ""
    #: what the target wrote to its standard output and error during the audit (isolated runs)
    output: str = ""
    #: the device its tensors were on (``--device``), None for the framework's default
    device: str | None = None

    @property
    def passed(self) -> bool:
        return not self.interrupted and all(c.status != FAIL for c in self.checks)

    @property
    def failures(self) -> list[Failure]:
        return [f for c in self.checks if c.status == FAIL for f in c.failures]

    def check(self, name: str) -> CheckResult | None:
        for c in self.checks:
            if c.name == name:
                return c
        return None

    def failed_checks(self) -> list[str]:
        return [c.name for c in self.checks if c.status == FAIL]

    def __bool__(self) -> bool:
        return self.passed

    def stopped_by_target(self) -> None:
        """The audit was stopped by a ``KeyboardInterrupt`` or SIGINT that was not the user's Ctrl-C (the
        target raised it outside a call, e.g. in a method of what it returned, or signalled its own process):
        a failure of the target, not an interruption."""
        self.interrupted = False
        self._fail_calls("the target interrupted its own audit",
                         "the audit was stopped by a KeyboardInterrupt (or SIGINT) that did not come from the "
                         "user's Ctrl-C: the target raised it or signalled its own process")

    def signalled_auditor(self, sent) -> AuditReport:
        """The target's process, or one it started, sent the auditor these signals (:class:`symact.audit.
        senders.Sent`; not taken for the user's Ctrl-C or ``kill``): a failure of the target."""
        if sent:
            self._fail_calls("the target signalled the auditor", describe(sent))
        return self

    def _fail_calls(self, detail: str, why: str) -> None:
        """Fail the ``calls`` check (one check of that name: the pytest plugin's test reads the first)."""
        failure = Failure("calls", message=why)
        c = self.check("calls")
        if c is None:
            self.checks.append(CheckResult("calls", FAIL, detail, failures=[failure]))
            return
        c.detail = f"{c.detail}; {detail}" if c.status == FAIL else detail
        c.status = FAIL
        c.failures.insert(0, failure)

    def to_json(self) -> dict:
        return {"passed": self.passed, "target": self.target, "activation": self.activation, "params": {
            k: str(v) for k, v in self.params.items()}, "dtype": self.dtype, "kind": self.kind,
            "device": self.device, "standard": self.standard, "matches": self.matches, "conventions": self.conventions,
            "interrupted": self.interrupted, "seconds": round(self.seconds, 3), "output": self.output,
            "failures": [f.to_json() for f in self.failures], "checks": [c.to_json() for c in self.checks]}

    def json(self) -> str:
        return json.dumps(self.to_json(), indent=None, sort_keys=False, allow_nan=False)

    def text(self, max_failures: int = 16) -> str:
        params = ", ".join(f"{k}={v}" for k, v in self.params.items())
        head = f"{self.activation}({params})" if params else self.activation
        verdict = "INTERRUPTED" if self.interrupted else ("CONFORMS" if self.passed else "FAILS")
        kind = f" ({', '.join(k for k in (self.kind, self.device) if k)})" if self.kind or self.device else ""
        lines = [f"symact audit: {self.target} as {head}, {self.dtype}{kind}: {verdict}  [{self.seconds:.2f} s]"]
        if self.standard:
            lines.append(f"  standard: {self.standard}")
        width = max((len(c.name) for c in self.checks), default=8)
        for c in self.checks:
            mu = ""
            if c.max_ulp is not None:
                mu = f" max {'inf' if not math.isfinite(c.max_ulp) else f'{c.max_ulp:.3g}'} ulp"
            pts = f" ({c.points} points{mu})" if c.points else ""
            lines.append(f"  {c.status.upper():7}  {c.name:<{width}}  {c.detail}{pts}")
            for f in c.failures[:max_failures] if c.status == FAIL else []:
                lines.append(f"          - {f.line()}")
                if f.reproduction:
                    lines.append(f"            repro: {f.reproduction}")
            shown = min(len(c.failures), max_failures)
            total = max(c.failing, len(c.failures))
            if c.status == FAIL and total > shown:
                lines.append(f"          ... {total - shown} more failing {'points' if c.failing else 'cases'} "
                             f"({total} in all; the worst of each failing range shown)")
            for n in c.notes:
                lines.append(f"          note: {n}")
        if self.matches:
            lines.append(f"  matches: {self.matches}")
        for cv in self.conventions:
            lines.append(f"  convention: {cv}")
        if self.output:
            lines.append("  the target's output (standard output and error):")
            lines += [f"    | {ln}" for ln in self.output.rstrip().splitlines()]
        return "\n".join(lines)

    __str__ = text

    def __repr__(self) -> str:  # one line; text() and to_json() have the checks and failures
        verdict = "interrupted" if self.interrupted else ("passed" if self.passed else
                                                         f"failed {', '.join(self.failed_checks())}")
        return f"<AuditReport {self.target} as {self.activation}, {self.dtype}: {verdict}>"

    def _repr_html_(self) -> str:
        from symact.rich import audit_html

        return audit_html(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.text())
