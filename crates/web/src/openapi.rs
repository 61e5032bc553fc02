//! The OpenAPI 3.1 description of the JSON API, served at `/api/openapi.json`. Written by hand
//! next to the handlers ([`crate::api`]); a test checks that every route of the API is listed.

use serde_json::{json, Value};

fn q(name: &str, desc: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "query", "required": false, "description": desc, "schema": schema })
}

fn path_param(name: &str, desc: &str) -> Value {
    json!({ "name": name, "in": "path", "required": true, "description": desc, "schema": { "type": "string" } })
}

fn filter_params() -> Vec<Value> {
    let s = json!({ "type": "string" });
    vec![
        q("q", "Words that must all occur (Japanese full text; NFKC; 1-2 character words match through the index's trigrams, very common characters by scanning)", s.clone()),
        q("cause", "Cause terms (targeted_email, phishing, support_scam, ransomware, unauthorized_access, malware, insider_theft, insider_snooping, insider_misuse, insider_disclosure, misconfiguration, loss_theft, misdelivery); repeat or comma-separate: any of", s.clone()),
        q("actor", "internal, partner, external; any of", s.clone()),
        q("leak", "confirmed, possible, none; any of", s.clone()),
        q("year", "Year of the incident's date (published, else discovered, else occurred)", json!({ "type": "integer" })),
        q("from", "Date range start (YYYY, YYYY-MM, YYYY-MM-DD)", s.clone()),
        q("to", "Date range end", s.clone()),
        q("label", "Labels that must all be present (repeat)", s.clone()),
        q("data", "Data kinds (name, address, my_number, health, ...) that must all be present", s.clone()),
        q("sector", "Sectors (医療機関, 自治体, 国の機関, 警察, 学校, 企業, 団体, or medical, local_government, ...); any of", s.clone()),
        q("size", "Size buckets: lt100, 100-1k, 1k-10k, 10k-100k, 100k-1m, 1m+, unknown; any of", s.clone()),
        q("org", "Part of the organization's name", s.clone()),
        q("min", "At least this many persons", json!({ "type": "integer", "minimum": 0 })),
        q("max", "At most this many persons", json!({ "type": "integer", "minimum": 0 })),
    ]
}

fn list_params() -> Vec<Value> {
    let mut p = filter_params();
    p.push(q("sort", "auto (newest first), relevance (BM25 with text, else newest first), newest, oldest, affected, number, number_desc, organization, cause", json!({ "type": "string", "default": "auto" })));
    p.push(q(
        "limit",
        "Page size (1-200, default 50; also `per`)",
        json!({ "type": "integer", "minimum": 1, "maximum": 200 }),
    ));
    p.push(q(
        "offset",
        "Results to skip (or `page`, from 1)",
        json!({ "type": "integer", "minimum": 0 }),
    ));
    p.push(q(
        "facets",
        "1 to count results per cause, actor, year, sector, label, data kind and size",
        json!({ "type": "string", "enum": ["0", "1"] }),
    ));
    p
}

fn ok(desc: &str, schema: Value) -> Value {
    json!({ "description": desc, "content": { "application/json": { "schema": schema } } })
}

fn errors() -> Value {
    let e = json!({ "$ref": "#/components/responses/Error" });
    json!({ "400": e, "401": e, "403": e, "404": e, "413": e, "422": e, "500": e })
}

fn op(summary: &str, params: Vec<Value>, responses: Value) -> Value {
    let mut r = errors();
    if let (Value::Object(m), Value::Object(add)) = (&mut r, responses) {
        m.extend(add);
    }
    json!({ "summary": summary, "parameters": params, "responses": r })
}

fn with_body(mut o: Value, schema: Value, desc: &str) -> Value {
    o["requestBody"] = json!({ "required": true, "description": desc, "content": { "application/json": { "schema": schema } } });
    o
}

fn obj() -> Value {
    json!({ "type": "object" })
}

/// The document.
pub fn document() -> Value {
    let inc_ref = path_param("r", "Incident number (2024-001, #2024-001) or internal id");
    let doc_id = path_param("id", "Document id");
    let notice_body = json!({
        "required": true,
        "description": "JSON {name, text} or {name, content_base64}, or the file itself as application/octet-stream (name in ?name=). Limit: the server's upload limit (default 16 MiB).",
        "content": {
            "application/json": { "schema": { "$ref": "#/components/schemas/Notice" } },
            "application/octet-stream": { "schema": { "type": "string", "format": "binary" } }
        }
    });
    let mut extract = op(
        "Extract incidents from a notice without storing it (preview)",
        vec![q(
            "name",
            "File name (octet-stream bodies)",
            json!({ "type": "string" }),
        )],
        json!({ "200": ok("The decoded document and the extracted incident records (casebook schema, with evidence)", obj()) }),
    );
    extract["requestBody"] = notice_body.clone();
    let mut create = op(
        "Store a notice: archive it, extract its incidents, link follow-ups (editor)",
        vec![
            q(
                "name",
                "File name (octet-stream bodies)",
                json!({ "type": "string" }),
            ),
            q(
                "source",
                "Where the notice came from (URL)",
                json!({ "type": "string" }),
            ),
        ],
        json!({
            "201": ok("Added: the document id and one entry per incident (number, link: new | followup | same-facts)", obj()),
            "200": ok("Skipped: the same content is stored already", obj())
        }),
    );
    create["requestBody"] = notice_body;
    let download = |desc: &str| json!({ "description": desc, "content": { "text/csv": {}, "application/json": {} } });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Jikenbo (事件簿) casebook API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Japanese personal-data breach notices → structured incidents → a searchable casebook. Errors are JSON {\"error\": message, \"status\": code}. Sign-in mode: send `Authorization: Bearer <token>` (the admin token, or a token from POST /api/session). Unsafe calls from a browser session need the X-CSRF-Token header (GET /api/session gives it) unless the body is JSON or octet-stream. Roles: viewer (read), editor (ingest, correct, label), admin (users)."
        },
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "responses": {
                "Error": { "description": "Error", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
            },
            "schemas": {
                "Error": { "type": "object", "required": ["error", "status"], "properties": { "error": { "type": "string" }, "status": { "type": "integer" } } },
                "Notice": { "type": "object", "properties": {
                    "name": { "type": "string", "description": "File name; its extension guides decoding (.txt, .md, .html, .pdf)" },
                    "text": { "type": "string" },
                    "content_base64": { "type": "string", "description": "The original bytes (any encoding: UTF-8, Shift_JIS, EUC-JP, ISO-2022-JP, UTF-16; HTML; PDF)" },
                    "source": { "type": "string" } } },
                "Hit": { "type": "object", "properties": {
                    "id": { "type": "integer" }, "number": { "type": "string", "example": "2024-001" },
                    "organization": { "type": ["string", "null"] }, "title": { "type": ["string", "null"] },
                    "date": { "type": ["string", "null"] }, "published": { "type": ["string", "null"] },
                    "affected": { "type": ["integer", "null"] }, "leak": { "type": ["string", "null"] },
                    "cause": { "type": ["string", "null"] }, "actor": { "type": ["string", "null"] },
                    "data": { "type": "array", "items": { "type": "string" } }, "sector": { "type": ["string", "null"] },
                    "labels": { "type": "array", "items": { "type": "string" } },
                    "score": { "type": ["number", "null"] },
                    "snippet": { "oneOf": [{ "$ref": "#/components/schemas/Snippet" }, { "type": "null" }], "description": "Text around the first match, when the query has text (q)" } } },
                "Snippet": { "type": "object", "required": ["text", "matches"],
                    "description": "Plain text (no markup: brackets such as 【対応経緯】 are the notice's own text; NFKC as indexed, line breaks as spaces, … where cut) and where the query's terms occur in it. Offsets are UTF-16 code units of text (JavaScript: text.slice(start, end) is the match), half-open, in order, not overlapping.",
                    "properties": {
                        "text": { "type": "string" },
                        "matches": { "type": "array", "items": { "$ref": "#/components/schemas/SnippetMatch" } } } },
                "SnippetMatch": { "type": "object", "required": ["start", "end"],
                    "description": "One match: text[start..end] in UTF-16 code units",
                    "properties": {
                        "start": { "type": "integer", "minimum": 0, "description": "First UTF-16 code unit of the match" },
                        "end": { "type": "integer", "minimum": 0, "description": "UTF-16 code unit just after the match" } } },
                "SearchResults": { "type": "object", "properties": {
                    "hits": { "type": "array", "items": { "$ref": "#/components/schemas/Hit" } },
                    "total": { "type": "integer", "description": "Matches (not only this page); a lower bound when total_exact is false" },
                    "total_exact": { "type": "boolean" },
                    "facets": { "type": ["object", "null"], "description": "cause, actor, year, sector, label, data, size: arrays of {key, label, count}" } } },
                "Correction": { "type": "object", "properties": {
                    "set": { "type": "object", "description": "field → value: organization, title, published, occurred, discovered (YYYY[-MM[-DD]]), affected (integer), leak, cause, actor (terms), data (array of kinds), sector; null = unknown", "additionalProperties": true },
                    "clear": { "type": "array", "items": { "type": "string" }, "description": "Fields whose correction ends (the reports' value applies again)" },
                    "note": { "type": "string" } } },
                "Stats": { "type": "object", "properties": {
                    "by": { "type": "string" },
                    "rows": { "type": "array", "items": { "type": "object", "properties": { "key": { "type": "string" }, "label": { "type": "string" }, "incidents": { "type": "integer" }, "persons": { "type": "integer" }, "with_count": { "type": "integer" } } } },
                    "total": { "type": "object" } } },
                "Assessment": { "type": "object", "description": "report_required, grounds, regimes, sokuho_from/to, kakuho_days, kakuho_due, notify_individuals, jnsa, reasons (citing articles), assumptions, branches, regime_details, facts; plus `text` (Japanese rendering)" }
            }
        },
        "security": [{ "bearer": [] }, {}],
        "paths": {
            "/api/session": {
                "get": op("Who am I: user, role, mode (open | sign_in), CSRF token for browser scripts", vec![], json!({ "200": ok("Session", obj()) })),
                "post": with_body(op("Sign in: returns a Bearer token (12 hours). After 5 failed sign-ins for a name within 15 minutes (or 20 from one client address), further attempts are refused for 15 minutes", vec![], json!({ "201": ok("{token, user, role, expires_in}", obj()), "429": { "description": "Too many failed sign-ins: refused without checking the password; the Retry-After header gives the seconds to wait", "headers": { "Retry-After": { "schema": { "type": "integer" } } }, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } } })), json!({ "type": "object", "required": ["user", "password"], "properties": { "user": { "type": "string" }, "password": { "type": "string" } } }), "Name and password (the admin: admin and the admin token)"),
                "delete": op("Sign out (ends the Bearer token's or the cookie's session)", vec![], json!({ "204": { "description": "Signed out" } }))
            },
            "/api/incidents": {
                "get": op("List and search incidents", list_params(), json!({ "200": ok("One page of results", json!({ "$ref": "#/components/schemas/SearchResults" })) }))
            },
            "/api/incidents/{r}": {
                "get": op("An incident: current record, every field with source, evidence and history, overrides, labels, documents", vec![inc_ref.clone()], json!({ "200": ok("IncidentView", obj()) })),
                "patch": with_body(op("Correct fields (editor): curator overrides with a note; kept across re-extraction", vec![inc_ref.clone()], json!({ "200": ok("The incident after the change", obj()) })), json!({ "$ref": "#/components/schemas/Correction" }), "What to set or clear")
            },
            "/api/incidents/{r}/assessment": {
                "get": op("Legal assessment of the incident: APPI / My Number reporting duty with articles, 速報/確報 deadlines, notice to individuals, JNSA estimate", vec![inc_ref.clone()], json!({ "200": ok("Assessment", json!({ "$ref": "#/components/schemas/Assessment" })) }))
            },
            "/api/incidents/{r}/labels": {
                "post": with_body(op("Add a label (editor); re-adding a removed derived label restores it", vec![inc_ref.clone()], json!({ "200": ok("{changed, labels}", obj()) })), json!({ "type": "object", "required": ["label"], "properties": { "label": { "type": "string" } } }), "The label")
            },
            "/api/incidents/{r}/labels/{label}": {
                "delete": op("Remove a label (editor): a user label is deleted, a derived one suppressed", vec![inc_ref.clone(), path_param("label", "The label")], json!({ "200": ok("{changed, labels}", obj()) }))
            },
            "/api/incidents/{r}/audit": {
                "get": op("Audit log of the incident and its documents", vec![inc_ref], json!({ "200": ok("Audit entries, newest first", json!({ "type": "array", "items": obj() })) }))
            },
            "/api/extract": { "post": extract },
            "/api/documents": {
                "get": op("Archived documents, newest first", vec![q("limit", "1-1000", json!({ "type": "integer" })), q("offset", "Skip", json!({ "type": "integer" }))], json!({ "200": ok("Documents", json!({ "type": "array", "items": obj() })) })),
                "post": create
            },
            "/api/documents/{id}": {
                "get": op("An archived document: metadata, decoded text, incidents it reports", vec![doc_id.clone()], json!({ "200": ok("DocumentView", obj()) }))
            },
            "/api/documents/{id}/original": {
                "get": op("The original bytes (download)", vec![doc_id], json!({ "200": { "description": "The bytes as ingested", "content": { "application/octet-stream": {} } } }))
            },
            "/api/assess": {
                "post": with_body(op("Assess a set of facts (the `jikenbo assess --facts` input)", vec![], json!({ "200": ok("Assessment", json!({ "$ref": "#/components/schemas/Assessment" })) })), obj(), "Facts: org_kind, persons, data, cause, aware, encrypted, ... (see jikenbo-assess)")
            },
            "/api/stats": {
                "get": op("Incidents and persons per group", { let mut p = filter_params(); p.insert(0, q("by", "year, month, cause, actor, sector, data, label, size", json!({ "type": "string", "default": "year" }))); p }, json!({ "200": ok("Stats", json!({ "$ref": "#/components/schemas/Stats" })) }))
            },
            "/api/export": {
                "get": op("Export: csv (current values) or veris (VERIS 1.3 JSON) of the incidents matching the filter; json: lossless export of the whole store (no filter)", { let mut p = filter_params(); p.remove(0); p.insert(0, q("format", "csv, veris, json", json!({ "type": "string", "default": "csv" }))); p }, json!({ "200": download("The export file") }))
            },
            "/api/export/view": {
                "get": op("A casebook view (search text, filters, order) as CSV or JSON, all pages (at most 100,000 incidents)", { let mut p = list_params(); p.insert(0, q("format", "csv or json", json!({ "type": "string", "default": "csv" }))); p }, json!({ "200": download("The view") }))
            },
            "/api/audit": {
                "get": op("The audit log: who changed what, when (newest first)", vec![q("incident", "Only this incident", json!({ "type": "string" })), q("limit", "1-10000 (default 100)", json!({ "type": "integer" }))], json!({ "200": ok("Audit entries", json!({ "type": "array", "items": obj() })) }))
            },
            "/api/counts": {
                "get": op("Sizes of the store", vec![], json!({ "200": ok("Counts of documents, incidents, reports, overrides, labels, audit rows", obj()) }))
            },
            "/api/users": {
                "get": op("Users (admin)", vec![], json!({ "200": ok("Users", json!({ "type": "array", "items": obj() })) })),
                "post": with_body(op("Create or update a user (admin)", vec![], json!({ "201": ok("The user", obj()) })), json!({ "type": "object", "required": ["name", "role", "password"], "properties": { "name": { "type": "string", "pattern": "^[A-Za-z0-9._-]{1,32}$" }, "role": { "type": "string", "enum": ["viewer", "editor"] }, "password": { "type": "string", "minLength": 10 } } }), "The user")
            },
            "/api/users/{name}": {
                "delete": op("Delete a user (admin); their sessions end", vec![path_param("name", "User name")], json!({ "204": { "description": "Deleted" } }))
            },
            "/api/openapi.json": {
                "get": { "summary": "This document", "responses": { "200": ok("OpenAPI 3.1", obj()) } }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_every_api_route() {
        let doc = super::document();
        let src = include_str!("api.rs");
        let mut n = 0;
        for line in src.lines() {
            let t = line.trim();
            if let Some(rest) = t.strip_prefix(".route(\"") {
                let path = rest.split('"').next().unwrap_or("");
                assert!(
                    doc["paths"].get(path).is_some(),
                    "{path} missing from openapi"
                );
                n += 1;
            } else if t == ".route(" {
                n += 1;
            }
        }
        assert!(n > 15);
        // Multi-line routes.
        for p in ["/api/session", "/api/extract", "/api/documents"] {
            assert!(doc["paths"].get(p).is_some());
        }
    }
}
