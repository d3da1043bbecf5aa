// Locals declared without a value and assigned later, on every path
// (E0381 refuses a use that some path reaches unassigned), and once on
// every path unless `mut` (E0384).
// CALL: both_branches(1) -> 1
// CALL: both_branches(0) -> 2
// CALL: other_branch_leaves(0) -> 0
// CALL: other_branch_leaves(7) -> 8
// CALL: loop_breaks_after(9) -> 9
// CALL: every_arm(0) -> 1
// CALL: every_arm(4) -> 3
// CALL: per_iteration(5) -> 7
// CALL: in_labeled_block(2) -> 1
// CALL: in_labeled_block(0) -> 2
// CALL: returned_before(1) -> 1
// CALL: returned_before(0) -> 2
// CALL: once_in_a_loop(0) -> 4
// CALL: reassigned_when_mut(3) -> 6
#[no_mangle]
pub extern "C" fn both_branches(c: u32) -> u32 { let x: u32; if c > 0 { x = 1; } else { x = 2; } x }
#[no_mangle]
pub extern "C" fn other_branch_leaves(c: u32) -> u32 { let x: u32; if c > 0 { x = c + 1; } else { return 0; } x }
#[no_mangle]
pub extern "C" fn loop_breaks_after(n: u32) -> u32 { let x: u32; loop { if n > 3 { x = n; break; } } x }
#[no_mangle]
pub extern "C" fn every_arm(n: u32) -> u32 { let x: u32; match n { 0 => x = 1, _ => x = 3 } x }
#[no_mangle]
pub extern "C" fn per_iteration(n: u32) -> u32 {
    let mut s = 0;
    for i in 0..n { let x: u32; if i > 2 { x = i; } else { x = 0; } s += x; }
    s
}
#[no_mangle]
pub extern "C" fn in_labeled_block(n: u32) -> u32 { let x: u32; 'a: { if n > 1 { x = 1; break 'a; } x = 2; } x }
#[no_mangle]
pub extern "C" fn returned_before(c: u32) -> u32 { let x: u32; if c > 0 { x = 1; return x; } x = 2; x }
#[no_mangle]
pub extern "C" fn once_in_a_loop(c: u32) -> u32 { let x: u32; loop { x = c + 4; break; } x }
#[no_mangle]
pub extern "C" fn reassigned_when_mut(c: u32) -> u32 { let mut x: u32; x = c; x = x * 2; x }
