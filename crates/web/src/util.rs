//! Small helpers: random tokens, base64url, number formatting. (Time stamps and today's date
//! are `jikenbo_model::clock`'s.)

use base64::Engine;

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
