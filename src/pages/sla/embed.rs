//! The chrome-less SLA widget for an `<iframe>` on another site, and the "Embed this" panel that
//! writes its snippet.
//!
//! # Host snippet
//! The widget posts `{ type: "beacon-sla:height", height }` to its parent whenever its height
//! changes. The host page resizes the iframe, accepting messages only from Beacon's origin and
//! only from its own iframes (replace the origin and the query with yours; the "Embed this"
//! panel on `/sla` writes it for the current choices):
//!
//! ```html
//! <iframe data-beacon-sla src="https://status.example.com/embed/sla?policy=model-b-zmanda&amp;plans=standard,premium&amp;severity=P1"
//!   title="Support response times" style="width:100%;border:0;height:320px" loading="lazy"></iframe>
//! <script>
//! addEventListener("message", function (e) {
//!   if (e.origin !== "https://status.example.com" || !e.data || e.data.type !== "beacon-sla:height") return;
//!   document.querySelectorAll("iframe[data-beacon-sla]").forEach(function (f) {
//!     if (f.contentWindow === e.source) f.style.height = Math.ceil(e.data.height) + "px";
//!   });
//! });
//! </script>
//! ```
//!
//! Parameters: `policy`, `plans` (comma-separated) or `plan`, `severity` (a severity or priority
//! id), `theme` (`light`, `dark`, `auto`), `accent` (`#rgb`/`#rrggbb`), `compact=1`.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::{site_base, PolicyProblem};
use crate::api;
use crate::i18n::{use_lang, Msg};
use crate::nav::use_nav;
use crate::router::Route;
use crate::sla::engine::resolve_level;
use crate::sla::policy::Classification;
use crate::sla::present::{self, EmbedQuery, LevelPick, SlaQuery, Theme, HEIGHT_MESSAGE};
use crate::sla::Policy;
use crate::ui::theme::apply_theme;

/// `/embed/sla`: the widget, configured by the URL, reporting its height to the parent page.
#[component]
pub fn EmbedSlaPage() -> impl IntoView {
    let nav = use_nav();
    let query = Memo::new(move |_| EmbedQuery::from_params(|name| nav.query_param(name)));
    let index = LocalResource::new(api::policy_index);
    let policy = LocalResource::new(move || {
        let wanted = query.with(|q| q.policy.clone());
        let index = index.get();
        async move {
            let index = index.ok_or(None)?.map_err(Some)?;
            let entry = wanted
                .and_then(|id| index.policies.iter().find(|e| e.id == id).cloned())
                .or_else(|| index.policies.first().cloned())
                .ok_or(None)?;
            api::policy(&entry.file).await.map(Arc::new).map_err(Some)
        }
    });
    Effect::new(move |_| apply_theme(query.with(|q| q.theme)));
    let locale = use_lang();
    let root = NodeRef::<leptos::html::Main>::new();
    report_height(root);
    let style = move || {
        query.with(|q| {
            q.accent
                .as_ref()
                .map(|accent| format!("--accent: {accent}"))
        })
    };
    let class = move || {
        if query.with(|q| q.compact) {
            "sla-embed compact"
        } else {
            "sla-embed"
        }
    };
    view! {
        <main class=class style=style node_ref=root data-testid="sla-embed">
            {move || match policy.get() {
                None | Some(Err(None)) => view! { <p class="loading" role="status">{locale.t(Msg::Loading)}</p> }.into_any(),
                Some(Err(Some(error))) => view! { <PolicyProblem error /> }.into_any(),
                Some(Ok(policy)) => view! { <EmbedWidget policy query=Signal::from(query) /> }.into_any(),
            }}
        </main>
    }
}

/// Posts the widget's height to the parent page whenever it changes (checked four times a
/// second, which also catches font loading and window resizes), while the widget is mounted.
fn report_height(root: NodeRef<leptos::html::Main>) {
    let last = StoredValue::new(0);
    let post = move || {
        let Some(element) = root.get_untracked() else {
            return;
        };
        let height = element.offset_height();
        if height == 0 || height == last.get_value() {
            return;
        }
        last.set_value(height);
        let window = window();
        let Ok(Some(parent)) = window.parent() else {
            return;
        };
        if js_sys::Object::is(&parent, &window) {
            return;
        }
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &JsValue::from(height));
        let _ = parent.post_message(&message, "*");
    };
    if let Ok(handle) = set_interval_with_handle(post, Duration::from_millis(250)) {
        on_cleanup(move || handle.clear());
    }
}

/// The widget body: for the chosen severity, each plan's targets as the policy states them and
/// when its clock runs, with a link to the full calculator.
#[component]
pub fn EmbedWidget(
    /// The loaded policy.
    policy: Arc<Policy>,
    /// The embed's settings.
    #[prop(into)]
    query: Signal<EmbedQuery>,
) -> impl IntoView {
    let nav = use_nav();
    let locale = use_lang();
    move || {
        let lang = locale.get();
        let words = lang.sla_words();
        let q = query.get();
        let level = q
            .severity
            .clone()
            .filter(|id| {
                policy
                    .classification
                    .as_ref()
                    .is_some_and(|c| c.target_levels().iter().any(|l| &l.id == id))
            })
            .or_else(|| {
                policy
                    .classification
                    .as_ref()
                    .and_then(|c| c.target_levels().first())
                    .map(|l| l.id.clone())
            });
        let Some(level) = level else {
            return view! {
                <p class="notice" data-testid="embed-no-targets">
                    {lang.fill(Msg::EmbedNoTargets, &[("policy", &policy.name)])}
                </p>
            }
            .into_any();
        };
        let plans: Vec<_> = policy
            .plans
            .iter()
            .filter(|p| q.plans.is_empty() || q.plans.contains(&p.id))
            .collect();
        let level_label = match policy.classification {
            Some(Classification::Matrix { .. }) => lang.text(Msg::Priority),
            _ => lang.text(Msg::Severity),
        };
        let rows = plans
            .iter()
            .map(|plan| {
                let row = policy.target_row(&plan.id, &level);
                let target = |t: Option<crate::sla::policy::Target>| {
                    t.map_or_else(
                        || lang.text(Msg::NotStatedInPolicyLower).to_owned(),
                        |t| present::describe_target_in(words, &t),
                    )
                };
                let first = target(row.and_then(|r| r.first_response));
                let resolution = target(row.and_then(|r| r.resolution));
                view! {
                    <li class="sla-embed-plan" data-testid=format!("embed-plan-{}", plan.id)>
                        <h2>{plan.name.clone()}</h2>
                        <p class="muted">{present::describe_coverage_in(words, &plan.coverage)}</p>
                        <dl>
                            <dt>{lang.text(Msg::FirstResponse)}</dt>
                            <dd data-testid="embed-first-response">{first}</dd>
                            <dt>{lang.text(Msg::Resolution)}</dt>
                            <dd data-testid="embed-resolution">{resolution}</dd>
                        </dl>
                    </li>
                }
            })
            .collect_view();
        let calculator = format!(
            "{}{}",
            nav.href(&Route::Sla),
            present::query_string(
                &SlaQuery {
                    policy: Some(policy.id.clone()),
                    plan: plans.first().map(|p| p.id.clone()),
                    severity: Some(level.clone()),
                    ..SlaQuery::default()
                }
                .to_pairs()
            )
        );
        view! {
            <p class="sla-embed-head">
                <strong>{policy.name.clone()}</strong>
                " · "
                {level_label}
                ": "
                <span data-testid="embed-level">{present::level_name(&policy, &level)}</span>
            </p>
            <ul class="sla-embed-plans">{rows}</ul>
            <p class="sla-embed-foot">
                <a href=calculator target="_blank" rel="noopener">{lang.text(Msg::OpenCalculator)}</a>
            </p>
        }
        .into_any()
    }
}

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
