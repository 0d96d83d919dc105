//! How the command line names the input format; the pipeline decides what it means.

use clap::ValueEnum;

use redline::pipeline::InputFormat;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// HTML for `.html`/`.htm` files and for standard input that starts like a page.
    Auto,
    Text,
    Html,
}

impl From<InputFormatArg> for InputFormat {
    fn from(a: InputFormatArg) -> Self {
        match a {
            InputFormatArg::Auto => InputFormat::Auto,
            InputFormatArg::Text => InputFormat::Text,
            InputFormatArg::Html => InputFormat::Html,
        }
    }
}
