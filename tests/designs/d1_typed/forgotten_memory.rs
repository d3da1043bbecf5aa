// MISTAKE: the access to a buffer in memory 1 is written without naming a memory (`*p`)
// OUTCOME: right
// CALL: go() -> 42
#![memory(1, min = 1)]
#![memory(2, min = 1)]

#[no_mangle]
pub extern "C" fn go() -> u32 {
    let p = 64 as #[mem_idx(1)] *mut u32;
    unsafe {
        *p = 42;
        *p // the pointer's type names memory 1
    }
}
