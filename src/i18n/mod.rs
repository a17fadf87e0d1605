//! The visitor's language as reactive state: chosen from the address, the remembered choice
//! and the browser, shared through context as a [`Locale`], switched by [`LanguageSwitch`]
//! (after its pack has been fetched, [`packs`]), with [`LanguageNotice`] saying why a chosen
//! language is shown in English. The texts and languages themselves are
//! `beacon_core::i18n`, re-exported here so views name one module.

pub mod packs;

pub use beacon_core::i18n::*;

use beacon_browser as web;
use leptos::prelude::*;

use crate::nav::Nav;

/// A `Copy` handle to the interface language, shared through context.
#[derive(Clone, Copy)]
pub struct Locale {
    /// The language the page is shown in: the chosen one once its texts are available
    /// (compiled in, or its pack installed), English until then or when its pack failed.
    lang: Memo<Lang>,
    /// The visitor's choice (`?lang=`, remembered, browser).
    chosen: Memo<Lang>,
    /// Bumped when a pack load ends, so views re-read what is installed.
    packs: RwSignal<u32>,
}

impl Locale {
    /// The current language (tracked: views re-render when it changes).
    pub fn get(&self) -> Lang {
        self.lang.get()
    }

    /// The current language without tracking, for event handlers.
    pub fn get_untracked(&self) -> Lang {
        self.lang.get_untracked()
    }

    /// The text for `msg` in the current language (tracked).
    pub fn t(&self, msg: Msg) -> &'static str {
        self.get().text(msg)
    }

    /// Why the chosen language's pack could not be used (the page is in English), naming the
    /// file; `None` when it is shown (tracked).
    pub fn failure(&self) -> Option<String> {
        self.packs.track();
        packs::failure(self.chosen.get())
    }

    /// Loads `lang`'s pack (a no-op when installed, or natively) and tells the views.
    async fn load(self, lang: Lang) {
        packs::load(lang).await;
        self.packs.update(|n| *n = n.wrapping_add(1));
    }

    fn of(chosen: Memo<Lang>) -> Locale {
        let packs = RwSignal::new(0u32);
        let lang = Memo::new(move |_| {
            packs.track();
            let chosen = chosen.get();
            if pack::ready(chosen) {
                chosen
            } else {
                Lang::English
            }
        });
        Locale {
            lang,
            chosen,
            packs,
        }
    }
}

pub use beacon_browser::starting_lang;

/// Starts a browser app in the visitor's language: for a language other than English, its pack
/// is fetched first and `mount` runs when it has arrived (or failed: then the app starts in
/// English and says why), so the first live paint is already in that language; in English
/// `mount` runs at once. Until `mount` runs, the pre-rendered snapshot (translated by its
/// inline script, which also preloads the pack) stays on screen.
pub fn start(mount: impl FnOnce() + 'static) {
    let lang = starting_lang();
    if pack::ready(lang) {
        mount();
    } else {
        // Leptos' executor starts with the app, so this first task is the browser's own.
        wasm_bindgen_futures::spawn_local(async move {
            packs::load(lang).await;
            mount();
        });
    }
}

/// Chooses the language — `?lang=` in the URL, else the remembered choice, else the browser's
/// languages, else English — keeps `<html lang>` in step with the language shown, remembers a
/// language the URL names, loads a chosen language's pack that is not installed yet (e.g.
/// after going back to a link with another `?lang=`), and shares the handle through context.
pub fn provide_locale(nav: Nav) -> Locale {
    let remembered = web::remembered(REMEMBERED_LANG);
    let browser = web::browser_languages();
    let chosen = Memo::new(move |_| {
        Lang::choose(
            nav.query_param(LANG_PARAM).as_deref(),
            remembered.as_deref(),
            &browser,
        )
    });
    let locale = Locale::of(chosen);
    Effect::new(move |_| {
        web::set_document_lang(locale.get().tag());
    });
    Effect::new(move |_| {
        let chosen = chosen.get();
        if nav
            .query_param(LANG_PARAM)
            .as_deref()
            .and_then(Lang::from_tag)
            .is_some()
        {
            web::remember(REMEMBERED_LANG, chosen.tag());
        }
        // Never tried in this visit: load it (a failed pack is tried again by the switcher).
        if !pack::ready(chosen) && packs::failure(chosen).is_none() {
            leptos::task::spawn_local(locale.load(chosen));
        }
    });
    provide_context(locale);
    locale
}

/// Shares a language chosen elsewhere as the [`Locale`]: the "Get updates" module
/// ([`crate::ui::subscribe::dialog`]) follows the status app's choice, which tells it each change.
/// That module is a wasm instance of its own, so it loads the pack of a language it has not
/// installed yet itself (from the browser's cache, normally: the status app fetched it); it
/// shows English until the pack is there.
pub fn provide_lang(lang: Signal<Lang>) -> Locale {
    let chosen = Memo::new(move |_| lang.get());
    let locale = Locale::of(chosen);
    Effect::new(move |_| {
        let chosen = chosen.get();
        if !pack::ready(chosen) && packs::failure(chosen).is_none() {
            leptos::task::spawn_local(locale.load(chosen));
        }
    });
    provide_context(locale);
    locale
}

/// The [`Locale`] provided by the app; English where a component is mounted on its own
/// (component tests), so every view can rely on a language.
pub fn use_lang() -> Locale {
    use_context::<Locale>().unwrap_or_else(|| Locale::of(Memo::new(|_| Lang::English)))
}

/// The header's language switcher: loads the language's pack, then sets `?lang=` (so the page
/// can be shared as seen), which also remembers the choice. The page stays mounted: only the
/// texts change.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let locale = use_lang();
    let nav = crate::nav::use_nav();
    let options = Lang::ALL
        .into_iter()
        .map(|lang| {
            view! {
                <option value=lang.tag() lang=lang.tag() selected=move || locale.get() == lang>
                    {lang.native_name()}
                </option>
            }
        })
        .collect::<Vec<_>>();
    let on_change = move |event: leptos::ev::Event| {
        let tag = event_target_value(&event);
        if let Some(lang) = Lang::from_tag(&tag) {
            leptos::task::spawn_local(async move {
                locale.load(lang).await;
                web::remember(REMEMBERED_LANG, lang.tag());
                nav.set_query_param(LANG_PARAM, Some(lang.tag()));
            });
        }
    };
    view! {
        <label class="lang-switch">
            <span class="lang-switch-label">{move || locale.t(Msg::Language)}</span>
            <select data-testid="lang-switch" on:change=on_change
                prop:value=move || locale.get().tag()>
                {options}
            </select>
        </label>
    }
}

/// Says, in English, that the chosen language's texts could not be loaded and why (which file,
/// what went wrong); nothing otherwise.
#[component]
pub fn LanguageNotice() -> impl IntoView {
    let locale = use_lang();
    move || {
        locale.failure().map(|why| {
            view! { <p class="notice error" role="alert" lang="en" data-testid="lang-notice">{why}</p> }
        })
    }
}
