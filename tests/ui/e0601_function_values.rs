// Free functions are function values (`let f: fn(u32) -> u32 = double;`);
// associated functions, tuple struct and tuple variant constructors used as
// values are not supported yet, and say so (the message had gone from the
// catalog, so these crashed the checker: fuzz campaign input 99475).
struct Buf { v: u32 }
impl Buf {
    fn new(v: u32) -> Buf { Buf { v } }
}
struct Pair(u32, u32);
enum E { A(u32), B }

fn assoc() -> bool {
    let f = Buf::new; //~ ERROR E0601 `Buf::new` as a value is not supported yet: only free functions are function values
    //~| LABEL call it: `Buf::new(...)`, or wrap it in a free function
    (Buf::new) //~ ERROR E0601 `Buf::new` as a value
        == (Buf::new) //~ ERROR E0601 `Buf::new` as a value is not supported yet
}

fn tuple_struct() -> u32 {
    let f = Pair; //~ ERROR E0601 `Pair` as a value is not supported yet
    0
}

fn tuple_variant() -> u32 {
    let f = E::A; //~ ERROR E0601 `E::A` as a value is not supported yet
    0
}

#[no_mangle]
pub extern "C" fn main() -> u32 {
    assoc() as u32 + tuple_struct() + tuple_variant() + Buf::new(1).v
}
