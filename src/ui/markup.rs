//! Renders the safe incident-markup AST ([`beacon_core::status::markup`]) as elements. There is no
//! HTML string and no `inner_html` anywhere: text is always a text node, and only addresses that
//! passed `safe_href` become links (opened in the same tab, with `rel="nofollow noopener"`).

use leptos::prelude::*;

use crate::i18n::{use_lang, Msg};
use beacon_core::status::bounds::{shown_body, UPDATE_BODY_LIMIT};
use beacon_core::status::markup::{parse_markup, Block, Inline};

/// An incident or maintenance body, formatted; a body over
/// [`UPDATE_BODY_LIMIT`] characters is cut there, with a note saying so.
#[component]
pub fn Markup(
    /// The body as the operator wrote it (Markdown and a little HTML).
    #[prop(into)]
    text: String,
) -> impl IntoView {
    let locale = use_lang();
    let (shown, cut) = shown_body(&text);
    let blocks = parse_markup(shown);
    let limit = UPDATE_BODY_LIMIT.to_string();
    let note = cut.then(|| {
        view! {
            <p class="update-shortened" data-testid="update-shortened">
                {move || locale.get().fill(Msg::UpdateShortened, &[("limit", &limit)])}
            </p>
        }
    });
    view! {
        <div class="markup">{blocks.into_iter().map(render_block).collect::<Vec<_>>()}{note}</div>
    }
}

fn render_block(block: Block) -> AnyView {
    match block {
        Block::Paragraph(content) => view! { <p>{inlines(content)}</p> }.into_any(),
        Block::Heading { level, content } => match level {
            3 => view! { <h3>{inlines(content)}</h3> }.into_any(),
            4 => view! { <h4>{inlines(content)}</h4> }.into_any(),
            5 => view! { <h5>{inlines(content)}</h5> }.into_any(),
            _ => view! { <h6>{inlines(content)}</h6> }.into_any(),
        },
        Block::CodeBlock(code) => view! { <pre><code>{code}</code></pre> }.into_any(),
        Block::List {
            ordered: true,
            start,
            items,
        } => view! { <ol start=start>{list_items(items)}</ol> }.into_any(),
        Block::List { items, .. } => view! { <ul>{list_items(items)}</ul> }.into_any(),
        Block::Quote(blocks) => {
            view! { <blockquote>{blocks.into_iter().map(render_block).collect::<Vec<_>>()}</blockquote> }
                .into_any()
        }
    }
}

fn list_items(items: Vec<Vec<Inline>>) -> Vec<AnyView> {
    items
        .into_iter()
        .map(|item| view! { <li>{inlines(item)}</li> }.into_any())
        .collect()
}

fn inlines(nodes: Vec<Inline>) -> Vec<AnyView> {
    nodes.into_iter().map(inline).collect()
}

fn inline(node: Inline) -> AnyView {
    match node {
        Inline::Text(text) => text.into_any(),
        Inline::Bold(content) => view! { <strong>{inlines(content)}</strong> }.into_any(),
        Inline::Italic(content) => view! { <em>{inlines(content)}</em> }.into_any(),
        Inline::Code(code) => view! { <code>{code}</code> }.into_any(),
        Inline::Link { href, content } => {
            view! { <a href=href rel="nofollow noopener noreferrer external">{inlines(content)}</a> }
                .into_any()
        }
        Inline::ImageLink { href, alt } => {
            let locale = use_lang();
            let label = move || {
                if alt.is_empty() {
                    locale.t(Msg::ImageOpens).to_string()
                } else {
                    locale.get().fill(Msg::ImageNamed, &[("alt", &alt)])
                }
            };
            view! { <a href=href rel="nofollow noopener noreferrer external" class="image-link">{label}</a> }
                .into_any()
        }
        Inline::LineBreak => view! { <br /> }.into_any(),
    }
}
