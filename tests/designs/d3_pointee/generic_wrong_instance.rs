// MISTAKE: code generic over the memory is used for the wrong memory (`first::<2>` of a buffer in memory 1)
// OUTCOME: rejected M0008
#![memory(1, min = 1)]
#![memory(2, min = 1)]

/// A `T` placed in memory `M`.
#[mem_idx(M)]
struct Far<T, const M: usize> {
    value: T,
}

fn first<const M: usize>(p: *const Far<u32, M>) -> u32 {
    unsafe { (*p).value }
}

#[no_mangle]
pub extern "C" fn go() -> u32 {
    let buf = 64 as *mut Far<u32, 1>;
    unsafe { (*buf).value = 42; }
    first::<2>(buf)
}
