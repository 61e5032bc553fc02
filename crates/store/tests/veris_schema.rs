//! Every VERIS record exported from the real notices in `../shared/seeds` and the examples in
//! `examples/notices` satisfies the VERIS 1.3.7 schema, as far as the fields the export writes.
//!
//! The schema is not on this machine and is not fetched: [`validate`] encodes, in our own code,
//! the constraints of VERIS's merged community schema (`verisc-merged`, 1.3.6, with the 1.3.7
//! changes) that apply to those fields: required keys, the keys an object may have (the schema
//! says `additionalProperties: false` almost everywhere), types, ranges, array rules (`minItems`
//! 1, `uniqueItems`) and, for every enumeration, the VERIS values the export uses (each checked
//! against the schema; a value not listed here fails until someone checks it there). It adds
//! VERIS's own consistency checks (its `checkValidity.py`: malware needs integrity Software
//! installation, social Alter behavior, error Loss availability Loss, a confirmed incident an
//! attribute) and Jikenbo's (ransomware means availability Obscuration; government level only
//! for NAICS 92; `reference` a public URL, never a path; `master_id` a UUID version 5).
//! `validator_rejects_broken_records` shows each check failing on a record broken on purpose.

mod common;

use common::{examples_dir, ingest_dir, root};
use jikenbo_store::{Filter, Store};
use serde_json::{json, Map, Value};
use std::path::Path;

// ---------------------------------------------------------------------------------------------
// The constraints.

/// Top-level keys the schema defines (`additionalProperties: false`).
const TOP_KEYS: &[&str] = &[
    "incident_id",
    "security_incident",
    "reference",
    "summary",
    "source_id",
    "campaign_id",
    "confidence",
    "timeline",
    "victim",
    "action",
    "actor",
    "asset",
    "attribute",
    "targeted",
    "discovery_method",
    "discovery_notes",
    "value_chain",
    "impact",
    "notes",
    "plus",
    "extra",
    "corrective_action",
    "cost_corrective_action",
    "ioc",
    "control_failure",
    "subsets",
    "schema_version",
    "schema_name",
];
/// Required at the top level; `attribute` too for a confirmed incident (VERIS's validator).
const TOP_REQUIRED: &[&str] = &[
    "actor",
    "action",
    "discovery_method",
    "schema_version",
    "asset",
    "timeline",
    "incident_id",
    "security_incident",
    "summary",
];

const SECURITY_INCIDENT: &[&str] = &["Confirmed", "Suspected", "Near miss", "False positive"];
const CONFIDENCE: &[&str] = &["High", "Medium", "Low", "None"];
/// `timeline.*.unit` and `attribute.availability.duration.unit`.
const TIME_UNIT: &[&str] = &[
    "Seconds", "Minutes", "Hours", "Days", "Weeks", "Months", "Years", "Never", "NA", "Unknown",
];
/// `timeline.incident.year`: 1.3.6 capped it at 2022; 1.3.7 lifted the cap (vz-risk/veris#471)
/// and the schema since bounds it by 2050.
const YEARS: std::ops::RangeInclusive<i64> = 1950..=2050;

const EMPLOYEE_COUNT: &[&str] = &[
    "Small",
    "1 to 10",
    "11 to 100",
    "101 to 1000",
    "Large",
    "1001 to 10000",
    "10001 to 25000",
    "25001 to 50000",
    "50001 to 100000",
    "Over 100000",
    "Unknown",
];
const GOVERNMENT: &[&str] = &["Federal", "Regional", "Local", "Unknown", "Other", "NA"];
/// Country codes the export uses (the schema's list is ISO 3166-1 alpha-2 plus these words).
const COUNTRY: &[&str] = &["JP", "Unknown"];
const VICTIM_KEYS: &[&str] = &[
    "victim_id",
    "employee_count",
    "industry",
    "government",
    "locations_affected",
    "country",
    "region",
    "state",
    "notes",
    "secondary",
    "revenue",
];
const VICTIM_REQUIRED: &[&str] = &["country", "employee_count", "industry", "government"];

/// One action category: its keys, required keys, and the VERIS values the export uses.
struct ActionRule {
    name: &'static str,
    keys: &'static [&'static str],
    required: &'static [&'static str],
    variety: &'static [&'static str],
    vector: &'static [&'static str],
}

const ACTIONS: &[ActionRule] = &[
    ActionRule {
        name: "hacking",
        keys: &["variety", "vector", "notes", "result", "cve"],
        required: &["variety", "vector"],
        variety: &["Use of stolen creds", "Unknown"],
        vector: &["Web application", "Unknown"],
    },
    ActionRule {
        name: "malware",
        keys: &["variety", "vector", "notes", "result", "name", "cve"],
        required: &["variety", "vector"],
        variety: &["Ransomware", "Adminware", "Unknown"],
        vector: &["Email", "Email attachment", "Direct install", "Unknown"],
    },
    ActionRule {
        name: "social",
        keys: &["variety", "vector", "target", "notes", "result"],
        required: &["variety", "vector", "target"],
        variety: &["Phishing", "Scam"],
        vector: &["Email", "Web application"],
    },
    ActionRule {
        // 1.3.7 removed Omission from the error varieties.
        name: "error",
        keys: &["variety", "vector", "notes"],
        required: &["variety", "vector"],
        variety: &["Misconfiguration", "Loss", "Misdelivery"],
        vector: &["Unknown"],
    },
    ActionRule {
        name: "misuse",
        keys: &["variety", "vector", "notes", "result"],
        required: &["variety", "vector"],
        variety: &["Data mishandling", "Privilege abuse", "Knowledge abuse"],
        vector: &["Unknown"],
    },
];
const ACTION_KEYS: &[&str] = &[
    "hacking",
    "malware",
    "social",
    "error",
    "misuse",
    "physical",
    "environmental",
    "unknown",
];
const SOCIAL_TARGET: &[&str] = &["End-user or employee", "End-user"];

const ACTOR_KEYS: &[&str] = &["external", "internal", "partner", "unknown"];
const EXTERNAL_VARIETY: &[&str] = &["Unknown"];
const INTERNAL_VARIETY: &[&str] = &["Unknown"];
const MOTIVE: &[&str] = &["Financial", "NA", "Unknown"];

const ASSET_KEYS: &[&str] = &[
    "total_amount",
    "assets",
    "ownership",
    "cloud",
    "hosting",
    "management",
    "role",
    "notes",
    "country",
];
const ASSET_VARIETY: &[&str] = &[
    "Unknown",
    "P - End-user or employee",
    "P - End-user",
    "S - Web application",
];
const ASSET_CLOUD: &[&str] = &["Unknown"];

const ATTRIBUTE_KEYS: &[&str] = &["confidentiality", "integrity", "availability", "unknown"];
const CONFIDENTIALITY_KEYS: &[&str] = &[
    "data_disclosure",
    "data_total",
    "data",
    "data_victim",
    "state",
    "notes",
];
const DATA_DISCLOSURE: &[&str] = &["No", "Potentially", "Yes", "Unknown"];
const DATA_VARIETY: &[&str] = &[
    "Bank",
    "Credentials",
    "Internal",
    "Medical",
    "Payment",
    "Personal",
    "Unknown",
];
const INTEGRITY_VARIETY: &[&str] = &["Software installation", "Alter behavior"];
const AVAILABILITY_VARIETY: &[&str] = &["Obscuration", "Interruption", "Loss"];

const DISCOVERY_KEYS: &[&str] = &["external", "internal", "partner", "other", "unknown"];
const IMPACT_KEYS: &[&str] = &[
    "overall_rating",
    "iso_currency_code",
    "overall_amount",
    "overall_min_amount",
    "overall_max_amount",
    "loss",
    "notes",
];
const OVERALL_RATING: &[&str] = &[
    "Catastrophic",
    "Damaging",
    "Painful",
    "Distracting",
    "Insignificant",
    "Unknown",
];

/// Collects violations, each with the JSON path where it is.
struct Check {
    errors: Vec<String>,
}

impl Check {
    fn fail(&mut self, path: &str, what: impl std::fmt::Display) {
        self.errors.push(format!("{path}: {what}"));
    }

    /// An object with these required keys and no key outside `allowed`.
    fn object<'a>(
        &mut self,
        v: Option<&'a Value>,
        path: &str,
        required: &[&str],
        allowed: &[&str],
    ) -> Option<&'a Map<String, Value>> {
        let Some(v) = v else {
            self.fail(path, "missing");
            return None;
        };
        let Some(m) = v.as_object() else {
            self.fail(path, format!("not an object: {v}"));
            return None;
        };
        for k in required {
            if !m.contains_key(*k) {
                self.fail(&format!("{path}.{k}"), "required, missing");
            }
        }
        for k in m.keys() {
            if !allowed.contains(&k.as_str()) {
                self.fail(&format!("{path}.{k}"), "not a property of the schema here");
            }
        }
        Some(m)
    }

    fn string<'a>(&mut self, v: Option<&'a Value>, path: &str) -> Option<&'a str> {
        match v {
            None => None,
            Some(Value::String(s)) => Some(s),
            Some(other) => {
                self.fail(path, format!("not a string: {other}"));
                None
            }
        }
    }

    /// A string from `allowed`, if present.
    fn one_of(&mut self, v: Option<&Value>, path: &str, allowed: &[&str]) {
        if let Some(s) = self.string(v, path) {
            if !allowed.contains(&s) {
                self.fail(path, format!("{s:?} is not a VERIS value here"));
            }
        }
    }

    /// An array of at least one unique string from `allowed`, if present.
    fn some_of(&mut self, v: Option<&Value>, path: &str, allowed: &[&str]) {
        let Some(v) = v else { return };
        let Some(a) = v.as_array() else {
            self.fail(path, format!("not an array: {v}"));
            return;
        };
        if a.is_empty() {
            self.fail(path, "empty (minItems 1)");
        }
        for (n, x) in a.iter().enumerate() {
            if a[..n].contains(x) {
                self.fail(path, format!("{x} twice (uniqueItems)"));
            }
            self.one_of(Some(x), &format!("{path}[{n}]"), allowed);
        }
    }

    /// An integer in `range`, if present.
    fn integer(&mut self, v: Option<&Value>, path: &str, range: std::ops::RangeInclusive<i64>) {
        let Some(v) = v else { return };
        match v.as_i64() {
            Some(n) if range.contains(&n) => {}
            Some(n) => self.fail(path, format!("{n} is outside {range:?}")),
            None => self.fail(path, format!("not an integer: {v}")),
        }
    }

    /// A non-empty string, if present (the schema's `minLength: 1` on notes).
    fn text(&mut self, v: Option<&Value>, path: &str) {
        if let Some(s) = self.string(v, path) {
            if s.is_empty() {
                self.fail(path, "empty (minLength 1)");
            }
        }
    }

    /// `{year, month, day}` as VERIS writes dates (`timeline.incident`, `plus.timeline.*`).
    fn date(&mut self, v: Option<&Value>, path: &str) {
        let Some(m) = self.object(v, path, &["year"], &["year", "month", "day", "time"]) else {
            return;
        };
        self.integer(m.get("year"), &format!("{path}.year"), YEARS);
        self.integer(m.get("month"), &format!("{path}.month"), 1..=12);
        self.integer(m.get("day"), &format!("{path}.day"), 1..=31);
        if m.contains_key("day") && !m.contains_key("month") {
            self.fail(path, "a day without a month");
        }
        // Beyond the schema: the day exists in its month.
        if let (Some(y), Some(mo), Some(d)) = (
            m.get("year").and_then(Value::as_i64),
            m.get("month").and_then(Value::as_i64),
            m.get("day").and_then(Value::as_i64),
        ) {
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let last = match mo {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            if d > last {
                self.fail(path, format!("{y}-{mo:02}-{d:02} is not a date"));
            }
        }
    }

    /// `{unit, value}` durations.
    fn duration(&mut self, v: Option<&Value>, path: &str) {
        let Some(m) = self.object(v, path, &["unit"], &["unit", "value"]) else {
            return;
        };
        self.one_of(m.get("unit"), &format!("{path}.unit"), TIME_UNIT);
        if let Some(x) = m.get("value") {
            if !x.is_number() {
                self.fail(&format!("{path}.value"), format!("not a number: {x}"));
            }
        }
    }
}

fn has(v: &Value, path: &[&str], value: &str) -> bool {
    let mut cur = v;
    for p in path {
        match cur.get(p) {
            Some(x) => cur = x,
            None => return false,
        }
    }
    cur.as_array().is_some_and(|a| a.iter().any(|x| x == value))
}

/// Whether the array at `path` holds `value`, as a string or as an object's `variety`.
fn has_value(v: &Value, path: &[&str], value: &str) -> bool {
    has(v, path, value) || {
        let mut cur = v;
        path.iter().all(|p| match cur.get(p) {
            Some(x) => {
                cur = x;
                true
            }
            None => false,
        }) && cur
            .as_array()
            .is_some_and(|a| a.iter().any(|x| x["variety"] == value))
    }
}

/// The violations of one exported record (empty when it is valid).
fn validate(rec: &Value) -> Vec<String> {
    let mut c = Check { errors: Vec::new() };
    let Some(top) = c.object(Some(rec), "$", TOP_REQUIRED, TOP_KEYS) else {
        return c.errors;
    };
    let get = |k: &str| top.get(k);

    // Identity and bookkeeping.
    for k in ["incident_id", "summary", "source_id"] {
        c.text(get(k), k);
    }
    c.one_of(
        get("security_incident"),
        "security_incident",
        SECURITY_INCIDENT,
    );
    c.one_of(get("confidence"), "confidence", CONFIDENCE);
    if let Some(v) = c.string(get("schema_version"), "schema_version") {
        let parts: Vec<&str> = v.split('.').collect();
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !(parts.len() == 3 && parts[..2] == ["1", "3"] && digits(parts[2])) {
            c.fail("schema_version", format!("{v:?} is not a 1.3.x version"));
        } else if v != "1.3.7" {
            c.fail("schema_version", format!("{v:?}: the export writes 1.3.7"));
        }
    }
    // A reference a reader can open: an http(s) URL, never a path on the exporting machine.
    if let Some(r) = c.string(get("reference"), "reference") {
        let lower = r.to_ascii_lowercase();
        let url = (lower.starts_with("https://") || lower.starts_with("http://"))
            && !r.chars().any(char::is_whitespace);
        if !url {
            c.fail("reference", format!("{r:?} is not a public URL"));
        }
    }

    // Timeline.
    if let Some(t) = c.object(
        get("timeline"),
        "timeline",
        &["incident"],
        &[
            "incident",
            "compromise",
            "exfiltration",
            "discovery",
            "containment",
        ],
    ) {
        c.date(t.get("incident"), "timeline.incident");
        for k in ["compromise", "exfiltration", "discovery", "containment"] {
            if t.contains_key(k) {
                c.duration(t.get(k), &format!("timeline.{k}"));
            }
        }
    }

    // Victim.
    if let Some(v) = c.object(get("victim"), "victim", VICTIM_REQUIRED, VICTIM_KEYS) {
        c.string(v.get("victim_id"), "victim.victim_id");
        c.one_of(
            v.get("employee_count"),
            "victim.employee_count",
            EMPLOYEE_COUNT,
        );
        c.some_of(v.get("government"), "victim.government", GOVERNMENT);
        c.some_of(v.get("country"), "victim.country", COUNTRY);
        if let Some(ind) = c.string(v.get("industry"), "victim.industry") {
            if !naics_form(ind) {
                c.fail(
                    "victim.industry",
                    format!("{ind:?} is not a NAICS code VERIS accepts"),
                );
            }
            // The level of government is for public administration (NAICS 92) only; with an
            // unknown industry it may be unknown too.
            let levels: Vec<&str> = v
                .get("government")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let ok = if ind.starts_with("92") {
                !levels.is_empty() && !levels.contains(&"NA")
            } else if ind == "00" {
                levels == ["NA"] || levels == ["Unknown"]
            } else {
                levels == ["NA"]
            };
            if !ok {
                c.fail(
                    "victim.government",
                    format!("{levels:?} does not fit industry {ind:?}"),
                );
            }
        }
    }

    // Action.
    if let Some(a) = c.object(get("action"), "action", &[], ACTION_KEYS) {
        if a.is_empty() {
            c.fail("action", "no action (minProperties 1)");
        }
        for (name, body) in a {
            let path = format!("action.{name}");
            if name == "unknown" {
                if let Some(u) = c.object(Some(body), &path, &["notes"], &["notes", "result"]) {
                    c.text(u.get("notes"), &format!("{path}.notes"));
                }
                continue;
            }
            let Some(rule) = ACTIONS.iter().find(|r| r.name == name) else {
                c.fail(&path, "a category the export does not write");
                continue;
            };
            if let Some(m) = c.object(Some(body), &path, rule.required, rule.keys) {
                c.some_of(m.get("variety"), &format!("{path}.variety"), rule.variety);
                c.some_of(m.get("vector"), &format!("{path}.vector"), rule.vector);
                if name == "social" {
                    c.some_of(m.get("target"), &format!("{path}.target"), SOCIAL_TARGET);
                }
                if m.contains_key("notes") {
                    c.text(m.get("notes"), &format!("{path}.notes"));
                }
            }
        }
    }

    // Actor.
    if let Some(a) = c.object(get("actor"), "actor", &[], ACTOR_KEYS) {
        if a.is_empty() {
            c.fail("actor", "no actor (minProperties 1)");
        }
        if let Some(e) = a.get("external") {
            if let Some(m) = c.object(
                Some(e),
                "actor.external",
                &["variety", "motive"],
                &["variety", "motive", "notes", "country", "region", "name"],
            ) {
                c.some_of(m.get("variety"), "actor.external.variety", EXTERNAL_VARIETY);
                c.some_of(m.get("motive"), "actor.external.motive", MOTIVE);
                c.some_of(m.get("country"), "actor.external.country", COUNTRY);
            }
        }
        if let Some(i) = a.get("internal") {
            if let Some(m) = c.object(
                Some(i),
                "actor.internal",
                &["variety", "motive"],
                &["variety", "motive", "job_change", "notes"],
            ) {
                c.some_of(m.get("variety"), "actor.internal.variety", INTERNAL_VARIETY);
                c.some_of(m.get("motive"), "actor.internal.motive", MOTIVE);
            }
        }
        if let Some(p) = a.get("partner") {
            if let Some(m) = c.object(
                Some(p),
                "actor.partner",
                &["country", "motive"],
                &["motive", "notes", "industry", "country", "region", "name"],
            ) {
                c.some_of(m.get("motive"), "actor.partner.motive", MOTIVE);
                c.some_of(m.get("country"), "actor.partner.country", COUNTRY);
            }
        }
        if let Some(u) = a.get("unknown") {
            // "If the actor is unknown, you *must* add a note of some type."
            if let Some(m) = c.object(Some(u), "actor.unknown", &["notes"], &["notes"]) {
                c.text(m.get("notes"), "actor.unknown.notes");
            }
        }
    }

    // Asset: 1.3.6 requires `assets` and `cloud`.
    if let Some(a) = c.object(get("asset"), "asset", &["assets", "cloud"], ASSET_KEYS) {
        match a.get("assets").and_then(Value::as_array) {
            Some(list) if !list.is_empty() => {
                for (n, x) in list.iter().enumerate() {
                    let path = format!("asset.assets[{n}]");
                    if list[..n].contains(x) {
                        c.fail(&path, "twice (uniqueItems)");
                    }
                    if let Some(m) = c.object(Some(x), &path, &["variety"], &["variety", "amount"])
                    {
                        c.one_of(m.get("variety"), &format!("{path}.variety"), ASSET_VARIETY);
                        c.integer(m.get("amount"), &format!("{path}.amount"), 0..=i64::MAX);
                    }
                }
            }
            Some(_) => c.fail("asset.assets", "empty (minItems 1)"),
            None => {
                if a.contains_key("assets") {
                    c.fail("asset.assets", "not an array");
                }
            }
        }
        c.some_of(a.get("cloud"), "asset.cloud", ASSET_CLOUD);
    }

    // Attribute.
    if let Some(at) = top.get("attribute") {
        if let Some(a) = c.object(Some(at), "attribute", &[], ATTRIBUTE_KEYS) {
            if a.is_empty() {
                c.fail("attribute", "no attribute (minProperties 1)");
            }
            if let Some(conf) = a.get("confidentiality") {
                if let Some(m) = c.object(
                    Some(conf),
                    "attribute.confidentiality",
                    &["data_disclosure"],
                    CONFIDENTIALITY_KEYS,
                ) {
                    c.one_of(
                        m.get("data_disclosure"),
                        "attribute.confidentiality.data_disclosure",
                        DATA_DISCLOSURE,
                    );
                    c.integer(
                        m.get("data_total"),
                        "attribute.confidentiality.data_total",
                        0..=i64::MAX,
                    );
                    match m.get("data") {
                        None => {}
                        Some(Value::Array(list)) if !list.is_empty() => {
                            for (n, x) in list.iter().enumerate() {
                                let path = format!("attribute.confidentiality.data[{n}]");
                                if let Some(d) =
                                    c.object(Some(x), &path, &["variety"], &["variety", "amount"])
                                {
                                    c.one_of(
                                        d.get("variety"),
                                        &format!("{path}.variety"),
                                        DATA_VARIETY,
                                    );
                                    c.integer(
                                        d.get("amount"),
                                        &format!("{path}.amount"),
                                        0..=i64::MAX,
                                    );
                                }
                            }
                        }
                        Some(other) => c.fail(
                            "attribute.confidentiality.data",
                            format!("not a non-empty array: {other}"),
                        ),
                    }
                }
            }
            if let Some(i) = a.get("integrity") {
                if let Some(m) = c.object(
                    Some(i),
                    "attribute.integrity",
                    &["variety"],
                    &["variety", "notes"],
                ) {
                    c.some_of(
                        m.get("variety"),
                        "attribute.integrity.variety",
                        INTEGRITY_VARIETY,
                    );
                }
            }
            if let Some(av) = a.get("availability") {
                if let Some(m) = c.object(
                    Some(av),
                    "attribute.availability",
                    &["variety"],
                    &["variety", "duration", "notes"],
                ) {
                    c.some_of(
                        m.get("variety"),
                        "attribute.availability.variety",
                        AVAILABILITY_VARIETY,
                    );
                    if m.contains_key("duration") {
                        c.duration(m.get("duration"), "attribute.availability.duration");
                    }
                }
            }
        }
    }

    // Discovery method and impact.
    if let Some(d) = c.object(
        get("discovery_method"),
        "discovery_method",
        &[],
        DISCOVERY_KEYS,
    ) {
        if d.is_empty() {
            c.fail("discovery_method", "empty (minProperties 1)");
        }
        for k in ["other", "unknown"] {
            if let Some(x) = d.get(k) {
                if !x.is_boolean() {
                    c.fail(&format!("discovery_method.{k}"), "not a boolean");
                }
            }
        }
        for k in ["external", "internal", "partner"] {
            if d.contains_key(k) {
                c.fail(
                    &format!("discovery_method.{k}"),
                    "a discovery method the export does not write",
                );
            }
        }
    }
    if let Some(i) = top.get("impact") {
        if let Some(m) = c.object(Some(i), "impact", &["overall_rating"], IMPACT_KEYS) {
            c.one_of(
                m.get("overall_rating"),
                "impact.overall_rating",
                OVERALL_RATING,
            );
        }
    }

    // Plus: an object; master_id a non-empty string (the schema), here a UUID version 5.
    if let Some(p) = top.get("plus") {
        if let Some(m) = p.as_object() {
            match m.get("master_id").and_then(Value::as_str) {
                Some(id) if uuid_v5_form(id) => {}
                other => c.fail(
                    "plus.master_id",
                    format!("{other:?} is not a UUID version 5"),
                ),
            }
            if let Some(t) = m.get("timeline").and_then(|t| t.get("notification")) {
                c.date(Some(t), "plus.timeline.notification");
            }
        } else {
            c.fail("plus", "not an object");
        }
    }

    // VERIS's consistency rules (checkValidity.py) and Jikenbo's.
    if has(rec, &["action", "malware", "variety"], "Ransomware")
        && !has(
            rec,
            &["attribute", "availability", "variety"],
            "Obscuration",
        )
    {
        c.fail(
            "attribute.availability.variety",
            "ransomware without Obscuration",
        );
    }
    if top.get("action").and_then(|a| a.get("malware")).is_some()
        && !has(
            rec,
            &["attribute", "integrity", "variety"],
            "Software installation",
        )
    {
        c.fail(
            "attribute.integrity.variety",
            "malware without Software installation",
        );
    }
    if top.get("action").and_then(|a| a.get("social")).is_some()
        && !has(
            rec,
            &["attribute", "integrity", "variety"],
            "Alter behavior",
        )
    {
        c.fail(
            "attribute.integrity.variety",
            "social action without Alter behavior",
        );
    }
    if (has(rec, &["action", "error", "variety"], "Loss")
        || has(rec, &["action", "physical", "variety"], "Theft"))
        && !has(rec, &["attribute", "availability", "variety"], "Loss")
    {
        c.fail(
            "attribute.availability.variety",
            "loss or theft without availability Loss",
        );
    }
    if has(rec, &["action", "hacking", "variety"], "SQLi")
        && !has(rec, &["attribute", "integrity", "variety"], "Repurpose")
    {
        c.fail("attribute.integrity.variety", "SQLi without Repurpose");
    }
    // Hierarchical enumerations: a child value needs its parent (VERIS's rules.py).
    for (path, child, parent) in [
        (
            &["action", "social", "target"][..],
            "End-user",
            "End-user or employee",
        ),
        (
            &["action", "malware", "vector"][..],
            "Email attachment",
            "Email",
        ),
        (
            &["asset", "assets"][..],
            "P - End-user",
            "P - End-user or employee",
        ),
    ] {
        if has_value(rec, path, child) && !has_value(rec, path, parent) {
            c.fail(
                &path.join("."),
                format!("{child} without its parent {parent}"),
            );
        }
    }
    if has(rec, &["action", "malware", "variety"], "Ransomware")
        && !has(
            rec,
            &["attribute", "availability", "variety"],
            "Interruption",
        )
    {
        c.fail(
            "attribute.availability.variety",
            "ransomware without Interruption",
        );
    }
    if top.get("security_incident").and_then(Value::as_str) == Some("Confirmed")
        && !top.contains_key("attribute")
    {
        c.fail("attribute", "a confirmed incident without any attribute");
    }
    c.errors
}

/// `victim.industry`: 2 to 6 characters, a NAICS sector (or 00, unknown) and up to four more
/// digits, or one of the ranges VERIS allows (vz-risk/veris#20). The schema's pattern is not
/// anchored; this one is.
fn naics_form(s: &str) -> bool {
    const SECTORS: &[&str] = &[
        "00", "11", "21", "22", "23", "31", "32", "33", "42", "44", "45", "48", "49", "51", "52",
        "53", "54", "55", "56", "61", "62", "71", "72", "81", "92",
    ];
    if ["31-33", "44-45", "48-49"].contains(&s) {
        return true;
    }
    (2..=6).contains(&s.len())
        && s.is_char_boundary(2)
        && SECTORS.contains(&&s[..2])
        && s[2..].bytes().all(|b| b.is_ascii_digit())
}

/// The textual layout of a UUID version 5 (RFC 9562: version nibble 5, variant bits 10).
fn uuid_v5_form(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && [8, 13, 18, 23].iter().all(|&i| b[i] == b'-')
        && b.iter()
            .enumerate()
            .all(|(i, c)| [8, 13, 18, 23].contains(&i) || c.is_ascii_hexdigit())
        && b[14] == b'5'
        && matches!(b[19].to_ascii_lowercase(), b'8' | b'9' | b'a' | b'b')
}

// ---------------------------------------------------------------------------------------------
// The tests.

/// `../shared/seeds` beside the workspace. CI always has it, so its absence fails the test
/// rather than skipping it.
fn seeds_dir() -> std::path::PathBuf {
    let p = root().join("../shared/seeds");
    assert!(
        p.is_dir(),
        "{} is absent: the VERIS records of the seeds cannot be checked",
        p.display()
    );
    p
}

/// Every string in a record, with its path.
fn strings<'a>(v: &'a Value, path: String, out: &mut Vec<(String, &'a str)>) {
    match v {
        Value::String(s) => out.push((path, s)),
        Value::Array(a) => {
            for (n, x) in a.iter().enumerate() {
                strings(x, format!("{path}[{n}]"), out);
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                strings(x, format!("{path}.{k}"), out);
            }
        }
        _ => {}
    }
}

/// Ingests `dir` (sources are the local paths, as `jikenbo ingest` records them) and exports:
/// the store, the records and the numbers left out.
fn exported(dir: &Path) -> (Store, Vec<Value>, Vec<String>) {
    let mut s = Store::open_in_memory().unwrap();
    let outcomes = ingest_dir(&mut s, dir);
    assert!(
        !outcomes.is_empty(),
        "nothing ingested from {}",
        dir.display()
    );
    let mut buf = Vec::new();
    let report = s.export_veris_report(&mut buf, &Filter::default()).unwrap();
    let v: Value = serde_json::from_slice(&buf).expect("the export is JSON");
    let recs = v.as_array().expect("a JSON array").clone();
    assert_eq!(recs.len() as u64, report.exported);
    (s, recs, report.skipped)
}

/// Every live incident is exported or left out for want of a date, and each record's
/// `timeline.incident` is read from one of the incident's own dates (never the year it was
/// recorded): the date of occurrence in full, else the year of discovery, else of the notice.
fn check_dates(s: &Store, recs: &[Value], skipped: &[String]) {
    let live = s.counts().unwrap().incidents as usize;
    assert_eq!(
        recs.len() + skipped.len(),
        live,
        "every live incident accounted for"
    );
    for n in skipped {
        let r = s.incident(n.parse().unwrap()).unwrap().record;
        assert!(
            r.occurred.is_none() && r.discovered.is_none() && r.published.is_none(),
            "{n} left out but dated"
        );
    }
    for rec in recs {
        let number = rec["plus"]["jikenbo"]["number"].as_str().unwrap();
        let r = s.incident(number.parse().unwrap()).unwrap().record;
        let t = &rec["timeline"]["incident"];
        let expect = match (r.occurred, r.discovered, r.published) {
            (Some(o), _, _) => {
                let mut m = json!({ "year": o.year });
                if let Some(mo) = o.month {
                    m["month"] = json!(mo);
                    if let Some(d) = o.day {
                        m["day"] = json!(d);
                    }
                }
                (m, "occurred")
            }
            (None, Some(d), _) => (json!({ "year": d.year }), "discovered"),
            (None, None, Some(p)) => (json!({ "year": p.year }), "published"),
            (None, None, None) => panic!("{number} exported without any date: {t}"),
        };
        assert_eq!(
            (
                t,
                rec["plus"]["jikenbo"]["timeline_basis"].as_str().unwrap()
            ),
            (&expect.0, expect.1),
            "{number}"
        );
    }
}

fn check_all(dir: &Path, recs: &[Value]) {
    let mut bad = Vec::new();
    let dir_text = dir.display().to_string();
    let abs = std::fs::canonicalize(dir).unwrap().display().to_string();
    for rec in recs {
        let id = rec["incident_id"].as_str().unwrap_or("?").to_string();
        for e in validate(rec) {
            bad.push(format!("{id}: {e}"));
        }
        // No local path leaks anywhere in the record.
        let mut all = Vec::new();
        strings(rec, "$".into(), &mut all);
        for (path, s) in all {
            if s.contains(&dir_text) || s.contains(&abs) || s.contains("shared/seeds") {
                bad.push(format!("{id}: {path} holds a local path: {s:?}"));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} violations:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn seed_records_are_valid_veris() {
    let dir = seeds_dir();
    let (s, recs, skipped) = exported(&dir);
    // One casebook page of 20 notices, one deck of a dozen headlines, three single notices.
    assert!(recs.len() >= 30, "{} records", recs.len());
    check_dates(&s, &recs, &skipped);
    check_all(&dir, &recs);
}

#[test]
fn example_records_are_valid_veris() {
    let dir = examples_dir();
    let (s, recs, skipped) = exported(&dir);
    assert!(recs.len() >= 30, "{} records", recs.len());
    check_dates(&s, &recs, &skipped);
    check_all(&dir, &recs);
    // The mapping's interesting cases are among them.
    let any = |f: &dyn Fn(&Value) -> bool| recs.iter().any(f);
    assert!(any(&|r| has(
        r,
        &["attribute", "availability", "variety"],
        "Obscuration"
    )));
    assert!(any(&|r| r["confidence"] == "High"));
    assert!(any(&|r| r["confidence"] != "High"));
    assert!(any(&|r| r["victim"]["industry"] == "92"));
    assert!(any(&|r| r["victim"]["industry"] == "00"));
}

/// A record from the export, to break in the test below.
fn a_valid_ransomware_record() -> Value {
    let dir = examples_dir();
    let (_, recs, _) = exported(&dir);
    let rec = recs
        .into_iter()
        .find(|r| has(r, &["action", "malware", "variety"], "Ransomware"))
        .expect("a ransomware example");
    assert_eq!(validate(&rec), Vec::<String>::new());
    rec
}

#[test]
fn validator_rejects_broken_records() {
    let good = a_valid_ransomware_record();
    type Break = fn(&mut Value);
    let cases: &[(&str, Break, &str)] = &[
        (
            "no summary",
            |r| drop(r.as_object_mut().unwrap().remove("summary")),
            "$.summary",
        ),
        (
            "no timeline",
            |r| drop(r.as_object_mut().unwrap().remove("timeline")),
            "$.timeline",
        ),
        (
            "an unknown key",
            |r| r["confidense"] = json!("High"),
            "$.confidense",
        ),
        (
            "confidence out of the enum",
            |r| r["confidence"] = json!("Certain"),
            "confidence",
        ),
        (
            "bad schema_version",
            |r| r["schema_version"] = json!("1.3"),
            "schema_version",
        ),
        (
            "other schema_version",
            |r| r["schema_version"] = json!("1.4.0"),
            "schema_version",
        ),
        (
            "year as text",
            |r| r["timeline"]["incident"]["year"] = json!("2024"),
            "timeline.incident.year",
        ),
        (
            "year beyond the schema",
            |r| r["timeline"]["incident"]["year"] = json!(2100),
            "timeline.incident.year",
        ),
        (
            "no year",
            |r| {
                drop(
                    r["timeline"]["incident"]
                        .as_object_mut()
                        .unwrap()
                        .remove("year"),
                )
            },
            "timeline.incident.year",
        ),
        (
            "month 13",
            |r| r["timeline"]["incident"]["month"] = json!(13),
            "timeline.incident.month",
        ),
        (
            "30 February",
            |r| {
                r["timeline"]["incident"] = json!({"year": 2024, "month": 2, "day": 30});
            },
            "timeline.incident",
        ),
        (
            "discovery unit",
            |r| r["timeline"]["discovery"] = json!({"unit": "Fortnights", "value": 1}),
            "timeline.discovery.unit",
        ),
        (
            "industry 0",
            |r| r["victim"]["industry"] = json!("0"),
            "victim.industry",
        ),
        (
            "industry 99",
            |r| r["victim"]["industry"] = json!("99"),
            "victim.industry",
        ),
        (
            "industry too long",
            |r| r["victim"]["industry"] = json!("6221100"),
            "victim.industry",
        ),
        (
            "government for a hospital",
            |r| r["victim"]["government"] = json!(["Local"]),
            "victim.government",
        ),
        (
            "no government for a city",
            |r| {
                r["victim"]["industry"] = json!("92");
                r["victim"]["government"] = json!(["NA"]);
            },
            "victim.government",
        ),
        (
            "victim without country",
            |r| drop(r["victim"].as_object_mut().unwrap().remove("country")),
            "victim.country",
        ),
        (
            "employee count",
            |r| r["victim"]["employee_count"] = json!("Many"),
            "victim.employee_count",
        ),
        (
            "action variety",
            |r| r["action"]["malware"]["variety"] = json!(["Cryptolocker"]),
            "action.malware.variety[0]",
        ),
        (
            "omission (gone in 1.3.7)",
            |r| r["action"]["error"] = json!({"variety": ["Omission"], "vector": ["Unknown"]}),
            "action.error.variety[0]",
        ),
        (
            "action without vector",
            |r| {
                drop(
                    r["action"]["malware"]
                        .as_object_mut()
                        .unwrap()
                        .remove("vector"),
                )
            },
            "action.malware.vector",
        ),
        (
            "empty variety",
            |r| r["action"]["malware"]["variety"] = json!([]),
            "action.malware.variety",
        ),
        (
            "duplicate variety",
            |r| r["action"]["malware"]["variety"] = json!(["Ransomware", "Ransomware"]),
            "action.malware.variety",
        ),
        ("no action", |r| r["action"] = json!({}), "action"),
        (
            "social without target",
            |r| r["action"]["social"] = json!({"variety": ["Phishing"], "vector": ["Email"]}),
            "action.social.target",
        ),
        (
            "actor variety",
            |r| r["actor"] = json!({"external": {"variety": ["Aliens"], "motive": ["Fun"]}}),
            "actor.external.variety[0]",
        ),
        (
            "unknown actor without a note",
            |r| r["actor"] = json!({"unknown": {}}),
            "actor.unknown.notes",
        ),
        (
            "asset without cloud",
            |r| drop(r["asset"].as_object_mut().unwrap().remove("cloud")),
            "asset.cloud",
        ),
        (
            "asset variety",
            |r| r["asset"]["assets"] = json!([{"variety": "Server"}]),
            "asset.assets[0].variety",
        ),
        (
            "data variety",
            |r| r["attribute"]["confidentiality"]["data"] = json!([{"variety": "Health"}]),
            "attribute.confidentiality.data[0].variety",
        ),
        (
            "data total negative",
            |r| r["attribute"]["confidentiality"]["data_total"] = json!(-1),
            "attribute.confidentiality.data_total",
        ),
        (
            "data total fraction",
            |r| r["attribute"]["confidentiality"]["data_total"] = json!(1.5),
            "attribute.confidentiality.data_total",
        ),
        (
            "disclosure",
            |r| r["attribute"]["confidentiality"]["data_disclosure"] = json!("Maybe"),
            "attribute.confidentiality.data_disclosure",
        ),
        (
            "ransomware without Obscuration",
            |r| {
                drop(
                    r["attribute"]
                        .as_object_mut()
                        .unwrap()
                        .remove("availability"),
                )
            },
            "ransomware without Obscuration",
        ),
        (
            "ransomware without Interruption",
            |r| r["attribute"]["availability"] = json!({"variety": ["Obscuration"]}),
            "ransomware without Interruption",
        ),
        (
            "a child target without its parent",
            |r| {
                r["action"]["social"] =
                    json!({"variety": ["Phishing"], "vector": ["Email"], "target": ["End-user"]})
            },
            "End-user without its parent",
        ),
        (
            "a child vector without its parent",
            |r| {
                r["action"]["malware"]["vector"] = json!(["Email attachment"]);
            },
            "Email attachment without its parent",
        ),
        (
            "a child asset without its parent",
            |r| r["asset"]["assets"] = json!([{"variety": "P - End-user"}]),
            "P - End-user without its parent",
        ),
        (
            "malware without Software installation",
            |r| drop(r["attribute"].as_object_mut().unwrap().remove("integrity")),
            "malware without Software installation",
        ),
        (
            "loss without availability Loss",
            |r| {
                r["action"] = json!({"error": {"variety": ["Loss"], "vector": ["Unknown"]}});
                r["attribute"]["availability"] = json!({"variety": ["Obscuration"]});
            },
            "loss or theft",
        ),
        (
            "confirmed without attribute",
            |r| drop(r.as_object_mut().unwrap().remove("attribute")),
            "confirmed incident without any attribute",
        ),
        (
            "discovery method",
            |r| r["discovery_method"] = json!({"unknown": "yes"}),
            "discovery_method.unknown",
        ),
        (
            "reference is a path",
            |r| r["reference"] = json!("/home/alice/notices/hospital.txt"),
            "reference",
        ),
        (
            "master_id version 4",
            |r| r["plus"]["master_id"] = json!("86b30a6d-c940-441a-982e-a172c7ae7260"),
            "plus.master_id",
        ),
        (
            "impact rating",
            |r| r["impact"]["overall_rating"] = json!("Bad"),
            "impact.overall_rating",
        ),
    ];
    for (what, break_it, expect) in cases {
        let mut rec = good.clone();
        break_it(&mut rec);
        let errors = validate(&rec);
        assert!(
            errors.iter().any(|e| e.contains(expect)),
            "{what}: expected a violation at {expect:?}, got {errors:#?}"
        );
    }
    // Sanity: the forms the checks accept.
    for ok in [
        "00", "62", "622", "621210", "31-33", "44-45", "48-49", "923110",
    ] {
        assert!(naics_form(ok), "{ok}");
    }
    for bad in ["0", "6", "99", "19", "62x", "6221100", "31-34", "00-"] {
        assert!(!naics_form(bad), "{bad}");
    }
}
