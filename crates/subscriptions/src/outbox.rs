//! Delivery: claims due outbox rows, sends each by e-mail, webhook, Slack or Teams, and
//! records the outcome. A temporary failure is retried with exponential backoff and jitter; a
//! permanent one, or one that outlives [`MAX_ATTEMPTS`], is recorded with its reason; a
//! subscriber failing [`PAUSE_AFTER`] times in a row is paused until an operator retries.

use std::sync::Arc;
use std::time::Duration;

use beacon_core::i18n::Lang;
use futures_util::StreamExt;
use rand::Rng;
use tracing::{info, warn};

use crate::event::EventPayload;
use crate::masked;
use crate::signup::Service;
use crate::store::{Delivery, Kind, StoreError};
use crate::webhook::{self, Failure, Post};

/// Attempts before a message counts as failed for good.
pub const MAX_ATTEMPTS: i64 = 8;
/// Failures in a row after which a subscriber is paused.
pub const PAUSE_AFTER: i64 = 5;
/// Seconds a claim holds rows: longer than any one delivery may take.
pub const LEASE_SECONDS: i64 = 120;
/// The first retry's delay in seconds; each further one doubles, up to [`MAX_BACKOFF`].
pub const FIRST_BACKOFF: i64 = 30;
/// The longest delay between two attempts, in seconds.
pub const MAX_BACKOFF: i64 = 6 * 3600;

/// Seconds to wait before attempt `attempts + 1` (after `attempts` failed): 30 s doubled per
/// attempt, capped at six hours, with up to 25 % jitter either way so retries from many
/// subscribers do not arrive together.
///
/// ```
/// use beacon_subscriptions::outbox::backoff;
/// for attempts in 1..=10 {
///     let wait = backoff(attempts);
///     let base = (30i64 << (attempts - 1).min(20)).min(6 * 3600);
///     assert!(wait >= base * 3 / 4 && wait <= base * 5 / 4, "{attempts}: {wait}");
/// }
/// ```
pub fn backoff(attempts: i64) -> i64 {
    let base = (FIRST_BACKOFF << (attempts - 1).clamp(0, 20)).min(MAX_BACKOFF);
    let jitter = rand::thread_rng().gen_range(-(base / 4)..=base / 4);
    base + jitter
}

/// What one pass of the worker did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Round {
    /// Rows claimed.
    pub claimed: usize,
    /// Delivered.
    pub sent: usize,
    /// Failed (temporarily or for good).
    pub failed: usize,
}

/// Claims one batch of due rows and delivers them, `concurrency` at a time.
pub async fn deliver_batch(service: &Arc<Service>, batch: i64) -> Result<Round, StoreError> {
    let now = service.now();
    let deliveries = service
        .store
        .claim(now, service.settings.lease_seconds, batch)
        .await?;
    let claimed = deliveries.len();
    let results: Vec<Result<bool, StoreError>> = futures_util::stream::iter(deliveries)
        .map(|delivery| {
            let service = Arc::clone(service);
            async move { deliver_one(&service, delivery).await }
        })
        .buffer_unordered(service.settings.concurrency.max(1))
        .collect()
        .await;
    let mut round = Round {
        claimed,
        ..Round::default()
    };
    for result in results {
        if result? {
            round.sent += 1;
        } else {
            round.failed += 1;
        }
    }
    Ok(round)
}

/// Runs the worker until the process ends: delivers while there is work, then waits a little.
pub async fn run(service: Arc<Service>) {
    let batch = (service.settings.concurrency * 4).max(16) as i64;
    loop {
        match deliver_batch(&service, batch).await {
            Ok(round) if round.claimed as i64 == batch => continue,
            Ok(_) => {}
            Err(err) => warn!(error = %err, "outbox: could not claim or record"),
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// Delivers one row and records the outcome; `true` when delivered.
async fn deliver_one(service: &Service, delivery: Delivery) -> Result<bool, StoreError> {
    let outcome = send(service, &delivery).await;
    let now = service.now();
    match outcome {
        Ok(()) => {
            service.store.mark_sent(&delivery, now).await?;
            Ok(true)
        }
        Err(failure) => {
            let attempts = delivery.attempts + 1;
            let (retry_at, reason) = match &failure {
                Failure::Temporary(reason) if attempts < MAX_ATTEMPTS => {
                    (Some(now + backoff(attempts)), reason.clone())
                }
                Failure::Temporary(reason) => {
                    (None, format!("gave up after {attempts} attempts: {reason}"))
                }
                Failure::Permanent(reason) => (None, reason.clone()),
            };
            let paused = service
                .store
                .mark_failed(&delivery, &reason, retry_at, PAUSE_AFTER)
                .await?;
            warn!(
                outbox = delivery.id,
                to = %masked(&delivery.subscriber.address),
                attempts,
                retry_at,
                reason = %reason,
                "delivery failed"
            );
            if paused {
                info!(to = %masked(&delivery.subscriber.address), "subscriber paused after repeated failures");
            }
            Ok(false)
        }
    }
}

/// Sends one row by its subscriber's kind.
async fn send(service: &Service, delivery: &Delivery) -> Result<(), Failure> {
    let payload: EventPayload = serde_json::from_str(&delivery.payload)
        .map_err(|err| Failure::Permanent(format!("unreadable event: {err}")))?;
    let subscriber = &delivery.subscriber;
    let lang = Lang::from_tag(&subscriber.language).unwrap_or(Lang::English);
    let settings = &service.settings;
    let manage = settings.public_link(&format!("manage/{}", subscriber.manage_token));
    match subscriber.kind {
        Kind::Email => {
            let message = crate::mail::change(
                settings,
                &payload,
                lang,
                &subscriber.address,
                &subscriber.manage_token,
                delivery.id,
            )
            .map_err(|err| Failure::Permanent(err.to_string()))?;
            service.send_mail(message).await
        }
        kind => {
            let change = payload.change.to_change();
            let headline = change.headline(lang);
            let (body, event) = match kind {
                Kind::Slack => (
                    webhook::slack_body(
                        &headline,
                        payload.change.message(),
                        &payload.link,
                        &manage,
                    ),
                    "chat",
                ),
                Kind::Teams => (
                    webhook::teams_body(
                        &subscriber.address,
                        &headline,
                        payload.change.message(),
                        &payload.link,
                        &manage,
                    ),
                    "chat",
                ),
                _ => {
                    let mut body = payload.webhook.clone();
                    if let Some(object) = body.as_object_mut() {
                        object.insert(
                            "meta".into(),
                            serde_json::json!({
                                "unsubscribe": settings.public_link(&format!("unsubscribe/{}", subscriber.manage_token)),
                                "manage": manage,
                                "documentation": settings.public_link(""),
                            }),
                        );
                    }
                    let event = if body.get("incident").is_some() {
                        "incident"
                    } else {
                        "component_update"
                    };
                    (body, event)
                }
            };
            let post = Post {
                url: &subscriber.address,
                body: body.to_string(),
                idempotency_key: format!("beacon-{}-{}", delivery.event_id, subscriber.id),
                event,
            };
            webhook::send(
                &service.http,
                &post,
                &settings.webhook_secret,
                service.now(),
                settings.allow_private_webhooks,
            )
            .await
        }
    }
}
