//! Field values as the store keeps them (JSON), their parsing from a curator's `--set`, and the
//! effective record they add up to.

use crate::StoreError;
use jikenbo_model::{
    Actor, Cause, DataKind, Evidence, Field, Incident, Leak, PartialDate, Sector, Span,
};
use serde_json::Value;

/// A field from its name (`affected`), or [`StoreError::UnknownField`].
pub fn parse_field(name: &str) -> Result<Field, StoreError> {
    name.trim()
        .parse()
        .map_err(|_| StoreError::UnknownField(name.to_string()))
}

/// The sectors, in the order statistics list them.
/// Every sector (the model's vocabulary, [`Sector::ALL`]).
pub const SECTORS: &[Sector] = Sector::ALL;

/// A sector from its Japanese name (`医療機関`) or an English key (`medical`): [`Sector::parse`].
pub fn parse_sector(s: &str) -> Option<Sector> {
    Sector::parse(s)
}

/// The values an extracted incident states, one per known field, with their evidence (for
/// `data`, the evidence of every kind).
pub(crate) fn extracted_values(inc: &Incident) -> Vec<(Field, Value, Vec<Evidence>)> {
    Field::RECORD
        .iter()
        .filter(|f| inc.has(**f))
        .map(|&f| {
            let evidence = inc
                .evidence
                .iter()
                .filter(|e| Field::of_evidence(&e.field) == Some(f))
                .cloned()
                .collect();
            (f, inc.value(f), evidence)
        })
        .collect()
}

fn bad(field: Field, detail: impl Into<String>) -> StoreError {
    StoreError::BadValue {
        field: field.as_str().to_string(),
        detail: detail.into(),
    }
}

/// A curator's value for `field`, as written on a command line (`affected=1,234`,
/// `cause=ransomware`, `data=name,address`, `published=2024-05`, `sector=医療機関`). `null`,
/// `unknown`, `不明` or an empty string set the field to unknown.
pub fn parse_field_value(field: Field, text: &str) -> Result<Value, StoreError> {
    let t = text.trim();
    if t.is_empty() || matches!(t, "null" | "unknown" | "不明" | "-") {
        return Ok(Value::Null);
    }
    Ok(match field {
        Field::Organization | Field::Title => Value::String(t.to_string()),
        Field::Published | Field::Occurred | Field::Discovered => {
            let d: PartialDate = t
                .parse()
                .map_err(|_| bad(field, format!("{t:?} is not YYYY, YYYY-MM or YYYY-MM-DD")))?;
            Value::String(d.to_string())
        }
        Field::Affected => {
            let digits: String = crate::util::nfkc(t)
                .chars()
                .filter(|c| !matches!(c, ',' | '_' | ' '))
                .collect();
            let n: u64 = digits
                .parse()
                .map_err(|_| bad(field, format!("{t:?} is not a whole number")))?;
            Value::from(n)
        }
        Field::Leak => Value::String(
            t.parse::<Leak>()
                .map_err(|e| bad(field, e.to_string()))?
                .as_str()
                .into(),
        ),
        Field::Cause => Value::String(
            t.parse::<Cause>()
                .map_err(|e| bad(field, e.to_string()))?
                .as_str()
                .into(),
        ),
        Field::Actor => Value::String(
            t.parse::<Actor>()
                .map_err(|e| bad(field, e.to_string()))?
                .as_str()
                .into(),
        ),
        Field::Data => {
            let mut kinds: Vec<DataKind> = Vec::new();
            for part in t.split([',', '、', ' ']).filter(|p| !p.trim().is_empty()) {
                let k: DataKind = part
                    .parse()
                    .map_err(|e: jikenbo_model::UnknownTerm| bad(field, e.to_string()))?;
                if !kinds.contains(&k) {
                    kinds.push(k);
                }
            }
            kinds.sort();
            Value::Array(
                kinds
                    .iter()
                    .map(|k| Value::String(k.as_str().into()))
                    .collect(),
            )
        }
        Field::Sector => {
            let s = parse_sector(t).ok_or_else(|| {
                let names: Vec<&str> = SECTORS.iter().map(|s| s.ja()).collect();
                bad(field, format!("{t:?} is not one of {}", names.join(", ")))
            })?;
            Value::String(s.ja().to_string())
        }
    })
}

/// A value for display: strings bare, numbers with commas, lists joined, null as `-`.
pub fn display_value(v: &Value) -> String {
    match v {
        Value::Null => "-".into(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n
            .as_u64()
            .map(crate::util::with_commas)
            .unwrap_or_else(|| n.to_string()),
        Value::Array(a) => a.iter().map(display_value).collect::<Vec<_>>().join(","),
        other => other.to_string(),
    }
}

/// A value as the text a curator types for it, which [`parse_field_value`] reads back: null
/// empty, strings bare, numbers without commas, lists joined with `,`.
pub fn value_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Array(a) => a.iter().map(display_value).collect::<Vec<_>>().join(","),
        Value::Number(n) => n.to_string(),
        other => display_value(other),
    }
}

/// The current values of an incident (each field: override, else report): the record (read
/// through `Deref`: `eff.organization`) and a curator's sector, if one was set.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Effective {
    pub inc: Incident,
    /// An overridden sector (else inferred from the organization).
    pub sector_override: Option<Option<Sector>>,
}

impl std::ops::Deref for Effective {
    type Target = Incident;
    fn deref(&self) -> &Incident {
        &self.inc
    }
}

impl std::ops::DerefMut for Effective {
    fn deref_mut(&mut self) -> &mut Incident {
        &mut self.inc
    }
}

impl Effective {
    /// The values of a record, with no sector override.
    pub fn of(inc: Incident) -> Effective {
        Effective {
            inc,
            sector_override: None,
        }
    }

    /// Sets `field` from its JSON value; values that do not parse leave the field unknown.
    pub fn set(&mut self, field: Field, v: &Value) {
        match field {
            Field::Sector => self.sector_override = Some(v.as_str().and_then(parse_sector)),
            f => self.inc.set_value(f, v),
        }
    }

    pub fn sector(&self) -> Option<Sector> {
        match self.sector_override {
            Some(s) => s,
            None => self
                .organization
                .as_deref()
                .and_then(jikenbo_model::sector_of),
        }
    }

    /// The date an incident is known by: published, else discovered, else occurred.
    pub fn date_key(&self) -> Option<PartialDate> {
        self.published.or(self.discovered).or(self.occurred)
    }

    /// The record in the model's type (labels: the derived ones, with the sector override).
    pub fn to_incident(&self, doc: &str, span: Span) -> Incident {
        let mut inc = Incident {
            doc: doc.to_string(),
            span,
            evidence: Vec::new(),
            labels: Vec::new(),
            ..self.inc.clone()
        };
        let mut labels = jikenbo_model::derived_labels(&inc);
        if self.sector_override.is_some() {
            labels.retain(|l| !l.starts_with("業種:"));
            if let Some(s) = self.sector() {
                labels.push(format!("業種:{}", s.ja()));
            }
        }
        inc.labels = labels;
        inc
    }

    /// The field's value as JSON (for views and exports).
    pub fn get(&self, field: Field) -> Value {
        match field {
            Field::Sector => self
                .sector()
                .map(|s| Value::String(s.ja().into()))
                .unwrap_or(Value::Null),
            f => self.inc.value(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_curator_values() {
        assert_eq!(
            parse_field_value(Field::Affected, "1,234").unwrap(),
            Value::from(1234u64)
        );
        assert_eq!(
            parse_field_value(Field::Affected, "１２３").unwrap(),
            Value::from(123u64)
        );
        assert_eq!(
            parse_field_value(Field::Affected, "不明").unwrap(),
            Value::Null
        );
        assert!(parse_field_value(Field::Affected, "many").is_err());
        assert_eq!(
            parse_field_value(Field::Cause, "ransomware").unwrap(),
            "ransomware"
        );
        assert!(parse_field_value(Field::Cause, "hacking").is_err());
        assert_eq!(
            parse_field_value(Field::Data, "name, address,name").unwrap(),
            serde_json::json!(["name", "address"])
        );
        assert_eq!(
            parse_field_value(Field::Published, "2024-05").unwrap(),
            "2024-05"
        );
        assert!(parse_field_value(Field::Published, "2024/05").is_err());
        assert_eq!(
            parse_field_value(Field::Sector, "medical").unwrap(),
            "医療機関"
        );
        assert!(matches!(
            parse_field("severity"),
            Err(StoreError::UnknownField(_))
        ));
        assert_eq!(parse_field(" affected").unwrap(), Field::Affected);
    }

    #[test]
    fn sector_override_replaces_the_inferred_label() {
        let mut e = Effective::of(Incident {
            organization: Some("みどり市".into()),
            ..Default::default()
        });
        let labels = e.to_incident("x", Span::new(0, 0)).labels;
        assert!(labels.contains(&"業種:自治体".to_string()));
        e.set(Field::Sector, &Value::String("医療機関".into()));
        let labels = e.to_incident("x", Span::new(0, 0)).labels;
        assert!(labels.contains(&"業種:医療機関".to_string()));
        assert!(!labels.contains(&"業種:自治体".to_string()));
    }
}
