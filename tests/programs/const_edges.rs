// Constants at the edges of their types: evaluated exactly (E0080 rejects
// the operations just beyond them, tests/ui/e0080_const_overflow.rs).
// CALL: min_div() -> -2147483648
// CALL: min_rem() -> 0
// CALL: max_neg() -> 2147483647
// CALL: top_bit() -> 8
// CALL: wrap_cast() -> 44
// CALL: neg_rem() -> -1
const MIN: i32 = -2147483647 - 1;
const MIN_DIV: i32 = MIN / 1;
const MIN_REM: i32 = MIN % 2;
const MAX_NEG: i32 = -(MIN + 1);
const TOP: u64 = 1u64 << 63;
const WRAP: u8 = 300u32 as u8;
const NEG_REM: i32 = -7 % 2;

#[no_mangle]
pub extern "C" fn min_div() -> i32 { MIN_DIV }
#[no_mangle]
pub extern "C" fn min_rem() -> i32 { MIN_REM }
#[no_mangle]
pub extern "C" fn max_neg() -> i32 { MAX_NEG }
#[no_mangle]
pub extern "C" fn top_bit() -> u64 { TOP >> 60 }
#[no_mangle]
pub extern "C" fn wrap_cast() -> u8 { WRAP }
#[no_mangle]
pub extern "C" fn neg_rem() -> i32 { NEG_REM }
