// Operands that diverge (`return`, `break` as an argument): the call or
// built-in using them is never emitted (found by the mutation fuzzer: a
// `return` argument reached codegen as a missing value).
// CALL: call_arg() -> 7
// CALL: builtin_arg(0) -> 3
// CALL: method_arg(5) -> 4
// CALL: in_loop(9) -> 10
// A local initialized by a diverging expression has type `!`, and the code
// after it cannot run: it is not emitted, so its uses of that local (which
// has no value) are never lowered (fuzzer: `let mut n = return x;` before a
// loop doing `n += 1` reached codegen as `+` on `!`).
// CALL: never_local_in_loop(9) -> 9
// CALL: never_scrutinee(8) -> 8
// CALL: never_if_let(7) -> 7
// CALL: never_condition(6) -> 6
// CALL: never_block_local(5) -> 5
// CALL: never_in_closure(4) -> 4
// CALL: never_before_label(3) -> 4
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

#[no_mangle]
pub extern "C" fn never_local_in_loop(x: u32) -> u32 {
    let mut n = return x;
    loop {
        n += 1;
        pick(n, break);
    }
    n
}

#[no_mangle]
pub extern "C" fn never_scrutinee(x: u32) -> u32 { match (return x) { n => n + 1 } }

#[no_mangle]
pub extern "C" fn never_if_let(x: u32) -> u32 { if let n = (return x) { n + 1 } else { 0 } }

#[no_mangle]
pub extern "C" fn never_condition(x: u32) -> u32 { while (return x) {} 3 }

#[no_mangle]
pub extern "C" fn never_block_local(x: u32) -> u32 { let mut n = { return x }; n *= 2; -n; n }

#[no_mangle]
pub extern "C" fn never_in_closure(x: u32) -> u32 {
    let f = |q: u32| { let mut n = return q; n += 1; n };
    f(x)
}

#[no_mangle]
pub extern "C" fn never_before_label(x: u32) -> u32 {
    let v = 'a: { let mut n = break 'a x; n += 1; n };
    v + 1
}
