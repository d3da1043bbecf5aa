// Constant operations that overflow are compile-time errors in `const` and
// `static` initializers, as in rustc (at run time the same operations wrap or trap).
const MIN: i32 = -2147483647 - 1;
const DIV: i32 = MIN / -1; //~ ERROR E0080 cannot evaluate constant `DIV`: attempt to compute `-2147483648_i32 / -1_i32`, which would overflow
const REM: i32 = MIN % -1; //~ ERROR E0080 attempt to compute `-2147483648_i32 % -1_i32`, which would overflow
const REM0: u32 = 7 % 0; //~ ERROR E0080 attempt to calculate the remainder with a divisor of zero
const DIV8: i8 = -128i8 / -1i8; //~ ERROR E0080 `-128_i8 / -1_i8`
const NEG: i32 = -MIN; //~ ERROR E0080 attempt to negate `-2147483648_i32`, which would overflow
const SHL: u64 = 1u64 << 64; //~ ERROR E0080 attempt to shift left by `64_i32`, which would overflow
const SHR: u32 = 5u32 >> 32u32; //~ ERROR E0080 attempt to shift right by `32_u32`, which would overflow
const NEG_SHIFT: i32 = 1 << -1; //~ ERROR E0080 attempt to shift left by `-1_i32`
const MUL: i64 = 4611686018427387904 * 2; //~ ERROR E0080 would overflow
static S: i16 = -32768i16 / -1; //~ ERROR E0080 cannot evaluate the initializer of static `S`
//~| NOTE static initializers must be constants

// the edges themselves are fine
const OK_DIV: i32 = MIN / 1;
const OK_REM: i32 = MIN % 2;
const OK_NEG: i32 = -(MIN + 1);
const OK_SHL: u64 = 1u64 << 63;
const OK_WRAP_CAST: u8 = 300u32 as u8;

#[no_mangle]
pub extern "C" fn uses() -> i64 {
    (DIV + REM + NEG + DIV8 as i32 + SHR as i32 + NEG_SHIFT + OK_DIV + OK_REM + OK_NEG + S as i32 + REM0 as i32) as i64
        + SHL as i64 + MUL + OK_SHL as i64 + OK_WRAP_CAST as i64
}
