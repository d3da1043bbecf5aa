// Pointers into a 64-bit memory are 8 bytes wide wherever they are stored:
// element 1 of an array of them is at byte 8 at every -O level (found by the
// differential generator, tests/gen: -O0 stored it at byte 4).
// CALL: store() -> 4196
// READ: 3 4360 00000000000000006410000000000000
// ORACLE: skip the host reads memory 3 directly
#![memory(3, memory64, min = 1, max = 3, export = "m3")]

#[no_mangle]
pub extern "C" fn store() -> u64 {
    unsafe {
        let cells = 4360u64 as #[mem_idx(3)] *mut #[mem_idx(3)] *mut i32;
        *cells.add(1) = (4160u64 as #[mem_idx(3)] *mut i32).add(9);
        *(4368u64 as #[mem_idx(3)] *const u64)
    }
}
