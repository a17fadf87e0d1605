//! What the SLA calculator and its embed say, as plain functions: the URL state of a calculation,
//! targets and durations in words, instants in a support centre's local time, the one-line reason
//! for a due time, the plan comparison and the embed snippet. Pure Rust, tested natively; the
//! views only put these strings on screen.

use crate::dates::{MONTHS, MONTHS_SHORT};
use chrono::{DateTime, Datelike, NaiveDateTime, TimeDelta, Timelike, Utc};

use super::calendar::{BusinessCalendar, BusinessDayRule, ClockSegment};
use super::engine::{DueTime, LevelChoice, SlaCalculator, SlaError, SlaOutcome, TargetOutcome};
use super::policy::{Classification, Coverage, LocalText, Policy, Source, Target, TargetUnit};
use crate::i18n::{Lang, Msg, Texts};

/// Query parameter names of the calculator and the embed; a link with them reproduces a result.
pub mod param {
    /// Policy id.
    pub const POLICY: &str = "policy";
    /// Plan id (calculator: the chosen plan; embed: one plan).
    pub const PLAN: &str = "plan";
    /// Comma-separated plan ids (embed: plans shown side by side).
    pub const PLANS: &str = "plans";
    /// Severity or priority id.
    pub const SEVERITY: &str = "severity";
    /// Urgency id (matrix policies).
    pub const URGENCY: &str = "urgency";
    /// Impact id (matrix policies).
    pub const IMPACT: &str = "impact";
    /// Priority the customer chose instead of the assigned one (matrix policies).
    pub const OVERRIDE: &str = "override";
    /// Submission time: local `YYYY-MM-DDTHH:MM` in the centre's zone, or an RFC 3339 instant.
    pub const AT: &str = "at";
    /// Support-centre calendar id.
    pub const CENTRE: &str = "centre";
    /// When the ticket went pending, in the same forms as [`AT`].
    pub const PENDING: &str = "pending";
    /// Embed colour scheme: `light`, `dark` or `auto`.
    pub const THEME: &str = "theme";
    /// Embed accent colour, `#rgb` or `#rrggbb`.
    pub const ACCENT: &str = "accent";
    /// Embed compact mode: `1`.
    pub const COMPACT: &str = "compact";
    /// Embed: `1` shows when a ticket filed now would be due under each shown plan.
    pub const DUE: &str = "due";
    /// The origin of the page that frames the embed (`https://shop.example`), the only one the
    /// embed tells its height; the `<beacon-sla>` element sets it.
    pub const ORIGIN: &str = "origin";
}

/// The calculator's inputs as the URL carries them; `None` means "the default".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SlaQuery {
    /// Policy id.
    pub policy: Option<String>,
    /// Plan id.
    pub plan: Option<String>,
    /// Severity or priority id.
    pub severity: Option<String>,
    /// Urgency id.
    pub urgency: Option<String>,
    /// Impact id.
    pub impact: Option<String>,
    /// Customer's priority override.
    pub customer_override: Option<String>,
    /// Submission time as typed (see [`param::AT`]).
    pub at: Option<String>,
    /// Support-centre id.
    pub centre: Option<String>,
    /// Pending-since time as typed.
    pub pending: Option<String>,
}

impl SlaQuery {
    /// Reads the query from a parameter lookup (the URL); empty values count as absent.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> SlaQuery {
        let read = |name: &str| get(name).filter(|v| !v.trim().is_empty());
        SlaQuery {
            policy: read(param::POLICY),
            plan: read(param::PLAN),
            severity: read(param::SEVERITY),
            urgency: read(param::URGENCY),
            impact: read(param::IMPACT),
            customer_override: read(param::OVERRIDE),
            at: read(param::AT),
            centre: read(param::CENTRE),
            pending: read(param::PENDING),
        }
    }

    /// The parameters that are set, in a stable order, for a link.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        [
            (param::POLICY, &self.policy),
            (param::PLAN, &self.plan),
            (param::SEVERITY, &self.severity),
            (param::URGENCY, &self.urgency),
            (param::IMPACT, &self.impact),
            (param::OVERRIDE, &self.customer_override),
            (param::AT, &self.at),
            (param::CENTRE, &self.centre),
            (param::PENDING, &self.pending),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.clone().map(|v| (name, v)))
        .collect()
    }
}

/// Serialises parameters as a query string (`?a=1&b=2`, empty when there are none).
pub fn query_string(pairs: &[(&str, String)]) -> String {
    let joined: Vec<String> = pairs
        .iter()
        .map(|(name, value)| format!("{name}={}", encode_component(value)))
        .collect();
    if joined.is_empty() {
        String::new()
    } else {
        format!("?{}", joined.join("&"))
    }
}

/// Percent-encodes everything but unreserved characters (RFC 3986) and `:` and `,`, which are
/// safe in a query value and keep times and plan lists readable.
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b':' | b',' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// How a ticket's level was picked, with the policy's defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LevelPick {
    /// A severity (or priority) id.
    Level(String),
    /// Urgency and impact, with the customer's override if any.
    Matrix {
        /// Urgency id.
        urgency: String,
        /// Impact id.
        impact: String,
        /// Overriding priority id.
        customer_override: Option<String>,
    },
}

impl LevelPick {
    /// The pick for `query` under `policy`'s classification: unknown or missing ids fall back to
    /// the most severe level, so an old link still shows a result. `None` without targets.
    pub fn from_query(policy: &Policy, query: &SlaQuery) -> Option<LevelPick> {
        let pick = |levels: &[super::policy::Level], wanted: &Option<String>| {
            wanted
                .as_ref()
                .filter(|id| levels.iter().any(|l| &l.id == *id))
                .cloned()
                .or_else(|| levels.first().map(|l| l.id.clone()))
        };
        match policy.classification.as_ref()? {
            Classification::Severities { levels, .. } => {
                Some(LevelPick::Level(pick(levels, &query.severity)?))
            }
            Classification::Matrix {
                urgencies,
                impacts,
                priorities,
                customer_override,
                ..
            } => {
                if query.urgency.is_none() && query.impact.is_none() {
                    if let Some(level) = query
                        .severity
                        .as_ref()
                        .filter(|id| priorities.iter().any(|l| &l.id == *id))
                    {
                        return Some(LevelPick::Level(level.clone()));
                    }
                }
                Some(LevelPick::Matrix {
                    urgency: pick(urgencies, &query.urgency)?,
                    impact: pick(impacts, &query.impact)?,
                    customer_override: query
                        .customer_override
                        .clone()
                        .filter(|id| *customer_override && priorities.iter().any(|l| &l.id == id)),
                })
            }
        }
    }

    /// The engine's view of this pick.
    pub fn choice(&self) -> LevelChoice<'_> {
        match self {
            LevelPick::Level(id) => LevelChoice::Level(id),
            LevelPick::Matrix {
                urgency,
                impact,
                customer_override,
            } => LevelChoice::UrgencyImpact {
                urgency,
                impact,
                customer_override: customer_override.as_deref(),
            },
        }
    }
}

/// The chosen plan id, or the policy's first plan when the query names none or an unknown one.
pub fn chosen_plan<'a>(policy: &'a Policy, query: &SlaQuery) -> Option<&'a str> {
    query
        .plan
        .as_deref()
        .and_then(|id| policy.plan(id))
        .or_else(|| policy.plans.first())
        .map(|p| p.id.as_str())
}

/// The display name of a level id (severity, priority, urgency or impact), or the id itself.
pub fn level_name(policy: &Policy, id: &str) -> String {
    let Some(classification) = policy.classification.as_ref() else {
        return id.to_owned();
    };
    let lists: Vec<&[super::policy::Level]> = match classification {
        Classification::Severities { levels, .. } => vec![levels],
        Classification::Matrix { priorities, .. } => vec![priorities],
    };
    lists
        .into_iter()
        .flatten()
        .find(|l| l.id == id)
        .map_or_else(|| id.to_owned(), |l| l.name.clone())
}

/// One plan's outcome for the same ticket, for the side-by-side comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanOutcome {
    /// Plan id.
    pub plan: String,
    /// Plan name.
    pub name: String,
    /// When the plan's clock runs, in words.
    pub coverage: String,
    /// A limit on those hours to read beside them, in every language ([`Plan::hours_note`]).
    pub hours_note: Option<LocalText>,
    /// The outcome, or why there is none.
    pub outcome: Result<SlaOutcome, SlaError>,
    /// One-line reason for the first-response due time (see [`explain`]).
    pub first_response_reason: Option<String>,
    /// One-line reason for the resolution due time.
    pub resolution_reason: Option<String>,
}

/// The weekday abbreviations, Monday first.
const WEEKDAYS_SHORT: [Msg; 7] = [
    Msg::MondayShort,
    Msg::TuesdayShort,
    Msg::WednesdayShort,
    Msg::ThursdayShort,
    Msg::FridayShort,
    Msg::SaturdayShort,
    Msg::SundayShort,
];

/// The weekday names, Monday first.
const WEEKDAYS: [Msg; 7] = [
    Msg::Monday,
    Msg::Tuesday,
    Msg::Wednesday,
    Msg::Thursday,
    Msg::Friday,
    Msg::Saturday,
    Msg::Sunday,
];

/// The outcome of the same ticket under every plan of `policy`, in document order, with
/// coverage and reasons in `lang`. Builds each plan's coverage calendar once; call it when the
/// inputs change, not per render.
pub fn outcomes_for_all_plans(
    lang: impl Texts,
    policy: &Policy,
    centre: &BusinessCalendar,
    pick: &LevelPick,
    submitted: DateTime<Utc>,
) -> Vec<PlanOutcome> {
    policy
        .plans
        .iter()
        .map(|plan| {
            let calculator = SlaCalculator::new(policy, &plan.id, centre);
            let outcome = calculator.as_ref().map_err(Clone::clone).and_then(|calc| {
                calc.outcome(pick.choice(), submitted, BusinessDayRule::default())
            });
            let calendar = calculator
                .as_ref()
                .ok()
                .and_then(SlaCalculator::calendar)
                .unwrap_or(centre);
            let resolution_calendar = calculator
                .as_ref()
                .ok()
                .and_then(SlaCalculator::resolution_calendar)
                .unwrap_or(centre);
            let reason = |target: Option<&TargetOutcome>, calendar| match target {
                Some(TargetOutcome::Due(due)) => Some(explain(lang, calendar, submitted, due)),
                _ => None,
            };
            PlanOutcome {
                plan: plan.id.clone(),
                name: plan.name.clone(),
                coverage: describe_coverage(lang, &plan.coverage),
                hours_note: plan.hours_note.clone(),
                first_response_reason: reason(
                    outcome.as_ref().ok().map(|o| &o.first_response),
                    calendar,
                ),
                resolution_reason: reason(
                    outcome.as_ref().ok().map(|o| &o.resolution),
                    resolution_calendar,
                ),
                outcome,
            }
        })
        .collect()
}

/// Where a target comes from, as the visitor reads it beside the target: the document, its
/// sentence quoted as written, and the reading applied in the visitor's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    /// The document's title, in its own language.
    pub document: String,
    /// The quote's language (BCP-47), for `lang` on the quotation.
    pub language: String,
    /// The document's sentence, as written.
    pub quote: String,
    /// The reading applied, in the visitor's language.
    pub reading: String,
}

fn source_line(policy: &Policy, source: &Source, lang: Lang) -> SourceLine {
    SourceLine {
        document: policy.document.clone(),
        language: source
            .language
            .clone()
            .unwrap_or_else(|| policy.document_language.clone()),
        quote: source.quote.clone(),
        reading: policy
            .reading(&source.reading)
            .map(|r| r.text.get(lang).to_owned())
            .unwrap_or_default(),
    }
}

/// The source of target `name` (`"first_response"`, `"resolution"`, `"weekend_callback"`) of
/// `plan` at `level`, in `lang`.
///
/// ```
/// use beacon_core::i18n::Lang;
/// use beacon_core::sla::present::target_source;
/// use beacon_core::sla::Policy;
/// let text = include_str!("../../../../public/policies/model-a-black-duck.json");
/// let policy = Policy::from_json("model-a-black-duck.json", text).unwrap();
/// let line = target_source(&policy, "enhanced", "critical", "resolution", Lang::English).unwrap();
/// assert_eq!(line.quote, "Kritisch – Ziellösung: Innerhalb von 2 Geschäftstagen");
/// assert_eq!(line.language, "de");
/// assert!(line.reading.starts_with("Enhanced: only level 1 is round the clock"));
/// ```
pub fn target_source(
    policy: &Policy,
    plan: &str,
    level: &str,
    name: &str,
    lang: Lang,
) -> Option<SourceLine> {
    let source = policy.target_row(plan, level)?.source(name)?;
    Some(source_line(policy, source, lang))
}

/// The source of the lifecycle timer `name` (`"pending_reminder"`, `"forwarded_contact"`, ...),
/// in `lang`.
pub fn lifecycle_source(policy: &Policy, name: &str, lang: Lang) -> Option<SourceLine> {
    let source = policy.lifecycle.as_ref()?.sources.get(name)?;
    Some(source_line(policy, source, lang))
}

/// A target in words, as the policy states it, in `lang`: "2 business hours", "15 business
/// minutes", "1 business day", "24 hours".
///
/// ```
/// use beacon_core::i18n::Lang;
/// use beacon_core::sla::policy::{Target, TargetUnit};
/// use beacon_core::sla::present::describe_target;
///
/// let target = Target { amount: 1, unit: TargetUnit::BusinessDays };
/// assert_eq!(describe_target(Lang::English, &target), "1 business day");
/// let target = Target { amount: 0, unit: TargetUnit::Hours };
/// assert_eq!(describe_target(Lang::French, &target), "0 heure");
/// ```
pub fn describe_target(lang: impl Texts, target: &Target) -> String {
    let (one, other) = match target.unit {
        TargetUnit::Minutes => (Msg::SlaMinutesOne, Msg::SlaMinutesOther),
        TargetUnit::Hours => (Msg::SlaHoursOne, Msg::SlaHoursOther),
        TargetUnit::BusinessMinutes => (Msg::SlaBusinessMinutesOne, Msg::SlaBusinessMinutesOther),
        TargetUnit::BusinessHours => (Msg::SlaBusinessHoursOne, Msg::SlaBusinessHoursOther),
        TargetUnit::BusinessDays => (Msg::SlaBusinessDaysOne, Msg::SlaBusinessDaysOther),
    };
    lang.count(target.amount as usize, one, other)
}

/// When a plan's clock runs, in words in `lang`.
pub fn describe_coverage(lang: impl Texts, coverage: &Coverage) -> String {
    match coverage {
        Coverage::AroundTheClock => lang.text(Msg::CoverageAroundTheClock).into(),
        Coverage::WeeklyHours {
            hours,
            centre_holidays,
        } => {
            let day_short = |d: usize| lang.text(WEEKDAYS_SHORT[d]);
            let mut groups: Vec<DayRun<'_>> = Vec::new();
            for d in 0..7 {
                let day = hours.day(d);
                if day.is_empty() {
                    continue;
                }
                match groups.last_mut() {
                    Some((_, last, h)) if *last + 1 == d && *h == day => *last = d,
                    _ => groups.push((d, d, day)),
                }
            }
            let text: Vec<String> = groups
                .iter()
                .map(|(first, last, day)| {
                    let days = if first == last {
                        day_short(*first).to_owned()
                    } else {
                        format!("{}–{}", day_short(*first), day_short(*last))
                    };
                    let spans: Vec<String> = day
                        .iter()
                        .map(|(a, b)| format!("{}–{}", clock(*a), clock(*b)))
                        .collect();
                    lang.fill(
                        Msg::CoverageDaysHours,
                        &[
                            ("days", &days),
                            ("spans", &spans.join(lang.text(Msg::ListSeparator))),
                        ],
                    )
                })
                .collect();
            let holidays = if *centre_holidays {
                lang.text(Msg::CoverageClosedOnHolidays)
            } else {
                ""
            };
            lang.fill(
                Msg::CoverageLocalTime,
                &[
                    ("hours", &text.join(lang.text(Msg::CoverageGroupSeparator))),
                    ("holidays", holidays),
                ],
            )
        }
        Coverage::CentreHours => lang.text(Msg::CoverageCentreHours).into(),
        Coverage::NotStated => lang.text(Msg::CoverageNotStated).into(),
    }
}

/// Consecutive weekdays (first, last, Monday = 0) sharing the same opening intervals.
type DayRun<'a> = (usize, usize, &'a [(u32, u32)]);

fn clock(seconds: u32) -> String {
    format!("{:02}:{:02}", seconds / 3600, seconds % 3600 / 60)
}

/// A duration in words in `lang`, to the minute: "1 d 2 h 05 min", "45 min", "0 min".
pub fn format_span(lang: impl Texts, span: TimeDelta) -> String {
    let minutes = span.num_minutes().abs();
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let (d, h, padded) = (days.to_string(), hours.to_string(), format!("{mins:02}"));
    match (days, hours) {
        (0, 0) => lang.fill(Msg::SpanMinutes, &[("m", &mins.to_string())]),
        (0, _) => lang.fill(Msg::SpanHours, &[("h", &h), ("m", &padded)]),
        _ => lang.fill(Msg::SpanDays, &[("d", &d), ("h", &h), ("m", &padded)]),
    }
}

/// The live countdown to `due` as of `now` in `lang`: "due in 1 h 05 min 10 s" or "overdue by
/// 3 min".
pub fn format_countdown(lang: impl Texts, due: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let left = due - now;
    if left <= TimeDelta::zero() {
        return lang.fill(Msg::OverdueBy, &[("span", &format_span(lang, left))]);
    }
    let seconds = left.num_seconds() % 60;
    lang.fill(
        Msg::DueIn,
        &[
            ("span", &format_span(lang, left)),
            ("s", &format!("{seconds:02}")),
        ],
    )
}

/// How a plan's due time compares with the chosen plan's, in `lang`: "2 h 30 min sooner",
/// "1 d 0 h 00 min later" or "same time".
pub fn compare_due(lang: impl Texts, chosen: DateTime<Utc>, other: DateTime<Utc>) -> String {
    let difference = other - chosen;
    let span = || format_span(lang, difference);
    if difference.num_minutes() == 0 {
        lang.text(Msg::SameTime).into()
    } else if difference < TimeDelta::zero() {
        lang.fill(Msg::Sooner, &[("span", &span())])
    } else {
        lang.fill(Msg::Later, &[("span", &span())])
    }
}

/// Wall-clock time of `t` in the centre's zone.
pub fn local_time(centre: &BusinessCalendar, t: DateTime<Utc>) -> NaiveDateTime {
    let offset = centre.tz_rule().offset_at(t.timestamp());
    (t + TimeDelta::seconds(i64::from(offset))).naive_utc()
}

/// The value of an `<input type="datetime-local">` showing `t` in the centre's zone.
pub fn to_local_input(centre: &BusinessCalendar, t: DateTime<Utc>) -> String {
    local_time(centre, t).format("%Y-%m-%dT%H:%M").to_string()
}

/// Reads a submission time: a local `YYYY-MM-DDTHH:MM[:SS]` is wall-clock time in the centre's
/// zone (as `<input type="datetime-local">` gives it); an RFC 3339 value is an exact instant.
pub fn parse_time(centre: &BusinessCalendar, text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(exact) = DateTime::parse_from_rfc3339(text) {
        return Some(exact.with_timezone(&Utc));
    }
    let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    let seconds = centre.tz_rule().local_to_utc(local.and_utc().timestamp());
    DateTime::from_timestamp(seconds, 0)
}

/// The exact UTC instant for `<time datetime>`: "2026-11-20T22:00:00Z" (years 0 to 9999, the
/// calendars' range and more). Written without chrono's formatter, which would be a large part
/// of the embed's due-time module.
///
/// ```
/// use beacon_core::sla::present::utc_stamp;
/// let t = chrono::DateTime::from_timestamp(1_795_730_400, 0).unwrap();
/// assert_eq!(utc_stamp(t), "2026-11-26T22:00:00Z");
/// assert_eq!(utc_stamp(t), t.format("%Y-%m-%dT%H:%M:%SZ").to_string());
/// ```
pub fn utc_stamp(t: DateTime<Utc>) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// `t` in the centre's zone with the zone's abbreviation, in `lang` (the abbreviation stays as
/// the rules name it): "Fri 20 Nov 2026, 17:00 EST".
pub fn format_in_centre(lang: impl Texts, centre: &BusinessCalendar, t: DateTime<Utc>) -> String {
    let local = local_time(centre, t);
    let weekday = local.weekday().num_days_from_monday() as usize;
    lang.fill(
        Msg::InCentre,
        &[
            ("wd", lang.text(WEEKDAYS_SHORT[weekday])),
            ("d", &local.day().to_string()),
            ("mon", lang.text(MONTHS_SHORT[local.month0() as usize])),
            ("m", &local.month().to_string()),
            ("y", &local.year().to_string()),
            ("time", &local.format("%H:%M").to_string()),
            ("zone", centre.tz_rule().abbreviation_at(t.timestamp())),
        ],
    )
}

/// "Friday 16:30" (the weekday and time of a local instant).
fn weekday_time(lang: impl Texts, local: NaiveDateTime) -> String {
    lang.fill(
        Msg::ReasonDayTime,
        &[
            ("weekday", weekday_name(lang, local)),
            ("time", &local.format("%H:%M").to_string()),
        ],
    )
}

/// The name of a local instant's weekday.
fn weekday_name(lang: impl Texts, local: NaiveDateTime) -> &'static str {
    lang.text(WEEKDAYS[local.weekday().num_days_from_monday() as usize])
}

/// "Friday 16:30", with the date added when `t` is not within the six days after `reference`.
fn day_and_time(
    lang: impl Texts,
    centre: &BusinessCalendar,
    t: DateTime<Utc>,
    reference: DateTime<Utc>,
) -> String {
    let local = local_time(centre, t);
    let near = local.date() - local_time(centre, reference).date();
    if (0..=6).contains(&near.num_days()) {
        weekday_time(lang, local)
    } else {
        lang.fill(
            Msg::ReasonDayDateTime,
            &[
                ("weekday", weekday_name(lang, local)),
                ("d", &local.day().to_string()),
                ("month", lang.text(MONTHS[local.month0() as usize])),
                ("m", &local.month().to_string()),
                ("time", &local.format("%H:%M").to_string()),
            ],
        )
    }
}

/// Names of the centre's holidays on local dates strictly between the two instants' dates.
fn holidays_between(
    centre: &BusinessCalendar,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<String> {
    let (a, b) = (
        local_time(centre, from).date(),
        local_time(centre, to).date(),
    );
    if !centre.observes_holidays() || b <= a {
        return Vec::new();
    }
    let (Some(first), Some(last)) = (a.succ_opt(), b.pred_opt()) else {
        return Vec::new();
    };
    let mut names: Vec<String> = Vec::new();
    if first <= last {
        names.extend(
            centre
                .holidays_between(first, last)
                .into_iter()
                .map(|h| h.name),
        );
    }
    names.dedup();
    names
}

/// The holidays a pause spans (their names are the calendar's data, as written).
fn after_holidays(lang: impl Texts, names: &[String]) -> String {
    if names.is_empty() {
        String::new()
    } else {
        lang.fill(
            Msg::ReasonClosedFor,
            &[("names", &names.join(lang.text(Msg::ListSeparator)))],
        )
    }
}

/// The one-line reason for a due time in `lang`, in the centre's local time: "filed Friday
/// 16:30: clock stops at 17:00, resumes Monday 08:00". `calendar` is the plan's coverage
/// calendar at the centre (its holidays name the closed days).
pub fn explain(
    lang: impl Texts,
    calendar: &BusinessCalendar,
    submitted: DateTime<Utc>,
    due: &DueTime,
) -> String {
    let filed = weekday_time(lang, local_time(calendar, submitted));
    let when = |t| day_and_time(lang, calendar, t, submitted);
    if !due.target.unit.is_business_time() {
        return lang.fill(
            Msg::ReasonClockTime,
            &[("filed", &filed), ("due", &when(due.due))],
        );
    }
    if due.clock_starts > submitted {
        let holidays = holidays_between(calendar, submitted, due.clock_starts);
        return lang.fill(
            Msg::ReasonOutsideHours,
            &[
                ("filed", &filed),
                ("starts", &when(due.clock_starts)),
                ("closed", &after_holidays(lang, &holidays)),
            ],
        );
    }
    match due.first_pause {
        Some(pause) => {
            let stops_local = local_time(calendar, pause.start);
            let stops = if stops_local.date() == local_time(calendar, submitted).date() {
                lang.fill(
                    Msg::ReasonStopsAt,
                    &[("time", &stops_local.format("%H:%M").to_string())],
                )
            } else {
                lang.fill(Msg::ReasonStopsOn, &[("when", &when(pause.start))])
            };
            let holidays = holidays_between(calendar, pause.start, pause.resume);
            lang.fill(
                Msg::ReasonPause,
                &[
                    ("filed", &filed),
                    ("stops", &stops),
                    ("resumes", &when(pause.resume)),
                    ("closed", &after_holidays(lang, &holidays)),
                ],
            )
        }
        None => lang.fill(
            Msg::ReasonNoPause,
            &[("filed", &filed), ("due", &when(due.due))],
        ),
    }
}

/// One stretch of the timeline bar: its share of the whole span and whether the clock runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimelineBar {
    /// The stretch.
    pub segment: ClockSegment,
    /// Its share of the timeline, in percent (0–100).
    pub percent: f64,
}

/// The clock segments as proportional bars for a timeline.
pub fn timeline(segments: &[ClockSegment]) -> Vec<TimelineBar> {
    let (Some(first), Some(last)) = (segments.first(), segments.last()) else {
        return Vec::new();
    };
    let total = (last.end - first.start).num_seconds().max(1) as f64;
    segments
        .iter()
        .map(|segment| TimelineBar {
            segment: *segment,
            percent: (segment.end - segment.start).num_seconds() as f64 * 100.0 / total,
        })
        .collect()
}

/// Colour scheme of the embed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow the visitor's system setting.
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// Reads `light`, `dark` or anything else as `auto`.
    pub fn parse(text: Option<&str>) -> Theme {
        match text {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::Auto,
        }
    }

    /// The `theme` parameter value.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The choice after this one, for the toggle: system → dark → light → system.
    pub fn next(self) -> Theme {
        match self {
            Theme::Auto => Theme::Dark,
            Theme::Dark => Theme::Light,
            Theme::Light => Theme::Auto,
        }
    }

    /// Words for the toggle in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        lang.text(match self {
            Theme::Auto => Msg::ThemeSystem,
            Theme::Light => Msg::ThemeLight,
            Theme::Dark => Msg::ThemeDark,
        })
    }

    /// The value set as `data-theme` on the document (`None`: follow the system).
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::Auto => None,
            other => Some(other.as_str()),
        }
    }
}

/// The embed's settings as its URL carries them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmbedQuery {
    /// Policy id.
    pub policy: Option<String>,
    /// Plans to show, in order (empty: every plan of the policy).
    pub plans: Vec<String>,
    /// Severity or priority id.
    pub severity: Option<String>,
    /// Colour scheme.
    pub theme: Theme,
    /// Accent colour, validated (`#rgb` or `#rrggbb`), so it is safe as a CSS value.
    pub accent: Option<String>,
    /// Compact layout.
    pub compact: bool,
    /// Show "If you filed now": the due times of a ticket filed at this moment.
    pub due: bool,
    /// Support-centre calendar id for those due times (default: the policy's first centre).
    pub centre: Option<String>,
    /// The framing page's origin as configured (see [`param::ORIGIN`]), validated by
    /// [`web_origin`].
    pub origin: Option<String>,
}

impl EmbedQuery {
    /// Reads the embed's parameters; `plans` and `plan` both add plans; a malformed accent is
    /// ignored.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> EmbedQuery {
        let read = |name: &str| get(name).filter(|v| !v.trim().is_empty());
        let mut plans: Vec<String> = read(param::PLANS)
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect();
        if let Some(plan) = read(param::PLAN) {
            if !plans.contains(&plan) {
                plans.push(plan);
            }
        }
        EmbedQuery {
            policy: read(param::POLICY),
            plans,
            severity: read(param::SEVERITY),
            theme: Theme::parse(read(param::THEME).as_deref()),
            accent: read(param::ACCENT).filter(|c| is_hex_colour(c)),
            compact: matches!(read(param::COMPACT).as_deref(), Some("1" | "true")),
            due: matches!(read(param::DUE).as_deref(), Some("1" | "true")),
            centre: read(param::CENTRE),
            origin: read(param::ORIGIN).and_then(|origin| web_origin(&origin)),
        }
    }

    /// The only origin the embed posts its height to: the configured [`param::ORIGIN`], else
    /// the origin of the page that framed it (`document.referrer`); `None` when neither names
    /// an `http(s)` origin, and then the embed keeps its height to itself (never `"*"`).
    ///
    /// ```
    /// use beacon_core::sla::present::EmbedQuery;
    /// let framed = EmbedQuery::default();
    /// assert_eq!(framed.parent_origin("https://shop.example/plans?x=1").as_deref(), Some("https://shop.example"));
    /// assert_eq!(framed.parent_origin(""), None);
    /// let configured = EmbedQuery::from_params(|name| (name == "origin").then(|| "https://a.example".into()));
    /// assert_eq!(configured.parent_origin("https://b.example/").as_deref(), Some("https://a.example"));
    /// ```
    pub fn parent_origin(&self, referrer: &str) -> Option<String> {
        self.origin.clone().or_else(|| web_origin(referrer))
    }

    /// The parameters, in a stable order, defaults left out.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(policy) = &self.policy {
            pairs.push((param::POLICY, policy.clone()));
        }
        if !self.plans.is_empty() {
            pairs.push((param::PLANS, self.plans.join(",")));
        }
        if let Some(severity) = &self.severity {
            pairs.push((param::SEVERITY, severity.clone()));
        }
        if self.theme != Theme::Auto {
            pairs.push((param::THEME, self.theme.as_str().to_owned()));
        }
        if let Some(accent) = &self.accent {
            pairs.push((param::ACCENT, accent.clone()));
        }
        if self.compact {
            pairs.push((param::COMPACT, "1".to_owned()));
        }
        if self.due {
            pairs.push((param::DUE, "1".to_owned()));
        }
        if let Some(centre) = &self.centre {
            pairs.push((param::CENTRE, centre.clone()));
        }
        if let Some(origin) = &self.origin {
            pairs.push((param::ORIGIN, origin.clone()));
        }
        pairs
    }
}

/// Whether `text` is a CSS hex colour `#rgb` or `#rrggbb`.
pub fn is_hex_colour(text: &str) -> bool {
    let Some(digits) = text.strip_prefix('#') else {
        return false;
    };
    matches!(digits.len(), 3 | 6) && digits.chars().all(|c| c.is_ascii_hexdigit())
}

/// The origin (`scheme://host[:port]`, lowercase) of an `http` or `https` address, or `None`
/// for anything else (empty, `null`, `file:`, a bare word, an address with user info).
///
/// ```
/// use beacon_core::sla::present::web_origin;
/// assert_eq!(web_origin("HTTPS://Shop.Example:8443/a/b?c#d").as_deref(), Some("https://shop.example:8443"));
/// assert_eq!(web_origin("http://127.0.0.1:5000").as_deref(), Some("http://127.0.0.1:5000"));
/// assert_eq!(web_origin("null"), None);
/// assert_eq!(web_origin("javascript:alert(1)"), None);
/// assert_eq!(web_origin("https://user@evil.example/"), None);
/// ```
pub fn web_origin(address: &str) -> Option<String> {
    let address = address.trim();
    let (scheme, rest) = address.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let host = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let valid = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'));
    valid.then(|| format!("{scheme}://{}", host.to_ascii_lowercase()))
}

/// The most characters of a visitor-supplied value (a policy id from the embed's address) an
/// error message repeats.
pub const ECHO_LIMIT: usize = 64;

/// `text` as an error message may repeat it: at most [`ECHO_LIMIT`] characters, then "…".
///
/// ```
/// use beacon_core::sla::present::{echoed, ECHO_LIMIT};
/// assert_eq!(echoed("model-b"), "model-b");
/// let long = "x".repeat(10_000);
/// assert_eq!(echoed(&long).chars().count(), ECHO_LIMIT + 1);
/// assert!(echoed(&long).ends_with('…'));
/// ```
pub fn echoed(text: &str) -> String {
    match text.char_indices().nth(ECHO_LIMIT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// The `type` of the `postMessage` the embed sends its parent with its height.
pub const HEIGHT_MESSAGE: &str = "beacon-sla:height";

/// The HTML a host page pastes to show the embed: the iframe and a resize script that accepts
/// height messages only from the embed's origin and only from its own iframes. `site` is the
/// absolute URL of the app's base (`https://status.example.com/`).
pub fn embed_snippet(site: &str, query: &EmbedQuery) -> String {
    let site = if site.ends_with('/') {
        site.to_owned()
    } else {
        format!("{site}/")
    };
    let origin = origin_of(&site);
    let src = format!("{site}embed/sla/{}", query_string(&query.to_pairs())).replace('&', "&amp;");
    format!(
        r#"<iframe data-beacon-sla src="{src}" title="Support response times" style="width:100%;border:0;height:320px" loading="lazy"></iframe>
<script>
addEventListener("message", function (e) {{
  if (e.origin !== "{origin}" || !e.data || e.data.type !== "{HEIGHT_MESSAGE}") return;
  document.querySelectorAll("iframe[data-beacon-sla]").forEach(function (f) {{
    if (f.contentWindow === e.source) f.style.height = Math.ceil(e.data.height) + "px";
  }});
}});
</script>"#
    )
}

/// `scheme://host[:port]` of an absolute URL.
fn origin_of(url: &str) -> String {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..]
        .find('/')
        .map_or(url.len(), |i| after_scheme + i);
    url[..end].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODEL_A: &str = include_str!("../../../../public/policies/model-a-black-duck.json");
    const MODEL_B: &str = include_str!("../../../../public/policies/model-b-zmanda.json");
    const US: &str = include_str!("../../../../public/policies/calendars/us.json");

    fn policy(text: &str) -> Policy {
        Policy::from_json("policy.json", text).unwrap()
    }

    fn us() -> BusinessCalendar {
        BusinessCalendar::from_json("calendars/us.json", US).unwrap()
    }

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn query(pairs: &[(&str, &str)]) -> SlaQuery {
        SlaQuery::from_params(|name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    fn first_response(outcomes: &[PlanOutcome], plan: &str) -> DueTime {
        let found = outcomes.iter().find(|o| o.plan == plan).unwrap();
        match &found.outcome.as_ref().unwrap().first_response {
            TargetOutcome::Due(due) => due.clone(),
            TargetOutcome::NotStated { note } => panic!("not stated: {note}"),
        }
    }

    #[test]
    fn query_round_trips_through_a_link_and_ignores_empty_values() {
        let q = query(&[
            ("policy", "model-b-zmanda"),
            ("plan", "standard"),
            ("urgency", "high"),
            ("impact", "medium"),
            ("override", "P1"),
            ("at", "2026-11-20T16:30"),
            ("centre", "us"),
            ("severity", ""),
        ]);
        assert_eq!(q.severity, None);
        let link = query_string(&q.to_pairs());
        assert_eq!(
            link,
            "?policy=model-b-zmanda&plan=standard&urgency=high&impact=medium&override=P1&at=2026-11-20T16:30&centre=us"
        );
        assert_eq!(query_string(&[]), "");
        assert_eq!(encode_component("a b&c#"), "a%20b%26c%23");
    }

    #[test]
    fn local_input_is_read_in_the_centre_zone_and_exact_instants_as_given() {
        let us = us();
        assert_eq!(
            parse_time(&us, "2026-11-20T16:30"),
            Some(utc("2026-11-20T21:30:00Z"))
        );
        assert_eq!(
            parse_time(&us, "2026-07-01T09:00"),
            Some(utc("2026-07-01T13:00:00Z")),
            "summer time is EDT, UTC-4"
        );
        assert_eq!(
            parse_time(&us, "2026-11-20T21:30:00Z"),
            Some(utc("2026-11-20T21:30:00Z"))
        );
        assert_eq!(parse_time(&us, "next friday"), None);
        assert_eq!(
            to_local_input(&us, utc("2026-11-20T21:30:00Z")),
            "2026-11-20T16:30"
        );
        assert_eq!(
            format_in_centre(Lang::English, &us, utc("2026-11-20T21:30:00Z")),
            "Fri 20 Nov 2026, 16:30 EST"
        );
        assert_eq!(
            utc_stamp(utc("2026-11-20T21:30:00Z")),
            "2026-11-20T21:30:00Z"
        );
    }

    #[test]
    fn targets_and_coverage_read_as_the_policy_states_them() {
        let t = |amount, unit| Target { amount, unit };
        assert_eq!(
            describe_target(Lang::English, &t(2, TargetUnit::BusinessHours)),
            "2 business hours"
        );
        assert_eq!(
            describe_target(Lang::English, &t(1, TargetUnit::BusinessDays)),
            "1 business day"
        );
        assert_eq!(
            describe_target(Lang::English, &t(15, TargetUnit::BusinessMinutes)),
            "15 business minutes"
        );
        assert_eq!(
            describe_target(Lang::English, &t(24, TargetUnit::Hours)),
            "24 hours"
        );
        let b = policy(MODEL_B);
        assert_eq!(
            describe_coverage(Lang::English, &b.plan("standard").unwrap().coverage),
            "Mon–Fri 08:00–17:00 local time, closed on the centre's holidays"
        );
        assert_eq!(
            describe_coverage(Lang::English, &b.plan("premium").unwrap().coverage),
            "around the clock, every day (24 × 7 × 365)"
        );
    }

    #[test]
    fn friday_evening_ticket_pauses_over_the_weekend() {
        let (a, us) = (policy(MODEL_A), us());
        let submitted = utc("2026-11-20T21:30:00Z");
        let pick = LevelPick::from_query(&a, &query(&[("severity", "critical")])).unwrap();
        let outcomes = outcomes_for_all_plans(Lang::English, &a, &us, &pick, submitted);
        let standard = first_response(&outcomes, "standard");
        assert_eq!(
            standard.due,
            utc("2026-11-23T13:30:00Z"),
            "Monday 08:30 EST"
        );
        let reason = outcomes[0].first_response_reason.as_deref();
        assert_eq!(
            reason,
            Some("filed Friday 16:30: clock stops at 18:00, resumes Monday 08:00")
        );
        let premium = first_response(&outcomes, "premium");
        assert_eq!(premium.due, utc("2026-11-20T22:30:00Z"));
        assert_eq!(
            compare_due(Lang::English, standard.due, premium.due),
            "2 d 15 h 00 min sooner"
        );
        let bars = timeline(&standard.segments);
        assert_eq!(
            bars.iter().map(|b| b.segment.running).collect::<Vec<_>>(),
            vec![true, false, true]
        );
        let total: f64 = bars.iter().map(|b| b.percent).sum();
        assert!((total - 100.0).abs() < 1e-9);
    }

    #[test]
    fn holiday_is_named_in_the_reason() {
        let (b, us) = (policy(MODEL_B), us());
        let submitted = utc("2026-11-25T21:30:00Z");
        let pick =
            LevelPick::from_query(&b, &query(&[("urgency", "high"), ("impact", "high")])).unwrap();
        let outcomes = outcomes_for_all_plans(Lang::English, &b, &us, &pick, submitted);
        let standard = first_response(&outcomes, "standard");
        assert_eq!(
            standard.due,
            utc("2026-11-27T13:30:00Z"),
            "Friday 08:30 EST"
        );
        let calendar = SlaCalculator::new(&b, "standard", &us).unwrap();
        assert_eq!(
            explain(Lang::English, calendar.calendar().unwrap(), submitted, &standard),
            "filed Wednesday 16:30: clock stops at 17:00, resumes Friday 08:00 (closed for Thanksgiving Day)"
        );
    }

    #[test]
    fn outside_hours_the_clock_starts_at_the_next_opening() {
        let (b, us) = (policy(MODEL_B), us());
        let submitted = utc("2026-11-21T15:00:00Z");
        let pick = LevelPick::Level("P2".into());
        let standard = first_response(
            &outcomes_for_all_plans(Lang::English, &b, &us, &pick, submitted),
            "standard",
        );
        let calendar = SlaCalculator::new(&b, "standard", &us).unwrap();
        assert_eq!(
            explain(
                Lang::English,
                calendar.calendar().unwrap(),
                submitted,
                &standard
            ),
            "filed Saturday 10:00, outside support hours: clock starts Monday 08:00"
        );
    }

    #[test]
    fn matrix_pick_derives_the_priority_and_honours_an_allowed_override() {
        let b = policy(MODEL_B);
        let pick = LevelPick::from_query(&b, &query(&[("urgency", "medium"), ("impact", "high")]))
            .unwrap();
        let us = us();
        let submitted = utc("2026-11-24T15:00:00Z");
        let outcomes = outcomes_for_all_plans(Lang::English, &b, &us, &pick, submitted);
        let level = &outcomes[0].outcome.as_ref().unwrap().level;
        assert_eq!(level.assigned.as_deref(), Some("P2"));
        assert_eq!(level.effective, "P2");
        let overridden = LevelPick::from_query(
            &b,
            &query(&[
                ("urgency", "medium"),
                ("impact", "high"),
                ("override", "P1"),
            ]),
        )
        .unwrap();
        let outcomes = outcomes_for_all_plans(Lang::English, &b, &us, &overridden, submitted);
        let level = &outcomes[0].outcome.as_ref().unwrap().level;
        assert_eq!(
            (level.assigned.as_deref(), level.effective.as_str()),
            (Some("P2"), "P1")
        );
        let unknown = LevelPick::from_query(&b, &query(&[("override", "P9")])).unwrap();
        assert_eq!(
            unknown,
            LevelPick::Matrix {
                urgency: "high".into(),
                impact: "high".into(),
                customer_override: None
            }
        );
        assert_eq!(level_name(&b, "P1"), "P1 Critical impact");
    }

    #[test]
    fn not_stated_targets_carry_the_policy_note() {
        let (b, us) = (policy(MODEL_B), us());
        let pick = LevelPick::Level("P1".into());
        let outcomes =
            outcomes_for_all_plans(Lang::English, &b, &us, &pick, utc("2026-11-24T15:00:00Z"));
        let community = outcomes.iter().find(|o| o.plan == "community").unwrap();
        match &community.outcome.as_ref().unwrap().first_response {
            TargetOutcome::NotStated { note } => assert!(note.contains("best effort")),
            other => panic!("expected no target, got {other:?}"),
        }
    }

    #[test]
    fn durations_and_countdowns_read_naturally() {
        assert_eq!(format_span(Lang::English, TimeDelta::minutes(45)), "45 min");
        assert_eq!(
            format_span(Lang::English, TimeDelta::minutes(65)),
            "1 h 05 min"
        );
        assert_eq!(
            format_span(Lang::English, TimeDelta::minutes(1440 + 125)),
            "1 d 2 h 05 min"
        );
        let due = utc("2026-11-20T22:00:00Z");
        assert_eq!(
            format_countdown(Lang::English, due, utc("2026-11-20T20:54:50Z")),
            "due in 1 h 05 min 10 s"
        );
        assert_eq!(
            format_countdown(Lang::English, due, utc("2026-11-20T22:03:00Z")),
            "overdue by 3 min"
        );
        assert_eq!(compare_due(Lang::English, due, due), "same time");
    }

    #[test]
    fn embed_query_validates_the_accent_and_builds_an_origin_checked_snippet() {
        let q = EmbedQuery::from_params(|name| {
            match name {
                "policy" => Some("model-b-zmanda"),
                "plans" => Some("standard, premium"),
                "severity" => Some("P1"),
                "theme" => Some("dark"),
                "accent" => Some("red;background:url(x)"),
                "compact" => Some("1"),
                _ => None,
            }
            .map(str::to_owned)
        });
        assert_eq!(q.plans, vec!["standard", "premium"]);
        assert_eq!(q.accent, None, "only hex colours reach a style attribute");
        assert!(is_hex_colour("#0b57d0") && is_hex_colour("#abc") && !is_hex_colour("#12"));
        let snippet = embed_snippet("http://127.0.0.1:8080/beacon", &q);
        assert!(snippet.contains(
            r#"src="http://127.0.0.1:8080/beacon/embed/sla/?policy=model-b-zmanda&amp;plans=standard,premium&amp;severity=P1&amp;theme=dark&amp;compact=1""#
        ));
        assert!(snippet.contains(r#"e.origin !== "http://127.0.0.1:8080""#));
        assert!(snippet.contains(HEIGHT_MESSAGE));
    }
}
