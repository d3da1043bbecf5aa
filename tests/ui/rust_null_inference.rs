#![memory(1, min = 1)]

// `null()` / `null_mut()` take their memory from later use, as Rust infers
// types; a null that nothing constrains is a near pointer.

fn later_use(c: bool, far: #[mem_idx(1)] *const u8, far_mut: #[mem_idx(1)] *mut u8) -> #[mem_idx(1)] *const u8 {
    let branch = if c { null() } else { far };
    let compared = null() == far || far != null();
    let mut assigned = null();
    assigned = far;
    let listed = [null(), far, null()];
    let looped = loop { if c { break null_mut(); } break far_mut; };
    let cast = null::<u8>() as #[mem_idx(1)] *const u8;
    let near: *const u8 = null();
    let unconstrained = null::<u8>();
    if compared && near.is_null() && unconstrained.is_null() { listed[1] } else { branch }
}

fn conflicts(c: bool, far: #[mem_idx(1)] *const u8, near: *const u8) {
    let mut p = null();
    p = far;
    p = near; //~ ERROR M0001 expected a pointer into memory 1, found a pointer into memory 0
    let q = [null(), far, near]; //~ ERROR M0007
    let r = if c { null() } else { far } == near; //~ ERROR M0004
}
