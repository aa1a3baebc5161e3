import { dedent } from '../src/dedent.ts';

describe('dedent', () => {
  it('removes the shared indentation and the blank edges of an indented template', () => {
    const text = `
      query Plants {
        plants { code }
      }
    `;
    expect(dedent(text)).toBe('query Plants {\n  plants { code }\n}\n');
  });

  it('leaves text without shared indentation as it is', () => {
    expect(dedent('a\n  b')).toBe('a\n  b\n');
  });
});
