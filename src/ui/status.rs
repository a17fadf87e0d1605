//! How a status looks: a colour class, an icon shape and a text label, never colour alone.

use leptos::prelude::*;

use crate::i18n::{use_lang, Lang, Msg};
use crate::status::model::{ComponentStatus, Indicator};

/// The colour class and icon of the overall banner: the look of the component status it
/// corresponds to, on the live page and in the pre-rendered snapshot alike.
pub fn indicator_look(indicator: &Indicator) -> (&'static str, &'static str) {
    let status = match indicator {
        Indicator::None => ComponentStatus::Operational,
        Indicator::Minor => ComponentStatus::DegradedPerformance,
        Indicator::Major => ComponentStatus::PartialOutage,
        Indicator::Critical => ComponentStatus::MajorOutage,
        Indicator::Maintenance => ComponentStatus::UnderMaintenance,
        Indicator::Unknown(raw) => ComponentStatus::Unknown(raw.clone()),
    };
    status_look(&status)
}

/// The CSS class (colour) and icon glyph for a component status. The glyph differs per status
/// so the state reads without colour: ✓ operational, ! degraded, ◐ partial, ✕ major,
/// 🔧-free "M" for maintenance (plain text renders in every font), ? unknown.
pub fn status_look(status: &ComponentStatus) -> (&'static str, &'static str) {
    match status {
        ComponentStatus::Operational => ("s-operational", "✓"),
        ComponentStatus::DegradedPerformance => ("s-degraded", "!"),
        ComponentStatus::PartialOutage => ("s-partial", "◐"),
        ComponentStatus::MajorOutage => ("s-major", "✕"),
        ComponentStatus::UnderMaintenance => ("s-maintenance", "M"),
        ComponentStatus::Unknown(_) => ("s-unknown", "?"),
    }
}

/// The interface text naming a component status ("Status unknown" for a status this version
/// does not know).
pub fn status_msg(status: &ComponentStatus) -> Msg {
    match status {
        ComponentStatus::Operational => Msg::Operational,
        ComponentStatus::DegradedPerformance => Msg::DegradedPerformance,
        ComponentStatus::PartialOutage => Msg::PartialOutage,
        ComponentStatus::MajorOutage => Msg::MajorOutage,
        ComponentStatus::UnderMaintenance => Msg::UnderMaintenance,
        ComponentStatus::Unknown(_) => Msg::StatusUnknown,
    }
}

/// A component status in words in `lang`.
pub fn status_word(status: &ComponentStatus, lang: Lang) -> &'static str {
    lang.text(status_msg(status))
}

/// The interface text of the overall banner, e.g. "All systems operational".
pub fn indicator_msg(indicator: &Indicator) -> Msg {
    match indicator {
        Indicator::None => Msg::AllSystemsOperational,
        Indicator::Minor => Msg::MinorServiceDisruption,
        Indicator::Major => Msg::PartialSystemOutage,
        Indicator::Critical => Msg::MajorSystemOutage,
        Indicator::Maintenance => Msg::ServiceUnderMaintenance,
        Indicator::Unknown(_) => Msg::StatusUnknown,
    }
}

/// The overall banner's words in `lang`.
pub fn indicator_words(indicator: &Indicator, lang: Lang) -> &'static str {
    lang.text(indicator_msg(indicator))
}

/// A status as icon plus words, e.g. "✓ Operational".
#[component]
pub fn StatusLabel(
    /// The status to show.
    status: ComponentStatus,
) -> impl IntoView {
    let (class, icon) = status_look(&status);
    let locale = use_lang();
    let words = status.clone();
    let label = move || match &words {
        ComponentStatus::Unknown(raw) => {
            locale.get().fill(Msg::UnknownStatusNamed, &[("raw", raw)])
        }
        known => status_word(known, locale.get()).to_string(),
    };
    view! {
        <span class=format!("status-label {class}") data-status=status.as_str().to_string()>
            <span class="status-icon" aria-hidden="true">{icon}</span>
            <span class="status-text">{label}</span>
        </span>
    }
}
