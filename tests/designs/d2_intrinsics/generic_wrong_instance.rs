// MISTAKE: code generic over the memory is used for the wrong memory (`first::<2>` of a buffer in memory 1)
// OUTCOME: wrong
// CALL: go() -> 0
// RIGHT: 42
#![memory(1, min = 1)]
#![memory(2, min = 1)]

fn first<const M: usize>(p: *const u32) -> u32 {
    unsafe { load_memidx::<M, u32>(p) }
}

#[no_mangle]
pub extern "C" fn go() -> u32 {
    let buf = 64 as *mut u32;
    unsafe { store_memidx::<1, u32>(buf, 42); }
    first::<2>(buf)
}
