// A type alias is its type, memories included: an alias of a far pointer type
// is no way to move a pointer into another memory (M0001/M0002/M0003 as for
// the type written out), also when the alias is generic over the memory; an
// alias naming another memory than a design-3 type's home is M0015 at the
// alias. Generic aliases need their arguments (E0107); an alias that names
// itself is E0391, reported once.
#![memory(1, min = 1)]
#![memory(2, min = 1)]

type Far1 = #[mem_idx(1)] *const u32;
type Far<const M: usize> = #[mem_idx(M)] *const u32;
type Pair<T> = (T, T);
type Loop = [Again; 2]; //~ ERROR E0391 cycle detected when expanding type alias `Loop`
type Again = Loop;

#[mem_idx(1)]
struct Particle {
    x: u32,
}

type Elsewhere = #[mem_idx(2)] *const Particle; //~ ERROR M0015

fn near_to_far(p: *const u32) -> Far1 {
    p //~ ERROR M0003 returned pointer points into memory 0, but the return type points into memory 1
}

fn takes_far(p: Far<2>) -> u32 {
    unsafe { *p }
}

fn memories(p: Far1, q: Far<1>) -> u32 {
    let same: Far<1> = p; // the same type
    let other: Far<2> = q; //~ ERROR M0001 mismatched memories: expected a pointer into memory 2, found a pointer into memory 1
    takes_far(same) //~ ERROR M0002 argument points into memory 1, but the parameter points into memory 2
}

fn counts(a: Pair, b: Pair<u8, u8>) {} //~ ERROR E0107 missing generics for type alias `Pair`
//~^ ERROR E0107 type alias `Pair` takes 1 generic argument but 2 were supplied

fn cycle(l: Loop) {}

fn main() {}
