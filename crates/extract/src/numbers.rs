//! Numbers as notices write them: `25,093`, `2.2万`, `596万`, `二万五千`, `三百`, `2万5千`, `1億`.

/// Value of a kanji numeral (`二万五千` = 25000, `三百` = 300, `一〇` = 10, `十` = 10).
/// `None` when the string holds anything else or overflows.
pub fn parse_kanji(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let digit = |c: char| -> Option<u64> {
        Some(match c {
            '〇' | '零' => 0,
            '一' | '壱' => 1,
            '二' | '弐' => 2,
            '三' | '参' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    if !s
        .chars()
        .any(|c| digit(c).is_some() || matches!(c, '十' | '拾' | '百' | '千'))
    {
        return None; // 万 or 億 alone is no number
    }
    // Positional form without 十百千 (一〇 = 10, 二〇二四 = 2024).
    if s.chars().all(|c| digit(c).is_some()) {
        return s
            .chars()
            .try_fold(0u64, |acc, c| acc.checked_mul(10)?.checked_add(digit(c)?));
    }
    let mut total: u64 = 0; // completed 万/億 groups
    let mut group: u64 = 0; // current group below 万
    let mut cur: Option<u64> = None; // pending digit
    for c in s.chars() {
        if let Some(d) = digit(c) {
            cur = Some(cur.unwrap_or(0).checked_mul(10)?.checked_add(d)?);
            continue;
        }
        let small = match c {
            '十' | '拾' => Some(10),
            '百' => Some(100),
            '千' => Some(1000),
            _ => None,
        };
        if let Some(m) = small {
            group = group.checked_add(cur.take().unwrap_or(1).checked_mul(m)?)?;
            continue;
        }
        let big = match c {
            '万' => 10_000u64,
            '億' => 100_000_000,
            '兆' => 1_000_000_000_000,
            _ => return None,
        };
        let g = group.checked_add(cur.take().unwrap_or(0))?;
        let g = if g == 0 { 1 } else { g };
        total = total.checked_add(g.checked_mul(big)?)?;
        group = 0;
    }
    total.checked_add(group)?.checked_add(cur.unwrap_or(0))
}

/// An Arabic number with optional thousands separators and decimals (`25,093`, `2.25`) as an
/// exact fraction: (digits without the point, 10^decimals).
fn parse_arabic(s: &str) -> Option<(u128, u128)> {
    let s: String = s.chars().filter(|c| *c != ',').collect();
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, f),
        None => (s.as_str(), ""),
    };
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || int.len() + frac.len() > 30
    {
        return None;
    }
    let digits: u128 = format!("{int}{frac}").parse().ok()?;
    Some((digits, 10u128.checked_pow(frac.len() as u32)?))
}

/// Value of a number with an optional myriad unit: `2.2万` = 22000, `2.25万` = 22500,
/// `596万` = 5960000, `2万5千` = 25000, `1億2000万` = 120000000, `二万五千` = 25000,
/// `25,093` = 25093. A decimal that does not come out whole (`2.5` alone) is no count.
pub fn parse_number(s: &str) -> Option<u64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    // the common form, digits with separators (`1,200`): their value, where it fits (no kanji
    // numeral, no unit, no point: what the chunks below give)
    let b = s.as_bytes();
    if b.iter().all(|c| c.is_ascii_digit() || *c == b',') {
        let digits = b.iter().filter(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        if digits <= 19 {
            return Some(
                b.iter()
                    .filter(|c| c.is_ascii_digit())
                    .fold(0u64, |v, c| v * 10 + u64::from(c - b'0')),
            );
        }
    }
    if let Some(v) = parse_kanji(s) {
        return Some(v);
    }
    parse_chunks(s)
}

/// Split into (number, unit) chunks: 1億 2000万 5千 300; the sum of their values.
fn parse_chunks(s: &str) -> Option<u64> {
    let mut total: u128 = 0;
    let mut num = String::new();
    let mut any = false;
    let add = |num: &str, mult: u128, total: &mut u128| -> Option<()> {
        let (digits, scale) = parse_arabic(num)?;
        let v = digits.checked_mul(mult)?;
        if v % scale != 0 {
            return None;
        }
        *total = total.checked_add(v / scale)?;
        Some(())
    };
    for c in s.chars() {
        if c.is_ascii_digit() || c == ',' || c == '.' {
            num.push(c);
            continue;
        }
        let mult: u128 = match c {
            '兆' => 1_000_000_000_000,
            '億' => 100_000_000,
            '万' => 10_000,
            '千' => 1_000,
            '百' => 100,
            _ => return None,
        };
        if num.is_empty() {
            return None;
        }
        add(&num, mult, &mut total)?;
        num.clear();
        any = true;
    }
    if !num.is_empty() {
        add(&num, 1, &mut total)?;
        any = true;
    }
    if !any {
        return None;
    }
    u64::try_from(total).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`parse_number`] without its shortcut for digits and separators.
    fn by_chunks(s: &str) -> Option<u64> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        parse_kanji(s).or_else(|| parse_chunks(s))
    }

    proptest::proptest! {
        #[test]
        fn digits_with_separators_are_read_as_the_chunks_read_them(s in "[0-9,]{0,24}|[0-9]{18,21}|[ 0-9,.万千]{0,8}") {
            proptest::prop_assert_eq!(parse_number(&s), by_chunks(&s));
        }
    }

    #[test]
    fn kanji_numerals() {
        for (s, v) in [
            ("二万五千", 25000),
            ("三百", 300),
            ("百二十", 120),
            ("十", 10),
            ("一〇", 10),
            ("五百九十六万", 5_960_000),
            ("千", 1000),
            ("二十五", 25),
            ("一億二千万", 120_000_000),
        ] {
            assert_eq!(parse_kanji(s), Some(v), "{s}");
        }
        assert_eq!(parse_kanji("abc"), None);
        assert_eq!(parse_kanji(""), None);
    }

    #[test]
    fn mixed_forms() {
        for (s, v) in [
            ("25,093", 25093),
            ("2.2万", 22000),
            ("596万", 5_960_000),
            ("2万5千", 25000),
            ("1億2000万", 120_000_000),
            ("83万", 830_000),
            ("1,500", 1500),
            ("0.5万", 5000),
            ("2.25万", 22500),
            ("1.234万", 12340),
            ("3千", 3000),
        ] {
            assert_eq!(parse_number(s), Some(v), "{s}");
        }
        assert_eq!(parse_number("2.5"), None);
        assert_eq!(parse_number("万"), None);
    }

    #[test]
    fn overflow_is_none_not_a_panic() {
        assert_eq!(parse_number("99999999999999999999999"), None);
        assert_eq!(
            parse_kanji("九九九九九九九九九九九九九九九九九九九九九"),
            None
        );
    }
}
