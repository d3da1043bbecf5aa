#![memory(1, min = 1)]
#![memory(3, memory64, min = 1)]

// A function generic over its memory has `isize` distances, which a 64-bit
// instance overflows (distances in a 64-bit memory are `i64`).

fn generic_distance<const M: usize>(p: #[mem_idx(M)] *const u32, q: #[mem_idx(M)] *const u32) -> isize {
    unsafe { p.offset_from(q) } //~ ERROR M0010 `offset_from` of 64-bit memory 3 does not fit in `isize` (in instance `generic_distance<3>`)
    //~| NOTE sizes and distances are typed `usize` / `isize`
}

fn fine(p: #[mem_idx(1)] *const u32) -> isize { generic_distance(p, p) }

fn instantiate(p: #[mem_idx(3)] *const u32) -> isize { generic_distance(p, p) }
