//! Posted forms (`application/x-www-form-urlencoded`) of the pages.

use crate::auth::Ctx;
use crate::error::WebError;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;

/// The `key=value` pairs of a posted form (repeated keys kept).
pub fn form_pairs(body: Result<Bytes, BytesRejection>) -> Result<Vec<(String, String)>, WebError> {
    let b = body.map_err(|e| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            WebError::TooLarge(format!("the form is too large: {}", e.body_text()))
        } else {
            WebError::bad(e.body_text())
        }
    })?;
    Ok(form_urlencoded::parse(&b)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect())
}

/// The last value of `k` in a form ("" when absent).
pub fn field<'a>(p: &'a [(String, String)], k: &str) -> &'a str {
    p.iter()
        .rev()
        .find(|(x, _)| x == k)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

/// A posted form whose CSRF token (`_csrf`) is checked (before any role check of the handler).
pub fn checked_form(
    ctx: &Ctx,
    body: Result<Bytes, BytesRejection>,
) -> Result<Vec<(String, String)>, WebError> {
    let form = form_pairs(body)?;
    ctx.check_csrf(field(&form, "_csrf"))?;
    Ok(form)
}

/// A posted form of an editor's action: the CSRF token checked, then the editor's role; the
/// form's pairs and the editor's name.
pub fn editor_form(
    ctx: &Ctx,
    body: Result<Bytes, BytesRejection>,
) -> Result<(Vec<(String, String)>, String), WebError> {
    let form = checked_form(ctx, body)?;
    let who = ctx.require(crate::auth::Role::Editor)?.name.clone();
    Ok((form, who))
}
