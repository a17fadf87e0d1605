//! The Beacon browser app: install the panic hook, load the visitor's language pack unless they
//! read English (`beacon::i18n::start`), then mount the live app in that language beside what
//! the build pre-rendered, which stays on screen until the live page shows its data
//! (`beacon::handover`).

fn main() {
    console_error_panic_hook::set_once();
    beacon::i18n::start(|| {
        leptos::mount::mount_to(beacon::handover::mount_root(), || {
            leptos::view! { <beacon::app::App pages=beacon::app::STATUS_PAGES /> }
        })
        .forget();
    });
}
