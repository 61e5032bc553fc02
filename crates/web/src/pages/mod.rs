//! The HTML pages (Japanese first). Every value is escaped by maud; forms carry a CSRF token.

pub mod admin;
pub mod audit;
pub mod casebook;
pub mod cases;
pub mod document;
mod form;
pub mod incident;
pub mod layout;
pub mod login;
pub mod new;
pub mod review;
pub mod stats;
