//! Query-string parameters of the casebook, the statistics and the exports (shared by the pages
//! and the API), and the links that change one of them.
//!
//! | parameter | meaning |
//! |---|---|
//! | `q` | words that must all occur (Japanese full text) |
//! | `cause`, `actor`, `leak` | schema terms; repeat or separate with commas for any of several |
//! | `year` | year of the incident's date |
//! | `from`, `to` | date range (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) |
//! | `label` | labels that must all be present (repeat) |
//! | `data` | data kinds that must all be present |
//! | `sector` | sectors (`医療機関` or `medical`), any of |
//! | `size` | size buckets (`lt100`, `100-1k`, `1k-10k`, `10k-100k`, `100k-1m`, `1m+`, `unknown`), any of |
//! | `org` | part of the organization's name |
//! | `min`, `max` | number of persons |
//! | `sort` | `auto`, `relevance`, `newest`, `oldest`, `affected`, `number`, `number_desc`, `organization`, `cause` |
//! | `page`, `per` | page (from 1) and page size (1-200, default 50); the API also takes `offset` and `limit` |

use crate::error::WebError;
use jikenbo_model::{Actor, Cause, DataKind, Leak, PartialDate};
use jikenbo_store::{Filter, SizeBucket, Sort};

pub const DEFAULT_PER: usize = 50;
pub const MAX_PER: usize = 200;

/// The Japanese label of an order of the casebook list.
pub fn sort_ja(sort: Sort) -> &'static str {
    match sort {
        Sort::Auto => "標準 (新しい順)",
        Sort::Relevance => "関連度順 (検索語)",
        Sort::Newest => "日付の新しい順",
        Sort::Oldest => "日付の古い順",
        Sort::Affected => "人数の多い順",
        Sort::Number => "番号順",
        Sort::NumberDesc => "番号の逆順",
        Sort::Organization => "組織名順",
        Sort::Cause => "原因順",
    }
}

/// A casebook view: search text, filter, order and page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListParams {
    pub text: Option<String>,
    pub filter: Filter,
    pub sort: Sort,
    pub offset: usize,
    pub limit: usize,
    /// The raw pairs (to rebuild links).
    pub pairs: Vec<(String, String)>,
}

/// Raw `key=value` pairs of a query string (repeated keys kept).
pub fn pairs(query: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn values<'a>(pairs: &'a [(String, String)], key: &str) -> Vec<&'a str> {
    pairs
        .iter()
        .filter(|(k, _)| k == key)
        .flat_map(|(_, v)| v.split(','))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect()
}

fn one<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

fn parse_all<T>(
    pairs: &[(String, String)],
    key: &str,
    f: impl Fn(&str) -> Result<T, String>,
) -> Result<Vec<T>, WebError> {
    values(pairs, key)
        .into_iter()
        .map(|v| f(v).map_err(|e| WebError::bad(format!("{key}: {e}"))))
        .collect()
}

fn num<T: std::str::FromStr>(pairs: &[(String, String)], key: &str) -> Result<Option<T>, WebError> {
    one(pairs, key)
        .map(|v| {
            let digits: String = v.chars().filter(|c| *c != ',').collect();
            digits
                .parse::<T>()
                .map_err(|_| WebError::bad(format!("{key}: {v:?} is not a number")))
        })
        .transpose()
}

fn date(pairs: &[(String, String)], key: &str) -> Result<Option<PartialDate>, WebError> {
    one(pairs, key)
        .map(|v| {
            v.parse::<PartialDate>().map_err(|_| {
                WebError::bad(format!("{key}: {v:?} is not YYYY, YYYY-MM or YYYY-MM-DD"))
            })
        })
        .transpose()
}

/// A text value with its control characters read as spaces, trimmed; None when nothing is left.
/// (A NUL inside a term would end the store's FTS5 phrase early: a syntax error, HTTP 500.)
fn clean(v: &str) -> Option<String> {
    let v: String = v
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let v = v.trim();
    (!v.is_empty()).then(|| v.to_string())
}

/// The filter of a query string.
pub fn parse_filter(p: &[(String, String)]) -> Result<Filter, WebError> {
    let sectors: Vec<String> = values(p, "sector")
        .into_iter()
        .map(|s| {
            if s == "unknown" {
                return Err(WebError::bad("sector: 不明 cannot be selected"));
            }
            jikenbo_store::parse_sector(s)
                .map(|x| x.ja().to_string())
                .ok_or_else(|| WebError::bad(format!("sector: unknown sector {s:?}")))
        })
        .collect::<Result<_, _>>()?;
    let year = match one(p, "year") {
        None => None,
        Some(y) => Some(
            y.parse::<i32>()
                .ok()
                .filter(|y| (1900..=2200).contains(y))
                .ok_or_else(|| WebError::bad(format!("year: {y:?} is not a year")))?,
        ),
    };
    Ok(Filter {
        causes: parse_all(p, "cause", |v| {
            v.parse::<Cause>().map_err(|e| e.to_string())
        })?,
        actors: parse_all(p, "actor", |v| {
            v.parse::<Actor>().map_err(|e| e.to_string())
        })?,
        leaks: parse_all(p, "leak", |v| v.parse::<Leak>().map_err(|e| e.to_string()))?,
        year,
        from: date(p, "from")?,
        to: date(p, "to")?,
        labels: p
            .iter()
            .filter(|(k, _)| k == "label")
            .filter_map(|(_, v)| clean(v))
            .collect(),
        min_affected: num(p, "min")?,
        max_affected: num(p, "max")?,
        data: parse_all(p, "data", |v| {
            v.parse::<DataKind>().map_err(|e| e.to_string())
        })?,
        sectors,
        sizes: parse_all(p, "size", |v| v.parse::<SizeBucket>())?,
        organization: one(p, "org").and_then(clean),
    })
}

/// The search text: `q`, at most 500 characters.
pub fn parse_text(p: &[(String, String)]) -> Result<Option<String>, WebError> {
    match one(p, "q") {
        Some(q) if q.chars().count() > 500 => Err(WebError::bad(
            "q: the search text is limited to 500 characters",
        )),
        Some(q) => Ok(clean(q)),
        None => Ok(None),
    }
}

/// A casebook view from a query string (`page`/`per`, or `offset`/`limit`).
pub fn parse_list(p: Vec<(String, String)>) -> Result<ListParams, WebError> {
    let text = parse_text(&p)?;
    let filter = parse_filter(&p)?;
    let sort = match one(&p, "sort") {
        None => Sort::Auto,
        Some(s) => s
            .parse::<Sort>()
            .map_err(|e| WebError::bad(format!("sort: {e}")))?,
    };
    let limit: usize = num::<usize>(&p, "limit")?
        .or(num::<usize>(&p, "per")?)
        .unwrap_or(DEFAULT_PER);
    if limit == 0 || limit > MAX_PER {
        return Err(WebError::bad(format!("limit/per: 1-{MAX_PER}")));
    }
    let offset = match num::<usize>(&p, "offset")? {
        Some(o) => o,
        None => {
            let page = num::<usize>(&p, "page")?.unwrap_or(1).max(1);
            (page - 1)
                .checked_mul(limit)
                .ok_or_else(|| WebError::bad("page: too large"))?
        }
    };
    if offset > 10_000_000 {
        return Err(WebError::bad("offset: too large"));
    }
    Ok(ListParams {
        text,
        filter,
        sort,
        offset,
        limit,
        pairs: p,
    })
}

impl ListParams {
    /// 1-based page.
    pub fn page(&self) -> usize {
        self.offset / self.limit.max(1) + 1
    }

    /// The pairs that define the view (no paging), for links and downloads.
    pub fn view_pairs(&self) -> Vec<(String, String)> {
        self.pairs
            .iter()
            .filter(|(k, v)| !matches!(k.as_str(), "page" | "offset" | "limit") && !v.is_empty())
            .cloned()
            .collect()
    }

    /// A query string of this view with `key` set to `value` (None: removed), page reset.
    pub fn with(&self, key: &str, value: Option<&str>) -> String {
        let mut p: Vec<(String, String)> = self
            .view_pairs()
            .into_iter()
            .filter(|(k, _)| k != key)
            .collect();
        if let Some(v) = value {
            p.push((key.to_string(), v.to_string()));
        }
        encode(&p)
    }

    /// Toggles one value of a multi-valued key (`cause=ransomware`).
    pub fn toggle(&self, key: &str, value: &str) -> String {
        let mut p: Vec<(String, String)> = Vec::new();
        let mut found = false;
        for (k, v) in self.view_pairs() {
            if k == key {
                let parts: Vec<&str> = v.split(',').map(str::trim).collect();
                if parts.contains(&value) {
                    found = true;
                    let rest: Vec<&str> = parts.into_iter().filter(|x| *x != value).collect();
                    if !rest.is_empty() {
                        p.push((k, rest.join(",")));
                    }
                    continue;
                }
            }
            p.push((k, v));
        }
        if !found {
            p.push((key.to_string(), value.to_string()));
        }
        encode(&p)
    }

    /// Whether a multi-valued key has `value`.
    pub fn has(&self, key: &str, value: &str) -> bool {
        values(&self.pairs, key).contains(&value)
            || (key == "label" && self.filter.labels.iter().any(|l| l == value))
    }

    /// The query string for page `page`.
    pub fn page_link(&self, page: usize) -> String {
        let mut p = self.view_pairs();
        if page > 1 {
            p.push(("page".into(), page.to_string()));
        }
        encode(&p)
    }

    /// Whether any filter or text is set.
    pub fn is_filtered(&self) -> bool {
        self.text.is_some() || self.filter != Filter::default()
    }
}

/// `?k=v&…` (empty string for no pairs).
pub fn encode(p: &[(String, String)]) -> String {
    if p.is_empty() {
        return String::new();
    }
    let mut s = form_urlencoded::Serializer::for_suffix(String::from("?"), 1);
    for (k, v) in p {
        s.append_pair(k, v);
    }
    s.finish()
}

/// The audit log's filters (the page `/audit` and `GET /api/audit`): `who`, `action`, `from`,
/// `to` (days, `YYYY-MM-DD`), `incident` (a number or id), `limit` (default `default_limit`,
/// 1–10,000) and `offset`. Empty values are no condition.
pub fn audit_filter(
    p: &[(String, String)],
    default_limit: usize,
) -> Result<jikenbo_store::AuditFilter, WebError> {
    let last = |k: &str| {
        p.iter()
            .rev()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let day = |k: &str| -> Result<Option<String>, WebError> {
        match last(k) {
            Some(v) => {
                let ok = v.len() == 10
                    && v.parse::<jikenbo_model::PartialDate>()
                        .is_ok_and(|d| d.is_full());
                if ok {
                    Ok(Some(v))
                } else {
                    Err(WebError::bad(format!(
                        "{k}: {v:?} is not a day (YYYY-MM-DD)"
                    )))
                }
            }
            None => Ok(None),
        }
    };
    let num = |k: &str, default: usize| -> Result<usize, WebError> {
        match last(k) {
            Some(v) => v
                .parse::<usize>()
                .map_err(|_| WebError::bad(format!("{k}: {v:?} is not a number"))),
            None => Ok(default),
        }
    };
    let who = last("who");
    if who.as_ref().is_some_and(|w| w.chars().count() > 200) {
        return Err(WebError::bad("who: at most 200 characters"));
    }
    let action = last("action");
    if action
        .as_ref()
        .is_some_and(|a| a.len() > 40 || !a.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
    {
        return Err(WebError::bad(
            "action: an action name such as ingest, edit, label",
        ));
    }
    let offset = num("offset", 0)?;
    if offset > 10_000_000 {
        return Err(WebError::bad("offset: too large"));
    }
    Ok(jikenbo_store::AuditFilter {
        who,
        action,
        from: day("from")?,
        to: day("to")?,
        incident: last("incident")
            .map(|r| crate::service::parse_ref(&r))
            .transpose()?,
        limit: num("limit", default_limit)?.clamp(1, 10_000),
        offset,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_filters_and_paging() {
        let p = parse_list(pairs(Some(
            "q=%E3%83%A9%E3%83%B3%E3%82%B5%E3%83%A0&cause=ransomware,phishing&year=2024&size=1k-10k&sector=medical&page=3&per=20",
        )))
        .unwrap();
        assert_eq!(p.text.as_deref(), Some("ランサム"));
        assert_eq!(p.filter.causes, vec![Cause::Ransomware, Cause::Phishing]);
        assert_eq!(p.filter.year, Some(2024));
        assert_eq!(p.filter.sectors, vec!["医療機関".to_string()]);
        assert_eq!(p.offset, 40);
        assert_eq!(p.limit, 20);
        assert_eq!(p.page(), 3);
    }

    #[test]
    fn rejects_bad_values() {
        for q in [
            "cause=hacking",
            "year=abc",
            "from=2024/01",
            "per=0",
            "per=100000",
            "sort=random",
            "size=huge",
            "min=-1",
            "sector=unknown",
        ] {
            assert!(parse_list(pairs(Some(q))).is_err(), "{q}");
        }
    }

    #[test]
    fn control_characters_separate_words() {
        let t = |q: &str| parse_text(&[("q".to_string(), q.to_string())]).unwrap();
        assert_eq!(t("漏えい\0").as_deref(), Some("漏えい"));
        assert_eq!(t("a\0b").as_deref(), Some("a b"));
        assert_eq!(t("\0\0"), None);
    }

    #[test]
    fn toggles_values() {
        let p = parse_list(pairs(Some("cause=ransomware&page=2"))).unwrap();
        assert_eq!(p.toggle("cause", "ransomware"), "");
        assert_eq!(
            p.toggle("cause", "phishing"),
            "?cause=ransomware&cause=phishing"
        );
        assert_eq!(
            p.with("sort", Some("oldest")),
            "?cause=ransomware&sort=oldest"
        );
        assert!(p.has("cause", "ransomware"));
        assert_eq!(p.page_link(3), "?cause=ransomware&page=3");
    }
}
