//! Real servers for the tests: a PostgreSQL cluster started with initdb and pg_ctl in a
//! temporary folder, the development mail sink (`.ci/mailsink.py`, a real SMTP server), the
//! service itself on a random port, and a copy of the demo site's data to edit.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use beacon_subscriptions::clock::ManualClock;
use beacon_subscriptions::settings::{smtp_transport, Settings};
use beacon_subscriptions::signup::Service;
use beacon_subscriptions::store::Store;

/// The repository's root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The secret the tests sign webhooks with.
pub const SECRET: &str = "test-secret";

/// A PostgreSQL server of its own, stopped when dropped.
pub struct Postgres {
    dir: tempfile::TempDir,
    bin: PathBuf,
    pub url: String,
}

/// The newest PostgreSQL server installed the Debian way (`/usr/lib/postgresql/<major>/bin`).
fn pg_bin() -> PathBuf {
    let mut installed: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let major = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((major, bin))
        })
        .collect();
    installed.sort();
    installed.pop().map(|(_, bin)| bin).unwrap_or_else(|| {
        panic!("no PostgreSQL server under /usr/lib/postgresql: run .ci/setup (apt-get install postgresql)")
    })
}

fn as_postgres(args: &[&str]) -> std::process::Output {
    Command::new("runuser")
        .args(["-u", "postgres", "--"])
        .args(args)
        .output()
        .unwrap_or_else(|err| panic!("cannot run {args:?} as postgres: {err} (is the postgresql package installed? .ci/setup installs it)"))
}

impl Postgres {
    /// Starts a cluster on a free port; fails the test, with the reason, if it cannot.
    pub fn start() -> Self {
        let bin = pg_bin();
        let dir = tempfile::tempdir().expect("temp dir");
        let status = Command::new("chown")
            .args(["-R", "postgres:postgres"])
            .arg(dir.path())
            .status()
            .expect("chown");
        assert!(
            status.success(),
            "cannot chown the PostgreSQL folder to postgres"
        );
        let data = dir.path().join("data");
        let data_s = data.to_str().unwrap().to_owned();
        let out = as_postgres(&[
            &bin.join("initdb").to_string_lossy(),
            "-D",
            &data_s,
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
        ]);
        assert!(
            out.status.success(),
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let port = free_port();
        let options = format!("-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={} -c fsync=off -c max_connections=100", dir.path().display());
        let log = dir.path().join("log").to_str().unwrap().to_owned();
        let out = as_postgres(&[
            &bin.join("pg_ctl").to_string_lossy(),
            "-D",
            &data_s,
            "-l",
            &log,
            "-o",
            &options,
            "-w",
            "start",
        ]);
        assert!(
            out.status.success(),
            "pg_ctl start failed: {} {}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(dir.path().join("log")).unwrap_or_default()
        );
        Self {
            url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
            dir,
            bin,
        }
    }

    /// A new empty database on this server, by URL.
    pub fn database(&self, name: &str) -> String {
        let out = as_postgres(&[
            &self.bin.join("psql").to_string_lossy(),
            "-h",
            "127.0.0.1",
            "-p",
            &self.port(),
            "-U",
            "postgres",
            "-c",
            &format!("CREATE DATABASE {name}"),
        ]);
        assert!(
            out.status.success(),
            "createdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port())
    }

    fn port(&self) -> String {
        self.url
            .rsplit(':')
            .next()
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .to_owned()
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        as_postgres(&[
            &self.bin.join("pg_ctl").to_string_lossy(),
            "-D",
            data.to_str().unwrap(),
            "-m",
            "immediate",
            "stop",
        ]);
    }
}

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The development mail sink, stopped when dropped.
pub struct MailSink {
    child: Child,
    pub smtp: String,
    pub http: String,
    _dir: tempfile::TempDir,
}

impl MailSink {
    /// Starts `.ci/mailsink.py` on free ports.
    pub fn start() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut child = Command::new("python3")
            .arg(repo().join(".ci/mailsink.py"))
            .args(["--smtp", "127.0.0.1:0", "--http", "127.0.0.1:0", "--dir"])
            .arg(dir.path())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 .ci/mailsink.py");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(
            words.first(),
            Some(&"mailsink:"),
            "mail sink did not start (is aiosmtpd installed? .ci/setup installs it): {line:?}"
        );
        Self {
            child,
            smtp: words[2].to_owned(),
            http: words[4].to_owned(),
            _dir: dir,
        }
    }

    /// Every message's summary (newest first).
    pub async fn messages(&self) -> Vec<serde_json::Value> {
        reqwest::get(format!("http://{}/api/messages", self.http))
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// One message with headers and parts.
    pub async fn message(&self, id: i64) -> serde_json::Value {
        reqwest::get(format!("http://{}/api/messages/{id}", self.http))
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// Waits until `n` messages are there (at most 10 s) and answers them.
    pub async fn wait_for(&self, n: usize) -> Vec<serde_json::Value> {
        for _ in 0..100 {
            let messages = self.messages().await;
            if messages.len() >= n {
                return messages;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.messages().await
    }
}

impl Drop for MailSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A copy of the demo site's data to edit.
pub fn public_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        repo().join("public/config.json"),
        dir.path().join("config.json"),
    )
    .unwrap();
    for region in ["americas", "emea", "apac"] {
        let to = dir.path().join("data").join(region);
        std::fs::create_dir_all(&to).unwrap();
        for file in ["summary.json", "history.json"] {
            std::fs::copy(
                repo().join("public/data").join(region).join(file),
                to.join(file),
            )
            .unwrap();
        }
    }
    dir
}

/// Adds an update with `id` and `body` to EMEA's open incident (a valid edit, as an operator's
/// `beacon-ops incident update` makes).
pub fn add_emea_update(public: &Path, id: &str, body: &str) {
    let path = public.join("data/emea/summary.json");
    let mut summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let updates = summary["incidents"][0]["incident_updates"]
        .as_array_mut()
        .unwrap();
    let mut update = updates[0].clone();
    update["id"] = id.into();
    update["body"] = body.into();
    for field in ["created_at", "updated_at", "display_at"] {
        update[field] = "2026-11-21T12:30:00.000+01:00".into();
    }
    updates.insert(0, update);
    // The history holds the same copy of an incident that has begun, as an operator's edit
    // keeps it; data where the two disagree does not validate and would notify no one.
    let incident = summary["incidents"][0].clone();
    let history_path = public.join("data/emea/history.json");
    let mut history: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&history_path).unwrap()).unwrap();
    for entry in history["incidents"].as_array_mut().unwrap() {
        if entry["id"] == incident["id"] {
            *entry = incident.clone();
        }
    }
    std::fs::write(
        &history_path,
        serde_json::to_string_pretty(&history).unwrap(),
    )
    .unwrap();
    std::fs::write(&path, serde_json::to_string_pretty(&summary).unwrap()).unwrap();
}

/// The service in this process on a random port, with a clock the test moves.
pub struct Running {
    pub service: Arc<Service>,
    pub clock: ManualClock,
    pub url: String,
    pub public: tempfile::TempDir,
}

pub const SITE: &str = "http://127.0.0.1:8080/";

/// Starts the service over `database_url`, sending mail to `smtp` (host:port).
pub async fn service(database_url: &str, smtp: &str) -> Running {
    let public = public_copy();
    let port = free_port();
    let settings = Settings {
        public_dir: public.path().to_owned(),
        site_url: SITE.into(),
        public_url: format!("http://127.0.0.1:{port}/"),
        mail_from: "Beacon status <status@beacon.test>".into(),
        webhook_secret: SECRET.into(),
        allow_private_webhooks: true,
        watch_interval: Duration::from_secs(1),
        concurrency: 8,
        lease_seconds: beacon_subscriptions::outbox::LEASE_SECONDS,
    };
    let store = Store::connect(database_url).await.expect("database");
    let clock = ManualClock::new(chrono::Utc::now().timestamp());
    let smtp = smtp_transport(&format!("smtp://{smtp}"), 4).unwrap();
    let service = Arc::new(Service::new(store, settings, Arc::new(clock.clone()), smtp));
    service.reload_site().expect("demo site validates");
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .unwrap();
    let app = beacon_subscriptions::http::router(Arc::clone(&service))
        .into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    Running {
        service,
        clock,
        url: format!("http://127.0.0.1:{port}"),
        public,
    }
}
