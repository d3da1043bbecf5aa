// Design 2: one generic function over the memory index, which every call
// must name again (`sum::<1>`); the pointer itself says nothing.
// Exports: init(n, seed) fills n u32 at A (memory 1) and at B (memory 2); run(n) -> sum(A) * 3 + sum(B).
#![memory(0, min = 32)]
#![memory(1, min = 32)]
#![memory(2, min = 32)]

const A: usize = 1 << 20;
const B: usize = 1 << 20;

fn fill<const M: usize>(p: *mut u32, n: usize, seed: u32) {
    let mut x = seed;
    let mut i = 0usize;
    while i < n {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        unsafe { store_memidx::<M, u32>(p.add(i), x); }
        i += 1;
    }
}

fn sum<const M: usize>(p: *const u32, n: usize) -> u32 {
    let mut total = 0u32;
    let mut i = 0usize;
    while i < n {
        total = total.wrapping_add(unsafe { load_memidx::<M, u32>(p.add(i)) });
        i += 1;
    }
    total
}

#[no_mangle]
pub extern "C" fn init(n: usize, seed: u32) {
    fill::<1>(A as *mut u32, n, seed);
    fill::<2>(B as *mut u32, n, seed ^ 0x5555);
}

#[no_mangle]
pub extern "C" fn run(n: usize) -> u32 {
    sum::<1>(A as *const u32, n).wrapping_mul(3).wrapping_add(sum::<2>(B as *const u32, n))
}
