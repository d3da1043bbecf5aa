// A `const fn` whose body has errors, called by every kind of constant: the
// body's errors are reported once, and the constants that call it have no
// value and say nothing more (the mutation fuzzer found the evaluator
// running such bodies: an unknown name, a `>>` on f32 and a mistyped field
// reached consteval.py as None, a missing operator or a tuple).
#[derive(Clone, Copy)]
struct P { x: u32, y: [u32; 4] }

const fn upd(mut p: P) -> P { p.y[2] = 9; return p.x += 1; p } //~ ERROR E0308 mismatched types
//~| LABEL expected `P`, found `()`
const fn floaty(f: f32) -> i32 { if f > 1.5 { (f * 3.0 >> 64) as i32 } else { -1 } } //~ ERROR E0369 cannot apply `>>` to type `f32`
const fn find(v: u32) -> u32 { if q == v { 1 } else { 0 } } //~ ERROR E0425 cannot find value `q`

const UPDATED: P = upd(P { x: 1, y: [0; 4] });
const Y2: u32 = UPDATED.y[2];
static FLOATY: i32 = floaty(2.5);
const FOUND: usize = find(3) as usize;
static TABLE: [u8; find(4) as usize] = [0; 1];

#[repr(u32)]
enum E { A = find(5), B }

struct S;
impl S { const K: u32 = find(6); }

fn generic<const N: usize>() -> usize { N }

#[no_mangle]
pub extern "C" fn use_them() -> u32 {
    let arr = [0u8; FOUND];
    Y2 + FLOATY as u32 + TABLE[0] as u32 + E::B as u32 + S::K + arr.len() as u32 + generic::<{ find(7) as usize }>() as u32
}
