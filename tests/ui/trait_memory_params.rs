// A trait generic over a memory (`trait InMemory<const M: usize>`) is
// implemented per memory: `X: InMemory<1>` does not make `X: InMemory<2>`
// hold, whether the memory is written, inferred from the expected type, or
// decided by a method call's expected result (E0277, never a pointer into
// memory 1 read as one into memory 2 or 0).
#![memory(1, min = 1)]
#![memory(2, min = 1)]

trait InMemory<const M: usize> {
    fn get(&self) -> #[mem_idx(M)] *const u32;
}

struct X {
    p: #[mem_idx(1)] *const u32,
}

impl InMemory<1> for X {
    fn get(&self) -> #[mem_idx(1)] *const u32 {
        self.p
    }
}

fn two<T: InMemory<2>>(t: &T) -> #[mem_idx(2)] *const u32 {
    t.get()
}

fn one<T: InMemory<1>>(t: &T) -> #[mem_idx(1)] *const u32 {
    t.get()
}

fn any<const N: usize, T: InMemory<N>>(t: &T) -> #[mem_idx(N)] *const u32 {
    t.get()
}

fn uses(x: X) -> u32 {
    let a = two(&x); //~ ERROR E0277 the trait bound `X: InMemory<2>` is not satisfied
    //~| NOTE required by a bound in `two`
    let b = one(&x);
    let c: #[mem_idx(2)] *const u32 = any(&x); //~ ERROR E0277 the trait bound `X: InMemory<2>` is not satisfied
    let d: #[mem_idx(1)] *const u32 = any(&x);
    let e: *const u32 = x.get(); //~ ERROR E0277 the trait bound `X: InMemory<0>` is not satisfied
    unsafe { *a + *b + *c + *d + *e }
}

fn main() {}
