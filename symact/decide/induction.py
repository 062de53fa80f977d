"""The proof of a statement about matrices (:mod:`symact.sized`): the rule the kernel checks.

A statement about a sequence defined by a recursion is proved by ``induction`` on its size L from its least
value (an inequality with the bounds of its declared functions, :func:`find_bounds`); any other is an identity
of non-commuting symbols (``nc-identity``), for every size if it has one, or an inequality (``positive``).  The kernel (:mod:`symact.kernel.sizes`) does every step;
this proposes the certificate and reports the kernel's verdict.  When the kernel rejects the proof, random
small integer matrices at the first few sizes are tried as a ``counterexample`` (the kernel evaluates it
exactly); else the verdict is unknown with the kernel's reason.
"""
from __future__ import annotations

import random
import time

from fractions import Fraction

from symact.decide.certify import Search
from symact.kernel import Rejected
from symact.kernel import check as kernel_check
from symact.kernel.pieces import FORMAT
from symact.kernel.terms import from_json, num
from symact.verdict import Certificate, Derivation, Verdict

#: search work units spent on each candidate bound of a declared function
BOUND_WORK = 2000


def check_sized(claim) -> Verdict:
    text, tex = claim.statement()
    start = time.process_time()
    data = claim.data
    inequality = data.get("rel", "==") != "=="
    proof = ({"rule": "induction", "on": data["size"], "from": data["from"]} if data["sequences"] else
             {"rule": "nc-identity"} if not inequality else {"rule": "positive"})
    if data["sequences"] and inequality:
        proof["bounds"] = find_bounds(data)
    if data.get("hypotheses") and proof["rule"] == "nc-identity":
        proof["flat"] = find_flat(data)
    cert = {"format": FORMAT, "claim": {"sizes": data}, "verdict": "proved", "proof": proof}
    try:
        verdict, steps = kernel_check(cert)
    except Rejected as exc:
        cert = None if data.get("hypotheses") else find_counterexample(data)  # the kernel refutes none with one
        if cert is None:
            return Verdict("unknown", text, tex, "kernel", seconds=time.process_time() - start,
                           reason=f"the kernel rejects the {proof['rule']} proof: {exc}; " + (
                               "no counterexample is sought under a hypothesis" if data.get("hypotheses") else
                               "no counterexample found with small integer matrices"))
        verdict, steps = kernel_check(cert)
    deriv = Derivation().say(f"Claim: {text}.")
    for line in steps:
        deriv.say(line)
    method = "kernel-checked proof" if verdict == "proved" else "kernel-checked counterexample"
    return Verdict(verdict, text, tex, method, Certificate("kernel", cert), deriv, time.process_time() - start)


#: sizes tried above the least one, random draws per size, and the entries drawn from -SPREAD..SPREAD
SIZES_TRIED = 4
DRAWS = 3
SPREAD = 3


def find_counterexample(data: dict) -> dict | None:
    """A counterexample certificate the kernel accepts: random small integers, 2 x 2 matrices and 2 x 1
    vectors (or the declared shapes), at the sizes L0, ..., L0 + 3, each index at an end of its range; None if
    none is found."""
    sizes = [None] if data["size"] is None else range(data["from"], data["from"] + SIZES_TRIED)
    for L in sizes:
        for draw in range(DRAWS):
            rng = random.Random(draw)
            values = {}
            for s in data["symbols"]:
                rows, cols = s.get("shape") or ((2, 2) if s["kind"] == "matrix" else (2, 1))

                def one():
                    if s["kind"] == "scalar":
                        return str(rng.randint(-SPREAD, SPREAD))
                    return [[str(rng.randint(-SPREAD, SPREAD)) for _ in range(cols)] for _ in range(rows)]
                values[s["name"]] = ({str(i): one() for i in range(-SPREAD, L + SPREAD + 1)} if s.get("family")
                                     else one())
            for end in (1, 2) if data["indices"] else (1,):  # every index at the lower end, then at the upper
                env = {} if L is None else {data["size"]: L}
                for name, *bounds in data["indices"]:
                    env[name] = bounds[end - 1][0] + sum(a * env[v] for v, a in bounds[end - 1][1])
                cert = {"format": FORMAT, "claim": {"sizes": data}, "verdict": "refuted",
                        "proof": {"rule": "counterexample", "at": L, "n": 2, "values": values,
                                  "indices": {name: env[name] for name, *_ in data["indices"]}}}
                try:
                    kernel_check(cert)
                except Rejected:
                    continue
                return cert
    return None


def find_bounds(data: dict) -> dict:
    """For each declared function F, kernel certificates of ``F(x) <= u`` and ``F(x) >= v`` for every real x, u
    and v the tightest found among 0, 1 and +-|q| for the numbers q of the statement (the kernel's rule uses
    max(u, -v) as the bound of |F|); a function without both is left out."""
    numbers = {Fraction(0), Fraction(1)} | {abs(Fraction(q)) for q in _numbers(data)}
    out = {}
    for f in (f for f in data.get("functions", []) if "term" in f):  # a function declared differentiable has none
        term, pair = from_json(f["term"]), {}
        for role, rel, values in (("upper", "<=", sorted(numbers)), ("lower", ">=", sorted(-q for q in numbers)[::-1])):
            pair[role] = next((cert for q in values if (cert := _proved(term, rel, q)) is not None), None)
        if None not in pair.values():
            out[f["name"]] = pair
    return out


def find_flat(data: dict) -> dict:
    """For each declared function F, a kernel certificate of ``d/dx F == 0 for x < 0`` where the search finds one
    (the kernel's rule flat: F(u) has derivative 0 where a hypothesis says u < 0)."""
    out = {}
    for f in (f for f in data.get("functions", []) if "term" in f):
        verdict, cert, _ = Search(("deriv", from_json(f["term"])), "==", num(0), [(None, Fraction(0), False, False)],
                                  work=BOUND_WORK).run()
        if verdict == "proved":
            out[f["name"]] = cert
    return out


def _numbers(obj):
    """The rational numbers (``["num", q]``) of a sized statement's terms."""
    if isinstance(obj, list) and len(obj) == 2 and obj[0] == "num" and isinstance(obj[1], str):
        yield obj[1]
    elif isinstance(obj, (list, dict)):
        for v in obj.values() if isinstance(obj, dict) else obj:
            yield from _numbers(v)


def _proved(term, rel: str, q: Fraction) -> dict | None:
    verdict, cert, _ = Search(term, rel, num(q), [(None, None, False, False)], work=BOUND_WORK).run()
    return cert if verdict == "proved" else None
