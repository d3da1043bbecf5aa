// The module `modules_crate` of tests/programs/modules.rs: a file module declaring another.
pub mod geometry;
