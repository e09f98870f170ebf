//! Table builders (comfy-table) for lists of sessions.

use comfy_table::{ContentArrangement, Table, presets};

/// A table that fits the terminal (or 100 columns when piped), with or without colour.
pub fn new_table(headers: &[&str], color: bool) -> Table {
    let mut table = Table::new();
    table.load_preset(presets::UTF8_HORIZONTAL_ONLY);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    if table.width().is_none() {
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse::<u16>().ok())
            .unwrap_or(100);
        table.set_width(width);
    }
    if !color {
        table.force_no_tty();
    }
    table.set_header(headers.iter().map(comfy_table::Cell::new));
    table
}
