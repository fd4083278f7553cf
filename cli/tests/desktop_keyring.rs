//! The terminal wallet's key in a real desktop keyring: GNOME Keyring's
//! Secret Service on a private D-Bus session bus (issue #15, item 5).
//! Stopping and starting the keyring daemon stands in for a reboot: the
//! keyring reloads its items from disk, and the kernel key store plays no
//! part.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The login keyring's password, as a desktop login would give it.
const LOGIN_PASSWORD: &str = "desktop login password";
const PASSPHRASE: &str = "correct horse battery staple";

/// A private session bus with GNOME Keyring on it, and a home of its own.
struct Desktop {
    home: tempfile::TempDir,
    bus: Child,
    address: String,
    keyring: Option<Child>,
}

/// A session bus's configuration, without the directories of services
/// it would start when called.
fn bus_config(socket: &Path) -> String {
    format!(
        r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
        socket.display()
    )
}

/// Whether `program` runs here.
fn installed(program: &str) -> bool {
    Command::new(program).arg("--version").output().is_ok_and(|o| o.status.success())
}

impl Desktop {
    /// A bus and an unlocked keyring; `None`, after saying why, where
    /// D-Bus or GNOME Keyring is not installed.
    fn start() -> Option<Desktop> {
        if !installed("dbus-daemon") || !installed("gnome-keyring-daemon") {
            sweep_tests::skip("dbus-daemon and gnome-keyring-daemon are needed (Debian: dbus, gnome-keyring)");
            return None;
        }
        let home = tempfile::tempdir().unwrap();
        // A session bus that starts nothing on demand, so a stopped keyring
        // stays stopped until the test starts it again.
        let config = home.path().join("bus.conf");
        let socket = home.path().join("bus");
        std::fs::write(&config, bus_config(&socket)).unwrap();
        let mut bus = Command::new("dbus-daemon")
            .args(["--nofork", "--print-address=1"])
            .arg(format!("--config-file={}", config.display()))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon starts");
        let mut address = String::new();
        BufReader::new(bus.stdout.take().unwrap()).read_line(&mut address).expect("dbus-daemon prints its address");
        let address = address.trim().to_owned();
        assert!(address.starts_with("unix:"), "dbus-daemon's address: {address:?}");
        let mut desktop = Desktop { home, bus, address, keyring: None };
        desktop.start_keyring();
        Some(desktop)
    }

    fn env(&self, command: &mut Command) {
        let home = self.home.path();
        command
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .env("HOME", home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_RUNTIME_DIR", home)
            .env("SWEEP_LOCALE", "en-US")
            .env_remove("SWEEP_DATA_DIR")
            .env_remove("SWEEP_PASSPHRASE")
            .env_remove("SWEEP_NEW_PASSPHRASE");
    }

    /// Starts GNOME Keyring, unlocking (or first making) the login keyring,
    /// and waits, bounded, until it owns its name on the bus.
    fn start_keyring(&mut self) {
        let mut command = Command::new("gnome-keyring-daemon");
        command.args(["--foreground", "--components=secrets", "--unlock"]);
        self.env(&mut command);
        let mut keyring =
            command.stdin(Stdio::piped()).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("keyring starts");
        let mut stdin = keyring.stdin.take().unwrap();
        stdin.write_all(LOGIN_PASSWORD.as_bytes()).unwrap();
        drop(stdin);
        self.keyring = Some(keyring);
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.keyring_answers() {
            assert!(Instant::now() < deadline, "GNOME Keyring did not take its bus name within 20 s");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn keyring_answers(&self) -> bool {
        let mut ask = Command::new("dbus-send");
        ask.args(["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus"])
            .args(["org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"]);
        self.env(&mut ask);
        ask.output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("boolean true"))
    }

    /// Stops the keyring daemon, as a reboot or logout would.
    fn stop_keyring(&mut self) {
        if let Some(mut keyring) = self.keyring.take() {
            let _ = keyring.kill();
            let _ = keyring.wait();
        }
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.keyring_answers() {
            assert!(Instant::now() < deadline, "GNOME Keyring kept its bus name after it was stopped");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Runs `sweep` in this desktop session, with no terminal and, unless
    /// given, no passphrase.
    fn sweep(&self, passphrase: Option<&str>, args: &[&str]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_sweep"));
        self.env(&mut command);
        if let Some(passphrase) = passphrase {
            command.env("SWEEP_PASSPHRASE", passphrase);
        }
        command.args(args).stdin(Stdio::null()).output().expect("sweep runs")
    }

    fn wallet(&self) -> String {
        self.home.path().join("wallet").display().to_string()
    }
}

impl Drop for Desktop {
    fn drop(&mut self) {
        self.stop_keyring();
        let _ = self.bus.kill();
        let _ = self.bus.wait();
    }
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

fn succeeds(output: Output) -> String {
    assert!(output.status.success(), "{}", text(&output));
    text(&output)
}

/// The dashboard shows the wallet's one typed-in balance.
fn shows_the_balance(output: Output) {
    let shown = succeeds(output);
    assert!(shown.contains("₩12,340"), "{shown}");
}

fn dashboard(desktop: &Desktop, passphrase: Option<&str>) -> Output {
    desktop.sweep(passphrase, &["--data-dir", &desktop.wallet(), "--locale", "en-US", "dashboard"])
}

#[test]
fn where_a_keyring_runs_a_new_wallet_keeps_its_key_there_and_opens_after_a_restart() {
    let Some(mut desktop) = Desktop::start() else { return };
    let dir = desktop.wallet();
    let made = succeeds(desktop.sweep(None, &["--data-dir", &dir, "init"]));
    assert!(made.contains("desktop keyring"), "{made}");
    succeeds(desktop.sweep(None, &["--data-dir", &dir, "add-source", "Toss", "wallet", "₩12,340"]));
    succeeds(desktop.sweep(None, &["--data-dir", &dir, "lock"]));

    desktop.stop_keyring();
    let closed = dashboard(&desktop, None);
    assert!(!closed.status.success(), "{}", text(&closed));
    assert!(text(&closed).contains("desktop keyring"), "{}", text(&closed));

    desktop.start_keyring();
    shows_the_balance(dashboard(&desktop, None));
    let raw = std::fs::read(Path::new(&dir).join(sweep_core::wallet::DATABASE_FILE)).unwrap();
    let needle = "12340".as_bytes();
    assert!(!raw.windows(needle.len()).any(|w| w == needle), "the balance is not in plain text");
}

#[test]
fn a_key_moves_between_keyring_and_passphrase_and_an_old_keyring_backup_stops_opening() {
    let Some(desktop) = Desktop::start() else { return };
    let dir = desktop.wallet();
    succeeds(desktop.sweep(None, &["--data-dir", &dir, "init", "--key", "keyring"]));
    succeeds(desktop.sweep(None, &["--data-dir", &dir, "add-source", "Toss", "wallet", "₩12,340"]));
    let backup = desktop.home.path().join("keyring-backup.txt");
    let noted = succeeds(desktop.sweep(None, &["--data-dir", &dir, "key", "backup", backup.to_str().unwrap()]));
    assert!(noted.contains("desktop keyring holds"), "{noted}");

    let mut to_passphrase = Command::new(env!("CARGO_BIN_EXE_sweep"));
    desktop.env(&mut to_passphrase);
    let moved = to_passphrase
        .args(["--data-dir", &dir, "key", "passphrase"])
        .env("SWEEP_NEW_PASSPHRASE", PASSPHRASE)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let said = succeeds(moved);
    assert!(said.contains("new passphrase"), "{said}");
    succeeds(desktop.sweep(None, &["--data-dir", &dir, "lock"]));
    let asks = dashboard(&desktop, None);
    assert!(!asks.status.success() && text(&asks).contains("SWEEP_PASSPHRASE"), "{}", text(&asks));
    shows_the_balance(dashboard(&desktop, Some(PASSPHRASE)));

    // The keyring's old key is gone, so the backup made under it opens nothing.
    let stale = desktop.sweep(Some(PASSPHRASE), &["--data-dir", &dir, "key", "restore", backup.to_str().unwrap()]);
    assert!(!stale.status.success(), "{}", text(&stale));
    assert!(text(&stale).contains("holds no key for this wallet"), "{}", text(&stale));

    let back = succeeds(desktop.sweep(Some(PASSPHRASE), &["--data-dir", &dir, "key", "keyring"]));
    assert!(back.contains("now kept in the desktop keyring"), "{back}");
    shows_the_balance(dashboard(&desktop, None));
}

#[test]
fn a_reset_keyring_is_named_as_the_reason_the_wallet_cannot_open() {
    let Some(mut desktop) = Desktop::start() else { return };
    let dir = desktop.wallet();
    succeeds(desktop.sweep(None, &["--data-dir", &dir, "init", "--key", "keyring"]));
    desktop.stop_keyring();
    std::fs::remove_dir_all(desktop.home.path().join("data").join("keyrings")).expect("the keyring's files");
    desktop.start_keyring();
    let lost = dashboard(&desktop, None);
    assert!(!lost.status.success());
    let said = text(&lost);
    assert!(said.contains("holds no key for this wallet") && said.contains("sweep key restore"), "{said}");
}
