"""farc explorer: a local web playground that shows where every memory access goes.

`farc serve` starts it (`server.py`). The page (`static/`) sends a program
and options; the server compiles it in a child process with limits
(`jobs.py`) and answers with every output of that compilation, described by
`report.py`: diagnostics, the optimized and legalized LLVM IR, the `.wat`,
the wasm bytes, the memory map and the mappings between source lines and the
lines of each output. The page colours each memory the same way in all of
them and runs the module in the browser's own engine.
"""
