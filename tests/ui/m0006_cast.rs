#![memory(1, min = 1)]

fn casts(p0: *const u8, p1: #[mem_idx(1)] *const u32) {
    let same_memory = p1 as #[mem_idx(1)] *const u8;
    let mutable = p1 as #[mem_idx(1)] *mut u32;
    let round_trip = p0 as usize as #[mem_idx(1)] *const u8;
    let bad = p0 as #[mem_idx(1)] *const u8; //~ ERROR M0006 cannot cast a pointer into memory 0 to a pointer into memory 1
    let back = p1 as *const u32; //~ ERROR M0006
    let addr = p1 as usize;
    let method_cast = p1.cast::<u8>();
    let keeps_memory: #[mem_idx(1)] *const u8 = p1.cast::<u8>();
}
