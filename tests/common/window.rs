//! The window driven headless through its real `update` and `view` (iced_test's simulator, the
//! app's own font, the tiny-skia renderer), against a temporary data file. Shared by the window's
//! test files (`#[path = "common/window.rs"] mod harness;`).
#![allow(dead_code)]

use iced_test::runtime::user_interface::{Cache, UserInterface};
use iced_test::selector::{Bounded, Candidate, Selector};
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
    /// The window kept between interactions, as the running app keeps it: the focused field, the
    /// scroll offsets (see [`Harness::ui_click`], [`Harness::press`]).
    live: Option<Live>,
    pub size: iced::Size,
}

pub struct Live {
    cache: Cache,
    renderer: iced::Renderer,
    cursor: iced::mouse::Cursor,
    clipboard: MemoryClipboard,
}

/// A clipboard for the tests' Ctrl+V.
#[derive(Default)]
pub struct MemoryClipboard(Option<String>);

impl iced::advanced::Clipboard for MemoryClipboard {
    fn read(&self, _kind: iced::advanced::clipboard::Kind) -> Option<String> {
        self.0.clone()
    }

    fn write(&mut self, _kind: iced::advanced::clipboard::Kind, contents: String) {
        self.0 = Some(contents);
    }
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
        khoithidua::app::files::write_demo_file(&path).unwrap();
        let app = App::open(path, false, Dialogs::Folder(dir.path().to_path_buf()));
        Harness::new(app, dir)
    }

    pub fn new(app: App, dir: tempfile::TempDir) -> Self {
        std::env::set_var("ICED_TEST_BACKEND", "tiny-skia");
        Harness {
            app,
            _dir: dir,
            live: None,
            size: iced::Size::new(1366.0, 768.0),
        }
    }

    pub fn ws(&self) -> &Workspace {
        self.app.workspace().expect("the workspace is open")
    }

    /// Runs `f` on the live window (built from the current view, with the state kept from the
    /// last interaction), then feeds the messages it produced to `update`, and every key press the
    /// widgets left alone to the window's keyboard mapping, as the running app does.
    pub fn live<R>(
        &mut self,
        f: impl FnOnce(&mut UserInterface<'_, Message, iced::Theme, iced::Renderer>, &mut Live) -> R,
    ) -> R {
        let mut live = self.live.take().unwrap_or_else(|| {
            // A simulator loads the app's fonts into the font system once.
            let empty: iced::Element<'_, (), iced::Theme, iced::Renderer> = iced::widget::text("").into();
            drop(Simulator::with_size(settings(), self.size, empty));
            let renderer =
                futures::futures::executor::block_on(<iced::Renderer as iced::advanced::renderer::Headless>::new(
                    UI_FONT,
                    iced::Pixels(16.0),
                    Some("tiny-skia"),
                ))
                .expect("a headless renderer");
            Live {
                cache: Cache::default(),
                renderer,
                cursor: iced::mouse::Cursor::Unavailable,
                clipboard: MemoryClipboard::default(),
            }
        });
        let cache = std::mem::take(&mut live.cache);
        let mut ui = UserInterface::build(self.app.view(), self.size, cache, &mut live.renderer);
        let out = f(&mut ui, &mut live);
        live.cache = ui.into_cache();
        self.live = Some(live);
        out
    }

    /// Sends `events` to the live window; widgets first, then the keyboard mapping.
    pub fn events(&mut self, events: Vec<iced::Event>) {
        let messages = self.live(|ui, live| {
            let mut messages = Vec::new();
            let (_, statuses) = ui.update(
                &events,
                live.cursor,
                &mut live.renderer,
                &mut live.clipboard,
                &mut messages,
            );
            for (e, status) in events.iter().zip(statuses) {
                if let Some(s) = khoithidua::ui::keys::shortcut(e, status) {
                    messages.push(Message::Shortcut(s));
                }
            }
            messages
        });
        for m in messages {
            self.send(m);
        }
    }

    /// Puts the mouse over the middle of what `selector` finds in the live window.
    fn point_at<S>(&mut self, selector: S)
    where
        S: Selector + Send,
        S::Output: Bounded + Clone + Send + Sync + 'static,
    {
        let description = selector.description();
        let center = self.live(|ui, live| {
            let mut op = selector.find();
            ui.operate(
                &live.renderer,
                &mut iced::advanced::widget::operation::black_box(&mut op),
            );
            match iced::advanced::widget::Operation::finish(&op) {
                iced::advanced::widget::operation::Outcome::Some(Some(t)) => t.visible_bounds().map(|b| b.center()),
                _ => None,
            }
        });
        let at = center.unwrap_or_else(|| panic!("nothing visible for {description}"));
        if let Some(live) = self.live.as_mut() {
            live.cursor = iced::mouse::Cursor::Available(at);
        }
    }

    /// Clicks what `selector` finds (a label, `selector::id(..)`) in the live window.
    pub fn ui_click<S>(&mut self, selector: S)
    where
        S: Selector + Send,
        S::Output: Bounded + Clone + Send + Sync + 'static,
    {
        self.point_at(selector);
        self.events(iced_test::simulator::click().collect());
    }

    /// Turns the mouse wheel over what `selector` finds (a scrollable), `dy` pixels (negative: down).
    pub fn wheel<S>(&mut self, selector: S, dy: f32)
    where
        S: Selector + Send,
        S::Output: Bounded + Clone + Send + Sync + 'static,
    {
        self.point_at(selector);
        self.events(vec![iced::Event::Mouse(iced::mouse::Event::WheelScrolled {
            delta: iced::mouse::ScrollDelta::Pixels { x: 0.0, y: dy },
        })]);
    }

    /// Types `text` where the focus is in the live window.
    pub fn ui_type(&mut self, text: &str) {
        self.events(iced_test::simulator::typewrite(text).collect());
    }

    /// Presses and releases a key, with modifiers, in the live window.
    pub fn press(&mut self, key: iced::keyboard::Key, modifiers: iced::keyboard::Modifiers) {
        use iced::keyboard::{key::NativeCode, key::Physical, Event, Location};
        let text = match key.as_ref() {
            iced::keyboard::Key::Character(c) if !modifiers.command() => Some(c.into()),
            iced::keyboard::Key::Named(iced::keyboard::key::Named::Enter) => Some("\r".into()),
            _ => None,
        };
        let physical = Physical::Unidentified(NativeCode::Unidentified);
        self.events(vec![
            iced::Event::Keyboard(Event::ModifiersChanged(modifiers)),
            iced::Event::Keyboard(Event::KeyPressed {
                key: key.clone(),
                modified_key: key.clone(),
                physical_key: physical,
                location: Location::Standard,
                modifiers,
                text,
                repeat: false,
            }),
            iced::Event::Keyboard(Event::KeyReleased {
                key: key.clone(),
                modified_key: key,
                physical_key: physical,
                location: Location::Standard,
                modifiers,
            }),
            iced::Event::Keyboard(Event::ModifiersChanged(iced::keyboard::Modifiers::empty())),
        ]);
    }

    pub fn key(&mut self, named: iced::keyboard::key::Named) {
        self.press(iced::keyboard::Key::Named(named), iced::keyboard::Modifiers::empty());
    }

    /// Ctrl + a letter.
    pub fn ctrl(&mut self, c: &str) {
        self.press(
            iced::keyboard::Key::Character(c.into()),
            iced::keyboard::Modifiers::CTRL,
        );
    }

    /// Puts `text` on the clipboard and presses Ctrl+V where the focus is.
    pub fn paste(&mut self, text: &str) {
        self.live(|_, live| live.clipboard.0 = Some(text.to_string()));
        self.ctrl("v");
    }

    /// What the text field `id` holds (its placeholder when empty), as drawn now.
    pub fn field_text(&self, id: &str) -> String {
        let mut ui = self.sim();
        let want = iced::widget::Id::from(id.to_string());
        ui.find(move |c: Candidate<'_>| match c {
            Candidate::TextInput { id: Some(i), state, .. } if *i == want => Some(state.text().to_string()),
            _ => None,
        })
        .unwrap_or_else(|e| panic!("no field {id}: {e:?}"))
    }

    /// The id of the focused field in the live window, as its debug form (`Id(Custom("…"))`).
    pub fn focused(&mut self) -> Option<String> {
        self.live(|ui, live| {
            let mut op = iced::advanced::widget::operation::focusable::find_focused();
            ui.operate(
                &live.renderer,
                &mut iced::advanced::widget::operation::black_box(&mut op),
            );
            match iced::advanced::widget::Operation::finish(&op) {
                iced::advanced::widget::operation::Outcome::Some(id) => Some(format!("{id:?}")),
                _ => None,
            }
        })
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

    /// Feeds `m` to `update`, then runs its task as the runtime would: widget operations (focus
    /// moves, finding the focused field) on the live window, outputs back to `update`.
    pub fn send(&mut self, m: Message) {
        let task = self.app.update(m);
        self.run(task);
    }

    /// Runs a task `update` returned (held back by a test to see the window while it is under way).
    pub fn run(&mut self, task: iced::Task<Message>) {
        use futures::futures::StreamExt;
        let Some(mut stream) = runtime::task::into_stream(task) else {
            return;
        };
        let mut outputs = Vec::new();
        while let Some(action) = futures::futures::executor::block_on(stream.next()) {
            match action {
                runtime::Action::Output(m) => outputs.push(m),
                runtime::Action::Clipboard(iced_test::runtime::clipboard::Action::Read { channel, .. }) => {
                    let text = self.live.as_ref().and_then(|l| l.clipboard.0.clone());
                    let _ = channel.send(text);
                }
                runtime::Action::Clipboard(iced_test::runtime::clipboard::Action::Write { contents, .. }) => {
                    if let Some(l) = self.live.as_mut() {
                        l.clipboard.0 = Some(contents);
                    }
                }
                runtime::Action::Widget(op) => {
                    self.live(|ui, live| {
                        let mut current = Some(op);
                        while let Some(mut op) = current.take() {
                            ui.operate(&live.renderer, op.as_mut());
                            if let iced::advanced::widget::operation::Outcome::Chain(next) = op.finish() {
                                current = Some(next);
                            }
                        }
                    });
                }
                _ => {}
            }
        }
        for m in outputs {
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

    /// Clicks `label` after scrolling down, with the mouse wheel, whatever scrollable holds the
    /// text `over` (a button below the window's height, as a user would reach it).
    pub fn scroll_and_click(&mut self, over: &str, label: &str) {
        self.interact(|ui| {
            let target = ui.find(over).unwrap_or_else(|e| panic!("no {over}: {e:?}"));
            ui.point_at(target.visible_bounds().expect("on screen").center());
            ui.simulate([iced::Event::Mouse(iced::mouse::Event::WheelScrolled {
                delta: iced::mouse::ScrollDelta::Pixels { x: 0.0, y: -100_000.0 },
            })]);
            ui.click(label)
                .unwrap_or_else(|e| panic!("no \u{201c}{label}\u{201d} to click: {e:?}"));
        });
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
