//! Light and dark themes: the system's choice by default, overridden by a toggle that is
//! remembered. The choice is applied as `data-theme` on `<html>` (the stylesheet defines both
//! palettes); `index.html` applies a remembered choice before the app starts, so there is no flash.

use leptos::prelude::*;

use crate::i18n::{use_lang, Msg};
use beacon_browser as web;

/// Local-storage key of the visitor's theme choice.
pub const REMEMBERED_THEME: &str = "beacon.theme";

/// The visitor's theme choice: the same type as the embed's `theme` parameter
/// ([`beacon_core::sla::present::Theme`]; `Auto` follows the system).
pub use beacon_core::sla::present::Theme;

pub use beacon_browser::apply_theme;

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
