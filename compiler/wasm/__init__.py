"""From wasm-ld's output to the program's multi-memory module.

* `link.link(objects, sink)`: wasm-ld.
* `postlink.finalize(linked, memories, far_data, sink)`: the rewriting passes
  (`passes/`), then validation (`validate.validate`).
* `wat.to_wat(wasm)`: the text form.
* `binary`, `instructions`, `encoding`: the module and instruction codecs.
"""
