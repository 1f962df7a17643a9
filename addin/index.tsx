/// <reference types="office-js" />
/**
 * The task pane's one production module: picks the operations for where the page runs and
 * renders the React app with them. Inside Excel (Office.onReady reports the Excel host) the
 * Office.js adapter acts on the open workbook; anywhere else (a plain browser, office.js not
 * reachable) the browser file mode works on a file opened in the page.
 */
import { Button, Spinner } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { createExcelOperations } from "./excel/excel-operations.js";
import type { SkippedFeature } from "./excel/requirements.js";
import { createFileOperations, type WorkbookFile } from "./file-mode/file-operations.js";
import type { TaskPaneOperations } from "./operations.js";
import { App, FailureBar, Shell } from "./taskpane/App.js";
import { languagePreference, useStrings, type LanguagePreference } from "./taskpane/strings.js";
import { describeFailure, type Failure } from "./taskpane/useTask.js";

/** How long to wait for Office before offering the file mode (Excel itself can take a while). */
const SLOW_START_MS = 8_000;

interface Started {
  readonly operations: TaskPaneOperations;
  readonly workbookFile?: WorkbookFile;
  readonly skippedFeatures?: () => readonly SkippedFeature[];
}

/**
 * The host Office reports, or null outside Office: office.js missing, a plain browser, or the
 * page opened from disk (Office never loads a task pane from file://, and office.js waits forever there).
 */
function officeHost(): Promise<Office.HostType | null> {
  if (location.protocol === "file:") return Promise.resolve(null);
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return Promise.resolve(null);
  return new Promise((resolve) => void Office.onReady((info) => resolve(info.host ?? null)));
}

function fileMode(): Started {
  const operations = createFileOperations();
  return { operations, workbookFile: operations };
}

async function start(): Promise<Started> {
  const host = await officeHost();
  if (host !== null && host === Office.HostType.Excel) {
    const operations = createExcelOperations();
    return { operations, skippedFeatures: operations.skippedFeatures };
  }
  return fileMode();
}

function Root({ preference }: { preference: LanguagePreference }) {
  const [started, setStarted] = useState<Started | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [slow, setSlow] = useState(false);
  const [language, setLanguage] = useState(preference.current);

  useEffect(() => {
    let live = true;
    start().then(
      (s) => live && setStarted((current) => current ?? s),
      (e: unknown) => live && setFailure(describeFailure(e)),
    );
    const timer = setTimeout(() => setSlow(true), SLOW_START_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [preference]);

  if (started) return <App {...started} language={preference} />;
  return (
    <Shell
      language={language}
      onLanguage={(l) => {
        preference.set(l);
        setLanguage(l);
      }}
    >
      <Starting failure={failure} slow={slow} onFileMode={() => setStarted(fileMode())} />
    </Shell>
  );
}

function Starting({ failure, slow, onFileMode }: { failure: Failure | null; slow: boolean; onFileMode: () => void }) {
  const t = useStrings();
  return (
    <>
      {failure ? <FailureBar failure={failure} titleId="startFailed" /> : <Spinner label={t("starting")} />}
      {(failure || slow) && (
        <>
          {!failure && <p>{t("startSlow")}</p>}
          <Button onClick={onFileMode}>{t("useFileMode")}</Button>
        </>
      )}
    </>
  );
}

const container = document.getElementById("root");
if (container) createRoot(container).render(<Root preference={languagePreference()} />);
