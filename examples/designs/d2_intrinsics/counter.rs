// Design 2: an atomic counter in a shared far memory (2) with the intrinsics:
// atomics need memory-indexed forms of their own (`atomic_xadd_memidx` ...).
// Exports: init(start) sets the counter; run(n) adds 1 to it n times, atomically, and -> its value.
#![memory(0, min = 32)]
#![memory(1, min = 32)]
#![memory(2, shared, min = 1, max = 1)]

const COUNTER: usize = 64;

#[no_mangle]
pub extern "C" fn init(start: u32) {
    unsafe { atomic_store_memidx::<2, u32>(COUNTER as *mut u32, start) }
}

#[no_mangle]
pub extern "C" fn run(n: u32) -> u32 {
    let c = COUNTER as *mut u32;
    let mut i = 0u32;
    while i < n {
        unsafe { atomic_xadd_memidx::<2, u32>(c, 1); }
        i += 1;
    }
    unsafe { atomic_load_memidx::<2, u32>(c as *const u32) }
}
