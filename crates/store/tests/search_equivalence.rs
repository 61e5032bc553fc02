//! The search planner against a brute-force reference on a generated casebook: every
//! combination of text (long, short, very short, absent) and filters gives exactly the
//! incidents whose indexed text contains every term and whose values pass the filters, in date
//! order, whatever the count limit.

mod common;

use jikenbo_model::{Actor, Cause, DataKind, Leak};
use jikenbo_store::{Filter, Prepared, Query, SizeBucket, Sort, Source, Store};
use std::collections::HashMap;

struct Inc {
    id: i64,
    text: String,
    date_lo: Option<String>,
    date_hi: Option<String>,
    cause: Option<String>,
    actor: Option<String>,
    leak: Option<String>,
    year: Option<i64>,
    sector: Option<String>,
    affected: Option<i64>,
    labels: Vec<String>,
    data: Vec<String>,
    org: String,
}

fn casebook() -> (Store, Vec<Inc>) {
    let mut s = Store::open_in_memory().unwrap();
    let mut g = jikenbo_corpus::Generator::new(5);
    for i in 0..400 {
        let (name, text) = g.notice(i);
        let p = Prepared::from_text(&name, &text).unwrap();
        s.ingest_prepared(&p, &Source::none(), "t").unwrap();
    }
    // Some incidents out of the index's way: merged, and with a user label.
    let all = s
        .search(&Query {
            limit: 1000,
            ..Query::default()
        })
        .unwrap();
    let a: jikenbo_store::IncidentRef = all.hits[3].number.parse().unwrap();
    let b: jikenbo_store::IncidentRef = all.hits[4].number.parse().unwrap();
    s.merge(a, &[b], "t").unwrap();
    s.add_label(all.hits[7].number.parse().unwrap(), "要確認", "t")
        .unwrap();
    s.set_override(
        all.hits[8].number.parse().unwrap(),
        jikenbo_store::Field::Cause,
        "ransomware".into(),
        None,
        "t",
    )
    .unwrap();
    let conn = s.connection();
    let mut st = conn
        .prepare(
            "SELECT i.id, f.org || ' ' || f.title || ' ' || f.terms || ' ' || f.body, i.date_lo, i.date_hi,
                    i.cause, i.actor, i.leak, i.event_year, i.sector, i.affected, i.labels, i.data_mask, f.org
             FROM incidents i JOIN incident_fts f ON f.rowid = i.fts_key WHERE i.live = 1",
        )
        .unwrap();
    let incs: Vec<Inc> = st
        .query_map([], |r| {
            let mask: i64 = r.get(11)?;
            Ok(Inc {
                id: r.get(0)?,
                text: r.get::<_, String>(1)?.to_lowercase(),
                date_lo: r.get(2)?,
                date_hi: r.get(3)?,
                cause: r.get(4)?,
                actor: r.get(5)?,
                leak: r.get(6)?,
                year: r.get(7)?,
                sector: r.get(8)?,
                affected: r.get(9)?,
                labels: r
                    .get::<_, String>(10)?
                    .split('\n')
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect(),
                data: DataKind::ALL
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1 << i) != 0)
                    .map(|(_, k)| k.as_str().to_string())
                    .collect(),
                org: r.get::<_, String>(12)?.to_lowercase(),
            })
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    drop(st);
    (s, incs)
}

fn reference(incs: &[Inc], text: &str, f: &Filter) -> Vec<i64> {
    let terms: Vec<String> = text.split_whitespace().map(|t| t.to_lowercase()).collect();
    let mut out: Vec<&Inc> = incs
        .iter()
        .filter(|i| terms.iter().all(|t| i.text.contains(t.as_str())))
        .filter(|i| {
            f.causes.is_empty()
                || f.causes
                    .iter()
                    .any(|c| i.cause.as_deref() == Some(c.as_str()))
        })
        .filter(|i| {
            f.actors.is_empty()
                || f.actors
                    .iter()
                    .any(|c| i.actor.as_deref() == Some(c.as_str()))
        })
        .filter(|i| {
            f.leaks.is_empty()
                || f.leaks
                    .iter()
                    .any(|c| i.leak.as_deref() == Some(c.as_str()))
        })
        .filter(|i| f.year.is_none() || i.year == f.year.map(|y| y as i64))
        .filter(|i| {
            f.sectors.is_empty()
                || f.sectors
                    .iter()
                    .any(|s| i.sector.as_deref() == Some(s.as_str()))
        })
        .filter(|i| {
            f.min_affected
                .is_none_or(|m| i.affected.is_some_and(|a| a as u64 >= m))
        })
        .filter(|i| {
            f.max_affected
                .is_none_or(|m| i.affected.is_some_and(|a| a as u64 <= m))
        })
        .filter(|i| f.labels.iter().all(|l| i.labels.contains(l)))
        .filter(|i| {
            f.data
                .iter()
                .all(|d| i.data.iter().any(|x| x == d.as_str()))
        })
        .filter(|i| {
            f.sizes.is_empty()
                || f.sizes
                    .contains(&SizeBucket::of(i.affected.map(|a| a as u64)))
        })
        .filter(|i| {
            f.organization
                .as_ref()
                .is_none_or(|o| i.org.contains(&o.to_lowercase()))
        })
        .filter(|i| {
            f.from.is_none_or(|d| {
                let lo = format!("{d}-01-01");
                i.date_hi.as_deref().is_some_and(|h| h >= &lo[..10])
            })
        })
        .filter(|i| {
            f.to.is_none_or(|d| {
                let hi = format!("{d}-12-31");
                i.date_lo.as_deref().is_some_and(|l| l <= &hi[..10])
            })
        })
        .collect();
    out.sort_by(|a, b| (&b.date_lo, b.id).cmp(&(&a.date_lo, a.id)));
    out.iter().map(|i| i.id).collect()
}

#[test]
fn the_planner_agrees_with_brute_force() {
    let (s, incs) = casebook();
    assert!(incs.len() > 300);
    let texts = [
        "",
        "ランサムウェア",
        "不正アクセス 氏名",
        "氏名",
        "名",
        "の",
        "漏えい",
        "USBメモリ",
        "usbメモリ",
        "遠隔操作 BCC",
        "遠隔操作 USBメモリ",
        "ランサムウェア 暗号化 サーバー",
        "サポート詐欺 遠隔操作",
        "存在しない語句",
        "み",
        "ゆうやけ",
    ];
    let filters = vec![
        Filter::default(),
        Filter {
            causes: vec![Cause::Ransomware, Cause::Misdelivery],
            ..Filter::default()
        },
        Filter {
            year: Some(2020),
            ..Filter::default()
        },
        Filter {
            actors: vec![Actor::External],
            leaks: vec![Leak::Possible],
            ..Filter::default()
        },
        Filter {
            sectors: vec!["医療機関".into()],
            min_affected: Some(1000),
            ..Filter::default()
        },
        Filter {
            labels: vec!["インシデント:内部犯行".into()],
            ..Filter::default()
        },
        Filter {
            labels: vec!["要確認".into()],
            ..Filter::default()
        },
        Filter {
            data: vec![DataKind::Name, DataKind::Address],
            ..Filter::default()
        },
        Filter {
            sizes: vec![SizeBucket::Unknown, SizeBucket::Over1m],
            ..Filter::default()
        },
        Filter {
            organization: Some("みどり".into()),
            ..Filter::default()
        },
        Filter {
            organization: Some("市".into()),
            ..Filter::default()
        },
        Filter {
            from: "2019-04".parse().ok(),
            to: "2021".parse().ok(),
            ..Filter::default()
        },
        Filter {
            to: "2016".parse().ok(),
            max_affected: Some(500),
            ..Filter::default()
        },
    ];
    // Number and organization of each incident, for the orders on the rows.
    let keys: HashMap<i64, (i64, i64, Option<String>)> = s
        .connection()
        .prepare("SELECT id, year, seq, organization FROM incidents")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let cause_of: HashMap<i64, Option<String>> =
        incs.iter().map(|i| (i.id, i.cause.clone())).collect();
    let mut checked = 0;
    let mut nonempty = 0;
    let mut sizes: HashMap<bool, usize> = HashMap::new();
    for t in texts {
        for f in &filters {
            let want = reference(&incs, t, f);
            for (limit, count_limit) in [(10_000, 10_000), (10, 10), (5, 3)] {
                let q = Query {
                    text: (!t.is_empty()).then(|| t.to_string()),
                    filter: f.clone(),
                    limit,
                    count_limit,
                    snippets: limit == 10,
                    ..Query::default()
                };
                let r = s.search(&q).unwrap();
                let got: Vec<i64> = r.hits.iter().map(|h| h.id).collect();
                let n = want.len().min(limit);
                assert_eq!(got, want[..n], "text {t:?} filter {f:?} limit {limit}");
                // Exact up to the cap (and beyond when counting is cheap); else the cap.
                let cap = count_limit.max(limit);
                if want.len() <= cap {
                    assert!(r.total_exact, "{t:?} {f:?}");
                }
                if r.total_exact {
                    assert_eq!(r.total as usize, want.len(), "{t:?} {f:?}");
                } else {
                    assert!(want.len() > cap, "{t:?} {f:?}");
                    assert_eq!(r.total as usize, cap, "{t:?} {f:?}");
                }
                *sizes.entry(r.total_exact).or_default() += 1;
                checked += 1;
            }
            // The orders on the rows: the whole result, and a page of it.
            for sort in [
                Sort::Number,
                Sort::NumberDesc,
                Sort::Organization,
                Sort::Cause,
            ] {
                let mut exp = want.clone();
                let num = |id: &i64| (keys[id].0, keys[id].1);
                match sort {
                    Sort::Number => exp.sort_by_key(num),
                    Sort::NumberDesc => exp.sort_by_key(|id| std::cmp::Reverse(num(id))),
                    Sort::Organization => exp.sort_by_key(|id| {
                        let o = keys[id].2.clone();
                        (o.is_none(), o, num(id))
                    }),
                    _ => exp.sort_by_key(|id| {
                        let rank = cause_of[id]
                            .as_deref()
                            .and_then(|c| Cause::ALL.iter().position(|x| x.as_str() == c));
                        (rank.is_none(), rank, std::cmp::Reverse(num(id)))
                    }),
                }
                for (limit, offset) in [(10_000, 0), (7, 3)] {
                    let q = Query {
                        text: (!t.is_empty()).then(|| t.to_string()),
                        filter: f.clone(),
                        sort,
                        limit,
                        offset,
                        ..Query::default()
                    };
                    let got: Vec<i64> = s.search(&q).unwrap().hits.iter().map(|h| h.id).collect();
                    let page: Vec<i64> = exp.iter().skip(offset).take(limit).copied().collect();
                    assert_eq!(got, page, "{sort:?} text {t:?} filter {f:?}");
                }
            }
            if !want.is_empty() {
                nonempty += 1;
            }
            // Facets and statistics count the same set.
            let st = s
                .stats(
                    jikenbo_store::GroupBy::Cause,
                    f,
                    (!t.is_empty()).then_some(t),
                )
                .unwrap();
            assert_eq!(st.total.incidents as usize, want.len(), "stats {t:?} {f:?}");
        }
    }
    eprintln!(
        "{checked} searches checked, {nonempty} non-empty combinations, exact/capped {sizes:?}"
    );
    assert!(nonempty > 60);
}
