#![memory(1, min = 1)]
#![memory(2, min = 1)]

// A cast may change what a pointer points to, but not the memory of any
// pointer inside it: behind pointers, in array elements, in struct fields.

#[repr(C)]
struct Mixed { near: *const u8, far: #[mem_idx(1)] *const u8 }
#[repr(C)]
struct Swapped { far: #[mem_idx(1)] *const u8, near: *const u8 }
#[repr(C)]
struct AllNear { a: *const u8, b: *const u8 }
#[repr(C)]
struct Bytes { raw: [u8; 8] }

fn behind_pointers(pp: *const #[mem_idx(1)] *const u8, ppp: *mut *mut #[mem_idx(2)] *mut u8) {
    let a = pp as *const *const u8; //~ ERROR M0006 would read a pointer into memory 1 as a pointer into memory 0
    //~| LABEL `#[mem_idx(1)] *const u8` inside the pointee would be read as `*const u8`
    //~| NOTE not the memory of a pointer inside it
    //~| HELP spell out the round trip: `q as usize as *const u8`
    let b = pp.cast::<*const u8>(); //~ ERROR M0006 memory 1 as a pointer into memory 0
    let c: *const *const u8 = pp.cast(); //~ ERROR M0006 memory 1 as a pointer into memory 0
    let d = ppp as *mut *mut *mut u8; //~ ERROR M0006 memory 2 as a pointer into memory 0
    let e = ppp.cast_const() as *const *const #[mem_idx(1)] *const u8; //~ ERROR M0006 memory 2 as a pointer into memory 1
}

fn in_arrays_and_fields(arr: *const [#[mem_idx(1)] *const u8; 4], m: *const Mixed) {
    let a = arr as *const [*const u8; 4]; //~ ERROR M0006 memory 1 as a pointer into memory 0
    let b = arr.cast::<*const u8>(); //~ ERROR M0006 memory 1 as a pointer into memory 0
    let c = m as *const AllNear; //~ ERROR M0006 memory 1 as a pointer into memory 0
    let d = m.cast::<Swapped>(); //~ ERROR M0006 memory 1 as a pointer into memory 0
}

fn through_references(r: &#[mem_idx(1)] *const u8, rm: &mut #[mem_idx(1)] *const u8) {
    let a = r as *const #[mem_idx(1)] *const u8 as *const *const u8; //~ ERROR M0006 memory 1 as a pointer into memory 0
    let b = rm as *mut #[mem_idx(1)] *const u8 as *mut *mut u8; //~ ERROR M0006 memory 1 as a pointer into memory 0
}

fn generic_memory<const M: usize>(pp: *const #[mem_idx(M)] *const u8) -> *const *const u8 {
    pp as *const *const u8 //~ ERROR M0006 memory M as a pointer into memory 0
}

// What stays allowed: other pointee types with the same memories, and views
// as integers (an address read as an integer is the explicit round trip).
fn allowed(pp: *const #[mem_idx(1)] *const u8, arr: *const [#[mem_idx(1)] *const u8; 4], m: *const Mixed,
           bytes: *const Bytes, r: &#[mem_idx(1)] *const u8) -> usize {
    let a = pp as *const #[mem_idx(1)] *const u32;
    let b = arr.cast::<#[mem_idx(1)] *const u8>();
    let c = m as *const u8;
    let d = bytes as *const Mixed;
    let e = pp.cast::<usize>();
    let f = r as *const #[mem_idx(1)] *const u8;
    let g = pp.cast_mut().cast_const();
    unsafe { (*e) as #[mem_idx(1)] *const u8 as usize }
}
