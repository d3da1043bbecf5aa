// Closures that capture locals borrow them (or copy them, `move`): the
// closure's environment holds a reference to each, whose pointee is the
// local's type, so a captured far pointer keeps its memory; the rules of
// references hold for the captures, in closures inside closures too.
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
    //~| NOTE a closure that captures variables is not a function pointer: its value is its environment, the variables it captures
    peek()
}

fn kinds() {
    let n = 1u32;
    let set = || n = 2; //~ ERROR E0594
    let mut m = 1u32;
    let bump = || m += 1;
    bump(); //~ ERROR E0596 cannot borrow immutable variable `bump` as mutable
    let moved = move || n = 3; //~ ERROR E0594 cannot assign to immutable variable `n`
    let outer = || {
        let inner = || n = 4; //~ ERROR E0594
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
