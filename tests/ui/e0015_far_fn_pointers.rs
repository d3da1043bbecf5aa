// A far static's bytes are written into its memory before linking, when no
// function's table index is known yet: it cannot hold function pointers.
#![memory(1, min = 1)]

fn double(x: u32) -> u32 {
    x * 2
}

struct Entry {
    f: fn(u32) -> u32,
}

static NEAR: [Entry; 1] = [Entry { f: double }];
#[mem_idx(1)]
static FAR: [fn(u32) -> u32; 1] = [double]; //~ ERROR E0015 far static `FAR` cannot hold function pointers
//~| HELP keep the function pointers in a memory-0 static, or store them at run time
#[mem_idx(1)]
static mut FAR_ENTRIES: [Entry; 2] = [Entry { f: double }, Entry { f: double }]; //~ ERROR E0015
