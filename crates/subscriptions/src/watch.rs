//! From published data to outbox rows. Each pass reads the site under the public folder,
//! validates it (a region whose files do not validate triggers nothing), compares every valid
//! region with its last notified snapshot in the database using
//! [`beacon_core::notify::changes`] (the same change detection as the browser notifications),
//! and records the changes and the snapshot in one transaction: a restart or a re-publish of
//! the same data finds nothing new, and the outbox's unique (subscriber, event) rows mean no
//! change is queued twice.

use std::path::Path;

use beacon_core::notify::{changes, Change, Polled};
use beacon_core::route::Route;
use beacon_core::status::all_incidents;

use crate::event::{EventPayload, StoredChange};

use crate::site::{read_site, RegionData};
use crate::store::{NewEvent, Snapshot, Store, StoreError};

/// What one pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pass {
    /// Regions seen for the first time: their data is the starting point, nothing is sent.
    pub started: Vec<String>,
    /// Regions whose changes were recorded, with how many changes (over all choices).
    pub changed: Vec<(String, usize)>,
    /// Problems that kept a region or the whole site out of this pass.
    pub problems: Vec<String>,
}

/// One pass over the site published under `public` as of `now` (Unix seconds).
pub async fn scan(
    store: &Store,
    public: &Path,
    site_url: &str,
    now: i64,
) -> Result<Pass, StoreError> {
    let when = chrono::DateTime::from_timestamp(now, 0).unwrap_or_default();
    let site = match read_site(public, when) {
        Ok(site) => site,
        Err(problem) => {
            return Ok(Pass {
                problems: vec![problem],
                ..Pass::default()
            })
        }
    };
    let mut pass = Pass {
        problems: site.problems.clone(),
        ..Pass::default()
    };
    for region in &site.regions {
        let before = store.snapshot(&region.id).await?;
        let Some(before) = before else {
            let first = Snapshot {
                generation: 1,
                summary: region.summary_text.clone(),
                history: region.history_text.clone(),
            };
            if store
                .record_changes(&region.id, None, &first, &[], now)
                .await?
            {
                pass.started.push(region.id.clone());
            }
            continue;
        };
        if before.summary == region.summary_text && before.history == region.history_text {
            continue;
        }
        let after = Snapshot {
            generation: before.generation + 1,
            summary: region.summary_text.clone(),
            history: region.history_text.clone(),
        };
        let per_choice = match region_changes(
            store,
            &site.name,
            site_url,
            region,
            &before,
            after.generation,
        )
        .await?
        {
            Ok(per_choice) => per_choice,
            Err(problem) => {
                pass.problems.push(problem);
                Vec::new()
            }
        };
        let count = per_choice.iter().map(|(_, events)| events.len()).sum();
        if store
            .record_changes(
                &region.id,
                Some(before.generation),
                &after,
                &per_choice,
                now,
            )
            .await?
        {
            pass.changed.push((region.id.clone(), count));
        }
    }
    Ok(pass)
}

/// The events of each section choice of the region's subscribers; an error when the stored
/// snapshot no longer reads (it is then replaced without sending).
async fn region_changes(
    store: &Store,
    site_name: &str,
    site_url: &str,
    region: &RegionData,
    before: &Snapshot,
    generation: i64,
) -> Result<Result<Vec<(Vec<String>, Vec<NewEvent>)>, String>, StoreError> {
    let parsed =
        beacon_core::status::parse_summary("summary.json", &before.summary).and_then(|summary| {
            beacon_core::status::parse_history("history.json", &before.history)
                .map(|history| (summary, history))
        });
    let (old_summary, old_history) = match parsed {
        Ok(parsed) => parsed,
        Err(err) => {
            return Ok(Err(format!(
                "{}: last notified data unreadable: {err}",
                region.id
            )))
        }
    };
    let old = Polled {
        summary: &old_summary,
        history: &old_history,
    };
    let new = Polled {
        summary: &region.summary,
        history: &region.history,
    };
    let mut per_choice = Vec::new();
    for choice in store.section_choices(&region.id).await? {
        let events = changes(old, new, &choice)
            .iter()
            .map(|change| event(site_name, site_url, region, change, generation))
            .collect();
        per_choice.push((choice, events));
    }
    Ok(Ok(per_choice))
}

/// The event of one change: its key (incident and update ids are unique for good; a status
/// change is keyed by the snapshot it appeared in too, so a later, second outage is news) and
/// its payload.
fn event(
    site_name: &str,
    site_url: &str,
    region: &RegionData,
    change: &Change,
    generation: i64,
) -> NewEvent {
    let key = match change {
        Change::StatusChange { .. } => format!("{}@{generation}", change.key()),
        _ => change.key(),
    };
    let site = if site_url.ends_with('/') {
        site_url.to_owned()
    } else {
        format!("{site_url}/")
    };
    let page = serde_json::json!({
        "id": region.summary.page.id,
        "name": region.summary.page.name,
        "url": format!("{site}{}", Route::Region(region.id.clone()).path()),
        "status_indicator": region.summary.status.indicator,
        "status_description": region.summary.status.description,
    });
    let (link, webhook) = match change {
        Change::NewIncident { id, .. }
        | Change::NewUpdate { id, .. }
        | Change::MaintenanceReminder { id, .. } => {
            let link = format!(
                "{site}{}",
                Route::Incident {
                    region: region.id.clone(),
                    id: id.clone()
                }
                .path()
            );
            let incident = all_incidents(&region.summary, &region.history)
                .into_iter()
                .find(|incident| incident.id == *id);
            let mut incident = serde_json::to_value(incident).unwrap_or_default();
            if let Some(object) = incident.as_object_mut() {
                object.insert("shortlink".into(), link.clone().into());
            }
            (
                link,
                serde_json::json!({"page": page, "incident": incident}),
            )
        }
        Change::StatusChange { id, from, to, .. } => {
            let component = region.summary.component(id);
            let at = component
                .and_then(|c| c.updated_at)
                .map(|t| t.to_rfc3339())
                .unwrap_or_default();
            (
                format!("{site}{}", Route::Region(region.id.clone()).path()),
                serde_json::json!({
                    "page": page,
                    "component_update": {
                        "id": key,
                        "component_id": id,
                        "created_at": at,
                        "old_status": from.as_str(),
                        "new_status": to.as_str(),
                    },
                    "component": component,
                }),
            )
        }
    };
    let payload = EventPayload {
        region: region.id.clone(),
        region_name: region.name.clone(),
        site_name: site_name.to_owned(),
        link,
        change: StoredChange::from(change),
        webhook,
    };
    NewEvent {
        key,
        payload: serde_json::to_string(&payload).unwrap_or_default(),
    }
}
