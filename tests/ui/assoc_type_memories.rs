// An associated type keeps the memories of what an impl says it is: a bound
// `T: Ptr<P = *const u32>` does not hold for an impl whose `P` points into
// memory 1, and `T::P` in a caller is the far pointer type, not a near one.
#![memory(1, min = 1)]

trait Ptr {
    type P: Copy;
    fn get(&self) -> Self::P;
}

struct Far<const M: usize> {
    p: #[mem_idx(M)] *const u32,
}

impl<const M: usize> Ptr for Far<M> {
    type P = #[mem_idx(M)] *const u32;
    fn get(&self) -> #[mem_idx(M)] *const u32 {
        self.p
    }
}

fn near<T: Ptr<P = *const u32>>(t: &T) -> *const u32 {
    t.get()
}

fn generic<T: Ptr>(t: &T) -> T::P {
    t.get()
}

fn uses(q: #[mem_idx(1)] *const u32) -> u32 {
    let far = Far::<1> { p: q };
    let a = near(&far); //~ ERROR E0308 mismatched types
    //~| LABEL expected `*const u32`, found `#[mem_idx(1)] *const u32`
    //~| NOTE the bound requires `<Far<1> as Ptr>::P` to be this type
    let b: *const u32 = generic(&far); //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
    let c: #[mem_idx(1)] *const u32 = generic(&far);
    let d: #[mem_idx(1)] *const u32 = far.get();
    unsafe { *a + *b + *c + *d }
}

fn main() {}
