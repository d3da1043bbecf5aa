// LINK: lib=linked/lib.rs
// An imported memory is declared with the linked memory's flags and limits.
#![memory(1, import = "lib.memory", max = 2)] //~ ERROR L0004 memory 1 does not match `lib.memory`: the linked memory has no max, but this file's import says max 2
#![memory(2, import = "lib.data", min = 3)] //~ ERROR L0004 the linked memory has min 2 pages, below this file's min 3
#![memory(3, import = "lib.data", max = 3)] //~ ERROR L0004 has max 4 pages, but this file's import says max 3
#![memory(4, import = "lib.shared", min = 1, max = 1)] //~ ERROR L0004 the linked memory is shared
#![memory(5, import = "lib.data", memory64)] //~ ERROR L0004 the linked memory is a 32-bit memory
// right: a smaller min and a larger max are what an engine accepts too
#![memory(6, import = "lib.data", min = 1, max = 8)]
#![memory(7, import = "lib.shared", shared, min = 1, max = 1)]

#[no_mangle]
pub extern "C" fn get() -> u32 {
    unsafe { *(0 as #[mem_idx(6)] *const u32) }
}
