//! The interface in the visitor's language: the languages Beacon ships, the interface texts as
//! [`Msg`] keys, one exhaustive table per language (the compiler proves no key is missing), a
//! tiny `{name}` placeholder formatter, and the choice of language (URL, remembered, browser).
//!
//! Only interface text is translated; incident text from the data is shown as the operator
//! wrote it.
//!
//! # Where the texts come from
//! The tables (`en.rs`, `de.rs`, …) are the single source of truth. Natively (publishing,
//! pre-rendering, tests) every table is compiled in and [`Lang::text`] reads them. In the
//! browser apps only English is: another language's texts arrive as its *pack*
//! ([`pack`], `i18n/<tag>.<hash>.json`, written by `beacon-ops publish` from the same tables).
//! [`start`] loads the visitor's pack before the app mounts, the [`LanguageSwitch`] loads the
//! new one before it switches, and [`Locale`] shows English (with [`LanguageNotice`] saying
//! why) while a chosen language's pack is missing or failed. Compile-time users (the embed's
//! `const` tables, the packs' name hashes) read [`Lang::table_text`], a `const fn`, which puts
//! only the values they compute into a browser build.

mod de;
mod en;
mod es;
mod fi;
mod fr;
mod ja;
mod nl;
pub mod pack;
mod zh;

use crate::sla::present::SlaWords;

/// Local-storage key of the visitor's language choice.
pub const REMEMBERED_LANG: &str = "beacon.lang";

/// The URL query parameter that carries the language (for shared links).
pub const LANG_PARAM: &str = "lang";

/// A language of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English (the default).
    English,
    /// German.
    German,
    /// Dutch.
    Dutch,
    /// Spanish.
    Spanish,
    /// French.
    French,
    /// Finnish.
    Finnish,
    /// Japanese.
    Japanese,
    /// Simplified Chinese.
    SimplifiedChinese,
}

impl Lang {
    /// Every language, in the switcher's order.
    pub const ALL: [Lang; 8] = [
        Lang::English,
        Lang::German,
        Lang::Dutch,
        Lang::Spanish,
        Lang::French,
        Lang::Finnish,
        Lang::Japanese,
        Lang::SimplifiedChinese,
    ];

    /// The BCP-47 tag, used in `?lang=`, `<html lang>`, for `Intl` and in the pack's file name.
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::English => "en",
            Lang::German => "de",
            Lang::Dutch => "nl",
            Lang::Spanish => "es",
            Lang::French => "fr",
            Lang::Finnish => "fi",
            Lang::Japanese => "ja",
            Lang::SimplifiedChinese => "zh-Hans",
        }
    }

    /// The language's name in itself, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::English => "English",
            Lang::German => "Deutsch",
            Lang::Dutch => "Nederlands",
            Lang::Spanish => "Español",
            Lang::French => "Français",
            Lang::Finnish => "Suomi",
            Lang::Japanese => "日本語",
            Lang::SimplifiedChinese => "简体中文",
        }
    }

    /// The language for a BCP-47 tag as browsers and links give it (`de`, `de-AT`, `zh-CN`,
    /// `zh-Hans`); `None` for languages Beacon does not ship, and for Traditional Chinese,
    /// whose readers are better served by the next language in their list.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
        let mut subtags = tag.split('-');
        let primary = subtags.next()?;
        let lang = match primary {
            "en" => Lang::English,
            "de" => Lang::German,
            "nl" => Lang::Dutch,
            "es" => Lang::Spanish,
            "fr" => Lang::French,
            "fi" => Lang::Finnish,
            "ja" => Lang::Japanese,
            "zh" => {
                if subtags.any(|s| matches!(s, "hant" | "tw" | "hk" | "mo")) {
                    return None;
                }
                Lang::SimplifiedChinese
            }
            _ => return None,
        };
        Some(lang)
    }

    /// The visitor's language: `?lang=` in the link, else the remembered choice, else the first
    /// shipped language of the browser, else English.
    pub fn choose(param: Option<&str>, remembered: Option<&str>, browser: &[String]) -> Lang {
        param
            .and_then(Lang::from_tag)
            .or_else(|| remembered.and_then(Lang::from_tag))
            .or_else(|| Lang::from_preferences(browser.iter().map(String::as_str)))
            .unwrap_or(Lang::English)
    }

    /// The first shipped language in a browser's preference list (`navigator.languages`).
    pub fn from_preferences<'a>(tags: impl IntoIterator<Item = &'a str>) -> Option<Lang> {
        tags.into_iter().find_map(Lang::from_tag)
    }

    /// The interface text for `msg` in this language.
    ///
    /// Natively (publishing, pre-rendering, tests) this is [`Lang::table_text`]. In the browser
    /// only English is compiled in: another language's text comes from its pack
    /// ([`pack`]), installed before the app mounts or before a switch; a key the pack lacks, or
    /// a language whose pack is not installed, reads in English.
    pub fn text(self, msg: Msg) -> &'static str {
        #[cfg(target_arch = "wasm32")]
        {
            match self {
                Lang::English => en::text(msg),
                _ => pack::lookup(self, msg).unwrap_or_else(|| en::text(msg)),
            }
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            self.table_text(msg)
        }
    }

    /// The interface text for `msg` from this language's compiled table: for compile-time use
    /// (the embed's `const` tables, the packs' content hashes) and natively. Called at run time
    /// in a browser build, it would link every language's table into that app; there
    /// [`Lang::text`] reads the installed pack instead.
    pub const fn table_text(self, msg: Msg) -> &'static str {
        match self {
            Lang::English => en::text(msg),
            Lang::German => de::text(msg),
            Lang::Dutch => nl::text(msg),
            Lang::Spanish => es::text(msg),
            Lang::French => fr::text(msg),
            Lang::Finnish => fi::text(msg),
            Lang::Japanese => ja::text(msg),
            Lang::SimplifiedChinese => zh::text(msg),
        }
    }

    /// The words the SLA calculator's sentences (durations, coverage, due times, reasons) are
    /// built from in this language.
    pub const fn sla_words(self) -> &'static SlaWords {
        match self {
            Lang::English => &crate::sla::present::ENGLISH,
            Lang::German => &de::SLA,
            Lang::Dutch => &nl::SLA,
            Lang::Spanish => &es::SLA,
            Lang::French => &fr::SLA,
            Lang::Finnish => &fi::SLA,
            Lang::Japanese => &ja::SLA,
            Lang::SimplifiedChinese => &zh::SLA,
        }
    }

    /// Why the SLA engine could not answer, in this language (ids from the policy stay as
    /// written; the English text is the error's `Display`).
    pub fn sla_error(self, error: &crate::sla::engine::SlaError) -> String {
        use crate::sla::engine::SlaError;
        use crate::sla::CalendarError;
        let id = |msg: Msg, id: &str| self.fill(msg, &[("id", &format!("“{id}”"))]);
        match error {
            SlaError::UnknownPlan(plan) => id(Msg::ErrUnknownPlan, plan),
            SlaError::UnknownLevel(level) => id(Msg::ErrUnknownLevel, level),
            SlaError::UnknownUrgency(urgency) => id(Msg::ErrUnknownUrgency, urgency),
            SlaError::UnknownImpact(impact) => id(Msg::ErrUnknownImpact, impact),
            SlaError::OverrideNotAllowed => self.text(Msg::ErrOverrideNotAllowed).into(),
            SlaError::WrongClassification => self.text(Msg::ErrWrongClassification).into(),
            SlaError::NoTargets => self.text(Msg::ErrNoTargets).into(),
            SlaError::NoLifecycle => self.text(Msg::ErrNoLifecycle).into(),
            SlaError::Calendar(CalendarError::OutOfRange(when)) => self.fill(
                Msg::ErrOutOfRange,
                &[("when", &crate::sla::present::utc_stamp(*when))],
            ),
            SlaError::Calendar(CalendarError::OutsideVerifiedYears { year, first, last }) => self
                .fill(
                    Msg::ErrOutsideVerifiedYears,
                    &[
                        ("year", &year.to_string()),
                        ("first", &first.to_string()),
                        ("last", &last.to_string()),
                    ],
                ),
            SlaError::Calendar(CalendarError::NegativeDuration) => {
                self.text(Msg::ErrNegativeDuration).into()
            }
        }
    }

    /// `msg` with its `{name}` placeholders filled.
    pub fn fill(self, msg: Msg, values: &[(&str, &str)]) -> String {
        fill(self.text(msg), values)
    }

    /// The singular or the plural form for `count` (French counts 0 as singular; Japanese
    /// and Chinese have one form, written the same in both keys), with `{count}` filled.
    pub fn count(self, count: usize, one: Msg, other: Msg) -> String {
        let singular = match self {
            Lang::French => count <= 1,
            _ => count == 1,
        };
        let msg = if singular { one } else { other };
        self.fill(msg, &[("count", &count.to_string())])
    }
}

/// Fills `{name}` placeholders in `template` from `values`; unknown placeholders stay as written.
/// (Pure, so it lives with the SLA presentation helpers, which need it without the views.)
pub use crate::sla::present::fill;

/// The text before and after the `{name}` placeholder, for placing an element (a link, a
/// `<time>`, a `<strong>`) inside a translated sentence. Without the placeholder, all of the
/// template comes before.
pub fn split_at<'a>(template: &'a str, name: &str) -> (&'a str, &'a str) {
    let marker = format!("{{{name}}}");
    match template.find(&marker) {
        Some(at) => (&template[..at], &template[at + marker.len()..]),
        None => (template, ""),
    }
}

/// Interface texts. Each language's table names every key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // a key's documentation is its English text, in `en.rs`
pub enum Msg {
    // The layout.
    SkipToContent,
    SiteNavLabel,
    SlaCalculator,
    AddToCalendar,
    Footer,
    Language,
    Loading,
    // `/` and not found.
    RegionChoice,
    ReasonLastChoice,
    ReasonTimeZone,
    PageNotFound,
    NoPageAt,
    GoToYourRegion,
    // The region pages.
    SiteMisconfigured,
    LoadingCurrentStatus,
    MayBeOutOfDate,
    LastUpdated,
    OfflineWithData,
    UnreadableWithData,
    OfflineNoData,
    UnreadableNoData,
    Components,
    GroupMembersOne,
    GroupMembersOther,
    ActiveIncidents,
    MaintenanceInProgress,
    UpcomingMaintenance,
    UptimeRule,
    IncidentHistory,
    LoadingHistory,
    NoIncidentsReported,
    // Times.
    YourTime,
    Utc,
    RegionTime,
    ShowTimesIn,
    TimesIn,
    LocalZone,
    // Statuses.
    Operational,
    DegradedPerformance,
    PartialOutage,
    MajorOutage,
    UnderMaintenance,
    StatusUnknown,
    UnknownStatusNamed,
    AllSystemsOperational,
    MinorServiceDisruption,
    PartialSystemOutage,
    MajorSystemOutage,
    ServiceUnderMaintenance,
    // Incidents.
    ImpactNone,
    ImpactMinor,
    ImpactMajor,
    ImpactCritical,
    ImpactMaintenance,
    ImpactNamed,
    Investigating,
    Identified,
    Monitoring,
    Resolved,
    Postmortem,
    Scheduled,
    InProgress,
    Verifying,
    Completed,
    Update,
    ScheduledFrom,
    ScheduledUntil,
    Affects,
    UpdatesNewestFirst,
    // Uptime strips.
    NoData,
    DayLabel,
    UptimePercent,
    IncidentsOne,
    IncidentsOther,
    UptimeGroup,
    DaysAgo,
    Today,
    // Theme and markup.
    ThemeSystem,
    ThemeLight,
    ThemeDark,
    ThemeHint,
    ImageOpens,
    ImageNamed,
    // "Get updates".
    GetUpdates,
    GetUpdatesFor,
    Close,
    Sections,
    AllSections,
    How,
    MethodFeeds,
    MethodCalendar,
    MethodBrowser,
    MethodEmail,
    MethodWebhook,
    MethodBadges,
    FeedTitle,
    Copy,
    CopyNamed,
    Copied,
    CopyFailed,
    CopyUnavailable,
    FeedsIntro,
    WholeRegionAtom,
    WholeRegionRss,
    CalendarIntro,
    OpenInCalendar,
    SubscriptionWebcal,
    SubscriptionHttps,
    DownloadCalendar,
    ChooseOneSection,
    NoNotifications,
    NotificationsOnFor,
    SaveSections,
    TurnOffNotifications,
    NotificationsOff,
    TurnOnNotifications,
    BrowserIntro,
    NotificationsBlocked,
    SignedUp,
    SignupUnreachable,
    SignupRejected,
    WebhookUrl,
    WebhookHint,
    EmailAddress,
    EmailHint,
    SigningUp,
    SignUp,
    BadgeAlt,
    BadgesIntro,
    // The "Get updates" module could not be loaded (the status app loads it on demand).
    GetUpdatesFailed,
    TryAgain,
    // The SLA calculator and its embed.
    SlaLede,
    LoadingPolicies,
    LoadingPolicy,
    PolicyUnusable,
    Policy,
    SupportCentre,
    NoTargets,
    PendingTimer,
    PendingSince,
    SubmittedAt,
    UseCurrentTime,
    LinkToResult,
    Plan,
    Severity,
    Priority,
    Urgency,
    Impact,
    CustomerPriority,
    KeepAssignedPriority,
    PriorityFromMatrix,
    BrowserZone,
    LevelCustomerChoice,
    LevelFromMatrix,
    WeekendCallback,
    SubmittedLabel,
    SupportHours,
    FirstResponse,
    Resolution,
    NotStatedInPolicy,
    NotStatedInPolicyLower,
    DueAtCentre,
    DueInYourZone,
    ClockRunning,
    ClockPaused,
    ClockSpan,
    WhenClockRuns,
    LegendRunning,
    LegendPaused,
    PlansSideBySide,
    NotStated,
    ChosenPlanMark,
    FirstResponseCompared,
    StatesResponseTarget,
    NoResponseTarget,
    ComparedWithChosen,
    PendingReminder,
    PendingAutoClose,
    EmbedNoTargets,
    OpenCalculator,
    EmbedThis,
    EmbedIntro,
    AllPlansSideBySide,
    Compact,
    EmbedTheme,
    FollowVisitorTheme,
    Light,
    Dark,
    // Browser notifications.
    NoticeNewIncident,
    NoticeMaintenanceScheduled,
    NoticeUpdate,
    NoticeComponent,
    NoticeWas,
    NoticeMoreOne,
    NoticeMoreOther,
    NoticeChanges,
    // Sign-up checks.
    EmailEmpty,
    EmailSpaces,
    EmailTooLong,
    EmailNoAt,
    EmailTwoAts,
    EmailBadMailbox,
    EmailBadDomain,
    WebhookEmpty,
    UrlSpaces,
    WebhookHttp,
    WebhookNoScheme,
    WebhookCredentials,
    WebhookBadPort,
    WebhookNoHost,
    // Technical details of a failed load (file names, paths and reasons stay as they are).
    ErrFetch,
    ErrHttp,
    ErrHttpMessage,
    ErrDataAt,
    ErrAlso,
    /// SLA engine: no such plan; `{id}`.
    ErrUnknownPlan,
    /// SLA engine: no such severity or priority; `{id}`.
    ErrUnknownLevel,
    /// SLA engine: no such urgency; `{id}`.
    ErrUnknownUrgency,
    /// SLA engine: no such impact; `{id}`.
    ErrUnknownImpact,
    /// SLA engine: the customer may not override the priority.
    ErrOverrideNotAllowed,
    /// SLA engine: the policy classifies tickets differently.
    ErrWrongClassification,
    /// SLA engine: the policy states no targets.
    ErrNoTargets,
    /// SLA engine: the policy has no pending-ticket rules.
    ErrNoLifecycle,
    /// SLA engine: an instant outside the calendar's years; `{when}`.
    ErrOutOfRange,
    /// SLA engine: a negative duration.
    ErrNegativeDuration,
    // The pre-rendered snapshot.
    PrerenderedNote,
    FollowFeeds,
    AtomFeed,
    RssFeed,
    // SLA calculator: sources, readings and live due times (one block, kept together).
    /// Footer of the SLA calculator (its data is the published policies, not live status).
    SlaFooter,
    /// Forwarded ticket: when the support team makes contact.
    ForwardedContact,
    /// Forwarded ticket: when the support team closes it by hand.
    ForwardedManualClose,
    /// Heading of a policy's readings and open questions.
    HowPolicyIsRead,
    /// Label before a target's source document and quoted sentence.
    SourceLabel,
    /// Label before the reading applied to a quoted sentence.
    ReadingLabel,
    /// Heading of what a policy leaves open.
    OpenQuestions,
    /// Heading of the embed's due times for a ticket filed now.
    FiledNow,
    /// A due time in the visitor's zone: {time}.
    FiledNowYours,
    /// A due time at the support centre: {time}, {zone}.
    FiledNowCentre,
    /// SLA engine: a date outside the years a calendar is verified for.
    ErrOutsideVerifiedYears,
}

impl Msg {
    /// The key's name, e.g. `"Operational"`: the key in a language pack and in the pre-rendered
    /// snapshot's `data-i18n` (the same as its `Debug`).
    pub const fn key(self) -> &'static str {
        match self {
            Msg::SkipToContent => "SkipToContent",
            Msg::SiteNavLabel => "SiteNavLabel",
            Msg::SlaCalculator => "SlaCalculator",
            Msg::AddToCalendar => "AddToCalendar",
            Msg::Footer => "Footer",
            Msg::Language => "Language",
            Msg::Loading => "Loading",
            Msg::RegionChoice => "RegionChoice",
            Msg::ReasonLastChoice => "ReasonLastChoice",
            Msg::ReasonTimeZone => "ReasonTimeZone",
            Msg::PageNotFound => "PageNotFound",
            Msg::NoPageAt => "NoPageAt",
            Msg::GoToYourRegion => "GoToYourRegion",
            Msg::SiteMisconfigured => "SiteMisconfigured",
            Msg::LoadingCurrentStatus => "LoadingCurrentStatus",
            Msg::MayBeOutOfDate => "MayBeOutOfDate",
            Msg::LastUpdated => "LastUpdated",
            Msg::OfflineWithData => "OfflineWithData",
            Msg::UnreadableWithData => "UnreadableWithData",
            Msg::OfflineNoData => "OfflineNoData",
            Msg::UnreadableNoData => "UnreadableNoData",
            Msg::Components => "Components",
            Msg::GroupMembersOne => "GroupMembersOne",
            Msg::GroupMembersOther => "GroupMembersOther",
            Msg::ActiveIncidents => "ActiveIncidents",
            Msg::MaintenanceInProgress => "MaintenanceInProgress",
            Msg::UpcomingMaintenance => "UpcomingMaintenance",
            Msg::UptimeRule => "UptimeRule",
            Msg::IncidentHistory => "IncidentHistory",
            Msg::LoadingHistory => "LoadingHistory",
            Msg::NoIncidentsReported => "NoIncidentsReported",
            Msg::YourTime => "YourTime",
            Msg::Utc => "Utc",
            Msg::RegionTime => "RegionTime",
            Msg::ShowTimesIn => "ShowTimesIn",
            Msg::TimesIn => "TimesIn",
            Msg::LocalZone => "LocalZone",
            Msg::Operational => "Operational",
            Msg::DegradedPerformance => "DegradedPerformance",
            Msg::PartialOutage => "PartialOutage",
            Msg::MajorOutage => "MajorOutage",
            Msg::UnderMaintenance => "UnderMaintenance",
            Msg::StatusUnknown => "StatusUnknown",
            Msg::UnknownStatusNamed => "UnknownStatusNamed",
            Msg::AllSystemsOperational => "AllSystemsOperational",
            Msg::MinorServiceDisruption => "MinorServiceDisruption",
            Msg::PartialSystemOutage => "PartialSystemOutage",
            Msg::MajorSystemOutage => "MajorSystemOutage",
            Msg::ServiceUnderMaintenance => "ServiceUnderMaintenance",
            Msg::ImpactNone => "ImpactNone",
            Msg::ImpactMinor => "ImpactMinor",
            Msg::ImpactMajor => "ImpactMajor",
            Msg::ImpactCritical => "ImpactCritical",
            Msg::ImpactMaintenance => "ImpactMaintenance",
            Msg::ImpactNamed => "ImpactNamed",
            Msg::Investigating => "Investigating",
            Msg::Identified => "Identified",
            Msg::Monitoring => "Monitoring",
            Msg::Resolved => "Resolved",
            Msg::Postmortem => "Postmortem",
            Msg::Scheduled => "Scheduled",
            Msg::InProgress => "InProgress",
            Msg::Verifying => "Verifying",
            Msg::Completed => "Completed",
            Msg::Update => "Update",
            Msg::ScheduledFrom => "ScheduledFrom",
            Msg::ScheduledUntil => "ScheduledUntil",
            Msg::Affects => "Affects",
            Msg::UpdatesNewestFirst => "UpdatesNewestFirst",
            Msg::NoData => "NoData",
            Msg::DayLabel => "DayLabel",
            Msg::UptimePercent => "UptimePercent",
            Msg::IncidentsOne => "IncidentsOne",
            Msg::IncidentsOther => "IncidentsOther",
            Msg::UptimeGroup => "UptimeGroup",
            Msg::DaysAgo => "DaysAgo",
            Msg::Today => "Today",
            Msg::ThemeSystem => "ThemeSystem",
            Msg::ThemeLight => "ThemeLight",
            Msg::ThemeDark => "ThemeDark",
            Msg::ThemeHint => "ThemeHint",
            Msg::ImageOpens => "ImageOpens",
            Msg::ImageNamed => "ImageNamed",
            Msg::GetUpdates => "GetUpdates",
            Msg::GetUpdatesFor => "GetUpdatesFor",
            Msg::Close => "Close",
            Msg::Sections => "Sections",
            Msg::AllSections => "AllSections",
            Msg::How => "How",
            Msg::MethodFeeds => "MethodFeeds",
            Msg::MethodCalendar => "MethodCalendar",
            Msg::MethodBrowser => "MethodBrowser",
            Msg::MethodEmail => "MethodEmail",
            Msg::MethodWebhook => "MethodWebhook",
            Msg::MethodBadges => "MethodBadges",
            Msg::FeedTitle => "FeedTitle",
            Msg::Copy => "Copy",
            Msg::CopyNamed => "CopyNamed",
            Msg::Copied => "Copied",
            Msg::CopyFailed => "CopyFailed",
            Msg::CopyUnavailable => "CopyUnavailable",
            Msg::FeedsIntro => "FeedsIntro",
            Msg::WholeRegionAtom => "WholeRegionAtom",
            Msg::WholeRegionRss => "WholeRegionRss",
            Msg::CalendarIntro => "CalendarIntro",
            Msg::OpenInCalendar => "OpenInCalendar",
            Msg::SubscriptionWebcal => "SubscriptionWebcal",
            Msg::SubscriptionHttps => "SubscriptionHttps",
            Msg::DownloadCalendar => "DownloadCalendar",
            Msg::ChooseOneSection => "ChooseOneSection",
            Msg::NoNotifications => "NoNotifications",
            Msg::NotificationsOnFor => "NotificationsOnFor",
            Msg::SaveSections => "SaveSections",
            Msg::TurnOffNotifications => "TurnOffNotifications",
            Msg::NotificationsOff => "NotificationsOff",
            Msg::TurnOnNotifications => "TurnOnNotifications",
            Msg::BrowserIntro => "BrowserIntro",
            Msg::NotificationsBlocked => "NotificationsBlocked",
            Msg::SignedUp => "SignedUp",
            Msg::SignupUnreachable => "SignupUnreachable",
            Msg::SignupRejected => "SignupRejected",
            Msg::WebhookUrl => "WebhookUrl",
            Msg::WebhookHint => "WebhookHint",
            Msg::EmailAddress => "EmailAddress",
            Msg::EmailHint => "EmailHint",
            Msg::SigningUp => "SigningUp",
            Msg::SignUp => "SignUp",
            Msg::BadgeAlt => "BadgeAlt",
            Msg::BadgesIntro => "BadgesIntro",
            Msg::GetUpdatesFailed => "GetUpdatesFailed",
            Msg::TryAgain => "TryAgain",
            Msg::SlaLede => "SlaLede",
            Msg::LoadingPolicies => "LoadingPolicies",
            Msg::LoadingPolicy => "LoadingPolicy",
            Msg::PolicyUnusable => "PolicyUnusable",
            Msg::Policy => "Policy",
            Msg::SupportCentre => "SupportCentre",
            Msg::NoTargets => "NoTargets",
            Msg::PendingTimer => "PendingTimer",
            Msg::PendingSince => "PendingSince",
            Msg::SubmittedAt => "SubmittedAt",
            Msg::UseCurrentTime => "UseCurrentTime",
            Msg::LinkToResult => "LinkToResult",
            Msg::Plan => "Plan",
            Msg::Severity => "Severity",
            Msg::Priority => "Priority",
            Msg::Urgency => "Urgency",
            Msg::Impact => "Impact",
            Msg::CustomerPriority => "CustomerPriority",
            Msg::KeepAssignedPriority => "KeepAssignedPriority",
            Msg::PriorityFromMatrix => "PriorityFromMatrix",
            Msg::BrowserZone => "BrowserZone",
            Msg::LevelCustomerChoice => "LevelCustomerChoice",
            Msg::LevelFromMatrix => "LevelFromMatrix",
            Msg::WeekendCallback => "WeekendCallback",
            Msg::SubmittedLabel => "SubmittedLabel",
            Msg::SupportHours => "SupportHours",
            Msg::FirstResponse => "FirstResponse",
            Msg::Resolution => "Resolution",
            Msg::NotStatedInPolicy => "NotStatedInPolicy",
            Msg::NotStatedInPolicyLower => "NotStatedInPolicyLower",
            Msg::DueAtCentre => "DueAtCentre",
            Msg::DueInYourZone => "DueInYourZone",
            Msg::ClockRunning => "ClockRunning",
            Msg::ClockPaused => "ClockPaused",
            Msg::ClockSpan => "ClockSpan",
            Msg::WhenClockRuns => "WhenClockRuns",
            Msg::LegendRunning => "LegendRunning",
            Msg::LegendPaused => "LegendPaused",
            Msg::PlansSideBySide => "PlansSideBySide",
            Msg::NotStated => "NotStated",
            Msg::ChosenPlanMark => "ChosenPlanMark",
            Msg::FirstResponseCompared => "FirstResponseCompared",
            Msg::StatesResponseTarget => "StatesResponseTarget",
            Msg::NoResponseTarget => "NoResponseTarget",
            Msg::ComparedWithChosen => "ComparedWithChosen",
            Msg::PendingReminder => "PendingReminder",
            Msg::PendingAutoClose => "PendingAutoClose",
            Msg::EmbedNoTargets => "EmbedNoTargets",
            Msg::OpenCalculator => "OpenCalculator",
            Msg::EmbedThis => "EmbedThis",
            Msg::EmbedIntro => "EmbedIntro",
            Msg::AllPlansSideBySide => "AllPlansSideBySide",
            Msg::Compact => "Compact",
            Msg::EmbedTheme => "EmbedTheme",
            Msg::FollowVisitorTheme => "FollowVisitorTheme",
            Msg::Light => "Light",
            Msg::Dark => "Dark",
            Msg::NoticeNewIncident => "NoticeNewIncident",
            Msg::NoticeMaintenanceScheduled => "NoticeMaintenanceScheduled",
            Msg::NoticeUpdate => "NoticeUpdate",
            Msg::NoticeComponent => "NoticeComponent",
            Msg::NoticeWas => "NoticeWas",
            Msg::NoticeMoreOne => "NoticeMoreOne",
            Msg::NoticeMoreOther => "NoticeMoreOther",
            Msg::NoticeChanges => "NoticeChanges",
            Msg::EmailEmpty => "EmailEmpty",
            Msg::EmailSpaces => "EmailSpaces",
            Msg::EmailTooLong => "EmailTooLong",
            Msg::EmailNoAt => "EmailNoAt",
            Msg::EmailTwoAts => "EmailTwoAts",
            Msg::EmailBadMailbox => "EmailBadMailbox",
            Msg::EmailBadDomain => "EmailBadDomain",
            Msg::WebhookEmpty => "WebhookEmpty",
            Msg::UrlSpaces => "UrlSpaces",
            Msg::WebhookHttp => "WebhookHttp",
            Msg::WebhookNoScheme => "WebhookNoScheme",
            Msg::WebhookCredentials => "WebhookCredentials",
            Msg::WebhookBadPort => "WebhookBadPort",
            Msg::WebhookNoHost => "WebhookNoHost",
            Msg::ErrFetch => "ErrFetch",
            Msg::ErrHttp => "ErrHttp",
            Msg::ErrHttpMessage => "ErrHttpMessage",
            Msg::ErrDataAt => "ErrDataAt",
            Msg::ErrAlso => "ErrAlso",
            Msg::ErrUnknownPlan => "ErrUnknownPlan",
            Msg::ErrUnknownLevel => "ErrUnknownLevel",
            Msg::ErrUnknownUrgency => "ErrUnknownUrgency",
            Msg::ErrUnknownImpact => "ErrUnknownImpact",
            Msg::ErrOverrideNotAllowed => "ErrOverrideNotAllowed",
            Msg::ErrWrongClassification => "ErrWrongClassification",
            Msg::ErrNoTargets => "ErrNoTargets",
            Msg::ErrNoLifecycle => "ErrNoLifecycle",
            Msg::ErrOutOfRange => "ErrOutOfRange",
            Msg::ErrNegativeDuration => "ErrNegativeDuration",
            Msg::PrerenderedNote => "PrerenderedNote",
            Msg::FollowFeeds => "FollowFeeds",
            Msg::AtomFeed => "AtomFeed",
            Msg::RssFeed => "RssFeed",
            Msg::SlaFooter => "SlaFooter",
            Msg::ForwardedContact => "ForwardedContact",
            Msg::ForwardedManualClose => "ForwardedManualClose",
            Msg::HowPolicyIsRead => "HowPolicyIsRead",
            Msg::SourceLabel => "SourceLabel",
            Msg::ReadingLabel => "ReadingLabel",
            Msg::OpenQuestions => "OpenQuestions",
            Msg::FiledNow => "FiledNow",
            Msg::FiledNowYours => "FiledNowYours",
            Msg::FiledNowCentre => "FiledNowCentre",
            Msg::ErrOutsideVerifiedYears => "ErrOutsideVerifiedYears",
        }
    }

    /// Every key, in declaration order (`Msg::ALL[m as usize] == m`).
    pub const ALL: &'static [Msg] = &[
        Msg::SkipToContent,
        Msg::SiteNavLabel,
        Msg::SlaCalculator,
        Msg::AddToCalendar,
        Msg::Footer,
        Msg::Language,
        Msg::Loading,
        Msg::RegionChoice,
        Msg::ReasonLastChoice,
        Msg::ReasonTimeZone,
        Msg::PageNotFound,
        Msg::NoPageAt,
        Msg::GoToYourRegion,
        Msg::SiteMisconfigured,
        Msg::LoadingCurrentStatus,
        Msg::MayBeOutOfDate,
        Msg::LastUpdated,
        Msg::OfflineWithData,
        Msg::UnreadableWithData,
        Msg::OfflineNoData,
        Msg::UnreadableNoData,
        Msg::Components,
        Msg::GroupMembersOne,
        Msg::GroupMembersOther,
        Msg::ActiveIncidents,
        Msg::MaintenanceInProgress,
        Msg::UpcomingMaintenance,
        Msg::UptimeRule,
        Msg::IncidentHistory,
        Msg::LoadingHistory,
        Msg::NoIncidentsReported,
        Msg::YourTime,
        Msg::Utc,
        Msg::RegionTime,
        Msg::ShowTimesIn,
        Msg::TimesIn,
        Msg::LocalZone,
        Msg::Operational,
        Msg::DegradedPerformance,
        Msg::PartialOutage,
        Msg::MajorOutage,
        Msg::UnderMaintenance,
        Msg::StatusUnknown,
        Msg::UnknownStatusNamed,
        Msg::AllSystemsOperational,
        Msg::MinorServiceDisruption,
        Msg::PartialSystemOutage,
        Msg::MajorSystemOutage,
        Msg::ServiceUnderMaintenance,
        Msg::ImpactNone,
        Msg::ImpactMinor,
        Msg::ImpactMajor,
        Msg::ImpactCritical,
        Msg::ImpactMaintenance,
        Msg::ImpactNamed,
        Msg::Investigating,
        Msg::Identified,
        Msg::Monitoring,
        Msg::Resolved,
        Msg::Postmortem,
        Msg::Scheduled,
        Msg::InProgress,
        Msg::Verifying,
        Msg::Completed,
        Msg::Update,
        Msg::ScheduledFrom,
        Msg::ScheduledUntil,
        Msg::Affects,
        Msg::UpdatesNewestFirst,
        Msg::NoData,
        Msg::DayLabel,
        Msg::UptimePercent,
        Msg::IncidentsOne,
        Msg::IncidentsOther,
        Msg::UptimeGroup,
        Msg::DaysAgo,
        Msg::Today,
        Msg::ThemeSystem,
        Msg::ThemeLight,
        Msg::ThemeDark,
        Msg::ThemeHint,
        Msg::ImageOpens,
        Msg::ImageNamed,
        Msg::GetUpdates,
        Msg::GetUpdatesFor,
        Msg::Close,
        Msg::Sections,
        Msg::AllSections,
        Msg::How,
        Msg::MethodFeeds,
        Msg::MethodCalendar,
        Msg::MethodBrowser,
        Msg::MethodEmail,
        Msg::MethodWebhook,
        Msg::MethodBadges,
        Msg::FeedTitle,
        Msg::Copy,
        Msg::CopyNamed,
        Msg::Copied,
        Msg::CopyFailed,
        Msg::CopyUnavailable,
        Msg::FeedsIntro,
        Msg::WholeRegionAtom,
        Msg::WholeRegionRss,
        Msg::CalendarIntro,
        Msg::OpenInCalendar,
        Msg::SubscriptionWebcal,
        Msg::SubscriptionHttps,
        Msg::DownloadCalendar,
        Msg::ChooseOneSection,
        Msg::NoNotifications,
        Msg::NotificationsOnFor,
        Msg::SaveSections,
        Msg::TurnOffNotifications,
        Msg::NotificationsOff,
        Msg::TurnOnNotifications,
        Msg::BrowserIntro,
        Msg::NotificationsBlocked,
        Msg::SignedUp,
        Msg::SignupUnreachable,
        Msg::SignupRejected,
        Msg::WebhookUrl,
        Msg::WebhookHint,
        Msg::EmailAddress,
        Msg::EmailHint,
        Msg::SigningUp,
        Msg::SignUp,
        Msg::BadgeAlt,
        Msg::BadgesIntro,
        Msg::GetUpdatesFailed,
        Msg::TryAgain,
        Msg::SlaLede,
        Msg::LoadingPolicies,
        Msg::LoadingPolicy,
        Msg::PolicyUnusable,
        Msg::Policy,
        Msg::SupportCentre,
        Msg::NoTargets,
        Msg::PendingTimer,
        Msg::PendingSince,
        Msg::SubmittedAt,
        Msg::UseCurrentTime,
        Msg::LinkToResult,
        Msg::Plan,
        Msg::Severity,
        Msg::Priority,
        Msg::Urgency,
        Msg::Impact,
        Msg::CustomerPriority,
        Msg::KeepAssignedPriority,
        Msg::PriorityFromMatrix,
        Msg::BrowserZone,
        Msg::LevelCustomerChoice,
        Msg::LevelFromMatrix,
        Msg::WeekendCallback,
        Msg::SubmittedLabel,
        Msg::SupportHours,
        Msg::FirstResponse,
        Msg::Resolution,
        Msg::NotStatedInPolicy,
        Msg::NotStatedInPolicyLower,
        Msg::DueAtCentre,
        Msg::DueInYourZone,
        Msg::ClockRunning,
        Msg::ClockPaused,
        Msg::ClockSpan,
        Msg::WhenClockRuns,
        Msg::LegendRunning,
        Msg::LegendPaused,
        Msg::PlansSideBySide,
        Msg::NotStated,
        Msg::ChosenPlanMark,
        Msg::FirstResponseCompared,
        Msg::StatesResponseTarget,
        Msg::NoResponseTarget,
        Msg::ComparedWithChosen,
        Msg::PendingReminder,
        Msg::PendingAutoClose,
        Msg::EmbedNoTargets,
        Msg::OpenCalculator,
        Msg::EmbedThis,
        Msg::EmbedIntro,
        Msg::AllPlansSideBySide,
        Msg::Compact,
        Msg::EmbedTheme,
        Msg::FollowVisitorTheme,
        Msg::Light,
        Msg::Dark,
        Msg::NoticeNewIncident,
        Msg::NoticeMaintenanceScheduled,
        Msg::NoticeUpdate,
        Msg::NoticeComponent,
        Msg::NoticeWas,
        Msg::NoticeMoreOne,
        Msg::NoticeMoreOther,
        Msg::NoticeChanges,
        Msg::EmailEmpty,
        Msg::EmailSpaces,
        Msg::EmailTooLong,
        Msg::EmailNoAt,
        Msg::EmailTwoAts,
        Msg::EmailBadMailbox,
        Msg::EmailBadDomain,
        Msg::WebhookEmpty,
        Msg::UrlSpaces,
        Msg::WebhookHttp,
        Msg::WebhookNoScheme,
        Msg::WebhookCredentials,
        Msg::WebhookBadPort,
        Msg::WebhookNoHost,
        Msg::ErrFetch,
        Msg::ErrHttp,
        Msg::ErrHttpMessage,
        Msg::ErrDataAt,
        Msg::ErrAlso,
        Msg::ErrUnknownPlan,
        Msg::ErrUnknownLevel,
        Msg::ErrUnknownUrgency,
        Msg::ErrUnknownImpact,
        Msg::ErrOverrideNotAllowed,
        Msg::ErrWrongClassification,
        Msg::ErrNoTargets,
        Msg::ErrNoLifecycle,
        Msg::ErrOutOfRange,
        Msg::ErrNegativeDuration,
        Msg::PrerenderedNote,
        Msg::FollowFeeds,
        Msg::AtomFeed,
        Msg::RssFeed,
        Msg::SlaFooter,
        Msg::ForwardedContact,
        Msg::ForwardedManualClose,
        Msg::HowPolicyIsRead,
        Msg::SourceLabel,
        Msg::ReadingLabel,
        Msg::OpenQuestions,
        Msg::FiledNow,
        Msg::FiledNowYours,
        Msg::FiledNowCentre,
        Msg::ErrOutsideVerifiedYears,
    ];
}

/// The `{name}` placeholders of an interface text, sorted: what every translation of it (a
/// table or a published pack) must keep.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_owned()))
        .collect();
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_parses_from_its_tag_and_browser_style_tags() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang), "{}", lang.tag());
            assert_eq!(Lang::from_tag(&lang.tag().to_uppercase()), Some(lang));
        }
        assert_eq!(Lang::from_tag("de-AT"), Some(Lang::German));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::English));
        assert_eq!(Lang::from_tag("nl-BE"), Some(Lang::Dutch));
        assert_eq!(Lang::from_tag("es-419"), Some(Lang::Spanish));
        assert_eq!(Lang::from_tag("fr_CA"), Some(Lang::French));
        assert_eq!(Lang::from_tag("fi-FI"), Some(Lang::Finnish));
        assert_eq!(Lang::from_tag("ja-JP"), Some(Lang::Japanese));
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::SimplifiedChinese));
        assert_eq!(Lang::from_tag("zh"), Some(Lang::SimplifiedChinese));
        assert_eq!(Lang::from_tag("zh-Hans-SG"), Some(Lang::SimplifiedChinese));
        assert_eq!(Lang::from_tag("zh-TW"), None);
        assert_eq!(Lang::from_tag("zh-Hant"), None);
        assert_eq!(Lang::from_tag("pt"), None);
        assert_eq!(Lang::from_tag("pt-BR"), None);
        assert_eq!(Lang::from_tag(""), None);
        assert_eq!(Lang::from_tag("english"), None);
    }

    #[test]
    fn the_first_shipped_browser_language_wins() {
        assert_eq!(
            Lang::from_preferences(["pt-BR", "zh-TW", "fr-CH", "de"]),
            Some(Lang::French)
        );
        assert_eq!(Lang::from_preferences(["pt", "ru"]), None);
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        assert_eq!(
            fill("{a} and {b}, {a}", &[("a", "x"), ("b", "y")]),
            "x and y, x"
        );
        assert_eq!(fill("keep {c} and {", &[("a", "x")]), "keep {c} and {");
        assert_eq!(
            Lang::German.fill(Msg::ReasonTimeZone, &[("zone", "Europe/Berlin")]),
            "Ihrer Zeitzone (Europe/Berlin)"
        );
        assert_eq!(split_at("Last {when}.", "when"), ("Last ", "."));
        assert_eq!(split_at("none", "when"), ("none", ""));
    }

    #[test]
    fn counts_choose_the_plural_form() {
        let incidents = |lang: Lang, n| lang.count(n, Msg::IncidentsOne, Msg::IncidentsOther);
        assert_eq!(incidents(Lang::English, 1), "1 incident");
        assert_eq!(incidents(Lang::English, 2), "2 incidents");
        assert_eq!(incidents(Lang::German, 1), "1 Vorfall");
        assert_eq!(incidents(Lang::German, 3), "3 Vorfälle");
        assert_eq!(incidents(Lang::French, 0), "0 incident");
        assert_eq!(incidents(Lang::French, 2), "2 incidents");
        assert_eq!(incidents(Lang::Japanese, 1), "1 件のインシデント");
        assert_eq!(incidents(Lang::Japanese, 5), "5 件のインシデント");
        assert_eq!(incidents(Lang::SimplifiedChinese, 5), "5 起事件");
    }

    #[test]
    fn no_translation_is_empty_and_placeholders_match_english() {
        for lang in Lang::ALL {
            for &msg in Msg::ALL {
                let text = lang.text(msg);
                assert!(!text.trim().is_empty(), "{lang:?} {msg:?} is empty");
                assert_eq!(
                    placeholders(text),
                    placeholders(Lang::English.text(msg)),
                    "{lang:?} {msg:?} has other placeholders than English"
                );
            }
        }
    }

    mod sla_words {
        use super::*;
        use crate::sla::engine::{SlaCalculator, TargetOutcome};
        use crate::sla::policy::{Target, TargetUnit};
        use crate::sla::present::{self, LevelPick, SlaQuery};
        use crate::sla::{BusinessCalendar, Policy};
        use chrono::{DateTime, TimeDelta, Utc};

        const MODEL_A: &str = include_str!("../../../../public/policies/model-a-black-duck.json");
        const MODEL_B: &str = include_str!("../../../../public/policies/model-b-zmanda.json");
        const US: &str = include_str!("../../../../public/policies/calendars/us.json");

        fn utc(text: &str) -> DateTime<Utc> {
            DateTime::parse_from_rfc3339(text)
                .unwrap()
                .with_timezone(&Utc)
        }

        fn us() -> BusinessCalendar {
            BusinessCalendar::from_json("calendars/us.json", US).unwrap()
        }

        /// The first-response reason for `plan` of `policy` for a ticket picked by `pairs`.
        fn reason(
            lang: Lang,
            policy: &str,
            plan: &str,
            pairs: &[(&str, &str)],
            at: &str,
        ) -> String {
            let policy = Policy::from_json("policy.json", policy).unwrap();
            let query = SlaQuery::from_params(|name| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v).to_owned())
            });
            let pick = LevelPick::from_query(&policy, &query).unwrap();
            let outcomes = present::outcomes_for_all_plans_in(
                lang.sla_words(),
                &policy,
                &us(),
                &pick,
                utc(at),
            );
            let found = outcomes.into_iter().find(|o| o.plan == plan).unwrap();
            found.first_response_reason.unwrap()
        }

        #[test]
        fn english_words_give_the_english_functions_output() {
            let t = Target {
                amount: 2,
                unit: TargetUnit::BusinessHours,
            };
            let en = Lang::English.sla_words();
            assert_eq!(
                present::describe_target_in(en, &t),
                present::describe_target(&t)
            );
            assert_eq!(
                reason(
                    Lang::English,
                    MODEL_A,
                    "standard",
                    &[("severity", "critical")],
                    "2026-11-20T21:30:00Z"
                ),
                "filed Friday 16:30: clock stops at 18:00, resumes Monday 08:00"
            );
            assert_eq!(
                present::format_in_centre_in(en, &us(), utc("2026-11-20T21:30:00Z")),
                "Fri 20 Nov 2026, 16:30 EST"
            );
        }

        #[test]
        fn targets_spans_and_dates_read_in_each_language() {
            let t = |amount, unit| Target { amount, unit };
            let de = Lang::German.sla_words();
            assert_eq!(
                present::describe_target_in(de, &t(2, TargetUnit::BusinessHours)),
                "2 Geschäftsstunden"
            );
            assert_eq!(
                present::describe_target_in(de, &t(1, TargetUnit::BusinessDays)),
                "1 Geschäftstag"
            );
            let fr = Lang::French.sla_words();
            assert_eq!(
                present::describe_target_in(fr, &t(0, TargetUnit::Hours)),
                "0 heure"
            );
            assert_eq!(
                present::describe_target_in(fr, &t(4, TargetUnit::BusinessHours)),
                "4 heures ouvrées"
            );
            let ja = Lang::Japanese.sla_words();
            assert_eq!(
                present::describe_target_in(ja, &t(2, TargetUnit::BusinessHours)),
                "2 営業時間"
            );
            assert_eq!(
                present::format_span_in(de, TimeDelta::minutes(1440 + 125)),
                "1 T. 2 Std. 05 Min."
            );
            let due = utc("2026-11-20T22:00:00Z");
            assert_eq!(
                present::format_countdown_in(ja, due, utc("2026-11-20T20:54:50Z")),
                "期限まで 1 時間 05 分 10 秒"
            );
            assert_eq!(present::compare_due_in(de, due, due), "gleiche Zeit");
            assert_eq!(
                present::format_in_centre_in(de, &us(), utc("2026-11-20T21:30:00Z")),
                "Fr, 20. Nov. 2026, 16:30 EST"
            );
            assert_eq!(
                present::format_in_centre_in(ja, &us(), utc("2026-11-20T21:30:00Z")),
                "2026年11月20日(金) 16:30 EST"
            );
            let b = Policy::from_json("policy.json", MODEL_B).unwrap();
            assert_eq!(
                present::describe_coverage_in(de, &b.plan("standard").unwrap().coverage),
                "Mo–Fr 08:00–17:00 Ortszeit, an Feiertagen des Zentrums geschlossen"
            );
        }

        #[test]
        fn the_reason_names_days_in_the_language() {
            assert_eq!(
                reason(
                    Lang::Japanese,
                    MODEL_A,
                    "standard",
                    &[("severity", "critical")],
                    "2026-11-20T21:30:00Z"
                ),
                "金曜日 16:30 に受付: 18:00 に計測停止、月曜日 08:00 に再開"
            );
            assert_eq!(
                reason(Lang::German, MODEL_B, "standard", &[("urgency", "high"), ("impact", "high")], "2026-11-25T21:30:00Z"),
                "eingereicht Mittwoch 16:30: Uhr hält um 17:00 an, läuft weiter Freitag 08:00 (geschlossen: Thanksgiving Day)"
            );
            assert_eq!(
                reason(Lang::French, MODEL_B, "standard", &[("severity", "P2")], "2026-11-21T15:00:00Z"),
                "soumis samedi 10:00, hors des heures de support\u{a0}: le compteur démarre lundi 08:00"
            );
        }

        #[test]
        fn every_language_fills_every_sla_template() {
            let (a, b, us) = (
                Policy::from_json("a.json", MODEL_A).unwrap(),
                Policy::from_json("b.json", MODEL_B).unwrap(),
                us(),
            );
            let units = [
                TargetUnit::Minutes,
                TargetUnit::Hours,
                TargetUnit::BusinessMinutes,
                TargetUnit::BusinessHours,
                TargetUnit::BusinessDays,
            ];
            for lang in Lang::ALL {
                let words = lang.sla_words();
                let mut texts = Vec::new();
                for unit in units {
                    for amount in [0, 1, 2] {
                        texts.push(present::describe_target_in(words, &Target { amount, unit }));
                    }
                }
                for minutes in [5, 65, 1565] {
                    texts.push(present::format_span_in(words, TimeDelta::minutes(minutes)));
                }
                let due = utc("2026-11-20T22:00:00Z");
                for now in ["2026-11-20T20:54:50Z", "2026-11-20T22:03:00Z"] {
                    texts.push(present::format_countdown_in(words, due, utc(now)));
                }
                for other in [
                    "2026-11-20T21:00:00Z",
                    "2026-11-20T22:00:00Z",
                    "2026-11-21T22:00:00Z",
                ] {
                    texts.push(present::compare_due_in(words, due, utc(other)));
                }
                for month in 1..=12 {
                    let t = utc(&format!("2026-{month:02}-15T12:00:00Z"));
                    texts.push(present::format_in_centre_in(words, &us, t));
                }
                for (policy, at) in [
                    (&a, "2026-11-20T21:30:00Z"),
                    (&b, "2026-11-25T21:30:00Z"),
                    (&b, "2026-11-21T15:00:00Z"),
                    (&b, "2026-11-24T15:00:00Z"),
                ] {
                    for plan in &policy.plans {
                        texts.push(present::describe_coverage_in(words, &plan.coverage));
                    }
                    let pick = LevelPick::from_query(policy, &SlaQuery::default()).unwrap();
                    for o in present::outcomes_for_all_plans_in(words, policy, &us, &pick, utc(at))
                    {
                        texts.extend(o.first_response_reason);
                        texts.extend(o.resolution_reason);
                        if let Ok(outcome) = &o.outcome {
                            if let TargetOutcome::Due(due) = &outcome.first_response {
                                let calc = SlaCalculator::new(policy, &o.plan, &us).unwrap();
                                let calendar = calc.calendar().unwrap_or(&us);
                                texts.push(present::explain_in(words, calendar, utc(at), due));
                            }
                        }
                    }
                }
                for text in &texts {
                    assert!(
                        !text.contains('{') && !text.trim().is_empty(),
                        "{lang:?}: {text:?}"
                    );
                }
                if lang != Lang::English {
                    let english = Lang::English.sla_words();
                    assert_ne!(words.weekdays, english.weekdays, "{lang:?}");
                    assert_ne!(words.business_hours, english.business_hours, "{lang:?}");
                }
            }
        }
    }

    /// Keys that may read the same as English: names and abbreviations used worldwide, and
    /// templates that are only placeholders and punctuation.
    const MAY_EQUAL_ENGLISH: &[Msg] = &[
        Msg::Utc,
        Msg::MethodWebhook,
        Msg::MethodFeeds,
        Msg::NoticeUpdate,
        Msg::NoticeComponent,
    ];

    #[test]
    fn every_language_is_translated_not_copied() {
        for lang in Lang::ALL.into_iter().filter(|&l| l != Lang::English) {
            let same: Vec<Msg> = Msg::ALL
                .iter()
                .copied()
                .filter(|&msg| lang.text(msg) == Lang::English.text(msg))
                .filter(|msg| !MAY_EQUAL_ENGLISH.contains(msg))
                .collect();
            // A few words are the same in some languages (e.g. "Update", "Monitoring").
            assert!(
                same.len() * 20 <= Msg::ALL.len(),
                "{lang:?} copies English for {same:?}"
            );
        }
    }

    #[test]
    fn sla_errors_are_worded_in_every_language_with_the_ids_kept() {
        use crate::sla::engine::SlaError;
        use crate::sla::CalendarError;
        let errors = [
            SlaError::UnknownPlan("gold".into()),
            SlaError::UnknownLevel("P9".into()),
            SlaError::UnknownUrgency("urgent".into()),
            SlaError::UnknownImpact("huge".into()),
            SlaError::OverrideNotAllowed,
            SlaError::WrongClassification,
            SlaError::NoTargets,
            SlaError::NoLifecycle,
            SlaError::Calendar(CalendarError::OutOfRange(
                chrono::DateTime::from_timestamp(4_102_444_800, 0).unwrap(),
            )),
            SlaError::Calendar(CalendarError::NegativeDuration),
        ];
        for error in &errors {
            let english = Lang::English.sla_error(error);
            assert!(!english.contains('{'), "{english}");
            for lang in Lang::ALL {
                let text = lang.sla_error(error);
                assert!(!text.contains('{'), "{lang:?}: {text}");
                for id in ["gold", "P9", "urgent", "huge", "2100-01-01"] {
                    assert_eq!(text.contains(id), english.contains(id), "{lang:?}: {text}");
                }
                if lang != Lang::English {
                    assert_ne!(text, english, "{lang:?} is translated");
                }
            }
        }
    }

    #[test]
    fn the_language_comes_from_the_link_then_memory_then_the_browser() {
        let browser = vec!["zh-TW".to_owned(), "fr-CA".to_owned()];
        assert_eq!(Lang::choose(Some("de"), Some("ja"), &browser), Lang::German);
        assert_eq!(
            Lang::choose(Some("xx"), Some("ja"), &browser),
            Lang::Japanese
        );
        assert_eq!(Lang::choose(None, None, &browser), Lang::French);
        assert_eq!(Lang::choose(None, None, &[]), Lang::English);
    }

    #[test]
    fn each_keys_name_is_its_debug_name_and_its_place_in_the_list() {
        for (i, &msg) in Msg::ALL.iter().enumerate() {
            assert_eq!(msg.key(), format!("{msg:?}"));
            // The browser keeps a pack's texts by `msg as usize`, in this order.
            assert_eq!(msg as usize, i, "{msg:?}");
        }
    }

    #[test]
    fn every_key_is_listed() {
        let mut seen = std::collections::HashSet::new();
        for &msg in Msg::ALL {
            assert!(seen.insert(msg), "{msg:?} listed twice");
        }
        // The tables are exhaustive matches; the list must name as many keys as they do.
        assert_eq!(Msg::ALL.len(), Msg::ErrOutsideVerifiedYears as usize + 1);
    }
}
