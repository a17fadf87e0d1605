//! The page for an address the app does not know.

use leptos::prelude::*;

use crate::i18n::{split_at, use_lang, Msg};
use crate::nav::use_nav;
use beacon_core::route::Route;

/// Says plainly that the page does not exist, names the path, and offers the way back.
#[component]
pub fn NotFoundPage(
    /// The path the visitor asked for.
    #[prop(into)]
    path: String,
) -> impl IntoView {
    let nav = use_nav();
    let locale = use_lang();
    crate::handover::show_live();
    let part = move |which: usize| {
        let (before, after) = split_at(locale.t(Msg::NoPageAt), "path");
        [before, after][which]
    };
    view! {
        <section class="not-found" data-testid="not-found">
            <h1>{move || locale.t(Msg::PageNotFound)}</h1>
            <p>{move || part(0)} <code>{path}</code> {move || part(1)}</p>
            <p>
                <a href=nav.href(&Route::Home)>{move || locale.t(Msg::GoToYourRegion)}</a>
            </p>
        </section>
    }
}
