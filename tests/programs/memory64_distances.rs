// Distances between pointers into a 64-bit memory are `i64`, as its sizes
// are `u64` (a distance there need not fit in `isize`).
// CALL: distance(100) -> 100
// CALL: distance(0) -> 0
// CALL: backwards(16) -> -16
// ORACLE: skip offset_from returns i64 only for 64-bit far memories
#![memory(3, memory64, min = 1)]

#[no_mangle]
pub extern "C" fn distance(n: u64) -> i64 {
    let base = 64 as #[mem_idx(3)] *const u32;
    unsafe { base.add(n as usize).offset_from(base) }
}

#[no_mangle]
pub extern "C" fn backwards(n: u64) -> i64 {
    let base = 4096 as #[mem_idx(3)] *const u16;
    let d: i64 = unsafe { base.sub(n as usize).offset_from(base) };
    d
}
