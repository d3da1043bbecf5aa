// Errors in enum declarations and values, as rustc reports them.
enum Level {
    Low = 1,
    Mid = 0,
    High, //~ ERROR E0081 discriminant value `1` assigned more than once
}

#[repr(u8)]
enum Byte {
    Last = 255,
    Next, //~ ERROR E0370 enum discriminant overflowed
}

enum Message {
    Quit = 1, //~ ERROR E0732 `#[repr(inttype)]` must be specified
    Move(u32),
}

#[repr(bytes)] //~ ERROR E0552 unrecognized representation hint `bytes`
enum Flag { Off, On }

enum List { //~ ERROR E0072 recursive type `List` has infinite size
    Nil,
    Cons(u32, List),
}

enum Shape {
    Empty,
    Circle(u32),
    Rect { w: u32, h: u32 },
}

enum Maybe<T> { Nothing, Just(T) }

fn values(n: u32) {
    let a = Shape::Circle(1, 2); //~ ERROR E0061 this enum variant takes 1 field but 2 were supplied
    let b = Shape::Rect { w: 1, height: 2 }; //~ ERROR E0559 variant `Shape::Rect` has no field named `height`
    let c = Shape::Rect { w: 1 }; //~ ERROR E0063 missing field `h` in initializer of `Shape::Rect`
    let d = Shape::Rect; //~ ERROR E0533 expected value, found struct variant `Shape::Rect`
    let e = Shape::Empty(); //~ ERROR E0618 expected function, found unit variant `Shape::Empty`
    let f = Shape::Circle { r: 1 }; //~ ERROR E0574 expected struct or struct variant, found tuple variant `Shape::Circle`
    let g = Shape::Rect { w: 1, ..Shape::Rect { w: 2, h: 3 } }; //~ ERROR E0436 functional record update syntax requires a struct
    let h = Shape::Circle(n) as u32; //~ ERROR E0605 non-primitive cast: `Shape` as `u32`
    //~| NOTE no variant has fields
    let i = Shape::Nothing; //~ ERROR E0599 no variant or associated item named `Nothing` found for enum `Shape`
    let j: Maybe<u32, u8> = Maybe::Nothing; //~ ERROR E0107 enum `Maybe` takes 1 generic argument but 2 were supplied
    let k = Maybe::Nothing; //~ ERROR E0282 type annotations needed
    let l: Maybe<u8> = Maybe::Just(300); //~ ERROR E0023 literal out of range for `u8`
    let m: u32 = Maybe::Just(1u32); //~ ERROR E0308 mismatched types
    let o = Level::Low as f32; //~ ERROR E0606 casting `Level` as `f32` is invalid
}

struct NotCopy { x: u32 }
#[derive(Clone, Copy)] //~ ERROR E0204 the trait `Copy` cannot be implemented for type `Bad`
//~| NOTE its field `A.0` has type `NotCopy`, which does not implement `Copy`
//~^^ ERROR E0277 the trait bound `NotCopy: core::clone::Clone` is not satisfied
enum Bad { A(NotCopy), B }

fn associated(s: Shape) -> u32 {
    let a = Shape::new(); //~ ERROR E0599 no variant or associated item named `new` found for enum `Shape`
    s.area() //~ ERROR E0599 no method named `area` found for `Shape`
}
