//! iCalendar (RFC 5545) feeds of scheduled maintenance, written by hand: CRLF line ends, lines
//! folded at 75 octets without splitting a character, TEXT values escaped. Each event's UID comes
//! from the maintenance id and its SEQUENCE, DTSTAMP and LAST-MODIFIED from when it last changed,
//! so a calendar app that refreshes the feed replaces the event instead of adding a copy.

use beacon_core::i18n::Lang;
use beacon_core::status::{parse_markup, plain_text, Incident, IncidentStatus, Timestamp};
use beacon_core::words::update_status_label;

use super::feed::{human_time, last_changed, RegionData};
use super::text::one_line;

/// Longest line in octets, CRLF not counted (RFC 5545 §3.1).
const MAX_LINE_OCTETS: usize = 75;

/// A calendar of a region's maintenances, ready to be written.
#[derive(Debug, Clone, PartialEq)]
pub struct MaintenanceCalendar {
    /// Calendar name shown by calendar apps, e.g. "Beacon Backup Status — EMEA maintenance".
    pub name: String,
    /// The events, soonest first.
    pub events: Vec<MaintenanceEvent>,
}

/// One maintenance window.
#[derive(Debug, Clone, PartialEq)]
pub struct MaintenanceEvent {
    /// The maintenance id (also the per-event file name).
    pub maintenance_id: String,
    /// Stable UID: maintenance id and page host.
    pub uid: String,
    /// Title.
    pub summary: String,
    /// Plain-text story: affected components and every update, newest first.
    pub description: String,
    /// The maintenance's page.
    pub url: String,
    /// Planned start.
    pub start: Timestamp,
    /// Planned end, if known.
    pub end: Option<Timestamp>,
    /// When the maintenance was announced.
    pub created: Timestamp,
    /// When it last changed.
    pub last_modified: Timestamp,
    /// Revision number: seconds from announcement to the last change, so it grows with every
    /// change without having to remember earlier publications.
    pub sequence: i64,
}

/// The maintenance calendar of a region: every maintenance with a planned start, from the
/// summary and the history.
pub fn maintenance_calendar(
    data: &RegionData,
    site_name: &str,
    site_url: &str,
) -> MaintenanceCalendar {
    let mut events: Vec<MaintenanceEvent> = data
        .incidents()
        .into_iter()
        .filter(|incident| incident.is_maintenance())
        .filter_map(|incident| maintenance_event(data, site_url, incident))
        .collect();
    events.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then_with(|| a.maintenance_id.cmp(&b.maintenance_id))
    });
    MaintenanceCalendar {
        name: one_line(&format!("{site_name} — {} maintenance", data.region.name)),
        events,
    }
}

/// The event of one maintenance; `None` without a planned start.
fn maintenance_event(
    data: &RegionData,
    site_url: &str,
    maintenance: &Incident,
) -> Option<MaintenanceEvent> {
    let start = maintenance.scheduled_for?;
    let last_modified = last_changed(maintenance);
    let affected: Vec<&str> = maintenance
        .affected_component_ids()
        .into_iter()
        .map(|id| data.component_name(id))
        .collect();
    let mut description = String::new();
    if !affected.is_empty() {
        description.push_str(&format!("Affected: {}\n", affected.join(", ")));
    }
    for update in &maintenance.incident_updates {
        description.push_str(&format!(
            "\n{} — {}\n{}\n",
            update_status_label(&update.status, Lang::English),
            human_time(update.shown_at()),
            plain_text(&parse_markup(&update.body))
        ));
    }
    let summary = match maintenance.status {
        IncidentStatus::Completed => format!("{} (completed)", one_line(&maintenance.name)),
        _ => format!("Maintenance: {}", one_line(&maintenance.name)),
    };
    Some(MaintenanceEvent {
        maintenance_id: maintenance.id.clone(),
        uid: format!(
            "{}.{}@{}",
            maintenance.id,
            data.summary.page.id,
            data.authority()
        ),
        summary,
        description: description.trim_end().to_owned(),
        url: data.incident_url(site_url, maintenance),
        start,
        end: maintenance.scheduled_until,
        created: maintenance.created_at,
        last_modified,
        sequence: (last_modified - maintenance.created_at)
            .num_seconds()
            .max(0),
    })
}

/// The whole calendar as an `.ics` document.
pub fn calendar_ics(calendar: &MaintenanceCalendar) -> String {
    ics_document(&calendar.name, &calendar.events)
}

/// One event alone as an `.ics` document, for a download link.
pub fn event_ics(calendar: &MaintenanceCalendar, event: &MaintenanceEvent) -> String {
    ics_document(&calendar.name, std::slice::from_ref(event))
}

/// A VCALENDAR with `events`.
fn ics_document(name: &str, events: &[MaintenanceEvent]) -> String {
    let mut out = String::new();
    let mut line = |content: String| push_folded(&mut out, &content);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Beacon//Status maintenance calendar//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("NAME:{}", escape_text(name)));
    line(format!("X-WR-CALNAME:{}", escape_text(name)));
    line("REFRESH-INTERVAL;VALUE=DURATION:PT1H".into());
    line("X-PUBLISHED-TTL:PT1H".into());
    for event in events {
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", escape_text(&event.uid)));
        line(format!("DTSTAMP:{}", utc(event.last_modified)));
        line(format!("CREATED:{}", utc(event.created)));
        line(format!("LAST-MODIFIED:{}", utc(event.last_modified)));
        line(format!("SEQUENCE:{}", event.sequence));
        line(format!("DTSTART:{}", utc(event.start)));
        if let Some(end) = event.end.filter(|end| *end > event.start) {
            line(format!("DTEND:{}", utc(end)));
        }
        line(format!("SUMMARY:{}", escape_text(&event.summary)));
        line(format!("DESCRIPTION:{}", escape_text(&event.description)));
        line(format!("URL;VALUE=URI:{}", uri_value(&event.url)));
        line("CATEGORIES:Maintenance".into());
        line("STATUS:CONFIRMED".into());
        line("TRANSP:TRANSPARENT".into());
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

/// A UTC DATE-TIME, `20261128T020000Z`.
fn utc(time: Timestamp) -> String {
    time.naive_utc().format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks as `\n`,
/// other control characters dropped.
pub fn escape_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URI value: no escaping exists for it, so characters that would break the line are dropped.
fn uri_value(url: &str) -> String {
    url.chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect()
}

/// Appends a content line, folded so no line exceeds 75 octets, ending in CRLF.
pub fn push_folded(out: &mut String, content: &str) {
    let mut used = 0;
    for c in content.chars() {
        let width = c.len_utf8();
        if used + width > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += width;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        push_folded(&mut out, &format!("DESCRIPTION:{}", "é".repeat(100)));
        for line in out.split_terminator("\r\n") {
            assert!(line.len() <= MAX_LINE_OCTETS, "{line:?}");
        }
        assert_eq!(
            out.replace("\r\n ", ""),
            format!("DESCRIPTION:{}\r\n", "é".repeat(100))
        );
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(escape_text("a,b;c\\d\r\ne\u{7}"), "a\\,b\\;c\\\\d\\ne");
    }
}
