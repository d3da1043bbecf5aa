#![memory(1, min = 1)]

fn near(_: *const u8) {}
fn far(_: #[mem_idx(1)] *const u8) {}

fn caller(p0: *const u8, p1: #[mem_idx(1)] *const u8) {
    near(p0);
    far(p1);
    near(p1); //~ ERROR M0002 argument points into memory 1, but the parameter points into memory 0
    far(p0); //~ ERROR M0002 argument points into memory 0, but the parameter points into memory 1
}
