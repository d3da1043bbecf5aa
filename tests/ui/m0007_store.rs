#![memory(1, min = 1)]
#![memory(2, min = 1)]

#[repr(C)]
struct Holder {
    near: *const u8,
    far: #[mem_idx(1)] *const u8,
}

fn store(p0: *const u8, p1: #[mem_idx(1)] *const u8, p2: #[mem_idx(2)] *const u8) {
    let mut h = Holder { near: p0, far: p1 };
    h.far = p1;
    h.near = p1; //~ ERROR M0007 cannot store a pointer into memory 1 where a pointer into memory 0
    let h2 = Holder { near: p0, far: p2 }; //~ ERROR M0007
    let mut arr: [#[mem_idx(1)] *const u8; 2] = [p1, p1];
    arr[0] = p2; //~ ERROR M0007 pointer into memory 2
    let arr2: [#[mem_idx(1)] *const u8; 2] = [p1, p0]; //~ ERROR M0007
}

unsafe fn through_pointer(slot: *mut #[mem_idx(1)] *const u8, p2: #[mem_idx(2)] *const u8) {
    slot.write(p2); //~ ERROR M0007
}
