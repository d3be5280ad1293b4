//! The state of a form: what is typed in each field and the Thai message shown beside those that
//! are refused. A field shows its error once it has been typed in, or after a save was tried;
//! nothing is saved until every field is valid.

use std::collections::{BTreeMap, BTreeSet};

/// Errors found when a form's values were parsed: one Thai message per field.
pub type Errors<I> = BTreeMap<I, String>;

#[derive(Debug, Clone)]
pub struct Form<I: Ord + Copy> {
    values: BTreeMap<I, String>,
    errors: Errors<I>,
    touched: BTreeSet<I>,
    submitted: bool,
}

impl<I: Ord + Copy> Default for Form<I> {
    fn default() -> Self {
        Form {
            values: BTreeMap::new(),
            errors: BTreeMap::new(),
            touched: BTreeSet::new(),
            submitted: false,
        }
    }
}

impl<I: Ord + Copy> Form<I> {
    pub fn with(values: impl IntoIterator<Item = (I, String)>) -> Form<I> {
        Form { values: values.into_iter().collect(), ..Form::default() }
    }

    pub fn get(&self, input: I) -> &str {
        self.values.get(&input).map(String::as_str).unwrap_or("")
    }

    /// Sets a value as the user typed it (marks the field as touched).
    pub fn edit(&mut self, input: I, value: String) {
        self.values.insert(input, value);
        self.touched.insert(input);
    }

    /// Sets a value the program chose (a default); it is not reported until the user saves.
    pub fn preset(&mut self, input: I, value: String) {
        self.values.insert(input, value);
    }

    /// The message to show beside a field, if any.
    pub fn error(&self, input: I) -> Option<&str> {
        self.errors.get(&input).map(String::as_str)
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Shows the errors of the fields the user has touched, or all of them after a save attempt.
    pub fn show(&mut self, errors: Errors<I>) {
        self.errors = errors
            .into_iter()
            .filter(|(input, _)| self.submitted || self.touched.contains(input))
            .collect();
    }

    /// A save was tried: from now on every invalid field shows its message.
    pub fn submit(&mut self) {
        self.submitted = true;
    }

    /// Puts an error from the database (a duplicate id, an overpayment) beside a field.
    pub fn set_error(&mut self, input: I, message: String) {
        self.errors.insert(input, message);
    }
}

/// Collects the outcome of parsing several fields: `take` keeps the value or records the error.
pub struct Checker<I: Ord + Copy> {
    pub errors: Errors<I>,
}

impl<I: Ord + Copy> Default for Checker<I> {
    fn default() -> Self {
        Checker { errors: BTreeMap::new() }
    }
}

impl<I: Ord + Copy> Checker<I> {
    pub fn take<T, E: std::fmt::Display>(&mut self, input: I, result: Result<T, E>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.errors.entry(input).or_insert_with(|| e.to_string());
                None
            }
        }
    }

    pub fn fail(&mut self, input: I, message: impl Into<String>) {
        self.errors.entry(input).or_insert_with(|| message.into());
    }

    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }
}
