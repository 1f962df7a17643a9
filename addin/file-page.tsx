/**
 * The browser file mode's page (index.html): a workbook opened in the page, scored by the CLI's
 * pipeline and .xlsx writer, downloaded again. Nothing here (or in what it imports) touches
 * Office: the page loads no office.js, so it never contacts Microsoft (office.js opens a
 * telemetry frame a few seconds after loading, even in a plain browser). Excel opens its own
 * page, excel.html (excel-page.tsx).
 */
import { createRoot } from "react-dom/client";
import { createFileOperations } from "./file-mode/file-operations.js";
import { App } from "./taskpane/App.js";
import { languagePreference } from "./taskpane/strings.js";

const preference = languagePreference();
const operations = createFileOperations();
const container = document.getElementById("root");
if (container) createRoot(container).render(<App operations={operations} workbookFile={operations} language={preference} />);
