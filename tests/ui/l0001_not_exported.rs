// LINK: lib=linked/lib.rs
// Imports from a linked module must name what it exports, as the right kind.
#![memory(1, import = "lib.memory")]
#![memory(2, import = "lib.secret")] //~ ERROR L0001 memory 2 is imported from `lib.secret`, but `lib` exports no memory `secret`
#![memory(3, import = "lib.checksum")] //~ ERROR L0001 `lib` exports a function `checksum`, not a memory

#[link(wasm_import_module = "lib")]
extern "C" {
    fn checksum(p: #[mem_idx(1)] *const u8, n: usize) -> u32;
    fn compress(p: #[mem_idx(1)] *const u8, n: usize) -> u32; //~ ERROR L0001 `compress` is imported from `lib`, but `lib` exports no function `compress`
    #[link_name = "data"]
    fn data(); //~ ERROR L0001 `lib` exports a memory `data`, not a function
}

// imports from modules that are not linked are the host's business: not checked
#[link(wasm_import_module = "env")]
extern "C" {
    #[link_name = "compress"]
    fn host_compress(p: *const u8) -> u32;
}

#[no_mangle]
pub extern "C" fn run() -> u32 {
    unsafe { checksum(0 as #[mem_idx(1)] *const u8, 0) }
}
