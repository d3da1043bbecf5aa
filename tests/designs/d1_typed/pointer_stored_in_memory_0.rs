// MISTAKE: a pointer to memory 1 is stored in memory 0 and read back as a pointer into memory 0
// OUTCOME: rejected M0006
#![memory(1, min = 1)]
#![memory(2, min = 1)]

static mut SLOT: #[mem_idx(1)] *const u32 = 0 as #[mem_idx(1)] *const u32;

#[no_mangle]
pub extern "C" fn go() -> u32 {
    unsafe {
        let buf = 64 as #[mem_idx(1)] *mut u32;
        *buf = 42;
        SLOT = buf;
        let back = (&raw const SLOT) as *const *const u32;
        **back
    }
}
