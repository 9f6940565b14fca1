//! Small hand-built SVG charts for the HTML reports: grouped bars and a waterfall.
//!
//! Hand-built rather than from a charting crate: the charts are two shapes of a few dozen
//! rectangles, a crate would bring far more than it gives, and building them here keeps every
//! label exact (the figure's own words) and every piece of user text escaped. Geometry is in
//! whole tenths of a pixel, worked out with integers, so no floating point touches a figure.

// BOUND: the geometry multiplies counts of members and series (far below a million) by
// constants below ten thousand, in i64; a colour is picked modulo the palette's length, so its
// index is always in range; the fractions are arbitrary-precision and cannot overflow.
#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing)]

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::exact::Fraction;

/// Escapes text for HTML and SVG, in element content and in quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// `part / whole` scaled to `0..=scale`, rounded down; zero when `whole` is not positive.
fn scaled(part: &Fraction, whole: &Fraction, scale: i64) -> i64 {
    if !whole.is_positive() {
        return 0;
    }
    let r = part.abs() / whole * Fraction::from_integer(BigInt::from(scale));
    r.to_integer().to_i64().unwrap_or(0).clamp(0, scale)
}

fn tenths(v: i64) -> String {
    format!("{}.{}", v / 10, v % 10)
}

/// One series of a grouped bar chart: its name and one value (with its label) per group.
pub struct Series<'a> {
    /// Its name, shown in the legend.
    pub name: &'a str,
    /// One value per group, with the exact words shown for it.
    pub values: Vec<(Fraction, String)>,
}

const COLOURS: [&str; 4] = ["#4a6fa5", "#c0504d", "#9bbb59", "#8064a2"];

/// A grouped bar chart: one group per member (`groups`: identifier and name), one bar per series
/// in each, every bar with a `<title>` and a `data-member` attribute.
pub fn grouped_bars(title: &str, groups: &[(String, String)], series: &[Series<'_>]) -> String {
    let n_series = i64::try_from(series.len().max(1)).unwrap_or(1);
    let bar = 160; // tenths of a pixel
    let gap = 120;
    let group_width = bar * n_series + gap;
    let height = 2000;
    let left = 400;
    let top = 300;
    let n_groups = i64::try_from(groups.len()).unwrap_or(0);
    let legend = 1100;
    let width = (left + group_width * n_groups + gap).max(left + legend * n_series);
    let max = series.iter().flat_map(|s| s.values.iter().map(|(v, _)| v.abs())).fold(Fraction::zero(), |a, b| {
        if b > a {
            b
        } else {
            a
        }
    });
    let total_h = top + height + 600;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 {} {}\" width=\"{}\" aria-label=\"{}\">\n<title>{}</title>\n",
        tenths(width),
        tenths(total_h),
        tenths(width),
        escape(title),
        escape(title)
    );
    out.push_str(&format!(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\"/>\n",
        tenths(left),
        tenths(top + height),
        tenths(width),
        tenths(top + height)
    ));
    for (g, (key, name)) in groups.iter().enumerate() {
        let g = i64::try_from(g).unwrap_or(0);
        let x0 = left + gap + g * group_width;
        for (s, one) in series.iter().enumerate() {
            let Some((value, label)) = one.values.get(usize::try_from(g).unwrap_or(0)) else { continue };
            let h = scaled(value, &max, height);
            let x = x0 + i64::try_from(s).unwrap_or(0) * bar;
            out.push_str(&format!(
                "<rect class=\"bar\" data-member=\"{}\" data-series=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{} ({}): {} {}</title></rect>\n",
                escape(key),
                escape(one.name),
                tenths(x),
                tenths(top + height - h),
                tenths(bar - 10),
                tenths(h),
                COLOURS[s % COLOURS.len()],
                escape(name),
                escape(key),
                escape(one.name),
                escape(label)
            ));
        }
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>\n",
            tenths(x0 + bar * n_series / 2),
            tenths(top + height + 160),
            escape(key)
        ));
    }
    for (s, one) in series.iter().enumerate() {
        let y = 120;
        let x = left + i64::try_from(s).unwrap_or(0) * legend;
        out.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>\n",
            tenths(x),
            tenths(y),
            COLOURS[s % COLOURS.len()],
            tenths(x + 140),
            tenths(y + 95),
            escape(one.name)
        ));
    }
    out.push_str("</svg>\n");
    out
}

/// A waterfall: from `total` (its label first) down through each step (name, amount taken,
/// exact label) to what is left. Each step's bar hangs from the running balance.
pub fn waterfall(title: &str, total: (&Fraction, &str), steps: &[(String, Fraction, String)]) -> String {
    let bar = 500;
    let gap = 200;
    let left = 200;
    let top = 200;
    let height = 2000;
    let n = i64::try_from(steps.len()).unwrap_or(0).saturating_add(1);
    let width = left + (bar + gap) * n + gap;
    let whole = total.0.abs();
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart waterfall\" role=\"img\" viewBox=\"0 0 {} {}\" width=\"{}\" aria-label=\"{}\">\n<title>{}</title>\n",
        tenths(width),
        tenths(top + height + 800),
        tenths(width),
        escape(title),
        escape(title)
    );
    let base = top + height;
    let h = scaled(&whole, &whole, height);
    out.push_str(&format!(
        "<rect class=\"step total\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#4a6fa5\"><title>Total: {}</title></rect>\n<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">Total</text>\n",
        tenths(left + gap),
        tenths(base - h),
        tenths(bar),
        tenths(h),
        escape(total.1),
        tenths(left + gap + bar / 2),
        tenths(base + 160)
    ));
    let mut remaining = whole.clone();
    for (i, (name, amount, label)) in steps.iter().enumerate() {
        let x = left + gap + (bar + gap) * (i64::try_from(i).unwrap_or(0) + 1);
        let top_y = base - scaled(&remaining, &whole, height);
        let taken = amount.abs();
        let h = scaled(&taken, &whole, height);
        remaining -= taken;
        out.push_str(&format!(
            "<rect class=\"step\" data-step=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#9bbb59\"><title>{}: {}</title></rect>\n<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>\n",
            escape(name),
            tenths(x),
            tenths(top_y),
            tenths(bar),
            tenths(h),
            escape(name),
            escape(label),
            tenths(x + bar / 2),
            tenths(base + 160 + (i64::try_from(i).unwrap_or(0) % 2) * 160),
            escape(name)
        ));
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_escaped() {
        assert_eq!(escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }

    #[test]
    fn one_bar_per_member_per_series() {
        let f = |n: i64, d: i64| Fraction::new(BigInt::from(n), BigInt::from(d));
        let groups = vec![("a".to_string(), "A <&>".to_string()), ("b".to_string(), "B".to_string())];
        let series = vec![
            Series { name: "weight", values: vec![(f(1, 3), "1/3".into()), (f(2, 3), "2/3".into())] },
            Series { name: "power", values: vec![(f(0, 1), "0".into()), (f(1, 1), "1".into())] },
        ];
        let svg = grouped_bars("t", &groups, &series);
        assert_eq!(svg.matches("class=\"bar\"").count(), 4);
        assert_eq!(svg.matches("data-member=\"a\"").count(), 2);
        assert!(svg.contains("A &lt;&amp;&gt;") && !svg.contains("A <&>"));
        // The largest bar fills the height; a zero bar has none.
        assert!(svg.contains("height=\"200.0\""));
        assert!(svg.contains("height=\"0.0\""));
    }
}
