// An `f32` literal is its digits rounded once to the nearest `f32`, in
// constants as at run time. The constant evaluator used the nearest `f64`
// (`16777217.5f32 as u32` was 16777217 in a `const`, 16777218 at run time),
// and rounding through that `f64` can cross a halfway point (the literal in
// `above_halfway` is 1.0000001, not 1.0).
// CALL: in_a_const() -> 16777218
// CALL: at_run_time() -> 16777218
// CALL: negated() -> 16777218
// CALL: inferred() -> 16777218
// CALL: pattern_in_const_fn() -> 11
// CALL: above_halfway() -> 1
// CALL: tiny() -> 1
// CALL: largest() -> 1
const ROUNDED: u32 = 16777217.5f32 as u32;
const NEGATED: i32 = -16777217.5f32 as i32;
#[no_mangle]
pub extern "C" fn in_a_const() -> u32 { ROUNDED }
#[no_mangle]
pub extern "C" fn at_run_time() -> u32 { let x: f32 = 16777217.5; x as u32 }
#[no_mangle]
pub extern "C" fn negated() -> u32 { (-NEGATED) as u32 }
#[no_mangle]
pub extern "C" fn inferred() -> u32 { let y = 16777217.5; let z: f32 = y; z as u32 }

const fn classify(x: f32) -> u32 { match x { 16777217.5 => 1, _ => 0 } }
const MATCHED: u32 = classify(16777218.0);
#[no_mangle]
pub extern "C" fn pattern_in_const_fn() -> u32 { MATCHED * 10 + classify(16777218.0) }

const ABOVE: f32 = 1.0000000596046447753906250001;
#[no_mangle]
pub extern "C" fn above_halfway() -> u32 { let x: f32 = 1.0000000596046447753906250001; (ABOVE > 1.0 && x == ABOVE) as u32 }
#[no_mangle]
pub extern "C" fn tiny() -> u32 { let a: f32 = 1e-45; let b: f32 = 7e-46; (a > 0.0 && b == 0.0) as u32 }
#[no_mangle]
pub extern "C" fn largest() -> u32 { let m: f32 = 3.40282356e38; (m * 0.5 == 1.7014117e38) as u32 }
