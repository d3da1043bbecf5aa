// The memory rules through function pointers: a pointer's memory is part of
// the function pointer type, so no function is handed (or hands back) a
// pointer into another memory than the one its signature names.
#![memory(1, min = 1)]

unsafe fn read_near(p: *const u8) -> u8 {
    *p
}

unsafe fn read_far(p: #[mem_idx(1)] *const u8) -> u8 {
    *p
}

fn read_any<const M: usize>(p: #[mem_idx(M)] *const u8) -> #[mem_idx(M)] *const u8 {
    p
}

fn far_source() -> #[mem_idx(1)] *const u8 {
    16usize as #[mem_idx(1)] *const u8
}

fn signatures() {
    let ok: unsafe fn(#[mem_idx(1)] *const u8) -> u8 = read_far;
    let bad: unsafe fn(*const u8) -> u8 = read_far; //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
    let back: fn() -> *const u8 = far_source; //~ ERROR M0001
    let inst: fn(#[mem_idx(1)] *const u8) -> #[mem_idx(1)] *const u8 = read_any; // instance read_any<1>
    let mixed: fn(#[mem_idx(1)] *const u8) -> *const u8 = read_any; //~ ERROR M0001
}

fn apply(f: unsafe fn(*const u8) -> u8, p: *const u8) -> u8 {
    unsafe { f(p) }
}

fn calls(far: #[mem_idx(1)] *const u8, near: *const u8) {
    apply(read_near, near);
    apply(read_far, near); //~ ERROR M0002
    let f: unsafe fn(#[mem_idx(1)] *const u8) -> u8 = read_far;
    unsafe { f(near) }; //~ ERROR M0002 argument points into memory 0, but the parameter points into memory 1
    let g: fn(#[mem_idx(1)] *const u8) -> #[mem_idx(1)] *const u8 = read_any;
    let q: *const u8 = g(far); //~ ERROR M0001
}

struct Handlers {
    far: unsafe fn(#[mem_idx(1)] *const u8) -> u8,
}

fn stores(h: &mut Handlers) {
    h.far = read_far;
    h.far = read_near; //~ ERROR M0007
    let table: [unsafe fn(*const u8) -> u8; 2] = [read_near, read_far]; //~ ERROR M0007
}
