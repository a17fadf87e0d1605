//! How a status looks: a colour class, an icon shape and a text label, never colour alone.

use leptos::prelude::*;

use crate::i18n::{use_lang, Msg};
use beacon_core::status::model::ComponentStatus;
use beacon_core::words::{status_look, status_word};

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
