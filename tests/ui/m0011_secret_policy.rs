// Declaring a secret memory: `secret` and `only = [...]` together, on a
// memory of the module's own (not 0, not exported, not imported).
#![memory(1, secret)] //~ ERROR M0011 secret memory 1 needs `only = [...]`
#![memory(2, only = [seal])] //~ ERROR M0011 `only = [...]` is the policy of a secret memory: declare memory 2 `secret`
#![memory(0, secret, only = [seal])] //~ ERROR M0011 memory 0 cannot be secret
#![memory(3, secret, only = [seal], export = "keys")] //~ ERROR M0011 secret memory 3 cannot be exported
#![memory(4, secret, only = [seal], import = "host.keys")] //~ ERROR M0011 secret memory 4 cannot be imported
#![memory(5, secret, only = [seal, nobody, host_fn])]
//~^ ERROR M0011 `only` of memory 5 names `nobody`, which is not a function defined in this file
//~^^ ERROR M0011 `only` of memory 5 names `host_fn`, which is not a function defined in this file
#![memory(6, secret, only = [seal, unseal,])]

#[link(wasm_import_module = "host")]
extern "C" {
    fn host_fn();
}

#[no_mangle]
pub extern "C" fn seal(x: u32) -> u32 {
    unsafe { *(0 as #[mem_idx(6)] *const u32) ^ x }
}

#[no_mangle]
pub extern "C" fn unseal(x: u32) -> u32 {
    unsafe { *(0 as #[mem_idx(6)] *const u32) ^ x }
}
