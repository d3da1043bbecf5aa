#![memory(1, min = 1)]
#![memory(2, min = 1)]

fn assign(p: #[mem_idx(1)] *const u8, q0: *const u8) {
    let a: #[mem_idx(1)] *const u8 = p;
    let b: *const u8 = p; //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
    let mut c: #[mem_idx(2)] *const u8 = q0 as usize as #[mem_idx(2)] *const u8;
    c = p; //~ ERROR M0001 expected a pointer into memory 2, found a pointer into memory 1
    let d: #[mem_idx(1)] *const u8 = a;
}

fn nested(pp: *const #[mem_idx(2)] *const u8) {
    let ok: *const #[mem_idx(2)] *const u8 = pp;
    let bad: *const #[mem_idx(1)] *const u8 = pp; //~ ERROR M0001 behind 1 level of pointer
}

fn refs(r: #[mem_idx(2)] &u32) {
    let r2: &u32 = r; //~ ERROR M0001 found a pointer into memory 2
}
