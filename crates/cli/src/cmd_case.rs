//! `jikenbo case …`: the privacy officer's own incidents (自組織の事案), kept in the store beside
//! the casebook but apart from it (never in `search`, `stats`, `export` or `audit`).
//!
//! | command | what |
//! |---|---|
//! | `case new --title T --org O [--facts FILE] [--set key=value]… [--create]` | a new case; prints its number and deadlines |
//! | `case list` | every case with its next deadline |
//! | `case show ID` | facts (who set each, when; 未確認 when unknown), deadlines, timeline, measures |
//! | `case set ID key=value…` | facts; prints what changed and how the deadlines moved |
//! | `case event ID --kind K --at T [--note N]`, `case event ID --remove EVENT` | the timeline |
//! | `case measure ID --category C --text T […]`, `case measure ID --update M […]` | recurrence-prevention measures |
//! | `case status ID STATUS` | 調査中, 報告済, 再発防止策実施中, 完了 |
//! | `case due [--within DAYS]` | what is due or overdue across cases; exit status 1 when something is overdue |
//! | `case draft ID KIND [--stage] [--form] [--edition [--since]] [--format md\|docx] [-o FILE]` | the drafts; a follow-up notice lists what changed since the latest 公表 (the case replayed from its fact history and audit log) |
//! | `case publish ID [--edition 1\|N\|final] [--file FILE] [--at TIME]` | publish a public notice into the casebook (the only part of a case that becomes public); prints its casebook number |
//!
//! The logic lives in `jikenbo-respond` (facts, deadlines, drafts) and `jikenbo-store`
//! (persistence, history, audit); this module parses arguments and prints. Commands that compute
//! deadlines take `--today DATE` (default: the local date) so that their output can be checked.
//! Every command refuses a store file that does not exist; `case new --create` creates it.

use crate::table::{fit, width};
use anyhow::{bail, Context};
use jikenbo_model::{Cause, DataKind, Leak};
use jikenbo_respond::{
    attention, date_ja_weekday, deadlines, fact_keys, fact_label, fact_text, individual_notice,
    next_edition, notice_file_name, ppc_forms, ppc_report, privacy_mark_report, public_notice,
    recompute, set_fact, Case, CaseDetails, CaseStatus, Date, Deadline, DeadlineStatus, Draft,
    Event, EventKind, EventTime, Facts, Measure, MeasureCategory, MeasureStatus, NoticeEdition,
    OrgKind, PpcForm, ReportStage, UNKNOWN,
};
use jikenbo_store::{default_db_path, default_user, NewCase, Store, StoreError};
use serde_json::{json, Value};
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;

const DUE_HELP: &str = "\
終了コード / exit status:
  0  期限を超過した項目なし (nothing is overdue; items due soon may be listed)
  1  期限を超過した項目あり (something is overdue)
  2  エラー (事件簿ファイルがない、引数の誤りなど) (an error: no store, bad arguments)

例 / example (cron, 毎朝9時):
  0 9 * * *  jikenbo case due --db /srv/jikenbo/jikenbo.db --within 7 || mail -s 'jikenbo: 期限超過' dpo@example.jp";

const SET_HELP: &str = "\
値の書き方 / values:
  数       persons=1200 (1,200 も可)
  はい/いいえ encrypted=いいえ, privacy_mark=はい (true/false も可)
  日付     aware=2026-11-30
  用語     cause=misdelivery (または 誤送信・誤送付), leak=confirmed, org_kind=business
  一覧     data=name,email (または 氏名、メールアドレス)
  文       summary='会員向けのお知らせメールを…'
  未確認に戻す  persons=未確認 (または null)
事実の一覧と意味は `jikenbo case show ID` (未確認の項目も表示) または `jikenbo assess --help`。";

#[derive(clap::Subcommand)]
pub enum CaseCommand {
    /// Open a new case (status 調査中) with its first facts; prints its number and deadlines.
    New(NewArgs),
    /// Every case with its next deadline (days left or overdue).
    List(ListArgs),
    /// A case: facts (who set each, when; 未確認 when unknown), deadlines, timeline, measures.
    Show(ShowArgs),
    /// Set facts (key=value …); prints what changed and how the deadlines moved.
    #[command(after_help = SET_HELP)]
    Set(SetArgs),
    /// Record an event on the timeline (発生, 発覚, 速報, 確報, 本人通知, 公表 …), or remove one.
    Event(EventArgs),
    /// Add a recurrence-prevention measure, or update one by its number.
    Measure(MeasureArgs),
    /// Set the status: 調査中, 報告済, 再発防止策実施中, 完了 (or investigating, reported, preventing, closed).
    Status(StatusArgs),
    /// What is due or overdue across open cases (for a daily cron or a CI check).
    #[command(after_help = DUE_HELP)]
    Due(DueArgs),
    /// Write a draft from the current facts: PPC report, Privacy-Mark report, public notice, notice to individuals.
    Draft(DraftArgs),
    /// Publish a public notice (お詫びとお知らせ) into the casebook: the notice's text becomes an
    /// ordinary, public casebook record; the case itself stays private.
    #[command(after_help = PUBLISH_HELP)]
    Publish(PublishArgs),
}

const PUBLISH_HELP: &str = "\
公表されるもの / what becomes public:
  お知らせの本文だけ (出典の行と作成メモを除いた下書き、または --file の文書) が事件簿の文書・事例として
  登録され、一覧・検索・統計・エクスポートに現れます。事案の事実・経過・再発防止策・他の下書きは
  非公開のままです。第2報・最終報は同じ事件簿の事例の続報になります。
  Only the notice's text (the draft without its sources and memo, or the --file text) enters the
  casebook, as an ordinary public record; the case's facts, timeline, measures and other drafts stay
  private. A 第2報 or 最終報 becomes a follow-up of the same casebook incident.

例 / example:
  jikenbo case draft 1 notice --edition 2 -o 第2報.md   # 確認・修正して
  jikenbo case publish 1 --edition 2 --file 第2報.md --at 2026-12-10T10:00";

#[derive(clap::Args, Clone)]
pub struct CaseDbArgs {
    /// The store file (default: $JIKENBO_DB, else $XDG_DATA_HOME/jikenbo/jikenbo.db, else
    /// ~/.local/share/jikenbo/jikenbo.db).
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,
}

impl CaseDbArgs {
    fn path(&self) -> PathBuf {
        self.db.clone().unwrap_or_else(default_db_path)
    }
    fn open(&self) -> anyhow::Result<Store> {
        open_existing(&self.path())
    }
    /// The store and case `id` in it (a missing store or case refused, in Japanese first).
    fn open_case(&self, id: i64) -> anyhow::Result<(Store, Case)> {
        let store = self.open()?;
        let case = load_case(&store, id)?;
        Ok((store, case))
    }
}

/// Opens the store, refusing (creating nothing) when the file is missing.
fn open_existing(db: &Path) -> anyhow::Result<Store> {
    match Store::open_existing(db) {
        Ok(s) => Ok(s),
        Err(StoreError::Missing(_)) => bail!(
            "事件簿ファイルが見つかりません: {p} (事案用に新しく作るには jikenbo case new --create --db {p} …)\n\
             no casebook store at {p}; nothing was created (to create one: jikenbo case new --create --db {p} ...)",
            p = db.display()
        ),
        Err(e) => Err(e).with_context(|| format!("opening the store {}", db.display())),
    }
}

/// A case of the store; a missing one is said in Japanese first.
fn load_case(store: &Store, id: i64) -> anyhow::Result<Case> {
    match store.case(id) {
        Err(StoreError::NoCase(_)) => {
            bail!("事案 #{id} はありません (一覧: jikenbo case list)\nno case {id} in the store")
        }
        r => Ok(r?),
    }
}

#[derive(clap::Args, Clone)]
pub struct WhoArgs {
    /// Who makes the change (kept with each fact and in the audit log; default $USER).
    #[arg(long, visible_alias = "who", value_name = "NAME")]
    pub author: Option<String>,
}

impl WhoArgs {
    fn who(&self) -> String {
        self.author
            .clone()
            .filter(|w| !w.trim().is_empty())
            .unwrap_or_else(default_user)
    }
}

#[derive(clap::Args, Clone)]
pub struct TodayArgs {
    /// The day deadlines are counted from (YYYY-MM-DD; default: today, local time).
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub today: Option<Date>,
}

impl TodayArgs {
    fn date(&self) -> Date {
        self.today.unwrap_or_else(local_today)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ViewFormat {
    Text,
    Json,
}

#[derive(clap::Args)]
pub struct NewArgs {
    /// 件名 (e.g. メール送信時の宛先設定の誤りによるメールアドレスの流出).
    #[arg(long)]
    pub title: String,
    /// The organization handling the case (組織名).
    #[arg(long, value_name = "NAME")]
    pub org: String,
    /// Facts as a JSON object of fact keys (the keys of `assess --facts` and the drafts' own,
    /// e.g. {"persons": 350, "data": ["email"], "aware": "2026-11-30", "privacy_mark": true});
    /// `-` reads standard input.
    #[arg(long, value_name = "FILE")]
    pub facts: Option<PathBuf>,
    /// A fact as key=value (repeat; applied after --facts). See `jikenbo case set --help`.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Create the store file if it does not exist (otherwise a missing file is refused).
    #[arg(long)]
    pub create: bool,
    #[command(flatten)]
    pub who: WhoArgs,
    #[command(flatten)]
    pub today: TodayArgs,
    #[command(flatten)]
    pub db: CaseDbArgs,
}

#[derive(clap::Args)]
pub struct ListArgs {
    #[arg(long, value_enum, default_value = "text")]
    pub format: ViewFormat,
    #[command(flatten)]
    pub today: TodayArgs,
    #[command(flatten)]
    pub db: CaseDbArgs,
}

#[derive(clap::Args)]
pub struct ShowArgs {
    /// Case number (1 or #1).
    #[arg(value_parser = parse_case_id)]
    pub id: i64,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ViewFormat,
    #[command(flatten)]
    pub today: TodayArgs,
    #[command(flatten)]
    pub db: CaseDbArgs,
}

#[derive(clap::Args)]
pub struct SetArgs {
    /// Case number (1 or #1).
    #[arg(value_parser = parse_case_id)]
    pub id: i64,
    /// Facts as KEY=VALUE (e.g. persons=1200 aware=2026-11-30 data=name,email).
    #[arg(required = true, value_name = "KEY=VALUE")]
    pub facts: Vec<String>,
    #[command(flatten)]
    pub who: WhoArgs,
    #[command(flatten)]
    pub today: TodayArgs,
    #[command(flatten)]
    pub db: CaseDbArgs,
}

#[derive(clap::Args)]
pub struct EventArgs {
    /// Case number (1 or #1).
    #[arg(value_parser = parse_case_id)]
    pub id: i64,
    /// What happened: 発生, 発覚, 速報, 確報, 委託元への報告, 審査機関への報告, 所管省庁への報告,
    /// 本人通知, 公表, 警察相談, 調査完了, 再発防止策実施 (or occurred, discovered, ppc_sokuho, …).
    #[arg(long, value_parser = parse_event_kind, required_unless_present = "remove")]
    pub kind: Option<EventKind>,
    /// When: YYYY-MM-DD or YYYY-MM-DDTHH:MM (local time).
    #[arg(long, value_name = "TIME", value_parser = parse_event_time, required_unless_present = "remove")]
    pub at: Option<EventTime>,
    /// A note (what was done, to whom, the reference number of a filing).
    #[arg(long, default_value = "")]
    pub note: String,
    /// 速報 or 確報, for reports whose kind does not say it (審査機関, 所管省庁, 委託元).
    #[arg(long, value_parser = parse_stage)]
    pub stage: Option<ReportStage>,
    /// Remove the event with this number (as `case show` lists it) instead.
    #[arg(long, value_name = "EVENT", conflicts_with_all = ["kind", "at", "note", "stage"])]
    pub remove: Option<i64>,
    #[command(flatten)]
    pub who: WhoArgs,
    #[command(flatten)]
    pub today: TodayArgs,
    #[command(flatten)]
    pub db: CaseDbArgs,
}

#[derive(clap::Args)]
pub struct MeasureArgs {
    /// Case number (1 or #1).
    #[arg(value_parser = parse_case_id)]
    pub id: i64,
    /// Update the measure with this number (as `case show` lists it); only the options given change.
    #[arg(long, value_name = "MEASURE")]
    pub update: Option<i64>,
    /// 組織的, 人的, 物理的, 技術的, 委託先管理 (or organizational, human, physical, technical, contractor).
    #[arg(long, value_parser = parse_category, required_unless_present = "update")]
    pub category: Option<MeasureCategory>,
    /// What is done (再発防止策の内容).
    #[arg(long, required_unless_present = "update")]
    pub text: Option<String>,
    /// Who is in charge (担当).
    #[arg(long)]
    pub owner: Option<String>,
    /// Due date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date_arg)]
    pub due: Option<Date>,
    /// 予定, 実施中, 完了 (or planned, in_progress, done); a new measure is 予定 by default.
    #[arg(long, value_parser = parse_measure_status)]
    pub status: Option<MeasureStatus>,
    /// Evidence of completion (a record, a document, a configuration).
    #[arg(long)]
    pub evidence: Option<String>,
    #[command(flatten)]
    pub who: WhoArgs,
    #[command(flatten)]
    pub db: CaseDbArgs,
}

#[derive(clap::Args)]
pub struct StatusArgs {
    /// Case number (1 or #1).
    #[arg(value_parser = parse_case_id)]
    pub id: i64,
    /// 調査中, 報告済, 再発防止策実施中, 完了 (or investigating, reported, preventing, closed).
    #[arg(value_parser = parse_case_status)]
    pub status: CaseStatus,
    #[command(flatten)]
    pub who: WhoArgs,
    #[command(flatten)]
    pub db: CaseDbArgs,
}

#[derive(clap::Args)]
pub struct DueArgs {
    /// List deadlines due within this many days (overdue, undated and undetermined ones always).
    #[arg(long, value_name = "DAYS", default_value_t = 7)]
    pub within: i64,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ViewFormat,
    #[command(flatten)]
    pub today: TodayArgs,
    #[command(flatten)]
    pub db: CaseDbArgs,
}

/// Which draft.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DraftKindArg {
    /// 個人情報保護委員会への漏えい等報告 (速報 / 確報; the nine items of 施行規則第8条第1項).
    #[value(alias = "漏えい等報告")]
    Ppc,
    /// プライバシーマークの事故報告書 (審査機関).
    #[value(alias = "pmark", alias = "事故報告書")]
    PrivacyMark,
    /// お詫びとお知らせ (第1報, 第N報, 最終報).
    #[value(alias = "public-notice", alias = "お知らせ")]
    Notice,
    /// 本人への通知.
    #[value(alias = "individual-notice", alias = "本人通知")]
    Individual,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormArg {
    /// 個人情報取扱事業者 (法第26条).
    #[value(alias = "事業者")]
    Private,
    /// 行政機関等 (法第68条).
    #[value(alias = "行政機関等")]
    Public,
    /// 特定個人情報 (番号法第29条の4).
    #[value(alias = "my-number", alias = "特定個人情報")]
    Mynumber,
}

impl FormArg {
    fn form(self) -> PpcForm {
        match self {
            FormArg::Private => PpcForm::Private,
            FormArg::Public => PpcForm::Public,
            FormArg::Mynumber => PpcForm::MyNumber,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DraftFormat {
    /// Markdown (to standard output unless -o).
    Md,
    /// Word (.docx): needs -o FILE, or standard output that is not a terminal.
    Docx,
}

#[derive(clap::Args)]
pub struct PublishArgs {
    /// Case number (1 or #1).
    #[arg(value_parser = parse_case_id)]
    pub id: i64,
    /// The notice: 1 (第1報), 2, 3 … (第N報) or final (最終報); default: 第1報 when the case
    /// published nothing yet, else the next 第N報.
    #[arg(long, value_parser = parse_edition)]
    pub edition: Option<NoticeEdition>,
    /// Publish this text (Markdown or plain text: the draft as checked and edited) instead of
    /// the draft written from the current facts; `-` reads standard input.
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// When it was published (the 公表 event; YYYY-MM-DD or YYYY-MM-DDTHH:MM, local time;
    /// default: now).
    #[arg(long, value_name = "TIME", value_parser = parse_event_time)]
    pub at: Option<EventTime>,
    #[command(flatten)]
    pub who: WhoArgs,
    #[command(flatten)]
    pub today: TodayArgs,
    #[command(flatten)]
    pub db: CaseDbArgs,
}

#[derive(clap::Args)]
pub struct DraftArgs {
    /// Case number (1 or #1).
    #[arg(value_parser = parse_case_id)]
    pub id: i64,
    #[arg(value_enum)]
    pub kind: DraftKindArg,
    /// 速報 or 確報 (ppc: 速報 until a 速報 is on the timeline, then 確報; privacy-mark: 確報,
    /// the 事故報告書).
    #[arg(long, value_parser = parse_stage)]
    pub stage: Option<ReportStage>,
    /// The PPC form (ppc only; default: the one the facts call for, 行政機関等 for a public body).
    #[arg(long, value_enum)]
    pub form: Option<FormArg>,
    /// The public notice: 1 (第1報), 2, 3 … (第N報) or final (最終報).
    #[arg(long, value_parser = parse_edition, default_value = "1")]
    pub edition: NoticeEdition,
    /// A follow-up notice lists what changed since the case as recorded at this time
    /// (YYYY-MM-DD[THH:MM], local time; a date alone: the end of that day; default: the time of
    /// the latest 公表 on the timeline).
    #[arg(long, value_name = "TIME", value_parser = parse_event_time)]
    pub since: Option<EventTime>,
    /// md or docx (default: docx when -o ends in .docx, else md).
    #[arg(long, value_enum)]
    pub format: Option<DraftFormat>,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub today: TodayArgs,
    #[command(flatten)]
    pub db: CaseDbArgs,
}

pub fn run(cmd: CaseCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        CaseCommand::New(a) => new(a),
        CaseCommand::List(a) => list(a),
        CaseCommand::Show(a) => show(a),
        CaseCommand::Set(a) => set(a),
        CaseCommand::Event(a) => event(a),
        CaseCommand::Measure(a) => measure(a),
        CaseCommand::Status(a) => status(a),
        CaseCommand::Due(a) => due(a),
        CaseCommand::Draft(a) => draft(a),
        CaseCommand::Publish(a) => publish(a),
    }
}

// ---------------------------------------------------------------------------------------------
// argument parsing

fn parse_case_id(s: &str) -> Result<i64, String> {
    s.trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("事案の番号ではありません (例: 1, #1) / not a case number: {s:?}"))
}

fn parse_date_arg(s: &str) -> Result<Date, String> {
    s.parse::<Date>().map_err(|_| {
        format!("日付は YYYY-MM-DD で指定してください / not a date (YYYY-MM-DD): {s:?}")
    })
}

fn parse_event_time(s: &str) -> Result<EventTime, String> {
    s.parse::<EventTime>().map_err(|_| {
        format!(
            "日時は YYYY-MM-DD または YYYY-MM-DDTHH:MM で指定してください / not a date or date-time (YYYY-MM-DD[THH:MM]): {s:?}"
        )
    })
}

/// The short form of a label: what comes before its parenthesis (`速報(個人情報保護委員会)` → `速報`).
fn short_label(ja: &str) -> &str {
    ja.split(['(', '（']).next().unwrap_or(ja).trim()
}

fn parse_event_kind(s: &str) -> Result<EventKind, String> {
    let t = s.trim();
    if let Ok(k) = t.parse::<EventKind>() {
        return Ok(k);
    }
    EventKind::ALL
        .iter()
        .copied()
        .find(|k| short_label(k.ja()) == t)
        .ok_or_else(|| {
            format!(
                "経過の種類ではありません: {t:?}。使える種類: {}\nnot an event kind: {t:?}",
                EventKind::ALL
                    .iter()
                    .map(|k| format!("{} ({})", short_label(k.ja()), k.as_str()))
                    .collect::<Vec<_>>()
                    .join("、")
            )
        })
}

fn parse_stage(s: &str) -> Result<ReportStage, String> {
    s.parse::<ReportStage>()
        .map_err(|_| format!("速報 または 確報 (sokuho, kakuho) / not a report stage: {s:?}"))
}

/// A term of a vocabulary (its key or Japanese label). Refused as `{vocabulary}ではありません`,
/// with the terms `all` as `label (key)、…` (`names`: a term's label and key).
fn parse_term<T: FromStr + Copy>(
    s: &str,
    vocabulary: &str,
    noun: &str,
    all: &[T],
    names: impl Fn(T) -> (&'static str, &'static str),
) -> Result<T, String> {
    s.parse::<T>().map_err(|_| {
        let terms: Vec<String> = all
            .iter()
            .map(|t| {
                let (ja, key) = names(*t);
                format!("{ja} ({key})")
            })
            .collect();
        format!(
            "{vocabulary}ではありません: {s:?}。使える{noun}: {}",
            terms.join("、")
        )
    })
}

fn parse_category(s: &str) -> Result<MeasureCategory, String> {
    parse_term(
        s,
        "再発防止策の分類",
        "分類",
        MeasureCategory::ALL,
        |c| (c.ja(), c.as_str()),
    )
}

fn parse_measure_status(s: &str) -> Result<MeasureStatus, String> {
    s.parse::<MeasureStatus>().map_err(|_| {
        format!("予定、実施中、完了 (planned, in_progress, done) のいずれか / not a measure status: {s:?}")
    })
}

fn parse_case_status(s: &str) -> Result<CaseStatus, String> {
    parse_term(s, "事案の状態", "状態", CaseStatus::ALL, |c| {
        (c.ja(), c.as_str())
    })
}

fn parse_edition(s: &str) -> Result<NoticeEdition, String> {
    let t = s.trim();
    if matches!(t, "final" | "最終" | "最終報") {
        return Ok(NoticeEdition::Final);
    }
    let n = t.trim_start_matches('第').trim_end_matches('報');
    match n.parse::<u32>() {
        Ok(1) => Ok(NoticeEdition::First),
        Ok(n) if n >= 2 => Ok(NoticeEdition::Followup(n)),
        _ => Err(format!(
            "1 (第1報)、2, 3 … (第N報) または final (最終報) / not an edition: {s:?}"
        )),
    }
}

/// Today in local time (the system's time zone), else UTC.
fn local_today() -> Date {
    local_time(jikenbo_model::clock::unix_seconds()).date
}

/// The local date and time (the system's time zone, else UTC) of a time in seconds since 1970.
fn local_time(secs: i64) -> EventTime {
    #[cfg(unix)]
    {
        // SAFETY: `localtime_r` reads the time we pass and writes into the `tm` we own; it
        // returns null on failure.
        let tm = libc::time_t::try_from(secs).ok().and_then(|t| unsafe {
            let mut tm: libc::tm = std::mem::zeroed();
            (!libc::localtime_r(&t, &mut tm).is_null()).then_some(tm)
        });
        if let Some(t) = tm.and_then(|tm| {
            let date = Date::new(
                tm.tm_year + 1900,
                u8::try_from(tm.tm_mon + 1).ok()?,
                u8::try_from(tm.tm_mday).ok()?,
            )?;
            let hm = (
                u8::try_from(tm.tm_hour).ok()?,
                u8::try_from(tm.tm_min).ok()?,
            );
            Some(EventTime {
                date,
                time: Some(hm),
            })
        }) {
            return t;
        }
    }
    let t = jikenbo_model::clock::CivilTime::at(secs, 0);
    EventTime {
        date: t.date,
        time: Some((t.hour, t.minute)),
    }
}

/// The local time of a store time stamp (`2026-12-01T01:02:03.456Z`, UTC).
fn local_time_of(ts: &str) -> Option<EventTime> {
    let day: Date = ts.get(..10)?.parse().ok()?;
    let num = |r: std::ops::Range<usize>| ts.get(r)?.parse::<i64>().ok();
    let (h, m, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    Some(local_time(day.to_days() * 86_400 + h * 3600 + m * 60 + sec))
}

/// Whether `t` is at or before `cutoff`; a cutoff without a time of day is the end of its day,
/// a time without one is the start of its day.
fn not_after(t: EventTime, cutoff: EventTime) -> bool {
    match cutoff.time {
        None => t.date <= cutoff.date,
        Some(c) => (t.date, t.time.unwrap_or((0, 0))) <= (cutoff.date, c),
    }
}

// ---------------------------------------------------------------------------------------------
// facts from the command line

/// The fact key nearest to a misspelt one (edit distance ≤ 2, ≤ 1 for short keys).
fn suggest(key: &str) -> Option<&'static str> {
    let k: Vec<char> = key
        .trim()
        .chars()
        .map(|c| match c {
            '-' | ' ' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    let limit = if k.len() <= 4 { 1 } else { 2 };
    fact_keys()
        .map(|f| (edit_distance(&k, f), f))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, f)| f)
}

fn edit_distance(a: &[char], b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Refuses keys that are no fact, in Japanese then English, with the likely fact and the list.
fn check_keys<'a>(keys: impl IntoIterator<Item = &'a str>) -> anyhow::Result<()> {
    let unknown: Vec<&str> = keys
        .into_iter()
        .filter(|k| !fact_keys().any(|f| f == *k))
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    // Each unknown key as `hinted` writes it with the likely fact, else as `plain` does.
    let named = |hinted: fn(&str, &str) -> String, plain: fn(&str) -> String| -> Vec<String> {
        unknown
            .iter()
            .map(|k| suggest(k).map_or_else(|| plain(k), |s| hinted(k, s)))
            .collect()
    };
    let ja = named(
        |k, s| format!("「{k}」(「{s}」の誤り?)"),
        |k| format!("「{k}」"),
    );
    let en = named(
        |k, s| format!("{k:?} (did you mean {s:?}?)"),
        |k| format!("{k:?}"),
    );
    let all = fact_keys().collect::<Vec<_>>().join(", ");
    bail!(
        "{} は事案の事実の項目ではありません。使える項目: {all}\nunknown fact {}; the facts are: {all}",
        ja.join("、"),
        en.join(", ")
    )
}

/// `key=value` split at the first `=`.
fn split_assignment(s: &str) -> anyhow::Result<(&str, &str)> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim(), v)),
        _ => bail!(
            "「{s}」: 事実は key=value の形で指定してください (例: persons=350)\nexpected KEY=VALUE, got {s:?}"
        ),
    }
}

/// A Japanese label of a vocabulary term replaced by its key (`誤送信・誤送付` → `misdelivery`),
/// for the facts whose values are terms.
fn term_key(key: &str, t: &str) -> Option<String> {
    let find = |labels: Vec<(&'static str, &'static str)>| {
        labels
            .into_iter()
            .find(|(k, ja)| *ja == t || short_label(ja) == t || *k == t)
            .map(|(k, _)| k.to_string())
    };
    match key {
        "cause" => find(Cause::ALL.iter().map(|c| (c.as_str(), c.ja())).collect()),
        "leak" => find(Leak::ALL.iter().map(|c| (c.as_str(), c.ja())).collect()),
        "org_kind" => find(OrgKind::ALL.iter().map(|c| (c.as_str(), c.ja())).collect()),
        "social_responsibility" => match t {
            "高い" | "高" => Some("high".into()),
            "平均的" | "普通" => Some("normal".into()),
            _ => None,
        },
        "response" => match t {
            "適切" => Some("appropriate".into()),
            "不適切" => Some("inappropriate".into()),
            _ => None,
        },
        "wrongful_intent" => match t {
            "おそれあり" => Some("true".into()),
            _ => None,
        },
        "data" => {
            let items: Vec<String> = t
                .split([',', '、', '，'])
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(|x| {
                    DataKind::ALL
                        .iter()
                        .find(|d| d.ja() == x || short_label(d.ja()) == x)
                        .map(|d| d.as_str().to_string())
                        .unwrap_or_else(|| x.to_string())
                })
                .collect();
            Some(items.join(","))
        }
        _ => None,
    }
}

/// Sets one fact from its command-line text: `null`/`未確認` makes it unknown; otherwise the
/// first reading the fact takes, of: JSON, a number (commas allowed), yes/no, the text, a list
/// of one, a comma-separated list.
fn set_from_text(
    facts: &mut Facts,
    details: &mut CaseDetails,
    key: &str,
    text: &str,
) -> anyhow::Result<()> {
    let t = text.trim();
    if matches!(t, "" | "null" | "未確認" | "不明") {
        set_fact(facts, details, key, Value::Null)?;
        return Ok(());
    }
    let t = term_key(key, t).unwrap_or_else(|| t.to_string());
    let mut readings: Vec<Value> = Vec::new();
    if let Ok(v) = serde_json::from_str::<Value>(&t) {
        readings.push(v);
    }
    let digits: String = t
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | '_' | '人' | '件' | '名'))
        .collect();
    if let Ok(n) = digits.parse::<u64>() {
        readings.push(json!(n));
    }
    match t.as_str() {
        "はい" | "yes" | "true" | "あり" | "有" => readings.push(json!(true)),
        "いいえ" | "no" | "false" | "なし" | "無" => readings.push(json!(false)),
        _ => {}
    }
    let as_text = Value::String(t.clone());
    readings.push(as_text.clone());
    readings.push(json!([t]));
    readings.push(Value::Array(
        t.split([',', '、', '，'])
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(|x| Value::String(x.to_string()))
            .collect(),
    ));
    let mut text_error = None;
    for v in readings {
        let (mut f, mut d) = (facts.clone(), details.clone());
        let is_text = v == as_text;
        match set_fact(&mut f, &mut d, key, v) {
            Ok(()) => {
                *facts = f;
                *details = d;
                return Ok(());
            }
            Err(e) if is_text => text_error = Some(e),
            Err(_) => {}
        }
    }
    let detail = text_error.map(|e| e.to_string()).unwrap_or_default();
    bail!(
        "事実「{}」({key}) に「{text}」は設定できません\nbad value for fact {key}: {detail}",
        fact_label(key)
    )
}

/// Applies `key=value` assignments to facts, refusing unknown keys first (all of them named).
fn apply_assignments(
    facts: &mut Facts,
    details: &mut CaseDetails,
    items: &[String],
) -> anyhow::Result<()> {
    let pairs: Vec<(&str, &str)> = items
        .iter()
        .map(|s| split_assignment(s))
        .collect::<anyhow::Result<_>>()?;
    check_keys(pairs.iter().map(|(k, _)| *k))?;
    for (k, v) in pairs {
        set_from_text(facts, details, k, v)?;
    }
    Ok(())
}

/// Facts from a JSON object of fact keys (`-`: standard input).
fn facts_from_file(path: &Path) -> anyhow::Result<(Facts, CaseDetails)> {
    let (text, name) = if path == Path::new("-") {
        let mut s = String::new();
        io::stdin()
            .read_to_string(&mut s)
            .context("reading standard input")?;
        (s, "標準入力 (standard input)".to_string())
    } else {
        let s =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        (s, path.display().to_string())
    };
    let v: Value =
        serde_json::from_str(&text).with_context(|| format!("--facts {name}: not JSON"))?;
    let Value::Object(obj) = v else {
        bail!("--facts {name}: 事実の JSON オブジェクト ({{\"persons\": 350, …}}) が必要です\nexpected a JSON object of facts");
    };
    check_keys(obj.keys().map(String::as_str)).with_context(|| format!("--facts {name}"))?;
    let (mut facts, mut details) = (Facts::default(), CaseDetails::default());
    for (k, v) in obj {
        set_fact(&mut facts, &mut details, &k, v).with_context(|| format!("--facts {name}"))?;
    }
    Ok((facts, details))
}

// ---------------------------------------------------------------------------------------------
// output helpers

/// `2026-12-01T01:02:03.456Z` → `2026-12-01 01:02 UTC`.
fn short_ts(ts: &str) -> String {
    match (ts.get(..10), ts.get(11..16)) {
        (Some(d), Some(t)) if ts.ends_with('Z') => format!("{d} {t} UTC"),
        _ => ts.to_string(),
    }
}

/// The deadline to act on next: the earliest dated one not met (overdue first), else one
/// without a date.
fn next_deadline(ds: &[Deadline]) -> Option<&Deadline> {
    ds.iter()
        .filter(|d| matches!(d.status, DeadlineStatus::Overdue | DeadlineStatus::Due))
        .min_by_key(|d| d.due)
        .or_else(|| ds.iter().find(|d| d.status == DeadlineStatus::Undetermined))
        .or_else(|| ds.iter().find(|d| d.status == DeadlineStatus::NoFixedDate))
}

/// `残り4日`, `2日超過`, `本日が期限`, `速やかに`, `期限日未確定`.
fn days_text(d: &Deadline) -> String {
    match d.status {
        DeadlineStatus::Overdue => format!("{}日超過", d.days_overdue()),
        DeadlineStatus::Due => match d.days_left {
            Some(0) => "本日が期限".to_string(),
            Some(n) => format!("残り{n}日"),
            None => String::new(),
        },
        DeadlineStatus::NoFixedDate => "速やかに".to_string(),
        DeadlineStatus::Undetermined => "期限日未確定".to_string(),
        DeadlineStatus::Met => "済".to_string(),
        DeadlineStatus::NotRequired => "不要".to_string(),
    }
}

fn print_deadlines(out: &mut impl Write, ds: &[Deadline], today: Date) -> io::Result<()> {
    writeln!(out, "期限 ({} 時点):", date_ja_weekday(today))?;
    print_lines(out, ds.iter().map(Deadline::line))
}

/// Lines under a heading, indented (what a change did, how the deadlines moved).
fn print_lines(out: &mut impl Write, lines: impl IntoIterator<Item = String>) -> io::Result<()> {
    for l in lines {
        writeln!(out, "  {l}")?;
    }
    Ok(())
}

/// `  [3] …`: a timeline entry or a measure under its number, as `case show` lists it.
fn print_item(out: &mut impl Write, id: Option<i64>, line: &str) -> io::Result<()> {
    let id = id.map(|i| i.to_string()).unwrap_or_default();
    writeln!(out, "  [{id}] {line}")
}

/// The end of a command that printed to `out`: flushed, success.
fn done(mut out: impl Write) -> anyhow::Result<ExitCode> {
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn deadlines_json(ds: &[Deadline]) -> Value {
    Value::Array(
        ds.iter()
            .map(|d| {
                let mut v = serde_json::to_value(d).unwrap_or(Value::Null);
                if let Value::Object(o) = &mut v {
                    o.insert("line".into(), json!(d.line()));
                }
                v
            })
            .collect(),
    )
}

/// [`Event::line`], and who recorded it.
fn event_line(e: &Event) -> String {
    let mut s = e.line();
    if !e.who.trim().is_empty() {
        s.push_str(&format!(" (記録: {})", e.who.trim()));
    }
    s
}

// ---------------------------------------------------------------------------------------------
// commands

fn new(a: NewArgs) -> anyhow::Result<ExitCode> {
    let (mut facts, mut details) = match &a.facts {
        Some(p) => facts_from_file(p)?,
        None => (Facts::default(), CaseDetails::default()),
    };
    apply_assignments(&mut facts, &mut details, &a.set)?;
    let db = a.db.path();
    let mut store = if a.create {
        Store::open(&db).with_context(|| format!("opening the store {}", db.display()))?
    } else {
        open_existing(&db)?
    };
    let new = NewCase {
        title: a.title,
        organization: a.org,
        facts,
        details,
    };
    let case = store.create_case(&new, &a.who.who())?;
    let today = a.today.date();
    let mut out = BufWriter::new(io::stdout().lock());
    writeln!(
        out,
        "事案 #{} を作成しました: {} ({})",
        case.id, case.title, case.organization
    )?;
    print_deadlines(&mut out, &deadlines(&case, today), today)?;
    done(out)
}

fn list(a: ListArgs) -> anyhow::Result<ExitCode> {
    let store = a.db.open()?;
    let today = a.today.date();
    let cases = store.cases()?;
    let mut out = BufWriter::new(io::stdout().lock());
    if a.format == ViewFormat::Json {
        let rows: Vec<Value> = cases
            .iter()
            .map(|c| {
                let ds = deadlines(c, today);
                let next = next_deadline(&ds).map(|d| {
                    json!({"kind": d.kind, "label": d.kind.ja(), "due": d.due,
                           "days_left": d.days_left, "status": d.status, "line": d.line()})
                });
                json!({"id": c.id, "title": c.title, "organization": c.organization,
                       "status": c.status, "status_label": c.status.ja(),
                       "updated_at": c.updated_at, "next_deadline": next})
            })
            .collect();
        crate::table::write_json(&mut out, &json!({"today": today, "cases": rows}))?;
        return Ok(ExitCode::SUCCESS);
    }
    if cases.is_empty() {
        writeln!(
            out,
            "事案はありません (新しく登録するには jikenbo case new --title … --org …)"
        )?;
        return done(out);
    }
    writeln!(
        out,
        "{} {} {} {} {} 残り",
        fit("番号", 5),
        fit("件名", 32),
        fit("状態", 16),
        fit("次の期限", 40),
        fit("期日", 10),
    )?;
    for c in &cases {
        let ds = deadlines(c, today);
        let (next, due, left) = match next_deadline(&ds) {
            Some(d) => (
                d.kind.ja().to_string(),
                d.due.map(|x| x.to_string()).unwrap_or_else(|| "-".into()),
                days_text(d),
            ),
            None => ("-".to_string(), "-".to_string(), String::new()),
        };
        let line = format!(
            "{} {} {} {} {} {left}",
            fit(&format!("#{}", c.id), 5),
            fit(&c.title, 32),
            fit(c.status.ja(), 16),
            fit(&next, 40),
            fit(&due, 10),
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    writeln!(out, "{} 件 ({} 時点)", cases.len(), date_ja_weekday(today))?;
    done(out)
}

fn show(a: ShowArgs) -> anyhow::Result<ExitCode> {
    let (store, case) = a.db.open_case(a.id)?;
    let today = a.today.date();
    let ds = deadlines(&case, today);
    let mut out = BufWriter::new(io::stdout().lock());
    let pubs = store.case_publications(case.id)?;
    if a.format == ViewFormat::Json {
        crate::table::write_json(
            &mut out,
            &json!({"today": today, "case": case, "deadlines": deadlines_json(&ds),
                    "publications": pubs}),
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "事案 #{} {}", case.id, case.title)?;
    writeln!(out, "組織: {}", or_unknown(&case.organization))?;
    writeln!(
        out,
        "状態: {}  作成: {}  更新: {}",
        case.status.ja(),
        short_ts(&case.created_at),
        short_ts(&case.updated_at)
    )?;
    let keys: Vec<&str> = fact_keys().collect();
    // Labels padded to a common width; the few longer ones run on.
    let label_width = 40;
    let known = keys
        .iter()
        .filter(|k| fact_text(&case.facts, &case.details, k).is_some())
        .count();
    for (heading, group) in [
        ("判定に使う事実", Facts::FIELDS),
        ("文書に使う事実", CaseDetails::FIELDS),
    ] {
        writeln!(out)?;
        writeln!(out, "{heading}:")?;
        for k in group {
            let name = pad(&format!("{} ({k})", fact_label(k)), label_width);
            match fact_text(&case.facts, &case.details, k) {
                Some(v) => {
                    let by = case
                        .provenance
                        .get(*k)
                        .map(|p| format!("  [{} {}]", p.who, short_ts(&p.at)))
                        .unwrap_or_default();
                    writeln!(out, "  {name} {}{by}", v.replace('\n', " / "))?;
                }
                None => writeln!(out, "  {name} {UNKNOWN}")?,
            }
        }
    }
    writeln!(out, "(判明 {known} / 全 {} 項目)", keys.len())?;
    writeln!(out)?;
    print_deadlines(&mut out, &ds, today)?;
    writeln!(out)?;
    writeln!(out, "経過:")?;
    if case.events.is_empty() {
        writeln!(
            out,
            "  (記録なし: jikenbo case event {} --kind 発覚 --at YYYY-MM-DD)",
            case.id
        )?;
    }
    for e in &case.events {
        print_item(&mut out, e.id, &event_line(e))?;
    }
    writeln!(out)?;
    writeln!(out, "再発防止策:")?;
    if case.measures.is_empty() {
        writeln!(out, "  (登録なし)")?;
    }
    for m in &case.measures {
        print_item(&mut out, m.id, &m.line())?;
    }
    writeln!(out)?;
    writeln!(out, "公表 (事件簿に登録したお知らせ):")?;
    if pubs.is_empty() {
        writeln!(
            out,
            "  (なし: 事案は非公開です。お知らせを公表するには jikenbo case publish {})",
            case.id
        )?;
    }
    print_lines(&mut out, pubs.iter().map(publication_line))?;
    done(out)
}

/// How a published report was linked, in Japanese.
fn link_ja(link: &str) -> &'static str {
    match link {
        "new" => "新規",
        "followup" => "続報",
        "same-facts" => "同一事案",
        "existing" => "登録済みの文書",
        _ => "登録",
    }
}

/// `[1] 2026年12月2日 15時00分 #2026-001 (第1報、新規) 文書 12 「…md」 (佐藤)`.
fn publication_line(p: &jikenbo_store::CasePublication) -> String {
    let at = p
        .published_at
        .parse::<EventTime>()
        .map(|t| t.ja())
        .unwrap_or_else(|_| p.published_at.clone());
    let incidents: Vec<String> = p
        .incidents
        .iter()
        .map(|i| {
            let merged = if i.live_id != i.incident_id {
                format!(" → #{} に統合", i.live_number)
            } else {
                String::new()
            };
            format!(
                "#{}{merged} ({}、{})",
                i.number,
                i.report_ja(),
                link_ja(&i.link)
            )
        })
        .collect();
    format!(
        "[{}] {at} {} 文書 {} 「{}」 ({})",
        p.id,
        incidents.join(", "),
        p.document_id,
        p.document_name,
        p.who
    )
}

fn publish(a: PublishArgs) -> anyhow::Result<ExitCode> {
    let (mut store, case) = a.db.open_case(a.id)?;
    let today = a.today.date();
    let who = a.who.who();
    let published = store.case_publications(case.id)?.len();
    let edition = a.edition.unwrap_or(next_edition(published));
    let (text, name) = match &a.file {
        Some(p) if p == Path::new("-") => {
            let mut s = String::new();
            io::stdin()
                .read_to_string(&mut s)
                .context("reading standard input")?;
            (s, notice_file_name(&case, edition, today))
        }
        Some(p) => {
            let s = std::fs::read_to_string(p)
                .with_context(|| format!("reading {} (UTF-8 text)", p.display()))?;
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| notice_file_name(&case, edition, today));
            (s, name)
        }
        None => {
            let since = match edition {
                NoticeEdition::First => None,
                _ => case.events_of(EventKind::Publication).last().map(|e| e.at),
            };
            let earlier = since.map(|t| snapshot(&store, &case, t)).transpose()?;
            let d = public_notice(&case, edition, earlier.as_ref(), today);
            let unknown = d.unknown_fields();
            if !unknown.is_empty() {
                eprintln!(
                    "jikenbo: 未確認のまま公表される項目 {} 件: {} (確認してから公表するには: jikenbo case draft {} notice -o FILE.md で書き出し、修正して --file FILE.md)",
                    unknown.len(),
                    unknown.join("、"),
                    case.id
                );
            }
            (
                d.to_public_markdown(),
                notice_file_name(&case, edition, today),
            )
        }
    };
    let at =
        a.at.unwrap_or_else(|| local_time(jikenbo_model::clock::unix_seconds()));
    let p = match store.publish_case_notice(case.id, &text, &name, &who, at) {
        Err(StoreError::Invalid(m)) => bail!("{m}"),
        r => r?,
    };
    let after = load_case(&store, case.id)?;
    let mut out = BufWriter::new(io::stdout().lock());
    writeln!(
        out,
        "事案 #{} のお知らせを事件簿に公表しました: {}",
        case.id,
        p.numbers()
    )?;
    writeln!(out, "  {}", publication_line(&p))?;
    if let Some(e) = after
        .events
        .iter()
        .find(|e| e.id.is_some() && e.id == p.event_id)
    {
        writeln!(
            out,
            "  経過 [{}] を記録しました: {}",
            e.id.unwrap_or_default(),
            event_line(e)
        )?;
    }
    print_lines(&mut out, recompute(&case, &after, today))?;
    writeln!(
        out,
        "  公表されたのはこのお知らせの本文だけです。事案の事実・経過・再発防止策・下書きは非公開のままです。"
    )?;
    done(out)
}

/// `s` padded with spaces to `w` columns (never cut).
fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

fn or_unknown(s: &str) -> &str {
    if s.trim().is_empty() {
        UNKNOWN
    } else {
        s
    }
}

fn set(a: SetArgs) -> anyhow::Result<ExitCode> {
    let (mut store, case) = a.db.open_case(a.id)?;
    let (mut facts, mut details) = (case.facts.clone(), case.details.clone());
    apply_assignments(&mut facts, &mut details, &a.facts)?;
    let today = a.today.date();
    let up = store.update_case_facts(a.id, &facts, &details, &a.who.who(), today)?;
    let mut out = BufWriter::new(io::stdout().lock());
    if up.facts.is_empty() {
        writeln!(out, "事案 #{}: 事実に変更はありません", a.id)?;
    } else {
        writeln!(out, "事案 #{} ({} 時点):", a.id, date_ja_weekday(today))?;
        print_lines(&mut out, up.lines())?;
    }
    done(out)
}

fn event(a: EventArgs) -> anyhow::Result<ExitCode> {
    let (mut store, before) = a.db.open_case(a.id)?;
    let who = a.who.who();
    let today = a.today.date();
    let mut out = BufWriter::new(io::stdout().lock());
    if let Some(eid) = a.remove {
        let gone = before
            .events
            .iter()
            .find(|e| e.id == Some(eid))
            .map(event_line);
        store.remove_case_event(a.id, eid, &who)?;
        writeln!(
            out,
            "経過 [{eid}] を削除しました: {}",
            gone.unwrap_or_default()
        )?;
    } else {
        let (Some(kind), Some(at)) = (a.kind, a.at) else {
            bail!("--kind と --at を指定してください (または --remove EVENT)\n--kind and --at are required (or --remove EVENT)");
        };
        let mut e = Event::new(at, kind, &a.note, &who);
        e.stage = a.stage;
        let eid = store.add_case_event(a.id, &e, &who)?;
        e.id = Some(eid);
        writeln!(out, "経過 [{eid}] を記録しました: {}", event_line(&e))?;
    }
    let after = load_case(&store, a.id)?;
    print_lines(&mut out, recompute(&before, &after, today))?;
    done(out)
}

fn measure(a: MeasureArgs) -> anyhow::Result<ExitCode> {
    let (mut store, case) = a.db.open_case(a.id)?;
    let who = a.who.who();
    let (mid, m, verb) = match a.update {
        Some(mid) => {
            let Some(old) = case.measures.iter().find(|m| m.id == Some(mid)) else {
                bail!(
                    "事案 #{} に再発防止策 [{mid}] はありません\ncase {} has no measure {mid}",
                    a.id,
                    a.id
                );
            };
            let mut m = old.clone();
            if let Some(c) = a.category {
                m.category = c;
            }
            if let Some(t) = a.text {
                m.text = t;
            }
            if let Some(s) = a.status {
                m.status = s;
            }
            if let Some(o) = a.owner {
                m.owner = Some(o).filter(|o| !o.trim().is_empty());
            }
            if let Some(d) = a.due {
                m.due = Some(d);
            }
            if let Some(e) = a.evidence {
                m.evidence = Some(e).filter(|e| !e.trim().is_empty());
            }
            store.update_case_measure(a.id, mid, &m, &who)?;
            (mid, m, "更新しました")
        }
        None => {
            let (Some(category), Some(text)) = (a.category, a.text) else {
                bail!("--category と --text を指定してください (または --update MEASURE)\n--category and --text are required (or --update MEASURE)");
            };
            let mut m = Measure::new(&text, category, a.status.unwrap_or(MeasureStatus::Planned));
            m.owner = a.owner.filter(|o| !o.trim().is_empty());
            m.due = a.due;
            m.evidence = a.evidence.filter(|e| !e.trim().is_empty());
            let mid = store.add_case_measure(a.id, &m, &who)?;
            (mid, m, "登録しました")
        }
    };
    outln!("再発防止策 [{mid}] を{verb}: {}", m.line())?;
    Ok(ExitCode::SUCCESS)
}

fn status(a: StatusArgs) -> anyhow::Result<ExitCode> {
    let (mut store, case) = a.db.open_case(a.id)?;
    let old = case.status;
    store.set_case_status(a.id, a.status, &a.who.who())?;
    if old == a.status {
        outln!("事案 #{}: 状態は {} のままです", a.id, a.status.ja())?;
    } else {
        outln!("事案 #{}: 状態 {} → {}", a.id, old.ja(), a.status.ja())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn due(a: DueArgs) -> anyhow::Result<ExitCode> {
    let store = a.db.open()?;
    let today = a.today.date();
    let cases = store.cases()?;
    let items = attention(&cases, today, a.within);
    let overdue = items
        .iter()
        .filter(|x| x.deadline.status == DeadlineStatus::Overdue)
        .count();
    let soon = items
        .iter()
        .filter(|x| x.deadline.status == DeadlineStatus::Due)
        .count();
    let undated = items.len() - overdue - soon;
    let mut out = BufWriter::new(io::stdout().lock());
    if a.format == ViewFormat::Json {
        let rows: Vec<Value> = items
            .iter()
            .map(|x| {
                json!({"case": x.case_id, "title": x.title,
                       "deadline": deadlines_json(std::slice::from_ref(&x.deadline))[0]})
            })
            .collect();
        crate::table::write_json(
            &mut out,
            &json!({"today": today, "within_days": a.within, "overdue": overdue,
                    "due_soon": soon, "undated": undated, "items": rows}),
        )?;
    } else if items.is_empty() {
        writeln!(
            out,
            "対応が必要な期限はありません ({} 時点、{}日以内、完了していない事案 {} 件)",
            date_ja_weekday(today),
            a.within,
            cases
                .iter()
                .filter(|c| c.status != CaseStatus::Closed)
                .count()
        )?;
    } else {
        writeln!(
            out,
            "{} 時点: 期限超過 {overdue} 件、{}日以内に期限 {soon} 件、期限日なし・未確定 {undated} 件",
            date_ja_weekday(today),
            a.within
        )?;
        for x in &items {
            writeln!(
                out,
                "{} {} {}",
                fit(&format!("#{}", x.case_id), 5),
                fit(&x.title, 30),
                x.deadline.line()
            )?;
        }
    }
    out.flush()?;
    Ok(if overdue > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn draft(a: DraftArgs) -> anyhow::Result<ExitCode> {
    let (store, case) = a.db.open_case(a.id)?;
    let today = a.today.date();
    if a.form.is_some() && a.kind != DraftKindArg::Ppc {
        bail!("--form は ppc の下書きだけに使えます\n--form applies to the ppc draft only");
    }
    if a.since.is_some() && (a.kind != DraftKindArg::Notice || a.edition == NoticeEdition::First) {
        bail!("--since は第2報以降のお知らせ (notice --edition 2 …) だけに使えます\n--since applies to a follow-up notice only");
    }
    if a.stage.is_some() && !matches!(a.kind, DraftKindArg::Ppc | DraftKindArg::PrivacyMark) {
        bail!("--stage は ppc と privacy-mark の下書きだけに使えます\n--stage applies to the ppc and privacy-mark drafts only");
    }
    let d: Draft = match a.kind {
        DraftKindArg::Ppc => {
            let forms = ppc_forms(&case);
            let form = match a.form {
                Some(f) => f.form(),
                None => {
                    if forms.len() > 1 {
                        eprintln!(
                            "jikenbo: この事案は {} 件の様式での報告が必要です ({}); --form で選べます。ここでは {} を作成します",
                            forms.len(),
                            forms.iter().map(|f| form_name(*f)).collect::<Vec<_>>().join("、"),
                            form_name(forms[0])
                        );
                    }
                    forms[0]
                }
            };
            let stage = a.stage.unwrap_or_else(|| {
                if case.first_event(EventKind::PpcSokuho).is_some() {
                    ReportStage::Kakuho
                } else {
                    ReportStage::Sokuho
                }
            });
            ppc_report(&case, form, stage, today)
        }
        DraftKindArg::PrivacyMark => {
            privacy_mark_report(&case, a.stage.unwrap_or(ReportStage::Kakuho), today)
        }
        DraftKindArg::Notice => {
            // A follow-up lists what changed since the last notice: by default the day of the
            // latest 公表 on the timeline.
            let since = match (a.edition, a.since) {
                (NoticeEdition::First, _) => None,
                (_, Some(d)) => Some(d),
                (_, None) => {
                    let last = case.events_of(EventKind::Publication).last().map(|e| e.at);
                    if last.is_none() {
                        eprintln!(
                            "jikenbo: 時系列に「公表」の記録がないため、前回のお知らせからの変更点は載せません (--since で指定できます)"
                        );
                    }
                    last
                }
            };
            let earlier = since.map(|d| snapshot(&store, &case, d)).transpose()?;
            public_notice(&case, a.edition, earlier.as_ref(), today)
        }
        DraftKindArg::Individual => individual_notice(&case, today),
    };
    let format = a.format.unwrap_or_else(|| {
        match a
            .output
            .as_deref()
            .and_then(Path::extension)
            .and_then(|e| e.to_str())
        {
            Some(e) if e.eq_ignore_ascii_case("docx") => DraftFormat::Docx,
            _ => DraftFormat::Md,
        }
    });
    let bytes = match format {
        DraftFormat::Md => d.to_markdown().into_bytes(),
        DraftFormat::Docx => d.to_docx()?,
    };
    match &a.output {
        Some(p) => {
            std::fs::write(p, &bytes).with_context(|| format!("writing {}", p.display()))?;
            let unknown = d.unknown_fields();
            eprintln!(
                "jikenbo: {} を書き出しました: {} ({} バイト); 未確認の項目 {} 件{}",
                d.title,
                p.display(),
                bytes.len(),
                unknown.len(),
                if unknown.is_empty() {
                    String::new()
                } else {
                    format!(": {}", unknown.join("、"))
                }
            );
        }
        None => {
            let stdout = io::stdout();
            if format == DraftFormat::Docx && stdout.is_terminal() {
                bail!(
                    "Word ファイル (.docx) は端末には書き出しません。-o FILE.docx で保存先を指定してください\n\
                     refusing to write a .docx to a terminal; use -o FILE.docx"
                );
            }
            let mut out = stdout.lock();
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The case as it was recorded up to `until` (local time; a date alone: the end of that day):
/// its facts replayed from their history, the timeline entries up to then, its measures
/// replayed from the audit log. What a follow-up notice compares against.
fn snapshot(store: &Store, case: &Case, until: EventTime) -> anyhow::Result<Case> {
    let by = |ts: &str| local_time_of(ts).is_some_and(|t| not_after(t, until));
    let mut old = Case::new(case.id, &case.title, &case.organization);
    let (mut facts, mut details) = (Facts::default(), CaseDetails::default());
    for e in store.case_fact_history(case.id)? {
        if by(&e.at) {
            // A value that was valid when stored; one that no longer parses stays unknown.
            let _ = set_fact(&mut facts, &mut details, &e.fact, e.value);
        }
    }
    old.facts = facts;
    old.details = details;
    old.events = case
        .events
        .iter()
        .filter(|e| not_after(e.at, until))
        .cloned()
        .collect();
    let mut audit = store.case_audit_log(case.id, usize::MAX >> 1)?;
    audit.reverse(); // oldest first
    for e in audit.iter().filter(|e| by(&e.at)) {
        match e.action.as_str() {
            "case_measure_add" => {
                if let Ok(m) = serde_json::from_value::<Measure>(e.detail["measure"].clone()) {
                    old.measures.push(m);
                }
            }
            "case_measure_update" => {
                if let Ok(m) = serde_json::from_value::<Measure>(e.detail["to"].clone()) {
                    if let Some(x) = old.measures.iter_mut().find(|x| x.id == m.id) {
                        *x = m;
                    }
                }
            }
            _ => {}
        }
    }
    Ok(old)
}

fn form_name(f: PpcForm) -> &'static str {
    match f {
        PpcForm::Private => "個人情報取扱事業者 (private)",
        PpcForm::Public => "行政機関等 (public)",
        PpcForm::MyNumber => "特定個人情報 (mynumber)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_from_command_line_text() {
        let (mut f, mut d) = (Facts::default(), CaseDetails::default());
        let items: Vec<String> = [
            "persons=1,200",
            "data=氏名、email",
            "cause=誤送信・誤送付",
            "aware=2026-11-30",
            "privacy_mark=はい",
            "encrypted=いいえ",
            "summary=宛先をBCCとすべきところTOに入力した",
            "contact=123",
            "notes=a, b",
            "org_kind=民間事業者",
            "leak=漏えい確認",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        apply_assignments(&mut f, &mut d, &items).unwrap();
        assert_eq!(f.persons, Some(1200));
        assert_eq!(f.data, Some(vec![DataKind::Name, DataKind::Email]));
        assert_eq!(f.cause, Some(Cause::Misdelivery));
        assert_eq!(f.aware, "2026-11-30".parse().ok());
        assert_eq!(d.privacy_mark, Some(true));
        assert_eq!(f.encrypted, Some(false));
        assert_eq!(d.contact.as_deref(), Some("123"));
        assert_eq!(f.notes, ["a, b"]);
        assert_eq!(f.org_kind, Some(OrgKind::Business));
        assert_eq!(f.leak, Some(Leak::Confirmed));
        apply_assignments(&mut f, &mut d, &["persons=未確認".to_string()]).unwrap();
        assert_eq!(f.persons, None);
        let e = apply_assignments(&mut f, &mut d, &["persns=3".to_string()]).unwrap_err();
        let e = format!("{e:#}");
        assert!(e.contains("「persns」(「persons」の誤り?)"), "{e}");
        assert!(e.contains("privacy_mark") && e.contains("contact"), "{e}");
        let e = apply_assignments(&mut f, &mut d, &["persons=many".to_string()]).unwrap_err();
        assert!(
            format!("{e:#}").contains("事実「本人の数」(persons)"),
            "{e:#}"
        );
        assert!(apply_assignments(&mut f, &mut d, &["cause=xyz".to_string()]).is_err());
        assert!(apply_assignments(&mut f, &mut d, &["persons".to_string()]).is_err());
    }

    #[test]
    fn event_kinds_by_short_label_key_or_full_label() {
        assert_eq!(parse_event_kind("速報").unwrap(), EventKind::PpcSokuho);
        assert_eq!(
            parse_event_kind("ppc_kakuho").unwrap(),
            EventKind::PpcKakuho
        );
        assert_eq!(
            parse_event_kind("速報(個人情報保護委員会)").unwrap(),
            EventKind::PpcSokuho
        );
        assert_eq!(
            parse_event_kind("本人通知").unwrap(),
            EventKind::IndividualNotice
        );
        let e = parse_event_kind("報告").unwrap_err();
        assert!(
            e.contains("速報 (ppc_sokuho)") && e.contains("公表 (publication)"),
            "{e}"
        );
    }

    #[test]
    fn cutoffs_of_follow_up_notices() {
        let t = |s: &str| s.parse::<EventTime>().unwrap();
        assert!(not_after(t("2026-12-02T23:59"), t("2026-12-02")));
        assert!(!not_after(t("2026-12-03"), t("2026-12-02")));
        assert!(not_after(t("2026-12-02T10:00"), t("2026-12-02T10:00")));
        assert!(!not_after(t("2026-12-02T10:01"), t("2026-12-02T10:00")));
        assert!(not_after(t("2026-12-02"), t("2026-12-02T10:00")));
        assert!(local_time_of("2026-12-01T01:02:03.456Z").is_some());
        assert!(local_time_of("garbage").is_none());
    }

    #[test]
    fn editions_and_ids() {
        assert_eq!(parse_edition("1").unwrap(), NoticeEdition::First);
        assert_eq!(parse_edition("第2報").unwrap(), NoticeEdition::Followup(2));
        assert_eq!(parse_edition("final").unwrap(), NoticeEdition::Final);
        assert!(parse_edition("0").is_err());
        assert_eq!(parse_case_id("#12").unwrap(), 12);
        assert!(parse_case_id("x").is_err());
        assert_eq!(short_ts("2026-12-01T01:02:03.456Z"), "2026-12-01 01:02 UTC");
    }
}
