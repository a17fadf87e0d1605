//! Support policies as data: plans and their coverage, severities or an urgency × impact
//! matrix, response and resolution targets, and ticket lifecycle rules. One JSON file per source
//! document under `public/policies/`; a target the document does not give is `null` with a note.

use std::collections::{BTreeMap, BTreeSet};

use super::calendar::{read_hours, WeeklyHours};
use super::tree::{self, as_string, JsonTree, Object};
use crate::error::{FieldErrors, Problems};
use crate::i18n::Lang;

/// A text the visitor reads, given in each of Beacon's languages (keyed by [`Lang::tag`]): the
/// readings a policy file applies are data beside the numbers they explain, not interface text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LocalText(BTreeMap<String, String>);

impl LocalText {
    /// The text in `lang` (every language is present once the file is read).
    ///
    /// ```
    /// use beacon_core::i18n::Lang;
    /// use beacon_core::sla::policy::LocalText;
    /// let text = LocalText::from_pairs(&[("en", "weekdays"), ("de", "werktags")]);
    /// assert_eq!(text.get(Lang::German), "werktags");
    /// assert_eq!(text.get(Lang::Finnish), "weekdays");
    /// ```
    pub fn get(&self, lang: Lang) -> &str {
        self.0
            .get(lang.tag())
            .or_else(|| self.0.get(Lang::English.tag()))
            .map_or("", String::as_str)
    }

    /// A text from `(tag, text)` pairs; languages left out read as English.
    pub fn from_pairs(pairs: &[(&str, &str)]) -> LocalText {
        LocalText(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }
}

fn read_local_text<T: JsonTree>(t: &T, path: &str, p: &mut Problems) -> LocalText {
    let tags: Vec<&str> = Lang::ALL.iter().map(|l| l.tag()).collect();
    let Some(o) = Object::new(t, path, &tags, p) else {
        return LocalText::default();
    };
    let mut texts = BTreeMap::new();
    for tag in tags {
        let text = o.string(tag, p);
        if text.trim().is_empty() {
            p.add(o.path(tag), "give the text in every language");
        }
        texts.insert(tag.to_owned(), text);
    }
    LocalText(texts)
}

/// A validated support policy (one source document).
#[derive(Debug, Clone)]
pub struct Policy {
    /// Policy id (file stem), e.g. `"model-b-zmanda"`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Which source document the numbers come from.
    pub source: String,
    /// The source document's title, in its own language, as the visitor is shown it.
    pub document: String,
    /// The language the document is written in (BCP-47), for the quoted sentences.
    pub document_language: String,
    /// The readings the policy applies to the document's words, each in every language.
    pub readings: Vec<Reading>,
    /// What the document leaves open, each in every language.
    pub open_questions: Vec<LocalText>,
    /// Notes for the reader (assumptions, what the document leaves open).
    pub notes: Vec<String>,
    /// Support plans, in document order.
    pub plans: Vec<Plan>,
    /// How a ticket gets its level, if the policy has targets.
    pub classification: Option<Classification>,
    /// One row per plan × level.
    pub targets: Vec<TargetRow>,
    /// Support-centre calendar ids the policy names (empty: any centre, "local time").
    pub support_centres: Vec<String>,
    /// Pending-ticket and escalation timers, if the document gives them.
    pub lifecycle: Option<Lifecycle>,
}

/// Where a number comes from: the document's sentence, quoted as written, and the reading
/// applied to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The sentence (or table row) of the document, in the document's language.
    pub quote: String,
    /// Id of the [`Reading`] applied.
    pub reading: String,
    /// The quote's language when it is not the document's (a bilingual source).
    pub language: Option<String>,
}

/// A reading the policy applies to the document's words ("business hours of the centre",
/// "24×7: the plan's stated hours"), said in every language: a reading, never the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// Id the sources refer to, e.g. `"business-hours"`.
    pub id: String,
    /// The reading in words.
    pub text: LocalText,
}

/// A support plan and the hours its clock runs.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Plan id, e.g. `"premium"`.
    pub id: String,
    /// Display name, e.g. `"Premium"`.
    pub name: String,
    /// When the plan's SLA clock runs.
    pub coverage: Coverage,
    /// When the resolution clock runs, if the document puts resolution work on other hours than
    /// the plan's cover (Black Duck Enhanced: level 1 answers around the clock, but working
    /// towards the resolution target is level-2 work on standard business hours).
    pub resolution_coverage: Option<Coverage>,
    /// Notes (what the document says about the plan).
    pub notes: Vec<String>,
    /// A limit on the plan's hours the visitor must read beside them (Blancco Enterprise:
    /// weekend cover is for Severity 1 only), in every language.
    pub hours_note: Option<LocalText>,
    /// The plan whose targets this one has, as the document grants them (Zmanda's trial
    /// customers get the Premium SLAs during the evaluation period).
    pub targets_of: Option<String>,
}

impl Plan {
    /// The hours the resolution clock runs: [`Plan::resolution_coverage`] if the plan has its
    /// own, else the plan's coverage.
    pub fn resolution_clock(&self) -> &Coverage {
        self.resolution_coverage.as_ref().unwrap_or(&self.coverage)
    }
}

/// When an SLA clock runs.
#[derive(Debug, Clone)]
pub enum Coverage {
    /// Around the clock, every day (24x7x365); holidays do not pause it.
    AroundTheClock,
    /// Weekly hours in the support centre's local time zone, optionally closed on the centre's
    /// holidays.
    WeeklyHours {
        /// Opening hours.
        hours: WeeklyHours,
        /// Whether the centre's holidays pause the clock.
        centre_holidays: bool,
    },
    /// The support centre's own calendar (its hours and holidays).
    CentreHours,
    /// The document does not state the hours.
    NotStated,
}

/// A named level: severity, priority, urgency or impact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    /// Id used in targets and URLs, e.g. `"critical"`, `"P1"`, `"1"`.
    pub id: String,
    /// Display name, e.g. `"Critical"`.
    pub name: String,
    /// The document's criteria for the level.
    pub description: String,
}

/// How a ticket's level is chosen.
#[derive(Debug, Clone)]
pub enum Classification {
    /// The ticket gets one of these severities.
    Severities {
        /// Severities, most severe first.
        levels: Vec<Level>,
        /// A separate customer-maintained priority (business impact) that does not change
        /// targets, if the document has one.
        customer_priorities: Vec<Level>,
    },
    /// Urgency × impact gives a priority, which the customer may override.
    Matrix {
        /// Urgencies (rows), highest first.
        urgencies: Vec<Level>,
        /// Impacts (columns), highest first.
        impacts: Vec<Level>,
        /// Priorities, highest first.
        priorities: Vec<Level>,
        /// `cells[u][i]`: priority id for urgency `u` and impact `i`.
        cells: Vec<Vec<String>>,
        /// Whether the customer may override the assigned priority.
        customer_override: bool,
    },
}

impl Classification {
    /// The levels targets are given for (severities or priorities).
    pub fn target_levels(&self) -> &[Level] {
        match self {
            Classification::Severities { levels, .. } => levels,
            Classification::Matrix { priorities, .. } => priorities,
        }
    }
}

/// Unit of a target amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetUnit {
    /// Clock minutes (elapsed time, whatever the hours).
    Minutes,
    /// Clock hours (elapsed time, whatever the hours).
    Hours,
    /// Minutes while the plan's coverage is open.
    BusinessMinutes,
    /// Hours while the plan's coverage is open.
    BusinessHours,
    /// Business days of the plan's coverage (see [`super::BusinessDayRule`]).
    BusinessDays,
}

impl TargetUnit {
    fn parse(text: &str) -> Option<TargetUnit> {
        Some(match text {
            "minutes" => TargetUnit::Minutes,
            "hours" => TargetUnit::Hours,
            "business_minutes" => TargetUnit::BusinessMinutes,
            "business_hours" => TargetUnit::BusinessHours,
            "business_days" => TargetUnit::BusinessDays,
            _ => return None,
        })
    }

    /// Whether the unit counts only while the coverage is open.
    pub fn is_business_time(self) -> bool {
        matches!(
            self,
            TargetUnit::BusinessMinutes | TargetUnit::BusinessHours | TargetUnit::BusinessDays
        )
    }
}

/// A target as the policy states it, e.g. 2 business hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// The number in the document.
    pub amount: u32,
    /// Its unit.
    pub unit: TargetUnit,
}

/// Targets of one plan × level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetRow {
    /// Plan id.
    pub plan: String,
    /// Severity or priority id.
    pub level: String,
    /// First (human) response target, `None` where the document gives none.
    pub first_response: Option<Target>,
    /// Resolution target, `None` where the document gives none.
    pub resolution: Option<Target>,
    /// Callback target for tickets submitted on a local Saturday or Sunday, if any.
    pub weekend_callback: Option<Target>,
    /// Why a target is missing, or other remarks.
    pub note: Option<String>,
    /// Where each target comes from, by target name (`first_response`, `resolution`,
    /// `weekend_callback`); given for every target, stated or not.
    pub sources: BTreeMap<String, Source>,
}

impl TargetRow {
    /// The source of the target `name` (`"first_response"`, `"resolution"`, ...).
    pub fn source(&self, name: &str) -> Option<&Source> {
        self.sources.get(name)
    }
}

/// Pending-ticket and escalation timers.
#[derive(Debug, Clone)]
pub struct Lifecycle {
    /// Hours in which business-time lifecycle timers run.
    pub coverage: Coverage,
    /// Reminder to the customer after a ticket has been pending this long.
    pub pending_reminder: Target,
    /// Automatic close after this much inactivity while pending.
    pub pending_auto_close: Target,
    /// Minimum time development needs to review an escalated ticket, if stated.
    pub development_review_at_least: Option<Target>,
    /// A ticket forwarded to the support team: when the team makes contact.
    pub forwarded_contact: Option<Target>,
    /// A ticket forwarded to the support team: when the team closes it by hand.
    pub forwarded_manual_close: Option<Target>,
    /// Notes (wording of the document, discrepancies).
    pub notes: Vec<String>,
    /// Where each timer comes from, by timer name (`pending_reminder`, ...).
    pub sources: BTreeMap<String, Source>,
}

#[derive(Default)]
struct PolicyFile {
    id: String,
    name: String,
    source: String,
    notes: Vec<String>,
    plans: Vec<PlanFile>,
    classification: Option<ClassificationFile>,
    targets: Vec<TargetRowFile>,
    support_centres: Vec<String>,
    lifecycle: Option<LifecycleFile>,
    document: String,
    document_language: String,
    readings: Vec<ReadingFile>,
    open_questions: Vec<LocalText>,
}

#[derive(Default, Clone)]
struct SourceFile {
    quote: String,
    reading: String,
    language: Option<String>,
}

#[derive(Default)]
struct ReadingFile {
    id: String,
    text: LocalText,
}

#[derive(Default)]
struct PlanFile {
    id: String,
    name: String,
    coverage: CoverageFile,
    resolution_coverage: Option<CoverageFile>,
    notes: Vec<String>,
    hours_note: Option<LocalText>,
    targets_of: Option<String>,
}

#[derive(Default)]
struct CoverageFile {
    kind: String,
    hours: BTreeMap<String, Vec<[String; 2]>>,
    holidays: Option<String>,
}

#[derive(Default)]
struct LevelFile {
    id: String,
    name: String,
    description: String,
}

#[derive(Default)]
struct ClassificationFile {
    kind: String,
    severities: Vec<LevelFile>,
    customer_priorities: Vec<LevelFile>,
    urgencies: Vec<LevelFile>,
    impacts: Vec<LevelFile>,
    priorities: Vec<LevelFile>,
    matrix: BTreeMap<String, BTreeMap<String, String>>,
    customer_override: bool,
}

#[derive(Default)]
struct TargetFile {
    amount: i64,
    unit: String,
}

#[derive(Default)]
struct TargetRowFile {
    plan: String,
    level: String,
    first_response: Option<TargetFile>,
    resolution: Option<TargetFile>,
    weekend_callback: Option<TargetFile>,
    note: Option<String>,
    sources: Vec<(String, SourceFile)>,
}

#[derive(Default)]
struct LifecycleFile {
    coverage: CoverageFile,
    pending_reminder: TargetFile,
    pending_auto_close: TargetFile,
    development_review_at_least: Option<TargetFile>,
    forwarded_contact: Option<TargetFile>,
    forwarded_manual_close: Option<TargetFile>,
    notes: Vec<String>,
    sources: Vec<(String, SourceFile)>,
}

fn read_source<T: JsonTree>(t: &T, path: &str, p: &mut Problems) -> SourceFile {
    let Some(o) = Object::new(t, path, &["quote", "reading", "language"], p) else {
        return SourceFile::default();
    };
    SourceFile {
        quote: o.string("quote", p),
        reading: o.string("reading", p),
        language: o.optional_string("language", p),
    }
}

fn read_reading<T: JsonTree>(t: &T, path: &str, p: &mut Problems) -> ReadingFile {
    let Some(o) = Object::new(t, path, &["id", "text"], p) else {
        return ReadingFile::default();
    };
    ReadingFile {
        id: o.string("id", p),
        text: o
            .required("text", p)
            .map(|t| read_local_text(&t, &o.path("text"), p))
            .unwrap_or_default(),
    }
}

// Reading the `*File` structs from a [`JsonTree`]: required members, defaults for the optional
// ones, and unknown members refused, each problem at its path.

fn read_policy<T: JsonTree>(t: &T, p: &mut Problems) -> PolicyFile {
    let fields = [
        "id",
        "name",
        "source",
        "notes",
        "plans",
        "classification",
        "targets",
        "support_centres",
        "lifecycle",
        "document",
        "document_language",
        "readings",
        "open_questions",
    ];
    let Some(o) = Object::new(t, "", &fields, p) else {
        return PolicyFile::default();
    };
    PolicyFile {
        id: o.string("id", p),
        name: o.string("name", p),
        source: o.string("source", p),
        notes: o.list("notes", p, as_string),
        plans: o.list("plans", p, read_plan),
        classification: o
            .get("classification")
            .map(|c| read_classification(&c, &o.path("classification"), p)),
        targets: o.list("targets", p, read_row),
        support_centres: o.list("support_centres", p, as_string),
        lifecycle: o
            .get("lifecycle")
            .map(|l| read_lifecycle(&l, &o.path("lifecycle"), p)),
        document: o.optional_string("document", p).unwrap_or_default(),
        document_language: o
            .optional_string("document_language", p)
            .unwrap_or_default(),
        readings: o.list("readings", p, read_reading),
        open_questions: o.list("open_questions", p, read_local_text),
    }
}

fn read_plan<T: JsonTree>(t: &T, path: &str, p: &mut Problems) -> PlanFile {
    let fields = [
        "id",
        "name",
        "coverage",
        "resolution_coverage",
        "notes",
        "hours_note",
        "targets_of",
    ];
    let Some(o) = Object::new(t, path, &fields, p) else {
        return PlanFile::default();
    };
    PlanFile {
        id: o.string("id", p),
        name: o.string("name", p),
        coverage: o
            .required("coverage", p)
            .map(|c| read_coverage(&c, &o.path("coverage"), p))
            .unwrap_or_default(),
        resolution_coverage: o
            .get("resolution_coverage")
            .map(|c| read_coverage(&c, &o.path("resolution_coverage"), p)),
        notes: o.list("notes", p, as_string),
        hours_note: o
            .get("hours_note")
            .map(|t| read_local_text(&t, &o.path("hours_note"), p)),
        targets_of: o.optional_string("targets_of", p),
    }
}

fn read_coverage<T: JsonTree>(t: &T, path: &str, p: &mut Problems) -> CoverageFile {
    let Some(o) = Object::new(t, path, &["kind", "hours", "holidays"], p) else {
        return CoverageFile::default();
    };
    CoverageFile {
        kind: o.string("kind", p),
        hours: read_hours(&o, p),
        holidays: o.optional_string("holidays", p),
    }
}

fn read_level<T: JsonTree>(t: &T, path: &str, p: &mut Problems) -> LevelFile {
    let Some(o) = Object::new(t, path, &["id", "name", "description"], p) else {
        return LevelFile::default();
    };
    LevelFile {
        id: o.string("id", p),
        name: o.string("name", p),
        description: o.optional_string("description", p).unwrap_or_default(),
    }
}

fn read_classification<T: JsonTree>(t: &T, path: &str, p: &mut Problems) -> ClassificationFile {
    let fields = [
        "kind",
        "severities",
        "customer_priorities",
        "urgencies",
        "impacts",
        "priorities",
        "matrix",
        "customer_override",
    ];
    let Some(o) = Object::new(t, path, &fields, p) else {
        return ClassificationFile::default();
    };
    let matrix = tree::map_of(o.entries("matrix", p, |row, path, p| {
        tree::map_of(tree::entries(row, path, p, as_string))
    }));
    ClassificationFile {
        kind: o.string("kind", p),
        severities: o.list("severities", p, read_level),
        customer_priorities: o.list("customer_priorities", p, read_level),
        urgencies: o.list("urgencies", p, read_level),
        impacts: o.list("impacts", p, read_level),
        priorities: o.list("priorities", p, read_level),
        matrix,
        customer_override: o.optional_bool("customer_override", p).unwrap_or(false),
    }
}

fn read_target<T: JsonTree>(t: &T, path: &str, p: &mut Problems) -> TargetFile {
    let Some(o) = Object::new(t, path, &["amount", "unit"], p) else {
        return TargetFile::default();
    };
    TargetFile {
        amount: o.whole("amount", p),
        unit: o.string("unit", p),
    }
}

fn read_row<T: JsonTree>(t: &T, path: &str, p: &mut Problems) -> TargetRowFile {
    let fields = [
        "plan",
        "level",
        "first_response",
        "resolution",
        "weekend_callback",
        "note",
        "sources",
    ];
    let Some(o) = Object::new(t, path, &fields, p) else {
        return TargetRowFile::default();
    };
    let target =
        |name: &str, p: &mut Problems| o.get(name).map(|t| read_target(&t, &o.path(name), p));
    TargetRowFile {
        plan: o.string("plan", p),
        level: o.string("level", p),
        first_response: target("first_response", p),
        resolution: target("resolution", p),
        weekend_callback: target("weekend_callback", p),
        note: o.optional_string("note", p),
        sources: o.entries("sources", p, read_source),
    }
}

fn read_lifecycle<T: JsonTree>(t: &T, path: &str, p: &mut Problems) -> LifecycleFile {
    let fields = [
        "coverage",
        "pending_reminder",
        "pending_auto_close",
        "development_review_at_least",
        "forwarded_contact",
        "forwarded_manual_close",
        "notes",
        "sources",
    ];
    let Some(o) = Object::new(t, path, &fields, p) else {
        return LifecycleFile::default();
    };
    let required = |name: &str, p: &mut Problems| {
        o.required(name, p)
            .map(|t| read_target(&t, &o.path(name), p))
            .unwrap_or_default()
    };
    LifecycleFile {
        coverage: o
            .required("coverage", p)
            .map(|c| read_coverage(&c, &o.path("coverage"), p))
            .unwrap_or_default(),
        pending_reminder: required("pending_reminder", p),
        pending_auto_close: required("pending_auto_close", p),
        development_review_at_least: o
            .get("development_review_at_least")
            .map(|t| read_target(&t, &o.path("development_review_at_least"), p)),
        forwarded_contact: o
            .get("forwarded_contact")
            .map(|t| read_target(&t, &o.path("forwarded_contact"), p)),
        forwarded_manual_close: o
            .get("forwarded_manual_close")
            .map(|t| read_target(&t, &o.path("forwarded_manual_close"), p)),
        notes: o.list("notes", p, as_string),
        sources: o.entries("sources", p, read_source),
    }
}

fn parse_levels(list: &[LevelFile], path: &str, p: &mut Problems) -> Vec<Level> {
    let mut seen = BTreeSet::new();
    for (i, l) in list.iter().enumerate() {
        if l.id.trim().is_empty() {
            p.add(format!("{path}[{i}].id"), "id is empty");
        } else if !seen.insert(l.id.as_str()) {
            p.add(
                format!("{path}[{i}].id"),
                format!("duplicate id {:?}", l.id),
            );
        }
        if l.name.trim().is_empty() {
            p.add(format!("{path}[{i}].name"), "name is empty");
        }
    }
    list.iter()
        .map(|l| Level {
            id: l.id.clone(),
            name: l.name.clone(),
            description: l.description.clone(),
        })
        .collect()
}

fn coverage_of(c: &CoverageFile, path: &str, p: &mut Problems) -> Coverage {
    let extra_hours = !c.hours.is_empty();
    let cov = match c.kind.as_str() {
        "around_the_clock" => Coverage::AroundTheClock,
        "centre_hours" => Coverage::CentreHours,
        "not_stated" => Coverage::NotStated,
        "weekly_hours" => {
            let hours = WeeklyHours::parse(&c.hours, &format!("{path}.hours"), p);
            if hours.is_never_open() {
                p.add(format!("{path}.hours"), "weekly hours are empty");
            }
            let centre_holidays = match c.holidays.as_deref() {
                Some("centre") => true,
                Some("none") => false,
                _ => {
                    p.add(
                        format!("{path}.holidays"),
                        "say whether the centre's holidays pause the clock: \"centre\" or \"none\"",
                    );
                    false
                }
            };
            return Coverage::WeeklyHours {
                hours,
                centre_holidays,
            };
        }
        other => {
            p.add(
                format!("{path}.kind"),
                format!(
                    "unknown coverage {other:?} (use around_the_clock, weekly_hours, centre_hours, not_stated)"
                ),
            );
            Coverage::NotStated
        }
    };
    if extra_hours || c.holidays.is_some() {
        p.add(
            path,
            "hours and holidays belong to weekly_hours coverage only",
        );
    }
    cov
}

fn target(t: &TargetFile, path: &str, p: &mut Problems) -> Option<Target> {
    let unit = TargetUnit::parse(&t.unit);
    if unit.is_none() {
        p.add(
            format!("{path}.unit"),
            format!(
                "unknown unit {:?} (use minutes, hours, business_minutes, business_hours, business_days)",
                t.unit
            ),
        );
    }
    let amount = u32::try_from(t.amount).ok().filter(|a| *a > 0);
    if amount.is_none() {
        p.add(
            format!("{path}.amount"),
            "amount must be a positive whole number",
        );
    }
    Some(Target {
        amount: amount?,
        unit: unit?,
    })
}

/// Checks the sources of the targets named in `stated` (name, whether the file has the target):
/// every target has one, each quotes a sentence and names a known reading, and no source is for
/// a target the row does not have.
fn check_sources(
    sources: &[(String, SourceFile)],
    stated: &[(&str, bool)],
    reading_ids: &BTreeSet<&str>,
    path: &str,
    p: &mut Problems,
) -> BTreeMap<String, Source> {
    for (name, present) in stated {
        if *present && !sources.iter().any(|(k, _)| k == name) {
            p.add(
                format!("{path}.sources"),
                format!(
                    "give the source of {name}: the document's sentence and the reading applied"
                ),
            );
        }
    }
    let mut out = BTreeMap::new();
    for (name, source) in sources {
        let here = format!("{path}.sources.{name}");
        if !stated.iter().any(|(k, present)| k == name && *present) {
            p.add(
                &here,
                format!("there is no {name} target here to give a source for"),
            );
        }
        if source.quote.trim().is_empty() {
            p.add(format!("{here}.quote"), "quote the document's sentence");
        }
        if !reading_ids.contains(source.reading.as_str()) {
            p.add(
                format!("{here}.reading"),
                format!("unknown reading {:?}", source.reading),
            );
        }
        out.insert(
            name.clone(),
            Source {
                quote: source.quote.clone(),
                reading: source.reading.clone(),
                language: source.language.clone(),
            },
        );
    }
    out
}

fn check_unit_against(coverage: &Coverage, t: Option<Target>, path: &str, p: &mut Problems) {
    if let (Coverage::NotStated, Some(t)) = (coverage, t) {
        if t.unit.is_business_time() {
            p.add(
                path,
                "a business-time target needs stated hours, but the plan's coverage is not_stated",
            );
        }
    }
}

impl Policy {
    /// Parses and validates a policy file, reporting every problem with its field path
    /// (`targets[2].first_response.unit`).
    pub fn from_json(file_name: &str, text: &str) -> Result<Policy, FieldErrors> {
        Policy::from_tree(file_name, &tree::parse(file_name, text)?)
    }

    /// Reads and validates a policy from a parsed document: `serde_json`'s for
    /// [`Policy::from_json`], the browser's `JSON.parse` in the embed. The one reader of the
    /// policy format.
    pub fn from_tree<T: JsonTree>(file_name: &str, tree: &T) -> Result<Policy, FieldErrors> {
        let mut p = Problems::new(file_name);
        let file = read_policy(tree, &mut p);
        p.finish()?;
        Policy::from_file(file_name, file)
    }

    /// Validates a read policy file.
    fn from_file(file_name: &str, file: PolicyFile) -> Result<Policy, FieldErrors> {
        let mut p = Problems::new(file_name);
        if file.id.trim().is_empty() {
            p.add("id", "id is empty");
        }
        if file.source.trim().is_empty() {
            p.add("source", "name the source document");
        }
        if file.document.trim().is_empty() {
            p.add("document", "give the document's title in its own language");
        }
        if file.document_language.trim().is_empty() {
            p.add(
                "document_language",
                "give the document's language, e.g. \"de\"",
            );
        }
        let mut reading_ids = BTreeSet::new();
        for (i, r) in file.readings.iter().enumerate() {
            if r.id.trim().is_empty() || !reading_ids.insert(r.id.as_str()) {
                p.add(
                    format!("readings[{i}].id"),
                    format!("reading ids must be given and unique ({:?})", r.id),
                );
            }
        }
        let readings: Vec<Reading> = file
            .readings
            .iter()
            .map(|r| Reading {
                id: r.id.clone(),
                text: r.text.clone(),
            })
            .collect();
        let mut plan_ids = BTreeSet::new();
        let plans: Vec<Plan> = file
            .plans
            .iter()
            .enumerate()
            .map(|(i, plan)| {
                if !plan_ids.insert(plan.id.as_str()) {
                    p.add(
                        format!("plans[{i}].id"),
                        format!("duplicate plan {:?}", plan.id),
                    );
                }
                let coverage = coverage_of(&plan.coverage, &format!("plans[{i}].coverage"), &mut p);
                if matches!(coverage, Coverage::NotStated) && plan.notes.is_empty() {
                    p.add(
                        format!("plans[{i}].notes"),
                        "say why the hours are not stated",
                    );
                }
                let resolution_coverage = plan
                    .resolution_coverage
                    .as_ref()
                    .map(|c| coverage_of(c, &format!("plans[{i}].resolution_coverage"), &mut p));
                Plan {
                    id: plan.id.clone(),
                    name: plan.name.clone(),
                    coverage,
                    resolution_coverage,
                    notes: plan.notes.clone(),
                    hours_note: plan.hours_note.clone(),
                    targets_of: plan.targets_of.clone(),
                }
            })
            .collect();
        let classification = file.classification.as_ref().map(|c| classify(c, &mut p));
        if !plans.is_empty() && classification.is_none() {
            p.add(
                "classification",
                "a policy with plans needs a classification",
            );
        }
        if plans.is_empty() && file.lifecycle.is_none() {
            p.add(
                "plans",
                "a policy needs plans with targets, or lifecycle rules",
            );
        }
        let mut level_ids = BTreeSet::new();
        if let Some(c) = &classification {
            level_ids.extend(c.target_levels().iter().map(|l| l.id.as_str()));
        }
        let mut rows = Vec::with_capacity(file.targets.len());
        let mut seen = BTreeSet::new();
        for (i, plan) in plans.iter().enumerate() {
            let Some(of) = &plan.targets_of else { continue };
            let here = format!("plans[{i}].targets_of");
            match plans.iter().find(|other| &other.id == of) {
                None => p.add(here, format!("unknown plan {of:?}")),
                Some(other) if other.targets_of.is_some() => p.add(
                    here,
                    format!("plan {of:?} takes its targets from another plan itself"),
                ),
                Some(_) if file.targets.iter().any(|r| r.plan == plan.id) => p.add(
                    here,
                    "a plan with the targets of another plan has no target rows of its own",
                ),
                Some(_) => {}
            }
        }
        for (i, row) in file.targets.iter().enumerate() {
            let here = format!("targets[{i}]");
            let plan = plans.iter().find(|pl| pl.id == row.plan);
            if plan.is_none() {
                p.add(
                    format!("{here}.plan"),
                    format!("unknown plan {:?}", row.plan),
                );
            }
            if !level_ids.contains(row.level.as_str()) {
                p.add(
                    format!("{here}.level"),
                    format!("unknown level {:?}", row.level),
                );
            }
            if !seen.insert((row.plan.clone(), row.level.clone())) {
                p.add(
                    &here,
                    format!(
                        "second row for plan {:?} and level {:?}",
                        row.plan, row.level
                    ),
                );
            }
            let first_response = row
                .first_response
                .as_ref()
                .and_then(|t| target(t, &format!("{here}.first_response"), &mut p));
            let resolution = row
                .resolution
                .as_ref()
                .and_then(|t| target(t, &format!("{here}.resolution"), &mut p));
            let weekend_callback = row
                .weekend_callback
                .as_ref()
                .and_then(|t| target(t, &format!("{here}.weekend_callback"), &mut p));
            if (row.first_response.is_none() || row.resolution.is_none())
                && row.note.as_deref().is_none_or(|n| n.trim().is_empty())
            {
                p.add(
                    format!("{here}.note"),
                    "a missing (null) target needs a note saying the document gives none",
                );
            }
            if let Some(plan) = plan {
                check_unit_against(
                    &plan.coverage,
                    first_response,
                    &format!("{here}.first_response"),
                    &mut p,
                );
                check_unit_against(
                    plan.resolution_clock(),
                    resolution,
                    &format!("{here}.resolution"),
                    &mut p,
                );
            }
            let sources = check_sources(
                &row.sources,
                &[
                    ("first_response", true),
                    ("resolution", true),
                    ("weekend_callback", row.weekend_callback.is_some()),
                ],
                &reading_ids,
                &here,
                &mut p,
            );
            rows.push(TargetRow {
                plan: row.plan.clone(),
                level: row.level.clone(),
                first_response,
                resolution,
                weekend_callback,
                note: row.note.clone(),
                sources,
            });
        }
        for plan in &plans {
            let Some(of) = &plan.targets_of else { continue };
            let copies: Vec<TargetRow> = rows
                .iter()
                .filter(|r| &r.plan == of)
                .map(|r| TargetRow {
                    plan: plan.id.clone(),
                    ..r.clone()
                })
                .collect();
            for row in copies {
                seen.insert((row.plan.clone(), row.level.clone()));
                rows.push(row);
            }
        }
        for plan in &plans {
            for level in &level_ids {
                if !seen.contains(&(plan.id.clone(), (*level).to_owned())) {
                    p.add(
                        "targets",
                        format!("no row for plan {:?} and level {:?}", plan.id, level),
                    );
                }
            }
        }
        for (i, c) in file.support_centres.iter().enumerate() {
            if c.trim().is_empty() {
                p.add(format!("support_centres[{i}]"), "centre id is empty");
            }
        }
        let lifecycle = file.lifecycle.as_ref().and_then(|l| {
            let coverage = coverage_of(&l.coverage, "lifecycle.coverage", &mut p);
            let reminder = target(&l.pending_reminder, "lifecycle.pending_reminder", &mut p);
            let close = target(
                &l.pending_auto_close,
                "lifecycle.pending_auto_close",
                &mut p,
            );
            let review = l
                .development_review_at_least
                .as_ref()
                .map(|t| target(t, "lifecycle.development_review_at_least", &mut p));
            check_unit_against(&coverage, reminder, "lifecycle.pending_reminder", &mut p);
            check_unit_against(&coverage, close, "lifecycle.pending_auto_close", &mut p);
            let forwarded = |name: &str, t: &Option<TargetFile>, p: &mut Problems| {
                let path = format!("lifecycle.{name}");
                let t = t.as_ref().and_then(|t| target(t, &path, p));
                check_unit_against(&coverage, t, &path, p);
                t
            };
            let forwarded_contact = forwarded("forwarded_contact", &l.forwarded_contact, &mut p);
            let forwarded_manual_close =
                forwarded("forwarded_manual_close", &l.forwarded_manual_close, &mut p);
            let sources = check_sources(
                &l.sources,
                &[
                    ("pending_reminder", true),
                    ("pending_auto_close", true),
                    (
                        "development_review_at_least",
                        l.development_review_at_least.is_some(),
                    ),
                    ("forwarded_contact", l.forwarded_contact.is_some()),
                    ("forwarded_manual_close", l.forwarded_manual_close.is_some()),
                ],
                &reading_ids,
                "lifecycle",
                &mut p,
            );
            Some(Lifecycle {
                coverage,
                pending_reminder: reminder?,
                pending_auto_close: close?,
                development_review_at_least: review.flatten(),
                forwarded_contact,
                forwarded_manual_close,
                notes: l.notes.clone(),
                sources,
            })
        });
        p.finish()?;
        Ok(Policy {
            id: file.id,
            name: file.name,
            source: file.source,
            notes: file.notes,
            plans,
            classification,
            targets: rows,
            support_centres: file.support_centres,
            lifecycle,
            document: file.document,
            document_language: file.document_language,
            readings,
            open_questions: file.open_questions,
        })
    }

    /// The reading with this id.
    pub fn reading(&self, id: &str) -> Option<&Reading> {
        self.readings.iter().find(|r| r.id == id)
    }

    /// The plan with this id.
    pub fn plan(&self, id: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.id == id)
    }

    /// The target row for a plan and level.
    pub fn target_row(&self, plan: &str, level: &str) -> Option<&TargetRow> {
        self.targets
            .iter()
            .find(|r| r.plan == plan && r.level == level)
    }
}

fn classify(c: &ClassificationFile, p: &mut Problems) -> Classification {
    match c.kind.as_str() {
        "severities" => {
            let levels = parse_levels(&c.severities, "classification.severities", p);
            if levels.is_empty() {
                p.add("classification.severities", "no severities");
            }
            Classification::Severities {
                levels,
                customer_priorities: parse_levels(
                    &c.customer_priorities,
                    "classification.customer_priorities",
                    p,
                ),
            }
        }
        "urgency_impact_matrix" => {
            let urgencies = parse_levels(&c.urgencies, "classification.urgencies", p);
            let impacts = parse_levels(&c.impacts, "classification.impacts", p);
            let priorities = parse_levels(&c.priorities, "classification.priorities", p);
            let mut cells = Vec::with_capacity(urgencies.len());
            for u in &urgencies {
                let mut row = Vec::with_capacity(impacts.len());
                for i in &impacts {
                    let path = format!("classification.matrix.{}.{}", u.id, i.id);
                    match c.matrix.get(&u.id).and_then(|r| r.get(&i.id)) {
                        Some(prio) if priorities.iter().any(|pr| &pr.id == prio) => {
                            row.push(prio.clone());
                        }
                        Some(prio) => {
                            p.add(path, format!("unknown priority {prio:?}"));
                            row.push(String::new());
                        }
                        None => {
                            p.add(path, "matrix cell missing");
                            row.push(String::new());
                        }
                    }
                }
                cells.push(row);
            }
            for (u, row) in &c.matrix {
                if !urgencies.iter().any(|l| &l.id == u) {
                    p.add(format!("classification.matrix.{u}"), "unknown urgency");
                }
                for i in row.keys() {
                    if !impacts.iter().any(|l| &l.id == i) {
                        p.add(format!("classification.matrix.{u}.{i}"), "unknown impact");
                    }
                }
            }
            Classification::Matrix {
                urgencies,
                impacts,
                priorities,
                cells,
                customer_override: c.customer_override,
            }
        }
        other => {
            p.add(
                "classification.kind",
                format!("unknown classification {other:?} (use severities, urgency_impact_matrix)"),
            );
            Classification::Severities {
                levels: Vec::new(),
                customer_priorities: Vec::new(),
            }
        }
    }
}

/// One entry of `public/policies/index.json`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IndexEntry {
    /// Id of the policy or calendar.
    pub id: String,
    /// File path relative to `public/policies/`.
    pub file: String,
    /// Display name.
    pub name: String,
}

/// `public/policies/index.json`: which policy and calendar files exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyIndex {
    /// Policy files.
    pub policies: Vec<IndexEntry>,
    /// Support-centre calendar files.
    pub calendars: Vec<IndexEntry>,
}

impl PolicyIndex {
    /// Parses the index; ids must be unique and files `.json`.
    pub fn from_json(file_name: &str, text: &str) -> Result<PolicyIndex, FieldErrors> {
        PolicyIndex::from_tree(file_name, &tree::parse(file_name, text)?)
    }

    /// Reads and checks the index from a parsed document ([`PolicyIndex::from_json`], or the
    /// browser's `JSON.parse` in the embed).
    pub fn from_tree<T: JsonTree>(file_name: &str, tree: &T) -> Result<PolicyIndex, FieldErrors> {
        let mut p = Problems::new(file_name);
        let entry = |entry: &T, path: &str, p: &mut Problems| {
            let Some(e) = Object::new(entry, path, &["id", "file", "name"], p) else {
                return IndexEntry::default();
            };
            IndexEntry {
                id: e.string("id", p),
                file: e.string("file", p),
                name: e.string("name", p),
            }
        };
        let (mut policies, mut calendars) = (Vec::new(), Vec::new());
        if let Some(o) = Object::new(tree, "", &["policies", "calendars"], &mut p) {
            for (name, list) in [("policies", &mut policies), ("calendars", &mut calendars)] {
                if let Some(value) = o.required(name, &mut p) {
                    *list = tree::list(&value, name, &mut p, entry);
                }
            }
        }
        p.finish()?;
        PolicyIndex::checked(
            file_name,
            PolicyIndex {
                policies,
                calendars,
            },
        )
    }

    /// Ids must be unique and files `.json`.
    fn checked(file_name: &str, index: PolicyIndex) -> Result<PolicyIndex, FieldErrors> {
        let mut p = Problems::new(file_name);
        for (list, name) in [
            (&index.policies, "policies"),
            (&index.calendars, "calendars"),
        ] {
            let mut seen = BTreeSet::new();
            for (i, e) in list.iter().enumerate() {
                if !seen.insert(e.id.as_str()) {
                    p.add(
                        format!("{name}[{i}].id"),
                        format!("duplicate id {:?}", e.id),
                    );
                }
                if !e.file.ends_with(".json") {
                    p.add(format!("{name}[{i}].file"), "expected a .json file");
                }
            }
        }
        p.finish()?;
        Ok(index)
    }
}
