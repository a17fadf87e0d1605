//! "Get updates" (issue 4), the visitor's side: a button on each region page opening a modal
//! dialog where the visitor picks sections and a method — feeds, calendar, browser
//! notifications, e-mail or webhook sign-up, badges — and the notifications themselves, fired
//! while the page is open when a poll brings news for the chosen sections. The decisions (what
//! is news, what may be sent, which addresses) live in [`crate::notify`].

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::api;
use crate::i18n::{split_at, use_lang, Lang, Locale, Msg};
use crate::notify::{
    badge_html, badge_markdown, changes, notice, signup_methods, signup_request, Notice,
    NotificationChoice, Polled, PublishedLinks, SignupField, SignupRefusal,
};
use crate::status::config::{Region, SubscriptionMethod, Subscriptions};
use crate::status::model::{IncidentHistory, Summary};
use crate::status::overall::sections;
use crate::web;

/// The ways of getting updates the dialog offers, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Feeds,
    Calendar,
    Browser,
    Email,
    Webhook,
    Badges,
}

impl Method {
    fn label(self, lang: Lang) -> &'static str {
        lang.text(match self {
            Method::Feeds => Msg::MethodFeeds,
            Method::Calendar => Msg::MethodCalendar,
            Method::Browser => Msg::MethodBrowser,
            Method::Email => Msg::MethodEmail,
            Method::Webhook => Msg::MethodWebhook,
            Method::Badges => Msg::MethodBadges,
        })
    }

    fn id(self) -> &'static str {
        match self {
            Method::Feeds => "feeds",
            Method::Calendar => "calendar",
            Method::Browser => "browser",
            Method::Email => "email",
            Method::Webhook => "webhook",
            Method::Badges => "badges",
        }
    }
}

/// A chosen top-level section: component id and name.
type SectionChoice = (String, String);

/// The "Get updates" button and dialog of a region page; also fires browser notifications for
/// the visitor's stored choice whenever the polled data brings news.
#[component]
pub fn GetUpdates(
    /// The region the page shows.
    region: Region,
    /// The site's sign-up settings; e-mail and webhook are offered only with a `signup_url`.
    subscriptions: Subscriptions,
    /// The region's summary as last polled.
    #[prop(into)]
    summary: Signal<Option<Summary>>,
    /// The region's history as last polled.
    #[prop(into)]
    history: Signal<Option<IncidentHistory>>,
) -> impl IntoView {
    let locale = use_lang();
    let dialog = NodeRef::<html::Dialog>::new();
    let opener = NodeRef::<html::Button>::new();
    let title = NodeRef::<html::H2>::new();
    let stored = web::remembered(&NotificationChoice::storage_key(&region.id))
        .as_deref()
        .and_then(NotificationChoice::from_stored);
    let choice = RwSignal::new(stored.clone());
    // `None`: every section (the default); `Some`: the ids the visitor ticked.
    let picked = RwSignal::new(stored.map(|choice| choice.sections));
    let order = region.component_order.clone();
    let all_sections = Memo::new(move |_| {
        summary.with(|summary| {
            summary
                .as_ref()
                .map(|summary| {
                    sections(summary, &order)
                        .into_iter()
                        .map(|s| (s.component.id, s.component.name))
                        .collect::<Vec<SectionChoice>>()
                })
                .unwrap_or_default()
        })
    });
    let chosen = Signal::derive(move || {
        let picked = picked.get();
        all_sections
            .get()
            .into_iter()
            .filter(|(id, _)| picked.as_ref().is_none_or(|ids| ids.contains(id)))
            .collect::<Vec<SectionChoice>>()
    });

    notify_on_news(&region, summary, history, choice);
    announce_feeds(&region, locale);

    let links = StoredValue::new(PublishedLinks::new(&site_root(), &region.id));
    let mut methods = vec![Method::Feeds, Method::Calendar, Method::Browser];
    for method in signup_methods(&subscriptions) {
        methods.push(match method {
            SubscriptionMethod::Webhook => Method::Webhook,
            _ => Method::Email,
        });
    }
    methods.push(Method::Badges);
    let method = RwSignal::new(Method::Feeds);
    let region_name = StoredValue::new(region.name.clone());
    let region_id = StoredValue::new(region.id.clone());
    let signup_url = StoredValue::new(subscriptions.signup_url.clone());
    let section_refusal = RwSignal::new(None::<Msg>);
    let email_input = RwSignal::new(String::new());
    let webhook_input = RwSignal::new(String::new());

    let open = move |_| {
        if let Some(dialog) = dialog.get() {
            if dialog.show_modal().is_ok() {
                if let Some(title) = title.get() {
                    let _ = title.focus();
                }
            }
        }
    };
    let close = move |_| {
        if let Some(dialog) = dialog.get() {
            dialog.close();
        }
    };
    let restore_focus = move |_| {
        if let Some(button) = opener.get() {
            let _ = button.focus();
        }
    };

    let section_boxes = move || {
        all_sections
            .get()
            .into_iter()
            .map(|(id, name)| {
                let checked_id = id.clone();
                let toggled_id = id.clone();
                view! {
                    <li>
                        <label>
                            <input
                                type="checkbox"
                                data-testid="section-choice"
                                value=id
                                prop:checked=move || {
                                    picked.with(|p| p.as_ref().is_none_or(|ids| ids.contains(&checked_id)))
                                }
                                on:change=move |event| {
                                    let on = event_target_checked(&event);
                                    let mut ids: Vec<String> =
                                        chosen.get_untracked().into_iter().map(|(id, _)| id).collect();
                                    ids.retain(|id| *id != toggled_id);
                                    if on {
                                        ids.push(toggled_id.clone());
                                    }
                                    let order: Vec<String> = all_sections
                                        .get_untracked()
                                        .into_iter()
                                        .map(|(id, _)| id)
                                        .filter(|id| ids.contains(id))
                                        .collect();
                                    section_refusal.set(None);
                                    picked.set(Some(order));
                                }
                            />
                            " " {name}
                        </label>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };
    let every_section = move || {
        let all = all_sections.get().len();
        all > 0 && chosen.get().len() == all
    };

    let method_radios = methods
        .iter()
        .map(|&choice| {
            view! {
                <label class="subscribe-method">
                    <input
                        type="radio"
                        name="subscribe-method"
                        value=choice.id()
                        prop:checked=move || method.get() == choice
                        on:change=move |_| method.set(choice)
                    />
                    " " {move || choice.label(locale.get())}
                </label>
            }
        })
        .collect::<Vec<_>>();

    let panel = move || match method.get() {
        Method::Feeds => view! { <FeedsPanel links chosen /> }.into_any(),
        Method::Calendar => view! { <CalendarPanel links /> }.into_any(),
        Method::Browser => view! {
            <BrowserPanel region_id chosen choice section_refusal />
        }
        .into_any(),
        Method::Email | Method::Webhook => {
            let is_webhook = method.get() == Method::Webhook;
            let input = if is_webhook {
                webhook_input
            } else {
                email_input
            };
            view! {
                <SignupForm
                    webhook=is_webhook
                    input
                    signup_url
                    region_id
                    chosen
                    section_refusal
                />
            }
            .into_any()
        }
        Method::Badges => view! { <BadgesPanel links chosen region_name /> }.into_any(),
    };

    view! {
        <button
            type="button"
            class="get-updates"
            aria-haspopup="dialog"
            data-testid="get-updates"
            node_ref=opener
            on:click=open
        >
            {move || locale.t(Msg::GetUpdates)}
        </button>
        <dialog
            class="subscribe-dialog"
            aria-labelledby="subscribe-title"
            data-testid="subscribe-dialog"
            node_ref=dialog
            on:close=restore_focus
        >
            <div class="subscribe-head">
                <h2 id="subscribe-title" tabindex="-1" node_ref=title>
                    {move || split_at(locale.t(Msg::GetUpdatesFor), "region").0}
                    {region.name.clone()}
                    {move || split_at(locale.t(Msg::GetUpdatesFor), "region").1}
                </h2>
                <button type="button" class="subscribe-close" on:click=close
                    data-testid="subscribe-close">
                    {move || locale.t(Msg::Close)}
                </button>
            </div>
            <fieldset class="subscribe-sections" data-testid="subscribe-sections"
                aria-describedby="sections-problem">
                <legend>{move || locale.t(Msg::Sections)}</legend>
                <label class="all-sections">
                    <input
                        type="checkbox"
                        data-testid="all-sections"
                        prop:checked=every_section
                        on:change=move |event| {
                            section_refusal.set(None);
                            picked.set(if event_target_checked(&event) { None } else { Some(Vec::new()) });
                        }
                    />
                    " " {move || locale.t(Msg::AllSections)}
                </label>
                <ul>{section_boxes}</ul>
                <p id="sections-problem" class="field-error" role="alert" data-testid="sections-problem">
                    {move || section_refusal.get().map(|problem| locale.t(problem))}
                </p>
            </fieldset>
            <fieldset class="subscribe-methods">
                <legend>{move || locale.t(Msg::How)}</legend>
                {method_radios}
            </fieldset>
            <div class="subscribe-panel" data-testid="subscribe-panel">{panel}</div>
        </dialog>
    }
}

/// The absolute address of the site root (where `feeds/`, `calendars/` and `badges/` are).
pub fn site_root() -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}{}", web::base_path())
}

/// Adds `<link rel="alternate">` for the region's feeds to the document head while the page is
/// open, so browsers and extensions can discover them; their titles follow the language.
fn announce_feeds(region: &Region, locale: Locale) {
    let Some(head) = document().head() else {
        return;
    };
    let links = PublishedLinks::new(&site_root(), &region.id);
    let mut added = Vec::new();
    for (kind, href, format) in [
        ("application/atom+xml", links.atom(), "Atom"),
        ("application/rss+xml", links.rss(), "RSS"),
    ] {
        let Ok(link) = document().create_element("link") else {
            continue;
        };
        let _ = link.set_attribute("rel", "alternate");
        let _ = link.set_attribute("type", kind);
        let _ = link.set_attribute("href", &href);
        if head.append_child(&link).is_ok() {
            added.push((link, format));
        }
    }
    let added = StoredValue::new_local(added);
    let region_name = region.name.clone();
    Effect::new(move |_| {
        let lang = locale.get();
        added.with_value(|links| {
            for (link, format) in links {
                let title = lang.fill(
                    Msg::FeedTitle,
                    &[("region", &region_name), ("format", format)],
                );
                let _ = link.set_attribute("title", &title);
            }
        });
    });
    on_cleanup(move || {
        added.with_value(|links| links.iter().for_each(|(link, _)| link.remove()));
    });
}

/// Compares each poll with the one before and shows one notification when it brings news for
/// the visitor's enabled choice (and the browser allows notifications).
fn notify_on_news(
    region: &Region,
    summary: Signal<Option<Summary>>,
    history: Signal<Option<IncidentHistory>>,
    choice: RwSignal<Option<NotificationChoice>>,
) {
    let locale = use_lang();
    // The data of the last poll, kept only while notifications are on: with them off (most
    // visitors) nothing is copied, which matters for a region with thousands of incidents.
    let last = StoredValue::new(None::<(Summary, IncidentHistory)>);
    let region_id = region.id.clone();
    let region_name = region.name.clone();
    Effect::new(move |_| {
        summary.track();
        history.track();
        let sections = choice.with(|choice| {
            choice
                .as_ref()
                .filter(|choice| choice.enabled)
                .map(|choice| choice.sections.clone())
        });
        let Some(sections) = sections.filter(|_| permission().as_deref() == Some("granted")) else {
            last.set_value(None);
            return;
        };
        let (Some(now_summary), Some(now_history)) =
            (summary.get_untracked(), history.get_untracked())
        else {
            return;
        };
        let before = last
            .try_update_value(|slot| slot.replace((now_summary.clone(), now_history.clone())))
            .flatten();
        let Some((before_summary, before_history)) = before else {
            return;
        };
        let news = changes(
            Polled {
                summary: &before_summary,
                history: &before_history,
            },
            Polled {
                summary: &now_summary,
                history: &now_history,
            },
            &sections,
        );
        if let Some(notice) = notice(&region_id, &region_name, &news, locale.get_untracked()) {
            show(&notice);
        }
    });
}

/// The browser's notification permission (`granted`, `denied`, `default`), or `None` where the
/// Notification API does not exist.
fn permission() -> Option<String> {
    let supported = js_sys::Reflect::has(&window(), &JsValue::from_str("Notification")).ok()?;
    if !supported {
        return None;
    }
    Some(
        match web_sys::Notification::permission() {
            web_sys::NotificationPermission::Granted => "granted",
            web_sys::NotificationPermission::Denied => "denied",
            _ => "default",
        }
        .to_string(),
    )
}

/// Shows a notification; browsers that only allow them from a service worker throw, and then
/// nothing is shown.
fn show(notice: &Notice) {
    let options = web_sys::NotificationOptions::new();
    options.set_body(&notice.body);
    options.set_tag(&notice.tag);
    let _ = web_sys::Notification::new_with_options(&notice.title, &options);
}

/// A read-only address with a copy button and a live "Copied" note.
#[component]
fn CopyField(
    /// Unique within the dialog, for the label.
    id: String,
    /// What the address is.
    #[prop(into)]
    label: Signal<String>,
    /// The text to copy.
    value: String,
) -> impl IntoView {
    let locale = use_lang();
    let note = RwSignal::new(None::<Msg>);
    let text = StoredValue::new(value.clone());
    let copy = move |_| {
        let text = text.get_value();
        let navigator = window().navigator();
        let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
            .is_ok_and(|clipboard| !clipboard.is_undefined());
        if !has_clipboard {
            note.set(Some(Msg::CopyUnavailable));
            return;
        }
        let promise = navigator.clipboard().write_text(&text);
        spawn_local(async move {
            note.try_set(match JsFuture::from(promise).await {
                Ok(_) => Some(Msg::Copied),
                Err(_) => Some(Msg::CopyFailed),
            });
        });
    };
    view! {
        <div class="copy-field" data-testid="copy-field">
            <label for=id.clone()>{move || label.get()}</label>
            <div class="copy-row">
                <input id=id type="text" readonly value=value
                    on:focus=|event| {
                        if let Some(input) = event
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                        {
                            input.select();
                        }
                    } />
                <button type="button" on:click=copy aria-label=move || locale.get().fill(Msg::CopyNamed, &[("label", &label.get())])>
                    {move || locale.t(Msg::Copy)}
                </button>
                <span class="copy-note" role="status">{move || note.get().map(|msg| locale.t(msg))}</span>
            </div>
        </div>
    }
}

/// Atom and RSS addresses for the region and each chosen section.
#[component]
fn FeedsPanel(
    links: StoredValue<PublishedLinks>,
    chosen: Signal<Vec<SectionChoice>>,
) -> impl IntoView {
    let locale = use_lang();
    let links = links.get_value();
    let region_atom = links.atom();
    let region_rss = links.rss();
    let per_section = move || {
        chosen
            .get()
            .into_iter()
            .map(|(id, name)| {
                let url = links.component_atom(&id);
                view! { <CopyField id=format!("feed-{id}") label=format!("{name} (Atom)") value=url /> }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <div data-testid="feeds-panel">
            <p>{move || locale.t(Msg::FeedsIntro)}</p>
            <CopyField id="feed-region-atom".into() label=Signal::derive(move || locale.t(Msg::WholeRegionAtom).to_string()) value=region_atom />
            <CopyField id="feed-region-rss".into() label=Signal::derive(move || locale.t(Msg::WholeRegionRss).to_string()) value=region_rss />
            {per_section}
        </div>
    }
}

/// The region's maintenance calendar: subscription addresses and a download.
#[component]
fn CalendarPanel(links: StoredValue<PublishedLinks>) -> impl IntoView {
    let locale = use_lang();
    let links = links.get_value();
    let webcal = links.webcal();
    let https = links.calendar();
    view! {
        <div data-testid="calendar-panel">
            <p>{move || locale.t(Msg::CalendarIntro)}</p>
            <p><a href=webcal.clone() rel="external">{move || locale.t(Msg::OpenInCalendar)}</a></p>
            <CopyField id="calendar-webcal".into() label=Signal::derive(move || locale.t(Msg::SubscriptionWebcal).to_string()) value=webcal />
            <CopyField id="calendar-https".into() label=Signal::derive(move || locale.t(Msg::SubscriptionHttps).to_string()) value=https.clone() />
            <p>
                <a href=https download="" rel="external" data-testid="calendar-download">
                    {move || locale.t(Msg::DownloadCalendar)}
                </a>
            </p>
        </div>
    }
}

/// Turning browser notifications on, off, or to other sections for this region.
#[component]
fn BrowserPanel(
    region_id: StoredValue<String>,
    chosen: Signal<Vec<SectionChoice>>,
    choice: RwSignal<Option<NotificationChoice>>,
    section_refusal: RwSignal<Option<Msg>>,
) -> impl IntoView {
    let locale = use_lang();
    let note = RwSignal::new(None::<Msg>);
    let save = move |enabled: bool| {
        let sections: Vec<String> = chosen
            .get_untracked()
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let value = NotificationChoice { enabled, sections };
        web::remember(
            &NotificationChoice::storage_key(&region_id.get_value()),
            &value.to_stored(),
        );
        choice.set(Some(value));
    };
    let turn_on = move |_| {
        if chosen.get_untracked().is_empty() {
            section_refusal.set(Some(Msg::ChooseOneSection));
            return;
        }
        match permission().as_deref() {
            None => note.set(Some(Msg::NoNotifications)),
            Some("granted") => save(true),
            Some("denied") => note.set(Some(Msg::NotificationsBlocked)),
            _ => {
                let Ok(promise) = web_sys::Notification::request_permission() else {
                    note.set(Some(Msg::NoNotifications));
                    return;
                };
                spawn_local(async move {
                    let answer = JsFuture::from(promise)
                        .await
                        .ok()
                        .and_then(|v| v.as_string());
                    if answer.as_deref() == Some("granted") {
                        save(true);
                        note.try_set(None);
                    } else {
                        note.try_set(Some(Msg::NotificationsBlocked));
                    }
                });
            }
        }
    };
    let state = move || {
        match choice.get() {
        Some(current) if current.enabled => {
            let names: Vec<String> = chosen
                .get()
                .into_iter()
                .filter(|(id, _)| current.sections.contains(id))
                .map(|(_, name)| name)
                .collect();
            let edited = chosen
                .get()
                .into_iter()
                .map(|(id, _)| id)
                .collect::<Vec<_>>()
                != current.sections;
            let (before, after) = split_at(locale.t(Msg::NotificationsOnFor), "names");
            view! {
                <p data-testid="notify-state">{before} {names.join(", ")} {after}</p>
                <button type="button" disabled=!edited on:click=turn_on>
                    {move || locale.t(Msg::SaveSections)}
                </button>
                " "
                <button type="button" on:click=move |_| save(false)>
                    {move || locale.t(Msg::TurnOffNotifications)}
                </button>
            }
            .into_any()
        }
        _ => view! {
            <p data-testid="notify-state">{move || locale.t(Msg::NotificationsOff)}</p>
            <button type="button" on:click=turn_on>{move || locale.t(Msg::TurnOnNotifications)}</button>
        }
        .into_any(),
    }
    };
    view! {
        <div data-testid="browser-panel">
            <p>{move || locale.t(Msg::BrowserIntro)}</p>
            {state}
            <p role="status" data-testid="notify-note">{move || note.get().map(|msg| locale.t(msg))}</p>
        </div>
    }
}

/// The e-mail or webhook sign-up form.
#[component]
fn SignupForm(
    /// True for the webhook URL field, false for the e-mail address.
    webhook: bool,
    /// What the visitor typed, kept by the dialog so a failure or a switch of method keeps it.
    input: RwSignal<String>,
    signup_url: StoredValue<Option<String>>,
    region_id: StoredValue<String>,
    chosen: Signal<Vec<SectionChoice>>,
    section_refusal: RwSignal<Option<Msg>>,
) -> impl IntoView {
    let locale = use_lang();
    let refusal = RwSignal::new(None::<SignupRefusal>);
    let sending = RwSignal::new(false);
    // The endpoint's answer (if it gave one) or why the sign-up failed; worded when shown.
    let outcome = RwSignal::new(None::<Result<Option<String>, api::ApiError>>);
    let method = if webhook {
        SubscriptionMethod::Webhook
    } else {
        SubscriptionMethod::Email
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let Some(url) = signup_url.get_value() else {
            return;
        };
        let components: Vec<String> = chosen
            .get_untracked()
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let language = crate::ui::time::locale_tag(locale.get_untracked());
        let request = match signup_request(
            method,
            &input.get_untracked(),
            &region_id.get_value(),
            &components,
            &language,
        ) {
            Ok(request) => request,
            Err(problem) => {
                if problem.field == SignupField::Sections {
                    section_refusal.set(Some(problem.message));
                }
                refusal.set(Some(problem));
                outcome.set(None);
                return;
            }
        };
        refusal.set(None);
        outcome.set(None);
        sending.set(true);
        spawn_local(async move {
            let result = api::subscribe(&url, &request).await;
            sending.try_set(false);
            outcome.try_set(Some(result));
        });
    };
    let (label, kind, autocomplete, hint) = if webhook {
        (Msg::WebhookUrl, "url", "url", Msg::WebhookHint)
    } else {
        (Msg::EmailAddress, "email", "email", Msg::EmailHint)
    };
    let field_problem = move || {
        refusal
            .get()
            .filter(|problem| problem.field != SignupField::Sections)
            .map(|problem| locale.t(problem.message))
    };
    let shown_outcome = move || {
        let lang = locale.get();
        outcome.get().map(|result| match result {
            Ok(answer) => Ok(answer.unwrap_or_else(|| lang.text(Msg::SignedUp).into())),
            Err(error) if error.is_network() => {
                Err(lang.fill(Msg::SignupUnreachable, &[("error", &error.describe(lang))]))
            }
            Err(error) => Err(lang.fill(Msg::SignupRejected, &[("error", &error.describe(lang))])),
        })
    };
    view! {
        <form class="signup-form" data-testid="signup-form" novalidate on:submit=submit>
            <p>{move || locale.t(hint)}</p>
            <label for="signup-input">{move || locale.t(label)}</label>
            <input
                id="signup-input"
                type=kind
                autocomplete=autocomplete
                required
                aria-invalid=move || field_problem().is_some().to_string()
                aria-describedby="signup-problem"
                prop:value=move || input.get()
                on:input=move |event| input.set(event_target_value(&event))
            />
            <p id="signup-problem" class="field-error" role="alert" data-testid="signup-problem">{field_problem}</p>
            <button type="submit" disabled=move || sending.get() data-testid="signup-submit">
                {move || locale.t(if sending.get() { Msg::SigningUp } else { Msg::SignUp })}
            </button>
            <div role="status" aria-live="polite" data-testid="signup-result">
                {move || shown_outcome().map(|result| match result {
                    Ok(message) => view! { <p class="notice success">{message}</p> }.into_any(),
                    Err(message) => view! { <p class="notice error">{message}</p> }.into_any(),
                })}
            </div>
        </form>
    }
}

/// Badge addresses with Markdown and HTML snippets for the region and each chosen section.
#[component]
fn BadgesPanel(
    links: StoredValue<PublishedLinks>,
    chosen: Signal<Vec<SectionChoice>>,
    region_name: StoredValue<String>,
) -> impl IntoView {
    let locale = use_lang();
    // The alt text is part of the snippets, so they are written again in a new language.
    let badge = move |lang: Lang, key: String, name: String, url: String| {
        let page = links.with_value(PublishedLinks::page);
        let alt = lang.fill(Msg::BadgeAlt, &[("name", &name)]);
        view! {
            <div class="badge-choice" data-testid="badge">
                <img src=url.clone() alt=alt.clone() loading="lazy" />
                <CopyField id=format!("badge-md-{key}") label=format!("{name}: Markdown")
                    value=badge_markdown(&alt, &url, &page) />
                <CopyField id=format!("badge-html-{key}") label=format!("{name}: HTML")
                    value=badge_html(&alt, &url, &page) />
            </div>
        }
    };
    let region = move || {
        badge(
            locale.get(),
            "region".into(),
            region_name.get_value(),
            links.with_value(PublishedLinks::badge),
        )
    };
    let per_section = move || {
        let lang = locale.get();
        chosen
            .get()
            .into_iter()
            .map(|(id, name)| {
                let url = links.with_value(|links| links.component_badge(&id));
                badge(lang, id, name, url)
            })
            .collect::<Vec<_>>()
    };
    view! {
        <div data-testid="badges-panel">
            <p>{move || locale.t(Msg::BadgesIntro)}</p>
            {region}
            {per_section}
        </div>
    }
}
