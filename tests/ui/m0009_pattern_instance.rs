#![allow(unused_variables)]
#![memory(1, min = 1)]

// A pattern that dereferences a reference (`&(a, _)`, or the default binding
// modes) reads the referenced memory: checked again for every instance.
fn first<const M: usize>(r: #[mem_idx(M)] &(u32, u32)) -> u32 {
    let &(a, _) = r; //~ ERROR M0009 dereference accesses memory 5, which this file does not declare (in instance `first<5>`)
    a
}

fn second<const M: usize>(r: #[mem_idx(M)] &(u32, u32)) -> u32 {
    let (_, b) = r; //~ ERROR M0009 (in instance `second<5>`)
    0
}

fn callers(r1: #[mem_idx(1)] &(u32, u32), r5: #[mem_idx(5)] &(u32, u32)) -> u32 {
    first(r1) + second(r1) + first(r5) + second(r5)
}
