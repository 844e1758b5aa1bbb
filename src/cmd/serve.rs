//! `jixiao serve`: the flags and jixiao.toml become the server's options; the server runs on
//! tokio until Ctrl-C (or SIGTERM), then every upload is removed.

use super::output::print_report;
use crate::cli::{Global, ServeArgs};
use jixiao::build::Settings;
use jixiao::config::Config;
use jixiao::diag::Report;
use jixiao::serve::{Options, Server};
use jixiao::t;
use std::io::Write;
use std::time::Duration;

pub fn run(g: &Global, args: &ServeArgs) -> u8 {
    let settings = Config::load(&g.config)
        .map_err(|e| Report::from(e.diagnostic()))
        .and_then(|c| Settings::from_config(c).map_err(Report::from));
    let settings = match settings {
        Ok(s) => s,
        Err(report) => {
            print_report(&report, g);
            return report.exit_code(false).max(1);
        }
    };
    let mut options = Options::new(settings);
    options.max_upload = (args.max_upload_mb as usize) << 20;
    options.keep = Duration::from_secs(u64::from(args.keep_minutes) * 60);
    if let Some(n) = args.renders {
        options.renders = n as usize;
    }
    options.header_timeout = Duration::from_secs(u64::from(args.header_timeout));
    options.request_timeout = Duration::from_secs(u64::from(args.request_timeout));
    // One line a request on stderr (`RUST_LOG=tower_http=debug` for more, `RUST_LOG=off` for none).
    if !g.quiet {
        let filter = tracing_subscriber::EnvFilter::try_from_default_env()
            .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,tower_http::trace=info"));
        let _ = tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_writer(std::io::stderr)
            .with_target(false)
            .try_init();
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("{}", t!("serve-threads", error = e));
            return 1;
        }
    };
    let addr = std::net::SocketAddr::new(args.listen, args.port);
    let served = runtime.block_on(async {
        let server = Server::bind(addr, options).await?;
        let state = server.state();
        let url = match server.local_addr() {
            Ok(a) => format!("http://{a}/"),
            Err(_) => format!("http://{addr}/"),
        };
        if !g.quiet {
            println!("{}", t!("serve-listening", url = url));
            if !args.listen.is_loopback() {
                println!("  {}", t!("serve-open-network", address = args.listen));
            }
            let _ = std::io::stdout().flush();
        }
        if args.open {
            open(&url);
        }
        let removed = server.run(stop_signal()).await.map_err(|e| {
            Report::from(jixiao::diag::Diagnostic::new(
                jixiao::diag::Code::Internal,
                t!("serve-stopped-error", error = e),
            ))
        })?;
        Ok::<_, Report>((state, removed))
    });
    // Work a closed connection left running finishes before the folder goes for good.
    runtime.shutdown_timeout(Duration::from_secs(30));
    match served {
        Ok((state, removed)) => {
            state.close();
            if !g.quiet {
                println!("{}", t!("serve-stopped", count = removed));
            }
            0
        }
        Err(report) => {
            print_report(&report, g);
            report.exit_code(false).max(1)
        }
    }
}

/// Ctrl-C, or SIGTERM where there is one.
async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}

/// Opens `url` in the default browser; says so when it cannot.
fn open(url: &str) {
    #[cfg(target_os = "windows")]
    let cmd = std::process::Command::new("cmd").args(["/C", "start", "", url]).spawn();
    #[cfg(target_os = "macos")]
    let cmd = std::process::Command::new("open").arg(url).spawn();
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    let cmd = std::process::Command::new("xdg-open").arg(url).spawn();
    if let Err(e) = cmd {
        eprintln!("{}", t!("serve-no-browser", error = e, url = url));
    }
}
