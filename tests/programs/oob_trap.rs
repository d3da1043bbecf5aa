// An out-of-bounds far access traps (memory 1 has one page of 64 KiB).
// CALL: in_bounds() -> 0
// TRAP: out_of_bounds()
// ORACLE: skip a native build has no 64 KiB memory to run off
#![memory(1, min = 1, max = 1)]

#[no_mangle]
pub extern "C" fn in_bounds() -> u32 {
    let p = 65532 as #[mem_idx(1)] *const u32;
    unsafe { *p }
}

#[no_mangle]
pub extern "C" fn out_of_bounds() -> u32 {
    let p = 65536 as #[mem_idx(1)] *const u32;
    unsafe { *p }
}
