//! Statistics: incidents and persons per cause, actor, year, month, sector, data kind, label or
//! size bucket, over any filter.

use crate::search::{all_rows, build, Filter, Row, UNKNOWN};
use crate::util::data_from_mask;
use crate::values::SECTORS;
use crate::{Result, Store};
use jikenbo_model::{Actor, Cause, DataKind, SizeBucket};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

/// What statistics are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    Cause,
    Actor,
    Year,
    Month,
    Sector,
    /// Each kind of data (an incident counts once per kind it involves).
    Data,
    /// Each label (an incident counts once per label).
    Label,
    Size,
}

impl GroupBy {
    pub const ALL: &'static [GroupBy] = &[
        GroupBy::Cause,
        GroupBy::Actor,
        GroupBy::Year,
        GroupBy::Month,
        GroupBy::Sector,
        GroupBy::Data,
        GroupBy::Label,
        GroupBy::Size,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Cause => "cause",
            GroupBy::Actor => "actor",
            GroupBy::Year => "year",
            GroupBy::Month => "month",
            GroupBy::Sector => "sector",
            GroupBy::Data => "data",
            GroupBy::Label => "label",
            GroupBy::Size => "size",
        }
    }
}

impl fmt::Display for GroupBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for GroupBy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        GroupBy::ALL
            .iter()
            .copied()
            .find(|g| g.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "{s:?} is not one of {}",
                    GroupBy::ALL
                        .iter()
                        .map(|g| g.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
    }
}

/// One group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StatRow {
    pub key: String,
    pub label: String,
    pub incidents: u64,
    /// Sum of the known numbers of persons.
    pub persons: u64,
    /// Incidents whose number of persons is known.
    pub with_count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub by: GroupBy,
    pub rows: Vec<StatRow>,
    /// All matching incidents (each once, however many documents report it).
    pub total: StatRow,
    /// How much of the whole casebook waits for review (flagged records, open duplicate
    /// pairs): figures over records not yet checked.
    pub review: crate::ReviewCounts,
}

fn add(row: &mut StatRow, r: &Row) {
    row.incidents += 1;
    if let Some(a) = r.affected {
        // a curator may store any count: the sum saturates rather than overflows
        row.persons = row.persons.saturating_add(a as u64);
        row.with_count += 1;
    }
}

pub(crate) fn group(rows: &[Row], by: GroupBy) -> Stats {
    let mut groups: HashMap<String, StatRow> = HashMap::new();
    let mut total = StatRow {
        key: "total".into(),
        label: "合計".into(),
        ..StatRow::default()
    };
    for r in rows {
        add(&mut total, r);
        let keys: Vec<String> = match by {
            GroupBy::Cause => vec![r.cause.clone().unwrap_or_else(|| "unknown".into())],
            GroupBy::Actor => vec![r.actor.clone().unwrap_or_else(|| "unknown".into())],
            GroupBy::Year => vec![r
                .event_year
                .map(|y| y.to_string())
                .unwrap_or_else(|| "unknown".into())],
            GroupBy::Month => vec![match r.date_key.as_deref() {
                Some(d) if d.len() >= 7 => d[..7].to_string(),
                Some(d) if d.len() >= 4 => format!("{}-??", &d[..4]),
                _ => "unknown".into(),
            }],
            GroupBy::Sector => vec![r.sector.clone().unwrap_or_else(|| "unknown".into())],
            GroupBy::Data => {
                let ks: Vec<String> = data_from_mask(r.data_mask)
                    .iter()
                    .map(|k| k.as_str().to_string())
                    .collect();
                if ks.is_empty() {
                    vec!["unknown".into()]
                } else {
                    ks
                }
            }
            GroupBy::Label => {
                let ls: Vec<String> = r
                    .labels
                    .split('\n')
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect();
                if ls.is_empty() {
                    vec!["unknown".into()]
                } else {
                    ls
                }
            }
            GroupBy::Size => vec![SizeBucket::of(r.affected.map(|a| a as u64))
                .key()
                .to_string()],
        };
        for k in keys {
            add(
                groups.entry(k.clone()).or_insert_with(|| StatRow {
                    key: k,
                    ..StatRow::default()
                }),
                r,
            );
        }
    }
    let label_of = |k: &str| -> String {
        if k == "unknown" {
            return UNKNOWN.into();
        }
        match by {
            GroupBy::Cause => k
                .parse::<Cause>()
                .map(|c| c.ja().to_string())
                .unwrap_or(k.into()),
            GroupBy::Actor => k
                .parse::<Actor>()
                .map(|c| c.ja().to_string())
                .unwrap_or(k.into()),
            GroupBy::Data => k
                .parse::<DataKind>()
                .map(|c| c.ja().to_string())
                .unwrap_or(k.into()),
            GroupBy::Size => k
                .parse::<SizeBucket>()
                .map(|c| c.ja().to_string())
                .unwrap_or(k.into()),
            GroupBy::Year => format!("{k}年"),
            GroupBy::Month => k.replace("-??", "年 (月不明)"),
            _ => k.to_string(),
        }
    };
    let order: Option<Vec<String>> = match by {
        GroupBy::Cause => Some(Cause::ALL.iter().map(|c| c.as_str().to_string()).collect()),
        GroupBy::Actor => Some(Actor::ALL.iter().map(|c| c.as_str().to_string()).collect()),
        GroupBy::Data => Some(
            DataKind::ALL
                .iter()
                .map(|c| c.as_str().to_string())
                .collect(),
        ),
        GroupBy::Size => Some(
            SizeBucket::ALL
                .iter()
                .map(|c| c.key().to_string())
                .collect(),
        ),
        GroupBy::Sector => Some(SECTORS.iter().map(|s| s.ja().to_string()).collect()),
        _ => None,
    };
    let mut out: Vec<StatRow> = match order {
        Some(order) => {
            let mut v: Vec<StatRow> = order.iter().filter_map(|k| groups.remove(k)).collect();
            let unknown = groups.remove("unknown");
            let mut rest: Vec<StatRow> = groups.into_values().collect();
            rest.sort_by(|a, b| a.key.cmp(&b.key));
            v.extend(rest);
            v.extend(unknown);
            v
        }
        None => {
            let unknown = groups.remove("unknown");
            let mut v: Vec<StatRow> = groups.into_values().collect();
            match by {
                GroupBy::Label => {
                    v.sort_by(|a, b| b.incidents.cmp(&a.incidents).then(a.key.cmp(&b.key)))
                }
                _ => v.sort_by(|a, b| a.key.cmp(&b.key)),
            }
            if let Some(u) = unknown {
                v.push(u);
            }
            v
        }
    };
    for r in out.iter_mut() {
        r.label = label_of(&r.key);
    }
    Stats {
        by,
        rows: out,
        total,
        review: crate::ReviewCounts::default(),
    }
}

impl Store {
    /// Incidents and persons per group over the live incidents matching `filter` (and `text`,
    /// searched like [`Store::search`], when given).
    pub fn stats(&self, by: GroupBy, filter: &Filter, text: Option<&str>) -> Result<Stats> {
        let b = build(&self.conn, text, filter)?;
        let rows = all_rows(&self.conn, &b)?;
        let mut s = group(&rows, by);
        s.review = self.review_counts()?;
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_persons_sum_saturates() {
        let row = |a| crate::search::Row {
            date_key: None,
            affected: Some(a),
            cause: None,
            actor: None,
            event_year: None,
            sector: None,
            data_mask: 0,
            labels: String::new(),
        };
        let s = group(
            &[row(i64::MAX), row(i64::MAX), row(i64::MAX)],
            GroupBy::Cause,
        );
        assert_eq!(s.total.persons, u64::MAX);
        assert_eq!(s.total.incidents, 3);
    }
}
