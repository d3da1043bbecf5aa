// Design 3: on a type with a home, a trait method the impl defines takes
// `&self` into the home (tests/programs/design3_traits.rs); a default method
// is the trait's body, written for `&Self` in memory 0, so calling it on a
// value in the home is M0002 (`ne` of `!=`, `le` of `<=` included), and so is
// generic code over `T`, which reaches a `T` in memory 0. A type without a
// home in a far memory gets no such exception, nor does `==` between a copy
// in memory 0 and a value in the home.
#![memory(1, min = 1)]

#[mem_idx(1)]
#[derive(Clone, Copy, PartialEq)]
struct Particle {
    x: u32,
}

struct Plain {
    x: u32,
}

trait Body {
    fn sum(&self) -> u32;
    fn twice(&self) -> u32 {
        self.sum() * 2
    }
}

impl Body for Particle {
    fn sum(&self) -> u32 {
        self.x
    }
}

impl Body for Plain {
    fn sum(&self) -> u32 {
        self.x
    }
}

fn generic<T: Body>(t: &T) -> u32 {
    t.sum()
}

fn calls(p: *const Particle, q: #[mem_idx(1)] *const Plain) -> u32 {
    unsafe {
        let fine = (*p).sum() + ((*p) == (*p)) as u32;
        let default = (*p).twice(); //~ ERROR M0002 the receiver of `twice` is in memory 1, but `twice` takes `self` in memory 0
        let ne = ((*p) != (*p)) as u32; //~ ERROR M0002 the operand of `!=` is in memory 1, but `core::cmp::PartialEq::ne` takes it in memory 0
        //~^ ERROR M0002 the operand of `!=` is in memory 1
        let plain = (*q).sum(); //~ ERROR M0002 the receiver of `sum` is in memory 1, but `sum` takes `self` in memory 0
        let through = generic::<Particle>(&*p); //~ ERROR M0002 argument points into memory 1, but the parameter points into memory 0
        let copy = *p; // a value in memory 0: `==` with it is the trait's (`&Self` in memory 0), not the home's
        let mixed = (copy == *p) as u32; //~ ERROR M0002 the operand of `==` is in memory 1, but `core::cmp::PartialEq::eq` takes it in memory 0
        fine + default + ne + plain + through + mixed
    }
}

fn main() {}
