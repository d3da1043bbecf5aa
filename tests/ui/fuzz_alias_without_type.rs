// A free `type` without the type it stands for (the form of a trait's
// associated type) is an error, as in rustc, and its uses say nothing more
// (the mutation fuzzer found it crashing the checker: seed 4, input 87190).
type Out: Copy; //~ ERROR E0601 free type alias `Out` without a type
//~| HELP write the type it stands for: `type Out = T;`
mod inner {
    pub type Hidden; //~ ERROR E0601 free type alias `Hidden` without a type
    //~| HELP a `type` without one declares an associated type, in a trait
}
struct Wrapper(Out);

#[no_mangle]
pub extern "C" fn f(x: Out, y: inner::Hidden, w: Wrapper) -> u32 { x + y + w.0 }
