// Highlights the SPARQL text on a shipped query's page. A file, not an inline
// script, since the Content-Security-Policy allows scripts from the app only.
import { highlightBlock } from "./sparql-editor.js";

document.querySelectorAll("code[data-sparql]").forEach(highlightBlock);
