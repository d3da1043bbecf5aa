// `_` in a turbofish leaves that argument to inference, as in Rust: the only
// way to give the other arguments of a function that takes a closure. The
// memory given by the turbofish still decides: `read::<0, _>(|| far)` is M0003
// (tests/ui/e0601_parsed_type_placeholder.rs).
// CALL: far_read() -> 41
// CALL: pick() -> 7
// CALL: both() -> 300
// ORACLE: skip writes to a fixed address (16 in memory 1), which a native build cannot
#![memory(1, min = 1, export = "m1")]

fn read<const M: usize, F: Fn() -> #[mem_idx(M)] *const u32>(f: F) -> u32 {
    unsafe { *f() }
}

fn first<T, U>(a: T, _b: U) -> T {
    a
}

struct W;

impl W {
    fn pick<T, U>(&self, a: T, _b: U) -> T {
        a
    }
}

#[no_mangle]
pub extern "C" fn far_read() -> u32 {
    let far = 16usize as #[mem_idx(1)] *mut u32;
    unsafe { *far = 41; }
    read::<1, _>(move || far.cast_const())
}

#[no_mangle]
pub extern "C" fn pick() -> u32 {
    W.pick::<_, u8>(7u32, 2)
}

#[no_mangle]
pub extern "C" fn both() -> u16 {
    first::<_, _>(300u16, 1u8)
}
