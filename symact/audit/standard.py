"""The default accuracy standard (issue 6), vectorised over the audit's points.

At the input x actually passed, with exact value y = f(x), a returned r passes when

    |r - y| <= max(B * ulp(y) * max(1, kappa(x)), tiny)

where ulp(y) is the spacing of the target format at y, kappa(x) = |x f'(x) / f(x)| the condition number of f
at x, tiny the format's smallest positive normal number and B = 16 by default.  ``strict`` sets kappa to 1 and
drops the tiny floor (for libraries that promise correct rounding).  The raw error in ULPs, |r - y| / ulp(y),
is always reported.  An exact value beyond the format's overflow threshold rounds to +-inf, so +-inf (or the
largest finite number within the budget) is right there; NaN for a finite exact value is never right.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from symact.audit.dtypes import Format


@dataclass(frozen=True)
class Standard:
    budget: float = 16.0
    strict: bool = False

    def describe(self) -> str:
        if self.strict:
            return f"|r - f(x)| <= {self.budget:g} ulp(f(x)) (strict)"
        return f"|r - f(x)| <= max({self.budget:g} ulp(f(x)) max(1, kappa(x)), tiny)"

    def judge(self, r: np.ndarray, hi: np.ndarray, lo: np.ndarray, kappa: np.ndarray | None,
              fmt: Format) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(ulp error, allowed ulps, ok) per point; exact values given as double-double ``hi + lo``."""
        r = np.asarray(r, dtype=np.float64)
        hi = np.asarray(hi, dtype=np.float64)
        lo = np.asarray(lo, dtype=np.float64)
        with np.errstate(all="ignore"):
            ulp = fmt.ulp(np.where(np.isfinite(hi), hi, fmt.max))
            diff = np.abs((r - hi) - lo)
            err = diff / ulp
            k = np.ones_like(hi) if (kappa is None or self.strict) else np.where(np.isnan(kappa), np.inf, kappa)
            allowed = self.budget * np.maximum(1.0, k)
            ok = err <= allowed
            if not self.strict:
                ok |= diff <= fmt.tiny
            # overflow: the exact value rounds to +-inf in this format
            thresh = fmt.max + fmt.ulp(fmt.max) / 2
            over = np.abs(hi) >= thresh
            rinf = np.isinf(r)
            same_inf = rinf & over & (np.sign(r) == np.sign(hi))
            err = np.where(same_inf, 0.0, err)
            ok = np.where(over, same_inf | (np.isfinite(r) & (np.abs(r - np.clip(hi, -fmt.max, fmt.max))
                                                               <= self.budget * fmt.ulp(fmt.max))
                                            & (np.sign(r) == np.sign(hi))), ok)
            # returned inf/nan for an in-range exact value
            bad = (~np.isfinite(r)) & ~over & ~np.isnan(hi)
            err = np.where(bad, np.inf, err)
            ok = np.where(bad, False, ok)
            # exact value undefined (nan): nothing to judge
            ok = np.where(np.isnan(hi), True, ok)
            err = np.where(np.isnan(hi), 0.0, err)
        return err, allowed, ok
