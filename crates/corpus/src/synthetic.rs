//! Synthetic incident records (no document, no extraction) for a store benchmark at a scale no
//! real corpus reaches (a million incidents): `jikenbo_store::bench::insert_synthetic` writes them
//! straight into a throw-away store.

use crate::Rng;
use jikenbo_model::{Actor, Cause, DataKind, Incident, Leak, PartialDate, Span};

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
    (Cause::Misconfiguration, "クラウドサービスの共有設定に誤りがあり、名簿ファイルを誰でもインターネットから見られる状態にしていた。"),
    (Cause::SupportScam, "職員が偽の警告画面に表示された電話番号に連絡し、遠隔操作ソフトをインストールさせられた。サポート詐欺の被害である。"),
    (Cause::Phishing, "職員がフィッシングメールのリンクから偽のログイン画面にIDとパスワードを入力し、メールアカウントに不正ログインされた。"),
    (Cause::TargetedEmail, "取引先を装った標的型メールの添付ファイルを開封し、業務用パソコンがマルウェアに感染した。"),
    (Cause::InsiderSnooping, "職員が業務上の必要がないにもかかわらず、住民情報を閲覧していたことが判明した。"),
];

/// One synthetic incident: the record (organization, title, dates, persons, leak, data, cause,
/// actor; no evidence, no labels) and the body text its search-index row holds.
#[derive(Debug, Clone)]
pub struct SyntheticIncident {
    pub incident: Incident,
    pub body: String,
}

/// The endless, deterministic sequence of synthetic incidents for `seed`.
pub fn synthetic_incidents(seed: u64) -> impl Iterator<Item = SyntheticIncident> {
    let mut rng = Rng::new(seed);
    std::iter::repeat_with(move || synthetic_incident(&mut rng))
}

fn synthetic_incident(rng: &mut Rng) -> SyntheticIncident {
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
    let code = rng.next_u64() % 10_000_000;
    let body = format!(
        "{org}は、{}に{what}対象は{}の個人情報{}件。管理番号 J{code:07}。",
        published.map(|d| d.to_string()).unwrap_or_default(),
        data.iter().map(|k| k.ja()).collect::<Vec<_>>().join("、"),
        affected
            .map(|a| a.to_string())
            .unwrap_or_else(|| "不明".into()),
    );
    let mut incident = Incident::empty("", Span::new(0, 0));
    incident.organization = Some(org);
    incident.title = Some(format!("{}による個人情報漏えいについて", cause.ja()));
    incident.published = published;
    incident.occurred = occurred;
    incident.discovered = discovered;
    incident.affected = affected;
    incident.leak = Some(leak);
    incident.data = data;
    incident.cause = Some(cause);
    incident.actor = Some(actor);
    SyntheticIncident { incident, body }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic() {
        let a: Vec<String> = synthetic_incidents(7).take(50).map(|s| s.body).collect();
        let b: Vec<String> = synthetic_incidents(7).take(50).map(|s| s.body).collect();
        assert_eq!(a, b);
        assert!(synthetic_incidents(7)
            .take(50)
            .all(|s| s.incident.organization.is_some() && s.incident.cause.is_some()));
    }
}
