//! The "Embed this" panel on `/sla`: the exact snippet for the current choices. The widget
//! itself is its own small app (`beacon_embed`, served at `/embed/sla/`); its host snippet and
//! parameters are documented there.

use std::sync::Arc;

use leptos::prelude::*;

use super::site_base;
use crate::i18n::{use_lang, Msg};
use crate::nav::use_nav;
use beacon_core::sla::engine::resolve_level;
use beacon_core::sla::present::{self, EmbedQuery, LevelPick, SlaQuery, Theme};
use beacon_core::sla::Policy;

/// "Embed this": the exact iframe snippet for the current policy, plan(s) and level.
#[component]
pub fn EmbedPanel(
    /// The loaded policy.
    policy: Arc<Policy>,
    /// The calculator's choices.
    #[prop(into)]
    query: Signal<SlaQuery>,
) -> impl IntoView {
    let nav = use_nav();
    let locale = use_lang();
    let theme = RwSignal::new(Theme::Auto);
    let compact = RwSignal::new(false);
    let all_plans = RwSignal::new(true);
    let due = RwSignal::new(false);
    let embed_query = move || {
        let q = query.get();
        let level = LevelPick::from_query(&policy, &q).and_then(|pick| {
            resolve_level(&policy, pick.choice())
                .ok()
                .map(|level| level.effective)
        });
        let plans = if all_plans.get() {
            policy.plans.iter().map(|p| p.id.clone()).collect()
        } else {
            present::chosen_plan(&policy, &q)
                .map(str::to_owned)
                .into_iter()
                .collect()
        };
        EmbedQuery {
            policy: Some(policy.id.clone()),
            plans,
            severity: level,
            theme: theme.get(),
            accent: None,
            compact: compact.get(),
            due: due.get(),
            centre: due.get().then(|| q.centre.clone()).flatten(),
            origin: None,
        }
    };
    let snippet = move || present::embed_snippet(&site_base(nav), &embed_query());
    view! {
        <details class="sla-embed-panel" data-testid="embed-panel">
            <summary>{move || locale.t(Msg::EmbedThis)}</summary>
            <p>{move || locale.t(Msg::EmbedIntro)}</p>
            <div class="sla-controls">
                <label>
                    <input
                        type="checkbox"
                        prop:checked=move || all_plans.get()
                        on:change=move |ev| all_plans.set(event_target_checked(&ev))
                    />
                    {move || format!(" {}", locale.t(Msg::AllPlansSideBySide))}
                </label>
                <label>
                    <input
                        type="checkbox"
                        prop:checked=move || compact.get()
                        on:change=move |ev| compact.set(event_target_checked(&ev))
                    />
                    {move || format!(" {}", locale.t(Msg::Compact))}
                </label>
                <label>
                    <input
                        type="checkbox"
                        data-testid="embed-due-option"
                        prop:checked=move || due.get()
                        on:change=move |ev| due.set(event_target_checked(&ev))
                    />
                    {move || format!(" {}", locale.t(Msg::FiledNow))}
                </label>
                <label>
                    {move || format!("{} ", locale.t(Msg::EmbedTheme))}
                    <select on:change=move |ev| theme.set(Theme::parse(Some(&event_target_value(&ev))))>
                        <option value="auto">{move || locale.t(Msg::FollowVisitorTheme)}</option>
                        <option value="light">{move || locale.t(Msg::Light)}</option>
                        <option value="dark">{move || locale.t(Msg::Dark)}</option>
                    </select>
                </label>
            </div>
            <textarea readonly rows="9" data-testid="embed-snippet" prop:value=snippet></textarea>
        </details>
    }
}
