//! Maintenance on the service's own clock, against the real mail sink and the real databases:
//! a window marked to remind, start and complete by itself is moved on by the service, and
//! each subscriber gets one message for the reminder, one when it starts and one when it
//! completes; running again, or restarting, sends nothing more.

mod support;

use std::collections::BTreeMap;

use beacon_ops::edit::{edit_region, schedule_maintenance, Automation, NewMaintenance};
use beacon_subscriptions::clock::Clock;
use beacon_subscriptions::maintenance::advance;
use beacon_subscriptions::outbox::deliver_batch;
use beacon_subscriptions::store::Kind;
use beacon_subscriptions::watch::scan;
use chrono::TimeDelta;
use support::{MailSink, Postgres, Running, SITE};

const REMIND_BEFORE: TimeDelta = TimeDelta::hours(1);
const SUBSCRIBERS: [&str; 2] = ["ana@example.com", "ben@example.com"];

/// Advances the maintenance, looks at the data and delivers everything due; returns the
/// transitions written and the messages sent.
async fn tick(running: &Running) -> (Vec<String>, usize) {
    let advanced = advance(&running.service, REMIND_BEFORE).await;
    assert!(advanced.refused.is_empty(), "{:?}", advanced.refused);
    let pass = scan(
        &running.service.store,
        running.public.path(),
        SITE,
        running.clock.now(),
    )
    .await
    .unwrap();
    assert!(pass.problems.is_empty(), "{:?}", pass.problems);
    let mut sent = 0;
    loop {
        let round = deliver_batch(&running.service, 100).await.unwrap();
        assert_eq!(round.failed, 0, "{round:?}");
        sent += round.sent;
        if round.claimed == 0 {
            return (advanced.written, sent);
        }
    }
}

/// The subjects each subscriber received, in order.
async fn subjects(sink: &MailSink, expected: usize) -> BTreeMap<String, Vec<String>> {
    let messages = sink.wait_for(expected).await;
    assert_eq!(messages.len(), expected, "{messages:#?}");
    let mut by_address: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for message in messages.iter().rev() {
        let full = sink.message(message["id"].as_i64().unwrap()).await;
        let to = full["to"].as_str().unwrap().to_owned();
        let address = SUBSCRIBERS
            .into_iter()
            .find(|a| to.contains(a))
            .unwrap_or_else(|| panic!("unexpected recipient {to}"));
        by_address
            .entry(address.to_owned())
            .or_default()
            .push(full["subject"].as_str().unwrap().to_owned());
    }
    by_address
}

async fn suite(database_url: &str) {
    let sink = MailSink::start();
    let running = support::service(database_url, &sink.smtp).await;
    let public = running.public.path().to_owned();
    // The starting point, then the shipped windows that already moved on by the clock (nobody
    // subscribed to their regions).
    scan(&running.service.store, &public, SITE, running.clock.now())
        .await
        .unwrap();
    tick(&running).await;
    running
        .service
        .store
        .insert_confirmed(
            Kind::Email,
            "emea",
            &["em-website".to_owned()],
            "en",
            &SUBSCRIBERS.map(str::to_owned),
            running.clock.now(),
        )
        .await
        .unwrap();

    let now = chrono::DateTime::from_timestamp(running.clock.now(), 0)
        .unwrap()
        .fixed_offset();
    let new = NewMaintenance {
        name: "Portal database upgrade".into(),
        from: now + TimeDelta::minutes(90),
        until: now + TimeDelta::minutes(150),
        components: vec!["em-website".into()],
        message: "The portal may be slow for a few minutes.".into(),
        id: Some("portal-upgrade".into()),
        automation: Automation {
            start: true,
            complete: true,
            remind: true,
        },
    };
    edit_region(
        &public,
        "emea",
        now,
        std::time::Duration::from_secs(5),
        |summary, history| schedule_maintenance(summary, history, new, now),
    )
    .unwrap();
    let (written, sent) = tick(&running).await;
    assert_eq!(
        (written.len(), sent),
        (0, 2),
        "the announcement: {written:?}"
    );

    // An hour before the start: the reminder, once.
    running.clock.advance(31 * 60);
    let (written, sent) = tick(&running).await;
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(written[0].contains("subscribers reminded"), "{written:?}");
    assert_eq!(sent, 2, "one reminder per subscriber");
    assert_eq!(tick(&running).await, (vec![], 0), "nothing more at once");

    // The start: one message per subscriber (the components' change comes with the update).
    running.clock.advance(60 * 60);
    let (written, sent) = tick(&running).await;
    assert!(
        written[0].contains("scheduled → in_progress"),
        "{written:?}"
    );
    assert_eq!(sent, 2, "one message per subscriber when it starts");

    // The end: one more each.
    running.clock.advance(60 * 60);
    let (written, sent) = tick(&running).await;
    assert!(written[0].contains("completed"), "{written:?}");
    assert_eq!(sent, 2, "one message per subscriber when it completes");
    assert_eq!(
        tick(&running).await,
        (vec![], 0),
        "a second run sends nothing"
    );

    // A restart (a new service on the same database and data) sends nothing either.
    let restarted = support::service(database_url, &sink.smtp).await;
    for region in ["americas", "apac", "emea"] {
        for file in ["summary.json", "history.json"] {
            let path = format!("data/{region}/{file}");
            std::fs::copy(public.join(&path), restarted.public.path().join(&path)).unwrap();
        }
    }
    restarted
        .clock
        .advance(running.clock.now() - restarted.clock.now() + 60);
    assert_eq!(
        tick(&restarted).await,
        (vec![], 0),
        "nothing after a restart"
    );

    let received = subjects(&sink, 8).await;
    let expected = [
        "EMEA — Maintenance scheduled: Portal database upgrade",
        "EMEA — Maintenance starts soon: Portal database upgrade",
        "EMEA — In progress: Portal database upgrade",
        "EMEA — Completed: Portal database upgrade",
    ];
    for address in SUBSCRIBERS {
        assert_eq!(received[address], expected, "{address}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn maintenance_moves_on_by_the_service_clock_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    suite(&format!(
        "sqlite://{}/subscriptions.db",
        dir.path().display()
    ))
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn maintenance_moves_on_by_the_service_clock_on_postgres() {
    let postgres = Postgres::start();
    suite(&postgres.database("maintenance")).await;
}
