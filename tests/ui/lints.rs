// The lints (compiler/check/lints.py): each warns where rustc's would, and
// attributes set their level for the item they are on.
#![memory(1, min = 1)]

#[mem_idx(1)]
static UNUSED_FAR: [u8; 4] = [1, 2, 3, 4]; //~ WARNING unused_far_statics static `UNUSED_FAR` is never used
#[mem_idx(1)]
static USED_FAR: u32 = 5;
#[mem_idx(1)]
pub static PUBLIC_FAR: u32 = 6;
static UNUSED_NEAR: u32 = 7; // memory 0: LLVM drops it, no warning

pub fn f(x: u32, y: u32) -> u32 { //~ WARNING unused_variables unused variable: `y`
    let mut a = 1; //~ WARNING unused_mut variable does not need to be mutable
    let mut b = 2; //~ WARNING unused_variables variable `b` is assigned to, but never used
    b = 3;
    let _ignored = 4;
    let mut arr = [0u32; 2];
    arr[0] = 1;
    let mut borrowed = 0u32;
    let r = &mut borrowed;
    unsafe { *(r as *mut u32) = 2 };
    let p: #[mem_idx(1)] *const u32 = &raw const USED_FAR;
    return x + a + arr[0] + unsafe { *p };
    7 //~ WARNING unreachable_code unreachable expression
}

pub fn g(n: u32) -> u32 {
    let mut total = 0;
    loop {
        if total > n {
            break;
            total += 1; //~ WARNING unreachable_code unreachable statement
        }
        total += 2;
    }
    total
}

#[allow(unused_variables, unused_mut)]
pub fn allowed(z: u32) {
    let mut w = 1;
}

#[allow(unused)]
pub fn allowed_group(z: u32) -> u32 {
    return 1;
    2
}

// A `let mut x;` assigned at most once on every path needs no `mut` (rustc's
// borrow checker sees it so); assigned twice on some path, or changed
// another way, it does.
pub fn late(c: u32) -> u32 {
    let mut once: u32; //~ WARNING unused_mut variable does not need to be mutable
    if c > 0 { once = 1; } else { once = 2; }
    let mut looped: u32;
    loop { looped = c; if looped > 0 { break; } }
    let mut added: u32;
    added = c;
    added += 1;
    let mut part: (u32, u32);
    part = (c, 1);
    part.0 = 2;
    let mut guarded: u32;
    match c { 0 if { guarded = 1; false } => {}, _ => guarded = 2 }
    once + looped + added + part.0 + guarded
}
