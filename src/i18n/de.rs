//! German.

use super::Msg;

/// The German text of `msg`.
pub fn text(msg: Msg) -> &'static str {
    match msg {
        Msg::SkipToContent => "Zum Inhalt springen",
        Msg::SiteNavLabel => "Regionen und Werkzeuge",
        Msg::SlaCalculator => "SLA-Rechner",
        Msg::AddToCalendar => "Zum Kalender hinzufügen (.ics)",
        Msg::Footer => {
            "Bereitgestellt von Beacon. Die Daten werden automatisch aktualisiert, solange diese \
             Seite geöffnet ist."
        }
        Msg::Language => "Sprache",
        Msg::Loading => "Wird geladen…",
        Msg::RegionChoice => "Angezeigt wird {region}, gewählt anhand {reason}. Wechseln zu:",
        Msg::ReasonLastChoice => "Ihrer letzten Auswahl",
        Msg::ReasonTimeZone => "Ihrer Zeitzone ({zone})",
        Msg::PageNotFound => "Seite nicht gefunden",
        Msg::NoPageAt => "Unter {path} gibt es keine Seite.",
        Msg::GoToYourRegion => "Zur Statusseite Ihrer Region",
        Msg::SiteMisconfigured => "Diese Statusseite ist falsch konfiguriert. ",
        Msg::LoadingCurrentStatus => "Aktueller Status wird geladen…",
        Msg::MayBeOutOfDate => "Diese Daten sind möglicherweise veraltet. ",
        Msg::LastUpdated => {
            "Zuletzt aktualisiert {when}. Wird alle {seconds} Sekunden aktualisiert."
        }
        Msg::OfflineWithData => {
            "Sie scheinen offline zu sein; angezeigt wird der zuletzt empfangene Status. "
        }
        Msg::UnreadableWithData => {
            "Die neuesten Statusdaten konnten nicht gelesen werden; angezeigt werden die letzten \
             gültigen Daten. "
        }
        Msg::OfflineNoData => {
            "Der Status konnte nicht geladen werden: Das Netzwerk ist nicht erreichbar. "
        }
        Msg::UnreadableNoData => "Die Statusdaten dieser Region konnten nicht gelesen werden. ",
        Msg::Components => "Komponenten",
        Msg::GroupMembersOne => "{count} Komponente",
        Msg::GroupMembersOther => "{count} Komponenten",
        Msg::ActiveIncidents => "Aktuelle Störungen",
        Msg::MaintenanceInProgress => "Laufende Wartung",
        Msg::UpcomingMaintenance => "Geplante Wartung",
        Msg::UptimeRule => {
            "Die Verfügbarkeit zählt einen schweren Ausfall voll und einen Teilausfall zur Hälfte; \
             eingeschränkte Leistung und geplante Wartung gelten nicht als Ausfallzeit. "
        }
        Msg::IncidentHistory => "Störungsverlauf",
        Msg::LoadingHistory => "Verlauf wird geladen…",
        Msg::NoIncidentsReported => "Keine Störungen gemeldet.",
        Msg::YourTime => "Ihre Zeit ({zone})",
        Msg::Utc => "UTC",
        Msg::RegionTime => "Zeit der Region ({zone})",
        Msg::ShowTimesIn => "Zeiten anzeigen in",
        Msg::TimesIn => "Zeiten in:",
        Msg::LocalZone => "lokal",
        Msg::Operational => "Betriebsbereit",
        Msg::DegradedPerformance => "Eingeschränkte Leistung",
        Msg::PartialOutage => "Teilausfall",
        Msg::MajorOutage => "Schwerer Ausfall",
        Msg::UnderMaintenance => "In Wartung",
        Msg::StatusUnknown => "Status unbekannt",
        Msg::UnknownStatusNamed => "Unbekannter Status „{raw}“",
        Msg::AllSystemsOperational => "Alle Systeme betriebsbereit",
        Msg::MinorServiceDisruption => "Geringfügige Dienststörung",
        Msg::PartialSystemOutage => "Teilweiser Systemausfall",
        Msg::MajorSystemOutage => "Schwerer Systemausfall",
        Msg::ServiceUnderMaintenance => "Dienst in Wartung",
        Msg::ImpactNone => "Keine Auswirkung",
        Msg::ImpactMinor => "Geringe Auswirkung",
        Msg::ImpactMajor => "Erhebliche Auswirkung",
        Msg::ImpactCritical => "Kritische Auswirkung",
        Msg::ImpactMaintenance => "Wartung",
        Msg::ImpactNamed => "Auswirkung „{raw}“",
        Msg::Investigating => "Wird untersucht",
        Msg::Identified => "Ursache erkannt",
        Msg::Monitoring => "Wird beobachtet",
        Msg::Resolved => "Behoben",
        Msg::Postmortem => "Nachbetrachtung",
        Msg::Scheduled => "Geplant",
        Msg::InProgress => "Läuft",
        Msg::Verifying => "Wird überprüft",
        Msg::Completed => "Abgeschlossen",
        Msg::Update => "Aktualisierung",
        Msg::ScheduledFrom => "Geplant: {start}",
        Msg::ScheduledUntil => " bis {end}",
        Msg::Affects => "Betrifft {names}",
        Msg::UpdatesNewestFirst => "Meldungen, neueste zuerst",
        Msg::NoData => "keine Daten",
        Msg::DayLabel => "{date}: {summary}",
        Msg::UptimePercent => "{percent} Verfügbarkeit",
        Msg::IncidentsOne => "{count} Vorfall",
        Msg::IncidentsOther => "{count} Vorfälle",
        Msg::UptimeGroup => "{name}: Verfügbarkeit der letzten {count} Tage, {percent}",
        Msg::DaysAgo => "vor {count} Tagen",
        Msg::Today => "Heute",
        Msg::ThemeSystem => "Design: System",
        Msg::ThemeLight => "Design: hell",
        Msg::ThemeDark => "Design: dunkel",
        Msg::ThemeHint => "Zwischen dem Design des Systems, dem dunklen und dem hellen wechseln",
        Msg::ImageOpens => "Bild (öffnet das Bild)",
        Msg::ImageNamed => "Bild: {alt}",
        Msg::GetUpdates => "Updates erhalten",
        Msg::GetUpdatesFor => "Updates für {region} erhalten",
        Msg::Close => "Schließen",
        Msg::Sections => "Bereiche",
        Msg::AllSections => "Alle Bereiche",
        Msg::How => "Wie",
        Msg::MethodFeeds => "Feeds (Atom, RSS)",
        Msg::MethodCalendar => "Wartungskalender",
        Msg::MethodBrowser => "Browser-Benachrichtigungen",
        Msg::MethodEmail => "E-Mail",
        Msg::MethodWebhook => "Webhook",
        Msg::MethodBadges => "Status-Badges",
        Msg::FeedTitle => "Status {region} ({format})",
        Msg::Copy => "Kopieren",
        Msg::CopyNamed => "{label} kopieren",
        Msg::Copied => "Kopiert.",
        Msg::CopyFailed => "Kopieren nicht möglich; markieren Sie den Text und kopieren Sie ihn.",
        Msg::CopyUnavailable => "Kopieren ist hier nicht verfügbar; markieren Sie den Text und kopieren Sie ihn.",
        Msg::FeedsIntro => "Fügen Sie eine Adresse Ihrem Feedreader hinzu; er listet Störungen und Wartungen mit jeder Aktualisierung.",
        Msg::WholeRegionAtom => "Ganze Region (Atom)",
        Msg::WholeRegionRss => "Ganze Region (RSS 2.0)",
        Msg::CalendarIntro => "Abonnieren Sie den Kalender in Ihrer Kalender-App, um geplante Wartungen zu sehen; Änderungen ersetzen Termine, statt sie zu verdoppeln.",
        Msg::OpenInCalendar => "In Ihrer Kalender-App öffnen",
        Msg::SubscriptionWebcal => "Abonnement-Adresse (webcal)",
        Msg::SubscriptionHttps => "Abonnement-Adresse (https)",
        Msg::DownloadCalendar => "Kalender herunterladen (.ics)",
        Msg::ChooseOneSection => "Wählen Sie mindestens einen Bereich.",
        Msg::NoNotifications => "Dieser Browser kann keine Benachrichtigungen anzeigen.",
        Msg::NotificationsOnFor => "Benachrichtigungen sind aktiv für: {names}. Sie erscheinen, solange eine Seite dieser Website geöffnet ist.",
        Msg::SaveSections => "Bereiche speichern",
        Msg::TurnOffNotifications => "Benachrichtigungen ausschalten",
        Msg::NotificationsOff => "Benachrichtigungen sind aus.",
        Msg::TurnOnNotifications => "Benachrichtigungen einschalten",
        Msg::BrowserIntro => "Solange diese Seite geöffnet ist, zeigt Ihr Browser eine Benachrichtigung für jede neue Störung, jede neue Meldung und jede Statusänderung der gewählten Bereiche.",
        Msg::NotificationsBlocked => "Benachrichtigungen sind für diese Website blockiert; erlauben Sie sie in den Website-Einstellungen Ihres Browsers.",
        Msg::SignedUp => "Sie sind angemeldet.",
        Msg::SignupUnreachable => "Die Anmeldung konnte nicht gesendet werden: Das Netzwerk oder der Anmeldedienst ist nicht erreichbar ({error}). Ihre Eingaben bleiben erhalten; versuchen Sie es erneut.",
        Msg::SignupRejected => "Die Anmeldung wurde nicht angenommen: {error}. Ihre Eingaben bleiben erhalten; versuchen Sie es erneut.",
        Msg::WebhookUrl => "Webhook-URL",
        Msg::WebhookHint => "Jede neue Statusmeldung wird per POST an diese https://-Adresse gesendet.",
        Msg::EmailAddress => "E-Mail-Adresse",
        Msg::EmailHint => "Sie erhalten für jede neue Statusmeldung eine E-Mail.",
        Msg::SigningUp => "Anmeldung läuft…",
        Msg::SignUp => "Anmelden",
        Msg::BadgeAlt => "Status {name}",
        Msg::BadgesIntro => "Zeigen Sie den aktuellen Status in einer README oder auf einer Intranetseite; Badges werden bei jeder Veröffentlichung aktualisiert.",
    }
}
