//! The SLA embed's "If you filed now" (`due=1`) as a module of its own: the calendar engine that
//! turns a policy's targets into due instants is most of its bytes, and only a widget asked for
//! due times needs it, so the widget loads this module then (see `beacon_browser::lazy`) and
//! every other visitor of the widget never downloads it. Built by its own Trunk run in
//! `.ci/dist` from `crates/embed/filed-now.html` into `embed/sla/`; its JS glue exports [`show`].
//! Only the wasm build does anything; natively this program exists so the workspace builds on
//! every target.

#[cfg(target_arch = "wasm32")]
mod exports {
    use wasm_bindgen::prelude::*;

    /// Shows, in the widget's `root`, when a ticket filed now would be due under each plan the
    /// widget shows, in the visitor's zone and the centre's, kept current every second.
    /// `policy` and `calendar` are the files (named `policy_file`, `calendar_file`) as
    /// `JSON.parse` gave them, `search` the widget's query (`location.search`), `lang` its
    /// language tag. Throws the problem, in that language, when a file does not validate.
    #[wasm_bindgen]
    pub fn show(
        root: web_sys::Element,
        policy_file: &str,
        policy: JsValue,
        calendar_file: &str,
        calendar: JsValue,
        search: &str,
        lang: &str,
    ) -> Result<(), JsValue> {
        beacon_embed::show_filed_now_from_json(
            &root,
            policy_file,
            policy,
            calendar_file,
            calendar,
            search,
            lang,
        )
        .map_err(|problem| JsValue::from_str(&problem))
    }
}

fn main() {}
