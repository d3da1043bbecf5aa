// Design 3 with a home in a 64-bit memory: `*const Particle` is a 64-bit
// pointer into memory 1 without naming it (so is `&Particle` and `&self`),
// stored 8 bytes wide in memory 0, read back whole; an address just past
// 4 GiB traps instead of wrapping to the low address with the same 32 bits.
// CALL: put_get(16384, 7, 1099511627776) -> 1099511627783
// CALL: method(16384, 3, 40) -> 43
// CALL: pointer_width() -> 8
// CALL: stored(8192, 5) -> 5
// TRAP: past_4gib(4096)
// READ: 1 4096 0000000000000000
// ORACLE: skip a 64-bit address has no native meaning
#![memory(1, memory64, min = 1, max = 3, export = "m1")]

#[mem_idx(1)]
#[derive(Clone, Copy)]
struct Particle {
    x: u32,
    y: u64,
}

impl Particle {
    fn total(&self) -> u64 {
        self.x as u64 + self.y
    }
}

#[no_mangle]
pub extern "C" fn put_get(a: u64, x: u32, y: u64) -> u64 {
    let p = a as *mut Particle;
    unsafe {
        (*p).x = x;
        (*p).y = y;
        (*p).x as u64 + (*p).y
    }
}

#[no_mangle]
pub extern "C" fn method(a: u64, x: u32, y: u64) -> u64 {
    let p = a as *mut Particle;
    unsafe {
        *p = Particle { x, y };
        let r: &Particle = &*p;
        r.total()
    }
}

#[no_mangle]
pub extern "C" fn pointer_width() -> usize {
    core::mem::size_of::<*const Particle>()
}

static mut SLOT: *const Particle = 0u64 as *const Particle;

#[no_mangle]
pub extern "C" fn stored(a: u64, x: u32) -> u32 {
    unsafe {
        *(a as *mut Particle) = Particle { x, y: 0 };
        SLOT = a as *const Particle;
        (*SLOT).x
    }
}

#[no_mangle]
pub extern "C" fn past_4gib(a: u64) -> u32 {
    let p = (4294967296u64 + a) as *mut Particle;
    unsafe {
        (*p).x = 9;
        (*p).x
    }
}
