//! Field values as the store keeps them (JSON), their parsing from a curator's `--set`, and the
//! effective record they add up to.

use crate::StoreError;
use jikenbo_model::{Actor, Cause, DataKind, Evidence, Incident, Leak, PartialDate, Sector, Span};
use serde_json::Value;

/// The fields a report states and a curator may override: the schema's fields plus `sector`
/// (inferred from the organization unless overridden).
pub const FIELDS: &[&str] = &[
    "organization",
    "title",
    "published",
    "occurred",
    "discovered",
    "affected",
    "leak",
    "data",
    "cause",
    "actor",
    "sector",
];

/// The sectors, in the order statistics list them.
/// Every sector (the model's vocabulary, [`Sector::ALL`]).
pub const SECTORS: &[Sector] = Sector::ALL;

/// A sector from its Japanese name (`医療機関`) or an English key (`medical`): [`Sector::parse`].
pub fn parse_sector(s: &str) -> Option<Sector> {
    Sector::parse(s)
}

/// The values an extracted incident states, one per non-null field, with their evidence (for
/// `data`, the evidence of every kind).
pub(crate) fn extracted_values(inc: &Incident) -> Vec<(&'static str, Value, Vec<Evidence>)> {
    let mut out = Vec::new();
    let ev = |field: &str| -> Vec<Evidence> {
        inc.evidence
            .iter()
            .filter(|e| e.field == field)
            .cloned()
            .collect()
    };
    let mut put = |field: &'static str, v: Option<Value>| {
        if let Some(v) = v {
            out.push((field, v, ev(field)));
        }
    };
    put("organization", inc.organization.clone().map(Value::String));
    put("title", inc.title.clone().map(Value::String));
    put(
        "published",
        inc.published.map(|d| Value::String(d.to_string())),
    );
    put(
        "occurred",
        inc.occurred.map(|d| Value::String(d.to_string())),
    );
    put(
        "discovered",
        inc.discovered.map(|d| Value::String(d.to_string())),
    );
    put("affected", inc.affected.map(Value::from));
    put("leak", inc.leak.map(|x| Value::String(x.as_str().into())));
    put("cause", inc.cause.map(|x| Value::String(x.as_str().into())));
    put("actor", inc.actor.map(|x| Value::String(x.as_str().into())));
    if !inc.data.is_empty() {
        let v = Value::Array(
            inc.data
                .iter()
                .map(|k| Value::String(k.as_str().into()))
                .collect(),
        );
        let evidence = inc
            .evidence
            .iter()
            .filter(|e| e.field.starts_with("data."))
            .cloned()
            .collect();
        out.push(("data", v, evidence));
    }
    out
}

fn bad(field: &str, detail: impl Into<String>) -> StoreError {
    StoreError::BadValue {
        field: field.to_string(),
        detail: detail.into(),
    }
}

/// A curator's value for `field`, as written on a command line (`affected=1,234`,
/// `cause=ransomware`, `data=name,address`, `published=2024-05`, `sector=医療機関`). `null`,
/// `unknown`, `不明` or an empty string set the field to unknown.
pub fn parse_field_value(field: &str, text: &str) -> Result<Value, StoreError> {
    if !FIELDS.contains(&field) {
        return Err(StoreError::UnknownField(field.to_string()));
    }
    let t = text.trim();
    if t.is_empty() || matches!(t, "null" | "unknown" | "不明" | "-") {
        return Ok(Value::Null);
    }
    Ok(match field {
        "organization" | "title" => Value::String(t.to_string()),
        "published" | "occurred" | "discovered" => {
            let d: PartialDate = t
                .parse()
                .map_err(|_| bad(field, format!("{t:?} is not YYYY, YYYY-MM or YYYY-MM-DD")))?;
            Value::String(d.to_string())
        }
        "affected" => {
            let digits: String = crate::util::nfkc(t)
                .chars()
                .filter(|c| !matches!(c, ',' | '_' | ' '))
                .collect();
            let n: u64 = digits
                .parse()
                .map_err(|_| bad(field, format!("{t:?} is not a whole number")))?;
            Value::from(n)
        }
        "leak" => Value::String(
            t.parse::<Leak>()
                .map_err(|e| bad(field, e.to_string()))?
                .as_str()
                .into(),
        ),
        "cause" => Value::String(
            t.parse::<Cause>()
                .map_err(|e| bad(field, e.to_string()))?
                .as_str()
                .into(),
        ),
        "actor" => Value::String(
            t.parse::<Actor>()
                .map_err(|e| bad(field, e.to_string()))?
                .as_str()
                .into(),
        ),
        "data" => {
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
        "sector" => {
            let s = parse_sector(t).ok_or_else(|| {
                let names: Vec<&str> = SECTORS.iter().map(|s| s.ja()).collect();
                bad(field, format!("{t:?} is not one of {}", names.join(", ")))
            })?;
            Value::String(s.ja().to_string())
        }
        _ => return Err(StoreError::UnknownField(field.to_string())),
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

/// The current values of an incident (each field: override, else report).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Effective {
    pub organization: Option<String>,
    pub title: Option<String>,
    pub published: Option<PartialDate>,
    pub occurred: Option<PartialDate>,
    pub discovered: Option<PartialDate>,
    pub affected: Option<u64>,
    pub leak: Option<Leak>,
    pub data: Vec<DataKind>,
    pub cause: Option<Cause>,
    pub actor: Option<Actor>,
    /// An overridden sector (else inferred from the organization).
    pub sector_override: Option<Option<Sector>>,
}

impl Effective {
    /// Sets `field` from its JSON value; values that do not parse leave the field unknown.
    pub fn set(&mut self, field: &str, v: &Value) {
        let s = v.as_str();
        let date = || s.and_then(|s| s.parse::<PartialDate>().ok());
        match field {
            "organization" => self.organization = s.map(str::to_string),
            "title" => self.title = s.map(str::to_string),
            "published" => self.published = date(),
            "occurred" => self.occurred = date(),
            "discovered" => self.discovered = date(),
            "affected" => self.affected = v.as_u64(),
            "leak" => self.leak = s.and_then(|s| s.parse().ok()),
            "cause" => self.cause = s.and_then(|s| s.parse().ok()),
            "actor" => self.actor = s.and_then(|s| s.parse().ok()),
            "data" => {
                self.data = v
                    .as_array()
                    .map(|a| a.iter().filter_map(|x| x.as_str()?.parse().ok()).collect())
                    .unwrap_or_default()
            }
            "sector" => self.sector_override = Some(s.and_then(parse_sector)),
            _ => {}
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
        let mut inc = Incident::empty(doc, span);
        inc.organization = self.organization.clone();
        inc.title = self.title.clone();
        inc.published = self.published;
        inc.occurred = self.occurred;
        inc.discovered = self.discovered;
        inc.affected = self.affected;
        inc.leak = self.leak;
        inc.data = self.data.clone();
        inc.cause = self.cause;
        inc.actor = self.actor;
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
    pub fn get(&self, field: &str) -> Value {
        let s = |x: &Option<String>| x.clone().map(Value::String).unwrap_or(Value::Null);
        let d = |x: &Option<PartialDate>| {
            x.map(|d| Value::String(d.to_string()))
                .unwrap_or(Value::Null)
        };
        match field {
            "organization" => s(&self.organization),
            "title" => s(&self.title),
            "published" => d(&self.published),
            "occurred" => d(&self.occurred),
            "discovered" => d(&self.discovered),
            "affected" => self.affected.map(Value::from).unwrap_or(Value::Null),
            "leak" => self
                .leak
                .map(|x| Value::String(x.as_str().into()))
                .unwrap_or(Value::Null),
            "cause" => self
                .cause
                .map(|x| Value::String(x.as_str().into()))
                .unwrap_or(Value::Null),
            "actor" => self
                .actor
                .map(|x| Value::String(x.as_str().into()))
                .unwrap_or(Value::Null),
            "data" => Value::Array(
                self.data
                    .iter()
                    .map(|k| Value::String(k.as_str().into()))
                    .collect(),
            ),
            "sector" => self
                .sector()
                .map(|s| Value::String(s.ja().into()))
                .unwrap_or(Value::Null),
            _ => Value::Null,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_curator_values() {
        assert_eq!(
            parse_field_value("affected", "1,234").unwrap(),
            Value::from(1234u64)
        );
        assert_eq!(
            parse_field_value("affected", "１２３").unwrap(),
            Value::from(123u64)
        );
        assert_eq!(parse_field_value("affected", "不明").unwrap(), Value::Null);
        assert!(parse_field_value("affected", "many").is_err());
        assert_eq!(
            parse_field_value("cause", "ransomware").unwrap(),
            "ransomware"
        );
        assert!(parse_field_value("cause", "hacking").is_err());
        assert_eq!(
            parse_field_value("data", "name, address,name").unwrap(),
            serde_json::json!(["name", "address"])
        );
        assert_eq!(
            parse_field_value("published", "2024-05").unwrap(),
            "2024-05"
        );
        assert!(parse_field_value("published", "2024/05").is_err());
        assert_eq!(parse_field_value("sector", "medical").unwrap(), "医療機関");
        assert!(matches!(
            parse_field_value("severity", "high"),
            Err(StoreError::UnknownField(_))
        ));
    }

    #[test]
    fn sector_override_replaces_the_inferred_label() {
        let mut e = Effective {
            organization: Some("みどり市".into()),
            ..Default::default()
        };
        let labels = e.to_incident("x", Span::new(0, 0)).labels;
        assert!(labels.contains(&"業種:自治体".to_string()));
        e.set("sector", &Value::String("医療機関".into()));
        let labels = e.to_incident("x", Span::new(0, 0)).labels;
        assert!(labels.contains(&"業種:医療機関".to_string()));
        assert!(!labels.contains(&"業種:自治体".to_string()));
    }
}
