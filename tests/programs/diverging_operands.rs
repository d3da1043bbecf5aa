// Operands that diverge (`return`, `break` as an argument): the call or
// built-in using them is never emitted (found by the mutation fuzzer: a
// `return` argument reached codegen as a missing value).
// CALL: call_arg() -> 7
// CALL: builtin_arg(0) -> 3
// CALL: method_arg(5) -> 4
// CALL: in_loop(9) -> 10
fn pick(a: u32, _b: u32) -> u32 { a }

#[no_mangle]
pub extern "C" fn call_arg() -> u32 {
    pick(1, return 7)
}

#[no_mangle]
pub extern "C" fn builtin_arg(address: usize) -> u32 {
    let p = address as *const u32;
    unsafe { p.add(return 3).read() }
}

#[no_mangle]
pub extern "C" fn method_arg(x: u32) -> u32 {
    x.wrapping_add(return 4)
}

#[no_mangle]
pub extern "C" fn in_loop(x: u32) -> u32 {
    let mut n = x;
    loop {
        n += 1;
        pick(n, break);
    }
    n
}
