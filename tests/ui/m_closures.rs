// Closures that capture nothing are functions: the memory rules hold through
// their parameter and result types as through any function pointer's (captures:
// m_closure_captures.rs).
#![memory(1, min = 1)]

fn far_source() -> #[mem_idx(1)] *const u8 {
    16usize as #[mem_idx(1)] *const u8
}

fn memories() -> u8 {
    let far = far_source();
    let near = 16usize as *const u8;
    let read_far = |p: #[mem_idx(1)] *const u8| unsafe { *p };
    let ok = read_far(far);
    let bad = read_far(near); //~ ERROR M0002 argument points into memory 0, but the parameter points into memory 1
    let wrong: fn(*const u8) -> u8 = |p: #[mem_idx(1)] *const u8| unsafe { *p }; //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
    // a parameter's type (memory included) is decided by the first use
    let id = |p| p;
    let first: #[mem_idx(1)] *const u8 = id(far);
    let second = id(near); //~ ERROR M0002 argument points into memory 0, but the parameter points into memory 1
    ok + bad + wrong(near) + unsafe { *first + *second }
}

fn control() {
    loop {
        let c = || {
            break; //~ ERROR E0268
        };
    }
}

fn bodies() {
    let r = |x: u32| -> u32 { return true; }; //~ ERROR E0308 mismatched types
    let unsafe_read = |p: *const u8| *p; //~ ERROR E0133 dereference of raw pointer is unsafe
    let pair = |(a, b): (u32, u32)| a * b;
    let some = |Some(x): Option<u32>| x; //~ ERROR E0005 refutable pattern in function argument
    // a pattern's names keep the memories of the parameter's parts
    let strip = |(p, n): (#[mem_idx(1)] *const u8, u32)| -> *const u8 { p }; //~ ERROR M0003 returned pointer points into memory 1
    let read = |&(p, n): &(#[mem_idx(1)] *const u8, u32)| unsafe { *p };
    let near: *const u8 = 16usize as *const u8;
    let bad = read(&(near, 1)); //~ ERROR M0002 argument points into memory 0, but the parameter points into memory 1 (behind 1 level of pointer)
    let ok = unsafe { (|p: *const u8| *p)(16usize as *const u8) }; // the unsafe block around it covers it, as in Rust
}
