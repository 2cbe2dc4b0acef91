//! A document read back from its PDF, checked element by element against Nghị định 30/2020
//! (docs/ND30.md): each element found where the form puts it, in its face and size, never by a
//! search of the joined text (a name in the body does not make a signature block).

use super::{Face, Read, Run, MM};
use khoithidua::domain::Margins;

/// Lengths are compared to half a point: what the engine rounds, far less than a glyph.
const TOL: f32 = 0.5;

/// One signature block: its authority lines (upper, as printed, each may wrap) and the name.
#[derive(Debug, Clone)]
pub struct Signer {
    pub authority: Vec<String>,
    pub name: String,
}

impl Signer {
    pub fn new(authority: &[&str], name: &str) -> Signer {
        Signer {
            authority: authority.iter().map(|a| a.to_string()).collect(),
            name: name.to_string(),
        }
    }
}

/// What a document must show, from the data it is made of.
#[derive(Debug, Clone)]
pub struct Expect {
    /// For messages.
    pub name: String,
    pub landscape: bool,
    /// The bloc's margins, millimetres.
    pub margins: Margins,
    /// "UBND TỈNH BÌNH ĐỊNH".
    pub managing_body: String,
    /// "KHỐI THI ĐUA NỘI CHÍNH TỈNH BÌNH ĐỊNH" (the lines it wraps into, joined by a space).
    pub issuing_body: String,
    /// "Số: 03/BB-KNC"; none for a paper without a number.
    pub number: Option<String>,
    /// "Bình Định, ngày 20 tháng 12 năm 2022".
    pub place_date: String,
    /// "BIÊN BẢN".
    pub kind: String,
    /// The trích yếu under it, its lines joined by a space.
    pub subject: String,
    /// In reading order (left to right, then down).
    pub signers: Vec<Signer>,
    /// A grid of cells (the pledge): may run over several pages, authority lines 13.
    pub grid: bool,
    /// The Nơi nhận lines as printed, in order ("- Như trên;" … "- Lưu: VT, KNC.").
    pub recipients: Vec<String>,
    /// The title of an attached list that starts a page of its own, numbered on its own.
    pub attachment: Option<String>,
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() <= TOL
}

fn is_size(r: &Run, size: f32) -> bool {
    (r.size - size).abs() < 0.01
}

fn joined(runs: &[&Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// A document read back, with the page geometry of its margins.
pub struct Doc<'a> {
    pub d: &'a Read,
    pub e: &'a Expect,
}

impl<'a> Doc<'a> {
    pub fn new(d: &'a Read, e: &'a Expect) -> Self {
        Doc { d, e }
    }

    fn fail(&self, what: String) -> ! {
        panic!(
            "{}: {what}\n--- the document as read back:\n{}",
            self.e.name,
            self.d.dump()
        )
    }

    fn check(&self, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.fail(what())
        }
    }

    /// Left and right edges of the text area, its top and bottom (PDF y, from the bottom).
    pub fn area(&self, page: usize) -> (f32, f32, f32, f32) {
        let (w, h) = self.d.size(page);
        let m = self.e.margins;
        (m.left * MM, w - m.right * MM, h - m.top * MM, m.bottom * MM)
    }

    /// The horizontal centre of the text area.
    pub fn axis(&self, page: usize) -> f32 {
        let (l, r, _, _) = self.area(page);
        (l + r) / 2.0
    }

    /// The first page of the attached list, if the document has one.
    pub fn attachment_page(&self) -> Option<usize> {
        let title = self.e.attachment.as_ref()?;
        let runs = self.d.exact(title);
        self.check(runs.len() == 1, || {
            format!("the attachment \u{201c}{title}\u{201d} printed {} times", runs.len())
        });
        Some(runs[0].page)
    }

    /// The last page of the main document (before its attachment).
    pub fn last_main_page(&self) -> usize {
        self.attachment_page().map_or(self.d.pages, |p| p - 1)
    }

    /// The number printed on page `page` within its part (the document, or the attachment).
    fn number_in_part(&self, page: usize) -> usize {
        match self.attachment_page() {
            Some(a) if page >= a => page - a + 1,
            _ => page,
        }
    }

    /// The page number of a page: the line standing in its top margin.
    fn page_number(&self, page: usize) -> Option<&'a Run> {
        let (_, _, top, _) = self.area(page);
        let in_margin: Vec<&Run> = self.d.page_runs(page).into_iter().filter(|r| r.y > top).collect();
        self.check(in_margin.len() <= 1, || {
            format!("page {page}: {} lines in the top margin", in_margin.len())
        });
        in_margin.first().copied()
    }

    /// Every check of the form.
    pub fn check_all(&self) {
        self.check_pages();
        self.check_margins();
        self.check_page_numbers();
        self.check_header();
        self.check_title();
        self.check_signatures();
        self.check_recipients();
        self.check_attachment();
    }

    /// A4, portrait or landscape as the document is.
    pub fn check_pages(&self) {
        for (n, &(w, h)) in self.d.sizes.iter().enumerate() {
            let (short, long) = (w.min(h), w.max(h));
            self.check(
                (short - 210.0 * MM).abs() < 0.5 && (long - 297.0 * MM).abs() < 0.5,
                || format!("page {}: {w} × {h} pt is not A4", n + 1),
            );
            self.check((w > h) == self.e.landscape, || {
                format!("page {}: {w} × {h}, landscape {}", n + 1, self.e.landscape)
            });
        }
    }

    /// No glyph box and no rule outside the bloc's margins, but the page number in the top one.
    pub fn check_margins(&self) {
        for r in &self.d.runs {
            let (l, right, top, bottom) = self.area(r.page);
            if self.page_number(r.page).is_some_and(|n| std::ptr::eq(n, r)) {
                continue;
            }
            self.check(
                r.x >= l - TOL && r.x_end <= right + TOL && r.top() <= top + TOL && r.bottom() >= bottom - TOL,
                || {
                    format!(
                        "page {}: \u{201c}{}\u{201d} at x {:.1}–{:.1}, y {:.1}–{:.1} is outside the margins \
                         (x {l:.1}–{right:.1}, y {bottom:.1}–{top:.1})",
                        r.page,
                        r.text,
                        r.x,
                        r.x_end,
                        r.bottom(),
                        r.top()
                    )
                },
            );
        }
        for s in &self.d.segs {
            let (l, right, top, bottom) = self.area(s.page);
            let inside = |x: f32, y: f32| x >= l - TOL && x <= right + TOL && y <= top + TOL && y >= bottom - TOL;
            self.check(inside(s.x1, s.y1) && inside(s.x2, s.y2), || {
                format!("page {}: a rule {s:?} outside the margins", s.page)
            });
        }
    }

    /// No number on the first page of the document or of its attachment; from page 2 of each, the
    /// number of the page within it, 13 regular, centred in the top margin.
    pub fn check_page_numbers(&self) {
        for page in 1..=self.d.pages {
            let n = self.number_in_part(page);
            let found = self.page_number(page);
            if n == 1 {
                self.check(found.is_none(), || {
                    format!("page {page}: a page number {found:?} on a first page")
                });
                continue;
            }
            let Some(r) = found else {
                self.fail(format!("page {page}: no page number"))
            };
            let (_, _, top, _) = self.area(page);
            let (_, h) = self.d.size(page);
            self.check(r.text == n.to_string(), || {
                format!("page {page}: numbered {:?}, not {n}", r.text)
            });
            self.check(r.face() == Face::Regular && is_size(r, 13.0), || {
                format!("page {page}: the page number is {:?} {}", r.face(), r.size)
            });
            self.check((r.centre() - self.axis(page)).abs() <= 1.0, || {
                format!("page {page}: the page number is not centred ({:.1})", r.centre())
            });
            self.check(r.bottom() >= top - TOL && r.top() <= h, || {
                format!("page {page}: the page number is not inside the top margin: {r:?}")
            });
        }
    }

    /// The two columns of the header on page 1, each centred on its axis.
    pub fn check_header(&self) {
        let e = self.e;
        let p1 = self.d.page_runs(1);
        let (_, _, top, _) = self.area(1);
        // The right column: Quốc hiệu, Tiêu ngữ, place and date.
        let one = |text: &str| -> &Run {
            let found: Vec<&Run> = p1.iter().copied().filter(|r| r.text == text).collect();
            self.check(found.len() == 1, || {
                format!("\u{201c}{text}\u{201d} printed {} times on page 1", found.len())
            });
            found[0]
        };
        let nation = one("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        let motto = one("Độc lập - Tự do - Hạnh phúc");
        let date = one(&e.place_date);
        self.check(nation.face() == Face::Bold && is_size(nation, 13.0), || {
            format!("Quốc hiệu {:?} {}, not bold 13", nation.face(), nation.size)
        });
        self.check(motto.face() == Face::Bold && is_size(motto, 14.0), || {
            format!("Tiêu ngữ {:?} {}, not bold 14", motto.face(), motto.size)
        });
        self.check(date.face() == Face::Italic && is_size(date, 14.0), || {
            format!("place and date {:?} {}, not italic 14", date.face(), date.size)
        });
        self.check(
            nation.y > motto.y && motto.y > date.y && nation.y - date.y < 80.0,
            || "the Quốc hiệu, Tiêu ngữ and date are not one under the other".into(),
        );
        let right_axis = nation.centre();
        for r in [motto, date] {
            self.check((r.centre() - right_axis).abs() <= 1.0, || {
                format!("\u{201c}{}\u{201d} is not centred under the Quốc hiệu", r.text)
            });
        }
        // At the top of the page: the first row starts at the top margin.
        self.check(nation.top() <= top + TOL && nation.top() >= top - 4.0, || {
            format!("the header starts at {:.1}, the top margin at {top:.1}", nation.top())
        });
        // The left column: everything left of the Quốc hiệu down to the number's baseline.
        let mut left: Vec<&Run> = p1
            .iter()
            .copied()
            .filter(|r| r.x_end < nation.x && r.y >= date.y - TOL)
            .collect();
        left.sort_by(|a, b| b.y.total_cmp(&a.y));
        let number = left.iter().position(|r| r.text.starts_with("Số:"));
        match (&e.number, number) {
            (Some(want), Some(i)) => {
                let n = left[i];
                self.check(&n.text == want, || format!("number line {:?}, not {want:?}", n.text));
                self.check(i + 1 == left.len(), || {
                    "a line under the number in the left column".into()
                });
                self.check(n.face() == Face::Regular && is_size(n, 13.0), || {
                    format!("\u{201c}Số:\u{201d} {:?} {}, not regular 13", n.face(), n.size)
                });
                self.check(close(n.y, date.y), || {
                    format!("\u{201c}Số:\u{201d} on baseline {:.2}, the date on {:.2}", n.y, date.y)
                });
            }
            (Some(want), None) => self.fail(format!("no number line ({want})")),
            (None, Some(i)) => self.fail(format!("a number line {:?} on a paper without a number", left[i].text)),
            (None, None) => {}
        }
        let bodies: Vec<&Run> = left[..number.unwrap_or(left.len())].to_vec();
        let managing: Vec<&Run> = bodies
            .iter()
            .copied()
            .take_while(|r| r.face() == Face::Regular)
            .collect();
        let issuing: Vec<&Run> = bodies[managing.len()..].to_vec();
        self.check(joined(&managing) == e.managing_body, || {
            format!("managing body {:?}, not {:?}", joined(&managing), e.managing_body)
        });
        self.check(joined(&issuing) == e.issuing_body, || {
            format!("issuing body {:?} (bold), not {:?}", joined(&issuing), e.issuing_body)
        });
        for r in &managing {
            self.check(is_size(r, 13.0), || format!("managing body at {} pt", r.size));
        }
        for r in &issuing {
            self.check(r.face() == Face::Bold && is_size(r, 13.0), || {
                format!("issuing body {:?} {}, not bold 13", r.face(), r.size)
            });
        }
        for r in &bodies {
            self.check(r.text == r.text.to_uppercase(), || {
                format!("{:?} is not in capitals", r.text)
            });
        }
        self.check(close(managing[0].y, nation.y), || {
            "the managing body and the Quốc hiệu do not start the same row".into()
        });
        let left_axis = managing[0].centre();
        for r in &left {
            self.check((r.centre() - left_axis).abs() <= 1.0, || {
                format!("\u{201c}{}\u{201d} is not centred in the left column", r.text)
            });
        }
    }

    /// The kind of document (bold 14, capitals) and its trích yếu (bold 14), centred under the header.
    pub fn check_title(&self) {
        let e = self.e;
        let date = self.d.exact(&e.place_date)[0];
        let mut below: Vec<&Run> = self.d.page_runs(1).into_iter().filter(|r| r.y < date.y - TOL).collect();
        below.sort_by(|a, b| b.y.total_cmp(&a.y));
        let kind = below[0];
        self.check(kind.text == e.kind, || {
            format!("under the header {:?}, not the kind {:?}", kind.text, e.kind)
        });
        let subject: Vec<&Run> = below[1..]
            .iter()
            .copied()
            .take_while(|r| r.face() == Face::Bold && is_size(r, 14.0) && (r.centre() - self.axis(1)).abs() <= 1.0)
            .collect();
        self.check(joined(&subject) == e.subject, || {
            format!("trích yếu {:?}, not {:?}", joined(&subject), e.subject)
        });
        for r in std::iter::once(kind).chain(subject) {
            self.check(r.face() == Face::Bold && is_size(r, 14.0), || {
                format!("title line {:?} is {:?} {}, not bold 14", r.text, r.face(), r.size)
            });
            self.check((r.centre() - self.axis(1)).abs() <= 1.0, || {
                format!(
                    "title line {:?} centred at {:.1}, the page at {:.1}",
                    r.text,
                    r.centre(),
                    self.axis(1)
                )
            });
        }
    }

    /// The signature blocks found on the page: for each expected signer, its name and authority lines.
    pub fn signature_blocks(&self) -> Vec<(&'a Run, Vec<&'a Run>)> {
        let last = self.last_main_page();
        self.e
            .signers
            .iter()
            .map(|s| {
                // The name alone on its line, bold 14: once, in the signature block.
                let names: Vec<&Run> = self
                    .d
                    .runs
                    .iter()
                    .filter(|r| r.text == s.name && r.face() == Face::Bold && is_size(r, 14.0))
                    .collect();
                self.check(names.len() == 1, || {
                    format!("the signer {:?}: {} lines of the name in bold 14", s.name, names.len())
                });
                let name = names[0];
                // A grid of cells may run over pages; any other block is on the last page.
                let first_page = if self.e.grid { 1 } else { last };
                self.check(name.page >= first_page && name.page <= last, || {
                    format!(
                        "the signer {:?} signs on page {}, the main document ends on page {last}",
                        s.name, name.page
                    )
                });
                // Above it, centred on its axis: the authority lines, with room to sign between.
                let mut above: Vec<&Run> = self
                    .d
                    .page_runs(name.page)
                    .into_iter()
                    .filter(|r| r.y > name.y + TOL && (r.centre() - name.centre()).abs() <= 1.5)
                    .collect();
                above.sort_by(|a, b| a.y.total_cmp(&b.y));
                let Some(lowest) = above.first().copied() else {
                    self.fail(format!("no authority line above {:?}", s.name))
                };
                self.check(lowest.y - name.y >= 20.0 * MM, || {
                    format!(
                        "{:?}: {:.1} mm between the authority line and the name, not room to sign",
                        s.name,
                        (lowest.y - name.y) / MM
                    )
                });
                let mut block = vec![lowest];
                for r in &above[1..] {
                    let prev = *block.last().unwrap();
                    if r.y - prev.y > 1.5 * prev.size {
                        break;
                    }
                    block.push(r);
                }
                block.reverse();
                let want = s.authority.join(" ");
                self.check(joined(&block) == want, || {
                    format!("the block of {:?} is headed {:?}, not {want:?}", s.name, joined(&block))
                });
                for r in &block {
                    let sized = if self.e.grid {
                        (13.0..=14.0).contains(&r.size)
                    } else {
                        is_size(r, 14.0)
                    };
                    self.check(r.face() == Face::Bold && sized, || {
                        format!("authority line {:?} is {:?} {}", r.text, r.face(), r.size)
                    });
                    self.check(r.text == r.text.to_uppercase(), || {
                        format!("{:?} is not in capitals", r.text)
                    });
                }
                (name, block)
            })
            .collect()
    }

    /// Each signer in a block of their own, in reading order, below every line of the body on the
    /// last page of the main document; Nơi nhận and the page number aside.
    pub fn check_signatures(&self) {
        let blocks = self.signature_blocks();
        for w in blocks.windows(2) {
            let (a, b) = (w[0].0, w[1].0);
            let in_order = if a.page != b.page {
                a.page < b.page
            } else if close(a.y, b.y) {
                a.x_end < b.x
            } else {
                a.y > b.y
            };
            self.check(in_order, || {
                format!("{:?} and {:?} are not in reading order", a.text, b.text)
            });
        }
        let last = self.last_main_page();
        let mut own: Vec<&Run> = Vec::new();
        for (name, lines) in &blocks {
            own.push(name);
            own.extend(lines);
        }
        let recipients = self.recipient_runs();
        let number = self.page_number(last);
        let on_last: Vec<&(&Run, Vec<&Run>)> = blocks.iter().filter(|b| b.0.page == last).collect();
        self.check(!on_last.is_empty(), || {
            format!("no signature on page {last}, the last of the main document")
        });
        // The highest line of any block on the last page: the body ends above it.
        let top = on_last
            .iter()
            .flat_map(|(n, l)| l.iter().copied().chain([*n]))
            .map(|r| r.top())
            .fold(f32::MIN, f32::max);
        for r in self.d.page_runs(last) {
            let aside = own.iter().any(|o| std::ptr::eq(*o, r))
                || recipients.iter().any(|o| std::ptr::eq(*o, r))
                || number.is_some_and(|n| std::ptr::eq(n, r));
            if aside {
                continue;
            }
            self.check(r.bottom() > top, || {
                format!(
                    "page {last}: \u{201c}{}\u{201d} (y {:.1}) is not above the signatures (top {top:.1})",
                    r.text, r.y
                )
            });
        }
    }

    /// "Nơi nhận:" and its lines, if the document has them.
    fn recipient_runs(&self) -> Vec<&'a Run> {
        let labels = self.d.exact("Nơi nhận:");
        let Some(label) = labels.first().copied() else {
            return Vec::new();
        };
        let mut lines: Vec<&Run> = self
            .d
            .page_runs(label.page)
            .into_iter()
            .filter(|r| {
                r.y < label.y && close(r.x, label.x) && label.y - r.y < 20.0 * (self.e.recipients.len() as f32 + 1.0)
            })
            .collect();
        lines.sort_by(|a, b| b.y.total_cmp(&a.y));
        lines.truncate(self.e.recipients.len());
        std::iter::once(label).chain(lines).collect()
    }

    /// "Nơi nhận:" bold italic 12 at the left margin, on the last page of the main document, under
    /// the body; its lines regular 11 one under the other, in order, the last ending with a full stop.
    pub fn check_recipients(&self) {
        let labels = self.d.exact("Nơi nhận:");
        if self.e.recipients.is_empty() {
            self.check(labels.is_empty(), || {
                "a \u{201c}Nơi nhận\u{201d} on a paper that is not sent".into()
            });
            return;
        }
        self.check(labels.len() == 1, || {
            format!("\u{201c}Nơi nhận:\u{201d} printed {} times", labels.len())
        });
        let label = labels[0];
        let last = self.last_main_page();
        let (left, _, _, _) = self.area(last);
        self.check(label.page == last, || {
            format!("Nơi nhận on page {}, not {last}", label.page)
        });
        self.check(label.face() == Face::BoldItalic && is_size(label, 12.0), || {
            format!(
                "\u{201c}Nơi nhận:\u{201d} is {:?} {}, not bold italic 12",
                label.face(),
                label.size
            )
        });
        self.check(close(label.x, left), || {
            format!(
                "\u{201c}Nơi nhận:\u{201d} at x {:.1}, the left margin at {left:.1}",
                label.x
            )
        });
        let runs = self.recipient_runs();
        let lines = &runs[1..];
        let texts: Vec<&str> = lines.iter().map(|r| r.text.as_str()).collect();
        self.check(texts == self.e.recipients, || {
            format!("Nơi nhận lines {texts:?}, not {:?}", self.e.recipients)
        });
        let mut prev = label;
        for (i, r) in lines.iter().enumerate() {
            self.check(r.face() == Face::Regular && is_size(r, 11.0), || {
                format!(
                    "Nơi nhận line {:?} is {:?} {}, not regular 11",
                    r.text,
                    r.face(),
                    r.size
                )
            });
            self.check(prev.y - r.y > 0.0 && prev.y - r.y <= 1.5 * prev.size, || {
                format!("Nơi nhận line {:?} is not under the line before it", r.text)
            });
            let end = if i + 1 == lines.len() { "." } else { ";" };
            self.check(r.text.starts_with("- ") && r.text.ends_with(end), || {
                format!("Nơi nhận line {:?} does not end with \u{201c}{end}\u{201d}", r.text)
            });
            prev = r;
        }
        // Under the body: every line of the page above it is a signature, or above the label.
        let blocks = self.signature_blocks();
        for r in self.d.page_runs(last) {
            let signature = blocks
                .iter()
                .any(|(n, l)| std::ptr::eq(*n, r) || l.iter().any(|o| std::ptr::eq(*o, r)));
            let own = runs.iter().any(|o| std::ptr::eq(*o, r));
            let number = self.page_number(last).is_some_and(|n| std::ptr::eq(n, r));
            self.check(signature || own || number || r.y > label.top(), || {
                format!("\u{201c}{}\u{201d} is beside or under Nơi nhận", r.text)
            });
        }
    }

    /// An attached list starts its page: nothing drawn above its title.
    pub fn check_attachment(&self) {
        let Some(title) = &self.e.attachment else { return };
        let page = self.attachment_page().unwrap();
        let t = self.d.exact(title)[0];
        self.check(page >= 2, || "the attachment is on the first page".into());
        self.check(t.face() == Face::Bold && is_size(t, 14.0), || {
            format!("the attachment's title is {:?} {}", t.face(), t.size)
        });
        for r in self.d.page_runs(page) {
            self.check(r.y <= t.y + TOL, || {
                format!("\u{201c}{}\u{201d} above the attachment's title", r.text)
            });
        }
    }
}
