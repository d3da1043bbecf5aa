#![memory(1, min = 1)]

// A generic function is fine until an instance touches an undeclared memory.
fn generic_deref<const M: usize>(p: #[mem_idx(M)] *const u8) -> u8 {
    unsafe { *p } //~ ERROR M0009 in instance
}

fn instantiate(p: #[mem_idx(4)] *const u8) -> u8 {
    generic_deref(p)
}

fn fine(p: #[mem_idx(1)] *const u8) -> u8 {
    generic_deref(p)
}
