export { chartsSheet } from "./charts.js";
export { detailsSheet } from "./details.js";
export { logSheet, type RunRecord } from "./log.js";
export { reportSheet } from "./report.js";
export { resultsSheet } from "./results.js";
