// Design 3, the memory as a property of the pointee type: a `Far<u32, 1>`
// lives in memory 1, so a plain `*const Far<u32, 1>` reads memory 1.
// Exports: init(n, seed) fills n u32 at BASE with a xorshift sequence; run(n) -> their wrapping sum.
#![memory(0, min = 32)]
#![memory(1, min = 32)]
#![memory(2, min = 32)]

/// A `T` placed in memory `M`.
#[mem_idx(M)]
struct Far<T, const M: usize> {
    value: T,
}

const BASE: usize = 1 << 20;

#[no_mangle]
pub extern "C" fn init(n: usize, seed: u32) {
    let p = BASE as *mut Far<u32, 1>;
    let mut x = seed;
    let mut i = 0usize;
    while i < n {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        unsafe { (*p.add(i)).value = x; }
        i += 1;
    }
}

#[no_mangle]
pub extern "C" fn run(n: usize) -> u32 {
    let p = BASE as *const Far<u32, 1>;
    let mut total = 0u32;
    let mut i = 0usize;
    while i < n {
        total = total.wrapping_add(unsafe { (*p.add(i)).value });
        i += 1;
    }
    total
}
