//! Prints the romanisation of each argument: `cargo run -p vigil-facts --example romanize -- NAME...`
fn main() {
    for name in std::env::args().skip(1) {
        println!("{name}\t{}", vigil_facts::names::romanize(&name));
    }
}
