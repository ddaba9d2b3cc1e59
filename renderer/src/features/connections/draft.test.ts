import { describe, expect, it } from 'vitest';
import { ConnectionDraftSchema } from '../../../../shared/ipc/contracts/connections';
import { emptyFormValues, issuesToFieldErrors, placeErrors, toDraft, validateForm } from './draft';

const base = { ...emptyFormValues(false), name: 'Local', password: '' };

describe('connection form draft', () => {
  it('SEC-07 (renderer side): the form is validated by the contract schema with per-field messages', () => {
    const { errors } = validateForm({ ...base, name: '  ', host: '', user: '', database: '', port: '70000' });
    expect(errors.name).toBe('Name is required');
    expect(errors.host).toBe('Host is required');
    expect(errors.user).toBe('User is required');
    expect(errors.database).toBe('Database is required');
    expect(errors.port).toBe('Port must be 1–65535');
  });

  it('SEC-07 (renderer side): a non-numeric port gets the port message, not a type error', () => {
    expect(validateForm({ ...base, port: '54x' }).errors.port).toBe('Port must be 1–65535');
  });

  it('SEC-07 (renderer side): a valid form produces a draft the same schema accepts', () => {
    const { draft, errors } = validateForm({ ...base, password: 'pw' });
    expect(errors).toEqual({});
    expect(ConnectionDraftSchema.parse(draft)).toMatchObject({ host: '127.0.0.1', port: 5432, password: 'pw' });
  });

  it('URL mode requires a URL and sends no separate fields', () => {
    expect(validateForm({ ...base, mode: 'url', url: '' }).errors.url).toBe('URL is required');
    const draft = toDraft({ ...base, mode: 'url', url: 'postgres://u@h/d' });
    expect(draft).toEqual({ name: 'Local', environment: 'development', askPassword: false, url: 'postgres://u@h/d' });
  });

  it('SEC-08 (renderer side): "ask every time" never sends a password to be stored, but a test may use it', () => {
    const values = { ...base, id: 'abc', askPassword: true, password: 'canary' };
    expect(toDraft(values, 'save').password).toBeNull();
    expect(toDraft(values, 'test').password).toBe('canary');
    // An empty password field keeps the stored one: the key is absent, not an empty string.
    expect('password' in toDraft({ ...base, id: 'abc' }, 'save')).toBe(false);
  });

  it("main's validation issues map to fields, including connections.test's nested draft", () => {
    expect(
      issuesToFieldErrors([
        { path: ['draft', 'host'], message: 'bad host' },
        { path: ['port'], message: 'bad port' },
        { path: [], message: 'URL or host needed' },
      ]),
    ).toEqual({ host: 'bad host', port: 'bad port', form: 'URL or host needed' });
  });
});

describe('connection form draft, URL mode', () => {
  it("errors about URL parts land on the URL field when the fields are hidden", () => {
    expect(placeErrors({ host: 'The URL has no host.', name: 'x' }, 'url')).toEqual({ url: 'The URL has no host.', name: 'x' });
    expect(placeErrors({ host: 'h' }, 'fields')).toEqual({ host: 'h' });
  });
});
