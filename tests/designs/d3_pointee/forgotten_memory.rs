// MISTAKE: the access to a buffer in memory 1 is written without naming a memory (`*p`)
// OUTCOME: right
// CALL: go() -> 42
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
    unsafe {
        (*p).value = 42;
        (*p).value // the data's type names memory 1
    }
}
