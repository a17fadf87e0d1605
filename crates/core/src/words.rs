//! Statuses in words and looks: the one mapping from the status model to interface texts
//! ([`Msg`]) and to the colour class and icon that make a status readable without colour. The
//! live pages, the pre-rendered snapshot, notifications, feeds and badges all say a status
//! through these.

use crate::i18n::{Lang, Msg};
use crate::status::model::{ComponentStatus, Impact, Incident, IncidentStatus, Indicator, Summary};

/// The colour class and icon of the overall banner: the look of the component status it
/// corresponds to, on the live page and in the pre-rendered snapshot alike.
pub fn indicator_look(indicator: &Indicator) -> (&'static str, &'static str) {
    let status = match indicator {
        Indicator::None => ComponentStatus::Operational,
        Indicator::Minor => ComponentStatus::DegradedPerformance,
        Indicator::Major => ComponentStatus::PartialOutage,
        Indicator::Critical => ComponentStatus::MajorOutage,
        Indicator::Maintenance => ComponentStatus::UnderMaintenance,
        Indicator::Unknown(raw) => ComponentStatus::Unknown(raw.clone()),
    };
    status_look(&status)
}

/// The CSS class (colour) and icon glyph for a component status. The glyph differs per status
/// so the state reads without colour: ✓ operational, ! degraded, ◐ partial, ✕ major,
/// 🔧-free "M" for maintenance (plain text renders in every font), ? unknown.
pub fn status_look(status: &ComponentStatus) -> (&'static str, &'static str) {
    match status {
        ComponentStatus::Operational => ("s-operational", "✓"),
        ComponentStatus::DegradedPerformance => ("s-degraded", "!"),
        ComponentStatus::PartialOutage => ("s-partial", "◐"),
        ComponentStatus::MajorOutage => ("s-major", "✕"),
        ComponentStatus::UnderMaintenance => ("s-maintenance", "M"),
        ComponentStatus::Unknown(_) => ("s-unknown", "?"),
    }
}

/// The interface text naming a component status ("Status unknown" for a status this version
/// does not know).
pub fn status_msg(status: &ComponentStatus) -> Msg {
    match status {
        ComponentStatus::Operational => Msg::Operational,
        ComponentStatus::DegradedPerformance => Msg::DegradedPerformance,
        ComponentStatus::PartialOutage => Msg::PartialOutage,
        ComponentStatus::MajorOutage => Msg::MajorOutage,
        ComponentStatus::UnderMaintenance => Msg::UnderMaintenance,
        ComponentStatus::Unknown(_) => Msg::StatusUnknown,
    }
}

/// A component status in words in `lang`.
pub fn status_word(status: &ComponentStatus, lang: Lang) -> &'static str {
    lang.text(status_msg(status))
}

/// The interface text of the overall banner, e.g. "All systems operational".
pub fn indicator_msg(indicator: &Indicator) -> Msg {
    match indicator {
        Indicator::None => Msg::AllSystemsOperational,
        Indicator::Minor => Msg::MinorServiceDisruption,
        Indicator::Major => Msg::PartialSystemOutage,
        Indicator::Critical => Msg::MajorSystemOutage,
        Indicator::Maintenance => Msg::ServiceUnderMaintenance,
        Indicator::Unknown(_) => Msg::StatusUnknown,
    }
}

/// The overall banner's words in `lang`.
pub fn indicator_words(indicator: &Indicator, lang: Lang) -> &'static str {
    lang.text(indicator_msg(indicator))
}

/// The interface text for an incident's impact; [`Msg::ImpactNamed`] (with a `{raw}`
/// placeholder) for an impact this version does not know.
pub fn impact_msg(impact: &Impact) -> Msg {
    match impact {
        Impact::None => Msg::ImpactNone,
        Impact::Minor => Msg::ImpactMinor,
        Impact::Major => Msg::ImpactMajor,
        Impact::Critical => Msg::ImpactCritical,
        Impact::Maintenance => Msg::ImpactMaintenance,
        Impact::Unknown(_) => Msg::ImpactNamed,
    }
}

/// Words for an incident's impact in `lang`.
pub fn impact_label_in(impact: &Impact, lang: Lang) -> String {
    match impact {
        Impact::Unknown(raw) => lang.fill(Msg::ImpactNamed, &[("raw", raw)]),
        known => lang.text(impact_msg(known)).to_string(),
    }
}

/// Words for an update's status in `lang`, e.g. "Investigating".
pub fn update_status_label(status: &IncidentStatus, lang: Lang) -> &'static str {
    lang.text(update_status_msg(status))
}

/// The interface text for an update's status.
pub fn update_status_msg(status: &IncidentStatus) -> Msg {
    match status {
        IncidentStatus::Investigating => Msg::Investigating,
        IncidentStatus::Identified => Msg::Identified,
        IncidentStatus::Monitoring => Msg::Monitoring,
        IncidentStatus::Resolved => Msg::Resolved,
        IncidentStatus::Postmortem => Msg::Postmortem,
        IncidentStatus::Scheduled => Msg::Scheduled,
        IncidentStatus::InProgress => Msg::InProgress,
        IncidentStatus::Verifying => Msg::Verifying,
        IncidentStatus::Completed => Msg::Completed,
        IncidentStatus::Unknown(_) => Msg::Update,
    }
}

/// Names of the components an incident affects, resolved against the summary where possible.
pub fn affected_names(incident: &Incident, summary: &Summary) -> Vec<String> {
    incident
        .affected_component_ids()
        .into_iter()
        .map(|id| {
            summary
                .component(id)
                .or_else(|| incident.components.iter().find(|c| c.id == id))
                .map(|c| c.name.clone())
                .unwrap_or_else(|| id.to_string())
        })
        .collect()
}
