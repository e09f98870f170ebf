//! A small client of the Chrome DevTools protocol for the browser tests: Chromium is started
//! with `--remote-debugging-pipe`, and messages go over two pipes (fds 3 and 4 of the
//! browser), NUL-separated JSON. No port is opened, nothing goes over a network, and no
//! crate with an async runtime is needed for a few synchronous calls.

use serde_json::{Value, json};
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::os::fd::{FromRawFd, RawFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How long any one thing may take before the test fails instead of hanging.
const PATIENCE: Duration = Duration::from_secs(60);

/// A running headless Chromium, driven over its debugging pipe.
pub struct Browser {
    child: Child,
    to: File,
    from: Receiver<Value>,
    /// Events that arrived while waiting for something else, oldest first.
    events: Vec<Value>,
    next: u64,
    _profile: tempfile::TempDir,
}

fn pipe() -> (RawFd, RawFd) {
    let mut fds = [0; 2];
    assert_eq!(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) }, 0);
    (fds[0], fds[1])
}

impl Browser {
    /// Starts Chromium headless with a fresh profile and every background service off.
    pub fn launch(chromium: &Path) -> Self {
        let profile = tempfile::tempdir().unwrap();
        // The browser reads commands from fd 3 and writes replies and events to fd 4.
        let (commands_read, commands_write) = pipe();
        let (replies_read, replies_write) = pipe();
        let mut cmd = Command::new(chromium);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--remote-debugging-pipe",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("about:blank")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
        unsafe {
            cmd.pre_exec(move || {
                // Out of the way first: a pipe may itself be on fd 3 or 4.
                let a = libc::fcntl(commands_read, libc::F_DUPFD, 10);
                let b = libc::fcntl(replies_write, libc::F_DUPFD, 10);
                if a < 0 || b < 0 || libc::dup2(a, 3) < 0 || libc::dup2(b, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("chromium starts");
        unsafe {
            libc::close(commands_read);
            libc::close(replies_write);
        }
        let to = unsafe { File::from_raw_fd(commands_write) };
        let from = unsafe { File::from_raw_fd(replies_read) };
        let (send, receive) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(from);
            loop {
                let mut message = Vec::new();
                match reader.read_until(0, &mut message) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {
                        message.pop_if(|b| *b == 0);
                        let Ok(value) = serde_json::from_slice::<Value>(&message) else {
                            continue;
                        };
                        if send.send(value).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        Self {
            child,
            to,
            from: receive,
            events: Vec::new(),
            next: 0,
            _profile: profile,
        }
    }

    fn receive(&mut self, deadline: Instant) -> Value {
        match self
            .from
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            Ok(v) => v,
            Err(RecvTimeoutError::Timeout) => panic!("the browser did not answer in time"),
            Err(RecvTimeoutError::Disconnected) => panic!("the browser went away"),
        }
    }

    /// Sends one command (to a page's session, or to the browser) and returns its result.
    pub fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            message["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        self.to.write_all(&bytes).unwrap();
        let deadline = Instant::now() + PATIENCE;
        loop {
            let reply = self.receive(deadline);
            if reply["id"] == json!(id) {
                if let Some(error) = reply.get("error") {
                    panic!("{method} failed: {error}");
                }
                return reply["result"].clone();
            }
            if reply.get("method").is_some() {
                self.events.push(reply);
            }
        }
    }

    /// Waits for an event named `method` whose params satisfy `wanted`, and returns them.
    pub fn event(&mut self, method: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self
            .events
            .iter()
            .position(|e| e["method"] == method && wanted(&e["params"]))
        {
            return self.events.remove(i)["params"].clone();
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let message = self.receive(deadline);
            if message["method"] == method && wanted(&message["params"]) {
                return message["params"].clone();
            }
            if message.get("method").is_some() {
                self.events.push(message);
            }
        }
    }

    /// Lets downloads go into `dir`, under the names the page gives them.
    pub fn downloads_into(&mut self, dir: &Path) {
        self.call(
            None,
            "Browser.setDownloadBehavior",
            json!({"behavior": "allow", "downloadPath": dir.display().to_string(), "eventsEnabled": true}),
        );
    }

    /// Opens `url` in a new tab and waits until it has loaded.
    pub fn open(&mut self, url: &str) -> Page {
        let target = self.call(None, "Target.createTarget", json!({"url": "about:blank"}));
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
        );
        let page = Page {
            session: attached["sessionId"].as_str().unwrap().to_string(),
        };
        self.call(Some(&page.session), "Page.enable", json!({}));
        self.call(Some(&page.session), "Runtime.enable", json!({}));
        page.navigate(self, url);
        page
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One tab.
pub struct Page {
    session: String,
}

impl Page {
    /// Loads `url` (again) and waits for its load event.
    pub fn navigate(&self, browser: &mut Browser, url: &str) {
        browser.events.clear();
        browser.call(Some(&self.session), "Page.navigate", json!({"url": url}));
        browser.event("Page.loadEventFired", |_| true);
    }

    /// Turns JavaScript off for this tab, as a reader who disabled it.
    pub fn scripts_off(&self, browser: &mut Browser) {
        browser.call(
            Some(&self.session),
            "Emulation.setScriptExecutionDisabled",
            json!({"value": true}),
        );
    }

    /// Reloads the page and waits for its load event.
    pub fn reload(&self, browser: &mut Browser) {
        browser.events.clear();
        browser.call(Some(&self.session), "Page.reload", json!({}));
        browser.event("Page.loadEventFired", |_| true);
    }

    /// The value of a JavaScript expression, evaluated by the debugger (not by the page).
    pub fn eval(&self, browser: &mut Browser, expression: &str) -> Value {
        let result = browser.call(
            Some(&self.session),
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(e) = result.get("exceptionDetails") {
            panic!("{expression} threw: {e}");
        }
        result["result"]["value"].clone()
    }

    /// Clicks the element `selector` names with the mouse, in its middle.
    pub fn click(&self, browser: &mut Browser, selector: &str) {
        let at = self.eval(
            browser,
            &format!(
                "(() => {{ const e = document.querySelector({selector:?}); e.scrollIntoView({{block: 'center'}}); \
                 const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()"
            ),
        );
        for kind in ["mousePressed", "mouseReleased"] {
            browser.call(
                Some(&self.session),
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": at[0], "y": at[1], "button": "left", "clickCount": 1}),
            );
        }
    }

    /// Clicks into the field `selector` names and types `text` into it, as keyboard input.
    pub fn type_into(&self, browser: &mut Browser, selector: &str, text: &str) {
        self.click(browser, selector);
        browser.call(
            Some(&self.session),
            "Input.insertText",
            json!({"text": text}),
        );
    }
}
