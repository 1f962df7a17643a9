/// <reference types="office-js" />
/**
 * The page Excel opens in the task pane (excel.html, the manifest's SourceLocation), the only
 * page that loads office.js. Once Office reports the Excel host, the Office.js adapter acts on
 * the open workbook. Anywhere else (a plain browser, another Office host, file://) it says so
 * and links to the browser file mode's own page, which loads no Office code at all.
 */
import { Button, Spinner } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { createExcelOperations } from "./excel/excel-operations.js";
import type { SkippedFeature } from "./excel/requirements.js";
import type { TaskPaneOperations } from "./operations.js";
import { App, FailureBar, Shell } from "./taskpane/App.js";
import { languagePreference, translate, useStrings, type Language, type LanguagePreference } from "./taskpane/strings.js";
import { describeFailure, type Failure } from "./taskpane/useTask.js";

/** How long to wait for Office before offering the file mode (Excel itself can take a while). */
const SLOW_START_MS = 8_000;
/** The browser file mode's page, beside this one. */
const FILE_MODE_PAGE = "index.html";

interface Started {
  readonly operations: TaskPaneOperations;
  readonly skippedFeatures: () => readonly SkippedFeature[];
}

/**
 * The host Office reports, or null outside Office: a plain browser, or the page opened from
 * disk (Office never loads a task pane from file://, and office.js waits forever there).
 */
function officeHost(language: Language): Promise<Office.HostType | null> {
  if (location.protocol === "file:") return Promise.resolve(null);
  if (typeof Office === "undefined" || typeof Office.onReady !== "function")
    return Promise.reject(new Error(translate(language, "officeJsMissing")));
  return new Promise((resolve) => void Office.onReady((info) => resolve(info.host ?? null)));
}

/** Excel operations once Office reports Excel; null when this page is not inside Excel. */
async function start(preference: LanguagePreference): Promise<Started | null> {
  const host = await officeHost(preference.current);
  if (host === null || host !== Office.HostType.Excel) return null;
  const operations = createExcelOperations();
  return { operations, skippedFeatures: operations.skippedFeatures };
}

function Root({ preference }: { preference: LanguagePreference }) {
  const [started, setStarted] = useState<Started | null | undefined>(undefined);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [slow, setSlow] = useState(false);
  const [language, setLanguage] = useState(preference.current);

  useEffect(() => {
    let live = true;
    start(preference).then(
      (s) => live && setStarted(s),
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
      <Starting failure={failure} slow={slow} notInExcel={started === null} />
    </Shell>
  );
}

function Starting({ failure, slow, notInExcel }: { failure: Failure | null; slow: boolean; notInExcel: boolean }) {
  const t = useStrings();
  const waiting = !failure && !notInExcel;
  return (
    <>
      {failure && <FailureBar failure={failure} titleId="startFailed" />}
      {waiting && <Spinner label={t("starting")} />}
      {notInExcel && <p data-testid="not-in-excel">{t("notInExcel")}</p>}
      {waiting && slow && <p>{t("startSlow")}</p>}
      {(!waiting || slow) && <Button onClick={() => location.assign(FILE_MODE_PAGE)}>{t("useFileMode")}</Button>}
    </>
  );
}

const container = document.getElementById("root");
if (container) createRoot(container).render(<Root preference={languagePreference()} />);
