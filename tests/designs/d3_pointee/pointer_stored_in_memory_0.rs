// MISTAKE: a pointer to memory 1 is stored in memory 0 and read back as a pointer into memory 0
// OUTCOME: rejected M0006
#![memory(1, min = 1)]
#![memory(2, min = 1)]

/// A `T` placed in memory `M`.
#[mem_idx(M)]
struct Far<T, const M: usize> {
    value: T,
}

static mut SLOT: *const Far<u32, 1> = 0 as *const Far<u32, 1>;

#[no_mangle]
pub extern "C" fn go() -> u32 {
    unsafe {
        let buf = 64 as *mut Far<u32, 1>;
        (*buf).value = 42;
        SLOT = buf;
        let back = (&raw const SLOT) as *const *const u32;
        **back
    }
}
