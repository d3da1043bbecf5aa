// Design 3: a struct's home says where its values live. Plain pointers to it
// reach that memory; its statics are placed there; its fields are design-1
// far places; a generic struct takes its home from an argument.
// CALL: through_plain_pointer(7) -> 7
// CALL: static_in_home() -> 4660
// CALL: field_is_far(5) -> 5
// CALL: generic_home(9) -> 9
// CALL: methods(3, 4) -> 7
// CALL: array_of_homed(6) -> 6
// CALL: generic_over_homes(8) -> 80
// CALL: slice_of_homed(11) -> 11
// ORACLE: skip uses fixed addresses that only exist in a wasm memory
#![memory(1, min = 1)]
#![memory(2, min = 1)]

#[derive(Clone, Copy)]
#[mem_idx(1)]
struct Particle {
    x: u32,
    y: u32,
}

impl Particle {
    fn sum(&self) -> u32 {
        self.x + self.y
    }
}

#[mem_idx(2)]
struct Key {
    mask: u32,
}

#[mem_idx(M)]
struct Far<T, const M: usize> {
    value: T,
}

impl<T: Copy, const M: usize> Far<T, M> {
    fn get(&self) -> T {
        self.value
    }
}

static mut K2: Key = Key { mask: 0x1234 };

/// A plain `*mut Particle` writes memory 1: design 1's pointer at the same address reads it.
#[no_mangle]
pub extern "C" fn through_plain_pointer(v: u32) -> u32 {
    let p = 128 as *mut Particle;
    unsafe {
        (*p).x = v;
        *(128 as #[mem_idx(1)] *const u32)
    }
}

/// The static of a `Key` is in memory 2.
#[no_mangle]
pub extern "C" fn static_in_home() -> u32 {
    unsafe { *((&raw const K2) as usize as #[mem_idx(2)] *const u32) }
}

fn y_of(p: &Particle) -> #[mem_idx(1)] &u32 {
    &p.y
}

#[no_mangle]
pub extern "C" fn field_is_far(v: u32) -> u32 {
    let p = 256 as *mut Particle;
    unsafe {
        (*p).y = v;
        *y_of(&*p)
    }
}

#[no_mangle]
pub extern "C" fn generic_home(v: u32) -> u32 {
    let p = 64 as *mut Far<u32, 2>;
    unsafe {
        *(64 as #[mem_idx(2)] *mut u32) = v;
        (*p).get()
    }
}

#[no_mangle]
pub extern "C" fn methods(x: u32, y: u32) -> u32 {
    let p = 512 as *mut Particle;
    unsafe {
        *p = Particle { x, y };
        (*p).sum()
    }
}

#[no_mangle]
pub extern "C" fn array_of_homed(v: u32) -> u32 {
    let a = 1024 as *mut [Particle; 4];
    unsafe {
        (*a)[2].x = v;
        *((1024 + 2 * 8) as #[mem_idx(1)] *const u32)
    }
}

/// Generic code says where its `T` lives with an `InMemory<M>` bound: `*const T` is into `M`.
fn load<T: core::marker::InMemory<M> + Copy, const M: usize>(p: *const T) -> T {
    unsafe { *p }
}

#[no_mangle]
pub extern "C" fn generic_over_homes(v: u32) -> u32 {
    let p = 2048 as *mut Particle;
    let near = 2048 as *mut u32; // the same address in memory 0
    unsafe {
        (*p).x = v;
        *near = 10 * v;
    }
    let particle = load(p as *const Particle); // load<Particle, 1>: reads memory 1
    let word = load(near as *const u32); // load<u32, 0>: reads memory 0
    if particle.x == v { word } else { 0 }
}

fn second_x(s: &[Particle]) -> u32 {
    s[1].x
}

/// A slice of a type with a home points into that home: `&[Particle]` reads memory 1.
#[no_mangle]
pub extern "C" fn slice_of_homed(v: u32) -> u32 {
    let a = 4096 as *mut [Particle; 3];
    unsafe {
        *((4096 + 8) as #[mem_idx(1)] *mut u32) = v;
        second_x(&*a)
    }
}
