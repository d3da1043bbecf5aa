#![memory(1, min = 1)]
#![memory(2, min = 1)]

// Design 3 after monomorphization: a pointer to a type with a home points
// into that home also when a generic parameter or a local copy would say
// otherwise.

#[mem_idx(1)]
struct Particle {
    x: u32,
    y: u32,
}

#[mem_idx(2)]
struct Key {
    mask: u32,
}

#[mem_idx(M)]
struct Far<T, const M: usize> {
    value: T,
}

fn make<T>() -> *const T {
    64 as *const T
}

fn borrow_copy(p: *const Particle) -> u32 {
    let copy = unsafe { *p };
    let r = &copy; //~ ERROR M0015 a pointer to `Particle` must point into memory 1, where `Particle` lives
    //~| LABEL `Particle` in memory 0
    //~| NOTE a local, a temporary or a parameter is a copy in memory 0's stack
    //~| NOTE `Particle` lives in memory 1 (its `#[mem_idx]` struct): every pointer to it points there
    r.x
}

fn generic_instance() -> u32 {
    let q = make::<Particle>(); //~ ERROR M0015 this instance makes a pointer to `Particle` point into memory 0, but `Particle` lives in memory 1
    //~| NOTE in the instance `make<Particle>`
    //~| NOTE generic code over `T` reaches a `T` through pointers into memory 0
    //~| NOTE `Particle` lives in memory 1
    unsafe { (*q).x }
}

fn generic_is_fine() -> u32 {
    let q = make::<u32>();
    unsafe { *q }
}

fn far_of_key() -> u32 {
    let f: Far<Key, 1> = Far { value: Key { mask: 3 } }; //~ ERROR M0016 field `value` holds a `Key`, which lives in memory 2, but `Far<Key, 1>` does not live there
    f.value.mask
}

fn far_placed() -> u32 {
    let p = 64 as *const Far<u32, 2>; // a u32 placed in memory 2
    unsafe { (*p).value }
}

fn null_is_at_home() -> bool {
    let n = core::ptr::null::<Particle>(); // a null pointer into memory 1
    n.is_null()
}
