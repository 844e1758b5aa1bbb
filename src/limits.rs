//! What jixiao reads at most. Each limit is far past any real packet (the largest seen holds a few
//! hundred tables of a few dozen rows) and is there so that a damaged or hostile file is refused
//! with a clear error, before it can take the memory or the time of the machine. The README's
//! "Limits" section is generated from [`all`].

/// The workbook file itself.
pub const MAX_FILE_BYTES: u64 = 64 << 20;
/// An .xlsx or .ods is a zip: all its parts together, once inflated (1,000 tables are about
/// 10 MB). Counted while inflating, so a decompression bomb is stopped at this size whatever its
/// headers claim.
pub const MAX_UNZIPPED_BYTES: u64 = 256 << 20;
/// One part of the zip (a sheet, the shared strings), once inflated.
pub const MAX_PART_BYTES: u64 = 64 << 20;
/// Parts in the zip (1,000 tables are about 1,010).
pub const MAX_PARTS: usize = 20_000;
/// Sheets in a workbook, and so tables in a packet.
pub const MAX_SHEETS: usize = 5_000;
/// A sheet's extent, counted before the sheet is laid out in memory.
pub const MAX_ROWS: u32 = 10_000;
pub const MAX_COLS: u32 = 200;
/// A cell's text: Excel's own limit, which no spreadsheet program writes past.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Indicator rows in one table (a table's grid of 500 rows prints on about 25 pages).
pub const MAX_INDICATORS: usize = 500;
/// A figure (money, 分值, 得分, 指标值): digits before the point, and after it. Excel keeps 15
/// significant digits; within these bounds no sum, share or difference the checks take can
/// overflow a decimal.
pub const MAX_FIGURE_DIGITS: u32 = 15;
pub const MAX_FIGURE_DECIMALS: u32 = 10;

/// Whether `d` is within [`MAX_FIGURE_DIGITS`] and [`MAX_FIGURE_DECIMALS`].
pub fn figure_fits(d: rust_decimal::Decimal) -> bool {
    use rust_decimal::Decimal;
    d.abs() < Decimal::from(10i64.pow(MAX_FIGURE_DIGITS)) && d.normalize().scale() <= MAX_FIGURE_DECIMALS
}

/// `15 digits before the point, 10 after`
pub fn figure() -> String {
    format!("{MAX_FIGURE_DIGITS} digits before the point, {MAX_FIGURE_DECIMALS} after")
}

/// Every limit as the README lists it: what, how much.
pub fn all() -> Vec<(&'static str, String)> {
    vec![
        ("workbook file", mib(MAX_FILE_BYTES)),
        (
            "an .xlsx or .ods once unzipped (counted while inflating: a zip bomb stops here)",
            format!("{} in all, {} a part, {} parts", mib(MAX_UNZIPPED_BYTES), mib(MAX_PART_BYTES), count(MAX_PARTS)),
        ),
        ("sheets in a workbook (tables in a packet)", count(MAX_SHEETS)),
        ("a sheet's extent (counted before the sheet is laid out: an .xlsx's declared dimensions, an .xls's records, an .ods's repeats)", extent()),
        ("a cell's text (Excel's own limit)", format!("{} characters", count(MAX_CELL_CHARS))),
        ("indicator rows in a table", count(MAX_INDICATORS)),
        ("a figure (money, 分值, 得分, 指标值)", figure()),
    ]
}

/// `10,000 rows × 200 columns`
pub fn extent() -> String {
    format!("{} rows × {} columns", count(MAX_ROWS as usize), count(MAX_COLS as usize))
}

/// The README's table of limits.
pub fn markdown() -> String {
    let mut s = String::from("| limit | at most |\n|---|---|\n");
    for (what, much) in all() {
        s.push_str(&format!("| {what} | {much} |\n"));
    }
    s
}

/// `64 MiB`, `256 MiB`: a byte limit as the README and the messages say it.
pub fn mib(bytes: u64) -> String {
    format!("{} MiB", bytes >> 20)
}

/// `10,000`: a count as the README and the messages say it.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}
