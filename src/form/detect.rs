//! Which form a sheet is in, from its labels: each form scores the labels it has that the sheet
//! has too, less those the sheet lacks, less the labels of other forms the sheet has that it
//! does not. The best score wins; a tie, or a form that misses most of its own labels, is an
//! error that names the candidates.

use super::labels::{label_matches, spellings};
use super::{Form, Forms};

/// A label of a form and its other spellings, normalized (no spaces, half-width punctuation).
#[derive(Debug, Clone)]
struct Concept {
    spellings: Vec<String>,
}

impl Concept {
    fn new(text: &str, accept: &[String]) -> Concept {
        Concept { spellings: spellings(text, accept) }
    }

    /// Whether a sheet's (normalized) text is this label.
    pub fn matches(&self, cell: &str) -> bool {
        self.spellings.iter().any(|s| label_matches(cell, s))
    }
}

fn concepts(f: &Form) -> Vec<Concept> {
    let mut out: Vec<Concept> = f.labels().iter().map(|(text, accept)| Concept::new(text, accept)).collect();
    out.retain(|c| !c.spellings.is_empty());
    // One concept per distinct spelling: 分值 heads the funds and the indicators alike.
    let mut seen = Vec::<String>::new();
    out.retain(|c| {
        let key = c.spellings[0].clone();
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    out
}

/// The outcome of looking at a sheet.
#[derive(Debug)]
pub enum Detection<'a> {
    Found(&'a Form),
    /// Two or more forms fit equally well.
    Ambiguous(Vec<&'a Form>),
    /// No form has most of its labels here: the best one, and the labels it missed.
    NoMatch {
        best: &'a Form,
        missed: Vec<String>,
    },
}

/// Every form's labels, normalized once for a set of forms rather than once a sheet.
#[derive(Debug, Clone)]
pub struct Detector {
    /// Each form's concepts, one after the other.
    concepts: Vec<Concept>,
    forms: Vec<FormLabels>,
}

#[derive(Debug, Clone)]
struct FormLabels {
    name: String,
    /// Indices into `concepts`: this form's own labels.
    own: std::ops::Range<usize>,
    /// Indices into `concepts`: other forms' labels that this form does not have.
    foreign: Vec<usize>,
}

impl Detector {
    pub fn new(forms: &Forms) -> Detector {
        let mut concepts = Vec::new();
        let mut ranges = Vec::new();
        for f in forms.iter() {
            let start = concepts.len();
            concepts.extend(self::concepts(f));
            ranges.push((f.name.clone(), start..concepts.len()));
        }
        let forms = ranges
            .iter()
            .map(|(name, own)| {
                let shares = |c: &Concept| {
                    concepts[own.clone()].iter().any(|o| o.spellings.iter().any(|s| c.spellings.contains(s)))
                };
                let foreign = ranges
                    .iter()
                    .filter(|(other, _)| other != name)
                    .flat_map(|(_, r)| r.clone())
                    .filter(|&i| !shares(&concepts[i]))
                    .collect();
                FormLabels { name: name.clone(), own: own.clone(), foreign }
            })
            .collect();
        Detector { concepts, forms }
    }

    /// The form of a sheet whose text cells (normalized) are `cells`.
    pub fn detect<'a>(&self, cells: &[String], forms: &'a Forms) -> Detection<'a> {
        let present: Vec<bool> = self.concepts.iter().map(|c| cells.iter().any(|cell| c.matches(cell))).collect();
        let mut scored: Vec<(&FormLabels, i64, Vec<String>)> = self
            .forms
            .iter()
            .map(|f| {
                let found = f.own.clone().filter(|&i| present[i]).count() as i64;
                let missed: Vec<String> =
                    f.own.clone().filter(|&i| !present[i]).map(|i| self.concepts[i].spellings[0].clone()).collect();
                // Labels that other forms have and this one does not, found in the sheet.
                let extra = f
                    .foreign
                    .iter()
                    .filter(|&&i| present[i])
                    .map(|&i| self.concepts[i].spellings[0].as_str())
                    .collect::<std::collections::BTreeSet<_>>()
                    .len() as i64;
                (f, found - missed.len() as i64 - extra, missed)
            })
            .collect();
        scored.sort_by_key(|s| std::cmp::Reverse(s.1));
        let form = |f: &FormLabels| forms.of(&f.name);
        let best = &scored[0];
        if best.2.len() * 2 > best.0.own.len() {
            return Detection::NoMatch { best: form(best.0), missed: best.2.clone() };
        }
        let tied: Vec<&Form> = scored.iter().filter(|s| s.1 == best.1).map(|s| form(s.0)).collect();
        if tied.len() > 1 {
            return Detection::Ambiguous(tied);
        }
        Detection::Found(form(best.0))
    }
}
