"""The accuracy standard as the auditor applies it: a thin layer over :class:`symact.accuracy.Standard`
(the default standard, documented in the README).

``judge`` returns, per point, the raw error in ULPs, the allowed error in ULPs and pass/fail; exact values
come in as double-double ``(hi, lo)`` pairs and condition numbers from the exact derivative.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from symact import accuracy
from symact.audit.dtypes import Format


@dataclass(frozen=True)
class Standard:
    budget: float = 16.0
    strict: bool = False

    def describe(self) -> str:
        if self.strict:
            return f"|r - f(x)| <= {self.budget:g} ulp(f(x)) (strict)"
        return f"|r - f(x)| <= max({self.budget:g} ulp(f(x)) max(1, kappa(x)), tiny)"

    def judge(self, r: np.ndarray, hi: np.ndarray, lo: np.ndarray, kappa: np.ndarray | None, fmt: Format,
              x: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(ulp error, allowed ulps, ok) per point."""
        r = np.asarray(r, dtype=np.float64)
        hi = np.asarray(hi, dtype=np.float64)
        x = np.zeros_like(hi) if x is None else np.asarray(x, dtype=np.float64)
        k = np.ones_like(hi) if kappa is None else np.asarray(kappa, dtype=np.float64)
        rep = accuracy.Standard(self.budget, self.strict).report(x, r, (hi, np.asarray(lo, dtype=np.float64)), k,
                                                                  fmt.numpy_dtype())
        err = np.where(np.isnan(rep.ulps), 0.0, rep.ulps)
        return err, rep.allowed, rep.passed
