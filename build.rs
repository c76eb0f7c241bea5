//! Build script. It compiles the gazetteer into Rust tables
//! (`src/places/tables.rs`: the places stage parses nothing at start-up). With
//! the `ml` feature it also gives the binaries an rpath to the torch libraries
//! (libtorch from PyPI, see `scripts/setup-ml.sh`), so `bilan --ner-model …`
//! runs without `LD_LIBRARY_PATH`.

// the gazetteer compiler and what it uses, shared with the library
#[allow(dead_code)]
#[path = "src/places/compile.rs"]
mod compile;
#[path = "src/places/tables.rs"]
mod tables;
#[allow(dead_code)]
#[path = "src/text.rs"]
mod text;
#[allow(dead_code)]
#[path = "src/places/trie.rs"]
mod trie;

fn main() {
    for f in tables::SOURCES.iter().chain(&[
        "src/places/compile.rs",
        "src/places/tables.rs",
        "src/places/trie.rs",
        "src/text.rs",
    ]) {
        println!("cargo:rerun-if-changed={f}");
    }
    let root = std::env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let out = std::env::var_os("OUT_DIR").expect("OUT_DIR");
    tables::write(root.as_ref(), out.as_ref()).expect("gazetteer tables");
    println!("cargo:rerun-if-env-changed=BILAN_TORCH_LIB");
    println!("cargo:rerun-if-env-changed=LIBTORCH");
    if std::env::var_os("CARGO_FEATURE_ML").is_none() {
        return;
    }
    let lib = std::env::var("BILAN_TORCH_LIB")
        .ok()
        .or_else(|| std::env::var("LIBTORCH").ok().map(|d| format!("{d}/lib")));
    if let Some(lib) = lib {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{lib}");
    }
}
