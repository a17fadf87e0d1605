//! Client-side navigation: the current route as a signal, `history.pushState` on same-site
//! link clicks, and the back button. A small replacement for a router crate: Beacon's routes
//! are few and fixed, and every visitor pays for router bytes in the bundle.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use beacon_core::route::{strip_base, Route};

/// A `Copy` handle to the visitor's location, shared through context.
#[derive(Clone, Copy)]
pub struct Nav {
    path: RwSignal<String>,
    query: RwSignal<String>,
    base: StoredValue<String>,
    serves: fn(&Route) -> bool,
}

/// [`provide_nav_serving`] for an app that shows every route.
pub fn provide_nav() -> Nav {
    provide_nav_serving(|_| true)
}

/// Creates the navigation state for an app showing the routes `serves` accepts, listens to
/// link clicks (a link to another route is followed without a reload, a link to a route this
/// app does not show is an ordinary page load) and the back button, and shares the handle
/// through context.
pub fn provide_nav_serving(serves: fn(&Route) -> bool) -> Nav {
    let location = window().location();
    let nav = Nav {
        path: RwSignal::new(location.pathname().unwrap_or_default()),
        query: RwSignal::new(location.search().unwrap_or_default()),
        base: StoredValue::new(beacon_browser::base_path()),
        serves,
    };
    let on_popstate = window_event_listener(leptos::ev::popstate, move |_| nav.sync());
    let on_click = window_event_listener(leptos::ev::click, move |event| nav.intercept(event));
    on_cleanup(move || {
        on_popstate.remove();
        on_click.remove();
    });
    provide_context(nav);
    nav
}

/// The navigation handle provided by [`provide_nav`].
pub fn use_nav() -> Nav {
    expect_context::<Nav>()
}

impl Nav {
    /// The route the visitor is on.
    pub fn route(&self) -> Route {
        let path = self.path.get();
        Route::parse(strip_base(&self.base.get_value(), &path))
    }

    /// The href of `route` under the app's base path.
    pub fn href(&self, route: &Route) -> String {
        route.href(&self.base.get_value())
    }

    /// The href of `route` carrying the current query string (language, time-zone choice),
    /// so switching pages keeps the visitor's settings.
    pub fn href_keeping_query(&self, route: &Route) -> String {
        format!("{}{}", self.href(route), self.query.get())
    }

    /// A query parameter of the current URL.
    pub fn query_param(&self, name: &str) -> Option<String> {
        let query = self.query.get();
        web_sys::UrlSearchParams::new_with_str(&query)
            .ok()?
            .get(name)
    }

    /// Sets (or, with `None`, removes) a query parameter, replacing the history entry so the
    /// URL always reproduces what the visitor sees.
    pub fn set_query_param(&self, name: &str, value: Option<&str>) {
        let Ok(params) = web_sys::UrlSearchParams::new_with_str(&self.query.get_untracked()) else {
            return;
        };
        match value {
            Some(value) => params.set(name, value),
            None => params.delete(name),
        }
        let search: String = params.to_string().into();
        let search = if search.is_empty() {
            String::new()
        } else {
            format!("?{search}")
        };
        let url = format!("{}{search}", self.path.get_untracked());
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
        self.query.set(search);
    }

    /// Goes to an href of this app without reloading the page.
    pub fn navigate(&self, href: &str) {
        if let Ok(history) = window().history() {
            if history
                .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href))
                .is_ok()
            {
                self.sync();
                window().scroll_to_with_x_and_y(0.0, 0.0);
                return;
            }
        }
        let _ = window().location().set_href(href);
    }

    fn sync(&self) {
        let location = window().location();
        let path = location.pathname().unwrap_or_default();
        // Back or forward to a page of the other app: load it.
        if !(self.serves)(&Route::parse(strip_base(&self.base.get_value(), &path))) {
            let _ = location.reload();
            return;
        }
        self.path.set(path);
        self.query.set(location.search().unwrap_or_default());
    }

    fn intercept(&self, event: web_sys::MouseEvent) {
        if event.default_prevented()
            || event.button() != 0
            || event.meta_key()
            || event.ctrl_key()
            || event.shift_key()
            || event.alt_key()
        {
            return;
        }
        let Some(anchor) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a[href]").ok().flatten())
            .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        else {
            return;
        };
        let location = window().location();
        let same_origin = location.origin().ok() == Some(anchor.origin());
        let base = self.base.get_value();
        let inside_app =
            anchor.pathname().starts_with(&base) || format!("{}/", anchor.pathname()) == base;
        let is_file = anchor
            .pathname()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .contains('.');
        let other_app = !(self.serves)(&Route::parse(strip_base(&base, &anchor.pathname())));
        if !same_origin
            || !inside_app
            || other_app
            || is_file
            || !anchor.target().is_empty()
            || anchor.has_attribute("download")
            || anchor.get_attribute("rel").as_deref() == Some("external")
        {
            return;
        }
        event.prevent_default();
        let href = format!("{}{}{}", anchor.pathname(), anchor.search(), anchor.hash());
        self.navigate(&href);
    }
}
