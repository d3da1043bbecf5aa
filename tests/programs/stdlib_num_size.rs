// core::num on usize and isize, 32-bit on wasm32: the families of
// stdlib_num.rs on their edge values. rustc's usize is 64-bit on the machine
// that runs the oracle, so the expected hashes are those of the same program
// with u32/i32 for usize/isize, computed by rustc. `clamp` with `min > max`
// traps where Rust panics.
// ORACLE: skip usize and isize are 64-bit natively (the hashes are rustc's for u32 and i32)
// CALL: pairs_usize() -> 2106822885
// CALL: bits_usize() -> 547313665
// CALL: shifts_usize() -> 2085132097
// CALL: pairs_isize() -> 809812449
// CALL: bits_isize() -> 1802352252
// CALL: shifts_isize() -> 46919456
// TRAP: clamp_inverted(3)

/// shift amounts and exponents: 0, small, and around every width
const AMOUNTS: [u32; 15] = [0, 1, 2, 3, 5, 7, 8, 9, 15, 16, 31, 32, 33, 63, 64];

fn mix(h: u64, v: u64) -> u64 {
    (h ^ v).wrapping_mul(0x100000001b3) ^ (h >> 29)
}

/// 31 bits of the hash (an export's u32 result above i32::MAX reads back negative)
fn fold(h: u64) -> u32 {
    ((h ^ (h >> 32)) & 0x7fff_ffff) as u32
}

const EDGES_USIZE: [usize; 12] = [0, 1, 2, 3, 7, 16, 100, 1431655765, 2147483647, 2147483648, 4294967294, 4294967295];

fn opt_usize(o: Option<usize>) -> u64 {
    match o {
        Some(v) => v as u64 ^ 0x5bd1e995,
        None => 7,
    }
}

fn pair_usize(p: (usize, bool)) -> u64 {
    (p.0 as u64) ^ (p.1 as u64) << 40
}

/// `checked_*`, `overflowing_*`, `saturating_*`, `wrapping_div`/`_rem`, `min`, `max`, `abs_diff`
/// of every pair of usize's edge values
#[no_mangle]
pub extern "C" fn pairs_usize() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 12 {
        let a = EDGES_USIZE[i];
        let mut j = 0;
        while j < 12 {
            let b = EDGES_USIZE[j];
            h = mix(h, opt_usize(a.checked_add(b)));
            h = mix(h, opt_usize(a.checked_sub(b)));
            h = mix(h, opt_usize(a.checked_mul(b)));
            h = mix(h, opt_usize(a.checked_div(b)));
            h = mix(h, opt_usize(a.checked_rem(b)));
            h = mix(h, pair_usize(a.overflowing_add(b)));
            h = mix(h, pair_usize(a.overflowing_sub(b)));
            h = mix(h, pair_usize(a.overflowing_mul(b)));
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
                    h = mix(h, EDGES_USIZE[k].clamp(a, b) as u64);
                    k += 1;
                }
            }
            j += 1;
        }
        i += 1;
    }
    fold(h)
}

/// bit counts, byte order, negation, powers of two of usize's edge values
#[no_mangle]
pub extern "C" fn bits_usize() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 12 {
        let a = EDGES_USIZE[i];
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
        h = mix(h, opt_usize(a.checked_neg()));
        h = mix(h, pair_usize(a.overflowing_neg()));
        h = mix(h, a.wrapping_neg() as u64);
        let le = a.to_le_bytes();
        let be = a.to_be_bytes();
        let ne = a.to_ne_bytes();
        let mut k = 0;
        while k < 4 {
            h = mix(h, (le[k] as u64) | (be[k] as u64) << 8 | (ne[k] as u64) << 16);
            k += 1;
        }
        h = mix(h, usize::from_le_bytes(le) as u64);
        h = mix(h, usize::from_be_bytes(le) as u64);
        h = mix(h, usize::from_ne_bytes(be) as u64);
        h = mix(h, a.is_power_of_two() as u64);
        i += 1;
    }
    fold(h)
}

/// shifts, rotations and powers of usize's edge values by amounts around 32
#[no_mangle]
pub extern "C" fn shifts_usize() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 12 {
        let a = EDGES_USIZE[i];
        let mut j = 0;
        while j < 15 {
            let s = AMOUNTS[j];
            h = mix(h, a.rotate_left(s) as u64);
            h = mix(h, a.rotate_right(s) as u64);
            h = mix(h, opt_usize(a.checked_shl(s)));
            h = mix(h, opt_usize(a.checked_shr(s)));
            h = mix(h, a.wrapping_shl(s) as u64);
            h = mix(h, a.wrapping_shr(s) as u64);
            h = mix(h, a.pow(s) as u64);
            h = mix(h, a.wrapping_pow(s) as u64);
            h = mix(h, opt_usize(a.checked_pow(s)));
            h = mix(h, pair_usize(a.overflowing_pow(s)));
            j += 1;
        }
        i += 1;
    }
    fold(h)
}

const EDGES_ISIZE: [isize; 15] = [isize::MIN, -2147483647, -1073741824, -7, -2, -1, 0, 1, 2, 3, 7, 100, 1073741823, 2147483646, 2147483647];

fn opt_isize(o: Option<isize>) -> u64 {
    match o {
        Some(v) => v as u64 ^ 0x5bd1e995,
        None => 7,
    }
}

fn pair_isize(p: (isize, bool)) -> u64 {
    (p.0 as u64) ^ (p.1 as u64) << 40
}

/// `checked_*`, `overflowing_*`, `saturating_*`, `wrapping_div`/`_rem`, `min`, `max`, `abs_diff`
/// of every pair of isize's edge values
#[no_mangle]
pub extern "C" fn pairs_isize() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 15 {
        let a = EDGES_ISIZE[i];
        let mut j = 0;
        while j < 15 {
            let b = EDGES_ISIZE[j];
            h = mix(h, opt_isize(a.checked_add(b)));
            h = mix(h, opt_isize(a.checked_sub(b)));
            h = mix(h, opt_isize(a.checked_mul(b)));
            h = mix(h, opt_isize(a.checked_div(b)));
            h = mix(h, opt_isize(a.checked_rem(b)));
            h = mix(h, pair_isize(a.overflowing_add(b)));
            h = mix(h, pair_isize(a.overflowing_sub(b)));
            h = mix(h, pair_isize(a.overflowing_mul(b)));
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
                    h = mix(h, EDGES_ISIZE[k].clamp(a, b) as u64);
                    k += 1;
                }
            }
            j += 1;
        }
        i += 1;
    }
    fold(h)
}

/// bit counts, byte order, negation, sign and absolute value of isize's edge values
#[no_mangle]
pub extern "C" fn bits_isize() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 15 {
        let a = EDGES_ISIZE[i];
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
        h = mix(h, opt_isize(a.checked_neg()));
        h = mix(h, pair_isize(a.overflowing_neg()));
        h = mix(h, a.wrapping_neg() as u64);
        let le = a.to_le_bytes();
        let be = a.to_be_bytes();
        let ne = a.to_ne_bytes();
        let mut k = 0;
        while k < 4 {
            h = mix(h, (le[k] as u64) | (be[k] as u64) << 8 | (ne[k] as u64) << 16);
            k += 1;
        }
        h = mix(h, isize::from_le_bytes(le) as u64);
        h = mix(h, isize::from_be_bytes(le) as u64);
        h = mix(h, isize::from_ne_bytes(be) as u64);
        h = mix(h, a.abs() as u64);
        h = mix(h, a.wrapping_abs() as u64);
        h = mix(h, opt_isize(a.checked_abs()));
        h = mix(h, a.unsigned_abs() as u64);
        h = mix(h, a.signum() as u64);
        h = mix(h, a.is_positive() as u64 | (a.is_negative() as u64) << 1);
        h = mix(h, a.saturating_neg() as u64);
        h = mix(h, a.saturating_abs() as u64);
        i += 1;
    }
    fold(h)
}

/// shifts, rotations and powers of isize's edge values by amounts around 32
#[no_mangle]
pub extern "C" fn shifts_isize() -> u32 {
    let mut h: u64 = 0;
    let mut i = 0;
    while i < 15 {
        let a = EDGES_ISIZE[i];
        let mut j = 0;
        while j < 15 {
            let s = AMOUNTS[j];
            h = mix(h, a.rotate_left(s) as u64);
            h = mix(h, a.rotate_right(s) as u64);
            h = mix(h, opt_isize(a.checked_shl(s)));
            h = mix(h, opt_isize(a.checked_shr(s)));
            h = mix(h, a.wrapping_shl(s) as u64);
            h = mix(h, a.wrapping_shr(s) as u64);
            h = mix(h, a.pow(s) as u64);
            h = mix(h, a.wrapping_pow(s) as u64);
            h = mix(h, opt_isize(a.checked_pow(s)));
            h = mix(h, pair_isize(a.overflowing_pow(s)));
            j += 1;
        }
        i += 1;
    }
    fold(h)
}


#[no_mangle]
pub extern "C" fn clamp_inverted(x: usize) -> usize {
    x.clamp(x + 2, x + 1)
}
