// Closures that capture nothing, as functions: inferred parameter and result
// types, annotated ones, coerced to fn pointers (arguments, statics, arrays),
// inside generic functions (instantiated with them, memories included),
// `return` inside a closure, and the unsafe block around one. Closures that
// capture locals by reference: reads, writes (`FnMut`), a captured far
// pointer that keeps its memory, in a generic function, the variable a
// shadowed name captured.
// ORACLE: skip writes to fixed addresses of memory 0 and 1
// CALL: basics(4) -> 45
// CALL: from_static(0, 10) -> 11
// CALL: from_static(1, 10) -> 20
// CALL: generic_memory(3) -> 3
// CALL: picked(0, 9) -> 81
// CALL: picked(1, 9) -> 8
// CALL: unsafe_around(5) -> 5
// CALL: counter(4) -> 18
// CALL: far_capture(3) -> 15213
// CALL: shadowed(1) -> 12
#![memory(1, min = 1)]

fn apply(f: fn(u32) -> u32, x: u32) -> u32 {
    f(x)
}

fn twice<T>(f: fn(T) -> T, x: T) -> T {
    f(f(x))
}

// a closure in a generic function is instantiated with it: here its parameter
// is a pointer into memory M, which the instance decides
fn load<const M: usize>(p: #[mem_idx(M)] *const u32) -> u32 {
    let read = |q: #[mem_idx(M)] *const u32| -> u32 { unsafe { *q } };
    read(p)
}

fn store<const M: usize>(p: #[mem_idx(M)] *mut u32, v: u32) {
    let write = |q: #[mem_idx(M)] *mut u32, v: u32| unsafe { *q = v; };
    write(p, v);
}

static OPS: [fn(u32) -> u32; 2] = [|x| x + 1, |x| x * 2];

#[no_mangle]
pub extern "C" fn basics(x: u32) -> u32 {
    let inc = |v| v + 1;
    let add = |a: u32, b: u32| -> u32 { a + b };
    let triple: fn(u32) -> u32 = |v| v * 3;
    let early = |v: u32| {
        if v > 10 {
            return 0;
        }
        v
    };
    apply(|v| v * 2, x) + inc(x) + add(x, 1) + triple(x) + twice(|v: u64| v + 5, 1u64) as u32 + early(x) + early(20)
}

#[no_mangle]
pub extern "C" fn from_static(i: u32, x: u32) -> u32 {
    OPS[i as usize](x)
}

#[no_mangle]
pub extern "C" fn generic_memory(v: u32) -> u32 {
    let far = 64usize as #[mem_idx(1)] *mut u32;
    let near = 64usize as *mut u32;
    store::<1>(far, v);
    store::<0>(near, v * 100);
    load::<1>(far as #[mem_idx(1)] *const u32)
}

#[no_mangle]
pub extern "C" fn picked(i: u32, x: u32) -> u32 {
    let table = [|v: u32| v * v, |v: u32| v - 1];
    table[i as usize](x)
}

#[no_mangle]
pub extern "C" fn unsafe_around(v: u32) -> u32 {
    let cell = 128usize as *mut u32;
    unsafe {
        let put = |p: *mut u32, v: u32| *p = v;
        put(cell, v);
        (|p: *const u32| *p)(cell as *const u32)
    }
}

#[no_mangle]
pub extern "C" fn counter(n: u32) -> u32 {
    let mut count = 0u32;
    let step = 2u32;
    let mut bump = |by: u32| count += by + step;
    let mut i = 0;
    while i < n {
        bump(i);
        i += 1;
    }
    count + n
}

fn far_of<const M: usize>(p: #[mem_idx(M)] *mut u32, v: u32) -> u32 {
    let mut count = 0u32;
    let mut bump = |by: u32| {
        count += by;
        unsafe { *p += by; }
    };
    bump(v);
    bump(1);
    count + unsafe { *p }
}

#[no_mangle]
pub extern "C" fn far_capture(x: u32) -> u32 {
    let base = 100u32;
    let far = 32usize as #[mem_idx(1)] *mut u32;
    let near = 32usize as *mut u32;
    unsafe {
        *far = 7;
        *near = 1;
    }
    let add = |v: u32| v + base;
    let read = || unsafe { *far }; // memory 1, not memory 0 at the same address
    let mut total = 0u32;
    let mut acc = |v: u32| total += v;
    acc(add(x + 2));
    acc(read());
    let same = add;
    total + same(1) + far_of::<1>(far, x) * 1000
}

#[no_mangle]
pub extern "C" fn shadowed(x: u32) -> u32 {
    let y = x;
    let get = || y * 10;
    let y = 2u32;
    get() + y
}
