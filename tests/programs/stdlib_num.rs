// core::num: the integer methods of every fixed-width type (u8..u64, i8..i64)
// on edge values (MIN, MIN + 1, -1, 0, 1, MAX - 1, MAX, halves, patterns):
// checked_*, overflowing_*, saturating_*, wrapping_div/rem/neg/shl/shr/pow,
// pow, min, max, clamp, abs_diff, bit counts, rotations, byte swaps and
// order, to_/from_ le/be/ne bytes, abs/signum for signed types. Each export
// folds the results of one family into a hash; the oracle compares every
// hash with rustc's (usize and isize, 32-bit on wasm: stdlib_num_size.rs).
// CALL: pairs_u8() -> 815379733
// CALL: bits_u8() -> 871694287
// CALL: shifts_u8() -> 937210656
// CALL: pairs_u16() -> 1519741822
// CALL: bits_u16() -> 653681800
// CALL: shifts_u16() -> 240140681
// CALL: pairs_u32() -> 2106822885
// CALL: bits_u32() -> 547313665
// CALL: shifts_u32() -> 2085132097
// CALL: pairs_u64() -> 569299587
// CALL: bits_u64() -> 1332105370
// CALL: shifts_u64() -> 146255521
// CALL: pairs_i8() -> 126699259
// CALL: bits_i8() -> 381668610
// CALL: shifts_i8() -> 1388126263
// CALL: pairs_i16() -> 1237620601
// CALL: bits_i16() -> 1872996583
// CALL: shifts_i16() -> 1505800256
// CALL: pairs_i32() -> 809812449
// CALL: bits_i32() -> 1802352252
// CALL: shifts_i32() -> 46919456
// CALL: pairs_i64() -> 2087275107
// CALL: bits_i64() -> 136632437
// CALL: shifts_i64() -> 1666011181

/// shift amounts and exponents: 0, small, and around every width
const AMOUNTS: [u32; 15] = [0, 1, 2, 3, 5, 7, 8, 9, 15, 16, 31, 32, 33, 63, 64];

fn mix(h: u64, v: u64) -> u64 {
    (h ^ v).wrapping_mul(0x100000001b3) ^ (h >> 29)
}

/// 31 bits of the hash (an export's u32 result above i32::MAX reads back negative)
fn fold(h: u64) -> u32 {
    ((h ^ (h >> 32)) & 0x7fff_ffff) as u32
}

const EDGES_U8: [u8; 12] = [0, 1, 2, 3, 7, 16, 100, 85, 127, 128, 254, 255];

fn opt_u8(o: Option<u8>) -> u64 {
    match o {
        Some(v) => v as u64 ^ 0x5bd1e995,
        None => 7,
    }
}

fn pair_u8(p: (u8, bool)) -> u64 {
    (p.0 as u64) ^ (p.1 as u64) << 40
}

/// `checked_*`, `overflowing_*`, `saturating_*`, `wrapping_div`/`_rem`, `min`, `max`, `abs_diff`
/// of every pair of u8's edge values
#[no_mangle]
pub extern "C" fn pairs_u8() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 12 {
        let a = EDGES_U8[i];
        let mut j = 0;
        while j < 12 {
            let b = EDGES_U8[j];
            h = mix(h, opt_u8(a.checked_add(b)));
            h = mix(h, opt_u8(a.checked_sub(b)));
            h = mix(h, opt_u8(a.checked_mul(b)));
            h = mix(h, opt_u8(a.checked_div(b)));
            h = mix(h, opt_u8(a.checked_rem(b)));
            h = mix(h, pair_u8(a.overflowing_add(b)));
            h = mix(h, pair_u8(a.overflowing_sub(b)));
            h = mix(h, pair_u8(a.overflowing_mul(b)));
            h = mix(h, a.saturating_add(b) as u64);
            h = mix(h, a.saturating_sub(b) as u64);
            h = mix(h, a.saturating_mul(b) as u64);
            if b != 0 {
                h = mix(h, a.wrapping_div(b) as u64);
                h = mix(h, a.wrapping_rem(b) as u64);
            }
            h = mix(h, a.min(b) as u64);
            h = mix(h, a.max(b) as u64);
            h = mix(h, a.abs_diff(b) as u64);
            if a <= b {
                let mut k = 0;
                while k < 12 {
                    h = mix(h, EDGES_U8[k].clamp(a, b) as u64);
                    k += 1;
                }
            }
            j += 1;
        }
        i += 1;
    }
    fold(h)
}

/// bit counts, byte order, negation, powers of two of u8's edge values
#[no_mangle]
pub extern "C" fn bits_u8() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 12 {
        let a = EDGES_U8[i];
        h = mix(h, a.count_ones() as u64);
        h = mix(h, a.count_zeros() as u64);
        h = mix(h, a.leading_zeros() as u64);
        h = mix(h, a.trailing_zeros() as u64);
        h = mix(h, a.leading_ones() as u64);
        h = mix(h, a.trailing_ones() as u64);
        h = mix(h, a.swap_bytes() as u64);
        h = mix(h, a.reverse_bits() as u64);
        h = mix(h, a.to_be() as u64);
        h = mix(h, a.to_le() as u64);
        h = mix(h, opt_u8(a.checked_neg()));
        h = mix(h, pair_u8(a.overflowing_neg()));
        h = mix(h, a.wrapping_neg() as u64);
        let le = a.to_le_bytes();
        let be = a.to_be_bytes();
        let ne = a.to_ne_bytes();
        let mut k = 0;
        while k < 1 {
            h = mix(h, (le[k] as u64) | (be[k] as u64) << 8 | (ne[k] as u64) << 16);
            k += 1;
        }
        h = mix(h, u8::from_le_bytes(le) as u64);
        h = mix(h, u8::from_be_bytes(le) as u64);
        h = mix(h, u8::from_ne_bytes(be) as u64);
        h = mix(h, a.is_power_of_two() as u64);
        i += 1;
    }
    fold(h)
}

/// shifts, rotations and powers of u8's edge values by amounts around 8
#[no_mangle]
pub extern "C" fn shifts_u8() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 12 {
        let a = EDGES_U8[i];
        let mut j = 0;
        while j < 15 {
            let s = AMOUNTS[j];
            h = mix(h, a.rotate_left(s) as u64);
            h = mix(h, a.rotate_right(s) as u64);
            h = mix(h, opt_u8(a.checked_shl(s)));
            h = mix(h, opt_u8(a.checked_shr(s)));
            h = mix(h, a.wrapping_shl(s) as u64);
            h = mix(h, a.wrapping_shr(s) as u64);
            h = mix(h, a.pow(s) as u64);
            h = mix(h, a.wrapping_pow(s) as u64);
            h = mix(h, opt_u8(a.checked_pow(s)));
            h = mix(h, pair_u8(a.overflowing_pow(s)));
            j += 1;
        }
        i += 1;
    }
    fold(h)
}

const EDGES_U16: [u16; 12] = [0, 1, 2, 3, 7, 16, 100, 21845, 32767, 32768, 65534, 65535];

fn opt_u16(o: Option<u16>) -> u64 {
    match o {
        Some(v) => v as u64 ^ 0x5bd1e995,
        None => 7,
    }
}

fn pair_u16(p: (u16, bool)) -> u64 {
    (p.0 as u64) ^ (p.1 as u64) << 40
}

/// `checked_*`, `overflowing_*`, `saturating_*`, `wrapping_div`/`_rem`, `min`, `max`, `abs_diff`
/// of every pair of u16's edge values
#[no_mangle]
pub extern "C" fn pairs_u16() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 12 {
        let a = EDGES_U16[i];
        let mut j = 0;
        while j < 12 {
            let b = EDGES_U16[j];
            h = mix(h, opt_u16(a.checked_add(b)));
            h = mix(h, opt_u16(a.checked_sub(b)));
            h = mix(h, opt_u16(a.checked_mul(b)));
            h = mix(h, opt_u16(a.checked_div(b)));
            h = mix(h, opt_u16(a.checked_rem(b)));
            h = mix(h, pair_u16(a.overflowing_add(b)));
            h = mix(h, pair_u16(a.overflowing_sub(b)));
            h = mix(h, pair_u16(a.overflowing_mul(b)));
            h = mix(h, a.saturating_add(b) as u64);
            h = mix(h, a.saturating_sub(b) as u64);
            h = mix(h, a.saturating_mul(b) as u64);
            if b != 0 {
                h = mix(h, a.wrapping_div(b) as u64);
                h = mix(h, a.wrapping_rem(b) as u64);
            }
            h = mix(h, a.min(b) as u64);
            h = mix(h, a.max(b) as u64);
            h = mix(h, a.abs_diff(b) as u64);
            if a <= b {
                let mut k = 0;
                while k < 12 {
                    h = mix(h, EDGES_U16[k].clamp(a, b) as u64);
                    k += 1;
                }
            }
            j += 1;
        }
        i += 1;
    }
    fold(h)
}

/// bit counts, byte order, negation, powers of two of u16's edge values
#[no_mangle]
pub extern "C" fn bits_u16() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 12 {
        let a = EDGES_U16[i];
        h = mix(h, a.count_ones() as u64);
        h = mix(h, a.count_zeros() as u64);
        h = mix(h, a.leading_zeros() as u64);
        h = mix(h, a.trailing_zeros() as u64);
        h = mix(h, a.leading_ones() as u64);
        h = mix(h, a.trailing_ones() as u64);
        h = mix(h, a.swap_bytes() as u64);
        h = mix(h, a.reverse_bits() as u64);
        h = mix(h, a.to_be() as u64);
        h = mix(h, a.to_le() as u64);
        h = mix(h, opt_u16(a.checked_neg()));
        h = mix(h, pair_u16(a.overflowing_neg()));
        h = mix(h, a.wrapping_neg() as u64);
        let le = a.to_le_bytes();
        let be = a.to_be_bytes();
        let ne = a.to_ne_bytes();
        let mut k = 0;
        while k < 2 {
            h = mix(h, (le[k] as u64) | (be[k] as u64) << 8 | (ne[k] as u64) << 16);
            k += 1;
        }
        h = mix(h, u16::from_le_bytes(le) as u64);
        h = mix(h, u16::from_be_bytes(le) as u64);
        h = mix(h, u16::from_ne_bytes(be) as u64);
        h = mix(h, a.is_power_of_two() as u64);
        i += 1;
    }
    fold(h)
}

/// shifts, rotations and powers of u16's edge values by amounts around 16
#[no_mangle]
pub extern "C" fn shifts_u16() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 12 {
        let a = EDGES_U16[i];
        let mut j = 0;
        while j < 15 {
            let s = AMOUNTS[j];
            h = mix(h, a.rotate_left(s) as u64);
            h = mix(h, a.rotate_right(s) as u64);
            h = mix(h, opt_u16(a.checked_shl(s)));
            h = mix(h, opt_u16(a.checked_shr(s)));
            h = mix(h, a.wrapping_shl(s) as u64);
            h = mix(h, a.wrapping_shr(s) as u64);
            h = mix(h, a.pow(s) as u64);
            h = mix(h, a.wrapping_pow(s) as u64);
            h = mix(h, opt_u16(a.checked_pow(s)));
            h = mix(h, pair_u16(a.overflowing_pow(s)));
            j += 1;
        }
        i += 1;
    }
    fold(h)
}

const EDGES_U32: [u32; 12] = [0, 1, 2, 3, 7, 16, 100, 1431655765, 2147483647, 2147483648, 4294967294, 4294967295];

fn opt_u32(o: Option<u32>) -> u64 {
    match o {
        Some(v) => v as u64 ^ 0x5bd1e995,
        None => 7,
    }
}

fn pair_u32(p: (u32, bool)) -> u64 {
    (p.0 as u64) ^ (p.1 as u64) << 40
}

/// `checked_*`, `overflowing_*`, `saturating_*`, `wrapping_div`/`_rem`, `min`, `max`, `abs_diff`
/// of every pair of u32's edge values
#[no_mangle]
pub extern "C" fn pairs_u32() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 12 {
        let a = EDGES_U32[i];
        let mut j = 0;
        while j < 12 {
            let b = EDGES_U32[j];
            h = mix(h, opt_u32(a.checked_add(b)));
            h = mix(h, opt_u32(a.checked_sub(b)));
            h = mix(h, opt_u32(a.checked_mul(b)));
            h = mix(h, opt_u32(a.checked_div(b)));
            h = mix(h, opt_u32(a.checked_rem(b)));
            h = mix(h, pair_u32(a.overflowing_add(b)));
            h = mix(h, pair_u32(a.overflowing_sub(b)));
            h = mix(h, pair_u32(a.overflowing_mul(b)));
            h = mix(h, a.saturating_add(b) as u64);
            h = mix(h, a.saturating_sub(b) as u64);
            h = mix(h, a.saturating_mul(b) as u64);
            if b != 0 {
                h = mix(h, a.wrapping_div(b) as u64);
                h = mix(h, a.wrapping_rem(b) as u64);
            }
            h = mix(h, a.min(b) as u64);
            h = mix(h, a.max(b) as u64);
            h = mix(h, a.abs_diff(b) as u64);
            if a <= b {
                let mut k = 0;
                while k < 12 {
                    h = mix(h, EDGES_U32[k].clamp(a, b) as u64);
                    k += 1;
                }
            }
            j += 1;
        }
        i += 1;
    }
    fold(h)
}

/// bit counts, byte order, negation, powers of two of u32's edge values
#[no_mangle]
pub extern "C" fn bits_u32() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 12 {
        let a = EDGES_U32[i];
        h = mix(h, a.count_ones() as u64);
        h = mix(h, a.count_zeros() as u64);
        h = mix(h, a.leading_zeros() as u64);
        h = mix(h, a.trailing_zeros() as u64);
        h = mix(h, a.leading_ones() as u64);
        h = mix(h, a.trailing_ones() as u64);
        h = mix(h, a.swap_bytes() as u64);
        h = mix(h, a.reverse_bits() as u64);
        h = mix(h, a.to_be() as u64);
        h = mix(h, a.to_le() as u64);
        h = mix(h, opt_u32(a.checked_neg()));
        h = mix(h, pair_u32(a.overflowing_neg()));
        h = mix(h, a.wrapping_neg() as u64);
        let le = a.to_le_bytes();
        let be = a.to_be_bytes();
        let ne = a.to_ne_bytes();
        let mut k = 0;
        while k < 4 {
            h = mix(h, (le[k] as u64) | (be[k] as u64) << 8 | (ne[k] as u64) << 16);
            k += 1;
        }
        h = mix(h, u32::from_le_bytes(le) as u64);
        h = mix(h, u32::from_be_bytes(le) as u64);
        h = mix(h, u32::from_ne_bytes(be) as u64);
        h = mix(h, a.is_power_of_two() as u64);
        i += 1;
    }
    fold(h)
}

/// shifts, rotations and powers of u32's edge values by amounts around 32
#[no_mangle]
pub extern "C" fn shifts_u32() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 12 {
        let a = EDGES_U32[i];
        let mut j = 0;
        while j < 15 {
            let s = AMOUNTS[j];
            h = mix(h, a.rotate_left(s) as u64);
            h = mix(h, a.rotate_right(s) as u64);
            h = mix(h, opt_u32(a.checked_shl(s)));
            h = mix(h, opt_u32(a.checked_shr(s)));
            h = mix(h, a.wrapping_shl(s) as u64);
            h = mix(h, a.wrapping_shr(s) as u64);
            h = mix(h, a.pow(s) as u64);
            h = mix(h, a.wrapping_pow(s) as u64);
            h = mix(h, opt_u32(a.checked_pow(s)));
            h = mix(h, pair_u32(a.overflowing_pow(s)));
            j += 1;
        }
        i += 1;
    }
    fold(h)
}

const EDGES_U64: [u64; 12] = [0, 1, 2, 3, 7, 16, 100, 6148914691236517205, 9223372036854775807, 9223372036854775808, 18446744073709551614, 18446744073709551615];

fn opt_u64(o: Option<u64>) -> u64 {
    match o {
        Some(v) => v as u64 ^ 0x5bd1e995,
        None => 7,
    }
}

fn pair_u64(p: (u64, bool)) -> u64 {
    (p.0 as u64) ^ (p.1 as u64) << 40
}

/// `checked_*`, `overflowing_*`, `saturating_*`, `wrapping_div`/`_rem`, `min`, `max`, `abs_diff`
/// of every pair of u64's edge values
#[no_mangle]
pub extern "C" fn pairs_u64() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 12 {
        let a = EDGES_U64[i];
        let mut j = 0;
        while j < 12 {
            let b = EDGES_U64[j];
            h = mix(h, opt_u64(a.checked_add(b)));
            h = mix(h, opt_u64(a.checked_sub(b)));
            h = mix(h, opt_u64(a.checked_mul(b)));
            h = mix(h, opt_u64(a.checked_div(b)));
            h = mix(h, opt_u64(a.checked_rem(b)));
            h = mix(h, pair_u64(a.overflowing_add(b)));
            h = mix(h, pair_u64(a.overflowing_sub(b)));
            h = mix(h, pair_u64(a.overflowing_mul(b)));
            h = mix(h, a.saturating_add(b) as u64);
            h = mix(h, a.saturating_sub(b) as u64);
            h = mix(h, a.saturating_mul(b) as u64);
            if b != 0 {
                h = mix(h, a.wrapping_div(b) as u64);
                h = mix(h, a.wrapping_rem(b) as u64);
            }
            h = mix(h, a.min(b) as u64);
            h = mix(h, a.max(b) as u64);
            h = mix(h, a.abs_diff(b) as u64);
            if a <= b {
                let mut k = 0;
                while k < 12 {
                    h = mix(h, EDGES_U64[k].clamp(a, b) as u64);
                    k += 1;
                }
            }
            j += 1;
        }
        i += 1;
    }
    fold(h)
}

/// bit counts, byte order, negation, powers of two of u64's edge values
#[no_mangle]
pub extern "C" fn bits_u64() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 12 {
        let a = EDGES_U64[i];
        h = mix(h, a.count_ones() as u64);
        h = mix(h, a.count_zeros() as u64);
        h = mix(h, a.leading_zeros() as u64);
        h = mix(h, a.trailing_zeros() as u64);
        h = mix(h, a.leading_ones() as u64);
        h = mix(h, a.trailing_ones() as u64);
        h = mix(h, a.swap_bytes() as u64);
        h = mix(h, a.reverse_bits() as u64);
        h = mix(h, a.to_be() as u64);
        h = mix(h, a.to_le() as u64);
        h = mix(h, opt_u64(a.checked_neg()));
        h = mix(h, pair_u64(a.overflowing_neg()));
        h = mix(h, a.wrapping_neg() as u64);
        let le = a.to_le_bytes();
        let be = a.to_be_bytes();
        let ne = a.to_ne_bytes();
        let mut k = 0;
        while k < 8 {
            h = mix(h, (le[k] as u64) | (be[k] as u64) << 8 | (ne[k] as u64) << 16);
            k += 1;
        }
        h = mix(h, u64::from_le_bytes(le) as u64);
        h = mix(h, u64::from_be_bytes(le) as u64);
        h = mix(h, u64::from_ne_bytes(be) as u64);
        h = mix(h, a.is_power_of_two() as u64);
        i += 1;
    }
    fold(h)
}

/// shifts, rotations and powers of u64's edge values by amounts around 64
#[no_mangle]
pub extern "C" fn shifts_u64() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 12 {
        let a = EDGES_U64[i];
        let mut j = 0;
        while j < 15 {
            let s = AMOUNTS[j];
            h = mix(h, a.rotate_left(s) as u64);
            h = mix(h, a.rotate_right(s) as u64);
            h = mix(h, opt_u64(a.checked_shl(s)));
            h = mix(h, opt_u64(a.checked_shr(s)));
            h = mix(h, a.wrapping_shl(s) as u64);
            h = mix(h, a.wrapping_shr(s) as u64);
            h = mix(h, a.pow(s) as u64);
            h = mix(h, a.wrapping_pow(s) as u64);
            h = mix(h, opt_u64(a.checked_pow(s)));
            h = mix(h, pair_u64(a.overflowing_pow(s)));
            j += 1;
        }
        i += 1;
    }
    fold(h)
}

const EDGES_I8: [i8; 15] = [i8::MIN, -127, -64, -7, -2, -1, 0, 1, 2, 3, 7, 100, 63, 126, 127];

fn opt_i8(o: Option<i8>) -> u64 {
    match o {
        Some(v) => v as u64 ^ 0x5bd1e995,
        None => 7,
    }
}

fn pair_i8(p: (i8, bool)) -> u64 {
    (p.0 as u64) ^ (p.1 as u64) << 40
}

/// `checked_*`, `overflowing_*`, `saturating_*`, `wrapping_div`/`_rem`, `min`, `max`, `abs_diff`
/// of every pair of i8's edge values
#[no_mangle]
pub extern "C" fn pairs_i8() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 15 {
        let a = EDGES_I8[i];
        let mut j = 0;
        while j < 15 {
            let b = EDGES_I8[j];
            h = mix(h, opt_i8(a.checked_add(b)));
            h = mix(h, opt_i8(a.checked_sub(b)));
            h = mix(h, opt_i8(a.checked_mul(b)));
            h = mix(h, opt_i8(a.checked_div(b)));
            h = mix(h, opt_i8(a.checked_rem(b)));
            h = mix(h, pair_i8(a.overflowing_add(b)));
            h = mix(h, pair_i8(a.overflowing_sub(b)));
            h = mix(h, pair_i8(a.overflowing_mul(b)));
            h = mix(h, a.saturating_add(b) as u64);
            h = mix(h, a.saturating_sub(b) as u64);
            h = mix(h, a.saturating_mul(b) as u64);
            if b != 0 {
                h = mix(h, a.wrapping_div(b) as u64);
                h = mix(h, a.wrapping_rem(b) as u64);
            }
            h = mix(h, a.min(b) as u64);
            h = mix(h, a.max(b) as u64);
            h = mix(h, a.abs_diff(b) as u64);
            if a <= b {
                let mut k = 0;
                while k < 15 {
                    h = mix(h, EDGES_I8[k].clamp(a, b) as u64);
                    k += 1;
                }
            }
            j += 1;
        }
        i += 1;
    }
    fold(h)
}

/// bit counts, byte order, negation, sign and absolute value of i8's edge values
#[no_mangle]
pub extern "C" fn bits_i8() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 15 {
        let a = EDGES_I8[i];
        h = mix(h, a.count_ones() as u64);
        h = mix(h, a.count_zeros() as u64);
        h = mix(h, a.leading_zeros() as u64);
        h = mix(h, a.trailing_zeros() as u64);
        h = mix(h, a.leading_ones() as u64);
        h = mix(h, a.trailing_ones() as u64);
        h = mix(h, a.swap_bytes() as u64);
        h = mix(h, a.reverse_bits() as u64);
        h = mix(h, a.to_be() as u64);
        h = mix(h, a.to_le() as u64);
        h = mix(h, opt_i8(a.checked_neg()));
        h = mix(h, pair_i8(a.overflowing_neg()));
        h = mix(h, a.wrapping_neg() as u64);
        let le = a.to_le_bytes();
        let be = a.to_be_bytes();
        let ne = a.to_ne_bytes();
        let mut k = 0;
        while k < 1 {
            h = mix(h, (le[k] as u64) | (be[k] as u64) << 8 | (ne[k] as u64) << 16);
            k += 1;
        }
        h = mix(h, i8::from_le_bytes(le) as u64);
        h = mix(h, i8::from_be_bytes(le) as u64);
        h = mix(h, i8::from_ne_bytes(be) as u64);
        h = mix(h, a.abs() as u64);
        h = mix(h, a.wrapping_abs() as u64);
        h = mix(h, opt_i8(a.checked_abs()));
        h = mix(h, a.unsigned_abs() as u64);
        h = mix(h, a.signum() as u64);
        h = mix(h, a.is_positive() as u64 | (a.is_negative() as u64) << 1);
        h = mix(h, a.saturating_neg() as u64);
        h = mix(h, a.saturating_abs() as u64);
        i += 1;
    }
    fold(h)
}

/// shifts, rotations and powers of i8's edge values by amounts around 8
#[no_mangle]
pub extern "C" fn shifts_i8() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 15 {
        let a = EDGES_I8[i];
        let mut j = 0;
        while j < 15 {
            let s = AMOUNTS[j];
            h = mix(h, a.rotate_left(s) as u64);
            h = mix(h, a.rotate_right(s) as u64);
            h = mix(h, opt_i8(a.checked_shl(s)));
            h = mix(h, opt_i8(a.checked_shr(s)));
            h = mix(h, a.wrapping_shl(s) as u64);
            h = mix(h, a.wrapping_shr(s) as u64);
            h = mix(h, a.pow(s) as u64);
            h = mix(h, a.wrapping_pow(s) as u64);
            h = mix(h, opt_i8(a.checked_pow(s)));
            h = mix(h, pair_i8(a.overflowing_pow(s)));
            j += 1;
        }
        i += 1;
    }
    fold(h)
}

const EDGES_I16: [i16; 15] = [i16::MIN, -32767, -16384, -7, -2, -1, 0, 1, 2, 3, 7, 100, 16383, 32766, 32767];

fn opt_i16(o: Option<i16>) -> u64 {
    match o {
        Some(v) => v as u64 ^ 0x5bd1e995,
        None => 7,
    }
}

fn pair_i16(p: (i16, bool)) -> u64 {
    (p.0 as u64) ^ (p.1 as u64) << 40
}

/// `checked_*`, `overflowing_*`, `saturating_*`, `wrapping_div`/`_rem`, `min`, `max`, `abs_diff`
/// of every pair of i16's edge values
#[no_mangle]
pub extern "C" fn pairs_i16() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 15 {
        let a = EDGES_I16[i];
        let mut j = 0;
        while j < 15 {
            let b = EDGES_I16[j];
            h = mix(h, opt_i16(a.checked_add(b)));
            h = mix(h, opt_i16(a.checked_sub(b)));
            h = mix(h, opt_i16(a.checked_mul(b)));
            h = mix(h, opt_i16(a.checked_div(b)));
            h = mix(h, opt_i16(a.checked_rem(b)));
            h = mix(h, pair_i16(a.overflowing_add(b)));
            h = mix(h, pair_i16(a.overflowing_sub(b)));
            h = mix(h, pair_i16(a.overflowing_mul(b)));
            h = mix(h, a.saturating_add(b) as u64);
            h = mix(h, a.saturating_sub(b) as u64);
            h = mix(h, a.saturating_mul(b) as u64);
            if b != 0 {
                h = mix(h, a.wrapping_div(b) as u64);
                h = mix(h, a.wrapping_rem(b) as u64);
            }
            h = mix(h, a.min(b) as u64);
            h = mix(h, a.max(b) as u64);
            h = mix(h, a.abs_diff(b) as u64);
            if a <= b {
                let mut k = 0;
                while k < 15 {
                    h = mix(h, EDGES_I16[k].clamp(a, b) as u64);
                    k += 1;
                }
            }
            j += 1;
        }
        i += 1;
    }
    fold(h)
}

/// bit counts, byte order, negation, sign and absolute value of i16's edge values
#[no_mangle]
pub extern "C" fn bits_i16() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 15 {
        let a = EDGES_I16[i];
        h = mix(h, a.count_ones() as u64);
        h = mix(h, a.count_zeros() as u64);
        h = mix(h, a.leading_zeros() as u64);
        h = mix(h, a.trailing_zeros() as u64);
        h = mix(h, a.leading_ones() as u64);
        h = mix(h, a.trailing_ones() as u64);
        h = mix(h, a.swap_bytes() as u64);
        h = mix(h, a.reverse_bits() as u64);
        h = mix(h, a.to_be() as u64);
        h = mix(h, a.to_le() as u64);
        h = mix(h, opt_i16(a.checked_neg()));
        h = mix(h, pair_i16(a.overflowing_neg()));
        h = mix(h, a.wrapping_neg() as u64);
        let le = a.to_le_bytes();
        let be = a.to_be_bytes();
        let ne = a.to_ne_bytes();
        let mut k = 0;
        while k < 2 {
            h = mix(h, (le[k] as u64) | (be[k] as u64) << 8 | (ne[k] as u64) << 16);
            k += 1;
        }
        h = mix(h, i16::from_le_bytes(le) as u64);
        h = mix(h, i16::from_be_bytes(le) as u64);
        h = mix(h, i16::from_ne_bytes(be) as u64);
        h = mix(h, a.abs() as u64);
        h = mix(h, a.wrapping_abs() as u64);
        h = mix(h, opt_i16(a.checked_abs()));
        h = mix(h, a.unsigned_abs() as u64);
        h = mix(h, a.signum() as u64);
        h = mix(h, a.is_positive() as u64 | (a.is_negative() as u64) << 1);
        h = mix(h, a.saturating_neg() as u64);
        h = mix(h, a.saturating_abs() as u64);
        i += 1;
    }
    fold(h)
}

/// shifts, rotations and powers of i16's edge values by amounts around 16
#[no_mangle]
pub extern "C" fn shifts_i16() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 15 {
        let a = EDGES_I16[i];
        let mut j = 0;
        while j < 15 {
            let s = AMOUNTS[j];
            h = mix(h, a.rotate_left(s) as u64);
            h = mix(h, a.rotate_right(s) as u64);
            h = mix(h, opt_i16(a.checked_shl(s)));
            h = mix(h, opt_i16(a.checked_shr(s)));
            h = mix(h, a.wrapping_shl(s) as u64);
            h = mix(h, a.wrapping_shr(s) as u64);
            h = mix(h, a.pow(s) as u64);
            h = mix(h, a.wrapping_pow(s) as u64);
            h = mix(h, opt_i16(a.checked_pow(s)));
            h = mix(h, pair_i16(a.overflowing_pow(s)));
            j += 1;
        }
        i += 1;
    }
    fold(h)
}

const EDGES_I32: [i32; 15] = [i32::MIN, -2147483647, -1073741824, -7, -2, -1, 0, 1, 2, 3, 7, 100, 1073741823, 2147483646, 2147483647];

fn opt_i32(o: Option<i32>) -> u64 {
    match o {
        Some(v) => v as u64 ^ 0x5bd1e995,
        None => 7,
    }
}

fn pair_i32(p: (i32, bool)) -> u64 {
    (p.0 as u64) ^ (p.1 as u64) << 40
}

/// `checked_*`, `overflowing_*`, `saturating_*`, `wrapping_div`/`_rem`, `min`, `max`, `abs_diff`
/// of every pair of i32's edge values
#[no_mangle]
pub extern "C" fn pairs_i32() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 15 {
        let a = EDGES_I32[i];
        let mut j = 0;
        while j < 15 {
            let b = EDGES_I32[j];
            h = mix(h, opt_i32(a.checked_add(b)));
            h = mix(h, opt_i32(a.checked_sub(b)));
            h = mix(h, opt_i32(a.checked_mul(b)));
            h = mix(h, opt_i32(a.checked_div(b)));
            h = mix(h, opt_i32(a.checked_rem(b)));
            h = mix(h, pair_i32(a.overflowing_add(b)));
            h = mix(h, pair_i32(a.overflowing_sub(b)));
            h = mix(h, pair_i32(a.overflowing_mul(b)));
            h = mix(h, a.saturating_add(b) as u64);
            h = mix(h, a.saturating_sub(b) as u64);
            h = mix(h, a.saturating_mul(b) as u64);
            if b != 0 {
                h = mix(h, a.wrapping_div(b) as u64);
                h = mix(h, a.wrapping_rem(b) as u64);
            }
            h = mix(h, a.min(b) as u64);
            h = mix(h, a.max(b) as u64);
            h = mix(h, a.abs_diff(b) as u64);
            if a <= b {
                let mut k = 0;
                while k < 15 {
                    h = mix(h, EDGES_I32[k].clamp(a, b) as u64);
                    k += 1;
                }
            }
            j += 1;
        }
        i += 1;
    }
    fold(h)
}

/// bit counts, byte order, negation, sign and absolute value of i32's edge values
#[no_mangle]
pub extern "C" fn bits_i32() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 15 {
        let a = EDGES_I32[i];
        h = mix(h, a.count_ones() as u64);
        h = mix(h, a.count_zeros() as u64);
        h = mix(h, a.leading_zeros() as u64);
        h = mix(h, a.trailing_zeros() as u64);
        h = mix(h, a.leading_ones() as u64);
        h = mix(h, a.trailing_ones() as u64);
        h = mix(h, a.swap_bytes() as u64);
        h = mix(h, a.reverse_bits() as u64);
        h = mix(h, a.to_be() as u64);
        h = mix(h, a.to_le() as u64);
        h = mix(h, opt_i32(a.checked_neg()));
        h = mix(h, pair_i32(a.overflowing_neg()));
        h = mix(h, a.wrapping_neg() as u64);
        let le = a.to_le_bytes();
        let be = a.to_be_bytes();
        let ne = a.to_ne_bytes();
        let mut k = 0;
        while k < 4 {
            h = mix(h, (le[k] as u64) | (be[k] as u64) << 8 | (ne[k] as u64) << 16);
            k += 1;
        }
        h = mix(h, i32::from_le_bytes(le) as u64);
        h = mix(h, i32::from_be_bytes(le) as u64);
        h = mix(h, i32::from_ne_bytes(be) as u64);
        h = mix(h, a.abs() as u64);
        h = mix(h, a.wrapping_abs() as u64);
        h = mix(h, opt_i32(a.checked_abs()));
        h = mix(h, a.unsigned_abs() as u64);
        h = mix(h, a.signum() as u64);
        h = mix(h, a.is_positive() as u64 | (a.is_negative() as u64) << 1);
        h = mix(h, a.saturating_neg() as u64);
        h = mix(h, a.saturating_abs() as u64);
        i += 1;
    }
    fold(h)
}

/// shifts, rotations and powers of i32's edge values by amounts around 32
#[no_mangle]
pub extern "C" fn shifts_i32() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 15 {
        let a = EDGES_I32[i];
        let mut j = 0;
        while j < 15 {
            let s = AMOUNTS[j];
            h = mix(h, a.rotate_left(s) as u64);
            h = mix(h, a.rotate_right(s) as u64);
            h = mix(h, opt_i32(a.checked_shl(s)));
            h = mix(h, opt_i32(a.checked_shr(s)));
            h = mix(h, a.wrapping_shl(s) as u64);
            h = mix(h, a.wrapping_shr(s) as u64);
            h = mix(h, a.pow(s) as u64);
            h = mix(h, a.wrapping_pow(s) as u64);
            h = mix(h, opt_i32(a.checked_pow(s)));
            h = mix(h, pair_i32(a.overflowing_pow(s)));
            j += 1;
        }
        i += 1;
    }
    fold(h)
}

const EDGES_I64: [i64; 15] = [i64::MIN, -9223372036854775807, -4611686018427387904, -7, -2, -1, 0, 1, 2, 3, 7, 100, 4611686018427387903, 9223372036854775806, 9223372036854775807];

fn opt_i64(o: Option<i64>) -> u64 {
    match o {
        Some(v) => v as u64 ^ 0x5bd1e995,
        None => 7,
    }
}

fn pair_i64(p: (i64, bool)) -> u64 {
    (p.0 as u64) ^ (p.1 as u64) << 40
}

/// `checked_*`, `overflowing_*`, `saturating_*`, `wrapping_div`/`_rem`, `min`, `max`, `abs_diff`
/// of every pair of i64's edge values
#[no_mangle]
pub extern "C" fn pairs_i64() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 15 {
        let a = EDGES_I64[i];
        let mut j = 0;
        while j < 15 {
            let b = EDGES_I64[j];
            h = mix(h, opt_i64(a.checked_add(b)));
            h = mix(h, opt_i64(a.checked_sub(b)));
            h = mix(h, opt_i64(a.checked_mul(b)));
            h = mix(h, opt_i64(a.checked_div(b)));
            h = mix(h, opt_i64(a.checked_rem(b)));
            h = mix(h, pair_i64(a.overflowing_add(b)));
            h = mix(h, pair_i64(a.overflowing_sub(b)));
            h = mix(h, pair_i64(a.overflowing_mul(b)));
            h = mix(h, a.saturating_add(b) as u64);
            h = mix(h, a.saturating_sub(b) as u64);
            h = mix(h, a.saturating_mul(b) as u64);
            if b != 0 {
                h = mix(h, a.wrapping_div(b) as u64);
                h = mix(h, a.wrapping_rem(b) as u64);
            }
            h = mix(h, a.min(b) as u64);
            h = mix(h, a.max(b) as u64);
            h = mix(h, a.abs_diff(b) as u64);
            if a <= b {
                let mut k = 0;
                while k < 15 {
                    h = mix(h, EDGES_I64[k].clamp(a, b) as u64);
                    k += 1;
                }
            }
            j += 1;
        }
        i += 1;
    }
    fold(h)
}

/// bit counts, byte order, negation, sign and absolute value of i64's edge values
#[no_mangle]
pub extern "C" fn bits_i64() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 15 {
        let a = EDGES_I64[i];
        h = mix(h, a.count_ones() as u64);
        h = mix(h, a.count_zeros() as u64);
        h = mix(h, a.leading_zeros() as u64);
        h = mix(h, a.trailing_zeros() as u64);
        h = mix(h, a.leading_ones() as u64);
        h = mix(h, a.trailing_ones() as u64);
        h = mix(h, a.swap_bytes() as u64);
        h = mix(h, a.reverse_bits() as u64);
        h = mix(h, a.to_be() as u64);
        h = mix(h, a.to_le() as u64);
        h = mix(h, opt_i64(a.checked_neg()));
        h = mix(h, pair_i64(a.overflowing_neg()));
        h = mix(h, a.wrapping_neg() as u64);
        let le = a.to_le_bytes();
        let be = a.to_be_bytes();
        let ne = a.to_ne_bytes();
        let mut k = 0;
        while k < 8 {
            h = mix(h, (le[k] as u64) | (be[k] as u64) << 8 | (ne[k] as u64) << 16);
            k += 1;
        }
        h = mix(h, i64::from_le_bytes(le) as u64);
        h = mix(h, i64::from_be_bytes(le) as u64);
        h = mix(h, i64::from_ne_bytes(be) as u64);
        h = mix(h, a.abs() as u64);
        h = mix(h, a.wrapping_abs() as u64);
        h = mix(h, opt_i64(a.checked_abs()));
        h = mix(h, a.unsigned_abs() as u64);
        h = mix(h, a.signum() as u64);
        h = mix(h, a.is_positive() as u64 | (a.is_negative() as u64) << 1);
        h = mix(h, a.saturating_neg() as u64);
        h = mix(h, a.saturating_abs() as u64);
        i += 1;
    }
    fold(h)
}

/// shifts, rotations and powers of i64's edge values by amounts around 64
#[no_mangle]
pub extern "C" fn shifts_i64() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 15 {
        let a = EDGES_I64[i];
        let mut j = 0;
        while j < 15 {
            let s = AMOUNTS[j];
            h = mix(h, a.rotate_left(s) as u64);
            h = mix(h, a.rotate_right(s) as u64);
            h = mix(h, opt_i64(a.checked_shl(s)));
            h = mix(h, opt_i64(a.checked_shr(s)));
            h = mix(h, a.wrapping_shl(s) as u64);
            h = mix(h, a.wrapping_shr(s) as u64);
            h = mix(h, a.pow(s) as u64);
            h = mix(h, a.wrapping_pow(s) as u64);
            h = mix(h, opt_i64(a.checked_pow(s)));
            h = mix(h, pair_i64(a.overflowing_pow(s)));
            j += 1;
        }
        i += 1;
    }
    fold(h)
}

