//! The decision: regimes, grounds, exemptions, deadlines, individual notice, reasons,
//! assumptions and branches.

use crate::facts::{Facts, OrgKind, Response, SocialResponsibility, Unknown};
use crate::holidays::{closed_reason, next_open_day};
use crate::jnsa::{self, yen, Jnsa, JnsaInput};
use crate::Date;
use jikenbo_model::{Cause, DataKind, Leak};
use serde::{Deserialize, Serialize};

/// A reason the report is due. The JSON names are the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ground {
    /// 要配慮個人情報 (Rule 7(i) / 43(i)).
    Sensitive,
    /// 財産的被害のおそれ (Rule 7(ii) / 43(ii)).
    Financial,
    /// 不正の目的 (Rule 7(iii) / 43(iii)).
    Wrongful,
    /// more than 1,000 persons (Rule 7(iv)), more than 100 for public bodies (Rule 43(iv)).
    Volume,
    /// 条例要配慮個人情報 (Rule 43(v)).
    OrdinanceSensitive,
    /// My Number Rule 2(i): data in the 情報提供ネットワークシステム / My Number systems.
    MynumberSystem,
    /// My Number Rule 2(ii): wrongful leak, use or provision.
    MynumberWrongful,
    /// My Number Rule 2(iii): viewable by 不特定多数.
    MynumberPublic,
    /// My Number Rule 2(iv): more than 100 persons.
    MynumberVolume,
}

impl Ground {
    pub fn as_str(self) -> &'static str {
        match self {
            Ground::Sensitive => "sensitive",
            Ground::Financial => "financial",
            Ground::Wrongful => "wrongful",
            Ground::Volume => "volume",
            Ground::OrdinanceSensitive => "ordinance_sensitive",
            Ground::MynumberSystem => "mynumber_system",
            Ground::MynumberWrongful => "mynumber_wrongful",
            Ground::MynumberPublic => "mynumber_public",
            Ground::MynumberVolume => "mynumber_volume",
        }
    }
    pub fn ja(self) -> &'static str {
        match self {
            Ground::Sensitive => "要配慮個人情報",
            Ground::Financial => "財産的被害のおそれ",
            Ground::Wrongful => "不正の目的によるおそれ",
            Ground::Volume => "本人の数",
            Ground::OrdinanceSensitive => "条例要配慮個人情報",
            Ground::MynumberSystem => "マイナンバー: 情報提供ネットワークシステム等",
            Ground::MynumberWrongful => "マイナンバー: 不正の目的",
            Ground::MynumberPublic => "マイナンバー: 不特定多数が閲覧可能",
            Ground::MynumberVolume => "マイナンバー: 100人超",
        }
    }
}

/// The legal regime a duty comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// 個人情報保護法第26条 (private operators, 法第58条 bodies): Rules 7-10.
    AppiPrivate,
    /// 個人情報保護法第68条 (行政機関等): Rules 43-45.
    AppiPublic,
    /// 番号法第29条の4: 特定個人情報漏えい等報告規則 2-5.
    Mynumber,
}

impl Regime {
    pub fn as_str(self) -> &'static str {
        match self {
            Regime::AppiPrivate => "appi_private",
            Regime::AppiPublic => "appi_public",
            Regime::Mynumber => "mynumber",
        }
    }
    /// The statute, in Japanese.
    pub fn law(self) -> &'static str {
        match self {
            Regime::AppiPrivate => "個人情報保護法第26条",
            Regime::AppiPublic => "個人情報保護法第68条",
            Regime::Mynumber => "番号法第29条の4",
        }
    }
    fn report_article(self) -> &'static str {
        match self {
            Regime::AppiPrivate => "法第26条第1項",
            Regime::AppiPublic => "法第68条第1項",
            Regime::Mynumber => "番号法第29条の4第1項",
        }
    }
    fn rule(self) -> &'static str {
        match self {
            Regime::AppiPrivate => "施行規則第7条",
            Regime::AppiPublic => "施行規則第43条",
            Regime::Mynumber => "特定個人情報漏えい等報告規則第2条",
        }
    }
    fn sokuho_article(self) -> &'static str {
        match self {
            Regime::AppiPrivate => "施行規則第8条第1項",
            Regime::AppiPublic => "施行規則第44条",
            Regime::Mynumber => "特定個人情報漏えい等報告規則第3条第1項",
        }
    }
    fn kakuho_article(self) -> &'static str {
        match self {
            Regime::AppiPrivate => "施行規則第8条第2項",
            Regime::AppiPublic => "施行規則第44条",
            Regime::Mynumber => "特定個人情報漏えい等報告規則第3条第2項",
        }
    }
    fn notice_article(self) -> &'static str {
        match self {
            Regime::AppiPrivate => "法第26条第2項; 施行規則第10条",
            Regime::AppiPublic => "法第68条第2項; 施行規則第45条",
            Regime::Mynumber => "番号法第29条の4第2項; 特定個人情報漏えい等報告規則第5条",
        }
    }
    /// The rule item of a ground under this regime, e.g. `施行規則第7条第4号`.
    pub fn ground_article(self, g: Ground) -> String {
        let item = match g {
            Ground::Sensitive | Ground::MynumberSystem => 1,
            Ground::Financial | Ground::MynumberWrongful => 2,
            Ground::Wrongful | Ground::MynumberPublic => 3,
            Ground::Volume | Ground::MynumberVolume => 4,
            Ground::OrdinanceSensitive => 5,
        };
        format!("{}第{}号", self.rule(), item)
    }
}

/// The outcome under one regime.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegimeAssessment {
    pub regime: Regime,
    /// The statute (`個人情報保護法第26条`, …).
    pub law: String,
    pub report_required: bool,
    /// The reportable situations found (also when an exemption releases this body).
    pub grounds: Vec<Ground>,
    /// Why no report is due although the regime applies: `no_leak`, `recovered_unviewed`,
    /// `pseudonymized`, `encrypted`, `processor_notified_controller`, `no_ground`.
    pub exemption: Option<String>,
    pub kakuho_days: Option<u32>,
    pub kakuho_due: Option<Date>,
    pub notify_individuals: bool,
    /// The articles the conclusion rests on.
    pub basis: Vec<String>,
}

/// One alternative outcome for a fact that was unknown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Branch {
    /// The unknown fact (its JSON field name).
    pub fact: Unknown,
    /// The condition, in Japanese (`本人の数が1,000人を超える場合`).
    pub condition: String,
    pub report_required: bool,
    pub grounds: Vec<Ground>,
    pub kakuho_days: Option<u32>,
    pub kakuho_due: Option<Date>,
    pub notify_individuals: bool,
    /// One line: `1,000人を超える場合: 報告義務あり (施行規則第7条第4号)`.
    pub summary: String,
}

/// The full assessment: the JSON output of `jikenbo assess`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    /// A report to the PPC is mandatory under at least one regime.
    pub report_required: bool,
    /// All grounds found, in the fixed order of [`Ground`].
    pub grounds: Vec<Ground>,
    /// The regimes that apply (`appi_private` | `appi_public`, plus `mynumber`).
    pub regimes: Vec<Regime>,
    /// 速報 guideline window: aware + 3 … aware + 5 calendar days (not statutory).
    pub sokuho_from: Option<Date>,
    pub sokuho_to: Option<Date>,
    /// 30, or 60 when the wrongful-intent ground applies.
    pub kakuho_days: Option<u32>,
    /// Awareness day = day 1, rolled past closed days (earliest over the regimes requiring a report).
    pub kakuho_due: Option<Date>,
    pub notify_individuals: bool,
    pub jnsa: Jnsa,
    /// One line per conclusion, naming its article.
    pub reasons: Vec<String>,
    /// One line per unknown fact and the default taken (plus notes on how facts were obtained).
    pub assumptions: Vec<String>,
    /// Outcomes if an unknown fact that matters were otherwise.
    pub branches: Vec<Branch>,
    /// Per regime detail.
    pub regime_details: Vec<RegimeAssessment>,
    /// The facts used, defaults filled in.
    pub facts: Facts,
}

/// Facts with defaults applied.
#[derive(Debug, Clone)]
struct Resolved {
    org_kind: OrgKind,
    persons: Option<u64>,
    mn_persons: Option<u64>,
    data: Vec<DataKind>,
    mynumber: bool,
    cause: Option<Cause>,
    wrongful: bool,
    encrypted: bool,
    pseudonymized: bool,
    recovered: bool,
    ordinance: bool,
    processor_notified: bool,
    leak: Leak,
    aware: Option<Date>,
    card_last4_only: bool,
    payment_credentials: bool,
    financial_override: Option<bool>,
    pre_storage: bool,
    publicly_viewable: bool,
    mynumber_system: bool,
    nondisclosure: bool,
    social: SocialResponsibility,
    response: Response,
}

/// Whether a cause in itself implies a possibly wrongful act (attacks and insiders do; loss,
/// misdelivery and misconfiguration do not; `loss_theft` is taken as loss).
pub fn cause_implies_wrongful(c: Cause) -> bool {
    c.is_attack() || c.is_insider()
}

fn resolve(f: &Facts) -> Resolved {
    let data = f.data_kinds().to_vec();
    let mynumber = f.involves_my_number();
    Resolved {
        org_kind: f.org_kind.unwrap_or(OrgKind::Business),
        persons: f.persons,
        mn_persons: f
            .my_number_persons
            .or(if mynumber { f.persons } else { None }),
        mynumber,
        cause: f.cause,
        wrongful: f
            .wrongful_intent
            .unwrap_or_else(|| f.cause.is_some_and(cause_implies_wrongful)),
        encrypted: f.encrypted.unwrap_or(false),
        pseudonymized: f.pseudonymized.unwrap_or(false),
        recovered: f.recovered_unviewed.unwrap_or(false),
        ordinance: f.ordinance_sensitive.unwrap_or(false),
        processor_notified: f.processor_notified_controller.unwrap_or(false),
        leak: f.leak.unwrap_or(Leak::Possible),
        aware: f.aware,
        card_last4_only: f.card_last4_only.unwrap_or(false),
        payment_credentials: f.payment_credentials.unwrap_or(false),
        financial_override: f.financial_risk,
        pre_storage: f.pre_storage.unwrap_or(false),
        publicly_viewable: f
            .publicly_viewable
            .unwrap_or(f.cause == Some(Cause::Misconfiguration)),
        mynumber_system: f.mynumber_system.unwrap_or(false),
        nondisclosure: f.nondisclosure_info.unwrap_or(false),
        social: f
            .social_responsibility
            .unwrap_or(SocialResponsibility::Normal),
        response: f.response.unwrap_or(Response::Unknown),
        data,
    }
}

/// The facts with every default filled in (for the output's `facts`).
fn filled(f: &Facts, r: &Resolved) -> Facts {
    Facts {
        org_kind: Some(r.org_kind),
        persons: r.persons,
        my_number_persons: r.mn_persons,
        data: Some(r.data.clone()),
        cause: r.cause,
        wrongful_intent: Some(r.wrongful),
        encrypted: Some(r.encrypted),
        pseudonymized: Some(r.pseudonymized),
        recovered_unviewed: Some(r.recovered),
        ordinance_sensitive: Some(r.ordinance),
        processor_notified_controller: Some(r.processor_notified),
        aware: r.aware,
        social_responsibility: Some(r.social),
        response: Some(r.response),
        leak: Some(r.leak),
        card_last4_only: Some(r.card_last4_only),
        payment_credentials: Some(r.payment_credentials),
        financial_risk: f.financial_risk,
        pre_storage: Some(r.pre_storage),
        publicly_viewable: Some(r.publicly_viewable),
        mynumber_system: Some(r.mynumber_system),
        nondisclosure_info: Some(r.nondisclosure),
        jnsa_levels: f.jnsa_levels.clone(),
        notes: Vec::new(),
    }
}

/// `施行規則第7条第1号`, `施行規則第7条第3号` → `施行規則第7条第1号・第3号`.
pub(crate) fn join_articles(arts: &[String]) -> String {
    let mut out = String::new();
    let mut prev: Option<&str> = None;
    for a in arts {
        let split = a.rfind('条').map(|i| i + '条'.len_utf8()).unwrap_or(0);
        let (head, tail) = a.split_at(split);
        if !out.is_empty() {
            out.push('・');
        }
        if prev == Some(head) && !tail.is_empty() {
            out.push_str(tail);
        } else {
            out.push_str(a);
        }
        prev = Some(head);
    }
    out
}

fn kinds_ja(kinds: &[DataKind]) -> String {
    kinds.iter().map(|k| k.ja()).collect::<Vec<_>>().join("・")
}

fn count(n: u64) -> String {
    yen(n)
}

/// 2024-04-01: 令和5年個人情報保護委員会規則第5号 (pre-storage information under Rule 7(iii)).
fn amendment_2024() -> Date {
    Date::new(2024, 4, 1).expect("valid date")
}

/// The outcome of the decision for one set of resolved facts.
struct Decision {
    regimes: Vec<RegimeAssessment>,
    reasons: Vec<String>,
    /// 確報 lines, shown after the 速報 line.
    deadline_reasons: Vec<String>,
}

impl Decision {
    fn report_required(&self) -> bool {
        self.regimes.iter().any(|r| r.report_required)
    }
    fn grounds(&self) -> Vec<Ground> {
        let mut g: Vec<Ground> = self
            .regimes
            .iter()
            .flat_map(|r| r.grounds.iter().copied())
            .collect();
        g.sort();
        g.dedup();
        g
    }
    fn notify(&self) -> bool {
        self.regimes.iter().any(|r| r.notify_individuals)
    }
    /// The earliest 確報 among the regimes that require a report: (days, due).
    fn kakuho(&self) -> (Option<u32>, Option<Date>) {
        let req: Vec<&RegimeAssessment> =
            self.regimes.iter().filter(|r| r.report_required).collect();
        let with_due = req
            .iter()
            .filter_map(|r| r.kakuho_due.map(|d| (d, r.kakuho_days)))
            .min();
        match with_due {
            Some((d, days)) => (days, Some(d)),
            None => (req.iter().filter_map(|r| r.kakuho_days).min(), None),
        }
    }
}

fn decide(r: &Resolved) -> Decision {
    let mut reasons = Vec::new();
    let mut regimes = vec![appi(r, &mut reasons)];
    if r.mynumber {
        regimes.push(mynumber(r, &mut reasons));
    }
    let mut deadline_reasons = Vec::new();
    for reg in regimes.iter_mut() {
        deadlines(reg, r.aware, &mut deadline_reasons);
    }
    Decision {
        regimes,
        reasons,
        deadline_reasons,
    }
}

fn exempt(out: &mut RegimeAssessment, code: &str, basis: &str) {
    out.exemption = Some(code.into());
    out.basis = vec![basis.into()];
}

/// Exemptions shared by both laws: no leak, recovery before viewing. Returns true if one applies.
fn no_leak(r: &Resolved, out: &mut RegimeAssessment, reasons: &mut Vec<String>) -> bool {
    let art = out.regime.report_article();
    if r.leak == Leak::None {
        let basis = format!("{art}; ガイドライン通則編3-5-1");
        reasons.push(format!(
            "漏えい・滅失・毀損もそのおそれもない(調査で否定、又は同一内容のデータが残存): 報告対象の事態に当たらない ({basis})"
        ));
        exempt(out, "no_leak", &basis);
        return true;
    }
    if r.recovered {
        let basis = format!("{art}; ガイドライン通則編3-5-1; Q&A A6-1");
        reasons.push(format!(
            "第三者に閲覧される前に全て回収された: 漏えいに当たらない ({basis})"
        ));
        exempt(out, "recovered_unviewed", &basis);
        return true;
    }
    false
}

fn conclude(out: &mut RegimeAssessment, reasons: &mut Vec<String>, r: &Resolved) {
    let regime = out.regime;
    if out.grounds.is_empty() {
        let basis = format!(
            "{}; {}各号に該当しない",
            regime.report_article(),
            regime.rule()
        );
        let extra = match regime {
            Regime::Mynumber => "。報告義務はないが、個人情報保護委員会への報告に努める (特定個人情報の適正な取扱いに関するガイドライン第3-6)",
            _ => "。任意の報告は可能 (ガイドライン通則編3-5-3-1※1)",
        };
        reasons.push(format!(
            "結論({}): 報告義務なし ({basis}){extra}",
            regime.law()
        ));
        exempt(out, "no_ground", &basis);
        return;
    }
    if r.processor_notified && regime != Regime::AppiPublic {
        let basis = match regime {
            Regime::Mynumber => "番号法第29条の4第1項ただし書; 特定個人情報漏えい等報告規則第4条",
            _ => "法第26条第1項ただし書・第2項括弧書; 施行規則第9条",
        };
        reasons.push(format!(
            "結論({}): 報告対象の事態に当たるが、委託先として委託元へ速やかに通知したため、報告・本人通知の義務を負わない (委託元が報告する) ({basis})",
            regime.law()
        ));
        exempt(out, "processor_notified_controller", basis);
        return;
    }
    let wrongful = out
        .grounds
        .iter()
        .any(|g| matches!(g, Ground::Wrongful | Ground::MynumberWrongful));
    out.report_required = true;
    out.kakuho_days = Some(if wrongful { 60 } else { 30 });
    out.basis = out
        .grounds
        .iter()
        .map(|g| regime.ground_article(*g))
        .collect();
    reasons.push(format!(
        "結論({}): 個人情報保護委員会への報告義務あり ({}; {})",
        regime.law(),
        regime.report_article(),
        join_articles(&out.basis)
    ));
    if regime == Regime::AppiPublic && r.nondisclosure {
        reasons.push(
            "本人への通知: 保有個人情報に不開示情報が含まれるため不要 (法第68条第2項第2号)".into(),
        );
    } else {
        out.notify_individuals = true;
        reasons.push(format!(
            "本人への通知({}): 必要。事態の状況に応じて速やかに。通知が困難な場合は公表等の代替措置 ({})",
            regime.law(),
            regime.notice_article()
        ));
    }
}

fn new_regime(regime: Regime) -> RegimeAssessment {
    RegimeAssessment {
        regime,
        law: regime.law().into(),
        report_required: false,
        grounds: Vec::new(),
        exemption: None,
        kakuho_days: None,
        kakuho_due: None,
        notify_individuals: false,
        basis: Vec::new(),
    }
}

fn appi(r: &Resolved, reasons: &mut Vec<String>) -> RegimeAssessment {
    let public = r.org_kind == OrgKind::PublicBody;
    let regime = if public {
        Regime::AppiPublic
    } else {
        Regime::AppiPrivate
    };
    let mut out = new_regime(regime);
    reasons.push(match r.org_kind {
        OrgKind::Business => "適用: 個人情報保護法第26条 (個人情報取扱事業者の漏えい等報告; 施行規則第7条〜第10条)".into(),
        OrgKind::PublicMedicalAcademic => "適用: 個人情報保護法第26条 (法第58条第2項: 地方公共団体の病院・診療所・大学等は個人情報取扱事業者と同じ規律、人数基準は1,000人; 施行規則第7条〜第10条)".into(),
        OrgKind::PublicBody => "適用: 個人情報保護法第68条 (行政機関等の漏えい等報告; 施行規則第43条〜第45条)".to_string(),
        OrgKind::OutsideAppi => "適用外: 裁判所・国会は個人情報保護法の行政機関等(法第2条第8項・第11項)にも個人情報取扱事業者(法第16条第2項: 国の機関を除く)にも当たらない".to_string(),
    });
    if r.org_kind == OrgKind::OutsideAppi {
        let basis = "法第2条第8項・第11項; 法第16条第2項";
        reasons.push(format!(
            "裁判所・国会の漏えい等: 個人情報保護法第26条・第68条の報告義務はない。各機関の定める規程による ({basis})"
        ));
        exempt(&mut out, "outside_appi", basis);
        return out;
    }
    if no_leak(r, &mut out, reasons) {
        return out;
    }
    if r.pseudonymized {
        let (why, basis) = if public {
            (
                "仮名加工情報は行政機関等の保有個人情報として扱わない(前提)",
                "法第68条第1項",
            )
        } else {
            ("仮名加工情報には法第26条を適用しない", "法第41条第9項")
        };
        reasons.push(format!(
            "仮名加工情報の漏えい等: {why}ため報告義務の対象外 ({basis})"
        ));
        exempt(&mut out, "pseudonymized", basis);
        return out;
    }
    let rule = regime.rule();
    if r.encrypted {
        let basis = format!("{rule}第1号括弧書");
        reasons.push(format!(
            "高度な暗号化その他の個人の権利利益を保護するために必要な措置(鍵は別管理)が講じられている: 報告対象外 ({basis}; Q&A A17-14同旨)"
        ));
        exempt(&mut out, "encrypted", &basis);
        return out;
    }
    let art = |g| regime.ground_article(g);
    let pre = r.pre_storage;
    let personal = if public {
        "保有個人情報"
    } else {
        "個人データ"
    };
    if pre {
        reasons.push(format!(
            "漏えい等したのは保存前の入力情報のみ: 第1号・第2号・第4号は{personal}が対象のため非該当 ({rule}第1号・第2号・第4号)"
        ));
    } else {
        // (i) 要配慮個人情報
        let sensitive: Vec<DataKind> = r
            .data
            .iter()
            .copied()
            .filter(|k| k.is_sensitive())
            .collect();
        if sensitive.is_empty() {
            reasons.push(format!(
                "要配慮個人情報を含まない: 非該当 ({})",
                art(Ground::Sensitive)
            ));
        } else {
            out.grounds.push(Ground::Sensitive);
            reasons.push(format!(
                "要配慮個人情報({})を含む: 該当 ({}; 法第2条第3項)",
                kinds_ja(&sensitive),
                art(Ground::Sensitive)
            ));
        }
        // (ii) 財産的被害のおそれ
        let has = |k| r.data.contains(&k);
        let a2 = art(Ground::Financial);
        let card = has(DataKind::CreditCard);
        let creds = has(DataKind::Credentials) || has(DataKind::BankAccount);
        let (financial, why) = match r.financial_override {
            Some(true) => (true, format!("財産的被害が生じるおそれがある(入力による): 該当 ({a2})")),
            Some(false) => (false, format!("財産的被害が生じるおそれはない(入力による): 非該当 ({a2})")),
            None if card && !r.card_last4_only => (
                true,
                format!("クレジットカード番号を含む: 不正に利用されることにより財産的被害が生じるおそれ: 該当 ({a2}; Q&A 6-12)"),
            ),
            None if creds && r.payment_credentials => (
                true,
                format!("決済・送金に使える認証情報(ID・パスワード、口座と暗証番号等)を含む: 該当 ({a2}; ガイドライン通則編3-5-3-1)"),
            ),
            None if card => (
                false,
                format!("クレジットカード番号の下4桁・有効期限のみ: 直ちに財産的被害のおそれがあるとはいえない: 非該当 ({a2}; Q&A 6-12)"),
            ),
            None if creds => (
                false,
                format!("口座番号・ID等のみで決済・送金には使えない: 直ちに財産的被害のおそれがあるとはいえない: 非該当 ({a2}; Q&A 6-11・14-8)"),
            ),
            None => (
                false,
                format!("財産的被害のおそれがある情報(カード番号、決済可能な認証情報等)を含まない: 非該当 ({a2}; Q&A 6-11)"),
            ),
        };
        if financial {
            out.grounds.push(Ground::Financial);
        }
        reasons.push(why);
    }
    // (iii) 不正の目的
    let a3 = art(Ground::Wrongful);
    let cause = r
        .cause
        .map(|c| format!("原因: {}", c.ja()))
        .unwrap_or_else(|| "原因不明".into());
    if r.wrongful {
        if pre && r.aware.is_some_and(|d| d < amendment_2024()) {
            reasons.push(format!(
                "保存前の入力情報の窃取は2024年4月1日施行の改正(令和5年個人情報保護委員会規則第5号)前に知った事態のため対象外: 非該当 ({a3})"
            ));
        } else {
            out.grounds.push(Ground::Wrongful);
            let pre_note = if pre {
                "(取得しようとしている個人情報を含む: 2024年4月1日改正)"
            } else {
                ""
            };
            reasons.push(format!(
                "不正の目的をもって行われたおそれがある行為による漏えい等{pre_note}({cause}): 該当 ({a3})"
            ));
        }
    } else {
        reasons.push(format!(
            "不正の目的をもって行われたおそれがある行為によるものではない({cause}): 非該当 ({a3})"
        ));
    }
    // (iv) 人数
    if !pre {
        let t: u64 = if public { 100 } else { 1000 };
        let a4 = art(Ground::Volume);
        match r.persons {
            Some(n) if n > t => {
                out.grounds.push(Ground::Volume);
                reasons.push(format!(
                    "本人の数 {}人は{}人を超える: 該当 ({a4})",
                    count(n),
                    count(t)
                ));
            }
            Some(n) => reasons.push(format!(
                "本人の数 {}人は{}人以下: 非該当 ({a4})",
                count(n),
                count(t)
            )),
            None => reasons.push(format!(
                "本人の数が不明: {}人を超えないものとして非該当 ({a4})",
                count(t)
            )),
        }
    }
    // (v) 条例要配慮個人情報
    if public {
        let a5 = art(Ground::OrdinanceSensitive);
        if r.ordinance {
            out.grounds.push(Ground::OrdinanceSensitive);
            reasons.push(format!(
                "条例要配慮個人情報を含む: 該当 ({a5}; 法第60条第5項)"
            ));
        } else {
            reasons.push(format!("条例要配慮個人情報を含まない: 非該当 ({a5})"));
        }
    } else if r.ordinance {
        reasons.push("条例要配慮個人情報は行政機関等の報告事由であり、法第26条の規律では報告事由にならない (施行規則第43条第5号)".into());
    }
    if public && r.processor_notified {
        reasons.push("委託先が委託元に通知した場合の免除は法第68条にはない (法第68条第1項)".into());
    }
    out.grounds.sort();
    conclude(&mut out, reasons, r);
    out
}

fn mynumber(r: &Resolved, reasons: &mut Vec<String>) -> RegimeAssessment {
    let regime = Regime::Mynumber;
    let mut out = new_regime(regime);
    reasons.push("適用: 番号法第29条の4 (特定個人情報の漏えい等報告; 特定個人情報漏えい等報告規則第2条〜第5条)".into());
    if no_leak(r, &mut out, reasons) {
        return out;
    }
    if r.encrypted {
        let basis = "特定個人情報漏えい等報告規則第2条第1号括弧書";
        reasons.push(format!(
            "高度な暗号化その他の個人の権利利益を保護するために必要な措置が講じられた特定個人情報: 報告対象外 ({basis}; Q&A A17-14)"
        ));
        exempt(&mut out, "encrypted", basis);
        return out;
    }
    let art = |g| regime.ground_article(g);
    let mut item = |found: bool, g: Ground, yes: String, no: String| {
        if found {
            out.grounds.push(g);
            reasons.push(format!("{yes}: 該当 ({})", art(g)));
        } else {
            reasons.push(format!("{no}: 非該当 ({})", art(g)));
        }
    };
    item(
        r.mynumber_system,
        Ground::MynumberSystem,
        "情報提供ネットワークシステム・個人番号利用事務等の情報システムで管理される特定個人情報".into(),
        "情報提供ネットワークシステム・個人番号利用事務等の情報システムで管理される特定個人情報ではない".into(),
    );
    item(
        r.wrongful,
        Ground::MynumberWrongful,
        "不正の目的をもって行われたおそれがある漏えい等、又は不正の目的による利用・提供のおそれ"
            .into(),
        "不正の目的による漏えい等・利用・提供ではない".into(),
    );
    item(
        r.publicly_viewable,
        Ground::MynumberPublic,
        "電磁的方法により不特定多数の者が閲覧できる状態になった".into(),
        "不特定多数の者が閲覧できる状態ではない".into(),
    );
    let (over, text) = match r.mn_persons {
        Some(n) => (
            n > 100,
            format!("マイナンバーを含む本人の数 {}人", count(n)),
        ),
        None => (false, "マイナンバーを含む本人の数が不明".into()),
    };
    item(
        over,
        Ground::MynumberVolume,
        format!("{text}は100人を超える"),
        if r.mn_persons.is_some() {
            format!("{text}は100人以下")
        } else {
            format!("{text}: 100人を超えないものとする")
        },
    );
    conclude(&mut out, reasons, r);
    out
}

fn deadlines(out: &mut RegimeAssessment, aware: Option<Date>, reasons: &mut Vec<String>) {
    let Some(days) = out.kakuho_days.filter(|_| out.report_required) else {
        return;
    };
    let art = out.regime.kakuho_article();
    let Some(aware) = aware else {
        reasons.push(format!(
            "確報({}): 知った日を1日目として{days}日以内。知った日が不明のため期限日は計算しない ({art})",
            out.regime.law()
        ));
        return;
    };
    let raw = aware.add_days(i64::from(days) - 1);
    let due = next_open_day(raw);
    let roll = if due == raw {
        String::new()
    } else {
        format!(
            "で{}のため、行政機関の休日でない日まで延びる (行政機関の休日に関する法律第2条)",
            closed_reason(raw).unwrap_or_default()
        )
    };
    let why = if days == 60 {
        "不正の目的による事態を含むため60日"
    } else {
        "30日"
    };
    let day_n = if due == raw {
        String::new()
    } else {
        format!("、{days}日目は{raw}{roll}")
    };
    reasons.push(format!(
        "確報({}): 知った日({aware})を1日目として{why}{day_n} → 期限 {due} ({art}; ガイドライン通則編3-5-3-4)",
        out.regime.law()
    ));
    out.kakuho_due = Some(due);
}

/// The assumption stated for an unknown fact.
fn assumption(u: Unknown, f: &Facts, r: &Resolved) -> String {
    let t = if r.org_kind == OrgKind::PublicBody {
        "100"
    } else {
        "1,000"
    };
    let s: String = match u {
        Unknown::OrgKind => "組織の種別が不明: 民間事業者(法第26条)として判断".into(),
        Unknown::Persons => format!(
            "本人の数が不明: 報告基準の人数({t}人{})を超えないものとして判断。JNSAの総額は計算しない",
            if r.mynumber { "、マイナンバーは100人" } else { "" }
        ),
        Unknown::MyNumberPersons => match r.mn_persons {
            Some(n) => format!(
                "マイナンバーを含む本人の数が不明: 本人の数と同じ{}人(最大数)として判断",
                count(n)
            ),
            None => "マイナンバーを含む本人の数が不明: 100人を超えないものとして判断".into(),
        },
        Unknown::Data => "漏えい等した情報の項目が不明: 要配慮個人情報・クレジットカード情報・マイナンバー等を含まないものとして判断".into(),
        Unknown::Cause => match f.wrongful_intent {
            Some(_) => "原因が不明: 不正の目的の有無は入力どおりとして判断".into(),
            None => "原因が不明".into(),
        },
        Unknown::WrongfulIntent => match f.cause {
            Some(Cause::LossTheft) => "紛失か盗難かが不明: 紛失(不正の目的なし)として判断".into(),
            _ => "不正の目的による行為か不明: 不正の目的なしとして判断".into(),
        },
        Unknown::Leak => "漏えい等の有無が不明: 漏えい等(又はそのおそれ)ありとして判断".into(),
        Unknown::RecoveredUnviewed => "閲覧前に全て回収されたか不明: 回収されていないものとして判断".into(),
        Unknown::Encrypted => "高度な暗号化等の有無が不明: 暗号化等なしとして判断".into(),
        Unknown::Pseudonymized => "仮名加工情報か不明: 通常の個人データとして判断".into(),
        Unknown::ProcessorNotifiedController => "委託先として委託元へ通知済みか不明: 通知していない(自ら報告・通知の義務を負う)ものとして判断".into(),
        Unknown::OrdinanceSensitive => "条例要配慮個人情報を含むか不明: 含まないものとして判断".into(),
        Unknown::NondisclosureInfo => "不開示情報を含むか不明: 含まない(本人通知が必要)ものとして判断".into(),
        Unknown::CardLast4Only => "クレジットカード情報が番号全体か下4桁のみか不明: 番号全体(有効期限を含む)として判断".into(),
        Unknown::PaymentCredentials => "ID・パスワード/口座情報が決済・送金に使えるか不明: 使えないものとして判断".into(),
        Unknown::PubliclyViewable if r.publicly_viewable => "不特定多数が閲覧できる状態か不明: 原因が設定ミス・公開状態のため閲覧可能として判断".into(),
        Unknown::PubliclyViewable => "不特定多数が閲覧できる状態か不明: 閲覧可能ではないものとして判断".into(),
        Unknown::MynumberSystem => "情報提供ネットワークシステム・個人番号利用事務等の情報システムで管理される特定個人情報か不明: 該当しないものとして判断".into(),
        Unknown::Aware => "知った日が不明: 速報・確報の期限日は計算しない".into(),
        Unknown::SocialResponsibility => "社会的責任度が不明: 平均(係数1)として計算 (JNSA)".into(),
        Unknown::Response => "事後対応の評価が不明: 係数1として計算 (JNSA)".into(),
    };
    s
}

/// Alternatives for the unknown facts: (fact, condition, facts with that fact set).
fn alternatives(f: &Facts, r: &Resolved) -> Vec<(Unknown, String, Facts)> {
    let mut out = Vec::new();
    let mut alt = |u: Unknown, cond: String, edit: &dyn Fn(&mut Facts)| {
        let mut g = f.clone();
        edit(&mut g);
        out.push((u, cond, g));
    };
    for u in f.unknowns() {
        match u {
            Unknown::OrgKind => alt(u, "行政機関等(法第68条)の場合".into(), &|g| {
                g.org_kind = Some(OrgKind::PublicBody)
            }),
            Unknown::Persons => {
                let mut thresholds = vec![if r.org_kind == OrgKind::PublicBody {
                    100
                } else {
                    1000
                }];
                if r.mynumber && f.my_number_persons.is_none() {
                    thresholds.push(100);
                }
                thresholds.sort();
                thresholds.dedup();
                for t in thresholds {
                    alt(u, format!("本人の数が{}人を超える場合", count(t)), &|g| {
                        g.persons = Some(t + 1)
                    });
                }
            }
            Unknown::MyNumberPersons => match r.mn_persons {
                Some(n) if n > 100 => alt(u, "マイナンバーを含む本人が100人以下の場合".into(), &|g| {
                    g.my_number_persons = Some(100)
                }),
                Some(_) => {}
                None => alt(u, "マイナンバーを含む本人が100人を超える場合".into(), &|g| {
                    g.my_number_persons = Some(101)
                }),
            },
            Unknown::Data => {
                alt(u, "要配慮個人情報(病歴等)を含む場合".into(), &|g| {
                    g.data = Some(vec![DataKind::Health])
                });
                alt(u, "クレジットカード番号を含む場合".into(), &|g| {
                    g.data = Some(vec![DataKind::CreditCard])
                });
                alt(u, "マイナンバーを含む場合".into(), &|g| {
                    g.data = Some(vec![DataKind::MyNumber])
                });
            }
            Unknown::WrongfulIntent => {
                let cond = if f.cause == Some(Cause::LossTheft) {
                    "紛失ではなく盗難(不正の目的による行為)の場合"
                } else {
                    "不正アクセス・盗難・内部不正など不正の目的による行為が原因の場合"
                };
                alt(u, cond.into(), &|g| g.wrongful_intent = Some(true));
            }
            Unknown::Leak => alt(
                u,
                "調査で漏えい等のおそれがないと確認された場合".into(),
                &|g| g.leak = Some(Leak::None),
            ),
            Unknown::RecoveredUnviewed => alt(
                u,
                "第三者の閲覧前に全て回収された場合".into(),
                &|g| g.recovered_unviewed = Some(true),
            ),
            Unknown::Encrypted => alt(
                u,
                "高度な暗号化等がされ、鍵も別に管理されていた場合".into(),
                &|g| g.encrypted = Some(true),
            ),
            Unknown::Pseudonymized => alt(u, "仮名加工情報のみの場合".into(), &|g| {
                g.pseudonymized = Some(true)
            }),
            Unknown::ProcessorNotifiedController => alt(
                u,
                "委託先として委託元へ速やかに通知した場合".into(),
                &|g| g.processor_notified_controller = Some(true),
            ),
            Unknown::OrdinanceSensitive => alt(u, "条例要配慮個人情報を含む場合".into(), &|g| {
                g.ordinance_sensitive = Some(true)
            }),
            Unknown::NondisclosureInfo => alt(u, "不開示情報を含む場合".into(), &|g| {
                g.nondisclosure_info = Some(true)
            }),
            Unknown::CardLast4Only => alt(
                u,
                "カード番号の下4桁・有効期限のみの場合".into(),
                &|g| g.card_last4_only = Some(true),
            ),
            Unknown::PaymentCredentials => alt(
                u,
                "決済・送金に使える認証情報(ネットバンキングのID・パスワード、暗証番号等)を含む場合"
                    .into(),
                &|g| g.payment_credentials = Some(true),
            ),
            Unknown::PubliclyViewable => {
                let now = r.publicly_viewable;
                let cond = if now {
                    "不特定多数が閲覧できる状態ではなかった場合"
                } else {
                    "インターネット等で不特定多数が閲覧できる状態だった場合"
                };
                alt(u, cond.into(), &|g| g.publicly_viewable = Some(!now));
            }
            Unknown::MynumberSystem => alt(
                u,
                "情報提供ネットワークシステム・個人番号利用事務等の情報システムで管理される特定個人情報の場合"
                    .into(),
                &|g| g.mynumber_system = Some(true),
            ),
            Unknown::Cause | Unknown::Aware | Unknown::SocialResponsibility | Unknown::Response => {}
        }
    }
    out
}

fn branch(u: Unknown, condition: String, main: &Decision, alt: &Decision) -> Option<Branch> {
    let (days, due) = alt.kakuho();
    let (main_days, _) = main.kakuho();
    let required = alt.report_required();
    let notify = alt.notify();
    if required == main.report_required() && notify == main.notify() && days == main_days {
        return None;
    }
    let main_grounds = main.grounds();
    let summary = if required {
        let mut arts: Vec<String> = alt
            .regimes
            .iter()
            .filter(|r| r.report_required)
            .flat_map(|r| {
                r.grounds
                    .iter()
                    .filter(|g| !main_grounds.contains(g))
                    .map(|g| r.regime.ground_article(*g))
                    .collect::<Vec<_>>()
            })
            .collect();
        if arts.is_empty() {
            arts = alt
                .regimes
                .iter()
                .filter(|r| r.report_required)
                .flat_map(|r| r.basis.clone())
                .collect();
        }
        let deadline = match (days, due) {
            (Some(d), Some(due)) => format!("、確報{d}日(期限 {due})"),
            (Some(d), None) => format!("、確報{d}日"),
            _ => String::new(),
        };
        let notice = if notify {
            ""
        } else {
            "、本人通知は不要"
        };
        format!(
            "{condition}: 報告義務あり{deadline}{notice} ({})",
            join_articles(&arts)
        )
    } else if main.report_required() {
        let basis: Vec<String> = alt
            .regimes
            .iter()
            .filter(|r| {
                main.regimes
                    .iter()
                    .any(|m| m.regime == r.regime && m.report_required)
            })
            .flat_map(|r| r.basis.clone())
            .collect();
        format!("{condition}: 報告義務なし ({})", basis.join("; "))
    } else {
        format!(
            "{condition}: 本人通知は{} ({})",
            if notify { "必要" } else { "不要" },
            alt.regimes
                .iter()
                .map(|r| r.regime.notice_article())
                .collect::<Vec<_>>()
                .join("; ")
        )
    };
    Some(Branch {
        fact: u,
        condition,
        report_required: required,
        grounds: alt.grounds(),
        kakuho_days: days,
        kakuho_due: due,
        notify_individuals: notify,
        summary,
    })
}

/// Assess a set of facts: the decision under every applicable regime, deadlines, individual
/// notice, the JNSA estimate, the reasons, the assumptions for unknown facts and, for unknown
/// facts that matter, the outcome if they were otherwise.
pub fn assess(facts: &Facts) -> Assessment {
    let r = resolve(facts);
    let main = decide(&r);
    let mut reasons = main.reasons.clone();
    let report_required = main.report_required();
    let (kakuho_days, kakuho_due) = main.kakuho();
    let (sokuho_from, sokuho_to) = match (report_required, r.aware) {
        (true, Some(a)) => (Some(a.add_days(3)), Some(a.add_days(5))),
        _ => (None, None),
    };
    if report_required {
        let arts: Vec<&str> = main
            .regimes
            .iter()
            .filter(|x| x.report_required)
            .map(|x| x.regime.sokuho_article())
            .collect();
        let window = match (sokuho_from, sokuho_to) {
            (Some(a), Some(b)) => format!(" → 目安 {a}〜{b}"),
            _ => String::new(),
        };
        reasons.push(format!(
            "速報: 事態を知った後速やかに、目安は知った時点から概ね3〜5日以内{window} ({}; ガイドライン通則編3-5-3-3)",
            arts.join("; ")
        ));
    }
    let jnsa = jnsa::estimate(&JnsaInput {
        data: &r.data,
        persons: r.persons,
        social_responsibility: r.social,
        response: r.response,
        card_last4_only: r.card_last4_only,
        payment_credentials: r.payment_credentials,
        overrides: &facts.jnsa_levels,
    });
    reasons.extend(main.deadline_reasons.iter().cloned());
    reasons.push(jnsa_line(&jnsa));

    let unknowns = facts.unknowns();
    let mut assumptions: Vec<String> = facts.notes.clone();
    assumptions.extend(unknowns.iter().map(|u| assumption(*u, facts, &r)));

    let branches = alternatives(facts, &r)
        .into_iter()
        .filter_map(|(u, cond, alt_facts)| {
            let alt = decide(&resolve(&alt_facts));
            branch(u, cond, &main, &alt)
        })
        .collect();

    let mut regimes: Vec<Regime> = main.regimes.iter().map(|x| x.regime).collect();
    regimes.dedup();
    Assessment {
        report_required,
        grounds: main.grounds(),
        regimes,
        sokuho_from,
        sokuho_to,
        kakuho_days: if report_required { kakuho_days } else { None },
        kakuho_due: if report_required { kakuho_due } else { None },
        notify_individuals: main.notify(),
        jnsa,
        reasons,
        assumptions,
        branches,
        facts: filled(facts, &r),
        regime_details: main.regimes,
    }
}

fn jnsa_line(j: &Jnsa) -> String {
    let total = match (j.total, j.persons) {
        (Some(t), Some(n)) => format!(" × {}人 = 総額 {}円", count(n), yen(t)),
        _ => " (人数不明のため総額は計算しない)".into(),
    };
    format!(
        "JNSA想定損害賠償額: 基礎情報価値{} × 機微情報度{}(精神的苦痛レベル{}・経済的損失レベル{}) × 本人特定容易度{} × 社会的責任度{} × 事後対応評価{} = 1人あたり {}円{total} (JNSA JOモデル)",
        j.base_value,
        j.sensitivity,
        j.privacy_level,
        j.economic_level,
        j.identifiability,
        j.social_responsibility_factor,
        j.response_factor,
        yen(j.per_person)
    )
}
