//! French (with the non-breaking spaces French typography puts before `:` and inside « »).

use super::Msg;

/// The French text of `msg`.
pub fn text(msg: Msg) -> &'static str {
    match msg {
        Msg::SkipToContent => "Aller au contenu",
        Msg::SiteNavLabel => "Régions et outils",
        Msg::SlaCalculator => "Calculateur de SLA",
        Msg::AddToCalendar => "Ajouter à l’agenda (.ics)",
        Msg::Footer => {
            "Propulsé par Beacon. Les données sont actualisées automatiquement tant que cette page \
             est ouverte."
        }
        Msg::Language => "Langue",
        Msg::Loading => "Chargement…",
        Msg::RegionChoice => "Affichage de {region}, choisie d’après {reason}. Changer pour\u{a0}:",
        Msg::ReasonLastChoice => "votre dernier choix",
        Msg::ReasonTimeZone => "votre fuseau horaire ({zone})",
        Msg::PageNotFound => "Page introuvable",
        Msg::NoPageAt => "Il n’y a pas de page à l’adresse {path}.",
        Msg::GoToYourRegion => "Aller à la page d’état de votre région",
        Msg::SiteMisconfigured => "Ce site d’état est mal configuré. ",
        Msg::LoadingCurrentStatus => "Chargement de l’état actuel…",
        Msg::MayBeOutOfDate => "Ces données ne sont peut-être plus à jour. ",
        Msg::LastUpdated => {
            "Dernière mise à jour\u{a0}: {when}. Actualisation toutes les {seconds}\u{a0}secondes."
        }
        Msg::OfflineWithData => {
            "Vous semblez hors ligne\u{a0}; affichage du dernier état reçu. "
        }
        Msg::UnreadableWithData => {
            "Les dernières données d’état n’ont pas pu être lues\u{a0}; affichage des dernières \
             données valides. "
        }
        Msg::OfflineNoData => {
            "L’état n’a pas pu être chargé\u{a0}: le réseau est inaccessible. "
        }
        Msg::UnreadableNoData => "Les données d’état de cette région n’ont pas pu être lues. ",
        Msg::Components => "Composants",
        Msg::GroupMembersOne => "{count} composant",
        Msg::GroupMembersOther => "{count} composants",
        Msg::ActiveIncidents => "Incidents en cours",
        Msg::MaintenanceInProgress => "Maintenance en cours",
        Msg::UpcomingMaintenance => "Maintenance planifiée",
        Msg::UptimeRule => {
            "La disponibilité compte une panne majeure en entier et une panne partielle pour \
             moitié\u{a0}; les performances dégradées et la maintenance planifiée ne comptent pas \
             comme indisponibilité. "
        }
        Msg::IncidentHistory => "Historique des incidents",
        Msg::LoadingHistory => "Chargement de l’historique…",
        Msg::NoIncidentsReported => "Aucun incident signalé.",
        Msg::YourTime => "Votre heure ({zone})",
        Msg::Utc => "UTC",
        Msg::RegionTime => "Heure de la région ({zone})",
        Msg::ShowTimesIn => "Afficher les heures en",
        Msg::TimesIn => "Heures\u{a0}:",
        Msg::LocalZone => "locale",
        Msg::Operational => "Opérationnel",
        Msg::DegradedPerformance => "Performances dégradées",
        Msg::PartialOutage => "Panne partielle",
        Msg::MajorOutage => "Panne majeure",
        Msg::UnderMaintenance => "En maintenance",
        Msg::StatusUnknown => "État inconnu",
        Msg::UnknownStatusNamed => "État inconnu «\u{a0}{raw}\u{a0}»",
        Msg::AllSystemsOperational => "Tous les systèmes sont opérationnels",
        Msg::MinorServiceDisruption => "Perturbation mineure du service",
        Msg::PartialSystemOutage => "Panne partielle du système",
        Msg::MajorSystemOutage => "Panne majeure du système",
        Msg::ServiceUnderMaintenance => "Service en maintenance",
        Msg::ImpactNone => "Aucun impact",
        Msg::ImpactMinor => "Impact mineur",
        Msg::ImpactMajor => "Impact majeur",
        Msg::ImpactCritical => "Impact critique",
        Msg::ImpactMaintenance => "Maintenance planifiée",
        Msg::ImpactNamed => "Impact «\u{a0}{raw}\u{a0}»",
        Msg::Investigating => "Analyse en cours",
        Msg::Identified => "Cause identifiée",
        Msg::Monitoring => "Sous surveillance",
        Msg::Resolved => "Résolu",
        Msg::Postmortem => "Analyse a posteriori",
        Msg::Scheduled => "Planifié",
        Msg::InProgress => "En cours",
        Msg::Verifying => "Vérification en cours",
        Msg::Completed => "Terminé",
        Msg::Update => "Mise à jour",
        Msg::ScheduledFrom => "Prévu du {start}",
        Msg::ScheduledUntil => " au {end}",
        Msg::Affects => "Concerne {names}",
        Msg::UpdatesNewestFirst => "Mises à jour, les plus récentes d’abord",
        Msg::NoData => "aucune donnée",
        Msg::DayLabel => "{date}\u{a0}: {summary}",
        Msg::UptimePercent => "{percent} de disponibilité",
        Msg::IncidentsOne => "{count} incident",
        Msg::IncidentsOther => "{count} incidents",
        Msg::UptimeGroup => "{name}\u{a0}: disponibilité sur les {count} derniers jours, {percent}",
        Msg::DaysAgo => "il y a {count} jours",
        Msg::Today => "Aujourd’hui",
        Msg::ThemeSystem => "Thème\u{a0}: système",
        Msg::ThemeLight => "Thème\u{a0}: clair",
        Msg::ThemeDark => "Thème\u{a0}: sombre",
        Msg::ThemeHint => "Basculer entre le thème du système, le thème sombre et le thème clair",
        Msg::ImageOpens => "Image (ouvre l’image)",
        Msg::ImageNamed => "Image\u{a0}: {alt}",
        Msg::GetUpdates => "Recevoir les mises à jour",
        Msg::GetUpdatesFor => "Recevoir les mises à jour pour {region}",
        Msg::Close => "Fermer",
        Msg::Sections => "Sections",
        Msg::AllSections => "Toutes les sections",
        Msg::How => "Comment",
        Msg::MethodFeeds => "Flux (Atom, RSS)",
        Msg::MethodCalendar => "Calendrier des maintenances",
        Msg::MethodBrowser => "Notifications du navigateur",
        Msg::MethodEmail => "E-mail",
        Msg::MethodWebhook => "Webhook",
        Msg::MethodBadges => "Badges d’état",
        Msg::FeedTitle => "État de {region} ({format})",
        Msg::Copy => "Copier",
        Msg::CopyNamed => "Copier {label}",
        Msg::Copied => "Copié.",
        Msg::CopyFailed => "Impossible de copier\u{a0}; sélectionnez le texte et copiez-le.",
        Msg::CopyUnavailable => "La copie n’est pas disponible ici\u{a0}; sélectionnez le texte et copiez-le.",
        Msg::FeedsIntro => "Ajoutez une adresse à votre lecteur de flux\u{a0}; il liste les incidents et les maintenances à chaque mise à jour.",
        Msg::WholeRegionAtom => "Toute la région (Atom)",
        Msg::WholeRegionRss => "Toute la région (RSS 2.0)",
        Msg::CalendarIntro => "Abonnez-vous dans votre application d’agenda pour voir les maintenances planifiées\u{a0}; les modifications remplacent les événements au lieu de les dupliquer.",
        Msg::OpenInCalendar => "Ouvrir dans votre application d’agenda",
        Msg::SubscriptionWebcal => "Adresse d’abonnement (webcal)",
        Msg::SubscriptionHttps => "Adresse d’abonnement (https)",
        Msg::DownloadCalendar => "Télécharger le calendrier (.ics)",
        Msg::ChooseOneSection => "Choisissez au moins une section.",
        Msg::NoNotifications => "Ce navigateur ne peut pas afficher de notifications.",
        Msg::NotificationsOnFor => "Notifications activées pour\u{a0}: {names}. Elles s’affichent tant qu’une page de ce site est ouverte.",
        Msg::SaveSections => "Enregistrer les sections",
        Msg::TurnOffNotifications => "Désactiver les notifications",
        Msg::NotificationsOff => "Les notifications sont désactivées.",
        Msg::TurnOnNotifications => "Activer les notifications",
        Msg::BrowserIntro => "Tant que cette page est ouverte, votre navigateur affiche une notification pour chaque nouvel incident, nouvelle mise à jour ou changement d’état des sections choisies.",
        Msg::NotificationsBlocked => "Les notifications sont bloquées pour ce site\u{a0}; autorisez-les dans les paramètres du site de votre navigateur.",
        Msg::SignedUp => "Vous êtes inscrit.",
        Msg::SignupUnreachable => "L’inscription n’a pas pu être envoyée\u{a0}: le réseau ou le service d’inscription est inaccessible ({error}). Vos saisies sont conservées\u{a0}; réessayez.",
        Msg::SignupRejected => "L’inscription n’a pas été acceptée\u{a0}: {error}. Vos saisies sont conservées\u{a0}; réessayez.",
        Msg::WebhookUrl => "URL du webhook",
        Msg::WebhookHint => "Chaque nouveau message d’état est envoyé par POST à cette adresse https://.",
        Msg::EmailAddress => "Adresse e-mail",
        Msg::EmailHint => "Vous recevrez un e-mail pour chaque nouveau message d’état.",
        Msg::SigningUp => "Inscription…",
        Msg::SignUp => "S’inscrire",
        Msg::BadgeAlt => "État de {name}",
        Msg::BadgesIntro => "Affichez l’état actuel dans un README ou sur une page intranet\u{a0}; les badges sont mis à jour à chaque publication.",
    }
}
