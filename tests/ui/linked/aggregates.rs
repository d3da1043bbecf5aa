// The module tests/ui/l0007_far_aggregates.rs links against as `lib`: functions
// that take and return aggregates by value, and the same data behind pointers.
#[repr(C)]
pub struct Pair {
    pub a: u32,
    pub b: u32,
}

#[no_mangle]
pub extern "C" fn sum(p: Pair) -> u32 {
    p.a + p.b
}

#[no_mangle]
pub extern "C" fn sum_tuple(t: (u32, u32)) -> u32 {
    t.0 + t.1
}

#[no_mangle]
pub extern "C" fn sum_array(a: [u32; 2]) -> u32 {
    a[0] + a[1]
}

#[no_mangle]
pub extern "C" fn sum_slice(s: &[u32]) -> u32 {
    let mut total = 0u32;
    for x in s {
        total += *x;
    }
    total
}

#[no_mangle]
pub extern "C" fn make(a: u32, b: u32) -> Pair {
    Pair { a: a, b: b }
}

#[no_mangle]
pub extern "C" fn swap(a: u32, b: u32) -> (u32, u32) {
    (b, a)
}

#[no_mangle]
pub extern "C" fn sum_at(p: *const Pair) -> u32 {
    unsafe { (*p).a + (*p).b }
}

#[no_mangle]
pub extern "C" fn apply(f: fn(u32) -> u32, x: u32) -> u32 {
    f(x)
}
