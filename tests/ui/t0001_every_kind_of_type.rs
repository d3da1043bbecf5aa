// Every kind of type has its size checked, not only integers, arrays and
// plain structs: v128s, function pointers, slice references, enums, tuples
// and instances of generic structs reached T0001 nowhere before, so their
// sizes wrapped (a 4.8 GB local moved the stack pointer by a wrapped amount).
use core::arch::wasm32::*;

enum E { A(u64), B }
struct Buf<const N: usize> { a: [u8; N], b: [u8; N] }
struct Pair<T> { a: T, b: T }

fn g() -> u32 { 1 }

fn vectors() -> u32 {
    let a: [v128; 300000000] = [u32x4_splat(0); 300000000]; //~ ERROR T0001 values of the type `[v128; 300000000]` are too big for wasm32
    //~| NOTE the type is 4800000000 bytes; a type can be at most 2147483647 bytes (`isize::MAX`)
    u32x4_extract_lane::<0>(a[1])
}

fn fn_pointers() -> u32 {
    let a: [fn() -> u32; 1100000000] = [g; 1100000000]; //~ ERROR T0001 `[fn() -> u32; 1100000000]`
    a[5]()
}

fn slices(s: &[u8]) -> usize {
    let a: [&[u8]; 600000000] = [s; 600000000]; //~ ERROR T0001 `[&[u8]; 600000000]`
    a[3].len()
}

fn enums() -> u32 {
    let a: [E; 300000000] = [E::B; 300000000]; //~ ERROR T0001 `[E; 300000000]`
    match a[2] { E::A(_) => 1, E::B => 2 }
}

fn tuples(p: *const ([u64; 200000000], [u64; 200000000])) -> u64 { //~ ERROR T0001 `([u64; 200000000], [u64; 200000000])`
    unsafe { (*p).1[0] }
}

fn const_instance() -> u8 {
    let b: Buf<1500000000> = Buf { a: [0; 1500000000], b: [1; 1500000000] }; //~ ERROR T0001 `Buf<1500000000>`
    //~| NOTE the type is 3000000000 bytes
    b.b[7]
}

fn type_instance() -> u32 {
    let b: Pair<[u32; 300000000]> = Pair { a: [0; 300000000], b: [1; 300000000] }; //~ ERROR T0001 `Pair<[u32; 300000000]>`
    b.b[7]
}

#[no_mangle]
pub extern "C" fn main(x: usize) -> usize {
    vectors() as usize + fn_pointers() as usize + slices(&[1, 2]) + enums() as usize
        + tuples(x as *const ([u64; 200000000], [u64; 200000000])) as usize
        + const_instance() as usize + type_instance() as usize
}
