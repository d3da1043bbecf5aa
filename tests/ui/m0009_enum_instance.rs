#![memory(1, min = 1)]

// A generic enum's memory parameter decides, per instance, which memory its
// payload's pointer reads; matching through a reference reads the memory of
// the reference. Both are checked again for every instance.
enum Slot<const M: usize> {
    Vacant,
    Full(#[mem_idx(M)] *const u8),
}

fn read<const M: usize>(s: Slot<M>) -> u8 {
    match s {
        Slot::Full(p) => unsafe { *p }, //~ ERROR M0009 dereference accesses memory 5, which this file does not declare (in instance `read<5>`)
        Slot::Vacant => 0,
    }
}

fn tag<const M: usize>(r: #[mem_idx(M)] &Slot<1>) -> u8 {
    match r {
        Slot::Full(_) => 1, //~ ERROR M0009 (in instance `tag<6>`)
        Slot::Vacant => 0, //~ ERROR M0009 (in instance `tag<6>`)
    }
}

fn callers(a: Slot<1>, b: Slot<5>, near: &Slot<1>, far: #[mem_idx(6)] &Slot<1>) -> u8 {
    read(a) + read(b) + tag(near) + tag(far)
}
