//! Tables that fit the width they are given, and never break a word.
//!
//! Each column says how it may give up room ([`Fit`]): dates, ids and steps stay whole; names
//! and sentences wrap between words, never narrower than their longest word. When even the
//! narrowest widths do not fit, or would make every row several lines high, a command's table
//! drops or merges its less useful columns: it lists its layouts from the widest to the
//! narrowest and [`choose`] takes the first that fits with rows of about one line. The widths are shared out here rather than by comfy-table's own arrangement, so that
//! the promise "no word is cut" does not rest on another library's heuristics.

use comfy_table::{ColumnConstraint, Width as Cells};

use super::Width;
use super::table;

/// How a column may give up room when the table is too wide for the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Never wraps: dates, numbers, steps, phone numbers.
    Whole,
    /// Wraps between words, but stays at least this wide (a column of one-word lines reads
    /// badly) and never narrower than its longest word.
    Wrap(usize),
}

/// One column of a table that has several layouts: a value of a small enum per table.
pub trait Column<R>: Copy + PartialEq {
    fn header(self) -> &'static str;
    fn fit(self) -> Fit;
    fn cell(self, row: &R) -> String;
}

/// The first of `layouts` (widest first) whose columns fit into `width` with rows of about one
/// line, drawn, with the layout used. When every layout that fits makes rows of several lines
/// (long sentences in a narrow column), the widest of those; when none fits, the last,
/// narrowest one anyway.
pub fn choose<'l, R, C: Column<R>>(
    width: Width,
    layouts: &[&'l [C]],
    rows: &[R],
) -> (String, &'l [C]) {
    match settle(width, layouts, rows, &[]) {
        Some(settled) => (
            grid(&settled.columns(), &settled.widths, true),
            settled.layout,
        ),
        None => (String::new(), &[]),
    }
}

/// A table drawn in pieces as its rows are read, so that a book of any size is listed in the
/// memory of one piece. The layout and widths are settled on the first rows (and on `probes`,
/// rows measured but not drawn, such as one with the largest id); a later cell wider than its
/// column wraps inside it, as in any table here, and the frame stays whole.
pub struct Pieces<'l, C> {
    layout: &'l [C],
    widths: Vec<usize>,
    bottom: String,
}

/// The table's head and `first` rows, without the border that closes it, and what draws the
/// rest at the same widths.
pub fn first_piece<'l, R, C: Column<R>>(
    width: Width,
    layouts: &[&'l [C]],
    first: &[R],
    probes: &[R],
) -> (String, Pieces<'l, C>) {
    let Some(settled) = settle(width, layouts, first, probes) else {
        let pieces = Pieces {
            layout: &[],
            widths: Vec::new(),
            bottom: String::new(),
        };
        return (String::new(), pieces);
    };
    let columns = settled.columns();
    // The other rows are drawn as the later pieces are.
    let (mut text, bottom) = head_and_first_row(&columns, &settled.widths);
    body(&mut text, &columns, &settled.widths, 1..row_count(&columns));
    let pieces = Pieces {
        layout: settled.layout,
        widths: settled.widths.clone(),
        bottom,
    };
    (text, pieces)
}

/// The head of the table of `columns` at `widths` with its first row, drawn by comfy-table (a
/// head alone would be closed as a whole table), and apart the border that closes the table.
fn head_and_first_row(columns: &[Data], widths: &[usize]) -> (String, String) {
    let first_row: Vec<Data> = columns
        .iter()
        .map(|column| Data {
            header: column.header,
            cells: &column.cells[..column.cells.len().min(1)],
        })
        .collect();
    let drawn = drawn_by_comfy_table(&first_row, widths, true);
    let (head, bottom) = drawn.rsplit_once('\n').unwrap_or((&drawn, ""));
    (format!("{head}\n"), bottom.to_string())
}

/// How many rows `columns` hold.
fn row_count(columns: &[Data]) -> usize {
    columns
        .iter()
        .map(|column| column.cells.len())
        .max()
        .unwrap_or(0)
}

impl<C> Pieces<'_, C> {
    /// `rows` as lines of the table, between its head and its closing border.
    pub fn rows<R>(&self, rows: &[R]) -> String
    where
        C: Column<R>,
    {
        if rows.is_empty() {
            return String::new();
        }
        let cells: Vec<Vec<String>> = self
            .layout
            .iter()
            .map(|column| rows.iter().map(|row| column.cell(row)).collect())
            .collect();
        let columns: Vec<Data> = self
            .layout
            .iter()
            .zip(&cells)
            .map(|(column, cells)| Data {
                header: column.header(),
                cells,
            })
            .collect();
        let mut out = String::new();
        body(&mut out, &columns, &self.widths, 0..rows.len());
        out
    }

    /// The border that closes the table.
    pub fn end(&self) -> String {
        format!("{}\n", self.bottom)
    }
}

/// The borders of a row of [`table::headless`]'s style: what [`body`] draws a row of one-line
/// cells with, as comfy-table would.
const LEFT: char = '│';
const BETWEEN: char = '┆';
const RIGHT: char = '│';

/// Appends the lines of rows `range` of `columns`, `widths` wide, without a head or borders
/// above and below. A row whose cells each fit on one line of their column is drawn here:
/// each cell padded to its width between the borders, as comfy-table draws it, at a small
/// part of its cost (drawing was a third of a long `list`). A row with a cell to wrap is
/// left to comfy-table.
fn body(out: &mut String, columns: &[Data], widths: &[usize], range: std::ops::Range<usize>) {
    for row in range {
        let one_line = columns.iter().zip(widths).all(|(column, &width)| {
            let text = cell(column, row);
            !text.contains('\n') && super::width::of(text) <= width
        });
        if !one_line {
            out.push_str(&wrapped(columns, widths, row));
            continue;
        }
        out.push(LEFT);
        for (index, (column, &width)) in columns.iter().zip(widths).enumerate() {
            if index > 0 {
                out.push(BETWEEN);
            }
            let text = cell(column, row);
            out.push(' ');
            out.push_str(text);
            let pad = width - super::width::of(text) + 1;
            out.extend(std::iter::repeat_n(' ', pad));
        }
        out.push(RIGHT);
        out.push('\n');
    }
}

/// Cell `row` of `column`: empty past its last.
fn cell<'a>(column: &Data<'a>, row: usize) -> &'a str {
    column.cells.get(row).map_or("", String::as_str)
}

/// Row `row` of `columns` drawn by comfy-table, its cells wrapped: its lines, without the
/// borders above and below.
fn wrapped(columns: &[Data], widths: &[usize], row: usize) -> String {
    let one: Vec<Data> = columns
        .iter()
        .map(|column| Data {
            header: column.header,
            cells: column.cells.get(row..=row).unwrap_or_default(),
        })
        .collect();
    let drawn = drawn_by_comfy_table(&one, widths, false);
    let mut lines = drawn.lines();
    lines.next_back();
    lines.next();
    let mut out = String::with_capacity(drawn.len());
    for line in lines {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The layout [`choose`] settles on, its widths, and the cells it made for it.
struct Settled<'l, C> {
    layout: &'l [C],
    widths: Vec<usize>,
    made: Vec<(C, Vec<String>)>,
}

impl<C: Copy + PartialEq> Settled<'_, C> {
    fn columns<R>(&self) -> Vec<Data<'_>>
    where
        C: Column<R>,
    {
        self.layout
            .iter()
            .filter_map(|column| self.made.iter().find(|(done, _)| done == column))
            .map(|(column, cells)| Data {
                header: column.header(),
                cells,
            })
            .collect()
    }
}

/// The layout and widths of [`choose`] for `rows`, with `probes` measured as rows but not
/// drawn; `None` when there are no layouts.
fn settle<'l, R, C: Column<R>>(
    width: Width,
    layouts: &[&'l [C]],
    rows: &[R],
    probes: &[R],
) -> Option<Settled<'l, C>> {
    // Each column's cells are made and measured once, however many layouts use it.
    let mut made: Vec<(C, Vec<String>, Need)> = Vec::new();
    let mut fitting = None;
    let mut last = None;
    for layout in layouts {
        for &column in layout.iter() {
            if !made.iter().any(|(done, ..)| *done == column) {
                let cells: Vec<String> = rows.iter().map(|row| column.cell(row)).collect();
                let need = if probes.is_empty() {
                    need(column.header(), column.fit(), &cells)
                } else {
                    let mut measured = cells.clone();
                    measured.extend(probes.iter().map(|probe| column.cell(probe)));
                    need(column.header(), column.fit(), &measured)
                };
                made.push((column, cells, need));
            }
        }
        let (columns, needs): (Vec<Data>, Vec<Need>) = layout
            .iter()
            .filter_map(|column| made.iter().find(|(done, ..)| done == column))
            .map(|(column, cells, need)| {
                let data = Data {
                    header: column.header(),
                    cells,
                };
                (data, need.clone())
            })
            .unzip();
        let room = width.columns().checked_sub(frame(columns.len()));
        if let Some(widths) = room.and_then(|room| share(&needs, room)) {
            if compact(&columns, &widths) {
                fitting = Some((*layout, widths));
                break;
            }
            if fitting.is_none() {
                fitting = Some((*layout, widths));
            }
        }
        last = Some((*layout, needs));
    }
    let (layout, widths) = match (fitting, last) {
        (Some(fitting), _) => fitting,
        // Nothing fits: the narrowest layout at its least widths, past the edge.
        (None, Some((layout, needs))) => (layout, needs.iter().map(|need| need.least).collect()),
        (None, None) => return None,
    };
    let made = made
        .into_iter()
        .map(|(column, cells, _)| (column, cells))
        .collect();
    Some(Settled {
        layout,
        widths,
        made,
    })
}

/// Whether the rows take at most one and a half lines each on average at these widths.
fn compact(columns: &[Data], widths: &[usize]) -> bool {
    let rows = columns.iter().map(|column| column.cells.len()).max();
    let rows = rows.unwrap_or(0);
    let lines: usize = (0..rows)
        .map(|row| {
            columns
                .iter()
                .zip(widths)
                .map(|(column, &width)| column.cells.get(row).map_or(1, |cell| lines(cell, width)))
                .max()
                .unwrap_or(1)
        })
        .sum();
    lines * 2 <= rows * 3
}

/// How many lines `text` takes when wrapped at spaces to `width`, as comfy-table wraps it.
fn lines(text: &str, width: usize) -> usize {
    text.split('\n')
        .map(|line| {
            // Most cells fit whole: no word needs measuring then.
            if super::width::of(line) <= width {
                return 1;
            }
            let mut count = 1;
            let mut column = 0;
            for word in line.split(' ') {
                let word = super::width::of(word);
                if column > 0 && column + 1 + word > width {
                    count += 1;
                    column = word;
                } else if column > 0 {
                    column += 1 + word;
                } else {
                    column = word;
                }
            }
            count
        })
        .sum()
}

/// A table with one layout: `columns` are the headers and how each fits, `rows` the cells.
/// Too narrow a width makes it run past the edge rather than cut words.
pub fn rows(width: Width, columns: &[(&str, Fit)], rows: &[Vec<String>]) -> String {
    let cells: Vec<Vec<String>> = (0..columns.len())
        .map(|index| {
            rows.iter()
                .map(|row| row.get(index).cloned().unwrap_or_default())
                .collect()
        })
        .collect();
    let needs: Vec<Need> = columns
        .iter()
        .zip(&cells)
        .map(|((header, fit), cells)| need(header, *fit, cells))
        .collect();
    let columns: Vec<Data> = columns
        .iter()
        .zip(&cells)
        .map(|((header, _), cells)| Data { header, cells })
        .collect();
    draw(width, &columns, &needs).unwrap_or_else(|| force(&columns, &needs))
}

/// A column's header and cells, column by column so that measuring needs no copies.
struct Data<'a> {
    header: &'a str,
    cells: &'a [String],
}

/// What a column needs: its width unwrapped (header included), the least it can take, and the
/// width of each of its cells, sorted.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Need {
    natural: usize,
    least: usize,
    cells: Vec<usize>,
}

/// What a column of `cells` under `header` needs, given how it may fit.
fn need(header: &str, fit: Fit, cells: &[String]) -> Need {
    // One pass over each text: a table of the coming days measures thousands of cells.
    let mut longest_word = 0;
    let mut measure = |text: &str| {
        let mut widest = 0;
        for line in text.split('\n') {
            widest = widest.max(super::width::of(line));
            // comfy-table wraps at spaces only, so words are what lie between spaces.
            if matches!(fit, Fit::Wrap(_)) {
                for word in line.split(' ') {
                    longest_word = longest_word.max(super::width::of(word));
                }
            }
        }
        widest
    };
    // The header may wrap: room is shared out for the rows.
    let header_width = measure(header);
    let mut widths: Vec<usize> = cells.iter().map(|cell| measure(cell)).collect();
    widths.sort_unstable();
    let natural = widths.last().copied().unwrap_or(0).max(header_width);
    let least = match fit {
        Fit::Whole => natural,
        Fit::Wrap(floor) => natural.min(floor.max(longest_word)),
    };
    Need {
        natural,
        least,
        cells: widths,
    }
}

/// The columns a table's frame takes: a border left, and per column a space each side and a
/// border after it.
fn frame(columns: usize) -> usize {
    1 + 3 * columns
}

/// The content width of each column, or `None` when their least widths do not fit in `room`.
///
/// Every column starts at its least. Then, step by step, the column where a little more room
/// puts the most cells back on one line gets it (a name column full of names one letter too
/// long before a column with one long cell), until no step fits; what is left after that goes
/// to the columns with the most cells still wrapping, so those take fewer lines.
fn share(needs: &[Need], room: usize) -> Option<Vec<usize>> {
    let mut widths: Vec<usize> = needs.iter().map(|need| need.least).collect();
    let mut left = room.checked_sub(widths.iter().sum())?;
    // (column, the width that unwraps its next cells, how many it unwraps)
    let step = |index: usize, widths: &[usize]| {
        let need = &needs[index];
        let next = need
            .cells
            .iter()
            .copied()
            .find(|&cell| cell > widths[index])?;
        let freed = need.cells.iter().filter(|&&cell| cell == next).count();
        Some((index, next, freed))
    };
    loop {
        let mut best: Option<(usize, usize, usize)> = None;
        for index in 0..needs.len() {
            let Some((index, next, freed)) = step(index, &widths) else {
                continue;
            };
            let cost = next - widths[index];
            if cost > left {
                continue;
            }
            let better = match best {
                None => true,
                Some((other, other_next, other_freed)) => {
                    freed * (other_next - widths[other]) > other_freed * cost
                }
            };
            if better {
                best = Some((index, next, freed));
            }
        }
        let Some((index, next, _)) = best else {
            break;
        };
        left -= next - widths[index];
        widths[index] = next;
    }
    let wrapping = |index: usize, widths: &[usize]| {
        needs[index]
            .cells
            .iter()
            .filter(|&&cell| cell > widths[index])
            .count()
    };
    let mut wanting: Vec<usize> = (0..needs.len()).collect();
    wanting.sort_by_key(|&index| std::cmp::Reverse(wrapping(index, &widths)));
    for index in wanting {
        let more = (needs[index].natural - widths[index]).min(left);
        widths[index] += more;
        left -= more;
    }
    Some(widths)
}

/// The table within `width`, or `None` when it cannot fit without cutting words.
fn draw(width: Width, columns: &[Data], needs: &[Need]) -> Option<String> {
    let room = width.columns().checked_sub(frame(columns.len()))?;
    let widths = share(needs, room)?;
    Some(grid(columns, &widths, true))
}

/// The table at the least widths of its columns, for when nothing narrower exists.
fn force(columns: &[Data], needs: &[Need]) -> String {
    let widths: Vec<usize> = needs.iter().map(|need| need.least).collect();
    grid(columns, &widths, true)
}

/// The table of `columns` at `widths`, with its head or (a later piece) without. After the
/// head and the first row, rows are drawn by [`body`] as comfy-table would draw them: the
/// thousands of rows of a long `agenda` spent a quarter of its time in comfy-table.
fn grid(columns: &[Data], widths: &[usize], head: bool) -> String {
    let count = row_count(columns);
    if !head || count <= 1 {
        return drawn_by_comfy_table(columns, widths, head);
    }
    let (mut text, bottom) = head_and_first_row(columns, widths);
    body(&mut text, columns, widths, 1..count);
    text.push_str(&bottom);
    text
}

/// [`grid`] drawn by comfy-table alone.
fn drawn_by_comfy_table(columns: &[Data], widths: &[usize], head: bool) -> String {
    let mut grid = if head {
        let headers: Vec<&str> = columns.iter().map(|column| column.header).collect();
        table::new(&headers)
    } else {
        table::headless()
    };
    let count = columns.iter().map(|column| column.cells.len()).max();
    for row in 0..count.unwrap_or(0) {
        grid.add_row(
            columns
                .iter()
                .map(|column| column.cells.get(row).map_or("", String::as_str)),
        );
    }
    // After the rows: a table without a head has its columns once it has rows.
    for (index, width) in widths.iter().enumerate() {
        if let Some(column) = grid.column_mut(index) {
            // The constraint counts the padding of one space each side.
            let cells = u16::try_from(width + 2).unwrap_or(u16::MAX);
            column.set_constraint(ColumnConstraint::Absolute(Cells::Fixed(cells)));
        }
    }
    grid.to_string()
}

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;

    use super::*;

    /// The columns Id, Prospect and Next of a small table.
    fn table_of<'a>(ids: &'a [String], names: &'a [String], steps: &'a [String]) -> [Data<'a>; 3] {
        [
            Data {
                header: "Id",
                cells: ids,
            },
            Data {
                header: "Prospect",
                cells: names,
            },
            Data {
                header: "Next",
                cells: steps,
            },
        ]
    }

    fn widths_of(text: &str) -> Vec<usize> {
        text.lines().map(UnicodeWidthStr::width).collect()
    }

    fn need(least: usize, cells: &[usize]) -> Need {
        Need {
            natural: cells.iter().copied().max().unwrap_or(0),
            least,
            cells: cells.to_vec(),
        }
    }

    #[test]
    fn room_goes_where_it_puts_the_most_cells_back_on_one_line() {
        // A fixed column, a column of many names a little too long, one long sentence.
        let needs = [
            need(10, &[10, 10]),
            need(12, &[4, 15, 15, 15, 16]),
            need(8, &[5, 30]),
        ];
        assert_eq!(share(&needs, 100), Some(vec![10, 16, 30]));
        // 10 left: the names get 4 (four cells unwrapped), the sentence the rest.
        assert_eq!(share(&needs, 40), Some(vec![10, 16, 14]));
        assert_eq!(share(&needs, 29), None);
    }

    #[test]
    fn a_table_fills_no_more_than_its_width_and_keeps_words_whole() {
        let sentence = "two touches unanswered since Monday and at least ten days gone";
        let rows = vec![
            vec!["Tue 2026-12-01".to_string(), sentence.to_string()],
            vec!["Wed 2026-12-02".to_string(), "short".to_string()],
        ];
        let text = super::rows(
            Width::new(60),
            &[("Day", Fit::Whole), ("Why", Fit::Wrap(10))],
            &rows,
        );
        assert!(widths_of(&text).iter().all(|&width| width <= 60), "{text}");
        assert_eq!(text.lines().next().map(UnicodeWidthStr::width), Some(60));
        for word in sentence.split(' ') {
            assert!(text.contains(word), "{word} was cut:\n{text}");
        }
        assert!(text.contains("Tue 2026-12-01"), "{text}");
    }

    #[test]
    fn a_table_that_fits_is_no_wider_than_its_content() {
        let rows = vec![vec!["a".to_string(), "b c".to_string()]];
        let text = super::rows(
            Width::new(200),
            &[("One", Fit::Whole), ("Two", Fit::Wrap(10))],
            &rows,
        );
        assert_eq!(widths_of(&text)[0], frame(2) + 3 + 3, "{text}");
    }

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Col {
        Name,
        Sentence,
    }

    impl Column<(&'static str, &'static str)> for Col {
        fn header(self) -> &'static str {
            match self {
                Col::Name => "Name",
                Col::Sentence => "Sentence",
            }
        }
        fn fit(self) -> Fit {
            match self {
                Col::Name => Fit::Whole,
                Col::Sentence => Fit::Wrap(30),
            }
        }
        fn cell(self, row: &(&'static str, &'static str)) -> String {
            match self {
                Col::Name => row.0.to_string(),
                Col::Sentence => row.1.to_string(),
            }
        }
    }

    #[test]
    fn lines_are_counted_as_the_table_wraps_them() {
        assert_eq!(lines("a sentence of several words", 12), 3);
        assert_eq!(lines("Dana\nNorthwind Office Supply", 30), 2);
        assert_eq!(lines("", 5), 1);
    }

    #[test]
    fn the_first_layout_that_fits_is_chosen() {
        let rows = [(
            "Rosalind Featherstonehaugh",
            "a sentence of several words to wrap",
        )];
        let layouts: [&[Col]; 2] = [&[Col::Name, Col::Sentence], &[Col::Name]];
        let (wide, layout) = choose(Width::new(80), &layouts, &rows);
        assert_eq!(layout, &[Col::Name, Col::Sentence][..], "{wide}");
        let (narrow, layout) = choose(Width::new(60), &layouts, &rows);
        assert_eq!(layout, &[Col::Name][..], "{narrow}");
        assert!(!narrow.contains("Sentence"), "{narrow}");
    }

    #[test]
    fn rows_drawn_here_are_the_rows_comfy_table_draws() {
        let ids: Vec<String> = ["1", "22", "333", "4444"].map(String::from).to_vec();
        let names: Vec<String> = [
            "Chloé Abara",
            "",
            "Rosalind Featherstonehaugh of Axe",
            "two\nlines",
        ]
        .map(String::from)
        .to_vec();
        let steps: Vec<String> = ["follow-up 2/4", "日本語", "close", ""]
            .map(String::from)
            .to_vec();
        let columns = table_of(&ids, &names, &steps);
        let widths = [4, 14, 13];
        let mut ours = String::new();
        body(&mut ours, &columns, &widths, 0..ids.len());
        let drawn = drawn_by_comfy_table(&columns, &widths, false);
        let lines: Vec<&str> = drawn.lines().collect();
        let theirs: String = lines[1..lines.len() - 1]
            .iter()
            .map(|line| format!("{line}\n"))
            .collect();
        assert_eq!(ours, theirs);
        // The long name and the line break were wrapped by comfy-table.
        assert!(ours.lines().count() > ids.len(), "{ours}");
        // A whole table with its head: the same as comfy-table's, whichever row comes first.
        for first in 0..ids.len() {
            let rotated = |cells: &[String]| {
                let mut cells = cells.to_vec();
                cells.rotate_left(first);
                cells
            };
            let (ids, names, steps) = (rotated(&ids), rotated(&names), rotated(&steps));
            let columns = table_of(&ids, &names, &steps);
            assert_eq!(
                grid(&columns, &widths, true),
                drawn_by_comfy_table(&columns, &widths, true),
                "first row {first}"
            );
        }
    }
}
