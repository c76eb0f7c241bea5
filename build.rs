//! Build script. Without the `ml` feature it does nothing. With it, it gives
//! the binaries an rpath to the torch libraries (libtorch from PyPI, see
//! `scripts/setup-ml.sh`), so `bilan --ner-model …` runs without
//! `LD_LIBRARY_PATH`.
fn main() {
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
