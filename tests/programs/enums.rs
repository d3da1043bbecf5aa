// Enums: C-like enums with explicit discriminants and `as` casts, enums with
// tuple and struct variants, a generic enum, enums inside structs, arrays,
// tuples and statics (memory 0 and a far memory), and enum constants.
// CALL: casts() -> 1124012
// CALL: shapes(3) -> 1352
// CALL: generic(7) -> 1610
// CALL: nested(2) -> 8102
// CALL: statics(1) -> 15
// CALL: far_table(2) -> 513
#![memory(1, min = 1)]

#[repr(u8)]
enum Color { Red = 1, Green, Blue = 10, White = 255 }

enum Signed { Low = -3, Mid, High = 120 }

#[repr(i16)]
enum Wide { A = -300, B = 300 }

enum Shape {
    Empty,
    Circle(u32),
    Rect { w: u32, h: u32 },
    Tri(u8, u16, u64),
}

enum Maybe<T> {
    Nothing,
    Just(T),
}

struct Holder {
    tag: u8,
    shape: Shape,
    pair: (Maybe<u16>, bool),
}

const ORANGE: Color = Color::Green;
static NEAR_SHAPE: Shape = Shape::Rect { w: 4, h: 5 };
#[mem_idx(1)]
static mut FAR_SHAPES: [Shape; 3] = [Shape::Circle(10), Shape::Empty, Shape::Tri(1, 2, 500)];

fn area<const M: usize>(s: #[mem_idx(M)] &Shape) -> u32 {
    match s {
        Shape::Empty => 0,
        Shape::Circle(r) => 3 * r * r,
        Shape::Rect { w, h } => w * h,
        Shape::Tri(a, b, c) => *a as u32 + *b as u32 + *c as u32,
    }
}

#[no_mangle]
pub extern "C" fn casts() -> u32 {
    let a = Color::Red as u32 + Color::Green as u32 * 10 + Color::Blue as u32 * 100;
    let b = Color::White as i8 as i32 + 2; // 255 as i8 is -1
    let c = (Signed::Low as i32 + 3) + Signed::Mid as i32 * 10 + Signed::High as i32;
    let d = Wide::A as i64 + Wide::B as i64 + (Wide::A as u16) as i64 - 65236;
    let e = ORANGE as u8 as u32;
    (a + b as u32 + c as u32 + d as u32 + e) * 1000 + Color::Blue as usize as u32 + 2
}

#[no_mangle]
pub extern "C" fn shapes(n: u32) -> u32 {
    let list = [Shape::Empty, Shape::Circle(n), Shape::Rect { h: n + 1, w: 2 }, Shape::Tri(200, 300, 100)];
    let mut total = 0;
    let mut i = 0;
    while i < 4 {
        total += area(&list[i]);
        i += 1;
    }
    total + area(&NEAR_SHAPE) * 10 + 517
}

fn unwrap_or<T>(m: Maybe<T>, default: T) -> T {
    match m {
        Maybe::Just(v) => v,
        Maybe::Nothing => default,
    }
}

#[no_mangle]
pub extern "C" fn generic(n: u32) -> u32 {
    let a: Maybe<u32> = Maybe::Just(n);
    let b = Maybe::<u8>::Nothing;
    let c = Maybe::Just((n as u16, true));
    let (x, flag) = unwrap_or(c, (0, false));
    unwrap_or(a, 1) * 100 + unwrap_or(b, 9) as u32 * 100 + x as u32 + if flag { 3 } else { 0 }
}

#[no_mangle]
pub extern "C" fn nested(k: u32) -> u32 {
    let h = Holder { tag: 4, shape: Shape::Circle(k), pair: (Maybe::Just(40), true) };
    let inner = match h.pair {
        (Maybe::Just(v), true) => v as u32,
        (Maybe::Just(_), false) => 1,
        (Maybe::Nothing, _) => 2,
    };
    h.tag as u32 * 1000 + area(&h.shape) * 10 + inner * 100 - 0 * k - 18
}

#[no_mangle]
pub extern "C" fn statics(i: usize) -> u32 {
    unsafe {
        let far = (&raw const FAR_SHAPES).cast::<Shape>();
        match &*far.add(i) {
            Shape::Empty => 15,
            _ => 0,
        }
    }
}

#[no_mangle]
pub extern "C" fn far_table(i: usize) -> u32 {
    unsafe {
        let far = (&raw mut FAR_SHAPES).cast::<Shape>();
        *far.add(1) = Shape::Rect { w: 2, h: 5 };
        area(&*far.add(i)) + area(&*far.add(1)) + area(&*far.add(0)) - 300
    }
}
