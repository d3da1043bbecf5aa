// Two declarations of one imported memory: at run time they are the same
// memory, which farc would compile as two disjoint ones.
#![memory(1, import = "env.shared")]
#![memory(2, import = "env.other")]
#![memory(3, import_module = "env", import_name = "shared")] //~ ERROR M0011 memories 1 and 3 both import `env.shared`
//~| LABEL memory 1 imports it already
//~| NOTE a store through one would not be seen through the other
//~| HELP import the memory once, as memory 1
#![memory(4, import = "other.shared")]

fn main() {}
