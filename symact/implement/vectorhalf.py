"""softmax and log_softmax for float16 and bfloat16 (numpy, torch and JAX): computed in float64 and rounded once, with the
rare entries whose float64 value lies within its error bound of a rounding boundary (a midpoint between two
numbers of the format) recomputed from the row's exact 16-bit inputs in decimal arithmetic at rising precision
until the rounding is certain.

The float64 error bound (:data:`BOUND_DOC`, stated in every module): u = 2^-53; the platform's float64 exp and
log1p are assumed (not proved) within L = 8 ulps (2L u = 16u relative; the libraries in use claim a few at most).
With n entries along the axis, z_k = x_k - m (exact for float16 inputs, whose differences fit 41 bits; relative
error u for bfloat16), e_k = exp(z_k) carries (16 + |z_k|)u relative, and every e_k that is not 0 in float64 has
|z_k| <= 746; R = sum of n - 1 of them, in any order, adds (n - 2)u (the bound gamma_(n-2) of recursive summation);
1 + R and the division one u each; log1p(R(1 + t)) = log1p(R)(1 + t') with |t'| <= |t| (R/(1 + R) <= log1p R),
and z_i - log1p(R) adds two numbers of one sign (one u).  So softmax_i is within (n + |z_i| + 781)u (relative)
and log_softmax_i within (n + 781)u of the exact value, plus n 2^-1074 absolute (terms lost below float64's
range).  The modules use 4 times that: (n + |z_i| + 800) 2^-51 relative (softmax; log_softmax without |z_i|)
plus 2^-1000 absolute.  An entry whose float64 value is farther than that from every midpoint rounds as the
exact value does; the others are recomputed (:data:`EXACT_ROW`): Python's decimal arithmetic rounds each
operation correctly (exp and ln too) with unit roundoff e = 10^(1-P)/2 at P digits, so the same analysis gives
(2n + 2|z_i| + 2Z + 20)e with Z the largest |z_k| kept (terms with z_k < -2^20 are dropped: at most
n exp(-2^20) < 2^-2000 absolute); log1p(R) is ln(1 + R) with 1 + R held to P digits beyond R's leading digit.
When both ends of that interval round to the same 16-bit number it is the answer; else P doubles from 40 up to
2560 digits (then the last value's rounding is taken).  That does not happen: the outputs of a row with a finite
entry below its maximum are transcendental (Lindemann-Weierstrass), those of a row of j equal maxima and -inf
otherwise 1/j and -log j, never a midpoint of the format.

On JAX the recomputation is a host callback (``jax.pure_callback`` under ``lax.cond``: run only when an entry is
flagged, under ``vmap``, where the cond becomes a select, on every call; the module still runs under ``jax.jit``),
which takes and returns bits (:data:`_JAX_BITS16`).
"""
from __future__ import annotations

BOUND_DOC = ("Rounding to {dtype}: computed in float64 and rounded once, correctly, except where the float64 value "
             "lies within its error bound of a rounding boundary of {dtype}; there the entry is recomputed from the "
             "row's exact inputs in decimal arithmetic (every operation, exp and ln included, correctly rounded) at "
             "rising precision until the rounding is certain (_correct, _exact_row).  The float64 bound, with u = "
             "2^-53, n entries along the axis and z_i = x_i - max(x): softmax within (n + |z_i| + 781)u relative, "
             "log_softmax within (n + 781)u, plus n 2^-1074 absolute, assuming the platform's float64 exp and log1p "
             "within 8 ulps (z_k exact for float16 and within u for bfloat16 inputs; exp(z_k) within (16 + |z_k|)u "
             "and |z_k| <= 746 where it is not 0; the sum of n - 1 terms within (n - 2)u in any order; 1 + R, the "
             "division and the last subtraction one u each; log1p(R(1 + t)) = log1p(R)(1 + t') with |t'| <= |t|).  "
             "The module flags entries within 4 times that, (n + |z_i| + 800) 2^-51 relative (log_softmax without "
             "|z_i|) plus 2^-1000: correctly rounded on every input row.")

#: the 16-bit formats' (significand bits, least normal exponent, greatest exponent), by the input's dtype name
FORMATS = ('#: float16, bfloat16: (significand bits, least normal exponent, greatest exponent)\n'
           '_HALF16 = {"float16": (11, -14, 15), "bfloat16": (8, -126, 127)}')

#: the flag (NS: the target's namespace) and the fix (FS: numpy's or torch's), spelled with the tokens of _TOKENS
_CORRECT = """


def _correct(x, w, out, axis):
    \"\"\"out (float64, from w: x in float64) with each entry that lies within the float64 error bound of a rounding
    boundary of x's format replaced by its correct rounding (_fix).\"\"\"
    if DTYPE_NAME not in _HALF16:  # a float32 or float64 input: rounded once from float64 already
        return out
    p, emin, emax = _HALF16[DTYPE_NAME]
    a = NS.abs(out)
    ulp = LDEXP(NS.maximum(FREXP(a) - 1, emin) - (p - 1))
    off = NS.abs(a / ulp % 1.0 - 0.5) * ulp  # the distance from the nearest midpoint
    z = NS.abs(w - MAX(w, axis))
    z = NS.where(NS.isfinite(z), z, 0.0)
    near = NS.isfinite(out) & (off <= (w.shape[axis] + ZTERM800.0) * 2.0 ** -51 * a + 2.0 ** -1000)
FIXING


def _fix(w, near, axis, fmt):
    \"\"\"The correct roundings to fmt (significand bits, exponent range) at the entries where near is set (0
    elsewhere), row by row along axis (_exact_row, from the row's exact inputs).\"\"\"
    IMPORTmoved = FS.moveaxis(w, axis, -1)
    n = moved.shape[-1]
    rows, flags = moved.reshape(-1, n), FS.moveaxis(near, axis, -1).reshape(-1, n)
    fixed = ZEROS
    for r in ROWS:
        cols = COLS
        values = _exact_row(rows[r].tolist(), cols, "NAME", *fmt)
        fixed[r, cols] = ARRAY(values)
    return FS.moveaxis(fixed.reshape(moved.shape), -1, axis)
"""
_NUMPY_FIX = {"ZEROS": "np.zeros(rows.shape)", "ROWS": "np.flatnonzero(flags.any(axis=-1)).tolist()",
              "COLS": "np.flatnonzero(flags[r]).tolist()", "ARRAY(values)": "values", "FS.": "np."}
_FIXING = """    if not bool(near.any()):
        return out
    return NS.where(near, _fix(w, near, axis, (p, emin, emax)), out)"""
_TOKENS = {
    "numpy": {"DTYPE_NAME": "x.dtype.name", "LDEXP(": "np.ldexp(1.0, ", "FREXP(a)": "np.frexp(a)[1]",
              "MAX(w, axis)": "np.max(w, axis=axis, keepdims=True)", "FIXING": _FIXING, "IMPORT": "",
              **_NUMPY_FIX},
    "torch": {"DTYPE_NAME": "str(x.dtype).removeprefix('torch.')", "LDEXP(": "torch.ldexp(torch.ones_like(a), ",
              "FREXP(a)": "torch.frexp(a).exponent", "NS.maximum(": "torch.clamp(", "- 1, emin)": "- 1, min=emin)",
              "MAX(w, axis)": "torch.amax(w, dim=axis, keepdim=True)", "FIXING": _FIXING, "IMPORT": "",
              "ZEROS": "torch.zeros(rows.shape, dtype=torch.float64, device=w.device)",
              "ROWS": "torch.nonzero(flags.any(dim=-1)).flatten().tolist()",
              "COLS": "torch.nonzero(flags[r]).flatten().tolist()", "FS.": "torch.",
              "ARRAY(values)": "torch.tensor(values, dtype=torch.float64, device=w.device)"},
    # JAX: the fix runs as a host callback (jax.pure_callback, on NumPy arrays) when an entry is flagged, so that
    # the module still runs under jax.jit; the axis is counted from the end (vmap adds leading axes)
    "jax": {"DTYPE_NAME": "x.dtype.name", "LDEXP(": "jnp.ldexp(1.0, ", "FREXP(a)": "jnp.frexp(a)[1]",
            "MAX(w, axis)": "jnp.max(w, axis=axis, keepdims=True)",
            "IMPORT": "import numpy as np\n\n    w, near = _values(np.asarray(w), *fmt[:2]), np.asarray(near)\n    ",
            "FIXING": """    # the callback takes x's bits and gives its results' (_values, _bits: a float64 array would be canonicalized to
    # float32 there, and the callback runs on an XLA thread whose processor flags flush float32 subnormals)
    back, shape = axis % w.ndim - w.ndim, jax.ShapeDtypeStruct(out.shape, jnp.int16)
    bits = jax.lax.cond(near.any(), lambda: jax.pure_callback(
        lambda *arrays: _bits(_fix(*arrays, back, (p, emin, emax)), p, emin), shape,
        jax.lax.bitcast_convert_type(x, jnp.int16), near, vmap_method="broadcast_all"),
        lambda: jnp.zeros(out.shape, jnp.int16))
    return jnp.where(near, _widen(jax.lax.bitcast_convert_type(bits, x.dtype)), out)""",
            **_NUMPY_FIX},
}

#: the exact recomputation of a row's flagged entries (pure Python: decimal and fractions)
EXACT_ROW = '''

def _exact_row(row, cols, name, p, emin, emax):
    """The correct roundings (significand p bits, exponents emin..emax) of name(row) at the entries ``cols``: row
    holds the exact inputs; computed with Python's decimal arithmetic, each operation correctly rounded, at 40,
    80, ... digits until both ends of the value's error interval round alike (see the module docstring)."""
    import decimal
    from fractions import Fraction

    n, m = len(row), max(row)
    first = row.index(m)
    digits = 40
    while True:
        with decimal.localcontext() as ctx:
            ctx.prec, ctx.Emax, ctx.Emin = digits, decimal.MAX_EMAX, decimal.MIN_EMIN
            D = decimal.Decimal
            if m in (float("inf"), float("-inf")):  # the limits: the entries equal to m share the row
                z = [D(0) if v == m else None for v in row]
            else:
                z = [D(v) - D(m) if v - m >= -2.0 ** 20 else None for v in row]  # None: below exp(-2^20)
            e = [D(0) if t is None else t.exp() for t in z]
            rest = sum((e[k] for k in range(n) if k != first), D(0))
            big = max((abs(t) for t in z if t is not None), default=D(0))
            out = []
            for i in cols:
                if name == "softmax":
                    v, zi = e[i] / (1 + rest), abs(z[i]) if z[i] is not None else D(0)
                else:
                    if z[i] is None and m != float("-inf") and m != float("inf"):
                        z[i] = D(row[i]) - D(m)
                    if z[i] is None:
                        out.append(float("-inf"))
                        continue
                    ctx.prec = digits + max(0, -rest.adjusted()) + 2  # 1 + R keeps R to ``digits`` digits
                    log1p = (1 + rest).ln()
                    ctx.prec = digits
                    v, zi = z[i] - log1p, D(0)
                err = (2 * n + 2 * zi + 2 * big + 20) * D(10) ** (1 - digits) / 2
                q, wide = Fraction(v), Fraction(abs(v) * err) + Fraction(1, 2 ** 2000)
                lo, hi = _round16(q - wide, p, emin, emax), _round16(q + wide, p, emin, emax)
                if lo != hi and digits < 2560:
                    break
                out.append(hi)
            else:
                return out
        digits *= 2


def _round16(q, p, emin, emax):
    """The exact rational q rounded to p significand bits, exponents emin..emax (ties to even; inf past the
    largest number), as a float."""
    import math
    from fractions import Fraction

    if q == 0:
        return 0.0
    sign, q = (-1.0 if q < 0 else 1.0), abs(q)
    e = q.numerator.bit_length() - q.denominator.bit_length()
    if q < Fraction(2) ** e:
        e -= 1
    quantum = max(e, emin) - (p - 1)
    k = round(q / Fraction(2) ** quantum)  # Fraction rounds half to even
    if k * Fraction(2) ** quantum > (2 - Fraction(2) ** (1 - p)) * Fraction(2) ** emax:
        return sign * float("inf")
    return sign * math.ldexp(k, quantum)
'''


#: JAX: the callback's inputs and results as bits, decoded and built in float64 and integer arithmetic (the callback
#: runs on an XLA thread, whose processor flags flush the subnormals of the float32 operations a conversion uses)
_JAX_BITS16 = '''

def _values(bits, p, emin):
    """The float64 values of the 16-bit numbers with these bits (int16; p significand bits, least normal
    exponent emin)."""
    import numpy as np

    b = bits.astype(np.int64) & 0xFFFF
    field, low = (b >> (p - 1)) & (2 ** (16 - p) - 1), (b & (2 ** (p - 1) - 1)).astype(np.float64)
    a = np.where(field == 0, np.ldexp(low, emin - p + 1), np.ldexp(low + 2 ** (p - 1), field + emin - p))
    a = np.where(field == 2 ** (16 - p) - 1, np.where(low == 0, np.inf, np.nan), a)
    return np.where(b >> 15 == 1, -a, a)


def _bits(v, p, emin):
    """The bits (int16) of the 16-bit numbers v (float64, each a number of the format with p significand bits and
    least normal exponent emin)."""
    import numpy as np

    a = np.abs(v)
    finite, (mantissa, exponent) = np.isfinite(a), np.frexp(a)
    normal = (a >= 2.0 ** emin) & finite
    low = np.where(normal, np.ldexp(mantissa, p) - 2 ** (p - 1), np.where(finite, a, 0.0) * 2.0 ** (p - 1 - emin))
    field = np.where(normal, exponent - emin, np.where(finite, 0, 2 ** (16 - p) - 1))
    bits = (field.astype(np.int64) << (p - 1)) | low.astype(np.int64) | np.where(np.signbit(v), 1 << 15, 0)
    return bits.astype(np.uint16).view(np.int16)
'''


def correction(target: str, name: str) -> str:
    """The module's code for the 16-bit rounding of ``name`` on ``target``."""
    code = _CORRECT
    for token, spelled in _TOKENS[target].items():
        code = code.replace(token, spelled)
    code = code.replace("ZTERM", "z + " if name == "softmax" else "").replace("NAME", name)
    code = code.replace("NS.", {"numpy": "np.", "torch": "torch.", "jax": "jnp."}[target])
    return "\n\n" + FORMATS + code + EXACT_ROW + (_JAX_BITS16 if target == "jax" else "")
