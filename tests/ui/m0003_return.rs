#![memory(1, min = 1)]

fn tail(p: #[mem_idx(1)] *const u8) -> *const u8 {
    p //~ ERROR M0003 returned pointer points into memory 1
}

fn explicit(p: #[mem_idx(1)] *mut u32) -> #[mem_idx(1)] *mut u32 {
    if p.is_null() {
        return p;
    }
    let q: *mut u32 = 0 as *mut u32;
    return q; //~ ERROR M0003 points into memory 0, but the return type points into memory 1
}
