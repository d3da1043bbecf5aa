// MISTAKE: an index past the end of memory 1 (one page)
// OUTCOME: trap
// TRAP: go(16384)
#![memory(1, min = 1)]
#![memory(2, min = 1)]

#[no_mangle]
pub extern "C" fn go(i: usize) -> u32 {
    let p = 0 as *const u32;
    unsafe { load_memidx::<1, u32>(p.add(i)) }
}
