//! Sanity flags and the review queue: records a curator should look at (a date in the future, a
//! date years before the notice, dates out of order, a count summed over categories, no
//! organization or cause, little extracted), and their acceptance.
//!
//! Flags are derived: computed from the incident's current values whenever it changes
//! (`incidents.flags`). A curator who checked a record accepts its flags (`reviews`: the flags
//! as they were); the record leaves the queue until a flag it did not have appears
//! (`incidents.needs_review`). Accepting is audited (`review`) and undone by `review-undo`.

use crate::incident::compute;
use crate::util::date_bounds;
use crate::values::Effective;
use crate::{audit, IncidentRef, Result, Store, StoreError};
use jikenbo_model::{clock, PartialDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::json;

/// A reason to look at a record again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// A date after the day the record was made.
    FutureDate,
    /// A date before 1990, or an occurrence or discovery ten years or more before publication.
    ImplausibleDate,
    /// Occurred after it was discovered.
    DatesOutOfOrder,
    /// Published more than 30 days before it occurred or was discovered.
    PublishedBeforeEvent,
    /// The count is a sum of several figures (categories that may overlap).
    SummedCount,
    NoOrganization,
    NoCause,
    /// Fewer than two of: a date, a count, data kinds, a cause, a leak status.
    FewFields,
}

impl Flag {
    pub const ALL: &'static [Flag] = &[
        Flag::FutureDate,
        Flag::ImplausibleDate,
        Flag::DatesOutOfOrder,
        Flag::PublishedBeforeEvent,
        Flag::SummedCount,
        Flag::NoOrganization,
        Flag::NoCause,
        Flag::FewFields,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Flag::FutureDate => "future_date",
            Flag::ImplausibleDate => "implausible_date",
            Flag::DatesOutOfOrder => "dates_out_of_order",
            Flag::PublishedBeforeEvent => "published_before_event",
            Flag::SummedCount => "summed_count",
            Flag::NoOrganization => "no_organization",
            Flag::NoCause => "no_cause",
            Flag::FewFields => "few_fields",
        }
    }

    pub fn ja(self) -> &'static str {
        match self {
            Flag::FutureDate => "記録日より後の日付",
            Flag::ImplausibleDate => "ありえない日付 (1990年より前、または公表の10年以上前)",
            Flag::DatesOutOfOrder => "発生日が判明日より後",
            Flag::PublishedBeforeEvent => "公表日が発生日・判明日より30日以上前",
            Flag::SummedCount => "人数が区分の合計 (重複を含むおそれ)",
            Flag::NoOrganization => "組織名なし",
            Flag::NoCause => "原因なし",
            Flag::FewFields => "抽出できた項目が少ない (確度が低い)",
        }
    }

    pub fn parse(s: &str) -> Option<Flag> {
        Flag::ALL.iter().copied().find(|f| f.as_str() == s)
    }
}

/// Flags as stored: codes joined by commas, in [`Flag::ALL`] order.
pub(crate) fn join(flags: &[Flag]) -> String {
    flags
        .iter()
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

pub fn split_flags(s: &str) -> Vec<Flag> {
    s.split(',').filter_map(Flag::parse).collect()
}

/// The figures of counts in an evidence text (`1,200件`, `300 人`): plain digits only.
fn figures(text: &str) -> Vec<u64> {
    let norm: String = text
        .chars()
        .map(|c| match c as u32 {
            0xFF10..=0xFF19 => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            0xFF0C => ',',
            _ => c,
        })
        .collect();
    let mut out = Vec::new();
    let chars: Vec<char> = norm.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            let mut n: u64 = 0;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == ',') {
                if let Some(d) = chars[i].to_digit(10) {
                    n = n.saturating_mul(10).saturating_add(d as u64);
                }
                i += 1;
            }
            let mut j = i;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            let unit = chars.get(j).copied();
            let prev = start.checked_sub(1).map(|p| chars[p]);
            if matches!(unit, Some('人' | '名' | '件' | '世')) && prev != Some('.') {
                out.push(n);
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The flags of a record: its current values, the evidence text of its count, and the day it
/// was recorded (`YYYY-MM-DD…`).
pub(crate) fn flags_of(
    e: &Effective,
    affected_evidence: Option<&str>,
    recorded: &str,
) -> Vec<Flag> {
    let mut out = Vec::new();
    let day = recorded.get(..10).unwrap_or("");
    let dates: Vec<&PartialDate> = [&e.published, &e.occurred, &e.discovered]
        .into_iter()
        .flatten()
        .collect();
    if !day.is_empty() && dates.iter().any(|d| date_bounds(d).0.as_str() > day) {
        out.push(Flag::FutureDate);
    }
    let before_publication = |d: &Option<PartialDate>| match (d, &e.published) {
        (Some(d), Some(p)) => p.year - d.year >= 10,
        _ => false,
    };
    if dates.iter().any(|d| d.year < 1990)
        || before_publication(&e.occurred)
        || before_publication(&e.discovered)
    {
        out.push(Flag::ImplausibleDate);
    }
    if let (Some(o), Some(d)) = (&e.occurred, &e.discovered) {
        if date_bounds(o).0 > date_bounds(d).1 {
            out.push(Flag::DatesOutOfOrder);
        }
    }
    if let Some(p) = &e.published {
        let hi = p.bounds().1.to_date();
        let early = [&e.occurred, &e.discovered].into_iter().flatten().any(|d| {
            let lo = d.bounds().0.to_date();
            match (hi, lo) {
                (Some(h), Some(l)) => l.days_since(h) > 30,
                _ => false,
            }
        });
        if early {
            out.push(Flag::PublishedBeforeEvent);
        }
    }
    if let (Some(n), Some(ev)) = (e.affected, affected_evidence) {
        let f = figures(ev);
        if f.len() >= 2 && !f.contains(&n) {
            out.push(Flag::SummedCount);
        }
    }
    if e.organization.is_none() {
        out.push(Flag::NoOrganization);
    }
    if e.cause.is_none() {
        out.push(Flag::NoCause);
    }
    let present = [
        !dates.is_empty(),
        e.affected.is_some(),
        !e.data.is_empty(),
        e.cause.is_some(),
        e.leak.is_some(),
    ]
    .iter()
    .filter(|x| **x)
    .count();
    if present < 2 {
        out.push(Flag::FewFields);
    }
    out
}

/// An incident's flags (comma-separated codes) and whether it needs review (some flag not
/// accepted), from its current values, its creation time and the flags a curator accepted.
pub(crate) fn flags_state(
    conn: &Connection,
    id: i64,
    e: &Effective,
    affected_evidence: Option<&str>,
) -> Result<(String, bool)> {
    let (created, accepted): (String, Option<String>) = conn
        .prepare_cached(
            "SELECT i.created_at, r.flags FROM incidents i
             LEFT JOIN reviews r ON r.incident_id = i.id WHERE i.id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let flags = flags_of(e, affected_evidence, &created);
    let accepted = accepted.as_deref().map(split_flags).unwrap_or_default();
    let needs = flags.iter().any(|f| !accepted.contains(f));
    Ok((join(&flags), needs))
}

/// Writes an incident's flags and whether it needs review.
pub(crate) fn store_flags(
    conn: &Connection,
    id: i64,
    e: &Effective,
    affected_evidence: Option<&str>,
) -> Result<()> {
    let (flags, needs) = flags_state(conn, id, e, affected_evidence)?;
    conn.prepare_cached("UPDATE incidents SET flags = ?2, needs_review = ?3 WHERE id = ?1")?
        .execute(params![id, flags, needs as i64])?;
    Ok(())
}

/// A record of the review queue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlaggedIncident {
    pub id: i64,
    pub number: String,
    pub organization: Option<String>,
    pub title: Option<String>,
    pub date_key: Option<String>,
    pub flags: Vec<Flag>,
    /// The flags a curator accepted earlier (none: never reviewed).
    pub accepted: Vec<Flag>,
}

/// How much waits for review.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ReviewCounts {
    /// Live incidents with a flag not yet accepted.
    pub flagged: u64,
    /// Live incidents with flags, accepted or not.
    pub with_flags: u64,
    /// Open duplicate-candidate pairs (both incidents live).
    pub duplicate_pairs: u64,
}

impl Store {
    /// Live incidents with a flag not yet accepted, oldest number first.
    pub fn flagged(&self, limit: usize, offset: usize) -> Result<Vec<FlaggedIncident>> {
        let mut st = self.conn.prepare_cached(
            "SELECT i.id, i.year, i.seq, i.organization, i.title, i.date_key, i.flags, r.flags
             FROM incidents i LEFT JOIN reviews r ON r.incident_id = i.id
             WHERE i.needs_review = 1 AND i.live = 1
             ORDER BY i.id LIMIT ?1 OFFSET ?2",
        )?;
        let rows = st.query_map(params![limit as i64, offset as i64], |r| {
            Ok(FlaggedIncident {
                id: r.get(0)?,
                number: crate::format_number(r.get(1)?, r.get(2)?),
                organization: r.get(3)?,
                title: r.get(4)?,
                date_key: r.get(5)?,
                flags: split_flags(&r.get::<_, String>(6)?),
                accepted: r
                    .get::<_, Option<String>>(7)?
                    .as_deref()
                    .map(split_flags)
                    .unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The flags of one incident and those accepted.
    pub fn flags_of(&self, r: IncidentRef) -> Result<(Vec<Flag>, Option<Vec<Flag>>)> {
        let id = self.resolve(r)?;
        let (flags, accepted): (String, Option<String>) = self.conn.query_row(
            "SELECT i.flags, r.flags FROM incidents i LEFT JOIN reviews r ON r.incident_id = i.id
             WHERE i.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok((split_flags(&flags), accepted.as_deref().map(split_flags)))
    }

    pub fn review_counts(&self) -> Result<ReviewCounts> {
        let (flagged, with_flags): (i64, i64) = self.conn.query_row(
            "SELECT coalesce(sum(needs_review), 0), count(*) FROM incidents
             WHERE live = 1 AND flags <> ''",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(ReviewCounts {
            flagged: flagged as u64,
            with_flags: with_flags as u64,
            duplicate_pairs: self.open_dup_count()?,
        })
    }

    /// A curator checked the record: its flags as they are now are accepted (audited `review`).
    pub fn accept_flags(&mut self, r: IncidentRef, who: &str) -> Result<Vec<Flag>> {
        let id = self.resolve_live(r)?;
        let tx = self.write_tx()?;
        let flags: String =
            tx.query_row("SELECT flags FROM incidents WHERE id = ?1", [id], |r| {
                r.get(0)
            })?;
        let at = clock::now_rfc3339_millis();
        let before: Option<String> = tx
            .query_row(
                "SELECT flags FROM reviews WHERE incident_id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        tx.execute(
            "INSERT INTO reviews (incident_id, flags, who, at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (incident_id) DO UPDATE SET flags = ?2, who = ?3, at = ?4",
            params![id, flags, who, at],
        )?;
        tx.execute("UPDATE incidents SET needs_review = 0 WHERE id = ?1", [id])?;
        audit(
            &tx,
            who,
            "review",
            Some(id),
            None,
            &json!({ "accepted": split_flags(&flags), "before": before.as_deref().map(split_flags) }),
        )?;
        tx.commit()?;
        Ok(split_flags(&flags))
    }

    /// Undoes an acceptance: the record is back in the queue if it has flags (audited
    /// `review-undo`).
    pub fn unaccept_flags(&mut self, r: IncidentRef, who: &str) -> Result<()> {
        let id = self.resolve_live(r)?;
        let tx = self.write_tx()?;
        let n = tx.execute("DELETE FROM reviews WHERE incident_id = ?1", [id])?;
        if n == 0 {
            return Err(StoreError::Invalid(format!("{r} has not been reviewed")));
        }
        tx.execute(
            "UPDATE incidents SET needs_review = (flags <> '') WHERE id = ?1",
            [id],
        )?;
        audit(&tx, who, "review-undo", Some(id), None, &json!({}))?;
        tx.commit()?;
        Ok(())
    }
}

/// Recomputes the flags of every incident (after the migration that added them).
pub(crate) fn backfill(conn: &Connection) -> Result<()> {
    let ids: Vec<i64> = {
        let mut st = conn.prepare("SELECT id FROM incidents")?;
        let rows = st.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for id in ids {
        // the flags only: the derived columns and the search index are as they were
        let c = compute(conn, id)?;
        store_flags(conn, id, &c.eff, c.affected_evidence.as_deref())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eff() -> Effective {
        Effective::of(jikenbo_model::Incident {
            organization: Some("みどり市".into()),
            cause: Some(jikenbo_model::Cause::Misdelivery),
            affected: Some(120),
            published: "2024-05-20".parse().ok(),
            discovered: "2024-05-10".parse().ok(),
            ..Default::default()
        })
    }

    #[test]
    fn a_plain_record_has_no_flags() {
        assert!(flags_of(&eff(), Some("対象は120名です"), "2024-06-01T00:00:00Z").is_empty());
    }

    #[test]
    fn each_flag_has_its_case() {
        let at = "2024-06-01T00:00:00Z";
        let mut e = eff();
        e.occurred = "2031-01-05".parse().ok();
        let f = flags_of(&e, None, at);
        assert!(
            f.contains(&Flag::FutureDate) && f.contains(&Flag::DatesOutOfOrder),
            "{f:?}"
        );
        let mut e = eff();
        e.occurred = "2003-04-01".parse().ok();
        assert!(flags_of(&e, None, at).contains(&Flag::ImplausibleDate));
        let mut e = eff();
        e.published = "2024-01-05".parse().ok();
        assert!(flags_of(&e, None, at).contains(&Flag::PublishedBeforeEvent));
        let e = eff();
        assert_eq!(
            flags_of(&e, Some("会員 100件、退会者 20件"), at),
            vec![Flag::SummedCount]
        );
        // a total that the evidence states, or a nested breakdown, is no sum
        assert!(flags_of(&e, Some("120人(うち66人は退会者)"), at).is_empty());
        assert!(flags_of(&e, Some("約2.2万件"), at).is_empty());
        let bare = Effective::default();
        assert_eq!(
            flags_of(&bare, None, at),
            vec![Flag::NoOrganization, Flag::NoCause, Flag::FewFields]
        );
    }

    #[test]
    fn codes_round_trip() {
        for f in Flag::ALL {
            assert_eq!(Flag::parse(f.as_str()), Some(*f));
        }
        assert_eq!(split_flags(&join(Flag::ALL)), Flag::ALL.to_vec());
    }
}
