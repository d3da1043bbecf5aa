// Design 3: one function generic over the memory of its data's type
// (`*const Far<u32, M>`), instantiated for memory 1 and memory 2.
// Exports: init(n, seed) fills n u32 at A (memory 1) and at B (memory 2); run(n) -> sum(A) * 3 + sum(B).
#![memory(0, min = 32)]
#![memory(1, min = 32)]
#![memory(2, min = 32)]

/// A `T` placed in memory `M`.
#[mem_idx(M)]
struct Far<T, const M: usize> {
    value: T,
}

const A: usize = 1 << 20;
const B: usize = 1 << 20;

fn fill<const M: usize>(p: *mut Far<u32, M>, n: usize, seed: u32) {
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

fn sum<const M: usize>(p: *const Far<u32, M>, n: usize) -> u32 {
    let mut total = 0u32;
    let mut i = 0usize;
    while i < n {
        total = total.wrapping_add(unsafe { (*p.add(i)).value });
        i += 1;
    }
    total
}

#[no_mangle]
pub extern "C" fn init(n: usize, seed: u32) {
    fill(A as *mut Far<u32, 1>, n, seed);
    fill(B as *mut Far<u32, 2>, n, seed ^ 0x5555);
}

#[no_mangle]
pub extern "C" fn run(n: usize) -> u32 {
    sum(A as *const Far<u32, 1>, n).wrapping_mul(3).wrapping_add(sum(B as *const Far<u32, 2>, n))
}
