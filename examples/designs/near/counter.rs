// An atomic counter in memory 0: the baseline of the ratios.
// Exports: init(start) sets the counter; run(n) adds 1 to it n times, atomically, and -> its value.
#![memory(0, min = 32)]
#![memory(1, min = 32)]
#![memory(2, shared, min = 1, max = 1)]

const COUNTER: usize = 1 << 20;

#[no_mangle]
pub extern "C" fn init(start: u32) {
    unsafe { atomic_store_seqcst(COUNTER as *mut u32, start) }
}

#[no_mangle]
pub extern "C" fn run(n: u32) -> u32 {
    let c = COUNTER as *mut u32;
    let mut i = 0u32;
    while i < n {
        unsafe { atomic_xadd_seqcst(c, 1); }
        i += 1;
    }
    unsafe { atomic_load_seqcst(c) }
}
