// memory.copy and memory.fill within and between memories; memory.size and memory.grow.
// CALL: copy_between() -> 10
// CALL: copy_back() -> 100
// CALL: fill_far() -> 1020
// CALL: sizes() -> 3
// CALL: grow_far() -> 1
// ORACLE: skip memory_size and memory_grow have no native meaning
#![memory(1, min = 1, max = 4)]
#![memory(2, min = 2)]

#[mem_idx(1)]
static mut FAR_BUF: [u32; 16] = [0; 16];

#[no_mangle]
pub extern "C" fn copy_between() -> u32 {
    let near = [1u32, 2, 3, 4];
    let dst = 64 as #[mem_idx(2)] *mut u32;
    unsafe {
        copy_nonoverlapping(&raw const near[0], dst, 4);
        *dst + *dst.add(1) + *dst.add(2) + *dst.add(3)
    }
}

#[no_mangle]
pub extern "C" fn copy_back() -> u32 {
    let src = 64 as #[mem_idx(2)] *mut u32;
    unsafe {
        *src.add(3) = 94;
        let far = (&raw mut FAR_BUF).cast::<u32>();
        copy(src.cast_const(), far, 4);
        let mut near = [0u32; 4];
        copy(far.cast_const(), &raw mut near[0], 4);
        near[0] + near[1] + near[2] + near[3]
    }
}

#[no_mangle]
pub extern "C" fn fill_far() -> u32 {
    unsafe {
        let far = (&raw mut FAR_BUF).cast::<u8>();
        write_bytes(far, 0xFF, 4);
        let word = *far.cast::<u32>();
        (word & 0x3FF) as u32 - 3
    }
}

#[no_mangle]
pub extern "C" fn sizes() -> usize {
    memory_size::<1>() + memory_size::<2>()
}

#[no_mangle]
pub extern "C" fn grow_far() -> usize {
    unsafe { memory_grow::<1>(2) }
}
