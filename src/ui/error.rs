//! A failed load or sign-up in the visitor's language: the pages show an [`ApiError`] through
//! [`describe`], so the network module stays free of wording.

use beacon_core::words::{field_error, field_errors};

use crate::api::ApiError;
use crate::i18n::{Lang, Msg};

/// `error` for a visitor reading `lang`: the sentence around the details is translated; file
/// names, JSON paths, field names and HTTP statuses stay verbatim, since they are what an
/// operator looks for. The low-level reason stays as its source wrote it (the browser's network
/// error, the endpoint's message, serde_json's and the validators' English wording): those
/// texts are open-ended and not ours to translate. In English this is exactly the error's
/// `Display` text.
pub fn describe(error: &ApiError, lang: Lang) -> String {
    match error {
        ApiError::Network { file, reason } => {
            lang.fill(Msg::ErrFetch, &[("file", file), ("reason", reason)])
        }
        ApiError::Timeout { file, seconds } => lang.fill(
            Msg::ErrTimeout,
            &[("file", file), ("seconds", &seconds.to_string())],
        ),
        ApiError::Http { file, status }
        | ApiError::Refused {
            file,
            status,
            message: None,
        } => lang.fill(
            Msg::ErrHttp,
            &[("file", file), ("status", &status.to_string())],
        ),
        ApiError::Refused {
            file,
            status,
            message: Some(message),
        } => lang.fill(
            Msg::ErrHttpMessage,
            &[
                ("file", file),
                ("status", &status.to_string()),
                ("message", message),
            ],
        ),
        ApiError::Data(error) => field_error(error, lang),
        ApiError::Policy(errors) => field_errors(errors, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use beacon_core::error::{FieldError, FieldErrors};
    use beacon_core::status::error::DataError;

    fn every_kind() -> Vec<ApiError> {
        vec![
            ApiError::Network {
                file: "data/emea/summary.json".into(),
                reason: "TypeError: Failed to fetch".into(),
            },
            ApiError::Http {
                file: "data/emea/summary.json".into(),
                status: 404,
            },
            ApiError::Data(DataError::new(
                "data/emea/summary.json",
                "incidents[0].created_at",
                "input contains invalid characters",
            )),
            ApiError::Data(DataError::new("config.json", "", "EOF while parsing")),
            ApiError::Policy(FieldErrors {
                errors: vec![
                    FieldError::new(
                        "policies/model-a-black-duck.json",
                        "targets[0].first_response.unit",
                        "unknown unit \"business_weeks\"",
                    ),
                    FieldError::new(
                        "policies/model-a-black-duck.json",
                        "plans[1].name",
                        "must not be empty",
                    ),
                ],
            }),
            ApiError::Refused {
                file: "https://signup.example/api".into(),
                status: 422,
                message: Some("This address is on a block list.".into()),
            },
            ApiError::Refused {
                file: "https://signup.example/api".into(),
                status: 500,
                message: None,
            },
            ApiError::Timeout {
                file: "https://signup.example/api".into(),
                seconds: 15,
            },
        ]
    }

    #[test]
    fn english_is_the_display_text() {
        for error in every_kind() {
            assert_eq!(describe(&error, Lang::English), error.to_string());
        }
    }

    #[test]
    fn other_languages_translate_the_framing_and_keep_files_statuses_and_reasons() {
        let [network, http, _, _, _, refused, _, timeout] = every_kind().try_into().unwrap();
        assert_eq!(
            describe(&timeout, Lang::German),
            "https://signup.example/api: keine Antwort innerhalb von 15 Sekunden"
        );
        assert!(timeout.is_network());
        assert_eq!(
            describe(&http, Lang::German),
            "data/emea/summary.json: Der Server antwortete mit HTTP 404"
        );
        assert_eq!(
            describe(&network, Lang::Dutch),
            "data/emea/summary.json: kon niet worden opgehaald (TypeError: Failed to fetch)"
        );
        assert_eq!(
            describe(&refused, Lang::Japanese),
            "https://signup.example/api: サーバーが HTTP 422 を返しました（This address is on a \
             block list.）"
        );
        for lang in Lang::ALL {
            for error in every_kind() {
                let text = describe(&error, lang);
                assert!(!text.contains('{'), "{lang:?}: {text}");
                let file = match &error {
                    ApiError::Network { file, .. }
                    | ApiError::Timeout { file, .. }
                    | ApiError::Http { file, .. }
                    | ApiError::Refused { file, .. } => file.clone(),
                    ApiError::Data(data) => data.file.clone(),
                    ApiError::Policy(errors) => errors.errors[0].file.clone(),
                };
                assert!(text.contains(&file), "{lang:?}: {text}");
            }
        }
    }
}
