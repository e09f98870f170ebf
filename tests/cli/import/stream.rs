//! Importing a large export keeps memory flat: sessions are merged as they are read, never
//! held all at once. Measured as the peak resident size of the `pi` process itself.

use super::{a_history, export_to};
use crate::env::TestEnv;
use serde_json::{Value, json};
use std::io::Write;
use std::path::Path;

/// Writes an export of `sessions` sessions of 30 answers each, in the shape `pi export`
/// writes, from the pack snapshot and session of a real export.
fn write_export(path: &Path, template: &Value, sessions: usize) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    write!(
        out,
        "{{\"format\":\"pi-export\",\"version\":1,\"export_id\":\"{}\",\
         \"exported_at\":\"2026-11-23T10:00:00.000Z\",\"pi_version\":\"0.1.0\",\
         \"pack_snapshots\":{},\n\"sessions\":[\n",
        uuid::Uuid::new_v4().simple(),
        template["pack_snapshots"]
    )
    .unwrap();
    let base = &template["sessions"][0];
    // Real text prompts of the pack, answered and revised over and over: every answer
    // passes the import's checks against its prompt.
    let prompts: Vec<&Value> = base["answers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["prompt_kind"] == "long_text" && a["pack_id"] == base["pack_id"])
        .collect();
    assert!(!prompts.is_empty());
    for i in 0..sessions {
        let mut session = base.clone();
        session["id"] = json!(uuid::Uuid::new_v4().simple().to_string());
        let ids: Vec<String> = (0..30)
            .map(|_| uuid::Uuid::new_v4().simple().to_string())
            .collect();
        session["answers"] = (0..30)
            .map(|j| {
                let prompt = prompts[j % prompts.len()];
                json!({
                    "id": ids[j],
                    "pack_id": prompt["pack_id"], "pack_version": prompt["pack_version"],
                    "prompt_id": prompt["prompt_id"], "prompt_kind": "long_text",
                    "prompt_text": prompt["prompt_text"],
                    "value": {"text": format!("A considered answer, number {j} of session {i}, \
                              long enough to look like something a person would write.")},
                    "replaces": j.checked_sub(prompts.len()).map(|k| ids[k].clone()),
                    "created_at": base["started_at"],
                })
            })
            .collect();
        write!(out, "{}{session}", if i == 0 { "" } else { ",\n" }).unwrap();
    }
    writeln!(out, "\n],\"statements\":[],\"commitments\":[]}}").unwrap();
}

/// Runs `pi import --mine FILE` into a fresh journal; the process's peak resident size in
/// KiB. The import must succeed.
fn peak_kib(env: &TestEnv, file: &Path, journal: &str) -> i64 {
    let (ok, kib) = peak_of(env, &["--mine".as_ref(), file.as_os_str()], journal);
    assert!(ok, "pi import failed");
    kib
}

/// Runs `pi import ARGS` into journal `journal`: whether it succeeded, and the process's peak
/// resident size in KiB. The child is reaped with `wait4`, which also reports its resource
/// use.
#[allow(clippy::zombie_processes)]
pub(super) fn peak_of(env: &TestEnv, args: &[&std::ffi::OsStr], journal: &str) -> (bool, i64) {
    let mut cmd = std::process::Command::new(TestEnv::bin());
    cmd.env_clear().current_dir(env.dir.path());
    for (k, v) in env.vars() {
        cmd.env(k, v);
    }
    cmd.env("PI_JOURNAL", env.dir.path().join(journal));
    cmd.arg("import").args(args);
    cmd.stdout(std::process::Stdio::null());
    cmd.stderr(std::process::Stdio::null());
    let child = cmd.spawn().unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid, and wait4 writes into it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    // SAFETY: waits for the child spawned above, which nothing else waits for.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid);
    (
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        usage.ru_maxrss,
    )
}

#[test]
fn a_large_export_is_imported_in_flat_memory() {
    let env = TestEnv::new();
    a_history(&env);
    let template: Value =
        serde_json::from_str(&std::fs::read_to_string(export_to(&env, "one.json")).unwrap())
            .unwrap();
    let small = env.dir.path().join("small.json");
    let large = env.dir.path().join("large.json");
    write_export(&small, &template, 50);
    write_export(&large, &template, 600);
    let grown = std::fs::metadata(&large).unwrap().len() - std::fs::metadata(&small).unwrap().len();
    let small_kib = peak_kib(&env, &small, "small.db");
    let large_kib = peak_kib(&env, &large, "large.db");
    // Holding the export whole would grow the process by several times the file's growth.
    assert!(
        (large_kib - small_kib) * 1024 < grown as i64 / 2,
        "peak memory grew from {small_kib} KiB to {large_kib} KiB for a file {grown} bytes larger"
    );
}
