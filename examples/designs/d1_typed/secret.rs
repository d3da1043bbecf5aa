// Design 1: a key kept in its own memory (2), which only seal, unseal and
// set_key may touch: an isolation policy that farc checks on the final module.
// Exports: set_key(seed) stores a key; seal(v) / unseal(v) encrypt and decrypt
// one word with it; run(n) -> a checksum of n seal/unseal round trips.
#![memory(0, min = 32)]
#![memory(1, min = 32)]
#![memory(2, min = 1, secret, only = [set_key, seal, unseal])]

const KEY: usize = 64;

fn key() -> #[mem_idx(2)] *mut u32 {
    KEY as #[mem_idx(2)] *mut u32
}

#[no_mangle]
pub extern "C" fn set_key(seed: u32) {
    unsafe {
        *key() = seed ^ 0x9e3779b9;
        *key().add(1) = (seed << 7) | (seed >> 25) | 1;
    }
}

#[no_mangle]
pub extern "C" fn seal(v: u32) -> u32 {
    unsafe { (v ^ *key()).wrapping_mul(*key().add(1)) }
}

#[no_mangle]
pub extern "C" fn unseal(v: u32) -> u32 {
    // the inverse of an odd multiplier modulo 2^32, by Newton's iteration
    let m = unsafe { *key().add(1) };
    let mut inv = m;
    let mut i = 0;
    while i < 5 {
        inv = inv.wrapping_mul(2u32.wrapping_sub(m.wrapping_mul(inv)));
        i += 1;
    }
    v.wrapping_mul(inv) ^ unsafe { *key() }
}

#[no_mangle]
pub extern "C" fn run(n: u32) -> u32 {
    let mut acc = 0u32;
    let mut i = 0u32;
    while i < n {
        acc = acc.wrapping_add(unseal(seal(i ^ acc)));
        i += 1;
    }
    acc
}
