// ORACLE: skip rustc types such a local `()` and rejects the operators on it
// A local initialized by a diverging expression (`let mut n = return x;`)
// has type `!`, and the statements after it cannot run, so they are not
// emitted: their uses of that local, which has no value, are never lowered.
// rustc gives the local type `()` and rejects `n += 1` (reference, section
// 6). Found by the mutation fuzzer: such a local used in a later loop
// reached codegen as `+` on `!`.
// CALL: never_local_in_loop(9) -> 9
// CALL: never_scrutinee(8) -> 8
// CALL: never_if_let(7) -> 7
// CALL: never_condition(6) -> 6
// CALL: never_block_local(5) -> 5
// CALL: never_in_closure(4) -> 4
// CALL: never_before_label(3) -> 4
fn pick(a: u32, _b: u32) -> u32 { a }

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
