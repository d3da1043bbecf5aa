// Design 2: a copy from memory 1 to memory 2 with the two proposed intrinsics
// (`load_memidx`/`store_memidx` exist, no memory-indexed copy: a loop).
// Exports: init(n, seed) fills n bytes at SRC with a xorshift sequence;
// run(n) copies them to DST; check(n) -> a checksum of the bytes at DST.
#![memory(0, min = 32)]
#![memory(1, min = 32)]
#![memory(2, min = 32)]

const SRC: usize = 1 << 20;
const DST: usize = 1 << 20;

#[no_mangle]
pub extern "C" fn init(n: usize, seed: u32) {
    let p = SRC as *mut u8;
    let mut x = seed;
    let mut i = 0usize;
    while i < n {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        unsafe { store_memidx::<1, u8>(p.add(i), x as u8); }
        i += 1;
    }
}

#[no_mangle]
pub extern "C" fn run(n: usize) {
    let src = SRC as *const u8;
    let dst = DST as *mut u8;
    let mut i = 0usize;
    while i < n {
        unsafe { store_memidx::<2, u8>(dst.add(i), load_memidx::<1, u8>(src.add(i))); }
        i += 1;
    }
}

#[no_mangle]
pub extern "C" fn check(n: usize) -> u32 {
    let p = DST as *const u8;
    let mut h = 2166136261u32;
    let mut i = 0usize;
    while i < n {
        h = (h ^ unsafe { load_memidx::<2, u8>(p.add(i)) } as u32).wrapping_mul(16777619);
        i += 1;
    }
    h
}
