//! The interface in the visitor's language: the languages Beacon ships, the interface texts as
//! [`Msg`] keys (listed once, in `keys.rs`), one exhaustive table per language (the compiler
//! proves no key is missing), a tiny `{name}` placeholder formatter, the [`Texts`] the
//! sentence builders read, and the choice of language (URL, remembered, browser). Recipes for
//! adding a text or a language: `docs/contributing-texts.md`.
//!
//! Only interface text is translated; incident text from the data is shown as the operator
//! wrote it.
//!
//! # Where the texts come from
//! The tables (`en.rs`, `de.rs`, …) are the single source of truth. Natively (publishing,
//! pre-rendering, tests) every table is compiled in and [`Lang::text`] reads them. In the
//! browser apps only English is: another language's texts arrive as its *pack*
//! ([`pack`], `i18n/<tag>.<hash>.json`, written by `beacon-ops publish` from the same tables).
//! [`start`] loads the visitor's pack before the app mounts, the [`LanguageSwitch`] loads the
//! new one before it switches, and [`Locale`] shows English (with [`LanguageNotice`] saying
//! why) while a chosen language's pack is missing or failed. Compile-time users (the embed's
//! `const` tables, the packs' name hashes) read [`Lang::table_text`], a `const fn`, which puts
//! only the values they compute into a browser build.

mod de;
mod en;
mod es;
mod fi;
mod fr;
mod ja;
mod keys;
mod nl;
pub mod pack;
mod zh;

pub use keys::Msg;

/// Local-storage key of the visitor's language choice.
pub const REMEMBERED_LANG: &str = "beacon.lang";

/// The URL query parameter that carries the language (for shared links).
pub const LANG_PARAM: &str = "lang";

/// A language of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English (the default).
    English,
    /// German.
    German,
    /// Dutch.
    Dutch,
    /// Spanish.
    Spanish,
    /// French.
    French,
    /// Finnish.
    Finnish,
    /// Japanese.
    Japanese,
    /// Simplified Chinese.
    SimplifiedChinese,
}

impl Lang {
    /// Every language, in the switcher's order.
    pub const ALL: [Lang; 8] = [
        Lang::English,
        Lang::German,
        Lang::Dutch,
        Lang::Spanish,
        Lang::French,
        Lang::Finnish,
        Lang::Japanese,
        Lang::SimplifiedChinese,
    ];

    /// The BCP-47 tag, used in `?lang=`, `<html lang>`, for `Intl` and in the pack's file name.
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::English => "en",
            Lang::German => "de",
            Lang::Dutch => "nl",
            Lang::Spanish => "es",
            Lang::French => "fr",
            Lang::Finnish => "fi",
            Lang::Japanese => "ja",
            Lang::SimplifiedChinese => "zh-Hans",
        }
    }

    /// The language's name in itself, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::English => "English",
            Lang::German => "Deutsch",
            Lang::Dutch => "Nederlands",
            Lang::Spanish => "Español",
            Lang::French => "Français",
            Lang::Finnish => "Suomi",
            Lang::Japanese => "日本語",
            Lang::SimplifiedChinese => "简体中文",
        }
    }

    /// The language for a BCP-47 tag as browsers and links give it (`de`, `de-AT`, `zh-CN`,
    /// `zh-Hans`); `None` for languages Beacon does not ship, and for Traditional Chinese,
    /// whose readers are better served by the next language in their list.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
        let mut subtags = tag.split('-');
        let primary = subtags.next()?;
        let lang = match primary {
            "en" => Lang::English,
            "de" => Lang::German,
            "nl" => Lang::Dutch,
            "es" => Lang::Spanish,
            "fr" => Lang::French,
            "fi" => Lang::Finnish,
            "ja" => Lang::Japanese,
            "zh" => {
                if subtags.any(|s| matches!(s, "hant" | "tw" | "hk" | "mo")) {
                    return None;
                }
                Lang::SimplifiedChinese
            }
            _ => return None,
        };
        Some(lang)
    }

    /// The visitor's language: `?lang=` in the link, else the remembered choice, else the first
    /// shipped language of the browser, else English.
    pub fn choose(param: Option<&str>, remembered: Option<&str>, browser: &[String]) -> Lang {
        param
            .and_then(Lang::from_tag)
            .or_else(|| remembered.and_then(Lang::from_tag))
            .or_else(|| Lang::from_preferences(browser.iter().map(String::as_str)))
            .unwrap_or(Lang::English)
    }

    /// The first shipped language in a browser's preference list (`navigator.languages`).
    pub fn from_preferences<'a>(tags: impl IntoIterator<Item = &'a str>) -> Option<Lang> {
        tags.into_iter().find_map(Lang::from_tag)
    }

    /// The interface text for `msg` in this language.
    ///
    /// Natively (publishing, pre-rendering, tests) this is [`Lang::table_text`]. In the browser
    /// only English is compiled in: another language's text comes from its pack
    /// ([`pack`]), installed before the app mounts or before a switch; a key the pack lacks, or
    /// a language whose pack is not installed, reads in English.
    pub fn text(self, msg: Msg) -> &'static str {
        #[cfg(target_arch = "wasm32")]
        {
            match self {
                Lang::English => en::text(msg),
                _ => pack::lookup(self, msg).unwrap_or_else(|| en::text(msg)),
            }
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            self.table_text(msg)
        }
    }

    /// The interface text for `msg` from this language's compiled table: for compile-time use
    /// (the embed's `const` tables, the packs' content hashes) and natively. Called at run time
    /// in a browser build, it would link every language's table into that app; there
    /// [`Lang::text`] reads the installed pack instead.
    pub const fn table_text(self, msg: Msg) -> &'static str {
        match self {
            Lang::English => en::text(msg),
            Lang::German => de::text(msg),
            Lang::Dutch => nl::text(msg),
            Lang::Spanish => es::text(msg),
            Lang::French => fr::text(msg),
            Lang::Finnish => fi::text(msg),
            Lang::Japanese => ja::text(msg),
            Lang::SimplifiedChinese => zh::text(msg),
        }
    }

    /// `msg` with its `{name}` placeholders filled.
    pub fn fill(self, msg: Msg, values: &[(&str, &str)]) -> String {
        fill(self.text(msg), values)
    }

    /// The singular or the plural form for `count` (French counts 0 as singular; Japanese
    /// and Chinese have one form, written the same in both keys), with `{count}` filled.
    pub fn count(self, count: usize, one: Msg, other: Msg) -> String {
        Texts::count(self, count, one, other)
    }

    /// Whether `count` takes the singular form in this language (French counts 0 as singular).
    pub const fn is_singular(self, count: usize) -> bool {
        match self {
            Lang::French => count <= 1,
            _ => count == 1,
        }
    }
}

/// Where the texts of one language are read from: [`Lang`] itself (its compiled table natively,
/// its installed pack in the browser), or a bundle that carries only the few texts it shows
/// (the SLA widget's compile-time table, which keeps the other texts out of its bundle). The
/// functions that build sentences (`sla::present`) take one, so every app words them alike.
pub trait Texts: Copy {
    /// The language the texts are in (for its plural rule).
    fn lang(self) -> Lang;

    /// The text for `msg`.
    fn text(self, msg: Msg) -> &'static str;

    /// `msg` with its `{name}` placeholders filled.
    fn fill(self, msg: Msg, values: &[(&str, &str)]) -> String {
        fill(self.text(msg), values)
    }

    /// The `one` or the `other` form for `count` by [`Lang::is_singular`], with `{count}`
    /// filled.
    fn count(self, count: usize, one: Msg, other: Msg) -> String {
        let msg = if self.lang().is_singular(count) {
            one
        } else {
            other
        };
        self.fill(msg, &[("count", &count.to_string())])
    }
}

impl Texts for Lang {
    fn lang(self) -> Lang {
        self
    }

    fn text(self, msg: Msg) -> &'static str {
        Lang::text(self, msg)
    }
}

/// Fills `{name}` placeholders in `template` from `values`; unknown placeholders stay as written.
///
/// ```
/// use beacon_core::i18n::fill;
///
/// assert_eq!(fill("{a} and {b}, {c}", &[("a", "x"), ("b", "y")]), "x and y, {c}");
/// ```
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        match values.iter().find(|(key, _)| *key == name) {
            Some((_, value)) => out.push_str(value),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The text before and after the `{name}` placeholder, for placing an element (a link, a
/// `<time>`, a `<strong>`) inside a translated sentence. Without the placeholder, all of the
/// template comes before.
pub fn split_at<'a>(template: &'a str, name: &str) -> (&'a str, &'a str) {
    let marker = format!("{{{name}}}");
    match template.find(&marker) {
        Some(at) => (&template[..at], &template[at + marker.len()..]),
        None => (template, ""),
    }
}

/// Placeholders a language may write instead of English's: the month's number `{m}` for its
/// name, for languages that write dates with numbers (`2026年11月20日`).
const ALTERNATIVE_PLACEHOLDERS: &[(Msg, &str, &str)] = &[
    (Msg::InCentre, "m", "mon"),
    (Msg::ReasonDayDateTime, "m", "month"),
];

/// The `{name}` placeholders of `text`, a translation of `msg`, sorted and without repeats,
/// an alternative a language may write named as English's: what every translation of `msg`
/// (a table or a published pack) must have in common with English.
///
/// ```
/// use beacon_core::i18n::{placeholders, Msg};
///
/// assert_eq!(placeholders(Msg::NoPageAt, "There is no page at {path}."), ["path"]);
/// assert_eq!(
///     placeholders(Msg::InCentre, "{y}年{m}月{d}日({wd}) {time} {zone}"),
///     placeholders(Msg::InCentre, "{wd} {d} {mon} {y}, {time} {zone}"),
/// );
/// ```
pub fn placeholders(msg: Msg, text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .map(|name| {
            ALTERNATIVE_PLACEHOLDERS
                .iter()
                .find(|(key, alternative, _)| *key == msg && *alternative == name)
                .map_or(name, |(_, _, english)| english)
                .to_owned()
        })
        .collect();
    found.sort();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_parses_from_its_tag_and_browser_style_tags() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang), "{}", lang.tag());
            assert_eq!(Lang::from_tag(&lang.tag().to_uppercase()), Some(lang));
        }
        assert_eq!(Lang::from_tag("de-AT"), Some(Lang::German));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::English));
        assert_eq!(Lang::from_tag("nl-BE"), Some(Lang::Dutch));
        assert_eq!(Lang::from_tag("es-419"), Some(Lang::Spanish));
        assert_eq!(Lang::from_tag("fr_CA"), Some(Lang::French));
        assert_eq!(Lang::from_tag("fi-FI"), Some(Lang::Finnish));
        assert_eq!(Lang::from_tag("ja-JP"), Some(Lang::Japanese));
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::SimplifiedChinese));
        assert_eq!(Lang::from_tag("zh"), Some(Lang::SimplifiedChinese));
        assert_eq!(Lang::from_tag("zh-Hans-SG"), Some(Lang::SimplifiedChinese));
        assert_eq!(Lang::from_tag("zh-TW"), None);
        assert_eq!(Lang::from_tag("zh-Hant"), None);
        assert_eq!(Lang::from_tag("pt"), None);
        assert_eq!(Lang::from_tag("pt-BR"), None);
        assert_eq!(Lang::from_tag(""), None);
        assert_eq!(Lang::from_tag("english"), None);
    }

    #[test]
    fn the_first_shipped_browser_language_wins() {
        assert_eq!(
            Lang::from_preferences(["pt-BR", "zh-TW", "fr-CH", "de"]),
            Some(Lang::French)
        );
        assert_eq!(Lang::from_preferences(["pt", "ru"]), None);
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        assert_eq!(
            fill("{a} and {b}, {a}", &[("a", "x"), ("b", "y")]),
            "x and y, x"
        );
        assert_eq!(fill("keep {c} and {", &[("a", "x")]), "keep {c} and {");
        assert_eq!(
            Lang::German.fill(Msg::ReasonTimeZone, &[("zone", "Europe/Berlin")]),
            "Ihrer Zeitzone (Europe/Berlin)"
        );
        assert_eq!(split_at("Last {when}.", "when"), ("Last ", "."));
        assert_eq!(split_at("none", "when"), ("none", ""));
    }

    #[test]
    fn counts_choose_the_plural_form() {
        let incidents = |lang: Lang, n| lang.count(n, Msg::IncidentsOne, Msg::IncidentsOther);
        assert_eq!(incidents(Lang::English, 1), "1 incident");
        assert_eq!(incidents(Lang::English, 2), "2 incidents");
        assert_eq!(incidents(Lang::German, 1), "1 Vorfall");
        assert_eq!(incidents(Lang::German, 3), "3 Vorfälle");
        assert_eq!(incidents(Lang::French, 0), "0 incident");
        assert_eq!(incidents(Lang::French, 2), "2 incidents");
        assert_eq!(incidents(Lang::Japanese, 1), "1 件のインシデント");
        assert_eq!(incidents(Lang::Japanese, 5), "5 件のインシデント");
        assert_eq!(incidents(Lang::SimplifiedChinese, 5), "5 起事件");
    }

    #[test]
    fn no_translation_is_empty_and_placeholders_match_english() {
        for lang in Lang::ALL {
            for &msg in Msg::ALL {
                let text = lang.text(msg);
                assert!(!text.trim().is_empty(), "{lang:?} {msg:?} is empty");
                assert_eq!(
                    placeholders(msg, text),
                    placeholders(msg, Lang::English.text(msg)),
                    "{lang:?} {msg:?} has other placeholders than English"
                );
            }
        }
    }

    /// Keys that may read the same as English: names and abbreviations used worldwide, and
    /// templates that are only placeholders and punctuation.
    const MAY_EQUAL_ENGLISH: &[Msg] = &[
        Msg::Utc,
        Msg::MethodWebhook,
        Msg::MethodFeeds,
        Msg::NoticeUpdate,
        Msg::NoticeComponent,
        Msg::ComponentChanged,
    ];

    #[test]
    fn every_language_is_translated_not_copied() {
        for lang in Lang::ALL.into_iter().filter(|&l| l != Lang::English) {
            let same: Vec<Msg> = Msg::ALL
                .iter()
                .copied()
                .filter(|&msg| lang.text(msg) == Lang::English.text(msg))
                .filter(|msg| !MAY_EQUAL_ENGLISH.contains(msg))
                .collect();
            // A few words are the same in some languages (e.g. "Update", "Monitoring").
            assert!(
                same.len() * 20 <= Msg::ALL.len(),
                "{lang:?} copies English for {same:?}"
            );
        }
    }

    #[test]
    fn the_language_comes_from_the_link_then_memory_then_the_browser() {
        let browser = vec!["zh-TW".to_owned(), "fr-CA".to_owned()];
        assert_eq!(Lang::choose(Some("de"), Some("ja"), &browser), Lang::German);
        assert_eq!(
            Lang::choose(Some("xx"), Some("ja"), &browser),
            Lang::Japanese
        );
        assert_eq!(Lang::choose(None, None, &browser), Lang::French);
        assert_eq!(Lang::choose(None, None, &[]), Lang::English);
    }
}
