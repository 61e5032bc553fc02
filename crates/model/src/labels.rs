//! Derived labels: a documented mapping from extracted fields to the label vocabulary curators
//! use (`インシデント:内部犯行`, `業種:医療機関`, ...).
//!
//! | label | when |
//! |---|---|
//! | `インシデント:内部犯行` | cause is one of the `insider_*` causes |
//! | `インシデント:サイバー攻撃` | cause is an attack (`targeted_email`, `phishing`, `support_scam`, `ransomware`, `unauthorized_access`, `malware`) |
//! | `インシデント:ランサムウェア` / `インシデント:サポート詐欺` / `インシデント:フィッシング` | that cause |
//! | `インシデント:ヒューマンエラー` | `misdelivery`, `loss_theft` or `misconfiguration` |
//! | `インシデント:委託先` | actor is `partner` |
//! | `要配慮個人情報` | a data kind that is 要配慮 (`health`, `criminal`, ...) |
//! | `マイナンバー` | data includes `my_number` |
//! | `業種:<sector>` | the sector inferred from the organization's name ([`sector_of`]) |

use crate::{Actor, Cause, DataKind, Incident};

/// Sector of an organization, inferred from the form of its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sector {
    Medical,
    LocalGovernment,
    NationalGovernment,
    Police,
    School,
    Company,
    Association,
}

impl Sector {
    /// Every sector, in the order lists and statistics show them.
    pub const ALL: &'static [Sector] = &[
        Sector::Medical,
        Sector::LocalGovernment,
        Sector::NationalGovernment,
        Sector::Police,
        Sector::School,
        Sector::Company,
        Sector::Association,
    ];

    /// The key (`medical`, `local_government`…), as for the other vocabularies.
    pub fn as_str(self) -> &'static str {
        match self {
            Sector::Medical => "medical",
            Sector::LocalGovernment => "local_government",
            Sector::NationalGovernment => "national_government",
            Sector::Police => "police",
            Sector::School => "school",
            Sector::Company => "company",
            Sector::Association => "association",
        }
    }

    /// A sector from its Japanese name (`医療機関`), its key (`medical`) or a common English
    /// word for it (`hospital`, `city`, `business`).
    pub fn parse(s: &str) -> Option<Sector> {
        let s = s.trim();
        let lower = s.to_ascii_lowercase();
        Sector::ALL.iter().copied().find(|x| {
            x.ja() == s
                || x.as_str() == lower
                || matches!(
                    (x, lower.as_str()),
                    (Sector::Medical, "hospital")
                        | (Sector::LocalGovernment, "municipality" | "city")
                        | (Sector::NationalGovernment, "government")
                        | (Sector::School, "education")
                        | (Sector::Company, "business")
                )
        })
    }

    pub fn ja(self) -> &'static str {
        match self {
            Sector::Medical => "医療機関",
            Sector::LocalGovernment => "自治体",
            Sector::NationalGovernment => "国の機関",
            Sector::Police => "警察",
            Sector::School => "学校",
            Sector::Company => "企業",
            Sector::Association => "団体",
        }
    }
}

/// Name endings and contained words that identify a sector, checked in order (first hit wins).
/// Example: `大阪府済生会富田林病院` → 医療機関 (contains 病院), `宇陀市` → 自治体 (ends in 市).
const SECTOR_RULES: &[(Sector, &[&str], &[&str])] = &[
    // (sector, words contained anywhere, name endings)
    (Sector::Police, &["警察", "県警", "府警", "警視庁"], &[]),
    (
        Sector::Medical,
        &[
            "病院",
            "クリニック",
            "医院",
            "診療所",
            "医療センター",
            "医療法人",
            "薬局",
            "歯科",
        ],
        &[],
    ),
    (
        Sector::School,
        &[
            "大学",
            "高等学校",
            "高校",
            "中学校",
            "小学校",
            "学園",
            "学校",
            "教育委員会",
            "幼稚園",
            "保育園",
            "学習塾",
        ],
        &[],
    ),
    (
        Sector::NationalGovernment,
        &["省", "庁", "個人情報保護委員会", "独立行政法人"],
        &[],
    ),
    (
        Sector::LocalGovernment,
        &["役所", "役場", "自治体", "特別区"],
        &["市", "町", "村", "区", "県", "都", "府", "道"],
    ),
    (
        Sector::Company,
        &[
            "株式会社",
            "有限会社",
            "合同会社",
            "(株)",
            "（株）",
            "企業",
            "会社",
            "銀行",
            "生命",
            "証券",
            "事業者",
            "メーカー",
        ],
        &[],
    ),
    (
        Sector::Association,
        &[
            "協会",
            "連盟",
            "組合",
            "商工会",
            "財団",
            "社団",
            "法人",
            "協議会",
            "連合会",
        ],
        &[],
    ),
];

/// The words of every rule of [`SECTOR_RULES`] in one automaton, with the rules (a bit set) of
/// each word: a name is scanned once for all of them, not searched once per word (a substring
/// search sets up its searcher at every call, which costs more than a short name's scan).
static SECTOR_WORDS: std::sync::LazyLock<(aho_corasick::AhoCorasick, Vec<u64>)> =
    std::sync::LazyLock::new(|| {
        assert!(SECTOR_RULES.len() <= 64, "one bit per rule");
        let mut words: Vec<&str> = Vec::new();
        let mut rules: Vec<u64> = Vec::new();
        for (i, (_, ws, _)) in SECTOR_RULES.iter().enumerate() {
            for w in ws.iter() {
                match words.iter().position(|x| x == w) {
                    Some(k) => rules[k] |= 1 << i,
                    None => {
                        words.push(w);
                        rules.push(1 << i);
                    }
                }
            }
        }
        let ac = aho_corasick::AhoCorasick::new(&words).expect("sector words");
        (ac, rules)
    });

/// The sector of an organization name, or `None` when its form tells nothing: the first rule
/// with one of its words in the name or one of its endings at the name's end.
pub fn sector_of(org: &str) -> Option<Sector> {
    let org = org.trim();
    let (ac, rules) = &*SECTOR_WORDS;
    // the rules with a word in the name (every occurrence of every word, overlapping ones too)
    let with_word = ac
        .find_overlapping_iter(org)
        .fold(0u64, |m, w| m | rules[w.pattern().as_usize()]);
    SECTOR_RULES
        .iter()
        .enumerate()
        .find_map(|(i, (sector, _, endings))| {
            (with_word & (1 << i) != 0 || endings.iter().any(|e| org.ends_with(e)))
                .then_some(*sector)
        })
}

/// The labels that follow from an incident's fields (see the module table).
pub fn derived_labels(inc: &Incident) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(c) = inc.cause {
        if c.is_insider() {
            out.push("インシデント:内部犯行".into());
        }
        if c.is_attack() {
            out.push("インシデント:サイバー攻撃".into());
        }
        if c.is_error() {
            out.push("インシデント:ヒューマンエラー".into());
        }
        match c {
            Cause::Ransomware => out.push("インシデント:ランサムウェア".into()),
            Cause::SupportScam => out.push("インシデント:サポート詐欺".into()),
            Cause::Phishing => out.push("インシデント:フィッシング".into()),
            _ => {}
        }
    }
    if inc.actor == Some(Actor::Partner) {
        out.push("インシデント:委託先".into());
    }
    if inc.data.iter().any(|d| d.is_sensitive()) {
        out.push("要配慮個人情報".into());
    }
    if inc.data.contains(&DataKind::MyNumber) {
        out.push("マイナンバー".into());
    }
    if let Some(s) = inc.organization.as_deref().and_then(sector_of) {
        out.push(format!("業種:{}", s.ja()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;

    /// The rules as first written: a substring search per word.
    fn sector_by_search(org: &str) -> Option<Sector> {
        let org = org.trim();
        SECTOR_RULES.iter().find_map(|(sector, words, endings)| {
            (words.iter().any(|w| org.contains(w)) || endings.iter().any(|e| org.ends_with(e)))
                .then_some(*sector)
        })
    }

    proptest::proptest! {
        #[test]
        fn sectors_are_those_of_a_search_per_word(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "病院", "大学", "市", "県警", "警察", "株式会社", "(株)", "協会", "法人",
                    "省", "区", "道", "みどり", "さくら", "高校", "会社", "組合", " ", "署",
                ]),
                0..5,
            )
        ) {
            let org: String = parts.concat();
            proptest::prop_assert_eq!(sector_of(&org), sector_by_search(&org));
        }
    }

    #[test]
    fn every_word_and_ending_gives_the_sector_of_a_search() {
        for (_, words, endings) in SECTOR_RULES {
            for w in words.iter().chain(endings.iter()) {
                for org in [w.to_string(), format!("みどり{w}"), format!("{w}さくら")] {
                    assert_eq!(sector_of(&org), sector_by_search(&org), "{org}");
                }
            }
        }
    }

    #[test]
    fn sectors_are_a_vocabulary_with_keys() {
        for s in Sector::ALL {
            assert_eq!(Sector::parse(s.as_str()), Some(*s));
            assert_eq!(Sector::parse(s.ja()), Some(*s));
        }
        assert_eq!(Sector::parse("hospital"), Some(Sector::Medical));
        assert_eq!(Sector::parse(" City "), Some(Sector::LocalGovernment));
        assert_eq!(Sector::parse("謎"), None);
    }

    #[test]
    fn sectors_from_name_forms() {
        assert_eq!(sector_of("みどり市"), Some(Sector::LocalGovernment));
        assert_eq!(sector_of("さくら総合病院"), Some(Sector::Medical));
        assert_eq!(sector_of("青葉県警"), Some(Sector::Police));
        assert_eq!(sector_of("東西大学"), Some(Sector::School));
        assert_eq!(sector_of("株式会社サンプル"), Some(Sector::Company));
        assert_eq!(sector_of("日本サンプル協会"), Some(Sector::Association));
        assert_eq!(sector_of("ABC"), None);
    }

    #[test]
    fn insider_cause_gets_the_insider_label() {
        let mut inc = Incident::empty("x.txt", Span::new(0, 0));
        inc.cause = Some(Cause::InsiderTheft);
        inc.actor = Some(Actor::Partner);
        inc.organization = Some("株式会社サンプル".into());
        let l = derived_labels(&inc);
        assert!(l.contains(&"インシデント:内部犯行".to_string()));
        assert!(l.contains(&"インシデント:委託先".to_string()));
        assert!(l.contains(&"業種:企業".to_string()));
    }
}
