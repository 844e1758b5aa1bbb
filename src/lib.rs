//! jixiao (绩效): check and publish 项目支出绩效自评表.
//!
//! The pipeline, one module per stage: [`ingest`] (workbook → [`model::Packet`]) →
//! [`check`] (rules, derived values, diagnostics) → [`render`] (PDF, HTML, XLSX) →
//! [`packet`] (the output folder, written atomically). [`build::Build`] runs it as one library
//! call; [`load`] is the loader `check`, `build` and `diff` share; [`diag`] is the diagnostics
//! every stage reports with. The command line (`src/main.rs`, `src/cli.rs`, `src/cmd/`) only
//! adapts flags to these calls; [`serve`] offers the same calls as a local web page.

pub mod build;
pub mod check;
pub mod config;
pub mod correction;
pub mod dates;
pub mod diag;
pub mod diff;
pub mod form;
pub mod hash;
pub mod i18n;
pub mod ingest;
pub mod limits;
pub mod load;
pub mod model;
pub mod packet;
pub mod render;
pub mod review;
pub mod serve;
pub mod synth;
pub mod targets;
