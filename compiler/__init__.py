"""farc: a compiler for a small Rust-like language whose pointer types carry a
WebAssembly memory index.

The phases, in the order data flows through them (one package or module each):

    source.py        source files and spans
    syntax/          source -> lark tree -> AST            (parser.py, ast.py)
    check/           AST -> resolved, typed tree           (checker.py, body.py + one module per rule family)
    mono/            typed tree -> monomorphized program   (monomorphize.py)
    codegen/         program -> LLVM IR -> optimized IR -> legalized IR -> wasm
                     object -> linked module                (build.py, llvm_ir.py, function.py, ...)
    wasm/            linked module -> memory-indexed module (rewriting passes)
    runtime/         running modules in wasmtime and V8
    driver.py, cli.py

Shared by all phases: diagnostics.py (the one error type), messages.py (the
catalog of front-end messages), memory.py (memories as first-class entities,
far data segments), types.py (the language's types, substitution),
builtins.py (the enumeration of builtin operations the checker produces and
codegen lowers). The typed tree is check/tree.py (check produces it, mono and
codegen consume it; they import nothing else from check/).
"""
