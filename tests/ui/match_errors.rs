// Errors in `match`, `if let`, `while let` and `let ... else`, as rustc reports them.
enum Shape {
    Empty,
    Circle(u32),
    Rect { w: u32, h: u32 },
}

enum Maybe<T> { Nothing, Just(T) }

struct P(u32, u32);
static LIMIT: u32 = 10;
const START: *const u8 = 16 as *const u8;

fn exhaustive(s: Shape, n: u8, i: i32, b: (bool, bool), m: Maybe<Maybe<u8>>, r: &Shape) -> u32 {
    let a = match s { //~ ERROR E0004 non-exhaustive patterns: `Shape::Rect { .. }` not covered
        //~| LABEL pattern `Shape::Rect { .. }` not covered
        //~| NOTE the matched value is of type `Shape`
        //~| HELP ensure that all possible cases are being handled
        Shape::Empty => 0,
        Shape::Circle(_) => 1,
    };
    let c = match n { 0 => 1, 1..=9 => 2, 200.. => 3 }; //~ ERROR E0004 `10_u8..=199_u8` not covered
    let d = match i { 1 | 2 => 1, 3..=10 => 2 }; //~ ERROR E0004 `i32::MIN..=0_i32` and `11_i32..=i32::MAX` not covered
    //~| LABEL patterns `i32::MIN..=0_i32` and `11_i32..=i32::MAX` not covered
    let e = match b { (true, _) => 1, (false, true) => 2 }; //~ ERROR E0004 `(false, false)` not covered
    let f = match m { Maybe::Just(Maybe::Just(_)) => 1, Maybe::Nothing => 2 }; //~ ERROR E0004 `Maybe::Just(Maybe::Nothing)` not covered
    let g = match r { Shape::Empty => 1, &Shape::Circle(0) => 2, Shape::Rect { w: 0, .. } => 3 }; //~ ERROR E0004 `&Shape::Circle(1_u32..=u32::MAX)` and `&Shape::Rect { w: 1_u32..=u32::MAX, .. }` not covered
    let h = match n { x if x > 3 => 1 }; //~ ERROR E0004 `_` not covered
    //~| LABEL pattern `_` not covered
    let j = match (n, n) { (0, _) => 1, (_, 0) => 2, (1, _) => 3, (_, 1) => 4, (2, _) => 5 }; //~ ERROR E0004 `(3_u8..=u8::MAX, 2_u8..=u8::MAX)` not covered
    0
}

fn refutable(m: Maybe<u32>, n: u8) {
    let Maybe::Just(x) = m; //~ ERROR E0005 refutable pattern in local binding
    //~| LABEL pattern `Maybe::Nothing` not covered
    //~| NOTE `let` bindings require an "irrefutable pattern"
    //~| NOTE the matched value is of type `Maybe<u32>`
    //~| HELP `let ... else`
    let (1, y) = (n, n); //~ ERROR E0005
    //~| LABEL patterns `(0_u8, _)` and `(2_u8..=u8::MAX, _)` not covered
}

fn param(Maybe::Just(x): Maybe<u32>) {} //~ ERROR E0005 refutable pattern in function argument

fn alternatives(s: Shape, t: (u32, u32)) -> u32 {
    let a = match s {
        Shape::Circle(x) | Shape::Empty => x, //~ ERROR E0408 variable `x` is not bound in all patterns
        Shape::Rect { w, .. } => w,
    };
    let b = match t { (0, mut x) | (x, 0) => x, _ => 0 }; //~ ERROR E0409 variable `x` is bound inconsistently
    let c = match t { (x, y) | (y, y) => x, }; //~ ERROR E0416 identifier `y` is bound more than once in the same pattern
    //~^ ERROR E0408 variable `x` is not bound in all patterns
    let d = match t { (x, 0) | (0, x) if x > 1 => 1u8, _ => 0u32 }; //~ ERROR E0308 mismatched types
    0
}

fn names(n: u32, s: Shape, p: P, q: *const u8) {
    match n { LIMIT => {} _ => {} } //~ ERROR E0530 bindings cannot shadow statics: `LIMIT`
    match s { Shape::Circle => {} _ => {} } //~ ERROR E0532 expected unit struct, unit variant or constant, found tuple variant `Shape::Circle`
    match s { Shape::Rect(w, _) => {} _ => {} } //~ ERROR E0164 expected tuple struct or tuple variant, found struct variant `Shape::Rect`
    match p { P(a) => {} } //~ ERROR E0308 mismatched types
    //~| LABEL this pattern has 1 field, but the corresponding tuple struct has 2 fields
    match q { START => {} _ => {} } //~ ERROR E0158 constant `START` of type `*const u8` cannot be used in a pattern
    match n { 10..=1 => {} _ => {} } //~ ERROR E0030 lower range bound must be less than or equal to upper
    match n { 5..5 => {} _ => {} } //~ ERROR E0579 lower range bound must be less than upper
    match n as u8 { 300 => {} _ => {} } //~ ERROR E0023 literal out of range for `u8`
    match n { true => {} _ => {} } //~ ERROR E0308 mismatched types
    match 1.5f32 { 0.0..=1.0 => {} _ => {} } //~ ERROR E0029 only integers may be used in range patterns
    match n { Nowhere => {} } // a new binding: matches everything
}

fn let_else(m: Maybe<u32>) -> u32 {
    let Maybe::Just(x) = m else { 0 }; //~ ERROR E0308 `else` clause of `let...else` does not diverge
    //~| LABEL expected `!`, found `{integer}`
    let Maybe::Just(y) = m else { return 0; };
    if let Maybe::Just(z) = m { z } else { y }
}

fn arms(n: u32) -> u32 {
    match n { 0 => 1, _ => true } //~ ERROR E0308 mismatched types
}

fn arrays<const N: usize>(a: [u32; N], b: [u32; 3]) {
    let [x, ..] = a; //~ ERROR E0527 an array pattern needs the array's length to be known
    let [y, z] = b; //~ ERROR E0308 mismatched types
    //~| LABEL expected an array of 3 elements, found a pattern of 2 elements
}

fn labels(m: Maybe<u32>) -> u32 {
    'w: while let Maybe::Just(v) = m {
        if v == 0 { continue 'w; }
        break 'w 5; //~ ERROR E0571 `break` with value from a `while` loop
    }
    0
}

struct Unit;
const FIVE: u32 = 5;

fn lone_names(x: u32, s: Shape) -> u32 {
    let Unit = Unit; // the unit struct, matched: not a binding
    let FIVE = x; //~ ERROR E0005 refutable pattern in local binding
    //~| LABEL patterns `0_u32..=4_u32` and `6_u32..=u32::MAX` not covered
    let LIMIT = 3; //~ ERROR E0530 bindings cannot shadow statics: `LIMIT`
    let Shape::Empty = s; //~ ERROR E0005 refutable pattern in local binding
    let y = 2;
    y
}
