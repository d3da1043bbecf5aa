// LINK: lib=linked/lib.rs
// A far function must be declared with the linked module's farc signature.
#![memory(1, import = "lib.memory")]
#![memory(2, import = "lib.data")]

#[repr(C)]
struct Pair {
    a: u32,
    b: u32,
}

#[repr(C)]
struct SamePair {
    first: u32,
    second: #[mem_idx(1)] *const u8,
}

#[link(wasm_import_module = "lib")]
extern "C" {
    fn checksum(p: #[mem_idx(1)] *const u8, n: u32) -> u32; //~ ERROR L0002 parameter `n` of `checksum` is `u32`, but `lib`'s `checksum` has `usize` there
    #[link_name = "checksum"]
    fn checksum_short(p: #[mem_idx(1)] *const u8) -> u32; //~ ERROR L0002 `checksum_short` takes 1 parameter here, but `lib`'s `checksum` takes 2
    #[link_name = "checksum"]
    fn checksum_i64(p: #[mem_idx(1)] *const u8, n: usize) -> u64; //~ ERROR L0002 the return type of `checksum_i64` is `u64`, but `lib`'s `checksum` has `u32` there
    fn buffer() -> #[mem_idx(1)] *const u8; //~ ERROR L0002 the return type of `buffer` is `#[mem_idx(1)] *const u8`, but `lib`'s `buffer` has `#[mem_idx(1)] *mut u8` there
    fn bump(r: #[mem_idx(1)] *mut u32); //~ ERROR L0002 parameter `r` of `bump` is `#[mem_idx(1)] *mut u32`, but `lib`'s `bump` has `#[mem_idx(1)] &mut u32` there
    fn first(p: #[mem_idx(1)] *const Pair) -> u32; //~ ERROR L0002 parameter `p` of `first` is `#[mem_idx(1)] *const Pair`
    fn fill(p: #[mem_idx(2)] *mut u32, n: usize, v: u32) -> u32; //~ ERROR L0002 the return type of `fill` is `u32`, but `lib`'s `fill` has `()` there
}

// the same functions again, declared right: field names do not matter, layouts do
#[link(wasm_import_module = "lib")]
extern "C" {
    #[link_name = "first"]
    fn first_ok(p: #[mem_idx(1)] *const SamePair) -> u32;
    #[link_name = "bump"]
    fn bump_ok(r: #[mem_idx(1)] &mut u32);
    #[link_name = "fill"]
    fn fill_ok(p: #[mem_idx(2)] *mut u32, n: usize, v: u32);
}

#[no_mangle]
pub extern "C" fn run() -> u32 {
    unsafe { first_ok(0 as #[mem_idx(1)] *const SamePair) }
}
