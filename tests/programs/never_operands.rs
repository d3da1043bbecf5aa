// Diverging operands (type `!`): the `return` inside runs first, so every
// export returns its argument; nothing after it is evaluated. A call through
// a function pointer with a diverging argument was an internal error once.
// The rustc oracle runs this program too (it is Rust).
// CALL: fn_pointer(7) -> 7
// CALL: direct(8) -> 8
// CALL: break_value(9) -> 9
// CALL: return_return(10) -> 10
// CALL: assigned(11) -> 11
// CALL: payload(12) -> 12
// CALL: borrowed(13) -> 13
// CALL: aggregates(14) -> 14
// CALL: operands(15) -> 15
// CALL: patterns(16) -> 16
// CALL: matched(17) -> 17
// CALL: annotated(18) -> 18

struct S { a: u32 }
enum E { A(u32), B }

fn double(x: u32) -> u32 { x * 2 }

#[no_mangle]
pub extern "C" fn fn_pointer(x: u32) -> u32 {
    let f: fn(u32) -> u32 = double;
    f((return x)) + 1000
}

#[no_mangle]
pub extern "C" fn direct(x: u32) -> u32 {
    double((return x)) + 1000
}

#[no_mangle]
pub extern "C" fn break_value(x: u32) -> u32 {
    let v: u32 = loop { break (return x); };
    v + 1
}

#[no_mangle]
pub extern "C" fn return_return(x: u32) -> u32 {
    return (return x);
}

#[no_mangle]
pub extern "C" fn assigned(x: u32) -> u32 {
    let mut y = 0u32;
    y = return x;
    y
}

#[no_mangle]
pub extern "C" fn payload(x: u32) -> u32 {
    let e = E::A(return x);
    match e { E::A(v) => v, E::B => 0 }
}

#[no_mangle]
pub extern "C" fn borrowed(x: u32) -> u32 {
    let r = &(return x);
    5
}

#[no_mangle]
pub extern "C" fn aggregates(x: u32) -> u32 {
    let t = (1u32, if x > 0 { return x } else { 2u32 });
    let s = S { a: return x };
    let a = [1u32, return x];
    t.0 + s.a + a[0]
}

#[no_mangle]
pub extern "C" fn operands(x: u32) -> u32 {
    (return x) as u32 + 1
}

#[no_mangle]
pub extern "C" fn patterns(x: u32) -> u32 {
    let S { a } = return x;
    a
}

#[no_mangle]
pub extern "C" fn matched(x: u32) -> u32 {
    match (return x) { 1 => 2, _ => 3 }
}

#[no_mangle]
pub extern "C" fn annotated(x: u32) -> u32 {
    let (a, b): (u32, u32) = return x;
    a + b
}
