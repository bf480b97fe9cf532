export const WIDGET_BUDGET_BYTES: number;
export interface FileSize {
  raw: number;
  gzip: number;
}
export function widgetSize(dir?: string): { js: FileSize; css: FileSize; totalGzip: number; budget: number };
