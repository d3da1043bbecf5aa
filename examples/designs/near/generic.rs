// One function used on two buffers, both in memory 0: the baseline of the ratios.
// Exports: init(n, seed) fills n u32 at A and at B; run(n) -> sum(A) * 3 + sum(B).
#![memory(0, min = 32)]
#![memory(1, min = 32)]
#![memory(2, min = 32)]

const A: usize = 1 << 20;
const B: usize = (1 << 20) + (1 << 19);

fn fill(p: *mut u32, n: usize, seed: u32) {
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

fn sum(p: *const u32, n: usize) -> u32 {
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
    fill(A as *mut u32, n, seed);
    fill(B as *mut u32, n, seed ^ 0x5555);
}

#[no_mangle]
pub extern "C" fn run(n: usize) -> u32 {
    sum(A as *const u32, n).wrapping_mul(3).wrapping_add(sum(B as *const u32, n))
}
