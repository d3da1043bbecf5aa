// MISTAKE: code generic over the memory is used for the wrong memory (`first::<2>` of a buffer in memory 1)
// OUTCOME: rejected M0008
#![memory(1, min = 1)]
#![memory(2, min = 1)]

fn first<const M: usize>(p: #[mem_idx(M)] *const u32) -> u32 {
    unsafe { *p }
}

#[no_mangle]
pub extern "C" fn go() -> u32 {
    let buf = 64 as #[mem_idx(1)] *mut u32;
    unsafe { *buf = 42; }
    first::<2>(buf)
}
