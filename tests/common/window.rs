//! The window driven headless through its real `update` and `view` (iced_test's simulator, the
//! app's own font, the tiny-skia renderer), against a temporary data file. Shared by the window's
//! test files (`#[path = "common/window.rs"] mod harness;`).
#![allow(dead_code)]

use iced_test::selector::Candidate;
use iced_test::simulator::Simulator;
use iced_test::{futures, runtime};
use khoithidua::store::Store;
use khoithidua::ui::screens;
use khoithidua::ui::workspace::{self, Workspace};
use khoithidua::ui::{App, Dialogs, Message, FONT_BOLD, FONT_REGULAR, UI_FONT};

pub struct Harness {
    pub app: App,
    /// Holds the temporary folder (data file, exports) for the test's life.
    pub _dir: tempfile::TempDir,
}

pub fn settings() -> iced::Settings {
    iced::Settings {
        fonts: vec![FONT_REGULAR.into(), FONT_BOLD.into()],
        default_font: UI_FONT,
        ..iced::Settings::default()
    }
}

/// Every message a task produces (exports through the folder "dialog", background work).
pub fn run_task(task: iced::Task<Message>) -> Vec<Message> {
    use futures::futures::StreamExt;
    let Some(stream) = runtime::task::into_stream(task) else {
        return Vec::new();
    };
    futures::futures::executor::block_on(stream.collect::<Vec<_>>())
        .into_iter()
        .filter_map(|a| match a {
            runtime::Action::Output(m) => Some(m),
            _ => None,
        })
        .collect()
}

impl Harness {
    pub fn demo() -> Self {
        std::env::set_var("ICED_TEST_BACKEND", "tiny-skia");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("khối thi đua.sqlite");
        khoithidua::cli::write_demo_file(&path).unwrap();
        let app = App::open(path, false, Dialogs::Folder(dir.path().to_path_buf()));
        Harness { app, _dir: dir }
    }

    pub fn ws(&self) -> &Workspace {
        match &self.app {
            App::Loaded(w) => w,
            _ => panic!("the workspace is not open"),
        }
    }

    pub fn sim(&self) -> Simulator<'_, Message> {
        Simulator::with_size(settings(), (1366.0, 768.0), self.app.view())
    }

    /// Interacts with the window as it is now, then feeds every message to `update`.
    pub fn interact(&mut self, f: impl FnOnce(&mut Simulator<'_, Message>)) {
        let messages: Vec<Message> = {
            let mut ui = self.sim();
            f(&mut ui);
            ui.into_messages().collect()
        };
        for m in messages {
            self.send(m);
        }
    }

    pub fn send(&mut self, m: Message) {
        let task = self.app.update(m);
        for m in run_task(task) {
            self.send(m);
        }
    }

    pub fn ws_msg(&mut self, m: workspace::Message) {
        self.send(Message::Workspace(m));
    }

    pub fn click(&mut self, label: &str) {
        self.interact(|ui| {
            ui.click(label)
                .unwrap_or_else(|e| panic!("no \u{201c}{label}\u{201d} to click: {e:?}"));
        });
    }

    pub fn type_into(&mut self, id: &'static str, text: &str) {
        self.interact(|ui| {
            ui.click(iced_test::selector::id(id))
                .unwrap_or_else(|e| panic!("no field {id}: {e:?}"));
            ui.typewrite(text);
        });
    }

    /// Whether some text on screen contains `needle`.
    pub fn shows(&self, needle: &str) -> bool {
        let mut ui = self.sim();
        let n = needle.to_string();
        ui.find(move |c: Candidate<'_>| match c {
            Candidate::Text { content, .. } if content.contains(&n) => Some(()),
            _ => None,
        })
        .is_ok()
    }

    /// Every text on screen, in order.
    pub fn texts(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut ui = self.sim();
        let _ = ui.find(|c: Candidate<'_>| {
            if let Candidate::Text { content, .. } = c {
                out.push(content.to_string());
            }
            None::<()>
        });
        out
    }

    pub fn store(&self) -> &Store {
        self.ws().store().expect("the store is open")
    }

    /// Interacts with the foot of Cài đặt (the "Căn cứ" rows), below the window's height: the
    /// simulator cannot click what is not visible, so the screen's body is scrolled to its end
    /// with the mouse wheel first, in the same simulator (each interaction builds the window anew,
    /// at the top).
    pub fn at_settings_foot(&mut self, f: impl FnOnce(&mut Simulator<'_, Message>)) {
        self.interact(|ui| {
            let body = ui
                .find(iced_test::selector::id(screens::settings::SCROLL_ID))
                .expect("the settings' body");
            ui.point_at(body.visible_bounds().expect("on screen").center());
            ui.simulate([iced::Event::Mouse(iced::mouse::Event::WheelScrolled {
                delta: iced::mouse::ScrollDelta::Pixels { x: 0.0, y: -100_000.0 },
            })]);
            f(ui);
        });
    }

    /// Clicks `label` at the foot of Cài đặt.
    pub fn click_at_settings_foot(&mut self, label: &str) {
        self.at_settings_foot(|ui| {
            ui.click(label)
                .unwrap_or_else(|e| panic!("no \u{201c}{label}\u{201d} to click: {e:?}"));
        });
    }

    /// Types into the field `id` at the foot of Cài đặt.
    pub fn type_at_settings_foot(&mut self, id: String, text: &str) {
        self.at_settings_foot(|ui| {
            ui.click(iced_test::selector::id(id.clone()))
                .unwrap_or_else(|e| panic!("no field {id}: {e:?}"));
            ui.typewrite(text);
        });
    }
}

