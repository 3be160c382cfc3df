/** Text made safe inside HTML, in element content and in quoted attribute values alike: the one escape every page uses. */
export function escapeHtml(s: unknown): string {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
