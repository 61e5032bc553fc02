//! `jikenbo assess`: the reporting duty (APPI / My Number Act), deadlines and the JNSA damage
//! estimate for one incident: a casebook incident (`ID`), an extracted incident record
//! (`--incident FILE`) or JSON facts (`--facts FILE`, which override the incident's facts).
use anyhow::{bail, Context};
use jikenbo_assess::{
    assess, assess_incident, assess_incident_with, assess_stored, render_text, AssessError, Facts,
};
use jikenbo_model::Incident;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const FACTS_HELP: &str = "\
FACTS (JSON object; every field optional, absent or null = unknown → default, listed in \"assumptions\";
  any other key is an error):
  org_kind                      business | public_body | public_medical_academic   [business]
  persons                       integer, largest possible number of persons         [unknown: not above 1,000 / 100]
  my_number_persons             integer                                             [= persons if data has my_number]
  data                          [kinds]: name address phone email birthdate gender age bank_account
                                credit_card my_number health criminal credentials workplace family
                                financial customer_id content image disability creed race
                                social_status crime_victim health_check              [none known]
  cause                         targeted_email phishing support_scam ransomware unauthorized_access
                                malware insider_theft insider_snooping insider_misuse
                                insider_disclosure misconfiguration loss_theft misdelivery [unknown]
  wrongful_intent               bool, overrides the cause                           [attacks, insider_* → true;
                                                                                     loss_theft (= loss), others → false]
  encrypted                     bool, advanced encryption with the key kept apart   [false]
  pseudonymized                 bool, 仮名加工情報                                  [false]
  recovered_unviewed            bool, all copies recovered before anyone viewed     [false]
  ordinance_sensitive           bool, 条例要配慮個人情報 (public bodies)            [false]
  processor_notified_controller bool, a 委託先 that notified its 委託元             [false]
  aware                         YYYY-MM-DD, the day the body became aware (day 1)  [unknown: no dates]
  social_responsibility         high | normal (JNSA)                                [normal]
  response                      appropriate | inappropriate | unknown (JNSA)        [unknown]
 extensions:
  leak                          confirmed | possible | none (none = no leak, loss or damage, nor its possibility) [possible]
  card_last4_only               bool, card data is only the last 4 digits + expiry  [false: credit_card = full card data]
  payment_credentials           bool, leaked ID/password or bank data allow payment [false]
  financial_risk                bool, override of the 財産的被害 finding            [from data]
  pre_storage                   bool, only skimmed input never stored (2024 amendment) [false]
  publicly_viewable             bool, My Number data viewable by 不特定多数         [true iff cause = misconfiguration]
  mynumber_system               bool, My Number data in 情報提供NWS / 利用事務 systems [false]
  nondisclosure_info            bool, public body data with 不開示情報 (no notice)  [false]
  jnsa_levels                   {\"kind\": [privacy 1-3, economic 1-3]} JNSA overrides
  notes                         [strings], how the facts were obtained (copied into \"assumptions\")

OUTPUT (json): report_required, grounds (sensitive financial wrongful volume ordinance_sensitive
  mynumber_system mynumber_wrongful mynumber_public mynumber_volume), regimes (appi_private |
  appi_public, mynumber), sokuho_from/sokuho_to (aware+3..+5), kakuho_days (30|60), kakuho_due
  (aware = day 1, rolled past weekends, holidays and 12-29..01-03), notify_individuals, jnsa
  (per_person, total, privacy_level, economic_level, identifiability, inputs), reasons (each names its
  article), assumptions, branches (outcome if an unknown fact were otherwise), regime_details, facts.

EXAMPLES:
  echo '{\"persons\": 1001, \"data\": [\"name\"], \"aware\": \"2025-09-01\"}' | jikenbo assess --facts -
  jikenbo assess --incident record.json --format text
  jikenbo assess --incident records.jsonl --index 3 --facts known.json";

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Text,
}

/// Decide whether a breach must be reported to the PPC (APPI Art. 26 / 68, My Number Act
/// Art. 29-4), on which grounds and by when; estimate damages (JNSA model).
#[derive(clap::Args)]
#[command(after_help = FACTS_HELP)]
pub struct AssessArgs {
    /// Incident in the casebook: its number (`2024-001`, `#2024-001`) or internal id. The facts
    /// come from its current values (curator corrections included); --facts overrides them.
    id: Option<String>,
    /// The casebook store (default: $JIKENBO_DB, else $XDG_DATA_HOME/jikenbo/jikenbo.db)
    #[arg(long, value_name = "FILE")]
    db: Option<PathBuf>,
    /// JSON facts (`-` = stdin). With --incident, these facts override the record's.
    #[arg(long, value_name = "FILE")]
    facts: Option<PathBuf>,
    /// One extracted incident record as JSON (the model's Incident form), or JSON Lines
    /// (`-` = stdin)
    #[arg(long, value_name = "FILE")]
    incident: Option<PathBuf>,
    /// With --incident on JSON Lines: the 0-based record number
    #[arg(long, default_value_t = 0)]
    index: usize,
    /// Output format: json (the contract) or text (Japanese, for people)
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

fn read_input(path: &Path) -> anyhow::Result<String> {
    if path == Path::new("-") {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("reading standard input")?;
        Ok(s)
    } else {
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
    }
}

/// The facts of `--facts`; a key that is no fact is refused, in Japanese then English, with
/// the fact it likely misspells and the list of facts.
fn parse_facts(text: &str, path: &Path) -> anyhow::Result<Facts> {
    let (ja, en) = if path == Path::new("-") {
        ("標準入力".to_string(), "standard input".to_string())
    } else {
        (path.display().to_string(), path.display().to_string())
    };
    let e = match Facts::from_json(text) {
        Ok(f) => return Ok(f),
        Err(e) => e,
    };
    if let AssessError::UnknownFacts(keys) = &e {
        let named: Vec<String> = keys
            .iter()
            .map(|k| match k.suggestion {
                Some(s) => format!("「{}」(「{s}」の誤り?)", k.key),
                None => format!("「{}」", k.key),
            })
            .collect();
        bail!(
            "--facts {ja}: {} は事実の項目ではありません。使える項目: {}\nfacts in {en}: {e}",
            named.join("、"),
            Facts::FIELDS.join(", ")
        );
    }
    Err(e).with_context(|| format!("facts in {en}"))
}

/// The current record (curator corrections included) of incident `id` in the casebook.
/// A stored incident with its sector as the store holds it (a curator's correction included).
fn stored_incident(
    db: Option<&Path>,
    id: &str,
) -> anyhow::Result<(Incident, Option<jikenbo_model::Sector>)> {
    let db = db.map_or_else(jikenbo_store::default_db_path, Path::to_path_buf);
    let store = crate::cmd_store::open_existing(&db)?;
    let r: jikenbo_store::IncidentRef = id.parse()?;
    let view = store
        .incident(r)
        .with_context(|| format!("incident {id}"))?;
    let sector = view
        .sector
        .as_deref()
        .and_then(jikenbo_model::Sector::parse);
    Ok((view.record, sector))
}

fn read_incident(path: &Path, index: usize) -> anyhow::Result<Incident> {
    let text = read_input(path)?;
    if let Ok(inc) = serde_json::from_str::<Incident>(&text) {
        return Ok(inc);
    }
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.len() <= 1 {
        // Report the error of the single-object form.
        return serde_json::from_str::<Incident>(&text)
            .with_context(|| format!("{} is not an incident record", path.display()));
    }
    let line = lines.get(index).with_context(|| {
        format!(
            "{} has {} records; --index {index} is out of range",
            path.display(),
            lines.len()
        )
    })?;
    serde_json::from_str::<Incident>(line).with_context(|| {
        format!(
            "{} record {index} is not an incident record",
            path.display()
        )
    })
}

pub fn run(args: AssessArgs) -> anyhow::Result<ExitCode> {
    if args.facts.as_deref() == Some(Path::new("-"))
        && args.incident.as_deref() == Some(Path::new("-"))
    {
        bail!("only one of --facts and --incident can read standard input");
    }
    let given = match &args.facts {
        Some(path) => {
            let text = read_input(path)?;
            Some(parse_facts(&text, path)?)
        }
        None => None,
    };
    let record = match (&args.incident, &args.id) {
        (Some(path), _) => Some((read_incident(path, args.index)?, None)),
        (None, Some(id)) => {
            let (inc, sector) = stored_incident(args.db.as_deref(), id)?;
            Some((inc, Some(sector)))
        }
        (None, None) => None,
    };
    let assessment = match (record, &given) {
        (Some((inc, Some(sector))), g) => assess_stored(&inc, sector, g.as_ref()),
        (Some((inc, None)), Some(g)) => assess_incident_with(&inc, g),
        (Some((inc, None)), None) => assess_incident(&inc),
        (None, Some(g)) => assess(g),
        (None, None) => {
            bail!("give an incident ID, --incident FILE or --facts FILE (see --help)")
        }
    };
    match args.format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(&assessment)?)?,
        Format::Text => out!("{}", render_text(&assessment))?,
    }
    Ok(ExitCode::SUCCESS)
}
