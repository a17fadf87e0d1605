//! Statuses in words and looks: the one mapping from the status model to interface texts
//! ([`Msg`]) and to the colour class and icon that make a status readable without colour. The
//! live pages, the pre-rendered snapshot, notifications, feeds and badges all say a status
//! through these. File problems ([`FieldError`]) and the SLA engine's refusals ([`SlaError`])
//! are worded here too, for the pages that say why they cannot show what was asked.

use crate::error::{FieldError, FieldErrors};
use crate::i18n::{Lang, Msg};
use crate::sla::engine::SlaError;
use crate::sla::present::utc_stamp;
use crate::sla::CalendarError;
use crate::status::model::{
    ComponentStatus, Impact, Incident, IncidentStatus, IncidentUpdate, Indicator, Summary,
};

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

/// The component status changes one update made, as a visitor reads them: each changed
/// component's name (the page's current name where the id is known, else the name the update
/// recorded, e.g. Statuspage's "Group - Component") with its status before and after. Entries
/// that changed nothing (old and new equal) or name no component (old exports' "No components
/// were affected by this update.") are left out.
///
/// ```
/// use beacon_core::status::{parse_summary, ComponentStatus};
/// use beacon_core::words::status_changes;
///
/// let summary = parse_summary("summary.json", r#"{"page": {"id": "p", "name": "P"},
///     "status": {"indicator": "minor"},
///     "components": [{"id": "bk", "name": "Backups", "status": "degraded_performance"}],
///     "incidents": [{"id": "i", "name": "Slow", "status": "identified",
///         "created_at": "2026-11-21T10:00:00Z",
///         "incident_updates": [{"id": "u", "status": "identified", "body": "Slow.",
///             "created_at": "2026-11-21T10:00:00Z", "affected_components": [
///                 {"code": "bk", "name": "Old name", "old_status": "operational",
///                  "new_status": "degraded_performance"},
///                 {"name": "No components were affected by this update."}]}]}]}"#).unwrap();
/// let update = &summary.incidents[0].incident_updates[0];
/// assert_eq!(
///     status_changes(update, &summary),
///     [("Backups".to_owned(), ComponentStatus::Operational, ComponentStatus::DegradedPerformance)]
/// );
/// ```
pub fn status_changes(
    update: &IncidentUpdate,
    summary: &Summary,
) -> Vec<(String, ComponentStatus, ComponentStatus)> {
    update
        .affected_components
        .iter()
        .filter_map(|affected| {
            let (from, to) = (affected.old_status.clone()?, affected.new_status.clone()?);
            if from == to {
                return None;
            }
            let name = affected
                .code
                .as_deref()
                .and_then(|code| summary.component(code))
                .map_or_else(|| affected.name.clone(), |c| c.name.clone());
            Some((name, from, to))
        })
        .collect()
}

/// A problem in a data or policy file for a visitor reading `lang`: "file at path: reason" with
/// only the framing translated. The file name, the JSON path and the reason stay as written,
/// since they are what an operator looks for; without a path it is "file: reason". In English
/// this is the error's own `Display` text.
///
/// ```
/// use beacon_core::error::FieldError;
/// use beacon_core::i18n::Lang;
/// use beacon_core::words::field_error;
///
/// let error = FieldError::new("data/emea/summary.json", "incidents[0].id", "missing");
/// assert_eq!(field_error(&error, Lang::English), error.to_string());
/// assert_eq!(
///     field_error(&error, Lang::French),
///     "data/emea/summary.json, champ incidents[0].id\u{a0}: missing"
/// );
/// ```
pub fn field_error(error: &FieldError, lang: Lang) -> String {
    if error.path.is_empty() {
        return format!("{}: {}", error.file, error.reason);
    }
    lang.fill(
        Msg::ErrDataAt,
        &[
            ("file", &error.file),
            ("path", &error.path),
            ("reason", &error.reason),
        ],
    )
}

/// Every problem of one file in one line for `lang`: the first as [`field_error`] words it,
/// then "; also `<path>`: `<reason>`" for each further one ("invalid file" when there is none).
pub fn field_errors(errors: &FieldErrors, lang: Lang) -> String {
    let mut problems = errors.errors.iter();
    let Some(first) = problems.next() else {
        return field_error(&FieldError::new("", "", "invalid file"), lang);
    };
    let mut text = field_error(first, lang);
    for more in problems {
        text.push_str(&lang.fill(
            Msg::ErrAlso,
            &[("path", &more.path), ("reason", &more.reason)],
        ));
    }
    text
}

/// Why the SLA engine could not answer, in `lang` (ids from the policy stay as written; the
/// English text is the error's `Display`).
pub fn sla_error(error: &SlaError, lang: Lang) -> String {
    let id = |msg: Msg, id: &str| lang.fill(msg, &[("id", &format!("“{id}”"))]);
    match error {
        SlaError::UnknownPlan(plan) => id(Msg::ErrUnknownPlan, plan),
        SlaError::UnknownLevel(level) => id(Msg::ErrUnknownLevel, level),
        SlaError::UnknownUrgency(urgency) => id(Msg::ErrUnknownUrgency, urgency),
        SlaError::UnknownImpact(impact) => id(Msg::ErrUnknownImpact, impact),
        SlaError::OverrideNotAllowed => lang.text(Msg::ErrOverrideNotAllowed).into(),
        SlaError::WrongClassification => lang.text(Msg::ErrWrongClassification).into(),
        SlaError::NoTargets => lang.text(Msg::ErrNoTargets).into(),
        SlaError::NoLifecycle => lang.text(Msg::ErrNoLifecycle).into(),
        SlaError::Calendar(CalendarError::OutOfRange(when)) => {
            lang.fill(Msg::ErrOutOfRange, &[("when", &utc_stamp(*when))])
        }
        SlaError::Calendar(CalendarError::OutsideVerifiedYears { year, first, last }) => lang.fill(
            Msg::ErrOutsideVerifiedYears,
            &[
                ("year", &year.to_string()),
                ("first", &first.to_string()),
                ("last", &last.to_string()),
            ],
        ),
        SlaError::Calendar(CalendarError::NegativeDuration) => {
            lang.text(Msg::ErrNegativeDuration).into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy_errors() -> FieldErrors {
        let problem = |path: &str, reason: &str| {
            FieldError::new("policies/model-a-black-duck.json", path, reason)
        };
        FieldErrors {
            errors: vec![
                problem(
                    "targets[0].first_response.unit",
                    "unknown unit \"business_weeks\"",
                ),
                problem("plans[1].name", "must not be empty"),
            ],
        }
    }

    #[test]
    fn english_file_problems_read_as_their_display_text() {
        let data = FieldError::new("config.json", "", "EOF while parsing");
        assert_eq!(field_error(&data, Lang::English), data.to_string());
        assert_eq!(
            field_errors(&policy_errors(), Lang::English),
            "policies/model-a-black-duck.json at targets[0].first_response.unit: unknown unit \
             \"business_weeks\"; also plans[1].name: must not be empty"
        );
    }

    #[test]
    fn other_languages_translate_the_framing_and_keep_file_path_and_reason() {
        assert_eq!(
            field_error(
                &FieldError::new(
                    "data/emea/summary.json",
                    "incidents[0].created_at",
                    "input contains invalid characters"
                ),
                Lang::Spanish
            ),
            "data/emea/summary.json, campo incidents[0].created_at: input contains invalid \
             characters"
        );
        assert_eq!(
            field_errors(&policy_errors(), Lang::German),
            "policies/model-a-black-duck.json, Feld targets[0].first_response.unit: unknown \
             unit \"business_weeks\"; außerdem plans[1].name: must not be empty"
        );
        for lang in Lang::ALL {
            let text = field_errors(&policy_errors(), lang);
            assert!(!text.contains('{'), "{lang:?}: {text}");
            assert!(text.contains("plans[1].name"), "{lang:?}: {text}");
        }
    }

    #[test]
    fn sla_errors_are_worded_in_every_language_with_the_ids_kept() {
        let errors = [
            SlaError::UnknownPlan("gold".into()),
            SlaError::UnknownLevel("P9".into()),
            SlaError::UnknownUrgency("urgent".into()),
            SlaError::UnknownImpact("huge".into()),
            SlaError::OverrideNotAllowed,
            SlaError::WrongClassification,
            SlaError::NoTargets,
            SlaError::NoLifecycle,
            SlaError::Calendar(CalendarError::OutOfRange(
                chrono::DateTime::from_timestamp(4_102_444_800, 0).unwrap(),
            )),
            SlaError::Calendar(CalendarError::OutsideVerifiedYears {
                year: 2031,
                first: 2026,
                last: 2028,
            }),
            SlaError::Calendar(CalendarError::NegativeDuration),
        ];
        for error in &errors {
            let english = sla_error(error, Lang::English);
            assert!(!english.contains('{'), "{english}");
            for lang in Lang::ALL {
                let text = sla_error(error, lang);
                assert!(!text.contains('{'), "{lang:?}: {text}");
                for id in [
                    "gold",
                    "P9",
                    "urgent",
                    "huge",
                    "2100-01-01",
                    "2031",
                    "2026",
                    "2028",
                ] {
                    assert_eq!(text.contains(id), english.contains(id), "{lang:?}: {text}");
                }
                if lang != Lang::English {
                    assert_ne!(text, english, "{lang:?} is translated");
                }
            }
        }
    }
}
