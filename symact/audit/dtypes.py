"""Floating-point formats the auditor knows: float16, bfloat16, float32, float64.

Every value of these formats is exactly a float64, so the auditor keeps inputs, outputs and exact values as
float64 arrays and only uses the target format to round inputs, to measure ULPs and to build typed arrays for
the implementation under test.  bfloat16 arrays for NumPy come from ``ml_dtypes`` when it is installed; the
rounding itself never needs it (see :func:`round_to`).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from symact.errors import ParameterError


@dataclass(frozen=True)
class Format:
    name: str
    precision: int        # significand bits, implicit bit included
    emin: int             # exponent of the smallest normal number
    emax: int             # exponent of the largest finite number

    @property
    def tiny(self) -> float:
        """Smallest positive normal number."""
        return float(np.ldexp(1.0, self.emin))

    @property
    def subnormal_min(self) -> float:
        return float(np.ldexp(1.0, self.emin - self.precision + 1))

    @property
    def max(self) -> float:
        return float(np.ldexp(2.0 - np.ldexp(1.0, 1 - self.precision), self.emax))

    @property
    def eps(self) -> float:
        return float(np.ldexp(1.0, 1 - self.precision))

    def ulp(self, y: np.ndarray) -> np.ndarray:
        """Spacing of this format at |y| (the gap above the largest format number <= |y|)."""
        a = np.abs(np.asarray(y, dtype=np.float64))
        with np.errstate(divide="ignore", invalid="ignore"):
            _, e = np.frexp(a)          # a = m 2^e with 0.5 <= m < 1
        e = np.where(a < self.tiny, self.emin, np.maximum(e - 1, self.emin))
        out = np.ldexp(1.0, e - self.precision + 1)
        out = np.where(np.isfinite(a), out, np.inf)
        return out

    def numpy_dtype(self):
        if self.name == "bfloat16":
            try:
                import ml_dtypes
            except ImportError as exc:  # pragma: no cover - depends on the environment
                raise ParameterError("bfloat16 NumPy arrays need the ml_dtypes package (pip install ml_dtypes)") from exc
            return np.dtype(ml_dtypes.bfloat16)
        return np.dtype(self.name)


FORMATS = {
    "float16": Format("float16", 11, -14, 15),
    "bfloat16": Format("bfloat16", 8, -126, 127),
    "float32": Format("float32", 24, -126, 127),
    "float64": Format("float64", 53, -1022, 1023),
}
_ALIASES = {"half": "float16", "f16": "float16", "fp16": "float16", "bf16": "bfloat16", "single": "float32",
            "f32": "float32", "fp32": "float32", "float": "float32", "double": "float64", "f64": "float64",
            "fp64": "float64"}


def get_format(name) -> Format:
    """The format named by ``name``: a string ("float32", "bf16", "torch.float16") or a dtype object
    (``np.float32``, ``np.dtype("float32")``, ``torch.float32``, ``jnp.bfloat16``, Python's ``float``)."""
    if isinstance(name, Format):
        return name
    if isinstance(name, str):
        key = name
    else:
        try:
            key = np.dtype(name).name
        except (TypeError, ValueError):
            key = dtype_name(name)
    key = key.strip().lower()
    key = key.replace("torch.", "").replace("jnp.", "").replace("numpy.", "")
    key = _ALIASES.get(key, key)
    if key not in FORMATS:
        raise ParameterError(f"unknown dtype {name!r}; choose one of {', '.join(FORMATS)}")
    return FORMATS[key]


def round_to(x: np.ndarray, fmt: Format) -> np.ndarray:
    """Round float64 values to ``fmt`` (nearest, ties to even), returned as float64."""
    x = np.asarray(x, dtype=np.float64)
    if fmt.name == "float64":
        return x.copy()
    if fmt.name in ("float32", "float16"):
        with np.errstate(over="ignore"):
            return x.astype(fmt.name).astype(np.float64)
    # bfloat16: round float64 -> float32 first would double-round; do it on the float64 bits directly.
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        a = np.abs(x)
        ulp = fmt.ulp(a)
        q = a / ulp                                  # exact (power-of-two scaling) for finite a
        r = np.where(np.isfinite(q), np.rint(q) * ulp, a)   # rint: ties to even
        r = np.where(r > fmt.max, np.where(a >= fmt.max + fmt.ulp(fmt.max) / 2, np.inf, fmt.max), r)
        out = np.copysign(r, x)
    return np.where(np.isnan(x), np.nan, out)


def dtype_name(obj) -> str:
    """Name of the floating format of a NumPy/torch/JAX dtype object, or str(obj)."""
    s = str(getattr(obj, "name", obj))
    s = s.replace("torch.", "")
    return {"half": "float16", "float": "float32", "double": "float64"}.get(s, s)
