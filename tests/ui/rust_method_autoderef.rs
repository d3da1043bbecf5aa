#![memory(1, min = 1)]

// Method calls dereference a reference receiver as Rust does: `r.add(1)` with
// `r: &P` calls `P::add` on `*r`; a reference itself has no pointer methods.

fn through_references(r: &#[mem_idx(1)] *const u32, rr: &&*mut u32, n: &u32) -> u32 {
    let far: #[mem_idx(1)] *const u32 = unsafe { r.add(1) };
    let cast: #[mem_idx(1)] *const u8 = r.cast::<u8>();
    let near: *mut u32 = rr.cast_mut();
    let null = r.is_null() || rr.is_null();
    let sum = n.wrapping_add(1);
    unsafe { *far + near.read() + sum + *cast as u32 }
}

fn not_on_references(x: u32, r: &u32) -> u32 {
    let a = r.cast::<u8>(); //~ ERROR E0599 no method named `cast` found for reference `&u32`
    //~| HELP convert the reference to a raw pointer first
    let b = (&x).is_null(); //~ ERROR E0599 no method named `is_null` found for reference `&u32`
    let c = unsafe { r.add(1) }; //~ ERROR E0599
    0
}

fn far_memory_must_exist(r: #[mem_idx(2)] &*const u32) -> bool {
    r.is_null() //~ ERROR M0009 dereference accesses memory 2
}
