// Methods keep the memory of their receiver: auto-ref borrows the receiver
// where it is, a `&self` method takes a receiver in memory 0 only, and a far
// receiver `self: #[mem_idx(M)] &Self` works for every memory M and keeps M in
// what it returns. No method (or generic impl over a memory) turns a pointer
// into one memory into a pointer into another.
#![memory(1, min = 1)]
#![memory(2, min = 1)]

struct Cell {
    v: u32,
}

impl Cell {
    fn get(&self) -> u32 {
        self.v
    }
    fn set(&mut self, v: u32) {
        self.v = v;
    }
    fn far_get<const M: usize>(self: #[mem_idx(M)] &Self) -> u32 {
        self.v
    }
    fn far_ref<const M: usize>(self: #[mem_idx(M)] &Self) -> #[mem_idx(M)] &u32 {
        &self.v
    }
    fn launder<const M: usize>(self: #[mem_idx(M)] &Self) -> &u32 {
        &self.v //~ ERROR M0003 returned pointer points into memory M, but the return type points into memory 0
    }
}

struct Far<const M: usize> {
    p: #[mem_idx(M)] *const u32,
}

impl<const M: usize> Far<M> {
    fn get(&self) -> #[mem_idx(M)] *const u32 {
        self.p
    }
    fn near(&self) -> *const u32 {
        self.p //~ ERROR M0003 returned pointer points into memory M, but the return type points into memory 0
    }
}

fn receivers(p: #[mem_idx(1)] &Cell, m: #[mem_idx(1)] &mut Cell) -> u32 {
    let a = p.get(); //~ ERROR M0002 the receiver of `get` is in memory 1, but `get` takes `self` in memory 0
    //~| NOTE a reference into memory 1 cannot become one into memory 0
    //~| HELP self: #[mem_idx(M)] &Self
    m.set(1); //~ ERROR M0002 the receiver of `set` is in memory 1, but `set` takes `self` in memory 0
    let b = p.far_get();
    let c = (*m).far_get();
    let kept: #[mem_idx(1)] &u32 = p.far_ref();
    let lost: &u32 = p.far_ref(); //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
    a + b + c + *kept + *lost
}

fn generic_structs(q: #[mem_idx(1)] *const u32) {
    let far = Far::<1> { p: q };
    let kept: #[mem_idx(1)] *const u32 = far.get();
    let other: Far<2> = far; //~ ERROR M0001 expected a pointer into memory 2, found a pointer into memory 1
    let through: #[mem_idx(2)] *const u32 = Far::<2>::get(&far); //~ ERROR M0002
    let inferred = Far { p: q };
    let near: *const u32 = inferred.p; //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
}

fn main() {}
