// Function pointers as rustc checks them: the signature must agree exactly
// (an `extern "C" fn` is not a `fn`, a safe pointer becomes an unsafe one
// but not the other way), calls through them are checked like direct calls.

fn double(x: u32) -> u32 {
    x * 2
}

fn two(a: u32, b: u32) -> u32 {
    a + b
}

extern "C" fn c_abi(x: u32) -> u32 {
    x
}

unsafe fn risky(x: u32) -> u32 {
    x
}

fn id<T>(x: T) -> T {
    x
}

fn values() -> u32 {
    let f: fn(u32) -> u32 = double;
    let g: unsafe fn(u32) -> u32 = double; // safe to unsafe: fine
    let h: extern "C" fn(u32) -> u32 = c_abi;
    let i: fn(u8) -> u8 = id; // the pointer type decides `T`
    let j = id::<u16>;
    f(1) + h(2) + i(3) as u32 + j(4) as u32 + unsafe { g(5) }
}

fn mismatches() {
    let a: fn(u32) -> u32 = two; //~ ERROR E0308
    let b: fn(u32) -> u32 = c_abi; //~ ERROR E0308
    //~| LABEL expected `fn(u32) -> u32`, found `extern "C" fn(u32) -> u32`
    let c: fn(u32) -> u32 = risky; //~ ERROR E0308
    let d: fn(u32) -> u64 = double; //~ ERROR E0308
}

fn calls(f: fn(u32) -> u32, u: unsafe fn(u32) -> u32) -> u32 {
    let n = 5u32;
    let a = n(1); //~ ERROR E0618 expected function, found local variable `n` of type `u32`
    let b = f(1, 2); //~ ERROR E0061
    let c = u(1); //~ ERROR E0133 call through an `unsafe fn` pointer is unsafe
    let d = f(true); //~ ERROR E0308
    let e = (5u32)(1); //~ ERROR E0618 expected function, found `u32`
    f(1)
}

fn not_inferred() {
    let k = id; //~ ERROR E0282
}

fn builtins() {
    let p = size_of; //~ ERROR E0601 `size_of` is one of farc's built-in functions, which cannot be used as values
}

fn casts(f: fn(u32) -> u32) -> usize {
    let p = f as *const u8;
    let r = f as &u8; //~ ERROR E0606
    let g = 4usize as fn(u32) -> u32; //~ ERROR E0606
    f as usize
}

static TABLE: [fn(u32) -> u32; 1] = [double];
static GENERIC: fn(u8) -> u8 = id; //~ ERROR E0015 a pointer to the generic function `id`
