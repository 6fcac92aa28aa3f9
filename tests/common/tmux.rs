//! A real pseudo-terminal for the tests that need one: a private tmux server, a window of
//! the width under test running the binary, keys sent to it, and its screen read back with
//! wrapped lines joined (`capture-pane -J`), so that a line the terminal had to wrap shows
//! at its true length. Nothing here waits for a fixed time: each wait polls the screen for
//! what should appear, with a deadline that only keeps a broken run from hanging.
//!
//! Without tmux the cases that use it say why and pass, except under CI, where they fail:
//! CI must have tmux.

use std::cell::Cell;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use super::Followup;

/// What a window prints after the command ends, with its exit status after it.
pub const DONE: &str = "--followup-done--";

/// How long a wait may take before the test gives up: far longer than any run needs.
const DEADLINE: Duration = Duration::from_secs(60);

/// A tmux server of our own, stopped when dropped.
pub struct Tmux {
    socket: String,
    /// Windows opened so far: each gets a session of its own, all kept until the server
    /// stops (closing the last one would stop it under the next one's feet).
    sessions: Cell<usize>,
}

impl Tmux {
    /// A private server, or `None` (with the reason printed) where tmux is missing. Under CI
    /// a missing tmux fails the test: these cases must run there.
    pub fn start(name: &str) -> Option<Tmux> {
        let found = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|output| output.status.success());
        if !found {
            assert!(
                std::env::var_os("CI").is_none(),
                "tmux is needed for the terminal tests under CI (.ci/run installs it)"
            );
            eprintln!("skipped: tmux is not installed, so no pseudo-terminal test ran");
            return None;
        }
        Some(Tmux {
            socket: format!("followup-tty-{}-{name}", std::process::id()),
            sessions: Cell::new(0),
        })
    }

    fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("running tmux")
    }

    /// A window `width` columns wide running `followup ARGS` in `f`'s world, with `env`
    /// added to a cleared environment. `COLUMNS` is set wrong on purpose: on a terminal,
    /// the terminal's own width wins.
    pub fn open(
        &self,
        f: &Followup,
        width: usize,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Pane<'_> {
        let quote = |text: &str| format!("'{}'", text.replace('\'', r"'\''"));
        let now = f
            .now()
            .map(|now| format!("FOLLOWUP_NOW={}", quote(now)))
            .unwrap_or_default();
        let env: Vec<String> = env
            .iter()
            .map(|(key, value)| format!("{key}={}", quote(value)))
            .collect();
        let command = format!(
            "env -i PATH=/usr/bin:/bin HOME={home} FOLLOWUP_DB={db} {now} COLUMNS=300 \
             TERM=screen {env} {bin} {args}; echo {DONE} $?; sleep 600",
            home = quote(&f.dir().to_string_lossy()),
            db = quote(&f.location().to_string_lossy()),
            env = env.join(" "),
            bin = quote(env!("CARGO_BIN_EXE_followup")),
            args = args
                .iter()
                .map(|arg| quote(arg))
                .collect::<Vec<_>>()
                .join(" "),
        );
        self.sessions.set(self.sessions.get() + 1);
        let session = format!("s{}", self.sessions.get());
        let started = self.tmux(&[
            "new-session",
            "-d",
            "-s",
            &session,
            "-x",
            &width.to_string(),
            "-y",
            "50",
            &command,
        ]);
        assert!(started.status.success(), "tmux new-session: {started:?}");
        Pane {
            tmux: self,
            target: session,
            mark: Cell::new(0),
        }
    }

    /// What `followup ARGS` shows in a window `width` columns wide, every line of it (the
    /// scrollback too), once it has ended.
    pub fn screen(&self, f: &Followup, width: usize, args: &[&str]) -> String {
        let pane = self.open(f, width, args, &[]);
        let text = pane.expect(DONE);
        text.split_once(DONE)
            .map(|(screen, _)| screen.to_string())
            .unwrap_or(text)
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}

/// One window, read from where the last expectation left off.
pub struct Pane<'t> {
    tmux: &'t Tmux,
    target: String,
    /// How much of the screen earlier expectations have read.
    mark: Cell<usize>,
}

impl Pane<'_> {
    /// The whole screen, scrollback included, wrapped lines joined; with `escapes`, the
    /// terminal's styles as escape sequences too.
    pub fn capture(&self, escapes: bool) -> String {
        let mut args = vec!["capture-pane", "-p", "-J", "-S", "-", "-E", "-"];
        if escapes {
            args.push("-e");
        }
        args.extend(["-t", &self.target]);
        String::from_utf8_lossy(&self.tmux.tmux(&args).stdout).into_owned()
    }

    /// Waits until `text` shows after what earlier expectations read, and returns the whole
    /// screen; the next expectation reads on from the end of `text`.
    #[track_caller]
    pub fn expect(&self, text: &str) -> String {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let screen = self.capture(false);
            let from = self.mark.get().min(screen.len());
            if let Some(at) = screen.get(from..).and_then(|rest| rest.find(text)) {
                self.mark.set(from + at + text.len());
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "{text:?} did not show on the terminal:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Presses keys: tmux key names (`Enter`, `Escape`, `C-c`) or single characters.
    pub fn press(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.target];
        args.extend(keys);
        let sent = self.tmux.tmux(&args);
        assert!(sent.status.success(), "tmux send-keys: {sent:?}");
    }

    /// Types text as it is.
    pub fn type_text(&self, text: &str) {
        let sent = self
            .tmux
            .tmux(&["send-keys", "-t", &self.target, "-l", text]);
        assert!(sent.status.success(), "tmux send-keys: {sent:?}");
    }

    /// Waits for the command to end and returns its exit status.
    #[track_caller]
    pub fn status(&self) -> i32 {
        let screen = self.expect(DONE);
        let after = screen.rsplit(DONE).next().unwrap_or_default();
        after
            .split_whitespace()
            .next()
            .and_then(|code| code.parse().ok())
            .unwrap_or_else(|| panic!("no exit status after {DONE}:\n{screen}"))
    }
}
