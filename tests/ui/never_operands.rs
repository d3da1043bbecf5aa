// A diverging expression (type `!`) used as a pointer, a struct, a tuple, an
// array, a receiver or a callee is refused as rustc refuses it. These were
// accepted silently once: the refused use and the diverging operand with it
// were dropped, so `(return x).a` trapped instead of returning `x`.
struct S { a: u32 }

fn deref(x: u32) -> u32 {
    unsafe { *(return x) } //~ ERROR E0614 type `!` cannot be dereferenced
}

fn field(x: u32) -> u32 {
    (return x).a //~ ERROR E0609 no field `a` on type `!`
}

fn tuple_field(x: u32) -> u32 {
    (return x).0 //~ ERROR E0609 no field `0` on type `!`
}

fn index(x: u32) -> u32 {
    (return x)[0] //~ ERROR E0608 cannot index into a value of type `!`
}

fn range_index(x: usize) -> usize {
    (return x)[1..2].len() //~ ERROR E0608 cannot index into a value of type `!`
}

fn method(x: u32) -> u32 {
    (return x).count_ones() //~ ERROR E0599 no method named `count_ones` found for `!`
}

fn callee(x: u32) -> u32 {
    (return x)(1) //~ ERROR E0618 expected function, found `!`
}

fn store(x: u32) -> u32 {
    unsafe { *(return x) = 5; } //~ ERROR E0614 type `!` cannot be dereferenced
    1
}

fn iterate(x: u32) -> u32 {
    for _ in (return x).iter() {} //~ ERROR E0599 no method named `iter` found for `!`
    1
}

// the pattern decides the type a `!` is matched as; what it leaves open needs an annotation, as in rustc
fn destructure(x: u32) -> u32 {
    let (a, b) = return x; //~ ERROR E0282 type annotations needed
    a
}

#[no_mangle]
pub extern "C" fn main(x: u32) -> u32 {
    let s = S { a: 1 };
    s.a + deref(x) + field(x) + tuple_field(x) + index(x) + range_index(x as usize) as u32 + method(x) + callee(x)
        + store(x) + iterate(x) + destructure(x)
}
