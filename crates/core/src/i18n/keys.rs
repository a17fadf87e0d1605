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
    CheckedAt,
    NotCheckedSince,
    NoUpdateSince,
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
    MaintenanceOverdue,
    UptimeRule,
    IncidentHistory,
    LoadingHistory,
    NoIncidentsReported,
    /// `{quarter}`: 1 to 4; `{year}`: e.g. 2026.
    HistoryQuarter,
    OlderPeriod,
    NewerPeriod,
    HistoryPeriods,
    FilterSection,
    FilterImpact,
    FilterEverything,
    SearchHistory,
    ShowAll,
    NoIncidentsInPeriod,
    NoIncidentsMatch,
    PostmortemHeading,
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
    /// One component's status change by an update; `{name}`, `{from}`, `{to}`.
    ComponentChanged,
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
    /// `{name}`: the maintenance's title. A reminder shortly before the window starts.
    NoticeMaintenanceReminder,
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
    // The SLA calculator's sentences: durations, coverage, dates and reasons.
    /// `{count}` minute(s): one.
    SlaMinutesOne,
    /// `{count}` minute(s): other.
    SlaMinutesOther,
    /// `{count}` hour(s): one.
    SlaHoursOne,
    /// `{count}` hour(s): other.
    SlaHoursOther,
    /// `{count}` business minute(s): one.
    SlaBusinessMinutesOne,
    /// `{count}` business minute(s): other.
    SlaBusinessMinutesOther,
    /// `{count}` business hour(s): one.
    SlaBusinessHoursOne,
    /// `{count}` business hour(s): other.
    SlaBusinessHoursOther,
    /// `{count}` business day(s): one.
    SlaBusinessDaysOne,
    /// `{count}` business day(s): other.
    SlaBusinessDaysOther,
    /// Coverage: around the clock.
    CoverageAroundTheClock,
    // Weekday abbreviations, then names, Monday first; month abbreviations, then names as
    // they stand in a date ("20 November"), January first.
    MondayShort,
    TuesdayShort,
    WednesdayShort,
    ThursdayShort,
    FridayShort,
    SaturdayShort,
    SundayShort,
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
    JanuaryShort,
    FebruaryShort,
    MarchShort,
    AprilShort,
    MayShort,
    JuneShort,
    JulyShort,
    AugustShort,
    SeptemberShort,
    OctoberShort,
    NovemberShort,
    DecemberShort,
    January,
    February,
    March,
    April,
    May,
    June,
    July,
    August,
    September,
    October,
    November,
    December,
    /// Coverage: one run of days with its hours; `{days}`, `{spans}`.
    CoverageDaysHours,
    /// Between list items (hours of a day, holiday names).
    ListSeparator,
    /// Coverage: between runs of days.
    CoverageGroupSeparator,
    /// Coverage: weekly hours; `{hours}`, `{holidays}` (empty or `CoverageClosedOnHolidays`).
    CoverageLocalTime,
    /// Coverage: appended when the centre's holidays close the plan's hours.
    CoverageClosedOnHolidays,
    /// Coverage: the centre's business hours.
    CoverageCentreHours,
    /// Coverage not stated in the policy.
    CoverageNotStated,
    /// A span with days; `{d}`, `{h}`, `{m}` (two digits).
    SpanDays,
    /// A span with hours; `{h}`, `{m}` (two digits).
    SpanHours,
    /// A span of minutes; `{m}`.
    SpanMinutes,
    /// Countdown; `{span}`, `{s}` (two digits).
    DueIn,
    /// Past due; `{span}`.
    OverdueBy,
    /// Comparison of two plans: no difference.
    SameTime,
    /// Comparison; `{span}` sooner.
    Sooner,
    /// Comparison; `{span}` later.
    Later,
    /// An instant at the centre; `{wd}` (short), `{d}`, `{mon}` (short), `{m}` (number), `{y}`, `{time}`, `{zone}`.
    InCentre,
    /// Reason: a time within the week; `{weekday}`, `{time}`.
    ReasonDayTime,
    /// Reason: a time further away; `{weekday}`, `{d}`, `{month}`, `{m}` (number), `{time}`.
    ReasonDayDateTime,
    /// Reason, clock time; `{filed}`, `{due}`.
    ReasonClockTime,
    /// Reason, outside hours; `{filed}`, `{starts}`, `{closed}`.
    ReasonOutsideHours,
    /// Reason, with a pause; `{filed}`, `{stops}`, `{resumes}`, `{closed}`.
    ReasonPause,
    /// Where the clock stops on the filing day; `{time}`.
    ReasonStopsAt,
    /// Where the clock stops on a later day; `{when}` (a weekday and time).
    ReasonStopsOn,
    /// Reason, no pause; `{filed}`, `{due}`.
    ReasonNoPause,
    /// The holidays a pause spans; `{names}`.
    ReasonClosedFor,
    // The subscription service.
    /// Subject of the confirmation e-mail.
    MailConfirmSubject,
    /// The confirmation e-mail's request.
    MailConfirmIntro,
    /// The confirmation e-mail's last line.
    MailConfirmIgnore,
    /// Before the incident page's link in a status e-mail.
    MailReadOnPage,
    /// Before the manage link in every e-mail.
    MailManage,
    /// The sign-up answer for an e-mail address (the same whether or not it was known).
    SignupCheckInbox,
    /// The sign-up answer for a webhook that accepted its test delivery.
    SignupWebhookConfirmed,
    /// The sign-up answer for a webhook that refused its test delivery.
    SignupWebhookRefused,
    /// The answer to a sign-up refused by the rate limits.
    SignupTooMany,
    /// The answer to a sign-up naming a section or region the site does not have.
    SignupUnknownSection,
    /// The page shown after a confirmation link.
    SubscriptionConfirmed,
    /// The page shown for an expired or used link.
    LinkExpired,
    /// The manage page's title.
    ManageTitle,
    /// The manage page's save button.
    ManageSave,
    /// Shown after saving sections.
    ManageSaved,
    /// The unsubscribe button.
    Unsubscribe,
    /// Shown after unsubscribing.
    Unsubscribed,
    // The SLA calculator: sources, readings and live due times.
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
    /// A due time in the visitor's zone; `{time}`.
    FiledNowYours,
    /// A due time at the support centre; `{time}`, `{zone}`.
    FiledNowCentre,
    /// SLA engine: a date outside the years a calendar is verified for; `{year}`, `{first}`, `{last}`.
    ErrOutsideVerifiedYears,
    // Time limits and bounded rendering.
    /// A request got no answer in time; `{file}`, `{seconds}`.
    ErrTimeout,
    /// The button that shows an incident's older updates; `{count}`.
    ShowEarlierUpdates,
    /// Under an update cut at the length limit; `{limit}`.
    UpdateShortened,
}
