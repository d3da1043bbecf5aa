// Polymorphic recursion: every instance of `wrap` asks for an instance with a
// larger type. The chain is cut at the instantiation depth limit, quickly
// (tests/test_compile_scaling.py bounds the time), not after 5000 ever-larger
// instances.
fn wrap<T>(p: *const T) -> u32 { //~ ERROR E0601 nested more than 256 deep
    wrap::<*const T>(0usize as *const *const T) //~^ WARNING unused_variables unused variable: `p`
}

#[no_mangle]
pub extern "C" fn start() -> u32 {
    wrap::<u8>(0usize as *const u8)
}
