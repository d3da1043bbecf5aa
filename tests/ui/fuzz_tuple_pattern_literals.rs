// A tuple pattern against an unsuffixed literal (`{float}`, `{integer}`):
// a mismatch, as in rustc (it was accepted and reached codegen as a field
// access on `f64`, found by the mutation fuzzer). The pattern's names are
// bound anyway, so their uses add no errors.
struct Point { x: u32 }

#[no_mangle]
pub extern "C" fn f() -> u32 {
    let (n, m) = 1.5; //~ ERROR E0308 mismatched types
    //~| LABEL expected `{float}`, found `(_, _)`
    let (a, b) = 7; //~ ERROR E0308
    //~| LABEL expected `{integer}`, found `(_, _)`
    let (c, ..) = 7u32; //~ ERROR E0308
    let Point { x } = 3; //~ ERROR E0308
    //~| LABEL expected `{integer}`, found `Point`
    n + m + a + b + c + x
}
