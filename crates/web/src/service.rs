//! What the pages and the API both do with the store: list a view, fetch a whole view for
//! download, turn corrections into changes.

use crate::cache::Cache;
use crate::error::WebError;
use crate::params::ListParams;
use jikenbo_store::{
    display_value, parse_field_value, Change, Facets, Hit, IncidentView, Query, SearchResults,
    Store,
};
use serde_json::Value;

/// One page of a view, with facets when asked (from `cache` while the store is unchanged).
pub fn list(
    store: &Store,
    cache: &Cache,
    p: &ListParams,
    facets: bool,
) -> Result<SearchResults, WebError> {
    let base = Query {
        text: p.text.clone(),
        filter: p.filter.clone(),
        sort: p.sort,
        limit: p.limit,
        offset: p.offset,
        facets: false,
        snippets: true,
        ..Query::default()
    };
    // Facets and the exact total: a scan of every match, so cached per (text, filter).
    let counted: Option<(u64, Facets)> = if facets {
        let key = format!(
            "facets:{}",
            serde_json::to_string(&(&p.text, &p.filter)).unwrap_or_default()
        );
        Some(cache.get_or(store, key, || {
            let r = store.search(&Query {
                limit: 0,
                offset: 0,
                facets: true,
                snippets: false,
                ..base.clone()
            })?;
            Ok((r.total, r.facets.unwrap_or_default()))
        })?)
    } else {
        None
    };
    let mut out = store.search(&base)?;
    if let Some((total, f)) = counted {
        out.total = total;
        out.total_exact = true;
        out.facets = Some(f);
    }
    Ok(out)
}

/// Every hit of a view (for downloads), at most `cap`.
pub fn view_all(store: &Store, p: &ListParams, cap: usize) -> Result<(Vec<Hit>, u64), WebError> {
    let r = store.search(&Query {
        text: p.text.clone(),
        filter: p.filter.clone(),
        sort: p.sort,
        limit: cap,
        offset: 0,
        facets: false,
        snippets: false,
        count_limit: cap,
    })?;
    Ok((r.hits, r.total))
}

/// A field value as the edit form shows it (`data` as comma-separated terms).
pub fn form_value(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Number(n) => n.to_string(),
        Value::Array(a) => a.iter().map(display_value).collect::<Vec<_>>().join(","),
        other => display_value(other),
    }
}

/// More persons than live on Earth: a correction above this is a typo (and the statistics sum
/// the counts in a `u64`).
pub const MAX_AFFECTED: u64 = 10_000_000_000;

/// A corrected field's value from its text (the store's parser), with the number of persons
/// bounded by [`MAX_AFFECTED`].
pub fn parse_value(field: &str, text: &str) -> Result<Value, WebError> {
    let v = parse_field_value(field, text)?;
    if field == "affected" && v.as_u64().is_some_and(|n| n > MAX_AFFECTED) {
        return Err(WebError::bad(format!(
            "affected: 人数は{}人までです (at most {MAX_AFFECTED})",
            crate::util::commas(MAX_AFFECTED)
        )));
    }
    Ok(v)
}

/// The changes a submitted edit form asks for: each field whose submitted text differs from the
/// current value (`data` comes as one entry per checked kind).
pub fn changes_from_form(
    view: &IncidentView,
    form: &[(String, String)],
) -> Result<Vec<Change>, WebError> {
    let mut changes = Vec::new();
    let data_submitted = form.iter().any(|(k, _)| k == "data" || k == "data_present");
    for field in jikenbo_store::FIELDS {
        let submitted: Option<String> = if *field == "data" {
            data_submitted.then(|| {
                form.iter()
                    .filter(|(k, _)| k == "data")
                    .map(|(_, v)| v.trim().to_string())
                    .filter(|v| !v.is_empty())
                    .collect::<Vec<_>>()
                    .join(",")
            })
        } else {
            form.iter()
                .rev()
                .find(|(k, _)| k == field)
                .map(|(_, v)| v.clone())
        };
        let Some(text) = submitted else { continue };
        let new = parse_value(field, &text)?;
        let current = view
            .fields
            .iter()
            .find(|f| f.field == *field)
            .map(|f| f.value.clone())
            .unwrap_or(Value::Null);
        let same = match (&new, &current) {
            (Value::Array(a), Value::Array(b)) => {
                let mut x: Vec<String> = a.iter().map(display_value).collect();
                let mut y: Vec<String> = b.iter().map(display_value).collect();
                x.sort();
                y.sort();
                x == y
            }
            (Value::Array(a), Value::Null) | (Value::Null, Value::Array(a)) => a.is_empty(),
            _ => new == current,
        };
        if !same {
            changes.push(Change::Set(field.to_string(), new));
        }
    }
    Ok(changes)
}

/// The changes of an API correction: `set` maps fields to values (JSON values or the CLI's text
/// forms), `clear` lists fields whose override ends.
pub fn changes_from_json(
    set: &serde_json::Map<String, Value>,
    clear: &[String],
) -> Result<Vec<Change>, WebError> {
    let mut out = Vec::new();
    for (field, v) in set {
        let text = match v {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Array(a) => a
                .iter()
                .map(|x| match x {
                    Value::String(s) => Ok(s.clone()),
                    other => Err(WebError::bad(format!(
                        "set.{field}: list items must be strings, got {other}"
                    ))),
                })
                .collect::<Result<Vec<_>, _>>()?
                .join(","),
            other => {
                return Err(WebError::bad(format!(
                    "set.{field}: unsupported value {other}"
                )))
            }
        };
        out.push(Change::Set(field.clone(), parse_value(field, &text)?));
    }
    for f in clear {
        if !jikenbo_store::FIELDS.contains(&f.as_str()) {
            return Err(WebError::Store(jikenbo_store::StoreError::UnknownField(
                f.clone(),
            )));
        }
        out.push(Change::Clear(f.clone()));
    }
    Ok(out)
}

/// Japanese name of a field.
pub fn field_ja(field: &str) -> &'static str {
    let base = field.split('.').next().unwrap_or(field);
    match base {
        "organization" => "組織",
        "title" => "件名",
        "published" => "公表日",
        "occurred" => "発生日",
        "discovered" => "判明日",
        "affected" => "人数",
        "leak" => "漏えい",
        "data" => "漏えいした情報",
        "cause" => "原因",
        "actor" => "行為者",
        "sector" => "業種",
        _ => "その他",
    }
}

/// A field's value in Japanese for display (`ransomware` → `ランサムウェア`).
pub fn value_ja(field: &str, v: &Value) -> String {
    use jikenbo_model::{Actor, Cause, DataKind, Leak};
    let term = |s: &str| -> Option<String> {
        Some(match field {
            "cause" => s.parse::<Cause>().ok()?.ja().to_string(),
            "actor" => s.parse::<Actor>().ok()?.ja().to_string(),
            "leak" => s.parse::<Leak>().ok()?.ja().to_string(),
            "data" => s.parse::<DataKind>().ok()?.ja().to_string(),
            _ => return None,
        })
    };
    match v {
        Value::Null => "不明".into(),
        Value::String(s) => term(s).unwrap_or_else(|| s.clone()),
        Value::Number(n) if field == "affected" => n
            .as_u64()
            .map(|n| format!("{}人", crate::util::commas(n)))
            .unwrap_or_else(|| n.to_string()),
        Value::Array(a) if a.is_empty() => "不明".into(),
        Value::Array(a) => a
            .iter()
            .map(|x| {
                x.as_str()
                    .and_then(term)
                    .unwrap_or_else(|| display_value(x))
            })
            .collect::<Vec<_>>()
            .join("、"),
        other => display_value(other),
    }
}
