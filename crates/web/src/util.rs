//! Small helpers: time stamps, random tokens, base64url, number formatting.

use base64::Engine;

/// Now as RFC 3339 UTC (`2026-05-01T09:30:00Z`).
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Today (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    now_rfc3339()[..10].to_string()
}

/// Days since 1970-01-01 → (year, month, day) (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub fn b64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The operating system's random source failed: no session id, CSRF key or token can be made.
/// Callers refuse the request (fail closed) rather than fall back to anything predictable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no random numbers from the operating system: {0}")]
pub struct RandomError(pub String);

impl From<getrandom::Error> for RandomError {
    fn from(e: getrandom::Error) -> Self {
        RandomError(e.to_string())
    }
}

/// Where random bytes come from: fills the buffer or fails. The server uses [`os_random`];
/// tests pass a source that fails to check that nothing is issued then.
pub type RandomSource = fn(&mut [u8]) -> Result<(), RandomError>;

/// The operating system's random source (`getrandom`).
pub fn os_random(buf: &mut [u8]) -> Result<(), RandomError> {
    getrandom::fill(buf).map_err(RandomError::from)
}

/// 256 random bits from `source`, base64url (43 characters). Fails when the source fails.
pub fn token_from(source: RandomSource) -> Result<String, RandomError> {
    let mut b = [0u8; 32];
    source(&mut b)?;
    Ok(b64url(&b))
}

/// 256 random bits from the operating system, base64url (43 characters).
pub fn random_token() -> Result<String, RandomError> {
    token_from(os_random)
}

/// `12345` → `12,345`.
pub fn commas(n: u64) -> String {
    jikenbo_store::with_commas(n)
}

/// A large count in Japanese units for chart axes (`12,000` → `1.2万`).
pub fn short_count(n: u64) -> String {
    if n >= 100_000_000 {
        format!("{:.1}億", n as f64 / 1e8)
    } else if n >= 10_000 {
        let v = n as f64 / 1e4;
        if v >= 100.0 {
            format!("{v:.0}万")
        } else {
            format!("{v:.1}万").replace(".0万", "万")
        }
    } else {
        commas(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(now_rfc3339().len(), 20);
    }

    #[test]
    fn tokens_and_counts() {
        let t = random_token().unwrap();
        assert_eq!(t.len(), 43);
        assert_ne!(t, random_token().unwrap());
        assert_eq!(short_count(12_000), "1.2万");
        assert_eq!(short_count(20_000), "2万");
        assert_eq!(short_count(950), "950");
        assert_eq!(short_count(3_500_000), "350万");
    }

    #[test]
    fn a_failing_random_source_gives_no_token() {
        fn broken(_: &mut [u8]) -> Result<(), RandomError> {
            Err(getrandom::Error::UNSUPPORTED.into())
        }
        let e = token_from(broken).unwrap_err();
        assert!(e.to_string().contains("no random numbers"), "{e}");
        // A source that works gives a full-length token of its bytes.
        fn ones(b: &mut [u8]) -> Result<(), RandomError> {
            b.fill(0xff);
            Ok(())
        }
        assert_eq!(token_from(ones).unwrap(), b64url(&[0xff; 32]));
    }
}
