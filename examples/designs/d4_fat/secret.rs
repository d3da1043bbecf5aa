// Design 4: a key kept in its own memory (2), reached through a fat pointer
// that memory 0 holds. The policy still holds here because only the gates use
// the fat pointer; tests/designs shows what a corrupted fat pointer reaches.
// Exports: set_key(seed) stores a key; seal(v) / unseal(v) encrypt and decrypt
// one word with it; run(n) -> a checksum of n seal/unseal round trips.
#![memory(0, min = 32)]
#![memory(1, min = 32)]
#![memory(2, min = 1, secret, only = [set_key, seal, unseal])]

mod fat;
use fat::FarPtr;

static mut KEY: FarPtr = FarPtr { mem: 2, addr: 64 };

#[no_mangle]
pub extern "C" fn set_key(seed: u32) {
    unsafe {
        fat::write::<u32>(KEY, seed ^ 0x9e3779b9);
        fat::write::<u32>(fat::add::<u32>(KEY, 1), (seed << 7) | (seed >> 25) | 1);
    }
}

#[no_mangle]
pub extern "C" fn seal(v: u32) -> u32 {
    unsafe { (v ^ fat::read::<u32>(KEY)).wrapping_mul(fat::read::<u32>(fat::add::<u32>(KEY, 1))) }
}

#[no_mangle]
pub extern "C" fn unseal(v: u32) -> u32 {
    // the inverse of an odd multiplier modulo 2^32, by Newton's iteration
    let m = unsafe { fat::read::<u32>(fat::add::<u32>(KEY, 1)) };
    let mut inv = m;
    let mut i = 0;
    while i < 5 {
        inv = inv.wrapping_mul(2u32.wrapping_sub(m.wrapping_mul(inv)));
        i += 1;
    }
    v.wrapping_mul(inv) ^ unsafe { fat::read::<u32>(KEY) }
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
