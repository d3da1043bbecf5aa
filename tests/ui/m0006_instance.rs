#![memory(1, min = 1)]

// Through type parameters a cast is decided per instance: `conv` is fine for
// `*const u32` -> `*const u8`, and launders a far pointer for the instance below.

fn conv<T, U>(p: *const T) -> *const U {
    p.cast::<U>() //~ ERROR M0006 memory 1 as a pointer into memory 0 (in instance `conv<#[mem_idx(1)] *const u8, *const u8>`)
    //~| NOTE the types come from the generic arguments of `conv<#[mem_idx(1)] *const u8, *const u8>`
    //~| NOTE not the memory of a pointer inside it
    //~| HELP round trip
}

fn view<T, U>(p: *const T) -> *const U {
    p as *const U //~ ERROR M0006 (in instance `view<[#[mem_idx(1)] *const u8; 2], *const u8>`)
}

fn fine(p: *const u32) -> *const u8 { conv(p) }

fn far_as_bytes(pp: *const #[mem_idx(1)] *const u8) -> *const u32 { conv(pp) }

fn launder(pp: *const #[mem_idx(1)] *const u8) -> *const *const u8 {
    conv::<#[mem_idx(1)] *const u8, *const u8>(pp)
}

fn launder_array(a: *const [#[mem_idx(1)] *const u8; 2]) -> *const *const u8 { view(a) }
