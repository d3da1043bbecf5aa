"""Imported by the explorer's fork server (`jobs.PRELOAD`), and only there:
checking one small program here builds the parser and fills the front end's
caches once, so that every compile process forked afterwards starts warm
instead of paying for that on each keystroke's compilation.

Only the front end runs here. The back end must not: wasmtime's engine (used
to validate modules) is not fork-safe, and one created in the fork server
would hang every child that validates with it."""
from __future__ import annotations

from ..diagnostics import DiagnosticSink
from ..driver import check_source
from ..source import SourceFile
from . import report  # noqa: F401 - imported once here, not in every child

WARM_UP_PROGRAM = """#![memory(1, min = 1)]
#[mem_idx(1)]
static mut CELLS: [u32; 2] = [1, 2];

#[no_mangle]
pub extern "C" fn first() -> u32 {
    let p: #[mem_idx(1)] *const u32 = unsafe { (&raw const CELLS).cast::<u32>() };
    unsafe { *p }
}
"""

check_source(SourceFile("warm-up.rs", WARM_UP_PROGRAM), DiagnosticSink())
