// MISTAKE: an address obtained in memory 1 is used to read memory 2
// OUTCOME: rejected M0001
#![memory(1, min = 1)]
#![memory(2, min = 1)]

#[no_mangle]
pub extern "C" fn go() -> u32 {
    let p = 64 as #[mem_idx(1)] *mut u32;
    unsafe { *p = 42; }
    let q: #[mem_idx(2)] *const u32 = p;
    unsafe { *q }
}
