//! Line splitting with a length cap, so one pathological line cannot take the memory.

use std::io::{self, BufRead, Write};

/// What one call to [`LineReader::next_line`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineRead {
    /// A whole line is in the buffer, without its `\n` (or `\r\n`).
    Complete,
    /// The line is longer than the cap: the buffer holds its first `cap` bytes and the rest
    /// is still unread. Call [`LineReader::copy_rest`] or [`LineReader::skip_rest`].
    TooLong,
}

pub struct LineReader<R> {
    inner: R,
    cap: usize,
    number: u64,
    pending_rest: bool,
    ending: &'static [u8],
}

impl<R: BufRead> LineReader<R> {
    pub fn new(inner: R, cap: usize) -> Self {
        LineReader {
            inner,
            cap: cap.max(1),
            number: 0,
            pending_rest: false,
            ending: b"",
        }
    }

    /// The 1-based number of the line last returned.
    pub fn line_number(&self) -> u64 {
        self.number
    }

    /// How the line last returned ended: `\n`, `\r\n`, or nothing (or a lone `\r`) at the
    /// end of the input, so that a line written back can end as it did.
    pub fn line_ending(&self) -> &'static [u8] {
        self.ending
    }

    /// Read the next line into `buf` (cleared first). `None` at the end of input.
    pub fn next_line(&mut self, buf: &mut Vec<u8>) -> io::Result<Option<LineRead>> {
        if self.pending_rest {
            self.skip_rest()?;
        }
        buf.clear();
        let mut saw_any = false;
        let mut newline = false;
        loop {
            let chunk = self.inner.fill_buf()?;
            if chunk.is_empty() {
                if !saw_any {
                    return Ok(None);
                }
                break;
            }
            saw_any = true;
            let room = self.cap - buf.len();
            match newline_in(chunk) {
                Some(i) if i <= room => {
                    buf.extend_from_slice(&chunk[..i]);
                    self.inner.consume(i + 1);
                    newline = true;
                    break;
                }
                _ => {
                    let take = chunk.len().min(room);
                    buf.extend_from_slice(&chunk[..take]);
                    self.inner.consume(take);
                    if buf.len() == self.cap {
                        // A line of exactly `cap` bytes still fits if its newline comes next.
                        let next = self.inner.fill_buf()?;
                        if next.first() == Some(&b'\n') {
                            self.inner.consume(1);
                            newline = true;
                            break;
                        }
                        if next.is_empty() {
                            break;
                        }
                        self.number += 1;
                        self.pending_rest = true;
                        return Ok(Some(LineRead::TooLong));
                    }
                }
            }
        }
        let cr = buf.last() == Some(&b'\r');
        if cr {
            buf.pop();
        }
        self.ending = match (cr, newline) {
            (true, true) => b"\r\n",
            (false, true) => b"\n",
            (true, false) => b"\r",
            (false, false) => b"",
        };
        self.number += 1;
        Ok(Some(LineRead::Complete))
    }

    /// Copy the unread rest of a too-long line to `out`, without its newline.
    /// Returns the number of bytes copied.
    pub fn copy_rest(&mut self, out: &mut dyn Write) -> io::Result<u64> {
        self.drain_rest(Some(out))
    }

    /// Discard the unread rest of a too-long line. Returns the number of bytes dropped.
    pub fn skip_rest(&mut self) -> io::Result<u64> {
        self.drain_rest(None)
    }

    fn drain_rest(&mut self, mut out: Option<&mut dyn Write>) -> io::Result<u64> {
        if !self.pending_rest {
            return Ok(0);
        }
        self.pending_rest = false;
        let mut n = 0u64;
        loop {
            let chunk = self.inner.fill_buf()?;
            if chunk.is_empty() {
                self.ending = b"";
                return Ok(n);
            }
            let (end, done) = match newline_in(chunk) {
                Some(i) => (i, true),
                None => (chunk.len(), false),
            };
            if let Some(w) = out.as_deref_mut() {
                w.write_all(&chunk[..end])?;
            }
            n += end as u64;
            self.inner.consume(end + usize::from(done));
            // The rest of a line ends with its newline (any `\r` was copied with the rest).
            self.ending = if done { b"\n" } else { b"" };
            if done {
                return Ok(n);
            }
        }
    }
}

fn newline_in(s: &[u8]) -> Option<usize> {
    s.iter().position(|&b| b == b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], cap: usize) -> Vec<(Vec<u8>, LineRead)> {
        // A tiny buffer makes every read cross chunk boundaries.
        let mut r = LineReader::new(io::BufReader::with_capacity(3, input), cap);
        let mut buf = Vec::new();
        let mut out = Vec::new();
        while let Some(kind) = r.next_line(&mut buf).expect("read") {
            out.push((buf.clone(), kind));
        }
        out
    }

    #[test]
    fn splits_lines_and_strips_crlf() {
        let got = lines(b"ab\r\ncd\n\nlast", 100);
        let texts: Vec<&[u8]> = got.iter().map(|(b, _)| b.as_slice()).collect();
        assert_eq!(texts, [&b"ab"[..], b"cd", b"", b"last"]);
        assert!(got.iter().all(|(_, k)| *k == LineRead::Complete));
    }

    #[test]
    fn each_line_remembers_how_it_ended() {
        let mut r = LineReader::new(io::BufReader::with_capacity(3, &b"ab\r\ncd\nlast"[..]), 100);
        let mut buf = Vec::new();
        let mut endings = Vec::new();
        while r.next_line(&mut buf).expect("read").is_some() {
            endings.push(r.line_ending());
        }
        assert_eq!(endings, [&b"\r\n"[..], b"\n", b""]);
    }

    #[test]
    fn a_line_over_the_cap_is_cut_and_the_next_line_is_intact() {
        let got = lines(b"0123456789\nok\n", 4);
        assert_eq!(got[0], (b"0123".to_vec(), LineRead::TooLong));
        assert_eq!(got[1], (b"ok".to_vec(), LineRead::Complete));
        assert_eq!(got.len(), 2);
        let exact = lines(b"0123\nok", 4);
        assert_eq!(exact[0], (b"0123".to_vec(), LineRead::Complete));
    }

    #[test]
    fn the_rest_of_a_long_line_can_be_passed_through() {
        let input = b"0123456789\nok\n";
        let mut r = LineReader::new(io::BufReader::with_capacity(2, &input[..]), 3);
        let mut buf = Vec::new();
        assert_eq!(
            r.next_line(&mut buf).expect("read"),
            Some(LineRead::TooLong)
        );
        let mut out = buf.clone();
        assert_eq!(r.copy_rest(&mut out).expect("copy"), 7);
        assert_eq!(out, b"0123456789");
        assert_eq!(r.line_number(), 1);
        assert_eq!(
            r.next_line(&mut buf).expect("read"),
            Some(LineRead::Complete)
        );
        assert_eq!(buf, b"ok");
        assert_eq!(r.line_number(), 2);
    }
}
