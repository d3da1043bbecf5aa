// Design 2, intrinsics only: a plain pointer, and every access names memory 1.
// Exports: init(n, seed) fills n u32 at BASE with a xorshift sequence; run(n) -> their wrapping sum.
#![memory(0, min = 32)]
#![memory(1, min = 32)]
#![memory(2, min = 32)]

const BASE: usize = 1 << 20;

#[no_mangle]
pub extern "C" fn init(n: usize, seed: u32) {
    let p = BASE as *mut u32;
    let mut x = seed;
    let mut i = 0usize;
    while i < n {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        unsafe { store_memidx::<1, u32>(p.add(i), x); }
        i += 1;
    }
}

#[no_mangle]
pub extern "C" fn run(n: usize) -> u32 {
    let p = BASE as *const u32;
    let mut total = 0u32;
    let mut i = 0usize;
    while i < n {
        total = total.wrapping_add(unsafe { load_memidx::<1, u32>(p.add(i)) });
        i += 1;
    }
    total
}
