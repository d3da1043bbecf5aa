#![memory(3, memory64, min = 1)]

fn addresses(p: #[mem_idx(3)] *const u8) -> u64 {
    let wide = p as u64;
    let narrow = p as usize; //~ ERROR M0010 does not fit in `usize`
    let narrow32 = p as u32; //~ ERROR M0010
    let pages: u64 = memory_size::<3>();
    let bad_pages: usize = memory_size::<3>(); //~ ERROR E0308
    wide
}

// distances in a 64-bit memory are `i64`, as sizes are `u64`
fn distances(p: #[mem_idx(3)] *const u32, q: #[mem_idx(3)] *const u32) -> i64 {
    let narrow: isize = unsafe { p.offset_from(q) }; //~ ERROR E0308
    //~| LABEL expected `isize`, found `i64`
    unsafe { p.offset_from(q) }
}
