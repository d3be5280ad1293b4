//! The `plodnee` binary: the command line, or the GUI when no subcommand is given.

use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;
use plodnee::cli::{self, Cli, Failure};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("คำสั่งไม่ถูกต้อง (ดูวิธีใช้ด้วย plodnee --help)");
            let _ = e.print();
            return ExitCode::from(2);
        }
    };
    let result = match &cli.command {
        Some(command) => cli::run(&cli, command),
        None => gui(&cli),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure { message, code }) => {
            eprintln!("ผิดพลาด: {message}");
            ExitCode::from(code.clamp(1, 255) as u8)
        }
    }
}

fn gui(cli: &Cli) -> cli::CliResult {
    let (store, dir) = cli::open_store(cli.data_dir.as_deref())?;
    plodnee::app::run(store, dir)
        .map_err(|e| Failure {
            message: format!("เปิดหน้าต่างโปรแกรมไม่ได้: {e}"), code: 1
        })
}
