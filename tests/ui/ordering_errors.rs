// Misuse of the ordering operators and traits: `<` on a type without
// PartialOrd (and on a generic without the bound), an impl without its
// required method, a derive whose field has no total order, PartialOrd
// without PartialEq, Ord without Eq, and bounds the arguments do not meet
// (f64 has no total order).
use core::cmp::Ordering;

struct Plain {
    x: u32,
}

#[derive(PartialEq)]
struct NoMethod {
    x: u32,
}

impl PartialOrd for NoMethod {} //~ ERROR E0046 not all trait items implemented, missing: `partial_cmp`

#[derive(PartialEq, PartialOrd)]
struct Floats {
    f: f64,
}

#[derive(PartialEq, Eq, PartialOrd, Ord)] //~ ERROR E0277 the trait bound `Floats: core::cmp::Ord` is not satisfied
//~^ ERROR E0277 the trait bound `Floats: core::cmp::Eq` is not satisfied
struct Total {
    f: Floats,
}

#[derive(PartialOrd)] //~ ERROR E0277 the trait bound `Unequal: core::cmp::PartialEq<Unequal>` is not satisfied
struct Unequal {
    x: u32,
}

#[derive(PartialEq, PartialOrd, Ord)] //~ ERROR E0277 the trait bound `NotEq: core::cmp::Eq` is not satisfied
struct NotEq {
    x: u32,
}

fn largest<T: Ord>(a: T, b: T) -> T {
    a.max(b)
}

fn unbounded<T>(a: T, b: T) -> bool {
    a < b //~ ERROR E0369 binary operation `<` cannot be applied to type `T`
    //~| NOTE an implementation of `core::cmp::PartialOrd<T>` might be missing for `T`
}

fn main() {
    let a = Plain { x: 1 };
    let b = Plain { x: 2 };
    let _ = a >= b; //~ ERROR E0369 binary operation `>=` cannot be applied to type `Plain`
    let _ = a.x < b.x;
    let _ = largest(1.5f64, 2.5); //~ ERROR E0277 the trait bound `f64: core::cmp::Ord` is not satisfied
    //~^ ERROR E0277 the trait bound `f64: core::cmp::Eq` is not satisfied
    let _ = largest(Floats { f: 1.0 }, Floats { f: 2.0 }); //~ ERROR E0277 the trait bound `Floats: core::cmp::Ord` is not satisfied
    //~^ ERROR E0277 the trait bound `Floats: core::cmp::Eq` is not satisfied
    let _: Ordering = 1u32.cmp(&2);
}
