//! The `cusnet` binary: parses settings and dispatches to a subcommand.

use clap::Parser;
use cusnet::config::{Cli, Command};
use cusnet::{commands, telemetry};

/// mimalloc serves the many small, short-lived allocations of request handling faster than
/// the system allocator and keeps the resident set small.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    telemetry::init(cli.settings.log_format);
    match cli
        .command
        .unwrap_or(Command::Serve(commands::default_serve_args()))
    {
        Command::Serve(args) => commands::serve(cli.settings, args).await,
        Command::Migrate(args) => commands::migrate(&cli.settings, &args).await,
        Command::Seed(args) => commands::seed(&cli.settings, &args).await,
        Command::Schema => {
            print!("{}", commands::schema_sdl(&cli.settings));
            Ok(())
        }
        Command::Token(args) => {
            println!("{}", commands::token(&cli.settings, &args)?);
            Ok(())
        }
        Command::Sync(args) => commands::sync(args).await,
        Command::Purge(args) => commands::purge(&cli.settings, &args).await,
    }
}
