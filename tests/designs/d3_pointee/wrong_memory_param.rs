// MISTAKE: a function written for data in memory 0 is given a buffer that lives in memory 1
// OUTCOME: rejected M0002
#![memory(1, min = 1)]
#![memory(2, min = 1)]

/// A `T` placed in memory `M`.
#[mem_idx(M)]
struct Far<T, const M: usize> {
    value: T,
}

fn first(p: *const u32) -> u32 {
    unsafe { *p }
}

#[no_mangle]
pub extern "C" fn go() -> u32 {
    let buf = 64 as *mut Far<u32, 1>;
    unsafe { (*buf).value = 42; }
    first(buf.cast::<u32>())
}
