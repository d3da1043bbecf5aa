// An access to an address just past 4 GiB in a small 64-bit memory traps; it
// must not wrap around to the low address with the same 32 bits (found by the
// differential generator, tests/gen: the opaque-intrinsics build and the near
// twin trap, -O0 and -O2 stored at address 4096).
// CALL: low(4200) -> 7
// TRAP: high(4096)
// READ: 1 4096 0000000000000000
// ORACLE: skip a 64-bit address has no native meaning
#![memory(1, memory64, min = 1, max = 3, export = "m1")]

#[no_mangle]
pub extern "C" fn low(x: u32) -> u64 {
    unsafe {
        (*((x as u64) as #[mem_idx(1)] *mut i64)) = 1i64;
        7u64
    }
}

#[no_mangle]
pub extern "C" fn high(x: u32) -> u64 {
    unsafe {
        (*((4294967296u64 + (x as u64)) as #[mem_idx(1)] *mut i64)) = 1i64;
        7u64
    }
}
