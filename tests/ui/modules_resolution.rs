// Paths through modules, `use`, and what a module sees (docs/reference.md section 3, Modules).
mod shapes {
    pub struct Circle { pub r: u32 }
    pub fn unit() -> Circle { Circle { r: 1 } }
    pub mod deep {
        pub fn up() -> u32 { super::helper() + crate::TOP }
        pub fn blind() -> u32 { TOP } //~ ERROR E0425 cannot find value `TOP` in this scope
    }
    fn helper() -> u32 { 1 }
    pub const SIDES: u32 = 0;
}

const TOP: u32 = 10;

use shapes::{Circle, deep::up as climb};
use shapes::Square; //~ ERROR E0432 unresolved import `shapes::Square`
//~| LABEL no `Square` in `crate::shapes`
use geometry::Point; //~ ERROR E0432 unresolved import `geometry`
//~| LABEL use of undeclared crate or module `geometry`
use super::Above; //~ ERROR E0432 unresolved import `super`

fn uses(c: Circle) -> u32 {
    let u: shapes::Circle = shapes::unit();
    let k = shapes::SIDES + climb() + c.r + u.r;
    let m = shapes::missing(); //~ ERROR E0425 cannot find function `missing` in `crate::shapes`
    let t: shapes::Triangle = u; //~ ERROR E0412 cannot find type `Triangle` in `crate::shapes`
    let v = shapez::unit(); //~ ERROR E0433 use of undeclared crate or module `shapez`
    let w = shapes::unit::nested(); //~ ERROR E0433 `unit` is a function, not a module
    let x = crate::shapes::deep::up();
    let y = Circle; //~ ERROR E0423 expected value, found struct `Circle`
    let z: shapes::unit = 1; //~ ERROR E0573 expected type, found function `shapes::unit`
    k + x
}

mod inner {
    mod sub;
    //~^ ERROR E0583 file not found for module `sub`
    //~| NOTE there is no directory
    fn through() -> u32 { sub::anything() } // a module whose file is missing: no follow-up errors
}
