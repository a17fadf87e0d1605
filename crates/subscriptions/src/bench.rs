//! `beacon-subscriptions bench`: one update fanned out to many subscribers through the real
//! outbox and delivery code, e-mail to a local SMTP sink and webhooks to a local receiver that
//! the command starts itself, reporting messages per second and peak memory.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use crate::clock::SystemClock;
use crate::event::{EventPayload, StoredChange};
use crate::settings::Settings;
use crate::signup::Service;
use crate::store::{Kind, NewEvent, Snapshot, Store};

/// `bench` options.
#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// E-mail subscribers.
    #[arg(long, default_value_t = 100_000)]
    pub subscribers: usize,
    /// Webhook subscribers (in addition).
    #[arg(long, default_value_t = 10_000)]
    pub webhooks: usize,
    /// Deliveries at once (SMTP connections kept open).
    #[arg(long, default_value_t = 32)]
    pub concurrency: usize,
    /// Where the benchmark's own SQLite database goes (a fresh file each run).
    #[arg(long, default_value = "target/bench-subscriptions.db")]
    pub database: PathBuf,
}

/// A minimal SMTP server that accepts every message and counts them.
pub async fn smtp_sink(count: Arc<AtomicU64>) -> std::io::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let port = listener.local_addr()?.port();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            // A relay answers each command at once; with Nagle's algorithm on, every reply
            // would wait for the client's delayed acknowledgement (about 40 ms on Linux).
            let _ = socket.set_nodelay(true);
            let count = Arc::clone(&count);
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                if write.write_all(b"220 bench sink\r\n").await.is_err() {
                    return;
                }
                let mut in_data = false;
                while let Ok(Some(line)) = lines.next_line().await {
                    let reply: &[u8] = if in_data {
                        if line == "." {
                            in_data = false;
                            count.fetch_add(1, Ordering::Relaxed);
                            b"250 queued\r\n"
                        } else {
                            continue;
                        }
                    } else {
                        let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
                        match verb.as_str() {
                            "EHLO" => b"250-bench sink\r\n250 8BITMIME\r\n",
                            "DATA" => {
                                in_data = true;
                                b"354 go on\r\n"
                            }
                            "QUIT" => {
                                let _ = write.write_all(b"221 bye\r\n").await;
                                return;
                            }
                            _ => b"250 ok\r\n",
                        }
                    };
                    if write.write_all(reply).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    Ok(port)
}

/// A webhook receiver answering 200 to every POST and counting them.
pub async fn webhook_receiver(count: Arc<AtomicU64>) -> std::io::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let port = listener.local_addr()?.port();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move || {
            let count = Arc::clone(&count);
            async move {
                count.fetch_add(1, Ordering::Relaxed);
                "ok"
            }
        }),
    );
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(port)
}

/// Peak resident memory of this process in kB (`VmHWM`), where the system reports it.
pub fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Runs the benchmark.
pub async fn run(
    _database_url: &str,
    args: BenchArgs,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let _ = std::fs::remove_file(&args.database);
    let store = Store::connect(&format!("sqlite://{}", args.database.display())).await?;
    let mails = Arc::new(AtomicU64::new(0));
    let posts = Arc::new(AtomicU64::new(0));
    let smtp_port = smtp_sink(Arc::clone(&mails)).await?;
    let hook_port = webhook_receiver(Arc::clone(&posts)).await?;
    let now = chrono::Utc::now().timestamp();
    let sections = vec!["em-backups".to_owned()];
    let seeding = Instant::now();
    let emails: Vec<String> = (0..args.subscribers)
        .map(|n| format!("user{n}@bench.example.com"))
        .collect();
    store
        .insert_confirmed(Kind::Email, "emea", &sections, "en", &emails, now)
        .await?;
    drop(emails);
    let hooks: Vec<String> = (0..args.webhooks)
        .map(|n| format!("http://127.0.0.1:{hook_port}/hook?n={n}"))
        .collect();
    store
        .insert_confirmed(Kind::Webhook, "emea", &sections, "en", &hooks, now)
        .await?;
    drop(hooks);
    let change = StoredChange::NewIncident {
        id: "bench-1".into(),
        name: "Delayed Microsoft 365 backups".into(),
        maintenance: false,
        status: "investigating".into(),
        message: "Backups of Microsoft 365 mailboxes are running late. We are looking into it."
            .into(),
        sections: sections.clone(),
    };
    let payload = EventPayload {
        region: "emea".into(),
        region_name: "EMEA".into(),
        site_name: "Beacon Backup Status".into(),
        link: "http://127.0.0.1:8080/emea/incidents/bench-1".into(),
        change,
        webhook: serde_json::json!({"page": {"id": "emea"}, "incident": {"id": "bench-1"}}),
    };
    let snapshot = Snapshot {
        generation: 1,
        summary: String::new(),
        history: String::new(),
    };
    let event = NewEvent {
        key: "bench-1".into(),
        payload: serde_json::to_string(&payload)?,
    };
    store
        .record_changes("emea", None, &snapshot, &[(sections, vec![event])], now)
        .await?;
    let queued = store.outbox_count("pending").await?;
    println!(
        "seeded {} e-mail and {} webhook subscribers, {queued} messages queued in {:.1} s",
        args.subscribers,
        args.webhooks,
        seeding.elapsed().as_secs_f64()
    );

    let settings = Settings {
        public_dir: PathBuf::from("public"),
        site_url: "http://127.0.0.1:8080/".into(),
        public_url: "http://127.0.0.1:8090/".into(),
        mail_from: "Beacon status <status@bench.example.com>".into(),
        webhook_secret: "bench-secret".into(),
        allow_private_webhooks: true,
        watch_interval: Duration::from_secs(2),
        concurrency: args.concurrency.max(1),
        lease_seconds: crate::outbox::LEASE_SECONDS,
    };
    let smtp = crate::settings::smtp_transport(
        &format!("smtp://127.0.0.1:{smtp_port}"),
        settings.concurrency as u32,
    )?;
    let service = Arc::new(Service::new(store, settings, Arc::new(SystemClock), smtp));
    let started = Instant::now();
    let batch = (args.concurrency * 8).max(64) as i64;
    let mut failed = 0;
    loop {
        let round = crate::outbox::deliver_batch(&service, batch).await?;
        failed += round.failed;
        if round.claimed == 0 {
            break;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let (mails, posts) = (mails.load(Ordering::Relaxed), posts.load(Ordering::Relaxed));
    println!(
        "delivered {} e-mails and {} webhooks in {seconds:.1} s: {:.0} messages/s ({:.0} e-mails/s), {failed} failed",
        mails,
        posts,
        (mails + posts) as f64 / seconds,
        mails as f64 / seconds
    );
    match peak_rss_kb() {
        Some(kb) => println!("peak memory (RSS): {:.1} MB", kb as f64 / 1024.0),
        None => println!("peak memory: not reported by this system"),
    }
    let rate = mails as f64 / seconds;
    let pass = rate >= EMAILS_PER_SECOND_GOAL && failed == 0;
    println!(
        "e-mails handed to the relay: {rate:.0}/s (goal >= {EMAILS_PER_SECOND_GOAL:.0}/s, none failed): {}",
        if pass { "PASS" } else { "FAIL" }
    );
    if pass {
        Ok(())
    } else {
        Err("the fan-out missed its goal".into())
    }
}

/// E-mails per second the fan-out must hand to a local relay on a 2-core machine.
pub const EMAILS_PER_SECOND_GOAL: f64 = 1000.0;
