//! The hand-over from the pre-rendered snapshot to the live app, without a frame in between.
//!
//! A pre-rendered page (`beacon-ops publish`) shows its statuses in the first response, in
//! `<div id="prerendered">`. The app mounts beside it into a hidden root ([`mount_root`]) and
//! renders there while the snapshot stays on screen; when the live page shows its data (the
//! region's first poll has landed) or has something else to say (not found, a broken site
//! configuration), [`show_live`] removes the snapshot and its feed links and reveals the live
//! page in the same animation frame. The statuses are on screen in every frame, and since the
//! live page's elements appear whole in one frame, nothing visible moves.

use wasm_bindgen::{closure::Closure, JsCast};

/// What the build pre-rendered: the snapshot and the feed links it added to `<head>`.
const PRE_RENDERED: &str = "#prerendered, [data-prerendered]";

/// The id of the hidden element the app renders into while the snapshot is shown.
pub const LIVE_ROOT_ID: &str = "live";

/// Where the app mounts: on a pre-rendered page a hidden `<div id="live">` after the snapshot,
/// otherwise `<body>` itself.
pub fn mount_root() -> web_sys::HtmlElement {
    let document = leptos::prelude::document();
    let body = document.body().expect("the page has a <body>");
    if document.get_element_by_id("prerendered").is_none() {
        return body;
    }
    let root = document
        .create_element("div")
        .expect("a <div> can be created")
        .unchecked_into::<web_sys::HtmlElement>();
    root.set_id(LIVE_ROOT_ID);
    root.set_hidden(true);
    body.append_child(&root)
        .expect("the live root joins the page");
    root
}

/// Shows the live page in place of the snapshot at the next animation frame, by when the view
/// has rendered what it was just given. Does nothing once the snapshot has gone (every poll may
/// call it), nor on a page that never had one.
pub fn show_live() {
    let document = leptos::prelude::document();
    if !matches!(document.query_selector(PRE_RENDERED), Ok(Some(_))) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let swap = Closure::once_into_js(|| {
        let document = leptos::prelude::document();
        while let Ok(Some(pre_rendered)) = document.query_selector(PRE_RENDERED) {
            pre_rendered.remove();
        }
        if let Some(root) = document
            .get_element_by_id(LIVE_ROOT_ID)
            .and_then(|root| root.dyn_into::<web_sys::HtmlElement>().ok())
        {
            root.set_hidden(false);
        }
    });
    let _ = window.request_animation_frame(swap.unchecked_ref());
}
