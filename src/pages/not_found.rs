//! The page for an address the app does not know.

use leptos::prelude::*;

use crate::i18n::{split_at, use_lang, Msg};
use crate::nav::use_nav;
use crate::router::Route;

/// Says plainly that the page does not exist, names the path, and offers the way back.
#[component]
pub fn NotFoundPage(
    /// The path the visitor asked for.
    #[prop(into)]
    path: String,
) -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang().get_untracked();
    let (before, after) = split_at(lang.text(Msg::NoPageAt), "path");
    view! {
        <section class="not-found" data-testid="not-found">
            <h1>{lang.text(Msg::PageNotFound)}</h1>
            <p>{before} <code>{path}</code> {after}</p>
            <p>
                <a href=nav.href(&Route::Home)>{lang.text(Msg::GoToYourRegion)}</a>
            </p>
        </section>
    }
}
