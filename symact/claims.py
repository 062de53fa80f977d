"""Claims: statements from course notes and blog posts, each settled by a proof script.

Design
------
A *claim* is a statement with an id, a family, the verdict its script expects (``proved``, or ``refuted`` for
the claims a source gets wrong) and a function that settles it and returns a :class:`~symact.verdict.Verdict`
carrying the derivation.  Claims live in plain Python scripts, one per family, in the top-level ``proofs/``
folder of the repository::

    from symact.claims import Family
    FAMILY = Family("sigmoid_gradient", "Sigmoid, tanh and vanishing gradients")

    @FAMILY.claim("sigmoid_range", "sigmoid maps R onto (0, 1)", r"\\sigma(\\mathbb{R}) = (0, 1)")
    def _(d):             # d is a fresh Derivation; return proved(...)/refuted(...)
        ...

    if __name__ == "__main__":
        raise SystemExit(FAMILY.main())

Why scripts loaded by file path (and not a package): ``proofs/`` is meant to be read and run by people
(``python proofs/sigmoid_gradient.py``) and copied as templates for their own claims, so it stays a folder of
scripts outside the installed package.  :func:`load_families` finds it as ``$SYMACT_PROOFS`` if set, else
``<repo>/proofs`` next to the ``symact`` package (true for a fresh clone run from its root and for an
editable install, ``pip install -e .``), else ``./proofs``.  Each script is imported with
:func:`importlib.util.spec_from_file_location` under the private module name ``symact_proofs.<stem>``
(registered in ``sys.modules`` so dataclasses and pickling work), and its module-level ``FAMILY`` is collected.
Nothing is registered globally at import time, so running a script directly and loading it from the CLI never
double-register.  Scripts bootstrap ``sys.path`` so ``python proofs/x.py`` works in a fresh clone without
installation.

Every claim runs under a time budget (:func:`symact.budget.run_with_budget`); a proof that runs out of time or
raises ends as ``unknown`` with the reason, never as a guess.

Formal claims and lemmas
------------------------
``formal="STATEMENT"`` (or a tuple of statements, read as their conjunction) gives the claim in the claim
language of ``symact check`` (:func:`symact.parsing.parse_claim`, the one restricted parser).  Such a claim's
verdict comes from the trusted kernel alone (:func:`symact.decide.checked.check_claim`): proved when every
statement is proved, refuted when one is refuted, else unknown; the script may add a human derivation, but what
it returns cannot decide.  The displayed sentence and LaTeX are generated from the parsed statements; the
script author's prose stays as a separate *gloss*.  A claim the language cannot state yet (expectations of
non-polynomial functions, ...; none of the proof scripts' claims today) declares
``formal=None`` and says why in
``why_not_formal``:
it is settled by its script (the legacy path) and listed as not kernel-checked.

``uses=("id", ...)`` names the lemmas a claim rests on: a claim is proved (or refuted) only if every lemma it
uses is proved in the same run, else it is unknown and the reason names the lemma; :func:`run_claims` runs the
lemmas a claim needs before it.
"""
from __future__ import annotations

import argparse
import dataclasses
import difflib
import importlib.util
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import sympy as sp

from symact.budget import run_with_budget
from symact.errors import SymactError
from symact.functions import BY_HEAD
from symact.report.tex import text as tex_escape
from symact.verdict import Certificate, Derivation, Verdict, jsonable

EXPECTED = ("proved", "refuted")
DEFAULT_BUDGET = 20.0
#: seconds of kernel search per formal statement (:data:`symact.decide.checked.WORK_PER_SECOND` work units and
#: that many times :data:`~symact.decide.checked.METER_PER_WORK` units of the kernel's work meter); the slowest
#: statement today (sigmoid'/sigmoid'' == 1/(1 - 2 sigmoid) for x != 0) needs 281,000 of the meter's 300,000
KERNEL_BUDGET = 10.0
#: kernel steps displayed per formal statement (the certificate has them all)
SHOWN_KERNEL_STEPS = 6
#: said of every verdict a script settles (a claim without ``formal=``): the kernel did not check it
NOT_KERNEL_CHECKED = "not kernel-checked (settled by its script)"


class UnknownClaimError(SymactError, KeyError):
    """A claim id that no proof script declares (the message suggests close matches)."""

    def __init__(self, claim_id: str, known: Iterable[str]):
        close = difflib.get_close_matches(str(claim_id), list(known), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; run `symact prove --list` to see the ids"
        super().__init__(f"unknown claim id {claim_id!r}{hint}")
        self.claim_id = claim_id
        self.suggestions = close

    def __str__(self) -> str:
        return self.args[0]


@dataclass
class Claim:
    """One claim: what is asserted, what its script expects, and how it is settled.

    For a formal claim ``statement``/``latex`` are generated from ``formal`` and ``gloss``/``gloss_latex`` keep
    the author's prose; otherwise ``statement``/``latex`` are the prose and ``why_not_formal`` says why.
    """

    id: str
    family: str
    statement: str
    latex: str
    expected: str
    prove: Callable[[Derivation], Verdict]
    source: str = ""
    budget: float = DEFAULT_BUDGET
    family_title: str = ""
    formal: tuple[str, ...] = ()
    why_not_formal: str = ""
    uses: tuple[str, ...] = ()
    gloss: str = ""
    gloss_latex: str = ""
    read: tuple = field(default=(), repr=False, compare=False)  # the formal statements as parsed (make_claim)

    def __post_init__(self) -> None:
        if self.expected not in EXPECTED:
            raise ValueError(f"{self.id}: expected must be one of {EXPECTED}, not {self.expected!r}")

    @property
    def kernel_checked(self) -> bool:
        return bool(self.formal)

    def parsed(self) -> list[Any]:
        """The formal statements read by the one restricted parser (:func:`symact.parsing.parse_claim`)."""
        from symact.parsing import parse_claim

        return list(self.read) if len(self.read) == len(self.formal) else [parse_claim(t) for t in self.formal]

    def run(self, budget: float | None = None) -> Verdict:
        """Settle the claim; never raises for a failed proof (that is an ``unknown`` verdict)."""
        start = time.perf_counter()
        seconds = self.budget if budget is None else budget
        try:
            finished, value = run_with_budget(lambda: self.prove(Derivation()), seconds)
        except Exception as exc:  # a bug or a SymPy failure in the proof: unknown, with the reason
            finished, value = False, f"the proof raised {type(exc).__name__}: {exc}"
        if self.formal:
            return self._kernel_verdict(value if finished else None, time.perf_counter() - start)
        elapsed = time.perf_counter() - start
        if not finished:
            return Verdict("unknown", self.statement, self.latex, method="none", seconds=elapsed, reason=str(value))
        if not isinstance(value, Verdict):
            return Verdict("unknown", self.statement, self.latex, method="none", seconds=elapsed,
                           reason=f"the proof returned {type(value).__name__}, not a Verdict")
        method = value.method if value.status == "unknown" else f"{value.method}; {NOT_KERNEL_CHECKED}"
        return dataclasses.replace(value, statement=self.statement, latex=self.latex, seconds=elapsed, method=method)

    def _kernel_verdict(self, script: Any, elapsed: float) -> Verdict:
        """The verdict of a formal claim: the kernel's on each statement; the script only adds prose."""
        from symact.decide.checked import check_claim

        start = time.perf_counter()
        verdicts = [check_claim(parsed, KERNEL_BUDGET) for parsed in self.parsed()]
        seconds = elapsed + time.perf_counter() - start
        deriv = Derivation()
        for text, v in zip(self.formal, verdicts):
            deriv.say(rf"\emph{{Kernel, {v.status}:}} \texttt{{{tex_escape(text)}}}.")
            steps = v.derivation.steps[1:]
            for step in steps[:SHOWN_KERNEL_STEPS]:
                deriv.say(tex_escape(step.text))
            if len(steps) > SHOWN_KERNEL_STEPS:
                deriv.say(rf"\dots\ and {len(steps) - SHOWN_KERNEL_STEPS} more checked steps (the whole certificate: "
                          r"\texttt{symact prove --json --full}).")
        if isinstance(script, Verdict) and script.derivation.steps:
            deriv.say(r"\emph{Human derivation (prose; the verdict above does not rest on it):}")
            deriv.extend(script.derivation)
        value = script.value if isinstance(script, Verdict) else None
        refuting = next((v for v in verdicts if v.status == "refuted"), None)
        if refuting is not None:
            return Verdict("refuted", self.statement, self.latex, refuting.method,
                           _kernel_certificate([(t, v) for t, v in zip(self.formal, verdicts) if v is refuting]),
                           deriv, seconds, value=value)
        if all(v.status == "proved" for v in verdicts):
            return Verdict("proved", self.statement, self.latex, "kernel-checked proof",
                           _kernel_certificate(list(zip(self.formal, verdicts))), deriv, seconds, value=value)
        open_ = [f"{t!r}: {v.reason}" for t, v in zip(self.formal, verdicts) if v.status == "unknown"]
        return Verdict("unknown", self.statement, self.latex, "kernel search", derivation=deriv, seconds=seconds,
                       reason="the kernel settled no certificate for " + "; ".join(open_))


    def _repr_html_(self) -> str:
        from symact.rich import claim_html

        return claim_html(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(f"claim {self.id} (expected {self.expected}): {self.statement}")

    def __repr__(self) -> str:
        return f"<Claim {self.id} (expected {self.expected}): {self.statement}>"


def _kernel_certificate(pairs: list[tuple[str, Verdict]]) -> Certificate:
    """One statement: its kernel certificate as is (``symact verify`` reads it); several: the list of them."""
    if len(pairs) == 1:
        return pairs[0][1].certificate
    return Certificate("kernel", {"conjuncts": [{"statement": t, "certificate": v.certificate.data}
                                                for t, v in pairs]})


@dataclass
class Outcome:
    """A claim with the verdict it got."""

    claim: Claim
    verdict: Verdict

    @property
    def ok(self) -> bool:
        return self.verdict.status == self.claim.expected

    def _repr_html_(self) -> str:
        from symact.rich import claim_html

        return claim_html(self.claim, self.verdict)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(f"claim {self.claim.id} (expected {self.claim.expected}): {self.verdict.summary()}")

    def __repr__(self) -> str:
        return f"<Outcome {self.claim.id}: {self.verdict.status} (expected {self.claim.expected})>"

    def to_json(self, full: bool = False) -> dict[str, Any]:
        v = self.verdict
        c = self.claim
        out: dict[str, Any] = {"id": c.id, "family": c.family, "statement": c.statement,
                               "formal": list(c.formal) or None, "status": v.status, "expected": c.expected,
                               "ok": self.ok, "method": v.method, "kernel_checked": c.kernel_checked,
                               "seconds": round(v.seconds, 4)}
        if c.formal:
            out["gloss"] = c.gloss
        else:
            out["why_not_formal"] = c.why_not_formal
        if c.uses:
            out["uses"] = list(c.uses)
        if v.reason:
            out["reason"] = v.reason
        if full:
            out["latex"] = self.claim.latex
            out["certificate"] = v.certificate.to_json() if v.certificate else None
            out["derivation"] = v.derivation.to_json()
            out["value"] = _plain(v.value)
        return out


@dataclass
class Family:
    """The claims of one proof script."""

    key: str
    title: str
    description: str = ""
    claims: list[Claim] = field(default_factory=list)
    path: str = ""

    def claim(self, id: str, statement: str, latex: str, expected: str = "proved", source: str = "",
              budget: float = DEFAULT_BUDGET, *, formal: str | tuple[str, ...] | None,
              why_not_formal: str = "", uses: tuple[str, ...] = ()
              ) -> Callable[[Callable[[Derivation], Verdict]], Callable]:
        """Decorator declaring a claim settled by the decorated function ``fn(d: Derivation) -> Verdict``.

        ``statement``/``latex`` are the author's prose; for a formal claim they become the gloss and the
        displayed statement is generated from ``formal`` (see the module docstring)."""

        def wrap(fn: Callable[[Derivation], Verdict]) -> Callable[[Derivation], Verdict]:
            if any(c.id == id for c in self.claims):
                raise ValueError(f"duplicate claim id {id!r} in family {self.key}")
            self.claims.append(make_claim(id, self.key, statement, latex, expected, fn, source=source,
                                          budget=budget, family_title=self.title, formal=formal,
                                          why_not_formal=why_not_formal, uses=uses))
            return fn

        return wrap

    def run(self, ids: Iterable[str] | None = None) -> list[Outcome]:
        wanted = [c for c in self.claims if ids is None or c.id in set(ids)]
        own = {c.id: c for c in self.claims}
        return settle(wanted, lambda i: own[i] if i in own else get_claim(i))

    def main(self, argv: list[str] | None = None) -> int:
        """``python proofs/<script>.py [IDS...] [--json] [--latex DIR] [--verbose]``."""
        parser = argparse.ArgumentParser(description=f"{self.title}: settle this family's claims")
        parser.add_argument("ids", nargs="*")
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--latex", metavar="DIR")
        parser.add_argument("-v", "--verbose", action="store_true", help="print each derivation as text")
        args = parser.parse_args(argv)
        known = [c.id for c in self.claims]
        for cid in args.ids:
            if cid not in known:
                print(f"error: {UnknownClaimError(cid, known)}", file=sys.stderr)
                return 2
        outcomes = self.run(args.ids or None)
        return report_outcomes(outcomes, as_json=args.json, latex_dir=args.latex, verbose=args.verbose)


def make_claim(id: str, family: str, statement: str, latex: str, expected: str,
               prove: Callable[[Derivation], Verdict], *, formal: str | tuple[str, ...] | None,
               why_not_formal: str = "", uses: tuple[str, ...] = (), **rest: Any) -> Claim:
    """A :class:`Claim`; a formal one gets its displayed statement and LaTeX from the parsed ``formal``
    statements (:func:`symact.decide.checked.statement`) and keeps ``statement``/``latex`` as its gloss."""
    from symact.decide.checked import statement as formal_statement
    from symact.parsing import parse_claim

    texts = (formal,) if isinstance(formal, str) else tuple(formal or ())
    if bool(texts) == bool(why_not_formal.strip()):
        raise ValueError(f"{id}: give either formal= (the statement in the claim language) or, with formal=None, "
                         f"why_not_formal= (why the language cannot state it yet)")
    if not texts:
        return Claim(id, family, statement, latex, expected, prove, formal=(), why_not_formal=why_not_formal,
                     uses=tuple(uses), **rest)
    try:
        read = tuple(parse_claim(t) for t in texts)
        shown = [formal_statement(c) for c in read]
    except SymactError as exc:
        raise ValueError(f"{id}: formal statement not in the claim language: {exc}") from None
    return Claim(id, family, "; and ".join(text for text, _ in shown),
                 r",\quad and\quad ".join(f"${tex}$" for _, tex in shown), expected, prove, formal=texts,
                 why_not_formal=why_not_formal, uses=tuple(uses), gloss=statement, gloss_latex=latex, read=read,
                 **rest)


# --------------------------------------------------------------------------------------------- discovery
_FAMILIES: list[Family] | None = None


def proofs_dir() -> Path:
    env = os.environ.get("SYMACT_PROOFS")
    if env:
        return Path(env)
    beside = Path(__file__).resolve().parent.parent / "proofs"
    if beside.is_dir():
        return beside
    return Path.cwd() / "proofs"


def load_families(directory: Path | None = None, reload: bool = False) -> list[Family]:
    """Import every ``proofs/*.py`` script (not starting with ``_``) and collect its ``FAMILY``."""
    global _FAMILIES
    if _FAMILIES is not None and directory is None and not reload:
        return _FAMILIES
    folder = directory or proofs_dir()
    if not folder.is_dir():
        raise SymactError(f"no proofs folder at {folder} (set SYMACT_PROOFS to the repository's proofs/)")
    families = []
    for path in sorted(folder.glob("*.py")):
        if path.name.startswith("_"):
            continue
        name = f"symact_proofs.{path.stem}"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        family = getattr(module, "FAMILY", None)
        if isinstance(family, Family):
            family.path = str(path)
            families.append(family)
    seen: dict[str, str] = {}
    for fam in families:
        for c in fam.claims:
            if c.id in seen:
                raise ValueError(f"claim id {c.id!r} declared in both {seen[c.id]} and {fam.key}")
            seen[c.id] = fam.key
    _check_lemmas([c for fam in families for c in fam.claims])
    families.sort(key=lambda f: FAMILY_ORDER.index(f.key) if f.key in FAMILY_ORDER else len(FAMILY_ORDER))
    if directory is None:
        _FAMILIES = families
    return families


#: report order of the families (others follow alphabetically)
FAMILY_ORDER = ["affine_collapse", "sigmoid_gradient", "saturation", "relu_family", "softmax_swish_softplus",
                "convexity", "representation"]


def all_claims() -> list[Claim]:
    return [c for fam in load_families() for c in fam.claims]


def get_claim(claim_id: str) -> Claim:
    for c in all_claims():
        if c.id == claim_id:
            return c
    raise UnknownClaimError(claim_id, [c.id for c in all_claims()])


def _check_lemmas(claims: list[Claim]) -> None:
    """Every ``uses=`` id is a declared claim and the lemma graph has no cycle."""
    by_id = {c.id: c for c in claims}
    for c in claims:
        for u in c.uses:
            if u not in by_id:
                raise ValueError(f"{c.id} uses {u!r}, which no proof script declares")
    state: dict[str, int] = {}

    def visit(cid: str, path: tuple[str, ...]) -> None:
        if state.get(cid) == 2:
            return
        if state.get(cid) == 1:
            raise ValueError(f"lemma cycle: {' -> '.join(path + (cid,))}")
        state[cid] = 1
        for u in by_id[cid].uses:
            visit(u, path + (cid,))
        state[cid] = 2

    for c in claims:
        visit(c.id, ())


def with_lemmas(claims: list[Claim], lookup: Callable[[str], Claim]) -> list[Claim]:
    """``claims`` and every lemma they use (transitively), each lemma before the claims that use it."""
    order: list[Claim] = []
    seen: set[str] = set()

    def add(c: Claim) -> None:
        if c.id in seen:
            return
        seen.add(c.id)
        for u in c.uses:
            add(lookup(u))
        order.append(c)

    for c in claims:
        add(c)
    return order


def lemma_gate(claim: Claim, verdict: Verdict, done: dict[str, Verdict]) -> Verdict:
    """``verdict`` unless a lemma the claim uses is not proved in this run: then unknown, naming the lemma."""
    if verdict.status == "unknown":
        return verdict
    for u in claim.uses:
        status = done[u].status if u in done else "not run"
        if status != "proved":
            return dataclasses.replace(verdict, status="unknown", method="none", certificate=None,
                                       reason=f"uses lemma {u}, which is {status} in this run")
    return verdict


def settle(claims: list[Claim], lookup: Callable[[str], Claim], progress: Any = None,
           runner: Callable[[list[Claim], Any], list[Verdict]] | None = None) -> list[Outcome]:
    """Run ``claims`` with the lemmas they use first (``runner(claims, progress)`` gives their verdicts, e.g.
    :func:`symact.isolated.claims`; default: here, one by one); a verdict stands only if the lemmas are proved."""
    ordered = with_lemmas(claims, lookup)
    if runner is not None:
        verdicts = runner(ordered, progress)
    else:
        verdicts = []
        for i, c in enumerate(ordered):
            if progress is not None:
                progress.update(f"claim {i + 1}/{len(ordered)}: {c.id}", i, len(ordered))
            verdicts.append(c.run())
    done: dict[str, Verdict] = {}
    for c, v in zip(ordered, verdicts):
        done[c.id] = lemma_gate(c, v, done)
    return [Outcome(c, done[c.id]) for c in ordered]


def run_claims(ids: Iterable[str] | None = None, progress: Any = None) -> list[Outcome]:
    """Settle the claims (all, or those with the given ids, after the lemmas they use); ``progress`` (an object
    with ``update(label, done, total)``) hears of each claim before it runs."""
    claims = all_claims() if ids is None else [get_claim(i) for i in ids]
    return settle(claims, get_claim, progress)


# --------------------------------------------------------------------------------------------- output
def report_outcomes(outcomes: list[Outcome], as_json: bool = False, latex_dir: str | None = None,
                    verbose: bool = False, full_json: bool = False, echo: Callable[[str], Any] = print) -> int:
    """Print outcomes (text or JSON), optionally write LaTeX fragments; return the exit code (0 or 1).
    ``echo`` prints the text lines (the command line passes one that colours the status words)."""
    if latex_dir:
        write_latex(outcomes, Path(latex_dir))
    if as_json:
        print(json.dumps({"claims": [o.to_json(full=full_json) for o in outcomes]}, indent=2))
    else:
        for o in outcomes:
            mark = "ok " if o.ok else "BAD"
            echo(f"{mark} {o.verdict.status:8s} {o.claim.id:44s} [{o.verdict.method}, {o.verdict.seconds:.2f}s]")
            if o.verdict.status == "unknown" and o.verdict.reason:
                echo(f"      reason: {o.verdict.reason}")
            if verbose:
                echo("      " + o.verdict.derivation.text().replace("\n", "\n      "))
        bad = [o.claim.id for o in outcomes if not o.ok]
        total = sum(o.verdict.seconds for o in outcomes)
        checked = sum(o.claim.kernel_checked for o in outcomes)
        echo(f"{len(outcomes) - len(bad)}/{len(outcomes)} claims as expected in {total:.1f} s"
             + (f"; not as expected: {', '.join(bad)}" if bad else "")
             + f"; {checked} kernel-checked, {len(outcomes) - checked} {NOT_KERNEL_CHECKED}")
    return 0 if all(o.ok for o in outcomes) else 1


def claim_latex(outcome: Outcome) -> str:
    """The LaTeX fragment for one claim: statement, derivation, conclusion."""
    c, v = outcome.claim, outcome.verdict
    status = {"proved": "Proved", "refuted": "Refuted", "unknown": "Undecided"}[v.status]
    method = v.method or "no method"
    if not c.kernel_checked and v.status != "unknown":  # never a bare "Proved" for what the kernel did not check
        status = f"Not kernel-checked: {v.status} by its script"
        method = method.removesuffix(f"; {NOT_KERNEL_CHECKED}")
    lines = [f"% claim {c.id} (family {c.family}); generated by symact prove --latex",
             f"\\subsection*{{\\texttt{{{tex_escape(c.id)}}}}}",
             f"\\label{{claim:{c.id}}}",
             f"\\paragraph{{Claim.}} {c.latex}" if not c.formal else
             "\\paragraph{Claim (formal).} In the claim language that the kernel checks and "
             "\\texttt{symact check} reads, the claim is the conjunction of:"]
    if c.formal:
        lines.append(formal_display(c))
        lines.append(f"\\paragraph{{Gloss (prose, not checked).}} {c.gloss_latex}")
    else:
        lines.append(f"\\paragraph{{Not kernel-checked.}} Settled by its script: {tex_escape(c.why_not_formal)}")
    if c.uses:
        lines.append("\\paragraph{Uses.} " + ", ".join(f"\\texttt{{{tex_escape(u)}}}" for u in c.uses))
    if c.source:
        lines.append(f"\\paragraph{{Source.}} {c.source}")
    lines.append("\\paragraph{Derivation.}")
    body = v.derivation.latex()
    lines.append(body if body.strip() else "(no derivation recorded)")
    tail = f" ({tex_escape(v.reason)})" if v.status == "unknown" and v.reason else ""
    expected = "" if outcome.ok else f" \\textbf{{Expected {c.expected}.}}"
    lines.append(f"\\paragraph{{Conclusion.}} \\textbf{{{status}}} by {tex_escape(method)} "
                 f"in {v.seconds:.2f}\\,s.{tail}{expected}")
    return "\n".join(lines) + "\n"


def formal_display(c: Claim) -> str:
    """The formal statements of ``c`` as the kernel reads them (the claim language, the text ``symact check``
    accepts), one item each; the typeset form of a statement with several hinges or ``Abs`` is wider than a line."""
    items = "\n".join(f"\\item \\texttt{{{tex_escape(text)}}}" for text in c.formal)
    return "\\begin{itemize}\n" + items + "\n\\end{itemize}"


def write_latex(outcomes: list[Outcome], directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for o in outcomes:
        p = directory / f"{o.claim.id}.tex"
        p.write_text(claim_latex(o), encoding="utf-8")
        paths.append(p)
    return paths


def _plain(obj: Any) -> Any:
    return jsonable(obj)


# --------------------------------------------------------------------------------------------- proof kit
def proved(d: Derivation, method: str, kind: str = "symbolic", value: Any = None, **data: Any) -> Verdict:
    """A ``proved`` verdict from a complete argument recorded in ``d``."""
    return Verdict("proved", "", method=method, certificate=Certificate(kind, data), derivation=d, value=value)


def refuted(d: Derivation, method: str, kind: str = "counterexample", value: Any = None, **data: Any) -> Verdict:
    """A ``refuted`` verdict; ``data`` holds the re-checked counterexample (or the proof of the negation)."""
    return Verdict("refuted", "", method=method, certificate=Certificate(kind, data), derivation=d, value=value)


def unknown(d: Derivation, reason: str, **evidence: Any) -> Verdict:
    return Verdict("unknown", "", method="none", derivation=d, reason=reason, evidence=evidence)


class ProofFailed(AssertionError):
    """A step of a proof script did not check; the claim becomes ``unknown``."""


def check(condition: Any, what: str) -> None:
    """Require an exactly established fact (a Python/SymPy ``True``); anything else aborts the proof."""
    if condition is not True and not (isinstance(condition, sp.logic.boolalg.BooleanTrue)):
        raise ProofFailed(f"step not established: {what}")


def is_zero(expr: Any, *, rewrite_exp: bool = True) -> bool:
    """Exact test that ``expr`` simplifies to 0 (True only when SymPy reduces it to the integer 0)."""
    e = sp.sympify(expr, strict=True)
    if e == 0 or isinstance(e, sp.ZeroMatrix) or getattr(e, "is_ZeroMatrix", False):
        return True
    if isinstance(e, sp.MatrixBase):
        return all(is_zero(v, rewrite_exp=rewrite_exp) for v in e)
    for attempt in (lambda z: sp.expand(z), lambda z: sp.simplify(z),
                    lambda z: sp.simplify(z.rewrite(sp.exp)) if rewrite_exp else z,
                    lambda z: sp.simplify(sp.expand(z.rewrite(sp.exp))) if rewrite_exp else z):
        try:
            if attempt(e) == 0:
                return True
        except Exception:  # pragma: no cover - a failed rewrite just means "not shown"
            continue
    return False


def check_zero(expr: Any, what: str) -> None:
    if not is_zero(expr):
        raise ProofFailed(f"not shown to be identically 0: {what}: {expr}")


def arb_of(expr: Any, prec: int = 128):
    """A certified ``arb`` enclosure of a closed-form real constant (mpmath-free, via python-flint)."""
    from flint import arb, ctx

    old = ctx.prec
    ctx.prec = prec
    try:
        return _arb_eval(sp.sympify(expr, strict=True), arb)
    finally:
        ctx.prec = old


def _arb_eval(e: sp.Expr, arb: Any):
    if e.is_Integer:
        return arb(int(e))
    if e.is_Rational:
        return arb(int(e.p)) / arb(int(e.q))
    if e is sp.E:
        return arb(1).exp()
    if e is sp.pi:
        return arb.pi()
    if e.is_Add:
        out = arb(0)
        for a in e.args:
            out += _arb_eval(a, arb)
        return out
    if e.is_Mul:
        out = arb(1)
        for a in e.args:
            out *= _arb_eval(a, arb)
        return out
    if e.is_Pow:
        base, ex = e.args
        if ex.is_Integer:
            b = _arb_eval(base, arb)
            n = int(ex)
            return b ** n if n >= 0 else 1 / (b ** (-n))
        return _arb_eval(base, arb) ** _arb_eval(ex, arb)
    special = BY_HEAD.get(type(e))  # a special function's arb enclosure (symact.functions)
    if special is not None and special.arb is not None and len(e.args) == 1:
        return special.arb(_arb_eval(e.args[0], arb))
    raise ProofFailed(f"no certified evaluation for {e}")


def certainly_positive(expr: Any, prec: int = 128) -> bool:
    """True when the arb enclosure of the constant ``expr`` lies strictly above 0 (a certified sign)."""
    return bool(arb_of(expr, prec) > 0)


def certainly_negative(expr: Any, prec: int = 128) -> bool:
    return bool(arb_of(expr, prec) < 0)


def arb_str(value: Any, digits: int = 15) -> str:
    return value.str(digits, radius=True)


def sides(expr: sp.Expr, var: sp.Symbol) -> tuple[sp.Expr, sp.Expr, sp.Symbol]:
    """``expr`` for ``var = t > 0`` and for ``var = -t < 0`` (Piecewise branches at 0 resolve), and ``t``."""
    t = sp.Symbol("t", positive=True)
    return expr.subs(var, t), expr.subs(var, -t), t


def family_main(family: Family) -> int:  # pragma: no cover - convenience for scripts
    return family.main()


def cross_check(d: Derivation, what: str, run: Callable[[], Verdict], expect: str = "proved",
                accept: Callable[[Verdict], bool | None] | None = None, seconds: float = 4.0) -> Verdict | None:
    """Settle the same fact independently with :mod:`symact.decide` and record the outcome in ``d``.

    The proof never depends on the cross-check. An undecided check, or one whose value ``accept`` cannot compare
    (``accept`` returns None or raises), is noted and ignored; a *contradicting* verdict (opposite status, or
    ``accept`` returns False) aborts the proof, because then one of the two arguments is wrong and the honest
    verdict is ``unknown``.
    """
    try:
        finished, v = run_with_budget(run, seconds)
    except Exception as exc:  # a failure of the other decider is not evidence either way
        finished, v = False, f"{type(exc).__name__}: {exc}"
    if not finished or not isinstance(v, Verdict) or v.status == "unknown":
        d.say(rf"(Cross-check: \texttt{{symact.decide}} left {what} undecided; the argument above does not use it.)")
        return None
    if v.status != expect:
        raise ProofFailed(f"symact.decide contradicts this proof on {what}: {v.status} {v.value}")
    agrees: bool | None = True
    if accept is not None:
        try:
            agrees = accept(v)
        except Exception:
            agrees = None
    if agrees is False:
        raise ProofFailed(f"symact.decide contradicts this proof on {what}: {v.value}")
    if agrees is None:
        d.say(rf"(Cross-check: \texttt{{symact.decide}} agrees on the status of {what} but gives its value in a "
              r"form not compared here; the argument above does not use it.)")
        return v
    d.say(rf"Cross-check: the general decider \texttt{{symact.decide}} independently settles {what} "
          rf"({tex_escape(v.method)}).")
    return v


def decider(name: str) -> Callable[..., Verdict]:
    """``symact.decide.<name>``, imported when called, so that a cross-check whose decider cannot even be
    imported is just an undecided cross-check (it runs inside :func:`cross_check`'s error handling)."""

    def call(*args: Any, **kwargs: Any) -> Verdict:
        module = importlib.import_module("symact.decide")
        return getattr(module, name)(*args, **kwargs)

    return call


def extremum_matches(v: Verdict, value: sp.Expr, at: list[sp.Expr]) -> bool | None:
    """Compare a :func:`symact.decide.extremum` verdict with an exact value attained exactly at ``at``.

    Exact answers are compared exactly; certified enclosures (``arb`` ball strings) are compared with the
    enclosure of the expected value: disjoint balls contradict, overlapping balls agree. None when there is
    nothing comparable.
    """
    from flint import arb, ctx

    def ball(obj: Any):
        if isinstance(obj, str) and obj.startswith("["):
            old = ctx.prec
            ctx.prec = 128
            try:
                return arb(obj)
            finally:
                ctx.prec = old
        return None

    def same(got: Any, want: sp.Expr) -> bool | None:
        if isinstance(got, sp.Expr):
            return bool(sp.simplify(got - want) == 0)
        b = ball(got)
        if b is None:
            return None
        return bool(b.overlaps(arb_of(want)))

    if not getattr(v.value, "attained", False):
        return False if at else None
    exact = getattr(v.value, "exact", None)
    value_ok = same(exact, value) if exact is not None else same(getattr(v.value, "enclosure", None), value)
    where = list(getattr(v.value, "at", []) or [])
    points: list[bool | None] = []
    for p in where:
        results = [same(p, q) for q in at]
        points.append(True if True in results else (False if all(r is False for r in results) else None))
    if len(where) != len(at):
        points.append(False)
    if value_ok is False or False in points:
        return False
    if value_ok is None or None in points:
        return None
    return True


class TeX(sp.Symbol):
    """A display-only symbol whose name is ready LaTeX, printed verbatim (plain ``Symbol`` names are split at
    ``_``/``^`` by SymPy's printer, which garbles formulas such as ``h^\\top\\nabla^2L\\,h``)."""

    def _latex(self, printer: Any) -> str:  # noqa: D401 - SymPy printer hook
        return self.name


def tex(source: str) -> TeX:
    """A formula given as LaTeX, usable inside SymPy expressions for display (e.g. ``2*tex(r'\\sigma(2x)') - 1``)."""
    return TeX(source)


def one_sided_derivatives_at_zero(f: sp.Expr, var: sp.Symbol, left: sp.Expr | None = None,
                                  right: sp.Expr | None = None) -> tuple[sp.Expr, sp.Expr]:
    """``(f'_-(0), f'_+(0))`` as exact limits of difference quotients, h -> 0+.

    ``left``/``right`` are the branches of ``f`` valid just left/right of 0 (default: ``f`` itself, which works
    when substituting x = -h / x = h with h > 0 resolves every Piecewise condition near 0).
    """
    h = sp.Symbol("h", positive=True)
    f0 = sp.simplify(f.subs(var, 0))
    lo, hi = (left if left is not None else f), (right if right is not None else f)
    return (sp.limit((lo.subs(var, -h) - f0) / (-h), h, 0, "+"),
            sp.limit((hi.subs(var, h) - f0) / h, h, 0, "+"))
