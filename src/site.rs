//! The site configuration as loaded once per visit, shared through context: the app shell
//! provides it, the pages and the layout read it.

use leptos::prelude::*;

use crate::api::{self, ApiError};
use beacon_core::status::config::SiteConfig;

/// A `Copy` handle to the site configuration, shared through context.
#[derive(Clone, Copy)]
pub struct Site(LocalResource<Result<SiteConfig, ApiError>>);

impl Site {
    /// The configuration: `None` while loading, then the loaded config or why it failed.
    pub fn config(&self) -> Option<Result<SiteConfig, ApiError>> {
        self.0.get()
    }
}

/// Starts loading the configuration and shares it with every view below.
pub fn provide_site() {
    provide_context(Site(LocalResource::new(api::site_config)));
}

/// The [`Site`] handle provided by [`provide_site`].
pub fn use_site() -> Site {
    expect_context::<Site>()
}
