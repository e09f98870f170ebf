//! Compiles every pack in `prompts/` into the binary, so `pi` works anywhere, offline: the
//! versions in force in `prompts/`, and the versions they took over from in
//! `prompts/earlier/`, so that `replaces` always names a prompt `pi` knows and
//! `pi packs diff` can compare a built-in pack with its predecessor.

use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The `*.toml` files directly in `dir`, sorted; none when it does not exist.
fn packs_in(dir: &Path) -> Vec<PathBuf> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("prompts");
    assert!(root.is_dir(), "prompts/ exists");
    let mut out = String::from(
        "/// Built-in packs: (name under `prompts/`, TOML).\npub static BUILT_IN: &[(&str, &str)] = &[\n",
    );
    for (prefix, dir) in [("", root.clone()), ("earlier/", root.join("earlier"))] {
        for path in packs_in(&dir) {
            println!("cargo:rerun-if-changed={}", path.display());
            let name = format!("{prefix}{}", path.file_name().unwrap().to_string_lossy());
            writeln!(
                out,
                "    ({name:?}, include_str!({:?})),",
                path.display().to_string()
            )
            .unwrap();
        }
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("builtin_packs.rs");
    std::fs::write(dest, out).unwrap();
}
