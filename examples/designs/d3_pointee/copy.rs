// Design 3: a copy from memory 1 to memory 2. The bytes of the two memories
// are of different types (`Far<u8, 1>`, `Far<u8, 2>`), so no `copy::<T>`
// spans them: the copy is an element loop (design 1's far pointers would
// give one memory.copy).
// Exports: init(n, seed) fills n bytes at SRC with a xorshift sequence;
// run(n) copies them to DST; check(n) -> a checksum of the bytes at DST.
#![memory(0, min = 32)]
#![memory(1, min = 32)]
#![memory(2, min = 32)]

/// A `T` placed in memory `M`.
#[mem_idx(M)]
struct Far<T, const M: usize> {
    value: T,
}

const SRC: usize = 1 << 20;
const DST: usize = 1 << 20;

#[no_mangle]
pub extern "C" fn init(n: usize, seed: u32) {
    let p = SRC as *mut Far<u8, 1>;
    let mut x = seed;
    let mut i = 0usize;
    while i < n {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        unsafe { (*p.add(i)).value = x as u8; }
        i += 1;
    }
}

#[no_mangle]
pub extern "C" fn run(n: usize) {
    let src = SRC as *const Far<u8, 1>;
    let dst = DST as *mut Far<u8, 2>;
    let mut i = 0usize;
    while i < n {
        unsafe { (*dst.add(i)).value = (*src.add(i)).value; }
        i += 1;
    }
}

#[no_mangle]
pub extern "C" fn check(n: usize) -> u32 {
    let p = DST as *const Far<u8, 2>;
    let mut h = 2166136261u32;
    let mut i = 0usize;
    while i < n {
        h = (h ^ unsafe { (*p.add(i)).value } as u32).wrapping_mul(16777619);
        i += 1;
    }
    h
}
