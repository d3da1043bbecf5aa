// LINK: lib=linked/lib.rs
// Two farc modules cannot both keep their data in one memory: each is linked
// on its own, so both put their stack and statics at the same addresses.
#![memory(0, import = "lib.memory")] //~ ERROR L0008 memory 0 is `lib.memory`, lib's memory 0, where lib keeps its own data
//~| NOTE this module keeps its stack and statics there and lib its stack and statics
//~| HELP share data through a memory neither module keeps its own data in

fn main() {}
