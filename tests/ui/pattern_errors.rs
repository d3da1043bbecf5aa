// Errors in destructuring patterns, as rustc reports them.
struct Point { x: i32, y: i32 }

fn errors(pair: (u32, u32), triple: (u8, u8, u8), p: Point, n: u32) {
    let (a, a) = pair; //~ ERROR E0416 identifier `a` is bound more than once in the same pattern
    //~| LABEL used in a pattern more than once
    let (b, c) = triple; //~ ERROR E0308 mismatched types
    //~| LABEL expected a tuple with 3 elements, found one with 2 elements
    let (d, e, f, g, ..) = triple; //~ ERROR E0308
    let (h, i) = n; //~ ERROR E0308 mismatched types
    //~| LABEL expected `u32`, found `(_, _)`
    let Point { x, z, .. } = p; //~ ERROR E0026 struct `Point` does not have a field named `z`
    let Point { x: x1, x: x2, y } = p; //~ ERROR E0025 field `x` bound multiple times in the pattern
    let Point { y: y1 } = p; //~ ERROR E0027 pattern does not mention field `x`
    //~| HELP include the missing fields
    let Nowhere { w } = p; //~ ERROR E0412 cannot find struct `Nowhere`
    let &m = &n;
    let &mut k = &n; //~ ERROR E0308 mismatched types
    //~| LABEL expected `&u32`, found `&mut _`
    let &o = n; //~ ERROR E0308
    let (ref mut q, _) = pair; //~ ERROR E0596 cannot borrow immutable variable `pair` as mutable
    let r = &pair;
    let (ref mut s, _) = *r; //~ ERROR E0596 cannot borrow data behind a `&` pointer as mutable
    let (mut t, u) = r;
    t += 1;
    let v: u32 = u; //~ ERROR E0308 mismatched types
    //~| LABEL expected `u32`, found `&u32`
    let Point { x: w, .. } = &p;
    let z: i32 = w; //~ ERROR E0308 mismatched types
    //~| LABEL expected `i32`, found `&i32`
}

// An integer literal is not a float pattern (it was accepted, as the float).
pub fn integer_against_float(x: f32) -> u32 {
    match x {
        16777217 => 1, //~ ERROR E0308 mismatched types
        //~| LABEL expected `f32`, found `{integer}`
        -2 => 2, //~ ERROR E0308 mismatched types
        _ => 0,
    }
}
