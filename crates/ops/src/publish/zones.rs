//! The support-centre calendars' time zones, checked against the time-zone database itself.
//!
//! A calendar file carries a POSIX TZ rule (the browser has no zone database of its own to
//! consult, and chrono-tz would cost every visitor its weight in the wasm bundle) and the years
//! it is verified for. Publishing derives, from tzdata (chrono-tz, native only), every offset
//! change of the zone in those years and refuses a calendar whose rule disagrees with one of
//! them, naming the year; the engine in turn refuses dates outside those years.

use std::path::Path;

use beacon_core::sla::policy::PolicyIndex;
use beacon_core::sla::tz::OffsetChange;
use beacon_core::sla::BusinessCalendar;
use beacon_core::status::Problem;
use chrono::{DateTime, NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;

use super::PublishError;

/// One calendar whose rule equals tzdata for its verified years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedZone {
    /// Calendar id.
    pub calendar: String,
    /// IANA zone name.
    pub zone: String,
    /// First and last verified year.
    pub years: (i32, i32),
    /// The offset changes tzdata gives in those years (the rule's are the same).
    pub changes: Vec<OffsetChange>,
}

/// Offset east of UTC, in seconds, that tzdata gives `zone` at the UTC instant `utc`.
pub fn tzdata_offset(zone: Tz, utc: i64) -> i32 {
    let instant = DateTime::from_timestamp(utc, 0).expect("instant within chrono's range");
    zone.offset_from_utc_datetime(&instant.naive_utc())
        .fix()
        .local_minus_utc()
}

/// Every offset change tzdata gives `zone` in the UTC instants `[from, until)`, each to the
/// second: found by stepping an hour at a time (no zone changes twice within an hour) and
/// bisecting the step that contains a change.
pub fn tzdata_changes(zone: Tz, from: i64, until: i64) -> Vec<OffsetChange> {
    let mut changes = Vec::new();
    let mut t = from;
    let mut offset = tzdata_offset(zone, t);
    while t < until {
        let next = (t + 3600).min(until);
        let next_offset = tzdata_offset(zone, next);
        if next_offset != offset {
            // The change is in (t, next]: the first second with the new offset.
            let (mut low, mut high) = (t, next);
            while high - low > 1 {
                let mid = low + (high - low) / 2;
                if tzdata_offset(zone, mid) == offset {
                    low = mid;
                } else {
                    high = mid;
                }
            }
            changes.push(OffsetChange {
                instant: high,
                before: offset,
                after: next_offset,
            });
            offset = next_offset;
        }
        t = next;
    }
    changes
}

fn year_start(year: i32) -> i64 {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(0, |d| d.and_utc().timestamp())
}

fn stamp(utc: i64) -> String {
    DateTime::from_timestamp(utc, 0).map_or_else(|| utc.to_string(), |t| t.to_rfc3339())
}

/// Checks `calendar` (read from `file`) against tzdata for each year it is verified for: the
/// offset at the start of each year and every change in it must be the rule's. The problem
/// names the year and the first instant where they part.
pub fn verify_zone(file: &str, calendar: &BusinessCalendar) -> Result<VerifiedZone, Problem> {
    let Some((first, last)) = calendar.verified_years() else {
        return Err(Problem::new(
            file,
            "verified_years",
            "name the years the calendar's holidays and time-zone rule are verified for",
        ));
    };
    let zone: Tz = calendar.zone().parse().map_err(|_| {
        Problem::new(
            file,
            "zone",
            format!("{:?} is not in the time-zone database", calendar.zone()),
        )
    })?;
    let rule = calendar.tz_rule();
    let mut all = Vec::new();
    for year in first..=last {
        let (from, until) = (year_start(year), year_start(year + 1));
        let theirs = tzdata_changes(zone, from, until);
        let mut ours: Vec<OffsetChange> = (year - 1..=year + 1)
            .filter_map(|y| rule.changes_in_year(y))
            .flatten()
            .filter(|c| c.instant >= from && c.instant < until)
            .collect();
        // In the southern hemisphere a year's daylight saving ends before it starts.
        ours.sort_by_key(|c| c.instant);
        let at_start = (rule.offset_at(from), tzdata_offset(zone, from));
        let refused = |reason: String| {
            Problem::new(
                file,
                "tz_rule",
                format!(
                    "in {year} the rule {rule} disagrees with tzdata for {}: {reason}",
                    calendar.zone()
                ),
            )
        };
        if at_start.0 != at_start.1 {
            return Err(refused(format!(
                "on {} the offset is {} s by the rule, {} s by tzdata",
                stamp(from),
                at_start.0,
                at_start.1
            )));
        }
        if ours != theirs {
            let describe = |changes: &[OffsetChange]| {
                changes
                    .iter()
                    .map(|c| format!("{} ({} s to {} s)", stamp(c.instant), c.before, c.after))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            return Err(refused(format!(
                "tzdata changes the offset at [{}], the rule at [{}]",
                describe(&theirs),
                describe(&ours)
            )));
        }
        all.extend(theirs);
    }
    Ok(VerifiedZone {
        calendar: calendar.id().to_owned(),
        zone: calendar.zone().to_owned(),
        years: (first, last),
        changes: all,
    })
}

/// Verifies every calendar `public_dir/policies/index.json` lists (none if the site has no SLA
/// policies); all problems are reported together.
pub fn verify_sla_zones(public_dir: &Path) -> Result<Vec<VerifiedZone>, PublishError> {
    let policies = public_dir.join("policies");
    let index_path = policies.join("index.json");
    if !index_path.is_file() {
        return Ok(Vec::new());
    }
    let read = |path: &Path, name: &str| {
        std::fs::read_to_string(path)
            .map_err(|err| Problem::new(name, "", format!("cannot read: {err}")))
    };
    let index_text =
        read(&index_path, "policies/index.json").map_err(|p| PublishError::Invalid(vec![p]))?;
    let index = PolicyIndex::from_json("policies/index.json", &index_text)
        .map_err(|e| PublishError::Invalid(e.errors))?;
    let mut verified = Vec::new();
    let mut problems = Vec::new();
    for entry in &index.calendars {
        let name = format!("policies/{}", entry.file);
        let calendar = read(&policies.join(&entry.file), &name).and_then(|text| {
            BusinessCalendar::from_json(&name, &text).map_err(|mut e| e.errors.remove(0))
        });
        match calendar.and_then(|c| verify_zone(&name, &c)) {
            Ok(zone) => verified.push(zone),
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(verified)
    } else {
        Err(PublishError::Invalid(problems))
    }
}
