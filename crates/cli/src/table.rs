//! Output helpers: terminal tables (text measured in display columns; CJK and full-width forms
//! take two), pretty JSON and CSV.

use std::io::Write;

/// `value` as pretty-printed JSON and a newline.
pub fn write_json(out: &mut impl Write, value: &impl serde::Serialize) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// A CSV table: the header, then one record per row (flushed to `out`).
pub fn write_csv<R>(
    out: &mut impl Write,
    header: &[&str],
    rows: impl IntoIterator<Item = R>,
) -> anyhow::Result<()>
where
    R: IntoIterator,
    R::Item: AsRef<[u8]>,
{
    let mut w = csv::Writer::from_writer(out);
    w.write_record(header)?;
    for r in rows {
        w.write_record(r)?;
    }
    w.flush()?;
    Ok(())
}

/// A terminal table: each column its header and width (the last column is not cut).
pub fn write_table(
    out: &mut impl Write,
    cols: &[(&str, usize)],
    rows: &[Vec<String>],
) -> anyhow::Result<()> {
    let line = |cells: &mut dyn Iterator<Item = &str>| -> String {
        let mut l = String::new();
        for (i, c) in cells.enumerate() {
            if i + 1 == cols.len() {
                l.push_str(c);
            } else {
                l.push_str(&fit(c, cols[i].1));
                l.push_str("  ");
            }
        }
        l.trim_end().to_string()
    };
    writeln!(out, "{}", line(&mut cols.iter().map(|c| c.0)))?;
    for r in rows {
        writeln!(out, "{}", line(&mut r.iter().map(String::as_str)))?;
    }
    Ok(())
}

/// The value as text, `-` when there is none.
pub fn or_dash(x: Option<impl ToString>) -> String {
    x.map_or_else(|| "-".into(), |v| v.to_string())
}

/// Columns a terminal gives `s`.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    let u = c as u32;
    let wide = (0x1100..=0x115F).contains(&u)
        || (0x2E80..=0xA4CF).contains(&u)
        || (0xAC00..=0xD7A3).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0xFE30..=0xFE4F).contains(&u)
        || (0xFF00..=0xFF60).contains(&u)
        || (0xFFE0..=0xFFE6).contains(&u);
    if wide {
        2
    } else {
        1
    }
}

/// `s` cut to `w` columns (ending in …) and padded to exactly `w`.
pub fn fit(s: &str, w: usize) -> String {
    let mut out = String::new();
    if width(s) <= w {
        out.push_str(s);
    } else {
        let mut used = 0;
        for c in s.chars() {
            let cw = char_width(c);
            if used + cw > w.saturating_sub(1) {
                break;
            }
            out.push(c);
            used += cw;
        }
        out.push('…');
    }
    let pad = w.saturating_sub(width(&out));
    out.push_str(&" ".repeat(pad));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("事件簿"), 6);
        assert_eq!(fit("事件簿", 8), "事件簿  ");
        assert_eq!(fit("事件簿です", 6), "事件… ");
        assert_eq!(width(&fit("事件簿です", 6)), 6);
    }
}
