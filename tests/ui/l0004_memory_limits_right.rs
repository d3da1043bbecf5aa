// LINK: lib=linked/lib.rs
// Right: a smaller min and a larger max are what an engine accepts too.
#![memory(6, import = "lib.data", min = 1, max = 8)]

#[no_mangle]
pub extern "C" fn get() -> u32 {
    unsafe { *(0 as #[mem_idx(6)] *const u32) }
}
