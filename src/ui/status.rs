//! How a status looks: a colour class, an icon shape and a text label, never colour alone.

use leptos::prelude::*;

use crate::status::model::ComponentStatus;

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

/// A status as icon plus words, e.g. "✓ Operational".
#[component]
pub fn StatusLabel(
    /// The status to show.
    status: ComponentStatus,
) -> impl IntoView {
    let (class, icon) = status_look(&status);
    let label = match &status {
        ComponentStatus::Unknown(raw) => format!("Unknown status “{raw}”"),
        known => known.label().to_string(),
    };
    view! {
        <span class=format!("status-label {class}") data-status=status.as_str().to_string()>
            <span class="status-icon" aria-hidden="true">{icon}</span>
            <span class="status-text">{label}</span>
        </span>
    }
}
