"""farc: a compiler for a small Rust-like language whose pointer types carry a
WebAssembly memory index.

The phases, in the order data flows through them (one package or module each):

    source.py        source files and spans
    syntax/          source -> lark tree -> AST            (parser.py, ast.py)
    check/           AST -> resolved, typed tree           (checker.py)
    mono/            typed tree -> monomorphized program   (monomorphize.py)
    codegen/         program -> LLVM IR -> optimized IR -> legalized IR -> wasm
                     object -> linked module                (llvm_ir.py, ...)
    wasm/            linked module -> memory-indexed module (rewriting passes)
    runtime/         running modules in wasmtime and V8
    driver.py, cli.py

Shared by all phases: diagnostics.py (the one error type), memory.py (memories
as first-class entities), types.py (the language's types), typed/tree.py is in
check/ (the typed tree that check produces and mono and codegen consume).
"""
