// Projections keep the memory of the pointer they start from.
#![memory(1, min = 1)]

#[repr(C)]
struct Pair { a: u32, b: [u16; 4] }

unsafe fn projections(p: #[mem_idx(1)] *mut Pair, arr: #[mem_idx(1)] *const [u8; 8]) {
    let field: #[mem_idx(1)] *const u32 = &raw const (*p).a;
    let elem: #[mem_idx(1)] *const u16 = &raw const (*p).b[2];
    let byte: #[mem_idx(1)] *const u8 = &raw const (*arr)[3];
    let value: u32 = (*p).a + (*p).b[1] as u32 + (*arr)[0] as u32;
    (*p).b[3] = 7;
    let wrong_field: *const u32 = &raw const (*p).a; //~ ERROR M0001 found a pointer into memory 1
    let wrong_elem: *const u8 = &raw const (*arr)[3]; //~ ERROR M0001
    let by_ref: #[mem_idx(1)] &u32 = &(*p).a;
    let wrong_ref: &u32 = &(*p).a; //~ ERROR M0001
}
