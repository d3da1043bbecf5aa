// MISTAKE: an index past the end of memory 1 (one page)
// OUTCOME: trap
// TRAP: go(16384)
#![memory(1, min = 1)]
#![memory(2, min = 1)]

/// A `T` placed in memory `M`.
#[mem_idx(M)]
struct Far<T, const M: usize> {
    value: T,
}

#[no_mangle]
pub extern "C" fn go(i: usize) -> u32 {
    let p = 0 as *const Far<u32, 1>;
    unsafe { (*p.add(i)).value }
}
