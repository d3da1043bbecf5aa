// Design 3: trait methods and operators on a type with a home. A method the
// impl defines (`sum`, `bump`), a derived `==` and an impl's own `lt` take
// `&self` into the type's memory, so they work on values where they live (a
// far static's elements) without a copy into memory 0. A default method
// (`ne`, `le`) would take `&Self` in memory 0: tests/ui/design3_trait_methods.rs.
// CALL: methods(5) -> 1200
// CALL: methods(0) -> 701
// CALL: operators(3) -> 11
// CALL: operators(9) -> 101
#![memory(1, min = 1)]

#[mem_idx(1)]
#[derive(Clone, Copy, PartialEq)]
struct Particle {
    x: u32,
    y: u32,
}

trait Body {
    fn sum(&self) -> u32;
    fn bump(&mut self, by: u32);
}

impl Body for Particle {
    fn sum(&self) -> u32 {
        self.x + self.y
    }
    fn bump(&mut self, by: u32) {
        self.x += by;
    }
}

impl PartialOrd for Particle {
    fn partial_cmp(&self, other: &Particle) -> Option<core::cmp::Ordering> {
        let (a, b) = (self.x, other.x);
        a.partial_cmp(&b)
    }
    fn lt(&self, other: &Particle) -> bool {
        let (a, b) = (self.x, other.x);
        a < b
    }
}

#[mem_idx(1)]
static mut PARTICLES: [Particle; 2] = [Particle { x: 3, y: 4 }, Particle { x: 3, y: 0 }];

#[no_mangle]
pub extern "C" fn methods(n: u32) -> u32 {
    unsafe {
        PARTICLES[0] = Particle { x: 3, y: 4 };
        PARTICLES[1] = Particle { x: 3 + n, y: 4 + n / 5 };
        PARTICLES[0].bump(n);
        PARTICLES[0].sum() * 100 + (PARTICLES[0] == PARTICLES[1]) as u32
    }
}

#[no_mangle]
pub extern "C" fn operators(n: u32) -> u32 {
    unsafe {
        PARTICLES[0] = Particle { x: n, y: 1 };
        PARTICLES[1] = Particle { x: 5, y: 1 };
        (PARTICLES[0] < PARTICLES[1]) as u32 * 10 + (PARTICLES[1] < PARTICLES[0]) as u32 * 100
            + !(PARTICLES[0] == PARTICLES[1]) as u32
    }
}
