// MISTAKE: an index past the end of memory 1 (one page)
// OUTCOME: trap
// TRAP: go(16384)
#![memory(1, min = 1)]
#![memory(2, min = 1)]

#[no_mangle]
pub extern "C" fn go(i: usize) -> u32 {
    let p = 0 as #[mem_idx(1)] *const u32;
    unsafe { *p.add(i) }
}
