// Division by zero traps, as in Rust.
// CALL: divide(10, 3) -> 3
// TRAP: divide(1, 0)
// ORACLE: skip a native panic aborts the oracle process
#[no_mangle]
pub extern "C" fn divide(a: u32, b: u32) -> u32 { a / b }
