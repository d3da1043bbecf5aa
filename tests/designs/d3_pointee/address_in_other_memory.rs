// MISTAKE: an address obtained in memory 1 is used to read memory 2
// OUTCOME: rejected M0006
#![memory(1, min = 1)]
#![memory(2, min = 1)]

/// A `T` placed in memory `M`.
#[mem_idx(M)]
struct Far<T, const M: usize> {
    value: T,
}

#[no_mangle]
pub extern "C" fn go() -> u32 {
    let p = 64 as *mut Far<u32, 1>;
    unsafe { (*p).value = 42; }
    let q = p as *const Far<u32, 2>;
    unsafe { (*q).value }
}
