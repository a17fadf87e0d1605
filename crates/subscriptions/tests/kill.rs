//! The real binary killed with SIGKILL in the middle of a 10,000-subscriber fan-out and
//! started again: every subscriber ends up with the message, once per idempotency key.

mod support;

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::HeaderMap;
use beacon_subscriptions::store::{Kind, Store};
use support::{add_emea_update, free_port, public_copy, MailSink, Postgres, SITE};

fn start(database: &str, public: &std::path::Path, smtp: &str) -> Child {
    let port = free_port();
    Command::new(env!("CARGO_BIN_EXE_beacon-subscriptions"))
        .args([
            "serve",
            "--site-url",
            SITE,
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .args([
            "--public-url",
            &format!("http://127.0.0.1:{port}/"),
            "--watch-seconds",
            "1",
        ])
        .args([
            "--lease-seconds",
            "5",
            "--allow-private-webhooks",
            "--database-url",
            database,
        ])
        .arg("--public")
        .arg(public)
        .env("BEACON_SMTP_URL", format!("smtp://{smtp}"))
        .env("BEACON_WEBHOOK_SECRET", support::SECRET)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the service binary")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_mid_fan_out_loses_nothing_and_sends_nothing_twice() {
    let postgres = Postgres::start();
    let database = postgres.database("killed");
    let sink = MailSink::start();
    let public = public_copy();
    let keys: Arc<Mutex<HashMap<String, u32>>> = Arc::default();
    let record = Arc::clone(&keys);
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: HeaderMap| {
            let record = Arc::clone(&record);
            async move {
                let key = headers["idempotency-key"].to_str().unwrap().to_owned();
                *record.lock().unwrap().entry(key).or_default() += 1;
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hook = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let store = Store::connect(&database).await.unwrap();
    let mut service = start(&database, public.path(), &sink.smtp);
    let deadline = Instant::now() + Duration::from_secs(30);
    while store.snapshot("emea").await.unwrap().is_none() {
        assert!(
            Instant::now() < deadline,
            "the service did not take its starting point"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let hooks: Vec<String> = (0..10_000).map(|n| format!("{hook}?n={n}")).collect();
    store
        .insert_confirmed(
            Kind::Webhook,
            "emea",
            &["em-backups".into()],
            "en",
            &hooks,
            0,
        )
        .await
        .unwrap();
    add_emea_update(public.path(), "u-kill", "Fan-out under fire.");

    let deadline = Instant::now() + Duration::from_secs(60);
    while keys.lock().unwrap().len() < 1500 {
        assert!(Instant::now() < deadline, "the fan-out did not start");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    service.kill().unwrap();
    service.wait().unwrap();
    let at_kill = keys.lock().unwrap().len();
    assert!(
        at_kill < 10_000,
        "killed in the middle ({at_kill} delivered)"
    );

    let mut service = start(&database, public.path(), &sink.smtp);
    let deadline = Instant::now() + Duration::from_secs(120);
    while keys.lock().unwrap().len() < 10_000 || store.outbox_count("pending").await.unwrap() > 0 {
        assert!(
            Instant::now() < deadline,
            "only {} of 10000 delivered",
            keys.lock().unwrap().len()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    service.kill().unwrap();
    service.wait().unwrap();
    assert_eq!(store.outbox_count("sent").await.unwrap(), 10_000);
    let keys = keys.lock().unwrap();
    assert_eq!(keys.len(), 10_000, "every subscriber has the message");
    // A POST the receiver answered just before the kill, not yet recorded as sent, is sent
    // again with the same idempotency key: at most the deliveries in flight (32).
    let repeated: u32 = keys.values().map(|n| n - 1).sum();
    assert!(repeated <= 32, "{repeated} repeats with the same key");
    assert!(at_kill > 0);
}
