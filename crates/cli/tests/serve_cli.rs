//! `jikenbo serve --demo`: the demo store is temporary and its folder is removed on exit.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn the_demo_store_goes_away_when_the_server_stops() {
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_jikenbo"))
        .args(["serve", "--demo", "--addr", &format!("127.0.0.1:{port}")])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let dir = std::env::temp_dir().join(format!("jikenbo-demo-{}", child.id()));
    // the server says where it listens once the store is ready
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut said = String::new();
    let deadline = Instant::now() + Duration::from_secs(120);
    while !said.contains("一時ファイル") && Instant::now() < deadline {
        let mut line = String::new();
        if out.read_line(&mut line).unwrap() == 0 {
            break;
        }
        said.push_str(&line);
    }
    assert!(said.contains("一時ファイル"), "{said}");
    assert!(dir.join("demo.db").exists(), "{}", dir.display());

    // SIGTERM: a graceful stop
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGTERM);
    }
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    assert!(!dir.exists(), "{} left behind", dir.display());
}
