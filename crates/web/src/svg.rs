//! Bar charts as SVG, rendered on the server (no script, no third-party code). Text is drawn as
//! `<text>` so the browser's Japanese fonts are used; colours come from the page's CSS classes.

use crate::util::short_count;
use maud::{html, Markup};

/// One bar: its label and value.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: u64,
    /// A link for the bar (e.g. the casebook filtered to it).
    pub href: Option<String>,
}

/// A tick step giving about `n` gridlines up to `max` (1, 2 or 5 × 10^k).
fn nice_step(max: u64, n: u64) -> u64 {
    let raw = (max / n.max(1)).max(1);
    let mut p = 1u64;
    while p.saturating_mul(10) <= raw {
        p *= 10;
    }
    for m in [1, 2, 5, 10] {
        if p.saturating_mul(m) >= raw {
            return p.saturating_mul(m);
        }
    }
    p.saturating_mul(10)
}

/// Horizontal bars (categories: cause, actor, sector, size).
pub fn hbars(title: &str, unit: &str, bars: &[Bar]) -> Markup {
    let label_w = 176.0;
    let w = 640.0;
    let row = 26.0;
    let top = 8.0;
    let h = top + row * bars.len().max(1) as f64 + 26.0;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0);
    let step = nice_step(max, 4);
    let axis_max = if max == 0 {
        1
    } else {
        max.div_ceil(step) * step
    };
    let plot_w = w - label_w - 70.0;
    let x = |v: u64| label_w + plot_w * v as f64 / axis_max as f64;
    let ticks: Vec<u64> = (0..=axis_max / step).map(|i| i * step).collect();
    html! {
        svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {w} {h}"))
            role="img" aria-label=(format!("{title} ({unit})")) {
            title { (title) " (" (unit) ")" }
            @for t in &ticks {
                line class="grid" x1=(fmt(x(*t))) x2=(fmt(x(*t))) y1=(fmt(top)) y2=(fmt(h - 22.0)) {}
                text class="tick" x=(fmt(x(*t))) y=(fmt(h - 8.0)) text-anchor="middle" { (short_count(*t)) }
            }
            @if bars.is_empty() {
                text class="empty" x=(fmt(w / 2.0)) y=(fmt(top + row / 2.0 + 4.0)) text-anchor="middle" { "データがありません" }
            }
            @for (i, b) in bars.iter().enumerate() {
                @let y = top + row * i as f64;
                text class="label" x=(fmt(label_w - 8.0)) y=(fmt(y + row / 2.0 + 4.0)) text-anchor="end" { (b.label) }
                @let bw = (x(b.value) - label_w).max(if b.value > 0 { 1.5 } else { 0.0 });
                @if let Some(href) = &b.href {
                    a href=(href) {
                        rect class=(format!("bar b{}", i % 8)) x=(fmt(label_w)) y=(fmt(y + 4.0)) width=(fmt(bw)) height=(fmt(row - 8.0)) rx="2" {
                            title { (b.label) ": " (crate::util::commas(b.value)) " " (unit) }
                        }
                    }
                } @else {
                    rect class=(format!("bar b{}", i % 8)) x=(fmt(label_w)) y=(fmt(y + 4.0)) width=(fmt(bw)) height=(fmt(row - 8.0)) rx="2" {
                        title { (b.label) ": " (crate::util::commas(b.value)) " " (unit) }
                    }
                }
                text class="value" x=(fmt(label_w + bw + 6.0)) y=(fmt(y + row / 2.0 + 4.0)) { (crate::util::commas(b.value)) }
            }
        }
    }
}

/// Vertical columns (a time axis: years, months).
pub fn columns(title: &str, unit: &str, bars: &[Bar]) -> Markup {
    let w = 640.0;
    let h = 260.0;
    let left = 56.0;
    let right = 12.0;
    let top = 12.0;
    let many = bars.len() > 14;
    let bottom = if many { 62.0 } else { 30.0 };
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0);
    let step = nice_step(max, 4);
    let axis_max = if max == 0 {
        1
    } else {
        max.div_ceil(step) * step
    };
    let y = |v: u64| top + plot_h - plot_h * v as f64 / axis_max as f64;
    let n = bars.len().max(1) as f64;
    let slot = plot_w / n;
    let bw = (slot * 0.7).max(1.0);
    // At most ~24 labels.
    let every = (bars.len() / 24).max(1);
    let ticks: Vec<u64> = (0..=axis_max / step).map(|i| i * step).collect();
    html! {
        svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {w} {h}"))
            role="img" aria-label=(format!("{title} ({unit})")) {
            title { (title) " (" (unit) ")" }
            @for t in &ticks {
                line class="grid" x1=(fmt(left)) x2=(fmt(w - right)) y1=(fmt(y(*t))) y2=(fmt(y(*t))) {}
                text class="tick" x=(fmt(left - 6.0)) y=(fmt(y(*t) + 4.0)) text-anchor="end" { (short_count(*t)) }
            }
            @if bars.is_empty() {
                text class="empty" x=(fmt(w / 2.0)) y=(fmt(h / 2.0)) text-anchor="middle" { "データがありません" }
            }
            @for (i, b) in bars.iter().enumerate() {
                @let x = left + slot * i as f64 + (slot - bw) / 2.0;
                @let top_y = y(b.value).min(top + plot_h - if b.value > 0 { 1.5 } else { 0.0 });
                @if let Some(href) = &b.href {
                    a href=(href) {
                        rect class="bar b0" x=(fmt(x)) y=(fmt(top_y)) width=(fmt(bw)) height=(fmt(top + plot_h - top_y)) {
                            title { (b.label) ": " (crate::util::commas(b.value)) " " (unit) }
                        }
                    }
                } @else {
                    rect class="bar b0" x=(fmt(x)) y=(fmt(top_y)) width=(fmt(bw)) height=(fmt(top + plot_h - top_y)) {
                        title { (b.label) ": " (crate::util::commas(b.value)) " " (unit) }
                    }
                }
                @if !many {
                    text class="value" x=(fmt(x + bw / 2.0)) y=(fmt(top_y - 4.0)) text-anchor="middle" { (short_count(b.value)) }
                }
                @if i % every == 0 {
                    @let lx = x + bw / 2.0;
                    @let ly = top + plot_h + 16.0;
                    @if many {
                        text class="label" x=(fmt(lx)) y=(fmt(ly)) text-anchor="end"
                            transform=(format!("rotate(-45 {} {})", fmt(lx), fmt(ly))) { (b.label) }
                    } @else {
                        text class="label" x=(fmt(lx)) y=(fmt(ly)) text-anchor="middle" { (b.label) }
                    }
                }
            }
            line class="axis" x1=(fmt(left)) x2=(fmt(w - right)) y1=(fmt(top + plot_h)) y2=(fmt(top + plot_h)) {}
        }
    }
}

fn fmt(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps() {
        assert_eq!(nice_step(0, 4), 1);
        assert_eq!(nice_step(17, 4), 5);
        assert_eq!(nice_step(12_000, 4), 5_000);
        assert_eq!(nice_step(u64::MAX, 4), 5_000_000_000_000_000_000);
    }

    #[test]
    fn charts_escape_labels() {
        let bars = vec![
            Bar {
                label: "<script>".into(),
                value: 3,
                href: Some("/?cause=x&y=\"".into()),
            },
            Bar {
                label: "ランサムウェア".into(),
                value: 0,
                href: None,
            },
        ];
        for svg in [hbars("原因", "件", &bars), columns("年", "件", &bars)] {
            let s = svg.into_string();
            assert!(s.starts_with("<svg"), "{s}");
            assert!(s.contains("&lt;script&gt;"));
            assert!(!s.contains("<script>"));
            assert!(s.contains("ランサムウェア"));
        }
        assert!(hbars("x", "件", &[])
            .into_string()
            .contains("データがありません"));
    }
}
