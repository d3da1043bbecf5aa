// An impl must keep the memories of the trait's signature (E0053): a trait
// method that returns a pointer into memory 0 cannot be implemented by one
// returning a far pointer (callers through the trait would read it in memory
// 0), nor can a method generic over a memory take a near pointer.
#![memory(1, min = 1)]

trait Get {
    fn ptr(&self) -> *const u32;
}

struct Near {
    p: *const u32,
}

impl Get for Near {
    fn ptr(&self) -> *const u32 {
        self.p
    }
}

struct Far<const M: usize> {
    p: #[mem_idx(M)] *const u32,
}

impl<const M: usize> Get for Far<M> {
    fn ptr(&self) -> #[mem_idx(M)] *const u32 { //~ ERROR E0053 method `ptr` has an incompatible type for trait `Get`
        //~| NOTE an impl must keep the memories the trait's signature promises
        self.p
    }
}

trait Load {
    fn load<const M: usize>(p: #[mem_idx(M)] *const u32) -> u32;
}

struct Loader {
    unused: u32,
}

impl Load for Loader {
    fn load<const N: usize>(p: *const u32) -> u32 { //~ ERROR E0053 method `load` has an incompatible type for trait `Load`
        //~| LABEL expected `#[mem_idx(N)] *const u32`, found `*const u32`
        0
    }
}

fn main() {}
