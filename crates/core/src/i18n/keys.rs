//! The one list of interface text keys. `catalogue!` turns it into the [`Msg`] enum, each
//! key's name ([`Msg::key`], used in language packs and the pre-rendered page) and the list of
//! every key ([`Msg::ALL`], the packs' order). Adding a text is one line here plus one line in
//! each language's table (`en.rs`, `de.rs`, …), whose exhaustive `match` the compiler checks.

/// Declares [`Msg`] with one variant per listed key, [`Msg::key`] and [`Msg::ALL`], all in
/// the order written.
macro_rules! catalogue {
    ($($(#[$doc:meta])* $key:ident,)*) => {
        /// Interface texts. Each language's table names every key.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[allow(missing_docs)] // a key's documentation is its English text, in `en.rs`
        pub enum Msg {
            $($(#[$doc])* $key,)*
        }

        impl Msg {
            /// The key's name, e.g. `"Operational"`: the key in a language pack and in the
            /// pre-rendered snapshot's `data-i18n` (the same as its `Debug`).
            pub const fn key(self) -> &'static str {
                match self {
                    $(Msg::$key => stringify!($key),)*
                }
            }

            /// Every key, in declaration order (`Msg::ALL[m as usize] == m`).
            pub const ALL: &'static [Msg] = &[$(Msg::$key,)*];
        }
    };
}

catalogue! {
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
}
