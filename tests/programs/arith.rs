// Integer and float semantics: wrapping arithmetic, shifts, casts.
// CALL: wrap_add(4000000000, 500000000) -> 205032704
// CALL: wrap_mul_i8(100, 3) -> 44
// CALL: signed_div(-7, 2) -> -3
// CALL: signed_rem(-7, 2) -> -1
// CALL: unsigned_div(7, 2) -> 3
// CALL: shifts(1, 35) -> 8
// CALL: arith_shift(-16) -> -4
// CALL: logical_shift(4294967280) -> 1073741820
// CALL: casts(300) -> 44
// CALL: sign_extend(200) -> -56
// CALL: float_to_int(3.9) -> 3
// CALL: float_saturate(1e20) -> 2147483647
// CALL: float_saturate(-1e20) -> -2147483648
// CALL: float_nan() -> 0
// CALL: i64_math(3000000000, 3) -> 9000000000
// CALL: bit_ops(12, 10) -> 14
// CALL: compound(5) -> 28
// CALL: float_math(1.5, 2.25) -> 3.875

#[no_mangle]
pub extern "C" fn wrap_add(a: u32, b: u32) -> u32 { a.wrapping_add(b) }

#[no_mangle]
pub extern "C" fn wrap_mul_i8(a: i32, b: i32) -> i32 { (a as i8).wrapping_mul(b as i8) as i32 }

#[no_mangle]
pub extern "C" fn signed_div(a: i32, b: i32) -> i32 { a / b }

#[no_mangle]
pub extern "C" fn signed_rem(a: i32, b: i32) -> i32 { a % b }

#[no_mangle]
pub extern "C" fn unsigned_div(a: u32, b: u32) -> u32 { a / b }

#[no_mangle]
pub extern "C" fn shifts(a: u32, n: u32) -> u32 { a << (n & 31) }

#[no_mangle]
pub extern "C" fn arith_shift(a: i32) -> i32 { a >> 2 }

#[no_mangle]
pub extern "C" fn logical_shift(a: u32) -> u32 { a >> 2 }

#[no_mangle]
pub extern "C" fn casts(a: u32) -> u32 { (a as u8) as u32 }

#[no_mangle]
pub extern "C" fn sign_extend(a: u32) -> i32 { (a as u8 as i8) as i32 }

#[no_mangle]
pub extern "C" fn float_to_int(x: f64) -> i32 { x as i32 }

#[no_mangle]
pub extern "C" fn float_saturate(x: f64) -> i32 { x as i32 }

#[no_mangle]
pub extern "C" fn float_nan() -> i32 {
    let zero = 0.0f64;
    (zero / zero) as i32
}

#[no_mangle]
pub extern "C" fn i64_math(a: i64, b: i64) -> i64 { a * b }

#[no_mangle]
pub extern "C" fn bit_ops(a: u32, b: u32) -> u32 { (a & b) | (a ^ b) & !0 }

#[no_mangle]
pub extern "C" fn compound(x: i32) -> i32 {
    let mut v = x;
    v += 3;
    v *= 4;
    v -= 4;
    v /= 1;
    v <<= 1;
    v >>= 1;
    v |= 0;
    v ^= 0;
    v &= -1;
    v
}

#[no_mangle]
pub extern "C" fn float_math(a: f64, b: f64) -> f64 { a * b + a - b / 2.25 }
