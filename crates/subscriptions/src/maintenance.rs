//! Maintenance on the service's own clock: at every tick the service writes the maintenance
//! transitions that have come due into the data it watches, with the same function and under
//! the same lock and journal as `beacon-ops maintenance advance`
//! ([`beacon_ops::edit::advance_site`]). The watcher then finds the new "in progress" and
//! "completed" updates and the reminder stamps like any other change, and queues one message
//! per subscriber under the outbox's unique keys, so nothing is sent twice across restarts or
//! instances.

use std::sync::Arc;
use std::time::Duration;

use chrono::TimeDelta;
use tracing::{info, warn};

use crate::signup::Service;

/// How long an advance waits for an operator's edit of the same folder before trying again at
/// the next tick.
const LOCK_WAIT: Duration = Duration::from_secs(10);

/// What one advance did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Advanced {
    /// One line per transition written, `region: what`.
    pub written: Vec<String>,
    /// Regions whose edit was refused (their data does not validate, or the folder stayed
    /// locked), with why.
    pub refused: Vec<String>,
}

/// Writes the transitions due at the service's clock into the published data; reminders are
/// due `remind_before` a window's start.
pub async fn advance(service: &Service, remind_before: TimeDelta) -> Advanced {
    let now = chrono::DateTime::from_timestamp(service.now(), 0)
        .unwrap_or_default()
        .fixed_offset();
    let public = service.settings.public_dir.clone();
    let done = tokio::task::spawn_blocking(move || {
        beacon_ops::edit::advance_site(&public, now, LOCK_WAIT, remind_before)
    })
    .await;
    let mut advanced = Advanced::default();
    match done {
        Ok(Ok(regions)) => {
            for (region, result) in regions {
                match result {
                    Ok(lines) => advanced.written.extend(
                        lines
                            .into_iter()
                            .filter(|line| line.starts_with("maintenance "))
                            .map(|line| format!("{region}: {line}")),
                    ),
                    Err(err) => advanced.refused.push(format!("{region}: {err}")),
                }
            }
        }
        Ok(Err(err)) => advanced.refused.push(err.to_string()),
        Err(err) => advanced.refused.push(format!("advance stopped: {err}")),
    }
    advanced
}

/// Advances the maintenance every `every`, for as long as the service runs.
pub async fn advance_loop(service: Arc<Service>, every: Duration, remind_before: TimeDelta) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        let advanced = advance(&service, remind_before).await;
        for line in &advanced.written {
            info!(transition = %line, "maintenance moved on by the clock");
        }
        for problem in &advanced.refused {
            warn!(problem = %problem, "maintenance not advanced");
        }
    }
}
