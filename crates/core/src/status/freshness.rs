//! How fresh a page's information is, in the two senses a visitor has to tell apart: when the
//! data last *changed* (written by an operator) and whether an open incident's newest update is
//! so old that its promises ("next update by 13:00") can no longer be trusted. When the page
//! last *checked* is the app's own poll time, not the data's.

use chrono::{DateTime, TimeDelta, Utc};

use super::model::{Incident, Summary};

/// Hours after which an open incident's newest update counts as overdue, unless the site's
/// configuration says otherwise (`stale_update_hours`).
pub const DEFAULT_STALE_UPDATE_HOURS: u32 = 24;

/// When the region's data last changed: the page's `updated_at`, else the newest time written
/// anywhere in it (a component's `updated_at`, an incident's or an update's), so a file without
/// the page stamp still says something true. `None` for data with no time at all.
///
/// ```
/// use beacon_core::status::{freshness::data_changed_at, parse_summary};
///
/// let text = r#"{"page": {"id": "p", "name": "P", "updated_at": "2026-11-21T12:00:00Z"},
///     "status": {"indicator": "none"},
///     "components": [{"id": "w", "name": "Website", "status": "operational",
///                     "updated_at": "2026-11-01T08:00:00Z"}]}"#;
/// let summary = parse_summary("summary.json", text).unwrap();
/// assert_eq!(data_changed_at(&summary).unwrap().to_rfc3339(), "2026-11-21T12:00:00+00:00");
/// ```
pub fn data_changed_at(summary: &Summary) -> Option<DateTime<Utc>> {
    if let Some(stamp) = summary.page.updated_at {
        return Some(stamp.to_utc());
    }
    let components = summary.components.iter().filter_map(|c| c.updated_at);
    let incidents = summary
        .incidents
        .iter()
        .chain(&summary.scheduled_maintenances)
        .flat_map(|incident| {
            incident
                .incident_updates
                .iter()
                .map(|update| update.created_at)
                .chain(incident.updated_at)
                .chain(Some(incident.created_at))
        });
    components.chain(incidents).max().map(|t| t.to_utc())
}

/// How long an open incident has gone without an update at `now`, when that is longer than
/// `limit_hours`; `None` for a closed incident, a maintenance (its schedule is its promise) or
/// one updated recently enough. The age counts from the newest update (or the opening, for an
/// incident without updates).
///
/// ```
/// use beacon_core::status::{freshness::update_overdue, model::Incident};
///
/// let incident: Incident = serde_json::from_str(r#"{"id": "i", "name": "Slow backups",
///     "status": "identified", "created_at": "2026-11-21T09:00:00Z",
///     "incident_updates": [{"id": "u", "status": "identified", "body": "Next update by 13:00.",
///                           "created_at": "2026-11-21T11:00:00Z"}]}"#).unwrap();
/// let at = |t: &str| t.parse().unwrap();
/// assert_eq!(update_overdue(&incident, at("2026-11-22T10:59:00Z"), 24), None);
/// let overdue = update_overdue(&incident, at("2026-12-03T11:00:00Z"), 24).unwrap();
/// assert_eq!(overdue.num_days(), 12);
/// ```
pub fn update_overdue(
    incident: &Incident,
    now: DateTime<Utc>,
    limit_hours: u32,
) -> Option<TimeDelta> {
    if !incident.is_open() || incident.is_maintenance() {
        return None;
    }
    let age = now - last_news_at(incident);
    (age > TimeDelta::hours(i64::from(limit_hours))).then_some(age)
}

/// When visitors last heard about `incident`: its newest update (as posted, or as shown when
/// back-dated later), else its opening.
pub fn last_news_at(incident: &Incident) -> DateTime<Utc> {
    incident
        .latest_update()
        .map(|update| update.shown_at().max(update.created_at))
        .unwrap_or(incident.created_at)
        .to_utc()
}

/// The open incidents of `summary` whose newest update is overdue at `now`, with how long.
pub fn overdue_incidents(
    summary: &Summary,
    now: DateTime<Utc>,
    limit_hours: u32,
) -> Vec<(&Incident, TimeDelta)> {
    summary
        .incidents
        .iter()
        .filter_map(|incident| Some((incident, update_overdue(incident, now, limit_hours)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::parse_summary;

    const EMEA: &str = include_str!("../../../../public/data/emea/summary.json");

    #[test]
    fn the_shipped_open_incident_is_overdue_only_once_a_day_has_passed_without_news() {
        let summary = parse_summary("emea/summary.json", EMEA).unwrap();
        let changed = data_changed_at(&summary).unwrap();
        assert!(overdue_incidents(&summary, changed, DEFAULT_STALE_UPDATE_HOURS).is_empty());
        let later = changed + TimeDelta::days(12);
        let overdue = overdue_incidents(&summary, later, DEFAULT_STALE_UPDATE_HOURS);
        assert_eq!(
            overdue.len(),
            summary.incidents.iter().filter(|i| i.is_open()).count()
        );
        assert!(overdue.iter().all(|(_, age)| age.num_days() >= 11));
    }

    #[test]
    fn without_a_page_stamp_the_newest_time_in_the_data_counts() {
        let mut summary = parse_summary("emea/summary.json", EMEA).unwrap();
        summary.page.updated_at = None;
        let derived = data_changed_at(&summary).unwrap();
        let newest_update = summary
            .incidents
            .iter()
            .flat_map(|i| &i.incident_updates)
            .map(|u| u.created_at.to_utc())
            .max()
            .unwrap();
        assert!(derived >= newest_update);
    }
}
