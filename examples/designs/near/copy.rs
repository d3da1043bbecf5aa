// A copy within memory 0: the baseline of the ratios.
// Exports: init(n, seed) fills n bytes at SRC with a xorshift sequence;
// run(n) copies them to DST; check(n) -> a checksum of the bytes at DST.
#![memory(0, min = 32)]
#![memory(1, min = 32)]
#![memory(2, min = 32)]

const SRC: usize = 1 << 20;
const DST: usize = (1 << 20) + (1 << 19);

#[no_mangle]
pub extern "C" fn init(n: usize, seed: u32) {
    let p = SRC as *mut u8;
    let mut x = seed;
    let mut i = 0usize;
    while i < n {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        unsafe { *p.add(i) = x as u8; }
        i += 1;
    }
}

#[no_mangle]
pub extern "C" fn run(n: usize) {
    unsafe { core::ptr::copy_nonoverlapping(SRC as *const u8, DST as *mut u8, n) }
}

#[no_mangle]
pub extern "C" fn check(n: usize) -> u32 {
    let p = DST as *const u8;
    let mut h = 2166136261u32;
    let mut i = 0usize;
    while i < n {
        h = (h ^ unsafe { *p.add(i) } as u32).wrapping_mul(16777619);
        i += 1;
    }
    h
}
