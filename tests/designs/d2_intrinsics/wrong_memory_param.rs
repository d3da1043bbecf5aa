// MISTAKE: a function written for data in memory 0 is given a buffer that lives in memory 1
// OUTCOME: wrong
// CALL: go() -> 0
// RIGHT: 42
#![memory(1, min = 1)]
#![memory(2, min = 1)]

fn first(p: *const u32) -> u32 {
    unsafe { *p }
}

#[no_mangle]
pub extern "C" fn go() -> u32 {
    let buf = 64 as *mut u32;
    unsafe { store_memidx::<1, u32>(buf, 42); }
    first(buf)
}
