// LINK: lib=linked/lib.rs
// A far static in a memory that is another module's memory 0 would overwrite
// that module's stack or statics; in lib's far memory `data` (no statics of
// lib there) it is fine.
#![memory(1, import = "lib.memory")] //~ ERROR L0008 memory 1 is `lib.memory`, lib's memory 0
//~| NOTE this module keeps its statics in memory 1 there and lib its stack and statics
//~| HELP share data through a memory
#![memory(2, import = "lib.data")]

#[mem_idx(1)]
static mut OURS: u32 = 5;

#[mem_idx(2)]
static mut SHARED: u32 = 6;

fn main() {
    unsafe {
        OURS += SHARED;
    }
}
