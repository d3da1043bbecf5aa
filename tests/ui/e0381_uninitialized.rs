// A local declared without a value is assigned before every use, on every
// path (rustc's E0381). Before this check farc read no value: `maybe(0)`
// returned 0 at -O0 and 5 at -O2. Each case below is checked against rustc.
#[no_mangle]
pub extern "C" fn maybe(c: u32) -> u32 {
    let x: u32;
    if c > 0 { x = 5; }
    x //~ ERROR E0381 used binding `x` is possibly-uninitialized
    //~| LABEL `x` used here but it is possibly-uninitialized
    //~| HELP assign `x` a value on every path before this use
}

// (the uses rustc accepts, run: tests/programs/late_initialized_locals.rs)
#[no_mangle]
pub extern "C" fn zero_iterations(n: u32) -> u32 {
    let x: u32;
    let mut i = 0;
    while i < n { x = i; i += 1; break; }
    x //~ ERROR E0381 used binding `x` is possibly-uninitialized
}
#[no_mangle]
pub extern "C" fn missing_arm(n: u32) -> u32 { let x: u32; match n { 0 => x = 1, _ => {} } x } //~ ERROR E0381
#[no_mangle]
pub extern "C" fn break_before(n: u32) -> u32 { let x: u32; 'a: { if n > 1 { break 'a; } x = 2; } x } //~ ERROR E0381
#[no_mangle]
pub extern "C" fn part_of_it() -> u32 { let mut x: (u32, u32); x.0 = 1; x.0 } //~ ERROR E0381 used binding `x`
#[no_mangle]
pub extern "C" fn element() -> u32 { let mut x: [u32; 2]; x[0] = 1; x[0] } //~ ERROR E0381 used binding `x`
#[no_mangle]
pub extern "C" fn borrowed() -> u32 { let mut x: u32; let p = &mut x; *p = 3; x } //~ ERROR E0381 used binding `x`
#[no_mangle]
pub extern "C" fn captured() -> u32 { let x: u32; let c = || x; c() } //~ ERROR E0381 used binding `x`
#[no_mangle]
pub extern "C" fn in_closure(c: u32) -> u32 {
    let g = |q: u32| { let x: u32; if q > 0 { x = 1; } x }; //~ ERROR E0381 used binding `x`
    g(c)
}
fn generic<T: Copy>(c: u32, t: T) -> T { let x: T; if c > 0 { x = t; } x } //~ ERROR E0381 used binding `x`

// A constant too (before: E0015 from the evaluator, which met no value).
const E: u32 = { let w: u32; if D > 0 { w = 1; } w }; //~ ERROR E0381 used binding `w` is possibly-uninitialized
const D: u32 = 1;
#[no_mangle]
pub extern "C" fn constant() -> u32 { E }
