#![memory(1, min = 1)]

// `if` / `else`, `loop { break v }` and block tails coerce to the expected
// type as Rust does, and a mismatch is reported at the expression that has
// the wrong type (a tail, an `else` branch, a `break` value).

fn coerced(c: bool, m: *mut u8, k: *const u8, r: &u8, rm: &mut u8) -> *const u8 {
    let a: *const u8 = if c { m } else { k };
    let b: *const u8 = if c { r } else { m };
    let d: *const u8 = loop { if c { break m; } break k; };
    let e: *const u8 = { { rm } };
    let f = if c { k } else { m };
    let g = if c { m } else { k };
    let h = loop { if c { break m; } break k; };
    if c { m } else if a == b { r } else { f }
}

fn reported_where_they_are(c: bool, far: #[mem_idx(1)] *const u8, near: *const u8) -> u32 {
    let x: u32 = { 1u8 }; //~ ERROR E0308
    //~| LABEL expected `u32`, found `u8`
    let y: u32 = if c { 1 } else { 2u16 }; //~ ERROR E0308
    let z: u32 = loop { if c { break 1u64; } break 2; }; //~ ERROR E0308
    let w: *const u8 = if c { near } else { far }; //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
    let v = if c { 1u32 } else { 2i8 }; //~ ERROR E0308
    let u = loop { if c { break 1u32; } break 2i8; }; //~ ERROR E0308
    if c { x } else { 1u8 } //~ ERROR E0308
}

fn argument(far: #[mem_idx(1)] *const u8) -> bool { takes_near({ far }) } //~ ERROR M0002

fn returned(c: bool, far: #[mem_idx(1)] *const u8) -> *const u8 {
    return if c { null() } else { far }; //~ ERROR M0003
}

fn takes_near(p: *const u8) -> bool { p.is_null() }
