// Floats computed by the constant evaluator are the values wasm computes:
// a `-0.0` constant stays negative (it was folded to `+0.0`: `1.0 / Z` was
// `inf`), `%` of an infinity is NaN (it crashed the evaluator), and an integer
// converted to `f32` is rounded once (through the nearest `f64` it rounded
// twice: `9007199791611905u64 as f32` was 2**53, not 2**53 + 2**30).
// CALL: negative_zero() -> 4
// CALL: remainders() -> 3
// CALL: integer_to_f32(9007199791611905) -> 3
// CALL: associated_consts() -> 16
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

// `f32::MAX`, `f64::NAN`, ...: the bits Rust defines.
fn bits32(x: f32) -> u32 { unsafe { *(&x as *const f32 as *const u32) } }
fn bits64(x: f64) -> u64 { unsafe { *(&x as *const f64 as *const u64) } }
const HALF_MAX: f32 = f32::MAX / 2.0;
#[no_mangle]
pub extern "C" fn associated_consts() -> u32 {
    (bits32(f32::MAX) == 0x7f7f_ffff) as u32 + (bits32(f32::MIN) == 0xff7f_ffff) as u32
        + (bits32(f32::MIN_POSITIVE) == 0x0080_0000) as u32 + (bits32(f32::EPSILON) == 0x3400_0000) as u32
        + (bits32(f32::INFINITY) == 0x7f80_0000) as u32 + (bits32(f32::NEG_INFINITY) == 0xff80_0000) as u32
        + (bits32(f32::NAN) == 0x7fc0_0000) as u32 + (bits32(HALF_MAX) == 0x7eff_ffff) as u32
        + (bits64(f64::MAX) == 0x7fef_ffff_ffff_ffff) as u32 + (bits64(f64::MIN) == 0xffef_ffff_ffff_ffff) as u32
        + (bits64(f64::MIN_POSITIVE) == 0x0010_0000_0000_0000) as u32
        + (bits64(f64::EPSILON) == 0x3cb0_0000_0000_0000) as u32
        + (bits64(f64::INFINITY) == 0x7ff0_0000_0000_0000) as u32
        + (bits64(f64::NEG_INFINITY) == 0xfff0_0000_0000_0000) as u32
        + (bits64(f64::NAN) == 0x7ff8_0000_0000_0000) as u32 + (f64::NAN != f64::NAN) as u32
}
