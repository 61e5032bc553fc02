//! Benchmark support: synthetic incidents written straight into the tables (no document, no
//! extraction), to measure search at a scale no real corpus reaches (a million incidents).
//!
//! Synthetic incidents are live and searchable but have no reports: they are for a throw-away
//! benchmark store only (a refresh would retire them).

use crate::incident::{fts_key, indexed, terms, IndexRow};
use crate::index::insert_row;
use crate::util::{data_mask, date_bounds, now, org_key};
use crate::values::Effective;
use crate::{Result, Store};
use jikenbo_corpus::Rng;
use jikenbo_model::{Actor, Cause, DataKind, Leak, PartialDate, Span};
use rusqlite::params;

const PLACES: &[&str] = &[
    "みどり",
    "あおば",
    "ひかり",
    "さくら台",
    "かもめ",
    "しらかば",
    "こすもす",
    "ゆうやけ",
    "はなみずき",
    "すずらん",
    "つばき",
    "ほたる",
    "わかば",
    "あさひ",
    "なぎさ",
    "もみじ",
    "いちょう",
    "かえで",
    "ひまわり",
    "れんげ",
    "あじさい",
    "やまぶき",
    "ふじ",
    "うぐいす",
];
const FORMS: &[&str] = &[
    "株式会社{p}商事",
    "{p}精機株式会社",
    "{p}市",
    "{p}町",
    "{p}中央病院",
    "{p}クリニック",
    "{p}大学",
    "{p}高等学校",
    "一般社団法人{p}協会",
    "{p}信用金庫",
    "{p}運輸株式会社",
    "{p}県警",
];
const CAUSE_TEXT: &[(Cause, &str)] = &[
    (Cause::Ransomware, "ファイルサーバーがランサムウェアに感染し、ファイルが暗号化された。VPN機器の脆弱性を悪用した侵入とみられる。"),
    (Cause::UnauthorizedAccess, "ウェブサイトに第三者による不正アクセスがあり、データベースの情報が外部に送信された痕跡を確認した。"),
    (Cause::Misdelivery, "案内メールを送信する際、宛先をBCCとすべきところTOに設定したため、メールアドレスが受信者に表示された。"),
    (Cause::LossTheft, "従業員が個人情報を保存したUSBメモリを外出先で紛失した。警察に遺失届を提出している。"),
    (Cause::InsiderTheft, "元従業員が在職中に顧客情報を不正に持ち出し、転職先で使用していたことが判明した。"),
    (Cause::Misconfiguration, "クラウドサービスの共有設定に誤りがあり、名簿ファイルがインターネット上で閲覧可能な状態となっていた。"),
    (Cause::SupportScam, "職員が偽の警告画面に表示された電話番号に連絡し、遠隔操作ソフトをインストールさせられた。サポート詐欺の被害である。"),
    (Cause::Phishing, "職員がフィッシングメールのリンクから偽のログイン画面にIDとパスワードを入力し、メールアカウントに不正ログインされた。"),
    (Cause::TargetedEmail, "取引先を装った標的型メールの添付ファイルを開封し、業務用パソコンがマルウェアに感染した。"),
    (Cause::InsiderSnooping, "職員が業務上の必要がないにもかかわらず、住民情報を閲覧していたことが判明した。"),
];

/// Inserts `n` synthetic live incidents (numbered after the existing ones), `batch` per
/// transaction; `progress(done)` after each batch.
pub fn insert_synthetic(
    store: &mut Store,
    n: usize,
    seed: u64,
    batch: usize,
    mut progress: impl FnMut(usize),
) -> Result<()> {
    let mut rng = Rng::new(seed);
    let at = now();
    let mut done = 0;
    while done < n {
        let k = batch.min(n - done);
        // The incidents go to the casebook, their index rows to the index (directly: nothing is
        // queued), each in one transaction per batch.
        let mut rows: Vec<(i64, i64, IndexRow)> = Vec::with_capacity(k);
        let tx = store.conn.transaction()?;
        crate::raise_generation(&tx)?;
        {
            let mut ins = tx.prepare(
                "INSERT INTO incidents (year, seq, created_at, updated_at, live, organization, org_key,
                     title, published, occurred, discovered, affected, leak, cause, actor, data_mask,
                     sector, date_key, date_lo, date_hi, event_year, labels)
                 VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM incidents WHERE year = ?1),
                     ?2, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
            )?;
            let mut setkey = tx.prepare("UPDATE incidents SET fts_key = ?2 WHERE id = ?1")?;
            for _ in 0..k {
                let p = *rng.pick(PLACES);
                let org = rng.pick(FORMS).replace("{p}", p);
                let org = if rng.below(3) == 0 {
                    format!("{org}{}", 1 + rng.below(50))
                } else {
                    org
                };
                let (cause, what) = *rng.pick(CAUSE_TEXT);
                let y = 2005 + rng.below(22) as i32;
                let m = 1 + rng.below(12) as u8;
                let d = 1 + rng.below(28) as u8;
                let occurred = PartialDate::ymd(y, m, d);
                let discovered = PartialDate::ymd(y, m, (d + 2).min(28));
                let published = PartialDate::ymd(y, m, (d + 5).min(28));
                let affected = match rng.below(10) {
                    0 => None,
                    x => Some(10u64.pow(x as u32 % 7).max(1) * (1 + rng.below(9) as u64)),
                };
                let mut data: Vec<DataKind> = Vec::new();
                for _ in 0..(1 + rng.below(4)) {
                    let kd = *rng.pick(&DataKind::ALL[..19]);
                    if !data.contains(&kd) {
                        data.push(kd);
                    }
                }
                data.sort();
                let actor = if cause.is_attack() {
                    Actor::External
                } else if rng.below(5) == 0 {
                    Actor::Partner
                } else {
                    Actor::Internal
                };
                let leak = *rng.pick(&[Leak::Confirmed, Leak::Possible, Leak::Possible]);
                let eff = Effective {
                    organization: Some(org.clone()),
                    title: Some(format!("{}による個人情報漏えいについて", cause.ja())),
                    published,
                    occurred,
                    discovered,
                    affected,
                    leak: Some(leak),
                    data: data.clone(),
                    cause: Some(cause),
                    actor: Some(actor),
                    sector_override: None,
                };
                let labels = eff.to_incident("", Span::new(0, 0)).labels;
                let date = eff.date_key();
                let (lo, hi) = date.as_ref().map(date_bounds).unzip();
                let code = rng.next_u64() % 10_000_000;
                let body = format!(
                    "{org}は、{}に{what}対象は{}の個人情報{}件。管理番号 J{code:07}。",
                    published.map(|d| d.to_string()).unwrap_or_default(),
                    data.iter().map(|k| k.ja()).collect::<Vec<_>>().join("、"),
                    affected
                        .map(|a| a.to_string())
                        .unwrap_or_else(|| "不明".into()),
                );
                ins.execute(params![
                    y,
                    at,
                    org,
                    org_key(&org),
                    eff.title,
                    published.map(|d| d.to_string()),
                    occurred.map(|d| d.to_string()),
                    discovered.map(|d| d.to_string()),
                    affected.map(|a| a as i64),
                    leak.as_str(),
                    cause.as_str(),
                    actor.as_str(),
                    data_mask(&data),
                    eff.sector().map(|s| s.ja()),
                    date.map(|d| d.to_string()),
                    lo.clone(),
                    hi,
                    date.map(|d| d.year),
                    labels.join("\n"),
                ])?;
                let id = tx.last_insert_rowid();
                let key = fts_key(lo.as_deref(), id);
                let row = IndexRow {
                    org: indexed(&org),
                    title: indexed(eff.title.as_deref().unwrap_or("")),
                    terms: indexed(&terms(&eff, &labels)),
                    body: indexed(&body),
                };
                rows.push((key, id, row));
                setkey.execute(params![id, key])?;
            }
        }
        tx.commit()?;
        // FTS5 starts a new segment whenever a rowid is not above the previous one: the index
        // rows of a batch are written in rowid order.
        rows.sort_unstable_by_key(|r| r.0);
        let tx = store.index_conn().transaction()?;
        {
            let mut indexed =
                tx.prepare("INSERT INTO indexed (incident_id, fts_key) VALUES (?1, ?2)")?;
            for (key, id, row) in &rows {
                insert_row(&tx, *key, row)?;
                indexed.execute(params![id, key])?;
            }
        }
        tx.commit()?;
        done += k;
        progress(done);
    }
    Ok(())
}

/// Bytes the store's files (the casebook and its search index, with their WALs) take on disk.
pub fn store_size(store: &Store) -> u64 {
    let Some(p) = store.path() else { return 0 };
    let mut total = 0;
    for file in [p.to_path_buf(), crate::index_path(p)] {
        for suffix in ["", "-wal", "-shm"] {
            let mut s = file.as_os_str().to_owned();
            s.push(suffix);
            if let Ok(m) = std::fs::metadata(std::path::PathBuf::from(s)) {
                total += m.len();
            }
        }
    }
    total
}
