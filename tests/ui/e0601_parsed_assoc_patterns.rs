// Associated items in patterns are not checked yet: one E0601 each (this
// crashed the checker, found by the mutation fuzzer).
struct S {
    x: u32,
}

fn f(v: u32) -> u32 {
    match v {
        u32::MAX => 1, //~ ERROR E0601 associated items in patterns (`u32::MAX`, `Self::LIMIT`) are not supported yet
        0..=u32::MAX => 2, //~ ERROR E0601 associated items in patterns
    }
}

fn g(v: S) -> u32 {
    let S::new(a) = v; //~ ERROR E0601 associated items in patterns
    a
}

fn main() {}
