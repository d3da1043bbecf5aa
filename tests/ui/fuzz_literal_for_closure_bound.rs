// A literal where a closure-trait bound wants a closure is E0277, as in
// rustc (an `{integer}` was taken for an undecided type and never checked,
// and monomorphization met an `i32` called as a closure: fuzz seed 4,
// input 18425).
fn call<F: Fn() -> u32>(f: F) -> u32 { f() }
fn call1<F: FnMut(u32) -> u32>(mut f: F) -> u32 { f(1) }

#[no_mangle]
pub extern "C" fn default_value(x: u32) -> u32 {
    let n: Option<u32> = if x > 3 { Some(x) } else { None };
    n.map_or_else(11, |v| v) //~ ERROR E0277 expected a `FnOnce() -> u32` closure, found `{integer}`
    //~| NOTE required by a bound in `core::option::Option<T>::map_or_else`
}

#[no_mangle]
pub extern "C" fn literals(x: u32) -> u32 {
    call(5) //~ ERROR E0277 expected a `Fn() -> u32` closure, found `{integer}`
    //~| NOTE required by a bound in `call`
        + call(2.5) //~ ERROR E0277 expected a `Fn() -> u32` closure, found `{float}`
        //~| NOTE required by a bound in `call`
        + call1(7u8) //~ ERROR E0277 expected a `FnMut(u32) -> u32` closure, found `u8`
        //~| NOTE required by a bound in `call1`
        + call(|| x)
}
