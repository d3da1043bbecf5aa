// Closures that capture locals borrow them: the closure's function takes a
// reference to each, whose pointee is the local's type, so a captured far
// pointer keeps its memory; the rules of references hold for the captures.
#![memory(1, min = 1)]

fn far_source() -> #[mem_idx(1)] *const u8 {
    16usize as #[mem_idx(1)] *const u8
}

fn memories() -> u8 {
    let far = far_source();
    let grab = || far;
    let near: *const u8 = grab(); //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
    let peek = || unsafe { *far };
    let wrong: fn() -> *const u8 = || far; //~ ERROR M0003 returned pointer points into memory 1, but the return type points into memory 0
    let lost: fn() -> #[mem_idx(1)] *const u8 = || far; //~ ERROR E0308 mismatched types
    //~| NOTE a closure that captures variables is not a function pointer: its function also takes the captured variables
    peek()
}

fn kinds() {
    let n = 1u32;
    let set = || n = 2; //~ ERROR E0594
    let mut m = 1u32;
    let bump = || m += 1;
    bump(); //~ ERROR E0596 cannot borrow immutable variable `bump` as mutable
    let moved = move || n + 1; //~ ERROR E0601 `move` closures and closures in closures that capture variables are not supported yet
    let outer = || {
        let inner = || n; //~ ERROR E0601
        inner()
    };
}

fn lifetimes() -> u32 {
    let c;
    {
        let y = 1u32;
        c = || y;
    }
    c() //~ ERROR E0597 `y` does not live long enough
}

fn each_its_own(b: bool) -> u32 {
    let x = 1u32;
    let y = 2u32;
    let c = if b { let k = || x; k } else { let k = || y; k }; //~ ERROR E0308 mismatched types
    c()
}
