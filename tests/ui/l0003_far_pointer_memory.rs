// LINK: lib=linked/lib.rs
// A pointer lib takes in its memory k is, in this file, a pointer into the
// memory under which this file imports lib's memory k.
#![memory(1, import = "lib.memory")]
#![memory(2, import = "lib.data")]

#[link(wasm_import_module = "lib")]
extern "C" {
    // lib's memory 0 is this file's memory 1, not this file's own memory 0
    fn checksum(p: *const u8, n: usize) -> u32; //~ ERROR L0003 parameter `p` of `checksum` points into memory 0, but `lib`'s `checksum` takes a pointer into its own memory 0, which this file imports as memory 1
    fn buffer() -> #[mem_idx(2)] *mut u8; //~ ERROR L0003 the return type of `buffer` points into memory 2, but `lib`'s `buffer` returns a pointer into its own memory 0, which this file imports as memory 1
    // lib's memory 1 ("data") is this file's memory 2
    fn data_at(i: usize) -> #[mem_idx(1)] *const u32; //~ ERROR L0003 returns a pointer into its memory 1, which this file imports as memory 2
    // lib keeps its memory 2 to itself: no module can pass a pointer into it
    fn hidden(p: #[mem_idx(1)] *const u8) -> u8; //~ ERROR L0003 takes a pointer into its memory 2, which this file does not import
    // lib's memory 3 is exported, but not imported here
    #[link_name = "fill"]
    fn fill_wrong(p: #[mem_idx(1)] *mut u32, n: usize, v: u32); //~ ERROR L0003 takes a pointer into its memory 1, which this file imports as memory 2
    // a pointer inside a struct is checked too
    fn first(p: #[mem_idx(1)] *const Pair) -> u32; //~ ERROR L0003 field `b` of `Pair`, in parameter `p` of `first`, points into memory 0
}

#[repr(C)]
struct Pair {
    a: u32,
    b: *const u8,
}

// right: each pointer in the memory that is lib's
#[link(wasm_import_module = "lib")]
extern "C" {
    #[link_name = "checksum"]
    fn checksum_ok(p: #[mem_idx(1)] *const u8, n: usize) -> u32;
    #[link_name = "data_at"]
    fn data_at_ok(i: usize) -> #[mem_idx(2)] *const u32;
    #[link_name = "first"]
    fn first_ok(p: #[mem_idx(1)] *const FarPair) -> u32;
}

#[repr(C)]
struct FarPair {
    a: u32,
    b: #[mem_idx(1)] *const u8,
}

#[no_mangle]
pub extern "C" fn run() -> u32 {
    unsafe { checksum_ok(0 as #[mem_idx(1)] *const u8, 0) + *data_at_ok(1) }
}
