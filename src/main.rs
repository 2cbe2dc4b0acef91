// No console window behind the app on Windows; the CLI still writes to the console it was run from.
#![cfg_attr(windows, windows_subsystem = "windows")]

use khoithidua::cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    #[cfg(windows)]
    attach_parent_console();
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let cli = match cli::parse() {
        Ok(c) => c,
        Err(code) => return code,
    };
    match &cli.command {
        Some(command) => {
            quiet_on_closed_pipe();
            cli::run(&cli, command)
        }
        None => open_window(&cli),
    }
}

/// `khoithidua check big.sqlite | head -1`: when the reader of our output goes away, end quietly
/// the way command-line tools do (Rust ignores SIGPIPE, so every later `println!` would panic).
/// Only commands print; they write files only through a temporary name and a rename, so stopping
/// at any point leaves nothing half-written.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    {
        extern "C" {
            fn signal(signum: i32, handler: usize) -> usize;
        }
        const SIGPIPE: i32 = 13;
        const SIG_DFL: usize = 0;
        // SAFETY: restores the default disposition of one signal before any thread is started.
        unsafe {
            signal(SIGPIPE, SIG_DFL);
        }
    }
}

/// No command: the window, on `--data`, else the file opened last, else the default file. Without a
/// data file there the window starts on its start screen (a new bloc, open, receive a handover,
/// or look at the demo in a file of its own): no file is made before the user chooses.
fn open_window(cli: &cli::Cli) -> ExitCode {
    let path = match &cli.data {
        Some(p) => p.clone(),
        None => {
            let last = khoithidua::app::places::recent_file()
                .map(|at| khoithidua::app::places::Recent::load(&at))
                .and_then(|r| r.existing_files().into_iter().next());
            match last.or_else(khoithidua::app::places::default_data_file) {
                Some(p) => p,
                None => {
                    eprintln!("Lỗi: không xác định được thư mục dữ liệu của người dùng; hãy dùng --data TỆP.");
                    return ExitCode::FAILURE;
                }
            }
        }
    };
    let first_start = cli.data.is_none() && !path.exists();
    match khoithidua::ui::run(path, first_start) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Lỗi: không mở được cửa sổ ứng dụng: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(windows)]
fn attach_parent_console() {
    // Lets `khoithidua.exe check …` print in the console it was started from.
    extern "system" {
        fn AttachConsole(pid: u32) -> i32;
    }
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}
