// A local declared without a value and without `mut` (`let x;`) is assigned
// at most once on every path (rustc's E0384). Before this check farc let
// such a local be assigned any number of times, and changed in every other
// way (`x += 1`, `&mut x`, in a closure), as if it were `mut`. Each case
// below is checked against rustc; the accepted ones run in
// tests/programs/late_initialized_locals.rs.
#[no_mangle]
pub extern "C" fn after_a_branch(c: u32) -> u32 {
    let x: u32;
    if c > 0 { x = 1; }
    x = 2; //~ ERROR E0384 cannot assign twice to immutable variable `x`
    //~| LABEL cannot assign twice to immutable variable
    //~| HELP make the binding mutable: `let mut x`
    x
}
#[no_mangle]
pub extern "C" fn in_a_loop() -> u32 { let y: u32; loop { y = 3; if y > 0 { break; } } y } //~ ERROR E0384 immutable variable `y`
#[no_mangle]
pub extern "C" fn in_a_while(n: u32) -> u32 { let x: u32; let mut i = 0; while i < n { x = i; i += 1; } 0 } //~ ERROR E0384 immutable variable `x`
#[no_mangle]
pub extern "C" fn in_a_for(n: u32) -> u32 { let x: u32; for i in 0..n { x = i; } 0 } //~ ERROR E0384 immutable variable `x`
#[no_mangle]
pub extern "C" fn after_an_arm(c: bool) -> u32 { let x: u32; match c { true => x = 1, false => {} } x = 3; x } //~ ERROR E0384
#[no_mangle]
pub extern "C" fn in_a_failed_guard(n: u32) -> u32 { let x: u32; match n { 0 if { x = 1; false } => 0, _ => { x = 2; x } } } //~ ERROR E0384
#[no_mangle]
pub extern "C" fn in_its_own_value() -> u32 { let x: u32; x = { x = 1; 2 }; x } //~ ERROR E0384 immutable variable `x`
#[no_mangle]
pub extern "C" fn after_a_labeled_block(n: u32) -> u32 { let x: u32; 'a: { if n > 1 { x = 1; break 'a; } } x = 2; x } //~ ERROR E0384
#[no_mangle]
pub extern "C" fn in_a_closure(c: u32) -> u32 {
    let g = |q: u32| { let x: u32; if q > 0 { x = 1; } x = 2; x }; //~ ERROR E0384 immutable variable `x`
    g(c)
}
fn generic<T: Copy>(t: T) -> T { let x: T; x = t; x = t; x } //~ ERROR E0384 immutable variable `x`
#[no_mangle]
pub extern "C" fn use_generic() -> u32 { generic(1u32) }

// Every other change is refused where it is written, as for `let x = ..;`.
#[no_mangle]
pub extern "C" fn compound() -> u32 { let x: u32; x = 1; x += 1; x } //~ ERROR E0384 cannot assign to immutable variable `x`
#[no_mangle]
pub extern "C" fn borrowed_mut() -> u32 { let x: u32; x = 1; let r = &mut x; *r } //~ ERROR E0596 cannot borrow immutable variable `x` as mutable
struct Counter { n: u32 }
impl Counter { fn bump(&mut self) -> u32 { self.n += 1; self.n } }
#[no_mangle]
pub extern "C" fn through_a_method() -> u32 { let c: Counter; c = Counter { n: 1 }; c.bump() } //~ ERROR E0596
#[no_mangle]
pub extern "C" fn a_field() -> u32 { let x: (u32, u32); x = (1, 2); x.0 = 3; x.0 } //~ ERROR E0594
#[no_mangle]
pub extern "C" fn an_element() -> u32 { let x: [u32; 2]; x = [1, 2]; x[0] = 3; x[0] } //~ ERROR E0594
#[no_mangle]
pub extern "C" fn by_a_closure() -> u32 { let x: u32; x = 1; let mut c = || { x = 2; }; c(); x } //~ ERROR E0594 cannot assign to immutable variable `x`

// Constants are checked the same way (before, `D` was evaluated to 2).
const fn twice() -> u32 { let x: u32; x = 1; x = 2; x } //~ ERROR E0384 immutable variable `x`
const D: u32 = { let y: u32; y = 1; y = 2; y }; //~ ERROR E0384 immutable variable `y`
static S: [u8; { let z: usize; z = 1; z += 1; z }] = [0; 2]; //~ ERROR E0384 cannot assign to immutable variable `z`
#[repr(isize)]
enum En { A = { let q: isize; q = 1; q = 2; q } } //~ ERROR E0384 immutable variable `q`
struct K;
impl K { const V: u32 = { let v: u32; v = 1; v = 2; v }; } //~ ERROR E0384 immutable variable `v`
#[no_mangle]
pub extern "C" fn constants() -> u32 { twice() + D + S[0] as u32 + En::A as u32 + K::V }
