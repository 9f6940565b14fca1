// Starts `concord lsp` for .concord and .scenarios files when the `concord` command is on the
// PATH (or at the path set in `concord.server.path`): the checker's findings as you type,
// hover with voting power, go to definition, rename, completion, formatting and quick fixes.
// Without the command, the extension still gives highlighting, brackets and indentation.
"use strict";

const vscode = require("vscode");
const { execFileSync } = require("child_process");

let client;

function serverCommand() {
  const configured = vscode.workspace.getConfiguration("concord").get("server.path");
  const command = configured && configured.trim() !== "" ? configured : "concord";
  try {
    execFileSync(command, ["--version"], { stdio: "ignore", timeout: 5000 });
    return command;
  } catch (_) {
    return undefined;
  }
}

function activate(context) {
  const command = serverCommand();
  if (!command) {
    vscode.window.showInformationMessage(
      "Concord: the `concord` command was not found, so agreements are highlighted but not checked as you type. Install concord, or set `concord.server.path`.",
    );
    return;
  }
  let languageClient;
  try {
    languageClient = require("vscode-languageclient/node");
  } catch (_) {
    vscode.window.showWarningMessage(
      "Concord: run `npm install --omit=dev` in the extension's folder to check agreements as you type.",
    );
    return;
  }
  const { LanguageClient, TransportKind } = languageClient;
  const server = { command, args: ["lsp"], transport: TransportKind.stdio };
  client = new LanguageClient(
    "concord",
    "Concord",
    { run: server, debug: server },
    {
      documentSelector: [
        { scheme: "file", language: "concord" },
        { scheme: "untitled", language: "concord" },
      ],
    },
  );
  context.subscriptions.push({ dispose: () => client && client.stop() });
  client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
