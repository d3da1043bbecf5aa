// Items and signatures that parse but are not checked yet: one E0601 each,
// naming the construct (docs/reference.md section 15), and no follow-up
// errors where they are used.
#![memory(1, min = 1)]

enum Shape { Empty, Circle(u32) }
type Word = u32;
struct Circle { r: u32 }
type Round = Circle;
trait Marker {}
struct P(u32, u32);
struct Unit;
struct Tail { len: usize, data: [u8] } //~ ERROR E0601 structs whose last field is a slice (`data: [T]`) are not supported yet

const fn square(x: u32) -> u32 { x * x }
fn defaulted<T = u8>(x: T) {} //~ ERROR E0601 defaults of generic parameters are not supported yet
fn destructure((a, b): (u32, u32)) -> u32 { a + b }

fn types(
    a: *const [u32], //~ ERROR E0601 raw slice pointers (`*const [T]`) are not supported yet
    b: #[mem_idx(1)] &mut [u32],
    c: (u32, bool),
    d: fn(u32) -> u32,
    e: #[far(lib)] fn(u32) -> u32,
    f: impl Fn(u32) -> u32,
    h: impl Marker, //~ ERROR E0601 `impl Trait` types are not supported yet
    g: &dyn Marker, //~ ERROR E0601 `dyn Trait` types are not supported yet
    n: Fn(u32) -> u32, //~ ERROR E0601 `Fn(..) -> ..` trait paths are not supported yet
    l: Shape, // reported where it is declared
    m: Word,
) {}

fn through_alias(r: u32) -> Round {
    Round { r } // (supported: a struct literal through an alias)
}
