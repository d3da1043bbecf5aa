"""The post-link rewriting passes, one module each, composed by `compiler.wasm.postlink`.

Order matters and is fixed in `postlink.rewrite`:
0. `exports`: LLVM's duplicate `main` export is resolved; no duplicate exports.
1. `near_memory`: memory-0 instructions from LLVM name memory 0's wasm index.
2. `far_tables`, then `intrinsics`: the tables far function pointers index are imported;
   `farc:mem` calls become memory-indexed instructions (far calls through a table:
   `call_indirect` on the imported table).
3. `memories`: the program's memory declarations replace wasm-ld's memory.
4. `data`: data segments target their memories; far statics are added.
5. `start`: the function zeroing imported memories' zero statics starts the module.
6. `features`: `target_features` lists multimemory/memory64/atomics when used.
7. `debug_sections`: DWARF sections (kept only on request) are dropped: the rewrite moved the code.
8. `sanity`: nothing of the intrinsic protocol is left.
"""
