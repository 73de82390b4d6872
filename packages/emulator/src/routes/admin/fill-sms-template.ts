/** Duo's wording when a request sends no `activation_msg` (as shown in Duo's client docs). */
export const DEFAULT_ACTIVATION_MSG = 'To activate the Duo Mobile app, click this link: <acturl>';

/** Duo's wording when a request sends no `installation_msg`. */
export const DEFAULT_INSTALLATION_MSG = 'Welcome to Duo! To install the Duo Mobile app, click this link: <insturl>';

/**
 * The text an SMS carries: the template with every `placeholder` (`<acturl>`, `<insturl>`) replaced
 * by the URL, as Duo's answer echoes the message it sent rather than the template it was given.
 */
export function fillSmsTemplate(template: string, placeholder: '<acturl>' | '<insturl>', url: string): string {
  return template.split(placeholder).join(url);
}
