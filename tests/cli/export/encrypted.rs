//! Passphrase protection: from PI_PASSPHRASE in scripts, asked twice in a terminal; and the
//! session picker a terminal gets when no session is named.

use super::{a_year, export, json, ok, session_ids};
use crate::env::TestEnv;
use pi::interchange::format::Export;

#[test]
fn an_encrypted_export_opens_with_its_passphrase_only() {
    use pi::interchange::encrypt::{ARMOR_HEADER, CryptError, decrypt};
    let env = TestEnv::new();
    a_year(&env);
    let out = env
        .pi()
        .env("PI_PASSPHRASE", "correct horse battery")
        .args([
            "export",
            "--mode",
            "kiezen",
            "--format",
            "json",
            "--encrypt",
            "-o",
            "share.age",
        ])
        .output()
        .unwrap();
    ok(&out);
    let sealed = std::fs::read(env.dir.path().join("share.age")).unwrap();
    assert!(sealed.starts_with(ARMOR_HEADER.as_bytes()));
    let opened = decrypt(&sealed, "correct horse battery").unwrap();
    let opened: Export = serde_json::from_slice(&opened).unwrap();
    let plain = json(&env, &["--mode", "kiezen"]);
    assert_eq!(opened.sessions, plain.sessions);
    assert_eq!(opened.pack_snapshots, plain.pack_snapshots);
    assert!(matches!(
        decrypt(&sealed, "wrong horse"),
        Err(CryptError::WrongPassphrase)
    ));
    // Without a terminal and without PI_PASSPHRASE there is no passphrase to use.
    let before = env.files();
    let out = export(&env, &["--since", "1900", "--encrypt", "-o", "other.age"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("PI_PASSPHRASE"));
    assert_eq!(env.files(), before);
}

#[test]
fn in_a_terminal_it_asks_which_sessions_and_for_a_passphrase_twice() {
    use crate::pty::{DOWN, ENTER, exit_code, expect, spawn};
    let env = TestEnv::new();
    let [_, march, september] = a_year(&env);
    // Newest first, nothing ticked: tick the second (March) and confirm.
    let mut pi = spawn(&env, &["export", "-o", "chosen.md"], &[]);
    expect(&mut pi, "Which sessions do you want to export?");
    expect(&mut pi, &september[..8]);
    pi.send(DOWN).unwrap();
    pi.send(" ").unwrap();
    pi.send(ENTER).unwrap();
    expect(&mut pi, "Exported 1 session to chosen.md.");
    assert_eq!(exit_code(&mut pi), 0);
    let md = std::fs::read_to_string(env.dir.path().join("chosen.md")).unwrap();
    assert!(
        md.contains("## 2026-03-01 09:00") && !md.contains("## 2026-09-01"),
        "{md}"
    );

    let mut pi = spawn(
        &env,
        &[
            "export",
            &march[..8],
            "--format",
            "json",
            "--encrypt",
            "-o",
            "s.age",
        ],
        &[],
    );
    // The passphrase prompt switches the terminal to no-echo mode just after it prints, and
    // that switch drops keys typed before it; a person types later, so the test waits too.
    let settle = || std::thread::sleep(std::time::Duration::from_millis(400));
    expect(&mut pi, "Passphrase for the exported file");
    settle();
    pi.send(format!("open sesame{ENTER}")).unwrap();
    expect(&mut pi, "The same passphrase again");
    settle();
    pi.send(format!("open sesame{ENTER}")).unwrap();
    expect(&mut pi, "encrypted.");
    assert_eq!(exit_code(&mut pi), 0);
    let sealed = std::fs::read(env.dir.path().join("s.age")).unwrap();
    let opened = pi::interchange::encrypt::decrypt(&sealed, "open sesame").unwrap();
    let opened: Export = serde_json::from_slice(&opened).unwrap();
    assert_eq!(session_ids(&opened), [march.as_str()]);
}
