//! The app shell: navigation, the language and the site configuration provided to every page,
//! the page layout, and which page a route shows.

use leptos::prelude::*;

use crate::i18n::{provide_locale, use_lang, LanguageNotice, LanguageSwitch, Msg};
use crate::nav::{provide_nav_serving, use_nav};
use crate::pages::{
    home::HomePage,
    not_found::NotFoundPage,
    region::{RegionPage, RegionView},
    sla::SlaPage,
};
use crate::site::{provide_site, use_site};
use crate::ui::theme::ThemeToggle;
use beacon_core::route::Route;

/// Which routes one app build shows, and how. Beacon ships two Leptos apps from this shell so
/// that a status-page visitor downloads no SLA-calculator code and the other way round: the
/// status app ([`STATUS_PAGES`], `src/main.rs`, the site's `index.html`) and the calculator
/// ([`SLA_PAGES`], `src/bin/beacon-sla.rs`, `sla/index.html`). A link to the other app's
/// route is an ordinary page load.
#[derive(Clone, Copy)]
pub struct Pages {
    /// Whether this app shows `route`.
    pub serves: fn(&Route) -> bool,
    /// The page for a route it serves.
    pub page: fn(Route) -> AnyView,
}

/// The status pages: home, regions, history, incidents, not found.
pub const STATUS_PAGES: Pages = Pages {
    serves: |route| !matches!(route, Route::Sla | Route::EmbedSla),
    page: status_page,
};

/// The SLA calculator.
pub const SLA_PAGES: Pages = Pages {
    serves: |route| matches!(route, Route::Sla),
    page: sla_page,
};

/// The browser app showing `pages`. A change of language re-renders only the texts: the page stays
/// mounted, so its loaded data, open dialogs and expanded groups are kept and nothing is
/// fetched again.
#[component]
pub fn App(
    /// The routes this build shows.
    pages: Pages,
) -> impl IntoView {
    let nav = provide_nav_serving(pages.serves);
    provide_locale(nav);
    provide_site();
    let route = Memo::new(move |_| nav.route());
    move || match route.get() {
        route if (pages.serves)(&route) => {
            let page = route.clone();
            view! { <Layout route>{(pages.page)(page)}</Layout> }.into_any()
        }
        // Another app's route (the calculator, the embed): a host that answered it with this
        // app (a single-page fallback) sends the visitor to that app's own address. Already
        // there, that app's files are missing: say so rather than reload forever.
        route => {
            let location = window().location();
            let (path, search) = (
                location.pathname().unwrap_or_default(),
                location.search().unwrap_or_default(),
            );
            let home = nav.href(&route);
            if path == home {
                return view! { <NotFoundPage path /> }.into_any();
            }
            let _ = location.replace(&format!("{home}{search}"));
            ().into_any()
        }
    }
}

fn status_page(route: Route) -> AnyView {
    match route {
        Route::Home => view! { <HomePage /> }.into_any(),
        Route::Region(region) => {
            view! { <RegionPage region view=RegionView::Overview /> }.into_any()
        }
        Route::History(region) => {
            view! { <RegionPage region view=RegionView::History(None) /> }.into_any()
        }
        Route::HistoryPeriod { region, period } => {
            view! { <RegionPage region view=RegionView::History(Some(period)) /> }.into_any()
        }
        Route::Incident { region, id } => {
            view! { <RegionPage region view=RegionView::Incident(id) /> }.into_any()
        }
        Route::NotFound(path) => view! { <NotFoundPage path /> }.into_any(),
        Route::Sla | Route::EmbedSla => ().into_any(),
    }
}

fn sla_page(route: Route) -> AnyView {
    match route {
        Route::Sla => view! { <SlaPage /> }.into_any(),
        _ => ().into_any(),
    }
}

/// Header with the site name and the region switcher, the main landmark, and the footer.
#[component]
fn Layout(
    /// The route being shown, to mark the current link.
    route: Route,
    children: Children,
) -> impl IntoView {
    let nav = use_nav();
    let site = use_site();
    let locale = use_lang();
    let current_region = match &route {
        Route::Region(r)
        | Route::History(r)
        | Route::HistoryPeriod { region: r, .. }
        | Route::Incident { region: r, .. } => Some(r.clone()),
        _ => None,
    };
    let site_name = move || {
        site.config()
            .and_then(Result::ok)
            .map(|config| config.site_name)
            .unwrap_or_else(|| "Beacon".into())
    };
    let sla_current = (route == Route::Sla).then_some("page");
    // The status pages refresh their data while open; the calculator's data is the policies.
    let footer = if route == Route::Sla {
        Msg::SlaFooter
    } else {
        Msg::Footer
    };
    let title_route = route.clone();
    Effect::new(move |_| {
        let Some(Ok(config)) = site.config() else {
            return;
        };
        let page = match &title_route {
            Route::Region(id)
            | Route::History(id)
            | Route::HistoryPeriod { region: id, .. }
            | Route::Incident { region: id, .. } => {
                config.region(id).map(|region| region.name.clone())
            }
            Route::Sla => Some(locale.t(Msg::SlaCalculator).to_string()),
            _ => None,
        };
        let title = match page {
            Some(page) => format!("{page} — {}", config.site_name),
            None => config.site_name,
        };
        document().set_title(&title);
    });
    let region_links = move || {
        let Some(Ok(config)) = site.config() else {
            return Vec::new();
        };
        config
            .regions
            .into_iter()
            .map(|region| {
                let is_current = current_region.as_deref() == Some(region.id.as_str());
                let place = route.same_place_in(&region.id);
                let href = move || nav.href_keeping_query(&place);
                view! {
                    <li>
                        <a
                            href=href
                            aria-current=is_current.then_some("page")
                            data-testid=format!("region-link-{}", region.id)
                        >
                            {region.name}
                        </a>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <a class="skip-link" href="#main">{move || locale.t(Msg::SkipToContent)}</a>
        <header class="site-header">
            <div class="inner">
                <a class="brand" href=nav.href(&Route::Home)>{site_name}</a>
                <nav class="site-nav" aria-label=move || locale.t(Msg::SiteNavLabel)>
                    <ul>
                        {region_links}
                        <li>
                            <a href=move || nav.href_keeping_query(&Route::Sla) aria-current=sla_current>
                                {move || locale.t(Msg::SlaCalculator)}
                            </a>
                        </li>
                    </ul>
                </nav>
                <LanguageSwitch />
                <ThemeToggle />
            </div>
        </header>
        <main id="main" tabindex="-1"><LanguageNotice />{children()}</main>
        <footer class="site-footer">
            <p>{move || locale.t(footer)}</p>
        </footer>
    }
}
