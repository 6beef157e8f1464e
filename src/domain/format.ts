// Formatting figures for the messages the API writes about them.

/** 30000000 → "30,000,000 USD" (without Intl, whose first use costs tens of milliseconds at start-up). */
export function formatUsd(n: number): string {
  const [whole, fraction] = String(n).split('.');
  const grouped = (whole ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${grouped}${fraction ? `.${fraction}` : ''} USD`;
}
