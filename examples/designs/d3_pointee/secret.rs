// Design 3: the key's type lives in memory 2 (`#[mem_idx(2)] struct Key`),
// so its static is placed there, and only seal, unseal and set_key may touch
// memory 2 (checked on the final module).
// Exports: set_key(seed) stores a key; seal(v) / unseal(v) encrypt and decrypt
// one word with it; run(n) -> a checksum of n seal/unseal round trips.
#![memory(0, min = 32)]
#![memory(1, min = 32)]
#![memory(2, min = 1, secret, only = [set_key, seal, unseal])]

#[mem_idx(2)]
struct Key {
    mask: u32,
    mul: u32,
}

static mut KEY: Key = Key { mask: 0, mul: 1 };

#[no_mangle]
pub extern "C" fn set_key(seed: u32) {
    unsafe {
        KEY.mask = seed ^ 0x9e3779b9;
        KEY.mul = (seed << 7) | (seed >> 25) | 1;
    }
}

#[no_mangle]
pub extern "C" fn seal(v: u32) -> u32 {
    unsafe { (v ^ KEY.mask).wrapping_mul(KEY.mul) }
}

#[no_mangle]
pub extern "C" fn unseal(v: u32) -> u32 {
    // the inverse of an odd multiplier modulo 2^32, by Newton's iteration
    let m = unsafe { KEY.mul };
    let mut inv = m;
    let mut i = 0;
    while i < 5 {
        inv = inv.wrapping_mul(2u32.wrapping_sub(m.wrapping_mul(inv)));
        i += 1;
    }
    v.wrapping_mul(inv) ^ unsafe { KEY.mask }
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
