// The three programs from the design discussion type-check as written.
fn foo(_: #[mem_idx(42)] *const u8) {}

fn foo2<const MEM_IDX: usize>(_: #[mem_idx(MEM_IDX)] *const u8) {}

fn load_memidx<const MEM_IDX: usize, T>(ptr: *const T) -> T;

fn nested(_: #[mem_idx(1)] *const #[mem_idx(2)] *const u8) {}
