// MISTAKE: an address obtained in memory 1 is used to read memory 2
// OUTCOME: wrong
// CALL: go() -> 0
// RIGHT: 42
#![memory(1, min = 1)]
#![memory(2, min = 1)]

#[no_mangle]
pub extern "C" fn go() -> u32 {
    let p = 64 as *mut u32;
    unsafe { store_memidx::<1, u32>(p, 42); }
    unsafe { load_memidx::<2, u32>(p) }
}
