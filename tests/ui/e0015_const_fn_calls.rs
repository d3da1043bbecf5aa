// What constant contexts may call (E0015, as rustc): `const fn`s only, in
// `const` and `static` initializers, array lengths, const generic arguments,
// enum discriminants and `const fn` bodies; no trait methods (operators of
// user types included), no calls through function pointers, no `for` loops.
// A `const fn` body may still dereference raw pointers and name a `static mut`:
// only evaluating that fails (tests/ui/e0080_const_fn_eval.rs).
use core::ops::Add;

fn runtime() -> u32 { 1 }
const fn fine(x: u32) -> u32 { x + 1 }

const C: u32 = runtime(); //~ ERROR E0015 cannot call non-const function `runtime` in constants
//~| NOTE function `runtime` is not const
//~| NOTE calls in constants are limited to constant functions, tuple structs and tuple variants
static S: u32 = fine(runtime()); //~ ERROR E0015 cannot call non-const function `runtime` in statics
//~| NOTE function `runtime` is not const
//~| NOTE calls in statics are limited to constant functions
const fn calls_runtime(x: u32) -> u32 { runtime() + x } //~ ERROR E0015 cannot call non-const function `runtime` in constant functions
//~| NOTE function `runtime` is not const
//~| NOTE calls in constant functions are limited to constant functions

#[derive(Clone, Copy)]
struct V(u32);
impl Add for V {
    type Output = V;
    fn add(self, other: V) -> V { V(self.0 + other.0) }
}
const fn plus(a: V, b: V) -> V { a + b } //~ ERROR E0015 cannot call non-const method `add` of trait `core::ops::Add` in constant functions
//~| NOTE trait methods (and the operators of user types) are not `const` in Rust
const fn through(f: fn(u32) -> u32) -> u32 { f(1) } //~ ERROR E0015 function pointer calls are not allowed in constant functions
const fn looping() -> u32 {
    let mut s = 0;
    for i in 0..4 { s += i; } //~ ERROR E0015 `for` loops are not allowed in constant functions
    //~| NOTE use `while`
    s
}
struct Cells { c: [u8; runtime() as usize] } //~ ERROR E0015 cannot call non-const function `runtime` in constants
//~| NOTE function `runtime` is not const
//~| NOTE calls in constants
enum E { A = runtime() as isize } //~ ERROR E0015 cannot call non-const function `runtime` in constants
//~| NOTE function `runtime` is not const
//~| NOTE calls in constants

// accepted: raw pointers and `static mut` in a `const fn` body (called at run time here)
static mut COUNT: u32 = 0;
const fn read(p: *const u32) -> u32 { unsafe { *p } }
const fn count() -> u32 { unsafe { COUNT } }

#[no_mangle]
pub extern "C" fn uses(p: *const u32) -> u32 {
    C + S + calls_runtime(1) + plus(V(1), V(2)).0 + through(fine) + looping() + read(p) + count()
}

trait Sized2 {
    const fn cells() -> usize; //~ ERROR E0379 functions in traits cannot be declared const
    //~| LABEL functions in traits cannot be const
    //~| HELP remove the `const`
    fn side() -> usize;
}
impl Sized2 for V {
    fn cells() -> usize { 4 }
    const fn side() -> usize { 2 } //~ ERROR E0379 functions in trait impls cannot be declared const
    //~| HELP remove the `const`
}

const fn with_closure(x: u32) -> u32 {
    let add = |v: u32| v + x;
    add(1) //~ ERROR E0015 cannot call non-const closure in constant functions
    //~| NOTE closures are not `const` in Rust
}
const fn through_bound<F: Fn(u32) -> u32>(f: F) -> u32 {
    f(1) //~ ERROR E0015 cannot call non-const closure in constant functions
    //~| NOTE closures are not `const` in Rust
}
