#![memory(1, min = 1)]

// Operators on references work on the referenced values, as in Rust:
// `&a == &b` compares values, not addresses; so comparing references into
// different memories is legal. Raw pointers still compare addresses.

fn by_value(a: u32, b: u32, far: #[mem_idx(1)] &u32, near: &u32) -> u32 {
    let same = &a == &b;
    let deep = &&a < &&b;
    let across = far == near;
    let sum = &a + &b + *near;
    let mixed = a * &b - far;
    let neg = -&(a as i32);
    let bits = !&a << &b;
    let mut acc = 0u32;
    acc += far;
    if same || deep || across { sum + mixed + neg as u32 + bits + acc } else { 0 }
}

fn errors(a: u32, p: *const u8, q: #[mem_idx(1)] *const u8, s: &[u32; 2]) -> bool {
    let one_sided = &a == a; //~ ERROR E0308
    //~| LABEL expected `&u32`, found `u32`
    let addresses = &p == &q; //~ ERROR M0004 cannot compare a pointer into memory 0 with a pointer into memory 1
    //~| NOTE addresses in different memories are unrelated
    //~| HELP `p as usize == q as usize`
    let arrays = s == s; // (arrays compare element by element, as in Rust)
    let twice = &&a + 1; //~ ERROR E0369 cannot apply binary operator `+` to type `&u32`
    one_sided
}
