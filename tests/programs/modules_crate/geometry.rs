// `modules_crate::geometry`: a module file whose own module `shapes` is in geometry/shapes.rs.
pub mod shapes;

use self::shapes::Rect;

pub const SCALE: u32 = 2;

pub fn perimeter(r: &Rect) -> u32 {
    2 * (r.w + r.h)
}

/// Sums `n` values of a memory: generic over the memory, from another module.
pub fn sum_far<const M: usize>(p: #[mem_idx(M)] *const u32, n: usize) -> u32 {
    let mut total = 0;
    let mut i = 0;
    while i < n {
        total += unsafe { *p.add(i) };
        i += 1;
    }
    total
}
