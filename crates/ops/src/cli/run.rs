//! What each command does once its arguments are read, and the reports it prints: a report on
//! success (standard output, exit 0), or the problems and the reason on refusal (standard
//! error, exit 1).

use chrono::{TimeDelta, Utc};

use super::{
    AdvanceArgs, Command, DataArgs, IncidentCommand, MaintenanceCommand, PublishArgs, RegionArgs,
};
use crate::edit::{
    advance_site, edit_region, open_incident, publish_postmortem, resolve_incident,
    schedule_maintenance, shift_times, update_incident, Automation, EditError, NewIncident,
    NewMaintenance, NewUpdate,
};
use crate::publish::modules::link_module;
use crate::publish::{load_site, publish_site, MemoryFiles, PublishError, SiteDir};
use crate::store;
use beacon_core::status::{
    site_warnings_at, validate_site_at, IncidentHistory, Problem, Summary, Timestamp,
};

/// Runs `command`: its report, or the report of why it was refused.
pub fn run(command: Command) -> Result<String, String> {
    match command {
        Command::Validate(data) => validate(&data),
        Command::Publish(args) => publish(&args),
        Command::BenchSla => bench_sla(),
        Command::Demo(data) => demo(&data),
        Command::Incident(IncidentCommand::Open(args)) => {
            let new = NewIncident {
                name: args.name,
                impact: args.impact.into(),
                status: args.status.into(),
                components: args.components,
                message: args.message,
                id: args.id,
            };
            edit(&args.region, |summary, history, now| {
                open_incident(summary, history, new, now)
            })
        }
        Command::Incident(IncidentCommand::Update(args)) => {
            let update = NewUpdate {
                id: args.id,
                status: args.status.map(Into::into),
                message: args.message,
                components: args.component_statuses,
            };
            edit(&args.region, |summary, history, now| {
                update_incident(summary, history, update, now)
            })
        }
        Command::Incident(IncidentCommand::Resolve(args)) => {
            edit(&args.region, |summary, history, now| {
                resolve_incident(summary, history, &args.id, &args.message, now)
            })
        }
        Command::Incident(IncidentCommand::Postmortem(args)) => {
            let body = match (&args.body, &args.body_file) {
                (Some(body), _) => body.clone(),
                (None, Some(file)) => std::fs::read_to_string(file)
                    .map_err(|err| format!("cannot read {}: {err}", file.display()))
                    .and_then(|text| {
                        super::values::message(&text)
                            .map_err(|reason| format!("{}: {reason}", file.display()))
                    })?,
                (None, None) => unreachable!("clap requires --body or --body-file"),
            };
            edit(&args.region, |summary, history, now| {
                publish_postmortem(summary, history, &args.id, &body, now)
            })
        }
        Command::Maintenance(MaintenanceCommand::Schedule(args)) => {
            let new = NewMaintenance {
                name: args.name,
                from: args.from,
                until: args.until,
                components: args.components,
                message: args.message,
                id: args.id,
                automation: Automation {
                    start: args.auto_start,
                    complete: args.auto_complete,
                    remind: args.remind,
                },
            };
            edit(&args.region, |summary, history, now| {
                schedule_maintenance(summary, history, new, now)
            })
        }
        Command::Maintenance(MaintenanceCommand::Advance(args)) => advance(&args),
    }
}

/// `maintenance advance`: the transitions due at `--now` in every region; refused (exit 1)
/// when a region's edit is, after the others were done.
fn advance(args: &AdvanceArgs) -> Result<String, String> {
    let now = args.data.now();
    let lead = TimeDelta::minutes(i64::from(args.remind_before));
    let regions =
        advance_site(&args.data.public, now, args.data.wait(), lead).map_err(edit_refusal)?;
    let mut lines = Vec::new();
    let mut refused = false;
    for (region, done) in regions {
        match done {
            Ok(changes) => {
                lines.extend(changes.into_iter().map(|line| format!("{region}: {line}")))
            }
            Err(err) => {
                refused = true;
                lines.push(format!("{region}: not advanced: {}", edit_refusal(err)));
            }
        }
    }
    if lines.is_empty() {
        lines.push(format!(
            "{}: no maintenance transition due at {}",
            args.data.public.display(),
            now.to_rfc3339()
        ));
    }
    if refused {
        Err(lines.join("\n"))
    } else {
        Ok(lines.join("\n"))
    }
}

/// `demo`: every region's times moved so the newest page stamp is `--now`'s moment.
fn demo(data: &DataArgs) -> Result<String, String> {
    let at = data.now();
    let site = load_site(&data.public, at.with_timezone(&Utc)).map_err(|err| match err {
        PublishError::Invalid(problems) => problem_lines(&problems),
        other => other.to_string(),
    })?;
    let newest = site
        .regions
        .iter()
        .filter_map(|region| region.summary.page.updated_at)
        .max()
        .ok_or_else(|| {
            format!(
                "{}: no region's summary has page.updated_at to move from",
                data.public.display()
            )
        })?;
    // Whole minutes, so the moved data reads as tidily as it was written.
    let by = TimeDelta::minutes((at - newest).num_minutes());
    if by.is_zero() {
        return Ok(format!("{}: already placed at {at}", data.public.display()));
    }
    let stamp = (newest + by).with_timezone(&Utc).fixed_offset();
    let mut report = Vec::new();
    for region in &site.regions {
        let id = &region.region.id;
        let changes = edit_region(&data.public, id, stamp, data.wait(), |summary, history| {
            shift_times(summary, history, by);
            Ok(vec![format!(
                "{id}: times moved by {} min",
                by.num_minutes()
            )])
        })
        .map_err(edit_refusal)?;
        report.extend(changes);
    }
    Ok(report.join("\n"))
}

/// Every problem as `file: path: reason`, one a line.
/// Warnings, one line each, marked as such.
fn warning_lines(warnings: &[Problem]) -> String {
    warnings
        .iter()
        .map(|w| format!("warning: {}: {}: {}", w.file, w.path, w.reason))
        .collect::<Vec<_>>()
        .join("\n")
}

fn problem_lines(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| {
            let path = if p.path.is_empty() {
                "(document)"
            } else {
                &p.path
            };
            format!("{}: {path}: {}", p.file, p.reason)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `validate`.
fn validate(data: &DataArgs) -> Result<String, String> {
    let public = &data.public;
    let _lock = store::for_reading(public, data.wait()).map_err(|err| err.to_string())?;
    let now = data.now().with_timezone(&Utc);
    // Read from disk once; the checks and the warnings share the texts.
    let files = MemoryFiles::new(SiteDir(public));
    let problems = validate_site_at(&files, now);
    if problems.is_empty() {
        let warnings = site_warnings_at(&files, now);
        if warnings.is_empty() {
            Ok(format!("{}: no problems", public.display()))
        } else {
            Ok(format!(
                "{}\n{}: no problems, {} warning(s)",
                warning_lines(&warnings),
                public.display(),
                warnings.len()
            ))
        }
    } else {
        Err(format!(
            "{}\n{} problem(s) in {}",
            problem_lines(&problems),
            problems.len(),
            public.display()
        ))
    }
}

/// `publish`.
fn publish(args: &PublishArgs) -> Result<String, String> {
    let refused = |err: PublishError| match err {
        PublishError::Invalid(problems) => format!(
            "{}\nnot published: {} problem(s) in the data",
            problem_lines(&problems),
            problems.len()
        ),
        other => other.to_string(),
    };
    for module in &args.modules {
        let folder = args.out.join(&module.folder);
        link_module(&folder, &module.name, &module.page).map_err(|err| match err {
            PublishError::Invalid(problems) => problem_lines(&problems),
            other => other.to_string(),
        })?;
    }
    let now = args.data.now().with_timezone(&Utc);
    let _lock =
        store::for_reading(&args.data.public, args.data.wait()).map_err(|err| err.to_string())?;
    let written =
        publish_site(&args.data.public, &args.out, &args.site_url, now).map_err(refused)?;
    Ok(format!(
        "published {} files (feeds, calendars, badges, language packs, pre-rendered pages, the Content-Security-Policy in _headers) into {}",
        written.len(),
        args.out.display()
    ))
}

/// `incident ...` and `maintenance ...`: applies `change` to the region's data at `--now` and
/// reports what changed, or why nothing was written.
fn edit(
    region: &RegionArgs,
    change: impl FnOnce(&mut Summary, &mut IncidentHistory, Timestamp) -> Result<Vec<String>, EditError>,
) -> Result<String, String> {
    let now = region.data.now();
    let changes = edit_region(
        &region.data.public,
        &region.region,
        now,
        region.data.wait(),
        |summary, history| change(summary, history, now),
    )
    .map_err(edit_refusal)?;
    Ok(changes.join("\n"))
}

/// Why an edit was refused: every problem, then the reason.
fn edit_refusal(err: EditError) -> String {
    match err {
        EditError::Invalid(problems) => format!(
            "{}\n{}",
            problem_lines(&problems),
            EditError::Invalid(problems)
        ),
        other => other.to_string(),
    }
}

/// `bench-sla`: the cost of one due-time computation for 1 hour to 1 year of business time,
/// on this machine, natively (the wasm figures come from `tests/bench_sla_wasm.rs`).
/// Refused when the dearest duration is over the native budget.
fn bench_sla() -> Result<String, String> {
    use beacon_core::sla::bench::{report, run_due_time_benchmark, NATIVE_BUDGET_NS};
    let origin = std::time::Instant::now();
    let mut now_ns = || origin.elapsed().as_nanos() as u64;
    let rows = run_due_time_benchmark(&mut now_ns, 200_000_000);
    let text = report("native", &rows, Some(NATIVE_BUDGET_NS));
    if rows.iter().all(|row| row.ns_per_op <= NATIVE_BUDGET_NS) {
        Ok(text)
    } else {
        Err(text)
    }
}
