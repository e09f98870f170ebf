//! The charts of the HTML export: one small line chart per scale prompt, drawn as inline SVG
//! (no script, no image file). A trend is gathered while the sessions stream past and holds
//! at most [`MAX_POINTS`] points: beyond that, neighbouring points are merged into their
//! average, so ten thousand sessions draw a readable line in the same memory as a hundred.

use super::export::Scale;
use super::export_html::escape;
use std::fmt::Write as _;

/// The most points a chart keeps; more sessions are averaged into these.
pub const MAX_POINTS: usize = 256;

/// One point: the average of the answers of one or more consecutive sessions.
#[derive(Debug, Clone, PartialEq)]
struct Point {
    first: String,
    last: String,
    sum: i64,
    count: u32,
}

impl Point {
    fn value(&self) -> f64 {
        self.sum as f64 / f64::from(self.count.max(1))
    }

    fn merge(mut self, other: &Point) -> Point {
        other.last.clone_into(&mut self.last);
        self.sum += other.sum;
        self.count += other.count;
        self
    }
}

/// The answers to one scale prompt over the exported sessions.
#[derive(Debug)]
pub struct Trend {
    /// The question, as last asked.
    pub title: String,
    /// Its range, when the pack snapshot says.
    pub scale: Option<Scale>,
    points: Vec<Point>,
    pending: Option<Point>,
    per_point: u32,
}

impl Trend {
    /// An empty trend.
    pub fn new(title: String, scale: Option<Scale>) -> Self {
        Self {
            title,
            scale,
            points: Vec::new(),
            pending: None,
            per_point: 1,
        }
    }

    /// Adds one session's answer (`date` as shown, YYYY-MM-DD).
    pub fn push(&mut self, date: String, value: i64) {
        let point = self.pending.get_or_insert_with(|| Point {
            first: date.clone(),
            last: date.clone(),
            sum: 0,
            count: 0,
        });
        point.last = date;
        point.sum += value;
        point.count += 1;
        if point.count >= self.per_point {
            self.points.extend(self.pending.take());
        }
        if self.points.len() >= MAX_POINTS {
            let merged = self
                .points
                .chunks(2)
                .map(|pair| match pair {
                    [a, b] => a.clone().merge(b),
                    [a] => a.clone(),
                    _ => unreachable!("chunks of two"),
                })
                .collect();
            self.points = merged;
            self.per_point *= 2;
        }
    }

    /// How many sessions each point stands for (1 until there are many).
    pub fn per_point(&self) -> u32 {
        self.per_point
    }

    fn all(&self) -> impl Iterator<Item = &Point> {
        self.points.iter().chain(self.pending.iter())
    }
}

/// A small line chart of a trend, as inline SVG. Points are spaced evenly in session order;
/// the vertical axis is the prompt's scale (or the values' own range).
pub fn chart(trend: &Trend) -> String {
    const W: f64 = 560.0;
    const H: f64 = 170.0;
    const LEFT: f64 = 36.0;
    const RIGHT: f64 = 12.0;
    const TOP: f64 = 12.0;
    const BOTTOM: f64 = 28.0;
    let points: Vec<&Point> = trend.all().collect();
    let lowest = points
        .iter()
        .map(|p| p.value())
        .fold(f64::INFINITY, f64::min);
    let highest = points
        .iter()
        .map(|p| p.value())
        .fold(f64::NEG_INFINITY, f64::max);
    let (mut lo, mut hi) = match &trend.scale {
        Some(s) => ((s.min as f64).min(lowest), (s.max as f64).max(highest)),
        None if points.is_empty() => (0.0, 1.0),
        None => (lowest.floor(), highest.ceil()),
    };
    if hi - lo < 1.0 {
        lo -= 1.0;
        hi += 1.0;
    }
    let n = points.len();
    let x = |i: usize| {
        if n <= 1 {
            LEFT + (W - LEFT - RIGHT) / 2.0
        } else {
            LEFT + (W - LEFT - RIGHT) * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: f64| TOP + (H - TOP - BOTTOM) * (hi - v) / (hi - lo);
    let first = points.first().map(|p| p.first.as_str()).unwrap_or_default();
    let last = points.last().map(|p| p.last.as_str()).unwrap_or_default();
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" \
         height=\"{H}\" role=\"img\" aria-label=\"{}\">",
        escape(&format!("{}: {first} – {last}", trend.title))
    );
    let _ = write!(
        svg,
        "<line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{b}\" stroke=\"#999\"/>\
         <line x1=\"{LEFT}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\" stroke=\"#999\"/>",
        b = H - BOTTOM,
        r = W - RIGHT
    );
    let _ = write!(
        svg,
        "<text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{hi}</text>\
         <text x=\"{lx}\" y=\"{by}\" text-anchor=\"end\">{lo}</text>",
        lx = LEFT - 6.0,
        ty = TOP + 4.0,
        by = H - BOTTOM + 4.0
    );
    let _ = write!(
        svg,
        "<text x=\"{LEFT}\" y=\"{d}\">{}</text>\
         <text x=\"{r}\" y=\"{d}\" text-anchor=\"end\">{}</text>",
        escape(first),
        escape(last),
        d = H - 8.0,
        r = W - RIGHT
    );
    let line: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.value())))
        .collect();
    let _ = write!(
        svg,
        "<polyline fill=\"none\" stroke=\"#2a5d8f\" stroke-width=\"2\" points=\"{}\"/>",
        line.join(" ")
    );
    // Dots with a tooltip while they stay legible; a long series is the line alone.
    if n <= 80 {
        for (i, p) in points.iter().enumerate() {
            let when = if p.first == p.last {
                p.first.clone()
            } else {
                format!("{} – {}", p.first, p.last)
            };
            let _ = write!(
                svg,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"#2a5d8f\">\
                 <title>{}: {}</title></circle>",
                x(i),
                y(p.value()),
                escape(&when),
                (p.value() * 10.0).round() / 10.0
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale() -> Option<Scale> {
        Some(Scale {
            min: 1,
            max: 5,
            min_label: "low".into(),
            max_label: "high".into(),
        })
    }

    #[test]
    fn a_chart_has_a_point_per_answer_and_escaped_labels() {
        let mut trend = Trend::new("<b>fit</b>".into(), scale());
        trend.push("2026-01-01".into(), 2);
        trend.push("2026-06-01".into(), 4);
        let svg = chart(&trend);
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains("&lt;b&gt;fit"));
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("<title>2026-06-01: 4</title>"));
        let mut single = Trend::new("fit".into(), None);
        single.push("2026-01-01".into(), 3);
        assert!(chart(&single).contains("<circle cx=\"292.0\""));
        assert!(chart(&Trend::new("none".into(), None)).contains("</svg>"));
    }

    #[test]
    fn many_sessions_are_averaged_into_a_bounded_number_of_points() {
        let mut trend = Trend::new("fit".into(), scale());
        for i in 0..10_000 {
            trend.push(format!("day {i}"), if i % 2 == 0 { 1 } else { 5 });
        }
        let points: Vec<&Point> = trend.all().collect();
        assert!(points.len() <= MAX_POINTS, "{}", points.len());
        assert!(trend.per_point() > 1);
        assert_eq!(points.iter().map(|p| p.count).sum::<u32>(), 10_000);
        assert_eq!(points[0].first, "day 0");
        assert_eq!(points.last().unwrap().last, "day 9999");
        assert!(
            points
                .iter()
                .all(|p| p.count < 2 || (p.value() - 3.0).abs() < 0.5)
        );
    }
}
