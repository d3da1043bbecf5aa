// A memory exported under a name and read by the host after the program fills it.
// CALL: fill(5) -> 0
// READ: 2 0 0506070809
// ORACLE: skip the host reads memory 2 directly
#![memory(2, min = 1, max = 2, export = "results")]

#[no_mangle]
pub extern "C" fn fill(start: u8) -> u32 {
    let base = 0 as #[mem_idx(2)] *mut u8;
    let mut i = 0usize;
    while i < 5 {
        unsafe { *base.add(i) = start + i as u8; }
        i += 1;
    }
    0
}
