// Exported statics keep their export names as symbols (wasm-ld exports a
// data symbol by name); a function or internal static of the same name gets
// a fresh LLVM name instead of an internal compiler error (llvmlite's
// DuplicatedNameError, found by the mutation fuzzer).
// CALL: f2(3) -> 13
// CALL: g() -> 7
// ORACLE: skip the export names (`f2`) are not the functions' Rust names
#[export_name = "f"]
static DATA_F: u32 = 7;
static mut h: u32 = 1;
#[export_name = "h"]
static DATA_H: u32 = 8;

fn f(x: u32) -> u32 { x + 10 }

#[export_name = "f2"]
pub extern "C" fn call_f(x: u32) -> u32 { f(x) + unsafe { h } - 1 }

#[no_mangle]
pub extern "C" fn g() -> u32 { DATA_F + DATA_H - 8 }
