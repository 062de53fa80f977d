"""The generated module's text: docstring (branches, claims, verdicts, certificate ids, accuracy), imports,
the proofs as data (``PROOFS``), the functions, and with a derivative the autograd wrapper of the target."""
from __future__ import annotations

import importlib.util
import json
import textwrap
from types import ModuleType

import sympy as sp

from symact.catalog.registry import X
from symact.implement.emit import BACKENDS, Printer, masked_chain, where_chain
from symact.implement.inplace import inplace_chain
from symact.implement.plan import Part, Plan

#: the format each target computes float32 inputs in (rounded once at the end), unless a part rounds once in
#: float32 anyway (:func:`rounds_once`); float16 and bfloat16 inputs always; JAX inside
#: ``jax.enable_x64(True)``, its inputs and outputs through their bits (:data:`JAX_BITS`)
_WORK = {"numpy": "np.float64", "torch": "torch.float64", "jax": "jnp.float64"}
#: the 16-bit formats: computed in float64 and rounded once, correctly (NumPy's float64 -> float16 and
#: ml_dtypes' float64 -> bfloat16 conversions round once; torch's and XLA's go through float32 and can round
#: twice, so their modules round with :data:`TORCH_HALF` / :data:`JAX_BITS`)
HALF = ("float16", "bfloat16")
#: XLA on CPU flushes float32 subnormals to zero (inputs, results and conversions alike), so the JAX modules read
#: an input's exact value from its bits and build a subnormal result from its bits
JAX_BITS = """#: float32, float16, bfloat16: (the integer type of their bits, significand bits, least normal exponent)
_FORMATS = {jnp.dtype(jnp.float32): (jnp.int32, 24, -126), jnp.dtype(jnp.float16): (jnp.int16, 11, -14),
            jnp.dtype(jnp.bfloat16): (jnp.int16, 8, -126)}


def _widen(x):
    \"\"\"The exact float64 value of each x (XLA reads a float32 subnormal, bfloat16's too, as 0: decoded from its
    bits).  Differentiated as x (_widen_jvp).\"\"\"
    if x.dtype not in _FORMATS:
        return x.astype(jnp.float64)
    ints, p, emin = _FORMATS[x.dtype]
    bits = jax.lax.bitcast_convert_type(x, ints)
    mag = bits & jnp.iinfo(ints).max
    tiny = jnp.where(bits < 0, -1.0, 1.0) * mag.astype(jnp.float64) * 2.0 ** (emin - p + 1)
    return jnp.where(mag < 2 ** (p - 1), tiny, x.astype(jnp.float64))


_widen = jax.custom_jvp(_widen)


@_widen.defjvp
def _widen_jvp(primals, tangents):
    return _widen(primals[0]), tangents[0].astype(jnp.float64)


def _narrow(y, dtype):
    \"\"\"y rounded once to ``dtype`` (to nearest, ties to even).  XLA converts float64 to float16/bfloat16
    through float32, which can round twice: y is first rounded to that format in float64 arithmetic (exact
    scalings by its spacing), which the conversion keeps.  Below the least normal number, where XLA flushes
    float32 to 0, the result is built from the subnormal's bits.  Differentiated as y (_narrow_jvp).\"\"\"
    if dtype not in _FORMATS:
        return y.astype(dtype)
    ints, p, emin = _FORMATS[dtype]
    a = jnp.abs(y)
    if dtype != jnp.float32:
        ulp = jnp.ldexp(1.0, jnp.maximum(jnp.frexp(a)[1] - 1, emin) - (p - 1))
        a = jnp.round(a / ulp) * ulp
        y = jnp.copysign(a, y)
    tiny = a < 2.0 ** emin
    m = jnp.where(tiny, jnp.round(a * 2.0 ** (p - 1 - emin)), 0.0).astype(ints)
    bits = m | jnp.where(jnp.signbit(y), ints(jnp.iinfo(ints).min), ints(0))
    return jnp.where(tiny, jax.lax.bitcast_convert_type(bits, dtype), y.astype(dtype))


_narrow = jax.custom_jvp(_narrow, nondiff_argnums=(1,))


@_narrow.defjvp
def _narrow_jvp(dtype, primals, tangents):
    return _narrow(primals[0], dtype), tangents[0].astype(dtype)"""
TORCH_HALF = """#: float16, bfloat16: (significand bits, exponent of the least normal number)
_HALF = {torch.float16: (11, -14), torch.bfloat16: (8, -126)}


def _narrow(y, dtype):
    \"\"\"y rounded once to ``dtype`` (to nearest, ties to even).  torch converts float64 to float16/bfloat16
    through float32, which can round twice: y is first rounded to that format in float64 arithmetic (exact
    scalings by its spacing), which the conversion keeps; autograd differentiates it as y.\"\"\"
    if dtype not in _HALF:
        return y.to(dtype)
    p, emin = _HALF[dtype]
    a = torch.abs(y.detach())
    ulp = torch.ldexp(torch.ones_like(a), torch.clamp(torch.frexp(a).exponent - 1, min=emin) - (p - 1))
    r = torch.copysign(torch.round(a / ulp) * ulp, y.detach())
    # r with the gradient of y (r - y is exact: r is y rounded to 8 or 11 bits)
    return torch.where(r == y, y, torch.where(r == 0, r, y + (r - y).detach())).to(dtype)"""


def _float32_exact(c: sp.Expr) -> bool:
    """``c`` is a float32 number (a dyadic rational with at most 24 significant bits, in the normal range)."""
    if not c.is_Rational:
        return False
    q = int(c.q)
    return q & (q - 1) == 0 and abs(int(c.p)) < 2 ** 24 and q < 2 ** 100


def rounds_once(part: Part) -> bool:
    """Every branch of ``part`` is a number, x, or c*x with c a float32 number, and every switch point is a
    float32 number: float32 arithmetic rounds each value once (correctly) and compares x with the exact switch
    points, so it needs no wider format."""
    for b in part.branches:
        coeff = b.formula / X
        if not (b.formula.is_number or b.formula == X or (coeff.is_number and _float32_exact(coeff))):
            return False
        if any(end is not None and not _float32_exact(end) for end in (b.lo, b.hi)):
            return False
    return True


def work_format(part: Part, target: str, dtype: str) -> str | None:
    """The format ``part`` computes ``dtype`` inputs in on ``target`` (None: the input's): float16 and bfloat16
    always float64; float32 on JAX always float64, as XLA would flush subnormal inputs and results even of x or a
    comparison with x."""
    if dtype in HALF:
        return _WORK[target]
    return _WORK.get(target) if dtype == "float32" and (target == "jax" or not rounds_once(part)) else None


def _status(proof) -> str:
    if proof.status == "proved":
        return f"proved by the kernel, certificate {proof.cert_id}"
    if proof.status == "convention":
        return "a convention (nothing to prove)"
    if proof.status == "refuted":
        return (f"REFUTED by the kernel, certificate {proof.cert_id}: NOT PROVED; the formula differs from the "
                f"function somewhere on this range, or one of them is undefined there")
    return f"NOT PROVED ({proof.status}: {proof.reason})"


def docstring(plan: Plan, target: str, dtype: str, command: str) -> str:
    lines = [f"{plan.name} for {target} ({dtype}), generated by `{command}`.", "",
             f"The exact function: {plan.source} = {sp.sstr(plan.expr)}.", ""]
    for part in plan.parts:
        lines.append(f"Branches of {part.name} (each claim is decided by symact's kernel; the certificates are in "
                     f"PROOFS, ids are SHA-256 prefixes of their canonical JSON):")
        for b, proof in zip(part.branches, part.proofs):
            where = b.domain_text() or "all x"
            lines.append(f"  * {where}: {b.why}.")
            if proof.claim:
                lines.append(f"      claim: {proof.claim}")
            lines.append(f"      {_status(proof)}")
        lines.append("")
    unproved = [p for part in plan.parts for p in part.unproved()]
    if unproved:
        lines.append(f"WARNING: {len(unproved)} branch claim(s) above are NOT proved; the code uses them anyway.")
    else:
        lines.append("Every branch claim above is proved.")
    lines += ["",
              "The code prints each formula with log1p(u) for log(1 + u) and expm1(u) for exp(u) - 1, and evaluates a "
              "branch only on its own range (" + ("a mask selects its inputs" if target == "numpy" else
                                                   "other inputs are replaced by a point inside it")
              + "); NaN in gives NaN "
              "out.  " + "".join(f"{part.name} computes {dtype} inputs in float64 and rounds once.  "
                                 for part in plan.parts if work_format(part, target, dtype))
              + ("(JAX: inside jax.enable_x64(True), which does not change the caller's setting; XLA flushes "
                 "float32 subnormals to zero, so inputs are read and subnormal results built from their bits.)  "
                 if target == "jax" and any(work_format(part, target, dtype) for part in plan.parts) else "")
              + (_half_text(plan, dtype) if dtype in HALF else "Accuracy is measured, not proved: audit it with"),
              f"    symact audit FILE.py:{plan.name} -a {plan.name if plan.name != 'f' else 'NAME'} --dtype {dtype}"
              + (f" --grad FILE.py:{plan.parts[1].name}" if len(plan.parts) > 1 and target == "numpy" else "")
              + (" --exhaustive --strict" if dtype in HALF else "")]
    if target == "jax" and dtype == "float64":
        lines.append("JAX computes in float64 only with jax.config.update('jax_enable_x64', True).")
    return wrap(lines)


def _half_text(plan: Plan, dtype: str) -> str:
    head = (f"Rounding to {dtype}: the inputs whose float64 value lies within 2^-40 (relative) of a rounding "
            f"boundary of {dtype}, where rounding it once could differ from rounding the exact value, take their "
            f"correctly rounded values (certified) from _EXACT")
    if plan.params is None:
        return (head + "; the others get the float64 value rounded once (an expression has no reference here to "
                       "compare every input with).  Check it with")
    return (head + f", and so do those whose rounded float64 value differed from the certified reference's correct "
                   f"rounding when this module was generated (every finite input was compared): correctly rounded "
                   f"on every {dtype} input.  Check it with")


def wrap(lines: list[str]) -> str:
    """The docstring's lines wrapped at 110 columns (a claim stays on one line: it can be copied to `symact
    check`)."""
    wrapped = []
    for line in lines:
        if line.lstrip().startswith("claim: "):
            wrapped.append(line)
            continue
        indent = len(line) - len(line.lstrip())
        wrapped += textwrap.wrap(line, 110, subsequent_indent=" " * (indent + 2), break_long_words=False,
                                 break_on_hyphens=False) or [""]
    return "\n".join(wrapped)


def _function(part: Part, target: str, dtype: str, name: str, printer_used: set, exact: bool = False,
              inplace: bool = False) -> list[str]:
    """``name``(x) computing ``part``; ``inplace`` (torch): its operations write into buffers
    (:mod:`.inplace`), under ``torch.no_grad()``."""
    b = BACKENDS[target]
    lines = ["@torch.no_grad()"] if inplace else []
    lines += [f"def {name}(x):", f'    """{part.name}(x), branch by branch (see the module docstring)."""']
    # where the exact value overflows, inf is its rounding: no warning for that
    head, indent, done = _prologue(target, dtype, work_format(part, target, dtype), "over='ignore'")
    lines += head
    printer = Printer(b, "w")
    if inplace:
        lines += inplace_chain(printer, part.branches, "w", indent, keep=exact)
    else:
        lines += (masked_chain if target == "numpy" else where_chain)(printer, part.branches, "w", indent)
    if exact:  # the inputs whose float64 value lies at a rounding boundary of the 16-bit format
        lines.append(f"{indent}out = _exact(w, out, _EXACT[{part.name!r}])")
    printer_used |= printer.used
    lines.append(f"{indent}return {done}")
    return lines


def _prologue(target: str, dtype: str, work: str | None, errstate: str) -> tuple[list[str], str, str]:
    """(the lines that bring ``x`` into ``w`` in the format ``work`` (None: x's own), NumPy's error state
    ``errstate`` included; the indent of the body; the expression that returns ``out`` in x's format, rounded
    once)."""
    # ml_dtypes' bfloat16 is not of NumPy's kind 'f'
    floating = "x.dtype.kind != 'f'" + (" and x.dtype.name != 'bfloat16'" if dtype == "bfloat16" else "")
    lines = ["    x = np.asarray(x)", f"    if {floating}:\n        x = x.astype(np.float64)"] \
        if target == "numpy" else []
    indent = "    "
    if target == "jax" and work is not None:
        lines += ["    with jax.enable_x64(True):", "        w = _widen(x)"]
        indent = "        "
    elif work is not None:
        lines.append(f"    w = x.astype({work})" if target == "numpy" else f"    w = x.to({work})")
    else:
        lines.append("    w = x")
    if target == "numpy":
        lines.append(f"    with np.errstate({errstate}):")
        indent = "        "
    narrow = "_narrow(out, x.dtype)" if target == "jax" or target == "torch" and dtype in HALF else None
    done = "out" if work is None else narrow or {"numpy": "out.astype(x.dtype)", "torch": "out.to(x.dtype)"}[target]
    return lines, indent, done


def proofs_json(items) -> str:
    """``PROOFS``: the (function name, proof) pairs that have a claim, as JSON."""
    data = [{"function": name, "claim": p.claim, "status": p.status, "id": p.cert_id, "certificate": p.certificate}
            for name, p in items if p.claim]
    return json.dumps(data, sort_keys=True, indent=1)


def render(plan: Plan, target: str, dtype: str, command: str) -> str:
    """The module's source."""
    from symact.implement.halfround import exact_tables

    used: set = set()
    tables = exact_tables(plan, dtype) if dtype in HALF else {}
    value, deriv = plan.parts[0], plan.parts[1] if len(plan.parts) > 1 else None
    wrapped = deriv is not None and target in ("torch", "jax")
    torch = target == "torch"
    body = _wrapper(plan.name, deriv.name, target) + ["", ""] if wrapped else []
    if torch and not wrapped:  # autograd needs the where chain; without it, the faster in-place code
        body += _dispatch(plan.name) + ["", ""]
        body += _function(value, target, dtype, f"_{plan.name}_graph", used, value.name in tables) + ["", ""]
    body += _function(value, target, dtype, f"_{plan.name}_value" if wrapped else
                      f"_{plan.name}_inplace" if torch else plan.name, used, value.name in tables, torch)
    if deriv is not None:
        body += ["", ""] + _function(deriv, target, dtype, deriv.name, used, deriv.name in tables, torch)
    body += _helpers(target, dtype, any(work_format(part, target, dtype) for part in plan.parts))
    if tables:
        body += ["", "", _exact_table(tables, target)]
    b = BACKENDS[target]
    imports = ["import json", ""] + b.imports.splitlines()
    imports += sorted({b.special[n][0] for n in used if n in b.special}
                      | ({"import numpy as np"} if tables and target == "jax" else set()))
    proofs = proofs_json((part.name, p) for part in plan.parts for p in part.proofs)
    return _module(docstring(plan, target, dtype, command), imports, proofs, body)


def _exact_table(tables: dict, target: str) -> str:
    """``_EXACT`` (part name -> its sorted inputs and their correctly rounded values, as float64 arrays) and
    ``_exact``, which puts those values in."""
    array = {"numpy": "np.array({})", "torch": "torch.tensor({}, dtype=torch.float64)",
             "jax": "np.array({})"}[target]
    ns = BACKENDS[target].ns
    keys, values = ("keys.to(w.device)", "values.to(w.device)") if target == "torch" else ("keys", "values")
    lines = ["#: part -> (the inputs whose float64 value lies within 2^-40 of a rounding boundary of the format, or "
             "rounds", "#: wrongly, sorted; their correctly rounded values, by symact's certified reference)",
             "_EXACT = {"]
    for name, (xs, ys) in tables.items():
        lines += [f"    {name!r}: ({array.format(xs)},", f"        {array.format(ys)}),"]
    return "\n".join(lines + [
        "}", "", "",
        "def _exact(w, out, table):",
        '    """out with the values of ``table`` at its inputs' + ('."""' if target == "numpy" else
                                                                 ' (differentiated as out)."""'),
        "    keys, values = " + ("map(jnp.asarray, table)  # float64 inside jax.enable_x64" if target == "jax"
                                else "table"),
        f"    i = {ns}.searchsorted({keys}, w).clip(0, len(keys) - 1)",
        f"    return {ns}.where({keys}[i] == w, {_straight(target, values + '[i]')}, out)"])


def _straight(target: str, value: str) -> str:
    """``value`` (a number close to out) with the derivative of out on torch and JAX (value - out is exact)."""
    return {"numpy": value, "torch": f"out + ({value} - out).detach()",
            "jax": f"out + jax.lax.stop_gradient({value} - out)"}[target]


def _helpers(target: str, dtype: str, wide: bool) -> list[str]:
    """The module's own rounding functions (after its functions): JAX's whenever it computes in float64,
    torch's for the 16-bit formats."""
    if target == "jax" and wide:
        return ["", "", JAX_BITS]
    return ["", "", TORCH_HALF] if target == "torch" and dtype in HALF else []


def load_source(source: str, name: str) -> ModuleType:
    """A generated module's source, run as the module ``name``."""
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(name, loader=None))
    exec(compile(source, f"<{name}>", "exec"), module.__dict__)
    return module


def _module(doc: str, imports: list[str], proofs: str, body: list[str]) -> str:
    head = [f'"""{doc}\n"""', *imports, "",
            "#: [{function, claim, status, id, certificate}]: re-check with symact.kernel.check(certificate)",
            f'PROOFS = json.loads(r"""\n{proofs}\n""")', "", ""]
    return "\n".join(head + body) + "\n"


def render_vector(target: str, dtype: str, doc: list[str], functions: list[tuple[str, str, str]], proofs: str,
                  code: str) -> str:
    """The module of a function along an axis (:mod:`symact.implement.vector`): each (name, docstring, lines)
    of ``functions`` computes ``out`` from ``w``, the input in the working format; ``code`` follows them."""
    b = BACKENDS[target]
    wide = dtype != "float64"
    body = []
    for name, about, lines in functions:
        head, indent, done = _prologue(target, dtype, _WORK[target] if wide else None,
                                       "invalid='ignore', over='ignore', divide='ignore'")
        body += [f"def {name}(x, axis=-1):", f'    """{about}."""', *head,
                 *(indent + line.strip() for line in lines.splitlines() if line.strip()), f"{indent}return {done}",
                 "", ""]
    body += [code.strip("\n")]
    body += _helpers(target, dtype, wide)
    return _module(wrap(doc), ["import json", ""] + b.imports.splitlines(), proofs, body)


def _dispatch(name: str) -> list[str]:
    return [f"def {name}(x):",
            f'    """{name}(x) (in place: _{name}_inplace; where autograd records: _{name}_graph)."""',
            "    if torch.is_grad_enabled() and x.requires_grad:", f"        return _{name}_graph(x)",
            f"    return _{name}_inplace(x)"]


def _wrapper(name: str, deriv: str, target: str) -> list[str]:
    if target == "torch":
        cls = "_" + "".join(w.title() for w in name.split("_")) + "Function"
        return [f"class {cls}(torch.autograd.Function):",
                f'    """{name} with its accurate derivative {deriv} in backward."""', "",
                "    @staticmethod", "    def forward(ctx, x):", "        ctx.save_for_backward(x)",
                f"        return _{name}_value(x)", "",
                "    @staticmethod", "    def backward(ctx, grad):", "        (x,) = ctx.saved_tensors",
                f"        return grad * {deriv}(x)", "", "",
                f"def {name}(x):", f'    """{name}(x); autograd uses {deriv}."""',
                f"    return {cls}.apply(x)"]
    return ["@jax.custom_jvp", f"def {name}(x):", f'    """{name}(x); jax differentiates it with {deriv}."""',
            f"    return _{name}_value(x)", "", "",
            f"@{name}.defjvp", f"def {name}_jvp(primals, tangents):", "    (x,), (t,) = primals, tangents",
            f"    return {name}(x), {deriv}(x) * t"]
