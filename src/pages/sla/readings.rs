//! "How this policy is read": the readings the policy applies to its document's words and what
//! the document leaves open, in the visitor's language, and where the chosen centre's holidays
//! come from (as the calendar file states it, in English).

use std::sync::Arc;

use leptos::prelude::*;

use crate::i18n::{use_lang, Msg};
use beacon_core::sla::{BusinessCalendar, Policy};

/// The policy's readings and open questions, and the chosen centre's holiday list and source.
#[component]
pub fn PolicyReadings(
    /// The loaded policy.
    policy: Arc<Policy>,
    /// The chosen support centre.
    centre: Arc<BusinessCalendar>,
) -> impl IntoView {
    let locale = use_lang();
    let readings = {
        let policy = policy.clone();
        move || {
            let lang = locale.get();
            policy
                .readings
                .iter()
                .map(|r| {
                    view! { <li data-testid="policy-reading" data-reading=r.id.clone()>{r.text.get(lang).to_owned()}</li> }
                })
                .collect_view()
        }
    };
    let questions = {
        let policy = policy.clone();
        move || {
            let lang = locale.get();
            policy
                .open_questions
                .iter()
                .map(|q| view! { <li data-testid="open-question">{q.get(lang).to_owned()}</li> })
                .collect_view()
        }
    };
    let holidays = centre.holiday_source().map(|source| {
        view! {
            <p class="sla-holiday-source" lang="en" data-testid="centre-holiday-source">
                <strong>{centre.name().to_owned()}</strong>
                ": "
                {source.to_owned()}
            </p>
        }
    });
    view! {
        <section class="sla-readings" aria-labelledby="readings-heading" data-testid="policy-readings">
            <h2 id="readings-heading">{move || locale.t(Msg::HowPolicyIsRead)}</h2>
            <p class="muted">
                {move || locale.t(Msg::SourceLabel)} ": " <cite lang=policy.document_language.clone()>{policy.document.clone()}</cite>
            </p>
            <ul class="sla-notes">{readings}</ul>
            <h3>{move || locale.t(Msg::OpenQuestions)}</h3>
            <ul class="sla-notes">{questions}</ul>
            {holidays}
        </section>
    }
}
