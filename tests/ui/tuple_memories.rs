// Tuples keep the memory of every pointer they hold: no tuple, tuple
// pattern or element access turns a pointer into one memory into a pointer
// into another.
#![memory(1, min = 1)]
#![memory(2, min = 1)]

fn near(_: *const u8) {}

fn swapped(p0: *const u8, p1: #[mem_idx(1)] *const u8) {
    let t: (*const u8, #[mem_idx(1)] *const u8) = (p0, p1);
    let (a, b) = t;
    let s: (*const u8, #[mem_idx(1)] *const u8) = (b, a); //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
    //~^ ERROR M0001 expected a pointer into memory 1, found a pointer into memory 0
    let u: (#[mem_idx(1)] *const u8, *const u8) = t; //~ ERROR M0001 expected a pointer into memory 1, found a pointer into memory 0
    let mut v = t;
    v = (t.1, t.0); //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
    //~^ ERROR M0001 expected a pointer into memory 1, found a pointer into memory 0
    v.0 = t.1; //~ ERROR M0007 cannot store a pointer into memory 1 where a pointer into memory 0 is expected
}

fn annotated(t: (*const u8, #[mem_idx(1)] *const u8)) {
    let (a, b): (*const u8, *const u8) = t; //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
    let (c, d) = t;
    let e: *const u8 = d; //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
    near(t.1); //~ ERROR M0002 argument points into memory 1, but the parameter points into memory 0
    near(c);
}

fn returned(p1: #[mem_idx(1)] *const u8) -> (u32, *const u8) {
    (1, p1) //~ ERROR M0003 returned pointer points into memory 1, but the return type points into memory 0
}

fn argument(pair: (*const u8, u32)) {}

fn passes(p2: #[mem_idx(2)] *const u8) {
    argument((p2, 1)); //~ ERROR M0002 argument points into memory 2, but the parameter points into memory 0
}

fn destructured_param((near_p, far_p): (*const u8, #[mem_idx(1)] *const u8)) -> *const u8 {
    far_p //~ ERROR M0003
}

fn through_far_place(p: #[mem_idx(1)] *const (u32, #[mem_idx(2)] *const u8)) {
    unsafe {
        let (ref n, q) = *p;
        let m: &u32 = n; //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
        let k: #[mem_idx(1)] &u32 = n;
        let r: *const u8 = q; //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 2
    }
}

fn default_binding(r: #[mem_idx(1)] &(u32, #[mem_idx(2)] *const u8)) {
    let (n, q) = r;
    let a: &u32 = n; //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
    let b: &#[mem_idx(2)] *const u8 = q; //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
    let c: #[mem_idx(1)] &*const u8 = q; //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 2 (behind 1 level of pointer)
    let d: #[mem_idx(1)] &#[mem_idx(2)] *const u8 = q;
}

fn cast_inside(p: *const (#[mem_idx(1)] *const u8, u32)) -> *const (*const u8, u32) {
    p as *const (*const u8, u32) //~ ERROR M0006 this cast would read a pointer into memory 1 as a pointer into memory 0
}
