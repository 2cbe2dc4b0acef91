//! Cài đặt / Quy chế: the bloc's identity and document margins, the rules (threshold and its base,
//! score scale, quotas, tie-breaks, rotation), and the data file: location, backups, handover.

use super::{problem_for, Action, Ctx, FileAction};
use crate::domain::text::date_dmy;
use crate::domain::{
    Bloc, LegalBasis, Margins, NumberSeries, Points, Problem, RotationMethod, Rules, TieBreak, VoteBase, YearRecord,
};
use crate::store::backup::BackupInfo;
use crate::ui::widgets::*;
use iced::widget::{checkbox, column, container, pick_list, row, scrollable, text, text_input};
use iced::{Element, Length};
use std::fmt;
use std::path::PathBuf;

macro_rules! choice {
    ($name:ident, $ty:ty) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name(pub $ty);
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0.label())
            }
        }
    };
}
choice!(BaseChoice, VoteBase);
choice!(TieChoice, TieBreak);
choice!(RotationChoice, RotationMethod);
choice!(SeriesChoice, NumberSeries);

#[derive(Debug, Clone)]
pub enum Message {
    Bloc(usize, String),
    Margin(usize, String),
    Threshold(String),
    Inclusive(bool),
    Consensus(bool),
    Base(BaseChoice),
    Scale(String),
    Decimals(String),
    Quota(usize, String),
    LargeMembers(usize, String),
    LargeQuota(usize, String),
    AddTie(TieChoice),
    TieUp(usize),
    RemoveTie(usize),
    Rotation(RotationChoice),
    /// How document numbers run in a calendar year.
    Series(SeriesChoice),
    /// The bloc's Quy chế: number, date (dd/mm/yyyy) and issuer of the decision issuing it.
    Regulation(usize, String),
    /// A "Căn cứ" line: its row, the field (0 the citation, 1 in force from, 2 until, dd/mm/yyyy),
    /// what is typed.
    Basis(usize, usize, String),
    /// An empty "Căn cứ" row at the end.
    AddBasis,
    RemoveBasis(usize),
    /// The default "Căn cứ" lines back (`LegalBasis::defaults`), unsaved until the screen is saved.
    DefaultBasis,
    Keep(String),
    Save,
    BackupNow,
    Restore(PathBuf),
    ExportBundle,
    ImportBundle,
}

#[derive(Clone)]
pub struct Settings {
    /// name, symbol, managing body, place, addressee.
    bloc: [String; 5],
    margins: [String; 4],
    rules: Rules,
    threshold: String,
    scale: String,
    decimals: String,
    quotas: Vec<[String; 3]>,
    keep: String,
    /// Number, date (dd/mm/yyyy), issuer of the decision issuing the Quy chế.
    regulation: [String; 3],
    /// The "Căn cứ" lines as typed: citation, in force from, until (dd/mm/yyyy, empty: no bound).
    basis: Vec<[String; 3]>,
    backups: Vec<BackupInfo>,
    path: String,
    problems: Vec<Problem>,
    dirty: bool,
}

impl Settings {
    pub fn new(r: &YearRecord, path: String, backups: Vec<BackupInfo>, keep: u32) -> Self {
        let b = &r.bloc;
        let m = b.margins;
        Settings {
            bloc: [
                b.name.clone(),
                b.symbol.clone(),
                b.managing_body.clone(),
                b.place_name.clone(),
                b.addressee.clone(),
            ],
            margins: [m.top, m.bottom, m.left, m.right].map(|x| x.to_string()),
            threshold: r.rules.vote_threshold_percent.to_string().replace('.', ","),
            scale: r.rules.score_scale.to_string(),
            decimals: r.rules.percent_decimals.to_string(),
            quotas: r
                .rules
                .award_forms
                .iter()
                .map(|f| {
                    [
                        f.quota.to_string(),
                        f.large_bloc_members.map(|x| x.to_string()).unwrap_or_default(),
                        f.large_quota.map(|x| x.to_string()).unwrap_or_default(),
                    ]
                })
                .collect(),
            rules: r.rules.clone(),
            keep: keep.to_string(),
            regulation: [
                r.rules.regulation_number.clone(),
                super::date_text(r.rules.regulation_date),
                r.rules.regulation_issuer.clone(),
            ],
            basis: basis_rows(&r.rules.legal_basis),
            backups,
            path,
            problems: Vec::new(),
            dirty: false,
        }
    }

    pub fn dirty(&self) -> bool {
        self.dirty
    }

    pub fn update(&mut self, msg: Message, ctx: Ctx) -> Action {
        match msg {
            Message::Save => return self.save(ctx),
            Message::BackupNow => return Action::File(FileAction::BackupNow),
            Message::Restore(p) => return Action::File(FileAction::Restore(p)),
            Message::ExportBundle => return Action::File(FileAction::ExportBundle),
            Message::ImportBundle => return Action::File(FileAction::ImportBundle),
            _ => {}
        }
        self.dirty = true;
        let rules = &mut self.rules;
        match msg {
            Message::Bloc(i, s) => self.bloc[i] = s,
            Message::Margin(i, s) => self.margins[i] = s,
            Message::Threshold(s) => self.threshold = s,
            Message::Inclusive(on) => rules.threshold_inclusive = on,
            Message::Consensus(on) => rules.consensus_counts_as_vote = on,
            Message::Base(b) => rules.vote_base = b.0,
            Message::Scale(s) => self.scale = s,
            Message::Decimals(s) => self.decimals = s,
            Message::Quota(i, s) => self.quotas[i][0] = s,
            Message::LargeMembers(i, s) => self.quotas[i][1] = s,
            Message::LargeQuota(i, s) => self.quotas[i][2] = s,
            Message::AddTie(t) if !rules.tie_breaks.contains(&t.0) => rules.tie_breaks.push(t.0),
            Message::TieUp(i) if i > 0 => rules.tie_breaks.swap(i, i - 1),
            Message::RemoveTie(i) => {
                rules.tie_breaks.remove(i);
            }
            Message::Rotation(m) => rules.rotation.method = m.0,
            Message::Series(c) => rules.number_series = c.0,
            Message::Regulation(i, s) => self.regulation[i] = s,
            Message::Basis(i, f, s) => {
                if let Some(cell) = self.basis.get_mut(i).and_then(|r| r.get_mut(f)) {
                    *cell = s;
                }
            }
            Message::AddBasis => self.basis.push(Default::default()),
            Message::RemoveBasis(i) if i < self.basis.len() => {
                self.basis.remove(i);
                // The rows below moved up: their messages no longer point at them.
                self.problems.retain(|p| !p.field.starts_with("rules.legal_basis"));
            }
            Message::DefaultBasis => {
                self.basis = basis_rows(&LegalBasis::defaults());
                self.problems.retain(|p| !p.field.starts_with("rules.legal_basis"));
            }
            Message::Keep(s) => self.keep = s,
            _ => {}
        }
        // Problems shown are checked again as the user types: a fixed field loses its message.
        if !self.problems.is_empty() {
            self.check();
        }
        Action::None
    }

    fn save(&mut self, ctx: Ctx) -> Action {
        let Some((bloc, rules, keep)) = self.check() else {
            return Action::Status("Chưa lưu: còn mục cài đặt chưa hợp lệ (xem thông báo bên cạnh).".into());
        };
        let year = ctx.record.year;
        let result = ctx
            .store
            .save_bloc(&bloc)
            .and_then(|()| ctx.store.save_rules(year, &rules))
            .and_then(|()| ctx.store.set_backup_keep(keep.unwrap_or(10)));
        match result {
            Ok(()) => {
                self.dirty = false;
                Action::Saved(format!("Đã lưu cài đặt và quy chế (áp dụng từ năm {year})."))
            }
            Err(e) => Action::Status(e.to_string()),
        }
    }

    /// The settings as typed, or `None` with every problem beside its field.
    fn check(&mut self) -> Option<(Bloc, Rules, Option<u32>)> {
        self.problems.clear();
        let num = |s: &str, field: &str, problems: &mut Vec<Problem>| -> Option<f64> {
            s.trim()
                .replace(',', ".")
                .parse::<f64>()
                .map_err(|_| problems.push(Problem::new(field, "Phải là một số.")))
                .ok()
        };
        let margins: Vec<f32> = ["margins.top", "margins.bottom", "margins.left", "margins.right"]
            .iter()
            .zip(&self.margins)
            .map(|(f, v)| num(v, f, &mut self.problems).unwrap_or(0.0) as f32)
            .collect();
        let bloc = Bloc {
            name: self.bloc[0].clone(),
            symbol: self.bloc[1].clone(),
            managing_body: self.bloc[2].clone(),
            place_name: self.bloc[3].clone(),
            addressee: self.bloc[4].clone(),
            margins: Margins {
                top: margins[0],
                bottom: margins[1],
                left: margins[2],
                right: margins[3],
            },
        };
        let mut rules = self.rules.clone();
        rules.regulation_number = self.regulation[0].trim().to_string();
        rules.regulation_issuer = self.regulation[2].trim().to_string();
        match super::optional_date(&self.regulation[1]) {
            Ok(d) => rules.regulation_date = d,
            Err(e) => self.problems.push(Problem::new("rules.regulation_date", e)),
        }
        rules.legal_basis = self
            .basis
            .iter()
            .enumerate()
            .map(|(i, [citation, from, until])| {
                let mut date = |s: &str, f: &str| {
                    super::optional_date(s)
                        .map_err(|e| {
                            self.problems
                                .push(Problem::new(format!("rules.legal_basis[{i}].{f}"), e))
                        })
                        .ok()
                        .flatten()
                };
                LegalBasis {
                    citation: citation_core(citation),
                    in_force_from: date(from, "in_force_from"),
                    in_force_until: date(until, "in_force_until"),
                }
            })
            .collect();
        if let Some(t) = num(&self.threshold, "rules.vote_threshold_percent", &mut self.problems) {
            rules.vote_threshold_percent = t;
        }
        match Points::parse(&self.scale) {
            Ok(p) => rules.score_scale = p,
            Err(e) => self.problems.push(Problem::new("rules.score_scale", e)),
        }
        match self.decimals.trim().parse::<u8>() {
            Ok(d) => rules.percent_decimals = d,
            Err(_) => self
                .problems
                .push(Problem::new("rules.percent_decimals", "Phải là số từ 0 đến 4.")),
        }
        for (i, q) in self.quotas.iter().enumerate() {
            let opt = |s: &str| {
                if s.trim().is_empty() {
                    Ok(None)
                } else {
                    s.trim().parse::<u32>().map(Some)
                }
            };
            match (q[0].trim().parse::<u32>(), opt(&q[1]), opt(&q[2])) {
                (Ok(a), Ok(b), Ok(c)) => {
                    rules.award_forms[i].quota = a;
                    rules.award_forms[i].large_bloc_members = b;
                    rules.award_forms[i].large_quota = c;
                }
                _ => self.problems.push(Problem::new(
                    format!("rules.award_forms[{i}].quota"),
                    "Chỉ tiêu phải là số tự nhiên.",
                )),
            }
        }
        let keep = self.keep.trim().parse::<u32>().ok().filter(|k| (1..=365).contains(k));
        if keep.is_none() {
            self.problems
                .push(Problem::new("keep", "Số bản sao lưu giữ lại phải từ 1 đến 365."));
        }
        self.problems
            .extend(bloc.problems().into_iter().map(|p| p.within("bloc")));
        self.problems
            .extend(rules.problems().into_iter().map(|p| p.within("rules")));
        self.problems.is_empty().then_some((bloc, rules, keep))
    }

    pub fn view<'a>(&'a self, r: &'a YearRecord) -> Element<'a, Message> {
        let p = |f: &str| problem_for(&self.problems, f);
        let labels = [
            "Tên khối",
            "Ký hiệu văn bản",
            "Cơ quan chủ quản",
            "Địa danh",
            "Nơi nhận tờ trình",
        ];
        let fields = [
            "bloc.name",
            "bloc.symbol",
            "bloc.managing_body",
            "bloc.place_name",
            "bloc.addressee",
        ];
        let ids = ["set-name", "set-symbol", "set-managing", "set-place", "set-addressee"];
        let mut identity = column![subheading("Thông tin khối")].spacing(6);
        for i in 0..5 {
            identity = identity.push(field(
                labels[i],
                ids[i],
                &self.bloc[i],
                move |s| Message::Bloc(i, s),
                p(fields[i]),
            ));
        }
        let mut margins = row![].spacing(8);
        for (i, (label, id)) in [
            ("Lề trên (mm)", "m-top"),
            ("Lề dưới", "m-bottom"),
            ("Lề trái", "m-left"),
            ("Lề phải", "m-right"),
        ]
        .into_iter()
        .enumerate()
        {
            let f = [
                "bloc.margins.top",
                "bloc.margins.bottom",
                "bloc.margins.left",
                "bloc.margins.right",
            ][i];
            margins = margins.push(field(
                label,
                id,
                &self.margins[i],
                move |s| Message::Margin(i, s),
                p(f).or(p(&f[5..])),
            ));
        }
        identity = identity.push(subheading("Lề văn bản")).push(margins);

        let rules = &self.rules;
        let mut rl = column![
            subheading(format!("Quy chế (áp dụng từ năm {})", r.year)),
            row![
                field(
                    "Ngưỡng phiếu (%)",
                    "rule-threshold",
                    &self.threshold,
                    Message::Threshold,
                    p("rules.vote_threshold_percent")
                ),
                field(
                    "Thang điểm",
                    "rule-scale",
                    &self.scale,
                    Message::Scale,
                    p("rules.score_scale")
                ),
                field(
                    "Số chữ số thập phân của tỷ lệ",
                    "rule-decimals",
                    &self.decimals,
                    Message::Decimals,
                    p("rules.percent_decimals")
                ),
            ]
            .spacing(8),
            checkbox(rules.threshold_inclusive)
                .label("Tính cả trường hợp bằng ngưỡng (\u{201c}từ … trở lên\u{201d})")
                .on_toggle(Message::Inclusive),
            text("Tỷ lệ phiếu tính trên").size(13),
            pick_list(
                VoteBase::ALL.map(BaseChoice).to_vec(),
                Some(BaseChoice(rules.vote_base)),
                Message::Base
            ),
            checkbox(rules.consensus_counts_as_vote)
                .label("Chấp nhận đề nghị được hội nghị thống nhất (suy tôn, hiệp thương) không qua bỏ phiếu")
                .on_toggle(Message::Consensus),
            subheading("Chỉ tiêu khen thưởng"),
        ]
        .spacing(6);
        for (i, f) in rules.award_forms.iter().enumerate() {
            rl = rl.push(
                row![
                    text(f.name.clone()).width(Length::FillPortion(3)),
                    iced::widget::text_input("Chỉ tiêu", &self.quotas[i][0])
                        .on_input(move |s| Message::Quota(i, s))
                        .padding(4)
                        .width(Length::FillPortion(1)),
                    iced::widget::text_input("Khối từ … đơn vị", &self.quotas[i][1])
                        .on_input(move |s| Message::LargeMembers(i, s))
                        .padding(4)
                        .width(Length::FillPortion(1)),
                    iced::widget::text_input("thì chỉ tiêu", &self.quotas[i][2])
                        .on_input(move |s| Message::LargeQuota(i, s))
                        .padding(4)
                        .width(Length::FillPortion(1)),
                ]
                .spacing(6)
                .align_y(iced::Alignment::Center),
            );
            if let Some(m) =
                p(&format!("rules.award_forms[{i}].quota")).or(p(&format!("rules.award_forms[{i}].large_quota")))
            {
                rl = rl.push(error_text(m.to_string()));
            }
        }
        rl = rl.push(subheading("Tiêu chí phụ khi bằng điểm (theo thứ tự)"));
        for (i, t) in rules.tie_breaks.iter().enumerate() {
            rl = rl.push(
                row![
                    text(format!("{}. {}", i + 1, t.label())).width(Length::Fill),
                    secondary("↑", (i > 0).then_some(Message::TieUp(i))),
                    danger("Bỏ", Some(Message::RemoveTie(i))),
                ]
                .spacing(6),
            );
        }
        let unused: Vec<TieChoice> = TieBreak::ALL
            .into_iter()
            .filter(|t| !rules.tie_breaks.contains(t))
            .map(TieChoice)
            .collect();
        rl = rl
            .push(pick_list(unused, None::<TieChoice>, Message::AddTie).placeholder("Thêm tiêu chí phụ…"))
            .push(text("Chọn Khối trưởng năm sau").size(13))
            .push(pick_list(
                RotationMethod::ALL.map(RotationChoice).to_vec(),
                Some(RotationChoice(rules.rotation.method)),
                Message::Rotation,
            ))
            .push(subheading("Số văn bản (theo năm dương lịch của ngày văn bản)"))
            .push(pick_list(
                NumberSeries::ALL.map(SeriesChoice).to_vec(),
                Some(SeriesChoice(rules.number_series)),
                Message::Series,
            ))
            .push(subheading(
                "Quy chế của Khối (dòng \u{201c}Căn cứ\u{201d} chỉ in khi có số và ngày)",
            ))
            .push(
                row![
                    field(
                        "Số quyết định ban hành",
                        "rule-regulation-number",
                        &self.regulation[0],
                        |s| Message::Regulation(0, s),
                        p("rules.regulation_number")
                    ),
                    field(
                        "Ngày ban hành (dd/mm/yyyy)",
                        "rule-regulation-date",
                        &self.regulation[1],
                        |s| Message::Regulation(1, s),
                        p("rules.regulation_date")
                    ),
                ]
                .spacing(8),
            )
            .push(field(
                "Cơ quan ban hành (không bắt buộc)",
                "rule-regulation-issuer",
                &self.regulation[2],
                |s| Message::Regulation(2, s),
                p("rules.regulation_issuer"),
            ));
        rl = rl.push(subheading("Căn cứ pháp lý (in theo ngày văn bản)")).push(muted(
            "Mỗi văn bản in dòng \u{201c}Căn cứ …;\u{201d} của các văn bản còn hiệu lực vào ngày của nó. \
                 Để trống ngày: không giới hạn.",
        ));
        for (i, b) in self.basis.iter().enumerate() {
            let fld = format!("rules.legal_basis[{i}]");
            // The citation is long ("Luật … số …, ngày … của …"): a line of its own, the dates under it.
            rl = rl.push(
                column![
                    basis_field(
                        "Văn bản (in sau chữ \u{201c}Căn cứ\u{201d})",
                        "Luật, nghị định, quyết định… số, ngày, cơ quan ban hành",
                        basis_id(i, "text"),
                        &b[0],
                        move |s| Message::Basis(i, 0, s),
                        p(&fld),
                    ),
                    row![
                        basis_field(
                            "Hiệu lực từ",
                            "dd/mm/yyyy",
                            basis_id(i, "from"),
                            &b[1],
                            move |s| Message::Basis(i, 1, s),
                            p(&format!("{fld}.in_force_from")),
                        )
                        .width(Length::FillPortion(2)),
                        basis_field(
                            "đến",
                            "dd/mm/yyyy",
                            basis_id(i, "until"),
                            &b[2],
                            move |s| Message::Basis(i, 2, s),
                            p(&format!("{fld}.in_force_until")),
                        )
                        .width(Length::FillPortion(2)),
                        column![text(" ").size(13), danger("Xóa", Some(Message::RemoveBasis(i)))].spacing(3),
                    ]
                    .spacing(6),
                ]
                .spacing(4),
            );
        }
        if self.basis.is_empty() {
            rl = rl.push(muted(
                "Chưa có căn cứ nào: văn bản sẽ không có dòng \u{201c}Căn cứ\u{201d} của luật, nghị định.",
            ));
        }
        rl = rl.push(
            row![
                secondary("Thêm căn cứ", Some(Message::AddBasis)),
                secondary("Khôi phục mặc định", Some(Message::DefaultBasis)),
            ]
            .spacing(8),
        );

        let mut file = column![
            subheading("Tệp dữ liệu"),
            text(self.path.clone()).size(13),
            row![
                field(
                    "Số bản sao lưu giữ lại",
                    "backup-keep",
                    &self.keep,
                    Message::Keep,
                    p("keep")
                ),
                secondary("Sao lưu ngay", Some(Message::BackupNow)),
            ]
            .spacing(8)
            .align_y(iced::Alignment::End),
            subheading("Bản sao lưu"),
        ]
        .spacing(6);
        if self.backups.is_empty() {
            file = file.push(muted("Chưa có bản sao lưu nào."));
        }
        for b in self.backups.iter().take(12) {
            file = file.push(
                row![
                    text(format!(
                        "{} {} · {} · {:.0} KB",
                        date_dmy(b.taken_at.date()),
                        b.taken_at.format("%H:%M"),
                        b.reason_label(),
                        b.size as f64 / 1024.0
                    ))
                    .size(13)
                    .width(Length::Fill),
                    secondary("Khôi phục…", Some(Message::Restore(b.path.clone()))),
                ]
                .spacing(6),
            );
        }
        file = file
            .push(subheading("Bàn giao dữ liệu cho đơn vị Khối trưởng năm sau"))
            .push(
                row![
                    secondary("Bàn giao dữ liệu…", Some(Message::ExportBundle)),
                    secondary("Nhận bàn giao…", Some(Message::ImportBundle))
                ]
                .spacing(8),
            );

        column![
            row![
                heading("Cài đặt và quy chế"),
                iced::widget::space::horizontal(),
                primary("Lưu (Ctrl+S)", Some(Message::Save)),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center),
            scrollable(
                row![
                    column![panel(identity), panel(file)]
                        .spacing(12)
                        .width(Length::FillPortion(1)),
                    column![panel(rl)].width(Length::FillPortion(1)),
                ]
                .spacing(16)
            )
            .id(SCROLL_ID)
            .height(Length::Fill),
        ]
        .spacing(10)
        .into()
    }
}

/// The id of the screen's scrollable body.
pub const SCROLL_ID: &str = "settings-scroll";

/// The id of a field of the "Căn cứ" row `i`: "basis-0-text", "basis-0-from", "basis-0-until".
pub fn basis_id(i: usize, part: &str) -> String {
    format!("basis-{i}-{part}")
}

fn basis_rows(lines: &[LegalBasis]) -> Vec<[String; 3]> {
    lines
        .iter()
        .map(|l| {
            [
                l.citation.clone(),
                super::date_text(l.in_force_from),
                super::date_text(l.in_force_until),
            ]
        })
        .collect()
}

/// The citation as documents print it after "Căn cứ ": a "Căn cứ" typed in front and the closing
/// ";" are left out, so that neither is printed twice.
fn citation_core(typed: &str) -> String {
    let t = typed.trim();
    t.strip_prefix("Căn cứ ")
        .unwrap_or(t)
        .trim_end_matches(';')
        .trim()
        .to_string()
}

/// A labelled text field with a run-time id (the rows of a list); its problem right under it.
fn basis_field<'a>(
    label: &str,
    placeholder: &str,
    id: String,
    value: &str,
    on_input: impl Fn(String) -> Message + 'a,
    problem: Option<&str>,
) -> iced::widget::Container<'a, Message> {
    let input = text_input(placeholder, value)
        .id(id)
        .on_input(on_input)
        .padding(6)
        .size(15);
    let mut col = column![text(label.to_string()).size(13), input].spacing(3);
    if let Some(m) = problem {
        col = col.push(error_text(m.to_string()));
    }
    container(col)
}
