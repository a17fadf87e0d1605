//! The SLA widget for an `<iframe>` (`/embed/sla/`): see `beacon_embed`. Only the wasm build
//! does anything; natively this program exists so the workspace builds on every target.
//! No panic hook: its formatting machinery costs more bytes than the widget's own code, and the
//! widget reports every expected failure on the page itself.

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        beacon_embed::start();
    }
}
