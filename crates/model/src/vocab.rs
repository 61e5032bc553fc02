//! The closed vocabularies of the schema (`leak`, `actor`, `cause`, `data`) with their Japanese
//! labels. The serde names are the contract.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {vocabulary} term {term:?}")]
pub struct UnknownTerm {
    pub vocabulary: &'static str,
    pub term: String,
}

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $vocab:literal { $($variant:ident => $key:literal, $ja:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant,)* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
            /// The schema's term.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $key,)* }
            }
            /// The Japanese label shown to users.
            pub fn ja(self) -> &'static str {
                match self { $($name::$variant => $ja,)* }
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownTerm;
            fn from_str(s: &str) -> Result<Self, UnknownTerm> {
                match s.trim() {
                    $($key => Ok($name::$variant),)*
                    other => Err(UnknownTerm { vocabulary: $vocab, term: other.to_string() }),
                }
            }
        }
    };
}

vocabulary! {
    /// Whether personal data is known to have leaked.
    Leak, "leak" {
        Confirmed => "confirmed", "漏えい確認";
        Possible => "possible", "漏えいのおそれ";
        None => "none", "漏えいなし";
    }
}

vocabulary! {
    /// Who acted.
    Actor, "actor" {
        Internal => "internal", "内部 (自組織の従業者)";
        Partner => "partner", "委託先・取引先";
        External => "external", "外部 (攻撃者・詐欺)";
    }
}

vocabulary! {
    /// The primary cause.
    Cause, "cause" {
        TargetedEmail => "targeted_email", "標的型メール";
        Phishing => "phishing", "フィッシング";
        SupportScam => "support_scam", "サポート詐欺";
        Ransomware => "ransomware", "ランサムウェア";
        UnauthorizedAccess => "unauthorized_access", "不正アクセス";
        Malware => "malware", "マルウェア感染";
        InsiderTheft => "insider_theft", "内部者による持ち出し";
        InsiderSnooping => "insider_snooping", "内部者による業務外閲覧";
        InsiderMisuse => "insider_misuse", "内部者による私的利用";
        InsiderDisclosure => "insider_disclosure", "内部者による漏らし";
        Misconfiguration => "misconfiguration", "設定ミス・公開状態";
        LossTheft => "loss_theft", "紛失・盗難";
        Misdelivery => "misdelivery", "誤送信・誤送付";
    }
}

impl Cause {
    /// Causes where the organization's own people (or its contractors' people) acted on purpose.
    pub fn is_insider(self) -> bool {
        matches!(
            self,
            Cause::InsiderTheft
                | Cause::InsiderSnooping
                | Cause::InsiderMisuse
                | Cause::InsiderDisclosure
        )
    }
    /// Causes that are an outside attack or fraud.
    pub fn is_attack(self) -> bool {
        matches!(
            self,
            Cause::TargetedEmail
                | Cause::Phishing
                | Cause::SupportScam
                | Cause::Ransomware
                | Cause::UnauthorizedAccess
                | Cause::Malware
        )
    }
    /// Causes that are mistakes rather than acts (loss, misdelivery, misconfiguration).
    pub fn is_error(self) -> bool {
        matches!(
            self,
            Cause::Misconfiguration | Cause::LossTheft | Cause::Misdelivery
        )
    }
}

vocabulary! {
    /// Kinds of personal data. The first 19 are scored; the rest serve the legal assessment.
    DataKind, "data" {
        Name => "name", "氏名";
        Address => "address", "住所";
        Phone => "phone", "電話番号";
        Email => "email", "メールアドレス";
        Birthdate => "birthdate", "生年月日";
        Gender => "gender", "性別";
        Age => "age", "年齢";
        BankAccount => "bank_account", "口座番号・振込先";
        CreditCard => "credit_card", "クレジットカード情報";
        MyNumber => "my_number", "マイナンバー";
        Health => "health", "病歴・診療・健診";
        Criminal => "criminal", "犯罪歴";
        Credentials => "credentials", "ID・パスワード";
        Workplace => "workplace", "勤務先・所属・役職";
        Family => "family", "世帯・続柄";
        Financial => "financial", "所得・税額・保険料";
        CustomerId => "customer_id", "顧客番号等";
        Content => "content", "メール本文・文書内容";
        Image => "image", "写真・画像";
        Disability => "disability", "障害";
        Creed => "creed", "信条・宗教";
        Race => "race", "人種・本籍";
        SocialStatus => "social_status", "社会的身分";
        CrimeVictim => "crime_victim", "犯罪被害の事実";
        HealthCheck => "health_check", "健康診断等の結果";
    }
}

impl DataKind {
    /// 要配慮個人情報 under APPI Art. 2(3) (Cabinet Order Art. 2).
    pub fn is_sensitive(self) -> bool {
        matches!(
            self,
            DataKind::Health
                | DataKind::HealthCheck
                | DataKind::Criminal
                | DataKind::Disability
                | DataKind::Creed
                | DataKind::Race
                | DataKind::SocialStatus
                | DataKind::CrimeVictim
        )
    }
}

vocabulary! {
    /// A field of the record, by its schema name: the fields an extracted incident states
    /// ([`Field::RECORD`], in the schema's order) and `sector`, which the store infers from the
    /// organization and a curator may override. Tables, CSV columns, `--set` and the edit forms
    /// are derived from this list; evidence names a data kind's evidence `data.<kind>`
    /// ([`Field::of_evidence`]).
    Field, "field" {
        Organization => "organization", "組織";
        Title => "title", "件名";
        Published => "published", "公表日";
        Occurred => "occurred", "発生日";
        Discovered => "discovered", "判明日";
        Affected => "affected", "人数";
        Leak => "leak", "漏えい";
        Data => "data", "漏えいした情報";
        Cause => "cause", "原因";
        Actor => "actor", "行為者";
        Sector => "sector", "業種";
    }
}

impl Field {
    /// The schema's fields of an incident record, in the schema's order (every field but
    /// `sector`).
    pub const RECORD: &'static [Field] = &[
        Field::Organization,
        Field::Title,
        Field::Published,
        Field::Occurred,
        Field::Discovered,
        Field::Affected,
        Field::Leak,
        Field::Data,
        Field::Cause,
        Field::Actor,
    ];

    /// The three dates (`published`, `occurred`, `discovered`).
    pub const DATES: &'static [Field] = &[Field::Published, Field::Occurred, Field::Discovered];

    /// Whether the field holds a date.
    pub fn is_date(self) -> bool {
        Field::DATES.contains(&self)
    }

    /// The field an evidence entry belongs to: its name, or `data` for `data.<kind>`.
    pub fn of_evidence(name: &str) -> Option<Field> {
        name.split('.').next()?.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_round_trip_through_serde_and_from_str() {
        for k in DataKind::ALL {
            let json = serde_json::to_string(k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
            assert_eq!(k.as_str().parse::<DataKind>().unwrap(), *k);
        }
        for c in Cause::ALL {
            assert_eq!(c.as_str().parse::<Cause>().unwrap(), *c);
        }
        assert!("hacking".parse::<Cause>().is_err());
    }

    #[test]
    fn fields_are_the_schema_fields_and_sector() {
        let names: Vec<&str> = Field::RECORD.iter().map(|f| f.as_str()).collect();
        assert_eq!(
            names,
            [
                "organization",
                "title",
                "published",
                "occurred",
                "discovered",
                "affected",
                "leak",
                "data",
                "cause",
                "actor"
            ]
        );
        assert_eq!(Field::ALL.len(), Field::RECORD.len() + 1);
        assert_eq!(Field::ALL.last(), Some(&Field::Sector));
        assert_eq!(Field::of_evidence("data.name"), Some(Field::Data));
        assert_eq!(Field::of_evidence("affected"), Some(Field::Affected));
        assert_eq!(Field::of_evidence("severity"), None);
        assert_eq!(
            serde_json::to_string(&Field::Affected).unwrap(),
            "\"affected\""
        );
        assert!(Field::Occurred.is_date() && !Field::Title.is_date());
    }

    #[test]
    fn cause_families_partition_the_vocabulary() {
        for c in Cause::ALL {
            let n = [c.is_insider(), c.is_attack(), c.is_error()]
                .iter()
                .filter(|b| **b)
                .count();
            assert_eq!(n, 1, "{c}");
        }
    }
}
