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

/// No command: the window, on `--data` or on the default file (created with the demo bloc the
/// first time, so that a newcomer has something to explore).
fn open_window(cli: &cli::Cli) -> ExitCode {
    let path = match cli::data_file(&cli.data) {
        Ok(p) => p,
        Err(cli::CliError(msg)) => {
            eprintln!("Lỗi: {msg}");
            return ExitCode::FAILURE;
        }
    };
    // First start on the default file: it is created with the demo bloc, so that a newcomer has a
    // real-looking year to explore; the window greets them with where to go next.
    let mut first_start = false;
    if cli.data.is_none() && !path.exists() {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        match cli::write_demo_file(&path) {
            Ok(()) => first_start = true,
            Err(cli::CliError(msg)) => log::error!("{msg}"),
        }
    }
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
