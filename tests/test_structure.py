"""The compiler's structure: no import cycles between its modules, every
builtin operation has one checker entry and one lowering, and front-end
messages come from the one catalog (`compiler/messages.py`)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from compiler import messages as msg
from compiler.builtins import BuiltinOp
from compiler.check import tree as T
from compiler.check.intrinsics import BUILTIN_FNS, POINTER_METHODS, PRODUCES
from compiler.check.slices import SLICE_METHODS
from compiler.check.memidx import COPY_SIBLINGS, MEMIDX_SIBLINGS
from compiler.check.simd import ARITHMETIC, BITWISE, EXTEND_LOADS, EXTRACTS, SPLATS

SIMD_EXTENDS, SIMD_SPLATS, SIMD_EXTRACTS = sorted(EXTEND_LOADS), sorted(SPLATS), sorted(EXTRACTS)
SIMD_BINARY = sorted(ARITHMETIC) + sorted(BITWISE)
from compiler.codegen.intrinsics import LOWERINGS
from compiler.diagnostics import Message

from conftest import check_text

PACKAGE = Path(__file__).resolve().parent.parent / "compiler"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The compiler modules `name` imports, anywhere in the file (function-level
    and `TYPE_CHECKING` imports too: they are dependencies all the same).
    Imports of a package the module itself is in are left out: Python
    initializes those before the module anyway."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            # `from pkg import sub` imports the submodule `pkg.sub`
            targets = [f"{prefix}.{alias.name}" if f"{prefix}.{alias.name}" in modules else prefix
                       for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name and not (name.startswith(target + ".") or name == target):
                found.add(target)
    return found


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return result


def test_no_import_cycles_between_compiler_modules() -> None:
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    assert graph["compiler.codegen.function"], "the import walk found nothing: it is broken"
    assert "compiler.types" in graph["compiler.mono.monomorphize"]
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_cycles() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_phases_import_one_way() -> None:
    """Earlier phases never import later ones (syntax -> check -> mono -> codegen -> wasm)."""
    order = ["compiler.syntax", "compiler.check", "compiler.mono", "compiler.codegen", "compiler.wasm"]
    modules = _modules()
    for name, path in modules.items():
        phase = next((i for i, p in enumerate(order) if name == p or name.startswith(p + ".")), None)
        if phase is None:
            continue
        for target in _imports(name, path, modules):
            later = [p for p in order[phase + 1:] if target == p or target.startswith(p + ".")]
            assert not later, f"{name} imports {target}, a later phase"
            if phase > order.index("compiler.check") and target.startswith("compiler.check"):
                # what the checker hands on is the typed tree; its internals are its own
                assert target in ("compiler.check", "compiler.check.tree"), f"{name} imports {target}"


# ----------------------------------------------------------------------------
# builtins: one enumeration, a checker entry and a lowering for each member


def test_every_builtin_has_a_lowering() -> None:
    assert set(LOWERINGS) == set(BuiltinOp)


def test_every_builtin_has_a_checker_entry() -> None:
    produced = set().union(*PRODUCES.values())
    assert produced == set(BuiltinOp)
    assert set(PRODUCES) == set(BUILTIN_FNS) | set(POINTER_METHODS) | set(SLICE_METHODS)


def _sibling_args(name: str) -> str:
    """Arguments of a `_memidx` sibling, by the typed intrinsic it stands for."""
    typed = MEMIDX_SIBLINGS[name][0]
    if typed in ("memory_atomic_wait32", "memory_atomic_wait64"):
        return f"p.cast::<{'i32' if typed.endswith('32') else 'i64'}>(), 0, 0"
    if typed == "memory_atomic_notify":
        return "p.cast::<i32>(), 1"
    if typed in ("atomic_load_seqcst", "read_volatile"):
        return "p"
    if typed == "atomic_cxchg_seqcst_seqcst":
        return "p, 1, 2"
    if typed == "memory_init":
        return "p, SEG, 0, 1"
    if typed == "write_bytes":
        return "p, 0, 1"
    if typed == "v128_load":
        return "p.cast::<v128>()"
    if typed == "v128_store":
        return "p.cast::<v128>(), *q.cast::<v128>()"
    if typed.startswith("v128_load") or "_load_extend_" in typed:
        elem = typed.rsplit("_", 1)[1][:-2] if "_load_extend_" in typed else f"u{typed[9:11].rstrip('_')}"
        return f"p.cast::<{elem}>()"
    return "p, 1"


#: one use of each intrinsic function, pointer method and slice method, in a body where
#: `p: *mut u32`, `q: #[mem_idx(1)] *mut u32`, `s: #[mem_idx(1)] &mut [u32]` and `w` (memory 2,
#: shared) are parameters and `SEG` a passive static
USES = {
    "null": "let _x: *const u32 = null();",
    "null_mut": "let _x: *mut u32 = null_mut();",
    "copy": "copy(p as *const u32, q, 1);",
    "copy_nonoverlapping": "copy_nonoverlapping(q.cast_const(), p, 1);",
    "write_bytes": "write_bytes(q, 0, 1);",
    "memory_init": "memory_init(q, SEG, 0, 1);",
    "data_drop": "data_drop(SEG);",
    "size_of": "let _n = size_of::<u32>();",
    "align_of": "let _n = align_of::<u32>();",
    "unreachable": "if false { unreachable(); }",
    "abort": "abort();",
    "load_memidx": "let _v = load_memidx::<1, u32>(p as *const u32);",
    "store_memidx": "store_memidx::<1, u32>(p, 7);",
    "memory_size": "let _s = memory_size::<1>();",
    "memory_grow": "let _s = memory_grow::<1>(1);",
    "add": "let _r = q.add(1);",
    "sub": "let _r = q.sub(1);",
    "offset": "let _r = q.offset(-1);",
    "read": "let _v = q.read();",
    "write": "q.write(1);",
    "is_null": "let _b = q.is_null();",
    "offset_from": "let _d = q.offset_from(q);",
    "cast": "let _c = q.cast::<u8>();",
    "cast_mut": "let _c = q.cast_const().cast_mut();",
    "cast_const": "let _c = q.cast_const();",
    "from_raw_parts": "let _s = core::slice::from_raw_parts(q.cast_const(), 2);",
    "from_raw_parts_mut": "let _s = core::slice::from_raw_parts_mut(q, 2);",
    "len": "let _n = s.len();",
    "is_empty": "let _b = s.is_empty();",
    "as_ptr": "let _p = s.as_ptr();",
    "as_mut_ptr": "let _p = s.as_mut_ptr();",
    "read_volatile": "let _v = q.read_volatile() + read_volatile(p);",
    "write_volatile": "q.write_volatile(1); write_volatile(p, 2);",
    "atomic_load_seqcst": "let _v = atomic_load_seqcst(q);",
    "atomic_store_seqcst": "atomic_store_seqcst(q, 1);",
    "atomic_cxchg_seqcst_seqcst": "let _r = atomic_cxchg_seqcst_seqcst(q, 1, 2);",
    "atomic_cxchgweak_seqcst_seqcst": "let _r = atomic_cxchgweak_seqcst_seqcst(p, 1, 2);",
    "memory_atomic_wait32": "let _w = memory_atomic_wait32(w.cast::<i32>(), 0, 0);",
    "memory_atomic_wait64": "let _w = memory_atomic_wait64(w.cast::<i64>(), 0, 0);",
    "memory_atomic_notify": "let _n = memory_atomic_notify(q.cast::<i32>(), 1);",
    **{name: f"let _old = {name}(q, 1);" for name in (
        "atomic_xadd_seqcst", "atomic_xsub_seqcst", "atomic_and_seqcst", "atomic_or_seqcst", "atomic_xor_seqcst",
        "atomic_xchg_seqcst", "atomic_nand_seqcst", "atomic_max_seqcst", "atomic_min_seqcst", "atomic_umax_seqcst",
        "atomic_umin_seqcst")},
    # SIMD: `v` is a v128 from memory 1
    **{name: f"let v: v128 = *q.cast::<v128>(); let _r = {use};" for name, use in (
        ("v128_load", "v128_load(q.cast::<v128>())"), ("v128_store", "v128_store(q.cast::<v128>(), v)"),
        ("v128_load8_lane", "v128_load8_lane::<15>(v, q.cast::<u8>())"),
        ("v128_load16_lane", "v128_load16_lane::<7>(v, q.cast::<u16>())"),
        ("v128_load32_lane", "v128_load32_lane::<3>(v, q)"),
        ("v128_load64_lane", "v128_load64_lane::<1>(v, q.cast::<u64>())"),
        *((f"v128_load{b}_splat", f"v128_load{b}_splat(q.cast::<u{b}>())") for b in (8, 16, 32, 64)),
        *((f"v128_load{b}_zero", f"v128_load{b}_zero(q.cast::<u{b}>())") for b in (32, 64)),
        *((name, f"{name}(q.cast::<{name.rsplit('_', 1)[1][:-2]}>())") for name in SIMD_EXTENDS),
        *((name, f"{name}(1)") for name in SIMD_SPLATS),
        *((name, f"{name}::<1>(v)") for name in SIMD_EXTRACTS),
        *((name, f"{name}(v, v)") for name in SIMD_BINARY))},
    # the intrinsics design's siblings: an address in memory 1 (2 for the waits) through a plain pointer
    **{name: (f"let v: v128 = *q.cast::<v128>(); let _r = {name}::<1, 1>(v, p.cast::<u{name[9:11].rstrip('_')}>());") if "_lane_" in name else
       f"let _r = {name}::<{2 if 'wait' in name else 1}>({_sibling_args(name)});" for name in MEMIDX_SIBLINGS},
    **{name: f"{name}::<1, 0, u32>(p as *const u32, p, 1);" for name in COPY_SIBLINGS},
}


def _builtins_in(node: object, found: list[T.Builtin]) -> None:
    if isinstance(node, T.Builtin):
        found.append(node)
    if isinstance(node, list):
        for item in node:
            _builtins_in(item, found)
    elif hasattr(node, "__dataclass_fields__") and not isinstance(node, (T.FnDef, T.StaticDef, T.Local)):
        for field in node.__dataclass_fields__:
            _builtins_in(getattr(node, field), found)


def test_every_intrinsic_has_a_use_below() -> None:
    assert set(USES) == set(BUILTIN_FNS) | set(POINTER_METHODS) | set(SLICE_METHODS)


def _ops_of(use: str) -> set[BuiltinOp]:
    source = ("#![memory(1, min = 1)]\n#![memory(2, shared, min = 1, max = 1)]\n#[passive] static SEG: [u32; 2] = [1, 2];\n"
              f"fn f(p: *mut u32, q: #[mem_idx(1)] *mut u32, s: #[mem_idx(1)] &mut [u32], "
              f"w: #[mem_idx(2)] *mut u32) {{ unsafe {{ {use} }} }}\n")
    program, sink = check_text(source)
    assert program is not None, sink.render()
    found: list[T.Builtin] = []
    _builtins_in(program.functions[0].body, found)
    return {b.op for b in found}


@pytest.mark.parametrize("name", sorted(USES))
def test_each_intrinsic_produces_what_it_declares(name: str) -> None:
    ops = _ops_of(USES[name])
    assert ops <= PRODUCES[name]
    assert bool(ops) == bool(PRODUCES[name])  # the cast methods are casts, not builtins


def test_the_intrinsics_produce_every_builtin() -> None:
    assert set().union(*(_ops_of(use) for use in USES.values())) == set(BuiltinOp)


# ----------------------------------------------------------------------------
# messages: one catalog

FRONT_END = ["check", "syntax", "mono"]
#: front-end files whose messages are still written in place (to be moved into the catalog)
NOT_YET_IN_CATALOG: set[str] = set()
_REPORTING = {"error", "report", "with_note", "with_help", "with_label"}


def _literal_messages(path: Path) -> list[str]:
    """Calls that report with a message written in place (a string literal or
    f-string) instead of a catalog entry."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _REPORTING:
            for arg in node.args:
                if isinstance(arg, ast.JoinedStr) or (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                    found.append(f"{path.name}:{node.lineno}")
    return found


@pytest.mark.parametrize("package", FRONT_END)
def test_front_end_messages_come_from_the_catalog(package: str) -> None:
    offenders = [hit for path in sorted((PACKAGE / package).rglob("*.py")) if path.name not in NOT_YET_IN_CATALOG
                 for hit in _literal_messages(path)]
    assert offenders == []


def test_every_catalog_message_is_used() -> None:
    sources = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py") if p.name != "messages.py")
    unused = [name for name, value in vars(msg).items()
              if (isinstance(value, Message) or name.startswith(("LABEL_", "NOTE_", "HELP_", "WHY_", "WHAT_")))
              and f"msg.{name}" not in sources]
    assert unused == []
