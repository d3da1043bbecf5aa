// memory.copy between every pair of 32- and 64-bit memories (memory 0, a 32-bit
// far memory 1, two 64-bit memories 2 and 3), within a 64-bit memory
// (overlapping), and memory.fill on a 64-bit memory. Each copy is one
// `memory.copy $dst $src` whose length has the narrower memory's address type;
// every result is a checksum of the eight words the copy wrote, checked
// against an independently written sum (the expected values: 8 words
// base..base+7 under s = s * 3 + w).
// CALL: near_to_64() -> 34436
// CALL: from_64_to_near() -> 329636
// CALL: from_64_to_far() -> 3281636
// CALL: far_to_64() -> 16401636
// CALL: between_64() -> 22961636
// CALL: overlapping_64() -> 22964915
// CALL: fill_64() -> 231591373
// READ: 3 256 011b0000
// ORACLE: skip fixed addresses in far and 64-bit memories
#![memory(1, min = 1)]
#![memory(2, memory64, min = 1, export = "m2")]
#![memory(3, memory64, min = 1, export = "m3")]

static mut NEAR: [u32; 8] = [0u32; 8];

unsafe fn fill<const M: usize>(p: #[mem_idx(M)] *mut u32, base: u32) {
    let mut i = 0usize;
    while i < 8 {
        *p.add(i) = base + i as u32;
        i += 1;
    }
}

unsafe fn sum<const M: usize>(p: #[mem_idx(M)] *const u32) -> u32 {
    let mut s = 0u32;
    let mut i = 0usize;
    while i < 8 {
        s = s.wrapping_mul(3).wrapping_add(*p.add(i));
        i += 1;
    }
    s
}

fn near() -> *mut u32 { unsafe { &raw mut NEAR as *mut u32 } }
fn far() -> #[mem_idx(1)] *mut u32 { 64usize as #[mem_idx(1)] *mut u32 }
fn wide() -> #[mem_idx(2)] *mut u32 { 128u64 as #[mem_idx(2)] *mut u32 }
fn other() -> #[mem_idx(3)] *mut u32 { 256u64 as #[mem_idx(3)] *mut u32 }

#[no_mangle] pub extern "C" fn near_to_64() -> u32 {
    unsafe { fill(near(), 10); copy_nonoverlapping(near(), wide(), 8); sum(wide()) }
}

#[no_mangle] pub extern "C" fn from_64_to_near() -> u32 {
    unsafe { fill(wide(), 100); copy_nonoverlapping(wide(), near(), 8); sum(near()) }
}

#[no_mangle] pub extern "C" fn from_64_to_far() -> u32 {
    unsafe { fill(wide(), 1000); copy_nonoverlapping(wide(), far(), 8); sum(far()) }
}

#[no_mangle] pub extern "C" fn far_to_64() -> u32 {
    unsafe { fill(far(), 5000); copy(far(), other(), 8); sum(other()) }
}

#[no_mangle] pub extern "C" fn between_64() -> u32 {
    unsafe { fill(other(), 7000); copy(other(), wide(), 8); sum(wide()) }
}

/// words 1..8 of memory 2 move down one word (a memmove); the last one stays
#[no_mangle] pub extern "C" fn overlapping_64() -> u32 {
    unsafe { copy(wide().add(1), wide(), 7); sum(wide()) }
}

/// every byte of the 8 words of memory 3 becomes 1, then word 0 gets 0x1b01 (the sum
/// shifted right 4 to stay below 2^31)
#[no_mangle] pub extern "C" fn fill_64() -> u32 {
    unsafe {
        write_bytes(other(), 1, 8);
        let s = sum(other());
        *other() = 0x1b01;
        s >> 4
    }
}
