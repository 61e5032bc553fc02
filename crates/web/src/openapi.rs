//! The OpenAPI 3.1 description of the JSON API, served at `/api/openapi.json`. Written by hand
//! next to the handlers ([`crate::api`]); a test checks that every route of the API is listed.

use serde_json::{json, Value};

fn q(name: &str, desc: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "query", "required": false, "description": desc, "schema": schema })
}

fn path_param(name: &str, desc: &str) -> Value {
    json!({ "name": name, "in": "path", "required": true, "description": desc, "schema": { "type": "string" } })
}

fn today_param() -> Value {
    q(
        "today",
        "Count the deadlines from this day (YYYY-MM-DD; default: today in Japan)",
        json!({ "type": "string", "format": "date" }),
    )
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
    let mut doc = json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Jikenbo (事件簿) casebook API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Japanese personal-data breach notices → structured incidents → a searchable casebook. Errors are JSON {\"error\": message, \"status\": code}. Sign-in mode: send `Authorization: Bearer <token>` (the admin token, or a token from POST /api/session). Unsafe calls from a browser session need the X-CSRF-Token header (GET /api/session gives it) unless the body is JSON or octet-stream. Roles: viewer (read the casebook), editor (ingest, correct, label; own cases: /api/cases, which viewers cannot see), admin (users)."
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
                "get": op("Audit log of the incident and its documents", vec![inc_ref.clone()], json!({ "200": ok("Audit entries, newest first", json!({ "type": "array", "items": obj() })) }))
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
    });
    merge(&mut doc["components"]["schemas"], case_schemas());
    merge(&mut doc["paths"], case_paths());
    merge(&mut doc["paths"], curation_paths(&inc_ref));
    doc
}

fn merge(into: &mut Value, from: Value) {
    if let (Value::Object(a), Value::Object(b)) = (into, from) {
        a.extend(b);
    }
}

/// The schemas of the own cases' endpoints.
fn case_schemas() -> Value {
    json!({
                "CaseFacts": { "type": "object", "additionalProperties": true,
                    "description": "Facts by key, as `jikenbo case` and jikenbo_respond::set_fact read them; null = unknown (未確認). The assessment's facts (org_kind, persons, my_number_persons, data, cause, wrongful_intent, encrypted, pseudonymized, recovered_unviewed, ordinance_sensitive, processor_notified_controller, aware, social_responsibility, response, leak, card_last4_only, payment_credentials, financial_risk, pre_storage, publicly_viewable, mynumber_system, nondisclosure_info, jnsa_levels, notes) and the details the drafts read (privacy_mark, privacy_mark_body, industry, summary, discovered_by, entrustment, data_medium, data_category, data_detail, cause_detail, cause_entity, caused_by, secondary_damage, security_measures, individuals_response, advice_to_individuals, publication_plan, contact, other). An unknown key or a bad value is a 400 with a Japanese message.",
                    "example": { "persons": 1200, "data": ["name", "email"], "cause": "misdelivery", "aware": "2026-11-30", "contact": null } },
                "NewCase": { "type": "object", "required": ["title"], "additionalProperties": false, "properties": {
                    "title": { "type": "string", "maxLength": 300, "description": "件名" },
                    "organization": { "type": "string", "maxLength": 200 },
                    "facts": { "$ref": "#/components/schemas/CaseFacts" } } },
                "CasePatch": { "type": "object", "additionalProperties": false, "properties": {
                    "title": { "type": "string" }, "organization": { "type": "string" },
                    "status": { "type": "string", "enum": ["investigating", "reported", "preventing", "closed"], "description": "調査中, 報告済, 再発防止策実施中, 完了 (the Japanese labels are accepted too)" } } },
                "Deadline": { "type": "object", "description": "One deadline of a case on a day (jikenbo_respond::Deadline) with its Japanese name, status, countdown (残り5日, 3日超過, 済(…)) and line",
                    "properties": {
                        "kind": { "type": "string", "enum": ["ppc_report", "sokuho", "kakuho", "controller_notice", "individual_notice", "privacy_mark_sokuho", "privacy_mark_report"] },
                        "kind_ja": { "type": "string" },
                        "window_from": { "type": ["string", "null"], "format": "date" },
                        "due": { "type": ["string", "null"], "format": "date" },
                        "days_left": { "type": ["integer", "null"], "description": "Days from today to the due date; negative: overdue" },
                        "status": { "type": "string", "enum": ["met", "due", "overdue", "no_fixed_date", "undetermined", "not_required"] },
                        "status_ja": { "type": "string" },
                        "met_on": { "type": ["string", "null"], "description": "When the event that meets it happened (YYYY-MM-DD or YYYY-MM-DDTHH:MM)" },
                        "met_late": { "type": "boolean" },
                        "ground": { "type": "string", "description": "Why it applies (or not), citing the articles" },
                        "missing": { "type": ["string", "null"] },
                        "countdown": { "type": "string" }, "line": { "type": "string" } } },
                "Case": { "type": "object", "description": "jikenbo_respond::Case: id, title, organization, status, facts (the assessment's), details (the drafts'), provenance (fact → {who, at}), events, measures, created_at, updated_at" },
                "CaseView": { "type": "object", "properties": {
                    "case": { "$ref": "#/components/schemas/Case" },
                    "today": { "type": "string", "format": "date" },
                    "deadlines": { "type": "array", "items": { "$ref": "#/components/schemas/Deadline" } },
                    "drafts": { "type": "array", "items": { "type": "object", "properties": { "kind": { "type": "string" }, "label": { "type": "string" }, "markdown": { "type": "string" }, "docx": { "type": "string" }, "print": { "type": "string" } } } },
                    "publications": { "type": "array", "description": "GET only: the public notices the case published into the casebook, oldest first", "items": { "$ref": "#/components/schemas/CasePublication" } } } },
                "CaseSummary": { "type": "object", "properties": {
                    "id": { "type": "integer" }, "title": { "type": "string" }, "organization": { "type": "string" },
                    "status": { "type": "string" }, "status_ja": { "type": "string" },
                    "created_at": { "type": "string" }, "updated_at": { "type": "string" },
                    "next_deadline": { "oneOf": [{ "$ref": "#/components/schemas/Deadline" }, { "type": "null" }] },
                    "overdue": { "type": "boolean", "description": "期限超過: a deadline is past and not met" },
                    "due_soon": { "type": "boolean", "description": "期限間近: a deadline falls within 7 days" } } },
                "EventNew": { "type": "object", "required": ["at", "kind"], "additionalProperties": false, "properties": {
                    "at": { "type": "string", "description": "YYYY-MM-DD or YYYY-MM-DDTHH:MM (local time)", "example": "2026-12-02T10:00" },
                    "kind": { "type": "string", "enum": ["occurred", "discovered", "ppc_sokuho", "ppc_kakuho", "controller_report", "privacy_mark_report", "ministry_report", "individual_notice", "publication", "police_consultation", "investigation_done", "prevention_done"], "description": "Or its Japanese label (発生, 発覚, 速報(個人情報保護委員会), …)" },
                    "stage": { "type": ["string", "null"], "enum": ["sokuho", "kakuho", null], "description": "速報 or 確報 for the reports whose kind does not say it" },
                    "note": { "type": "string", "maxLength": 2000 } } },
                "Measure": { "type": "object", "additionalProperties": false, "properties": {
                    "text": { "type": "string", "description": "再発防止策の内容" },
                    "category": { "type": "string", "enum": ["organizational", "human", "physical", "technical", "contractor"], "description": "組織的, 人的, 物理的, 技術的, 委託先管理" },
                    "owner": { "type": ["string", "null"] },
                    "due": { "type": ["string", "null"], "format": "date" },
                    "status": { "type": "string", "enum": ["planned", "in_progress", "done"], "description": "予定, 実施中, 完了 (default planned)" },
                    "evidence": { "type": ["string", "null"], "description": "Evidence of completion" } } },
                "PublishRequest": { "type": "object", "additionalProperties": false, "description": "What to publish; every field is optional (send {} for the next notice written from the current facts)", "properties": {
                    "edition": { "type": "string", "description": "1 (第1報), 2…99 (第N報) or final (最終報); default: 第1報 when the case published nothing yet, else the next 第N報", "example": "2" },
                    "text": { "type": "string", "maxLength": 200000, "description": "The text to publish (Markdown or plain text: the notice as checked and edited); default: the notice draft of the edition written from the current facts (a follow-up listing what changed since the last 公表) without its 出典 lines and 作成メモ, unknown fields written 未確認" },
                    "name": { "type": "string", "maxLength": 200, "description": "The casebook document's name; default <組織名>_お詫びとお知らせ_第N報_<today>.md (no case number: the document is public)" },
                    "at": { "type": "string", "description": "When it was published, the 公表 event (YYYY-MM-DD or YYYY-MM-DDTHH:MM, Japan time); default: now", "example": "2026-12-02T15:00" } } },
                "CasePublication": { "type": "object", "description": "A public notice a case published into the casebook (jikenbo_store::CasePublication)", "properties": {
                    "id": { "type": "integer" }, "case_id": { "type": "integer" },
                    "document_id": { "type": "integer", "description": "The casebook document holding the notice's text" },
                    "document_name": { "type": "string" }, "document_url": { "type": "string", "description": "/documents/{id}" },
                    "event_id": { "type": ["integer", "null"], "description": "The 公表 event on the timeline (null once removed)" },
                    "published_at": { "type": "string", "description": "YYYY-MM-DD or YYYY-MM-DDTHH:MM" },
                    "how": { "type": "string", "enum": ["ingested", "existing"], "description": "ingested: the text became a new document; existing: the same text was already in the casebook and the case was linked to it" },
                    "who": { "type": "string" }, "recorded_at": { "type": "string" },
                    "incidents": { "type": "array", "items": { "type": "object", "properties": {
                        "incident_id": { "type": "integer" },
                        "number": { "type": "string", "description": "Casebook number as linked (2026-001)" },
                        "link": { "type": "string", "enum": ["new", "followup", "same-facts", "existing"] },
                        "live_id": { "type": "integer" }, "live_number": { "type": "string", "description": "The incident now (its survivor if merged since)" },
                        "report_kind": { "type": ["string", "null"], "enum": ["initial", "followup", "final", null] },
                        "report_no": { "type": ["integer", "null"], "description": "第N報" },
                        "url": { "type": "string", "description": "The casebook page: /incidents/{number}" } } } } } },
                "ChangeLines": { "type": "object", "description": "What a change did", "properties": {
                    "lines": { "type": "array", "items": { "type": "string" }, "description": "本人の数: 350人 → 1,200人; 新たに必要: 確報(…): 2027年1月4日(月)まで 残り33日; 済になった: …" },
                    "deadlines": { "type": "array", "items": { "$ref": "#/components/schemas/Deadline" } } } }
    })
}

/// The own cases' endpoints (`/api/cases…`, editor role).
fn case_paths() -> Value {
    let case_id = path_param("id", "Case id (自組織の事案の番号)");
    let mut p = serde_json::Map::new();
    p.insert("/api/cases".into(), json!({
                "get": op("Own cases (自組織の事案; editor): each with its next deadline and the 期限超過 / 期限間近 flags. Never part of the casebook's list, search, statistics or exports", vec![today_param()], json!({ "200": ok("{today, count, cases}", json!({ "type": "object", "properties": { "today": { "type": "string" }, "count": { "type": "integer" }, "cases": { "type": "array", "items": { "$ref": "#/components/schemas/CaseSummary" } } } })) })),
                "post": with_body(op("Open an own case (editor): status 調査中, its first facts recorded as set by the caller", vec![today_param()], json!({ "201": ok("The case", json!({ "$ref": "#/components/schemas/CaseView" })) })), json!({ "$ref": "#/components/schemas/NewCase" }), "Title, organization, facts")
            }));
    p.insert("/api/cases/due".into(), json!({
                "get": op("What needs attention across open cases (editor; jikenbo_respond::attention): deadlines overdue, due within `within` days, without a fixed date or not yet computable; overdue first", vec![today_param(), q("within", "Days ahead (0-366, default 7)", json!({ "type": "integer", "minimum": 0, "maximum": 366 }))], json!({ "200": ok("{today, within_days, count, items: [{case_id, title, deadline}]}", json!({ "type": "object", "properties": { "today": { "type": "string" }, "within_days": { "type": "integer" }, "count": { "type": "integer" }, "items": { "type": "array", "items": { "type": "object", "properties": { "case_id": { "type": "integer" }, "title": { "type": "string" }, "deadline": { "$ref": "#/components/schemas/Deadline" } } } } } })) }))
            }));
    p.insert("/api/cases/{id}".into(), json!({
                "get": op("An own case (editor): facts with who set each and when, timeline, measures, deadlines on today, the drafts it offers", vec![case_id.clone(), today_param()], json!({ "200": ok("CaseView", json!({ "$ref": "#/components/schemas/CaseView" })) })),
                "patch": with_body(op("Rename a case or set its status (editor)", vec![case_id.clone(), today_param()], json!({ "200": ok("CaseView", json!({ "$ref": "#/components/schemas/CaseView" })) })), json!({ "$ref": "#/components/schemas/CasePatch" }), "What to change")
            }));
    p.insert("/api/cases/{id}/facts".into(), json!({
                "patch": with_body(op("Set facts of a case (editor): each change gets a history row (value, who, when); answers with the lines of what changed and how the deadlines moved (what appeared, vanished or moved)", vec![case_id.clone(), today_param()], json!({ "200": ok("{changed, update: {facts, deadlines}, lines, case, deadlines}", obj()) })), json!({ "$ref": "#/components/schemas/CaseFacts" }), "Facts to set (null: unknown)")
            }));
    p.insert("/api/cases/{id}/events".into(), json!({
                "post": with_body(op("Record an event on the timeline (editor): 発覚, 速報, 確報, 本人通知, 公表…; a report event marks its deadline 済", vec![case_id.clone(), today_param()], json!({ "201": ok("{id, event, lines, deadlines}", json!({ "$ref": "#/components/schemas/ChangeLines" })) })), json!({ "$ref": "#/components/schemas/EventNew" }), "The event")
            }));
    p.insert("/api/cases/{id}/events/{event}".into(), json!({
                "delete": op("Remove an event from the timeline (editor; the audit log keeps it)", vec![case_id.clone(), path_param("event", "Event id"), today_param()], json!({ "200": ok("{removed, lines, deadlines}", json!({ "$ref": "#/components/schemas/ChangeLines" })) }))
            }));
    p.insert("/api/cases/{id}/measures".into(), json!({
                "post": with_body(op("Add a recurrence-prevention measure (editor; text and category required)", vec![case_id.clone()], json!({ "201": ok("{id, measure}", obj()) })), json!({ "$ref": "#/components/schemas/Measure" }), "The measure")
            }));
    p.insert("/api/cases/{id}/measures/{measure}".into(), json!({
                "patch": with_body(op("Change a measure (editor): the fields given replace the old ones (null or \"\" clears owner, due, evidence)", vec![case_id.clone(), path_param("measure", "Measure id")], json!({ "200": ok("{id, measure}", obj()) })), json!({ "$ref": "#/components/schemas/Measure" }), "Fields to change")
            }));
    p.insert("/api/cases/{id}/deadlines".into(), json!({
                "get": op("The deadlines of a case on today (editor): 速報 window, 確報 due (30/60 days, holiday roll-over), 委託元, 本人通知, Privacy-Mark; each with days left or overdue, or 済 with the event's date", vec![case_id.clone(), today_param()], json!({ "200": ok("{case, today, deadlines}", json!({ "type": "object", "properties": { "case": { "type": "integer" }, "today": { "type": "string" }, "deadlines": { "type": "array", "items": { "$ref": "#/components/schemas/Deadline" } } } })) }))
            }));
    p.insert("/api/cases/{id}/history".into(), json!({
                "get": op("Every change of the case's facts (oldest first) and its audit rows (newest first) (editor)", vec![case_id.clone()], json!({ "200": ok("{facts, audit}", obj()) }))
            }));
    p.insert("/api/cases/{id}/drafts/{kind}".into(), json!({
                "get": op("A draft regenerated from the current facts (editor): every field with its source, unknown facts written 未確認. Kinds: ppc-{private|public|mynumber}-{sokuho|kakuho} (PPC 漏えい等報告, the nine items of 施行規則第8条第1項), privacy-mark-{sokuho|kakuho} (Privacy-Mark 事故報告書), notice-1, notice-N (N ≥ 2, listing what changed since the last 公表), notice-final, individual (本人への通知)", vec![case_id.clone(), path_param("kind", "Which draft (see the summary)"), q("format", "md (Markdown, default), docx (Word) or json (the blocks)", json!({ "type": "string", "enum": ["md", "docx", "json"], "default": "md" })), today_param()], json!({ "200": { "description": "The draft; md and docx as attachments with a Japanese file name (RFC 5987 filename*)", "content": { "text/markdown": {}, "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { "schema": { "type": "string", "format": "binary" } }, "application/json": { "schema": obj() } } } }))
            }));
    p.insert("/api/cases/{id}/publish".into(), json!({
                "post": with_body(op("Publish a public notice of the case into the casebook (editor): in one transaction the text is ingested as any document is (extraction, numbering, 続報 linking, search index, audit) and becomes an ordinary public record — listed, searched, counted, exported — while the case's facts, timeline, measures and other drafts stay private; a 公表 event is recorded on the timeline and the case is linked to the document and its incident(s). A later notice (第2報, 最終報) follows up the incident of the case's previous one. 400 when no incident can be read from the text or the case already published the same text; nothing is written then", vec![case_id, today_param()], json!({ "201": ok("{publication, numbers, edition, unknown (fields published as 未確認), lines, deadlines}", json!({ "type": "object", "properties": {
                    "publication": { "$ref": "#/components/schemas/CasePublication" },
                    "numbers": { "type": "array", "items": { "type": "string" }, "description": "The casebook numbers of the incidents (2026-001)" },
                    "edition": { "type": "string", "description": "notice-1, notice-N, notice-final" },
                    "unknown": { "type": "array", "items": { "type": "string" }, "description": "Fields of the generated notice published as 未確認 (empty for a text given)" },
                    "lines": { "type": "array", "items": { "type": "string" } },
                    "deadlines": { "type": "array", "items": { "$ref": "#/components/schemas/Deadline" } } } })) })), json!({ "$ref": "#/components/schemas/PublishRequest" }), "What to publish ({} for the next notice from the current facts)")
            }));
    Value::Object(p)
}

/// The curation endpoints (review queue, duplicate pairs, merge, split, re-extract).
fn curation_paths(inc_ref: &Value) -> Value {
    json!({
            "/api/incidents/{r}/merge": {
                "post": with_body(op("Merge incidents into this one (editor): their documents join it, their numbers resolve here; undone by a split", vec![inc_ref.clone()], json!({ "200": ok("{number}: the incident that stays", obj()) })), json!({ "type": "object", "required": ["others"], "properties": { "others": { "type": "array", "items": { "type": "string" }, "description": "Numbers or ids merged in (1-100)" } } }), "The incidents merged in")
            },
            "/api/incidents/{r}/split": {
                "post": with_body(op("Split reports off into an incident of their own (editor): a document's reports, or chosen reports (incident sections, ids as the incident's documents list them); a report that came with a merge returns to its first incident", vec![inc_ref.clone()], json!({ "200": ok("{number}: the incident that now holds them", obj()) })), json!({ "type": "object", "properties": { "document": { "type": "integer" }, "reports": { "type": "array", "items": { "type": "integer" } } }, "description": "Either document or reports" }), "What moves")
            },
            "/api/incidents/{r}/reextract": {
                "post": op("Re-run the extractor over the incident's documents (editor); corrections, labels and numbers are kept", vec![inc_ref.clone()], json!({ "200": ok("What changed: documents, changed_documents, values_changed, reports_added, reports_retired, reports_revived, failed", obj()) }))
            },
            "/api/incidents/{r}/review": {
                "get": op("The incident's sanity flags (future_date, implausible_date, dates_out_of_order, published_before_event, summed_count, no_organization, no_cause, few_fields), those accepted, and its duplicate-candidate pairs", vec![inc_ref.clone()], json!({ "200": ok("{flags, accepted, duplicates}", obj()) })),
                "post": op("Accept the incident's flags as they are (editor; new flags wait for review again)", vec![inc_ref.clone()], json!({ "200": ok("{accepted}", obj()) })),
                "delete": op("Undo the acceptance (editor)", vec![inc_ref.clone()], json!({ "200": ok("{accepted: null}", obj()) }))
            },
            "/api/review": {
                "get": op("The review queue: counts (flagged, with_flags, duplicate_pairs), open duplicate pairs best first, flagged records", vec![q("limit", "At most this many of each (1-1000)", json!({ "type": "integer", "default": 100 }))], json!({ "200": ok("{counts, duplicates, flagged}", obj()) }))
            },
            "/api/dupes": {
                "get": op("Duplicate-candidate pairs with score and reasons", vec![q("status", "open, merged, dismissed or all", json!({ "type": "string", "default": "open" })), q("limit", "1-1000", json!({ "type": "integer", "default": 100 }))], json!({ "200": ok("Pairs: id, a, b (numbers), a_id, b_id, score 0-1, reasons [{code, text, points}], status, found_by, found_at, decided_by, decided_at", json!({ "type": "array", "items": obj() })) }))
            },
            "/api/dupes/scan": {
                "post": op("Compare every live incident and propose pairs (editor; as `jikenbo dupes`); decided pairs stay decided", vec![], json!({ "200": ok("{incidents, sketched, new_pairs, open}", obj()) }))
            },
            "/api/dupes/{id}": {
                "get": op("One pair", vec![path_param("id", "Pair id")], json!({ "200": ok("The pair", obj()) }))
            },
            "/api/dupes/{id}/{action}": {
                "post": op("Decide a pair (editor): merge (the newer incident into the older; undone by a split), dismiss (different incidents; not proposed again) or reopen (a dismissed pair waits again)", vec![path_param("id", "Pair id"), path_param("action", "merge, dismiss or reopen")], json!({ "200": ok("The pair after the decision", obj()) }))
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
        let lines: Vec<&str> = src.lines().map(str::trim).collect();
        for (i, t) in lines.iter().enumerate() {
            let rest = if let Some(rest) = t.strip_prefix(".route(\"") {
                rest
            } else if *t == ".route(" {
                // A route rustfmt split: its path is on the next line.
                lines
                    .get(i + 1)
                    .and_then(|l| l.strip_prefix('"'))
                    .unwrap_or("")
            } else {
                continue;
            };
            let path = rest.split('"').next().unwrap_or("");
            assert!(
                doc["paths"].get(path).is_some(),
                "{path} missing from openapi"
            );
            n += 1;
        }
        assert!(n > 15);
        // Multi-line routes.
        for p in ["/api/session", "/api/extract", "/api/documents"] {
            assert!(doc["paths"].get(p).is_some());
        }
    }
}
