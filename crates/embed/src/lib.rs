//! The SLA widget for an `<iframe>` on another site (`/embed/sla/`): a small app of its own
//! (`src/bin/beacon-embed.rs`, built by Trunk from `src/embed/index.html` into
//! `embed/sla/`), so a sales page loads neither the status pages nor Leptos for it.
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
//! # Why not Leptos here
//! The widget renders once and never changes, and its budget is 80 KB gzip for everything
//! before data. The same widget as a Leptos app measured 151 KB gzip of wasm alone (a Leptos
//! CSR counter is ~30 KB, the reactive runtime and view code for async loading ~60 KB more);
//! written against `web_sys` it needs neither. Its texts are taken from the [`beacon_core::i18n`]
//! tables at compile time ([`Lang::table_text`] is a `const fn`), so only the widget's own sentences
//! are in its bundle, in every language.

use beacon_core::error::{FieldError, FieldErrors};
use beacon_core::i18n::{Lang, Msg};
use beacon_core::sla::engine::{LevelChoice, SlaCalculator, TargetOutcome};
use beacon_core::sla::policy::{Classification, Target};
use beacon_core::sla::present::{self, fill, EmbedQuery, SlaQuery, SlaWords, SourceLine};
use beacon_core::sla::{BusinessCalendar, BusinessDayRule, Policy};
use chrono::{DateTime, Utc};

/// The interface texts the widget uses, as indexes into [`TEXTS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    /// "Loading…"
    Loading,
    /// "{policy} states no response targets."
    NoTargets,
    /// "Priority"
    Priority,
    /// "Severity"
    Severity,
    /// "not stated in the policy"
    NotStated,
    /// "First response"
    FirstResponse,
    /// "Resolution"
    Resolution,
    /// "Open the SLA calculator"
    OpenCalculator,
    /// "This policy cannot be used: "
    PolicyUnusable,
    /// "{file}: could not be fetched ({reason})"
    ErrFetch,
    /// "{file}: the server answered HTTP {status}"
    ErrHttp,
    /// "{file} at {path}: {reason}"
    ErrDataAt,
    /// "; also {path}: {reason}"
    ErrAlso,
    /// "Source"
    Source,
    /// "Reading"
    Reading,
    /// "How this policy is read"
    HowPolicyIsRead,
    /// "Open questions"
    OpenQuestions,
    /// "If you filed now"
    FiledNow,
    /// "{time} your time"
    FiledNowYours,
    /// "{time} at the centre ({zone})"
    FiledNowCentre,
}

/// The [`Msg`] behind each [`Text`], in the same order.
const MSGS: [Msg; 20] = [
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
    Msg::SourceLabel,
    Msg::ReadingLabel,
    Msg::HowPolicyIsRead,
    Msg::OpenQuestions,
    Msg::FiledNow,
    Msg::FiledNowYours,
    Msg::FiledNowCentre,
];

/// Every [`Text`] in every language, evaluated at compile time from the shared tables.
const TEXTS: [[&str; MSGS.len()]; Lang::ALL.len()] = {
    let mut table = [[""; MSGS.len()]; Lang::ALL.len()];
    let mut lang = 0;
    while lang < Lang::ALL.len() {
        let mut msg = 0;
        while msg < MSGS.len() {
            table[lang][msg] = Lang::ALL[lang].table_text(MSGS[msg]);
            msg += 1;
        }
        lang += 1;
    }
    table
};

/// `text` in `lang`.
pub fn text(lang: Lang, text: Text) -> &'static str {
    TEXTS[index(lang)][text as usize]
}

/// `lang`'s place in [`Lang::ALL`] (and in [`TEXTS`] and [`WORDS`]).
fn index(lang: Lang) -> usize {
    Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)
}

/// The words of each language's [`SlaWords`] that targets and coverage are written with; the
/// rest (month names, due-time and reason sentences the widget never shows) is left empty, so
/// it is not in the widget's bundle.
const WORDS: [SlaWords; Lang::ALL.len()] = {
    const fn targets_and_coverage(all: &SlaWords) -> SlaWords {
        SlaWords {
            zero_is_singular: all.zero_is_singular,
            minutes: all.minutes,
            hours: all.hours,
            business_minutes: all.business_minutes,
            business_hours: all.business_hours,
            business_days: all.business_days,
            around_the_clock: all.around_the_clock,
            weekdays_short: all.weekdays_short,
            days_hours: all.days_hours,
            list_separator: all.list_separator,
            group_separator: all.group_separator,
            local_time: all.local_time,
            closed_on_holidays: all.closed_on_holidays,
            centre_hours: all.centre_hours,
            hours_not_stated: all.hours_not_stated,
            weekdays: [""; 7],
            months_short: [""; 12],
            months: [""; 12],
            span_days: "",
            span_hours: "",
            span_minutes: "",
            due_in: "",
            overdue_by: "",
            same_time: "",
            sooner: "",
            later: "",
            in_centre: "",
            day_time: "",
            day_date_time: "",
            filed_clock_time: "",
            filed_outside: "",
            filed_pause: "",
            stops_at: "",
            stops_on: "",
            filed_no_pause: "",
            closed_for: "",
        }
    }
    let mut words =
        [const { targets_and_coverage(&beacon_core::sla::present::ENGLISH) }; Lang::ALL.len()];
    let mut lang = 1;
    while lang < Lang::ALL.len() {
        words[lang] = targets_and_coverage(Lang::ALL[lang].sla_words());
        lang += 1;
    }
    words
};

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
        match self {
            LoadError::Fetch { file, reason } => fill(
                text(lang, Text::ErrFetch),
                &[("file", file), ("reason", reason)],
            ),
            LoadError::Http { file, status } => fill(
                text(lang, Text::ErrHttp),
                &[("file", file), ("status", &status.to_string())],
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
                        (0, false) => fill(text(lang, Text::ErrDataAt), &values),
                        _ => fill(text(lang, Text::ErrAlso), &values),
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

/// The widget for `policy` as `query` asks, in `lang`; `site` is the site's base URL (ends in
/// `/`), for the link to the full calculator. An unknown severity falls back to the policy's
/// first level, unknown plans are left out, and no plans named means every plan.
pub fn widget(policy: &Policy, query: &EmbedQuery, lang: Lang, site: &str) -> Widget {
    let levels = policy
        .classification
        .as_ref()
        .map(|c| c.target_levels())
        .unwrap_or_default();
    let level = query
        .severity
        .as_ref()
        .filter(|id| levels.iter().any(|l| &&l.id == id))
        .or_else(|| levels.first().map(|l| &l.id));
    let Some(level) = level.cloned() else {
        return Widget::NoTargets(fill(
            text(lang, Text::NoTargets),
            &[("policy", &policy.name)],
        ));
    };
    let words = &WORDS[index(lang)];
    let in_words = |target: Option<Target>| {
        target.map_or_else(
            || text(lang, Text::NotStated).to_owned(),
            |t| present::describe_target_in(words, &t),
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
                        present::describe_coverage_in(words, &plan.coverage),
                        words.group_separator,
                        note.get(lang)
                    ),
                    None => present::describe_coverage_in(words, &plan.coverage),
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
            Some(Classification::Matrix { .. }) => text(lang, Text::Priority),
            _ => text(lang, Text::Severity),
        },
        level: present::level_name(policy, &level),
        plans,
        calculator_href: format!(
            "{site}sla/{}",
            present::query_string(&calculator.to_pairs())
        ),
        calculator_text: text(lang, Text::OpenCalculator),
        labels: [
            text(lang, Text::FirstResponse),
            text(lang, Text::Resolution),
        ],
        source_labels: [text(lang, Text::Source), text(lang, Text::Reading)],
        readings: Readings {
            heading: text(lang, Text::HowPolicyIsRead),
            document: policy.document.clone(),
            document_language: policy.document_language.clone(),
            readings: policy
                .readings
                .iter()
                .map(|r| r.text.get(lang).to_owned())
                .collect(),
            open_label: text(lang, Text::OpenQuestions),
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
        let levels = policy
            .classification
            .as_ref()
            .map(|c| c.target_levels())
            .unwrap_or_default();
        let level = query
            .severity
            .as_ref()
            .filter(|id| levels.iter().any(|l| &&l.id == id))
            .or_else(|| levels.first().map(|l| &l.id))
            .cloned()
            .unwrap_or_default();
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
pub use dom::{parse_policy, render, render_filed_now, show_filed_now, start};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_the_shared_tables_text_in_every_language() {
        let all = [
            Text::Loading,
            Text::NoTargets,
            Text::Priority,
            Text::Severity,
            Text::NotStated,
            Text::FirstResponse,
            Text::Resolution,
            Text::OpenCalculator,
            Text::PolicyUnusable,
            Text::ErrFetch,
            Text::ErrHttp,
            Text::ErrDataAt,
            Text::ErrAlso,
            Text::Source,
            Text::Reading,
            Text::HowPolicyIsRead,
            Text::OpenQuestions,
            Text::FiledNow,
            Text::FiledNowYours,
            Text::FiledNowCentre,
        ];
        assert_eq!(all.len(), MSGS.len());
        for lang in Lang::ALL {
            for (t, msg) in all.into_iter().zip(MSGS) {
                assert_eq!(text(lang, t), lang.text(msg), "{lang:?} {t:?}");
                assert!(!text(lang, t).is_empty());
            }
        }
    }

    #[test]
    fn targets_and_coverage_read_as_in_the_calculator_in_every_language() {
        use beacon_core::sla::policy::{Coverage, TargetUnit};
        let coverages = [
            Coverage::AroundTheClock,
            Coverage::CentreHours,
            Coverage::NotStated,
        ];
        for lang in Lang::ALL {
            let (small, all) = (&WORDS[index(lang)], lang.sla_words());
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
                        present::describe_target_in(small, &target),
                        present::describe_target_in(all, &target)
                    );
                }
            }
            for coverage in &coverages {
                assert_eq!(
                    present::describe_coverage_in(small, coverage),
                    present::describe_coverage_in(all, coverage)
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
