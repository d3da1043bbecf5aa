#![memory(1, min = 1)]

// Design 3: a pattern that binds by reference borrows the matched place, as
// `&` does, so binding into a local copy of a type with a home is M0015 too
// (it was accepted, typed as a pointer into memory 0, against the rule that
// every pointer to `Particle` points into memory 1). Bound by value, or
// borrowed where the value lives, it is fine.

#[mem_idx(1)]
#[derive(Clone, Copy)]
struct Particle {
    x: u32,
    y: u32,
}

enum Maybe<T> {
    Nothing,
    Just(T),
}

fn ref_in_tuple(p: *const Particle) -> u32 {
    let t = (unsafe { *p }, 1u32);
    let (ref q, _) = t; //~ ERROR M0015 a pointer to `Particle` must point into memory 1, where `Particle` lives
    //~| NOTE a local, a temporary or a parameter is a copy in memory 0's stack
    //~| NOTE `Particle` lives in memory 1 (its `#[mem_idx]` struct): every pointer to it points there
    q.x
}

fn ref_in_generic_enum(p: *const Particle) -> u32 {
    let m = Maybe::Just(unsafe { *p });
    match m {
        Maybe::Just(ref q) => q.x, //~ ERROR M0015 a pointer to `Particle` must point into memory 1
        Maybe::Nothing => 0,
    }
}

fn default_binding_mode(p: *const Particle) -> u32 {
    let m = Maybe::Just(unsafe { *p });
    if let Maybe::Just(q) = &m { q.y } else { 0 } //~ ERROR M0015 a pointer to `Particle` must point into memory 1
}

fn by_value_is_fine(p: *const Particle) -> u32 {
    let m = Maybe::Just(unsafe { *p });
    match m {
        Maybe::Just(q) => q.x,
        Maybe::Nothing => 0,
    }
}

fn ref_through_memory_0_pointer(p: *const (Particle, u32)) -> u32 {
    // a tuple holding a Particle has no home of its own: `p` points into memory 0, and so would `q`
    let (ref q, _) = unsafe { *p }; //~ ERROR M0015 a pointer to `Particle` must point into memory 1
    q.x
}

fn far_place_is_fine(p: #[mem_idx(1)] *const Maybe<Particle>) -> u32 {
    match unsafe { &*p } {
        Maybe::Just(q) => q.x,
        Maybe::Nothing => 0,
    }
}

#[no_mangle]
pub extern "C" fn main(a: usize) -> u32 {
    let p = a as *const Particle;
    ref_in_tuple(p) + ref_in_generic_enum(p) + default_binding_mode(p) + by_value_is_fine(p)
        + ref_through_memory_0_pointer(a as *const (Particle, u32)) + far_place_is_fine(a as #[mem_idx(1)] *const Maybe<Particle>)
}
