// impl blocks, methods and associated items, generic structs and impls, traits with
// default methods, associated consts and types, supertraits, impls for primitives,
// bounds and `where` clauses, qualified paths, derives and the operator traits.
// CALL: buffers() -> 2233
// CALL: shapes() -> 0
// CALL: vectors() -> 0
// CALL: generic_math() -> 1
// CALL: assign_ops() -> 485
// CALL: assoc_types() -> 0
use core::ops::{Add, AddAssign, BitXorAssign, Index, Mul, MulAssign, Neg, Sub};

struct Buf<T, const N: usize> {
    data: [T; N],
    len: usize,
}

impl<T: Copy, const N: usize> Buf<T, N> {
    const CAP: usize = N;

    fn new(fill: T) -> Self {
        Self { data: [fill; N], len: 0 }
    }
    fn push(&mut self, x: T) -> bool {
        if self.len == Self::CAP {
            return false;
        }
        self.data[self.len] = x;
        self.len += 1;
        true
    }
    fn len(&self) -> usize {
        self.len
    }
    fn last(&self) -> T {
        self.data[self.len - 1]
    }
    fn take(mut self) -> Self {
        self.len = 0;
        self
    }
}

impl<T, const N: usize> Buf<T, N>
where
    T: Copy + Add<Output = T>,
{
    fn sum(&self, zero: T) -> T {
        let mut total = zero;
        let mut i = 0;
        while i < self.len {
            total = total + self.data[i];
            i += 1;
        }
        total
    }
}

impl<T: Copy, const N: usize> Index<usize> for Buf<T, N> {
    type Output = T;
    fn index(&self, i: usize) -> &T {
        &self.data[i]
    }
}

#[no_mangle]
pub extern "C" fn buffers() -> u32 {
    let mut b: Buf<u32, 4> = Buf::new(0);
    b.push(1);
    b.push(200);
    let r = &mut b;
    r.push(30);
    let rr = &r;
    let full = b.push(3) && !b.push(9);
    let cleared = Buf::<u8, 2>::new(7).take();
    (b.sum(0) + b[1] * 5) * 1 + b.len() as u32 + b.last() + full as u32 * 1000 + cleared.len() as u32
        + Buf::<u8, 3>::CAP as u32 - 3 - 8
}

trait Shape {
    const SIDES: u32;
    fn area(&self) -> u32;
    fn describe(&self) -> u32 {
        self.area() * 10 + Self::SIDES
    }
}

trait Solid: Shape {
    fn volume(&self, depth: u32) -> u32 {
        self.area() * depth
    }
}

#[derive(Clone, Copy, PartialEq)]
struct Rect {
    w: u32,
    h: u32,
}

struct Square {
    side: u32,
}

impl Shape for Rect {
    const SIDES: u32 = 4;
    fn area(&self) -> u32 {
        self.w * self.h
    }
}

impl Shape for Square {
    const SIDES: u32 = 4;
    fn area(&self) -> u32 {
        self.side * self.side
    }
    fn describe(&self) -> u32 {
        1
    }
}

impl Solid for Rect {}

trait Doubled {
    fn doubled(self) -> Self;
}

impl Doubled for u32 {
    fn doubled(self) -> u32 {
        self * 2
    }
}

fn total<T: Shape>(s: &T) -> u32 {
    s.describe() + T::SIDES
}

fn volumes<S>(s: &S) -> u32
where
    S: Solid,
{
    s.volume(3) + <S as Shape>::area(s)
}

#[no_mangle]
pub extern "C" fn shapes() -> u32 {
    let r = Rect { w: 2, h: 3 };
    let s = Square { side: 5 };
    let copy = r;
    let cloned = r.clone();
    let mut score = 0;
    if total(&r) == 68 { score += 1; }
    if total(&s) == 5 { score += 2; }
    if volumes(&r) == 24 { score += 4; }
    if Shape::area(&s) == 25 && <Square as Shape>::SIDES == 4 { score += 8; }
    if copy == cloned && !(copy != r) { score += 16; }
    if 21u32.doubled() == 42 && Doubled::doubled(1u32) == 2 { score += 32; }
    if Rect::SIDES + Square::SIDES == 8 { score += 64; }
    score - 127
}

#[derive(Clone, Copy, PartialEq)]
struct V2 {
    x: i32,
    y: i32,
}

impl V2 {
    fn dot(self, o: V2) -> i32 {
        self.x * o.x + self.y * o.y
    }
}

impl Add for V2 {
    type Output = V2;
    fn add(self, o: V2) -> V2 {
        V2 { x: self.x + o.x, y: self.y + o.y }
    }
}

impl Sub for V2 {
    type Output = V2;
    fn sub(self, o: V2) -> V2 {
        V2 { x: self.x - o.x, y: self.y - o.y }
    }
}

impl Mul<i32> for V2 {
    type Output = V2;
    fn mul(self, k: i32) -> V2 {
        V2 { x: self.x * k, y: self.y * k }
    }
}

impl Neg for V2 {
    type Output = V2;
    fn neg(self) -> V2 {
        V2 { x: -self.x, y: -self.y }
    }
}

#[no_mangle]
pub extern "C" fn vectors() -> i32 {
    let a = V2 { x: 1, y: 2 };
    let b = V2 { x: 3, y: -4 };
    let c = (a + b) * 2 - -a;
    let d = c.dot(b);
    if c == (V2 { x: 9, y: -2 }) && c != a && d == 35 { 0 } else { d }
}

fn sum3<T: Add<Output = T> + Copy>(a: T, b: T, c: T) -> T {
    a + b + c
}

fn largest<T: PartialEq + Copy, const N: usize>(xs: &[T; N], probe: T) -> usize {
    let mut hits = 0;
    let mut i = 0;
    while i < N {
        if xs[i] == probe {
            hits += 1;
        }
        i += 1;
    }
    hits
}

fn lifetimes<'a, 'b: 'a>(x: &'a u32, _y: &'b u32) -> &'a u32 {
    x
}

#[no_mangle]
pub extern "C" fn generic_math() -> i64 {
    let v = sum3(V2 { x: 1, y: 1 }, V2 { x: 2, y: 2 }, V2 { x: 3, y: 3 });
    let n = sum3(1i64, 2, 3);
    let f = sum3(0.5f64, 0.25, 0.25);
    let hits = largest(&[1u8, 2, 1, 3], 1) + largest(&[[1u16; 2], [2; 2]], [2, 2]);
    let k = 7u32;
    let j = 8u32;
    (v.x + v.y) as i64 + n + f as i64 + hits as i64 + *lifetimes(&k, &j) as i64 - 28
}

impl AddAssign for V2 {
    fn add_assign(&mut self, o: V2) {
        self.x += o.x;
        self.y += o.y;
    }
}

impl MulAssign<i32> for V2 {
    fn mul_assign(&mut self, k: i32) {
        self.x *= k;
        self.y *= k;
    }
}

fn accumulate<T: AddAssign + Copy>(xs: &[T; 3], mut acc: T) -> T {
    let mut i = 0;
    while i < 3 {
        acc += xs[i];
        i += 1;
    }
    acc
}

fn flip<T: BitXorAssign + Copy>(mut a: T, b: T) -> T {
    a ^= b;
    a
}

#[no_mangle]
pub extern "C" fn assign_ops() -> i32 {
    let mut v = V2 { x: 1, y: 2 };
    v += V2 { x: 10, y: 20 };
    v *= 3;
    let mut arr = [V2 { x: 0, y: 0 }; 2];
    arr[1] += v;
    let r = &mut arr[0];
    *r += V2 { x: 5, y: 5 };
    let w = accumulate(&[v, v, v], V2 { x: 0, y: 1 });
    let n = accumulate(&[1u64, 2, 3], 4) as i32;
    let f = accumulate(&[0.5f32, 0.25, 0.125], 0.125) as i32;
    let b = flip(0b1100u8, 0b1010) as i32;
    v.x + v.y + arr[1].y + arr[0].x + w.x + w.y + n + f + b
}

trait Field {
    type Out: Copy;
    fn field(&self) -> Self::Out;
}

impl Field for Rect {
    type Out = u32;
    fn field(&self) -> u32 {
        self.w
    }
}

impl Field for V2 {
    type Out = i32;
    fn field(&self) -> i32 {
        self.y
    }
}

fn plus_one<T: Field<Out = u32>>(t: &T) -> u32 {
    t.field() + 1
}

fn field_of<T: Field>(t: &T) -> T::Out {
    t.field()
}

#[no_mangle]
pub extern "C" fn assoc_types() -> i32 {
    let r = Rect { w: 6, h: 1 };
    let v = V2 { x: 1, y: -9 };
    let a: u32 = field_of(&r);
    let b: i32 = field_of(&v);
    (plus_one(&r) + a) as i32 + b - 4
}
