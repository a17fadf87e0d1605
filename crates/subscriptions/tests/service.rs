//! The service against real servers: the mail sink (a real SMTP server), webhook receivers,
//! and the same suite on SQLite and on a PostgreSQL server the test starts.

mod support;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::http::{HeaderMap, StatusCode};
use beacon_subscriptions::outbox::deliver_batch;
use beacon_subscriptions::store::SubscriberState;
use beacon_subscriptions::watch::scan;
use beacon_subscriptions::webhook::{check_target, signature, slack_body, teams_body};
use support::{add_emea_update, MailSink, Postgres, Running, SECRET, SITE};

fn client() -> reqwest::Client {
    reqwest::Client::new()
}

async fn sign_up(running: &Running, body: serde_json::Value) -> (u16, serde_json::Value) {
    let response = client()
        .post(format!("{}/api/subscribe", running.url))
        .header("origin", SITE.trim_end_matches('/'))
        .json(&body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

fn email(address: &str, language: &str) -> serde_json::Value {
    serde_json::json!({"method": "email", "address": address, "region": "emea", "components": ["em-backups"], "language": language})
}

/// The first http link in `text` that contains `part`.
fn link(text: &str, part: &str) -> String {
    text.split_whitespace()
        .find(|w| w.starts_with("http") && w.contains(part))
        .unwrap_or_else(|| panic!("no {part} link in {text}"))
        .to_owned()
}

/// Sign-up, confirmation, a change in the data, the mail in the subscriber's language, and the
/// one-click unsubscribe, on the database at `url`.
async fn suite(database_url: &str) {
    let sink = MailSink::start();
    let running = support::service(database_url, &sink.smtp).await;
    let store = &running.service.store;
    // The starting point: nothing is sent for what was already published.
    let first = scan(
        store,
        running.public.path(),
        SITE,
        running.clock.now_for_test(),
    )
    .await
    .unwrap();
    assert_eq!(first.started.len(), 3, "{first:?}");

    // Double opt-in: one confirmation, the same answer for a known address, no resend within
    // the hour.
    let (status, answer) = sign_up(&running, email("Ana@Example.com", "de-DE")).await;
    assert_eq!(status, 200, "{answer}");
    let messages = sink.wait_for(1).await;
    assert_eq!(messages.len(), 1);
    let (again, answer_again) = sign_up(&running, email("ana@example.com", "de")).await;
    assert_eq!(
        (again, &answer_again),
        (status, &answer),
        "a known address is not revealed"
    );
    let (unknown, answer_unknown) = sign_up(&running, email("bob@example.com", "de")).await;
    assert_eq!((unknown, &answer_unknown), (status, &answer));
    sink.wait_for(2).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let messages = sink.messages().await;
    assert_eq!(
        messages.len(),
        2,
        "one confirmation per address within the hour: {messages:?}"
    );
    let ana = messages
        .iter()
        .find(|m| m["to"].as_str().unwrap().contains("ana@"))
        .unwrap();
    let confirmation = sink.message(ana["id"].as_i64().unwrap()).await;
    assert!(
        confirmation["subject"]
            .as_str()
            .unwrap()
            .starts_with("Bestätigen"),
        "{confirmation}"
    );
    let confirm = link(confirmation["text"].as_str().unwrap(), "/confirm/");

    // A change before confirmation: nothing for the unconfirmed.
    add_emea_update(running.public.path(), "u-before", "Early news.");
    running.clock.advance(5);
    scan(
        store,
        running.public.path(),
        SITE,
        running.clock.now_for_test(),
    )
    .await
    .unwrap();
    let round = deliver_batch(&running.service, 100).await.unwrap();
    assert_eq!(
        round.claimed, 0,
        "an unconfirmed address gets nothing but the confirmation"
    );

    // The confirmation link works once.
    let page = client().get(&confirm).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("bestätigt"));
    assert_eq!(
        client().get(&confirm).send().await.unwrap().status(),
        StatusCode::NOT_FOUND,
        "single use"
    );

    // An operator's update: one mail, in German, with the text escaped and the links.
    add_emea_update(
        running.public.path(),
        "u-after",
        "Restores <b>work</b> again & backups catch up.",
    );
    running.clock.advance(5);
    let pass = scan(
        store,
        running.public.path(),
        SITE,
        running.clock.now_for_test(),
    )
    .await
    .unwrap();
    assert_eq!(pass.changed, vec![("emea".to_owned(), 1)], "{pass:?}");
    let again = scan(
        store,
        running.public.path(),
        SITE,
        running.clock.now_for_test(),
    )
    .await
    .unwrap();
    assert!(again.changed.is_empty(), "the same data twice is no news");
    let round = deliver_batch(&running.service, 100).await.unwrap();
    assert_eq!((round.claimed, round.sent), (1, 1), "{round:?}");
    assert_eq!(
        deliver_batch(&running.service, 100).await.unwrap().claimed,
        0,
        "never twice"
    );
    let messages = sink.wait_for(3).await;
    assert_eq!(messages.len(), 3);
    let mail = sink.message(messages[0]["id"].as_i64().unwrap()).await;
    assert!(mail["to"].as_str().unwrap().contains("ana@example.com"));
    assert!(
        mail["subject"].as_str().unwrap().starts_with("EMEA — "),
        "{}",
        mail["subject"]
    );
    let html = mail["html"].as_str().unwrap();
    assert!(
        html.contains("<p>Restores work again &amp; backups catch up.</p>"),
        "{html}"
    );
    assert!(!html.contains("<b>"), "{html}");
    assert!(mail["text"]
        .as_str()
        .unwrap()
        .contains("http://127.0.0.1:8080/emea/incidents/tb1xtvj5wamt"));
    let headers: Vec<(String, String)> = serde_json::from_value(mail["headers"].clone()).unwrap();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    assert_eq!(
        header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let unsubscribe = header("List-Unsubscribe").unwrap();
    let unsubscribe = unsubscribe.trim_matches(['<', '>']);
    let response = client()
        .post(unsubscribe)
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let ana = store
        .subscriber_by_address(
            beacon_subscriptions::store::Kind::Email,
            "ana@example.com",
            "emea",
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ana.state, SubscriberState::Unsubscribed);

    // Expiry: bob's link is dead after 24 hours; a new sign-up after the hour sends a new one.
    let bob = messages
        .iter()
        .find(|m| m["to"].as_str().unwrap().contains("bob@"))
        .unwrap();
    let bob_confirm = link(
        sink.message(bob["id"].as_i64().unwrap()).await["text"]
            .as_str()
            .unwrap(),
        "/confirm/",
    );
    running.clock.advance(24 * 3600 + 1);
    assert_eq!(
        client().get(&bob_confirm).send().await.unwrap().status(),
        StatusCode::NOT_FOUND,
        "expired"
    );
    sign_up(&running, email("bob@example.com", "en")).await;
    assert_eq!(
        sink.wait_for(4).await.len(),
        4,
        "a new confirmation after the hour"
    );
}

trait Now {
    fn now_for_test(&self) -> i64;
}

impl Now for beacon_subscriptions::clock::ManualClock {
    fn now_for_test(&self) -> i64 {
        beacon_subscriptions::clock::Clock::now(self)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn email_subscription_end_to_end_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    suite(&format!(
        "sqlite://{}/subscriptions.db",
        dir.path().display()
    ))
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn email_subscription_end_to_end_on_postgres() {
    let postgres = Postgres::start();
    suite(&postgres.database("suite")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_allows_the_site_only_and_floods_are_refused() {
    let sink = MailSink::start();
    let dir = tempfile::tempdir().unwrap();
    let running = support::service(
        &format!("sqlite://{}/s.db", dir.path().display()),
        &sink.smtp,
    )
    .await;
    let preflight = |origin: &'static str| {
        client()
            .request(
                reqwest::Method::OPTIONS,
                format!("{}/api/subscribe", running.url),
            )
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .send()
    };
    let own = preflight("http://127.0.0.1:8080").await.unwrap();
    assert_eq!(own.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        own.headers()["access-control-allow-origin"],
        "http://127.0.0.1:8080"
    );
    let foreign = preflight("https://evil.example").await.unwrap();
    assert_eq!(foreign.status(), StatusCode::FORBIDDEN);
    assert!(foreign
        .headers()
        .get("access-control-allow-origin")
        .is_none());
    let post = client()
        .post(format!("{}/api/subscribe", running.url))
        .header("origin", "https://evil.example")
        .json(&email("x@example.com", "en"))
        .send()
        .await
        .unwrap();
    assert_eq!(post.status(), StatusCode::FORBIDDEN);

    let mut refused = 0;
    for n in 0..30 {
        let (status, answer) =
            sign_up(&running, email(&format!("flood{n}@example.com"), "en")).await;
        if status == 429 {
            refused += 1;
            assert!(
                answer["message"].as_str().unwrap().contains("Too many"),
                "{answer}"
            );
        }
    }
    assert_eq!(refused, 10, "20 sign-ups per IP and hour");
    for _ in 0..6 {
        // Per address too (from the database's point of view a new IP each time is not
        // possible here; the IP limit is already exhausted, so this stays refused).
        let (status, _) = sign_up(&running, email("same@example.com", "en")).await;
        assert_eq!(status, 429);
    }
    let (status, answer) = sign_up(&running, serde_json::json!({"method": "email", "address": "a\r\nBcc: x@y.com", "region": "emea", "components": ["em-backups"], "language": "en"})).await;
    assert!(status == 400 || status == 429, "{status} {answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn header_injection_through_the_data_adds_no_header() {
    let settings = beacon_subscriptions::settings::Settings {
        public_dir: ".".into(),
        site_url: SITE.into(),
        public_url: "http://127.0.0.1:8090/".into(),
        mail_from: "Beacon <status@beacon.test>".into(),
        webhook_secret: SECRET.into(),
        allow_private_webhooks: false,
        watch_interval: std::time::Duration::from_secs(1),
        concurrency: 1,
        lease_seconds: beacon_subscriptions::outbox::LEASE_SECONDS,
    };
    let payload = beacon_subscriptions::event::EventPayload {
        region: "emea".into(),
        region_name: "EMEA".into(),
        site_name: "Beacon".into(),
        link: "http://127.0.0.1:8080/emea".into(),
        change: beacon_subscriptions::event::StoredChange::NewIncident {
            id: "i".into(),
            name: "Outage\r\nBcc: victim@example.com".into(),
            maintenance: false,
            status: "investigating".into(),
            message: "text".into(),
            sections: vec![],
        },
        webhook: serde_json::json!({}),
    };
    let message = beacon_subscriptions::mail::change(
        &settings,
        &payload,
        beacon_core::i18n::Lang::English,
        "ops@example.com",
        &"a".repeat(64),
        1,
    )
    .unwrap();
    let raw = String::from_utf8(message.formatted()).unwrap();
    let headers = raw.split("\r\n\r\n").next().unwrap();
    assert!(
        headers.contains("Outage Bcc: victim@example.com"),
        "{headers}"
    );
    assert!(
        !headers
            .lines()
            .any(|line| line.to_ascii_lowercase().starts_with("bcc:")),
        "{headers}"
    );
    assert!(beacon_subscriptions::mail::mailbox("ops@example.com\r\nBcc: x@y.com").is_err());
}

#[tokio::test]
async fn ssrf_targets_are_refused_outside_development() {
    for url in [
        "https://127.0.0.1/hook",
        "https://10.1.2.3/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://localhost/hook",
        "https://100.64.0.1/hook",
    ] {
        assert!(
            check_target(url, false).await.is_err(),
            "{url} must be refused"
        );
        assert!(
            check_target(url, true).await.is_ok(),
            "{url} allowed in development mode"
        );
    }
    // At delivery too: the client refuses to connect to a name resolving to loopback.
    let client = beacon_subscriptions::webhook::client(false);
    let post = beacon_subscriptions::webhook::Post {
        url: "http://localhost:9/x",
        body: "{}".into(),
        idempotency_key: "k".into(),
        event: "test",
    };
    let failure = beacon_subscriptions::webhook::send(&client, &post, SECRET, 0, false)
        .await
        .unwrap_err();
    assert!(
        matches!(failure, beacon_subscriptions::webhook::Failure::Permanent(ref r) if r.contains("not a public address")),
        "{failure:?}"
    );
}

#[test]
fn slack_and_teams_get_their_own_formats() {
    let slack = slack_body(
        "Investigating: Delayed <backups>",
        Some("We & they"),
        "https://s/emea",
        "https://n/manage/t",
    );
    assert_eq!(slack["text"], "Investigating: Delayed <backups>");
    assert_eq!(slack["blocks"][0]["type"], "section");
    assert_eq!(slack["blocks"][0]["text"]["type"], "mrkdwn");
    assert_eq!(
        slack["blocks"][0]["text"]["text"],
        "*Investigating: Delayed &lt;backups&gt;*\nWe &amp; they"
    );
    let card = teams_body(
        "https://contoso.webhook.office.com/webhookb2/x",
        "Headline",
        Some("Body"),
        "https://s",
        "https://m",
    );
    assert_eq!(card["@type"], "MessageCard");
    assert_eq!(card["potentialAction"][0]["@type"], "OpenUri");
    let adaptive = teams_body(
        "https://prod-1.westeurope.logic.azure.com/workflows/x",
        "Headline",
        Some("Body"),
        "https://s",
        "https://m",
    );
    assert_eq!(adaptive["type"], "message");
    assert_eq!(
        adaptive["attachments"][0]["contentType"],
        "application/vnd.microsoft.card.adaptive"
    );
    assert_eq!(
        adaptive["attachments"][0]["content"]["type"],
        "AdaptiveCard"
    );
}

/// A webhook receiver that checks the signature and answers with the statuses in `plan`
/// (then 200), recording each body.
async fn receiver(plan: Vec<u16>) -> (String, Arc<Mutex<Vec<(u16, serde_json::Value)>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let plan = Arc::new(Mutex::new(plan));
    let record = Arc::clone(&seen);
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: HeaderMap, body: axum::body::Bytes| {
            let record = Arc::clone(&record);
            let plan = Arc::clone(&plan);
            async move {
                let header = headers["x-beacon-signature"].to_str().unwrap().to_owned();
                let t: i64 = header
                    .split(',')
                    .next()
                    .unwrap()
                    .trim_start_matches("t=")
                    .parse()
                    .unwrap();
                let valid = signature(SECRET, t, &body) == header
                    && headers.contains_key("idempotency-key");
                let status = if !valid {
                    401
                } else {
                    let mut plan = plan.lock().unwrap();
                    if plan.is_empty() {
                        200
                    } else {
                        plan.remove(0)
                    }
                };
                record
                    .lock()
                    .unwrap()
                    .push((status, serde_json::from_slice(&body).unwrap()));
                StatusCode::from_u16(status).unwrap()
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, seen)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhooks_are_confirmed_signed_retried_and_paused() {
    let sink = MailSink::start();
    let dir = tempfile::tempdir().unwrap();
    let running = support::service(
        &format!("sqlite://{}/w.db", dir.path().display()),
        &sink.smtp,
    )
    .await;
    let store = &running.service.store;
    scan(
        store,
        running.public.path(),
        SITE,
        running.clock.now_for_test(),
    )
    .await
    .unwrap();
    // The sign-up form only offers https; the development flag lets the test's http receiver
    // in, so the store row is made through the service's sign-up with an https URL refused
    // first for not answering, then the receiver's URL confirmed by its test delivery.
    let (url, seen) = receiver(vec![200, 503, 503, 404]).await;
    let service = &running.service;
    let request = beacon_core::notify::SignupRequest {
        target: beacon_core::notify::SignupTarget::Webhook {
            url: url.replace("http://", "https://"),
        },
        region: "emea".into(),
        components: vec!["em-backups".into()],
        language: "en".into(),
    };
    let refused = service
        .subscribe(request.clone(), "127.0.0.2".parse().unwrap())
        .await;
    assert!(
        refused.is_err(),
        "a receiver that does not answer its test delivery is not confirmed"
    );
    store
        .insert_confirmed(
            beacon_subscriptions::store::Kind::Webhook,
            "emea",
            &["em-backups".into()],
            "en",
            std::slice::from_ref(&url),
            0,
        )
        .await
        .unwrap();
    assert_eq!(seen.lock().unwrap().len(), 0);

    add_emea_update(running.public.path(), "u-hook", "Webhook news.");
    running.clock.advance(5);
    scan(
        store,
        running.public.path(),
        SITE,
        running.clock.now_for_test(),
    )
    .await
    .unwrap();
    let round = deliver_batch(service, 10).await.unwrap();
    assert_eq!(round.sent, 1);
    let body = seen.lock().unwrap()[0].1.clone();
    assert_eq!(body["incident"]["id"], "tb1xtvj5wamt");
    assert_eq!(
        body["incident"]["incident_updates"][0]["body"],
        "Webhook news."
    );
    assert!(body["meta"]["unsubscribe"]
        .as_str()
        .unwrap()
        .contains("/unsubscribe/"));
    assert_eq!(body["page"]["id"], "beacon-emea");

    // 5xx: retried later with backoff, not at once.
    add_emea_update(running.public.path(), "u-hook-2", "Second.");
    running.clock.advance(5);
    scan(
        store,
        running.public.path(),
        SITE,
        running.clock.now_for_test(),
    )
    .await
    .unwrap();
    assert_eq!(deliver_batch(service, 10).await.unwrap().failed, 1);
    assert_eq!(
        deliver_batch(service, 10).await.unwrap().claimed,
        0,
        "not due yet"
    );
    let pending = store.outbox("pending", 10).await.unwrap();
    assert_eq!(pending[0].attempts, 1);
    assert!(
        pending[0].next_attempt_at >= running.clock.now_for_test() + 22,
        "{pending:?}"
    );
    assert_eq!(pending[0].last_error.as_deref(), Some("HTTP 503"));
    running.clock.advance(40);
    assert_eq!(deliver_batch(service, 10).await.unwrap().failed, 1);
    running.clock.advance(80);
    // 404: permanent, recorded with its reason.
    assert_eq!(deliver_batch(service, 10).await.unwrap().failed, 1);
    let failed = store.outbox("failed", 10).await.unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].last_error.as_deref(), Some("HTTP 404"));
    // Retried by the operator: delivered.
    assert_eq!(
        store
            .retry_failed(None, running.clock.now_for_test())
            .await
            .unwrap(),
        1
    );
    assert_eq!(deliver_batch(service, 10).await.unwrap().sent, 1);
    let statuses: Vec<u16> = seen.lock().unwrap().iter().map(|(s, _)| *s).collect();
    assert_eq!(statuses, vec![200, 503, 503, 404, 200]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_subscriber_is_paused_not_dropped() {
    let sink = MailSink::start();
    let dir = tempfile::tempdir().unwrap();
    let running = support::service(
        &format!("sqlite://{}/p.db", dir.path().display()),
        &sink.smtp,
    )
    .await;
    let store = &running.service.store;
    scan(
        store,
        running.public.path(),
        SITE,
        running.clock.now_for_test(),
    )
    .await
    .unwrap();
    let (url, seen) = receiver(vec![500; 20]).await;
    store
        .insert_confirmed(
            beacon_subscriptions::store::Kind::Webhook,
            "emea",
            &["em-backups".into()],
            "en",
            std::slice::from_ref(&url),
            0,
        )
        .await
        .unwrap();
    for n in 0..5 {
        add_emea_update(running.public.path(), &format!("u-p{n}"), "Again.");
        running.clock.advance(5);
        scan(
            store,
            running.public.path(),
            SITE,
            running.clock.now_for_test(),
        )
        .await
        .unwrap();
    }
    let round = deliver_batch(&running.service, 10).await.unwrap();
    assert_eq!(round.failed, 5);
    let hooked = store
        .subscriber_by_address(beacon_subscriptions::store::Kind::Webhook, &url, "emea")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(hooked.state, SubscriberState::Paused);
    running.clock.advance(7 * 3600);
    assert_eq!(
        deliver_batch(&running.service, 10).await.unwrap().claimed,
        0,
        "paused: nothing sent"
    );
    assert_eq!(
        store.outbox_count("pending").await.unwrap(),
        5,
        "nothing dropped"
    );
    assert_eq!(seen.lock().unwrap().len(), 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_postgres_never_double_deliver() {
    let postgres = Postgres::start();
    let url = postgres.database("pair");
    let sink = MailSink::start();
    let one = support::service(&url, &sink.smtp).await;
    let two = support::service(&url, &sink.smtp).await;
    let store = &one.service.store;
    scan(store, one.public.path(), SITE, one.clock.now_for_test())
        .await
        .unwrap();
    let count = Arc::new(AtomicU64::new(0));
    let port = beacon_subscriptions::bench::webhook_receiver(Arc::clone(&count))
        .await
        .unwrap();
    let hooks: Vec<String> = (0..2000)
        .map(|n| format!("http://127.0.0.1:{port}/hook?n={n}"))
        .collect();
    store
        .insert_confirmed(
            beacon_subscriptions::store::Kind::Webhook,
            "emea",
            &["em-backups".into()],
            "en",
            &hooks,
            0,
        )
        .await
        .unwrap();
    add_emea_update(one.public.path(), "u-pair", "Both instances see this.");
    for file in ["data/emea/history.json", "data/emea/summary.json"] {
        std::fs::copy(one.public.path().join(file), two.public.path().join(file)).unwrap();
    }
    one.clock.advance(5);
    two.clock.advance(5);
    let (a, b) = tokio::join!(
        scan(
            &one.service.store,
            one.public.path(),
            SITE,
            one.clock.now_for_test()
        ),
        scan(
            &two.service.store,
            two.public.path(),
            SITE,
            two.clock.now_for_test()
        ),
    );
    let changed = a.unwrap().changed.len() + b.unwrap().changed.len();
    assert_eq!(changed, 1, "one instance records the change");
    let drain = |running: &Running| {
        let service = Arc::clone(&running.service);
        async move {
            let mut sent = 0;
            loop {
                let round = deliver_batch(&service, 64).await.unwrap();
                sent += round.sent;
                if round.claimed == 0 {
                    return sent;
                }
            }
        }
    };
    let (sent_one, sent_two) = tokio::join!(drain(&one), drain(&two));
    assert_eq!(sent_one + sent_two, 2000);
    assert!(
        sent_one > 0 && sent_two > 0,
        "both worked: {sent_one} + {sent_two}"
    );
    assert_eq!(count.load(Ordering::Relaxed), 2000, "each delivered once");
}
