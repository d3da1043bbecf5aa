// Zero-length copies and fills do nothing, wherever they point (as
// llvm.memcpy/memset promise), even past the end of a far memory; a
// non-zero length there traps.
// CALL: fill_past_end(0) -> 1
// CALL: copy_past_end(0) -> 2
// CALL: copy_between_far(0) -> 3
// CALL: fill_some(5) -> 7
// TRAP: fill_past_end(3)
// ORACLE: skip uses addresses that only exist in a wasm memory
#![memory(1, min = 1)]
#![memory(2, min = 1)]

#[no_mangle]
pub extern "C" fn fill_past_end(n: usize) -> u32 {
    unsafe { write_bytes(1048576 as #[mem_idx(1)] *mut u8, 0, n); }
    1
}

#[no_mangle]
pub extern "C" fn copy_past_end(n: usize) -> u32 {
    let near = [1u8; 4];
    unsafe { copy_nonoverlapping(&raw const near[0], 1048576 as #[mem_idx(1)] *mut u8, n); }
    2
}

#[no_mangle]
pub extern "C" fn copy_between_far(n: usize) -> u32 {
    unsafe { copy(2000000 as #[mem_idx(2)] *const u32, 3000000 as #[mem_idx(1)] *mut u32, n); }
    3
}

#[no_mangle]
pub extern "C" fn fill_some(n: usize) -> u32 {
    let p = 100 as #[mem_idx(1)] *mut u8;
    unsafe {
        write_bytes(p, 7, n);
        *p.add(n - 1) as u32
    }
}
