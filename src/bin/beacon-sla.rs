//! The SLA calculator (`/sla/`): the same shell as the status pages (`beacon::app`) showing
//! only the calculator, so neither app carries the other's code. Only the wasm build does
//! anything; natively this program exists so the workspace builds on every target.

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        console_error_panic_hook::set_once();
        // In the visitor's language from the first paint: its pack is loaded first.
        beacon::i18n::start(|| {
            leptos::mount::mount_to_body(|| {
                leptos::view! { <beacon::app::App pages=beacon::app::SLA_PAGES /> }
            });
        });
    }
}
