//! The draft of a document, edited before it is issued: the header's fields, each paragraph in a
//! field of its own (added, removed, moved), the signatures and the Nơi nhận list, with the pages
//! as they will print beside it. The workspace does what needs the data file (save, issue, Word
//! copy, regenerate) when this screen asks with an [`Out`].

use super::preview::Preview;
use super::widgets::*;
use crate::app::drafts::{Opened, State};
use crate::app::exports::DocRequest;
use crate::documents::draft::{Change, Piece};
use crate::documents::engine::Table;
use crate::documents::Draft;
use crate::domain::text::{date_dmy, parse_date_dmy};
use crate::domain::Year;
use iced::widget::{button, column, container, row, scrollable, text, text_editor, text_input};
use iced::{Element, Length};

pub const SUBJECT_ID: &str = "draft-subject";
pub const CLOSING_ID: &str = "draft-closing";
pub const RECIPIENTS_ID: &str = "draft-recipients";

/// The editor of the `i`-th piece of the body.
pub fn piece_id(i: usize) -> String {
    format!("draft-piece-{i}")
}

#[derive(Debug, Clone)]
pub enum Message {
    Kind(String),
    Subject(String),
    Addressee(String),
    Place(String),
    Date(String),
    /// A number typed by hand (digits), instead of the register's next.
    Number(String),
    Piece(usize, text_editor::Action),
    /// A new paragraph after the `n`-th piece.
    AddAfter(usize),
    Remove(usize),
    Up(usize),
    Down(usize),
    /// A paragraph becomes a section heading, or back.
    Heading(usize),
    Closing(text_editor::Action),
    Authority(usize, usize, String),
    SignerName(usize, String),
    Recipients(text_editor::Action),
    Save,
    Issue,
    Word,
    Regenerate,
    /// After "Tạo lại từ số liệu": take the new text (dropping the edits) or keep the edits.
    TakeRegenerated(bool),
    Close,
    /// Close with unsaved edits: confirmed or not.
    ConfirmClose(bool),
}

/// What the workspace does for this screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Out {
    None,
    /// Save the draft with its record.
    Save,
    /// Ask where to write the PDF, then issue (or reprint an issued document).
    Issue,
    /// Ask where to write the Word copy.
    Word,
    /// Generate the draft again from the data and show what changed.
    Regenerate,
    Close,
}

enum Edit {
    Text {
        heading: bool,
        content: text_editor::Content,
    },
    Table(Table),
}

pub struct Editor {
    pub req: DocRequest,
    pub source: String,
    pub year: Year,
    pub state: State,
    /// The draft as generated or last saved: the edits are what differs from it.
    base: Draft,
    /// The draft as the fields say, rebuilt after each change.
    pub draft: Draft,
    date: String,
    pub date_error: Option<String>,
    /// Why the date is only a placeholder: the user must give one before issuing.
    pub date_needed: Option<String>,
    number: String,
    pieces: Vec<Edit>,
    closing: text_editor::Content,
    recipients: text_editor::Content,
    preview: Preview,
    /// The draft generated again, with what changed, waiting for the user's choice.
    pub regenerated: Option<(Draft, Vec<Change>)>,
    confirm_close: bool,
    pub error: Option<String>,
}

fn content(s: &str) -> text_editor::Content {
    text_editor::Content::with_text(s)
}

/// A text editor's text without the line end it adds.
fn text_of(c: &text_editor::Content) -> String {
    let t = c.text();
    t.strip_suffix('\n').unwrap_or(&t).to_string()
}

impl Editor {
    pub fn new(req: DocRequest, opened: Opened) -> Self {
        let d = &opened.draft;
        let mut e = Editor {
            req,
            source: opened.source,
            year: opened.year,
            state: opened.state,
            base: d.clone(),
            draft: d.clone(),
            date: date_dmy(d.header.date),
            date_error: None,
            date_needed: opened.date_needed,
            number: String::new(),
            pieces: Vec::new(),
            closing: content(""),
            recipients: content(""),
            preview: Preview::new(d),
            regenerated: None,
            confirm_close: false,
            error: None,
        };
        if e.date_needed.is_some() {
            e.date.clear();
        }
        e.load(d.clone());
        e
    }

    /// Fills the fields from `d`.
    fn load(&mut self, d: Draft) {
        self.pieces = d
            .body
            .iter()
            .map(|p| match p {
                Piece::Para(s) => Edit::Text {
                    heading: false,
                    content: content(s),
                },
                Piece::Heading(s) => Edit::Text {
                    heading: true,
                    content: content(s),
                },
                Piece::Table(t) => Edit::Table(t.clone()),
            })
            .collect();
        self.closing = content(&d.closing);
        self.recipients = content(&d.recipients.join("\n"));
        self.preview.update(&d);
        self.draft = d;
    }

    pub fn dirty(&self) -> bool {
        self.state != State::Issued && self.draft != self.base
    }

    /// The preview beside the fields.
    pub fn preview(&self) -> &Preview {
        &self.preview
    }

    pub fn issued(&self) -> bool {
        self.state == State::Issued
    }

    /// The number typed by hand, if any.
    pub fn hand_number(&self) -> Result<Option<u32>, String> {
        let t = self.number.trim();
        if t.is_empty() {
            return Ok(None);
        }
        match t.parse::<u32>() {
            Ok(n) if (1..=crate::domain::validate::REGISTER_NUMBER_MAX).contains(&n) => Ok(Some(n)),
            _ => Err(format!(
                "Số văn bản \u{201c}{t}\u{201d} không dùng được: nhập một số từ 1 đến {}, hoặc để trống để lấy số tiếp theo trong sổ.",
                crate::domain::validate::REGISTER_NUMBER_MAX
            )),
        }
    }

    /// Why the draft cannot be issued yet, if it cannot.
    pub fn not_ready(&self) -> Option<String> {
        if let Some(e) = &self.date_error {
            return Some(format!("Chưa phát hành được: {e}"));
        }
        if self.date_needed.is_some() && self.date.trim().is_empty() {
            return Some("Chưa phát hành được: hãy nhập ngày văn bản (dd/mm/yyyy).".into());
        }
        self.hand_number().err()
    }

    /// Saved: the draft as it stands is the new base.
    pub fn saved(&mut self) {
        self.base = self.draft.clone();
        self.state = State::Saved;
    }

    /// Issued with its number: frozen.
    pub fn issued_as(&mut self, d: Draft) {
        self.base = d.clone();
        self.state = State::Issued;
        self.load(d);
    }

    pub fn show_regenerated(&mut self, fresh: Draft, changes: Vec<Change>) {
        self.regenerated = Some((fresh, changes));
    }

    /// The draft from the fields.
    fn rebuild(&mut self) {
        let d = &mut self.draft;
        d.body = self
            .pieces
            .iter()
            .map(|p| match p {
                Edit::Text { heading: true, content } => Piece::Heading(text_of(content)),
                Edit::Text {
                    heading: false,
                    content,
                } => Piece::Para(text_of(content)),
                Edit::Table(t) => Piece::Table(t.clone()),
            })
            // A paragraph emptied is dropped, not printed as an empty line.
            .filter(|p| !matches!(p, Piece::Para(s) | Piece::Heading(s) if s.trim().is_empty()))
            .collect();
        d.closing = text_of(&self.closing).trim().to_string();
        d.recipients = text_of(&self.recipients)
            .lines()
            .map(|l| l.trim().trim_start_matches(['-', '–']).trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        self.preview.update(&self.draft);
    }

    pub fn update(&mut self, m: Message) -> Out {
        if self.issued() && !matches!(m, Message::Issue | Message::Word | Message::Close) {
            return Out::None; // an issued document is frozen
        }
        self.error = None;
        match m {
            Message::Kind(s) => self.draft.kind = s,
            Message::Subject(s) => self.draft.subject = s,
            Message::Addressee(s) => self.draft.addressee = s,
            Message::Place(s) => self.draft.header.place = s,
            Message::Date(s) => {
                self.date_error = None;
                match parse_date_dmy(s.trim()) {
                    Ok(d) => {
                        self.draft.header.date = d;
                        self.date_needed = None;
                    }
                    Err(e) => self.date_error = Some(e),
                }
                self.date = s;
            }
            Message::Number(s) => self.number = s.chars().filter(|c| c.is_ascii_digit()).take(4).collect(),
            Message::Piece(i, action) => {
                if let Some(Edit::Text { content, .. }) = self.pieces.get_mut(i) {
                    let edits = action.is_edit();
                    content.perform(action);
                    if !edits {
                        return Out::None;
                    }
                }
            }
            Message::AddAfter(i) => {
                let at = (i + 1).min(self.pieces.len());
                self.pieces.insert(
                    at,
                    Edit::Text {
                        heading: false,
                        content: content(""),
                    },
                );
            }
            Message::Remove(i) => {
                if i < self.pieces.len() {
                    self.pieces.remove(i);
                }
            }
            Message::Up(i) => {
                if i > 0 && i < self.pieces.len() {
                    self.pieces.swap(i - 1, i);
                }
            }
            Message::Down(i) => {
                if i + 1 < self.pieces.len() {
                    self.pieces.swap(i, i + 1);
                }
            }
            Message::Heading(i) => {
                if let Some(Edit::Text { heading, .. }) = self.pieces.get_mut(i) {
                    *heading = !*heading;
                }
            }
            Message::Closing(action) => {
                let edits = action.is_edit();
                self.closing.perform(action);
                if !edits {
                    return Out::None;
                }
            }
            Message::Authority(i, j, s) => {
                if let Some(line) = self
                    .draft
                    .signatures
                    .signers
                    .get_mut(i)
                    .and_then(|s| s.authority.get_mut(j))
                {
                    *line = s;
                }
            }
            Message::SignerName(i, s) => {
                if let Some(signer) = self.draft.signatures.signers.get_mut(i) {
                    signer.name = s;
                }
            }
            Message::Recipients(action) => {
                let edits = action.is_edit();
                self.recipients.perform(action);
                if !edits {
                    return Out::None;
                }
            }
            Message::Save => return Out::Save,
            Message::Issue => {
                if !self.issued() {
                    if let Some(why) = self.not_ready() {
                        self.error = Some(why);
                        return Out::None;
                    }
                }
                return Out::Issue;
            }
            Message::Word => return Out::Word,
            Message::Regenerate => return Out::Regenerate,
            Message::TakeRegenerated(take) => {
                if let Some((fresh, _)) = self.regenerated.take() {
                    if take {
                        self.load(fresh);
                    }
                }
                return Out::None;
            }
            Message::Close => {
                if self.dirty() {
                    self.confirm_close = true;
                    return Out::None;
                }
                return Out::Close;
            }
            Message::ConfirmClose(yes) => {
                self.confirm_close = false;
                return if yes { Out::Close } else { Out::None };
            }
        }
        self.rebuild();
        Out::None
    }

    pub fn view(&self) -> Element<'_, Message> {
        let frozen = self.issued();
        let input = |placeholder: &str, value: &str, on: fn(String) -> Message| {
            let t = text_input(placeholder, value).padding(5).size(14);
            if frozen {
                t
            } else {
                t.on_input(on)
            }
        };
        let d = &self.draft;
        let state = match self.state {
            State::Fresh => "Bản nháp mới, lấy từ số liệu (chưa lưu)",
            State::Saved if self.dirty() => "Bản nháp đã lưu, có sửa đổi chưa lưu",
            State::Saved => "Bản nháp đã lưu",
            State::Issued => "Đã phát hành: văn bản được giữ nguyên như khi ký",
        };
        let number = match (&d.header.number, frozen) {
            (Some(n), _) => format!("Số: {n}"),
            (None, _) if d.header.series.is_none() => "Văn bản không đánh số".into(),
            (None, _) => "Số: cấp khi phát hành".into(),
        };
        let mut head = column![
            subheading(d.title.clone()),
            muted(state),
            row![
                column![text("Loại văn bản").size(13), input("Biên bản", &d.kind, Message::Kind)]
                    .spacing(2)
                    .width(Length::FillPortion(1)),
                column![
                    text("Trích yếu").size(13),
                    input("Hội nghị …", &d.subject, Message::Subject).id(SUBJECT_ID)
                ]
                .spacing(2)
                .width(Length::FillPortion(3)),
            ]
            .spacing(8),
            row![
                column![
                    text("Địa danh").size(13),
                    input("Bình Định", &d.header.place, Message::Place)
                ]
                .spacing(2)
                .width(Length::FillPortion(2)),
                column![
                    text("Ngày văn bản").size(13),
                    input("dd/mm/yyyy", &self.date, Message::Date)
                ]
                .spacing(2)
                .width(Length::FillPortion(1)),
                column![text(number).size(13), {
                    let t = text_input("Số tự cho (để trống: số tiếp theo)", &self.number)
                        .padding(5)
                        .size(14);
                    if frozen || d.header.series.is_none() {
                        t
                    } else {
                        t.on_input(Message::Number)
                    }
                }]
                .spacing(2)
                .width(Length::FillPortion(2)),
            ]
            .spacing(8),
        ]
        .spacing(6);
        if let Some(e) = self.date_error.as_ref().or(self.date_needed.as_ref()) {
            head = head.push(error_text(e.clone()));
        }
        if !d.addressee.is_empty() || !frozen {
            head = head.push(
                column![
                    text("Kính gửi").size(13),
                    input("(không có)", &d.addressee, Message::Addressee)
                ]
                .spacing(2),
            );
        }

        let mut body = column![
            subheading("Nội dung"),
            muted("Mỗi ô là một đoạn. **chữ đậm**, *chữ nghiêng*; để trống một ô thì đoạn đó bị bỏ.")
        ]
        .spacing(6);
        for (i, p) in self.pieces.iter().enumerate() {
            body = body.push(self.piece_view(i, p, frozen));
        }
        body = body.push(column![
            text("Đoạn kết (đi cùng chữ ký)").size(13),
            self.editor(&self.closing, CLOSING_ID, frozen, Message::Closing)
        ]);

        let mut signs = column![subheading("Chữ ký")].spacing(6);
        for (i, s) in d.signatures.signers.iter().enumerate() {
            if s.authority.is_empty() && s.name.is_empty() {
                continue;
            }
            let mut lines = column![].spacing(2);
            for (j, a) in s.authority.iter().enumerate() {
                let t = text_input("", a).padding(4).size(13);
                lines = lines.push(if frozen {
                    t
                } else {
                    t.on_input(move |v| Message::Authority(i, j, v))
                });
            }
            let name = text_input("Họ và tên", &s.name).padding(4).size(13);
            lines = lines.push(if frozen {
                name
            } else {
                name.on_input(move |v| Message::SignerName(i, v))
            });
            signs = signs.push(lines);
        }
        let recipients = column![
            subheading("Nơi nhận"),
            muted("Mỗi dòng một nơi nhận."),
            self.editor(&self.recipients, RECIPIENTS_ID, frozen, Message::Recipients)
        ]
        .spacing(4);

        let mut actions = row![].spacing(8);
        if frozen {
            actions = actions
                .push(primary("In lại PDF…", Some(Message::Issue)))
                .push(secondary("Bản Word (.docx)…", Some(Message::Word)));
        } else {
            actions = actions
                .push(secondary("Lưu bản nháp (Ctrl+S)", Some(Message::Save)))
                .push(primary("Phát hành và xuất PDF… (Ctrl+P)", Some(Message::Issue)))
                .push(secondary("Bản Word (.docx)…", Some(Message::Word)))
                .push(secondary("Tạo lại từ số liệu…", Some(Message::Regenerate)));
        }
        actions = actions.push(secondary("Đóng (Esc)", Some(Message::Close)));

        let mut left = column![head].spacing(12);
        if let Some(e) = &self.error {
            left = left.push(error_text(e.clone()));
        }
        if self.confirm_close {
            left = left.push(panel(
                column![
                    text("Bản nháp có sửa đổi chưa lưu. Đóng và bỏ các sửa đổi?").size(14),
                    row![
                        danger("Đóng, bỏ sửa đổi", Some(Message::ConfirmClose(true))),
                        secondary("Ở lại", Some(Message::ConfirmClose(false))),
                    ]
                    .spacing(8)
                ]
                .spacing(6),
            ));
        }
        if let Some((_, changes)) = &self.regenerated {
            left = left.push(regenerated_view(changes));
        }
        left = left.push(body).push(signs).push(recipients);
        let preview = column![
            text(format!("Xem trước: {} trang", self.preview.page_count())).size(13),
            self.preview.view()
        ]
        .spacing(4);
        column![
            actions,
            row![
                scrollable(container(left).padding([0, 12])).width(Length::FillPortion(5)),
                container(preview).width(Length::FillPortion(4)).height(Length::Fill),
            ]
            .spacing(8)
            .height(Length::Fill),
        ]
        .spacing(8)
        .into()
    }

    fn editor<'a>(
        &'a self,
        c: &'a text_editor::Content,
        id: &'static str,
        frozen: bool,
        on: fn(text_editor::Action) -> Message,
    ) -> Element<'a, Message> {
        let e = text_editor(c).id(id).size(14).padding(6).height(Length::Shrink);
        if frozen {
            e.into()
        } else {
            e.on_action(on).into()
        }
    }

    fn piece_view<'a>(&'a self, i: usize, p: &'a Edit, frozen: bool) -> Element<'a, Message> {
        let tools = |heading: Option<bool>| {
            let mut r = row![].spacing(4);
            if !frozen {
                if let Some(h) = heading {
                    r = r.push(small(
                        if h { "Thành đoạn" } else { "Thành tiêu đề" },
                        Message::Heading(i),
                    ));
                }
                r = r
                    .push(small("↑", Message::Up(i)))
                    .push(small("↓", Message::Down(i)))
                    .push(small("+ Đoạn sau", Message::AddAfter(i)))
                    .push(small("Xóa", Message::Remove(i)));
            }
            r
        };
        match p {
            Edit::Text { heading, content } => {
                let e = text_editor(content)
                    .id(piece_id(i))
                    .size(14)
                    .padding(6)
                    .height(Length::Shrink);
                let e: Element<'a, Message> = if frozen {
                    e.into()
                } else {
                    e.on_action(move |a| Message::Piece(i, a)).into()
                };
                let label = if *heading { "Tiêu đề mục" } else { "Đoạn" };
                column![
                    row![muted(format!("{label} {}", i + 1)), tools(Some(*heading))].spacing(8),
                    e
                ]
                .spacing(2)
                .into()
            }
            Edit::Table(t) => column![
                row![
                    muted(format!(
                        "Bảng {} ({} dòng, lấy từ số liệu; sửa ở mục của nó)",
                        i + 1,
                        t.rows.len()
                    )),
                    tools(None)
                ]
                .spacing(8),
                text(t.header.join(" | ")).size(12),
            ]
            .spacing(2)
            .into(),
        }
    }
}

/// A tool of a paragraph: quiet, so that the text stays what the eye reads.
fn small<'a>(label: &str, m: Message) -> Element<'a, Message> {
    button(text(label.to_string()).size(12))
        .padding([1, 6])
        .style(button::secondary)
        .on_press(m)
        .into()
}

/// What "Tạo lại từ số liệu" would change: the lines dropped and added, then the choice.
fn regenerated_view(changes: &[Change]) -> Element<'_, Message> {
    let mut list = column![].spacing(2);
    if changes.is_empty() {
        list = list.push(text("Nội dung lấy lại từ số liệu giống hệt bản nháp.").size(13));
    }
    for c in changes.iter().take(40) {
        list = list.push(match c {
            Change::Dropped(s) => text(format!("− {s}")).size(13).color(ERROR),
            Change::Added(s) => text(format!("+ {s}")).size(13).color(OK),
        });
    }
    if changes.len() > 40 {
        list = list.push(muted(format!("… và {} thay đổi khác", changes.len() - 40)));
    }
    panel(
        column![
            subheading("Tạo lại từ số liệu: những gì sẽ thay đổi"),
            muted("Dòng có dấu − sẽ mất (kể cả các sửa đổi của bạn), dòng có dấu + sẽ được thêm."),
            list,
            row![
                danger("Lấy nội dung mới, bỏ sửa đổi", Some(Message::TakeRegenerated(true))),
                secondary("Giữ bản đang sửa", Some(Message::TakeRegenerated(false))),
            ]
            .spacing(8),
        ]
        .spacing(6),
    )
}
