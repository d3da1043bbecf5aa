#![memory(1, min = 1)]

// Mentioning memory 7 in a type is fine...
fn mention(_: #[mem_idx(7)] *const u8) {}

fn touch(p: #[mem_idx(7)] *mut u8, q: #[mem_idx(1)] *mut u8) {
    unsafe {
        *q = 1;
        *p = 1; //~ ERROR M0009 accesses memory 7
        let x = p.read(); //~ ERROR M0009
        let pages = memory_size::<3>(); //~ ERROR M0009 accesses memory 3
        let v: u32 = load_memidx::<5, u32>(0 as *const u32); //~ ERROR M0009
    }
}

#[mem_idx(9)] //~ ERROR M0009 placed in memory 9
static FAR: u32 = 1;
