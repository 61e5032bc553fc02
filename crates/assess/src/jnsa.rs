//! The JNSA damage-compensation estimate (JOモデル, JNSA 情報セキュリティインシデントに関する調査
//! 報告書, 2003-2018).
//!
//! ```text
//! per person = 500 × 機微情報度 × 本人特定容易度 × 社会的責任度 × 事後対応評価
//! 機微情報度  = 10^(x-1) + 5^(y-1)   x = max privacy level, y = max economic level (independent maxima)
//! 本人特定容易度 = 6 (name and address) | 3 (name, or address and phone) | 1 (otherwise)
//! 社会的責任度 = 2 (high) | 1 (normal);  事後対応評価 = 2 (inappropriate) | 1 (appropriate, unknown)
//! total = per person × persons
//! ```
//!
//! Simple-EP levels `[privacy, economic]` per data kind (Version B of the reference, with its
//! engine recommendations; override per kind with the `jnsa_levels` fact):
//!
//! | kinds | level |
//! |---|---|
//! | name, address, phone, email, birthdate, gender, age, workplace, family, customer_id, image, my_number | 1-1 |
//! | credit_card with `card_last4_only` | 1-1 |
//! | bank_account (number only), credentials (ID/password) | 1-2 |
//! | credit_card (number + expiry) | 1-3 |
//! | bank_account or credentials with `payment_credentials` (account + PIN) | 1-3 |
//! | content (e-mail / document contents), disability (physical/intellectual; mental: override 3-1), health_check | 2-1 |
//! | health when `health_check` is also listed (the schema emits both for a health check) | 2-1 |
//! | financial (income, tax, premiums) | 2-2 |
//! | health (diagnoses, charts), creed, race / 本籍, social_status, crime_victim | 3-1 |
//! | criminal | 3-3 |

use crate::facts::{JnsaLevel, Response, SocialResponsibility};
use jikenbo_model::DataKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// 基礎情報価値.
pub const BASE_VALUE: u64 = 500;

/// One data kind's Simple-EP cell as used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JnsaItem {
    pub kind: DataKind,
    pub privacy_level: u8,
    pub economic_level: u8,
    /// `true` when the level came from the `jnsa_levels` override.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub overridden: bool,
}

/// The estimate with every input it used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jnsa {
    /// 想定損害賠償額 per person, JPY.
    pub per_person: u64,
    /// per person × persons; `null` when the number of persons is unknown.
    pub total: Option<u64>,
    /// x: 精神的苦痛レベル (max over items, 1-3).
    pub privacy_level: u8,
    /// y: 経済的損失レベル (max over items, 1-3).
    pub economic_level: u8,
    /// 本人特定容易度 (1, 3 or 6).
    pub identifiability: u8,
    /// 基礎情報価値 (500).
    pub base_value: u64,
    /// 機微情報度 = 10^(x-1) + 5^(y-1).
    pub sensitivity: u64,
    /// 社会的責任度 factor (1 or 2).
    pub social_responsibility_factor: u8,
    /// 事後対応評価 factor (1 or 2).
    pub response_factor: u8,
    /// Number of persons used for the total.
    pub persons: Option<u64>,
    /// The level of each data kind.
    pub items: Vec<JnsaItem>,
}

/// The default Simple-EP cell of a data kind in the context of the other kinds listed.
pub fn default_level(
    kind: DataKind,
    all: &[DataKind],
    card_last4_only: bool,
    payment_credentials: bool,
) -> JnsaLevel {
    use DataKind::*;
    match kind {
        CreditCard if card_last4_only => JnsaLevel(1, 1),
        CreditCard => JnsaLevel(1, 3),
        BankAccount | Credentials if payment_credentials => JnsaLevel(1, 3),
        BankAccount | Credentials => JnsaLevel(1, 2),
        Content | Disability | HealthCheck => JnsaLevel(2, 1),
        Health if all.contains(&HealthCheck) => JnsaLevel(2, 1),
        Financial => JnsaLevel(2, 2),
        Health | Creed | Race | SocialStatus | CrimeVictim => JnsaLevel(3, 1),
        Criminal => JnsaLevel(3, 3),
        Name | Address | Phone | Email | Birthdate | Gender | Age | Workplace | Family
        | CustomerId | Image | MyNumber => JnsaLevel(1, 1),
    }
}

/// 本人特定容易度 from the kinds listed.
pub fn identifiability(data: &[DataKind]) -> u8 {
    let has = |k| data.contains(&k);
    if has(DataKind::Name) && has(DataKind::Address) {
        6
    } else if has(DataKind::Name) || (has(DataKind::Address) && has(DataKind::Phone)) {
        3
    } else {
        1
    }
}

/// Inputs of [`estimate`].
#[derive(Debug, Clone, Copy)]
pub struct JnsaInput<'a> {
    pub data: &'a [DataKind],
    pub persons: Option<u64>,
    pub social_responsibility: SocialResponsibility,
    pub response: Response,
    pub card_last4_only: bool,
    pub payment_credentials: bool,
    pub overrides: &'a BTreeMap<DataKind, JnsaLevel>,
}

/// The JNSA estimate. With no data kinds known every level is 1 (¥1,000 per person).
pub fn estimate(input: &JnsaInput<'_>) -> Jnsa {
    let mut kinds: Vec<DataKind> = input.data.to_vec();
    kinds.sort();
    kinds.dedup();
    let items: Vec<JnsaItem> = kinds
        .iter()
        .map(|&k| {
            let (JnsaLevel(p, e), overridden) = match input.overrides.get(&k) {
                Some(l) => (*l, true),
                None => (
                    default_level(k, &kinds, input.card_last4_only, input.payment_credentials),
                    false,
                ),
            };
            JnsaItem {
                kind: k,
                privacy_level: p.clamp(1, 3),
                economic_level: e.clamp(1, 3),
                overridden,
            }
        })
        .collect();
    let x = items.iter().map(|i| i.privacy_level).max().unwrap_or(1);
    let y = items.iter().map(|i| i.economic_level).max().unwrap_or(1);
    let sensitivity = 10u64.pow(u32::from(x) - 1) + 5u64.pow(u32::from(y) - 1);
    let ident = identifiability(&kinds);
    let social = match input.social_responsibility {
        SocialResponsibility::High => 2,
        SocialResponsibility::Normal => 1,
    };
    let response = match input.response {
        Response::Inappropriate => 2,
        Response::Appropriate | Response::Unknown => 1,
    };
    let per_person = BASE_VALUE * sensitivity * u64::from(ident) * social * response;
    Jnsa {
        per_person,
        total: input.persons.map(|n| per_person.saturating_mul(n)),
        privacy_level: x,
        economic_level: y,
        identifiability: ident,
        base_value: BASE_VALUE,
        sensitivity,
        social_responsibility_factor: social as u8,
        response_factor: response as u8,
        persons: input.persons,
        items,
    }
}

/// `1234567` → `1,234,567`.
pub fn yen(n: u64) -> String {
    let digits = n.to_string();
    let mut groups: Vec<&str> = Vec::new();
    let mut end = digits.len();
    while end > 3 {
        groups.push(&digits[end - 3..end]);
        end -= 3;
    }
    groups.push(&digits[..end]);
    groups.reverse();
    groups.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use DataKind::*;

    fn est(data: &[DataKind], persons: Option<u64>) -> Jnsa {
        estimate(&JnsaInput {
            data,
            persons,
            social_responsibility: SocialResponsibility::Normal,
            response: Response::Appropriate,
            card_last4_only: false,
            payment_credentials: false,
            overrides: &BTreeMap::new(),
        })
    }

    #[test]
    fn reference_worked_examples() {
        assert_eq!(est(&[Name, Address], None).per_person, 6_000);
        let card = est(&[Name, Address, CreditCard], Some(5));
        assert_eq!((card.per_person, card.total), (78_000, Some(390_000)));
        assert_eq!(est(&[Name, Address, HealthCheck], None).per_person, 33_000);
        assert_eq!(
            est(&[Name, Address, Health, HealthCheck], None).per_person,
            33_000
        );
        assert_eq!(est(&[Name, Address, Creed], None).per_person, 303_000);
        assert_eq!(est(&[Email], None).per_person, 1_000);
        assert_eq!(est(&[], None).per_person, 1_000);
    }

    #[test]
    fn range_limits() {
        let max = estimate(&JnsaInput {
            data: &[Name, Address, Criminal],
            persons: Some(2),
            social_responsibility: SocialResponsibility::High,
            response: Response::Inappropriate,
            card_last4_only: false,
            payment_credentials: false,
            overrides: &BTreeMap::new(),
        });
        assert_eq!(max.sensitivity, 125);
        assert_eq!(max.per_person, 1_500_000);
        assert_eq!(max.total, Some(3_000_000));
        assert_eq!(yen(1_500_000), "1,500,000");
        assert_eq!(yen(999), "999");
    }
}
