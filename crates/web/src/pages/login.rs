//! Sign-in and sign-out (sign-in mode).

use super::form::{checked_form, field};
use super::layout::{bare, csrf};
use crate::auth::{Ctx, SignInError};
use crate::error::{retry_after_header, PageResult};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use maud::{html, Markup};

/// Only same-site paths are followed after sign-in.
pub fn safe_next(n: &str) -> String {
    if n.starts_with('/')
        && !n.starts_with("//")
        && !n.starts_with("/\\")
        && !n.contains(char::is_control)
    {
        n.to_string()
    } else {
        "/".into()
    }
}

fn login_body(ctx: &Ctx, next: &str, error: Option<&str>) -> Markup {
    html! {
        section.login {
            h1 { "ログイン" }
            @if ctx.open {
                p { "このサーバーはローカル専用 (127.0.0.1) で、ログインは不要です。" a href="/" { "事例一覧へ" } }
            } @else {
                @if let Some(e) = error { div.flash.warn role="alert" { (e) } }
                form method="post" action="/login" {
                    (csrf(ctx))
                    input type="hidden" name="next" value=(next);
                    label for="login-user" { "ユーザー名" }
                    input #login-user type="text" name="user" autocomplete="username" required maxlength="64" autofocus;
                    label for="login-password" { "パスワード" }
                    input #login-password type="password" name="password" autocomplete="current-password" required maxlength="1024";
                    button.primary type="submit" { "ログイン" }
                }
                p.help { "管理者はユーザー名 admin と管理者トークンでログインし、「ユーザー」画面で閲覧者・編集者を登録します。" }
            }
        }
    }
}

pub async fn form(Extension(ctx): Extension<Ctx>, RawQuery(q): RawQuery) -> PageResult<Response> {
    let p = crate::params::pairs(q.as_deref());
    let next = safe_next(field(&p, "next"));
    Ok(bare("ログイン", login_body(&ctx, &next, None)).into_response())
}

pub async fn submit(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    body: Result<Bytes, BytesRejection>,
) -> PageResult<Response> {
    let form = checked_form(&ctx, body)?;
    let next = safe_next(field(&form, "next"));
    let user = field(&form, "user").to_string();
    let password = field(&form, "password").to_string();
    let st2 = st.clone();
    let who = user.clone();
    let client = ctx.client;
    let outcome =
        tokio::task::spawn_blocking(move || st2.auth.sign_in(&who, &password, client)).await?;
    match outcome {
        Ok(p) => {
            // No random token, no session: an error page (500), and the sign-in is not made.
            let token = st.auth.start_session(p.clone())?;
            tracing::info!(user = %p.name, role = p.role.as_str(), "signed in");
            let mut res = Redirect::to(&next).into_response();
            res.headers_mut()
                .append(header::SET_COOKIE, st.auth.cookie(&token));
            Ok(res)
        }
        Err(e @ SignInError::Invalid) => {
            tracing::warn!(user = %user, client = ?client, "sign-in failed");
            tokio::time::sleep(std::time::Duration::from_millis(400)).await;
            Ok((
                StatusCode::UNAUTHORIZED,
                bare("ログイン", login_body(&ctx, &next, Some(&e.to_string()))),
            )
                .into_response())
        }
        Err(e @ SignInError::Locked { retry_after }) => {
            // The form again, with the message, status 429 and Retry-After.
            let mut res = (
                StatusCode::TOO_MANY_REQUESTS,
                bare("ログイン", login_body(&ctx, &next, Some(&e.to_string()))),
            )
                .into_response();
            res.headers_mut()
                .insert(header::RETRY_AFTER, retry_after_header(retry_after));
            Ok(res)
        }
    }
}

pub async fn logout(
    State(st): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    body: Result<Bytes, BytesRejection>,
) -> PageResult<Response> {
    checked_form(&ctx, body)?;
    st.auth.end_session(&ctx.sid);
    let mut res = Redirect::to("/login").into_response();
    res.headers_mut()
        .append(header::SET_COOKIE, st.auth.removal_cookie());
    Ok(res)
}

#[cfg(test)]
mod tests {
    #[test]
    fn next_is_same_site() {
        assert_eq!(
            super::safe_next("/incidents/2024-001"),
            "/incidents/2024-001"
        );
        assert_eq!(super::safe_next("//evil.example"), "/");
        assert_eq!(super::safe_next("https://evil.example"), "/");
        assert_eq!(super::safe_next("/\\evil"), "/");
        // Browsers drop tabs and newlines from a URL: `/<TAB>/evil.example` is `//evil.example`.
        assert_eq!(super::safe_next("/\t/evil.example"), "/");
        assert_eq!(super::safe_next("/\r\n/evil.example"), "/");
    }
}
