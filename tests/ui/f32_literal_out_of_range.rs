// A float literal beyond the range of `f32` is an error where it is typed
// `f32`, as in rustc (`overflowing_literals`, denied by default); farc made
// it an infinity without a word.
#[no_mangle]
pub extern "C" fn annotated() -> f32 { let x: f32 = 1e39; x } //~ ERROR E0023 literal out of range for `f32`
//~| NOTE the literal `1e+39` does not fit into the type `f32`
#[no_mangle]
pub extern "C" fn suffixed() -> f32 { -1e39f32 } //~ ERROR E0023 literal out of range for `f32`
#[no_mangle]
pub extern "C" fn inferred() -> f32 { let y = 3.5e38; let z: f32 = y; z } //~ ERROR E0023 literal out of range for `f32`
#[no_mangle]
pub extern "C" fn pattern(x: f32) -> u32 { match x { 4e38 => 1, _ => 0 } } //~ ERROR E0023 literal out of range for `f32`
#[no_mangle]
pub extern "C" fn in_range() -> f64 { let a: f32 = 3.40282356e38; let b: f64 = 1e39; a as f64 + b }
