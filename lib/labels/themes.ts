/**
 * Transparent themes for the borderline messages the refined prompt rules on.
 * For reading the flips only; never a model feature.
 */
export const THEMES: ReadonlyArray<{ theme: string; pattern: RegExp }> = [
  {
    theme: "psychological safety / speaking up",
    pattern: /safe (space|to (speak|say|ask|raise|share))|psychological(ly)? safe|speak up|no blame|blameless/i,
  },
  {
    theme: "health campaigns and infection control",
    pattern: /\bflu\b|vaccin|\bjabs?\b|booster|covid|infection|health check|blood drive|visiting rota/i,
  },
  {
    theme: "emotional support and wellbeing",
    pattern:
      /wellbeing|well-being|mental health|dark place|checking in on|check(ed)? in on me|space to vent|support line|after that awful|abusive customer/i,
  },
  { theme: "privacy and data protection", pattern: /privacy|consent form|gdpr|data protection|personal data/i },
  { theme: "business continuity", pattern: /business continuity|disaster recovery|continuity plan/i },
  { theme: "access and IT support", pattern: /password|log ?in|access|account|laptop|vpn|mfa|2fa|locked out|reset/i },
  {
    theme: "'secured' a deal, funding or approval",
    pattern:
      /secur(ed|ing) (the |a |an |our |that |this )?(deal|contract|funding|grant|approval|budget|sponsor|client|renewal|order|account|partnership)/i,
  },
  { theme: "job or financial security", pattern: /job security|financial security|secure (future|job|pension)/i },
  {
    theme: "'safe travels' and other idioms",
    pattern: /safe (travels|trip|journey|flight|and sound)|safe hands|safe bet|play(ed)? it safe|safe to say/i,
  },
];

/** The first matching theme, or "other". */
export function themeOf(message: string): string {
  return THEMES.find((t) => t.pattern.test(message))?.theme ?? "other";
}
