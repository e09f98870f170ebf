//! Paired timing for `benches/run.sh`: runs a command of pi and its floor (the `sqlite3` shell
//! doing the same work) in turns, so a machine that other work slows down slows both alike,
//! and prints each one's median, spread and peak memory, and their ratio.
//!
//! ```sh
//! bench_pair [--runs N] [--warmup N] [--prepare-a SH] [--prepare-b SH] [--out FILE] \
//!     NAME -- PI ARGS... [:: FLOOR ARGS...]
//! ```
//!
//! Run `i` runs A then B when `i` is even and B then A when it is odd, so neither side always
//! goes first (a warm page cache or a burst of other work favours no one). Each process gets
//! `/dev/null` for stdin and stdout; its stderr goes to `target/bench/last-stderr.txt`,
//! shown when it fails. The time is wall-clock from spawn to reaping; the peak memory is the
//! maximum resident set size `wait4` reports (the largest of all runs). `--prepare-a` and
//! `--prepare-b` are shell commands run (untimed) before every run of that side, e.g. to
//! remove the journal an import made. `--out FILE` appends one tab-separated line per
//! benchmark: name, then for A and B the median, standard deviation, minimum and maximum in
//! milliseconds and the peak in MB, then the ratio of the medians.

use std::fs::File;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

/// One side of a pair: the command and what to run before it.
struct Side {
    argv: Vec<String>,
    prepare: Option<String>,
    times_ms: Vec<f64>,
    peak_kib: i64,
}

impl Side {
    fn new(argv: Vec<String>, prepare: Option<String>) -> Self {
        Self {
            argv,
            prepare,
            times_ms: Vec::new(),
            peak_kib: 0,
        }
    }

    /// Runs the command once; with `record`, keeps its time and peak memory.
    fn run(&mut self, stderr_path: &PathBuf, record: bool) -> Result<(), String> {
        if let Some(prepare) = &self.prepare {
            let status = Command::new("sh")
                .arg("-c")
                .arg(prepare)
                .status()
                .map_err(|e| format!("cannot run `{prepare}`: {e}"))?;
            if !status.success() {
                return Err(format!("`{prepare}` failed ({status})"));
            }
        }
        let stderr = File::create(stderr_path).map_err(|e| e.to_string())?;
        let start = Instant::now();
        let child = Command::new(&self.argv[0])
            .args(&self.argv[1..])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", self.argv[0]))?;
        let (ok, kib) = reap(child);
        let elapsed = start.elapsed().as_secs_f64() * 1000.0;
        if !ok {
            let text = std::fs::read_to_string(stderr_path).unwrap_or_default();
            let tail: Vec<&str> = text.lines().rev().take(5).collect();
            return Err(format!(
                "`{}` failed:\n{}",
                self.argv.join(" "),
                tail.into_iter().rev().collect::<Vec<_>>().join("\n")
            ));
        }
        if record {
            self.times_ms.push(elapsed);
            self.peak_kib = self.peak_kib.max(kib);
        }
        Ok(())
    }

    fn stats(&self) -> Stats {
        let mut v = self.times_ms.clone();
        v.sort_by(f64::total_cmp);
        let n = v.len();
        let median = if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        };
        let mean = v.iter().sum::<f64>() / n as f64;
        let var = if n > 1 {
            v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64
        } else {
            0.0
        };
        Stats {
            median,
            sd: var.sqrt(),
            min: v[0],
            max: v[n - 1],
            peak_mb: self.peak_kib as f64 / 1024.0,
        }
    }
}

/// What is printed of one side.
struct Stats {
    median: f64,
    sd: f64,
    min: f64,
    max: f64,
    peak_mb: f64,
}

/// Waits for `child` with `wait4`: whether it exited with 0, and its peak resident size in KiB.
#[allow(clippy::zombie_processes)] // reaped by wait4 below, which std does not know about
fn reap(child: std::process::Child) -> (bool, i64) {
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid, and wait4 writes into it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for the child spawned by the caller, which nothing else waits for.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let ok = waited == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    (ok, usage.ru_maxrss)
}

fn ms(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

fn main() {
    if let Err(e) = run() {
        eprintln!("bench_pair: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let usage = "usage: bench_pair [--runs N] [--warmup N] [--prepare-a SH] [--prepare-b SH] \
                 [--out FILE] NAME -- A... [:: B...]";
    let mut args = std::env::args().skip(1);
    let (mut runs, mut warmup) = (10usize, 1usize);
    let (mut prepare_a, mut prepare_b, mut out) = (None, None, None);
    let mut name = None;
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--runs" => runs = value()?.parse().map_err(|e| format!("--runs: {e}"))?,
            "--warmup" => warmup = value()?.parse().map_err(|e| format!("--warmup: {e}"))?,
            "--prepare-a" => prepare_a = Some(value()?),
            "--prepare-b" => prepare_b = Some(value()?),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--" => break,
            _ if name.is_none() => name = Some(arg),
            _ => return Err(usage.into()),
        }
    }
    let name = name.ok_or(usage)?;
    let rest: Vec<String> = args.collect();
    let mut halves = rest.split(|a| a == "::");
    let a = halves
        .next()
        .filter(|a| !a.is_empty())
        .ok_or(usage)?
        .to_vec();
    let b = halves.next().map(<[String]>::to_vec);
    if runs == 0 {
        return Err("--runs must be at least 1".into());
    }
    let stderr_path =
        PathBuf::from(std::env::var("PI_BENCH_DIR").unwrap_or_else(|_| "target/bench".into()))
            .join("last-stderr.txt");

    let mut a = Side::new(a, prepare_a);
    let mut b = b.map(|b| Side::new(b, prepare_b));
    for i in 0..warmup + runs {
        let record = i >= warmup;
        if i % 2 == 0 {
            a.run(&stderr_path, record)?;
            if let Some(b) = b.as_mut() {
                b.run(&stderr_path, record)?;
            }
        } else {
            if let Some(b) = b.as_mut() {
                b.run(&stderr_path, record)?;
            }
            a.run(&stderr_path, record)?;
        }
    }

    let sa = a.stats();
    let sb = b.as_ref().map(Side::stats);
    let ratio = sb.as_ref().map(|f| sa.median / f.median);
    let side = |s: &Stats| {
        format!(
            "{:>8} ±{:>6} {:>7}",
            ms(s.median),
            ms(s.sd),
            format!("{:.1}", s.peak_mb)
        )
    };
    println!(
        "{name:<48} {}  {}  {}",
        side(&sa),
        sb.as_ref().map_or_else(|| format!("{:>24}", "–"), side),
        ratio.map_or_else(|| "     –".into(), |r| format!("{r:>6.2}"))
    );
    if let Some(out) = out {
        use std::io::Write;
        let cols = |s: Option<&Stats>| match s {
            Some(s) => format!(
                "{:.2}\t{:.2}\t{:.2}\t{:.2}\t{:.1}",
                s.median, s.sd, s.min, s.max, s.peak_mb
            ),
            None => "\t\t\t\t".into(),
        };
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&out)
            .map_err(|e| format!("{}: {e}", out.display()))?;
        writeln!(
            f,
            "{name}\t{}\t{}\t{}\t{runs}",
            cols(Some(&sa)),
            cols(sb.as_ref()),
            ratio.map_or_else(String::new, |r| format!("{r:.3}"))
        )
        .map_err(|e| e.to_string())?;
    }
    Ok(())
}
