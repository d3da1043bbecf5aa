// Floats computed by the constant evaluator are the values wasm computes:
// a `-0.0` constant stays negative (it was folded to `+0.0`: `1.0 / Z` was
// `inf`), `%` of an infinity is NaN (it crashed the evaluator), and an integer
// converted to `f32` is rounded once (through the nearest `f64` it rounded
// twice: `9007199791611905u64 as f32` was 2**53, not 2**53 + 2**30).
// CALL: negative_zero() -> 4
// CALL: remainders() -> 3
// CALL: integer_to_f32(9007199791611905) -> 3
const Z: f64 = -0.0;
const Y: f32 = -0.0;
const ZEROS: [f64; 2] = [-0.0, 1.0];
const FROM_REMAINDER: f64 = -0.0 % 2.0;
#[no_mangle]
pub extern "C" fn negative_zero() -> u32 {
    (1.0 / Z < 0.0) as u32 + (1.0 / Y < 0.0) as u32 + (1.0 / ZEROS[0] < 0.0) as u32 + (1.0 / FROM_REMAINDER < 0.0) as u32
}

const BIG: f64 = 1e308 * 10.0;
const OF_INFINITY: f64 = BIG % 2.0;
const BY_INFINITY: f64 = 5.5 % BIG;
const BY_ZERO: f32 = 1.5 % 0.0;
#[no_mangle]
pub extern "C" fn remainders() -> u32 {
    (OF_INFINITY != OF_INFINITY) as u32 + (BY_INFINITY == 5.5) as u32 + (BY_ZERO != BY_ZERO) as u32
}

const ROUNDED_ONCE: f32 = 9007199791611905u64 as f32;
const SIGNED: f32 = -9007199791611905i64 as f32;
#[no_mangle]
pub extern "C" fn integer_to_f32(v: u64) -> u32 {
    (ROUNDED_ONCE as u64 == 9007200328482816) as u32 + (v as f32 == ROUNDED_ONCE) as u32 + (-(v as i64) as f32 == SIGNED) as u32
}
