// A 64-bit memory: pointers are 64 bits wide, sizes are u64.
// CALL: store_and_load(99) -> 99
// CALL: wide_address() -> 65536
// CALL: pages() -> 1
// ORACLE: skip memory_size has no native meaning
#![memory(3, memory64, min = 1, max = 4)]

#[no_mangle]
pub extern "C" fn store_and_load(v: u64) -> u64 {
    let p = 4096u64 as #[mem_idx(3)] *mut u64;
    unsafe {
        *p.add(1) = v;
        *p.add(1)
    }
}

#[no_mangle]
pub extern "C" fn wide_address() -> u64 {
    let p = 65528u64 as #[mem_idx(3)] *const u64;
    unsafe { p.add(1) as u64 }
}

#[no_mangle]
pub extern "C" fn pages() -> u64 { memory_size::<3>() }
