#![memory(1, min = 1)]

// A const generic memory that nothing decides is an error, never memory 0.

fn pages<const M: usize>() -> usize { memory_size::<M>() }

fn is_null<const M: usize>(p: #[mem_idx(M)] *const u8) -> bool { p.is_null() }

fn make<const M: usize>(addr: usize) -> #[mem_idx(M)] *const u8 { addr as #[mem_idx(M)] *const u8 }

fn undecided() -> usize {
    pages() //~ ERROR E0282 type annotations needed
    //~| LABEL cannot infer the value of the const parameter `M` declared on the function `pages`
    //~| HELP specify the generic arguments, `pages::<M>(...)`
}

fn null_decides_nothing() -> bool {
    is_null(null()) //~ ERROR E0282
    //~| LABEL the const parameter `M` declared on the function `is_null`
}

fn decided(far: #[mem_idx(1)] *const u8) -> usize {
    let p: #[mem_idx(1)] *const u8 = make(16);
    let q = make::<1>(32);
    let by_argument = is_null(far);
    let by_null_and_annotation = is_null::<1>(null());
    pages::<1>() + p as usize + q as usize
}
