//! Deadlines of a case, from the assessment of its facts, and what changes when a fact does.
//!
//! Reads the case's facts (through [`jikenbo_assess::assess`]: every legal rule and date comes
//! from the assess crate, none is computed here), its `privacy_mark` detail and its timeline
//! (a deadline is met when its event is recorded). Writes nothing.
//!
//! | deadline | when | due | met by |
//! |---|---|---|---|
//! | 個人情報保護委員会への報告 | when no report is required: one line saying so and why | — | — |
//! | 速報 | a report is required | the guideline window (知った日 + 3 … + 5 days, `sokuho_from`/`sokuho_to`) | a 速報 or 確報 event |
//! | 確報 | a report is required | `kakuho_due` (30 or 60 days, holiday roll-over) | a 確報 event |
//! | 委託元への報告 | a processor released by notifying its controller | the same 3-5 day window | a 委託元への報告 event |
//! | 本人への通知 | the assessment requires it | none (速やかに) | a 本人通知 event |
//! | 審査機関への速報 / 事故報告書 | `privacy_mark` is true (one line asking when it is unknown) | window / 30 or 60 days from the 知った日, counted as the 確報 | a 審査機関への報告 event |
//!
//! ```
//! use jikenbo_respond::{deadlines, Case, DeadlineKind, DeadlineStatus};
//! use jikenbo_model::{Cause, DataKind};
//!
//! let mut case = Case::new(1, "宛先の入力誤り", "株式会社ひなた商会");
//! case.facts.persons = Some(1_200);
//! case.facts.data = Some(vec![DataKind::Email]);
//! case.facts.cause = Some(Cause::Misdelivery);
//! case.facts.aware = "2026-11-30".parse().ok();
//! let today = "2026-12-02".parse().unwrap();
//! let d = deadlines(&case, today);
//! let kakuho = d.iter().find(|d| d.kind == DeadlineKind::Kakuho).unwrap();
//! // Day 30 is 2026-12-29, a closed day (年末年始): the due date rolls to 2027-01-04 (Mon).
//! assert_eq!(kakuho.due.unwrap().to_string(), "2027-01-04");
//! assert_eq!(kakuho.status, DeadlineStatus::Due);
//! assert_eq!(kakuho.days_left, Some(33));
//! ```

use crate::case::{date_ja_weekday, Case, EventKind, EventTime, ReportStage};
use jikenbo_assess::{assess, kakuho_due, sokuho_window, Assessment, Date, Ground, Regime};
use jikenbo_model::Leak;
use serde::{Deserialize, Serialize};

/// What a deadline is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// The report to the PPC as a whole: only listed when it is not required, to say why.
    PpcReport,
    /// 速報 to the PPC.
    Sokuho,
    /// 確報 to the PPC.
    Kakuho,
    /// A processor's notice to its controller (委託元), which releases it.
    ControllerNotice,
    /// 本人への通知.
    IndividualNotice,
    /// 速報 to the Privacy-Mark review body (審査機関).
    PrivacyMarkSokuho,
    /// The 事故報告書 to the Privacy-Mark review body.
    PrivacyMarkReport,
}

impl DeadlineKind {
    pub fn ja(self) -> &'static str {
        match self {
            DeadlineKind::PpcReport => "個人情報保護委員会への報告",
            DeadlineKind::Sokuho => "速報(個人情報保護委員会)",
            DeadlineKind::Kakuho => "確報(個人情報保護委員会)",
            DeadlineKind::ControllerNotice => "委託元への報告",
            DeadlineKind::IndividualNotice => "本人への通知",
            DeadlineKind::PrivacyMarkSokuho => "審査機関への速報(プライバシーマーク)",
            DeadlineKind::PrivacyMarkReport => "審査機関への事故報告(プライバシーマーク)",
        }
    }
}

/// Where a deadline stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineStatus {
    /// Its event is recorded.
    Met,
    /// Due on or after today.
    Due,
    /// Past its due date and not met.
    Overdue,
    /// Required, without a fixed date (速やかに).
    NoFixedDate,
    /// Required, but the date cannot be computed: a fact it counts from is unknown.
    Undetermined,
    /// Not required (the ground says why).
    NotRequired,
}

impl DeadlineStatus {
    pub fn ja(self) -> &'static str {
        match self {
            DeadlineStatus::Met => "済",
            DeadlineStatus::Due => "期限内",
            DeadlineStatus::Overdue => "期限超過",
            DeadlineStatus::NoFixedDate => "速やかに",
            DeadlineStatus::Undetermined => "期限日未確定",
            DeadlineStatus::NotRequired => "不要",
        }
    }
}

/// One deadline of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    pub kind: DeadlineKind,
    /// The first day of a guideline window (速報: 知った日 + 3).
    pub window_from: Option<Date>,
    /// The due date (the last day of a window); `None` when there is none or it is unknown.
    pub due: Option<Date>,
    /// Days from today to the due date (negative: days overdue); `None` when met, not
    /// required or without a date.
    pub days_left: Option<i64>,
    pub status: DeadlineStatus,
    /// When the event that meets it happened.
    pub met_on: Option<EventTime>,
    /// Whether it was met after its due date.
    pub met_late: bool,
    /// Why it applies (or does not), with the articles, in Japanese.
    pub ground: String,
    /// When the status is `undetermined`: the fact that is missing (`知った日が未確認`).
    pub missing: Option<String>,
}

impl Deadline {
    /// Days overdue (0 when not overdue).
    pub fn days_overdue(&self) -> i64 {
        self.days_left.map(|d| (-d).max(0)).unwrap_or(0)
    }

    /// `確報(個人情報保護委員会): 2027年1月4日(月)まで 残り33日`, `… 3日超過`, `… 済(2026年12月2日)`.
    pub fn line(&self) -> String {
        let name = self.kind.ja();
        let when = match (self.window_from, self.due) {
            (Some(a), Some(b)) => format!("目安 {}〜{}", date_ja_weekday(a), date_ja_weekday(b)),
            (None, Some(b)) => format!("{}まで", date_ja_weekday(b)),
            _ => String::new(),
        };
        let state = match self.status {
            DeadlineStatus::Met => {
                let on = self.met_on.map(|t| t.ja()).unwrap_or_default();
                if self.met_late {
                    format!("済({on}、期限後)")
                } else {
                    format!("済({on})")
                }
            }
            DeadlineStatus::Due => match self.days_left {
                Some(0) => "本日が期限".to_string(),
                Some(n) => format!("残り{n}日"),
                None => String::new(),
            },
            DeadlineStatus::Overdue => format!("{}日超過", self.days_overdue()),
            DeadlineStatus::NoFixedDate => "期限日なし(事態の状況に応じて速やかに)".to_string(),
            DeadlineStatus::Undetermined => format!(
                "期限日未確定({})",
                self.missing.as_deref().unwrap_or("未確認の事実あり")
            ),
            DeadlineStatus::NotRequired => format!("不要 — {}", self.ground),
        };
        [name.to_string(), when, state]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
            .replacen(' ', ": ", 1)
    }
}

/// The reason lines of the assessment that begin with `prefix`.
fn reasons_with<'a>(a: &'a Assessment, prefix: &str) -> Vec<&'a str> {
    a.reasons
        .iter()
        .filter(|r| r.starts_with(prefix))
        .map(String::as_str)
        .collect()
}

/// The grounds that make a report due, with their articles: `要配慮個人情報 (施行規則第7条第1号)`.
pub fn ground_lines(a: &Assessment) -> Vec<String> {
    let mut out = Vec::new();
    for r in a.regime_details.iter().filter(|r| r.report_required) {
        for g in &r.grounds {
            out.push(format!("{} ({})", g.ja(), r.regime.ground_article(*g)));
        }
    }
    out
}

/// Why no report is required: the assessment's conclusions and the grounds it found absent.
fn no_report_reason(a: &Assessment) -> String {
    let mut lines: Vec<&str> = a
        .reasons
        .iter()
        .map(String::as_str)
        .filter(|r| {
            !r.starts_with("適用:")
                && !r.starts_with("JNSA")
                && !r.starts_with("速報")
                && !r.starts_with("確報")
                && !r.starts_with("本人への通知")
        })
        .collect();
    // The conclusions first.
    lines.sort_by_key(|r| !r.starts_with("結論"));
    lines.join("。")
}

/// Whether a wrongful-intent ground applies (60-day reports).
fn wrongful(a: &Assessment) -> bool {
    a.facts.wrongful_intent == Some(true)
        || a.regime_details
            .iter()
            .any(|r| r.grounds.contains(&Ground::MynumberWrongful))
}

struct Pending {
    kind: DeadlineKind,
    window_from: Option<Date>,
    due: Option<Date>,
    /// A date is required but cannot be computed: what is missing.
    undetermined: Option<&'static str>,
    no_fixed_date: bool,
    met_on: Option<EventTime>,
    ground: String,
}

impl Pending {
    fn finish(self, today: Date) -> Deadline {
        let met_late = match (self.met_on, self.due) {
            (Some(m), Some(d)) => m.date > d,
            _ => false,
        };
        let (status, days_left) = if self.met_on.is_some() {
            (DeadlineStatus::Met, None)
        } else if let Some(d) = self.due {
            let n = d.days_since(today);
            (
                if n < 0 {
                    DeadlineStatus::Overdue
                } else {
                    DeadlineStatus::Due
                },
                Some(n),
            )
        } else if self.undetermined.is_some() {
            (DeadlineStatus::Undetermined, None)
        } else if self.no_fixed_date {
            (DeadlineStatus::NoFixedDate, None)
        } else {
            (DeadlineStatus::NotRequired, None)
        };
        Deadline {
            kind: self.kind,
            window_from: self.window_from,
            due: self.due,
            days_left,
            status,
            met_on: self.met_on,
            met_late,
            ground: self.ground,
            missing: self
                .undetermined
                .filter(|_| status == DeadlineStatus::Undetermined)
                .map(str::to_string),
        }
    }
}

/// The earliest event among `kinds` (optionally only of a stage).
fn met_by(
    case: &Case,
    kinds: &[EventKind],
    stage: Option<&dyn Fn(Option<ReportStage>) -> bool>,
) -> Option<EventTime> {
    case.events
        .iter()
        .filter(|e| kinds.contains(&e.kind))
        .filter(|e| stage.is_none_or(|f| f(e.stage)))
        .map(|e| e.at)
        .min()
}

/// The deadlines of a case on `today`, in the order of [`DeadlineKind`].
pub fn deadlines(case: &Case, today: Date) -> Vec<Deadline> {
    let a = assess(&case.facts);
    deadlines_of(case, &a, today)
}

/// [`deadlines`] with the assessment already made.
pub fn deadlines_of(case: &Case, a: &Assessment, today: Date) -> Vec<Deadline> {
    let aware = case.facts.aware;
    let mut out: Vec<Pending> = Vec::new();
    let regimes: Vec<&str> = a
        .regime_details
        .iter()
        .filter(|r| r.report_required)
        .map(|r| r.law.as_str())
        .collect();
    if a.report_required {
        let grounds = ground_lines(a).join("、");
        let mut sokuho = reasons_with(a, "速報").join("。");
        if aware.is_none() {
            sokuho.push_str("。知った日が未確認のため目安の日付は計算できない");
        }
        out.push(Pending {
            kind: DeadlineKind::Sokuho,
            window_from: a.sokuho_from,
            due: a.sokuho_to,
            undetermined: a.sokuho_to.is_none().then_some("知った日が未確認"),
            no_fixed_date: false,
            met_on: met_by(case, &[EventKind::PpcSokuho, EventKind::PpcKakuho], None),
            ground: format!(
                "{}による報告義務 (報告対象の事態: {grounds})。{sokuho}",
                regimes.join("・")
            ),
        });
        let kakuho = reasons_with(a, "確報").join("。");
        out.push(Pending {
            kind: DeadlineKind::Kakuho,
            window_from: None,
            due: a.kakuho_due,
            undetermined: a.kakuho_due.is_none().then_some("知った日が未確認"),
            no_fixed_date: false,
            met_on: met_by(case, &[EventKind::PpcKakuho], None),
            ground: kakuho,
        });
    } else {
        out.push(Pending {
            kind: DeadlineKind::PpcReport,
            window_from: None,
            due: None,
            undetermined: None,
            no_fixed_date: false,
            met_on: None,
            ground: no_report_reason(a),
        });
    }
    let processor = a
        .regime_details
        .iter()
        .filter(|r| r.exemption.as_deref() == Some("processor_notified_controller"))
        .map(|r| r.regime)
        .collect::<Vec<Regime>>();
    if !processor.is_empty() {
        let window = aware.map(sokuho_window);
        out.push(Pending {
            kind: DeadlineKind::ControllerNotice,
            window_from: window.map(|w| w.0),
            due: window.map(|w| w.1),
            undetermined: window.is_none().then_some("知った日が未確認"),
            no_fixed_date: false,
            met_on: met_by(case, &[EventKind::ControllerReport], None),
            ground: format!(
                "委託先として委託元へ速やかに通知することで報告・本人通知の義務を負わない (法第26条第1項ただし書; 施行規則第9条{})。通知の目安は委託先が知った時点から概ね3〜5日以内",
                if processor.contains(&Regime::Mynumber) {
                    "; 特定個人情報漏えい等報告規則第4条"
                } else {
                    ""
                }
            ),
        });
    }
    if a.notify_individuals {
        out.push(Pending {
            kind: DeadlineKind::IndividualNotice,
            window_from: None,
            due: None,
            undetermined: None,
            no_fixed_date: true,
            met_on: met_by(case, &[EventKind::IndividualNotice], None),
            ground: reasons_with(a, "本人への通知").join("。"),
        });
    } else {
        let why = reasons_with(a, "本人への通知");
        out.push(Pending {
            kind: DeadlineKind::IndividualNotice,
            window_from: None,
            due: None,
            undetermined: None,
            no_fixed_date: false,
            met_on: None,
            ground: if why.is_empty() {
                if processor.is_empty() {
                    "報告対象の事態に当たらないため、法律上の本人通知義務はない (法第26条第2項)"
                        .to_string()
                } else {
                    "委託先として委託元へ通知したため本人通知の義務を負わない (法第26条第2項括弧書)"
                        .to_string()
                }
            } else {
                why.join("。")
            },
        });
    }
    privacy_mark(case, a, aware, &mut out);
    let mut v: Vec<Deadline> = out.into_iter().map(|p| p.finish(today)).collect();
    v.sort_by_key(|d| d.kind);
    v
}

fn privacy_mark(case: &Case, a: &Assessment, aware: Option<Date>, out: &mut Vec<Pending>) {
    let rule = "プライバシーマーク付与に関する規約第12条";
    match case.details.privacy_mark {
        Some(false) => {}
        None => out.push(Pending {
            kind: DeadlineKind::PrivacyMarkReport,
            window_from: None,
            due: None,
            undetermined: Some("プライバシーマーク付与の有無が未確認"),
            no_fixed_date: false,
            met_on: None,
            ground: format!(
                "プライバシーマーク付与事業者かどうかが未確認 (事実「プライバシーマーク付与事業者」privacy_mark)。付与事業者であれば、事故等は1人分でも審査機関へ報告する ({rule})"
            ),
        }),
        Some(true) => {
            if a.facts.leak == Some(Leak::None) {
                out.push(Pending {
                    kind: DeadlineKind::PrivacyMarkReport,
                    window_from: None,
                    due: None,
                    undetermined: None,
                    no_fixed_date: false,
                    met_on: None,
                    ground: "調査で漏えい・滅失・毀損もそのおそれもないと確認されたため、審査機関へ報告する事故等に当たらない".to_string(),
                });
                return;
            }
            let wrong = wrongful(a);
            let days = if wrong { 60 } else { 30 };
            let mut serious: Vec<&str> = Vec::new();
            let grounds: Vec<Ground> = a
                .regime_details
                .iter()
                .flat_map(|r| r.grounds.iter().copied())
                .collect();
            if grounds.contains(&Ground::Sensitive) {
                serious.push("要配慮個人情報");
            }
            if grounds.contains(&Ground::Financial) {
                serious.push("財産的被害のおそれ");
            }
            if wrong {
                serious.push("不正の目的のおそれ");
            }
            if a.facts.persons.is_some_and(|n| n > 1000) {
                serious.push("1,000人超");
            }
            if grounds.iter().any(|g| {
                matches!(
                    g,
                    Ground::MynumberSystem | Ground::MynumberPublic | Ground::MynumberVolume
                )
            }) {
                serious.push("特定個人情報(番号法の報告対象)");
            }
            if !serious.is_empty() {
                let window = aware.map(sokuho_window);
                out.push(Pending {
                    kind: DeadlineKind::PrivacyMarkSokuho,
                    window_from: window.map(|w| w.0),
                    due: window.map(|w| w.1),
                    undetermined: window.is_none().then_some("知った日が未確認"),
                    no_fixed_date: false,
                    met_on: met_by(case, &[EventKind::PrivacyMarkReport], None),
                    ground: format!(
                        "重大な事故等({})のため、審査機関へ発覚から概ね3〜5日以内に速報 ({rule})",
                        serious.join("・")
                    ),
                });
            }
            let is_final = |s: Option<ReportStage>| s != Some(ReportStage::Sokuho);
            out.push(Pending {
                kind: DeadlineKind::PrivacyMarkReport,
                window_from: None,
                due: aware.map(|d| kakuho_due(d, days)),
                undetermined: aware.is_none().then_some("知った日が未確認"),
                no_fixed_date: false,
                met_on: met_by(case, &[EventKind::PrivacyMarkReport], Some(&is_final)),
                ground: format!(
                    "プライバシーマーク付与事業者: 個人情報の取扱いに関する事故等は1人分でも審査機関へ報告する ({rule})。事故報告書は発覚から{days}日以内{}。日数は個人情報保護委員会の確報と同じく知った日を1日目とし、行政機関の休日に当たる日は翌開庁日とした",
                    if wrong { "(不正の目的のおそれがあるため60日)" } else { "" }
                ),
            });
        }
    }
}

/// What changed in the deadlines between two states of a case (a fact changed, an event was
/// recorded), as Japanese lines; `["期限に変更はありません"]` when nothing did.
pub fn recompute(old: &Case, new: &Case, today: Date) -> Vec<String> {
    let a_old = assess(&old.facts);
    let a_new = assess(&new.facts);
    let mut lines = Vec::new();
    if a_old.report_required != a_new.report_required {
        lines.push(if a_new.report_required {
            format!(
                "個人情報保護委員会への報告: 不要 → 必要 (報告対象の事態: {})",
                ground_lines(&a_new).join("、")
            )
        } else {
            format!(
                "個人情報保護委員会への報告: 必要 → 不要 ({})",
                no_report_reason(&a_new)
            )
        });
    } else if a_new.report_required {
        let g_old = ground_lines(&a_old);
        let g_new = ground_lines(&a_new);
        let added: Vec<&String> = g_new.iter().filter(|g| !g_old.contains(g)).collect();
        let removed: Vec<&String> = g_old.iter().filter(|g| !g_new.contains(g)).collect();
        if !added.is_empty() {
            lines.push(format!(
                "報告対象の事態が加わった: {}",
                added
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            ));
        }
        if !removed.is_empty() {
            lines.push(format!(
                "報告対象の事態から外れた: {}",
                removed
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            ));
        }
    }
    let d_old = deadlines_of(old, &a_old, today);
    let d_new = deadlines_of(new, &a_new, today);
    let required = |d: &Deadline| d.status != DeadlineStatus::NotRequired;
    let find = |v: &[Deadline], k: DeadlineKind| v.iter().find(|d| d.kind == k).cloned();
    let mut kinds: Vec<DeadlineKind> = d_old.iter().chain(d_new.iter()).map(|d| d.kind).collect();
    kinds.sort();
    kinds.dedup();
    for k in kinds {
        if k == DeadlineKind::PpcReport {
            continue; // said above
        }
        let before = find(&d_old, k).filter(required);
        let after = find(&d_new, k).filter(required);
        match (before, after) {
            (None, Some(b)) => lines.push(format!("新たに必要: {}", b.line())),
            (Some(_), None) => lines.push(format!("不要になった: {}", k.ja())),
            (Some(a), Some(b)) => {
                if a.due != b.due || a.window_from != b.window_from {
                    let show = |d: &Deadline| match (d.window_from, d.due) {
                        (Some(f), Some(t)) => {
                            format!("{}〜{}", date_ja_weekday(f), date_ja_weekday(t))
                        }
                        (None, Some(t)) => date_ja_weekday(t),
                        _ => "未確定".to_string(),
                    };
                    let days = match (k, a_old.kakuho_days, a_new.kakuho_days) {
                        (DeadlineKind::Kakuho, Some(x), Some(y)) if x != y => {
                            format!(" ({x}日 → {y}日)")
                        }
                        _ => String::new(),
                    };
                    lines.push(format!(
                        "期限が変わった: {} {} → {}{days}",
                        k.ja(),
                        show(&a),
                        show(&b)
                    ));
                }
                if a.status != DeadlineStatus::Met && b.status == DeadlineStatus::Met {
                    lines.push(format!("済になった: {}", b.line()));
                } else if a.status == DeadlineStatus::Met && b.status != DeadlineStatus::Met {
                    lines.push(format!("未了に戻った: {}", b.line()));
                }
            }
            (None, None) => {}
        }
    }
    if a_old.notify_individuals != a_new.notify_individuals
        && lines.iter().all(|l| !l.contains("本人への通知"))
    {
        lines.push(format!(
            "本人への通知: {}",
            if a_new.notify_individuals {
                "不要 → 必要"
            } else {
                "必要 → 不要"
            }
        ));
    }
    if lines.is_empty() {
        lines.push("期限に変更はありません".to_string());
    }
    lines
}

/// What a change of a case did: the facts that changed and the deadline lines of [`recompute`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Update {
    pub facts: Vec<crate::FactChange>,
    pub deadlines: Vec<String>,
}

impl Update {
    /// Every line: the facts (`本人の数: 350人 → 1,200人`), then the deadlines.
    pub fn lines(&self) -> Vec<String> {
        self.facts
            .iter()
            .map(|c| c.line())
            .chain(self.deadlines.iter().cloned())
            .collect()
    }
}

/// [`crate::fact_changes`] and [`recompute`] between two states of a case.
pub fn update(old: &Case, new: &Case, today: Date) -> Update {
    Update {
        facts: crate::fact_changes((&old.facts, &old.details), (&new.facts, &new.details)),
        deadlines: recompute(old, new, today),
    }
}

/// A deadline of one case, for a list across cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDeadline {
    pub case_id: i64,
    pub title: String,
    pub deadline: Deadline,
}

/// What needs attention across cases on `today` (for a daily check): deadlines overdue, due
/// within `within_days` days, without a fixed date (速やかに) or with a date that cannot be
/// computed yet; not those met or not required. Closed cases (完了) are left out. Overdue
/// first, then by due date (undated last), then by case.
pub fn attention(cases: &[Case], today: Date, within_days: i64) -> Vec<CaseDeadline> {
    let mut out: Vec<CaseDeadline> = cases
        .iter()
        .filter(|c| c.status != crate::CaseStatus::Closed)
        .flat_map(|c| {
            deadlines(c, today)
                .into_iter()
                .filter(|d| match d.status {
                    DeadlineStatus::Overdue
                    | DeadlineStatus::NoFixedDate
                    | DeadlineStatus::Undetermined => true,
                    DeadlineStatus::Due => d.days_left.is_some_and(|n| n <= within_days),
                    DeadlineStatus::Met | DeadlineStatus::NotRequired => false,
                })
                .map(|d| CaseDeadline {
                    case_id: c.id,
                    title: c.title.clone(),
                    deadline: d,
                })
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort_by_key(|x| {
        (
            x.deadline.status != DeadlineStatus::Overdue,
            x.deadline.due.is_none(),
            x.deadline.due,
            x.case_id,
            x.deadline.kind,
        )
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jikenbo_model::{Cause, DataKind};

    fn case(id: i64, aware: &str, persons: u64) -> Case {
        let mut c = Case::new(id, &format!("事案{id}"), "株式会社れんげ工業");
        c.facts.persons = Some(persons);
        c.facts.data = Some(vec![DataKind::Name]);
        c.facts.cause = Some(Cause::Misdelivery);
        c.facts.aware = aware.parse().ok();
        c.details.privacy_mark = Some(false);
        c
    }

    #[test]
    fn attention_lists_overdue_first_and_skips_met_and_closed() {
        let today: Date = "2026-12-10".parse().unwrap();
        // 2026-12-01 + 5 = 12-06: 速報 overdue by 4 days; 確報 2026-12-30 → closed → 2027-01-04.
        let late = case(1, "2026-12-01", 2_000);
        // Under 1,000: nothing due.
        let small = case(2, "2026-12-01", 10);
        let mut closed = case(3, "2026-12-01", 2_000);
        closed.status = crate::CaseStatus::Closed;
        let list = attention(&[small, late.clone(), closed], today, 7);
        let got: Vec<(i64, DeadlineKind, DeadlineStatus)> = list
            .iter()
            .map(|x| (x.case_id, x.deadline.kind, x.deadline.status))
            .collect();
        assert_eq!(
            got,
            [
                (1, DeadlineKind::Sokuho, DeadlineStatus::Overdue),
                (
                    1,
                    DeadlineKind::IndividualNotice,
                    DeadlineStatus::NoFixedDate
                ),
            ]
        );
        assert_eq!(list[0].deadline.days_overdue(), 4);
        // Within 30 days the 確報 shows too.
        let wide = attention(&[late], today, 30);
        assert_eq!(wide[1].deadline.kind, DeadlineKind::Kakuho);
        assert_eq!(wide[1].deadline.due, "2027-01-04".parse().ok());
    }
}
