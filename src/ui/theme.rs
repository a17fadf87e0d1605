//! Light and dark themes: the system's choice by default, overridden by a toggle that is
//! remembered. The choice is applied as `data-theme` on `<html>` (the stylesheet defines both
//! palettes); `index.html` applies a remembered choice before the app starts, so there is no flash.

use leptos::prelude::*;

use crate::i18n::{use_lang, Lang, Msg};
use crate::web;

/// Local-storage key of the visitor's theme choice.
pub const REMEMBERED_THEME: &str = "beacon.theme";

/// The visitor's theme choice: the same type as the embed's `theme` parameter
/// ([`crate::sla::present::Theme`]; `Auto` follows the system).
pub use crate::sla::present::Theme;

impl Theme {
    /// The value set as `data-theme` (`None`: follow the system).
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Theme::Auto => None,
            other => Some(other.as_str()),
        }
    }

    /// The choice after this one, for the toggle: system → dark → light → system.
    pub fn next(self) -> Theme {
        match self {
            Theme::Auto => Theme::Dark,
            Theme::Dark => Theme::Light,
            Theme::Light => Theme::Auto,
        }
    }

    /// Words for the toggle in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        lang.text(match self {
            Theme::Auto => Msg::ThemeSystem,
            Theme::Light => Msg::ThemeLight,
            Theme::Dark => Msg::ThemeDark,
        })
    }
}

/// Sets `data-theme` on the document element (or removes it to follow the system).
pub fn apply_theme(theme: Theme) {
    let Some(root) = document().document_element() else {
        return;
    };
    let _ = match theme.attribute() {
        Some(value) => root.set_attribute("data-theme", value),
        None => root.remove_attribute("data-theme"),
    };
}

/// The header button that switches and remembers the theme.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(Theme::parse(web::remembered(REMEMBERED_THEME).as_deref()));
    let locale = use_lang();
    let on_click = move |_| {
        let next = theme.get_untracked().next();
        theme.set(next);
        apply_theme(next);
        web::remember(REMEMBERED_THEME, next.attribute().unwrap_or("system"));
    };
    view! {
        <button type="button" class="toggle" data-testid="theme-toggle" on:click=on_click
            title=move || locale.t(Msg::ThemeHint)>
            {move || theme.get().label(locale.get())}
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_toggle_cycles_through_every_choice_and_values_round_trip() {
        let mut theme = Theme::Auto;
        let mut seen = Vec::new();
        for _ in 0..3 {
            seen.push(theme);
            assert_eq!(Theme::parse(theme.attribute()), theme);
            theme = theme.next();
        }
        assert_eq!(theme, Theme::Auto);
        assert_eq!(seen, [Theme::Auto, Theme::Dark, Theme::Light]);
        assert_eq!(Theme::parse(Some("system")), Theme::Auto);
    }
}
