//! Links the `followup` executable at a fixed address on Linux (not position-independent).
//!
//! Every command is a new process, so start-up is a large share of a short command's time.
//! A position-independent executable has the dynamic loader patch each pointer in its
//! read-only data at start: here about 34,000 of them, 30,000 being the abbreviations of
//! chrono-tz's transition tables ("CET", "EDT", ...), which dirties some 270 pages before
//! `main` runs, on every run, whether or not a time zone is read. Linked at a fixed address,
//! those pointers are final in the file and the pages are only read when used: `followup
//! --version` went from 3.7 ms to 2.0 ms of CPU (docs/benchmarks.md, "Start-up without
//! relocations"). The stack, the heap and the shared libraries still load at random
//! addresses; only the executable's own image does not, as Go links its programs by default.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo::rustc-link-arg-bin=followup=-no-pie");
    }
}
