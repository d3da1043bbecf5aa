// Modules: inline and in files (modules_crate/mod.rs, modules_crate/geometry.rs, modules_crate/geometry/shapes.rs), `use`
// with groups, aliases, `self`, globs, `super` and `crate`, and visibility; a far static
// and far pointers through a module's functions.
// CALL: areas() -> 80
// CALL: counters() -> 1012
// CALL: far_total() -> 60
#![memory(1, min = 1)]

mod modules_crate;
mod counter {
    static mut COUNT: u32 = 0;
    pub fn bump() -> u32 {
        unsafe {
            COUNT += 1;
            COUNT
        }
    }
    pub mod reset {
        pub fn to(value: u32) {
            unsafe {
                super::COUNT = value;
            }
        }
    }
}

use counter::{bump, reset::to as reset_to};
use modules_crate::geometry::shapes::{self, Rect};
use modules_crate::geometry::*;

#[mem_idx(1)]
static FAR: [u32; 3] = [10, 20, 30];

#[no_mangle]
pub extern "C" fn areas() -> u32 {
    let r = Rect { w: 3, h: 4 };
    let s = shapes::square(5);
    // area 12 + 25, perimeter 14 + 20, SCALE 2 * (3 + 1) = 8: 12 + 25 + 14 + 20 + 8 = 79, + unit 1
    shapes::area(&r) + shapes::area(&s) + perimeter(&r) + modules_crate::geometry::perimeter(&s) + SCALE * (r.w + 1)
        + crate::modules_crate::geometry::shapes::unit().w
}

#[no_mangle]
pub extern "C" fn counters() -> u32 {
    reset_to(10);
    bump();
    let b = bump();
    b + 1000
}

#[no_mangle]
pub extern "C" fn far_total() -> u32 {
    let p = (&raw const FAR).cast::<u32>();
    modules_crate::geometry::sum_far(p, 3)
}
