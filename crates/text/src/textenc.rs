//! Choosing the encoding and decoding with encoding_rs while counting malformed sequences.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{
    DecoderResult, Encoding, EUC_JP, ISO_2022_JP, SHIFT_JIS, UTF_16BE, UTF_16LE, UTF_8,
};

use crate::LoadError;

/// The result of decoding with one encoding.
struct Decoded {
    text: String,
    /// Malformed sequences, not counting one cut off at the very end.
    malformed: usize,
    /// Whether the input ended inside a character.
    truncated_tail: bool,
    chars: usize,
}

/// Decodes all of `bytes` with `enc`, replacing each malformed sequence with U+FFFD.
fn decode_counting(enc: &'static Encoding, bytes: &[u8]) -> Decoded {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3))
        .min(bytes.len().saturating_mul(3).saturating_add(16));
    // A buffer initialized once and filled from `written` on: each call after a malformed
    // sequence goes on where the last stopped (decoding into a `String` again and again makes
    // encoding_rs prepare its whole spare capacity per call: quadratic in a file with many
    // malformed sequences, as a UTF-8 file tried as Shift_JIS has).
    let mut buf = vec![0u8; cap.max(16)];
    let mut written = 0usize;
    let mut src = bytes;
    let mut malformed = 0usize;
    let mut truncated_tail = false;
    // more bad sequences than 1% of the bytes: intolerable whatever the count of characters
    // (see `tolerable`); the rest of the file cannot change that
    let give_up = bytes.len() / 100 + 1;
    loop {
        let (result, read, wrote) =
            decoder.decode_to_utf8_without_replacement(src, &mut buf[written..], true);
        src = &src[read..];
        written += wrote;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                let more = src.len().saturating_mul(3).max(64);
                buf.resize(buf.len() + more, 0);
            }
            DecoderResult::Malformed(_, _) => {
                if buf.len() - written < 3 {
                    buf.resize(buf.len() + 64, 0);
                }
                buf[written..written + 3].copy_from_slice("\u{fffd}".as_bytes());
                written += 3;
                if src.is_empty() {
                    truncated_tail = true;
                } else {
                    malformed += 1;
                    if malformed > give_up {
                        break;
                    }
                }
            }
        }
    }
    buf.truncate(written);
    // encoding_rs writes UTF-8 only; checked all the same (linear), never trusted blindly
    let text = String::from_utf8(buf)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    let chars = text.chars().count();
    // A cut-off last character only counts as "truncated" in a file long enough for that to
    // be the likely story; in a tiny input it is just another bad byte.
    if truncated_tail && chars < 100 {
        malformed += 1;
        truncated_tail = false;
    }
    Decoded {
        text,
        malformed,
        truncated_tail,
        chars,
    }
}

/// Whether `malformed` bad sequences in `chars` characters are few enough to replace: none in
/// a file under 1,000 characters, at most 1% in a longer one.
fn tolerable(malformed: usize, chars: usize) -> bool {
    malformed == 0 || (chars >= 1000 && malformed * 100 <= chars)
}

/// Encodings a Japanese notice is written in.
fn is_japanese_capable(enc: &'static Encoding) -> bool {
    [UTF_8, SHIFT_JIS, EUC_JP, ISO_2022_JP, UTF_16LE, UTF_16BE].contains(&enc)
}

/// Decodes with a known encoding (from a BOM or the UTF-16 check), under the malformed-sequence
/// threshold.
pub(crate) fn decode_with(
    name: &str,
    enc: &'static Encoding,
    bytes: &[u8],
) -> Result<String, LoadError> {
    let d = decode_counting(enc, bytes);
    accept(name, enc, d)
}

fn accept(name: &str, enc: &'static Encoding, d: Decoded) -> Result<String, LoadError> {
    if !tolerable(d.malformed, d.chars) {
        return Err(LoadError::BrokenEncoding {
            name: name.to_string(),
            detail: format!(
                "{} byte sequence(s) are not valid {} ({} characters decoded); the file is damaged \
                 or in an encoding other than {}",
                d.malformed,
                enc.name(),
                d.chars,
                enc.name()
            ),
        });
    }
    if d.malformed > 0 {
        tracing::warn!(
            file = name,
            encoding = enc.name(),
            count = d.malformed,
            "replaced invalid byte sequences with U+FFFD"
        );
    }
    if d.truncated_tail {
        tracing::warn!(
            file = name,
            encoding = enc.name(),
            "the file ends inside a character (truncated?); replaced it with U+FFFD"
        );
    }
    Ok(d.text)
}

/// chardetng's guess for the whole buffer, told the text is Japanese.
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut det = EncodingDetector::new(Iso2022JpDetection::Allow);
    det.feed(bytes, true);
    det.guess(Some(b"jp"), Utf8Detection::Allow)
}

/// Picks the encoding of BOM-less, NUL-free bytes and decodes them (see the crate docs, step 6).
pub(crate) fn detect_and_decode(
    name: &str,
    bytes: &[u8],
    declared: Option<&'static Encoding>,
) -> Result<(&'static Encoding, String), LoadError> {
    if let Ok(s) = std::str::from_utf8(bytes) {
        // 7-bit ISO-2022-JP is valid UTF-8 too: its escape sequences give it away.
        if bytes.contains(&0x1b) && bytes.is_ascii() && guess(bytes) == ISO_2022_JP {
            let d = decode_counting(ISO_2022_JP, bytes);
            if d.malformed == 0 {
                return accept(name, ISO_2022_JP, d).map(|t| (ISO_2022_JP, t));
            }
        }
        return Ok((UTF_8, s.to_string()));
    }

    let guessed = guess(bytes);
    let mut candidates: Vec<&'static Encoding> = Vec::with_capacity(3);
    candidates.extend(declared);
    if is_japanese_capable(guessed) && !candidates.contains(&guessed) {
        candidates.push(guessed);
    }
    if !candidates.contains(&UTF_8) {
        candidates.push(UTF_8);
    }

    let mut best: Option<(&'static Encoding, Decoded)> = None;
    for enc in candidates {
        let d = decode_counting(enc, bytes);
        let clean = d.malformed == 0;
        if best.as_ref().is_none_or(|(_, b)| d.malformed < b.malformed) {
            best = Some((enc, d));
        }
        if clean {
            break;
        }
    }
    let (enc, d) = best.expect("UTF-8 is always a candidate");
    if !tolerable(d.malformed, d.chars) && declared.is_none() && !is_japanese_capable(guessed) {
        return Err(LoadError::BrokenEncoding {
            name: name.to_string(),
            detail: format!(
                "it is not UTF-8 and does not look like a Japanese encoding (Shift_JIS, EUC-JP, \
                 ISO-2022-JP); the closest guess is {}. Convert it to UTF-8 first",
                guessed.name()
            ),
        });
    }
    accept(name, enc, d).map(|t| (enc, t))
}

/// UTF-16 without a BOM: data with NUL bytes that decodes as UTF-16LE or BE without a single
/// malformed code unit into text that is at least 90% ASCII printable/whitespace or Japanese.
/// (Random binary data fails both: it has unpaired surrogates and scattered code points.)
pub(crate) fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(8192) & !1];
    [UTF_16LE, UTF_16BE].into_iter().find(|&enc| {
        let (text, had_errors) = enc.decode_without_bom_handling(sample);
        if had_errors {
            return false;
        }
        let total = text.chars().count();
        let good = text
            .chars()
            .filter(|&c| {
                matches!(c, ' '..='~' | '\t' | '\n' | '\r')
                    || (crate::html::is_cjk(c) && c != '\u{fffd}')
            })
            .count();
        total > 0 && good * 10 >= total * 9
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_malformed_and_truncated_tail() {
        let mut sjis = SHIFT_JIS.encode(&"あ".repeat(200)).0.into_owned();
        sjis.push(0x82); // cut in the middle of a character
        let d = decode_counting(SHIFT_JIS, &sjis);
        assert_eq!(d.malformed, 0);
        assert!(d.truncated_tail);
        assert!(d.text.ends_with('\u{fffd}'));

        let d = decode_counting(UTF_8, b"ab\xffcd\xfe");
        assert_eq!(d.malformed, 2, "tail in a tiny input counts");
    }

    #[test]
    fn tolerance() {
        assert!(tolerable(0, 5));
        assert!(!tolerable(1, 999));
        assert!(tolerable(10, 1000));
        assert!(!tolerable(11, 1000));
    }

    #[test]
    fn utf8_with_one_stray_byte_in_a_big_file_stays_utf8() {
        let mut bytes = "個人情報の取り扱いについて。".repeat(100).into_bytes();
        bytes.insert(30, 0xff);
        let (enc, text) = detect_and_decode("x.txt", &bytes, None).unwrap();
        assert_eq!(enc, UTF_8);
        assert_eq!(text.matches('\u{fffd}').count(), 1);
    }

    #[test]
    fn utf16_sniffing() {
        let (le, _, _) = UTF_16LE.encode("お知らせ notice");
        // encoding_rs encodes UTF-16 as UTF-8 (WHATWG), so build the bytes by hand.
        assert_eq!(le.as_ref(), "お知らせ notice".as_bytes());
        let units: Vec<u8> = "お知らせ notice\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(utf16_without_bom(&units), Some(UTF_16LE));
        let units: Vec<u8> = "お知らせ notice\n"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(utf16_without_bom(&units), Some(UTF_16BE));
        assert_eq!(utf16_without_bom(b"\x00\x01\x02\x03\xd8\x00\xd8\x00"), None);
    }
}
