"""The farc explorer's server side: what a compile report says, the limits of
the compile processes, and the HTTP surface (routes, bad requests, no file
system access). The page itself is tested in a real browser
(test_explorer_browser.py)."""
from __future__ import annotations

import base64
import http.client
import json
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from compiler.diagnostics import explain
from compiler.explorer.jobs import Compiler, Limits
from compiler.explorer.report import RUN_EXPORT_PREFIX, BadRequest, Options, explore
from compiler.explorer.server import make_server, parse_compile_request
from compiler.wasm.binary import KIND_MEMORY, decode_bodies, parse_module
from compiler.wasm.instructions import memory_indices

ROOT = Path(__file__).resolve().parent.parent
FAR_SUM = (ROOT / "examples" / "far_sum.rs").read_text()

#: memory 1 defined and not exported, memory 2 imported; a far static in each
TWO_MEMORIES = """#![memory(1, min = 1)]
#![memory(2, import = "host.shared", min = 1)]

#[mem_idx(1)]
static mut COUNTS: [u32; 4] = [1, 2, 3, 4];

#[mem_idx(2)]
static mut FLAG: u8 = 7;

#[no_mangle]
pub extern "C" fn bump(i: usize) -> u32 {
    let p: #[mem_idx(1)] *mut u32 = unsafe { (&raw mut COUNTS).cast::<u32>() };
    unsafe {
        *p.add(i) = *p.add(i) + 10;
        *p.add(i)
    }
}

#[no_mangle]
pub extern "C" fn flag() -> u8 {
    unsafe { *(&raw const FLAG) }
}
"""


@pytest.fixture(scope="module")
def far_sum_report():
    return explore(FAR_SUM, Options())


@pytest.fixture(scope="module")
def two_memories_report():
    return explore(TWO_MEMORIES, Options(opt_level=0))


# ---------------------------------------------------------------------------
# The report


def test_report_has_every_output(far_sum_report):
    r = far_sum_report
    assert r["ok"] and r["diagnostics"] == []
    assert "addrspace(1001)" in r["outputs"]["llvm_ir"]
    assert "@i32.load.m1" in r["outputs"]["llvm_ir_legalized"]
    assert "i32.load $m1" in r["outputs"]["wat"]
    wasm = base64.b64decode(r["wasm"])
    assert wasm.startswith(b"\0asm")
    assert {e["name"] for e in r["exports"]} == {"sum_far", "sum_near", "copy_far_to_near", "main"}
    assert all(e["params"] == [] and e["results"] == ["i32"] for e in r["exports"])


def test_far_statics_have_their_addresses(far_sum_report, two_memories_report):
    (far_data,) = far_sum_report["statics"]
    assert far_data | {"line": None} == {"name": "FAR_DATA", "mem": 1, "address": 16, "size": 32, "mutable": True,
                                         "type": "[u32; 8]", "line": None}
    assert "static mut FAR_DATA" in FAR_SUM.split("\n")[far_data["line"] - 1]
    # the data segment of memory 1 starts with FAR_DATA's initial bytes at that address
    module = parse_module(base64.b64decode(far_sum_report["wasm"]))
    segments = [s for s in module.data if s.memory == 1]
    assert segments and segments[0].data[:8] == (100).to_bytes(4, "little") + (200).to_bytes(4, "little")
    statics = {s["name"]: (s["mem"], s["size"]) for s in two_memories_report["statics"]}
    assert statics == {"COUNTS": (1, 16), "FLAG": (2, 1)}


def test_memories_say_how_the_page_reaches_them(two_memories_report):
    memories = {m["index"]: m for m in two_memories_report["memories"]}
    assert memories[2]["import"] == "host.shared" and memories[2]["reach"] == {"import": ["host", "shared"]}
    assert memories[2]["wasm_index"] == 0  # imported memories come first
    assert memories[0]["reach"] == {"export": "memory"}
    assert memories[1]["export"] is None and memories[1]["reach"] == {"export": f"{RUN_EXPORT_PREFIX}1"}
    run = parse_module(base64.b64decode(two_memories_report["run_wasm"]))
    real = parse_module(base64.b64decode(two_memories_report["wasm"]))
    exported = {e.name: e.index for e in run.exports if e.kind == KIND_MEMORY}
    assert exported[f"{RUN_EXPORT_PREFIX}1"] == memories[1]["wasm_index"]
    assert f"{RUN_EXPORT_PREFIX}1" not in {e.name for e in real.exports}
    # nothing else differs: same code, same imports
    assert [b.raw for b in run.code] == [b.raw for b in real.code]
    assert [(i.module, i.name) for i in run.imports] == [(i.module, i.name) for i in real.imports]


def test_run_code_shift_maps_run_offsets_back(two_memories_report):
    r = two_memories_report
    run = decode_bodies(parse_module(base64.b64decode(r["run_wasm"])))
    real = decode_bodies(parse_module(base64.b64decode(r["wasm"])))
    assert r["run_code_shift"] > 0
    for a, b in zip(run.code, real.code):
        assert [i.offset - r["run_code_shift"] for i in a.instrs] == [i.offset for i in b.instrs]


def test_function_accesses_come_from_the_audit(far_sum_report, two_memories_report):
    module = decode_bodies(parse_module(base64.b64decode(far_sum_report["wasm"])))
    for entry in far_sum_report["functions"]:
        body = module.code[entry["index"] - module.num_imported_funcs]
        expected = sum(len(memory_indices(i)) for i in body.instrs)
        assert sum(entry["accesses"].values()) == expected
    by_name = {f["name"]: f for f in far_sum_report["functions"]}
    assert by_name["__original_main"]["kinds"] == {"1": ["read", "write"]}
    assert by_name["sum_far"]["instructions"] == {"1": ["i32.load"]}
    # wasm-ld's `main` wrapper touches nothing itself, but reaches memory 1 through its call
    assert by_name["main"]["accesses"] == {} and by_name["main"]["reaches"] == {"1": ["__original_main"]}
    by_name = {f["name"]: f["accesses"] for f in two_memories_report["functions"]}
    assert set(by_name["bump"]) >= {"1"} and "2" not in by_name["bump"]
    assert set(by_name["flag"]) == {"2"}


def test_wat_offsets_name_the_instruction_on_each_line(far_sum_report, two_memories_report):
    for r in (far_sum_report, two_memories_report):
        module = decode_bodies(parse_module(base64.b64decode(r["wasm"])))
        by_offset = {i.offset: i for body in module.code for i in body.instrs}
        lines = r["outputs"]["wat"].split("\n")
        assert len(r["wat_offsets"]) == len(lines)
        mapped = [(line.strip().rstrip(")"), by_offset[off]) for line, off in zip(lines, r["wat_offsets"])
                  if off is not None]
        assert len(mapped) >= sum(len(b.instrs) - 1 for b in module.code)
        for text, instr in mapped:
            assert text.split()[0] == instr.name.replace("select_t", "select"), (text, instr)


def test_regions_cover_each_function(far_sum_report):
    regions = {r["name"]: r for r in far_sum_report["regions"]}
    source = FAR_SUM.split("\n")
    first, last = regions["sum_far"]["source"]
    assert "fn sum_far" in source[first - 1] and source[last - 1].startswith("}")
    wat = far_sum_report["outputs"]["wat"].split("\n")
    assert wat[regions["sum_far"]["wat"][0] - 1].strip().startswith("(func $sum_far ")
    ir = far_sum_report["outputs"]["llvm_ir"].split("\n")
    assert ir[regions["sum_far"]["llvm_ir"][0] - 1].startswith("define ")
    assert "@sum_far(" in ir[regions["sum_far"]["llvm_ir"][0] - 1]
    # `main` is exported: its region is the exported function, not wasm-ld's wrapper
    assert "__original_main" in wat[regions["main"]["wat"][0] - 1]


def test_errors_come_back_as_diagnostics():
    r = explore("fn f( {", Options())
    assert not r["ok"] and r["wasm"] is None and r["outputs"]["wat"] is None
    (d,) = r["diagnostics"]
    assert d["code"]["code"] == "S0001" and d["spans"][0]["line_start"] == 1
    assert d["rendered"].startswith("error[S0001]")
    r = explore("#![memory(1, min = 1)]\nfn near(_: *const u8) {}\nfn f(p: #[mem_idx(1)] *const u8) { near(p); }\n",
                Options())
    assert [d["code"]["code"] for d in r["diagnostics"]] == ["M0002"]
    assert r["wasm"] is None and r["memories"] == []  # no checked program: no memory map


def test_options_are_checked():
    assert Options.from_json({"opt_level": 0, "opaque_intrinsics": True}) == Options(0, True)
    assert Options.from_json(None) == Options()
    for bad in ({"opt_level": 4}, {"opt_level": "2"}, {"opt_level": True}, {"opaque_intrinsics": 1},
                {"speed": 1}, [2]):
        with pytest.raises(BadRequest):
            Options.from_json(bad)
    for bad in ({"source": 1}, {"options": {}}, {"source": "", "path": "/etc/passwd"}, "x"):
        with pytest.raises(BadRequest):
            parse_compile_request(bad)


def test_opaque_intrinsics_reach_the_optimizer():
    """The design choice is applied: legalizing first leaves the optimizer only opaque calls,
    so the optimized IR has no address space left."""
    r = explore(FAR_SUM, Options(opaque_intrinsics=True))
    assert r["ok"] and "addrspace(1001)" not in r["outputs"]["llvm_ir_legalized"].split("define", 1)[1]
    assert "@i32.load.m1" in r["outputs"]["llvm_ir"]


# ---------------------------------------------------------------------------
# Limits of the compile processes


def only_code(report: dict) -> str:
    (d,) = report["diagnostics"]
    return d["code"]["code"]


def test_source_size_limit():
    compiler = Compiler(Limits(max_source_bytes=100))
    report = compiler.compile("//" + "é" * 60, Options())  # 122 bytes of UTF-8
    assert only_code(report) == "B0008" and "122 bytes" in report["diagnostics"][0]["message"]
    assert compiler.compile("// short\n", Options())["ok"]


def test_compile_time_limit_kills_the_compilation():
    report = Compiler(Limits(timeout_s=0.001)).compile(FAR_SUM, Options())
    assert only_code(report) == "B0008" and "longer than 0.001 s" in report["diagnostics"][0]["message"]


#: a far static whose initial bytes (2 GB) farc builds in memory
# non-zero bytes: a zero static costs no memory at all (tests/test_zero_statics.py)
HUGE_STATIC = """#![memory(1, min = 4000)]
#[mem_idx(1)]
static BIG: [u8; 250000000] = [1; 250000000];
#[no_mangle]
pub extern "C" fn get(i: usize) -> u8 { BIG[i] }
"""  # under T0002's 256 MiB of static data, but many times that to build


def test_memory_limit():
    report = Compiler(Limits(memory_bytes=1600 * 1024**2)).compile(HUGE_STATIC, Options())
    assert only_code(report) == "B0008" and "1600 MiB" in report["diagnostics"][0]["message"]
    with pytest.raises(ValueError, match="at least 1536 MiB"):
        Limits(memory_bytes=300 * 1024**2)


def test_compiles_run_in_a_child_process():
    """The compiling process is not the server: a compilation cannot change the server's state."""
    report = Compiler().compile(FAR_SUM, Options(opt_level=1))
    assert report["ok"] and report == {**explore(FAR_SUM, Options(opt_level=1)), "elapsed_ms": report["elapsed_ms"]}


# ---------------------------------------------------------------------------
# HTTP


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    examples = tmp_path_factory.mktemp("examples")
    (examples / "hello.rs").write_text("// Hello: the smallest program\n#[no_mangle]\npub extern \"C\" fn one() -> i32 { 1 }\n")
    (examples / "not an example.rs").write_text("fn x() {}")  # names outside [A-Za-z0-9_-] are not listed
    (examples / "notes.txt").write_text("secret")
    srv = make_server("127.0.0.1", 0, Limits(max_source_bytes=2048), examples_dir=examples)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv.server_address[1]
    srv.shutdown()
    srv.server_close()


def request(port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
            host: str | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    conn.putheader("Host", host or f"127.0.0.1:{port}")
    for k, v in (headers or {}).items():
        conn.putheader(k, v)
    if body is not None:
        conn.putheader("Content-Length", str(len(body)))
    conn.endheaders(body)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response, data


def post_json(port: int, payload, headers: dict | None = None):
    return request(port, "POST", "/api/compile", json.dumps(payload).encode(),
                   {"Content-Type": "application/json", **(headers or {})})


def test_page_and_assets(server):
    response, body = request(server, "GET", "/")
    assert response.status == 200 and b"farc explorer" in body
    assert "script-src 'self'" in response.getheader("Content-Security-Policy")
    assert response.getheader("Cross-Origin-Opener-Policy") == "same-origin"
    response, body = request(server, "GET", "/static/explorer.css")
    assert response.status == 200 and response.getheader("Content-Type").startswith("text/css")


@pytest.mark.parametrize("path", [
    "/static/../server.py", "/static/%2e%2e/server.py", "/static/..%2fserver.py", "/static//etc/passwd",
    "/static/src/../../server.py", "/etc/passwd", "/../../README.md", "/static/", "/api/examples/..%2fREADME",
    "/api/examples/notes", "/api/examples/not%20an%20example", "/static/explorer.css/x",
])
def test_no_file_system_access(server, path):
    response, body = request(server, "GET", path)
    assert response.status == 404, body
    assert b"secret" not in body and b"import" not in body


def test_examples(server):
    response, body = request(server, "GET", "/api/examples")
    assert json.loads(body) == [{"name": "hello", "title": "Hello: the smallest program"}]
    response, body = request(server, "GET", "/api/examples/hello")
    assert json.loads(body)["source"].startswith("// Hello")


def test_explain(server):
    response, body = request(server, "GET", "/api/explain/m0002")
    data = json.loads(body)
    assert response.status == 200 and data["code"] == "M0002" and data["text"] == explain("M0002")
    for code in ("NOPE", "M9999", "..%2fREADME"):
        assert request(server, "GET", f"/api/explain/{code}")[0].status == 404


def test_compile(server):
    response, body = post_json(server, {"source": "#[no_mangle]\npub extern \"C\" fn one() -> i32 { 1 }\n",
                                        "options": {"opt_level": 0}})
    report = json.loads(body)
    assert response.status == 200 and report["ok"] and report["exports"][0]["name"] == "one"
    response, body = post_json(server, {"source": "x" * 4000})
    assert response.status == 200 and only_code(json.loads(body)) == "B0008"


@pytest.mark.parametrize("payload, headers, status", [
    (b'{"source": ""}', {"Content-Type": "text/plain"}, 415),  # a cross-site form cannot send JSON
    (b'{"source": ', {"Content-Type": "application/json"}, 400),
    (b'\xff\xfe', {"Content-Type": "application/json"}, 400),
    (b'{"source": 3}', {"Content-Type": "application/json"}, 400),
    (b'{"source": "", "options": {"opt_level": 9}}', {"Content-Type": "application/json"}, 400),
    (b'[]', {"Content-Type": "application/json"}, 400),
])
def test_bad_requests(server, payload, headers, status):
    response, body = request(server, "POST", "/api/compile", payload, headers)
    assert response.status == status and "error" in json.loads(body)


def test_oversized_request_is_refused_unread(server):
    conn = http.client.HTTPConnection("127.0.0.1", server, timeout=30)
    conn.putrequest("POST", "/api/compile")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(10**9))
    conn.endheaders()
    response = conn.getresponse()
    assert response.status == 413
    conn.close()


def test_other_hosts_and_methods_are_refused(server):
    """A page on another site that resolves its own name to 127.0.0.1 gets nothing."""
    assert request(server, "GET", "/", host="evil.example")[0].status == 403
    assert post_json(server, {"source": ""}, {"Origin": "http://evil.example"})[0].status == 200  # no CORS header:
    response, _ = post_json(server, {"source": ""})
    assert response.getheader("Access-Control-Allow-Origin") is None  # the browser withholds the answer
    assert request(server, "POST", "/api/explain/M0002", b"{}", {"Content-Type": "application/json"})[0].status == 404
    assert request(server, "PUT", "/api/compile", b"{}", {"Content-Type": "application/json"})[0].status == 501


def test_farc_serve_command():
    """`farc serve --port 0` prints its URL and answers there; bad limits are refused."""
    from explorer_support import explorer_server

    with explorer_server() as url:
        with urllib.request.urlopen(url + "api/examples", timeout=30) as response:
            assert "far_sum" in {e["name"] for e in json.load(response)}
    proc = subprocess.run([sys.executable, "-m", "compiler.cli", "serve", "--port", "0", "--memory-limit-mb", "100"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "at least 1536 MiB" in proc.stderr


def test_the_designs_programs_are_examples():
    """The explorer's menu has the programs of the four designs side by side
    (the one-file ones: design 4's load `mod fat;`, which the page cannot)."""
    from compiler.explorer.server import EXAMPLES_DIR, find_examples
    names = set(find_examples(EXAMPLES_DIR))
    designs = ROOT / "examples" / "designs"
    assert "far_sum" in names
    for design in ("near", "d1_typed", "d2_intrinsics", "d3_pointee"):
        for program in (designs / design).glob("*.rs"):
            assert f"{design}-{program.stem}" in names
    assert not any(name.startswith("d4_fat-") for name in names)
    assert (designs / "d4_fat" / "sum.rs").exists()
