//! The `beacon-ops` command line: validates the site's data, publishes feeds, calendars and
//! badges for the build, and edits incidents and maintenance so nobody hand-edits JSON under
//! pressure. Arguments are parsed with the standard library only.

use chrono::{DateTime, FixedOffset, SubsecRound, Utc};
use std::path::PathBuf;
use std::process::ExitCode;

use super::edit::{
    edit_region, open_incident, resolve_incident, schedule_maintenance, update_incident,
    ComponentChange, EditError, NewIncident, NewMaintenance, NewUpdate,
};
use super::modules::link_module;
use super::{publish_site, PublishError};
use beacon_core::status::{validate_site_at, Impact, IncidentStatus, Problem};

const USAGE: &str = "\
beacon-ops: validate, publish and edit Beacon status data

USAGE:
  beacon-ops validate [--public DIR]
  beacon-ops publish [--public DIR] --out DIR [--site-url URL] [--module NAME=PAGE]...
  beacon-ops bench-sla      (cost of one SLA due-time computation; build with --release)
  beacon-ops incident open --region R --name N --impact none|minor|major|critical
                           --status investigating|identified|monitoring
                           --components C1,C2[=STATUS] --message M [--id ID]
  beacon-ops incident update --region R --id ID [--status S] --message M
                             [--component-status C=STATUS]...
  beacon-ops incident resolve --region R --id ID --message M
  beacon-ops maintenance schedule --region R --name N --from RFC3339 --until RFC3339
                                  --components C1,C2 --message M [--id ID]

Every command takes --public DIR (default: public) and --now RFC3339 (default: the clock),
the time used to check the data and to stamp edits.
`incident update` and `incident resolve` also take maintenance ids (in_progress, verifying;
resolving a maintenance completes it). STATUS is operational, degraded_performance,
partial_outage, major_outage or under_maintenance; naming a group sets all its members.
Published files: feeds/<region>.atom, feeds/<region>.rss, feeds/<region>/<component>.atom,
calendars/<region>.ics, calendars/<region>/<maintenance-id>.ics, badges/<region>.svg,
badges/<region>/<component>.svg, i18n/<lang>.<hash>.json (the interface texts of each
language but English, which the browser apps load on demand); when DIR holds the built index.html, also <region>/index.html
(the page with the region's status pre-rendered), index.html (the default region), sla/index.html
and embed/sla/index.html. --site-url is where the output folder is served (default /).
--module NAME=PAGE names the module NAME (subscribe: the Get updates dialog), whose files
Trunk built into DIR, in the status pages: PAGE is the page Trunk built for it.

Exit status: 0 done, 1 data problems or refused edit, 2 wrong usage.";

/// Why a command failed, deciding the exit status.
enum Failure {
    /// Wrong arguments: exit 2 with the usage.
    Usage(String),
    /// Data problems or a refused edit: exit 1.
    Refused(String),
}

impl From<EditError> for Failure {
    fn from(err: EditError) -> Self {
        match err {
            EditError::Invalid(problems) => Failure::Refused(format!(
                "{}\n{}",
                problem_lines(&problems),
                EditError::Invalid(problems)
            )),
            other => Failure::Refused(other.to_string()),
        }
    }
}

/// Command-line options as `--name value` (or `--name=value`) pairs, in order.
struct Options {
    pairs: Vec<(String, String)>,
}

impl Options {
    /// Splits `args` into options; anything else is a usage error.
    fn parse(args: &[String]) -> Result<Self, Failure> {
        let mut pairs = Vec::new();
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            let Some(name) = arg.strip_prefix("--") else {
                return Err(Failure::Usage(format!("unexpected argument {arg:?}")));
            };
            let (name, value) = match name.split_once('=') {
                Some((name, value)) => (name.to_owned(), value.to_owned()),
                None => {
                    let value = rest
                        .next()
                        .ok_or_else(|| Failure::Usage(format!("--{name} needs a value")))?;
                    (name.to_owned(), value.clone())
                }
            };
            pairs.push((name, value));
        }
        Ok(Self { pairs })
    }

    /// Every value given for `name`, removing them.
    fn all(&mut self, name: &str) -> Vec<String> {
        let (taken, kept) = std::mem::take(&mut self.pairs)
            .into_iter()
            .partition(|(n, _)| n == name);
        self.pairs = kept;
        taken.into_iter().map(|(_, value)| value).collect()
    }

    /// The value of `name` if given once; a usage error if given twice.
    fn optional(&mut self, name: &str) -> Result<Option<String>, Failure> {
        let mut values = self.all(name);
        match values.len() {
            0 | 1 => Ok(values.pop()),
            _ => Err(Failure::Usage(format!("--{name} is given more than once"))),
        }
    }

    /// The value of `name`, which must be given.
    fn required(&mut self, name: &str) -> Result<String, Failure> {
        self.optional(name)?
            .ok_or_else(|| Failure::Usage(format!("--{name} is required")))
    }

    /// Fails on options no command asked for.
    fn finish(self) -> Result<(), Failure> {
        match self.pairs.first() {
            Some((name, _)) => Err(Failure::Usage(format!("unknown option --{name}"))),
            None => Ok(()),
        }
    }

    /// `--public`, default `public`.
    fn public_dir(&mut self) -> Result<PathBuf, Failure> {
        Ok(PathBuf::from(
            self.optional("public")?.unwrap_or_else(|| "public".into()),
        ))
    }

    /// `--now`, default the clock (whole seconds, UTC).
    fn now(&mut self) -> Result<DateTime<FixedOffset>, Failure> {
        match self.optional("now")? {
            Some(text) => time("now", &text),
            None => Ok(Utc::now().trunc_subsecs(0).fixed_offset()),
        }
    }
}

/// Reads an RFC 3339 time given as `--name`.
fn time(name: &str, text: &str) -> Result<DateTime<FixedOffset>, Failure> {
    DateTime::parse_from_rfc3339(text).map_err(|err| {
        Failure::Usage(format!(
            "--{name} {text:?} is not an RFC 3339 time such as 2026-11-21T13:05:00+01:00: {err}"
        ))
    })
}

/// Reads a comma-separated list.
fn list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Reads an incident status for `--status`, refusing unknown values.
fn incident_status(text: &str) -> Result<IncidentStatus, Failure> {
    match IncidentStatus::from_wire(text) {
        IncidentStatus::Unknown(other) => {
            Err(Failure::Usage(format!("unknown --status {other:?}")))
        }
        status => Ok(status),
    }
}

/// Every problem as `file: path: reason`, one a line.
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
fn validate(mut options: Options) -> Result<String, Failure> {
    let public = options.public_dir()?;
    let now = options.now()?;
    options.finish()?;
    let problems = validate_site_at(&super::SiteDir(&public), now.with_timezone(&Utc));
    if problems.is_empty() {
        Ok(format!("{}: no problems", public.display()))
    } else {
        Err(Failure::Refused(format!(
            "{}\n{} problem(s) in {}",
            problem_lines(&problems),
            problems.len(),
            public.display()
        )))
    }
}

/// `publish`.
fn publish(mut options: Options) -> Result<String, Failure> {
    let public = options.public_dir()?;
    let now = options.now()?;
    let out = PathBuf::from(options.required("out")?);
    let site_url = options.optional("site-url")?.unwrap_or_else(|| "/".into());
    let mut modules = Vec::new();
    for spec in options.all("module") {
        let (name, page) = spec
            .split_once('=')
            .filter(|(name, page)| !name.is_empty() && !page.is_empty())
            .ok_or_else(|| Failure::Usage(format!("--module {spec:?} is not NAME=PAGE")))?;
        modules.push((name.to_owned(), PathBuf::from(page)));
    }
    options.finish()?;
    for (name, page) in &modules {
        match link_module(&out, name, page) {
            Ok(()) => {}
            Err(PublishError::Invalid(problems)) => {
                return Err(Failure::Refused(problem_lines(&problems)))
            }
            Err(err) => return Err(Failure::Refused(err.to_string())),
        }
    }
    match publish_site(&public, &out, &site_url, now.with_timezone(&Utc)) {
        Ok(written) => Ok(format!(
            "published {} files (feeds, calendars, badges, language packs, pre-rendered pages) into {}",
            written.len(),
            out.display()
        )),
        Err(PublishError::Invalid(problems)) => Err(Failure::Refused(format!(
            "{}\nnot published: {} problem(s) in the data",
            problem_lines(&problems),
            problems.len()
        ))),
        Err(err) => Err(Failure::Refused(err.to_string())),
    }
}

/// `incident open|update|resolve` and `maintenance schedule`.
fn edit(what: &str, mut options: Options) -> Result<String, Failure> {
    let public = options.public_dir()?;
    let now = options.now()?;
    let region = options.required("region")?;
    let changes = match what {
        "incident open" => {
            let new = NewIncident {
                name: options.required("name")?,
                impact: match Impact::from_wire(&options.required("impact")?) {
                    Impact::Unknown(other) => {
                        return Err(Failure::Usage(format!("unknown --impact {other:?}")))
                    }
                    impact => impact,
                },
                status: incident_status(&options.required("status")?)?,
                components: list(&options.optional("components")?.unwrap_or_default())
                    .iter()
                    .map(|c| ComponentChange::parse(c))
                    .collect::<Result<_, _>>()?,
                message: options.required("message")?,
                id: options.optional("id")?,
            };
            options.finish()?;
            edit_region(&public, &region, now, |summary, history| {
                open_incident(summary, history, new, now)
            })?
        }
        "incident update" => {
            let update = NewUpdate {
                id: options.required("id")?,
                status: options
                    .optional("status")?
                    .map(|s| incident_status(&s))
                    .transpose()?,
                message: options.required("message")?,
                components: options
                    .all("component-status")
                    .iter()
                    .flat_map(|value| list(value))
                    .map(|c| ComponentChange::parse(&c))
                    .collect::<Result<_, _>>()?,
            };
            options.finish()?;
            edit_region(&public, &region, now, |summary, history| {
                update_incident(summary, history, update, now)
            })?
        }
        "incident resolve" => {
            let id = options.required("id")?;
            let message = options.required("message")?;
            options.finish()?;
            edit_region(&public, &region, now, |summary, history| {
                resolve_incident(summary, history, &id, &message, now)
            })?
        }
        "maintenance schedule" => {
            let new = NewMaintenance {
                name: options.required("name")?,
                from: time("from", &options.required("from")?)?,
                until: time("until", &options.required("until")?)?,
                components: list(&options.optional("components")?.unwrap_or_default()),
                message: options.required("message")?,
                id: options.optional("id")?,
            };
            options.finish()?;
            edit_region(&public, &region, now, |summary, history| {
                schedule_maintenance(summary, history, new, now)
            })?
        }
        other => return Err(Failure::Usage(format!("unknown command {other:?}"))),
    };
    Ok(changes.join("\n"))
}

/// `bench-sla`: the cost of one due-time computation for 1 hour to 1 year of business time,
/// on this machine, natively (the wasm figures come from `tests/bench_sla_wasm.rs`).
/// Exits 1 when the dearest duration is over the native budget.
fn bench_sla() -> Result<String, Failure> {
    use beacon_core::sla::bench::{report, run_due_time_benchmark, NATIVE_BUDGET_NS};
    let origin = std::time::Instant::now();
    let mut now_ns = || origin.elapsed().as_nanos() as u64;
    let rows = run_due_time_benchmark(&mut now_ns, 200_000_000);
    let text = report("native", &rows, Some(NATIVE_BUDGET_NS));
    if rows.iter().all(|row| row.ns_per_op <= NATIVE_BUDGET_NS) {
        Ok(text)
    } else {
        Err(Failure::Refused(text))
    }
}

/// Runs the command in `args` (without the program name).
fn run(args: &[String]) -> Result<String, Failure> {
    match args {
        [] => Err(Failure::Usage("no command given".into())),
        [help] if matches!(help.as_str(), "help" | "--help" | "-h") => Ok(USAGE.to_owned()),
        [command, rest @ ..] if command == "validate" => validate(Options::parse(rest)?),
        [command, rest @ ..] if command == "publish" => publish(Options::parse(rest)?),
        [command] if command == "bench-sla" => bench_sla(),
        [group, action, rest @ ..] if matches!(group.as_str(), "incident" | "maintenance") => {
            edit(&format!("{group} {action}"), Options::parse(rest)?)
        }
        [command, ..] => Err(Failure::Usage(format!("unknown command {command:?}"))),
    }
}

/// Runs `beacon-ops` with the process's arguments, printing the report and returning the exit
/// status: 0 done, 1 data problems or a refused edit, 2 wrong usage.
pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(Failure::Refused(report)) => {
            eprintln!("{report}");
            ExitCode::from(1)
        }
        Err(Failure::Usage(reason)) => {
            eprintln!("beacon-ops: {reason}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
