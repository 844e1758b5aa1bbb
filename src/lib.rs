//! jixiao (绩效): check and publish 项目支出绩效自评表.
//!
//! The pipeline, one module per stage: [`ingest`] (workbook → [`model::Packet`]) →
//! [`check`] (rules, derived values, diagnostics) → [`render`] (PDF, HTML, XLSX) →
//! [`packet`] (the output folder, written atomically).

pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod diff;
pub mod ingest;
pub mod model;
pub mod packet;
pub mod render;
pub mod synth;
