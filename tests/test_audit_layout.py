"""The auditor's layout (README, "The auditor's layout"): layers that import only downwards, no import cycle
inside ``symact/audit``, no private name imported from another module.  Read from the source with ``ast``
(every import, also those inside functions)."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import symact.audit

ROOT = Path(symact.audit.__file__).parent
PACKAGE = "symact.audit"

#: lowest first; a module imports only modules of its own layer or of lower ones.  A module not listed is a
#: failure (a new module says where it belongs).
LAYERS = [
    # signals to the auditor told apart by their sender
    {"senders"},
    # foundations: formats, the standard, reports, inputs, failing ranges, worker processes, what counts as a hung
    # call, framework backends
    {"dtypes", "standard", "report", "regions", "inputs", "workers", "hang", "backends", "conformance_suite"},
    # the exact values; targets: loading and calling (adapters), what each framework ships, isolation
    {"reference", "adapters", "frameworks", "target"},
    {"context"},
    {"stages"},
    {"api"},
    # what users load: the package (``symact.audit(...)``) and the pytest plugin
    {"__init__", "pytest_plugin"},
]


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[str, str | None, int]]:
    """(module, imported name or None, line) of every import of ``path`` that names a symact module."""
    mod = _module(path)
    package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            out += [(a.name, None, node.lineno) for a in node.names if a.name.startswith("symact")]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([node.module] if node.module else []))
            if base.startswith("symact"):
                out += [(base, a.name, node.lineno) for a in node.names]
    return out


def _graph() -> dict[str, dict[str, list[str]]]:
    """{module: {imported module of symact.audit: [where]}}, a ``from package import submodule`` counted as an
    import of the submodule."""
    files = {_module(p): p for p in ROOT.rglob("*.py")}
    graph: dict[str, dict[str, list[str]]] = {m: {} for m in files}
    for mod, path in files.items():
        for target, name, line in _imports(path):
            if name and f"{target}.{name}" in files:
                target = f"{target}.{name}"
            if target in files and target != mod:
                graph[mod].setdefault(target, []).append(f"{path.relative_to(ROOT.parent.parent)}:{line}")
    return graph


def _layer(mod: str) -> int | None:
    rest = mod[len(PACKAGE) + 1:] if mod != PACKAGE else "__init__"
    top = rest.split(".")[0]
    return next((i for i, names in enumerate(LAYERS) if top in names), None)


def test_every_module_has_a_layer():
    assert [m for m in _graph() if _layer(m) is None] == []


def test_layers_import_only_downwards():
    upward = [f"{where}: {mod} (layer {_layer(mod)}) imports {dep} (layer {_layer(dep)})"
              for mod, deps in _graph().items() for dep, wheres in deps.items() for where in wheres
              if _layer(mod) is not None and _layer(dep) is not None and _layer(dep) > _layer(mod)]
    assert upward == []


def test_no_import_cycle():
    graph = _graph()
    cycles = []
    state: dict[str, int] = {}

    def visit(mod: str, stack: list[str]) -> None:
        state[mod] = 1
        for dep in graph[mod]:
            if state.get(dep) == 1:
                cycles.append(" -> ".join(stack[stack.index(dep):] + [dep]))
            elif dep not in state:
                visit(dep, stack + [dep])
        state[mod] = 2

    for mod in sorted(graph):
        if mod not in state:
            visit(mod, [mod])
    assert cycles == []


def test_no_private_name_crosses_a_module():
    """No ``from m import _name`` and no import of a private module (``_fp``) from outside its package."""
    bad = []
    for path in ROOT.rglob("*.py"):
        mod = _module(path)
        for target, name, line in _imports(path):
            private_module = next((p for p in target.split(".") if p.startswith("_") and p != "__init__"), None)
            if (name and name.startswith("_") and target != mod) or private_module:
                bad.append(f"{path.relative_to(ROOT.parent.parent)}:{line}: {target} {name or ''}".strip())
    assert bad == []


def test_the_checks_see_a_violation():
    """The graph above is the real one: the stages import the context, the API imports every stage."""
    graph = _graph()
    assert "symact.audit.context" in graph["symact.audit.stages.values"]
    assert {"symact.audit.stages.values", "symact.audit.stages.exhaustive"} <= set(graph["symact.audit.api"])
    assert "symact.audit.reference.f64" in graph["symact.audit.reference.dd"]


#: the frameworks a backend calls: imported only when an audit uses them
FRAMEWORK_MODULES = ("torch", "jax", "tensorflow", "keras", "onnx", "onnxruntime", "tinygrad", "sklearn")


def test_importing_symact_imports_no_framework():
    """The backends import their framework lazily: ``import symact``, the auditor, every backend module, the
    CLI and the pytest plugin load none of them (in a fresh interpreter)."""
    code = ("import sys, symact, symact.audit, symact.audit.frameworks, symact.audit.pytest_plugin, symact.cli; "
            "from symact.audit.backends import BACKENDS; symact.audit.audit; "
            f"print(sorted(m for m in {FRAMEWORK_MODULES!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]"
