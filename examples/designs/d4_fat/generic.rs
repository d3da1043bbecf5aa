// Design 4: one ordinary function over fat pointers serves both memories
// (chosen at run time: the buffers' fat pointers are data in memory 0).
// Exports: init(n, seed) fills n u32 at A (memory 1) and at B (memory 2); run(n) -> sum(A) * 3 + sum(B).
#![memory(0, min = 32)]
#![memory(1, min = 32)]
#![memory(2, min = 32)]

mod fat;
use fat::FarPtr;

static mut A: FarPtr = FarPtr { mem: 1, addr: 1 << 20 };
static mut B: FarPtr = FarPtr { mem: 2, addr: 1 << 20 };

fn fill(p: FarPtr, n: usize, seed: u32) {
    let mut x = seed;
    let mut i = 0usize;
    while i < n {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        unsafe { fat::write::<u32>(fat::add::<u32>(p, i), x); }
        i += 1;
    }
}

fn sum(p: FarPtr, n: usize) -> u32 {
    let mut total = 0u32;
    let mut i = 0usize;
    while i < n {
        total = total.wrapping_add(unsafe { fat::read::<u32>(fat::add::<u32>(p, i)) });
        i += 1;
    }
    total
}

#[no_mangle]
pub extern "C" fn init(n: usize, seed: u32) {
    unsafe {
        fill(A, n, seed);
        fill(B, n, seed ^ 0x5555);
    }
}

#[no_mangle]
pub extern "C" fn run(n: usize) -> u32 {
    unsafe { sum(A, n).wrapping_mul(3).wrapping_add(sum(B, n)) }
}
