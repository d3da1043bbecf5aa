// A generic impl over `const M: usize` or a type parameter is checked per
// instance, also when it is reached through a trait bound: M0009 and M0006
// name the instance. No trait method launders a far pointer into memory 0.
#![memory(1, min = 1)]

trait Read {
    fn read(&self) -> u8;
}

struct At<const M: usize> {
    p: #[mem_idx(M)] *const u8,
}

impl<const M: usize> Read for At<M> {
    fn read(&self) -> u8 {
        unsafe { *self.p } //~ ERROR M0009 in instance
    }
}

trait View {
    fn view<U>(&self) -> *const U;
}

struct Ptr<T> {
    p: *const T,
}

impl<T> View for Ptr<T> {
    fn view<U>(&self) -> *const U {
        self.p.cast::<U>() //~ ERROR M0006 memory 1 as a pointer into memory 0
        //~| NOTE the types come from the generic arguments
        //~| NOTE not the memory of a pointer inside it
        //~| HELP round trip
    }
}

fn read_any<R: Read>(r: &R) -> u8 {
    r.read()
}

fn uses(q1: #[mem_idx(1)] *const u8, q4: #[mem_idx(4)] *const u8, pp: *const #[mem_idx(1)] *const u8) -> u8 {
    let fine = read_any(&At::<1> { p: q1 });
    let undeclared = read_any(&At::<4> { p: q4 });
    let _laundered: *const *const u8 = Ptr { p: pp }.view::<*const u8>();
    fine + undeclared
}

fn main() {}
