//! The `beacon-ops` command line: validates the site's data, publishes feeds, calendars,
//! badges and pre-rendered pages for the build, and edits incidents and maintenance so nobody
//! hand-edits JSON under pressure. The commands and their help are declared here with clap
//! ([`Cli`]); [`values`] reads the values, `run` carries the commands out.
//!
//! Exit status: 0 done, 1 data problems or a refused edit, 2 wrong usage (clap's own errors,
//! each naming the argument).

mod run;
pub mod values;

use chrono::{DateTime, FixedOffset, SubsecRound, Utc};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use crate::edit::ComponentChange;
use beacon_core::status::maintenance::DEFAULT_REMIND_PRIOR_MINUTES;
use values::{ImpactArg, ModulePage, OpeningStatus, UpdateStatus};

/// The exit status, shown under every command's help.
const EXIT_STATUS: &str = "Exit status: 0 done, 1 data problems or a refused edit, 2 wrong usage.";

/// `beacon-ops` and its arguments.
#[derive(Debug, Parser)]
#[command(
    name = "beacon-ops",
    version,
    about = "Validate, publish and edit Beacon status data",
    long_about = "Validate, publish and edit Beacon status data.\n\n\
        A Beacon site keeps its data in a folder (default: public): config.json names the \
        regions, and each region has a summary and a history in Statuspage's JSON format. \
        beacon-ops checks that data, publishes the files built around the apps (feeds, \
        calendars, badges, language packs, pre-rendered pages) and opens, updates and \
        resolves incidents and schedules maintenance, so nobody edits JSON by hand under \
        pressure. Every edit is validated with the whole site before anything is written, \
        takes the folder's lock (.beacon-edit.lock; a second editor waits up to --wait \
        seconds, then is refused) and is journalled (.beacon-edit.journal), so it lands in \
        every file or in none, even when the process is killed.",
    after_help = "Examples:\n  \
        beacon-ops validate\n  \
        beacon-ops incident open --region emea --name \"Slow restores\" --impact major \\\n      \
        --status investigating --components em-restores --message \"We are looking into it.\"\n  \
        beacon-ops help incident open\n\n\
        Exit status: 0 done, 1 data problems or a refused edit, 2 wrong usage.",
    arg_required_else_help = true
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the site's data and list every problem.
    #[command(
        long_about = "Check the site's data and list every problem.\n\n\
            Reads config.json and every region's summary and history under --public and checks \
            them as of --now (which decides, for instance, whether a maintenance is under way). \
            Each problem is printed as `file: JSON path: reason`.",
        after_help = "Examples:\n  \
            beacon-ops validate\n  \
            beacon-ops validate --public site/public --now 2026-11-21T12:00:00Z\n\n\
            Exit status: 0 no problems, 1 problems (listed on standard error), 2 wrong usage."
    )]
    Validate(DataArgs),
    /// Validate the data and write the published files into the output folder.
    #[command(
        long_about = "Validate the data and write the published files into the output folder.\n\n\
            Nothing is written when the data has a problem. Written under --out:\n  \
            feeds/<region>.atom, feeds/<region>.rss, feeds/<region>/<component>.atom\n  \
            calendars/<region>.ics, calendars/<region>/<maintenance-id>.ics\n  \
            badges/<region>.svg, badges/<region>/<component>.svg\n  \
            i18n/<lang>.<hash>.json (each language's interface texts but English, which the \
            browser apps load on demand)\n  \
            data/<region>/history/recent.json, index.json and <year>-q<n>.json (each region's \
            history split: the last 90 days for the live page, one file per quarter for the \
            history pages, and the list of quarters)\n\
            When --out holds the built status app's index.html (.ci/dist builds the apps, then \
            runs this), also the pages with each region's status pre-rendered: \
            <region>/index.html, <region>/history/index.html, \
            <region>/history/<year>-q<n>/index.html, <region>/incidents/<id>/index.html, and index.html (the default region). Every \
            compressible file of 1 KiB or more gets .gz and .br twins.",
        after_help = "Examples:\n  \
            beacon-ops publish --out dist\n  \
            beacon-ops publish --public public --out \"$out\" --site-url /beacon/ \\\n      \
            --module \"subscribe=$stage/subscribe.html\" \\\n      \
            --module \"embed/sla/filed-now=$stage/filed-now.html\"   (as .ci/dist runs it)\n\n\
            Exit status: 0 published, 1 data problems or a file that cannot be written, 2 wrong usage."
    )]
    Publish(PublishArgs),
    /// Measure one SLA due-time computation on this machine (build with --release).
    #[command(
        long_about = "Measure one SLA due-time computation on this machine.\n\n\
            Times the due-time computation for 1 hour to 1 year of business time natively and \
            prints a table with the native budget. Build with --release for meaningful figures.",
        after_help = "Example:\n  cargo run --release --bin beacon-ops -- bench-sla\n\n\
            Exit status: 0 within the budget, 1 the dearest duration is over it."
    )]
    BenchSla,
    /// Place the data's story around another moment (the served demo: around now).
    #[command(
        long_about = "Place the data's story around another moment.\n\n\
            Moves every time in every region's summary and history by the same amount, so that \
            the newest page stamp becomes --at (the clock by default): an incident that was \
            open stays open and current, a maintenance planned for three days later is again \
            three days away, and the 90 days of history end today. Written like any edit: under \
            the folder's lock, validated as a whole, all files or none. Running it again with \
            the same --at changes nothing. Meant for a demo copy of the data, never for real \
            data.",
        after_help = "Examples:\n  \
            beacon-ops demo --public target/serve/public            (as .ci/serve runs it)\n  \
            beacon-ops demo --public /tmp/copy --at 2027-01-15T09:00:00Z\n\n\
            Exit status: 0 moved, 1 the result would not validate, 2 wrong usage."
    )]
    Demo(DataArgs),
    /// Open, update and resolve incidents (update and resolve also take maintenance ids).
    #[command(subcommand, arg_required_else_help = true, after_help = EXIT_STATUS)]
    Incident(IncidentCommand),
    /// Schedule maintenance and move it on by the clock (start, update and complete it by hand
    /// with `incident update|resolve`).
    #[command(subcommand, arg_required_else_help = true, after_help = EXIT_STATUS)]
    Maintenance(MaintenanceCommand),
}

/// Where the data is and the time it is read at; every command but `bench-sla` takes them.
#[derive(Debug, Args)]
pub struct DataArgs {
    /// The site folder holding config.json and the regions' data files.
    #[arg(long, value_name = "DIR", default_value = "public")]
    pub public: PathBuf,
    /// The time used to check the data and to stamp edits [default: the clock].
    #[arg(long, value_name = "RFC3339", value_parser = values::time)]
    pub now: Option<DateTime<FixedOffset>>,
    /// How long to wait for another edit of the same folder to finish before giving up
    /// (nothing is written then).
    #[arg(long, value_name = "SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub wait: u64,
}

impl DataArgs {
    /// `--now`, or the clock in whole seconds (UTC).
    pub fn now(&self) -> DateTime<FixedOffset> {
        self.now
            .unwrap_or_else(|| Utc::now().trunc_subsecs(0).fixed_offset())
    }

    /// `--wait` as a duration.
    pub fn wait(&self) -> Duration {
        Duration::from_secs(self.wait)
    }
}

/// `publish`.
#[derive(Debug, Args)]
pub struct PublishArgs {
    /// Where the data is and the time it is published at.
    #[command(flatten)]
    pub data: DataArgs,
    /// The output folder: the built site's root.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Where the output folder is served: an absolute URL or a path such as / or /beacon/.
    #[arg(long, value_name = "URL", default_value = "/")]
    pub site_url: String,
    /// Names the module NAME, whose JS glue and wasm Trunk built into --out (into FOLDER of it,
    /// when given), in the page that loads it: FOLDER/index.html, by default the status pages
    /// (subscribe: the Get updates dialog; embed/sla/filed-now: the SLA embed's due times).
    /// PAGE is the page Trunk built for the module. Repeatable.
    #[arg(long = "module", value_name = "[FOLDER/]NAME=PAGE", value_parser = values::module_page)]
    pub modules: Vec<ModulePage>,
}

/// The region an edit is made in.
#[derive(Debug, Args)]
pub struct RegionArgs {
    /// Where the data is and the time that stamps the edit.
    #[command(flatten)]
    pub data: DataArgs,
    /// The region's id in config.json.
    #[arg(long, value_name = "REGION", value_parser = values::id)]
    pub region: String,
}

/// `incident ...`.
#[derive(Debug, Subcommand)]
pub enum IncidentCommand {
    /// Open an incident, setting the status of the components it names.
    #[command(
        long_about = "Open an incident, setting the status of the components it names.\n\n\
            Each component named in --components gets the status given after `=`, or the one \
            the impact suggests (minor: degraded_performance, major: partial_outage, critical: \
            major_outage). Naming a group sets all its members. The page's status indicator \
            follows. The new incident's id is printed (and generated from the name and time \
            unless --id is given).",
        after_help = "Example:\n  \
            beacon-ops incident open --region americas --name \"Slow restores\" --impact major \\\n      \
            --status investigating --components am-restores,am-backups=degraded_performance \\\n      \
            --message \"We are looking into slow restores.\"\n\n\
            Exit status: 0 written, 1 refused edit (nothing written), 2 wrong usage."
    )]
    Open(OpenArgs),
    /// Post an update on an open incident or maintenance.
    #[command(
        long_about = "Post an update on an open incident or maintenance.\n\n\
            Posts --message, optionally with a new --status and new component statuses. \
            Moving a maintenance to in_progress without --component-status puts its \
            components under maintenance.",
        after_help = "Examples:\n  \
            beacon-ops incident update --region americas --id 2kzrx0e5pq1m --status identified \\\n      \
            --message \"A storage node is slow.\" --component-status am-restores=degraded_performance\n  \
            beacon-ops incident update --region apac --id apstorage01 --status in_progress \\\n      \
            --message \"Work has started.\"\n\n\
            Exit status: 0 written, 1 refused edit (nothing written), 2 wrong usage."
    )]
    Update(UpdateArgs),
    /// Resolve an incident (or complete a maintenance) and move it to the history.
    #[command(
        long_about = "Resolve an incident (or complete a maintenance) and move it to the history.\n\n\
            Its components go back to operational unless another open incident or maintenance \
            still names them.",
        after_help = "Example:\n  \
            beacon-ops incident resolve --region americas --id 2kzrx0e5pq1m \\\n      \
            --message \"Restores are fast again.\"\n\n\
            Exit status: 0 written, 1 refused edit (nothing written), 2 wrong usage."
    )]
    Resolve(ResolveArgs),
    /// Publish the postmortem of a resolved incident (shown on its page and in its feeds).
    #[command(
        long_about = "Publish the postmortem of a resolved incident.\n\n\
            The postmortem (Markdown, at most 10,000 characters) is shown on the incident's \
            page and in its feed entries; the incident's status becomes postmortem. Running it \
            again replaces the postmortem. An open incident is refused: resolve it first.",
        after_help = "Example:\n  \
            beacon-ops incident postmortem --region americas --id vb8wyevb252g \\\n      \
            --body-file postmortem.md\n\n\
            Exit status: 0 written, 1 refused edit (nothing written), 2 wrong usage."
    )]
    Postmortem(PostmortemArgs),
}

/// `incident postmortem`.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("postmortem").required(true).args(["body", "body_file"]))]
pub struct PostmortemArgs {
    /// The region, the data and the time.
    #[command(flatten)]
    pub region: RegionArgs,
    /// The resolved incident's id.
    #[arg(long, value_name = "ID", value_parser = values::id)]
    pub id: String,
    /// The postmortem (Markdown, at most 10,000 characters).
    #[arg(long, value_name = "TEXT", value_parser = values::message)]
    pub body: Option<String>,
    /// A file holding the postmortem (Markdown, UTF-8, at most 10,000 characters).
    #[arg(long, value_name = "FILE")]
    pub body_file: Option<PathBuf>,
}

/// `incident open`.
#[derive(Debug, Args)]
pub struct OpenArgs {
    /// The region, the data and the time.
    #[command(flatten)]
    pub region: RegionArgs,
    /// The incident's title: one line, at most 200 characters.
    #[arg(long, value_name = "TITLE", value_parser = values::name)]
    pub name: String,
    /// How much the incident hurts.
    #[arg(long, value_enum)]
    pub impact: ImpactArg,
    /// Where the incident starts.
    #[arg(long, value_enum)]
    pub status: OpeningStatus,
    /// The affected components, comma-separated, each optionally with the status to give it.
    ///
    /// STATUS is operational, degraded_performance, partial_outage, major_outage or
    /// under_maintenance; naming a group sets all its members.
    #[arg(
        long,
        value_name = "COMPONENT[=STATUS],...",
        value_delimiter = ',',
        action = clap::ArgAction::Set,
        value_parser = ComponentChange::parse
    )]
    pub components: Vec<ComponentChange>,
    /// The first message (Markdown, at most 10,000 characters).
    #[arg(long, value_name = "TEXT", value_parser = values::message)]
    pub message: String,
    /// The incident's id: a-z, 0-9 and -, at most 64 characters, not used yet [default: generated].
    #[arg(long, value_name = "ID", value_parser = values::id)]
    pub id: Option<String>,
}

/// `incident update`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The region, the data and the time.
    #[command(flatten)]
    pub region: RegionArgs,
    /// The open incident's or maintenance's id.
    #[arg(long, value_name = "ID", value_parser = values::id)]
    pub id: String,
    /// The new status [default: unchanged].
    #[arg(long, value_enum)]
    pub status: Option<UpdateStatus>,
    /// The update's message (Markdown, at most 10,000 characters).
    #[arg(long, value_name = "TEXT", value_parser = values::message)]
    pub message: String,
    /// A component whose status changes; repeatable, or comma-separated.
    ///
    /// STATUS is operational, degraded_performance, partial_outage, major_outage or
    /// under_maintenance; naming a group sets all its members.
    #[arg(
        long = "component-status",
        value_name = "COMPONENT=STATUS",
        value_delimiter = ',',
        value_parser = ComponentChange::parse
    )]
    pub component_statuses: Vec<ComponentChange>,
}

/// `incident resolve`.
#[derive(Debug, Args)]
pub struct ResolveArgs {
    /// The region, the data and the time.
    #[command(flatten)]
    pub region: RegionArgs,
    /// The open incident's or maintenance's id.
    #[arg(long, value_name = "ID", value_parser = values::id)]
    pub id: String,
    /// The closing message (Markdown, at most 10,000 characters).
    #[arg(long, value_name = "TEXT", value_parser = values::message)]
    pub message: String,
}

/// `maintenance ...`.
#[derive(Debug, Subcommand)]
pub enum MaintenanceCommand {
    /// Announce a maintenance window.
    #[command(
        long_about = "Announce a maintenance window.\n\n\
            The maintenance is scheduled; its components keep their status until it starts. \
            By hand, `incident update --status in_progress` starts it and `incident resolve` \
            completes it. With --auto-start and --auto-complete the clock does both \
            (`maintenance advance`, which the subscription service runs by itself), and \
            with --remind subscribers are reminded shortly before the start.",
        after_help = "Example:\n  \
            beacon-ops maintenance schedule --region apac --name \"Storage expansion\" \\\n      \
            --from 2026-11-29T01:00:00+08:00 --until 2026-11-29T03:00:00+08:00 \\\n      \
            --components ap-backups-servers --message \"Uploads may pause.\" \\\n      \
            --auto-start --auto-complete --remind\n\n\
            Exit status: 0 written, 1 refused edit (nothing written), 2 wrong usage."
    )]
    Schedule(ScheduleArgs),
    /// Write the maintenance transitions the clock has made due, in every region.
    #[command(
        long_about = "Write the maintenance transitions the clock has made due, in every region.\n\n\
            As of --now: a window scheduled with --auto-start (Statuspage's \
            scheduled_auto_in_progress) whose start has passed gets an \"in progress\" update \
            and its components go under maintenance; a window with --auto-complete \
            (scheduled_auto_completed) whose end has passed gets a \"completed\" update, its \
            components go back to operational and it moves to the history; a window with \
            --remind (scheduled_remind_prior) that starts within --remind-before gets \
            scheduled_reminded_at, which tells the subscription service to send the reminder. \
            Updates are dated at the planned times. Each region is one edit under the \
            folder's lock and journal; a region with nothing due is not written, so running \
            it again changes nothing. The subscription service runs the same on its own \
            clock (`beacon-subscriptions serve --advance-every`).",
        after_help = "Examples:\n  \
            beacon-ops maintenance advance\n  \
            beacon-ops maintenance advance --public site/public --now 2026-11-25T00:00:00+08:00\n\n\
            Exit status: 0 done (also when nothing was due), 1 a region's edit was refused, \
            2 wrong usage."
    )]
    Advance(AdvanceArgs),
}

/// `maintenance advance`.
#[derive(Debug, Args)]
pub struct AdvanceArgs {
    /// Where the data is and the time the clock reads.
    #[command(flatten)]
    pub data: DataArgs,
    /// How long before its start a window with --remind is reminded of.
    #[arg(long, value_name = "MINUTES", default_value_t = DEFAULT_REMIND_PRIOR_MINUTES, value_parser = clap::value_parser!(u32).range(1..=10080))]
    pub remind_before: u32,
}

/// `maintenance schedule`.
#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// The region, the data and the time.
    #[command(flatten)]
    pub region: RegionArgs,
    /// The maintenance's title: one line, at most 200 characters.
    #[arg(long, value_name = "TITLE", value_parser = values::name)]
    pub name: String,
    /// The planned start.
    #[arg(long, value_name = "RFC3339", value_parser = values::time)]
    pub from: DateTime<FixedOffset>,
    /// The planned end, after the start.
    #[arg(long, value_name = "RFC3339", value_parser = values::time)]
    pub until: DateTime<FixedOffset>,
    /// The affected components, comma-separated (a group stands for its members).
    #[arg(
        long,
        required = true,
        value_name = "COMPONENT,...",
        value_delimiter = ',',
        action = clap::ArgAction::Set,
        value_parser = values::component_id
    )]
    pub components: Vec<String>,
    /// The announcement (Markdown, at most 10,000 characters).
    #[arg(long, value_name = "TEXT", value_parser = values::message)]
    pub message: String,
    /// The maintenance's id: a-z, 0-9 and -, at most 64 characters, not used yet [default: generated].
    #[arg(long, value_name = "ID", value_parser = values::id)]
    pub id: Option<String>,
    /// Start by itself at --from: an "in progress" update, components under maintenance.
    #[arg(long)]
    pub auto_start: bool,
    /// Complete by itself at --until: a "completed" update, components back to operational.
    #[arg(long)]
    pub auto_complete: bool,
    /// Remind subscribers shortly before --from (see `maintenance advance --remind-before`).
    #[arg(long)]
    pub remind: bool,
}

/// Runs `beacon-ops` with the process's arguments, printing the report and returning the exit
/// status: 0 done, 1 data problems or a refused edit, 2 wrong usage (clap prints the error
/// and exits).
pub fn main() -> ExitCode {
    match run::run(Cli::parse().command) {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(report) => {
            eprintln!("{report}");
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("beacon-ops").chain(args.iter().copied()))
    }

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn the_help_states_the_limits_the_readers_apply() {
        use beacon_core::status::limits::{MAX_ID_LEN, MAX_UPDATE_BODY_CHARS};
        let mut command = Cli::command();
        let open = command
            .find_subcommand_mut("incident")
            .and_then(|incident| incident.find_subcommand_mut("open"))
            .expect("incident open")
            .render_long_help()
            .to_string();
        assert!(
            open.contains(&format!("at most {MAX_ID_LEN} characters")),
            "{open}"
        );
        let thousands = format!(
            "{},{:03}",
            MAX_UPDATE_BODY_CHARS / 1000,
            MAX_UPDATE_BODY_CHARS % 1000
        );
        assert!(
            open.contains(&format!("at most {thousands} characters")),
            "{open}"
        );
        assert!(open.contains(&format!("at most {} characters", values::MAX_NAME_CHARS)));
    }

    #[test]
    fn defaults_are_todays() {
        let Command::Publish(publish) = parse(&["publish", "--out", "dist"]).unwrap().command
        else {
            panic!("publish")
        };
        assert_eq!(publish.data.public, PathBuf::from("public"));
        assert_eq!(publish.data.now, None);
        assert_eq!(publish.site_url, "/");
        assert!(publish.modules.is_empty());
    }

    #[test]
    fn lists_and_repeated_options_are_read() {
        let cli = parse(&[
            "incident",
            "update",
            "--region=emea",
            "--id",
            "x1",
            "--message",
            "m",
            "--component-status",
            "a=operational, b=major_outage",
            "--component-status",
            "c",
        ])
        .unwrap();
        let Command::Incident(IncidentCommand::Update(update)) = cli.command else {
            panic!("incident update")
        };
        let ids: Vec<_> = update.component_statuses.iter().map(|c| &c.id).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(update.region.region, "emea");
    }
}
