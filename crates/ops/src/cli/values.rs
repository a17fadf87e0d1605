//! How the command line reads its values: times, texts, `NAME=PAGE` pairs, component lists and
//! the Statuspage words for impact and status. Each reader refuses nonsense with the reason,
//! and clap names the argument it came from.

use chrono::{DateTime, Datelike, FixedOffset};
use clap::ValueEnum;
use std::path::PathBuf;

use beacon_core::status::limits::{body_problem, id_problem};
use beacon_core::status::{Impact, IncidentStatus};

/// The years a time given on the command line may fall in.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2099;

/// Reads an RFC 3339 time such as `2026-11-21T13:05:00+01:00`, keeping its offset; years
/// outside [`YEARS`] are refused as typing mistakes.
pub fn time(text: &str) -> Result<DateTime<FixedOffset>, String> {
    let time = DateTime::parse_from_rfc3339(text)
        .map_err(|err| format!("not an RFC 3339 time such as 2026-11-21T13:05:00+01:00 ({err})"))?;
    if !YEARS.contains(&time.year()) {
        return Err(format!(
            "the year {} is outside {} to {}",
            time.year(),
            YEARS.start(),
            YEARS.end()
        ));
    }
    Ok(time)
}

/// The longest title, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// Reads a text that must say something (a region, an id); kept as given.
pub fn text(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        Err("must not be empty".into())
    } else {
        Ok(text.to_owned())
    }
}

/// Reads a title: one line of at most [`MAX_NAME_CHARS`] characters, without control
/// characters.
pub fn name(name: &str) -> Result<String, String> {
    let name = self::text(name)?;
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        return Err(format!(
            "contains the control character {c:?}; a title is one line of plain text"
        ));
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(format!(
            "a title is at most {MAX_NAME_CHARS} characters, this one has {chars}"
        ));
    }
    Ok(name)
}

/// Reads a message (Markdown): lines and tabs are fine, other control characters are not,
/// and it is at most [`beacon_core::status::limits::MAX_UPDATE_BODY_CHARS`] characters.
pub fn message(message: &str) -> Result<String, String> {
    let message = self::text(message)?;
    if let Some(c) = message
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(format!(
            "contains the control character {c:?} (only line breaks and tabs are allowed)"
        ));
    }
    body_problem(&message).map_or(Ok(message), Err)
}

/// Reads an id (of an incident, a maintenance or a region): [`id_problem`]'s rule, the one
/// `validate` and `publish` apply.
pub fn id(id: &str) -> Result<String, String> {
    id_problem(id).map_or_else(|| Ok(id.to_owned()), Err)
}

/// Reads one component id of a comma-separated list, trimmed; an empty item is refused.
pub fn component_id(text: &str) -> Result<String, String> {
    let id = text.trim();
    if id.is_empty() {
        Err("names no component (an empty list, or an empty item between commas)".into())
    } else {
        Ok(id.to_owned())
    }
}

/// A module a page loads on demand, as `--module [FOLDER/]NAME=PAGE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModulePage {
    /// The folder (relative to the output, `/`-separated; empty: the site root, the status
    /// pages) whose `index.html` loads the module and holds its files.
    pub folder: String,
    /// The module's name (`subscribe`: the Get updates dialog; `filed-now`: the SLA embed's
    /// due times).
    pub name: String,
    /// The page Trunk built for it.
    pub page: PathBuf,
}

/// Reads `[FOLDER/]NAME=PAGE`, name and page non-empty, the folder without `.` or `..` steps.
///
/// ```
/// use beacon_ops::cli::values::module_page;
/// let due = module_page("embed/sla/filed-now=stage/filed-now.html").unwrap();
/// assert_eq!((due.folder.as_str(), due.name.as_str()), ("embed/sla", "filed-now"));
/// assert_eq!(module_page("subscribe=stage/subscribe.html").unwrap().folder, "");
/// assert!(module_page("../x/subscribe=stage/subscribe.html").is_err());
/// ```
pub fn module_page(text: &str) -> Result<ModulePage, String> {
    let (target, page) = text
        .split_once('=')
        .filter(|(target, page)| !target.is_empty() && !page.is_empty())
        .ok_or("not [FOLDER/]NAME=PAGE (for example subscribe=dist/subscribe.html)")?;
    let (folder, name) = target.rsplit_once('/').unwrap_or(("", target));
    if name.is_empty() {
        return Err(format!("\"{target}\" names a folder but no module"));
    }
    if !folder.is_empty()
        && folder
            .split('/')
            .any(|step| matches!(step, "" | "." | ".."))
    {
        return Err(format!(
            "the folder \"{folder}\" must be a plain path inside the output (no empty, . or .. steps)"
        ));
    }
    Ok(ModulePage {
        folder: folder.to_owned(),
        name: name.to_owned(),
        page: PathBuf::from(page),
    })
}

/// How much a new incident hurts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImpactArg {
    /// No visible effect.
    None,
    /// Minor effect (named components become degraded_performance).
    Minor,
    /// Major effect (named components become partial_outage).
    Major,
    /// Critical effect (named components become major_outage).
    Critical,
}

impl From<ImpactArg> for Impact {
    fn from(impact: ImpactArg) -> Self {
        match impact {
            ImpactArg::None => Impact::None,
            ImpactArg::Minor => Impact::Minor,
            ImpactArg::Major => Impact::Major,
            ImpactArg::Critical => Impact::Critical,
        }
    }
}

/// Where a new incident starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OpeningStatus {
    /// The problem is known and being looked into.
    Investigating,
    /// The cause is known and a fix is being worked on.
    Identified,
    /// A fix is in place and being watched.
    Monitoring,
}

impl From<OpeningStatus> for IncidentStatus {
    fn from(status: OpeningStatus) -> Self {
        match status {
            OpeningStatus::Investigating => IncidentStatus::Investigating,
            OpeningStatus::Identified => IncidentStatus::Identified,
            OpeningStatus::Monitoring => IncidentStatus::Monitoring,
        }
    }
}

/// The new status an update gives an open incident or maintenance. The closing statuses are
/// read too (and left out of the help) so that the edit can point to `resolve` instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum UpdateStatus {
    /// Incident: the problem is known and being looked into.
    Investigating,
    /// Incident: the cause is known and a fix is being worked on.
    Identified,
    /// Incident: a fix is in place and being watched.
    Monitoring,
    /// Maintenance: planned, not started.
    Scheduled,
    /// Maintenance: under way (its components become under_maintenance).
    InProgress,
    /// Maintenance: the work is done and being checked.
    Verifying,
    /// Closes an incident: refused here, `incident resolve` closes.
    #[value(hide = true)]
    Resolved,
    /// Closes an incident: refused here, `incident resolve` closes.
    #[value(hide = true)]
    Postmortem,
    /// Closes a maintenance: refused here, `incident resolve` completes it.
    #[value(hide = true)]
    Completed,
}

impl From<UpdateStatus> for IncidentStatus {
    fn from(status: UpdateStatus) -> Self {
        match status {
            UpdateStatus::Investigating => IncidentStatus::Investigating,
            UpdateStatus::Identified => IncidentStatus::Identified,
            UpdateStatus::Monitoring => IncidentStatus::Monitoring,
            UpdateStatus::Scheduled => IncidentStatus::Scheduled,
            UpdateStatus::InProgress => IncidentStatus::InProgress,
            UpdateStatus::Verifying => IncidentStatus::Verifying,
            UpdateStatus::Resolved => IncidentStatus::Resolved,
            UpdateStatus::Postmortem => IncidentStatus::Postmortem,
            UpdateStatus::Completed => IncidentStatus::Completed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use beacon_core::status::limits::MAX_UPDATE_BODY_CHARS;

    #[test]
    fn the_words_are_statuspages() {
        for value in ImpactArg::value_variants() {
            let name = value.to_possible_value().unwrap();
            assert_eq!(Impact::from(*value).as_str(), name.get_name());
        }
        for value in OpeningStatus::value_variants() {
            let name = value.to_possible_value().unwrap();
            assert_eq!(IncidentStatus::from(*value).as_str(), name.get_name());
        }
        for value in UpdateStatus::value_variants() {
            let name = value.to_possible_value().unwrap();
            assert_eq!(IncidentStatus::from(*value).as_str(), name.get_name());
        }
    }

    #[test]
    fn nonsense_values_are_refused() {
        assert!(time("2026-11-21T13:05:00+01:00").is_ok());
        assert!(time("yesterday").unwrap_err().contains("RFC 3339"));
        assert!(time("9999-01-01T00:00:00Z")
            .unwrap_err()
            .contains("year 9999"));
        assert!(time("1999-12-31T23:59:59Z").is_err());
        assert_eq!(text(" \t"), Err("must not be empty".into()));
        assert!(name("Slow restores").is_ok());
        for bad in ["Slow\nrestores", "Slow\u{1b}[31m", "x\u{7f}"] {
            assert!(
                name(bad).unwrap_err().contains("control character"),
                "{bad:?}"
            );
        }
        assert!(name(&"n".repeat(MAX_NAME_CHARS + 1)).is_err());
        assert!(message("Line one.\n\n\tLine two.\r\n").is_ok());
        assert!(message("bell\u{7}")
            .unwrap_err()
            .contains("control character"));
        assert!(message(&"w".repeat(MAX_UPDATE_BODY_CHARS + 1))
            .unwrap_err()
            .contains("at most"));
        assert!(id("tb1xtvj5wamt").is_ok());
        assert!(id("../../sla/").is_err());
        assert_eq!(component_id(" em-web "), Ok("em-web".into()));
        assert!(component_id(" ").is_err());
        assert_eq!(
            module_page("subscribe=dist/s.html"),
            Ok(ModulePage {
                folder: String::new(),
                name: "subscribe".into(),
                page: "dist/s.html".into()
            })
        );
        assert_eq!(
            module_page("embed/sla/filed-now=dist/f.html"),
            Ok(ModulePage {
                folder: "embed/sla".into(),
                name: "filed-now".into(),
                page: "dist/f.html".into()
            })
        );
        for bad in [
            "subscribe",
            "=page.html",
            "subscribe=",
            "embed/sla/=page.html",
            "/embed/filed-now=page.html",
            "embed/../../filed-now=page.html",
            "embed//filed-now=page.html",
        ] {
            assert!(module_page(bad).is_err(), "{bad}");
        }
    }
}
