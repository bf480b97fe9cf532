export const WIDGET_OUT: string;
export function buildWidget(options?: { outdir?: string }): Promise<string>;
