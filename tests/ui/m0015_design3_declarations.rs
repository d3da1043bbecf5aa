#![memory(1, min = 1)]
#![memory(2, min = 1)]

// Design 3: a struct with a home lives in that memory; plain pointers to it
// point there, and nothing may put one elsewhere.

#[mem_idx(1)]
struct Particle {
    x: u32,
    y: u32,
}

#[mem_idx(2)]
struct Key {
    mask: u32,
}

impl Particle {
    fn sum(&self) -> u32 {
        self.x + self.y
    }
}

struct Plain {
    k: Key, //~ ERROR M0016 field `k` holds a `Key`, which lives in memory 2, but `Plain` does not live there
    //~| HELP give `Plain` the same home (`#[mem_idx(2)] struct Plain`)
}

#[mem_idx(1)]
struct Other {
    k: Key, //~ ERROR M0016 field `k` holds a `Key`
    //~| NOTE `Other` lives in memory 1
    p: *const Key, // a pointer to a Key is fine anywhere: it points into memory 2
}

#[mem_idx(0)] //~ ERROR M0016 static `K0` is a `Key`, which lives in memory 2, not in memory 0
//~| HELP drop the `#[mem_idx]`: a static of type `Key` is placed in memory 2
static K0: Key = Key { mask: 1 };

static K2: Key = Key { mask: 2 }; // placed in memory 2

fn explicit(p: #[mem_idx(2)] *const Particle) -> u32 { //~ ERROR M0015 a pointer to `Particle` must point into memory 1, where `Particle` lives
    //~| LABEL this pointer is into memory 2
    0
}

fn redundant(p: #[mem_idx(1)] *const Particle, q: *const Particle) -> bool {
    p == q // the same type: both point into memory 1
}

fn launder(p: *const Particle) -> *const u32 {
    p as *const u32 //~ ERROR M0006 cannot cast a pointer into memory 1 to a pointer into memory 0
}

fn keep(p: *const Particle) -> #[mem_idx(1)] *const u32 {
    p as #[mem_idx(1)] *const u32 // the far pointer of design 1, same memory
}

fn field(p: &Particle) -> #[mem_idx(1)] &u32 {
    &p.x // a field of a value in memory 1 is a design-1 far place
}

fn near_field(p: &Particle) -> &u32 {
    &p.x //~ ERROR M0003
}

fn receiver_copy(p: *const Particle) -> u32 {
    let copy = unsafe { *p };
    copy.sum() //~ ERROR M0002 the receiver of `sum` is in memory 0, but `sum` takes `self` in memory 1
    //~| NOTE would borrow the receiver as `#[mem_idx(1)] &Particle`
    //~| NOTE `Particle` lives in memory 1 (its `#[mem_idx]` struct)
    //~| NOTE a local, a temporary or a parameter is a copy in memory 0's stack
}

fn receiver_in_place(p: *const Particle) -> u32 {
    unsafe { (*p).sum() }
}

fn at_home<T: core::marker::InMemory<M>, const M: usize>(p: *const T) -> usize {
    p as usize
}

fn wrong_home() -> usize {
    at_home::<Particle, 2>(64 as *const Particle) //~ ERROR E0277 the trait bound `Particle: core::marker::InMemory<2>` is not satisfied
    //~| LABEL the trait `core::marker::InMemory<2>` is not implemented for `Particle`
    //~| NOTE required by a bound in `at_home`
    //~^^^ ERROR M0008
}

fn right_home() -> usize {
    at_home(64 as *const Particle) + at_home(64 as *const u32)
}
