//! The 统计's charts as SVG, drawn by plotters: for review.html (inline, readable without
//! scripts) and any page that shows a review. Text is left to the reader's fonts (a CJK sans).

use super::stats::{band_label, Stats, GRADES};
use crate::t;
use plotters::prelude::*;

const FONT: &str = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif";
/// The grades' colours, best first, then "none".
const GRADE_COLOURS: [RGBColor; 5] = [
    RGBColor(46, 125, 50),
    RGBColor(66, 133, 244),
    RGBColor(251, 188, 5),
    RGBColor(219, 68, 55),
    RGBColor(170, 170, 170),
];
const BAR: RGBColor = RGBColor(66, 103, 178);

/// The three charts: the distribution of totals, the grades per 主管部门, 执行率 against 自评得分.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Charts {
    pub totals: String,
    pub grades: String,
    pub rates: String,
}

type Drawn = Result<(), Box<dyn std::error::Error>>;

pub fn draw(stats: &Stats) -> Charts {
    let svg = |f: &dyn Fn(&mut String) -> Drawn| {
        let mut s = String::new();
        // A chart that cannot be drawn is left out rather than failing the review.
        match f(&mut s) {
            Ok(()) => s,
            Err(_) => String::new(),
        }
    };
    Charts { totals: svg(&|s| totals(s, stats)), grades: svg(&|s| grades(s, stats)), rates: svg(&|s| rates(s, stats)) }
}

fn totals(out: &mut String, st: &Stats) -> Drawn {
    let root = SVGBackend::with_string(out, (720, 340)).into_drawing_area();
    root.fill(&WHITE)?;
    let top = st.totals.iter().copied().max().unwrap_or(0).max(1) as u32;
    let mut chart = ChartBuilder::on(&root)
        .caption(t!("review-chart-totals"), (FONT, 18))
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(48)
        .build_cartesian_2d((0u32..10u32).into_segmented(), 0u32..top + top / 10 + 1)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(11)
        .x_label_formatter(&|v| match v {
            SegmentValue::CenterOf(k) => band_label(*k as usize),
            _ => String::new(),
        })
        .label_style((FONT, 12))
        .y_desc(t!("review-col-tables"))
        .draw()?;
    chart.draw_series(
        Histogram::vertical(&chart)
            .style(BAR.filled())
            .margin(6)
            .data(st.totals.iter().enumerate().map(|(k, n)| (k as u32, *n as u32))),
    )?;
    root.present()?;
    Ok(())
}

fn grades(out: &mut String, st: &Stats) -> Drawn {
    // The 20 主管部门 with the most tables, by name; the 统计 table lists them all.
    let mut depts: Vec<&super::stats::Department> = st.departments.iter().collect();
    depts.sort_by(|a, b| b.tables.cmp(&a.tables).then(a.name.cmp(&b.name)));
    depts.truncate(20);
    depts.sort_by(|a, b| b.name.cmp(&a.name));
    let n = depts.len().max(1);
    let height = 90 + 26 * n as u32;
    let root = SVGBackend::with_string(out, (720, height)).into_drawing_area();
    root.fill(&WHITE)?;
    let most = depts.iter().map(|d| d.tables).max().unwrap_or(1).max(1) as f64;
    let names: Vec<String> =
        depts.iter().map(|d| if d.name.is_empty() { t!("review-department-none") } else { d.name.clone() }).collect();
    let mut chart = ChartBuilder::on(&root)
        .caption(t!("review-chart-grades"), (FONT, 18))
        .margin(12)
        .x_label_area_size(30)
        .y_label_area_size(200)
        .build_cartesian_2d(0f64..most * 1.3, -0.5f64..n as f64 - 0.5)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(n)
        .y_label_formatter(&|y| {
            let k = y.round();
            if (y - k).abs() < 1e-6 && k >= 0.0 {
                names.get(k as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .label_style((FONT, 12))
        .x_desc(t!("review-col-tables"))
        .draw()?;
    let labels: Vec<String> = GRADES.iter().map(|g| g.to_string()).chain([t!("review-grade-none")]).collect();
    for (g, label) in labels.iter().enumerate() {
        let colour = GRADE_COLOURS[g];
        chart
            .draw_series(depts.iter().enumerate().map(|(k, d)| {
                let from: usize = d.grades[..g].iter().sum();
                let to = from + d.grades[g];
                Rectangle::new([(from as f64, k as f64 - 0.35), (to as f64, k as f64 + 0.35)], colour.filled())
            }))?
            .label(label.as_str())
            .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 10, y + 5)], colour.filled()));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK.mix(0.3))
        .label_font((FONT, 12))
        .draw()?;
    root.present()?;
    Ok(())
}

fn rates(out: &mut String, st: &Stats) -> Drawn {
    let root = SVGBackend::with_string(out, (720, 380)).into_drawing_area();
    root.fill(&WHITE)?;
    let x_max = st.rate_score.iter().map(|p| p.0).fold(100.0, f64::max).min(200.0);
    let y_max = st.rate_score.iter().map(|p| p.1).fold(100.0, f64::max);
    // From a little below the lowest point (and the 90 % line), so that the points spread out.
    let low = |v: f64| ((v - 10.0) / 10.0).floor().max(0.0) * 10.0;
    let x_min = low(st.rate_score.iter().map(|p| p.0).fold(90.0, f64::min));
    let y_min = low(st.rate_score.iter().map(|p| p.1).fold(100.0, f64::min));
    let mut chart = ChartBuilder::on(&root)
        .caption(t!("review-chart-rates"), (FONT, 18))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(48)
        .build_cartesian_2d(x_min..x_max + 2.0, y_min..y_max + 2.0)?;
    chart
        .configure_mesh()
        .label_style((FONT, 12))
        .x_desc(t!("review-col-rate-pct"))
        .y_desc(t!("review-col-self-score"))
        .draw()?;
    // The 90 % line under which full marks are flagged.
    chart.draw_series(LineSeries::new([(90.0, y_min), (90.0, y_max + 2.0)], RED.mix(0.6).stroke_width(1)))?;
    chart.draw_series(
        st.rate_score.iter().map(|&(x, y)| Circle::new((x.clamp(x_min, x_max + 2.0), y), 3, BAR.mix(0.45).filled())),
    )?;
    root.present()?;
    Ok(())
}
