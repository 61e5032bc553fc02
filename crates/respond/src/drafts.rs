//! The drafts an officer files or publishes, regenerated from the current case.
//!
//! Each builder reads the case (facts, details, timeline, measures) and the assessment of its
//! facts, and returns a [`Draft`]: every field names its source (the fact and who set it, the
//! timeline entry, or the assessment), and a fact that is not known is written 未確認 — nothing
//! is filled in from defaults. Render with [`Draft::to_markdown`] or [`Draft::to_docx`].
//!
//! | builder | document | layout |
//! |---|---|---|
//! | [`ppc_report`] | 漏えい等報告 (速報 / 確報) to the PPC | the nine items of 施行規則第8条第1項, one heading each, fields in the order of the PPC's web form; variants for 行政機関等 (第44条: 保有個人情報) and 特定個人情報 (番号法第29条の4; 報告規則第3条) |
//! | [`privacy_mark_report`] | 個人情報の取扱いに関する事故等の報告書 | the items of the Privacy-Mark report in their order |
//! | [`public_notice`] | お詫びとお知らせ, 第N報, 最終報 | 概要, 経緯, 漏えいした(おそれのある)情報, 原因, 対応, 二次被害, 再発防止策, お問い合わせ先; a follow-up lists what changed since an earlier snapshot |
//! | [`individual_notice`] | 本人への通知 | the items of 施行規則第10条 (概要, 項目, 原因, 二次被害, その他) |
//!
//! ```
//! use jikenbo_respond::{ppc_report, Case, PpcForm, ReportStage, PPC_ITEMS};
//!
//! let mut case = Case::new(7, "宛先の入力誤り", "株式会社ひなた商会");
//! case.facts.persons = Some(1_200);
//! let today = "2026-12-02".parse().unwrap();
//! let d = ppc_report(&case, PpcForm::Private, ReportStage::Sokuho, today);
//! let md = d.to_markdown();
//! for item in PPC_ITEMS {
//!     assert!(d.headings().iter().any(|h| h.contains(item)), "{item}");
//! }
//! assert!(md.contains("**本人の数**\n\n1,200人"));
//! assert!(md.contains("**発生事案**\n\n未確認"));
//! ```

use crate::case::{date_ja, fact_label, fact_text, Case, EventKind, MeasureStatus, ReportStage};
use crate::deadline::{deadlines_of, ground_lines, DeadlineKind};
use crate::draft::{Block, Draft, DraftKind};
use jikenbo_assess::{assess, Assessment, Date, OrgKind, Regime};
use jikenbo_model::Leak;
use serde::{Deserialize, Serialize};

/// Words every PPC draft's nine item headings contain, in order (for checks).
pub const PPC_ITEMS: [&str; 9] = [
    "概要",
    "の項目",
    "本人の数",
    "原因",
    "二次被害又はそのおそれの有無及びその内容",
    "本人への対応の実施状況",
    "公表の実施状況",
    "再発防止のための措置",
    "その他参考となる事項",
];

/// Headings of the Privacy-Mark report, in order.
pub const PRIVACY_MARK_ITEMS: [&str; 11] = [
    "事業者名・業種",
    "発生日及び発覚日",
    "事故の概要",
    "事故対象の個人情報の媒体、項目及び件数",
    "安全管理措置の実施状況",
    "事故等に係る経過",
    "事故発生元及び事故発生者",
    "本人等への対応",
    "事故の公表",
    "2次被害",
    "事業者における再発防止策等",
];

/// Which PPC form a report is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PpcForm {
    /// 個人情報取扱事業者 (and 法第58条 bodies): 法第26条, 施行規則第8条.
    Private,
    /// 行政機関等: 法第68条, 施行規則第44条.
    Public,
    /// 特定個人情報: 番号法第29条の4, 特定個人情報漏えい等報告規則第3条.
    MyNumber,
}

impl PpcForm {
    fn regime(self) -> Regime {
        match self {
            PpcForm::Private => Regime::AppiPrivate,
            PpcForm::Public => Regime::AppiPublic,
            PpcForm::MyNumber => Regime::Mynumber,
        }
    }
    fn data_word(self) -> &'static str {
        match self {
            PpcForm::Private => "個人データ",
            PpcForm::Public => "保有個人情報",
            PpcForm::MyNumber => "特定個人情報",
        }
    }
    fn basis(self, stage: ReportStage) -> &'static str {
        match (self, stage) {
            (PpcForm::Private, ReportStage::Sokuho) => {
                "個人情報保護法第26条第1項、施行規則第8条第1項"
            }
            (PpcForm::Private, ReportStage::Kakuho) => {
                "個人情報保護法第26条第1項、施行規則第8条第2項"
            }
            (PpcForm::Public, _) => "個人情報保護法第68条第1項、施行規則第44条",
            (PpcForm::MyNumber, ReportStage::Sokuho) => {
                "番号法第29条の4第1項、特定個人情報漏えい等報告規則第3条第1項"
            }
            (PpcForm::MyNumber, ReportStage::Kakuho) => {
                "番号法第29条の4第1項、特定個人情報漏えい等報告規則第3条第2項"
            }
        }
    }
    fn title(self, stage: ReportStage) -> String {
        let s = stage.ja();
        match self {
            PpcForm::Private => format!("個人情報保護委員会への漏えい等報告({s}) 下書き"),
            PpcForm::Public => {
                format!("個人情報保護委員会への漏えい等報告(行政機関等・{s}) 下書き")
            }
            PpcForm::MyNumber => {
                format!("個人情報保護委員会への特定個人情報の漏えい等報告({s}) 下書き")
            }
        }
    }
}

/// The PPC forms a case needs: the APPI form of its kind of body when that law requires a
/// report, and the My Number form when the My Number Act does. When none is required, the
/// APPI form alone (a voluntary report).
pub fn ppc_forms(case: &Case) -> Vec<PpcForm> {
    let a = assess(&case.facts);
    let appi = if case.facts.org_kind == Some(OrgKind::PublicBody) {
        PpcForm::Public
    } else {
        PpcForm::Private
    };
    let mut out = Vec::new();
    for r in a.regime_details.iter().filter(|r| r.report_required) {
        let f = match r.regime {
            Regime::Mynumber => PpcForm::MyNumber,
            _ => appi,
        };
        if !out.contains(&f) {
            out.push(f);
        }
    }
    if out.is_empty() {
        out.push(appi);
    }
    out
}

const ASSESSED: &str = "判定(jikenbo-assess): 事実「組織の種別」「本人の数」「漏えい等した情報の項目」「原因の種別」「不正の目的の有無」等から";

fn fact(case: &Case, label: &str, key: &str) -> Block {
    Block::field(
        label,
        fact_text(&case.facts, &case.details, key),
        &case.source(key),
    )
}

/// A section heading of a draft (level 2).
fn h2(text: impl Into<String>) -> Block {
    Block::Heading(2, text.into())
}

/// The case's organization as a field (未確認 when the case has none).
fn organization_field(case: &Case, label: &str) -> Block {
    Block::field(
        label,
        Some(case.organization.clone()).filter(|o| !o.trim().is_empty()),
        "事案の組織名",
    )
}

/// The fields every report draft opens with: its stage (速報 / 確報) and the day it was written.
fn report_fields(stage: ReportStage, today: Date) -> [Block; 2] {
    [
        Block::field("報告の区分", Some(stage.ja().to_string()), "下書きの種別"),
        Block::field("作成日", Some(date_ja(today)), "下書きの作成日"),
    ]
}

/// When the incident occurred and when it was discovered, from the timeline, under the labels
/// `occurred` and `discovered`.
fn occurrence_fields(case: &Case, occurred: &str, discovered: &str) -> [Block; 2] {
    [
        event_time_field(case, occurred, EventKind::Occurred),
        event_time_field(case, discovered, EventKind::Discovered),
    ]
}

/// What was published (the 公表 entries of the timeline) and the publication plan.
fn publication_fields(case: &Case) -> [Block; 2] {
    [
        events_field(case, "公表", Some(&[EventKind::Publication])),
        fact(case, "公表の方針", "publication_plan"),
    ]
}

/// The head of a letter: today's date and the organization, right-aligned.
fn letter_date(case: &Case, today: Date) -> Block {
    Block::Right(format!("{}\n{}", date_ja(today), case.organization.trim()))
}

/// The end of a letter: the desk to ask, under `heading`, and 以上.
fn letter_end(case: &Case, heading: &str) -> [Block; 3] {
    [
        h2(heading),
        fact(case, "お問い合わせ先", "contact"),
        Block::Right("以上".to_string()),
    ]
}

/// The events of some kinds as lines (`2026年11月30日 10時15分 発覚: 顧客からの連絡`).
fn event_lines(case: &Case, kinds: Option<&[EventKind]>) -> Vec<String> {
    let mut evs: Vec<&crate::Event> = case
        .events
        .iter()
        .filter(|e| kinds.is_none_or(|k| k.contains(&e.kind)))
        .collect();
    evs.sort_by_key(|e| (e.at.date, e.at.time, e.kind));
    evs.iter().map(|e| e.line()).collect()
}

fn events_field(case: &Case, label: &str, kinds: Option<&[EventKind]>) -> Block {
    let lines = event_lines(case, kinds);
    let what = match kinds {
        None => "時系列の全記録".to_string(),
        Some(k) => format!(
            "時系列「{}」",
            k.iter().map(|k| k.ja()).collect::<Vec<_>>().join("」「")
        ),
    };
    if lines.is_empty() {
        Block::field(label, None, &format!("{what}の記録なし"))
    } else {
        Block::field(
            label,
            Some(lines.join("\n")),
            &format!("{what} ({}件)", lines.len()),
        )
    }
}

/// The first event of a kind as a field (its date and time).
fn event_time_field(case: &Case, label: &str, kind: EventKind) -> Block {
    match case.first_event(kind) {
        Some(e) => Block::field(
            label,
            Some(e.at.ja()),
            &format!(
                "時系列「{}」{}",
                kind.ja(),
                if e.who.is_empty() {
                    String::new()
                } else {
                    format!("(記録: {})", e.who)
                }
            ),
        ),
        // no 発覚 on the timeline: the day the organization became aware, a fact of its own
        None if kind == EventKind::Discovered && case.facts.aware.is_some() => Block::field(
            label,
            case.facts.aware.map(date_ja),
            &format!("事実「{}」(aware)", fact_label("aware")),
        ),
        None => Block::field(label, None, &format!("時系列に「{}」の記録なし", kind.ja())),
    }
}

fn measures_fields(case: &Case, done_label: &str, planned_label: &str) -> Vec<Block> {
    let done: Vec<String> = case
        .measures
        .iter()
        .filter(|m| m.status == MeasureStatus::Done)
        .map(|m| m.line())
        .collect();
    let planned: Vec<String> = case
        .measures
        .iter()
        .filter(|m| m.status != MeasureStatus::Done)
        .map(|m| m.line())
        .collect();
    if case.measures.is_empty() {
        return vec![
            Block::field(done_label, None, "再発防止策の登録なし"),
            Block::field(planned_label, None, "再発防止策の登録なし"),
        ];
    }
    let list = |v: Vec<String>| {
        Some(if v.is_empty() {
            "(登録なし)".to_string()
        } else {
            v.join("\n")
        })
    };
    let (nd, np) = (done.len(), planned.len());
    vec![
        Block::field(
            done_label,
            list(done),
            &format!("再発防止策の一覧: 状態「完了」{nd}件"),
        ),
        Block::field(
            planned_label,
            list(planned),
            &format!("再発防止策の一覧: 状態「予定」「実施中」{np}件"),
        ),
    ]
}

/// The unknown facts among `keys`, as labels.
fn unknown_labels(case: &Case, keys: &[&str]) -> Vec<String> {
    keys.iter()
        .filter(|k| fact_text(&case.facts, &case.details, k).is_none())
        .map(|k| format!("{} ({k})", fact_label(k)))
        .collect()
}

/// The memo line naming the facts among `keys` that are not known (`None` when all are).
fn unknown_memo(case: &Case, keys: &[&str]) -> Option<String> {
    let unknown = unknown_labels(case, keys);
    (!unknown.is_empty()).then(|| format!("未確認の事実: {}", unknown.join("、")))
}

fn deadline_memo(case: &Case, a: &Assessment, today: Date, kinds: &[DeadlineKind]) -> Vec<String> {
    deadlines_of(case, a, today)
        .into_iter()
        .filter(|d| kinds.contains(&d.kind))
        .map(|d| d.line())
        .collect()
}

/// The 漏えい等報告 to the PPC, item by item (施行規則第8条第1項 各号; for 行政機関等 第44条,
/// for 特定個人情報 報告規則第3条).
pub fn ppc_report(case: &Case, form: PpcForm, stage: ReportStage, today: Date) -> Draft {
    let a = assess(&case.facts);
    let regime = match form {
        PpcForm::MyNumber => Regime::Mynumber,
        _ if case.is_public_body() => Regime::AppiPublic,
        _ => Regime::AppiPrivate,
    };
    let reg = a.regime_details.iter().find(|r| r.regime == regime);
    let word = form.data_word();
    let mut memo = vec![
        "個人情報保護委員会の報告フォームに項目ごとに転記してください。各項目の「出典」は転記しません。".to_string(),
        format!("根拠: {}", form.basis(stage)),
    ];
    memo.extend(deadline_memo(
        case,
        &a,
        today,
        &[
            DeadlineKind::PpcReport,
            DeadlineKind::Sokuho,
            DeadlineKind::Kakuho,
        ],
    ));
    if !reg.is_some_and(|r| r.report_required) {
        memo.push(format!(
            "現在の事実では{}による報告義務はありません(任意の報告として作成)。",
            form.regime().law()
        ));
    }
    let forms = ppc_forms(case);
    if forms.len() > 1 {
        memo.push(format!(
            "この事案は{}の両方で報告対象です。それぞれの様式で報告してください(1回の報告で両方を兼ねられるかは確認が必要です)。",
            forms.iter().map(|f| f.regime().law()).collect::<Vec<_>>().join("と")
        ));
    }
    let key_facts = [
        "org_kind",
        "persons",
        "data",
        "cause",
        "aware",
        "summary",
        "discovered_by",
        "data_medium",
        "data_category",
        "cause_detail",
        "secondary_damage",
    ];
    if let Some(line) = unknown_memo(case, &key_facts) {
        memo.push(line);
        memo.push(match stage {
            ReportStage::Sokuho => "速報は報告時点で把握している事項を報告すれば足ります。未確認の事項は判明次第、確報で報告します。".to_string(),
            ReportStage::Kakuho => "確報では全ての事項を報告します。合理的な努力を尽くしても判明しない事項は、判明次第追完します。".to_string(),
        });
    }
    memo.extend(
        a.assumptions
            .iter()
            .filter(|s| !s.contains("(JNSA)"))
            .map(|s| format!("判定の前提: {s}")),
    );

    let mut b = vec![Block::Memo(memo), h2("報告者")];
    b.push(organization_field(case, "報告者の名称"));
    b.push(fact(case, "組織の種別", "org_kind"));
    b.extend(report_fields(stage, today));

    // 1. 概要
    b.push(h2("1. 概要"));
    b.extend(occurrence_fields(case, "発生日時", "発覚日時"));
    b.push(fact(case, "知った日(報告期限の起算日)", "aware"));
    b.push(fact(case, "発生事案", "summary"));
    b.push(fact(case, "発見者", "discovered_by"));
    let rule = match regime {
        Regime::AppiPrivate => "施行規則第7条各号",
        Regime::AppiPublic => "施行規則第43条各号",
        Regime::Mynumber => "特定個人情報漏えい等報告規則第2条各号",
    };
    let grounds: Vec<String> = reg
        .map(|r| {
            r.grounds
                .iter()
                .map(|g| format!("{} ({})", g.ja(), regime.ground_article(*g)))
                .collect()
        })
        .unwrap_or_default();
    b.push(Block::field(
        &format!("報告対象となる事態({rule})"),
        Some(if grounds.is_empty() {
            "該当なし(現在の事実による)".to_string()
        } else {
            grounds.join("\n")
        }),
        ASSESSED,
    ));
    b.push(fact(case, "委託元・委託先の関係", "entrustment"));
    b.push(events_field(case, "事実経過", None));

    // 2. 項目
    b.push(h2(format!(
        "2. 漏えい等が発生し、又は発生したおそれがある{word}の項目"
    )));
    b.push(fact(case, "項目", "data"));
    if case.details.text("data_detail").is_some() {
        b.push(fact(case, "項目の詳細", "data_detail"));
    }
    b.push(fact(case, "媒体", "data_medium"));
    b.push(fact(case, "種類(顧客情報・従業者情報等)", "data_category"));

    // 3. 本人の数
    b.push(h2(format!(
        "3. 漏えい等が発生し、又は発生したおそれがある{word}に係る本人の数"
    )));
    match form {
        PpcForm::MyNumber => b.push(fact(case, "本人の数(特定個人情報)", "my_number_persons")),
        _ => b.push(fact(case, "本人の数", "persons")),
    }

    // 4. 原因
    b.push(h2("4. 原因"));
    b.push(fact(case, "原因の種別", "cause"));
    b.push(fact(case, "原因の詳細", "cause_detail"));
    b.push(fact(case, "発生主体(報告者・委託先等)", "cause_entity"));

    // 5. 二次被害
    b.push(h2("5. 二次被害又はそのおそれの有無及びその内容"));
    b.push(fact(
        case,
        "二次被害又はそのおそれの有無及びその内容",
        "secondary_damage",
    ));

    // 6. 本人への対応
    b.push(h2("6. 本人への対応の実施状況"));
    b.push(events_field(
        case,
        "本人への通知",
        Some(&[EventKind::IndividualNotice]),
    ));
    b.push(Block::field(
        "本人への通知の要否",
        Some(if a.notify_individuals {
            "必要(事態の状況に応じて速やかに。通知が困難な場合は公表等の代替措置)".to_string()
        } else {
            "法律上の義務なし(現在の事実による)".to_string()
        }),
        ASSESSED,
    ));
    b.push(fact(case, "その他の対応", "individuals_response"));

    // 7. 公表
    b.push(h2("7. 公表の実施状況"));
    b.extend(publication_fields(case));

    // 8. 再発防止策
    b.push(h2("8. 再発防止のための措置"));
    b.extend(measures_fields(
        case,
        "実施済みの措置",
        "今後実施予定の措置",
    ));

    // 9. その他
    b.push(h2("9. その他参考となる事項"));
    b.push(fact(case, "その他参考となる事項", "other"));
    let others = event_lines(
        case,
        Some(&[
            EventKind::PoliceConsultation,
            EventKind::MinistryReport,
            EventKind::ControllerReport,
            EventKind::PrivacyMarkReport,
        ]),
    );
    if !others.is_empty() {
        b.push(Block::field(
            "関係機関への相談・報告",
            Some(others.join("\n")),
            "時系列「警察相談」「所管省庁への報告」「委託元への報告」「審査機関への報告」",
        ));
    }
    Draft {
        kind: DraftKind::PpcReport,
        title: form.title(stage),
        blocks: b,
    }
}

/// The Privacy-Mark 事故報告書 (個人情報の取扱いに関する事故等の報告書), its items in order.
pub fn privacy_mark_report(case: &Case, stage: ReportStage, today: Date) -> Draft {
    let a = assess(&case.facts);
    let mut memo = vec![
        "審査機関の様式に項目ごとに転記してください。各項目の「出典」は転記しません。".to_string(),
    ];
    memo.extend(deadline_memo(
        case,
        &a,
        today,
        &[
            DeadlineKind::PrivacyMarkSokuho,
            DeadlineKind::PrivacyMarkReport,
        ],
    ));
    memo.extend(unknown_memo(
        case,
        &[
            "privacy_mark",
            "privacy_mark_body",
            "industry",
            "summary",
            "data_medium",
            "persons",
            "security_measures",
            "cause_entity",
            "caused_by",
            "secondary_damage",
        ],
    ));
    let mut b = vec![Block::Memo(memo)];
    b.push(fact(case, "報告先(審査機関)", "privacy_mark_body"));
    b.extend(report_fields(stage, today));
    let h = |b: &mut Vec<Block>, i: usize| {
        b.push(h2(format!("{}. {}", i + 1, PRIVACY_MARK_ITEMS[i])));
    };
    h(&mut b, 0);
    b.push(organization_field(case, "事業者名"));
    b.push(fact(case, "業種", "industry"));
    h(&mut b, 1);
    b.extend(occurrence_fields(case, "発生日", "発覚日"));
    h(&mut b, 2);
    b.push(fact(case, "事故の概要", "summary"));
    b.push(fact(case, "漏えい等の状況", "leak"));
    h(&mut b, 3);
    b.push(fact(case, "媒体", "data_medium"));
    b.push(fact(case, "項目", "data"));
    b.push(fact(case, "件数(本人の数)", "persons"));
    h(&mut b, 4);
    b.push(fact(case, "安全管理措置の実施状況", "security_measures"));
    h(&mut b, 5);
    b.push(events_field(case, "事故等に係る経過", None));
    h(&mut b, 6);
    b.push(fact(case, "事故発生元", "cause_entity"));
    b.push(fact(case, "事故発生者", "caused_by"));
    b.push(fact(case, "原因", "cause_detail"));
    h(&mut b, 7);
    b.push(events_field(
        case,
        "本人への通知",
        Some(&[EventKind::IndividualNotice]),
    ));
    b.push(fact(case, "その他の対応", "individuals_response"));
    h(&mut b, 8);
    b.extend(publication_fields(case));
    h(&mut b, 9);
    b.push(fact(case, "2次被害", "secondary_damage"));
    h(&mut b, 10);
    b.extend(measures_fields(
        case,
        "実施済みの再発防止策",
        "実施予定の再発防止策",
    ));
    Draft {
        kind: DraftKind::PrivacyMarkReport,
        title: format!(
            "個人情報の取扱いに関する事故等の報告書({}) 下書き",
            stage.ja()
        ),
        blocks: b,
    }
}

/// Which public notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeEdition {
    /// 第1報.
    First,
    /// 第N報 (N ≥ 2).
    Followup(u32),
    /// 最終報.
    Final,
}

/// The edition a case publishes next: 第1報 when it has published nothing yet, else the next
/// 第N報 after the `published` notices so far.
pub fn next_edition(published: usize) -> NoticeEdition {
    if published == 0 {
        NoticeEdition::First
    } else {
        NoticeEdition::Followup(published as u32 + 1)
    }
}

/// The name of a published notice's casebook document, without the case's number (the
/// document is public): `株式会社ひなた商会_お詫びとお知らせ_第1報_2026-12-02.md`. White space,
/// control characters and the characters file systems refuse (`/\:*?"<>|`) in the
/// organization's name become `_`.
pub fn notice_file_name(case: &Case, edition: NoticeEdition, day: Date) -> String {
    let what = match edition {
        NoticeEdition::First => "第1報".to_string(),
        NoticeEdition::Followup(n) => format!("第{n}報"),
        NoticeEdition::Final => "最終報".to_string(),
    };
    let org: String = case
        .organization
        .trim()
        .chars()
        .map(|c| {
            if c.is_whitespace() || c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let org = if org.is_empty() {
        "お知らせ".into()
    } else {
        org
    };
    format!("{org}_お詫びとお知らせ_{what}_{day}.md")
}

fn leak_words(case: &Case) -> (&'static str, &'static str) {
    match case.facts.leak {
        Some(Leak::Confirmed) => ("個人情報の漏えい", "漏えいした情報"),
        _ => (
            "個人情報が漏えいしたおそれのある事態",
            "漏えいしたおそれのある情報",
        ),
    }
}

/// What changed between an earlier snapshot of the case and now: facts, new timeline entries,
/// new or advanced measures.
pub fn changes_since(earlier: &Case, now: &Case) -> Vec<String> {
    changes_between(earlier, now, None)
}

/// The facts a public notice shows: the only ones whose changes its 変更点 may list (the others,
/// such as the organization kind or internal notes, are not the public's).
const NOTICE_FACTS: &[&str] = &[
    "summary",
    "persons",
    "leak",
    "data",
    "data_category",
    "data_medium",
    "cause",
    "cause_detail",
    "individuals_response",
    "secondary_damage",
    "contact",
];

/// [`changes_since`], the fact changes limited to `facts` when given.
fn changes_between(earlier: &Case, now: &Case, facts: Option<&[&str]>) -> Vec<String> {
    let mut out: Vec<String> = crate::fact_changes(
        (&earlier.facts, &earlier.details),
        (&now.facts, &now.details),
    )
    .iter()
    .filter(|c| facts.is_none_or(|keys| keys.contains(&c.key.as_str())))
    .map(|c| c.line())
    .collect();
    let same_event = |a: &crate::Event, b: &crate::Event| {
        (a.id.is_some() && a.id == b.id) || (a.at == b.at && a.kind == b.kind && a.note == b.note)
    };
    for e in &now.events {
        if !earlier.events.iter().any(|x| same_event(x, e)) {
            let note = e.note.trim();
            out.push(format!(
                "経過の追加: {} {}{}",
                e.at.ja(),
                e.kind.ja(),
                if note.is_empty() {
                    String::new()
                } else {
                    format!(": {note}")
                }
            ));
        }
    }
    for m in &now.measures {
        let before = earlier
            .measures
            .iter()
            .find(|x| (m.id.is_some() && x.id == m.id) || x.text == m.text);
        match before {
            None => out.push(format!("再発防止策の追加: {}", m.line())),
            Some(x) if x.status != m.status => out.push(format!(
                "再発防止策の進捗: {} {} → {}",
                m.text.trim(),
                x.status.ja(),
                m.status.ja()
            )),
            Some(_) => {}
        }
    }
    out
}

/// The public notice お詫びとお知らせ (第1報), a 第N報 or the 最終報. A follow-up given an
/// earlier snapshot of the case (the one the last notice was written from) lists what changed:
/// the facts the notice shows (not the others: organization kind, Privacy Mark, internal
/// notes…), new timeline entries, new or advanced measures. Its public text (what is published
/// into the casebook) is [`Draft::to_public_markdown`](crate::Draft::to_public_markdown).
pub fn public_notice(
    case: &Case,
    edition: NoticeEdition,
    since: Option<&Case>,
    today: Date,
) -> Draft {
    let (event_words, info_heading) = leak_words(case);
    let org = case.organization.trim();
    let subject = case.title.trim();
    let title = match edition {
        NoticeEdition::First => format!("{subject}に関するお詫びとお知らせ"),
        NoticeEdition::Followup(n) => format!("{subject}に関するお詫びとお知らせ(第{n}報)"),
        NoticeEdition::Final => format!("{subject}に関するご報告(最終報)"),
    };
    let mut memo = vec![
        "公表前に、未確認の事項を確認し、「出典」の行と作成メモを削除してください。".to_string(),
    ];
    memo.extend(unknown_memo(
        case,
        &[
            "summary",
            "persons",
            "data",
            "cause",
            "cause_detail",
            "secondary_damage",
            "contact",
        ],
    ));
    let mut b = vec![Block::Memo(memo), letter_date(case, today)];
    b.push(Block::Paragraph(match edition {
        NoticeEdition::First => format!(
            "このたび、{org}において、{event_words}が発生いたしました。関係する皆様に多大なるご迷惑とご心配をおかけしますことを、深くお詫び申し上げます。\n現時点で判明している事実と対応について、下記のとおりお知らせいたします。"
        ),
        NoticeEdition::Followup(_) => "先にお知らせいたしました本件につきまして、その後の調査で判明した事項と対応の状況を、下記のとおりご報告いたします。関係する皆様には、ご迷惑とご心配をおかけし続けていることを重ねてお詫び申し上げます。".to_string(),
        NoticeEdition::Final => "先にお知らせいたしました本件につきまして、調査が完了いたしましたので、その結果と再発防止策を下記のとおりご報告いたします。関係する皆様に多大なるご迷惑とご心配をおかけしましたことを、改めて深くお詫び申し上げます。".to_string(),
    }));
    b.push(Block::Paragraph("記".to_string()));
    if let Some(earlier) = since {
        let ch = changes_between(earlier, case, Some(NOTICE_FACTS));
        b.push(h2("前回のお知らせからの変更点"));
        if ch.is_empty() {
            b.push(Block::Paragraph(
                "前回のお知らせから変更はありません。".to_string(),
            ));
        } else {
            b.push(Block::Bullets(ch));
        }
    }
    b.push(h2("1. 概要"));
    b.push(fact(case, "発生事案", "summary"));
    b.extend(occurrence_fields(case, "発生日", "発覚日"));
    b.push(fact(case, "対象となる方の人数", "persons"));
    b.push(h2("2. 経緯"));
    b.push(events_field(case, "経緯", None));
    b.push(h2(format!("3. {info_heading}")));
    b.push(fact(case, "項目", "data"));
    b.push(fact(case, "情報の種類", "data_category"));
    b.push(fact(case, "媒体", "data_medium"));
    b.push(h2("4. 原因"));
    b.push(fact(case, "原因の種別", "cause"));
    b.push(fact(case, "原因の詳細", "cause_detail"));
    b.push(h2("5. 対応"));
    b.push(events_field(
        case,
        "対象の方へのご連絡",
        Some(&[EventKind::IndividualNotice]),
    ));
    b.push(events_field(
        case,
        "関係機関への報告・相談",
        Some(&[
            EventKind::PpcSokuho,
            EventKind::PpcKakuho,
            EventKind::MinistryReport,
            EventKind::PrivacyMarkReport,
            EventKind::ControllerReport,
            EventKind::PoliceConsultation,
        ]),
    ));
    b.push(fact(case, "その他の対応", "individuals_response"));
    b.push(h2("6. 二次被害"));
    b.push(fact(case, "二次被害又はそのおそれ", "secondary_damage"));
    b.push(h2("7. 再発防止策"));
    b.extend(measures_fields(
        case,
        "実施した再発防止策",
        "今後実施する再発防止策",
    ));
    b.extend(letter_end(case, "8. お問い合わせ先"));
    Draft {
        kind: DraftKind::PublicNotice,
        title,
        blocks: b,
    }
}

/// The notice to individuals (本人への通知): the items of 施行規則第10条 (概要, 項目, 原因,
/// 二次被害, その他参考となる事項) and the desk to ask.
pub fn individual_notice(case: &Case, today: Date) -> Draft {
    let a = assess(&case.facts);
    let org = case.organization.trim();
    let (event_words, _) = leak_words(case);
    let mut memo = vec![
        "宛名を差し込み、未確認の事項を確認してから送付してください。「出典」の行と作成メモは送付しません。".to_string(),
    ];
    memo.extend(deadline_memo(
        case,
        &a,
        today,
        &[DeadlineKind::IndividualNotice],
    ));
    memo.extend(unknown_memo(
        case,
        &[
            "summary",
            "data",
            "cause_detail",
            "secondary_damage",
            "advice_to_individuals",
            "contact",
        ],
    ));
    let mut b = vec![
        Block::Memo(memo),
        letter_date(case, today),
        Block::Paragraph("〔宛名〕様".to_string()),
        Block::Paragraph(format!(
            "このたび、{org}において、ご本人様に関する{event_words}が発生いたしました。多大なるご迷惑とご心配をおかけしますことを、深くお詫び申し上げます。\n下記のとおりお知らせいたします。"
        )),
        Block::Paragraph("記".to_string()),
        h2("1. 概要"),
        fact(case, "発生事案", "summary"),
    ];
    b.extend(occurrence_fields(case, "発生日", "発覚日"));
    b.extend([
        h2("2. 漏えい等が発生し、又は発生したおそれがある個人情報の項目"),
        fact(case, "項目", "data"),
        h2("3. 原因"),
        fact(case, "原因の種別", "cause"),
        fact(case, "原因の詳細", "cause_detail"),
        h2("4. 二次被害又はそのおそれの有無及びその内容"),
        fact(case, "二次被害又はそのおそれ", "secondary_damage"),
        h2("5. その他参考となる事項"),
        fact(case, "ご本人様へのお願い", "advice_to_individuals"),
    ]);
    let gl = ground_lines(&a);
    if !gl.is_empty() {
        // Not in the letter itself: kept in the memo for the officer.
        if let Some(Block::Memo(m)) = b.first_mut() {
            m.push(format!(
                "本人通知の根拠となる報告対象の事態: {}",
                gl.join("、")
            ));
        }
    }
    b.extend(letter_end(case, "お問い合わせ先"));
    Draft {
        kind: DraftKind::IndividualNotice,
        title: format!("{}に関するお詫びとお知らせ", case.title.trim()),
        blocks: b,
    }
}
