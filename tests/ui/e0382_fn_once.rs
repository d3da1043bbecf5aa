// Calling an `FnOnce` value consumes it (rustc's E0382, at the same places: a
// dataflow over the body that joins branches and runs loops until nothing
// changes); branches that each call once, a call followed by `break` or
// `return`, `Copy` closures and `Fn` bounds are fine.
fn twice<F: FnOnce() -> u32>(f: F) -> u32 { f() + f() } //~ ERROR E0382 use of moved value: `f`
//~| LABEL value used here after move
//~| NOTE this value implements `FnOnce`, which causes it to be moved when called
fn looped<F: FnOnce()>(f: F) { let mut i = 0; while i < 3 { f(); i += 1; } } //~ ERROR E0382 use of moved value: `f`
fn ok_branches<F: FnOnce() -> u32>(f: F, c: bool) -> u32 { if c { f() } else { f() + 0 } }
fn ok_break<F: FnOnce()>(f: F) { loop { f(); break; } }
fn ok_return<F: FnOnce() -> u32>(f: F, c: bool) -> u32 { if c { return f(); } f() }
fn after_branch<F: FnOnce() -> u32>(f: F, c: bool) -> u32 { if c { f(); } f() } //~ ERROR E0382
fn passed_on<F: FnOnce() -> u32>(f: F) -> u32 { let v = f(); g(f) + v } //~ ERROR E0382
fn g<F: FnOnce() -> u32>(f: F) -> u32 { f() }
fn copy_ok<F: FnOnce() -> u32 + Copy>(f: F) -> u32 { f() + f() }
fn fn_ok<F: Fn() -> u32>(f: F) -> u32 { f() + f() }
fn in_for<F: FnOnce()>(f: F, n: u32) { for _ in 0..n { f(); } } //~ ERROR E0382
fn for_break<F: FnOnce()>(f: F, n: u32) { for _ in 0..n { f(); return; } }
// A guard that fails goes on to the next arms: called in two guards is twice.
fn in_guards<F: FnOnce() -> bool>(n: u32, c: F) -> u32 { match n { 0 if c() => 0, 1 if c() => 1, _ => 2 } } //~ ERROR E0382
fn guard_then_arm<F: FnOnce() -> bool>(n: u32, c: F) -> u32 { match n { 0 if c() => 0, _ => { c(); 2 } } } //~ ERROR E0382
fn ok_guard_or_arm<F: FnOnce() -> u32>(n: u32, c: F) -> u32 { match n { 0 if n > 1 => 0, 0 => c(), _ => 2 } }
