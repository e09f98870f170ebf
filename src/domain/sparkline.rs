//! A row of block characters for a series of scale values: a trend at a glance, in a terminal
//! or a Markdown brief. One drawing for every place that shows one.

/// The eight heights, lowest first.
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One block per value (averaged into at most `width` blocks), scaled between the scale's
/// ends when `range` gives them, else between the lowest and highest value. `None` for fewer
/// than two values: one value has no trend, and a lone bar would only mislead (a 5 out of 5
/// drawn as the lowest bar).
pub fn sparkline(values: &[i64], range: Option<(i64, i64)>, width: usize) -> Option<String> {
    if values.len() < 2 || width == 0 {
        return None;
    }
    let (min, max) = range.unwrap_or_else(|| {
        (
            values.iter().copied().min().unwrap_or(0),
            values.iter().copied().max().unwrap_or(0),
        )
    });
    let cells = values.len().min(width);
    Some(
        (0..cells)
            .map(|i| {
                let chunk = &values[i * values.len() / cells..(i + 1) * values.len() / cells];
                #[allow(clippy::cast_precision_loss)]
                let mean = chunk.iter().sum::<i64>() as f64 / chunk.len() as f64;
                #[allow(clippy::cast_precision_loss)]
                let share = if max > min {
                    ((mean - min as f64) / (max - min) as f64).clamp(0.0, 1.0)
                } else {
                    0.5
                };
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let level = (share * 7.0).round() as usize;
                BARS[level]
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_drawn_between_the_scales_ends() {
        assert_eq!(
            sparkline(&[1, 2, 3, 4, 5], Some((1, 5)), 60).as_deref(),
            Some("▁▃▅▆█")
        );
        assert_eq!(sparkline(&[4, 5], Some((1, 5)), 60).as_deref(), Some("▆█"));
        // Without a range, the lowest value is the lowest bar.
        assert_eq!(sparkline(&[1, 3, 5], None, 60).as_deref(), Some("▁▅█"));
        // The same value twice: the middle, not the bottom.
        assert_eq!(sparkline(&[4, 4], None, 60).as_deref(), Some("▅▅"));
    }

    #[test]
    fn one_value_is_no_trend() {
        assert_eq!(sparkline(&[5], Some((1, 5)), 60), None);
        assert_eq!(sparkline(&[], None, 60), None);
    }

    #[test]
    fn many_values_are_averaged_into_the_width() {
        let many: Vec<i64> = (0..600).map(|i| 1 + i % 5).collect();
        let line = sparkline(&many, Some((1, 5)), 60).unwrap();
        assert_eq!(line.chars().count(), 60);
    }
}
