// A `const fn` that an array length in a type calls is checked while the
// item types are resolved, before the statics are declared; its body may
// still name a static, which is then declared on the spot (the mutation
// fuzzer found the checker looking it up before it existed: seed 3, input
// 10877). A static whose type needs itself that way is a cycle.
static TABLE: [u8; 4] = [1, 2, 3, 4];
const fn width() -> usize { let _t = &TABLE; 2 }
struct Row { cells: [u8; width()] } //~ ERROR E0015 cannot evaluate this array length
//~| LABEL evaluation failed inside this call

const fn selfish() -> usize { let _s = &LOOP; 3 }
static LOOP: [u8; selfish()] = [0; 3]; //~ ERROR E0391 cycle detected when computing the type of static `LOOP`
//~| LABEL this type uses a constant whose evaluation names the static itself

const fn times(x: u32) -> u32 { x * GB } //~ ERROR E0308 mismatched types
//~| NOTE both operands of `*` must have the same type
struct Sized { cells: [u8; times(2) as usize] } // (no value, and nothing more said)
static GB: [u8; 2] = [0; 2];

#[no_mangle]
pub extern "C" fn f(r: Row, s: Sized) -> u8 { r.cells[1] + TABLE[0] + s.cells[6] + times(1) as u8 }
