// Design 1: one generic function over the memory, instantiated for memory 1
// and memory 2 (each instance has its memory as a constant immediate).
// Exports: init(n, seed) fills n u32 at A (memory 1) and at B (memory 2); run(n) -> sum(A) * 3 + sum(B).
#![memory(0, min = 32)]
#![memory(1, min = 32)]
#![memory(2, min = 32)]

const A: usize = 1 << 20;
const B: usize = 1 << 20;

fn fill<const M: usize>(p: #[mem_idx(M)] *mut u32, n: usize, seed: u32) {
    let mut x = seed;
    let mut i = 0usize;
    while i < n {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        unsafe { *p.add(i) = x; }
        i += 1;
    }
}

fn sum<const M: usize>(p: #[mem_idx(M)] *const u32, n: usize) -> u32 {
    let mut total = 0u32;
    let mut i = 0usize;
    while i < n {
        total = total.wrapping_add(unsafe { *p.add(i) });
        i += 1;
    }
    total
}

#[no_mangle]
pub extern "C" fn init(n: usize, seed: u32) {
    fill(A as #[mem_idx(1)] *mut u32, n, seed);
    fill(B as #[mem_idx(2)] *mut u32, n, seed ^ 0x5555);
}

#[no_mangle]
pub extern "C" fn run(n: usize) -> u32 {
    sum(A as #[mem_idx(1)] *const u32, n).wrapping_mul(3).wrapping_add(sum(B as #[mem_idx(2)] *const u32, n))
}
