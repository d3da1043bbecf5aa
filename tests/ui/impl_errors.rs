// What an impl block and its uses must get right, as rustc checks it: the
// trait's items all implemented (E0046) and no others (E0407), the trait's
// signatures kept (E0053), one definition per name (E0201), one impl per trait
// and type (E0119), a trait that exists (E0405) and is one (E0404), methods and
// associated items that exist (E0599), bounds that hold at calls (E0277).
trait Shape {
    const SIDES: u32;
    fn area(&self) -> u32;
    fn name(&self) -> u32 {
        0
    }
}

struct Sq {
    s: u32,
}

struct Tri {
    b: u32,
}

impl Shape for Sq { //~ ERROR E0046 not all trait items implemented, missing: `SIDES`
    fn area(&self) -> u32 {
        self.s * self.s
    }
    fn perimeter(&self) -> u32 { //~ ERROR E0407 method `perimeter` is not a member of trait `Shape`
        4 * self.s
    }
}

impl Shape for Tri {
    const SIDES: u32 = 3;
    fn area(self) -> u32 { //~ ERROR E0053 method `area` has an incompatible type for trait `Shape`
        //~| LABEL expected `&Tri`, found `Tri`
        self.b
    }
}

impl Sq {
    fn dup(&self) -> u32 {
        1
    }
    fn dup(&self) -> u32 { //~ ERROR E0201 duplicate definitions with name `dup`
        2
    }
}

impl Sq {
    fn new(s: u32) -> Sq {
        Sq { s }
    }
}

impl Shape for u64 {
    const SIDES: u32 = 0;
    fn area(&self) -> u32 {
        0
    }
}

impl Shape for u64 { //~ ERROR E0119 conflicting implementations of trait `Shape` for type `u64`
    const SIDES: u32 = 0;
    fn area(&self) -> u32 {
        0
    }
}

impl NotATrait for Sq {} //~ ERROR E0405 cannot find trait `NotATrait` in this scope
impl Sq for Tri {} //~ ERROR E0404 expected trait, found struct `Sq`

fn area<T: Shape>(t: &T) -> u32 {
    t.area()
}

fn calls(s: Sq) -> u32 {
    let a = area(&5u32); //~ ERROR E0277 the trait bound `u32: Shape` is not satisfied
    //~| NOTE required by a bound in `area`
    let b = s.missing(); //~ ERROR E0599 no method named `missing` found for `Sq`
    let c = Sq::new(1).s;
    let d = Sq::nothing(); //~ ERROR E0599 no function or associated item named `nothing` found for struct `Sq`
    let e = s.new(2); //~ ERROR E0599 no method named `new` found for `Sq`
    a + b + c + d + e
}

fn main() {}
