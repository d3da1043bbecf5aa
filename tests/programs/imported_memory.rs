// An imported memory written by the host and read (and written) by the program.
// HOST-WRITE: 1 8 2a000000
// HOST-WRITE: 1 12 01000000
// CALL: read_host() -> 43
// CALL: write_back(77) -> 0
// READ: 1 16 4d000000
// ORACLE: skip the host provides memory 1
#![memory(1, import = "host.shared", min = 1)]

#[no_mangle]
pub extern "C" fn read_host() -> u32 {
    let p = 8 as #[mem_idx(1)] *const u32;
    unsafe { *p + *p.add(1) }
}

#[no_mangle]
pub extern "C" fn write_back(v: u32) -> u32 {
    let p = 16 as #[mem_idx(1)] *mut u32;
    unsafe { *p = v; }
    0
}
