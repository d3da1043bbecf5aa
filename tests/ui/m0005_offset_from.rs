#![memory(1, min = 1)]

unsafe fn distance(a: #[mem_idx(1)] *const u32, b: #[mem_idx(1)] *const u32, c: *const u32) -> isize {
    let ok = a.offset_from(b);
    b.offset_from(c) //~ ERROR M0005 from a pointer into memory 0 to a pointer into memory 1
}

fn minus(a: #[mem_idx(1)] *const u32, b: #[mem_idx(1)] *const u32) {
    let d = a - b; //~ ERROR E0369
}
