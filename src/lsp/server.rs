//! The server loop: messages in, answers out, in order. Each request is answered from the
//! latest text; text changes queued behind one another are applied together and the document
//! is checked once, for its latest text. No client message can stop the server: a malformed
//! request gets an error response, and a fault in answering one is caught and reported as one.

use std::collections::{BTreeSet, HashMap};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionParams, CodeActionProviderCapability, CompletionOptions, CompletionParams, CompletionResponse,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams, DocumentFormattingParams,
    DocumentSymbolParams, DocumentSymbolResponse, GotoDefinitionParams, GotoDefinitionResponse, HoverParams,
    HoverProviderCapability, OneOf, Position, PositionEncodingKind, PrepareRenameResponse, PublishDiagnosticsParams,
    ReferenceParams, RenameOptions, RenameParams, ServerCapabilities, ServerInfo, TextDocumentPositionParams,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::document::{Agreed, Document, Text};
use super::names::Symbol;
use super::{actions, complete, diagnostics, format, hover, navigate, symbols};

/// What the server offers the editor.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            ..TextDocumentSyncOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), " ".into()]),
            ..CompletionOptions::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

/// Runs the server on standard input and output until the editor says to exit.
pub fn run() -> Result<(), String> {
    let (connection, writer) = super::transport::stdio();
    let init = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": ServerInfo { name: "concord".into(), version: Some(env!("CARGO_PKG_VERSION").into()) },
    });
    connection.initialize_start().map_err(|e| format!("the editor did not start the conversation: {e}")).and_then(
        |(id, _params)| {
            connection.initialize_finish(id, init).map_err(|e| format!("the editor did not finish starting: {e}"))
        },
    )?;
    let result = serve(&connection);
    drop(connection);
    match writer.join() {
        Ok(Ok(())) => result,
        Ok(Err(e)) => Err(format!("the connection to the editor failed: {e}")),
        Err(_) => Err("the connection to the editor failed".to_string()),
    }
}

fn serve(connection: &Connection) -> Result<(), String> {
    let mut server = Server::default();
    let mut shutting_down = false;
    let send = |message: Message| connection.sender.send(message).map_err(|_| "the editor went away".to_string());
    while let Ok(first) = connection.receiver.recv() {
        // Everything already queued is taken at once, so a run of changes is checked once.
        let mut batch = vec![first];
        batch.extend(connection.receiver.try_iter());
        for message in batch {
            match message {
                Message::Request(request) if request.method == "shutdown" => {
                    shutting_down = true;
                    send(Response::new_ok(request.id, ()).into())?;
                }
                Message::Request(request) if shutting_down => {
                    let message = "the server is shutting down".to_string();
                    send(Response::new_err(request.id, ErrorCode::InvalidRequest as i32, message).into())?;
                }
                Message::Request(request) => send(server.request(request).into())?,
                Message::Notification(n) if n.method == "exit" => {
                    return match shutting_down {
                        true => Ok(()),
                        false => Err("the editor stopped the server without asking it to shut down first".to_string()),
                    };
                }
                Message::Notification(n) => server.notify(n),
                Message::Response(_) => {}
            }
        }
        for params in server.publish() {
            send(Notification::new("textDocument/publishDiagnostics".into(), params).into())?;
        }
    }
    Ok(())
}

/// The server's state: the open documents, and those whose diagnostics are due.
#[derive(Debug, Default)]
pub struct Server {
    documents: HashMap<Uri, Document>,
    due: BTreeSet<Uri>,
    closed: Vec<Uri>,
}

fn params<P: DeserializeOwned>(value: Value) -> Result<P, Response> {
    serde_json::from_value(value).map_err(|e| {
        Response::new_err(
            RequestId::from(0),
            ErrorCode::InvalidParams as i32,
            format!("the request's parameters are not as the protocol says: {e}"),
        )
    })
}

impl Server {
    /// Opens a document.
    pub fn open(&mut self, uri: Uri, text: String, version: i32) {
        self.documents.insert(uri.clone(), Document::new(uri.clone(), text, version));
        self.due.insert(uri);
    }

    /// Replaces a document's text.
    pub fn change(&mut self, uri: &Uri, text: String, version: i32) {
        if let Some(doc) = self.documents.get_mut(uri) {
            doc.change(text, version);
            self.due.insert(uri.clone());
        }
    }

    /// Handles a notification; a malformed one is ignored, as the protocol asks.
    pub fn notify(&mut self, n: Notification) {
        let _ = catch_unwind(AssertUnwindSafe(|| match n.method.as_str() {
            "textDocument/didOpen" => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) {
                    self.open(p.text_document.uri, p.text_document.text, p.text_document.version);
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) {
                    if let Some(change) = p.content_changes.into_iter().last() {
                        self.change(&p.text_document.uri, change.text, p.text_document.version);
                    }
                }
            }
            "textDocument/didSave" => {
                // Scenario files read their agreement from disk: check them again.
                for (uri, doc) in &mut self.documents {
                    if doc.path.as_ref().is_some_and(|p| p.extension().is_some_and(|e| e == "scenarios")) {
                        doc.invalidate();
                        self.due.insert(uri.clone());
                    }
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) {
                    self.documents.remove(&p.text_document.uri);
                    self.due.remove(&p.text_document.uri);
                    self.closed.push(p.text_document.uri);
                }
            }
            _ => {}
        }));
    }

    /// The diagnostics due: each changed document's, for its latest text.
    pub fn publish(&mut self) -> Vec<PublishDiagnosticsParams> {
        let mut out: Vec<PublishDiagnosticsParams> = std::mem::take(&mut self.closed)
            .into_iter()
            .map(|uri| PublishDiagnosticsParams { uri, diagnostics: Vec::new(), version: None })
            .collect();
        for uri in std::mem::take(&mut self.due) {
            let published = catch_unwind(AssertUnwindSafe(|| self.diagnostics(&uri)));
            if let Ok(Some(params)) = published {
                out.push(params);
            }
        }
        out
    }

    /// A document's diagnostics, checking its latest text.
    pub fn diagnostics(&mut self, uri: &Uri) -> Option<PublishDiagnosticsParams> {
        let doc = self.documents.get_mut(uri)?;
        let version = doc.version;
        let text = Arc::clone(&doc.text);
        let analysis = doc.analysis();
        let diagnostics = diagnostics::convert_all(&analysis.diagnostics, &text);
        Some(PublishDiagnosticsParams { uri: uri.clone(), diagnostics, version: Some(version) })
    }

    /// Answers a request; never fails to answer.
    pub fn request(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        let answer = catch_unwind(AssertUnwindSafe(|| self.answer(request)));
        match answer {
            Ok(Ok(value)) => Response { id, result: Some(value), error: None },
            Ok(Err(mut response)) => {
                response.id = id;
                response
            }
            Err(_) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                "Concord could not answer this request: a fault in the server (please report it)".into(),
            ),
        }
    }

    fn answer(&mut self, request: Request) -> Result<Value, Response> {
        let json = |v: Result<Value, serde_json::Error>| {
            v.map_err(|e| Response::new_err(RequestId::from(0), ErrorCode::InternalError as i32, e.to_string()))
        };
        match request.method.as_str() {
            "textDocument/hover" => {
                let p: HoverParams = params(request.params)?;
                json(serde_json::to_value(self.hover(&p.text_document_position_params)))
            }
            "textDocument/definition" => {
                let p: GotoDefinitionParams = params(request.params)?;
                let found = self.symbol(&p.text_document_position_params);
                let location = found.map(|(agreed, symbol, _)| navigate::definition(&agreed, &symbol));
                json(serde_json::to_value(location.map(GotoDefinitionResponse::Scalar)))
            }
            "textDocument/references" => {
                let p: ReferenceParams = params(request.params)?;
                let Some((agreed, symbol, _)) = self.symbol(&p.text_document_position) else { return Ok(Value::Null) };
                let texts = self.texts_of(&agreed);
                let texts: Vec<&Text> = texts.iter().map(|t| &**t).collect();
                json(serde_json::to_value(navigate::references(
                    &texts,
                    &agreed,
                    &symbol,
                    p.context.include_declaration,
                )))
            }
            "textDocument/prepareRename" => {
                let p: TextDocumentPositionParams = params(request.params)?;
                match self.symbol(&p) {
                    Some((_, _, span)) => {
                        let Some(doc) = self.documents.get(&p.text_document.uri) else { return Ok(Value::Null) };
                        let range = doc.text.lines.range(&doc.text.text, span);
                        json(serde_json::to_value(PrepareRenameResponse::Range(range)))
                    }
                    None => Err(refused(self.word_at(&p).map_or_else(
                        || "only a member, kind, bloc or decision can be renamed".to_string(),
                        |w| {
                            if navigate::is_keyword(&w) {
                                format!("`{w}` is a word of the language, not a name, so it cannot be renamed")
                            } else {
                                format!("`{w}` is not the name of a member, kind, bloc or decision")
                            }
                        },
                    ))),
                }
            }
            "textDocument/rename" => {
                let p: RenameParams = params(request.params)?;
                let Some((agreed, symbol, _)) = self.symbol(&p.text_document_position) else {
                    return Err(refused("only a member, kind, bloc or decision can be renamed".into()));
                };
                if let Some(reason) = navigate::refuse_name(&agreed, &symbol, &p.new_name) {
                    return Err(refused(reason));
                }
                let texts = self.texts_of(&agreed);
                let texts: Vec<&Text> = texts.iter().map(|t| &**t).collect();
                json(serde_json::to_value(navigate::rename(&texts, &agreed, &symbol, &p.new_name)))
            }
            "textDocument/completion" => {
                let p: CompletionParams = params(request.params)?;
                let at = &p.text_document_position;
                let agreed = self.agreed(&at.text_document.uri);
                let Some(doc) = self.documents.get(&at.text_document.uri) else { return Ok(Value::Null) };
                let offset = doc.text.lines.offset(&doc.text.text, at.position);
                let items = complete::complete(&doc.text, agreed.as_ref(), offset);
                json(serde_json::to_value(CompletionResponse::Array(items)))
            }
            "textDocument/documentSymbol" => {
                let p: DocumentSymbolParams = params(request.params)?;
                let Some(doc) = self.documents.get(&p.text_document.uri) else { return Ok(Value::Null) };
                json(serde_json::to_value(DocumentSymbolResponse::Nested(symbols::outline(&doc.text))))
            }
            "textDocument/formatting" => {
                let p: DocumentFormattingParams = params(request.params)?;
                let Some(doc) = self.documents.get(&p.text_document.uri) else { return Ok(Value::Null) };
                json(serde_json::to_value(format::format(&doc.text)))
            }
            "textDocument/codeAction" => {
                let p: CodeActionParams = params(request.params)?;
                let Some(doc) = self.documents.get_mut(&p.text_document.uri) else { return Ok(Value::Null) };
                let text = Arc::clone(&doc.text);
                json(serde_json::to_value(actions::actions(&text, doc.analysis(), p.range)))
            }
            method => Err(Response::new_err(
                RequestId::from(0),
                ErrorCode::MethodNotFound as i32,
                format!("Concord's server does not answer `{method}`"),
            )),
        }
    }

    /// The hover text at a position.
    pub fn hover(&mut self, at: &TextDocumentPositionParams) -> Option<lsp_types::Hover> {
        let (_, symbol, _) = self.symbol(at)?;
        let doc = self.documents.get_mut(&at.text_document.uri)?;
        hover::hover(doc.analysis(), &symbol)
    }

    /// The agreement a document's names come from: its own, or for a scenario file the one it
    /// names (the editor's text of it when that is open).
    fn agreed(&mut self, uri: &Uri) -> Option<Agreed> {
        let own = self.documents.get_mut(uri)?.analysis().agreed.clone()?;
        if &own.text.uri == uri {
            return Some(own);
        }
        match self.documents.get_mut(&own.text.uri) {
            Some(agreement) => agreement.analysis().agreed.clone().or(Some(own)),
            None => Some(own),
        }
    }

    fn symbol(&mut self, at: &TextDocumentPositionParams) -> Option<(Agreed, Symbol, crate::span::Span)> {
        let agreed = self.agreed(&at.text_document.uri)?;
        let doc = self.documents.get(&at.text_document.uri)?;
        let offset = doc.text.lines.offset(&doc.text.text, at.position);
        let (symbol, span) = navigate::symbol_at(&doc.text, &agreed, offset)?;
        Some((agreed, symbol, span))
    }

    fn word_at(&self, at: &TextDocumentPositionParams) -> Option<String> {
        let doc = self.documents.get(&at.text_document.uri)?;
        let offset = doc.text.lines.offset(&doc.text.text, at.position);
        let token = super::names::token_at(&doc.text.tokens, offset)?;
        doc.text.text.get(token.span.start..token.span.end).map(str::to_string)
    }

    /// The agreement's text and every open document whose names come from it.
    fn texts_of(&mut self, agreed: &Agreed) -> Vec<Arc<Text>> {
        let mut out = vec![Arc::clone(&agreed.text)];
        for doc in self.documents.values_mut() {
            let text = Arc::clone(&doc.text);
            let from = doc.analysis().agreed.as_ref().map(|a| a.text.uri.clone());
            if from.as_ref() == Some(&agreed.text.uri) && text.uri != agreed.text.uri {
                out.push(text);
            }
        }
        out
    }

    /// Whether every open document's latest text has been checked.
    pub fn is_idle(&self) -> bool {
        self.due.is_empty() && self.documents.values().all(Document::is_checked)
    }

    /// A position in an open document, for callers in process (the benchmark).
    pub fn at(uri: &Uri, line: u32, character: u32) -> TextDocumentPositionParams {
        TextDocumentPositionParams {
            text_document: lsp_types::TextDocumentIdentifier { uri: uri.clone() },
            position: Position { line, character },
        }
    }
}

fn refused(message: String) -> Response {
    Response::new_err(RequestId::from(0), ErrorCode::RequestFailed as i32, super::diagnostics::capitalised(&message))
}
