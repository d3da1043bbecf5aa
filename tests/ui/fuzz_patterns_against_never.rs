// A pattern that is not a binding, matched against a value of type `!` (a
// reference to or a tuple with a diverging expression) is E0308, as in
// rustc; the mutation fuzzer found `match &(return x) { 1 => .. }` silently
// typed as an error (seed 3, input 87523). A scrutinee that is itself `!`
// takes its type from the patterns (tests/programs/never_operands.rs).
pub struct P { x: u32 }

#[no_mangle]
pub extern "C" fn literal(x: u32) -> u32 { match &((return x)) { 1 => 2, _ => 3 } } //~ ERROR E0308 mismatched types
//~| LABEL expected `!`, found `{integer}`
#[no_mangle]
pub extern "C" fn in_tuple(x: u32) -> u32 { match (1u32, return x) { (1, 2) => 2, _ => 3 } } //~ ERROR E0308
//~| LABEL expected `!`, found `{integer}`
#[no_mangle]
pub extern "C" fn structure(x: u32) -> u32 { match &(return x) { P { x } => x } } //~ ERROR E0308
//~| LABEL expected `!`, found `P`
#[no_mangle]
pub extern "C" fn tuple(x: u32) -> u32 { match &(return x) { (q, _) => q } } //~ ERROR E0308
//~| LABEL expected `!`, found `(_, _)`
#[no_mangle]
pub extern "C" fn range(x: u32) -> u32 { match &(return x) { 1..=3 => 4, _ => 5 } } //~ ERROR E0308
#[no_mangle]
pub extern "C" fn array(x: u32) -> u32 { match &(return x) { [_a, _b] => 4 } } //~ ERROR E0308
//~| LABEL expected `!`, found `[_]`
#[no_mangle]
pub extern "C" fn binding(x: u32) -> u32 { match &(return x) { _y => 4 } }
