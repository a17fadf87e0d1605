//! "Get updates", the status app's side: the button on each region page, the feed
//! links in the document head, and the browser notifications themselves, fired while the page
//! is open when a poll brings news for the visitor's chosen sections. The dialog the button
//! opens ([`dialog`]) is a module of its own that the status app loads the first time a visitor
//! opens it ([`crate::lazy`]): most visitors never do, and it would otherwise be a sixth of the
//! status page's download. The notifier stays here, so a visitor who turned notifications on
//! gets them on every later visit without loading the dialog. The decisions (what is news,
//! what may be sent, which addresses) live in [`beacon_core::notify`].

pub mod dialog;

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsValue;

use crate::i18n::{use_lang, Locale, Msg};
use crate::lazy;
use beacon_browser as web;
use beacon_core::layout::PublishedLinks;
use beacon_core::notify::{changes, notice, Notice, NotificationChoice, Polled};
use beacon_core::status::config::{Region, Subscriptions};
use beacon_core::status::model::{IncidentHistory, Summary};
use beacon_core::status::overall::sections;

/// A top-level section the visitor can choose: component id and name.
pub type SectionChoice = (String, String);

/// What the dialog module is told once, when the status app mounts it: the region and the
/// site's sign-up settings. (The language and the sections follow separately, as they change.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DialogSetup {
    /// The region's id, for its published files and the stored notification choice.
    pub region_id: String,
    /// The region's name, for the dialog's title and the badges' alt text.
    pub region_name: String,
    /// E-mail and webhook are offered only with a `signup_url`.
    pub subscriptions: Subscriptions,
}

/// Where the dialog module stands for one button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Loading {
    /// Not asked for yet (or mounted: then the dialog handle is set).
    Idle,
    /// Being downloaded; the dialog opens when it is ready.
    InFlight,
    /// The last attempt failed; the next click tries again.
    Failed,
}

/// The "Get updates" button of a region page. Its first click loads the dialog module and
/// opens the dialog when it is ready (a click while it loads is not lost); if the module cannot
/// be loaded, an error beside the button says so and the visitor can try again. Also adds the
/// region's feed links to the head and fires browser notifications for the visitor's stored
/// choice whenever the polled data brings news.
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
    let opener = NodeRef::<html::Button>::new();
    let host = NodeRef::<html::Div>::new();
    let stored = web::remembered(&NotificationChoice::storage_key(&region.id))
        .as_deref()
        .and_then(NotificationChoice::from_stored);
    let choice = RwSignal::new(stored);
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

    notify_on_news(&region, summary, history, choice);
    announce_feeds(&region, locale);

    let setup = StoredValue::new(DialogSetup {
        region_id: region.id.clone(),
        region_name: region.name.clone(),
        subscriptions,
    });
    let loading = RwSignal::new(Loading::Idle);
    // The mounted dialog (the module's `SubscribeDialog`), once loaded.
    let mounted = StoredValue::new_local(None::<JsValue>);
    // The dialog tells each notification choice the visitor saves, for the notifier here.
    let on_choice =
        StoredValue::new_local(Closure::<dyn Fn(String)>::new(move |stored: String| {
            choice.try_set(NotificationChoice::from_stored(&stored));
        }));
    let tell = move |method: &str, arg: JsValue| {
        mounted.with_value(|dialog| {
            if let Some(dialog) = dialog {
                if let Err(error) = lazy::call(dialog, method, &[arg]) {
                    leptos::logging::warn!("\"Get updates\" dialog: {error}");
                }
            }
        })
    };
    Effect::new(move |_| tell("set_lang", JsValue::from_str(locale.get().tag())));
    Effect::new(move |_| tell("set_sections", sections_json(&all_sections.get()).into()));

    let open = move || {
        if let Some(Some(dialog)) = mounted.try_get_value() {
            let _ = lazy::call(&dialog, "show", &[]);
            return;
        }
        if loading.get_untracked() == Loading::InFlight {
            return;
        }
        loading.set(Loading::InFlight);
        spawn_local(async move {
            let dialog = match lazy::load(beacon_core::layout::SUBSCRIBE).await {
                Ok(module) => {
                    // The module is a wasm instance of its own: it installs the language's
                    // texts before the dialog is shown in it.
                    let lang = locale.get_untracked().tag();
                    if let Ok(loading) = lazy::call(&module, "load_language", &[lang.into()]) {
                        let _ = lazy::promised(loading).await;
                    }
                    mount_dialog(
                        &module,
                        host,
                        opener,
                        setup,
                        locale,
                        all_sections,
                        on_choice,
                    )
                }
                Err(error) => Err(error),
            };
            match dialog {
                Ok(dialog) => {
                    if mounted.try_set_value(Some(dialog.clone())).is_some() {
                        // This page was left while the module loaded.
                        let _ = lazy::call(&dialog, "free", &[]);
                        return;
                    }
                    loading.try_set(Loading::Idle);
                    let _ = lazy::call(&dialog, "show", &[]);
                }
                Err(error) => {
                    // (Nothing to say when the page was left meanwhile.)
                    if loading.try_set(Loading::Failed).is_none() {
                        leptos::logging::warn!("\"Get updates\" could not be loaded: {error}");
                    }
                }
            }
        });
    };
    // The retry button goes while the module loads again: the focus goes back to the main one.
    let retry = move || {
        if let Some(button) = opener.get_untracked() {
            let _ = button.focus();
        }
        open();
    };
    on_cleanup(move || {
        if let Some(Some(dialog)) = mounted.try_get_value() {
            let _ = lazy::call(&dialog, "free", &[]);
        }
    });

    view! {
        <div class="get-updates-box">
            <button
                type="button"
                class="get-updates"
                aria-haspopup="dialog"
                aria-busy=move || (loading.get() == Loading::InFlight).then_some("true")
                data-testid="get-updates"
                node_ref=opener
                on:click=move |_| open()
            >
                {move || locale.t(Msg::GetUpdates)}
            </button>
            <div class="subscribe-host" node_ref=host></div>
            <p class="get-updates-loading" role="status">
                {move || (loading.get() == Loading::InFlight).then(|| locale.t(Msg::Loading))}
            </p>
            <p class="field-error" role="alert" data-testid="get-updates-error">
                {move || (loading.get() == Loading::Failed).then(|| view! {
                    {locale.t(Msg::GetUpdatesFailed)}
                    " "
                    <button type="button" class="get-updates-retry" data-testid="get-updates-retry"
                        on:click=move |_| retry()>
                        {move || locale.t(Msg::TryAgain)}
                    </button>
                })}
            </p>
        </div>
    }
}

/// Mounts the loaded module's dialog for this button, in the current language with the
/// current sections; the dialog's handle.
fn mount_dialog(
    module: &JsValue,
    host: NodeRef<html::Div>,
    opener: NodeRef<html::Button>,
    setup: StoredValue<DialogSetup>,
    locale: Locale,
    sections: Memo<Vec<SectionChoice>>,
    on_choice: StoredValue<Closure<dyn Fn(String)>, LocalStorage>,
) -> Result<JsValue, String> {
    let (Some(host), Some(opener)) = (host.get_untracked(), opener.get_untracked()) else {
        return Err("the page was left while the dialog loaded".into());
    };
    let setup = serde_json::to_string(&setup.get_value()).map_err(|error| error.to_string())?;
    let on_choice = on_choice
        .try_with_value(|closure| closure.as_ref().clone())
        .ok_or("the page was left while the dialog loaded")?;
    lazy::call(
        module,
        "mount",
        &[
            host.into(),
            opener.into(),
            setup.into(),
            locale.get_untracked().tag().into(),
            sections_json(&sections.get_untracked()).into(),
            on_choice,
        ],
    )
}

/// The sections as the dialog module reads them (see [`sections_from_json`]).
pub fn sections_json(sections: &[SectionChoice]) -> String {
    serde_json::to_string(sections).unwrap_or_else(|_| "[]".into())
}

/// The sections [`sections_json`] wrote; none for anything else.
pub fn sections_from_json(json: &str) -> Vec<SectionChoice> {
    serde_json::from_str(json).unwrap_or_default()
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

#[cfg(test)]
mod tests {
    use super::*;
    use beacon_core::status::config::SubscriptionMethod;

    #[test]
    fn sections_reach_the_dialog_module_as_they_were() {
        let sections: Vec<SectionChoice> = vec![
            ("em-website".into(), "Website \"www\"".into()),
            ("em-restores".into(), "Restores/Downloads — 復元".into()),
        ];
        assert_eq!(sections_from_json(&sections_json(&sections)), sections);
        assert_eq!(sections_from_json(&sections_json(&[])), Vec::new());
        assert_eq!(sections_from_json("not json"), Vec::new());
    }

    #[test]
    fn the_dialog_setup_reads_back_as_written() {
        let setup = DialogSetup {
            region_id: "emea".into(),
            region_name: "EMEA".into(),
            subscriptions: Subscriptions {
                signup_url: Some("https://example.com/api/subscribe".into()),
                methods: vec![SubscriptionMethod::Webhook, SubscriptionMethod::Email],
            },
        };
        let json = serde_json::to_string(&setup).unwrap();
        assert_eq!(serde_json::from_str::<DialogSetup>(&json).unwrap(), setup);
    }
}
