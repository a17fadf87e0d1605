//! `/sla` and `/embed/sla`: the SLA calculator and its chrome-less embed.

use leptos::prelude::*;

/// The SLA calculator page.
#[component]
pub fn SlaPage() -> impl IntoView {
    view! {
        <section data-testid="sla-page">
            <h1>"SLA calculator"</h1>
        </section>
    }
}

/// The chrome-less SLA widget for an `<iframe>`.
#[component]
pub fn EmbedSlaPage() -> impl IntoView {
    view! {
        <main data-testid="sla-embed">
            <h1>"SLA targets"</h1>
        </main>
    }
}
