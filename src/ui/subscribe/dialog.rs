//! The "Get updates" dialog: sections and a method — feeds, calendar, browser
//! notifications, e-mail or webhook sign-up, badges. It is an app of its own (bin
//! `beacon-subscribe`, see [`crate::lazy`]) that the status app loads when a visitor first opens
//! the dialog, so a status-page visitor who never does downloads none of it. The status app
//! keeps the button, and tells the dialog the language and the region's sections whenever they
//! change ([`Dialog`]); the dialog tells it a new notification choice. The decisions (what may
//! be sent, which addresses) live in [`beacon_core::notify`].

use std::any::Any;

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::{permission, site_root, DialogSetup, SectionChoice};
use crate::api;
use crate::i18n::{provide_lang, split_at, use_lang, Lang, Msg};
use crate::ui::error::describe;
use beacon_browser as web;
use beacon_core::layout::{badge_html, badge_markdown, PublishedLinks};
use beacon_core::notify::{
    signup_methods, signup_request, NotificationChoice, SignupField, SignupRefusal,
};
use beacon_core::status::config::SubscriptionMethod;

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

/// One mounted dialog (closed until [`Dialog::show`]); dropping it removes the dialog.
pub struct Dialog {
    lang: RwSignal<Lang>,
    sections: RwSignal<Vec<SectionChoice>>,
    dialog: NodeRef<html::Dialog>,
    title: NodeRef<html::H2>,
    _mounted: Box<dyn Any>,
}

impl Dialog {
    /// Mounts the (closed) dialog for `setup` into `host`, worded in `lang` and offering
    /// `sections`. Closing it returns the focus to `opener`; `on_choice` hears every
    /// notification choice the visitor saves.
    pub fn mount(
        host: web_sys::HtmlElement,
        opener: web_sys::HtmlElement,
        setup: DialogSetup,
        lang: Lang,
        sections: Vec<SectionChoice>,
        on_choice: impl Fn(&NotificationChoice) + 'static,
    ) -> Self {
        let lang = RwSignal::new(lang);
        let sections = RwSignal::new(sections);
        let dialog = NodeRef::new();
        let title = NodeRef::new();
        let mounted = leptos::mount::mount_to(host, move || {
            provide_lang(lang.into());
            subscribe_dialog(
                setup,
                sections.into(),
                opener,
                dialog,
                title,
                Box::new(on_choice),
            )
        });
        Self {
            lang,
            sections,
            dialog,
            title,
            _mounted: Box::new(mounted),
        }
    }

    /// Opens the dialog as a modal and moves the focus to its title.
    pub fn show(&self) {
        if let Some(dialog) = self.dialog.get_untracked() {
            if !dialog.open() && dialog.show_modal().is_ok() {
                if let Some(title) = self.title.get_untracked() {
                    let _ = title.focus();
                }
            }
        }
    }

    /// Words the dialog in `lang` (the status app's language changed).
    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
    }

    /// The region's top-level sections (component id and name) as last polled.
    pub fn set_sections(&self, sections: Vec<SectionChoice>) {
        self.sections.set(sections);
    }
}

/// The dialog: sections, methods and the chosen method's panel. `opener` (the "Get updates"
/// button) gets the focus back when it closes.
fn subscribe_dialog(
    setup: DialogSetup,
    sections: Signal<Vec<SectionChoice>>,
    opener: web_sys::HtmlElement,
    dialog: NodeRef<html::Dialog>,
    title: NodeRef<html::H2>,
    on_choice: Box<dyn Fn(&NotificationChoice)>,
) -> impl IntoView {
    let locale = use_lang();
    let stored = web::remembered(&NotificationChoice::storage_key(&setup.region_id))
        .as_deref()
        .and_then(NotificationChoice::from_stored);
    let choice = RwSignal::new(stored.clone());
    // Tell the status app (which fires the notifications) each choice the visitor saves.
    Effect::new(move |first_run: Option<()>| {
        let current = choice.get();
        if first_run.is_some() {
            if let Some(current) = current {
                on_choice(&current);
            }
        }
    });
    // `None`: every section (the default); `Some`: the ids the visitor ticked.
    let picked = RwSignal::new(stored.map(|choice| choice.sections));
    let all_sections = Memo::new(move |_| sections.get());
    let chosen = Signal::derive(move || {
        let picked = picked.get();
        all_sections
            .get()
            .into_iter()
            .filter(|(id, _)| picked.as_ref().is_none_or(|ids| ids.contains(id)))
            .collect::<Vec<SectionChoice>>()
    });

    let links = StoredValue::new(PublishedLinks::new(&site_root(), &setup.region_id));
    let mut methods = vec![Method::Feeds, Method::Calendar, Method::Browser];
    for method in signup_methods(&setup.subscriptions) {
        methods.push(match method {
            SubscriptionMethod::Webhook => Method::Webhook,
            _ => Method::Email,
        });
    }
    methods.push(Method::Badges);
    let method = RwSignal::new(Method::Feeds);
    let region_name = StoredValue::new(setup.region_name.clone());
    let region_id = StoredValue::new(setup.region_id.clone());
    let signup_url = StoredValue::new(setup.subscriptions.signup_url.clone());
    let section_refusal = RwSignal::new(None::<Msg>);
    let email_input = RwSignal::new(String::new());
    let webhook_input = RwSignal::new(String::new());

    let close = move |_| {
        if let Some(dialog) = dialog.get() {
            dialog.close();
        }
    };
    let restore_focus = move |_| {
        let _ = opener.focus();
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
                    {setup.region_name.clone()}
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
            Err(error) if error.is_network() => Err(lang.fill(
                Msg::SignupUnreachable,
                &[("error", &describe(&error, lang))],
            )),
            Err(error) => {
                Err(lang.fill(Msg::SignupRejected, &[("error", &describe(&error, lang))]))
            }
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
