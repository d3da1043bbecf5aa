// Evaluating a `const fn` at compile time fails, as in rustc, on overflow and
// division by zero (also inside nested calls: the error is at the call the
// constant makes, the failing operation labeled), on endless loops (a step
// budget) and recursion (a call depth), on reading a `static mut` or through
// a raw pointer (constant evaluation reads no memory), and on an index out of
// bounds. At run time the same functions are ordinary functions.
static mut G: u32 = 3;
const fn add200(a: u8) -> u8 { a + 200 }
const fn inner(a: u8) -> u8 { add200(a) }
const fn div(a: u32, b: u32) -> u32 { a / b }
const fn spin(n: u32) -> u32 { let mut i = 0; while i < n { i += 1; } i }
const fn forever() -> u32 { loop {} }
const fn rec(n: u64) -> u64 { rec(n + 1) }
const fn global() -> u32 { unsafe { G } }
const fn read(p: *const u32) -> u32 { unsafe { *p } }
const fn at(a: [u32; 3], i: usize) -> u32 { a[i] }
const fn local_address() -> *const u32 { let x = 5; &x as *const u32 }

const O: u8 = add200(100); //~ ERROR E0080 cannot evaluate constant `O`: attempt to compute `100_u8 + 200_u8`, which would overflow
//~| LABEL evaluation failed inside this call
const I: u8 = inner(56); //~ ERROR E0080 cannot evaluate constant `I`: attempt to compute `56_u8 + 200_u8`
//~| NOTE inside 2 nested calls: `inner` -> `add200`
const D: u32 = div(1, 0); //~ ERROR E0080 attempt to divide by zero
static SPIN: u32 = forever(); //~ ERROR E0080 cannot evaluate the initializer of static `SPIN`: constant evaluation took more than 1000000 steps
//~| NOTE static initializers must be constants
const REC: u64 = rec(0); //~ ERROR E0080 reached the maximum of 128 nested `const fn` calls
//~| NOTE inside 128 nested calls: `rec` -> `rec` -> ... -> `rec`
const M: u32 = global(); //~ ERROR E0080 constant accesses mutable global memory (`static mut G`)
const P: u32 = read(8 as *const u32); //~ ERROR E0080 cannot read through the pointer `*const u32`: constant evaluation reads no memory
const X: u32 = at([1, 2, 3], 3); //~ ERROR E0080 index out of bounds: the length is 3 but the index is 3
const LEN: [u8; div(4, 0) as usize] = [0; 0];
//~^ ERROR E0080 cannot evaluate this array length or const generic argument: attempt to divide by zero
const DANGLING: *const u32 = local_address(); //~ ERROR E0080 a reference made during constant evaluation cannot be part of a constant's value

// the edges are fine
const OK: u8 = add200(55);
const OK_AT: u32 = at([1, 2, 3], 2);

#[no_mangle]
pub extern "C" fn uses(p: *const u32) -> u32 {
    (O + I + OK) as u32 + D + SPIN + spin(2) + REC as u32 + M + P + X + OK_AT + read(p) + global() + LEN.len() as u32 + DANGLING as u32
}
