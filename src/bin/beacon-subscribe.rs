//! The "Get updates" dialog as a module of its own, which the status app loads the first time a
//! visitor opens the dialog (see `beacon::lazy` and `beacon::ui::subscribe::dialog`). Built by
//! its own Trunk run in `.ci/dist` from `src/ui/subscribe/index.html`; its JS glue exports [`mount`], which
//! the status app calls once per region page, and the methods of [`SubscribeDialog`]. Only the
//! wasm build does anything; natively this program exists so the workspace builds on every
//! target.

#[cfg(target_arch = "wasm32")]
mod exports {
    use beacon::i18n::Lang;
    use beacon::ui::subscribe::dialog::Dialog;
    use beacon::ui::subscribe::{sections_from_json, DialogSetup};
    use wasm_bindgen::prelude::*;

    /// One mounted dialog; `free()` (from the JS side) removes it.
    #[wasm_bindgen]
    pub struct SubscribeDialog(Dialog);

    /// Mounts the (closed) dialog into `host`: `setup` is a `DialogSetup` as JSON, `lang` a
    /// language tag, `sections` the region's sections as JSON (`sections_json`). Closing the
    /// dialog focuses `opener`; `on_choice` is called with each notification choice the
    /// visitor saves, as stored (`NotificationChoice::to_stored`).
    #[wasm_bindgen]
    pub fn mount(
        host: web_sys::HtmlElement,
        opener: web_sys::HtmlElement,
        setup: &str,
        lang: &str,
        sections: &str,
        on_choice: js_sys::Function,
    ) -> Result<SubscribeDialog, JsError> {
        let setup: DialogSetup = serde_json::from_str(setup)?;
        let dialog = Dialog::mount(
            host,
            opener,
            setup,
            Lang::from_tag(lang).unwrap_or(Lang::English),
            sections_from_json(sections),
            move |choice| {
                let _ = on_choice.call1(&JsValue::NULL, &JsValue::from_str(&choice.to_stored()));
            },
        );
        Ok(SubscribeDialog(dialog))
    }

    /// Installs the texts of the language `tag` names (its pack, from the browser's cache
    /// normally: the status app fetched it), so a dialog mounted afterwards opens in it. Its
    /// failure is the pack's own: the dialog then reads in English.
    #[wasm_bindgen]
    pub async fn load_language(tag: String) {
        if let Some(lang) = Lang::from_tag(&tag) {
            beacon::i18n::packs::load(lang).await;
        }
    }

    #[wasm_bindgen]
    impl SubscribeDialog {
        /// Opens the dialog as a modal, with the focus on its title.
        pub fn show(&self) {
            self.0.show();
        }

        /// Words the dialog in the language `tag` names.
        pub fn set_lang(&self, tag: &str) {
            if let Some(lang) = Lang::from_tag(tag) {
                self.0.set_lang(lang);
            }
        }

        /// The region's sections as JSON (`sections_json`), as last polled.
        pub fn set_sections(&self, sections: &str) {
            self.0.set_sections(sections_from_json(sections));
        }
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    console_error_panic_hook::set_once();
}
