// Escapes text for the places the web app writes it into HTML (markup strings, attribute values).
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
