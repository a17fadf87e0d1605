//! The Beacon browser app: install the panic hook, drop what the build pre-rendered into the
//! page (`beacon-ops publish`: the status snapshot and feed links), and mount the live app.

fn main() {
    console_error_panic_hook::set_once();
    let document = leptos::prelude::document();
    while let Ok(Some(prerendered)) = document.query_selector("#prerendered, [data-prerendered]") {
        prerendered.remove();
    }
    leptos::mount::mount_to_body(|| {
        leptos::view! { <beacon::app::App pages=beacon::app::STATUS_PAGES /> }
    });
}
