// Values built and matched through type aliases keep the memories of the
// type the alias names: a near pointer in a far field, a far field bound
// and used as near, a far payload of an aliased enum; and the errors of an
// alias that names no struct (E0071), of wrong generic arguments (E0107).
#![memory(1, min = 1)]

struct Holder<T> { p: T, n: u32 }
type FarHolder = Holder<#[mem_idx(1)] *const u32>;
type Generic<T> = Holder<T>;
type FarOpt = Option<#[mem_idx(1)] *const u32>;
type Word = u32;
enum Slot<T> { Empty, Full(T), Named { p: T } }
type FarSlot = Slot<#[mem_idx(1)] *const u32>;

fn near_in_far(near: *const u32) -> u32 {
    let h = FarHolder { p: near, n: 1 }; //~ ERROR M0007 cannot store a pointer into memory 0 where a pointer into memory 1 is expected
    h.n
}

fn far_as_near(h: FarHolder) -> *const u32 {
    let FarHolder { p, .. } = h;
    let q: *const u32 = p; //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
    q
}

fn inferred(far: #[mem_idx(1)] *const u32) -> Holder<*const u32> {
    let h = Generic { p: far, n: 2 };
    h //~ ERROR M0003
}

fn variant_payload(near: *const u32) -> u32 {
    let o = FarOpt::Some(near); //~ ERROR M0007 cannot store a pointer into memory 0 where a pointer into memory 1 is expected
    let s = FarSlot::Named { p: near }; //~ ERROR M0007 cannot store a pointer into memory 0 where a pointer into memory 1 is expected
    match (o, s) {
        (FarOpt::Some(_), FarSlot::Empty) => 1,
        _ => 0,
    }
}

fn bound_as_near(s: FarSlot) -> *const u32 {
    match s {
        FarSlot::Full(p) => p, //~ ERROR M0003
        _ => 0 as *const u32,
    }
}

fn not_a_struct() -> u32 {
    let w = Word { value: 1 }; //~ ERROR E0071 expected struct, variant or union type, found type alias `Word` (`u32`)
    //~| LABEL not a struct
    0
}

fn wrong_arguments() -> u32 {
    let h = Generic::<u8, u8> { p: 1, n: 2 }; //~ ERROR E0107
    h.n
}

#[no_mangle]
pub extern "C" fn uses(near: *const u32, far: #[mem_idx(1)] *const u32) -> u32 {
    near_in_far(near) + far_as_near(Holder { p: far, n: 0 }) as u32 + inferred(far).n + variant_payload(near)
        + bound_as_near(Slot::Empty) as u32 + not_a_struct() + wrong_arguments()
}
