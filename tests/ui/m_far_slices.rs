// The memory rules on far slices (`#[mem_idx(M)] &[T]`): a far slice is a
// pointer into memory M with a length, and no way of making, moving or
// taking apart a slice lets its memory change.
#![memory(1, min = 1)]
#![memory(2, min = 1)]

#[mem_idx(1)]
static mut FAR: [u8; 8] = [0; 8];

struct Holder {
    near: &[u8],
}

struct FarHolder {
    far: #[mem_idx(1)] &[u8],
}

fn near_sum(s: &[u8]) -> u32 {
    0
}

fn same<const M: usize>(a: #[mem_idx(M)] &[u8], b: #[mem_idx(M)] &[u8]) -> usize {
    a.len() + b.len()
}

fn sub_slicing(far: #[mem_idx(1)] &[u8]) {
    let ok: #[mem_idx(1)] &[u8] = &far[1..3];
    let bad: &[u8] = &far[1..3]; //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
    //~| LABEL expected `&[u8]`, found `#[mem_idx(1)] &[u8]`
}

fn from_far_array(a: #[mem_idx(1)] &[u8; 4]) {
    let ok: #[mem_idx(1)] &[u8] = a;
    let bad: &[u8] = a; //~ ERROR M0001
    let statics: &[u8] = unsafe { &FAR }; //~ ERROR M0001
}

fn passing(far: #[mem_idx(1)] &[u8], other: #[mem_idx(2)] &[u8], near: &[u8]) {
    near_sum(near);
    near_sum(far); //~ ERROR M0002 argument points into memory 1, but the parameter points into memory 0
    same(far, far);
    same(far, other); //~ ERROR M0008
}

fn returning(far: #[mem_idx(1)] &[u8]) -> &[u8] {
    &far[..] //~ ERROR M0003 returned pointer points into memory 1
}

fn storing(far: #[mem_idx(1)] &[u8], near: &[u8]) {
    let ok = FarHolder { far };
    let h = Holder { near: far }; //~ ERROR M0007
    let mut f = FarHolder { far };
    f.far = near; //~ ERROR M0007
    let mut slots: [#[mem_idx(1)] &[u8]; 2] = [far, far];
    slots[1] = near; //~ ERROR M0007
}

fn pointers_out(far: #[mem_idx(1)] &mut [u8]) {
    let ok: #[mem_idx(1)] *const u8 = far.as_ptr();
    let p: *const u8 = far.as_ptr(); //~ ERROR M0001
    let q: *mut u8 = far.as_mut_ptr(); //~ ERROR M0001
}

unsafe fn pointers_in(p: #[mem_idx(1)] *const u8, n: usize) {
    let ok: #[mem_idx(1)] &[u8] = core::slice::from_raw_parts(p, n);
    let bad: &[u8] = core::slice::from_raw_parts(p, n); //~ ERROR M0001
    let inferred = core::slice::from_raw_parts(p, n);
    near_sum(inferred); //~ ERROR M0002
}

fn items(far: #[mem_idx(1)] &[u8]) {
    for x in far {
        let ok: #[mem_idx(1)] &u8 = x;
        let bad: &u8 = x; //~ ERROR M0001
    }
    for x in far.iter() {
        let bad: &u8 = x; //~ ERROR M0001
    }
}

fn elements(s: &[#[mem_idx(1)] *const u8], t: &[*const u8]) {
    let ok: &[#[mem_idx(1)] *const u8] = s;
    let bad: &[*const u8] = s; //~ ERROR M0001 (behind 1 level of pointer)
    let p: *const u8 = s[0]; //~ ERROR M0001
    for q in t {
        let r: #[mem_idx(1)] *const u8 = *q; //~ ERROR M0001
    }
}

fn casts(far: #[mem_idx(1)] &[u8]) {
    let same = far as #[mem_idx(1)] &[u8];
    let moved = far as &[u8]; //~ ERROR M0006
    let p = far as #[mem_idx(1)] *const u8; //~ ERROR E0606
}

fn comparing(far: #[mem_idx(1)] &[u8], near: &[u8]) -> bool {
    far.len() == near.len() && far[0] == near[0]
}

fn undeclared(s: #[mem_idx(3)] &[u8]) -> u8 {
    let n = s.len(); // the length is in the slice itself: no access
    let t = &s[1..]; // neither is making a sub-slice
    s[0] //~ ERROR M0009 indexing the slice accesses memory 3
}

fn undeclared_loop(s: #[mem_idx(3)] &[u8]) -> u8 {
    let mut t = 0;
    for &x in s { //~ ERROR M0009
        t += x;
    }
    t
}
