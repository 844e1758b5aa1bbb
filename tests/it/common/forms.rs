//! Workbooks in the other provinces' forms, laid out as their published tables are (FORMS.md),
//! written cell by cell with rust_xlsxwriter, not by jixiao.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};
use std::path::Path;

/// A value to put in a cell: text, or a number as Excel holds it.
pub enum V<'a> {
    T(&'a str),
    N(f64),
}

/// An indicator row with its target in one cell: 一级, 二级, 三级指标, 年度指标值, actual, 分值,
/// 得分, reason.
type OneCellRow = (&'static str, &'static str, &'static str, &'static str, V<'static>, f64, f64, &'static str);
/// An indicator row with its target split: 一级, 二级, 三级指标, 指标性质, 指标值, 度量单位,
/// 完成值, 权重, 得分.
type SplitRow =
    (&'static str, &'static str, &'static str, &'static str, V<'static>, &'static str, V<'static>, f64, f64);

/// Writes cells with thin borders; `m` merges a range.
pub struct Sheet<'w> {
    ws: &'w mut Worksheet,
    f: Format,
}

impl<'w> Sheet<'w> {
    pub fn new(ws: &'w mut Worksheet) -> Self {
        let f = Format::new().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::Center);
        Sheet { ws, f }
    }

    /// `v` at (row, col), merged over `rows` × `cols` when larger than one cell.
    pub fn m(&mut self, r: u32, c: u16, rows: u32, cols: u16, v: V) -> &mut Self {
        let (r2, c2) = (r + rows - 1, c + cols - 1);
        if rows > 1 || cols > 1 {
            self.ws.merge_range(r, c, r2, c2, "", &self.f).unwrap();
        }
        match v {
            V::T("") => {}
            V::T(t) => {
                self.ws.write_string_with_format(r, c, t, &self.f).unwrap();
            }
            V::N(n) => {
                self.ws.write_number_with_format(r, c, n, &self.f).unwrap();
            }
        }
        self
    }

    pub fn t(&mut self, r: u32, c: u16, t: &str) -> &mut Self {
        self.m(r, c, 1, 1, V::T(t))
    }

    pub fn n(&mut self, r: u32, c: u16, n: f64) -> &mut Self {
        self.m(r, c, 1, 1, V::N(n))
    }
}

/// A Shanghai district unit's 2022 table in the national annex form: money in 元 (six- and
/// seven-digit amounts with decimals), 年度指标值 in one cell, no 自评等级, and the publisher's
/// 86.19% where 全年执行数 / 全年预算数 is 86.18%.
pub fn national(path: &Path) {
    national_with(path, None)
}

/// The same; with `sub_rate`, the unit typed that 执行率 on the 其中：当年财政拨款 row where the
/// form prints one — across 分值, 执行率 and 得分 (the — left in 分值 and 得分).
pub fn national_with(path: &Path, sub_rate: Option<&str>) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("项目支出绩效自评表").unwrap();
    let mut s = Sheet::new(ws);
    s.m(0, 0, 1, 9, V::T("财政项目支出绩效自评表"));
    s.m(1, 0, 1, 9, V::T("（2022年度）"));
    s.m(2, 0, 1, 2, V::T("项目名称")).m(2, 2, 1, 7, V::T("社区卫生服务能力提升项目"));
    s.m(3, 0, 1, 2, V::T("主管部门")).m(3, 2, 1, 3, V::T("上海市某区卫生健康委员会"));
    s.t(3, 5, "实施单位").m(3, 6, 1, 3, V::T("上海市某区某街道社区卫生服务中心"));
    s.m(4, 0, 5, 1, V::T("项目资金（元）"));
    for (c, h) in ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率"].iter().enumerate() {
        s.t(4, 2 + c as u16, h);
    }
    s.m(4, 7, 1, 2, V::T("得分"));
    s.t(5, 1, "年度资金总额").n(5, 2, 215457.6).n(5, 3, 1234567.89).n(5, 4, 1063987.0).n(5, 5, 10.0);
    s.t(5, 6, "86.19%").m(5, 7, 1, 2, V::N(8.62));
    s.t(6, 1, "其中：当年财政拨款").n(6, 2, 215457.6).n(6, 3, 1234567.89).n(6, 4, 1063987.0);
    match sub_rate {
        None => s.m(6, 5, 1, 4, V::T("—")),
        Some(rate) => s.t(6, 5, "—").t(6, 6, rate).m(6, 7, 1, 2, V::T("—")),
    };
    s.t(7, 1, "上年结转资金").m(7, 5, 1, 4, V::T("—"));
    s.t(8, 1, "其他资金").m(8, 5, 1, 4, V::T("—"));
    s.m(9, 0, 2, 1, V::T("年度总体目标"));
    s.m(9, 1, 1, 4, V::T("预期目标")).m(9, 5, 1, 4, V::T("实际完成情况"));
    s.m(10, 1, 1, 4, V::T("开展社区健康讲座，提高居民健康档案建档率，提升居民健康素养。"));
    s.m(10, 5, 1, 4, V::T("全年开展健康讲座14次，建档率92%，居民健康素养有所提升。"));
    let rows: [OneCellRow; 5] = [
        ("产出指标", "数量指标", "开展健康讲座次数", "≥12次", V::N(14.0), 20.0, 20.0, ""),
        ("", "质量指标", "居民健康档案建档率", "≥90%", V::T("92%"), 15.0, 15.0, ""),
        ("", "时效指标", "项目完成时限", "≤12月", V::N(12.0), 15.0, 15.0, ""),
        (
            "效益指标",
            "社会效益指标",
            "居民健康素养水平",
            "效果明显",
            V::T("效果明显"),
            30.0,
            28.0,
            "部分居民参与度不高，明年增加上门宣传。",
        ),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", V::T("95%"), 10.0, 10.0, ""),
    ];
    s.m(11, 0, 1 + rows.len() as u32, 1, V::T("绩效指标"));
    for (c, h) in
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
            .iter()
            .enumerate()
    {
        s.t(11, 1 + c as u16, h);
    }
    for (k, (l1, l2, name, target, actual, w, score, reason)) in rows.into_iter().enumerate() {
        let r = 12 + k as u32;
        if !l1.is_empty() {
            let span = if l1 == "产出指标" { 3 } else { 1 };
            s.m(r, 1, span, 1, V::T(l1));
        }
        s.t(r, 2, l2).t(r, 3, name).t(r, 4, target).m(r, 5, 1, 1, actual).n(r, 6, w).n(r, 7, score).t(r, 8, reason);
    }
    s.m(17, 0, 1, 6, V::T("总分")).n(17, 6, 100.0).n(17, 7, 96.62).t(17, 8, "");
    wb.save(path).unwrap();
}

/// A Sichuan 2023 system export: 报表编号 above the title, 项目基本情况, 预算执行情况（10分） with
/// 权重 and 原因, 绩效指标（90分） over 权重, 合计, closing texts and signatures, no grade.
pub fn sichuan(path: &Path) {
    sichuan_with(path, 115.0, "部分示范基地建设延至次年。");
}

/// The same with another 总额 预算执行数 and 原因.
pub fn sichuan_with(path: &Path, executed: f64, reason: &str) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("部门预算项目支出绩效自评表").unwrap();
    let mut s = Sheet::new(ws);
    s.m(0, 0, 1, 11, V::T("报表编号：510000_0013zp"));
    s.m(1, 0, 1, 11, V::T("部门预算项目支出绩效自评表"));
    s.m(2, 0, 1, 11, V::T("（2023年度）"));
    s.m(3, 0, 1, 2, V::T("项目名称")).m(3, 2, 1, 9, V::T("基层农技推广体系改革与建设补助项目"));
    s.m(4, 0, 1, 2, V::T("主管部门")).m(4, 2, 1, 4, V::T("四川省农业农村厅"));
    s.m(4, 6, 1, 2, V::T("实施单位（盖章）")).m(4, 8, 1, 3, V::T("四川省农业技术推广总站"));
    s.m(5, 0, 4, 1, V::T("项目基本情况"));
    s.m(5, 1, 1, 10, V::T("1.项目年度目标完成情况"));
    s.m(6, 1, 1, 5, V::T("项目年度目标")).m(6, 6, 1, 5, V::T("年度目标完成情况"));
    s.m(7, 1, 1, 5, V::T("培训基层农技人员500人次，推广主导品种和主推技术。"));
    s.m(7, 6, 1, 5, V::T("培训520人次，主推技术到位率97%。"));
    s.m(8, 1, 1, 3, V::T("2.项目实施内容及过程概述")).m(8, 4, 1, 7, V::T("按计划组织培训班12期，建设示范基地8个。"));
    s.m(9, 0, 6, 1, V::T("预算执行情况（10分）"));
    s.m(9, 1, 1, 2, V::T("年度预算数（万元）"));
    for (c, h) in ["年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"].iter().enumerate()
    {
        s.t(9, 3 + c as u16, h);
    }
    s.m(9, 9, 1, 2, V::T("原因"));
    s.m(10, 1, 1, 2, V::T("总额")).n(10, 3, 100.0).n(10, 4, 120.0).n(10, 5, executed).t(10, 6, "95.83%");
    s.n(10, 7, 10.0).n(10, 8, 9.58).m(10, 9, 5, 2, V::T(reason));
    s.m(11, 1, 1, 2, V::T("其中：财政资金")).n(11, 3, 100.0).n(11, 4, 120.0).n(11, 5, 115.0).t(11, 6, "95.83%");
    s.t(11, 7, "/").t(11, 8, "/");
    for (k, l) in ["财政专户管理资金", "单位资金", "其他资金"].iter().enumerate() {
        let r = 12 + k as u32;
        s.m(r, 1, 1, 2, V::T(l)).t(r, 6, "0.00%").t(r, 7, "/").t(r, 8, "/");
    }
    let rows: [SplitRow; 4] = [
        ("产出指标", "数量指标", "培训基层农技人员", "≥", V::N(500.0), "人次", V::N(520.0), 22.5, 22.5),
        ("", "质量指标", "主推技术到位率", "≥", V::N(95.0), "%", V::N(97.0), 22.5, 22.5),
        ("效益指标", "社会效益指标", "农户技术应用水平", "定性", V::T("优良中低差"), "", V::T("优"), 22.5, 22.5),
        ("满意度指标", "服务对象满意度指标", "培训对象满意度", "≥", V::N(90.0), "%", V::N(93.0), 22.5, 22.5),
    ];
    s.m(15, 0, 1 + rows.len() as u32, 1, V::T("绩效指标（90分）"));
    let heads = [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "完成值",
        "权重",
        "得分",
        "未完成原因分析",
    ];
    for (c, h) in heads.iter().enumerate() {
        s.t(15, 1 + c as u16, h);
    }
    for (k, (l1, l2, name, sign, target, unit, actual, w, score)) in rows.into_iter().enumerate() {
        let r = 16 + k as u32;
        if !l1.is_empty() {
            s.m(r, 1, if l1 == "产出指标" { 2 } else { 1 }, 1, V::T(l1));
        }
        s.t(r, 2, l2).t(r, 3, name).t(r, 4, sign).m(r, 5, 1, 1, target).t(r, 6, unit).m(r, 7, 1, 1, actual);
        s.n(r, 8, w).n(r, 9, score).t(r, 10, "");
    }
    s.m(20, 0, 1, 8, V::T("合计")).n(20, 8, 100.0).n(20, 9, 99.58).t(20, 10, "");
    s.m(21, 0, 1, 2, V::T("评价结论")).m(21, 2, 1, 9, V::T("项目完成情况良好，达到年度目标。"));
    s.m(22, 0, 1, 2, V::T("存在问题")).m(22, 2, 1, 9, V::T("个别示范基地建设进度偏慢。"));
    s.m(23, 0, 1, 2, V::T("改进措施")).m(23, 2, 1, 9, V::T("加强调度，按月通报进度。"));
    s.m(24, 0, 1, 2, V::T("项目负责人：")).m(24, 2, 1, 3, V::T("张某"));
    s.m(24, 5, 1, 2, V::T("财务负责人：")).m(24, 7, 1, 4, V::T("李某"));
    wb.save(path).unwrap();
}

/// A Hubei 2020 项目自评表: 单位名称 / 填报日期 above the grid, check-box rows, 预算执行情况 20
/// points, the groups' points in the 一级指标 labels (`points` of 产出 and 效益; the published
/// slip is 60 + 40 against 80), no 分值 column, two comment columns, a signature row.
pub fn hubei(path: &Path, points: (u32, u32)) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("项目自评表").unwrap();
    let mut s = Sheet::new(ws);
    s.m(0, 0, 1, 9, V::T("2020年度省级农业技术推广专项资金项目自评表"));
    s.m(1, 0, 1, 5, V::T("单位名称：湖北省农业农村厅")).m(1, 5, 1, 4, V::T("填报日期：2021年3月15日"));
    s.m(2, 0, 1, 2, V::T("项目名称")).m(2, 2, 1, 7, V::T("省级农业技术推广专项资金"));
    s.m(3, 0, 1, 2, V::T("主管部门")).m(3, 2, 1, 2, V::T("湖北省农业农村厅"));
    s.m(3, 4, 1, 2, V::T("项目实施单位")).m(3, 6, 1, 3, V::T("湖北省农业技术推广总站"));
    s.m(4, 0, 1, 2, V::T("项目类别")).m(4, 2, 1, 7, V::T("☑部门预算项目　□省直专项"));
    s.m(5, 0, 1, 2, V::T("项目属性")).m(5, 2, 1, 7, V::T("☑持续性项目　□新增性项目"));
    s.m(6, 0, 1, 2, V::T("项目类型")).m(6, 2, 1, 7, V::T("□常年性　☑延续性　□一次性"));
    s.m(7, 0, 2, 1, V::T("预算执行情况（万元）（20分）"));
    s.m(7, 1, 1, 2, V::T("")).m(7, 3, 1, 2, V::T("预算数（A）")).m(7, 5, 1, 2, V::T("执行数（B）"));
    s.t(7, 7, "执行率（B/A）").t(7, 8, "得分（20分*执行率）");
    s.m(8, 1, 1, 2, V::T("年度财政资金总额")).m(8, 3, 1, 2, V::N(500.0)).m(8, 5, 1, 2, V::N(480.0));
    s.t(8, 7, "96%").n(8, 8, 19.2);
    let (a, b) = points;
    let (l_out, l_eff) = (format!("产出指标（{a}分）"), format!("效益指标（{b}分）"));
    let rows = [
        (l_out.as_str(), "数量指标", "完成培训场次", "≥20场", V::N(22.0), 20.0),
        ("", "质量指标", "培训合格率", "≥90%", V::T("95%"), 20.0),
        (l_eff.as_str(), "社会效益指标", "受益农户数", "≥1000户", V::N(1200.0), 20.0),
        ("", "满意度指标", "参训人员满意度", "≥90%", V::T("96%"), 20.0),
    ];
    s.m(9, 0, 1 + rows.len() as u32, 1, V::T("年度绩效目标（80分）"));
    let heads = [
        "一级指标",
        "二级指标",
        "三级指标",
        "年初目标值（A）",
        "实际完成值（B）",
        "得分",
        "偏差大或目标未完成原因分析",
        "改进措施及结果应用方案",
    ];
    for (c, h) in heads.iter().enumerate() {
        s.t(9, 1 + c as u16, h);
    }
    for (k, (l1, l2, name, target, actual, score)) in rows.into_iter().enumerate() {
        let r = 10 + k as u32;
        if !l1.is_empty() {
            s.m(r, 1, 2, 1, V::T(l1));
        }
        s.t(r, 2, l2).t(r, 3, name).t(r, 4, target).m(r, 5, 1, 1, actual).n(r, 6, score).t(r, 7, "").t(r, 8, "");
    }
    s.m(14, 0, 1, 6, V::T("总分")).n(14, 6, 99.2).m(14, 7, 1, 2, V::T(""));
    s.m(15, 0, 1, 2, V::T("单位主要负责人签批意见")).m(15, 2, 1, 7, V::T("同意。　　签名：　　　年　月　日"));
    s.ws.write_string(17, 0, "备注：").unwrap();
    s.ws.write_string(18, 0, "1. 本表由项目实施单位填报。").unwrap();
    wb.save(path).unwrap();
}

/// A Hunan county's 2020 县级专项资金绩效目标自评表 (FORMS-MORE.md): no 分值, 得分 or 总分, no
/// 年初预算数; the county's own funds row (中央、省、市补助县级资金); a 负责人及电话 field, a 说明 row and a
/// 注 line; targets in one cell (≥50公里, 100%, 改善), the 一级 labels merged down their rows.
pub fn hunan_county(path: &Path) {
    hunan_county_with(path, &HUNAN_ROWS);
}

/// An indicator row of the Hunan county form: 一级, 二级, 三级, 年度指标值, 全年完成值, 原因.
pub type HunanRow = (&'static str, &'static str, &'static str, &'static str, &'static str, &'static str);

/// The Hunan county table's five indicators.
pub const HUNAN_ROWS: [HunanRow; 5] = [
    ("产出指标", "数量指标", "提质改造里程", "≥50公里", "52公里", ""),
    ("产出指标", "质量指标", "工程验收合格率", "100%", "100%", ""),
    ("产出指标", "时效指标", "按期完工率", "≥90%", "85%", "受雨季影响两个标段延期；已督促施工单位增加作业面"),
    ("效益指标", "社会效益指标", "群众出行条件", "改善", "明显改善", ""),
    ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "95%", ""),
];

/// The same table with five indicator `rows` of its own.
pub fn hunan_county_with(path: &Path, rows: &[HunanRow; 5]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("县级专项资金绩效目标自评表").unwrap();
    let mut s = Sheet::new(ws);
    s.m(0, 0, 1, 7, V::T("2020年度县级专项资金绩效目标自评表"));
    s.m(1, 0, 1, 2, V::T("专项资金名称")).m(1, 2, 1, 2, V::T("农村公路提质改造专项资金"));
    s.t(1, 4, "负责人及电话").m(1, 5, 1, 2, V::T("李某某 0731-1234567"));
    s.m(2, 0, 1, 2, V::T("县级主管部门")).m(2, 2, 1, 2, V::T("某县交通运输局"));
    s.t(2, 4, "实施单位").m(2, 5, 1, 2, V::T("某县农村公路管理站"));
    s.m(3, 0, 4, 1, V::T("项目资金（万元）")).m(3, 1, 1, 3, V::T(""));
    s.t(3, 4, "全年预算数（A）").t(3, 5, "全年执行数（B）").t(3, 6, "执行率（B/A）");
    s.m(4, 1, 1, 3, V::T("年度资金总额")).n(4, 4, 500.0).n(4, 5, 480.0).t(4, 6, "96%");
    s.m(5, 1, 1, 3, V::T("其中：中央、省、市补助县级资金")).n(5, 4, 300.0).n(5, 5, 300.0).t(5, 6, "100%");
    s.m(6, 1, 1, 3, V::T("其他资金")).n(6, 4, 200.0).n(6, 5, 180.0);
    s.m(7, 0, 2, 1, V::T("年度总体目标"));
    s.m(7, 1, 1, 3, V::T("年初设定目标")).m(7, 4, 1, 3, V::T("全年实际完成情况"));
    s.m(8, 1, 1, 3, V::T("完成农村公路提质改造50公里，工程验收合格率100%，改善沿线群众出行条件。"));
    s.m(8, 4, 1, 3, V::T("完成提质改造52公里，验收全部合格；两个标段受雨季影响延期。"));
    s.m(9, 0, 6, 1, V::T("绩效指标"));
    for (c, h) in
        ["一级指标", "二级指标", "三级指标", "年度指标值", "全年完成值", "未完成原因和改进措施"].iter().enumerate()
    {
        s.t(9, 1 + c as u16, h);
    }
    // 一级 merged down its run of rows.
    let mut k = 0;
    while k < rows.len() {
        let run = rows[k..].iter().take_while(|r| r.0 == rows[k].0).count();
        s.m(10 + k as u32, 1, run as u32, 1, V::T(rows[k].0));
        k += run;
    }
    for (k, (_, l2, name, target, actual, reason)) in rows.iter().enumerate() {
        let r = 10 + k as u32;
        s.t(r, 2, l2).t(r, 3, name).t(r, 4, target).t(r, 5, actual).t(r, 6, reason);
    }
    s.t(15, 0, "说明").m(15, 1, 1, 6, V::T("资金按进度拨付，无截留挪用。"));
    s.m(16, 0, 1, 7, V::T("注：本表由项目实施单位填报，县级主管部门审核。"));
    wb.save(path).unwrap();
}

/// The spring targets of the Hunan county table's project, in Wuhan's target form, as the
/// self-evaluation reports them.
pub fn hunan_targets() -> Vec<TargetRow> {
    HUNAN_ROWS.iter().map(|r| (r.0, r.1, r.2, r.3)).collect()
}

/// One indicator row of a target table: 一级, 二级（年度）, 三级（年度）, 指标值（年度）.
pub type TargetRow = (&'static str, &'static str, &'static str, &'static str);

/// The indicators of the Wuhan district's 2020 target table (FORMS-MORE.md): numbers,
/// percentages, signs and words; the long-term columns empty except on the first row.
pub const WUHAN_TARGETS: [TargetRow; 6] = [
    ("产出指标", "数量指标", "培训教师人次", "2000人次"),
    ("产出指标", "质量指标", "培训合格率", "≥90%"),
    ("产出指标", "时效指标", "培训完成时间", "2020年12月前"),
    ("产出指标", "成本指标", "生均培训成本", "参照政府采购成本控制"),
    ("效益指标", "社会效益指标", "教师教学能力", "巩固提高"),
    ("满意度指标", "服务对象满意度指标", "参训教师满意度", "≥90%"),
];

/// A Wuhan district education bureau's 2020 项目支出绩效目标表 with `rows` as its annual
/// indicators: 项目资金 as label-and-value pairs with the unit in the cell, long-term columns
/// beside the annual ones, 一级 repeated on each row.
pub fn wuhan_targets(path: &Path, project: &str, rows: &[TargetRow]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("绩效目标表").unwrap();
    let mut s = Sheet::new(ws);
    s.m(0, 0, 1, 8, V::T("项目支出绩效目标表"));
    s.m(1, 0, 1, 8, V::T("（2020年度）"));
    s.m(2, 0, 1, 2, V::T("项目名称")).m(2, 2, 1, 6, V::T(project));
    s.m(3, 0, 1, 2, V::T("主管部门及编码")).m(3, 2, 1, 2, V::T("某区教育局 301001"));
    s.t(3, 4, "实施单位").m(3, 5, 1, 3, V::T("某区教师进修学校"));
    s.m(4, 0, 1, 2, V::T("项目属性")).m(4, 2, 1, 2, V::T("延续项目"));
    s.t(4, 4, "项目起止时间").m(4, 5, 1, 3, V::T("202001-202012"));
    s.m(5, 0, 3, 1, V::T("项目资金"));
    s.t(5, 1, "资金总额").m(5, 2, 1, 2, V::T("300万元")).m(5, 4, 1, 2, V::T("当年资金总额")).m(
        5,
        6,
        1,
        2,
        V::T("300万元"),
    );
    s.t(6, 1, "其中：财政拨款").m(6, 2, 1, 2, V::T("280万元"));
    s.m(6, 4, 1, 2, V::T("其中：当年财政拨款")).m(6, 6, 1, 2, V::T("280万元"));
    s.t(7, 1, "其他资金").m(7, 2, 1, 2, V::T("20万元")).m(7, 4, 1, 2, V::T("当年其他资金")).m(
        7,
        6,
        1,
        2,
        V::T("20万元"),
    );
    s.m(8, 0, 2, 1, V::T("总体目标"));
    s.m(8, 1, 1, 3, V::T("中期目标")).m(8, 4, 1, 4, V::T("年度目标"));
    s.m(9, 1, 1, 3, V::T("三年内全区教师完成一轮全员培训。"));
    s.m(9, 4, 1, 4, V::T("完成2000人次教师培训，培训合格率不低于90%。"));
    let n = rows.len() as u32;
    s.m(10, 0, n + 1, 1, V::T("绩效指标"));
    let heads = [
        "一级指标",
        "二级指标（长期）",
        "三级指标（长期）",
        "指标值（长期）",
        "二级指标（年度）",
        "三级指标（年度）",
        "指标值（年度）",
    ];
    for (c, h) in heads.iter().enumerate() {
        s.t(10, 1 + c as u16, h);
    }
    for (k, (l1, l2, name, target)) in rows.iter().enumerate() {
        let r = 11 + k as u32;
        s.t(r, 1, l1).t(r, 5, l2).t(r, 6, name).t(r, 7, target);
        if k == 0 {
            s.t(r, 2, "数量指标").t(r, 3, "三年培训教师人次").t(r, 4, "6000人次");
        }
    }
    wb.save(path).unwrap();
}

/// A Xinjiang county statistics bureau's 2023 table in `tests/fixtures/forms/xinjiang-county-2023.toml`:
/// 资金来源 over the funds rows, `-` in the cells the unit leaves empty, 100.00% rates, and 13
/// indicator columns with the basis, last year's value, the scoring rule, the evidence and the
/// completion rate beside each indicator.
pub fn xinjiang(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("项目支出绩效自评表").unwrap();
    let mut s = Sheet::new(ws);
    s.m(0, 0, 1, 14, V::T("项目支出绩效自评表"));
    s.m(1, 0, 1, 14, V::T("（2023年度）"));
    s.m(2, 0, 1, 2, V::T("项目名称")).m(2, 2, 1, 12, V::T("统计调查业务专项经费"));
    s.m(3, 0, 1, 2, V::T("主管部门")).m(3, 2, 1, 5, V::T("某县统计局"));
    s.m(3, 7, 1, 2, V::T("实施单位")).m(3, 9, 1, 5, V::T("某县统计局"));
    s.m(4, 0, 4, 1, V::T("项目资金（万元）")).m(4, 1, 1, 3, V::T("资金来源"));
    s.m(4, 4, 1, 2, V::T("年初预算数")).m(4, 6, 1, 2, V::T("全年预算数")).m(4, 8, 1, 2, V::T("全年执行数"));
    s.t(4, 10, "分值权重").t(4, 11, "执行率").m(4, 12, 1, 2, V::T("得分"));
    s.m(5, 1, 1, 3, V::T("年度资金总额")).m(5, 4, 1, 2, V::N(40.0)).m(5, 6, 1, 2, V::N(40.0));
    s.m(5, 8, 1, 2, V::N(40.0)).n(5, 10, 10.0).t(5, 11, "100.00%").m(5, 12, 1, 2, V::N(10.0));
    s.m(6, 1, 1, 3, V::T("其中：当年财政拨款")).m(6, 4, 1, 2, V::N(40.0)).m(6, 6, 1, 2, V::N(40.0));
    s.m(6, 8, 1, 2, V::N(40.0)).t(6, 10, "-").t(6, 11, "100.00%").m(6, 12, 1, 2, V::T("-"));
    s.m(7, 1, 1, 3, V::T("其他资金")).m(7, 4, 1, 2, V::T("-")).m(7, 6, 1, 2, V::T("-"));
    s.m(7, 8, 1, 2, V::T("-")).t(7, 10, "-").t(7, 11, "-").m(7, 12, 1, 2, V::T("-"));
    s.m(8, 0, 2, 1, V::T("年度总体目标"));
    s.m(8, 1, 1, 6, V::T("总体目标")).m(8, 7, 1, 7, V::T("总体目标完成情况"));
    s.m(9, 1, 1, 6, V::T("按时完成年度统计调查任务，数据质量达标。"));
    s.m(9, 7, 1, 7, V::T("全年完成12项统计调查任务，数据差错率低于1%。"));
    let heads = [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "指标值设置依据",
        "上年完成值",
        "指标分值权重",
        "指标赋分规则",
        "佐证资料",
        "指标实际完成值",
        "完成率",
        "指标得分",
        "偏差原因分析及改进措施",
    ];
    s.m(10, 0, 4, 1, V::T("年度绩效指标完成情况"));
    for (c, h) in heads.iter().enumerate() {
        s.t(10, 1 + c as u16, h);
    }
    let rows: [[&str; 13]; 3] = [
        [
            "产出指标",
            "数量指标",
            "完成统计调查项数",
            "≥12项",
            "年度统计调查计划",
            "12项",
            "50",
            "每少1项扣5分",
            "调查任务台账",
            "12项",
            "100%",
            "50",
            "",
        ],
        [
            "效益指标",
            "社会效益指标",
            "统计数据发布及时率",
            "100%",
            "统计法",
            "100%",
            "30",
            "未及时发布每次扣3分",
            "发布记录",
            "100%",
            "100%",
            "30",
            "",
        ],
        [
            "满意度指标",
            "服务对象满意度指标",
            "数据使用部门满意度",
            "≥90%",
            "上年满意度",
            "92%",
            "10",
            "低于90%按比例扣分",
            "满意度调查表",
            "95%",
            "105.56%",
            "10",
            "",
        ],
    ];
    for (k, row) in rows.iter().enumerate() {
        let r = 11 + k as u32;
        for (c, v) in row.iter().enumerate() {
            match v.parse::<f64>() {
                Ok(n) if [6, 11].contains(&c) => s.n(r, 1 + c as u16, n),
                _ => s.t(r, 1 + c as u16, v),
            };
        }
    }
    s.m(14, 0, 1, 7, V::T("总分")).n(14, 7, 100.0).n(14, 12, 100.0);
    wb.save(path).unwrap();
}

/// An indicator row with its weight before the target: 一级, 二级, 三级, 参考分值, 指标值, 实际值,
/// 得分, 原因.
type WeightFirstRow = (&'static str, &'static str, &'static str, f64, &'static str, &'static str, f64, &'static str);

/// An indicator row with its scoring rule as text: 一级, 二级, 三级, 分值, 指标值, 实际值, 得分计算方法,
/// 得分.
type MethodRow = (&'static str, &'static str, &'static str, f64, &'static str, &'static str, &'static str, f64);

/// A Yinchuan city-level unit's 2021 table in `tests/fixtures/forms/ningxia-yinchuan-2021.toml`:
/// 自评得分 in the header and 财政审核评分 left empty, funds without points, the 100 points over
/// 项目决策 / 项目管理 / 项目产出 / 项目效益 with 预算执行率 among 项目管理's indicators, 参考分值
/// before the target, and 二级 labels carrying their points (数量指标（10分）).
pub fn ningxia(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("自评表").unwrap();
    let mut s = Sheet::new(ws);
    s.m(0, 0, 1, 9, V::T("银川市本级部门项目支出绩效自评表"));
    s.m(1, 0, 1, 9, V::T("（2021年度）"));
    s.m(2, 0, 1, 2, V::T("项目名称")).m(2, 2, 1, 3, V::T("市区道路养护专项资金"));
    s.t(2, 5, "主管部门").m(2, 6, 1, 3, V::T("银川市住房和城乡建设局"));
    s.m(3, 0, 1, 2, V::T("实施单位")).m(3, 2, 1, 3, V::T("银川市市政设施管理处"));
    s.t(3, 5, "自评得分").t(3, 6, "99.6").t(3, 7, "财政审核评分");
    s.m(4, 0, 2, 1, V::T("项目资金（万元）")).m(4, 1, 1, 4, V::T(""));
    s.t(4, 5, "年初预算数").t(4, 6, "调整预算数（A）").t(4, 7, "全年执行数（B）").t(4, 8, "执行率（B/A）");
    s.m(5, 1, 1, 4, V::T("年度资金总额")).n(5, 5, 1500.0).n(5, 6, 1600.0).n(5, 7, 1536.0).t(5, 8, "96%");
    s.m(6, 0, 2, 1, V::T("年度总体目标"));
    s.m(6, 1, 1, 4, V::T("预期目标")).m(6, 5, 1, 4, V::T("实际完成情况"));
    s.m(7, 1, 1, 4, V::T("完成市区道路养护120公里，养护工程合格率100%。"));
    s.m(7, 5, 1, 4, V::T("完成养护125公里，全部合格，群众满意度93%。"));
    let heads = [
        "一级指标",
        "二级指标",
        "三级指标",
        "参考分值",
        "指标值（A）",
        "全年实际值（B）",
        "得分",
        "未完成原因分析及改进措施",
    ];
    let rows: [WeightFirstRow; 10] = [
        ("项目决策", "决策过程", "项目立项规范性", 5.0, "规范", "规范", 5.0, ""),
        ("项目决策", "绩效目标", "绩效目标合理性", 5.0, "合理", "合理", 5.0, ""),
        ("项目管理", "资金管理", "预算执行率", 10.0, "100%", "96%", 9.6, "两个标段结算未完成"),
        ("项目管理", "资金管理", "资金使用合规性", 8.0, "合规", "合规", 8.0, ""),
        ("项目管理", "组织实施", "管理制度执行有效性", 7.0, "有效", "有效", 7.0, ""),
        ("项目产出", "数量指标（10分）", "完成道路养护里程", 10.0, "≥120公里", "125公里", 10.0, ""),
        ("项目产出", "质量指标（10分）", "养护工程合格率", 10.0, "100%", "100%", 10.0, ""),
        ("项目产出", "时效指标（10分）", "按期完成率", 10.0, "100%", "100%", 10.0, ""),
        ("项目效益", "社会效益指标", "道路通行条件", 25.0, "改善", "明显改善", 25.0, ""),
        ("项目效益", "满意度指标", "服务对象满意度", 10.0, "≥90%", "93%", 10.0, ""),
    ];
    s.m(8, 0, rows.len() as u32 + 1, 1, V::T("绩效指标"));
    for (c, h) in heads.iter().enumerate() {
        s.t(8, 1 + c as u16, h);
    }
    let mut k = 0;
    while k < rows.len() {
        let run = rows[k..].iter().take_while(|r| r.0 == rows[k].0).count();
        s.m(9 + k as u32, 1, run as u32, 1, V::T(rows[k].0));
        k += run;
    }
    for (k, (_, l2, name, w, target, actual, score, reason)) in rows.iter().enumerate() {
        let r = 9 + k as u32;
        s.t(r, 2, l2).t(r, 3, name).n(r, 4, *w).t(r, 5, target).t(r, 6, actual).n(r, 7, *score).t(r, 8, reason);
    }
    s.m(19, 0, 1, 4, V::T("总分")).n(19, 4, 100.0).n(19, 7, 99.6);
    wb.save(path).unwrap();
}

/// A Beijing district unit's 2016 table in `tests/fixtures/forms/beijing-district-2016.toml`:
/// the rate against 年初预算数（A）, the scoring rule as text beside the funds and each indicator,
/// the groups' points in the 一级 labels, 12.5-point weights, 年度资金总额： with its colon.
pub fn beijing(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("2016自评表").unwrap();
    let mut s = Sheet::new(ws);
    s.m(0, 0, 1, 10, V::T("项目支出绩效自评表"));
    s.m(1, 0, 1, 10, V::T("（2016年度）"));
    s.m(2, 0, 1, 2, V::T("项目名称")).m(2, 2, 1, 8, V::T("社区健康教育专项经费"));
    s.m(3, 0, 1, 2, V::T("主管部门及代码")).m(3, 2, 1, 3, V::T("某区卫生和计划生育委员会 128"));
    s.m(3, 5, 1, 2, V::T("实施单位")).m(3, 7, 1, 3, V::T("某区健康教育所"));
    s.m(4, 0, 4, 1, V::T("项目资金（万元）")).m(4, 1, 1, 3, V::T(""));
    let heads = ["年初预算数（A）", "全年执行数（B）", "分值（10分）", "执行率（B/A）", "得分", "得分计算方法"];
    for (c, h) in heads.iter().enumerate() {
        s.t(4, 4 + c as u16, h);
    }
    s.m(5, 1, 1, 3, V::T("年度资金总额：")).n(5, 4, 200.0).n(5, 5, 190.0).n(5, 6, 10.0).t(5, 7, "95%").n(5, 8, 9.5);
    s.m(5, 9, 3, 1, V::T("执行率*该指标分值，最高不得超过分值上限。"));
    s.m(6, 1, 1, 3, V::T("其中：本年一般公共预算拨款"))
        .n(6, 4, 200.0)
        .n(6, 5, 190.0)
        .t(6, 6, "—")
        .t(6, 7, "95%")
        .t(6, 8, "—");
    s.m(7, 1, 1, 3, V::T("其他资金")).t(7, 6, "—").t(7, 8, "—");
    s.m(8, 0, 2, 1, V::T("年度总体目标"));
    s.m(8, 1, 1, 4, V::T("预期目标")).m(8, 5, 1, 5, V::T("实际完成情况"));
    s.m(9, 1, 1, 4, V::T("开展社区健康教育培训500人次以上，提高居民健康素养。"));
    s.m(9, 5, 1, 5, V::T("完成培训520人次，居民健康素养水平明显提高。"));
    let heads = [
        "一级指标",
        "二级指标",
        "三级指标",
        "分值",
        "年度指标值（A）",
        "全年实际值（B）",
        "得分计算方法",
        "得分",
        "未完成原因分析",
    ];
    let rule = "B/A×分值，最高不超过分值";
    let rows: [MethodRow; 6] = [
        ("产出指标（50分）", "数量指标", "培训人次", 12.5, "≥500人次", "520人次", rule, 12.5),
        ("产出指标（50分）", "数量指标", "开展活动次数", 12.5, "≥10次", "10次", rule, 12.5),
        ("产出指标（50分）", "质量指标", "培训合格率", 12.5, "≥95%", "96%", rule, 12.5),
        ("产出指标（50分）", "时效指标", "按时完成率", 12.5, "≥100%", "100%", rule, 12.5),
        (
            "效益指标（30分）",
            "社会效益指标",
            "居民健康素养水平",
            30.0,
            "提高",
            "明显提高",
            "定性评价，达成得80%—100%",
            28.0,
        ),
        ("满意度指标（10分）", "服务对象满意度指标", "参训人员满意度", 10.0, "≥90%", "92%", rule, 10.0),
    ];
    s.m(10, 0, rows.len() as u32 + 1, 1, V::T("绩效指标"));
    for (c, h) in heads.iter().enumerate() {
        s.t(10, 1 + c as u16, h);
    }
    let mut k = 0;
    while k < rows.len() {
        let run = rows[k..].iter().take_while(|r| r.0 == rows[k].0).count();
        s.m(11 + k as u32, 1, run as u32, 1, V::T(rows[k].0));
        k += run;
    }
    for (k, (_, l2, name, w, target, actual, method, score)) in rows.iter().enumerate() {
        let r = 11 + k as u32;
        s.t(r, 2, l2).t(r, 3, name).n(r, 4, *w).t(r, 5, target).t(r, 6, actual).t(r, 7, method).n(r, 8, *score);
    }
    s.m(17, 0, 1, 4, V::T("总分")).n(17, 4, 100.0).n(17, 8, 97.5);
    wb.save(path).unwrap();
}
