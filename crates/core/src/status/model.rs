//! The Statuspage v2 public API format (`summary.json`, `incidents.json`), as Beacon reads and
//! writes it.
//!
//! Beacon's own data files use exactly this shape so that any Statuspage client can read them, and
//! files exported from a Statuspage page can be served by Beacon unchanged. Reading is tolerant:
//! optional fields may be missing or `null`, and enum values this version does not know are kept
//! verbatim in an `Unknown` variant (and written back unchanged) instead of failing the whole page.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

use super::error::{parse_json, DataError};

/// A point in time as Statuspage writes it: RFC 3339 with the page's own UTC offset, which is kept
/// so times can be shown the way the page wrote them. Compares by instant with any `DateTime`.
pub type Timestamp = DateTime<FixedOffset>;

/// Declares a Statuspage string enum with an `Unknown(String)` fallback and wire (de)serialisation.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $wire:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of Beacon does not know, kept verbatim so it survives a round
            /// trip.
            Unknown(String),
        }

        impl $name {
            /// The value exactly as written in Statuspage JSON.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )+
                    Self::Unknown(other) => other,
                }
            }

            /// Reads a Statuspage JSON value; anything unrecognised becomes `Unknown`.
            pub fn from_wire(value: &str) -> Self {
                match value {
                    $( $wire => Self::$variant, )+
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(WireVisitor(Self::from_wire))
            }
        }
    };
}

/// Reads a string through `read` without copying it first (a history file holds thousands of
/// enum values; only unknown ones are kept as owned text).
struct WireVisitor<T>(fn(&str) -> T);

impl<T> de::Visitor<'_> for WireVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok((self.0)(value))
    }
}

/// Reads an RFC 3339 timestamp exactly as chrono's `DateTime<FixedOffset>::from_str` does
/// (the form serde uses), quickly for the plain `2026-11-14T09:30:00Z` /
/// `2026-11-14T09:30:00.123+01:00` shapes Statuspage writes; anything else, including every
/// error, goes through chrono itself.
pub fn parse_timestamp(text: &str) -> Result<Timestamp, chrono::ParseError> {
    match plain_timestamp(text.as_bytes()) {
        Some(timestamp) => Ok(timestamp),
        None => text.parse(),
    }
}

/// Reads a calendar date exactly as chrono's `NaiveDate::from_str` does (the form serde uses),
/// quickly for plain `YYYY-MM-DD`; anything else, including every error, goes through chrono.
pub fn parse_date(text: &str) -> Result<NaiveDate, chrono::ParseError> {
    let bytes = text.as_bytes();
    let plain = || {
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| {
            bytes[range].iter().try_fold(0u32, |value, &byte| {
                byte.is_ascii_digit()
                    .then(|| value * 10 + u32::from(byte - b'0'))
            })
        };
        NaiveDate::from_ymd_opt(
            i32::try_from(number(0..4)?).ok()?,
            number(5..7)?,
            number(8..10)?,
        )
    };
    match plain() {
        Some(date) => Ok(date),
        None => text.parse(),
    }
}

/// Reads a date that may be `null` by [`parse_date`].
fn optional_date<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    struct WireDate(NaiveDate);
    struct DateVisitor;
    impl de::Visitor<'_> for DateVisitor {
        type Value = NaiveDate;

        fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
            formatter.write_str("a formatted date string")
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<NaiveDate, E> {
            parse_date(value).map_err(E::custom)
        }
    }
    impl<'de> Deserialize<'de> for WireDate {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_str(DateVisitor).map(WireDate)
        }
    }
    Ok(Option::<WireDate>::deserialize(deserializer)?.map(|wire| wire.0))
}

/// `YYYY-MM-DD(T|t| )HH:MM:SS[.fraction of 1–9 digits](Z|z|±HH:MM)` with every field in
/// range; `None` for any other text.
fn plain_timestamp(bytes: &[u8]) -> Option<Timestamp> {
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        bytes.get(range)?.iter().try_fold(0u32, |value, &byte| {
            byte.is_ascii_digit()
                .then(|| value * 10 + u32::from(byte - b'0'))
        })
    };
    let literal = |at: usize, expected: &[u8]| bytes.get(at).is_some_and(|b| expected.contains(b));
    if !(literal(4, b"-")
        && literal(7, b"-")
        && literal(10, b"Tt ")
        && literal(13, b":")
        && literal(16, b":"))
    {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(number(0..4)?).ok()?,
        number(5..7)?,
        number(8..10)?,
    )?;
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let mut at = 19;
    let mut nanosecond = 0;
    if literal(at, b".") {
        let digits = bytes[at + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if !(1..=9).contains(&digits) {
            return None;
        }
        nanosecond = number(at + 1..at + 1 + digits)? * 10u32.pow(9 - digits as u32);
        at += 1 + digits;
    }
    let offset_seconds = match &bytes[at..] {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (hours, minutes) = (number(at + 1..at + 3)?, number(at + 4..at + 6)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = i32::try_from(hours * 3600 + minutes * 60).ok()?;
            if *sign == b'-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => return None,
    };
    if second > 59 {
        return None;
    }
    let local = date.and_hms_nano_opt(hour, minute, second, nanosecond)?;
    let offset = FixedOffset::east_opt(offset_seconds)?;
    local.and_local_timezone(offset).single()
}

/// A [`Timestamp`] read by [`parse_timestamp`].
struct WireTimestamp(Timestamp);

impl<'de> Deserialize<'de> for WireTimestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_str(TimestampVisitor)
            .map(WireTimestamp)
    }
}

/// Reads a timestamp string; its wording for a wrong type is chrono's.
struct TimestampVisitor;

impl de::Visitor<'_> for TimestampVisitor {
    type Value = Timestamp;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an RFC 3339 formatted date and time string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Timestamp, E> {
        parse_timestamp(value).map_err(E::custom)
    }
}

/// Reads a timestamp by [`parse_timestamp`].
fn timestamp<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
    WireTimestamp::deserialize(deserializer).map(|wire| wire.0)
}

/// Reads a timestamp that may be `null` by [`parse_timestamp`].
fn optional_timestamp<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Timestamp>, D::Error> {
    Ok(Option::<WireTimestamp>::deserialize(deserializer)?.map(|wire| wire.0))
}

wire_enum! {
    /// The state of one component (a section such as "Backups") as shown to visitors.
    ComponentStatus {
        /// Working normally.
        Operational = "operational",
        /// Working, but slower or less reliable than usual.
        DegradedPerformance = "degraded_performance",
        /// Failing for some customers or some operations.
        PartialOutage = "partial_outage",
        /// Failing for most or all customers.
        MajorOutage = "major_outage",
        /// Planned work is under way.
        UnderMaintenance = "under_maintenance",
    }
}

impl ComponentStatus {
    /// How bad the status is, for picking the worst one: operational 0, under maintenance 1,
    /// unknown 2 (something is reported that we cannot read, so never "operational"),
    /// degraded 3, partial outage 4, major outage 5.
    pub fn severity_rank(&self) -> u8 {
        match self {
            Self::Operational => 0,
            Self::UnderMaintenance => 1,
            Self::Unknown(_) => 2,
            Self::DegradedPerformance => 3,
            Self::PartialOutage => 4,
            Self::MajorOutage => 5,
        }
    }

    /// True when the component works normally.
    pub fn is_operational(&self) -> bool {
        matches!(self, Self::Operational)
    }

    /// True for partial and major outages.
    pub fn is_outage(&self) -> bool {
        matches!(self, Self::PartialOutage | Self::MajorOutage)
    }

    /// True for degraded performance, partial and major outages: a problem visitors notice.
    pub fn is_degraded_or_worse(&self) -> bool {
        matches!(
            self,
            Self::DegradedPerformance | Self::PartialOutage | Self::MajorOutage
        )
    }

    /// True while planned work is under way.
    pub fn is_under_maintenance(&self) -> bool {
        matches!(self, Self::UnderMaintenance)
    }

    /// The worse of two statuses by [`ComponentStatus::severity_rank`]; on a tie, `self`.
    pub fn worst(self, other: Self) -> Self {
        if other.severity_rank() > self.severity_rank() {
            other
        } else {
            self
        }
    }
}

wire_enum! {
    /// Where an incident or a scheduled maintenance stands. Incidents use the first five values,
    /// maintenances the last four.
    IncidentStatus {
        /// The problem is known and being looked into.
        Investigating = "investigating",
        /// The cause is known and a fix is being worked on.
        Identified = "identified",
        /// A fix is in place and being watched.
        Monitoring = "monitoring",
        /// The problem is over.
        Resolved = "resolved",
        /// The problem is over and a postmortem has been published.
        Postmortem = "postmortem",
        /// Maintenance is planned but has not started.
        Scheduled = "scheduled",
        /// Maintenance is under way.
        InProgress = "in_progress",
        /// Maintenance work is done and being checked.
        Verifying = "verifying",
        /// Maintenance is over.
        Completed = "completed",
    }
}

impl IncidentStatus {
    /// True once the incident or maintenance is over (resolved, postmortem, completed).
    pub fn is_closed(&self) -> bool {
        matches!(self, Self::Resolved | Self::Postmortem | Self::Completed)
    }

    /// True for the statuses only maintenances use.
    pub fn is_maintenance(&self) -> bool {
        matches!(
            self,
            Self::Scheduled | Self::InProgress | Self::Verifying | Self::Completed
        )
    }
}

wire_enum! {
    /// How much an incident hurts, as its author rated it; `none` when a file omits it.
    #[derive(Default)]
    Impact {
        /// No visible effect.
        #[default]
        None = "none",
        /// Minor effect.
        Minor = "minor",
        /// Major effect.
        Major = "major",
        /// Critical effect.
        Critical = "critical",
        /// Planned maintenance.
        Maintenance = "maintenance",
    }
}

impl Impact {
    /// How bad the impact is: none 0, maintenance 1, unknown 2, minor 3, major 4, critical 5.
    pub fn severity_rank(&self) -> u8 {
        match self {
            Self::None => 0,
            Self::Maintenance => 1,
            Self::Unknown(_) => 2,
            Self::Minor => 3,
            Self::Major => 4,
            Self::Critical => 5,
        }
    }
}

wire_enum! {
    /// The page-wide colour of the status banner.
    Indicator {
        /// All systems operational.
        None = "none",
        /// A minor problem somewhere.
        Minor = "minor",
        /// A major problem somewhere.
        Major = "major",
        /// A critical problem somewhere.
        Critical = "critical",
        /// Maintenance under way.
        Maintenance = "maintenance",
    }
}

impl Indicator {
    /// How bad the indicator is: none 0, maintenance 1, unknown 2, minor 3, major 4, critical 5.
    pub fn severity_rank(&self) -> u8 {
        match self {
            Self::None => 0,
            Self::Maintenance => 1,
            Self::Unknown(_) => 2,
            Self::Minor => 3,
            Self::Major => 4,
            Self::Critical => 5,
        }
    }
}

/// Reads a list that may also be `null` or missing, as an empty list.
fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

/// Reads a flag that may also be `null` or missing, as `false`.
fn null_as_false<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(deserializer)?.unwrap_or(false))
}

/// The status page a file belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// Statuspage page id.
    pub id: String,
    /// Page title, e.g. "Beacon Backup Status — EMEA".
    pub name: String,
    /// Public address of the page.
    #[serde(default)]
    pub url: Option<String>,
    /// IANA time zone of the page, e.g. "Europe/Berlin".
    #[serde(default)]
    pub time_zone: Option<String>,
    /// When anything on the page last changed.
    #[serde(default, deserialize_with = "optional_timestamp")]
    pub updated_at: Option<Timestamp>,
}

/// The page-wide status the file claims (see `overall` for the one Beacon derives).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageStatus {
    /// Banner colour.
    pub indicator: Indicator,
    /// Banner text, e.g. "All Systems Operational".
    #[serde(default)]
    pub description: String,
}

/// A section of the page (Website, Backups, Restores/Downloads) or a group of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Component {
    /// Statuspage component id.
    pub id: String,
    /// Name shown to visitors.
    pub name: String,
    /// Current status.
    pub status: ComponentStatus,
    /// Order on the page (lower first), as Statuspage writes it.
    #[serde(default)]
    pub position: Option<i64>,
    /// Short explanation shown on hover.
    #[serde(default)]
    pub description: Option<String>,
    /// The group this component belongs to, if any.
    #[serde(default)]
    pub group_id: Option<String>,
    /// True when this entry is a group of other components.
    #[serde(default, deserialize_with = "null_as_false")]
    pub group: bool,
    /// For a group: the ids of its member components.
    #[serde(
        default,
        deserialize_with = "null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub components: Vec<String>,
    /// Hide the component while it is operational.
    #[serde(default, deserialize_with = "null_as_false")]
    pub only_show_if_degraded: bool,
    /// Show the component's uptime bars on the page.
    #[serde(default, deserialize_with = "null_as_false")]
    pub showcase: bool,
    /// The page this component belongs to.
    #[serde(default)]
    pub page_id: Option<String>,
    /// When the component was created.
    #[serde(default, deserialize_with = "optional_timestamp")]
    pub created_at: Option<Timestamp>,
    /// When the component last changed.
    #[serde(default, deserialize_with = "optional_timestamp")]
    pub updated_at: Option<Timestamp>,
    /// The first day uptime is counted for.
    #[serde(default, deserialize_with = "optional_date")]
    pub start_date: Option<NaiveDate>,
}

/// A component whose status an incident update changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AffectedComponent {
    /// The component id; old Statuspage exports omit it for "No components were affected".
    #[serde(default)]
    pub code: Option<String>,
    /// The component name at the time of the update.
    #[serde(default)]
    pub name: String,
    /// Status before the update.
    #[serde(default)]
    pub old_status: Option<ComponentStatus>,
    /// Status set by the update.
    #[serde(default)]
    pub new_status: Option<ComponentStatus>,
}

/// One message posted on an incident or maintenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentUpdate {
    /// Statuspage update id.
    pub id: String,
    /// The incident status this update set.
    pub status: IncidentStatus,
    /// The message, possibly with a little Markdown or HTML (see `markup`).
    #[serde(default)]
    pub body: String,
    /// The incident this update belongs to.
    #[serde(default)]
    pub incident_id: Option<String>,
    /// When the update was posted.
    #[serde(deserialize_with = "timestamp")]
    pub created_at: Timestamp,
    /// When the update was last edited.
    #[serde(default, deserialize_with = "optional_timestamp")]
    pub updated_at: Option<Timestamp>,
    /// The time shown to visitors (may be back-dated); falls back to `created_at`.
    #[serde(default, deserialize_with = "optional_timestamp")]
    pub display_at: Option<Timestamp>,
    /// Component status changes this update made.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub affected_components: Vec<AffectedComponent>,
}

impl IncidentUpdate {
    /// The time to show for the update: `display_at`, else `created_at`.
    pub fn shown_at(&self) -> Timestamp {
        self.display_at.unwrap_or(self.created_at)
    }
}

/// An incident or a scheduled maintenance (Statuspage uses one shape for both).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    /// Statuspage incident id.
    pub id: String,
    /// Title, e.g. "Delayed Microsoft 365 backups".
    pub name: String,
    /// Where it stands.
    pub status: IncidentStatus,
    /// How much it hurts, as rated by its author.
    #[serde(default)]
    pub impact: Impact,
    /// Short link to the incident page.
    #[serde(default)]
    pub shortlink: Option<String>,
    /// The page this incident belongs to.
    #[serde(default)]
    pub page_id: Option<String>,
    /// When it was opened.
    #[serde(deserialize_with = "timestamp")]
    pub created_at: Timestamp,
    /// When it last changed.
    #[serde(default, deserialize_with = "optional_timestamp")]
    pub updated_at: Option<Timestamp>,
    /// When the problem started, if back-dated.
    #[serde(default, deserialize_with = "optional_timestamp")]
    pub started_at: Option<Timestamp>,
    /// When it entered monitoring.
    #[serde(default, deserialize_with = "optional_timestamp")]
    pub monitoring_at: Option<Timestamp>,
    /// When it was resolved or completed.
    #[serde(default, deserialize_with = "optional_timestamp")]
    pub resolved_at: Option<Timestamp>,
    /// Maintenance only: planned start.
    #[serde(default, deserialize_with = "optional_timestamp")]
    pub scheduled_for: Option<Timestamp>,
    /// Maintenance only: planned end.
    #[serde(default, deserialize_with = "optional_timestamp")]
    pub scheduled_until: Option<Timestamp>,
    /// Messages, newest first as Statuspage lists them.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub incident_updates: Vec<IncidentUpdate>,
    /// The components the incident is attached to.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub components: Vec<Component>,
    /// Maintenance only: moves to in progress by itself at `scheduled_for`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled_auto_in_progress: Option<bool>,
    /// Maintenance only: completes by itself at `scheduled_until`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled_auto_completed: Option<bool>,
    /// Maintenance only: subscribers are reminded before `scheduled_for`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduled_remind_prior: Option<bool>,
    /// Maintenance only: when the reminder went out (set once, so it is never sent twice).
    #[serde(
        default,
        deserialize_with = "optional_timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub scheduled_reminded_at: Option<Timestamp>,
    /// Maintenance only: an automatic start puts its components under maintenance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_transition_to_maintenance_state: Option<bool>,
    /// Maintenance only: an automatic completion sets its components back to operational.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_transition_to_operational_state: Option<bool>,
    /// Maintenance only: subscribers hear of the automatic start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_transition_deliver_notifications_at_start: Option<bool>,
    /// Maintenance only: subscribers hear of the automatic completion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_transition_deliver_notifications_at_end: Option<bool>,
    /// The postmortem: what happened and what changes, written after the incident (Markdown,
    /// shown through the same safe markup as updates); absent until one is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postmortem_body: Option<String>,
    /// When the postmortem was published.
    #[serde(
        default,
        deserialize_with = "optional_timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub postmortem_published_at: Option<Timestamp>,
}

impl Incident {
    /// True for a scheduled maintenance: it has a planned start, a maintenance status or a
    /// maintenance impact (Statuspage's incidents.json lists past maintenances among incidents).
    pub fn is_maintenance(&self) -> bool {
        self.scheduled_for.is_some()
            || self.status.is_maintenance()
            || self.impact == Impact::Maintenance
    }

    /// True while the incident or maintenance is not over.
    pub fn is_open(&self) -> bool {
        !self.status.is_closed()
    }

    /// When the problem or the work began. A maintenance began at `started_at`, else at
    /// `scheduled_for`, else when it was posted. An incident began at the earlier of
    /// `started_at` and `created_at`: an operator back-dates either one (Statuspage moves
    /// `started_at` back for a problem noticed late, but an incident posted after the fact keeps
    /// the posting time as `started_at` and back-dates `created_at` and `resolved_at`).
    ///
    /// ```
    /// use beacon_core::status::model::Incident;
    ///
    /// let incident: Incident = serde_json::from_str(r#"{"id": "x", "name": "Posted late",
    ///     "status": "resolved", "created_at": "2024-01-31T15:41:00Z",
    ///     "started_at": "2024-01-31T16:33:14Z", "resolved_at": "2024-01-31T15:41:00Z"}"#).unwrap();
    /// assert_eq!(incident.began_at().to_rfc3339(), "2024-01-31T15:41:00+00:00");
    /// ```
    pub fn began_at(&self) -> Timestamp {
        if self.is_maintenance() {
            return self
                .started_at
                .or(self.scheduled_for)
                .unwrap_or(self.created_at);
        }
        self.started_at
            .map_or(self.created_at, |started| started.min(self.created_at))
    }

    /// The ids of the components this incident touches: those named by any update's
    /// `affected_components`, else those in `components`. Sorted, without duplicates.
    pub fn affected_component_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .incident_updates
            .iter()
            .flat_map(|update| update.affected_components.iter())
            .filter_map(|affected| affected.code.as_deref())
            .collect();
        if ids.is_empty() {
            ids = self.components.iter().map(|c| c.id.as_str()).collect();
        }
        crate::sort::sort_by_key(&mut ids, |id| *id);
        ids.dedup();
        ids
    }

    /// The newest update by `created_at` (lists are usually newest first, but not always).
    pub fn latest_update(&self) -> Option<&IncidentUpdate> {
        self.incident_updates.iter().max_by_key(|u| u.created_at)
    }
}

/// The current state of one status page: Statuspage's `summary.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The page.
    pub page: Page,
    /// The page-wide status the file claims.
    pub status: PageStatus,
    /// All components and groups.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub components: Vec<Component>,
    /// Incidents that are not yet resolved.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub incidents: Vec<Incident>,
    /// Maintenances that are upcoming or in progress.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub scheduled_maintenances: Vec<Incident>,
}

impl Summary {
    /// The component with this id.
    pub fn component(&self, id: &str) -> Option<&Component> {
        self.components.iter().find(|c| c.id == id)
    }
}

/// Past incidents and maintenances of one page: Statuspage's `incidents.json` shape. Past
/// maintenances appear among `incidents` (see [`Incident::is_maintenance`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentHistory {
    /// The page.
    pub page: Page,
    /// Incidents and maintenances, newest first.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub incidents: Vec<Incident>,
}

/// The components of one page: Statuspage's `components.json`, groups and members in one flat
/// list as in a summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComponentList {
    /// The page.
    pub page: Page,
    /// All components and groups.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub components: Vec<Component>,
}

/// Reads a `components.json`; `file` names it in the error.
pub fn parse_components(file: &str, text: &str) -> Result<ComponentList, DataError> {
    parse_json(file, text)
}

/// Reads a `summary.json`; `file` names it in the error.
pub fn parse_summary(file: &str, text: &str) -> Result<Summary, DataError> {
    parse_json(file, text)
}

/// Reads a `summary.json` from its bytes as fetched (see [`parse_summary`]).
pub fn parse_summary_bytes(file: &str, json: &[u8]) -> Result<Summary, DataError> {
    parse_json(file, json)
}

/// Reads a history file (`incidents.json` shape); `file` names it in the error.
pub fn parse_history(file: &str, text: &str) -> Result<IncidentHistory, DataError> {
    parse_json(file, text)
}

/// Reads a history file from its bytes as fetched (see [`parse_history`]).
pub fn parse_history_bytes(file: &str, json: &[u8]) -> Result<IncidentHistory, DataError> {
    parse_json(file, json)
}
