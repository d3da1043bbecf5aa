// Design 4, fat far pointers: the buffer lives in memory 1, and the program
// reaches it through a fat pointer kept in memory 0 (a memory chosen at run time).
// Exports: init(n, seed) fills n u32 at BASE with a xorshift sequence; run(n) -> their wrapping sum.
#![memory(0, min = 32)]
#![memory(1, min = 32)]
#![memory(2, min = 32)]

mod fat;
use fat::FarPtr;

const BASE: usize = 1 << 20;

static mut DATA: FarPtr = FarPtr { mem: 1, addr: BASE };

#[no_mangle]
pub extern "C" fn init(n: usize, seed: u32) {
    let p = unsafe { DATA };
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

#[no_mangle]
pub extern "C" fn run(n: usize) -> u32 {
    let p = unsafe { DATA };
    let mut total = 0u32;
    let mut i = 0usize;
    while i < n {
        total = total.wrapping_add(unsafe { fat::read::<u32>(fat::add::<u32>(p, i)) });
        i += 1;
    }
    total
}
