//! Small horizontal bar charts for the terminal, drawn with Unicode block characters.

/// Cells of the longest bar.
pub const WIDTH: usize = 24;

/// The partial blocks, from one eighth of a cell to seven.
const EIGHTHS: [char; 7] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// A bar for `value` on a scale where `max` fills [`WIDTH`] cells, to the eighth of a cell.
/// A value above zero always shows at least a sliver, so "a few" never reads as "none".
pub fn bar(value: u32, max: u32) -> String {
    if value == 0 || max == 0 {
        return String::new();
    }
    let eighths = (u64::from(value.min(max)) * WIDTH as u64 * 8 / u64::from(max)).max(1);
    let mut bar = "█".repeat((eighths / 8) as usize);
    let rest = eighths % 8;
    if rest > 0 {
        bar.push(EIGHTHS[(rest - 1) as usize]);
    }
    bar
}

/// Labelled rows of bars, each followed by its value, the bars padded to line up.
pub fn rows(rows: &[(String, u32)]) -> String {
    let max = rows.iter().map(|(_, value)| *value).max().unwrap_or(0);
    let label_width = rows
        .iter()
        .map(|(label, _)| label.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (label, value) in rows {
        let bar = bar(*value, max);
        out.push_str(&format!(
            "  {label:<label_width$} │{bar}{:pad$} {value}\n",
            "",
            pad = WIDTH - bar.chars().count()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_value_in_eighths() {
        assert_eq!(bar(0, 5), "");
        assert_eq!(bar(5, 5), "█".repeat(WIDTH));
        assert_eq!(bar(1, 2), "█".repeat(WIDTH / 2));
        // 1/5 of 24 cells = 4.8 cells = 4 full and 6 eighths.
        assert_eq!(bar(1, 5), "████▊");
        // Tiny values still show.
        assert_eq!(bar(1, 1000), "▏");
    }

    #[test]
    fn rows_line_up() {
        let chart = rows(&[("Mon 2026-11-02".into(), 4), ("Mon 2026-11-09".into(), 0)]);
        let lines: Vec<&str> = chart.lines().collect();
        assert_eq!(
            lines[0],
            format!("  Mon 2026-11-02 │{} 4", "█".repeat(WIDTH))
        );
        assert_eq!(
            lines[1],
            format!("  Mon 2026-11-09 │{} 0", " ".repeat(WIDTH))
        );
    }
}
