//! The integration tests, one crate (as mdBook has them): one test binary links jixiao (and
//! Typst) once, instead of once per file. A module per area; `common` holds the helpers and the
//! fixtures written by the test setup.

mod build;
mod check;
mod codes;
mod common;
mod diff;
mod faults;
mod forms;
mod html;
mod ingest;
mod invalid;
mod layers;
mod library;
mod pdf;
mod properties;
mod review;
mod serve;
mod serve_browser;
mod xlsx;
