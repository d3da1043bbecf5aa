// `_` in a turbofish is inferred, but a turbofish memory still decides; `_`
// outside turbofish arguments is not supported yet.
#![memory(1, min = 1)]

fn read<const M: usize, F: Fn() -> #[mem_idx(M)] *const u32>(f: F) -> u32 {
    unsafe { *f() }
}

fn wrong_memory() -> u32 {
    let far = 16usize as #[mem_idx(1)] *const u32;
    read::<0, _>(move || far)
    //~^ ERROR M0003 returned pointer points into memory 1, but the return type points into memory 0
    //~| HELP spell out the round trip
}

fn let_placeholder() -> u32 {
    let x: _ = 3u32;
    //~^ ERROR E0601 type placeholders `_` outside turbofish arguments (`let x: _`, `as _`) are not supported yet
    //~| NOTE see docs/reference.md, section 15.1
    x
}
