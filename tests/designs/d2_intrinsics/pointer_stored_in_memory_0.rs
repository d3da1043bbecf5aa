// MISTAKE: a pointer to memory 1 is stored in memory 0 and read back as a pointer into memory 0
// OUTCOME: wrong
// CALL: go() -> 0
// RIGHT: 42
#![memory(1, min = 1)]
#![memory(2, min = 1)]

static mut SLOT: *const u32 = 0 as *const u32; // an address in memory 1, but nothing says so

#[no_mangle]
pub extern "C" fn go() -> u32 {
    unsafe {
        let buf = 64 as *mut u32;
        store_memidx::<1, u32>(buf, 42);
        SLOT = buf;
        *SLOT
    }
}
