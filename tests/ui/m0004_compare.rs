#![memory(1, min = 1)]

fn compare(p0: *const u8, p1: #[mem_idx(1)] *const u8, q1: #[mem_idx(1)] *const u8) -> bool {
    let same = p1 == q1;
    let ordered = p1 < q1;
    let bad = p0 == p1; //~ ERROR M0004 cannot compare a pointer into memory 0 with a pointer into memory 1
    let explicit = p0 as usize == p1 as usize;
    p1 != p0 //~ ERROR M0004
}
