//! The SLA widget for an `<iframe>` on another site (`/embed/sla/`): a small app of its own
//! (`crates/embed/src/main.rs`, built by its own Trunk run in `.ci/dist` from
//! `crates/embed/index.html` into `embed/sla/`), so a sales page loads neither the status pages
//! nor Leptos for it.
//!
//! What it shows is decided here as plain data ([`widget`], tested natively); [`start`] only
//! fetches the policy, writes that data into the page with `web_sys`, and reports the height.
//!
//! # Host snippet
//! The widget posts `{ type: "beacon-sla:height", height }` to its parent whenever its height
//! changes. The host page resizes the iframe, accepting messages only from Beacon's origin and
//! only from its own iframes (replace the origin and the query with yours; the "Embed this"
//! panel on `/sla` writes it for the current choices):
//!
//! ```html
//! <iframe data-beacon-sla src="https://status.example.com/embed/sla/?policy=model-b-zmanda&amp;plans=standard,premium&amp;severity=P1"
//!   title="Support response times" style="width:100%;border:0;height:320px" loading="lazy"></iframe>
//! <script>
//! addEventListener("message", function (e) {
//!   if (e.origin !== "https://status.example.com" || !e.data || e.data.type !== "beacon-sla:height") return;
//!   document.querySelectorAll("iframe[data-beacon-sla]").forEach(function (f) {
//!     if (f.contentWindow === e.source) f.style.height = Math.ceil(e.data.height) + "px";
//!   });
//! });
//! </script>
//! ```
//!
//! Parameters: `policy`, `plans` (comma-separated) or `plan`, `severity` (a severity or priority
//! id), `theme` (`light`, `dark`, `auto`), `accent` (`#rgb`/`#rrggbb`), `compact=1`, `lang`,
//! `due=1` (when a ticket filed now would be due under each shown plan, updated every second)
//! and `centre` (the calendar for those due times; default: the policy's first centre).
//!
//! # Due times on demand
//! The due times need the calendar engine ([`FiledNow`]), most of what they cost in bytes. It is
//! compiled into a module of its own (bin `beacon-embed-filed-now`, exporting
//! [`show_filed_now_from_json`]), which [`start`] loads through `beacon_browser::lazy` only for
//! `due=1`: every other widget downloads none of it and stays within the 80 KB.
//!
//! # Why not Leptos here
//! The widget renders once and never changes, and its budget is 80 KB gzip for everything
//! before data. The same widget as a Leptos app measured 151 KB gzip of wasm alone (a Leptos
//! CSR counter is ~30 KB, the reactive runtime and view code for async loading ~60 KB more);
//! written against `web_sys` it needs neither. Its texts are taken from the [`beacon_core::i18n`]
//! tables at compile time ([`Lang::table_text`] is a `const fn`), so only the widget's own sentences
//! are in its bundle, in every language.

use beacon_core::error::{FieldError, FieldErrors};
use beacon_core::i18n::{fill, Lang, Msg, Texts};
use beacon_core::sla::engine::{LevelChoice, SlaCalculator, TargetOutcome};
use beacon_core::sla::policy::{Classification, Target};
use beacon_core::sla::present::{self, EmbedQuery, SlaQuery, SourceLine};
use beacon_core::sla::{BusinessCalendar, BusinessDayRule, Policy};
use chrono::{DateTime, Utc};

/// The interface texts the widget shows, from the shared catalogue: its own sentences, then
/// the words targets and coverage are written with (see `present::describe_target` and
/// `present::describe_coverage`).
const KEYS: [Msg; 46] = [
    Msg::Loading,
    Msg::EmbedNoTargets,
    Msg::Priority,
    Msg::Severity,
    Msg::NotStatedInPolicyLower,
    Msg::FirstResponse,
    Msg::Resolution,
    Msg::OpenCalculator,
    Msg::PolicyUnusable,
    Msg::ErrFetch,
    Msg::ErrHttp,
    Msg::ErrDataAt,
    Msg::ErrAlso,
    Msg::ErrTimeout,
    Msg::SlaMinutesOne,
    Msg::SlaMinutesOther,
    Msg::SlaHoursOne,
    Msg::SlaHoursOther,
    Msg::SlaBusinessMinutesOne,
    Msg::SlaBusinessMinutesOther,
    Msg::SlaBusinessHoursOne,
    Msg::SlaBusinessHoursOther,
    Msg::SlaBusinessDaysOne,
    Msg::SlaBusinessDaysOther,
    Msg::CoverageAroundTheClock,
    Msg::MondayShort,
    Msg::TuesdayShort,
    Msg::WednesdayShort,
    Msg::ThursdayShort,
    Msg::FridayShort,
    Msg::SaturdayShort,
    Msg::SundayShort,
    Msg::CoverageDaysHours,
    Msg::ListSeparator,
    Msg::CoverageGroupSeparator,
    Msg::CoverageLocalTime,
    Msg::CoverageClosedOnHolidays,
    Msg::CoverageCentreHours,
    Msg::CoverageNotStated,
    Msg::SourceLabel,
    Msg::ReadingLabel,
    Msg::HowPolicyIsRead,
    Msg::OpenQuestions,
    Msg::FiledNow,
    Msg::FiledNowYours,
    Msg::FiledNowCentre,
];

/// Every text of [`KEYS`] in every language, evaluated at compile time from the shared tables,
/// so only these texts are in the widget's bundle.
const TEXTS: [[&str; KEYS.len()]; Lang::ALL.len()] = {
    let mut table = [[""; KEYS.len()]; Lang::ALL.len()];
    let mut lang = 0;
    while lang < Lang::ALL.len() {
        let mut key = 0;
        while key < KEYS.len() {
            table[lang][key] = Lang::ALL[lang].table_text(KEYS[key]);
            key += 1;
        }
        lang += 1;
    }
    table
};

/// Marks a key the widget does not carry in [`SLOTS`].
const NOT_CARRIED: u8 = u8::MAX;

/// Each key's place in [`KEYS`] (by `Msg as usize`), [`NOT_CARRIED`] for the others.
const SLOTS: [u8; Msg::ALL.len()] = {
    let mut slots = [NOT_CARRIED; Msg::ALL.len()];
    let mut key = 0;
    while key < KEYS.len() {
        slots[KEYS[key] as usize] = key as u8;
        key += 1;
    }
    slots
};

/// The widget's texts in one language: [`KEYS`] from its compile-time table, the same words
/// the calculator reads from the language's table or pack. A key it does not carry reads as
/// empty (the tests show the widget asks for none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WidgetTexts(pub Lang);

impl Texts for WidgetTexts {
    fn lang(self) -> Lang {
        self.0
    }

    fn text(self, msg: Msg) -> &'static str {
        match SLOTS[msg as usize] {
            NOT_CARRIED => "",
            slot => TEXTS[index(self.0)][usize::from(slot)],
        }
    }
}

/// `lang`'s place in [`Lang::ALL`] (and in [`TEXTS`]).
fn index(lang: Lang) -> usize {
    Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)
}

/// Why the widget could not load its policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The request did not complete; the browser's reason.
    Fetch {
        /// The file.
        file: String,
        /// The browser's reason, as it gave it.
        reason: String,
    },
    /// The server answered with an error status.
    Http {
        /// The file.
        file: String,
        /// The HTTP status.
        status: u16,
    },
    /// No answer within the time limit.
    Timeout {
        /// The file.
        file: String,
        /// The limit in seconds.
        seconds: u32,
    },
    /// The file is not JSON, or not a valid index or policy: every problem, with its path
    /// (empty for the whole file) and reason as the parser or validator gave them.
    Invalid(FieldErrors),
}

impl LoadError {
    /// A problem with one field of `file`.
    pub fn at(file: &str, path: &str, reason: impl Into<String>) -> LoadError {
        LoadError::Invalid(FieldError::new(file, path, reason).into())
    }

    /// The problem in `lang`: the sentence around it translated, file names, paths and the
    /// parser's or validator's own reasons verbatim (what an operator searches for).
    pub fn describe(&self, lang: Lang) -> String {
        let texts = WidgetTexts(lang);
        match self {
            LoadError::Fetch { file, reason } => fill(
                texts.text(Msg::ErrFetch),
                &[("file", file), ("reason", reason)],
            ),
            LoadError::Http { file, status } => fill(
                texts.text(Msg::ErrHttp),
                &[("file", file), ("status", &status.to_string())],
            ),
            LoadError::Timeout { file, seconds } => fill(
                texts.text(Msg::ErrTimeout),
                &[("file", file), ("seconds", &seconds.to_string())],
            ),
            LoadError::Invalid(errors) => {
                let mut out = String::new();
                for (i, e) in errors.errors.iter().enumerate() {
                    let values = [
                        ("file", e.file.as_str()),
                        ("path", e.path.as_str()),
                        ("reason", e.reason.as_str()),
                    ];
                    out += &match (i, e.path.is_empty()) {
                        (0, true) => format!("{}: {}", e.file, e.reason),
                        (0, false) => fill(texts.text(Msg::ErrDataAt), &values),
                        _ => fill(texts.text(Msg::ErrAlso), &values),
                    };
                }
                out
            }
        }
    }
}

/// What the widget shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Widget {
    /// The policy is being fetched.
    Loading(&'static str),
    /// A file could not be fetched or does not validate: the translated lead-in and the
    /// problem, naming file and field.
    Problem {
        /// "This policy cannot be used: "
        lead: &'static str,
        /// Which file, which field, why.
        detail: String,
    },
    /// The policy states no targets at all.
    NoTargets(String),
    /// The targets of each chosen plan for one severity.
    Targets(Box<Targets>),
}

/// The policy's targets for one level, per plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Targets {
    /// The policy's name.
    pub policy: String,
    /// "Severity" or "Priority".
    pub level_label: &'static str,
    /// The level's display name ("High", "P1").
    pub level: String,
    /// One card per plan, in the order the policy lists them.
    pub plans: Vec<PlanCard>,
    /// The full calculator for this policy, plan and level.
    pub calculator_href: String,
    /// The link's text.
    pub calculator_text: &'static str,
    /// The "First response" and "Resolution" labels.
    pub labels: [&'static str; 2],
    /// The "Source" and "Reading" labels.
    pub source_labels: [&'static str; 2],
    /// How the policy is read, for the widget's details.
    pub readings: Readings,
}

/// "How this policy is read": the document, the readings and the open questions, in the
/// visitor's language (the document's title as written).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Readings {
    /// "How this policy is read"
    pub heading: &'static str,
    /// The document's title.
    pub document: String,
    /// The document's language.
    pub document_language: String,
    /// Each reading the policy applies.
    pub readings: Vec<String>,
    /// "Open questions"
    pub open_label: &'static str,
    /// What the document leaves open.
    pub open_questions: Vec<String>,
}

/// One plan's card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanCard {
    /// Plan id (for `data-testid`).
    pub id: String,
    /// Plan name.
    pub name: String,
    /// When the plan's clock runs, in words.
    pub coverage: String,
    /// The first-response target in words, or "not stated in the policy".
    pub first_response: String,
    /// The resolution target in words, or "not stated in the policy".
    pub resolution: String,
    /// Where the first-response and resolution targets come from.
    pub sources: [Option<SourceLine>; 2],
}

/// The level the widget shows: the query's severity when the policy has it, else the policy's
/// first target level; `None` for a policy without target levels.
fn shown_level(policy: &Policy, query: &EmbedQuery) -> Option<String> {
    let levels = policy
        .classification
        .as_ref()
        .map(|c| c.target_levels())
        .unwrap_or_default();
    query
        .severity
        .as_ref()
        .filter(|id| levels.iter().any(|l| &&l.id == id))
        .or_else(|| levels.first().map(|l| &l.id))
        .cloned()
}

/// The widget for `policy` as `query` asks, in `lang`; `site` is the site's base URL (ends in
/// `/`), for the link to the full calculator. An unknown severity falls back to the policy's
/// first level, unknown plans are left out, and no plans named means every plan.
pub fn widget(policy: &Policy, query: &EmbedQuery, lang: Lang, site: &str) -> Widget {
    let texts = WidgetTexts(lang);
    let Some(level) = shown_level(policy, query) else {
        return Widget::NoTargets(fill(
            texts.text(Msg::EmbedNoTargets),
            &[("policy", &policy.name)],
        ));
    };
    let in_words = |target: Option<Target>| {
        target.map_or_else(
            || texts.text(Msg::NotStatedInPolicyLower).to_owned(),
            |t| present::describe_target(texts, &t),
        )
    };
    let plans: Vec<PlanCard> = policy
        .plans
        .iter()
        .filter(|p| query.plans.is_empty() || query.plans.contains(&p.id))
        .map(|plan| {
            let row = policy.target_row(&plan.id, &level);
            PlanCard {
                id: plan.id.clone(),
                name: plan.name.clone(),
                coverage: match &plan.hours_note {
                    Some(note) => format!(
                        "{}{}{}",
                        present::describe_coverage(texts, &plan.coverage),
                        texts.text(Msg::CoverageGroupSeparator),
                        note.get(lang)
                    ),
                    None => present::describe_coverage(texts, &plan.coverage),
                },
                first_response: in_words(row.and_then(|r| r.first_response)),
                resolution: in_words(row.and_then(|r| r.resolution)),
                sources: ["first_response", "resolution"]
                    .map(|name| present::target_source(policy, &plan.id, &level, name, lang)),
            }
        })
        .collect();
    let calculator = SlaQuery {
        policy: Some(policy.id.clone()),
        plan: plans.first().map(|p| p.id.clone()),
        severity: Some(level.clone()),
        ..SlaQuery::default()
    };
    Widget::Targets(Box::new(Targets {
        policy: policy.name.clone(),
        level_label: match policy.classification {
            Some(Classification::Matrix { .. }) => texts.text(Msg::Priority),
            _ => texts.text(Msg::Severity),
        },
        level: present::level_name(policy, &level),
        plans,
        calculator_href: format!(
            "{site}sla/{}",
            present::query_string(&calculator.to_pairs())
        ),
        calculator_text: texts.text(Msg::OpenCalculator),
        labels: [texts.text(Msg::FirstResponse), texts.text(Msg::Resolution)],
        source_labels: [texts.text(Msg::SourceLabel), texts.text(Msg::ReadingLabel)],
        readings: Readings {
            heading: texts.text(Msg::HowPolicyIsRead),
            document: policy.document.clone(),
            document_language: policy.document_language.clone(),
            readings: policy
                .readings
                .iter()
                .map(|r| r.text.get(lang).to_owned())
                .collect(),
            open_label: texts.text(Msg::OpenQuestions),
            open_questions: policy
                .open_questions
                .iter()
                .map(|q| q.get(lang).to_owned())
                .collect(),
        },
    }))
}

/// When a ticket filed at one instant would be due under one plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanDue {
    /// Plan id.
    pub plan: String,
    /// Plan name.
    pub name: String,
    /// First-response due instant (`None`: not stated, or outside the calendar's years).
    pub first_response: Option<DateTime<Utc>>,
    /// Resolution due instant.
    pub resolution: Option<DateTime<Utc>>,
}

/// "If you filed now" for the plans the widget shows, prepared once (each plan's coverage
/// calendars at the centre) so the due times can follow the clock every second.
pub struct FiledNow<'a> {
    level: String,
    plans: Vec<(String, String, SlaCalculator<'a>)>,
}

impl<'a> FiledNow<'a> {
    /// Prepares the plans `query` shows, for its level (else the policy's first), at `centre`.
    pub fn new(policy: &'a Policy, query: &EmbedQuery, centre: &'a BusinessCalendar) -> Self {
        let level = shown_level(policy, query).unwrap_or_default();
        let plans = policy
            .plans
            .iter()
            .filter(|p| query.plans.is_empty() || query.plans.contains(&p.id))
            .filter_map(|plan| {
                let calculator = SlaCalculator::new(policy, &plan.id, centre).ok()?;
                Some((plan.id.clone(), plan.name.clone(), calculator))
            })
            .collect();
        FiledNow { level, plans }
    }

    /// When a ticket filed at `now` would be due under each plan.
    pub fn at(&self, now: DateTime<Utc>) -> Vec<PlanDue> {
        let due = |target: &TargetOutcome| match target {
            TargetOutcome::Due(d) => Some(d.due),
            TargetOutcome::NotStated { .. } => None,
        };
        self.plans
            .iter()
            .map(|(plan, name, calculator)| {
                let outcome = calculator
                    .outcome(
                        LevelChoice::Level(&self.level),
                        now,
                        BusinessDayRule::default(),
                    )
                    .ok();
                PlanDue {
                    plan: plan.clone(),
                    name: name.clone(),
                    first_response: outcome.as_ref().and_then(|o| due(&o.first_response)),
                    resolution: outcome.as_ref().and_then(|o| due(&o.resolution)),
                }
            })
            .collect()
    }
}

/// "If you filed now": for each plan the widget shows, when a ticket of its level filed at
/// `now` would be due at `centre`.
pub fn due_if_filed_at(
    policy: &Policy,
    query: &EmbedQuery,
    centre: &BusinessCalendar,
    now: DateTime<Utc>,
) -> Vec<PlanDue> {
    FiledNow::new(policy, query, centre).at(now)
}

/// The calendar id the widget's due times use: the one the URL names, else the policy's first
/// support centre, else the index's first calendar.
pub fn centre_for<'a>(
    query: &'a EmbedQuery,
    policy: &'a Policy,
    first_calendar: Option<&'a str>,
) -> Option<&'a str> {
    query
        .centre
        .as_deref()
        .or_else(|| policy.support_centres.first().map(String::as_str))
        .or(first_calendar)
}

/// The `class` of the widget's root for `query`.
pub fn root_class(query: &EmbedQuery) -> &'static str {
    if query.compact {
        "sla-embed compact"
    } else {
        "sla-embed"
    }
}

/// The site's base URL from the embed page's own base URL (`…/embed/sla/`).
pub fn site_from_embed_base(base: &str) -> String {
    let base = base.split(['?', '#']).next().unwrap_or_default();
    let folder = &base[..base.rfind('/').map_or(0, |i| i + 1)];
    folder
        .strip_suffix("embed/sla/")
        .unwrap_or(folder)
        .to_owned()
}

#[cfg(target_arch = "wasm32")]
mod dom;
#[cfg(target_arch = "wasm32")]
pub use dom::{
    parse_policy, render, render_filed_now, show_filed_now, show_filed_now_from_json, start,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_the_shared_tables_text_in_every_language() {
        for lang in Lang::ALL {
            for msg in KEYS {
                let text = WidgetTexts(lang).text(msg);
                assert_eq!(text, lang.text(msg), "{lang:?} {msg:?}");
                assert!(!text.is_empty(), "{lang:?} {msg:?}");
            }
            assert_eq!(WidgetTexts(lang).text(Msg::Footer), "", "not carried");
        }
    }

    #[test]
    fn targets_and_coverage_read_as_in_the_calculator_in_every_language() {
        use beacon_core::sla::policy::{Coverage, TargetUnit};
        let b = Policy::from_json(
            "model-b.json",
            include_str!("../../../public/policies/model-b-zmanda.json"),
        )
        .unwrap();
        let mut coverages = vec![
            Coverage::AroundTheClock,
            Coverage::CentreHours,
            Coverage::NotStated,
        ];
        coverages.extend(b.plans.iter().map(|plan| plan.coverage.clone()));
        assert!(coverages
            .iter()
            .any(|c| matches!(c, Coverage::WeeklyHours { .. })));
        for lang in Lang::ALL {
            let small = WidgetTexts(lang);
            for unit in [
                TargetUnit::Minutes,
                TargetUnit::Hours,
                TargetUnit::BusinessMinutes,
                TargetUnit::BusinessHours,
                TargetUnit::BusinessDays,
            ] {
                for amount in [0, 1, 2, 15] {
                    let target = Target { amount, unit };
                    assert_eq!(
                        present::describe_target(small, &target),
                        present::describe_target(lang, &target)
                    );
                }
            }
            for coverage in &coverages {
                assert_eq!(
                    present::describe_coverage(small, coverage),
                    present::describe_coverage(lang, coverage)
                );
            }
        }
    }

    #[test]
    fn load_problems_keep_file_path_and_reason_in_every_language() {
        let invalid = LoadError::Invalid(FieldErrors {
            errors: vec![
                FieldError {
                    file: "policies/b.json".into(),
                    path: "targets[0].first_response.unit".into(),
                    reason: "unknown unit \"fortnights\"".into(),
                },
                FieldError {
                    file: "policies/b.json".into(),
                    path: "plans[1].id".into(),
                    reason: "id is empty".into(),
                },
            ],
        });
        assert_eq!(
            invalid.describe(Lang::English),
            "policies/b.json at targets[0].first_response.unit: unknown unit \"fortnights\"; \
             also plans[1].id: id is empty"
        );
        let http = LoadError::Http {
            file: "policies/index.json".into(),
            status: 404,
        };
        assert_eq!(
            http.describe(Lang::English),
            "policies/index.json: the server answered HTTP 404"
        );
        let timeout = LoadError::Timeout {
            file: "policies/index.json".into(),
            seconds: 20,
        };
        assert_eq!(
            timeout.describe(Lang::English),
            "policies/index.json: no answer within 20 seconds"
        );
        assert_eq!(
            timeout.describe(Lang::Finnish),
            "policies/index.json: ei vastausta 20 sekunnissa"
        );
        for lang in Lang::ALL {
            let text = invalid.describe(lang);
            for kept in [
                "policies/b.json",
                "targets[0].first_response.unit",
                "fortnights",
                "plans[1].id",
            ] {
                assert!(text.contains(kept), "{lang:?}: {text}");
            }
            assert!(http.describe(lang).contains("404"));
        }
        assert_eq!(
            LoadError::at("policies/index.json", "", "not JSON").describe(Lang::German),
            "policies/index.json: not JSON"
        );
    }

    #[test]
    fn the_site_is_two_folders_above_the_embed() {
        assert_eq!(
            site_from_embed_base("https://s.example/beacon/embed/sla/?policy=x"),
            "https://s.example/beacon/"
        );
        assert_eq!(
            site_from_embed_base("http://127.0.0.1:8080/embed/sla/index.html"),
            "http://127.0.0.1:8080/"
        );
    }
}
