// Enums with impl blocks (inherent methods, associated functions, impls of
// a generic enum over its parameter) and #[derive(Clone, Copy, PartialEq)]
// on enums and on tuple and unit structs (the derived impls match on the
// variants); a method of a generic enum whose payload is a far pointer.
// CALL: equalities(2) -> 110101
// CALL: methods(3) -> 563
// CALL: far_method(1) -> 6
#![memory(1, min = 1)]

#[derive(Clone, Copy, PartialEq)]
enum Shape {
    Empty,
    Circle(u32),
    Rect { w: u32, h: u32 },
}

#[derive(Clone, Copy, PartialEq)]
enum Option<T> {
    None,
    Some(T),
}

#[derive(Clone, Copy, PartialEq)]
struct P(u32, u8);

#[derive(Clone, PartialEq)]
struct U;

#[mem_idx(1)]
static mut CELLS: [u32; 3] = [5, 6, 7];

impl Shape {
    fn area(&self) -> u32 {
        match self {
            Shape::Empty => 0,
            Shape::Circle(r) => 3 * r * r,
            Shape::Rect { w, h } => w * h,
        }
    }

    fn unit() -> Shape {
        Shape::Circle(1)
    }
}

impl<T: Copy> Option<T> {
    fn unwrap_or(self, default: T) -> T {
        match self {
            Option::Some(v) => v,
            Option::None => default,
        }
    }

    fn is_some(&self) -> bool {
        match self {
            Option::Some(_) => true,
            Option::None => false,
        }
    }
}

#[no_mangle]
pub extern "C" fn equalities(n: u32) -> u32 {
    let a = Shape::Rect { w: n, h: 3 };
    let b = a;
    (a == b) as u32 + (a == Shape::Empty) as u32 * 10 + (Shape::Circle(n) == Shape::Circle(2)) as u32 * 100
        + (Option::Some(3u8) == Option::Some(4)) as u32 * 1000 + (P(1, 2) == P(1, 2)) as u32 * 10000
        + (U == U.clone()) as u32 * 100000
}

#[no_mangle]
pub extern "C" fn methods(n: u32) -> u32 {
    let c = Shape::Rect { w: 2, h: n }.clone();
    let o = Option::Some(5u32);
    let none: Option<u32> = Option::None;
    c.area() * 10 + Shape::unit().area() + o.unwrap_or(0) * 100 + none.unwrap_or(7) * 0
        + (!none.is_some()) as u32 * 0
}

fn cell<const M: usize>(p: #[mem_idx(M)] *const u32, i: usize) -> Option<#[mem_idx(M)] *const u32> {
    if i < 3 { Option::Some(unsafe { p.add(i) }) } else { Option::None }
}

#[no_mangle]
pub extern "C" fn far_method(i: usize) -> u32 {
    let base = unsafe { (&raw const CELLS).cast::<u32>() };
    let p = cell(base, i).unwrap_or(base);
    let q = cell(base, 9).unwrap_or(base);
    unsafe { *p + *q - 5 + cell(base, 0).is_some() as u32 * 0 }
}
