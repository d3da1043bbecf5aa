// LINK: lib=linked/aggregates.rs
// A far call cannot pass or return a struct, tuple, array or slice by value: the C ABI
// passes it as an address in the caller's memory 0, which the callee reads in its own.
#![memory(1, import = "lib.memory")]

#[repr(C)]
pub struct Pair {
    pub a: u32,
    pub b: u32,
}

#[link(wasm_import_module = "lib")]
extern "C" {
    fn sum(p: Pair) -> u32; //~ ERROR L0007 parameter `p` of `sum` is `Pair`, which a far call cannot pass by value
    //~| NOTE a struct is passed as the address of a copy in the caller's memory 0; `lib` would read that address in its own memory 0
    //~| HELP pass its fields as separate parameters, or a pointer to it in a memory both modules see
    fn sum_tuple(t: (u32, u32)) -> u32; //~ ERROR L0007 parameter `t` of `sum_tuple` is `(u32, u32)`
    fn sum_array(a: [u32; 2]) -> u32; //~ ERROR L0007 parameter `a` of `sum_array` is `[u32; 2]`
    fn sum_slice(s: #[mem_idx(1)] &[u32]) -> u32; //~ ERROR L0007 parameter `s` of `sum_slice` is `#[mem_idx(1)] &[u32]`
    //~| NOTE a slice reference (a pointer and a length) is passed as the address of a copy
    fn make(a: u32, b: u32) -> Pair; //~ ERROR L0007 `make` returns `Pair`, which a far call cannot return by value
    //~| NOTE a struct is returned through an address in the caller's memory 0; `lib` would write the result at that address in its own memory 0
    fn swap(a: u32, b: u32) -> (u32, u32); //~ ERROR L0007 `swap` returns `(u32, u32)`
    // lib's function pointer is an index into lib's table, not into this module's
    fn apply(f: fn(u32) -> u32, x: u32) -> u32; //~ ERROR L0002 parameter `f` of `apply` is `fn(u32) -> u32`, but `lib`'s `apply` has `#[far(lib)] fn(u32) -> u32` there
    #[link_name = "apply"]
    fn apply_far(f: #[far(lib)] fn(u32) -> u32, x: u32) -> u32;
    // behind a pointer into a memory both modules see, the same data is fine
    fn sum_at(p: #[mem_idx(1)] *const Pair) -> u32;
}

#[no_mangle]
pub extern "C" fn run() -> u32 {
    unsafe { sum_at(0 as #[mem_idx(1)] *const Pair) }
}
