#![memory(1, min = 1)]

fn sum<const M: usize>(p: #[mem_idx(M)] *const u32, n: usize) -> u32 {
    let mut total = 0;
    let mut i = 0;
    while i < n {
        total += unsafe { *p.add(i) };
        i += 1;
    }
    total
}

fn same<const M: usize>(a: #[mem_idx(M)] *const u8, b: #[mem_idx(M)] *const u8) -> bool {
    a == b
}

fn callers(p0: *const u32, p1: #[mem_idx(1)] *const u32, b0: *const u8, b1: #[mem_idx(1)] *const u8) {
    let inferred0 = sum(p0, 4);
    let inferred1 = sum(p1, 4);
    let explicit = sum::<1>(p1, 4);
    let wrong = sum::<1>(p0, 4); //~ ERROR M0008 makes memory 1 meet memory 0
    let ok = same(b1, b1);
    let conflict = same(b0, b1); //~ ERROR M0008 makes memory 0 meet memory 1
}
