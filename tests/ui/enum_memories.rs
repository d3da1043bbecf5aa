// Enums keep the memory of every pointer in their payloads; a generic enum's
// memory parameter is part of its type; a pattern binding has the memory of
// what it matches. No enum, variant or pattern is a way around the memory
// rules.
#![memory(1, min = 1)]
#![memory(2, min = 1)]

enum Ptr {
    Near(*const u8),
    Far(#[mem_idx(1)] *const u8),
}

enum Slot<const M: usize> {
    Vacant,
    Full(#[mem_idx(M)] *const u8),
}

enum Maybe<T> {
    Nothing,
    Just(T),
}

fn near(_: *const u8) {}

fn destructured(p: Ptr) -> *const u8 {
    match p {
        Ptr::Near(q) => q,
        Ptr::Far(q) => q, //~ ERROR M0003 returned pointer points into memory 1, but the return type points into memory 0
    }
}

fn constructed(p0: *const u8, p1: #[mem_idx(1)] *const u8) {
    let a = Ptr::Far(p0); //~ ERROR M0007 cannot store a pointer into memory 0 where a pointer into memory 1 is expected
    let b = Ptr::Near(p1); //~ ERROR M0007
    let Ptr::Far(c) = Ptr::Far(p1) else { return; };
    let d: *const u8 = c; //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
    near(c); //~ ERROR M0002 argument points into memory 1, but the parameter points into memory 0
}

fn two_memories(p1: #[mem_idx(1)] *const u8, p2: #[mem_idx(2)] *const u8) {
    let a: Slot<1> = Slot::Full(p1);
    let b: Slot<2> = a; //~ ERROR M0001 expected a pointer into memory 2, found a pointer into memory 1
    let c: Slot<1> = Slot::Full(p2); //~ ERROR M0007 cannot store a pointer into memory 2 where a pointer into memory 1 is expected
    let d = Slot::Full(p2);
    takes_slot1(d); //~ ERROR M0002 argument points into memory 2, but the parameter points into memory 1
    let e: Slot<2> = Slot::Vacant;
    takes_slot1(e); //~ ERROR M0002
}

fn takes_slot1(_: Slot<1>) {}

fn generic_payload(p1: #[mem_idx(1)] *const u8) -> Maybe<*const u8> {
    let m = Maybe::Just(p1);
    let n: Maybe<*const u8> = m; //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
    Maybe::Just(p1) //~ ERROR M0007
}

fn annotated(m: Maybe<#[mem_idx(1)] *const u8>) {
    let Maybe::Just(p): Maybe<*const u8> = m else { return; }; //~ ERROR M0001
    if let Maybe::Just(q) = m {
        let r: *const u8 = q; //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
    }
}

fn through_far_reference(r: #[mem_idx(1)] &Ptr) {
    match r {
        Ptr::Near(q) => {
            let a: &*const u8 = q; //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
            let b: #[mem_idx(1)] &*const u8 = q;
        }
        Ptr::Far(q) => {
            let c: #[mem_idx(1)] &*const u8 = q; //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1 (behind 1 level of pointer)
            let d: #[mem_idx(1)] &#[mem_idx(1)] *const u8 = q;
        }
    }
    match *r {
        Ptr::Near(ref q) => {
            let e: &*const u8 = q; //~ ERROR M0001
        }
        Ptr::Far(q) => near(q), //~ ERROR M0002
    }
}

fn casts(p: *const Maybe<#[mem_idx(1)] *const u8>, s: *const Slot<2>) {
    let a = p as *const Maybe<*const u8>; //~ ERROR M0006 this cast would read a pointer into memory 1 as a pointer into memory 0
    let b = s as *const Slot<1>; //~ ERROR M0006 this cast would read a pointer into memory 2 as a pointer into memory 1
    let c = p as *const Maybe<usize>;
    let d = s as *const [u8; 8];
}
