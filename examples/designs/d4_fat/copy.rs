// Design 4: a copy between two memories chosen at run time (fat pointers kept
// in memory 0; the library dispatches on both memories, then one memory.copy).
// Exports: init(n, seed) fills n bytes at SRC with a xorshift sequence;
// run(n) copies them to DST; check(n) -> a checksum of the bytes at DST.
#![memory(0, min = 32)]
#![memory(1, min = 32)]
#![memory(2, min = 32)]

mod fat;
use fat::FarPtr;

static mut SRC: FarPtr = FarPtr { mem: 1, addr: 1 << 20 };
static mut DST: FarPtr = FarPtr { mem: 2, addr: 1 << 20 };

#[no_mangle]
pub extern "C" fn init(n: usize, seed: u32) {
    let p = unsafe { SRC };
    let mut x = seed;
    let mut i = 0usize;
    while i < n {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        unsafe { fat::write::<u8>(fat::add::<u8>(p, i), x as u8); }
        i += 1;
    }
}

#[no_mangle]
pub extern "C" fn run(n: usize) {
    unsafe { fat::copy_bytes(SRC, DST, n) }
}

#[no_mangle]
pub extern "C" fn check(n: usize) -> u32 {
    let p = unsafe { DST };
    let mut h = 2166136261u32;
    let mut i = 0usize;
    while i < n {
        h = (h ^ unsafe { fat::read::<u8>(fat::add::<u8>(p, i)) } as u32).wrapping_mul(16777619);
        i += 1;
    }
    h
}
