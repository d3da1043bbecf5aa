// Far function pointers (`#[far(lib)] fn(..)`): an index into lib's table is
// never confused with an index into this module's table, or another module's;
// the memory rules hold through their types; a call through one is a far call,
// which cannot carry aggregates by value.
#![memory(1, import = "lib.memory")]

struct Pair {
    a: u32,
    b: u32,
}

#[link(wasm_import_module = "lib")]
extern "C" {
    fn pick(i: u32) -> #[far(lib)] fn(u32) -> u32;
    fn reader() -> #[far(lib)] unsafe fn(#[mem_idx(1)] *const u8) -> u8;
}

#[link(wasm_import_module = "other")]
extern "C" {
    fn other_pick(i: u32) -> #[far(other)] fn(u32) -> u32;
}

fn negate(x: u32) -> u32 {
    0 - x
}

fn tables() {
    let far = unsafe { pick(0) };
    let ok: #[far(lib)] fn(u32) -> u32 = far;
    let near: fn(u32) -> u32 = far; //~ ERROR E0308 mismatched types
    //~| NOTE a function pointer is an index into a function table: the expected one indexes this module's function table, this one the function table of module `lib`
    let own: #[far(lib)] fn(u32) -> u32 = negate; //~ ERROR E0308 mismatched types
    let theirs: #[far(lib)] fn(u32) -> u32 = unsafe { other_pick(0) }; //~ ERROR E0308
    //~| NOTE the expected one indexes the function table of module `lib`, this one the function table of module `other`
    let same = far == ok;
    let index = far as u32;
}

fn memories() {
    let read = unsafe { reader() };
    let ok: #[far(lib)] unsafe fn(#[mem_idx(1)] *const u8) -> u8 = read;
    let wrong: #[far(lib)] unsafe fn(*const u8) -> u8 = read; //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
    let b = unsafe { read(16usize as *const u8) }; //~ ERROR M0002
}

fn aggregates(
    p: #[far(lib)] fn(Pair) -> u32, //~ ERROR L0007 a far function pointer cannot pass `Pair` by value
    //~| NOTE a struct is passed as the address of a copy in the caller's memory 0; `lib` would read that address in its own memory 0
    t: #[far(lib)] fn(u32) -> (u32, u32), //~ ERROR L0007 a far function pointer cannot return `(u32, u32)` by value
    s: #[far(lib)] fn(#[mem_idx(1)] &[u8]), //~ ERROR L0007 a far function pointer cannot pass `#[mem_idx(1)] &[u8]` by value
    fine: #[far(lib)] fn(#[mem_idx(1)] *const Pair) -> u32,
) {
}

fn attributes(
    a: #[inline] fn(), //~ ERROR S0004 only `#[far(module)]` can be written on a function pointer type, found `#[inline]`
    b: #[far] fn(), //~ ERROR S0004 `#[far]` names the one module whose table holds the function
    //~| HELP a far function pointer is written `#[far(lib)] fn(u32) -> u32`
    c: #[far(lib, other)] fn(), //~ ERROR S0004
) {
}
