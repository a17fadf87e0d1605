//! The page for an address the app does not know.

use leptos::prelude::*;

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
    view! {
        <section class="not-found" data-testid="not-found">
            <h1>"Page not found"</h1>
            <p>"There is no page at " <code>{path}</code> "."</p>
            <p>
                <a href=nav.href(&Route::Home)>"Go to the status page for your region"</a>
            </p>
        </section>
    }
}
