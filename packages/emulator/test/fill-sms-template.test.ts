import { describe, expect, it } from 'vitest';
import { DEFAULT_ACTIVATION_MSG, DEFAULT_INSTALLATION_MSG, fillSmsTemplate } from '../src/routes/admin/fill-sms-template.js';

const URL_ = 'https://m-1a2b.duosecurity.com/iphone/0123';

describe('fillSmsTemplate', () => {
  it.each<[string, '<acturl>' | '<insturl>', string]>([
    ['Tap <acturl>', '<acturl>', `Tap ${URL_}`],
    ['<acturl> then <acturl>', '<acturl>', `${URL_} then ${URL_}`],
    ['Get it: <insturl> (not <acturl>)', '<insturl>', `Get it: ${URL_} (not <acturl>)`],
    ['no placeholder', '<acturl>', 'no placeholder'],
    ['<ACTURL> is not the placeholder', '<acturl>', '<ACTURL> is not the placeholder'],
    ['$& and $1 stay literal: <acturl>', '<acturl>', `$& and $1 stay literal: ${URL_}`],
  ])('%s', (template, placeholder, want) => {
    expect(fillSmsTemplate(template, placeholder, URL_)).toBe(want);
  });

  it("Duo's default wording carries its placeholder", () => {
    expect(DEFAULT_ACTIVATION_MSG).toContain('<acturl>');
    expect(DEFAULT_INSTALLATION_MSG).toContain('<insturl>');
  });
});
