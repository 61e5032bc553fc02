//! What the pages and the API both do with the store: read an incident reference, list a view,
//! fetch a whole view for download, cached statistics, turn corrections into changes and check
//! them (the one place of the input limits), clean an uploaded document's name.

use crate::cache::Cache;
use crate::error::WebError;
use crate::params::ListParams;
use jikenbo_store::{
    display_value, parse_field, parse_field_value, Change, Facets, Field, Filter, GroupBy, Hit,
    IncidentRef, IncidentView, Query, SearchResults, Stats, Store,
};
use serde_json::Value;

/// An incident from its reference in a path (`2024-001`, `#2024-001`, an id).
pub fn parse_ref(r: &str) -> Result<IncidentRef, WebError> {
    r.parse::<IncidentRef>().map_err(WebError::from)
}

/// A safe document name: the last path component, control characters removed, at most 200
/// characters; `pasted.txt` when empty.
pub fn clean_name(n: &str) -> String {
    let base = n.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    let clean = clean.trim().to_string();
    if clean.is_empty() || clean == "." || clean == ".." {
        "pasted.txt".into()
    } else {
        clean
    }
}

/// Statistics of one grouping, cached while the store is unchanged.
pub fn cached_stats(
    s: &Store,
    cache: &Cache,
    by: GroupBy,
    filter: &Filter,
    text: Option<&str>,
) -> Result<Stats, WebError> {
    let key = format!(
        "stats:{}:{}",
        by.as_str(),
        serde_json::to_string(&(text, filter)).unwrap_or_default()
    );
    cache.get_or(s, key, || Ok(s.stats(by, filter, text)?))
}

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

/// The longest corrected organization name, in characters (the forms' `maxlength`).
pub const MAX_ORGANIZATION: usize = 300;

/// The longest corrected title, in characters (the forms' `maxlength`).
pub const MAX_TITLE: usize = 500;

/// The longest note of a correction or a registration, in characters.
pub const MAX_NOTE: usize = 2000;

/// A corrected field's value from its text (the store's parser), with the number of persons
/// bounded by [`MAX_AFFECTED`] and names and titles by [`MAX_ORGANIZATION`] and [`MAX_TITLE`]:
/// the one check of a curator's value, for the pages and the API alike.
pub fn parse_value(field: Field, text: &str) -> Result<Value, WebError> {
    let v = parse_field_value(field, text)?;
    let too_long = |max: usize| v.as_str().is_some_and(|s| s.chars().count() > max);
    match field {
        Field::Affected if v.as_u64().is_some_and(|n| n > MAX_AFFECTED) => {
            Err(WebError::bad(format!(
                "affected: 人数は{}人までです (at most {MAX_AFFECTED})",
                crate::util::commas(MAX_AFFECTED)
            )))
        }
        Field::Organization if too_long(MAX_ORGANIZATION) => Err(WebError::bad(format!(
            "organization: 組織名は{MAX_ORGANIZATION}文字までです (at most {MAX_ORGANIZATION} characters)"
        ))),
        Field::Title if too_long(MAX_TITLE) => Err(WebError::bad(format!(
            "title: 件名は{MAX_TITLE}文字までです (at most {MAX_TITLE} characters)"
        ))),
        _ => Ok(v),
    }
}

/// A note as a correction records it: trimmed, at most [`MAX_NOTE`] characters.
pub fn parse_note(note: &str) -> Result<String, WebError> {
    let note = note.trim();
    if note.chars().count() > MAX_NOTE {
        return Err(WebError::bad(format!(
            "メモは{MAX_NOTE}文字までです (note: at most {MAX_NOTE} characters)"
        )));
    }
    Ok(note.to_string())
}

/// The changes a submitted edit form asks for: each field whose submitted text differs from the
/// current value (`data` comes as one entry per checked kind).
pub fn changes_from_form(
    view: &IncidentView,
    form: &[(String, String)],
) -> Result<Vec<Change>, WebError> {
    let mut changes = Vec::new();
    let data_submitted = form.iter().any(|(k, _)| k == "data" || k == "data_present");
    for &field in Field::ALL {
        let submitted: Option<String> = if field == Field::Data {
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
                .find(|(k, _)| k == field.as_str())
                .map(|(_, v)| v.clone())
        };
        let Some(text) = submitted else { continue };
        let new = parse_value(field, &text)?;
        let current = view
            .fields
            .iter()
            .find(|f| f.field == field)
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
            changes.push(Change::Set(field, new));
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
    for (name, v) in set {
        let field = parse_field(name)?;
        let text = match v {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Array(a) => a
                .iter()
                .map(|x| match x {
                    Value::String(s) => Ok(s.clone()),
                    other => Err(WebError::bad(format!(
                        "set.{name}: list items must be strings, got {other}"
                    ))),
                })
                .collect::<Result<Vec<_>, _>>()?
                .join(","),
            other => {
                return Err(WebError::bad(format!(
                    "set.{name}: unsupported value {other}"
                )))
            }
        };
        out.push(Change::Set(field, parse_value(field, &text)?));
    }
    for f in clear {
        out.push(Change::Clear(parse_field(f)?));
    }
    Ok(out)
}

/// Japanese name of a field, from its name or an evidence name (`data.name` → 漏えいした情報).
pub fn field_ja(name: impl AsRef<str>) -> &'static str {
    Field::of_evidence(name.as_ref()).map_or("その他", Field::ja)
}

/// A field's value in Japanese for display (`ransomware` → `ランサムウェア`).
pub fn value_ja(name: impl AsRef<str>, v: &Value) -> String {
    use jikenbo_model::{Actor, Cause, DataKind, Leak};
    let field = Field::of_evidence(name.as_ref());
    let term = |s: &str| -> Option<String> {
        Some(match field? {
            Field::Cause => s.parse::<Cause>().ok()?.ja().to_string(),
            Field::Actor => s.parse::<Actor>().ok()?.ja().to_string(),
            Field::Leak => s.parse::<Leak>().ok()?.ja().to_string(),
            Field::Data => s.parse::<DataKind>().ok()?.ja().to_string(),
            _ => return None,
        })
    };
    match v {
        Value::Null => "不明".into(),
        Value::String(s) => term(s).unwrap_or_else(|| s.clone()),
        Value::Number(n) if field == Some(Field::Affected) => n
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
