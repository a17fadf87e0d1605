//! The Beacon browser app: install the panic hook, load the visitor's language pack unless they
//! read English (`beacon::i18n::start`), then drop what the build pre-rendered into the page
//! (`beacon-ops publish`: the status snapshot and feed links) and mount the live app in that
//! language.

fn main() {
    console_error_panic_hook::set_once();
    beacon::i18n::start(|| {
        let document = leptos::prelude::document();
        while let Ok(Some(prerendered)) =
            document.query_selector("#prerendered, [data-prerendered]")
        {
            prerendered.remove();
        }
        leptos::mount::mount_to_body(|| {
            leptos::view! { <beacon::app::App pages=beacon::app::STATUS_PAGES /> }
        });
    });
}
