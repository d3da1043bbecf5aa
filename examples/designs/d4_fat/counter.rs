// Design 4: an atomic counter in the memory a fat pointer names (the shared
// far memory 2); each atomic access dispatches on the memory.
// Exports: init(start) sets the counter; run(n) adds 1 to it n times, atomically, and -> its value.
#![memory(0, min = 32)]
#![memory(1, min = 32)]
#![memory(2, shared, min = 1, max = 1)]

mod fat;
use fat::FarPtr;

static mut COUNTER: FarPtr = FarPtr { mem: 2, addr: 64 };

#[no_mangle]
pub extern "C" fn init(start: u32) {
    unsafe { fat::atomic_store_u32(COUNTER, start) }
}

#[no_mangle]
pub extern "C" fn run(n: u32) -> u32 {
    let c = unsafe { COUNTER };
    let mut i = 0u32;
    while i < n {
        unsafe { fat::atomic_add_u32(c, 1); }
        i += 1;
    }
    unsafe { fat::atomic_load_u32(c) }
}
