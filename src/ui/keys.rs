//! The window's keyboard: which key press is which command. A pure function of the event and of
//! whether a widget already used it, so the same mapping drives the running window (through a
//! subscription) and the tests.

use super::screens::Nav;
use iced::keyboard::{key::Named, Event::KeyPressed, Key};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    Save,
    Export,
    /// Esc: closes the innermost thing open (a chooser, a menu, a prompt, a form).
    Cancel,
    Undo,
    Redo,
    /// Ctrl+N: a new bloc.
    NewBloc,
    /// Ctrl+O: open a data file.
    Open,
    /// Ctrl+V: the field pastes; a block of cells from Excel is spread over the score grid.
    Paste,
    /// Ctrl+E: the document of the export form as a draft to edit (soạn thảo).
    Draft,
    /// Tab, Shift+Tab, Up, Down: move the keyboard focus.
    Nav(Nav),
}

/// The command a key press asks for. Keys a widget used (a text field moving its cursor, a list
/// closing on Esc) are left to it, except the Ctrl commands, which work from inside a field.
pub fn shortcut(event: &iced::Event, status: iced::event::Status) -> Option<Shortcut> {
    let iced::Event::Keyboard(KeyPressed { key, modifiers, .. }) = event else {
        return None;
    };
    let free = status == iced::event::Status::Ignored;
    match key.as_ref() {
        Key::Character(c) if modifiers.command() => match c.to_lowercase().as_str() {
            "s" => Some(Shortcut::Save),
            "p" => Some(Shortcut::Export),
            "z" if modifiers.shift() => Some(Shortcut::Redo),
            "z" => Some(Shortcut::Undo),
            "y" => Some(Shortcut::Redo),
            "n" => Some(Shortcut::NewBloc),
            "o" => Some(Shortcut::Open),
            "v" => Some(Shortcut::Paste),
            "e" => Some(Shortcut::Draft),
            _ => None,
        },
        Key::Named(Named::Escape) if free => Some(Shortcut::Cancel),
        Key::Named(Named::Tab) if free && !modifiers.command() && !modifiers.alt() => {
            Some(Shortcut::Nav(if modifiers.shift() { Nav::Previous } else { Nav::Next }))
        }
        Key::Named(Named::ArrowUp) if free && modifiers.is_empty() => Some(Shortcut::Nav(Nav::Up)),
        Key::Named(Named::ArrowDown) if free && modifiers.is_empty() => Some(Shortcut::Nav(Nav::Down)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced::event::Status;
    use iced::keyboard::{Location, Modifiers};

    fn press(key: Key, modifiers: Modifiers) -> iced::Event {
        iced::Event::Keyboard(KeyPressed {
            key: key.clone(),
            modified_key: key.clone(),
            physical_key: iced::keyboard::key::Physical::Unidentified(iced::keyboard::key::NativeCode::Unidentified),
            location: Location::Standard,
            modifiers,
            text: None,
            repeat: false,
        })
    }

    #[test]
    fn keys_map_to_commands_and_leave_what_a_widget_used() {
        let tab = press(Key::Named(Named::Tab), Modifiers::empty());
        assert_eq!(shortcut(&tab, Status::Ignored), Some(Shortcut::Nav(Nav::Next)));
        let back = press(Key::Named(Named::Tab), Modifiers::SHIFT);
        assert_eq!(shortcut(&back, Status::Ignored), Some(Shortcut::Nav(Nav::Previous)));
        let esc = press(Key::Named(Named::Escape), Modifiers::empty());
        assert_eq!(shortcut(&esc, Status::Ignored), Some(Shortcut::Cancel));
        assert_eq!(shortcut(&esc, Status::Captured), None, "a field or a list used it");
        let undo = press(Key::Character("z".into()), Modifiers::CTRL);
        assert_eq!(shortcut(&undo, Status::Captured), Some(Shortcut::Undo));
        let redo = press(Key::Character("Z".into()), Modifiers::CTRL | Modifiers::SHIFT);
        assert_eq!(shortcut(&redo, Status::Ignored), Some(Shortcut::Redo));
        let down = press(Key::Named(Named::ArrowDown), Modifiers::empty());
        assert_eq!(shortcut(&down, Status::Ignored), Some(Shortcut::Nav(Nav::Down)));
        let plain_s = press(Key::Character("s".into()), Modifiers::empty());
        assert_eq!(shortcut(&plain_s, Status::Ignored), None);
    }
}
