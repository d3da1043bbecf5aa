// Where farc's subset is Rust it means what Rust means (issue 7): operators
// on references act on the values, method receivers auto-deref, `null()`
// takes its memory from later use, `if` / `loop` / blocks coerce, and
// `&raw const` of a `static mut` is safe. Compared with rustc by the oracle.
// CALL: refs_compare_values(3, 3) -> 1
// CALL: refs_compare_values(3, 4) -> 0
// CALL: refs_order(2, 9) -> 1
// CALL: far_and_near_refs(7) -> 1
// CALL: far_and_near_refs(8) -> 0
// CALL: ref_arithmetic(10, 4) -> 1007
// CALL: receiver_autoderef(1) -> 20
// CALL: receiver_autoderef(3) -> 40
// CALL: null_from_later_use(1) -> 1
// CALL: null_from_later_use(0) -> 7
// CALL: coercions(1) -> 22
// CALL: coercions(0) -> 44
// CALL: raw_static(5) -> 15
#![memory(1, min = 1)]

#[mem_idx(1)]
static FAR: u32 = 7;

#[mem_idx(1)]
static FAR_TABLE: [u32; 4] = [10, 20, 30, 40];

static mut COUNTER: u32 = 10;

#[no_mangle]
pub extern "C" fn refs_compare_values(a: u32, b: u32) -> u32 {
    // two different locals: their addresses differ, their values may not
    let x = a;
    let y = b;
    (&x == &y) as u32
}

#[no_mangle]
pub extern "C" fn refs_order(a: u32, b: u32) -> u32 {
    let x = a;
    let y = b;
    ((&x < &y) && (&&y >= &&x) && !(&x > &y)) as u32
}

#[no_mangle]
pub extern "C" fn far_and_near_refs(v: u32) -> u32 {
    // a reference into memory 1 compared by value with one into memory 0
    let near = v;
    let far: #[mem_idx(1)] &u32 = &FAR;
    (far == &near) as u32
}

#[no_mangle]
pub extern "C" fn ref_arithmetic(a: u32, b: u32) -> u32 {
    let far: #[mem_idx(1)] &u32 = &FAR;
    let mut acc = &a * &b + far - 7;
    acc += &a;
    acc * 20 + (&a - b) + (-&(b as i32)) as u32 + 4 + (!&0u32 >> &31)
}

#[no_mangle]
pub extern "C" fn receiver_autoderef(i: usize) -> u32 {
    // `r.add(i)` with `r: &P` is `P::add` on `*r`, as in Rust
    let table: #[mem_idx(1)] *const u32 = &raw const FAR_TABLE[0];
    let r = &table;
    let rr = &r;
    unsafe { *rr.add(i) + r.add(i).read() - *r.cast::<u32>().add(i) }
}

#[no_mangle]
pub extern "C" fn null_from_later_use(c: u32) -> u32 {
    let far: #[mem_idx(1)] *const u32 = &raw const FAR;
    let p = if c == 1 { null() } else { far };
    let mut q = null();
    q = far;
    let list = [null(), far];
    if p.is_null() && null() != q && list[0].is_null() { 1 } else { unsafe { *p } }
}

#[no_mangle]
pub extern "C" fn coercions(c: u32) -> u32 {
    let mut a = 11u32;
    let b = 22u32;
    let m: *mut u32 = &raw mut a;
    let k: *const u32 = &raw const b;
    let chosen: *const u32 = if c == 1 { m } else { k };
    let looped: *const u32 = loop { if c == 1 { break m; } break k; };
    let block: *const u32 = { { &b } };
    let tail = if c == 1 { &a } else { &b };
    unsafe { (*chosen + *looped + *block + *tail) - *block - *tail }
}

#[no_mangle]
pub extern "C" fn raw_static(n: u32) -> u32 {
    let p: *mut u32 = &raw mut COUNTER;
    let q: *const u32 = &raw const COUNTER;
    unsafe {
        *p += n;
        *q
    }
}
