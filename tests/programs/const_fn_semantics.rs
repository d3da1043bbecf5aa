// What a `const fn` may do, evaluated at compile time (the constant `V`)
// and run at run time (`evaluated` repeats some calls): a `let` assigned
// later, `()` results, writes through `&mut` to arrays and structs (also in
// a callee), `match` on a reference, floats and their casts, enum
// discriminants, `&&`/`||`/`^`, shadowing, nested tuple patterns, signed
// division and remainder, `is_null`, an array's `len()` and a repeat count
// computed by a `const fn` inside a `const fn`.
// CALL: evaluated() -> 130
#[derive(Clone, Copy)]
enum E { A = 3, B = 7 }
#[derive(Clone, Copy)]
struct P { x: u32, y: [u16; 3] }
const fn late() -> u32 { let x; if true { x = 4; } else { x = 5; } x }
const fn unit() {}
const U: () = unit();
const fn refs() -> u8 { let mut a = [0u8; 4]; let r = &mut a; r[1] = 5; (*r)[2] = 6; a[1] + a[2] }
const fn m(x: u32) -> u32 { match &x { &5 => 1, _ => 2 } }
const fn floaty(f: f32) -> i32 { if f > 1.5 { (f * 3.0) as i32 } else { -1 } }
const fn disc(e: E) -> u8 { e as u8 }
const fn upd(mut p: P) -> P { p.y[2] = 9; p.x += 1; p }
const fn refmut(p: &mut P) { p.y[0] = 11; }
const fn outer() -> u32 { let mut p = P { x: 1, y: [0; 3] }; refmut(&mut p); let q = upd(p); q.x + q.y[2] as u32 + q.y[0] as u32 }
const fn nested() -> usize { let a = [1u8; late() as usize]; a.len() }
const fn bools(a: bool, b: bool) -> bool { (a && !b) || (a ^ b) }
const fn shadow(x: u32) -> u32 { let x = x + 1; let x = x * 2; x }
const fn tuplepat() -> u32 { let (a, (b, c)) = (1u32, (2u32, 3u32)); a + b * c }
const fn neg(x: i8) -> i8 { -x }
const fn divs(a: i32) -> i32 { a / -2 + a % 3 }
const fn is_nul(p: *const u32) -> bool { p.is_null() }
const NUL: bool = is_nul(0 as *const u32) && !is_nul(8 as *const u32);
const V: u32 = NUL as u32 + late() + refs() as u32 + m(5) + m(6) + floaty(2.0) as u32 + disc(E::B) as u32
    + outer() + nested() as u32 + bools(true, false) as u32 + shadow(3) + tuplepat() + (neg(-5) as u32)
    + (divs(-7) + 10) as u32;
#[no_mangle]
pub extern "C" fn evaluated() -> u32 { V + late() + refs() as u32 + outer() + divs(-7) as u32 }
