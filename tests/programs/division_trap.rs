// Division by zero traps, as in Rust.
// CALL: divide(10, 3) -> 3
// TRAP: divide(1, 0)
#[no_mangle]
pub extern "C" fn divide(a: u32, b: u32) -> u32 { a / b }
