//! Opens the GUI on a data folder without the command line: `cargo run --example gui -- DIR`.
//! (The real entry point is `plodnee` with no subcommand; this one needs nothing but the store.)

fn main() -> iced::Result {
    let dir = std::env::args()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| plodnee::store::open::resolve_data_dir(None).expect("a data folder"));
    let store = match plodnee::store::Store::open_in(&dir) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    plodnee::app::run(store, dir)
}
