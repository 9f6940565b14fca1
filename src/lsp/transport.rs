//! Messages over standard input and output, framed by `Content-Length` headers.
//!
//! `lsp-server`'s own stdio transport stops at the first frame that is not a protocol message
//! and allocates whatever length a header claims. This one is stricter about what it trusts: a
//! frame whose text is not JSON, or not a message, is answered with an error when it carries
//! an id and otherwise dropped; a frame longer than [`MAX_FRAME`] is read past, not stored; a
//! header it cannot read is skipped. Only the end of input (or `exit`) stops it.

use std::io::{self, BufRead, Read, Write};
use std::thread::JoinHandle;

use crossbeam_channel::{unbounded, Sender};
use lsp_server::{Connection, ErrorCode, Message, RequestId, Response};

/// The longest frame read: a document at the size limit, escaped as JSON, with room to spare.
pub const MAX_FRAME: usize = 64 * 1024 * 1024;

/// What one frame held.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// The text of a frame.
    Text(String),
    /// A frame that was too long, or not UTF-8: read past.
    Skipped,
}

/// Reads one frame; `None` at the end of input.
pub fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Frame>> {
    let mut length: Option<usize> = None;
    let mut line = String::new();
    loop {
        line.clear();
        // A header line is short; one that is not is read past.
        let read = input.by_ref().take(4096).read_line(&mut line);
        match read {
            Ok(0) => return Ok(None),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::InvalidData => continue,
            Err(e) => return Err(e),
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if length.is_some() {
                break;
            }
            continue;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok();
            }
        }
    }
    let length = length.unwrap_or(0);
    if length > MAX_FRAME {
        let skipped = io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())?;
        return if (skipped as usize) < length { Ok(None) } else { Ok(Some(Frame::Skipped)) };
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(String::from_utf8(body).map_or(Frame::Skipped, Frame::Text)))
}

/// The error answer for a frame that is not a message, when it has an id to answer.
pub fn refuse(text: &str) -> Option<Response> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let id: RequestId = serde_json::from_value(value.get("id")?.clone()).ok()?;
    let message = "this is not a Language Server Protocol request Concord can read".to_string();
    Some(Response::new_err(id, ErrorCode::InvalidRequest as i32, message))
}

/// A connection on standard input and output, and the thread that writes (join it to flush).
pub fn stdio() -> (Connection, JoinHandle<io::Result<()>>) {
    let (to_writer, outgoing) = unbounded::<Message>();
    let writer = std::thread::spawn(move || {
        let mut stdout = io::stdout().lock();
        for message in outgoing {
            message.write(&mut stdout)?;
        }
        stdout.flush()
    });
    let (incoming, receiver) = unbounded::<Message>();
    let answer = to_writer.clone();
    std::thread::spawn(move || read_all(&mut io::stdin().lock(), &incoming, &answer));
    (Connection { sender: to_writer, receiver }, writer)
}

/// Reads messages until the end of input or `exit`, answering frames that are not messages.
pub fn read_all(input: &mut impl BufRead, incoming: &Sender<Message>, answer: &Sender<Message>) {
    while let Ok(Some(frame)) = read_frame(input) {
        let Frame::Text(text) = frame else { continue };
        // A request whose method is not a text reads as a response; it is refused instead.
        let parsed = serde_json::from_str::<Message>(&text).ok().filter(|m| {
            !matches!(m, Message::Response(_))
                || serde_json::from_str::<serde_json::Value>(&text).is_ok_and(|v| v.get("method").is_none())
        });
        match parsed {
            Some(message) => {
                let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if incoming.send(message).is_err() || exit {
                    return;
                }
            }
            None => {
                if let Some(response) = refuse(&text) {
                    let _ = answer.send(response.into());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_that_are_not_messages_do_not_stop_the_reader() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = format!(
            "Content-Length: 5\r\n\r\n{{oops\
             Content-Length: 99999999999\r\n\r\nxx\
             garbage header\r\n\r\nContent-Length: 19\r\n\r\n{{\"id\":4,\"method\":7}}\
             Content-Length: {}\r\n\r\n{good}",
            good.len()
        );
        let mut reader = io::BufReader::new(input.as_bytes());
        let (incoming, received) = unbounded();
        let (answer, answers) = unbounded();
        read_all(&mut reader, &incoming, &answer);
        // The huge frame swallows the rest, as its length says: nothing else arrives, and
        // nothing is allocated for it.
        assert!(received.try_recv().is_err());
        assert!(answers.try_recv().is_err());

        let input = format!(
            "Content-Length: 5\r\n\r\n{{oopsContent-Length: 19\r\n\r\n{{\"id\":4,\"method\":7}}Content-Length: {}\r\n\r\n{good}",
            good.len()
        );
        let mut reader = io::BufReader::new(input.as_bytes());
        read_all(&mut reader, &incoming, &answer);
        assert!(matches!(received.try_recv(), Ok(Message::Notification(_))));
        assert!(matches!(answers.try_recv(), Ok(Message::Response(r)) if r.error.is_some()));
    }
}
