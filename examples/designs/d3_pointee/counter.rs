// Design 3: the counter's type lives in the shared far memory (2); its field
// is a design-1 far place, which the atomic intrinsics take.
// Exports: init(start) sets the counter; run(n) adds 1 to it n times, atomically, and -> its value.
#![memory(0, min = 32)]
#![memory(1, min = 32)]
#![memory(2, shared, min = 1, max = 1)]

#[mem_idx(2)]
struct Counter {
    value: u32,
}

static mut COUNTER: Counter = Counter { value: 0 };

#[no_mangle]
pub extern "C" fn init(start: u32) {
    unsafe { atomic_store_seqcst(&raw mut COUNTER.value, start) }
}

#[no_mangle]
pub extern "C" fn run(n: u32) -> u32 {
    let c = unsafe { &raw mut COUNTER.value };
    let mut i = 0u32;
    while i < n {
        unsafe { atomic_xadd_seqcst(c, 1); }
        i += 1;
    }
    unsafe { atomic_load_seqcst(c) }
}
