// MISTAKE: the access to a buffer in memory 1 is written without naming a memory (`*p`)
// OUTCOME: wrong
// CALL: go() -> 0
// RIGHT: 42
#![memory(1, min = 1)]
#![memory(2, min = 1)]

#[no_mangle]
pub extern "C" fn go() -> u32 {
    let p = 64 as *mut u32;
    unsafe {
        store_memidx::<1, u32>(p, 42);
        *p // reads memory 0
    }
}
