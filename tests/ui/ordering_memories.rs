// The ordering operators borrow their operands where they are, as `==` does:
// `<` on a user type's value in another memory, or on far references to one
// (`&a < &b` compares `a` with `b`), is M0002 (PartialOrd's methods take
// `&Self` in memory 0), also for a memory a generic parameter names. A far
// reference is not `PartialEq`/`PartialOrd` for a generic bound either (its
// instance would hand the far reference to the impl); far references to
// primitives compare their values in their memory. Copies in memory 0 work.
#![memory(1, min = 1)]

#[derive(Clone, Copy, PartialEq, PartialOrd)]
struct K {
    a: u32,
}

fn less<T: PartialOrd>(a: T, b: T) -> bool {
    a < b
}

fn far_refs<const M: usize>(a: #[mem_idx(M)] &K, b: #[mem_idx(M)] &K) -> bool {
    a < b //~ ERROR M0002 the operand of `<` is in memory M, but `core::cmp::PartialOrd::lt` takes it in memory 0
    //~| LABEL this place is in memory M
    //~| NOTE the operator borrows its operand where it is, as `#[mem_idx(M)] &K`
    //~| HELP copy the value into memory 0 first
    //~^^^^ ERROR M0002 the operand of `<` is in memory M
}

fn places(p: #[mem_idx(1)] *const K, q: #[mem_idx(1)] *const K, n: #[mem_idx(1)] &u32) -> bool {
    let copy = unsafe { *p };
    let fine = copy <= unsafe { *q } && *n > 3 && less(n, n);
    let far = unsafe { *p > copy }; //~ ERROR M0002 the operand of `>` is in memory 1, but `core::cmp::PartialOrd::gt` takes it in memory 0
    let refs = less(unsafe { &*p }, unsafe { &*q }); //~ ERROR E0277 the trait bound `#[mem_idx(1)] &K: core::cmp::PartialOrd<#[mem_idx(1)] &K>` is not satisfied
    //~^ ERROR E0277 the trait bound `#[mem_idx(1)] &K: core::cmp::PartialEq<#[mem_idx(1)] &K>` is not satisfied
    far || fine || refs || less(&copy, &copy)
}

fn main() {}
