"""The attack the seed describes: a module with an exploitable bug (an
attacker-controlled index into a memory-0 buffer, no bounds check) cannot be
made to read a key kept in a secret memory, while the same program with the
key in memory 0 leaks it. The attacker calls the exported functions with
indices of its choice, in wasmtime and in V8, and scans every address the
bug can reach."""
from __future__ import annotations

import struct


from compiler.diagnostics import DiagnosticSink
from compiler.driver import compile_source
from compiler.runtime import RunRequest
from compiler.source import SourceFile
from compiler.wasm.audit import audit_wasm
from compiler.wasm.binary import parse_module

KEY = (0x5EC12E70, 0x0DDBA11, 0xC0FFEE11, 0x7A57E0F0)

SERVER = """\
{declaration}

// the key, written at run time by `provision` (never in the module file)
{placement}
static mut KEY: [u32; 4] = [0; 4];

// requests land here; `peek` is the bug: no bounds check on an index the caller controls
static mut REQUEST: [u32; 16] = [0; 16];

#[no_mangle]
pub extern "C" fn provision(a: u32, b: u32, c: u32, d: u32) {{
    unsafe {{
        let k = (&raw mut KEY).cast::<u32>();
        *k = a; *k.add(1) = b; *k.add(2) = c; *k.add(3) = d;
    }}
}}

#[no_mangle]
pub extern "C" fn sign(message: u32) -> u32 {{
    unsafe {{
        let k = (&raw const KEY).cast::<u32>();
        (message ^ *k).wrapping_mul(*k.add(1) | 1) ^ *k.add(2) ^ *k.add(3)
    }}
}}

#[no_mangle]
pub extern "C" fn peek(i: u32) -> u32 {{
    let at = unsafe {{ (&raw const REQUEST) as usize }} + i as usize * 4;  // wraps: any address in memory 0
    unsafe {{ *(at as *const u32) }}
}}

// clients are told where requests go
#[no_mangle]
pub extern "C" fn request_buffer() -> usize {{
    unsafe {{ (&raw const REQUEST) as usize }}
}}
"""

ISOLATED = SERVER.format(declaration="#![memory(1, secret, only = [provision, sign])]", placement="#[mem_idx(1)]")
EXPOSED = SERVER.format(declaration="// the same server with the key in memory 0", placement="")




def build(text: str, name: str):
    sink = DiagnosticSink()
    out = compile_source(SourceFile(name, text), sink, 2)
    assert out.wasm is not None and not sink.diagnostics, sink.render()
    return out


def scan(run, out) -> tuple[list[int], object]:
    """Every word of memory 0 through `peek`, as the attacker would read it; and what one index
    past the end of memory 0 does."""
    pages = parse_module(out.wasm).memory_types()[out.program.memories.wasm_index(0)].min
    words = pages * 65536 // 4
    # peek(i) reads REQUEST + 4 i, wrapping around the 32-bit address space: these indices reach every word
    base = _request_base(run, out)
    indices = [((addr - base) // 4) & 0xFFFFFFFF for addr in range(0, words * 4, 4)]
    calls = [("provision", list(KEY))] + [("peek", [i]) for i in indices]
    result = run(RunRequest(out.wasm, out.program.memories, calls))
    assert result.error is None and result.trap is None, (result.error, result.trap)
    past = run(RunRequest(out.wasm, out.program.memories, [("peek", [((words * 4 - base) // 4) & 0xFFFFFFFF])]))
    return [v & 0xFFFFFFFF for v in result.values[1:]], past


def _request_base(run, out) -> int:
    result = run(RunRequest(out.wasm, out.program.memories, [("request_buffer", [])]))
    assert result.error is None, result.error
    return result.values[0]


def contains_key(words: list[int]) -> bool:
    return any(words[i:i + 4] == list(KEY) for i in range(len(words) - 3))


def test_the_key_in_memory_0_leaks(run) -> None:
    out = build(EXPOSED, "exposed.rs")
    words, _ = scan(run, out)
    assert contains_key(words), "the exploit should find the key in memory 0"


def test_the_key_in_a_secret_memory_cannot_be_read(run) -> None:
    out = build(ISOLATED, "isolated.rs")
    words, past = scan(run, out)
    assert not contains_key(words) and not set(KEY) & set(words)
    # the bug reaches the end of memory 0 and traps there: it never continues into memory 1
    assert past.trap is not None and past.trap.kind == "out_of_bounds" and past.trap.function == "peek"
    # the key is there, and the gate uses it
    signed = run(RunRequest(out.wasm, out.program.memories, [("provision", list(KEY)), ("sign", [7])]))
    k = KEY
    assert signed.values[1] & 0xFFFFFFFF == ((7 ^ k[0]) * (k[1] | 1) & 0xFFFFFFFF) ^ k[2] ^ k[3]


def test_only_the_gates_touch_the_secret_memory() -> None:
    out = build(ISOLATED, "isolated.rs")
    report = audit_wasm(out.wasm)
    secret = next(m.index for m in report.memories if m.name == "m1")
    assert {f.name for f in report.accessors(secret)} == {"provision", "sign"}
    assert [m.name for m in report.memories if m.exported_as] == ["m0"]
    assert struct.pack("<4I", *KEY) not in out.wasm  # the key is not in the module file
