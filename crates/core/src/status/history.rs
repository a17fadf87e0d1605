//! A region's incidents as its history pages list them: every incident and maintenance once,
//! newest first, grouped by the month it began; one quarter's page narrowed by section, impact
//! and words ([`HistoryFilter`]); and one incident found by its id.

use crate::sort::sort_by_key;
use chrono::{Datelike, NaiveDate};

use super::archive::period_of;
use super::model::{Component, Impact, Incident, IncidentHistory, Summary};
use super::uptime::all_incidents;
use crate::period::Period;

/// The incidents that began in one calendar month, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryMonth<'a> {
    /// The first day of the month, for its heading ("November 2026").
    pub month: NaiveDate,
    /// The month's incidents and maintenances, newest first.
    pub incidents: Vec<&'a Incident>,
}

/// Every incident and maintenance of `summary` and `history` (each id once, the summary's copy
/// preferred), newest first by when it began, grouped by the month it began in as its timestamp
/// reads (the offset the region's data is written in: an incident begun at 00:30 on
/// 1 November at +01:00 is November's, though it is still October in UTC). Incidents that
/// began at the same instant keep the summary-then-history order.
///
/// ```
/// use beacon_core::status::history::history_by_month;
/// use beacon_core::status::model::{parse_history, parse_summary};
///
/// # let page = r#""page": {"id": "p", "name": "EMEA", "url": "", "updated_at": "2026-11-20T10:00:00Z"}"#;
/// # let summary = parse_summary("summary.json", &format!(r#"{{ {page}, "components": [],
/// #     "incidents": [], "scheduled_maintenances": [],
/// #     "status": {{"indicator": "none", "description": "All Systems Operational"}} }}"#)).unwrap();
/// # let incident = |id: &str, at: &str| format!(
/// #     r#"{{"id": "{id}", "name": "{id}", "status": "resolved", "impact": "minor",
/// #         "created_at": "{at}", "updated_at": "{at}", "incident_updates": [], "components": []}}"#
/// # );
/// // Incidents begun on 3 October, 2 November and 1 November (00:30 at +01:00):
/// # let history = parse_history("history.json", &format!(r#"{{ {page}, "incidents": [{}, {}, {}] }}"#,
/// #     incident("a", "2026-10-03T08:00:00Z"),
/// #     incident("b", "2026-11-02T08:00:00Z"),
/// #     incident("c", "2026-11-01T00:30:00+01:00"),
/// # )).unwrap();
/// let months = history_by_month(&summary, &history);
/// let ids = |n: usize| months[n].incidents.iter().map(|i| i.id.as_str()).collect::<Vec<_>>();
/// assert_eq!(months.len(), 2);
/// assert_eq!(months[0].month.to_string(), "2026-11-01");
/// assert_eq!(ids(0), ["b", "c"]);
/// assert_eq!(months[1].month.to_string(), "2026-10-01");
/// assert_eq!(ids(1), ["a"]);
/// ```
pub fn history_by_month<'a>(
    summary: &'a Summary,
    history: &'a IncidentHistory,
) -> Vec<HistoryMonth<'a>> {
    by_month(all_incidents(summary, history))
}

/// `incidents` newest first by when they began, grouped by month.
fn by_month(mut incidents: Vec<&Incident>) -> Vec<HistoryMonth<'_>> {
    sort_by_key(&mut incidents, |incident| {
        std::cmp::Reverse(incident.began_at())
    });
    let mut months: Vec<HistoryMonth> = Vec::new();
    for incident in incidents {
        let day = incident.began_at().date_naive();
        let month = day.with_day(1).unwrap_or(day);
        match months.last_mut() {
            Some(last) if last.month == month => last.incidents.push(incident),
            _ => months.push(HistoryMonth {
                month,
                incidents: vec![incident],
            }),
        }
    }
    months
}

/// What a history page is narrowed to, as its address says (`?section=…&impact=…&q=…`), so a
/// filtered view can be shared. The default shows everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryFilter {
    /// Only incidents touching this section: a top-level component or a group (any member).
    pub section: Option<String>,
    /// Only incidents of this impact (`maintenance` also takes every scheduled maintenance).
    pub impact: Option<Impact>,
    /// Only incidents whose title, update messages or postmortem hold every word of this text,
    /// ignoring case.
    pub text: String,
}

impl HistoryFilter {
    /// The filter from the address's query values (`section`, `impact`, `q`); empty values
    /// filter nothing.
    pub fn from_query(section: Option<&str>, impact: Option<&str>, text: Option<&str>) -> Self {
        fn given(value: Option<&str>) -> Option<&str> {
            value.map(str::trim).filter(|v| !v.is_empty())
        }
        HistoryFilter {
            section: given(section).map(str::to_owned),
            impact: given(impact).map(Impact::from_wire),
            text: given(text).unwrap_or_default().to_owned(),
        }
    }

    /// True when the filter lets everything through.
    pub fn is_empty(&self) -> bool {
        self.section.is_none() && self.impact.is_none() && self.text.trim().is_empty()
    }

    /// True when `incident` passes every part of the filter; `components` (the summary's)
    /// say which group a component belongs to.
    ///
    /// ```
    /// use beacon_core::status::history::HistoryFilter;
    /// use beacon_core::status::model::Incident;
    ///
    /// let incident: Incident = serde_json::from_str(r#"{"id": "x", "name": "Slow restores",
    ///     "status": "resolved", "impact": "major", "created_at": "2026-11-02T08:00:00Z",
    ///     "incident_updates": [{"id": "u", "status": "resolved", "created_at": "2026-11-02T09:00:00Z",
    ///         "body": "The storage cluster in Frankfurt is healthy again."}],
    ///     "components": [{"id": "em-restores", "name": "Restores", "status": "operational"}]}"#).unwrap();
    /// let filter = |section, impact, q| HistoryFilter::from_query(section, impact, q);
    /// assert!(filter(None, None, Some("frankfurt STORAGE")).matches(&incident, &[]));
    /// assert!(!filter(None, None, Some("frankfurt paris")).matches(&incident, &[]));
    /// assert!(filter(Some("em-restores"), Some("major"), None).matches(&incident, &[]));
    /// assert!(!filter(None, Some("minor"), None).matches(&incident, &[]));
    /// assert!(!filter(Some("em-website"), None, None).matches(&incident, &[]));
    /// ```
    pub fn matches(&self, incident: &Incident, components: &[Component]) -> bool {
        self.matches_section(incident, components)
            && self.matches_impact(incident)
            && self.matches_text(incident)
    }

    fn matches_section(&self, incident: &Incident, components: &[Component]) -> bool {
        let Some(section) = self.section.as_deref() else {
            return true;
        };
        let group_of = |id: &str| {
            components
                .iter()
                .chain(&incident.components)
                .find(|component| component.id == id)
                .and_then(|component| component.group_id.clone())
        };
        incident
            .affected_component_ids()
            .into_iter()
            .any(|id| id == section || group_of(id).as_deref() == Some(section))
    }

    fn matches_impact(&self, incident: &Incident) -> bool {
        match &self.impact {
            None => true,
            Some(Impact::Maintenance) => incident.is_maintenance(),
            Some(impact) => &incident.impact == impact && !incident.is_maintenance(),
        }
    }

    fn matches_text(&self, incident: &Incident) -> bool {
        let words: Vec<String> = self
            .text
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        if words.is_empty() {
            return true;
        }
        let haystack = std::iter::once(incident.name.as_str())
            .chain(incident.incident_updates.iter().map(|u| u.body.as_str()))
            .chain(incident.postmortem_body.as_deref())
            .collect::<Vec<_>>()
            .join("\n")
            .to_lowercase();
        words.iter().all(|word| haystack.contains(word.as_str()))
    }
}

/// One quarter's history page: the incidents and maintenances of `summary` and the period's
/// file that began in `period` and pass `filter`, newest first, grouped by month.
pub fn period_page<'a>(
    summary: &'a Summary,
    period_file: &'a IncidentHistory,
    period: Period,
    filter: &HistoryFilter,
) -> Vec<HistoryMonth<'a>> {
    by_month(
        all_incidents(summary, period_file)
            .into_iter()
            .filter(|incident| period_of(incident) == period)
            .filter(|incident| filter.matches(incident, &summary.components))
            .collect(),
    )
}

/// The incident or maintenance `id` of a region: the summary's copy when it has one (it is
/// newer), else the history's; `None` when neither has it (or the history is not loaded yet).
pub fn find_incident<'a>(
    summary: &'a Summary,
    history: Option<&'a IncidentHistory>,
    id: &str,
) -> Option<&'a Incident> {
    summary
        .incidents
        .iter()
        .chain(&summary.scheduled_maintenances)
        .chain(history.into_iter().flat_map(|history| &history.incidents))
        .find(|incident| incident.id == id)
}
